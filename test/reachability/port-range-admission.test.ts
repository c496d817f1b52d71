// A balancer forwarding a port range to a target (a port-range listener, a listener on a port unknown at preview, a
// target group whose port is unknown): the target is exposed on the ports of that range its groups admit from the
// balancer, not on the whole range as soon as one rule overlaps it. A group admitting only 8080 behind an all-port
// forward opens 8080, never 22 or 3389. Unknown rule fields stay conservative: a rule whose ports are unknown
// admits the whole range, unverified, and a port a known rule admits is judged as known.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import {
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  type Exposure,
  type GenericResource,
} from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const ALI_NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
};

/**
 * An internet-facing AWS NLB whose TCP listener's port is unknown at preview (every port), forwarding to a target
 * group with no port of its own, which holds one private instance with `ingress`. The group hands the balancer's
 * own (private) addresses to the target, so a rule admitting the VPC block admits the traffic.
 */
function awsNlb(ingress: unknown[], lb: Record<string, unknown> = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: lb.ipAddressType === "dualstack" });
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress });
  const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const nlb = b.add(T.lb, "nlb", {
    loadBalancerType: "network",
    internal: false,
    subnets: [ref(v.publicSubnet)],
    ...lb,
  });
  const group = b.add(T.tg, "tg", {
    vpcId: ref(v.vpc),
    protocol: "TCP",
    targetType: "instance",
    preserveClientIp: false,
  });
  b.add(T.tga, "app", { targetGroupArn: ref(group), targetId: ref(host) });
  b.add(T.listener, "tcp", {
    loadBalancerArn: ref(nlb),
    port: UNKNOWN,
    protocol: "TCP",
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return { b, sg, host };
}

/** An Alibaba Cloud NLB listener on the range 20-3400 (port 0) through an any-port group to one private ECS host. */
function aliRange(rules: (b: StackBuilder, sg: GenericResource) => void) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rules(b, n.sg);
  const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const nlb = b.add(ALI_NLB.lb, "front", {
    addressType: "Internet",
    addressIpVersion: "Ipv4",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
  });
  const group = b.add(ALI_NLB.group, "g", {
    serverGroupName: "g",
    vpcId: ref(n.vpc),
    protocol: "TCP",
    anyPortEnabled: true,
  });
  b.add(ALI_NLB.attachment, "app", { serverGroupId: ref(group), serverId: ref(ecs), serverType: "Ecs", port: 0 });
  b.add(ALI_NLB.listener, "range", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(group),
    listenerProtocol: "TCP",
    listenerPort: 0,
    startPort: 20,
    endPort: 3400,
  });
  return { b, ecs };
}

const rowsOf = (b: StackBuilder, host: GenericResource): Exposure[] =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === host.urn);
const portsOf = (rows: Exposure[]) => rows.map((e) => [e.family, e.ports.from, e.ports.to, e.unverified === true]);
const fromVpc = (port: number) => tcp(port, { cidrBlocks: ["10.0.0.0/16"] });

describe("the ports of a forwarded range a target's groups admit", () => {
  it("a group admitting only 8080 behind an all-port forward opens 8080 alone", () => {
    const { b, host } = awsNlb([fromVpc(8080)]);
    expect(portsOf(rowsOf(b, host))).toEqual([["ipv4", 8080, 8080, false]]);
  });

  it("two rules (22 and 8080) give two rows, each naming its own rule, and nothing between them", () => {
    const { b, host } = awsNlb([fromVpc(22), fromVpc(8080)]);
    const rows = rowsOf(b, host);
    expect(portsOf(rows)).toEqual([
      ["ipv4", 22, 22, false],
      ["ipv4", 8080, 8080, false],
    ]);
    expect(rows.map((e) => e.path.at(-2))).toEqual(["sg:app rule app ingress[0]", "sg:app rule app ingress[1]"]);
  });

  it("overlapping rules claim each port once", () => {
    const { b, host } = awsNlb([
      { protocol: "tcp", fromPort: 20, toPort: 30, cidrBlocks: ["10.0.0.0/16"] },
      { protocol: "tcp", fromPort: 25, toPort: 40, cidrBlocks: ["10.0.0.0/16"] },
    ]);
    expect(portsOf(rowsOf(b, host))).toEqual([
      ["ipv4", 20, 30, false],
      ["ipv4", 31, 40, false],
    ]);
  });

  it("an all-protocol rule (-1) admits the whole range", () => {
    const { b, host } = awsNlb([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }]);
    expect(portsOf(rowsOf(b, host))).toEqual([["ipv4", 0, 65535, false]]);
  });

  it("a rule whose ports are unknown admits the whole range, unverified; a known rule's port stays verified", () => {
    const { b, host } = awsNlb([
      fromVpc(22),
      { protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["10.0.0.0/16"] },
    ]);
    expect(portsOf(rowsOf(b, host))).toEqual([
      ["ipv4", 0, 21, true],
      ["ipv4", 22, 22, false],
      ["ipv4", 23, 65535, true],
    ]);
  });

  it("a separate rule resource counts as inline rules do", () => {
    const { b, sg, host } = awsNlb([]);
    b.add(T.sgRule, "app-8080", {
      type: "ingress",
      securityGroupId: ref(sg),
      protocol: "tcp",
      fromPort: 8080,
      toPort: 8080,
      cidrBlocks: ["10.0.0.0/16"],
    });
    expect(portsOf(rowsOf(b, host))).toEqual([["ipv4", 8080, 8080, false]]);
  });

  it("IPv6 clients of a dual-stack balancer: the same ports, per family", () => {
    const { b, host } = awsNlb([tcp(8080, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["::/0"] })], {
      ipAddressType: "dualstack",
    });
    expect(portsOf(rowsOf(b, host))).toEqual([
      ["ipv4", 8080, 8080, false],
      ["ipv6", 8080, 8080, false],
    ]);
  });

  it("a port-range listener: the range cut to an admitted range that straddles its start", () => {
    const { b, ecs } = aliRange((b, sg) => rule(b, sg, "low", { portRange: "10/25", cidrIp: "172.16.0.0/16" }));
    expect(portsOf(rowsOf(b, ecs))).toEqual([["ipv4", 20, 25, false]]);
  });

  it("an Alibaba Cloud drop of 22 leaves the rest of an accepted range", () => {
    const { b, ecs } = aliRange((b, sg) => {
      rule(b, sg, "all", { portRange: "1/65535", cidrIp: "172.16.0.0/16", priority: 10 });
      rule(b, sg, "no-ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 });
    });
    expect(portsOf(rowsOf(b, ecs))).toEqual([
      ["ipv4", 20, 21, false],
      ["ipv4", 23, 3400, false],
    ]);
  });

  it("a group admitting nothing of the range exposes nothing", () => {
    const { b, ecs } = aliRange((b, sg) => rule(b, sg, "high", { portRange: "8080/8080", cidrIp: "172.16.0.0/16" }));
    expect(rowsOf(b, ecs)).toEqual([]);
  });
});

describe("the admin rule behind an all-port forward", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "good: the host admits only 8080 (22 and 3389 were reported before)",
      build: () => awsNlb([fromVpc(8080)]).b,
      violations: 0,
    },
    {
      name: "bad: the host admits 22 and 8080: SSH alone is reported",
      build: () => awsNlb([fromVpc(22), fromVpc(8080)]).b,
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "bad: the host admits 3000-3400: RDP alone",
      build: () => awsNlb([{ protocol: "tcp", fromPort: 3000, toPort: 3400, cidrBlocks: ["10.0.0.0/16"] }]).b,
      violations: 1,
      mentions: "tcp/3389",
    },
    {
      name: "unknown: a rule whose ports are unknown: every admin port may be open",
      build: () => awsNlb([{ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["10.0.0.0/16"] }]).b,
      violations: 0,
      notes: 5,
      label: "(ports unknown at preview)",
    },
    {
      name: "bad and unknown: a known SSH rule beside an unknown one: SSH a violation, each other admin port a note",
      build: () =>
        awsNlb([fromVpc(22), { protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["10.0.0.0/16"] }]).b,
      violations: 1,
      notes: 4,
    },
  ]);
});
