// AWS partitions and region ids as every component reads them (lib/aws-names.ts): the European Sovereign
// Cloud (partition aws-eusc, region eusc-de-east-1), the other partitions and two-digit region numbers are accepted
// the same way by DnsFailover, ThreatDetection's responders and dead-letter queue, WebFirewall's associations and its
// origin request gate; unknown partitions, zones and capitalised ids are refused by each.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { AWS_PARTITIONS, isAwsRegionId, partitionOfRegionName } from "../../../lib/aws-names";
import { checkRegionsDiffer, DnsFailover } from "../../../components/aws/dnsFailover";
import { deadLetterQueueProblem } from "../../../components/aws/findingsDeadLetterArgs";
import { isLambdaResponder, responderProblem } from "../../../components/aws/threatDetectionArgs";
import { associableArnRegion, WebFirewall } from "../../../components/aws/webFirewall";

const ACCOUNT = "123456789012";
const EUSC = "eusc-de-east-1";

/** Partitions no ARN can name: near misses of real ones, a cloud that is not AWS, and none at all. */
const BAD_PARTITIONS: [string, string][] = [
  ["an invented partition", "aws-eu"],
  ["an ISO partition that does not exist", "aws-iso-x"],
  ["the sovereign cloud misspelt", "aws-esc"],
  ["upper case", "AWS"],
  ["a trailing hyphen", "aws-"],
  ["another cloud", "azure"],
  ["an empty partition", ""],
];

/** Regions in a form AWS never uses: a zone, upper case, a three-letter prefix, three digits. */
const BAD_REGIONS: [string, string][] = [
  ["a zone of the sovereign cloud", "eusc-de-east-1a"],
  ["the sovereign region in upper case", "EUSC-DE-EAST-1"],
  ["a three-letter prefix", "eus-de-east-1"],
  ["a three-digit number", "us-east-100"],
];

describe("the shared forms", () => {
  it.each([
    "us-east-1",
    "us-gov-west-1",
    "cn-northwest-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    EUSC,
    "ap-southeast-10",
  ])("%s is a region id", (region) => {
    expect(isAwsRegionId(region)).toBe(true);
  });

  it.each([...BAD_REGIONS, ["not a string", 1] as [string, unknown]])("%s is no region id", (_label, region) => {
    expect(isAwsRegionId(region)).toBe(false);
  });

  it("lists every partition once, the sovereign cloud included", () => {
    expect([...AWS_PARTITIONS].sort()).toEqual(
      ["aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"].sort(),
    );
  });
});

describe("DnsFailover regions", () => {
  const failover = (primary: string, secondary: string) =>
    new DnsFailover("eu", {
      zoneId: "Z1",
      recordName: "app.example.eu",
      primary: { region: primary, cname: "a.example.net" },
      secondary: { region: secondary, cname: "b.example.net" },
    });

  it.each([
    [EUSC, "eu-central-1"],
    ["eu-central-1", EUSC],
    ["ap-southeast-10", "us-east-1"],
  ])("fails over between %s and %s", async (primary, secondary) => {
    reset();
    failover(primary, secondary);
    await settle();
    expect(ofType("aws:route53/record:Record")).toHaveLength(2);
    expect(() => checkRegionsDiffer("eu", primary, secondary)).not.toThrow();
  });

  it.each(BAD_REGIONS)("refuses %s (%s) before anything is registered", async (_label, region) => {
    reset();
    const e = validationErrorOf(() => failover(region, "eu-central-1"));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["primary.region", region]]);
    expect(e.message).toContain(`argument "primary.region" is "${region}"; allowed: an AWS region id`);
    expect(() => checkRegionsDiffer("eu", "eu-central-1", region)).toThrow(
      new RegExp(`argument "secondary.region" is "${region}"; allowed: an AWS region id.*; fix: pass the region`),
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it("refuses the sovereign region on both sides: no failover to the same region", () => {
    reset();
    const e = validationErrorOf(() => failover(EUSC, EUSC));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["secondary.region", EUSC]]);
    expect(e.message).toContain(`a region other than primary.region (${EUSC})`);
  });
});

describe("ThreatDetection's dead-letter queue ARN", () => {
  const queue = (partition: string, region: string) => `arn:${partition}:sqs:${region}:${ACCOUNT}:q`;

  it.each([
    ["the sovereign cloud", "aws-eusc", EUSC],
    ["an ISO-F queue", "aws-iso-f", "us-isof-south-1"],
    ["a two-digit region number", "aws", "ap-southeast-10"],
  ])("accepts a queue of %s in the detector's region", (_label, partition, region) => {
    expect(deadLetterQueueProblem("deadLetterQueueArn", queue(partition, region), region)).toBeUndefined();
    expect(deadLetterQueueProblem("deadLetterQueueArn", queue(partition, region))).toBeUndefined();
  });

  it.each(BAD_PARTITIONS)("refuses %s (%j)", (_label, partition) => {
    // In a well-formed region, so only the partition is wrong.
    const found = deadLetterQueueProblem("deadLetterQueueArn", queue(partition, "eu-central-1"), "eu-central-1");
    expect(found).toMatchObject({ argument: "deadLetterQueueArn", value: queue(partition, "eu-central-1") });
    expect(found?.allowed).toMatch(/^the ARN of a standard SQS queue in the detector's region/);
    expect(found?.fix).toMatch(/pass the full ARN \(arn:aws:sqs:<region>:<account>:<queue>\)/);
  });

  it.each(BAD_REGIONS)("refuses %s (%s)", (_label, region) => {
    expect(deadLetterQueueProblem("deadLetterQueueArn", queue("aws-eusc", region))?.allowed).toMatch(
      /standard SQS queue/,
    );
  });

  it("refuses a sovereign queue for a detector in another region", () => {
    const found = deadLetterQueueProblem("deadLetterQueueArn", queue("aws-eusc", EUSC), "eu-central-1");
    expect(found?.fix).toBe("create the queue in eu-central-1, or omit deadLetterQueueArn for a queue created here");
  });
});

describe("ThreatDetection's responder ARNs", () => {
  const TOPIC = `arn:aws-eusc:sns:${EUSC}:${ACCOUNT}:soc-red`;
  const QUEUE = `arn:aws-eusc:sqs:${EUSC}:${ACCOUNT}:soc-red`;
  const FUNCTION = `arn:aws-eusc:lambda:${EUSC}:${ACCOUNT}:function:soc-red:live`;

  it.each([
    ["a sovereign topic", TOPIC, false],
    ["a sovereign queue", QUEUE, false],
    ["a sovereign function with its alias", FUNCTION, true],
    ["an ISO-B function", `arn:aws-iso-b:lambda:us-isob-east-1:${ACCOUNT}:function:soc`, true],
  ])("accepts %s in the detector's region", (_label, arn, lambda) => {
    const region = arn.split(":")[3];
    expect(responderProblem("responders.red", arn, region)).toBeUndefined();
    // A function is told apart from a topic or queue: it needs EventBridge's invoke permission.
    expect(isLambdaResponder(arn)).toBe(lambda);
  });

  it.each(BAD_PARTITIONS)("refuses %s (%j) for a topic and a function", (_label, partition) => {
    const inFrankfurt = [TOPIC, FUNCTION].map((a) => a.replace("aws-eusc", partition).replace(EUSC, "eu-central-1"));
    for (const arn of inFrankfurt) {
      const found = responderProblem("responders.red", arn, "eu-central-1");
      expect(found).toMatchObject({ argument: "responders.red", value: arn });
      expect(found?.allowed).toMatch(/^the ARN of a standard SNS topic, SQS queue or Lambda function/);
      expect(isLambdaResponder(arn)).toBe(false);
    }
  });

  it.each(BAD_REGIONS)("refuses %s (%s)", (_label, region) => {
    expect(responderProblem("responders.red", TOPIC.replace(EUSC, region))?.allowed).toMatch(/standard SNS topic/);
  });

  it("refuses a sovereign function for a detector in another region", () => {
    expect(responderProblem("responders.red", FUNCTION, "eu-central-1")?.allowed).toBe(
      "a target in the detector's region (eu-central-1): EventBridge delivers to these targets in its own region",
    );
  });
});

describe("WebFirewall associateArns", () => {
  const alb = (partition: string, region: string) =>
    `arn:${partition}:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;

  it.each([
    ["the sovereign cloud", "aws-eusc", EUSC],
    ["an ISO-E partition", "aws-iso-e", "eu-isoe-west-1"],
    ["a two-digit region number", "aws", "ap-southeast-10"],
  ])("reads the region of an ALB of %s", (_label, partition, region) => {
    expect(associableArnRegion(alb(partition, region))).toBe(region);
  });

  it("associates a sovereign ALB with a web ACL of its region", async () => {
    reset();
    const provider = new aws.Provider("sovereign", { region: EUSC });
    new WebFirewall("eu", { associateArns: [alb("aws-eusc", EUSC)] }, { provider });
    await settle();
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.inputs.resourceArn)).toEqual([
      alb("aws-eusc", EUSC),
    ]);
  });

  it.each(BAD_PARTITIONS)("refuses %s (%j) before anything is registered", (_label, partition) => {
    reset();
    const arn = alb(partition, "us-east-1");
    expect(associableArnRegion(arn)).toBeUndefined();
    const e = validationErrorOf(() => new WebFirewall("edge", { associateArns: [arn] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[0]", arn]]);
    expect(recorded).toEqual([]);
  });
});

describe("WebFirewall.originRequestGate listener and target group ARNs", () => {
  const SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  const listener = (partition: string, region: string, n = 1) =>
    `arn:${partition}:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/${n}`;
  const group = (partition: string, region: string) =>
    `arn:${partition}:elasticloadbalancing:${region}:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`;
  let waf: WebFirewall;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    reset();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    const useast1 = new aws.Provider("edge-us-east-1", { region: "us-east-1" });
    waf = new WebFirewall("edge", { scope: "CLOUDFRONT" }, { provider: useast1 });
    await settle();
  });
  afterAll(() => warn.mockRestore());

  it.each([
    ["the sovereign cloud", "sovereign", "aws-eusc", EUSC, 1],
    ["an ISO-F partition", "iso-f", "aws-iso-f", "us-isof-south-1", 2],
    ["a two-digit region number", "two-digit", "aws", "ap-southeast-10", 3],
  ])("makes a gate for a listener and target group of %s", async (_desc, label, partition, region, n) => {
    // The rule is made in the ALB's region: the gate takes a provider of it.
    const provider = new aws.Provider(`alb-${label}`, { region: region as aws.Region });
    const gate = waf.originRequestGate(label, {
      listenerArn: listener(partition, region, n),
      targetGroupArn: group(partition, region),
      secret: pulumi.secret(SECRET),
      provider,
    });
    await settle();
    expect(gate.rule).toBeDefined();
    const [rule] = ofType("aws:lb/listenerRule:ListenerRule", new RegExp(`-origin-gate-${label}$`));
    expect(rule.inputs.listenerArn).toBe(listener(partition, region, n));
  });

  it.each(BAD_PARTITIONS)("refuses a listener and a target group of %s (%j)", async (_label, partition) => {
    await settle();
    const before = recorded.length;
    const args = {
      listenerArn: listener(partition, "us-east-1"),
      targetGroupArn: group(partition, "us-east-1"),
      secret: pulumi.secret(SECRET),
    };
    // A label of its own, so no row depends on another's outcome.
    const label = `refused-${BAD_PARTITIONS.findIndex(([, p]) => p === partition)}`;
    const e = validationErrorOf(() => waf.originRequestGate(label, args));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["listenerArn", args.listenerArn],
      ["targetGroupArn", args.targetGroupArn],
    ]);
    await settle();
    expect(recorded).toHaveLength(before);
  });

  it("refuses a target group of another partition than a sovereign listener, naming both places", async () => {
    await settle();
    const before = recorded.length;
    const args = {
      listenerArn: listener("aws-eusc", EUSC, 4),
      targetGroupArn: group("aws", EUSC),
      secret: pulumi.secret(SECRET),
    };
    const e = validationErrorOf(() => waf.originRequestGate("mismatch", args));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["targetGroupArn", args.targetGroupArn]]);
    expect(e.message).toContain(
      `a target group of the listener's partition, region and account (aws-eusc, ${EUSC}, ${ACCOUNT})`,
    );
    await settle();
    expect(recorded).toHaveLength(before);
  });
});

describe("partitionOfRegionName", () => {
  it.each([
    ["us-east-1", "aws"],
    ["ap-southeast-5", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
    ["us-east-1a", undefined],
    ["mars-north-1", undefined],
  ])("reads %s as %s", (region, partition) => {
    expect(partitionOfRegionName(region)).toBe(partition);
    if (partition) expect(AWS_PARTITIONS).toContain(partition);
  });
});
