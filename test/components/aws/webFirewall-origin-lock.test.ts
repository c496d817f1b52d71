// The origin lock of a CLOUDFRONT WebFirewall: rules on the origin ALB's group admitting only CloudFront's
// origin-facing prefix list, looked up in the ALB's region; bad requests fail before any rule or lookup is made.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, invokes, ofType, recorded, reset, settle, validationErrorOf, valueOf } from "./mocks";
import { awsSecurityGroupIdOf } from "../mock-ids";

installMocks();
import { WebFirewall } from "../../../components/aws/webFirewall";
import { CLOUDFRONT_ORIGIN_FACING_LIST } from "../../../components/aws/cloudFrontOriginLock";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LOOKUP = "aws:ec2/getManagedPrefixList:getManagedPrefixList";
const ALB_GROUP = "sg-0123456789abcdef0";

const rules = (label: string) => ofType(RULE, new RegExp(`-origin-${label}-\\d+$`));
const lookups = () => invokes.filter((i) => i.token === LOOKUP);
/** The provider a registration or invoke names: its reference ends in `<name>-id` under the mocks. */
const providerName = (ref: string | undefined) => ref?.split("::").pop()?.replace(/-id$/, "");

function cloudFrontFirewall(name: string): WebFirewall {
  const useast1 = new aws.Provider(`${name}-us-east-1`, { region: "us-east-1" });
  return new WebFirewall(name, { scope: "CLOUDFRONT", tags: { team: "web" } }, { provider: useast1 });
}

describe("WebFirewall.originIngressRules: the rules", () => {
  let sameRegion: aws.vpc.SecurityGroupIngressRule[];
  let otherRegion: aws.vpc.SecurityGroupIngressRule[];
  let fromOutput: aws.vpc.SecurityGroupIngressRule[];
  let warnings: string[];

  beforeAll(async () => {
    reset();
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const waf = cloudFrontFirewall("cdn");
      sameRegion = waf.originIngressRules("web-alb", ALB_GROUP);
      const frankfurt = new aws.Provider("frankfurt", { region: "eu-central-1" });
      otherRegion = waf.originIngressRules("eu-alb", ALB_GROUP, { ports: [443, 8443], provider: frankfurt });
      const group = new aws.ec2.SecurityGroup("api-alb", { vpcId: "vpc-1" }, { provider: frankfurt });
      fromOutput = waf.originIngressRules("api-alb", group.id, { ports: [80], provider: frankfurt });
      await settle();
      warnings = warn.mock.calls.map((c) => String(c[0]));
    } finally {
      warn.mockRestore();
    }
  });

  it("admits only the prefix list the lookup returned, on 443 by default", async () => {
    expect(sameRegion).toHaveLength(1);
    expect(rules("web-alb").map((r) => r.inputs)).toEqual([
      {
        securityGroupId: ALB_GROUP,
        prefixListId: "pl-cloudfront-us-east-1",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "CloudFront origin-facing servers only (WebFirewall cdn)",
        tags: { team: "web" },
      },
    ]);
    expect(await valueOf(sameRegion[0].prefixListId)).toBe("pl-cloudfront-us-east-1");
  });

  it("never opens the group to a CIDR or another group", () => {
    for (const rule of ofType(RULE)) {
      expect(rule.inputs.cidrIpv4).toBeUndefined();
      expect(rule.inputs.cidrIpv6).toBeUndefined();
      expect(rule.inputs.referencedSecurityGroupId).toBeUndefined();
      expect(rule.inputs.ipProtocol).toBe("tcp");
      expect(rule.inputs.fromPort).toBe(rule.inputs.toPort);
    }
  });

  it("looks the list up by AWS's name, once per call (the mocked ids name the region each lookup ran in)", () => {
    expect(lookups().map((l) => l.args)).toEqual([
      { name: CLOUDFRONT_ORIGIN_FACING_LIST },
      { name: CLOUDFRONT_ORIGIN_FACING_LIST },
      { name: CLOUDFRONT_ORIGIN_FACING_LIST },
    ]);
  });

  it("creates the rules of an ALB in another region with that region's provider and list id", () => {
    const inFrankfurt = rules("eu-alb");
    expect(otherRegion).toHaveLength(2);
    expect(inFrankfurt.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.prefixListId])).toEqual([
      [443, 443, "pl-cloudfront-eu-central-1"],
      [8443, 8443, "pl-cloudfront-eu-central-1"],
    ]);
    expect(inFrankfurt.map((r) => providerName(r.provider))).toEqual(["frankfurt", "frankfurt"]);
    expect(rules("web-alb").map((r) => providerName(r.provider))).toEqual(["cdn-us-east-1"]);
  });

  it("takes the group's id as an Output", async () => {
    expect(fromOutput).toHaveLength(1);
    expect(await valueOf(fromOutput[0].securityGroupId)).toBe(awsSecurityGroupIdOf("api-alb"));
    expect(rules("api-alb").map((r) => [r.inputs.fromPort, r.inputs.prefixListId])).toEqual([
      [80, "pl-cloudfront-eu-central-1"],
    ]);
  });

  it("warns when the rules' prefix-list weight exceeds the group's default rule quota, and only then", () => {
    const quota = warnings.filter((w) => /quota/.test(w));
    expect(quota).toHaveLength(1);
    expect(quota[0]).toContain('WebFirewall cdn: originIngressRules("eu-alb")');
    expect(quota[0]).toContain("count as 110 inbound rules");
  });
});

describe("WebFirewall.originIngressRules: bad requests fail before anything is made", () => {
  /** The problems of a call, and whether it registered a rule or made a lookup. */
  async function refused(make: () => unknown) {
    const before = { rules: ofType(RULE).length, lookups: lookups().length };
    const error = validationErrorOf(make);
    await settle();
    expect(ofType(RULE)).toHaveLength(before.rules);
    expect(lookups()).toHaveLength(before.lookups);
    return error;
  }

  let waf: WebFirewall;
  beforeAll(async () => {
    reset();
    waf = cloudFrontFirewall("edge");
    waf.originIngressRules("taken", ALB_GROUP);
    await settle();
  });

  it("refuses a REGIONAL web ACL, naming the argument, the value and the fix", async () => {
    const regional = new WebFirewall("regional", {});
    const error = await refused(() => regional.originIngressRules("web-alb", ALB_GROUP));
    expect(error.problems).toEqual([expect.objectContaining({ argument: "scope", value: "REGIONAL" })]);
    expect(error.message).toContain("WebFirewall regional: originIngressRules: 1 invalid argument");
    expect(error.message).toContain('fix: create the WebFirewall with scope "CLOUDFRONT"');
    expect(error.message).toContain("associateArns");
  });

  it.each<[string, unknown, string]>([
    ["zero", [0], "options.ports[0]"],
    ["above 65535", [65536], "options.ports[0]"],
    ["negative (all ports)", [-1], "options.ports[0]"],
    ["a fraction", [443.5], "options.ports[0]"],
    ["a string port", ["443"], "options.ports[0]"],
    ["a range string", ["80-443"], "options.ports[0]"],
    ["a second bad port", [443, 70000], "options.ports[1]"],
    ["a repeated port", [443, 443], "options.ports[1]"],
    ["an empty list", [], "options.ports"],
    ["a single number, not a list", 443, "options.ports"],
    ["an Output list", pulumi.output([443]), "options.ports"],
    ["an Output port", [pulumi.output(443)], "options.ports[0]"],
  ])("refuses ports that are %s", async (_label, ports, argument) => {
    const error = await refused(() => waf.originIngressRules("web", ALB_GROUP, { ports: ports as number[] }));
    expect(error.problems.map((p) => p.argument)).toEqual([argument]);
  });

  it.each<[string, unknown]>([
    ["an ARN", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0"],
    ["a group name", "web-alb-sg"],
    ["a short hex id", "sg-0123"],
    ["surrounding spaces", ` ${ALB_GROUP}`],
    ["an empty string", ""],
    ["undefined", undefined],
  ])("refuses a security group id that is %s", async (_label, id) => {
    const error = await refused(() => waf.originIngressRules("web", id as string));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["securityGroupId", id]]);
  });

  it.each<[string, unknown]>([
    ["empty", ""],
    ["upper case", "Web"],
    ["starting with '-'", "-web"],
    ["holding a space", "web alb"],
    ["already used", "taken"],
  ])("refuses a label that is %s", async (_label, label) => {
    const error = await refused(() => waf.originIngressRules(label as string, ALB_GROUP));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["label", label]]);
  });

  it("refuses a provider that is not an aws.Provider, and an unknown option with the closest known one", async () => {
    const group = new aws.ec2.SecurityGroup("not-a-provider", {});
    const wrong = await refused(() =>
      waf.originIngressRules("web", ALB_GROUP, { provider: group as unknown as pulumi.ProviderResource }),
    );
    expect(wrong.problems).toEqual([
      expect.objectContaining({ argument: "options.provider", value: "(a resource that is not an aws.Provider)" }),
    ]);
    const typo = await refused(() => waf.originIngressRules("web", ALB_GROUP, { port: [443] } as never));
    expect(typo.problems).toEqual([expect.objectContaining({ argument: "options.port" })]);
    expect(typo.message).toContain("did you mean ports?");
  });

  it("reports every problem at once", async () => {
    const regional = new WebFirewall("regional-2", {});
    const error = await refused(() => regional.originIngressRules("Bad Label", "sg-x", { ports: [0, 443, 443] }));
    expect(error.problems.map((p) => p.argument)).toEqual([
      "scope",
      "label",
      "securityGroupId",
      "options.ports[0]",
      "options.ports[2]",
    ]);
  });

  it("still accepts a good request on the same component after refusals", async () => {
    const made = waf.originIngressRules("web", ALB_GROUP, { ports: [8443] });
    await settle();
    expect(made).toHaveLength(1);
    expect(recorded.filter((r) => r.name === "edge-origin-web-8443")).toHaveLength(1);
  });
});
