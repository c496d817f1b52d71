// The region, partition and prefix-list lookups of DnsFailover, IdentityBaseline and the CLOUDFRONT WebFirewall's
// origin helpers, through a provider the preview cannot configure (it answers every invoke with `{}`): the values
// built from them are unknown, their checks wait for the deployment, and every child is still registered. Through a
// configured provider they are the provider's answers, as before.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  answers,
  childrenOfType,
  failuresOf,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
  UNCONFIGURED,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks();
// Imported after the mocks are in place.
import { DnsFailover } from "../../../components/aws/dnsFailover";
import { IdentityBaseline } from "../../../components/aws/identityBaseline";
import { WebFirewall } from "../../../components/aws/webFirewall";

const T = {
  region: "aws:index/getRegion:getRegion",
  partition: "aws:index/getPartition:getPartition",
  prefixList: "aws:ec2/getManagedPrefixList:getManagedPrefixList",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  record: "aws:route53/record:Record",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  policy: "aws:iam/policy:Policy",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
};
const CONFIGURED = "configured";
const provider = (name: string) => new aws.Provider(name, { region: "us-east-1" });

/** What a configured provider in us-east-1 answers. */
function answerUsEast1(): void {
  answers.set(T.region, { region: "us-east-1", name: "us-east-1" });
  answers.set(T.partition, { partition: "aws", dnsSuffix: "amazonaws.com" });
  answers.set("aws:index/getCallerIdentity:getCallerIdentity", { accountId: "123456789012", arn: "a", userId: "u" });
  answers.set(T.prefixList, { id: "pl-3b927c52", name: "com.amazonaws.global.cloudfront.origin-facing" });
}

quietAndResetEachTest();

const dnsArgs = {
  zoneId: "Z1",
  recordName: "app.example.com",
  primary: { region: "eu-west-1", cname: "a.example.net" },
  secondary: { region: "eu-central-1", cname: "b.example.net" },
  alarmActions: ["arn:aws:sns:us-east-1:123456789012:t"],
};

describe("DnsFailover through a provider the preview cannot configure", () => {
  it("registers its checks, records and alarm, the alarm's region unknown, and fails nothing", async () => {
    expect(await failuresOf(() => new DnsFailover("dns", dnsArgs, { provider: provider(UNCONFIGURED) }))).toEqual([]);
    expect(childrenOfType("dns", T.healthCheck)).toHaveLength(2);
    expect(childrenOfType("dns", T.record)).toHaveLength(2);
    const [alarm] = childrenOfType("dns", T.alarm);
    expect(pulumi.isUnknown(alarm.inputs.region)).toBe(true);
  });

  it("places the alarm where a configured provider's partition publishes the metrics", async () => {
    answerUsEast1();
    answers.set(T.region, { region: "eu-west-1", name: "eu-west-1" });
    expect(await failuresOf(() => new DnsFailover("dns", dnsArgs, { provider: provider(CONFIGURED) }))).toEqual([]);
    expect(childrenOfType("dns", T.alarm).map((a) => a.inputs.region)).toEqual(["us-east-1"]);
  });

  it("still refuses alarm actions outside the metrics region of a configured provider's partition", async () => {
    answers.set(T.region, { region: "cn-north-1", name: "cn-north-1" });
    const failures = await failuresOf(() => new DnsFailover("cn", dnsArgs, { provider: provider(CONFIGURED) }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain("DnsFailover cn");
    expect(childrenOfType("cn", T.alarm)).toEqual([]);
  });
});

describe("IdentityBaseline through a provider the preview cannot configure", () => {
  it("registers the MFA policy with its document unknown, never naming arn:undefined", async () => {
    expect(await failuresOf(() => new IdentityBaseline("id", {}, { provider: provider(UNCONFIGURED) }))).toEqual([]);
    const [policy] = childrenOfType("id", T.policy);
    expect(pulumi.isUnknown(policy.inputs.policy)).toBe(true);
  });

  it("names the configured provider's partition in the MFA policy", async () => {
    answers.set(T.partition, { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" });
    expect(await failuresOf(() => new IdentityBaseline("id", {}, { provider: provider(CONFIGURED) }))).toEqual([]);
    const [policy] = childrenOfType("id", T.policy);
    expect(policy.inputs.policy).toContain("arn:aws-cn:iam::*:user/${aws:username}");
    expect(policy.inputs.policy).not.toContain("undefined");
  });
});

const LISTENER =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
const TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** A CLOUDFRONT firewall through `providerName`, with an origin lock and a gate for one ALB in `albRegion`. */
function lockedOrigin(providerName: string, albRegion = "us-east-1"): void {
  const p = provider(providerName);
  const waf = new WebFirewall("cdn", { scope: "CLOUDFRONT", tags: { team: "web" } }, { provider: p });
  waf.originIngressRules("web-alb", "sg-0123456789abcdef0");
  waf.originRequestGate("web-alb", {
    listenerArn: LISTENER.replace("us-east-1", albRegion),
    targetGroupArn: TARGET_GROUP.replace("us-east-1", albRegion),
    secret: pulumi.secret(SECRET),
  });
}

describe("a CLOUDFRONT WebFirewall's origin lock through a provider the preview cannot configure", () => {
  it("registers the ingress rule with the prefix list unknown, not missing", async () => {
    expect(await failuresOf(() => lockedOrigin(UNCONFIGURED))).toEqual([]);
    const rules = childrenOfType("cdn", T.ingressRule);
    expect(rules.map((r) => r.name)).toEqual(["cdn-origin-web-alb-443"]);
    expect(pulumi.isUnknown(rules[0].inputs.prefixListId)).toBe(true);
  });

  it("registers the gate's rule, its place checked at deployment, with no false error", async () => {
    expect(await failuresOf(() => lockedOrigin(UNCONFIGURED))).toEqual([]);
    const rules = childrenOfType("cdn", T.listenerRule);
    expect(rules.map((r) => r.name)).toEqual(["cdn-origin-gate-web-alb"]);
    expect(pulumi.isUnknown(rules[0].inputs.listenerArn)).toBe(true);
  });

  it("uses a configured provider's prefix list and places the gate on its listener", async () => {
    answerUsEast1();
    expect(await failuresOf(() => lockedOrigin(CONFIGURED))).toEqual([]);
    expect(childrenOfType("cdn", T.ingressRule).map((r) => r.inputs.prefixListId)).toEqual(["pl-3b927c52"]);
    expect(childrenOfType("cdn", T.listenerRule).map((r) => r.inputs.listenerArn)).toEqual([LISTENER]);
  });

  it("still refuses a listener of another region than a configured provider's", async () => {
    answerUsEast1();
    const failures = await failuresOf(() => lockedOrigin(CONFIGURED, "eu-west-1"));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain('WebFirewall cdn: originRequestGate("web-alb")');
    expect(childrenOfType("cdn", T.listenerRule)).toEqual([]);
  });
});
