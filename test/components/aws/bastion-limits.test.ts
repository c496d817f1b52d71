// Bastion arguments AWS or the pack would only catch too late: an allow-list past the security group's inbound rule
// quota (refused), a VPC CIDR in public space (warned: the host's SSH egress reaches every address of it), and a
// caller's copy of the reserved allow-list tag the policy pack trusts.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { Bastion, SECURITY_GROUP_INBOUND_RULE_QUOTA } from "../../../components/aws/bastion";
import { base, ipv4Hosts, ipv6Blocks } from "./bastion-fixtures";

describe("Bastion allowedCidrs against the security group's inbound rule quota (60 per family)", () => {
  it.each([
    ["61 IPv4 /32s (the red team's probe)", ipv4Hosts(61), "IPv4", 61],
    ["61 IPv6 /48s", ipv6Blocks(61), "IPv6", 61],
    ["70 IPv4 beside 10 IPv6", [...ipv4Hosts(70), ...ipv6Blocks(10)], "IPv4", 70],
  ])("refuses %s before anything is registered", (_, allowedCidrs, family, count) => {
    reset();
    const e = validationErrorOf(() => new Bastion("many", { ...base, allowedCidrs: allowedCidrs as string[] }));
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs"]);
    expect(e.problems[0].value).toEqual(allowedCidrs);
    expect(e.message).toContain(
      `argument "allowedCidrs" is ${JSON.stringify(allowedCidrs)}; allowed: at most 60 ${family} blocks: ${count} ` +
        `make the bastion's security group hold ${count} inbound ${family} rules, above AWS's default quota of 60`,
    );
    expect(e.message).toContain(
      `fix: summarise the ${family} blocks into at most 60 (each still a narrow office or VPN range), or use ` +
        "ssmOnly: true, which needs no inbound rule",
    );
    expect(recorded).toEqual([]);
  });

  it("accepts 60 of each family: the quota is counted per family, as AWS counts it", async () => {
    reset();
    const allowedCidrs = [
      ...ipv4Hosts(SECURITY_GROUP_INBOUND_RULE_QUOTA),
      ...ipv6Blocks(SECURITY_GROUP_INBOUND_RULE_QUOTA),
    ];
    new Bastion("full", { ...base, allowedCidrs });
    await settle();
    const ingress = one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as Record<string, string[]>[];
    expect(ingress.filter((r) => r.cidrBlocks)).toHaveLength(60);
    expect(ingress.filter((r) => r.ipv6CidrBlocks)).toHaveLength(60);
  });

  it("reports a bad entry on its own, without a quota problem, when the list fits", () => {
    reset();
    const e = validationErrorOf(
      () => new Bastion("one-bad", { ...base, allowedCidrs: [...ipv4Hosts(59), "203.0.113.5/24"] }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs[59]"]);
    expect(recorded).toEqual([]);
  });
});

describe("Bastion vpcCidr outside private address space", () => {
  // AWS accepts a VPC in public space and HardenedVpc only warns about one (plan/vpcCidrSpace.ts): so does the
  // bastion, whose SSH egress reaches every address of vpcCidr.
  async function warningsOf(vpcCidr: pulumi.Input<string>, ssmOnly = false) {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      reset();
      new Bastion(
        "b",
        ssmOnly ? { ...base, vpcCidr, ssmOnly } : { ...base, vpcCidr, allowedCidrs: ["203.0.113.0/28"] },
      );
      await settle();
      return warn.mock.calls.map((c) => String(c[0]));
    } finally {
      warn.mockRestore();
    }
  }

  it.each([
    ["8.8.0.0/16 (the red team's probe)", "8.8.0.0/16"],
    ["just past 172.16.0.0/12", "172.32.0.0/16"],
    ["just past 100.64.0.0/10", "100.128.0.0/16"],
    ["a documentation block", "198.51.100.0/24"],
    ["an Output, once known", pulumi.output("11.0.0.0/16")],
  ])("warns for %s, naming vpcCidr, the value and the fix", async (_, vpcCidr) => {
    const warnings = await warningsOf(vpcCidr);
    const value = await new Promise<string>((resolve) => pulumi.output(vpcCidr).apply(resolve));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(`^Bastion b: vpcCidr is "${value.replace(/\./g, "\\.")}", outside private space`),
    );
    expect(warnings[0]).toContain("The bastion may open SSH to every address of vpcCidr");
    expect(warnings[0]).toContain("fix: pass the VPC's own cidrBlock (vpc.cidrBlock)");
    // Warned, not refused: the group is made with the given block, as HardenedVpc's VPC would be.
    expect(one("aws:ec2/securityGroup:SecurityGroup").inputs.egress[1].cidrBlocks).toEqual([value]);
  });

  it("warns in SSM-only mode too: the block is still claimed as the VPC's", async () => {
    expect(await warningsOf("8.8.0.0/16", true)).toEqual([expect.stringContaining('vpcCidr is "8.8.0.0/16"')]);
  });

  it.each(["10.0.0.0/16", "172.16.0.0/16", "172.31.240.0/20", "192.168.0.0/16", "100.64.0.0/16", "100.127.255.0/28"])(
    "does not warn for the private block %s",
    async (vpcCidr) => {
      expect(await warningsOf(vpcCidr)).toEqual([]);
      expect(await warningsOf(pulumi.output(vpcCidr))).toEqual([]);
    },
  );
});

describe("Bastion owns the hardening:allowed-cidrs tag in every mode", () => {
  const callerTags = { team: "ops", "hardening:allowed-cidrs": "0.0.0.0/0" };

  it("drops a caller's copy in SSM-only mode, where the host has no SSH sources", async () => {
    reset();
    new Bastion("ssm", { ...base, ssmOnly: true, tags: callerTags });
    await settle();
    const tags = one("aws:ec2/instance:Instance").inputs.tags;
    expect(tags).toEqual({ team: "ops", Name: "ssm-host", "hardening:role": "bastion" });
    // No child carries the caller's copy; the caller's other tags still reach them.
    expect(one("aws:ec2/securityGroup:SecurityGroup").inputs.tags).toEqual({ team: "ops", Name: "ssm-sg" });
    expect(one("aws:iam/role:Role").inputs.tags).toEqual({ team: "ops" });
  });

  it("writes the real allow-list over a caller's copy in SSH mode", async () => {
    reset();
    new Bastion("ssh", { ...base, allowedCidrs: ["203.0.113.0/28", "2001:db8:1::/56"], tags: callerTags });
    await settle();
    expect(one("aws:ec2/instance:Instance").inputs.tags["hardening:allowed-cidrs"]).toBe(
      "203.0.113.0/28 2001:db8:1::/56",
    );
  });
});
