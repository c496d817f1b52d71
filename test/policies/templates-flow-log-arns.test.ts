// A flow log's S3 destination written around its bucket's ARN (`Fn::Sub "${LogBucket.Arn}/flows/"`, `Fn::Join` of
// `Fn::GetAtt LogBucket.Arn` and a folder) links to that bucket as the `${LogBucket}` forms do; the folder after the
// bucket, template or program, decides which lifecycle rules reach the logs (`<folder>/AWSLogs/…`); while the folder
// is unknown, a rule on AWSLogs/ is judged at the bucket's root (where `bucket.arn` puts them) and another prefix only
// may reach them.
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { reachesFlowLogs } from "../../policies/lib/flow-log-s3-keys";
import { resolveTemplateValue, ResolveContext } from "../../policies/lib/templates/template-values";
import { isUnknown } from "../../lib/values";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTableEveryNote } from "./stack-table-every-note";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, TemplateResources } from "./templates-fixtures";
import { bucket, expiring, flowLog, VPC } from "./templates-flow-log-fixtures";

const rule = requireVpcFlowLogsAllTraffic;
const stack = stacksNamed("net");

const SUB_ARN = (folder = "/flows/") => ({ "Fn::Sub": `\${LogBucket.Arn}${folder}` });
const JOIN_GETATT = (folder = "/flows/") => ({
  "Fn::Join": ["", [{ "Fn::GetAtt": ["LogBucket", "Arn"] }, folder]],
});
const SUB_NAME = { "Fn::Sub": "arn:aws:s3:::${LogBucket}/flows/" };

/** A VPC, its flow log to `destination` and the bucket LogBucket with these lifecycle rules. */
function template(destination: unknown, rules?: unknown[], extra: Record<string, unknown> = {}, props = {}) {
  return stack(CFN_STACK, cfn({ Vpc: VPC, Flow: flowLog(destination), LogBucket: bucket(rules) }, extra), props);
}

const OUTSIDE = "S3 destination outside the stack";
const MAY_REACH = "if its rule's filter reaches the flow log's folder";

describe("1. an ARN built on the bucket's Arn attribute links to the bucket", () => {
  stackTableEveryNote(rule, [
    {
      name: "Fn::Sub ${LogBucket.Arn}/flows/, the bucket expiring everything after 30 days",
      resources: [template(SUB_ARN(), expiring(30))],
      violations: 1,
      mentions: "bucket net/LogBucket keeps logs 30 days, fewer than 180",
      urn: urnOf(CFN_STACK, "net"),
    },
    {
      name: "Fn::Join of GetAtt LogBucket.Arn and /flows/, 30 days",
      resources: [template(JOIN_GETATT(), expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Join of the dotted GetAtt LogBucket.Arn form, 30 days",
      resources: [template({ "Fn::Join": ["/", [{ "Fn::GetAtt": "LogBucket.Arn" }, "flows"]] }, expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Sub ${LogBucket.Arn} alone, 30 days",
      resources: [template(SUB_ARN(""), expiring(30))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Sub with a local variable standing for GetAtt LogBucket.Arn, 30 days",
      resources: [
        template({ "Fn::Sub": ["${Target}/vpc/", { Target: { "Fn::GetAtt": ["LogBucket", "Arn"] } }] }, expiring(30)),
      ],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "the same in a stack set",
      resources: [stack(CFN_STACK_SET, cfn({ Vpc: VPC, Flow: flowLog(SUB_ARN()), LogBucket: bucket(expiring(30)) }))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Sub ${LogBucket.Arn}/flows/, the bucket keeping 365 days",
      resources: [template(SUB_ARN(), expiring(365))],
      violations: 0,
    },
    {
      name: "Fn::Join of GetAtt, the bucket without lifecycle",
      resources: [template(JOIN_GETATT())],
      violations: 0,
    },
  ]);
});

describe("1. attributes that do not name the bucket stay unknown: notes", () => {
  const withOther = (destination: unknown, other: TemplateResources[string]) =>
    stack(CFN_STACK, cfn({ Vpc: VPC, Flow: flowLog(destination), Other: other }));
  stackTableEveryNote(rule, [
    {
      name: "an attribute that is not the bucket's ARN (${LogBucket.DomainName})",
      resources: [template({ "Fn::Sub": "arn:aws:s3:::${LogBucket.DomainName}/flows/" }, expiring(30))],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "an escaped ${!LogBucket.Arn} is literal text",
      resources: [template({ "Fn::Sub": "${!LogBucket.Arn}/flows/" }, expiring(30))],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "the Arn of a log group of the template names no bucket",
      resources: [withOther({ "Fn::Sub": "${Other.Arn}/flows/" }, { Type: "AWS::Logs::LogGroup", Properties: {} })],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "the Arn of a custom resource, which chooses its own",
      resources: [
        withOther(
          { "Fn::Sub": "${Other.Arn}/flows/" },
          { Type: "Custom::Bucket", Properties: { ServiceToken: "arn:aws:lambda:::function:f" } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "the Arn of a logical id the template does not declare",
      resources: [template({ "Fn::Sub": "${Missing.Arn}/flows/" }, expiring(30))],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "GetAtt LogBucket.Arn picked by a condition undecided at preview",
      resources: [
        template(
          { "Fn::If": ["Central", "arn:aws:s3:::central-logs/flows/", SUB_ARN()] },
          expiring(30),
          {
            Parameters: { UseCentral: { Type: "String" } },
            Conditions: { Central: { "Fn::Equals": [{ Ref: "UseCentral" }, "yes"] } },
          },
          { parameters: { UseCentral: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
  ]);
});

describe("1. the resolver keeps an attribute naming the resource only in script text", () => {
  const ctx: ResolveContext = {
    parameters: new Map(),
    resourceTypes: new Map([
      ["LogBucket", "AWS::S3::Bucket"],
      ["Made", "Custom::Bucket"],
    ]),
    mappings: undefined,
  };
  it.each([
    ["Fn::Sub of the bucket's Arn", { "Fn::Sub": "${LogBucket.Arn}/x" }, "${LogBucket.Arn}/x"],
    [
      "Fn::Join of GetAtt Arn",
      { "Fn::Join": ["", [{ "Fn::GetAtt": ["LogBucket", "Arn"] }, "/x"]] },
      "${LogBucket.Arn}/x",
    ],
    ["Fn::Sub of another attribute", { "Fn::Sub": "${LogBucket.DomainName}/x" }, undefined],
    ["Fn::Sub of a custom resource's Arn", { "Fn::Sub": "${Made.Arn}/x" }, undefined],
  ])("%s", (_name, input, script) => {
    // As a value the ARN exists only once deployed, whatever the attribute.
    expect(isUnknown(resolveTemplateValue(input, ctx))).toBe(true);
    const text = resolveTemplateValue(input, ctx, "script");
    if (script === undefined) expect(isUnknown(text)).toBe(true);
    else expect(text).toBe(script);
  });
});

describe("2. the folder of a template destination decides which lifecycle rules reach the logs", () => {
  stackTableEveryNote(rule, [
    {
      name: "${LogBucket.Arn}/flows/, a 30-day rule on flows/",
      resources: [template(SUB_ARN(), expiring(30, "flows/"))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "arn:aws:s3:::${LogBucket}/flows/, a 30-day rule on flows/AWSLogs/",
      resources: [template(SUB_NAME, expiring(30, "flows/AWSLogs/"))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "Fn::Join with a folder without trailing slash, a 30-day rule on flows/",
      resources: [template(JOIN_GETATT("/flows"), expiring(30, "flows/"))],
      violations: 1,
    },
    {
      name: "a rule on a shorter prefix of the folder (flow) reaches flows/",
      resources: [template(SUB_NAME, expiring(30, "flow"))],
      violations: 1,
    },
    {
      name: "a nested folder a/b/, a rule on a/",
      resources: [template(SUB_ARN("/a/b/"), expiring(30, "a/"))],
      violations: 1,
    },
    {
      name: "a fixed expiration date on the folder",
      resources: [
        template(SUB_ARN(), [{ Status: "Enabled", ExpirationDate: "2030-01-01T00:00:00Z", Prefix: "flows/" }]),
      ],
      violations: 1,
      mentions: "expiration.date",
    },
    {
      name: "${LogBucket.Arn}/flows/, a 30-day rule on tmp/: it does not apply",
      resources: [template(SUB_ARN(), expiring(30, "tmp/"))],
      violations: 0,
    },
    {
      name: "arn:aws:s3:::${LogBucket}/flows/, a 30-day rule on tmp/",
      resources: [template(SUB_NAME, expiring(30, "tmp/"))],
      violations: 0,
    },
    {
      name: "a rule on the deeper folder flows/old/ misses flows/AWSLogs/",
      resources: [template(SUB_NAME, expiring(30, "flows/old/"))],
      violations: 0,
    },
    {
      name: "a rule on a folder with the same start (flowsarchive/) misses flows/",
      resources: [template(SUB_NAME, expiring(30, "flowsarchive/"))],
      violations: 0,
    },
    {
      name: "a rule on the folder limited to tagged objects",
      resources: [template(SUB_ARN(), [{ ...expiring(30, "flows/")[0], TagFilters: [{ Key: "tmp", Value: "1" }] }])],
      violations: 0,
    },
    {
      name: "a 30-day rule on tmp/ and a 30-day rule on flows/: the second applies",
      resources: [template(SUB_ARN(), [...expiring(30, "tmp/"), ...expiring(30, "flows/")])],
      violations: 1,
    },
    {
      name: "the rule's prefix unknown at preview",
      resources: [
        template(
          SUB_ARN(),
          expiring(30, { Ref: "Scratch" }),
          { Parameters: { Scratch: { Type: "String" } } },
          { parameters: { Scratch: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: MAY_REACH,
    },
    {
      name: "the destination is the bucket's ARN itself (GetAtt): its folder is the root, a rule on tmp/ misses",
      resources: [template({ "Fn::GetAtt": ["LogBucket", "Arn"] }, expiring(30, "tmp/"))],
      violations: 0,
    },
    {
      name: "the bucket's ARN itself, a rule on AWSLogs/",
      resources: [template({ "Fn::GetAtt": ["LogBucket", "Arn"] }, expiring(30, "AWSLogs/"))],
      violations: 1,
    },
    {
      name: "arn:aws:s3:::${LogBucket}/ (an empty folder), a rule on AWSLogs/",
      resources: [template({ "Fn::Sub": "arn:aws:s3:::${LogBucket}/" }, expiring(30, "AWSLogs/"))],
      violations: 1,
    },
  ]);

  it("each container links its own bucket and folder, also when its name holds a slash", async () => {
    const body = (days: number) =>
      cfn({ Vpc: VPC, Flow: flowLog(SUB_ARN()), LogBucket: bucket(expiring(days, "flows/")) });
    const ds = await runStack(rule, [
      stacksNamed("net")(CFN_STACK, body(365)),
      stacksNamed("net/child")(CFN_STACK, body(30)),
    ]);
    expect(mandatory(ds).map((d) => d.urn)).toEqual([urnOf(CFN_STACK, "net/child")]);
    expect(mandatory(ds)[0].message).toContain("bucket net/child/LogBucket keeps logs 30 days");
    expect(advisory(ds)).toEqual([]);
  });
});

describe("2. the folder of a program destination, linked by its bucket part", () => {
  const BUCKET = "aws:s3/bucket:Bucket";
  /** A VPC, a bucket whose ARN is known, a lifecycle on it and a flow log to `destination` without dependencies. */
  const program = (
    destination: unknown,
    prefix: string | undefined,
    bucketProps: Record<string, unknown>,
  ): StackInput[] => [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: BUCKET, name: "logs", props: bucketProps },
    {
      type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      name: "logs-lifecycle",
      props: {
        bucket: UNKNOWN,
        rules: [
          { id: "expire", status: "Enabled", expiration: { days: 30 }, ...(prefix ? { filter: { prefix } } : {}) },
        ],
      },
      propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] },
    },
    {
      type: "aws:ec2/flowLog:FlowLog",
      name: "flow",
      props: { vpcId: UNKNOWN, logDestination: destination, logDestinationType: "s3", trafficType: "ALL" },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")] },
    },
  ];
  const known = { bucket: "central-logs", arn: "arn:aws:s3:::central-logs" };
  stackTableEveryNote(rule, [
    {
      name: "the bucket's ARN and a folder, a 30-day rule on the folder",
      resources: program("arn:aws:s3:::central-logs/flows/", "flows/", known),
      violations: 1,
      mentions: "bucket logs keeps logs 30 days",
    },
    {
      name: "in another partition",
      resources: program("arn:aws-cn:s3:::central-logs/flows/", "flows/", {
        bucket: "central-logs",
        arn: "arn:aws-cn:s3:::central-logs",
      }),
      violations: 1,
    },
    {
      name: "the bucket's ARN and a folder, a 30-day rule on the whole bucket",
      resources: program("arn:aws:s3:::central-logs/flows/", undefined, known),
      violations: 1,
    },
    {
      name: "the bucket's ARN and a folder, a 30-day rule on tmp/",
      resources: program("arn:aws:s3:::central-logs/flows/", "tmp/", known),
      violations: 0,
    },
    {
      name: "the bucket's ARN and a folder, a 30-day rule on AWSLogs/ at the root",
      resources: program("arn:aws:s3:::central-logs/flows/", "AWSLogs/", known),
      violations: 0,
    },
    {
      name: "the bucket's ARN itself, a 30-day rule on AWSLogs/",
      resources: program("arn:aws:s3:::central-logs", "AWSLogs/", known),
      violations: 1,
    },
    {
      name: "another bucket's ARN with the same start names no bucket of the stack",
      resources: program("arn:aws:s3:::central-logs-2/flows/", "flows/", known),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "a bucket known by its name only: an ARN names it only once deployed",
      resources: program("arn:aws:s3:::central-logs/flows/", "flows/", { bucket: "central-logs" }),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
  ]);

  const verdict = async (resources: StackInput[]) => {
    const ds = await runStack(rule, resources);
    return { violations: mandatory(ds).length, notes: advisory(ds).length };
  };
  it.each(["flows/", "flows/AWSLogs/", "tmp/", "AWSLogs/", "flow", "flowsarchive/"])(
    "a 30-day rule on %s gets the same verdict in the template and program forms",
    async (prefix) => {
      const templated = await verdict([template(SUB_ARN(), expiring(30, prefix))]);
      const byArn = await verdict(program("arn:aws:s3:::central-logs/flows/", prefix, known));
      const byDependency = program("arn:aws:s3:::central-logs/flows/", prefix, { bucket: "central-logs" });
      const flow = byDependency[3];
      byDependency[3] = {
        ...flow,
        propertyDependencies: { ...flow.propertyDependencies, logDestination: [urnOf(BUCKET, "logs")] },
      };
      expect(byArn).toEqual(templated);
      expect(await verdict(byDependency)).toEqual(templated);
      const reaches = "flows/AWSLogs/".startsWith(prefix) || prefix.startsWith("flows/AWSLogs/");
      expect(templated).toEqual({ violations: reaches ? 1 : 0, notes: 0 });
    },
  );
});

describe("3. while the folder is unknown, a rule on AWSLogs/ reaches the logs at the root; another prefix may", () => {
  const BUCKET = "aws:s3/bucket:Bucket";
  /** The program's flow log to its bucket, the destination unknown at preview. */
  const atPreview = (filter?: unknown, destination: unknown = UNKNOWN): StackInput[] => [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: BUCKET, name: "logs", props: {} },
    {
      type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      name: "logs-lifecycle",
      props: {
        bucket: UNKNOWN,
        rules: [{ id: "expire", status: "Enabled", expiration: { days: 30 }, ...(filter ? { filter } : {}) }],
      },
      propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] },
    },
    {
      type: "aws:ec2/flowLog:FlowLog",
      name: "flow",
      props: { vpcId: UNKNOWN, logDestination: destination, logDestinationType: "s3", trafficType: "ALL" },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")], logDestination: [urnOf(BUCKET, "logs")] },
    },
  ];
  stackTableEveryNote(rule, [
    {
      // At preview `logDestination: bucket.arn` puts the logs at the root, where a rule on AWSLogs/ reaches them.
      name: "AWSLogs/, folder unknown: judged at the bucket's root, a violation",
      resources: atPreview({ prefix: "AWSLogs/" }),
      violations: 1,
    },
    {
      name: "AWSLogs/ under and with object size, folder unknown: a violation",
      resources: atPreview({ and: { prefix: "AWSLogs/", objectSizeGreaterThan: 0 } }),
      violations: 1,
    },
    {
      name: "a shorter prefix (AWS), folder unknown: a violation",
      resources: atPreview({ prefix: "AWS" }),
      violations: 1,
    },
    {
      name: "another prefix (tmp/), folder unknown: a note",
      resources: atPreview({ prefix: "tmp/" }),
      violations: 0,
      notes: 1,
      noteMentions: MAY_REACH,
    },
    {
      name: "no prefix, folder unknown: every object expires, a violation",
      resources: atPreview(),
      violations: 1,
    },
    {
      name: "an empty prefix, folder unknown: a violation",
      resources: atPreview({ prefix: "" }),
      violations: 1,
    },
    {
      name: "AWSLogs/, the folder known and not empty: it does not reach",
      resources: atPreview({ prefix: "AWSLogs/" }, "arn:aws:s3:::logs-1234/vpc-flow/"),
      violations: 0,
    },
    {
      name: "AWSLogs/, the folder known to be the root: a violation",
      resources: atPreview({ prefix: "AWSLogs/" }, "arn:aws:s3:::logs-1234"),
      violations: 1,
    },
    {
      name: "AWSLogs/, a template folder known and not empty",
      resources: [template(SUB_ARN(), expiring(30, "AWSLogs/"))],
      violations: 0,
    },
  ]);

  it.each([
    ["AWSLogs/", undefined, "yes"],
    ["AWSLogs/123456789012/", undefined, "yes"],
    ["tmp/", undefined, "unknown"],
    ["AWSLogs/", "flows/AWSLogs/", "no"],
    ["AWSLogs/", "AWSLogs/", "yes"],
    ["", undefined, "yes"],
  ])("a rule on %j against key prefix %j reaches the logs: %s", (prefix, keyPrefix, expected) => {
    expect(reachesFlowLogs({ filter: { prefix } }, keyPrefix)).toBe(expected);
  });
});
