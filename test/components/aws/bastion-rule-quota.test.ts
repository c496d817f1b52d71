// Bastion securityGroupRuleQuota: the account's "Inbound or outbound rules per security group" quota, 60 by default and
// at most 1000 (the quota times security groups per interface may not exceed 1000). A bad value is refused before
// anything is registered; a raised one lets more allowedCidrs in, counted per address family, and logs a warning.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { Bastion, BastionArgs } from "../../../components/aws/bastion";
import { base, ipv4Hosts, ipv6Blocks, shortIpv4Hosts } from "./bastion-fixtures";

let warn: jest.SpyInstance;
beforeEach(() => {
  reset();
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());
const quotaWarnings = () =>
  warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("securityGroupRuleQuota"));

async function refused(args: BastionArgs) {
  const e = validationErrorOf(() => new Bastion("b", args));
  await settle();
  expect(recorded).toEqual([]);
  expect(warn).not.toHaveBeenCalled();
  return e;
}

async function ingressOf(args: BastionArgs) {
  new Bastion("b", args);
  await settle();
  const ingress = one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as Record<string, string[]>[];
  return { v4: ingress.filter((r) => r.cidrBlocks).length, v6: ingress.filter((r) => r.ipv6CidrBlocks).length };
}

describe("Bastion securityGroupRuleQuota values AWS never grants", () => {
  it.each<[string, unknown, string]>([
    ["below the default", 59, "59"],
    ["zero", 0, "0"],
    ["negative", -60, "-60"],
    ["a fraction", 60.5, "60.5"],
    ["above the most AWS grants", 1001, "1001"],
    ["a string", "100", '"100"'],
    ["NaN", NaN, "NaN"],
    ["Infinity", Infinity, "Infinity"],
    ["a boolean", true, "true"],
    ["null", null, "null"],
  ])("refuses %s, naming the argument, the value and the fix", async (_label, securityGroupRuleQuota, shown) => {
    const e = await refused({ ...base, allowedCidrs: ["203.0.113.0/28"], securityGroupRuleQuota } as BastionArgs);
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["securityGroupRuleQuota", securityGroupRuleQuota]]);
    expect(e.message).toContain(
      `argument "securityGroupRuleQuota" is ${shown}; allowed: an integer from 60 (AWS's default) to 1000 (the ` +
        "most AWS grants: the quota times the security groups per network interface may not exceed 1000)",
    );
    expect(e.message).toContain(
      "fix: omit securityGroupRuleQuota for the default 60, or pass the number of rules the account's \"Inbound or " +
        'outbound rules per security group" quota (Service Quotas, Amazon VPC, L-0EA8095F) was raised to',
    );
  });

  it("refuses an Output: the quota decides which allow-lists are refused before anything exists", async () => {
    const e = await refused({
      ...base,
      allowedCidrs: ["203.0.113.0/28"],
      securityGroupRuleQuota: pulumi.output(100) as never,
    });
    expect(e.problems.map((p) => p.argument)).toEqual(["securityGroupRuleQuota"]);
    expect(e.message).toMatch(/argument "securityGroupRuleQuota" is .*pulumi\.Output.*; fix: /);
  });

  it("refuses a bad value in SSM-only mode too", async () => {
    const e = await refused({ ...base, ssmOnly: true, securityGroupRuleQuota: 20 });
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["securityGroupRuleQuota", 20]]);
  });

  it("reports a bad value with an allow-list past the default, counted against the default", async () => {
    const allowedCidrs = ipv4Hosts(61);
    const e = await refused({ ...base, allowedCidrs, securityGroupRuleQuota: 5000 });
    expect(e.problems.map((p) => p.argument)).toEqual(["securityGroupRuleQuota", "allowedCidrs"]);
    expect(e.message).toContain("above AWS's default quota of 60 inbound rules per security group");
  });
});

describe("Bastion allowedCidrs against a raised securityGroupRuleQuota", () => {
  it("takes 100 blocks of each family under a quota of 100, and warns that the quota must be raised", async () => {
    const allowedCidrs = [...ipv4Hosts(100), ...ipv6Blocks(100)];
    expect(await ingressOf({ ...base, allowedCidrs, securityGroupRuleQuota: 100 })).toEqual({ v4: 100, v6: 100 });
    expect(quotaWarnings()).toEqual([
      "Bastion b: securityGroupRuleQuota is 100, above AWS's default of 60 rules per security group: the account's " +
        '"Inbound or outbound rules per security group" quota (Service Quotas, Amazon VPC, L-0EA8095F) must have ' +
        "been raised to at least 100 in this region first, or the deployment fails when it writes the security group",
    ]);
  });

  // 1000 blocks fit the host's allow-list tags only when short: 10.a.b.c/32 with one digit each, 21 to a 256-character
  // value, fill 48 tags beside Name and hardening:role, EC2's 50 (bastion-allow-list-tags.test.ts).
  it("takes 1000 IPv4 blocks under the highest quota", async () => {
    expect(await ingressOf({ ...base, allowedCidrs: shortIpv4Hosts(1000), securityGroupRuleQuota: 1000 })).toEqual({
      v4: 1000,
      v6: 0,
    });
    expect(quotaWarnings()).toEqual([expect.stringContaining("securityGroupRuleQuota is 1000")]);
  });

  it.each<[string, BastionArgs]>([
    ["omitted", { ...base, allowedCidrs: ipv4Hosts(60) }],
    ["the default, given", { ...base, allowedCidrs: ipv4Hosts(60), securityGroupRuleQuota: 60 }],
    ["the default in SSM-only mode", { ...base, ssmOnly: true, securityGroupRuleQuota: 60 }],
  ])("does not warn for a quota %s", async (_label, args) => {
    new Bastion("b", args);
    await settle();
    expect(quotaWarnings()).toEqual([]);
  });

  it.each<[string, string[], number, string, number]>([
    ["101 IPv4 blocks under 100", ipv4Hosts(101), 100, "IPv4", 101],
    ["101 IPv6 blocks under 100", [...ipv4Hosts(5), ...ipv6Blocks(101)], 100, "IPv6", 101],
  ])(
    "refuses %s, naming the quota in force and the value that would hold them",
    async (_l, allowedCidrs, q, family, n) => {
      const e = await refused({ ...base, allowedCidrs, securityGroupRuleQuota: q });
      expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs"]);
      expect(e.message).toContain(
        `allowed: at most ${q} ${family} blocks: ${n} make the bastion's security group hold ${n} inbound ${family} ` +
          `rules, above securityGroupRuleQuota's ${q} inbound rules per security group`,
      );
      expect(e.message).toContain(
        `fix: summarise the ${family} blocks into at most ${q} (each still a narrow office or VPN range), or use ` +
          `ssmOnly: true, which needs no inbound rule, or raise the account's quota to ${n} and pass ` +
          `securityGroupRuleQuota: ${n}`,
      );
    },
  );

  it("refuses 1001 blocks under the highest quota, without offering a quota that AWS never grants", async () => {
    const e = await refused({ ...base, allowedCidrs: ipv4Hosts(1001), securityGroupRuleQuota: 1000 });
    expect(e.message).toContain("allowed: at most 1000 IPv4 blocks: 1001 make the bastion's security group hold");
    expect(e.message).toContain("which needs no inbound rule; no quota holds more than 1000");
    expect(e.message).not.toContain("securityGroupRuleQuota: 1001");
  });

  it("offers the quota that holds 61 blocks under the default", async () => {
    const e = await refused({ ...base, allowedCidrs: ipv4Hosts(61) });
    expect(e.message).toContain(
      "or use ssmOnly: true, which needs no inbound rule, or raise the account's quota to 61 and pass " +
        "securityGroupRuleQuota: 61",
    );
  });
});
