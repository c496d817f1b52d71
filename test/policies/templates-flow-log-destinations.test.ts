// A template flow log whose S3 destination is an ARN built around a template bucket (Fn::Sub of `${LogBucket}`,
// Fn::Join of "arn:aws:s3:::" and Ref LogBucket) is linked to that bucket and judged by its lifecycle, as a program
// flow log whose destination depends on the bucket is; an ARN built on a parameter or import whose value is unknown,
// or naming no bucket of the stack, stays a note.
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTableEveryNote } from "./stack-table-every-note";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET } from "./templates-fixtures";
import { bucket, expiring, flowLog, VPC } from "./templates-flow-log-fixtures";

const rule = requireVpcFlowLogsAllTraffic;
const stack = stacksNamed("net");

const SUB_FOLDER = { "Fn::Sub": "arn:aws:s3:::${LogBucket}/flows/" };

/** A VPC, its flow log to `destination` and the bucket LogBucket with these lifecycle rules. */
function template(destination: unknown, rules?: unknown[], extra: Record<string, unknown> = {}, props = {}) {
  return stack(CFN_STACK, cfn({ Vpc: VPC, Flow: flowLog(destination), LogBucket: bucket(rules) }, extra), props);
}

const OUTSIDE = "S3 destination outside the stack";

describe("a template flow log to an ARN built around a template bucket", () => {
  stackTableEveryNote(rule, [
    {
      name: "Fn::Sub with a folder, the bucket without lifecycle: objects kept forever",
      resources: [template(SUB_FOLDER)],
      violations: 0,
    },
    {
      name: "Fn::Sub with a folder, the bucket expiring everything after 30 days",
      resources: [template(SUB_FOLDER, expiring(30))],
      violations: 1,
      mentions: "bucket net/LogBucket keeps logs 30 days, fewer than 180",
      urn: urnOf(CFN_STACK, "net"),
    },
    {
      name: "the same in a stack set",
      resources: [stack(CFN_STACK_SET, cfn({ Vpc: VPC, Flow: flowLog(SUB_FOLDER), LogBucket: bucket(expiring(30)) }))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Sub with a folder, the bucket keeping 365 days",
      resources: [template(SUB_FOLDER, expiring(365))],
      violations: 0,
    },
    {
      name: "Fn::Sub with ${AWS::Partition} and no folder, 30 days",
      resources: [template({ "Fn::Sub": "arn:${AWS::Partition}:s3:::${LogBucket}" }, expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Sub with a local variable standing for Ref LogBucket, 30 days",
      resources: [
        template({ "Fn::Sub": ["arn:aws:s3:::${Target}/vpc/", { Target: { Ref: "LogBucket" } }] }, expiring(30)),
      ],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Join of arn:aws:s3::: and Ref LogBucket and a folder, 30 days",
      resources: [template({ "Fn::Join": ["", ["arn:aws:s3:::", { Ref: "LogBucket" }, "/flows/"]] }, expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Join with no folder, the bucket keeping 365 days",
      resources: [template({ "Fn::Join": ["", ["arn:aws:s3:::", { Ref: "LogBucket" }]] }, expiring(365))],
      violations: 0,
    },
    {
      name: "a disabled 30-day rule expires nothing",
      resources: [template(SUB_FOLDER, [{ Status: "Disabled", ExpirationInDays: 30 }])],
      violations: 0,
    },
    {
      name: "a 30-day rule on a fixed date",
      resources: [template(SUB_FOLDER, [{ Status: "Enabled", ExpirationDate: "2030-01-01T00:00:00Z" }])],
      violations: 1,
      mentions: "expiration.date",
    },
    {
      name: "a 30-day rule on tagged objects only, which flow logs never are",
      resources: [template(SUB_FOLDER, [{ ...expiring(30)[0], TagFilters: [{ Key: "tmp", Value: "1" }] }])],
      violations: 0,
    },
    {
      // The folder travels with the link: a rule on another prefix does not reach the logs.
      name: "a 30-day rule on another prefix does not reach the folder",
      resources: [template(SUB_FOLDER, expiring(30, "tmp/"))],
      violations: 0,
    },
    {
      name: "the Fn::Sub picked by a condition the parameter's default decides",
      resources: [
        template({ "Fn::If": ["Central", "arn:aws:s3:::central-logs/flows/", SUB_FOLDER] }, expiring(30), {
          Parameters: { UseCentral: { Type: "String", Default: "no" } },
          Conditions: { Central: { "Fn::Equals": [{ Ref: "UseCentral" }, "yes"] } },
        }),
      ],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
  ]);
});

describe("destinations whose bucket is not known: notes, never a pass", () => {
  const fedName = (value: unknown) =>
    template(
      { "Fn::Sub": "arn:aws:s3:::${BucketName}/flows/" },
      expiring(365),
      { Parameters: { BucketName: { Type: "String" } } },
      { parameters: { BucketName: value } },
    );
  stackTableEveryNote(rule, [
    {
      name: "Fn::Sub of a parameter the program feeds, unknown at preview",
      resources: [fedName(UNKNOWN)],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "Fn::Sub of a parameter named after a bucket outside the stack",
      resources: [fedName("archive-logs")],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "Fn::Sub of an imported bucket name",
      resources: [
        template(
          { "Fn::Sub": ["arn:aws:s3:::${B}/flows/", { B: { "Fn::ImportValue": "shared-logs" } }] },
          expiring(30),
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "an escaped ${!LogBucket} is literal text, not the template's bucket",
      resources: [template({ "Fn::Sub": "arn:aws:s3:::${!LogBucket}/flows/" }, expiring(30))],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "an ARN built on a log group of the template names no bucket",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            Vpc: VPC,
            Flow: flowLog({ "Fn::Sub": "arn:aws:s3:::${Logs}/flows/" }),
            Logs: { Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 1 } },
          }),
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "an ARN built on a custom resource, which chooses its own name",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            Vpc: VPC,
            Flow: flowLog({ "Fn::Sub": "arn:aws:s3:::${Made}/flows/" }),
            Made: { Type: "Custom::Bucket", Properties: { ServiceToken: "arn:aws:lambda:::function:f" } },
          }),
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "an ARN built on a logical id the template does not declare",
      resources: [template({ "Fn::Sub": "arn:aws:s3:::${Missing}/flows/" }, expiring(30))],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      // An attribute naming the bucket itself links as the bucket (template-values.ts).
      name: "${LogBucket.Arn} inside Fn::Sub links to the bucket",
      resources: [template({ "Fn::Sub": "${LogBucket.Arn}/flows/" }, expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
  ]);
});

describe("the template form against its program twin", () => {
  const programBucket = urnOf("aws:s3/bucket:Bucket", "logs");
  /** The program's VPC, bucket and lifecycle, its flow log to `destination` depending on the bucket. */
  const program = (days: number, destination: unknown): StackInput[] => [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: "aws:s3/bucket:Bucket", name: "logs", props: {} },
    {
      type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      name: "logs-lifecycle",
      props: { bucket: UNKNOWN, rules: [{ id: "expire", status: "Enabled", expiration: { days } }] },
      propertyDependencies: { bucket: [programBucket] },
    },
    {
      type: "aws:ec2/flowLog:FlowLog",
      name: "flow",
      props: { vpcId: UNKNOWN, logDestination: destination, logDestinationType: "s3", trafficType: "ALL" },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")], logDestination: [programBucket] },
    },
  ];
  const verdict = async (resources: StackInput[]) => {
    const ds = await runStack(rule, resources);
    return { violations: mandatory(ds).length, notes: advisory(ds).length };
  };

  it.each([30, 179, 180, 365])("a bucket keeping %i days gets the same verdict in both forms", async (days) => {
    const templated = await verdict([template(SUB_FOLDER, expiring(days))]);
    const atPreview = await verdict(program(days, UNKNOWN));
    const deployed = await verdict(program(days, "arn:aws:s3:::logs-1234/flows/"));
    expect(templated).toEqual(atPreview);
    expect(templated).toEqual(deployed);
    expect(templated).toEqual({ violations: days < 180 ? 1 : 0, notes: 0 });
  });

  it("a literal ARN of a program bucket by its known name is outside the stack in both forms", async () => {
    const named = [{ type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } }];
    const literal = { type: "aws:s3/bucket:Bucket", name: "logs", props: { bucket: "central-logs" } };
    const templated = await verdict([
      literal,
      template({ "Fn::Sub": ["arn:aws:s3:::${Name}/flows/", { Name: "central-logs" }] }),
    ]);
    const programmed = await verdict([
      ...named,
      literal,
      {
        type: "aws:ec2/flowLog:FlowLog",
        name: "flow",
        props: {
          vpcId: UNKNOWN,
          logDestination: "arn:aws:s3:::central-logs/flows/",
          logDestinationType: "s3",
          trafficType: "ALL",
        },
        propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")] },
      },
    ]);
    expect(templated).toEqual({ violations: 0, notes: 1 });
    expect(programmed).toEqual(templated);
  });
});
