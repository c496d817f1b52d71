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
      name: "compute and a store of CloudTrail events",
      resources: [ec2, store({ advancedEventSelectors: s3DataEvents })],
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
