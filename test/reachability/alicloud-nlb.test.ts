// Alibaba Cloud Network Load Balancers: a listener forwarding to a database or SSH port exposes it on backends that
// keep only private addresses.
import { buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
  sgAttachment: "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
};

const exposures = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));

/** An ECS host admitting `port` from the VPC only, behind an NLB listener on `listener` forwarding to `port`. */
function behindNlb(port: number, listener: Record<string, unknown>, lb: Record<string, unknown> = {}, group = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: `${port}/${port}`, cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const nlb = b.add(NLB.lb, "front", {
    addressType: "Internet",
    addressIpVersion: "Ipv4",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
    ...lb,
  });
  const sg = b.add(NLB.group, "backends", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP", ...group });
  b.add(NLB.attachment, "db", { serverGroupId: ref(sg), serverId: ref(ecs), serverType: "Ecs", port });
  b.add(NLB.listener, "l", { loadBalancerId: ref(nlb), serverGroupId: ref(sg), listenerProtocol: "TCP", ...listener });
  return { b, n, ecs, nlb };
}

describe("Alibaba Cloud NLB exposure", () => {
  it("a listener forwarding to 3306 exposes the database port on a private backend", () => {
    const { b, ecs } = behindNlb(3306, { listenerPort: 3306 });
    const row = exposures(b).find((e) => e.urn === ecs.urn)!;
    expect(row.ports).toEqual({ from: 3306, to: 3306 });
    expect(renderPath(row)).toBe(
      "0.0.0.0/0 → lb:front (internet-facing) → listener:l:3306 → server-group:backends → sg:web rule from-vpc (priority 1 accept) → ecs:db:3306",
    );
  });

  it("maps an all-port listener (port 0, start-end range) through an any-port group", () => {
    const { b, ecs } = behindNlb(22, { listenerPort: 0, startPort: 20, endPort: 30 }, {}, { anyPortEnabled: true });
    // The listener forwards 20-30; the host's group admits 22 of them.
    const rows = exposures(b).filter((e) => e.urn === ecs.urn);
    expect(rows.map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(rows[0].path).toContain("listener:l:20-30");
  });

  it("an intranet balancer exposes nothing", () => {
    expect(exposures(behindNlb(3306, { listenerPort: 3306 }, { addressType: "Intranet" }).b)).toEqual([]);
  });

  it("a balancer security group that admits only an office range narrows the source", () => {
    const { b, n, nlb, ecs } = behindNlb(3306, { listenerPort: 3306 });
    const front = b.add(A.sg, "nlb-sg", { vpcId: ref(n.vpc) });
    rule(b, front, "office", { portRange: "3306/3306", cidrIp: "203.0.113.0/24" });
    b.add(NLB.sgAttachment, "nlb-sg", { loadBalancerId: ref(nlb), securityGroupId: ref(front) });
    expect(
      exposures(b)
        .filter((e) => e.urn === ecs.urn)
        .map((e) => e.source),
    ).toEqual(["203.0.113.0/24"]);
  });

  it("a balancer in a group outside the stack answers every source, whatever rules the stack adds to that group", () => {
    const { b, nlb, ecs } = behindNlb(3306, { listenerPort: 3306 });
    // The outside group's unseen rules may admit anything: the office rule the plan adds narrows nothing.
    b.add(A.rule, "office", {
      type: "ingress",
      securityGroupId: "sg-bp1outside",
      ipProtocol: "tcp",
      portRange: "3306/3306",
      cidrIp: "203.0.113.0/24",
    });
    b.add(NLB.sgAttachment, "outside", { loadBalancerId: ref(nlb), securityGroupId: "sg-bp1outside" });
    const sources = exposures(b)
      .filter((e) => e.urn === ecs.urn)
      .map((e) => e.source);
    expect(sources).toEqual(["0.0.0.0/0"]);
  });

  it("the stack rule reports the database port behind the balancer", async () => {
    const { b, ecs } = behindNlb(3306, { listenerPort: 3306 });
    const found = mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, b.resources));
    expect(found.map((f) => f.urn)).toContain(ecs.urn);
    const https = behindNlb(443, { listenerPort: 443 });
    expect(mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, https.b.resources))).toEqual([]);
  });
});
