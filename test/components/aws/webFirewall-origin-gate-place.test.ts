// ELB creates an origin request gate's listener rule in its provider's region only: a listener or target group of
// another region or partition (the ALB's, when the gate was given no provider of it) fails the rule at deployment.
// Both ARNs are checked against the gate's provider once known, plain and Output alike; a refused one registers no
// rule, and one unknown at preview raises no false error.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { WebFirewall } from "../../../components/aws/webFirewall";

const RULE = "aws:lb/listenerRule:ListenerRule";
const listenerIn = (partition: string, region: string) =>
  `arn:${partition}:elasticloadbalancing:${region}:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const groupIn = (partition: string, region: string) =>
  `arn:${partition}:elasticloadbalancing:${region}:123456789012:targetgroup/web/73e2d6bc24d8a067`;
const SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

beforeEach(() => reset());

/** A CloudFront WebFirewall (us-east-1) gating `listener` and `group`, with a provider of `gateRegion` if given. */
async function gate(
  listener: pulumi.Input<string>,
  group: pulumi.Input<string>,
  gateRegion?: string,
): Promise<string[]> {
  return registrationFailures(async () => {
    const edge = new aws.Provider("edge", { region: "us-east-1" });
    const waf = new WebFirewall("cdn", { scope: "CLOUDFRONT" }, { provider: edge });
    const provider = gateRegion && new aws.Provider("origin", { region: gateRegion as aws.Region });
    waf.originRequestGate("web", {
      listenerArn: listener,
      targetGroupArn: group,
      secret: pulumi.secret(SECRET),
      ...(provider ? { provider } : {}),
    });
    await settle();
  });
}

const refusal = (argument: string, value: string, partition: string, region: string) =>
  `argument "${argument}" is "${value}"; allowed: an ARN of partition ${partition} and region ${region}: the gate's ` +
  "provider's: ELB creates a listener rule in its provider's region only; fix: pass the ALB's " +
  `${argument} with provider set to a provider of its region (now ${region})`;

describe("WebFirewall.originRequestGate listener and target group place", () => {
  it.each([
    ["ARNs of the gate's provider's region", listenerIn("aws", "eu-west-1"), groupIn("aws", "eu-west-1"), "eu-west-1"],
    [
      "GovCloud ARNs with a GovCloud provider",
      listenerIn("aws-us-gov", "us-gov-west-1"),
      groupIn("aws-us-gov", "us-gov-west-1"),
      "us-gov-west-1",
    ],
    [
      "ARNs of the firewall's region without a provider",
      listenerIn("aws", "us-east-1"),
      groupIn("aws", "us-east-1"),
      undefined,
    ],
  ])("creates the rule for %s", async (_what, listener, group, region) => {
    expect(await gate(listener, group, region)).toEqual([]);
    expect(ofType(RULE).map((r) => r.inputs.listenerArn)).toEqual([listener]);
  });

  it("refuses an ALB of another region when the gate was given no provider of it, registering no rule", async () => {
    const [listener, group] = [listenerIn("aws", "eu-west-1"), groupIn("aws", "eu-west-1")];
    const failures = await gate(listener, group);
    expect(failures).toHaveLength(2);
    expect(failures.find((f) => f.includes('"listenerArn"'))).toContain(
      refusal("listenerArn", listener, "aws", "us-east-1"),
    );
    expect(failures.find((f) => f.includes('"targetGroupArn"'))).toContain(
      refusal("targetGroupArn", group, "aws", "us-east-1"),
    );
    expect(failures[0]).toMatch(/^WebFirewall cdn: originRequestGate\("web"\): 1 invalid argument:/);
    expect(ofType(RULE)).toEqual([]);
  });

  it("refuses a target group given as an Output of another region once known, registering no rule", async () => {
    const group = groupIn("aws", "eu-central-1");
    const failures = await gate(listenerIn("aws", "eu-west-1"), pulumi.output(group), "eu-west-1");
    expect(failures).toEqual([expect.stringContaining(refusal("targetGroupArn", group, "aws", "eu-west-1"))]);
    expect(ofType(RULE)).toEqual([]);
  });

  it("refuses commercial ARNs for a GovCloud provider", async () => {
    const listener = listenerIn("aws", "us-west-2");
    const failures = await gate(pulumi.output(listener), groupIn("aws-us-gov", "us-gov-west-1"), "us-gov-west-1");
    expect(failures).toEqual([
      expect.stringContaining(refusal("listenerArn", listener, "aws-us-gov", "us-gov-west-1")),
    ]);
    expect(ofType(RULE)).toEqual([]);
  });

  it("refuses an Output that is no listener ARN once known", async () => {
    const value = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    const failures = await gate(pulumi.output(value), groupIn("aws", "us-east-1"));
    expect(failures).toEqual([
      expect.stringContaining(`argument "listenerArn" is "${value}"; allowed: an ALB listener ARN`),
    ]);
    expect(ofType(RULE)).toEqual([]);
  });

  it("registers the rule, with no error, for a listener unknown at preview", async () => {
    expect(await gate(unknownAtPreview<string>(), groupIn("aws", "us-east-1"))).toEqual([]);
    expect(ofType(RULE)).toHaveLength(1);
  });
});
