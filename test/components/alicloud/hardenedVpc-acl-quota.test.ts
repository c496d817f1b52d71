// HardenedVpc's public network ACL against Alibaba Cloud's entry quota: 20 per direction, IPv4 and IPv6 apart
// (vpc_quota_nacl_ingress_entry / vpc_quota_nacl_egress_entry). Arguments that cannot fit are refused up front.
import * as pulumi from "@pulumi/pulumi";
import { childrenOf, one, recorded, settle } from "./mocks";
import { HardenedVpc, HardenedVpcArgs } from "../../../components/alicloud/hardenedVpc";
import { publicTierAclQuotaProblems } from "../../../components/plan/alicloud-acl-quota";
import { UnresolvedValue, ValidationError } from "../../../components/validation";
import { ADMIN_PORTS } from "../../../lib/ports";

const ACL = "alicloud:vpc/networkAcl:NetworkAcl";
const DEFAULT_QUOTA = 20;
const DEFAULT_PORTS = [80, 443];
/** Entries after the admin-port drops and the public ports, per family: TCP and UDP replies, then ICMP. */
const REPLIES_AND_ICMP = 3;
/** IPv4 only: everything from the VPC's own CIDR. */
const FROM_VPC = 1;
const fitV4 = (quota: number, ports = DEFAULT_PORTS.length) =>
  quota - ADMIN_PORTS.length - ports - REPLIES_AND_ICMP - FROM_VPC;
const fitV6 = (quota: number, ports = DEFAULT_PORTS.length) => quota - ADMIN_PORTS.length - ports - REPLIES_AND_ICMP;
/** Public ports that fit without admin sources: IPv4, with its VPC entry, is the fuller family. */
const fitPorts = (quota: number) => fitV4(quota, 0);

const v4 = (n: number) => Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}/32`);
// /64s a /48 apart: scattered narrow blocks, far under the address budget.
const v6 = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${(i + 1).toString(16)}::/64`);
/** Ports outside every high-risk list. */
const ports = (n: number) => Array.from({ length: n }, (_, i) => 20000 + i);

type Entry = { ipVersion: "IPv4" | "IPv6" };
const ofFamily = (entries: Entry[], family: Entry["ipVersion"]) => entries.filter((e) => e.ipVersion === family);

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());
const quotaWarnings = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => /naclRuleQuota/.test(m));

async function aclOf(name: string, args: HardenedVpcArgs) {
  new HardenedVpc(name, { natGateway: false, ...args });
  await settle();
  return one(name, ACL).inputs as { ingressAclEntries: Entry[]; egressAclEntries: Entry[] };
}

async function refused(name: string, args: Record<string, unknown>): Promise<ValidationError> {
  let error: unknown;
  try {
    new HardenedVpc(name, args as HardenedVpcArgs);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  await settle();
  expect(childrenOf(name)).toEqual([]);
  expect(recorded.filter((r) => r.name === name)).toEqual([]);
  return error;
}

describe("the default stack fits the default quota", () => {
  it.each([false, true])(
    "holds at most 20 entries per direction and family (IPv6 %s), warning of nothing",
    async (ipv6) => {
      const name = ipv6 ? "base6" : "base4";
      const acl = await aclOf(name, { adminSourceCidrs: ["203.0.113.0/28"], enableIpv6: ipv6 });
      for (const entries of [acl.ingressAclEntries, acl.egressAclEntries]) {
        expect(ofFamily(entries, "IPv4").length).toBeLessThanOrEqual(DEFAULT_QUOTA);
        expect(ofFamily(entries, "IPv6").length).toBeLessThanOrEqual(DEFAULT_QUOTA);
      }
      expect(quotaWarnings()).toEqual([]);
    },
  );

  it("plans the entries the test counts on", async () => {
    const acl = await aclOf("bare", { enableIpv6: true });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(DEFAULT_QUOTA - fitV4(DEFAULT_QUOTA));
    expect(ofFamily(acl.ingressAclEntries, "IPv6")).toHaveLength(DEFAULT_QUOTA - fitV6(DEFAULT_QUOTA));
  });
});

describe("adminSourceCidrs up to the quota, IPv4 and IPv6 apart", () => {
  it("accepts the most IPv4 sources that fit, filling the quota exactly", async () => {
    const acl = await aclOf("full", { adminSourceCidrs: v4(fitV4(DEFAULT_QUOTA)) });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(DEFAULT_QUOTA);
  });

  it("refuses one more, naming the argument, the count, the limit and the fix", async () => {
    const sources = v4(fitV4(DEFAULT_QUOTA) + 1);
    const error = await refused("over", { adminSourceCidrs: sources });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["adminSourceCidrs", sources]]);
    expect(error.message).toContain(
      `argument "adminSourceCidrs" is ${JSON.stringify(sources)}; allowed: at most ${fitV4(DEFAULT_QUOTA)} IPv4 ` +
        `admin sources: ${sources.length} make the public vSwitches' network ACL hold ${DEFAULT_QUOTA + 1} inbound ` +
        `IPv4 rules, above the default quota of ${DEFAULT_QUOTA} rules per network ACL`,
    );
    expect(error.message).toContain(
      `fix: at most ${fitV4(DEFAULT_QUOTA)} IPv4 admin sources fit the default quota: summarise them into fewer ` +
        `blocks, serve fewer publicTcpPorts (${DEFAULT_PORTS.length} given), or raise the account's network ACL ` +
        "entry quotas (Quota Center, VPC: vpc_quota_nacl_ingress_entry / vpc_quota_nacl_egress_entry) to " +
        `${DEFAULT_QUOTA + 1} and pass naclRuleQuota: ${DEFAULT_QUOTA + 1}`,
    );
  });

  it("makes room for one more source per public port given up", async () => {
    const acl = await aclOf("oneport", { adminSourceCidrs: v4(fitV4(DEFAULT_QUOTA, 1)), publicTcpPorts: [443] });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(DEFAULT_QUOTA);
  });

  it("counts IPv6 entries against their own quota: both families full at once still fit", async () => {
    const sources = [...v4(fitV4(DEFAULT_QUOTA)), ...v6(fitV6(DEFAULT_QUOTA))];
    const acl = await aclOf("dual", { enableIpv6: true, adminSourceCidrs: sources });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(DEFAULT_QUOTA);
    expect(ofFamily(acl.ingressAclEntries, "IPv6")).toHaveLength(DEFAULT_QUOTA);
  });

  it("refuses one IPv6 source more, naming IPv6", async () => {
    const sources = [...v4(1), ...v6(fitV6(DEFAULT_QUOTA) + 1)];
    const error = await refused("over6", { enableIpv6: true, adminSourceCidrs: sources });
    expect(error.problems.map((p) => p.argument)).toEqual(["adminSourceCidrs"]);
    expect(error.message).toContain(`allowed: at most ${fitV6(DEFAULT_QUOTA)} IPv6 admin sources`);
    expect(error.message).toContain(`hold ${DEFAULT_QUOTA + 1} inbound IPv6 rules`);
  });
});

describe("publicTcpPorts up to the quota", () => {
  it("accepts the most ports that fit and refuses one more on publicTcpPorts", async () => {
    const acl = await aclOf("ports", { publicTcpPorts: ports(fitPorts(DEFAULT_QUOTA)) });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(DEFAULT_QUOTA);
    const tooMany = ports(fitPorts(DEFAULT_QUOTA) + 1);
    const error = await refused("ports-over", { publicTcpPorts: tooMany });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["publicTcpPorts", tooMany]]);
    expect(error.message).toContain(`allowed: at most ${fitPorts(DEFAULT_QUOTA)} IPv4 public TCP ports`);
    expect(error.message).toContain(`pass naclRuleQuota: ${DEFAULT_QUOTA + 1}`);
  });

  it("blames the ports, not the sources, when the ports alone overflow", async () => {
    const tooMany = ports(fitPorts(DEFAULT_QUOTA) + 1);
    const error = await refused("ports-and-admin", { publicTcpPorts: tooMany, adminSourceCidrs: v4(2) });
    expect(error.problems.map((p) => p.argument)).toEqual(["publicTcpPorts"]);
    expect(error.message).toContain("list fewer adminSourceCidrs (2 IPv4 given)");
  });
});

describe("naclRuleQuota for accounts whose quota was raised", () => {
  it("admits what a raised quota holds and warns that the quota must have been raised", async () => {
    const quota = 40;
    const acl = await aclOf("raised", { adminSourceCidrs: v4(fitV4(quota)), naclRuleQuota: quota });
    expect(ofFamily(acl.ingressAclEntries, "IPv4")).toHaveLength(quota);
    expect(quotaWarnings()).toEqual([
      expect.stringMatching(
        /^HardenedVpc "raised": naclRuleQuota is 40, above the default of 20 rules per network ACL: the account's network ACL entry quotas .* must have been raised to at least 40 in this region first, or the deployment fails/,
      ),
    ]);
  });

  it("has no documented maximum: a large quota is taken at its word (with the warning)", async () => {
    await aclOf("large", { naclRuleQuota: 200 });
    expect(quotaWarnings()).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ["0", 0],
    ["below the default", DEFAULT_QUOTA - 1],
    ["fractional", 20.5],
    ["NaN", NaN],
    ["a numeric string", "40"],
  ])("refuses naclRuleQuota %s before anything is created", async (label, value) => {
    const error = await refused(`bad-quota-${label.toLowerCase().replace(/\W+/g, "-")}`, { naclRuleQuota: value });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["naclRuleQuota", value]]);
    expect(error.message).toContain("allowed: an integer of at least 20 (the default; no documented maximum)");
  });

  it("refuses naclRuleQuota as an Output: the count needs the value itself", async () => {
    const error = await refused("quota-output", { naclRuleQuota: pulumi.output(40) });
    expect(error.problems.map((p) => p.argument)).toEqual(["naclRuleQuota"]);
    expect(error.problems[0].value).toBeInstanceOf(UnresolvedValue);
  });

  it("reports a bad quota with every other problem, counting against the default meanwhile", async () => {
    const sources = v4(fitV4(DEFAULT_QUOTA) + 1);
    const error = await refused("all-at-once", {
      naclRuleQuota: 2.5,
      adminSourceCidrs: sources,
      flowLogRetentionDays: 30,
    });
    expect(error.problems.map((p) => p.argument).sort()).toEqual(
      ["adminSourceCidrs", "flowLogRetentionDays", "naclRuleQuota"].sort(),
    );
    expect(error.message).toContain(`hold ${DEFAULT_QUOTA + 1} inbound IPv4 rules, above the default quota`);
  });
});

describe("an ACL past the quota whatever the arguments", () => {
  it("names naclRuleQuota and the quota that holds it", () => {
    // Below any real quota: only reachable by calling the planner's check directly.
    const needed = DEFAULT_QUOTA - fitPorts(DEFAULT_QUOTA);
    const problems = publicTierAclQuotaProblems(
      { adminSourceCidrs: [], vpcCidr: "10.0.0.0/16", publicTcpPorts: [], ipv6: false },
      needed - 1,
    );
    expect(problems).toEqual([
      {
        argument: "naclRuleQuota",
        value: needed - 1,
        allowed: `at least ${needed}: the public vSwitches' network ACL holds ${needed} inbound IPv4 rules whatever the arguments`,
        fix: expect.stringContaining(`pass naclRuleQuota: ${needed}`),
      },
    ]);
  });
});
