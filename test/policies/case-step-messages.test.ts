// Every diagnostic of the pack, resource and stack policies alike, violations, notes and exemption messages, ends by
// naming the case step its rule breaks. Bad fixtures for each policy make sure none of them passes vacuously.
import { StackValidationPolicy } from "@pulumi/policy";
import { hardeningRules, hardeningStackRules } from "../../policies/catalog";
import { CASE_STEP_LABELS, CaseStep, RuleMetadata } from "../../policies/lib/metadata";
import { breaksCaseStep, withCaseStep } from "../../policies/lib/case-step";
import { hardeningStackPolicies } from "../../policies/stack";
import { A, aliNetwork, rule } from "../reachability/alicloud-fixtures";
import { T } from "../reachability/aws-fixtures";
import { runStackPolicy } from "../reachability/policy-harness";
import { ref, StackBuilder } from "../reachability/stack-builder";
import { Diagnostic, run, runStack, StackInput, UNKNOWN } from "./harness";

type Fixture = [type: string, props: Record<string, unknown>, name?: string];

const ssh = { type: "ingress", ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0", securityGroupId: UNKNOWN };
const mysql = { ...ssh, portRange: "3306/3306" };

/** At least one known-bad resource per rule; `{}` and unknown-field fixtures are added for every type below. */
const BAD: Record<string, Fixture[]> = {
  "disallow-internet-admin-ports": [["alicloud:ecs/securityGroupRule:SecurityGroupRule", ssh]],
  "disallow-public-high-risk-ports": [["alicloud:ecs/securityGroupRule:SecurityGroupRule", mysql]],
  "disallow-public-managed-databases": [["alicloud:rds/instance:Instance", { securityIps: ["0.0.0.0/0"] }]],
  "disallow-ecs-password-login": [["alicloud:ecs/instance:Instance", { password: "Passw0rd!" }]],
  "disallow-userdata-login-weakening": [
    [
      "alicloud:ecs/instance:Instance",
      { userData: "#!/bin/bash\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n" },
    ],
  ],
  "require-imdsv2": [["aws:ec2/instance:Instance", { metadataOptions: { httpTokens: "optional" } }]],
  "require-cloudtrail-multi-region-validation": [["aws:cloudtrail/trail:Trail", { s3BucketName: "b" }]],
  "require-actiontrail-all-regions-events": [["alicloud:actiontrail/trail:Trail", { status: "Disable" }]],
  "require-backup-vault-lock-compliance": [["aws:backup/vaultLockConfiguration:VaultLockConfiguration", {}]],
  "require-evidence-bucket-immutability": [
    ["alicloud:oss/bucket:Bucket", { bucket: "case-backups", forceDestroy: true }],
  ],
  "require-dns-failover-health-check": [
    [
      "aws:route53/record:Record",
      { zoneId: "z", name: "app", type: "A", failoverRoutingPolicies: [{ type: "PRIMARY" }] },
    ],
  ],
  "require-iam-password-policy-strength": [["aws:iam/accountPasswordPolicy:AccountPasswordPolicy", {}]],
  "require-ram-password-policy-strength": [
    ["alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy", { minimumPasswordLength: 8, maxLoginAttempts: 0 }],
  ],
  "require-ram-mfa-for-login": [["alicloud:ram/securityPreference:SecurityPreference", {}]],
  "recommend-registry-tag-immutability": [["aws:ecr/repository:Repository", { imageTagMutability: "MUTABLE" }]],
};

/**
 * Rules whose every finding comes from their stack part (a login profile judged against the plan's policies): a bad
 * plan for each, run failing closed, since without that the rule's findings are notes.
 */
const STACK_BAD: Record<string, StackInput[]> = {
  "require-iam-console-mfa": [
    { type: "aws:iam/userLoginProfile:UserLoginProfile", name: "console", props: { user: "ops" } },
  ],
};

const EXPIRED = {
  exemptions: [
    { resource: "*", reason: "vendor appliance pending replacement", owner: "platform", expires: "2020-01-31" },
  ],
};
const ACTIVE = { exemptions: [{ ...EXPIRED.exemptions[0], expires: "2999-12-31" }] };

/** The suffix as the message must end: the step number and its short label, nothing after it. */
function expectNamesStep(message: string, step: CaseStep) {
  const last = message.split("\n").pop() ?? "";
  expect(last.endsWith(` — breaks case step ${step} (${CASE_STEP_LABELS[step]})`)).toBe(true);
  // One suffix only: the plumbing must not stamp twice (e.g. an exemption note wrapping findings).
  expect(last.split("breaks case step").length).toBe(2);
}

function checkAll(diagnostics: Diagnostic[] | { message: string }[], m: RuleMetadata) {
  for (const d of diagnostics) expectNamesStep(d.message, m.caseStep);
}

describe("every resource policy's diagnostics name the case step", () => {
  const resourceJudged = hardeningRules.filter((r) => STACK_BAD[r.name] === undefined);
  it.each(resourceJudged.map((r) => [r.name, r] as const))("%s", async (name, policy) => {
    const bad = BAD[name] ?? [];
    expect(bad.length).toBeGreaterThan(0);
    const findings: Diagnostic[] = [];
    for (const [type, props, resName] of bad) findings.push(...(await run(policy, type, props, { name: resName })));
    // Bad fixtures are reported at the rule's own level (advisory rules recommend, mandatory rules block).
    expect(findings.filter((d) => d.level === policy.enforcementLevel).length).toBeGreaterThan(0);

    const all: Diagnostic[] = [...findings];
    for (const type of policy.metadata.resourceTypes) {
      all.push(...(await run(policy, type, {})));
      all.push(...(await run(policy, type, {}, { config: EXPIRED })));
      all.push(...(await run(policy, type, {}, { config: ACTIVE })));
    }
    const [type, props] = bad[0];
    all.push(...(await run(policy, type, props, { config: { failClosed: true } })));
    // Expired exemptions are reported on every type, so the loop above always produced diagnostics.
    expect(all.length).toBeGreaterThan(policy.metadata.resourceTypes.length);
    checkAll(all, policy.metadata);
  });
});

describe("every resource policy judged across the stack names the case step", () => {
  const stackJudged = hardeningRules.filter((r) => STACK_BAD[r.name] !== undefined);
  it.each(stackJudged.map((r) => [r.name, r] as const))("%s", async (name, policy) => {
    const stack = STACK_BAD[name];
    const judge = (config: Record<string, unknown>) =>
      runStack(policy as unknown as StackValidationPolicy, stack, config);
    const failing = await judge({ failClosed: true });
    expect(failing.filter((d) => d.level === policy.enforcementLevel).length).toBeGreaterThan(0);
    const all = [...failing, ...(await judge({})), ...(await judge(EXPIRED)), ...(await judge(ACTIVE))];
    expect(all.length).toBeGreaterThan(3);
    checkAll(all, policy.metadata);
  });
});

describe("every stack policy's diagnostics name the case step", () => {
  it.each(hardeningStackRules.map((r) => [r.name, r] as const))("%s", async (_name, policy) => {
    const stack = [
      { type: "aws:wafv2/webAcl:WebAcl", name: "edge", props: { scope: "REGIONAL", arn: UNKNOWN } },
      { type: "alicloud:oss/bucket:Bucket", name: "evidence", props: { bucket: "case-evidence" } },
      { type: "alicloud:dns/addressPool:AddressPool", name: "primary", props: { addresses: [] } },
      { type: "aws:ecr/repository:Repository", name: "api", props: { name: "api" } },
      { type: "aws:s3/bucketV2:BucketV2", name: "case-evidence-s3", props: { bucket: "case-evidence-s3" } },
      { type: "aws:backup/vault:Vault", name: "vault", props: { name: "vault" } },
      { type: "aws:route53/healthCheck:HealthCheck", name: "hc", props: { id: "hc-1", disabled: true } },
      {
        type: "aws:route53/record:Record",
        name: "app",
        props: {
          zoneId: "z",
          name: "app",
          type: "A",
          healthCheckId: "hc-1",
          failoverRoutingPolicies: [{ type: "PRIMARY" }],
        },
      },
    ];
    const plain = await runStack(policy, stack);
    expect(plain.filter((d) => d.level === "mandatory").length).toBeGreaterThan(0);
    const exempted = await runStack(policy, stack, ACTIVE);
    const expired = await runStack(policy, stack, EXPIRED);
    checkAll([...plain, ...exempted, ...expired], policy.metadata);
  });

  /**
   * The case in miniature: public ECS with SSH and MySQL open, an internet ALB, no flow logs, no trail, and a
   * traffic mirror session left disabled.
   */
  function theCase() {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
    b.add(A.instance, "erp", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 100 });
    b.add(A.alb, "web", { addressType: "Internet" });
    b.add(T.vpc, "aws-vpc", { cidrBlock: "10.0.0.0/16" });
    b.add("alicloud:vpc/trafficMirrorSession:TrafficMirrorSession", "mirror", {
      enabled: false,
      trafficMirrorFilterId: "tmf-elsewhere",
      trafficMirrorTargetId: "eni-collector",
      trafficMirrorSourceIds: ["eni-erp"],
    });
    // A WAF 3.0 domain for another site, without flood protection (require-waf-rate-limit).
    b.add("alicloud:wafv3/domain:Domain", "shop-waf", {
      domain: "shop.example.com",
      instanceId: "waf-1",
      redirect: { backends: ["198.51.100.20"] },
    });
    return b.resources;
  }

  it.each(hardeningStackPolicies.map((p) => [p.name, p] as const))("%s", async (_name, policy) => {
    const reported = await runStackPolicy(policy, theCase());
    expect(reported.filter((r) => !r.advisory).length).toBeGreaterThan(0);
    const exempted = await runStackPolicy(policy, theCase(), ACTIVE);
    expect(exempted.length).toBeGreaterThan(0);
    checkAll([...reported, ...exempted], policy.metadata);
  });
});

describe("withCaseStep", () => {
  it("drops only the trailing blanks and full stops, even after a 20,000-blank run in mid-message", () => {
    const value = `a${" ".repeat(20_000)}.b`;
    expect(withCaseStep(`x is "${value}". \n`, 2)).toBe(`x is "${value}" — ${breaksCaseStep(2)}`);
    expect(withCaseStep(`x is ${" ".repeat(20_000)}`, 2)).toBe(`x is — ${breaksCaseStep(2)}`);
  });
});

describe("a finding that breaks another step of the case than its rule's names that step, once", () => {
  const policy = hardeningRules.find((r) => r.name === "disallow-userdata-login-weakening")!;
  const xrdp = { userData: "#!/bin/bash\napt-get install -y xrdp\n" };
  const outside = {
    userData: '#!/bin/bash\napt-get install -y xrdp\necho "PermitRootLogin $MODE" >> /etc/ssh/sshd_config\n',
  };

  it("a password-login server breaks the brute force, step 1, where the rule's own step is 2", async () => {
    expect(policy.metadata.caseStep).toBe(2);
    const ds = await run(policy, "aws:ec2/instance:Instance", xrdp);
    expect(ds).toHaveLength(1);
    expectNamesStep(ds[0].message, 1);
  });

  it("keeps its own step when an exemption has expired or the rule fails closed, and the rule's beside it", async () => {
    for (const config of [EXPIRED, { failClosed: true }]) {
      const ds = await run(policy, "aws:ec2/instance:Instance", outside, { config });
      // The rule's own line: the harness puts its description (which names both) before it.
      const own = (d: Diagnostic) => d.message.split("\n").pop() ?? "";
      const server = ds.filter((d) => own(d).includes("xrdp"));
      const rootLogin = ds.filter((d) => own(d).includes("PermitRootLogin"));
      expect(server).toHaveLength(1);
      expect(rootLogin).toHaveLength(1);
      expectNamesStep(server[0].message, 1);
      expectNamesStep(rootLogin[0].message, 2);
    }
  });

  it("an exemption in use is the rule's note, naming the rule's step once", async () => {
    const ds = await run(policy, "aws:ec2/instance:Instance", xrdp, { config: ACTIVE });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("exempted until 2999-12-31");
    expectNamesStep(ds[0].message, 2);
  });
});
