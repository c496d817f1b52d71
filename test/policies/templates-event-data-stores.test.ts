// CloudTrail Lake event data stores a raw CloudFormation template deploys (AWS::CloudTrail::EventDataStore) count as
// the account's trail, or fail to, exactly as the same store written in the program: every row runs the template and
// its program twin through the rule and expects the same verdict of both. require-audit-trail-for-compute reads
// template resources itself; require-cloudtrail-multi-region-validation is taken from the catalog, which wraps it to
// read CloudFormation templates.
import { EVENT_DATA_STORE } from "../../policies/lib/event-data-stores";
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { CombinedPolicy, countOf, runPlan } from "./combined-table";
import { advisory, mandatory, runStack, StackInput, UNKNOWN } from "./harness";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, rule, TemplateResources } from "./templates-fixtures";

const trailRule = rule("require-cloudtrail-multi-region-validation") as CombinedPolicy;
/** A stack rule reading template resources itself (`readsTemplateResources`). */
const computeRule = requireAuditTrailForCompute;

const stack = stacksNamed("audit");

const lake = (props: Record<string, unknown> = {}) => ({ Type: "AWS::CloudTrail::EventDataStore", Properties: props });
const store = (props: Record<string, unknown> = {}): StackInput => ({ type: EVENT_DATA_STORE, name: "lake", props });

/** An advanced selector of one event category, as the template and as the provider write it. */
const cfnCategory = (...values: unknown[]) => ({ Field: "eventCategory", Equals: values });
const category = (...values: unknown[]) => ({ field: "eventCategory", equals: values });
const S3_DATA = {
  cfn: [{ FieldSelectors: [cfnCategory("Data"), { Field: "resources.type", Equals: ["AWS::S3::Object"] }] }],
  program: [{ fieldSelectors: [category("Data"), { field: "resources.type", equals: ["AWS::S3::Object"] }] }],
};
const CONFIG_ITEMS = {
  cfn: [{ Name: "config", FieldSelectors: [cfnCategory("ConfigurationItem")] }],
  program: [{ name: "config", fieldSelectors: [category("ConfigurationItem")] }],
};
/** Management events narrowed by a readOnly selector under each operator name the two forms spell apart. */
const readOnly = (cfnOperator: string, operator: string, values: string[]) => ({
  cfn: [{ FieldSelectors: [cfnCategory("Management"), { Field: "readOnly", [cfnOperator]: values }] }],
  program: [{ fieldSelectors: [category("Management"), { field: "readOnly", [operator]: values }] }],
});

/** A trail covering the account (every region, validated logs), with other settings, in both forms. */
const cfnTrail = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::CloudTrail::Trail",
  Properties: {
    IsLogging: true,
    S3BucketName: "trail-logs",
    IsMultiRegionTrail: true,
    EnableLogFileValidation: true,
    ...props,
  },
});
const programTrail = (props: Record<string, unknown> = {}): StackInput => ({
  type: "aws:cloudtrail/trail:Trail",
  name: "account",
  props: {
    enableLogging: true,
    s3BucketName: "trail-logs",
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    ...props,
  },
});

/** A template deploying these resources, with parameters the program passes (UNKNOWN: an output at preview). */
function deployed(resources: TemplateResources, parameters: Record<string, unknown> = {}, type = CFN_STACK) {
  const declared = Object.fromEntries(Object.keys(parameters).map((p) => [p, { Type: "String" }]));
  return stack(type, cfn(resources, { Parameters: declared }), { parameters });
}

interface Twin {
  name: string;
  template: StackInput[];
  program: StackInput[];
  violations: number;
  notes?: number;
  mentions?: string;
}

function trailTwins(rows: Twin[]) {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, r) => {
    for (const resources of [r.template, r.program]) {
      const { violations, notes } = countOf(trailRule, await runPlan(trailRule, resources));
      expect({ violations: violations.length, notes: notes.length }).toEqual({
        violations: r.violations,
        notes: r.notes ?? 0,
      });
      for (const d of violations) if (r.mentions) expect(d.message).toContain(r.mentions);
    }
  });
}

function computeTwins(rows: Twin[]) {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, r) => {
    for (const resources of [r.template, r.program]) {
      const ds = await runStack(computeRule, resources);
      expect({ violations: mandatory(ds).length, notes: advisory(ds).length }).toEqual({
        violations: r.violations,
        notes: r.notes ?? 0,
      });
      for (const d of mandatory(ds)) if (r.mentions) expect(d.message).toContain(r.mentions);
    }
  });
}

/** A single template store and its program twin. */
const only = (cfnProps: Record<string, unknown>, props: Record<string, unknown>, parameters = {}) => ({
  template: [deployed({ Lake: lake(cfnProps) }, parameters)],
  program: [store(props)],
});

describe("require-cloudtrail-multi-region-validation: a template's event data store as its program twin", () => {
  trailTwins([
    { name: "the defaults: every region, all management events, kept 2557 days", ...only({}, {}), violations: 0 },
    {
      name: "every setting spelled out as the defaults, with termination protection and an organisation store",
      ...only(
        {
          Name: "lake",
          MultiRegionEnabled: true,
          OrganizationEnabled: true,
          IngestionEnabled: true,
          TerminationProtectionEnabled: true,
          RetentionPeriod: 2557,
          AdvancedEventSelectors: [{ Name: "mgmt", FieldSelectors: [cfnCategory("Management")] }],
        },
        {
          name: "lake",
          multiRegionEnabled: true,
          organizationEnabled: true,
          suspend: "false",
          terminationProtectionEnabled: true,
          retentionPeriod: 2557,
          advancedEventSelectors: [{ name: "mgmt", fieldSelectors: [category("Management")] }],
        },
      ),
      violations: 0,
    },
    {
      name: "a single-region store",
      ...only({ MultiRegionEnabled: false }, { multiRegionEnabled: false }),
      violations: 1,
      mentions: "multiRegionEnabled is false",
    },
    {
      name: 'a single-region store, the boolean written as the string "False"',
      ...only({ MultiRegionEnabled: "False" }, { multiRegionEnabled: "False" }),
      violations: 1,
      mentions: "events in other regions are not recorded",
    },
    {
      name: "a store keeping events 7 days",
      ...only({ RetentionPeriod: 7 }, { retentionPeriod: 7 }),
      violations: 1,
      mentions: "retentionPeriod is 7",
    },
    {
      name: "a store keeping events exactly 180 days, as a string",
      ...only({ RetentionPeriod: "180" }, { retentionPeriod: "180" }),
      violations: 0,
    },
    {
      name: "a store of S3 data events only: no management events",
      ...only({ AdvancedEventSelectors: S3_DATA.cfn }, { advancedEventSelectors: S3_DATA.program }),
      violations: 1,
      mentions: "select no management events",
    },
    {
      name: "read-only management events (readOnly Equals true): writes dropped",
      ...only(
        { AdvancedEventSelectors: readOnly("Equals", "equals", ["true"]).cfn },
        { advancedEventSelectors: readOnly("Equals", "equals", ["true"]).program },
      ),
      violations: 1,
      mentions: "write events are dropped",
    },
    {
      name: "readOnly NotEquals true keeps only writes: reads dropped",
      ...only(
        { AdvancedEventSelectors: readOnly("NotEquals", "notEquals", ["true"]).cfn },
        { advancedEventSelectors: readOnly("NotEquals", "notEquals", ["true"]).program },
      ),
      violations: 1,
      mentions: "read events are dropped",
    },
    {
      name: "readOnly StartsWith t (the provider's startsWiths) keeps only reads",
      ...only(
        { AdvancedEventSelectors: readOnly("StartsWith", "startsWiths", ["t"]).cfn },
        { advancedEventSelectors: readOnly("StartsWith", "startsWiths", ["t"]).program },
      ),
      violations: 1,
      mentions: "write events are dropped",
    },
    {
      name: "management events with one event source cut off (NotStartsWith)",
      ...only(
        {
          AdvancedEventSelectors: [
            { FieldSelectors: [cfnCategory("Management"), { Field: "eventSource", NotStartsWith: ["kms."] }] },
          ],
        },
        {
          advancedEventSelectors: [
            { fieldSelectors: [category("Management"), { field: "eventSource", notStartsWiths: ["kms."] }] },
          ],
        },
      ),
      violations: 1,
      mentions: "management events from those sources are dropped",
    },
    {
      name: "a store of AWS Config items is no trail and is not judged as one",
      ...only({ AdvancedEventSelectors: CONFIG_ITEMS.cfn }, { advancedEventSelectors: CONFIG_ITEMS.program }),
      violations: 0,
    },
    {
      name: "a suspended store (IngestionEnabled false) is no recording trail; this rule asks nothing of it",
      ...only({ IngestionEnabled: false }, { suspend: "true" }),
      violations: 0,
    },
    {
      name: "RetentionPeriod from a parameter the program feeds, unknown at preview",
      ...only({ RetentionPeriod: { Ref: "Days" } }, { retentionPeriod: UNKNOWN }, { Days: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "MultiRegionEnabled from a parameter the program passes as false",
      ...only({ MultiRegionEnabled: { Ref: "Multi" } }, { multiRegionEnabled: "false" }, { Multi: "false" }),
      violations: 1,
      mentions: "events in other regions are not recorded",
    },
    {
      name: "the event category from a parameter unknown at preview",
      ...only(
        { AdvancedEventSelectors: [{ FieldSelectors: [cfnCategory({ Ref: "Category" })] }] },
        { advancedEventSelectors: [{ fieldSelectors: [category(UNKNOWN)] }] },
        { Category: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "a narrow store beside a template trail that covers the account",
      template: [
        deployed({
          Lake: lake({ MultiRegionEnabled: false, RetentionPeriod: 7, AdvancedEventSelectors: S3_DATA.cfn }),
          Trail: cfnTrail(),
        }),
      ],
      program: [
        store({ multiRegionEnabled: false, retentionPeriod: 7, advancedEventSelectors: S3_DATA.program }),
        programTrail(),
      ],
      violations: 0,
    },
    {
      name: "a template trail of write-only management events alone: reads dropped",
      template: [deployed({ Trail: cfnTrail({ EventSelectors: [{ ReadWriteType: "WriteOnly" }] }) })],
      program: [programTrail({ eventSelectors: [{ readWriteType: "WriteOnly" }] })],
      violations: 1,
      mentions: "read events are dropped",
    },
    {
      name: "the same trail beside a store with the defaults, which covers the account",
      template: [deployed({ Trail: cfnTrail({ EventSelectors: [{ ReadWriteType: "WriteOnly" }] }), Lake: lake() })],
      program: [programTrail({ eventSelectors: [{ readWriteType: "WriteOnly" }] }), store()],
      violations: 0,
    },
    {
      name: "a template trail whose advanced selectors pick S3 data events only, beside a single-region store",
      template: [
        deployed({
          Trail: cfnTrail({ AdvancedEventSelectors: S3_DATA.cfn }),
          Lake: lake({ MultiRegionEnabled: false }),
        }),
      ],
      program: [programTrail({ advancedEventSelectors: S3_DATA.program }), store({ multiRegionEnabled: false })],
      violations: 2,
    },
  ]);

  it("reports a template store's gap on its container, naming the store", async () => {
    const ds = await runPlan(trailRule, [deployed({ Lake: lake({ MultiRegionEnabled: false }) }, {}, CFN_STACK_SET)]);
    const { violations } = countOf(trailRule, ds);
    expect(violations.map((d) => d.message)).toEqual([
      expect.stringContaining("template resource Lake (AWS::CloudTrail::EventDataStore)"),
    ]);
  });
});

describe("require-audit-trail-for-compute: a template's event data store as its program twin", () => {
  const INSTANCE = { Type: "AWS::EC2::Instance", Properties: { ImageId: "ami-1" } };
  const ec2: StackInput = { type: "aws:ec2/instance:Instance", name: "app", props: { ami: "ami-1" } };
  const withCompute = (cfnProps: Record<string, unknown>, props: Record<string, unknown>, parameters = {}) => ({
    template: [deployed({ Web: INSTANCE, Lake: lake(cfnProps) }, parameters)],
    program: [ec2, store(props)],
  });
  computeTwins([
    { name: "compute and a store with the defaults", ...withCompute({}, {}), violations: 0 },
    {
      name: "compute and a store ingesting (IngestionEnabled true)",
      ...withCompute({ IngestionEnabled: true }, { suspend: "false" }),
      violations: 0,
    },
    {
      name: "compute and a store that does not ingest (IngestionEnabled false)",
      ...withCompute({ IngestionEnabled: false }, { suspend: "true" }),
      violations: 1,
      mentions: "no enabled CloudTrail trail",
    },
    {
      name: 'compute and a store not ingesting, written "false"',
      ...withCompute({ IngestionEnabled: "false" }, { suspend: "true" }),
      violations: 1,
    },
    {
      name: "compute and a store of only AWS Config items",
      ...withCompute({ AdvancedEventSelectors: CONFIG_ITEMS.cfn }, { advancedEventSelectors: CONFIG_ITEMS.program }),
      violations: 1,
      mentions: "no enabled CloudTrail trail",
    },
    {
      name: "compute and a store of S3 data events only: no management events, so no audit trail",
      ...withCompute({ AdvancedEventSelectors: S3_DATA.cfn }, { advancedEventSelectors: S3_DATA.program }),
      violations: 1,
      mentions: "recording management events",
    },
    {
      name: "IngestionEnabled from a parameter unknown at preview",
      ...withCompute({ IngestionEnabled: { Ref: "Ingest" } }, { suspend: UNKNOWN }, { Ingest: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);

  it("reads a YAML store with short-form functions", async () => {
    const yaml = (ingest: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Ingest:
    Type: String
    Default: "${ingest}"
Conditions:
  Ingesting: !Equals [!Ref Ingest, "yes"]
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
  Lake:
    Type: AWS::CloudTrail::EventDataStore
    Properties:
      IngestionEnabled: !If [Ingesting, true, false]
      AdvancedEventSelectors:
        - FieldSelectors:
            - Field: eventCategory
              Equals: [Management]
`;
    expect(await runStack(computeRule, [stack(CFN_STACK, yaml("yes"))])).toEqual([]);
    expect(mandatory(await runStack(computeRule, [stack(CFN_STACK, yaml("no"))]))).toHaveLength(1);
  });

  it("counts a store whose condition the parameters leave false as absent", async () => {
    const body = cfn(
      { Web: INSTANCE, Lake: { ...lake(), Condition: "Prod" } },
      {
        Parameters: { Env: { Type: "String", Default: "dev" } },
        Conditions: { Prod: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
      },
    );
    const dev = await runStack(computeRule, [stack(CFN_STACK, body)]);
    const prod = await runStack(computeRule, [stack(CFN_STACK, body, { parameters: { Env: "prod" } })]);
    expect(mandatory(dev)).toHaveLength(1);
    expect(prod).toEqual([]);
  });
});
