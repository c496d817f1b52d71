// A traffic-mirror target is an NLB of the session's own partition and region: EC2 refuses any other ARN only when
// the target is created, after the retained key, evidence bucket and flow logs exist. TrafficForensics refuses a
// malformed or self-contradicting ARN with the arguments, and one of another partition or region once the provider's
// are known (an Output ARN once known too), registering no child; one unknown at preview raises no false error.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { TrafficForensics } from "../../../components/aws/trafficForensics";

const TARGET = "aws:ec2/trafficMirrorTarget:TrafficMirrorTarget";
const nlbIn = (partition: string, region: string) =>
  `arn:${partition}:elasticloadbalancing:${region}:123456789012:loadbalancer/net/sensor/0123456789abcdef`;
const NLB = nlbIn("aws", "us-east-1");
const FORM = "allowed: the ARN of a Network Load Balancer";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));

beforeEach(() => reset());

/** A TrafficForensics with a provider of `region` mirroring into `target`; returns the failures collected. */
async function mirrorIn(region: string, target: pulumi.Input<string>): Promise<string[]> {
  return registrationFailures(async () => {
    const provider = new aws.Provider("here", { region: region as aws.Region });
    new TrafficForensics(
      "net",
      { vpcId: "vpc-1", mirroring: { targetNlbArn: target, sourceEniIds: ["eni-a"] } },
      { provider },
    );
    await settle();
  });
}

describe("TrafficForensics mirroring.targetNlbArn form", () => {
  it.each([
    ["a load balancer's name", "sensor", FORM],
    [
      "an Application Load Balancer",
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0abc",
      FORM,
    ],
    ["a target group", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/sensor/0abc", FORM],
    ["an NLB listener", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/sensor/0abc/0def", FORM],
    ["an ARN without its account", "arn:aws:elasticloadbalancing:us-east-1::loadbalancer/net/sensor/0abc", FORM],
    [
      "a China ARN with a us-east-1 region",
      nlbIn("aws-cn", "us-east-1"),
      "allowed: an ARN whose partition is its region's (aws for us-east-1)",
    ],
  ])("refuses %s with the arguments, before anything exists", async (_what, value, allowed) => {
    const error = validationErrorOf(
      () =>
        new TrafficForensics("net", { vpcId: "vpc-1", mirroring: { targetNlbArn: value, sourceEniIds: ["eni-a"] } }),
    );
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["mirroring.targetNlbArn", value]]);
    expect(error.message).toContain(`argument "mirroring.targetNlbArn" is ${JSON.stringify(value)}; ${allowed}`);
    await settle();
    expect(recorded).toEqual([]);
  });

  it("refuses an Output that is no NLB ARN once known, registering nothing", async () => {
    const value = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/sensor/0abc";
    const failures = await mirrorIn("us-east-1", pulumi.output(value));
    expect(failures).toEqual([expect.stringContaining(`argument "mirroring.targetNlbArn" is "${value}"; ${FORM}`)]);
    expect(children()).toEqual([]);
  });
});

describe("TrafficForensics mirroring.targetNlbArn place", () => {
  it.each([
    ["an NLB of the stack's region", "us-east-1", NLB],
    ["an NLB of a China stack's region", "cn-north-1", nlbIn("aws-cn", "cn-north-1")],
    ["an NLB of a GovCloud stack's region", "us-gov-west-1", nlbIn("aws-us-gov", "us-gov-west-1")],
  ])("mirrors into %s", async (_what, region, target) => {
    expect(await mirrorIn(region, target)).toEqual([]);
    expect(ofType(TARGET).map((t) => t.inputs.networkLoadBalancerArn)).toEqual([target]);
  });

  it.each([
    ["an NLB of another region", "us-east-1", nlbIn("aws", "eu-west-1"), "aws", "us-east-1"],
    ["a commercial NLB on a GovCloud stack", "us-gov-west-1", NLB, "aws-us-gov", "us-gov-west-1"],
    ["a China NLB of the other China region", "cn-north-1", nlbIn("aws-cn", "cn-northwest-1"), "aws-cn", "cn-north-1"],
  ])("refuses %s once the provider's region is known, registering nothing", async (...row) => {
    const [, region, target, partition, stackRegion] = row;
    for (const given of [target, pulumi.output(target)]) {
      reset();
      const failures = await mirrorIn(region, given);
      expect(failures).toEqual([
        `TrafficForensics net: 1 invalid argument:\n  1. argument "mirroring.targetNlbArn" is "${target}"; allowed: ` +
          `an ARN of partition ${partition} and region ${stackRegion}: the stack's: a mirror target must be in the ` +
          `mirrored interfaces' own region; fix: create the sensor NLB in ${stackRegion} with the stack's provider, ` +
          "or give mirroring.targetEniId",
      ]);
      expect(children()).toEqual([]);
    }
  });

  it("registers the mirror target, with no error, for an ARN unknown at preview", async () => {
    expect(await mirrorIn("us-east-1", unknownAtPreview<string>())).toEqual([]);
    expect(ofType(TARGET)).toHaveLength(1);
  });
});
