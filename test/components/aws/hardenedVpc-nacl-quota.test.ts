// HardenedVpc's network ACLs against AWS's "Rules per network ACL" quota: 20 per direction and address family by
// default (AWS's own default deny included), at most 40. Arguments that cannot fit are refused before anything exists.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { HardenedVpc, HardenedVpcArgs } from "../../../components/aws/hardenedVpc";
import { checkNaclRuleQuota } from "../../../components/aws/naclQuota";
import { Problems, UnresolvedValue } from "../../../components/validation";
import { ADMIN_PORTS } from "../../../lib/ports";

const NACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_QUOTA = 20;
const MAX_QUOTA = 40;
/** AWS counts its default deny rule (32767 for IPv4, 32768 for IPv6) against the quota of each family. */
const DEFAULT_DENY = 1;
/** Internet-wide denies per family: TCP on every admin port, UDP as well on RDP's 3389. */
const DENIES = ADMIN_PORTS.length + (ADMIN_PORTS.includes(3389) ? 1 : 0);
/** The public ACL's IPv4 allows after the denies: 443, 80, TCP and UDP replies, the VPC itself. */
const IPV4_ALLOWS = 5;
const fitV4 = (quota: number) => quota - DEFAULT_DENY - DENIES - IPV4_ALLOWS;
const fitV6 = (quota: number) => quota - DEFAULT_DENY - DENIES;

/** Distinct narrow public sources, valid admin sources all. */
const v4 = (n: number) => Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}/32`);
const v6 = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${(i + 1).toString(16)}::/64`);

type Rule = { cidrBlock?: string; ipv6CidrBlock?: string; action: string };
const ipv4Rules = (rules: Rule[]) => rules.filter((r) => r.cidrBlock !== undefined);
const ipv6Rules = (rules: Rule[]) => rules.filter((r) => r.ipv6CidrBlock !== undefined);

let warn: jest.SpyInstance;
beforeEach(() => {
  reset();
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const quotaWarnings = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => /naclRuleQuota/.test(m));

/** The component's network ACLs by tier (registration order follows output resolution). */
async function build(name: string, args: HardenedVpcArgs) {
  new HardenedVpc(name, args);
  await settle();
  const byName = (tier: string) => ofType(NACL, new RegExp(`^${name}-${tier}-nacl$`));
  return [...byName("public"), ...byName("private"), ...byName("isolated")];
}

async function refused(args: Record<string, unknown>) {
  const error = validationErrorOf(() => new HardenedVpc("refused", args as HardenedVpcArgs));
  await settle();
  expect(recorded).toEqual([]);
  return error;
}

describe("the default stack fits the default quota", () => {
  it("holds every ACL's rules within 20 per direction and family, and warns of nothing", async () => {
    const nacls = await build("core", { adminIngressCidrs: ["203.0.113.0/28"] });
    expect(nacls.map((n) => n.name)).toEqual(["core-public-nacl", "core-private-nacl", "core-isolated-nacl"]);
    for (const nacl of nacls) {
      for (const rules of [nacl.inputs.ingress, nacl.inputs.egress]) {
        expect(ipv4Rules(rules).length + DEFAULT_DENY).toBeLessThanOrEqual(DEFAULT_QUOTA);
        expect(ipv6Rules(rules).length + DEFAULT_DENY).toBeLessThanOrEqual(DEFAULT_QUOTA);
      }
    }
    expect(quotaWarnings()).toEqual([]);
  });

  it("plans the public ACL the test counts on: the denies and allows that leave room for admin sources", async () => {
    const [publicNacl] = await build("bare", {});
    const ingress: Rule[] = publicNacl.inputs.ingress;
    expect(ipv4Rules(ingress)).toHaveLength(DENIES + IPV4_ALLOWS);
    expect(ipv6Rules(ingress)).toHaveLength(DENIES);
    expect(ipv6Rules(ingress).every((r) => r.action === "deny")).toBe(true);
  });
});

describe("admin sources up to the quota, IPv4 and IPv6 counted apart", () => {
  it("accepts the most IPv4 sources that fit, filling the quota exactly", async () => {
    const sources = v4(fitV4(DEFAULT_QUOTA));
    const [publicNacl] = await build("full", { adminIngressCidrs: sources });
    expect(ipv4Rules(publicNacl.inputs.ingress).length + DEFAULT_DENY).toBe(DEFAULT_QUOTA);
  });

  it("refuses one IPv4 source more, naming the argument, the count, the limit and the fix", async () => {
    const sources = v4(fitV4(DEFAULT_QUOTA) + 1);
    const error = await refused({ adminIngressCidrs: sources });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["adminIngressCidrs", sources]]);
    const needed = DEFAULT_QUOTA + 1;
    expect(error.message).toContain(
      `argument "adminIngressCidrs" is ${JSON.stringify(sources)}; allowed: at most ${fitV4(DEFAULT_QUOTA)} IPv4 ` +
        `admin sources: ${sources.length} make the public subnets' network ACL hold ${needed} inbound IPv4 rules ` +
        "(AWS's default deny included)",
    );
    expect(error.message).toContain(`above the default quota of ${DEFAULT_QUOTA} rules per network ACL`);
    expect(error.message).toContain(
      `fix: at most ${fitV4(DEFAULT_QUOTA)} IPv4 admin sources fit the default quota: summarise them into fewer ` +
        `blocks, or raise the account's "Rules per network ACL" quota (Service Quotas, Amazon VPC, L-2AEEBF1A) to ` +
        `${needed} and pass naclRuleQuota: ${needed}`,
    );
  });

  it("counts IPv6 sources against their own quota: both families full at once still fit", async () => {
    const sources = [...v4(fitV4(DEFAULT_QUOTA)), ...v6(fitV6(DEFAULT_QUOTA))];
    const [publicNacl] = await build("dual", { adminIngressCidrs: sources });
    const ingress: Rule[] = publicNacl.inputs.ingress;
    expect(ipv6Rules(ingress).length + DEFAULT_DENY).toBe(DEFAULT_QUOTA);
    // More rules than one family's quota in all: the families are counted apart, as AWS does.
    expect(ingress.length).toBeGreaterThan(DEFAULT_QUOTA);
  });

  it("refuses one IPv6 source more, naming IPv6, while the IPv4 sources alone would fit", async () => {
    const sources = [...v4(1), ...v6(fitV6(DEFAULT_QUOTA) + 1)];
    const error = await refused({ adminIngressCidrs: sources });
    expect(error.problems.map((p) => p.argument)).toEqual(["adminIngressCidrs"]);
    expect(error.message).toContain(`allowed: at most ${fitV6(DEFAULT_QUOTA)} IPv6 admin sources`);
    expect(error.message).toContain(`hold ${DEFAULT_QUOTA + 1} inbound IPv6 rules`);
    expect(error.message).not.toMatch(/IPv4 admin sources/);
  });

  it("reports both families when both overflow", async () => {
    const sources = [...v4(fitV4(DEFAULT_QUOTA) + 2), ...v6(fitV6(DEFAULT_QUOTA) + 1)];
    const error = await refused({ adminIngressCidrs: sources });
    expect(error.problems.map((p) => p.argument)).toEqual(["adminIngressCidrs", "adminIngressCidrs"]);
    expect(error.message).toMatch(/hold 22 inbound IPv4 rules.*\n.*hold 21 inbound IPv6 rules/);
  });
});

describe("network ACLs past the quota whatever the arguments", () => {
  it("name naclRuleQuota and the quota that holds them (the planned rules, counted as the component counts)", () => {
    const problems = new Problems("HardenedVpc");
    // Below any quota AWS grants: only reachable by calling the check directly.
    const quota = DENIES + IPV4_ALLOWS;
    checkNaclRuleQuota(
      problems,
      { vpcCidr: "10.0.0.0/16", tiers: ["public", "private", "isolated"], natEgress: true, adminSources: [] },
      quota,
    );
    expect(problems.list).toEqual([
      {
        argument: "naclRuleQuota",
        value: quota,
        allowed: `at least ${quota + DEFAULT_DENY}: the public subnets' network ACL holds ${quota + DEFAULT_DENY} inbound IPv4 rules whatever the arguments`,
        fix: expect.stringContaining(`pass naclRuleQuota: ${quota + DEFAULT_DENY}`),
      },
    ]);
  });
});

describe("naclRuleQuota for accounts whose quota was raised", () => {
  it("admits the sources a raised quota holds and warns that the quota must have been raised", async () => {
    const sources = v4(fitV4(MAX_QUOTA));
    expect(sources.length).toBeGreaterThan(fitV4(DEFAULT_QUOTA));
    const [publicNacl] = await build("raised", { adminIngressCidrs: sources, naclRuleQuota: MAX_QUOTA });
    expect(ipv4Rules(publicNacl.inputs.ingress).length + DEFAULT_DENY).toBe(MAX_QUOTA);
    expect(quotaWarnings()).toEqual([
      expect.stringMatching(
        /^HardenedVpc raised: naclRuleQuota is 40, above the default of 20 rules per network ACL: the account's "Rules per network ACL" quota .* must have been raised to at least 40 in this region first, or the deployment fails/,
      ),
    ]);
  });

  it("does not warn when the default is passed explicitly", async () => {
    await build("explicit", { naclRuleQuota: DEFAULT_QUOTA });
    expect(quotaWarnings()).toEqual([]);
  });

  it("asks for the quota that would fit when a raised one is still short", async () => {
    const quota = 30;
    const sources = v4(fitV4(quota) + 1);
    const error = await refused({ adminIngressCidrs: sources, naclRuleQuota: quota });
    expect(error.message).toContain(`at most ${fitV4(quota)} IPv4 admin sources fit naclRuleQuota ${quota}`);
    expect(error.message).toContain(`pass naclRuleQuota: ${quota + 1}`);
  });

  it("says no quota holds more than AWS's maximum allows", async () => {
    const sources = v4(fitV4(MAX_QUOTA) + 1);
    const atMax = await refused({ adminIngressCidrs: sources, naclRuleQuota: MAX_QUOTA });
    expect(atMax.message).toContain(`above naclRuleQuota's ${MAX_QUOTA} rules per network ACL`);
    expect(atMax.message).toContain(
      `fix: at most ${fitV4(MAX_QUOTA)} IPv4 admin sources fit naclRuleQuota ${MAX_QUOTA}, the highest quota ` +
        "granted: summarise them into fewer blocks",
    );
    const atDefault = await refused({ adminIngressCidrs: sources });
    expect(atDefault.message).toContain(
      `fix: at most ${fitV4(DEFAULT_QUOTA)} IPv4 admin sources fit the default quota and ${fitV4(MAX_QUOTA)} the ` +
        `highest quota granted (${MAX_QUOTA}): summarise them into fewer blocks`,
    );
    for (const error of [atMax, atDefault]) expect(error.message).not.toContain("pass naclRuleQuota");
  });

  it("still bounds both families together by the admin allows' rule numbers (10-49)", async () => {
    const sources = [...v4(fitV4(MAX_QUOTA)), ...v6(fitV6(DEFAULT_QUOTA))];
    expect(sources.length).toBeGreaterThan(40);
    const error = await refused({ adminIngressCidrs: sources, naclRuleQuota: MAX_QUOTA });
    expect(error.problems.map((p) => p.argument)).toEqual(["adminIngressCidrs"]);
    expect(error.message).toContain(`at most 40 entries in all (NACL rules 10-49; ${sources.length} given)`);
  });

  it.each<[string, unknown]>([
    ["0", 0],
    ["below the default", DEFAULT_QUOTA - 1],
    ["above AWS's maximum", MAX_QUOTA + 1],
    ["fractional", 2.5],
    ["NaN", NaN],
    ["a numeric string", "40"],
    ["a boolean", true],
  ])("refuses naclRuleQuota %s before anything is created", async (_label, value) => {
    const error = await refused({ naclRuleQuota: value });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["naclRuleQuota", value]]);
    expect(error.message).toContain("allowed: an integer from 20 (the default) to 40 (the highest quota granted)");
    expect(error.message).toContain("fix: omit naclRuleQuota for the default");
  });

  it.each<[string, unknown]>([
    ["an Output", pulumi.output(40)],
    ["a Promise", Promise.resolve(40)],
  ])("refuses naclRuleQuota as %s: the count needs the value itself", async (_label, value) => {
    const error = await refused({ naclRuleQuota: value });
    expect(error.problems.map((p) => p.argument)).toEqual(["naclRuleQuota"]);
    expect(error.problems[0].value).toBeInstanceOf(UnresolvedValue);
  });

  it("reports a bad quota with every other problem, counting against the default meanwhile", async () => {
    const sources = v4(fitV4(DEFAULT_QUOTA) + 1);
    const error = await refused({ naclRuleQuota: MAX_QUOTA + 1, adminIngressCidrs: sources, flowLogRetentionDays: 30 });
    expect(error.problems.map((p) => p.argument)).toEqual([
      "naclRuleQuota",
      "adminIngressCidrs",
      "flowLogRetentionDays",
    ]);
    expect(error.message).toContain(
      `hold ${DEFAULT_QUOTA + 1} inbound IPv4 rules (AWS's default deny included), above the default quota`,
    );
  });
});
