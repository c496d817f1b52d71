// A balancer's target is reached on the protocol both the listener forwards and the target's admitting rule
// carries: a UDP-only rule opens nothing behind a TCP listener (no false tcp/22), and a UDP listener's target row
// says udp (161, 53, 11211 are UDP services). All-protocol rules (-1/all) admit whatever the listener forwards; a
// rule whose protocol is unknown at preview admits it too, as a note. A TCP_UDP listener (or one whose protocol is
// unknown) forwards both: each narrower rule opens its own protocol, all-protocol rules alone give one "all" row.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, type Exposure } from "../../lib/reachability";
import { AGA, GA } from "./accelerator-types";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { ALI_NLB, AliRules, awsRule, fromVpc, rowsOf, shape } from "./lb-protocol-fixtures";

interface AwsNlbOptions {
  /** Dual-stack balancer in a subnet routing ::/0 to the gateway. */
  ipv6?: boolean;
  /** The balancer's own group ingress; the balancer has no group when absent. */
  lbIngress?: unknown[];
}

/**
 * An internet-facing AWS NLB whose listener (`listenerProtocol`, on `port`; every port when unknown) forwards to a
 * target group on the same port holding one private instance whose group has `ingress`.
 */
function awsNlb(listenerProtocol: unknown, port: unknown, ingress: unknown[], opts: AwsNlbOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress });
  const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const lbSg = opts.lbIngress ? b.add(T.sg, "nlb", { vpcId: ref(v.vpc), ingress: opts.lbIngress }) : undefined;
  const nlb = b.add(T.lb, "nlb", {
    loadBalancerType: "network",
    internal: false,
    subnets: [ref(v.publicSubnet)],
    ...(opts.ipv6 ? { ipAddressType: "dualstack" } : {}),
    ...(lbSg ? { securityGroups: [ref(lbSg)] } : {}),
  });
  const group = b.add(T.tg, "tg", {
    vpcId: ref(v.vpc),
    port,
    protocol: typeof listenerProtocol === "string" ? listenerProtocol : "TCP",
    targetType: "instance",
    preserveClientIp: false,
  });
  b.add(T.tga, "app", { targetGroupArn: ref(group), targetId: ref(host) });
  b.add(T.listener, "l", {
    loadBalancerArn: ref(nlb),
    port,
    protocol: listenerProtocol,
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return { b, v, sg, lbSg, host };
}

interface AliNlbOptions {
  /** The balancer's inputs. */
  lb?: Record<string, unknown>;
  /** The server port, when not the listener's (the balancer's own row then names another port). */
  backend?: number;
}

/**
 * An internet-facing Alibaba Cloud NLB listener (`listenerProtocol`) on `port`, or on a range through an any-port
 * group, to one private ECS host whose group `rules` fill.
 */
function aliNlb(listenerProtocol: unknown, port: number | [number, number], rules: AliRules, o: AliNlbOptions = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rules(b, n.sg);
  const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const nlb = b.add(ALI_NLB.lb, "front", {
    addressType: "Internet",
    addressIpVersion: "Ipv4",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
    ...o.lb,
  });
  const range = typeof port === "number" ? undefined : port;
  const group = b.add(ALI_NLB.group, "g", {
    serverGroupName: "g",
    vpcId: ref(n.vpc),
    protocol: listenerProtocol,
    ...(range ? { anyPortEnabled: true } : {}),
  });
  b.add(ALI_NLB.attachment, "app", {
    serverGroupId: ref(group),
    serverId: ref(ecs),
    serverType: "Ecs",
    port: range ? 0 : (o.backend ?? port),
  });
  b.add(ALI_NLB.listener, "l", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(group),
    listenerProtocol,
    ...(range ? { listenerPort: 0, startPort: range[0], endPort: range[1] } : { listenerPort: port }),
  });
  return { b, n, ecs, nlb };
}

/** An internet-facing Alibaba Cloud CLB listener (`protocol`) on `port` to its default backend, one private ECS. */
function aliSlb(protocol: string, port: number, rules: AliRules, backend = port) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rules(b, n.sg);
  const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const slb = b.add(A.slb, "front", { addressType: "internet" });
  b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  b.add(A.slbListener, "l", { loadBalancerId: ref(slb), frontendPort: port, backendPort: backend, protocol });
  return { b, ecs };
}

/** The rule hop of each row (the hop before the host's). */
const ruleHops = (rows: Exposure[]) => rows.map((e) => e.path.at(-2));

describe("AWS NLB targets carry the admitted protocol", () => {
  it("a TCP listener on 22 and a TCP rule: tcp/22", () => {
    const { b, host } = awsNlb("TCP", 22, [awsRule("tcp", 22)]);
    expect(shape(rowsOf(b, host))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });

  it("an all-protocol rule (-1, ports 0-0) admits the TCP the listener forwards", () => {
    const { b, host } = awsNlb("TCP", 22, [awsRule("-1", 0, 0)]);
    expect(shape(rowsOf(b, host))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });

  it("a UDP-only rule on 22 behind a TCP listener admits nothing (it opened tcp/22 before)", () => {
    const { b, host } = awsNlb("TCP", 22, [awsRule("udp", 22)]);
    expect(rowsOf(b, host)).toEqual([]);
  });

  it("an ICMP-only rule admits nothing behind a TCP listener", () => {
    const { b, host } = awsNlb("TCP", 22, [awsRule("icmp", -1, -1)]);
    expect(rowsOf(b, host)).toEqual([]);
  });

  it("a UDP listener on 161 to a host admitting UDP 161: a udp row", () => {
    const { b, host } = awsNlb("UDP", 161, [awsRule("udp", 161)]);
    expect(shape(rowsOf(b, host))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("a UDP listener on 53 to a host admitting only TCP 53 admits nothing", () => {
    const { b, host } = awsNlb("UDP", 53, [awsRule("tcp", 53)]);
    expect(rowsOf(b, host)).toEqual([]);
  });

  it("protocol numbers (6, 17) and ranges: a UDP range over the port admits nothing, the TCP range does", () => {
    const { b, host } = awsNlb("TCP", 25, [awsRule("17", 0, 65535), awsRule("6", 20, 30)]);
    const rows = rowsOf(b, host);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 25, 25, false]]);
    expect(ruleHops(rows)).toEqual(["sg:app rule app ingress[1]"]);
  });

  it("a port unknown at preview (listener and group): every TCP port a TCP rule admits, unverified, no UDP one", () => {
    const { b, host } = awsNlb("TCP", UNKNOWN, [awsRule("17", 0, 65535), awsRule("6", 20, 30)]);
    expect(shape(rowsOf(b, host))).toEqual([["tcp", "ipv4", 20, 30, true]]);
  });

  it("a TCP_UDP listener: a TCP rule and a UDP rule on 53 each open their own protocol", () => {
    const { b, host } = awsNlb("TCP_UDP", 53, [awsRule("tcp", 53), awsRule("udp", 53)]);
    const rows = rowsOf(b, host);
    expect(shape(rows)).toEqual([
      ["tcp", "ipv4", 53, 53, false],
      ["udp", "ipv4", 53, 53, false],
    ]);
    expect(ruleHops(rows)).toEqual(["sg:app rule app ingress[0]", "sg:app rule app ingress[1]"]);
  });

  it("a TCP_UDP listener and a UDP-only rule: udp alone", () => {
    const { b, host } = awsNlb("TCP_UDP", 53, [awsRule("udp", 53)]);
    expect(shape(rowsOf(b, host))).toEqual([["udp", "ipv4", 53, 53, false]]);
  });

  it("a TCP_UDP listener and an all-protocol rule: one row for both, as the listener's own", () => {
    const { b, host } = awsNlb("TCP_UDP", 53, [awsRule("-1", 0, 0)]);
    expect(shape(rowsOf(b, host))).toEqual([["all", "ipv4", 53, 53, false]]);
  });

  it("a TCP_UDP listener, an all-protocol rule and a UDP rule: each protocol once", () => {
    const { b, host } = awsNlb("TCP_UDP", 53, [awsRule("udp", 53), awsRule("-1", 0, 0)]);
    const rows = rowsOf(b, host);
    expect(shape(rows)).toEqual([
      ["tcp", "ipv4", 53, 53, false],
      ["udp", "ipv4", 53, 53, false],
    ]);
    // TCP only through the all-protocol rule; UDP claimed by the first rule admitting it.
    expect(ruleHops(rows)).toEqual(["sg:app rule app ingress[1]", "sg:app rule app ingress[0]"]);
  });

  it("a listener protocol unknown at preview may be either: a UDP-only rule still opens udp", () => {
    const { b, host } = awsNlb(UNKNOWN, 161, [awsRule("udp", 161)]);
    expect(shape(rowsOf(b, host))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("a rule protocol unknown at preview admits the listener's protocol on every port, unverified", () => {
    const tcpListener = awsNlb("TCP", 22, [awsRule(UNKNOWN, 22)]);
    expect(shape(rowsOf(tcpListener.b, tcpListener.host))).toEqual([["tcp", "ipv4", 22, 22, true]]);
    const udpListener = awsNlb("UDP", 161, [awsRule(UNKNOWN, 161)]);
    expect(shape(rowsOf(udpListener.b, udpListener.host))).toEqual([["udp", "ipv4", 161, 161, true]]);
  });

  it("IPv6 clients: a UDP rule from ::/0 opens nothing behind a TCP listener; a TCP one from ::/0 does", () => {
    const udp6 = awsNlb("TCP", 22, [awsRule("tcp", 22), awsRule("udp", 22, 22, { ipv6CidrBlocks: ["::/0"] })], {
      ipv6: true,
    });
    expect(shape(rowsOf(udp6.b, udp6.host))).toEqual([["tcp", "ipv4", 22, 22, false]]);
    const tcp6 = awsNlb("TCP", 22, [awsRule("tcp", 22, 22, { ipv6CidrBlocks: ["::/0"] })], { ipv6: true });
    expect(shape(rowsOf(tcp6.b, tcp6.host))).toEqual([["tcp", "ipv6", 22, 22, false]]);
  });

  it("separate rule resources (SecurityGroupRule, SecurityGroupIngressRule) carry their protocol too", () => {
    const { b, sg, host } = awsNlb("UDP", 161, []);
    b.add(T.sgRule, "snmp-tcp", {
      type: "ingress",
      securityGroupId: ref(sg),
      protocol: "tcp",
      fromPort: 161,
      toPort: 161,
      cidrBlocks: ["0.0.0.0/0"],
    });
    expect(rowsOf(b, host)).toEqual([]);
    b.add(T.ingress, "snmp-udp", {
      securityGroupId: ref(sg),
      ipProtocol: "udp",
      fromPort: 100,
      toPort: 200,
      cidrIpv4: "0.0.0.0/0",
    });
    const rows = rowsOf(b, host);
    expect(shape(rows)).toEqual([["udp", "ipv4", 161, 161, false]]);
    expect(ruleHops(rows)).toEqual(["sg:app rule snmp-udp"]);
  });

  it("a reference to the balancer's group admits only its own protocol", () => {
    const lbIngress = [awsRule("tcp", 22)];
    const udpOnly = awsNlb("TCP", 22, [], { lbIngress });
    udpOnly.b.add(T.sgRule, "from-nlb", {
      type: "ingress",
      securityGroupId: ref(udpOnly.sg),
      protocol: "udp",
      fromPort: 22,
      toPort: 22,
      sourceSecurityGroupId: ref(udpOnly.lbSg!),
    });
    expect(rowsOf(udpOnly.b, udpOnly.host)).toEqual([]);
    const allProtocols = awsNlb("TCP", 22, [], { lbIngress });
    allProtocols.b.add(T.sgRule, "from-nlb", {
      type: "ingress",
      securityGroupId: ref(allProtocols.sg),
      protocol: "-1",
      fromPort: 0,
      toPort: 0,
      sourceSecurityGroupId: ref(allProtocols.lbSg!),
    });
    expect(shape(rowsOf(allProtocols.b, allProtocols.host))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });

  it("the balancer's group admitting only UDP leaves a TCP listener's target closed, a UDP one's open", () => {
    const lbIngress = [awsRule("udp", 161)];
    const tcpListener = awsNlb("TCP", 161, [awsRule("-1", 0, 0)], { lbIngress });
    expect(rowsOf(tcpListener.b, tcpListener.host)).toEqual([]);
    const udpListener = awsNlb("UDP", 161, [awsRule("-1", 0, 0)], { lbIngress });
    expect(shape(rowsOf(udpListener.b, udpListener.host))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });
});

describe("Alibaba Cloud balancer targets carry the admitted protocol", () => {
  it("an NLB TCP listener on 22 and a TCP rule: tcp/22", () => {
    const { b, ecs } = aliNlb("TCP", 22, (b, sg) => rule(b, sg, "ssh", fromVpc("tcp", "22/22")));
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });

  it("an all-protocol rule (ipProtocol all, -1/-1) admits the TCP the listener forwards", () => {
    const { b, ecs } = aliNlb("TCP", 22, (b, sg) => rule(b, sg, "any", fromVpc("all", "-1/-1")));
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });

  it("a UDP-only rule on 22 behind a TCP listener admits nothing", () => {
    const { b, ecs } = aliNlb("TCP", 22, (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22")));
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("an ICMP-only rule admits nothing", () => {
    const { b, ecs } = aliNlb("TCP", 22, (b, sg) => rule(b, sg, "ping", fromVpc("icmp", "-1/-1")));
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("an NLB UDP listener on 161 to a host admitting UDP 161: a udp row", () => {
    const { b, ecs } = aliNlb("UDP", 161, (b, sg) => rule(b, sg, "snmp", fromVpc("udp", "161/161")));
    expect(shape(rowsOf(b, ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("a port-range TCP listener: the TCP rule's port opens, a UDP rule over the whole range does not", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], (b, sg) => {
      rule(b, sg, "udp-all", fromVpc("udp", "1/65535"));
      rule(b, sg, "ssh", fromVpc("tcp", "22/22"));
    });
    const rows = rowsOf(b, ecs);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 22, 22, false]]);
    expect(ruleHops(rows)).toEqual(["sg:web rule ssh (priority 1 accept)"]);
  });

  it("an all-protocol accept with a TCP drop of 22: the UDP left open does not open tcp/22 (it did before)", () => {
    const { b, ecs } = aliNlb("TCP", 22, (b, sg) => {
      rule(b, sg, "any", fromVpc("all", "-1/-1", { priority: 10 }));
      rule(b, sg, "no-ssh", {
        ipProtocol: "tcp",
        portRange: "22/22",
        cidrIp: "0.0.0.0/0",
        policy: "drop",
        priority: 1,
      });
    });
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("the same drop behind a UDP listener on 22 leaves udp/22 open", () => {
    const { b, ecs } = aliNlb("UDP", 22, (b, sg) => {
      rule(b, sg, "any", fromVpc("all", "-1/-1", { priority: 10 }));
      rule(b, sg, "no-ssh", {
        ipProtocol: "tcp",
        portRange: "22/22",
        cidrIp: "0.0.0.0/0",
        policy: "drop",
        priority: 1,
      });
    });
    expect(shape(rowsOf(b, ecs))).toEqual([["udp", "ipv4", 22, 22, false]]);
  });

  it("a rule protocol unknown at preview admits the listener's protocol, unverified", () => {
    const { b, ecs } = aliNlb("UDP", 161, (b, sg) => rule(b, sg, "maybe", fromVpc(UNKNOWN, "161/161")));
    const rows = rowsOf(b, ecs);
    expect(shape(rows)).toEqual([["udp", "ipv4", 161, 161, true]]);
    expect(ruleHops(rows)).toEqual(["sg:web rule maybe (ports unknown at preview) (priority 1 accept)"]);
  });

  it("IPv6 clients of a dual-stack NLB: a UDP rule from ::/0 opens nothing behind a TCP listener", () => {
    const dualStack = { lb: { addressIpVersion: "DualStack", ipv6AddressType: "Internet" } };
    const udp6 = aliNlb(
      "TCP",
      22,
      (b, sg) => rule(b, sg, "udp6", { ipProtocol: "udp", portRange: "22/22", ipv6CidrIp: "::/0" }),
      dualStack,
    );
    expect(rowsOf(udp6.b, udp6.ecs)).toEqual([]);
    const tcp6 = aliNlb(
      "TCP",
      22,
      (b, sg) => rule(b, sg, "tcp6", { portRange: "22/22", ipv6CidrIp: "::/0" }),
      dualStack,
    );
    expect(shape(rowsOf(tcp6.b, tcp6.ecs))).toEqual([["tcp", "ipv6", 22, 22, false]]);
  });

  it("a CLB UDP listener on 53 carries udp; a TCP listener on 53 and a UDP-only rule admit nothing", () => {
    const udp = aliSlb("udp", 53, (b, sg) => rule(b, sg, "dns", fromVpc("udp", "53/53")));
    expect(shape(rowsOf(udp.b, udp.ecs))).toEqual([["udp", "ipv4", 53, 53, false]]);
    const tcp = aliSlb("tcp", 53, (b, sg) => rule(b, sg, "dns", fromVpc("udp", "53/53")));
    expect(rowsOf(tcp.b, tcp.ecs)).toEqual([]);
  });
});

describe("accelerator targets carry the admitted protocol", () => {
  /** An AWS accelerator listener (`protocol`) on `port` to a private instance endpoint that keeps client IPs. */
  function awsAccelerated(protocol: string, port: number, ingress: unknown[]) {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
    const vm = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
    const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true });
    const listener = b.add(AGA.listener, "l", {
      acceleratorArn: ref(acc),
      protocol,
      portRanges: [{ fromPort: port, toPort: port }],
    });
    b.add(AGA.group, "eg", {
      listenerArn: ref(listener),
      endpointConfigurations: [{ endpointId: ref(vm), clientIpPreservationEnabled: true, weight: 100 }],
    });
    return { b, vm };
  }

  /** An Alibaba Cloud accelerator listener (`protocol`) on `port` to an intranet NLB's listener (`inner`) on it. */
  function aliAcceleratedNlb(protocol: string, inner: string, port: number, rules: AliRules) {
    const stack = aliNlb(inner, port, rules, { lb: { addressType: "Intranet" } });
    const acc = stack.b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
    const listener = stack.b.add(GA.listener, "ga-l", {
      acceleratorId: ref(acc),
      portRanges: [{ fromPort: port, toPort: port }],
      protocol,
    });
    stack.b.add(GA.group, "eg", {
      acceleratorId: ref(acc),
      listenerId: ref(listener),
      endpointGroupRegion: "cn-hangzhou",
      endpointConfigurations: [{ endpoint: ref(stack.nlb), type: "NLB", weight: 20 }],
    });
    return stack;
  }

  it("an AWS UDP accelerator listener to a host admitting UDP 161: a udp row", () => {
    const { b, vm } = awsAccelerated("UDP", 161, [awsRule("udp", 161)]);
    expect(shape(rowsOf(b, vm))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("an AWS TCP accelerator listener on 22 to a host admitting only UDP 22 reaches nothing", () => {
    const { b, vm } = awsAccelerated("TCP", 22, [awsRule("udp", 22)]);
    expect(rowsOf(b, vm)).toEqual([]);
  });

  it("an Alibaba Cloud UDP accelerator listener through a UDP NLB listener: a udp row", () => {
    const { b, ecs } = aliAcceleratedNlb("UDP", "UDP", 161, (b, sg) => rule(b, sg, "snmp", fromVpc("all", "-1/-1")));
    expect(shape(rowsOf(b, ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("an Alibaba Cloud TCP accelerator listener through a TCP NLB listener to a UDP-only rule reaches nothing", () => {
    const { b, ecs } = aliAcceleratedNlb("TCP", "TCP", 22, (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22")));
    expect(rowsOf(b, ecs)).toEqual([]);
  });
});

describe("the admin rule on balancer targets, by protocol", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: AWS TCP listener on 22, TCP rule",
      build: () => awsNlb("TCP", 22, [awsRule("tcp", 22)]).b,
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "bad: AWS TCP listener on 22, all-protocol rule: reported as tcp",
      build: () => awsNlb("TCP", 22, [awsRule("-1", 0, 0)]).b,
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "good: AWS TCP listener on 22, UDP-only rule",
      build: () => awsNlb("TCP", 22, [awsRule("udp", 22)]).b,
      violations: 0,
    },
    {
      name: "good: AWS TCP listener on 22, ICMP-only rule",
      build: () => awsNlb("TCP", 22, [awsRule("icmp", -1, -1)]).b,
      violations: 0,
    },
    {
      name: "bad: AWS UDP listener on 22, UDP rule: reported as udp",
      build: () => awsNlb("UDP", 22, [awsRule("udp", 22)]).b,
      violations: 1,
      mentions: "udp/22",
    },
    {
      name: "unknown: AWS TCP listener on 22, rule protocol unknown at preview: a note",
      build: () => awsNlb("TCP", 22, [awsRule(UNKNOWN, 22)]).b,
      violations: 0,
      notes: 1,
      label: "(ports unknown at preview)",
    },
    {
      name: "bad: Alibaba Cloud NLB TCP listener 2222 → 22, all-protocol rule: reported as tcp",
      build: () => aliNlb("TCP", 2222, (b, sg) => rule(b, sg, "any", fromVpc("all", "-1/-1")), { backend: 22 }).b,
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "good: Alibaba Cloud NLB TCP listener 2222 → 22, UDP-only rule",
      build: () => aliNlb("TCP", 2222, (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22")), { backend: 22 }).b,
      violations: 0,
    },
    {
      name: "unknown: Alibaba Cloud NLB TCP listener 2222 → 22, rule protocol unknown at preview: a note",
      build: () => aliNlb("TCP", 2222, (b, sg) => rule(b, sg, "maybe", fromVpc(UNKNOWN, "22/22")), { backend: 22 }).b,
      violations: 0,
      notes: 1,
      label: "(ports unknown at preview)",
    },
  ]);
});

describe("the high-risk port rule on balancer targets, by protocol", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: AWS UDP listener on 11211 (memcached), UDP rule",
      build: () => awsNlb("UDP", 11211, [awsRule("udp", 11211)]).b,
      violations: 1,
      mentions: "11211",
    },
    {
      name: "good: AWS TCP listener on 11211, UDP-only rule",
      build: () => awsNlb("TCP", 11211, [awsRule("udp", 11211)]).b,
      violations: 0,
    },
    {
      name: "good: Alibaba Cloud CLB TCP listener 443 → 6379, UDP-only rule",
      build: () => aliSlb("tcp", 443, (b, sg) => rule(b, sg, "udp-redis", fromVpc("udp", "6379/6379")), 6379).b,
      violations: 0,
    },
    {
      name: "bad: Alibaba Cloud CLB TCP listener 443 → 6379, TCP rule",
      build: () => aliSlb("tcp", 443, (b, sg) => rule(b, sg, "redis", fromVpc("tcp", "6379/6379")), 6379).b,
      violations: 1,
      mentions: "6379",
    },
  ]);
});
