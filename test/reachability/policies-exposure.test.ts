import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { UNKNOWN } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

/** The case: an ECS server with public bandwidth, SSH and MySQL open to the world. */
function theCase() {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
  rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
  const ecs = b.add(A.instance, "erp", {
    vswitchId: ref(n.vswitch),
    securityGroups: [ref(n.sg)],
    internetMaxBandwidthOut: 100,
  });
  return { b, n, ecs };
}

function bastionStack(source: string, tags: Record<string, string>) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [source] }],
  });
  const host = b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    tags,
  });
  return { b, v, sg, host };
}

describe("disallow-internet-admin-ports-except-bastions", () => {
  const policy = disallowInternetAdminPortsExceptBastions;

  it("blocks the case's server and names it with the path", async () => {
    const { b, ecs } = theCase();
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out).toHaveLength(1);
    expect(out[0].urn).toBe(ecs.urn);
    expect(out[0].message).toContain("tcp/22 is reachable from the internet: 0.0.0.0/0 → public-ip:erp");
  });

  it("allows a tagged bastion reachable only from its allow-list", async () => {
    const tagged = bastionStack("203.0.113.0/24", {
      "hardening:role": "bastion",
      "hardening:allowed-cidrs": "203.0.113.0/24",
    });
    expect(await runStackPolicy(policy, tagged.b.resources)).toEqual([]);
    const configured = bastionStack("203.0.113.0/24", {});
    expect(
      await runStackPolicy(policy, configured.b.resources, { bastions: ["jump"], allowCidrs: ["203.0.113.0/24"] }),
    ).toEqual([]);
  });

  it("blocks a bastion open beyond its allow-list, and a non-bastion host even with a narrow source", async () => {
    const wide = bastionStack("0.0.0.0/0", {
      "hardening:role": "bastion",
      "hardening:allowed-cidrs": "203.0.113.0/24",
    });
    const out = mandatory(await runStackPolicy(policy, wide.b.resources));
    expect(out.map((r) => r.urn)).toEqual([wide.host.urn]);
    expect(out[0].message).toContain("outside the bastion's allow-list (203.0.113.0/24)");
    const plain = bastionStack("203.0.113.0/24", {});
    expect(mandatory(await runStackPolicy(policy, plain.b.resources)).map((r) => r.urn)).toEqual([plain.host.urn]);
  });

  it("turns an exempted resource's violation into an advisory note, and reports expired exemptions", async () => {
    const { b, ecs } = theCase();
    const exemption = { resource: "erp", reason: "ERP vendor moves it behind the bastion in Q3", owner: "ops-team" };
    const live = await runStackPolicy(policy, b.resources, { exemptions: [{ ...exemption, expires: "2999-12-31" }] });
    expect(live).toEqual([
      expect.objectContaining({
        urn: ecs.urn,
        advisory: true,
        message: expect.stringContaining("exempted until 2999-12-31"),
      }),
    ]);
    const expired = mandatory(
      await runStackPolicy(policy, b.resources, { exemptions: [{ ...exemption, expires: "2000-01-01" }] }),
    );
    expect(expired[0].message).toContain("exemption expired on 2000-01-01");
    // Reachability policies append the expiry to each finding of the resource rather than reporting it apart.
    expect(expired.every((r) => r.message.includes(" (exemption expired on 2000-01-01, owner ops-team) — "))).toBe(
      true,
    );
  });

  it("treats an unknown associatePublicIpAddress as public instead of failing open", async () => {
    const { b, host } = bastionStack("0.0.0.0/0", {});
    host.inputs.associatePublicIpAddress = UNKNOWN;
    const out = await runStackPolicy(policy, b.resources);
    expect(mandatory(out).map((r) => r.urn)).toEqual([host.urn]);
  });

  it("blocks SSH reached through a load-balancer listener", async () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const appSg = b.add(T.sg, "app", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }],
    });
    const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", subnets: [ref(v.publicSubnet)] });
    // Without client IP preservation the target sees the NLB's VPC address, which the VPC rule admits.
    const tg = b.add(T.tg, "ssh", { port: 22, protocol: "TCP", preserveClientIp: "false" });
    b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
    b.add(T.listener, "tcp-2222", {
      loadBalancerArn: ref(nlb),
      port: 2222,
      protocol: "TCP",
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn)).toEqual([app.urn]);
    expect(out[0].message).toContain("lb:nlb (internet-facing) → listener:tcp-2222:2222 → tg:ssh");
  });
});

describe("disallow-internet-database-and-high-risk-ports", () => {
  const policy = disallowInternetDatabaseAndHighRiskPorts;

  it("blocks MySQL on the case's server but leaves 22 to the admin-port rule", async () => {
    const { b, ecs } = theCase();
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => [r.urn, r.message.includes("3306"), r.message.includes(" 22 ")])).toEqual([
      [ecs.urn, true, false],
    ]);
  });

  it("blocks a DNAT entry forwarding to a database port", async () => {
    const b = new StackBuilder();
    const n = aliNetwork(b, "db");
    rule(b, n.sg, "pg", { portRange: "5432/5432", cidrIp: "0.0.0.0/0" });
    const db = b.add(A.instance, "pg", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
    b.add(A.dnat, "pg", {
      forwardTableId: ref(nat),
      externalIp: "198.51.100.7",
      externalPort: "any",
      internalIp: ref(db),
      internalPort: "any",
      ipProtocol: "any",
    });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn)).toEqual([db.urn]);
    expect(out[0].message).toContain("198.51.100.7:all → nat:nat dnat:pg");
  });

  it("blocks a public RDS instance and an Alibaba Cloud RDS with a public endpoint and open whitelist", async () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "db", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const group = b.add(T.rdsSubnets, "db", { subnetIds: [ref(v.publicSubnet)] });
    const rds = b.add(T.rds, "orders", {
      engine: "mysql",
      dbSubnetGroupName: ref(group),
      vpcSecurityGroupIds: [ref(sg)],
      publiclyAccessible: true,
    });
    const n = aliNetwork(b);
    const ali = b.add(A.rds, "ledger", {
      engine: "PostgreSQL",
      vswitchId: ref(n.vswitch),
      securityIps: ["10.0.0.0/8", "0.0.0.0/0"],
    });
    b.add(A.rdsConnection, "ledger", { instanceId: ref(ali) });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn).sort()).toEqual([rds.urn, ali.urn].sort());
  });

  it("allows an application port behind a balancer and private databases", async () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const lbSg = b.add(T.sg, "alb", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const appSg = b.add(T.sg, "app", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [ref(lbSg)] }],
    });
    const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    const alb = b.add(T.lb, "alb", { securityGroups: [ref(lbSg)], subnets: [ref(v.publicSubnet)] });
    const tg = b.add(T.tg, "app", { port: 8080, protocol: "HTTP" });
    b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
    b.add(T.listener, "https", {
      loadBalancerArn: ref(alb),
      port: 443,
      protocol: "HTTPS",
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
    const dbSg = b.add(T.sg, "db", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [ref(appSg)] }],
    });
    const group = b.add(T.rdsSubnets, "db", { subnetIds: [ref(v.privateSubnet)] });
    b.add(T.rds, "orders", { engine: "postgres", dbSubnetGroupName: ref(group), vpcSecurityGroupIds: [ref(dbSg)] });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });
});

describe("require-bastion-only-ssh-to-private-hosts", () => {
  const policy = requireBastionOnlySshToPrivateHosts;

  function privateApp(source: Record<string, unknown>) {
    const { b, v, sg: bastionSg } = bastionStack("203.0.113.0/24", { "hardening:role": "bastion" });
    const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
    const inputs: Record<string, unknown> = {
      type: "ingress",
      securityGroupId: ref(appSg),
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
    };
    if (source.bastion) inputs.sourceSecurityGroupId = ref(bastionSg);
    if (source.self) inputs.self = true;
    if (source.cidr) inputs.cidrBlocks = [source.cidr];
    const r = b.add(T.sgRule, "ssh", inputs);
    b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    return { b, rule: r };
  }

  it("allows the bastion → private chain", async () => {
    expect(await runStackPolicy(policy, privateApp({ bastion: true }).b.resources)).toEqual([]);
  });

  it("blocks self-references and CIDR sources, naming the rule", async () => {
    const self = privateApp({ self: true });
    const out = mandatory(await runStackPolicy(policy, self.b.resources));
    expect(out.map((r) => r.urn)).toEqual([self.rule.urn]);
    expect(out[0].message).toContain("self-reference");
    const cidr = privateApp({ cidr: "10.0.0.0/16" });
    expect(mandatory(await runStackPolicy(policy, cidr.b.resources)).map((r) => r.urn)).toEqual([cidr.rule.urn]);
    expect(await runStackPolicy(policy, cidr.b.resources, { allowCidrs: ["10.0.0.0/16"] })).toEqual([]);
  });

  it("blocks SSH from a group that is not a bastion's", async () => {
    const b = new StackBuilder();
    const n = aliNetwork(b, "app");
    const other = b.add(A.sg, "web", { vpcId: ref(n.vpc) });
    const r = rule(b, n.sg, "ssh-from-web", { portRange: "22/22", sourceSecurityGroupId: ref(other) });
    b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((x) => x.urn)).toEqual([r.urn]);
    expect(out[0].message).toContain("web is not a bastion group");
  });
});
