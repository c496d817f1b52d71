import { requireActiontrailAllRegionsEvents } from "../../policies/rules/require-actiontrail-all-regions-events";
import { requireCloudtrailMultiRegionValidation } from "../../policies/rules/require-cloudtrail-multi-region-validation";
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { mandatory, runStackPolicy } from "../reachability/policy-harness";
import { StackBuilder } from "../reachability/stack-builder";
import { Case, run, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { combinedTable, planTable } from "./combined-table";
import { StackCase, stackTable } from "./stack-table";

const TRAIL = "aws:cloudtrail/trail:Trail";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";
const OLD_TRAIL = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";
const good = { s3BucketName: UNKNOWN, isMultiRegionTrail: true, enableLogFileValidation: true };
const allRegions = { trailRegion: "All", eventRw: "All", status: "Enable" };
/** An OSS destination: without one an ActionTrail trail keeps no durable record and is never the account's trail. */
const toOss = { ossBucketName: "acme-actiontrail" };
const SLS = "acs:log:cn-hangzhou:1234567890123456:project/acme-actiontrail";

/** One advanced selector for management events, narrowed by one more field selector. */
const managementWith = (selector: Record<string, unknown>) => [
  { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, selector] },
];
describe("require-cloudtrail-multi-region-validation", () => {
  combinedTable(requireCloudtrailMultiRegionValidation, [
    { name: "compliant trail (bucket unknown at preview)", type: TRAIL, props: good, violations: 0 },
    { name: "single-region trail", type: TRAIL, props: { ...good, isMultiRegionTrail: false }, violations: 1 },
    { name: "defaults: single region, no validation", type: TRAIL, props: { s3BucketName: "b" }, violations: 2 },
    { name: "logging switched off", type: TRAIL, props: { ...good, enableLogging: false }, violations: 1 },
    {
      name: "validation unknown is a note",
      type: TRAIL,
      props: { ...good, enableLogFileValidation: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    // Management events: the console, IAM and API calls the investigation read.
    {
      name: "selector keeping CloudTrail's defaults",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: [UNKNOWN] }] }] },
      violations: 0,
    },
    {
      name: "write-only selector",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ readWriteType: "WriteOnly" }] },
      violations: 1,
      mentions: 'readWriteType is "WriteOnly": read events are dropped; use "All"',
    },
    {
      name: "read-only selector",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] },
      violations: 1,
      mentions: "write events are dropped",
    },
    {
      name: "read-only and write-only selectors together record everything",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }] },
      violations: 0,
    },
    {
      name: "management events switched off",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ includeManagementEvents: false, readWriteType: "All" }] },
      violations: 1,
      mentions: "includeManagementEvents",
    },
    {
      name: "data-only selector next to a management selector",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ includeManagementEvents: false }, { readWriteType: "All" }] },
      violations: 0,
    },
    {
      name: "excluded management event sources",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ excludeManagementEventSources: ["kms.amazonaws.com"] }] },
      violations: 1,
      mentions: "excludeManagementEventSources",
    },
    {
      name: "write-only selector that also excludes sources",
      type: TRAIL,
      props: {
        ...good,
        eventSelectors: [{ readWriteType: "WriteOnly", excludeManagementEventSources: ["kms.amazonaws.com"] }],
      },
      violations: 2,
    },
    {
      name: "empty exclusion list",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ excludeManagementEventSources: [] }] },
      violations: 0,
    },
    {
      name: "advanced selectors for data events only",
      type: TRAIL,
      props: {
        ...good,
        advancedEventSelectors: [
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
            ],
          },
        ],
      },
      violations: 1,
      mentions: 'eventCategory Equals ["Management"]',
    },
    {
      name: "advanced selectors with management events",
      type: TRAIL,
      props: {
        ...good,
        advancedEventSelectors: [
          { name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.ARN", startsWiths: [UNKNOWN] },
            ],
          },
        ],
      },
      violations: 0,
    },
    {
      name: "advanced management selector for writes only",
      type: TRAIL,
      props: { ...good, advancedEventSelectors: managementWith({ field: "readOnly", equals: ["false"] }) },
      violations: 1,
      mentions: "read events are dropped; remove the readOnly field selector",
    },
    {
      name: "advanced management selector for reads only, written with notEquals",
      type: TRAIL,
      props: { ...good, advancedEventSelectors: managementWith({ field: "readOnly", notEquals: ["false"] }) },
      violations: 1,
      mentions: "write events are dropped",
    },
    {
      name: "advanced management selector whose readOnly filter admits both values",
      type: TRAIL,
      props: { ...good, advancedEventSelectors: managementWith({ field: "readOnly", notEquals: ["maybe"] }) },
      violations: 0,
    },
    {
      name: "advanced management selector for writes only, written with startsWiths",
      type: TRAIL,
      props: { ...good, advancedEventSelectors: managementWith({ field: "readOnly", startsWiths: ["f"] }) },
      violations: 1,
      mentions: "read events are dropped",
    },
    {
      name: "advanced management selector excluding KMS",
      type: TRAIL,
      props: {
        ...good,
        advancedEventSelectors: managementWith({ field: "eventSource", notEquals: ["kms.amazonaws.com"] }),
      },
      violations: 1,
      mentions: "eventSource",
    },
    {
      name: "selector read/write type unknown is a note",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ readWriteType: UNKNOWN }] },
      violations: 0,
      notes: 1,
    },
    {
      name: "selectors unknown is a note",
      type: TRAIL,
      props: { ...good, eventSelectors: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "advanced selectors unknown is a note",
      type: TRAIL,
      props: { ...good, advancedEventSelectors: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown selector beside a complete one passes",
      type: TRAIL,
      props: { ...good, eventSelectors: [{ readWriteType: UNKNOWN }, { readWriteType: "All" }] },
      violations: 0,
    },
  ] as Case[]);
});

describe("require-actiontrail-all-regions-events", () => {
  combinedTable(requireActiontrailAllRegionsEvents, [
    {
      name: "explicit all/all/enable",
      type: ACTIONTRAIL,
      props: { trailRegion: "All", eventRw: "All", status: "Enable", ...toOss },
      violations: 0,
    },
    { name: "provider defaults", type: ACTIONTRAIL, props: { trailName: "t", ossBucketName: "b" }, violations: 0 },
    { name: "one region", type: ACTIONTRAIL, props: { trailRegion: "cn-hangzhou", ...toOss }, violations: 1 },
    { name: "write events only", type: ACTIONTRAIL, props: { eventRw: "Write", ...toOss }, violations: 1 },
    { name: "disabled", type: ACTIONTRAIL, props: { status: "Disable", ...toOss }, violations: 1 },
    {
      name: "all three wrong",
      type: ACTIONTRAIL,
      props: { trailRegion: "cn-shanghai", eventRw: "Read", status: "Disable", ...toOss },
      violations: 3,
    },
    {
      name: "unknown status is a note",
      type: ACTIONTRAIL,
      props: { status: UNKNOWN, ...toOss },
      violations: 0,
      notes: 1,
    },
    // The older resource defaults eventRw to Write: it must be set to All explicitly.
    {
      name: "deprecated trail recording all events",
      type: OLD_TRAIL,
      props: { trailRegion: "All", eventRw: "All", ...toOss },
      violations: 0,
    },
    {
      name: "deprecated trail with its default eventRw",
      type: OLD_TRAIL,
      props: { trailName: "t", ...toOss },
      violations: 1,
    },
    {
      name: "deprecated trail in one region, write only",
      type: OLD_TRAIL,
      props: { trailRegion: "cn-hangzhou", eventRw: "Write", ...toOss },
      violations: 2,
    },
    // Delivery: an SLS logstore can be deleted and takes no WORM lock; the account's trail needs an OSS bucket.
    {
      name: "all regions, delivered only to SLS",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, slsWriteRoleArn: "acs:ram::1:role/aliyunactiontraildefaultrole" },
      violations: 1,
      mentions: "trail res delivers only to SLS (slsProjectArn, no ossBucketName)",
    },
    {
      name: "SLS project unknown at preview and no bucket: still SLS only",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: UNKNOWN },
      violations: 1,
      mentions: "add ossBucketName naming an OSS bucket held by a Locked oss.BucketWorm",
    },
    {
      name: "SLS only with ossBucketName sent as an empty string",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, ossBucketName: "" },
      violations: 1,
    },
    {
      name: "SLS only with ossBucketName sent as null",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, ossBucketName: null },
      violations: 1,
    },
    {
      name: "deprecated trail delivered only to SLS",
      type: OLD_TRAIL,
      props: { ...allRegions, slsProjectArn: SLS },
      violations: 1,
      mentions: "delivers only to SLS",
    },
    {
      name: "SLS beside an OSS bucket (as AuditTrail delivers)",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, ossBucketName: "acme-actiontrail" },
      violations: 0,
    },
    {
      name: "OSS bucket unknown at preview beside SLS: require-evidence-oss-worm judges the bucket",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, ossBucketName: UNKNOWN },
      violations: 0,
    },
    {
      name: "SLS only, status unknown: the delivery is still a violation",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, status: UNKNOWN },
      violations: 1,
      notes: 1,
    },
    // No destination at all: nothing keeps the events beyond the console's event history.
    {
      name: "all regions, all events, delivered nowhere",
      type: ACTIONTRAIL,
      props: allRegions,
      violations: 1,
      mentions: "trail res delivers nowhere (no ossBucketName, slsProjectArn or maxComputeProjectArn)",
    },
    {
      name: "deprecated trail recording all events, delivered nowhere",
      type: OLD_TRAIL,
      props: { trailRegion: "All", eventRw: "All" },
      violations: 1,
      mentions: "delivers nowhere",
    },
    {
      name: "every destination sent as null or empty: delivered nowhere",
      type: ACTIONTRAIL,
      props: { ...allRegions, ossBucketName: null, slsProjectArn: "", maxComputeProjectArn: null },
      violations: 1,
      mentions: "delivers nowhere",
    },
    {
      name: "delivered nowhere, status unknown: the delivery is still a violation",
      type: ACTIONTRAIL,
      props: { trailRegion: "All", eventRw: "All", status: UNKNOWN },
      violations: 1,
      notes: 1,
    },
    {
      name: "delivered only to MaxCompute",
      type: ACTIONTRAIL,
      props: { ...allRegions, maxComputeProjectArn: "acs:odps:cn-hangzhou:1:project/audit" },
      violations: 1,
      mentions: "delivers only to MaxCompute (maxComputeProjectArn, no ossBucketName)",
    },
    {
      name: "MaxCompute project unknown at preview and no bucket: still MaxCompute only",
      type: ACTIONTRAIL,
      props: { ...allRegions, maxComputeProjectArn: UNKNOWN },
      violations: 1,
      mentions: "a MaxCompute table can be dropped and takes no WORM lock",
    },
    {
      name: "delivered to SLS and MaxCompute, no bucket",
      type: ACTIONTRAIL,
      props: { ...allRegions, slsProjectArn: SLS, maxComputeProjectArn: "acs:odps:cn-hangzhou:1:project/audit" },
      violations: 1,
      mentions: "delivers only to SLS and MaxCompute (slsProjectArn, maxComputeProjectArn, no ossBucketName)",
    },
    {
      name: "MaxCompute beside an OSS bucket",
      type: ACTIONTRAIL,
      props: { ...allRegions, ...toOss, maxComputeProjectArn: "acs:odps:cn-hangzhou:1:project/audit" },
      violations: 0,
    },
    {
      name: "OSS bucket unknown at preview and no other destination: require-evidence-oss-worm judges the bucket",
      type: ACTIONTRAIL,
      props: { ...allRegions, ossBucketName: UNKNOWN },
      violations: 0,
    },
  ] as Case[]);

  const trail = (name: string, props: Record<string, unknown>): StackInput => ({ type: ACTIONTRAIL, name, props });
  planTable(requireActiontrailAllRegionsEvents, [
    {
      name: "SLS-only trail beside an all-region trail delivering to OSS (a SIEM feed)",
      resources: [
        trail("account", { ...allRegions, ossBucketName: "acme-actiontrail" }),
        trail("siem", { ...allRegions, slsProjectArn: SLS }),
      ],
      violations: 0,
    },
    {
      name: "SLS-only all-region trail beside a one-region OSS trail: each is told what it lacks",
      resources: [
        trail("siem", { ...allRegions, slsProjectArn: SLS }),
        trail("regional", { trailRegion: "cn-hangzhou", ossBucketName: "acme-actiontrail" }),
      ],
      violations: 2,
      notes: 0,
    },
    {
      name: "SLS-only trail beside a trail whose region is unknown at preview: a note on the other",
      resources: [
        trail("siem", { ...allRegions, slsProjectArn: SLS }),
        trail("pending", { trailRegion: UNKNOWN, ossBucketName: "acme-actiontrail" }),
      ],
      violations: 0,
      notes: 2,
    },
    {
      name: "trail delivering nowhere beside the account's trail delivering to OSS: not the account's trail, not needed",
      resources: [trail("account", { ...allRegions, ...toOss }), trail("console", allRegions)],
      violations: 0,
    },
    {
      name: "all-region trail delivering nowhere beside a one-region OSS trail: each is told what it lacks",
      resources: [trail("console", allRegions), trail("regional", { trailRegion: "cn-hangzhou", ...toOss })],
      violations: 2,
      notes: 0,
    },
    {
      name: "trail delivering nowhere beside a trail whose status is unknown at preview: a note on the other",
      resources: [trail("console", allRegions), trail("pending", { ...allRegions, ...toOss, status: UNKNOWN })],
      violations: 0,
      notes: 2,
    },
  ] as StackCase[]);

  describe("failing closed", () => {
    const failClosed = { failClosed: true };
    it("keeps a trail delivering nowhere a violation, and makes an unknown status one too", async () => {
      const ds = await runStack(
        requireActiontrailAllRegionsEvents,
        [trail("console", { trailRegion: "All", eventRw: "All", status: UNKNOWN })],
        failClosed,
      );
      const own = await run(
        requireActiontrailAllRegionsEvents,
        ACTIONTRAIL,
        { status: UNKNOWN },
        { config: failClosed },
      );
      expect([...ds, ...own].map((d) => d.level)).toEqual(["mandatory", "mandatory"]);
      expect(ds[0].message).toContain("trail console delivers nowhere");
      expect(own[0].message).toContain("; failing closed");
    });
    it("accepts a bucket only known after apply: it is set, and require-evidence-oss-worm judges its lock", async () => {
      const ds = await runStack(
        requireActiontrailAllRegionsEvents,
        [trail("account", { ossBucketName: UNKNOWN })],
        failClosed,
      );
      expect(ds).toEqual([]);
    });
  });

  it("names the trail delivering nowhere, says why and how to fix it, on the trail", async () => {
    const ds = await runStack(requireActiontrailAllRegionsEvents, [trail("console", {})]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", urnOf(ACTIONTRAIL, "console")]]);
    expect(ds[0].message).toContain("nothing keeps its events beyond the 90 days of ActionTrail's event history");
    expect(ds[0].message).toContain("add ossBucketName naming an OSS bucket held by a Locked oss.BucketWorm");
  });

  it("names the SLS-only trail, says why and how to fix it, on the trail", async () => {
    const ds = await runStack(requireActiontrailAllRegionsEvents, [trail("audit", { slsProjectArn: SLS })]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", urnOf(ACTIONTRAIL, "audit")]]);
    expect(ds[0].message).toContain("trail audit delivers only to SLS");
    expect(ds[0].message).toContain("an SLS logstore can be deleted and takes no WORM lock");
    expect(ds[0].message).toContain("of at least 180 days (the kit's AuditTrail component creates both)");
  });
});

describe("require-audit-trail-for-compute", () => {
  const withTrail = (props?: Record<string, unknown>) => {
    const b = new StackBuilder();
    b.add("alicloud:ecs/instance:Instance", "erp", {});
    if (props) b.add(OLD_TRAIL, "trail", props);
    return runStackPolicy(requireAuditTrailForCompute, b.resources);
  };
  it("counts an enabled older ActionTrail resource as a trail, not a disabled one", async () => {
    expect(mandatory(await withTrail())).toHaveLength(1);
    expect(await withTrail({ eventRw: "All", ...toOss })).toEqual([]);
    expect(mandatory(await withTrail({ eventRw: "All", ...toOss, status: "Disable" }))).toHaveLength(1);
  });
  it("does not count an older ActionTrail resource delivering nowhere", async () => {
    expect(mandatory(await withTrail({ eventRw: "All" }))[0].message).toContain(
      "no enabled ActionTrail trail delivering to an OSS bucket (ossBucketName)",
    );
  });

  // Only a trail require-actiontrail-all-regions-events accepts as delivering durably counts as the audit trail.
  const ecs: StackInput = { type: "alicloud:ecs/instance:Instance", name: "erp", props: { keyName: "ops" } };
  const actionTrail = (props: Record<string, unknown>, name = "trail"): StackInput => ({
    type: ACTIONTRAIL,
    name,
    props,
  });
  stackTable(requireAuditTrailForCompute, [
    { name: "compute and a trail delivering to OSS", resources: [ecs, actionTrail(toOss)], violations: 0 },
    {
      name: "compute and a trail delivering to OSS and SLS",
      resources: [ecs, actionTrail({ ...toOss, slsProjectArn: SLS })],
      violations: 0,
    },
    {
      name: "compute and a trail whose bucket is unknown at preview",
      resources: [ecs, actionTrail({ ossBucketName: UNKNOWN })],
      violations: 0,
    },
    {
      name: "compute and only an SLS-only trail",
      resources: [ecs, actionTrail({ ...allRegions, slsProjectArn: SLS })],
      violations: 1,
      mentions: "no enabled ActionTrail trail delivering to an OSS bucket (ossBucketName)",
      urn: urnOf("alicloud:ecs/instance:Instance", "erp"),
    },
    {
      name: "compute and only a trail delivering nowhere",
      resources: [ecs, actionTrail(allRegions)],
      violations: 1,
      mentions: "a trail sending its events only to SLS or MaxCompute, or nowhere",
    },
    {
      name: "compute and only a MaxCompute-only trail",
      resources: [ecs, actionTrail({ maxComputeProjectArn: "acs:odps:cn-hangzhou:1:project/audit" })],
      violations: 1,
    },
    {
      name: "compute and an SLS-only trail whose SLS project is unknown at preview",
      resources: [ecs, actionTrail({ slsProjectArn: UNKNOWN })],
      violations: 1,
    },
    {
      name: "SLS-only trail with its status unknown at preview: it cannot count whatever the status",
      resources: [ecs, actionTrail({ slsProjectArn: SLS, status: UNKNOWN })],
      violations: 1,
    },
    {
      name: "OSS trail with its status unknown at preview: a note",
      resources: [ecs, actionTrail({ ...toOss, status: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "OSS trail with its status unknown at preview, failing closed",
      resources: [ecs, actionTrail({ ...toOss, status: UNKNOWN })],
      config: { failClosed: true },
      violations: 1,
      mentions: "failing closed",
    },
    {
      name: "SLS-only trail beside a disabled OSS trail",
      resources: [ecs, actionTrail({ slsProjectArn: SLS }, "siem"), actionTrail({ ...toOss, status: "Disable" })],
      violations: 1,
    },
    {
      name: "SLS-only trail beside an enabled OSS trail",
      resources: [ecs, actionTrail({ slsProjectArn: SLS }, "siem"), actionTrail(toOss)],
      violations: 0,
    },
    {
      name: "SLS-only trail with an organisation trail provided outside the stack",
      resources: [ecs, actionTrail({ slsProjectArn: SLS })],
      config: { providedExternally: true },
      violations: 0,
    },
  ] as StackCase[]);
});

describe("CloudTrail Lake event data stores judged as the account's trail", () => {
  const STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
  const store = (props: Record<string, unknown>, name = "lake"): StackInput => ({ type: STORE, name, props });
  const ec2: StackInput = { type: "aws:ec2/instance:Instance", name: "app", props: { ami: "ami-1" } };
  const accountTrail: StackInput = { type: TRAIL, name: "account", props: good };
  const category = (...equals: string[]) => ({ field: "eventCategory", equals });
  const s3DataEvents = [
    { fieldSelectors: [category("Data"), { field: "resources.type", equals: ["AWS::S3::Object"] }] },
  ];
  const configItems = [{ fieldSelectors: [category("ConfigurationItem")] }];

  planTable(requireCloudtrailMultiRegionValidation, [
    {
      name: "store with the defaults (every region, all management events, 2557 days)",
      resources: [store({})],
      violations: 0,
    },
    {
      name: "store kept 180 days as a string, advanced selector on management events",
      resources: [
        store({ retentionPeriod: "180", advancedEventSelectors: [{ fieldSelectors: [category("Management")] }] }),
      ],
      violations: 0,
    },
    {
      name: "single-region store",
      resources: [store({ multiRegionEnabled: false })],
      violations: 1,
      mentions: "multiRegionEnabled is false",
    },
    {
      name: "store keeping events 7 days",
      resources: [store({ retentionPeriod: 7 })],
      violations: 1,
      mentions: "retentionPeriod is 7",
    },
    {
      name: "store of S3 data events only, nothing else in the stack",
      resources: [store({ advancedEventSelectors: s3DataEvents })],
      violations: 1,
      mentions: "select no management events",
    },
    {
      name: "store of read-only management events",
      resources: [
        store({
          advancedEventSelectors: [
            { fieldSelectors: [category("Management"), { field: "readOnly", equals: ["true"] }] },
          ],
        }),
      ],
      violations: 1,
      mentions: "write events are dropped",
    },
    {
      name: "narrow store beside a trail that covers the account",
      resources: [
        accountTrail,
        store({ multiRegionEnabled: false, retentionPeriod: 7, advancedEventSelectors: s3DataEvents }),
      ],
      violations: 0,
    },
    {
      name: "full store beside a single-region trail",
      resources: [{ ...accountTrail, props: { ...good, isMultiRegionTrail: false } }, store({})],
      violations: 0,
    },
    {
      name: "suspended full store beside a single-region trail",
      resources: [{ ...accountTrail, props: { ...good, isMultiRegionTrail: false } }, store({ suspend: "true" })],
      violations: 1,
      mentions: "isMultiRegionTrail is false",
    },
    {
      name: "store of AWS Config items is no trail",
      resources: [store({ advancedEventSelectors: configItems })],
      violations: 0,
    },
    {
      name: "store retention unknown at preview",
      resources: [store({ retentionPeriod: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);

  stackTable(requireAuditTrailForCompute, [
    {
      name: "compute and a store of CloudTrail management events",
      resources: [ec2, store({ advancedEventSelectors: [{ fieldSelectors: [category("Management")] }] })],
      violations: 0,
    },
    {
      name: "compute and only a store of S3 data events: no record of who did what",
      resources: [ec2, store({ advancedEventSelectors: s3DataEvents })],
      violations: 1,
      mentions: "no enabled CloudTrail trail (or event data store) recording management events",
    },
    {
      name: "compute and a store of S3 data events beside a store of management events",
      resources: [ec2, store({ advancedEventSelectors: s3DataEvents }, "objects"), store({})],
      violations: 0,
    },
    {
      name: "compute and only a store of AWS Config items",
      resources: [ec2, store({ advancedEventSelectors: configItems })],
      violations: 1,
      mentions: "no enabled CloudTrail trail",
    },
    {
      name: "compute and a store whose event category is unknown at preview",
      resources: [
        ec2,
        store({ advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: UNKNOWN }] }] }),
      ],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);

  it("names the store's selectors in the note when its event category is unknown", async () => {
    const unknownCategory = [{ fieldSelectors: [{ field: "eventCategory", equals: UNKNOWN }] }];
    const ds = await runStack(requireAuditTrailForCompute, [ec2, store({ advancedEventSelectors: unknownCategory })]);
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("advancedEventSelectors");
  });
});

// A trail records its own account's API activity; an organization trail records every account of the organization.
// Accounts are told apart by the providers' inputs: allowedAccountIds that cannot overlap are other accounts; an
// assumed role or profile that differs, or account inputs unknown at preview, may be (a note).
describe("audit trails judged per account", () => {
  const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::";
  const ALI_PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:alicloud::";
  const EC2 = "aws:ec2/instance:Instance";
  const ECS = "alicloud:ecs/instance:Instance";
  const STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
  const east = { region: "us-east-1" };
  /** Named providers with their inputs as the engine sends them. */
  const providers: Record<string, Record<string, unknown>> = {
    a: { ...east, allowedAccountIds: ["111111111111"] },
    b: { ...east, allowedAccountIds: ["222222222222"] },
    b2: { region: "eu-west-1", allowedAccountIds: '["222222222222"]' },
    anyOfAb: { ...east, allowedAccountIds: ["111111111111", "222222222222"] },
    pending: { ...east, allowedAccountIds: UNKNOWN },
    audit: { ...east, assumeRole: { roleArn: "arn:aws:iam::333333333333:role/audit" } },
    prod: { ...east, profile: "prod" },
    plain: east,
    west: { region: "us-west-2" },
    default_7_0_0: {},
    // Pinned to account 222222222222 like b, signing in differently: still that account.
    deploy: {
      ...east,
      allowedAccountIds: '["222222222222"]',
      assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deploy", sessionName: "ci" }],
    },
    auditor: {
      ...east,
      allowedAccountIds: ["222222222222"],
      assumeRoles: [{ sessionName: "audit", roleArn: "arn:aws:iam::222222222222:role/audit" }],
      profile: "audit",
    },
    roleIn2: { ...east, assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/audit" }] },
    chainTo1: {
      ...east,
      assumeRoles: [
        { roleArn: "arn:aws:iam::222222222222:role/hop" },
        { roleArn: "arn:aws:iam::111111111111:role/audit" },
      ],
    },
    roleInPending: { ...east, assumeRoles: [{ roleArn: UNKNOWN }] },
    keyA: { ...east, accessKey: "AKIAAAAAAAAAAAAAAAAA" },
    keyB: { ...east, accessKey: "AKIABBBBBBBBBBBBBBBB" },
  };
  const aliProviders: Record<string, Record<string, unknown>> = {
    hz: { region: "cn-hangzhou" },
    sh: { region: "cn-shanghai" },
    logs: { region: "cn-hangzhou", assumeRole: { roleArn: "acs:ram::1234567890123456:role/audit" } },
    ops: { region: "cn-hangzhou", accountId: "1111111111111111" },
    ops2: { region: "cn-shanghai", accountId: "1111111111111111" },
    other: { region: "cn-hangzhou", accountId: "2222222222222222" },
    deployer: { region: "cn-shanghai", assumeRole: { roleArn: "acs:ram::1234567890123456:role/deploy" } },
    foreign: { region: "cn-hangzhou", assumeRole: '{"roleArn":"acs:ram::6543210987654321:role/audit"}' },
    declared: { region: "cn-hangzhou", accountId: "1234567890123456" },
  };
  const on = (provider: string): Partial<StackInput> =>
    provider in aliProviders
      ? { provider: ALI_PROVIDER + provider, providerProps: aliProviders[provider] }
      : { provider: PROVIDER + provider, providerProps: providers[provider] };
  const ec2 = (provider?: string, name = "app"): StackInput => ({
    type: EC2,
    name,
    props: { ami: "ami-1" },
    ...(provider ? on(provider) : {}),
  });
  const trail = (provider?: string, props: Record<string, unknown> = {}, name = "audit"): StackInput => ({
    type: TRAIL,
    name,
    props: { ...good, ...props },
    ...(provider ? on(provider) : {}),
  });
  const ecs = (provider: string): StackInput => ({ type: ECS, name: "erp", props: {}, ...on(provider) });
  const actionTrail = (provider: string, props: Record<string, unknown> = {}): StackInput => ({
    type: ACTIONTRAIL,
    name: "actions",
    props: { ...toOss, ...props },
    ...on(provider),
  });
  const APP = urnOf(EC2, "app");

  stackTable(requireAuditTrailForCompute, [
    // Known bad: the only trail records another account.
    {
      name: "compute in account 222222222222, the only trail in 111111111111",
      resources: [ec2("b"), trail("a")],
      violations: 1,
      urn: APP,
      mentions:
        "no enabled CloudTrail trail (or event data store) records its account (provider b): CloudTrail trail audit (provider a) records another account",
    },
    {
      name: "the only trail in another account says it is no organization trail",
      resources: [ec2("b"), trail("a", { isOrganizationTrail: "false" })],
      violations: 1,
      mentions: "make it an organization trail (isOrganizationTrail)",
    },
    {
      name: "a trail and a store, both in another account",
      resources: [ec2("b"), trail("a"), { type: STORE, name: "lake", props: {}, ...on("a") }],
      violations: 1,
      urn: APP,
    },
    {
      name: "compute in two accounts, a trail in one",
      resources: [ec2("a", "web"), ec2("b"), trail("a")],
      violations: 1,
      urn: APP,
      mentions: "records its account (provider b)",
    },
    {
      name: "a trail in the compute's account that is switched off, one in another account on",
      resources: [ec2("b"), trail("b", { enableLogging: false }, "off"), trail("a")],
      violations: 1,
      mentions: "CloudTrail trail audit (provider a) records another account",
    },
    // Known bad: the trail records data events only.
    {
      name: "a trail of data events only (includeManagementEvents false)",
      resources: [
        ec2(),
        trail(undefined, {
          eventSelectors: [
            { includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: [UNKNOWN] }] },
          ],
        }),
      ],
      violations: 1,
      mentions: "recording management events (console sign-ins, IAM and API calls)",
    },
    {
      name: "a trail of data events only (advanced selectors without Management), as strings",
      resources: [
        ec2(),
        trail(undefined, {
          advancedEventSelectors: [
            {
              fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
              ],
            },
          ],
        }),
      ],
      violations: 1,
      mentions: "a trail or store of data events only",
    },
    // Known good.
    {
      name: "compute and trail under two providers of one account (allowedAccountIds as JSON text)",
      resources: [ec2("b"), trail("b2")],
      violations: 0,
    },
    {
      name: "compute and trail under one provider",
      resources: [ec2("b"), trail("b")],
      violations: 0,
    },
    {
      name: "organization trail in another account (the management account)",
      resources: [ec2("b"), trail("a", { isOrganizationTrail: true })],
      violations: 0,
    },
    {
      name: "organization trail given as the string True",
      resources: [ec2("b"), trail("a", { isOrganizationTrail: "True" })],
      violations: 0,
    },
    {
      name: "organization event data store in another account",
      resources: [ec2("b"), { type: STORE, name: "lake", props: { organizationEnabled: true }, ...on("a") }],
      violations: 0,
    },
    { name: "default provider on both (no provider sent)", resources: [ec2(), trail()], violations: 0 },
    {
      name: "default provider on both (sent, without inputs)",
      resources: [ec2("default_7_0_0"), trail("default_7_0_0")],
      violations: 0,
    },
    {
      name: "providers without account inputs, in different regions: one account",
      resources: [ec2("plain"), trail("west")],
      violations: 0,
    },
    {
      name: "a trail of the compute's account beside one under a provider allowed in both accounts",
      resources: [ec2("b"), trail("b"), trail("anyOfAb", {}, "wide")],
      violations: 0,
    },
    {
      name: "one trail per account",
      resources: [ec2("a", "web"), ec2("b"), trail("a"), trail("b", {}, "second")],
      violations: 0,
    },
    {
      name: "write-only management events still record who changed what",
      resources: [ec2(), trail(undefined, { eventSelectors: [{ readWriteType: "WriteOnly" }] })],
      violations: 0,
    },
    {
      name: "a data-events trail beside one of management events",
      resources: [
        ec2(),
        trail(undefined, { eventSelectors: [{ includeManagementEvents: false }] }, "objects"),
        trail(),
      ],
      violations: 0,
    },
    // Tricky: the account cannot be told from the plan.
    {
      name: "trail under a provider assuming another role: a note",
      resources: [ec2("plain"), trail("audit")],
      violations: 0,
      notes: 1,
    },
    {
      name: "trail under a provider assuming another role, failing closed",
      resources: [ec2("plain"), trail("audit")],
      config: { failClosed: true },
      violations: 1,
      mentions: "failing closed",
    },
    {
      name: "trail under another profile: a note",
      resources: [ec2("plain"), trail("prod")],
      violations: 0,
      notes: 1,
    },
    {
      name: "trail under a provider whose allowedAccountIds are unknown at preview: a note",
      resources: [ec2("b"), trail("pending")],
      violations: 0,
      notes: 1,
    },
    {
      name: "compute under a provider allowed in both accounts, the trail in one of them: a note",
      resources: [ec2("anyOfAb"), trail("a")],
      violations: 0,
      notes: 1,
    },
    {
      name: "trail in another account whose isOrganizationTrail is unknown at preview: a note",
      resources: [ec2("b"), trail("a", { isOrganizationTrail: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a trail that may be in the account beside one surely not: a note",
      resources: [ec2("b"), trail("a"), trail("pending", {}, "maybe")],
      violations: 0,
      notes: 1,
    },
    {
      name: "management events unknown at preview: a note",
      resources: [ec2(), trail(undefined, { eventSelectors: [{ includeManagementEvents: UNKNOWN }] })],
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud: providers tell accounts apart by assumeRole, profile and the accountId they declare.
    {
      name: "ECS and an ActionTrail trail under providers without account inputs",
      resources: [ecs("hz"), actionTrail("sh")],
      violations: 0,
    },
    {
      name: "ECS and an ActionTrail trail under a provider assuming another role: a note",
      resources: [ecs("hz"), actionTrail("logs")],
      violations: 0,
      notes: 1,
    },
    {
      name: "ECS and an ActionTrail organization trail under a provider assuming another role",
      resources: [ecs("hz"), actionTrail("logs", { isOrganizationTrail: true })],
      violations: 0,
    },
    {
      name: "ECS and an ActionTrail trail under providers declaring different accountIds: a note",
      resources: [ecs("ops"), actionTrail("other")],
      violations: 0,
      notes: 1,
    },
    {
      name: "ECS and an ActionTrail trail under providers declaring the same accountId",
      resources: [ecs("ops"), actionTrail("ops2")],
      violations: 0,
    },
    // The account named by a single allowedAccountIds or the assumed role's ARN decides, however they sign in.
    {
      name: "compute pinned to 222222222222, the trail assuming a role of 222222222222",
      resources: [ec2("b"), trail("roleIn2")],
      violations: 0,
    },
    {
      name: "both pinned to 222222222222, other roles, session names, key order and profile",
      resources: [ec2("deploy"), trail("auditor")],
      violations: 0,
    },
    {
      name: "compute pinned to 111111111111, the trail's last assumed role in it (role chain)",
      resources: [ec2("a"), trail("chainTo1")],
      violations: 0,
    },
    {
      name: "compute pinned to 111111111111, the trail assuming a role of 222222222222: another account",
      resources: [ec2("a"), trail("roleIn2")],
      violations: 1,
      urn: APP,
      mentions: "CloudTrail trail audit (provider roleIn2) records another account",
    },
    {
      name: "compute pinned to 222222222222, the trail's chain ending in 111111111111: another account",
      resources: [ec2("b"), trail("chainTo1")],
      violations: 1,
    },
    {
      name: "trail assuming a role unknown at preview: a note",
      resources: [ec2("a"), trail("roleInPending")],
      violations: 0,
      notes: 1,
    },
    {
      name: "compute and trail under providers with different access keys: a note",
      resources: [ec2("keyA"), trail("keyB")],
      violations: 0,
      notes: 1,
    },
    {
      name: "different access keys, failing closed",
      resources: [ec2("keyA"), trail("keyB")],
      config: { failClosed: true },
      violations: 1,
    },
    {
      name: "ECS and an ActionTrail trail under roles of one Alibaba Cloud account",
      resources: [ecs("logs"), actionTrail("deployer")],
      violations: 0,
    },
    {
      name: "ECS and an ActionTrail trail under roles of two Alibaba Cloud accounts (JSON text)",
      resources: [ecs("logs"), actionTrail("foreign")],
      violations: 1,
      mentions: "records another account",
    },
    {
      name: "ECS under a role of the uid an ActionTrail provider only declares (accountId): a note",
      resources: [ecs("logs"), actionTrail("declared")],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);

  it("names both providers and why their accounts may differ", async () => {
    const ds = await runStack(requireAuditTrailForCompute, [ec2("plain"), trail("audit")]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["advisory", APP]]);
    expect(ds[0].message).toContain("the account of CloudTrail trail audit (provider audit)");
    expect(ds[0].message).toContain("provider audit and provider plain may act in different accounts");
  });

  planTable(requireCloudtrailMultiRegionValidation, [
    {
      name: "a single-region trail is not excused by a full trail in another account",
      resources: [trail("a"), trail("b", { isMultiRegionTrail: false }, "regional")],
      violations: 1,
      urn: urnOf(TRAIL, "regional"),
      mentions: "isMultiRegionTrail is false",
    },
    {
      name: "a data-events trail is not excused by a full trail in another account",
      resources: [trail("a"), trail("b", { eventSelectors: [{ includeManagementEvents: false }] }, "objects")],
      violations: 1,
      mentions: "includeManagementEvents to false",
    },
    {
      name: "a single-region trail beside a full trail of its own account",
      resources: [trail("b2"), trail("b", { isMultiRegionTrail: false }, "regional")],
      violations: 0,
    },
    {
      name: "a single-region trail beside a full organization trail in another account",
      resources: [trail("a", { isOrganizationTrail: true }), trail("b", { isMultiRegionTrail: false }, "regional")],
      violations: 0,
    },
    {
      name: "a single-region trail beside a full trail under another assumed role: a note",
      resources: [trail("audit"), trail("plain", { isMultiRegionTrail: false }, "regional")],
      violations: 0,
      notes: 1,
    },
    {
      name: "a single-region trail beside a full trail whose allowedAccountIds are unknown: a note",
      resources: [trail("pending"), trail("b", { isMultiRegionTrail: false }, "regional")],
      violations: 0,
      notes: 1,
    },
    {
      name: "a single-region trail beside a full trail in another account, organization unknown: a note",
      resources: [trail("a", { isOrganizationTrail: UNKNOWN }), trail("b", { isMultiRegionTrail: false }, "regional")],
      violations: 0,
      notes: 1,
    },
    {
      name: "each account with its own full trail",
      resources: [trail("a"), trail("b", {}, "second")],
      violations: 0,
    },
  ] as StackCase[]);
});
