// Listener follow-ups to the protocol a balancer target is reached on:
// - a listener protocol unknown at preview may be UDP too (Alibaba Cloud NLB and CLB, accelerators on both clouds):
//   a UDP-only rule behind it opens UDP, as behind an AWS ALB/NLB listener;
// - QUIC runs over UDP: an AWS NLB QUIC listener passes UDP to its targets, TCP_QUIC both; an Alibaba Cloud ALB
//   QUIC listener takes UDP from clients and speaks HTTP over TCP to its servers;
// - a target without a port of its own (an NLB any-port group) is reached only on the listener ports the
//   balancer's groups admit, not on the listener's whole range;
// - an accelerator reaching a balancer's listener reaches the listener's backends outside the stack, as the
//   internet reaches them through an internet-facing listener.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, renderPath, type GenericResource } from "../../lib/reachability";
import { AGA, GA } from "./accelerator-types";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { ALI_NLB, AliRules, awsRule, fromVpc, rowsOf, shape } from "./lb-protocol-fixtures";

/** An internet-facing AWS NLB listener (`protocol`) on `port` to a target group on it holding one private instance. */
function awsNlb(protocol: unknown, port: number, ingress: unknown[]) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress });
  const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", internal: false, subnets: [ref(v.publicSubnet)] });
  const group = b.add(T.tg, "tg", { vpcId: ref(v.vpc), port, protocol, targetType: "instance" });
  b.add(T.tga, "app", { targetGroupArn: ref(group), targetId: ref(host) });
  b.add(T.listener, "l", {
    loadBalancerArn: ref(nlb),
    port,
    protocol,
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return { b, host, nlb };
}

interface AliNlbOptions {
  /** The balancer's inputs. */
  lb?: Record<string, unknown>;
  /** Rules of a group of the balancer's own (securityGroupIds); none when absent. */
  lbRules?: AliRules;
  /** The server port, when not the listener's (the balancer's own row then names another port). */
  backend?: number;
}

/**
 * An Alibaba Cloud NLB listener (`protocol`) on `port`, or on a range through an any-port group, to one private ECS
 * host whose group `rules` fill.
 */
function aliNlb(protocol: unknown, port: number | [number, number], rules: AliRules, o: AliNlbOptions = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rules(b, n.sg);
  const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const lbSg = o.lbRules ? b.add(A.sg, "nlb", { vpcId: ref(n.vpc) }) : undefined;
  if (lbSg) o.lbRules!(b, lbSg);
  const nlb = b.add(ALI_NLB.lb, "front", {
    addressType: "Internet",
    addressIpVersion: "Ipv4",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
    ...(lbSg ? { securityGroupIds: [ref(lbSg)] } : {}),
    ...o.lb,
  });
  const range = typeof port === "number" ? undefined : port;
  const group = b.add(ALI_NLB.group, "g", {
    serverGroupName: "g",
    vpcId: ref(n.vpc),
    protocol: "TCP",
    ...(range ? { anyPortEnabled: true } : {}),
  });
  const serverPort = range ? 0 : (o.backend ?? port);
  b.add(ALI_NLB.attachment, "app", {
    serverGroupId: ref(group),
    serverId: ref(ecs),
    serverType: "Ecs",
    port: serverPort,
  });
  b.add(ALI_NLB.listener, "l", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(group),
    listenerProtocol: protocol,
    ...(range ? { listenerPort: 0, startPort: range[0], endPort: range[1] } : { listenerPort: port }),
  });
  return { b, n, ecs, nlb, group };
}

/** An internet-facing Alibaba Cloud CLB listener (`protocol`) on `port` to its default backend, one private ECS. */
function aliClb(protocol: unknown, port: number, rules: AliRules, backend = port) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rules(b, n.sg);
  const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const slb = b.add(A.slb, "front", { addressType: "internet" });
  b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  b.add(A.slbListener, "l", { loadBalancerId: ref(slb), frontendPort: port, backendPort: backend, protocol });
  return { b, ecs, slb };
}

/** An AWS accelerator listener (`protocol`) on `port` to a private instance endpoint that keeps client IPs. */
function awsAccelerated(protocol: unknown, port: number, ingress: unknown[]) {
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

/** An Alibaba Cloud accelerator listener (`protocol`) on `ports` whose endpoint group names `lb` as `type`. */
function aliAccelerator(
  b: StackBuilder,
  lb: GenericResource,
  type: string,
  protocol: unknown,
  ports: [number, number],
) {
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
  const listener = b.add(GA.listener, "ga-l", {
    acceleratorId: ref(acc),
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    protocol,
  });
  b.add(GA.group, "eg", {
    acceleratorId: ref(acc),
    listenerId: ref(listener),
    endpointGroupRegion: "cn-hangzhou",
    endpointConfigurations: [{ endpoint: ref(lb), type, weight: 20 }],
  });
}

/** An Alibaba Cloud accelerator listener (`protocol`) on `port` to an intranet NLB's listener (`inner`) on it. */
function aliAcceleratedNlb(protocol: unknown, inner: unknown, port: number, rules: AliRules) {
  const stack = aliNlb(inner, port, rules, { lb: { addressType: "Intranet" } });
  aliAccelerator(stack.b, stack.nlb, "NLB", protocol, [port, port]);
  return stack;
}

/**
 * An AWS accelerator listener on 443 to an ALB (internal unless `internetFacing`) whose HTTPS listener on 443
 * forwards to a target group holding an instance outside the stack, reached on `port`.
 */
function awsOutside(port: unknown, o: { internetFacing?: boolean; accelerated?: boolean } = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const lb = b.add(T.lb, "app", {
    internal: !o.internetFacing,
    loadBalancerType: "application",
    subnets: [ref(o.internetFacing ? v.publicSubnet : v.privateSubnet)],
  });
  const tg = b.add(T.tg, "tg", { port: 443, protocol: "HTTPS", vpcId: ref(v.vpc) });
  b.add(T.tga, "legacy", { targetGroupArn: ref(tg), targetId: "i-0legacy", port });
  const listener = b.add(T.listener, "https", {
    loadBalancerArn: ref(lb),
    port: 443,
    protocol: "HTTPS",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  if (o.accelerated !== false) {
    const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true });
    const forward = b.add(AGA.listener, "l", {
      acceleratorArn: ref(acc),
      protocol: "TCP",
      portRanges: [{ fromPort: 443, toPort: 443 }],
    });
    b.add(AGA.group, "eg", { listenerArn: ref(forward), endpointConfigurations: [{ endpointId: ref(lb) }] });
  }
  return { b, lb, listener };
}

const udpSnmp: AliRules = (b, sg) => rule(b, sg, "snmp", fromVpc("udp", "161/161"));

describe("a listener protocol unknown at preview may carry UDP", () => {
  it("Alibaba Cloud NLB: a UDP-only rule opens udp (it opened nothing), the listener's own row is every protocol", () => {
    const { b, ecs, nlb } = aliNlb(UNKNOWN, 161, udpSnmp);
    expect(shape(rowsOf(b, ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
    expect(shape(rowsOf(b, nlb))).toEqual([["all", "ipv4", 161, 161, false]]);
  });

  it("Alibaba Cloud NLB: a TCP rule still opens tcp alone, an all-protocol rule one row for both", () => {
    const tcp = aliNlb(UNKNOWN, 22, (b, sg) => rule(b, sg, "ssh", fromVpc("tcp", "22/22")));
    expect(shape(rowsOf(tcp.b, tcp.ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
    const any = aliNlb(UNKNOWN, 22, (b, sg) => rule(b, sg, "any", fromVpc("all", "-1/-1")));
    expect(shape(rowsOf(any.b, any.ecs))).toEqual([["all", "ipv4", 22, 22, false]]);
  });

  it("Alibaba Cloud NLB: known TCP and TCPSSL listeners keep a UDP-only rule closed; UDP opens it", () => {
    for (const tcp of ["TCP", "TCPSSL", "tcp"]) {
      const { b, ecs } = aliNlb(tcp, 161, udpSnmp);
      expect(rowsOf(b, ecs)).toEqual([]);
    }
    const { b, ecs } = aliNlb("UDP", 161, udpSnmp);
    expect(shape(rowsOf(b, ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("Alibaba Cloud CLB: a UDP-only rule opens udp behind an unknown protocol, nothing behind http/https/tcp", () => {
    const unknown = aliClb(UNKNOWN, 161, udpSnmp);
    expect(shape(rowsOf(unknown.b, unknown.ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
    expect(shape(rowsOf(unknown.b, unknown.slb))).toEqual([["all", "ipv4", 161, 161, false]]);
    for (const tcp of ["http", "https", "tcp"]) {
      const { b, ecs } = aliClb(tcp, 161, udpSnmp);
      expect(rowsOf(b, ecs)).toEqual([]);
    }
  });

  it("AWS accelerator: a UDP-only rule opens udp behind an unknown protocol, nothing behind TCP", () => {
    const unknown = awsAccelerated(UNKNOWN, 161, [awsRule("udp", 161)]);
    expect(shape(rowsOf(unknown.b, unknown.vm))).toEqual([["udp", "ipv4", 161, 161, false]]);
    const tcp = awsAccelerated("TCP", 161, [awsRule("udp", 161)]);
    expect(rowsOf(tcp.b, tcp.vm)).toEqual([]);
    const both = awsAccelerated(UNKNOWN, 53, [awsRule("tcp", 53), awsRule("udp", 53)]);
    expect(shape(rowsOf(both.b, both.vm))).toEqual([
      ["tcp", "ipv4", 53, 53, false],
      ["udp", "ipv4", 53, 53, false],
    ]);
  });

  it("Alibaba Cloud accelerator: an unknown protocol reaches a UDP NLB listener; a TCP accelerator does not", () => {
    const unknown = aliAcceleratedNlb(UNKNOWN, "UDP", 161, udpSnmp);
    expect(shape(rowsOf(unknown.b, unknown.ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
    const tcp = aliAcceleratedNlb("TCP", "UDP", 161, udpSnmp);
    expect(rowsOf(tcp.b, tcp.ecs)).toEqual([]);
    // Both protocols unknown: the UDP rule opens udp.
    const both = aliAcceleratedNlb(UNKNOWN, UNKNOWN, 161, udpSnmp);
    expect(shape(rowsOf(both.b, both.ecs))).toEqual([["udp", "ipv4", 161, 161, false]]);
  });

  it("an accelerator listener without a protocol is TCP (the providers' default)", () => {
    const aws = awsAccelerated(undefined, 161, [awsRule("udp", 161)]);
    expect(rowsOf(aws.b, aws.vm)).toEqual([]);
    const ali = aliAcceleratedNlb(undefined, "UDP", 161, udpSnmp);
    expect(rowsOf(ali.b, ali.ecs)).toEqual([]);
  });
});

describe("QUIC listeners run over UDP", () => {
  it("an AWS NLB QUIC listener reaches a UDP rule's port on udp, not a TCP-only rule's", () => {
    const udp = awsNlb("QUIC", 443, [awsRule("udp", 443)]);
    expect(shape(rowsOf(udp.b, udp.host))).toEqual([["udp", "ipv4", 443, 443, false]]);
    const tcp = awsNlb("QUIC", 443, [awsRule("tcp", 443)]);
    expect(rowsOf(tcp.b, tcp.host)).toEqual([]);
  });

  it("an AWS NLB QUIC listener passes through: its own row is udp and left to its targets' rows", () => {
    const { b, nlb } = awsNlb("QUIC", 443, [awsRule("udp", 443)]);
    expect(rowsOf(b, nlb).map((e) => [e.protocol, e.ports.from, e.passThrough === true])).toEqual([["udp", 443, true]]);
  });

  it("an AWS NLB TCP_QUIC listener carries both: each narrower rule its own protocol, -1 one row", () => {
    const apart = awsNlb("TCP_QUIC", 443, [awsRule("tcp", 443), awsRule("17", 400, 500)]);
    expect(shape(rowsOf(apart.b, apart.host))).toEqual([
      ["tcp", "ipv4", 443, 443, false],
      ["udp", "ipv4", 443, 443, false],
    ]);
    const any = awsNlb("TCP_QUIC", 443, [awsRule("-1", 0, 0)]);
    expect(shape(rowsOf(any.b, any.host))).toEqual([["all", "ipv4", 443, 443, false]]);
  });

  it("an AWS NLB TLS listener stays tcp and keeps its own row (it terminates on the balancer)", () => {
    const { b, host, nlb } = awsNlb("TLS", 443, [awsRule("tcp", 443), awsRule("udp", 443)]);
    expect(shape(rowsOf(b, host))).toEqual([["tcp", "ipv4", 443, 443, false]]);
    expect(rowsOf(b, nlb).map((e) => [e.protocol, e.passThrough === true])).toEqual([["tcp", false]]);
  });

  /** An internet-facing Alibaba Cloud ALB listener (`protocol`) on 443 to a server group reaching the host on 22. */
  function aliAlb(protocol: unknown, rules: AliRules) {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rules(b, n.sg);
    const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const group = b.add(A.albGroup, "g", {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port: 22 }],
    });
    const alb = b.add(A.alb, "front", { addressType: "Internet", vpcId: ref(n.vpc) });
    b.add(A.albListener, "l", {
      loadBalancerId: ref(alb),
      listenerPort: 443,
      listenerProtocol: protocol,
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    return { b, ecs, alb };
  }

  const tcpSsh: AliRules = (b, sg) => rule(b, sg, "ssh", fromVpc("tcp", "22/22"));
  const udpOn22: AliRules = (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22"));

  it("an Alibaba Cloud ALB QUIC listener answers on udp and speaks HTTP over TCP to its servers", () => {
    const { b, ecs, alb } = aliAlb("QUIC", tcpSsh);
    expect(shape(rowsOf(b, alb))).toEqual([["udp", "ipv4", 443, 443, false]]);
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
    expect(rowsOf(b, ecs).map(renderPath)).toEqual([
      "0.0.0.0/0 → lb:front (internet-facing) → listener:l:443 → server-group:g → sg:web rule ssh (priority 1 accept) → ecs:app:22",
    ]);
  });

  it("an Alibaba Cloud ALB QUIC listener reaches no UDP-only rule: its servers never see UDP", () => {
    const { b, ecs } = aliAlb("QUIC", udpOn22);
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("an Alibaba Cloud ALB HTTPS listener answers on tcp; one unknown at preview on every protocol", () => {
    const https = aliAlb("HTTPS", tcpSsh);
    expect(shape(rowsOf(https.b, https.alb))).toEqual([["tcp", "ipv4", 443, 443, false]]);
    expect(shape(rowsOf(https.b, https.ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
    const unknown = aliAlb(UNKNOWN, tcpSsh);
    expect(shape(rowsOf(unknown.b, unknown.alb))).toEqual([["all", "ipv4", 443, 443, false]]);
    expect(shape(rowsOf(unknown.b, unknown.ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
    const unknownUdp = aliAlb(UNKNOWN, udpOn22);
    expect(rowsOf(unknownUdp.b, unknownUdp.ecs)).toEqual([]);
  });

  it("a UDP accelerator listener reaches an intranet ALB QUIC listener, and through it the servers over TCP", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    tcpSsh(b, n.sg);
    const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const group = b.add(A.albGroup, "g", {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port: 22 }],
    });
    const alb = b.add(A.alb, "inner", { addressType: "Intranet", vpcId: ref(n.vpc) });
    b.add(A.albListener, "quic", {
      loadBalancerId: ref(alb),
      listenerPort: 443,
      listenerProtocol: "QUIC",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    aliAccelerator(b, alb, "ALB", "UDP", [443, 443]);
    expect(shape(rowsOf(b, alb))).toEqual([["udp", "ipv4", 443, 443, false]]);
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 22, 22, false]]);
  });
});

describe("a target without a port of its own is reached on the ports the balancer's groups admit", () => {
  const everyPortFromVpc: AliRules = (b, sg) => rule(b, sg, "vpc", fromVpc("tcp", "1/65535"));
  const lbAdmits =
    (...ranges: unknown[]): AliRules =>
    (b, sg) =>
      ranges.forEach((portRange, i) => rule(b, sg, `in-${i}`, { portRange, cidrIp: "0.0.0.0/0" }));

  it("an NLB listener on 20-3400 whose group admits 443 reaches the target on 443 alone (it reached 20-3400)", () => {
    const { b, ecs, nlb } = aliNlb("TCP", [20, 3400], everyPortFromVpc, { lbRules: lbAdmits("443/443") });
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 443, 443, false]]);
    expect(shape(rowsOf(b, nlb))).toEqual([["tcp", "ipv4", 443, 443, false]]);
    expect(rowsOf(b, ecs).map(renderPath)).toEqual([
      "0.0.0.0/0 → lb:front (internet-facing) → sg:nlb rule in-0 (priority 1 accept) → listener:l:20-3400 → server-group:g → sg:web rule vpc (priority 1 accept) → ecs:app:443",
    ]);
  });

  it("two admitted ranges give a row each, each cut to what the target's group admits", () => {
    // The listener ends at 3400: of 8000-9000 nothing is reached.
    const { b, ecs } = aliNlb("TCP", [20, 3400], (b, sg) => rule(b, sg, "vpc", fromVpc("tcp", "1/8050")), {
      lbRules: lbAdmits("443/443", "8000/9000"),
    });
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 443, 443, false]]);
    const wide = aliNlb("TCP", [20, 9000], (b, sg) => rule(b, sg, "vpc", fromVpc("tcp", "1/8050")), {
      lbRules: lbAdmits("443/443", "8000/9000"),
    });
    expect(shape(rowsOf(wide.b, wide.ecs))).toEqual([
      ["tcp", "ipv4", 443, 443, false],
      ["tcp", "ipv4", 8000, 8050, false],
    ]);
  });

  it("a drop of 22 in the balancer's group splits the range: the target is reached on either side of it", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], everyPortFromVpc, {
      lbRules: (b, sg) => {
        rule(b, sg, "wide", { portRange: "1/65535", cidrIp: "0.0.0.0/0", priority: 10 });
        rule(b, sg, "no-ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 });
      },
    });
    expect(shape(rowsOf(b, ecs))).toEqual([
      ["tcp", "ipv4", 20, 21, false],
      ["tcp", "ipv4", 23, 3400, false],
    ]);
  });

  it("IPv6 clients of a dual-stack NLB are cut to what the group admits from ::/0", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], everyPortFromVpc, {
      lb: { addressIpVersion: "DualStack", ipv6AddressType: "Internet" },
      lbRules: (b, sg) => {
        rule(b, sg, "https4", { portRange: "443/443", cidrIp: "0.0.0.0/0" });
        rule(b, sg, "ssh6", { portRange: "22/22", ipv6CidrIp: "::/0" });
      },
    });
    const byFamily = shape(rowsOf(b, ecs)).sort((x, y) => String(x[1]).localeCompare(String(y[1])));
    expect(byFamily).toEqual([
      ["tcp", "ipv4", 443, 443, false],
      ["tcp", "ipv6", 22, 22, false],
    ]);
  });

  it("a balancer group admitting every port keeps the listener's whole range", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], everyPortFromVpc, { lbRules: lbAdmits("-1/-1") });
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 20, 3400, false]]);
  });

  it("a balancer without groups admits every port: the listener's range", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], everyPortFromVpc);
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 20, 3400, false]]);
  });

  it("a balancer group rule whose ports are unknown at preview admits the whole range, unverified", () => {
    const { b, ecs } = aliNlb("TCP", [20, 3400], everyPortFromVpc, { lbRules: lbAdmits(UNKNOWN) });
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 20, 3400, true]]);
  });

  it("a target with a port of its own keeps it whatever port the client used", () => {
    const { b, ecs } = aliNlb("TCP", 2222, everyPortFromVpc, { lbRules: lbAdmits("2222/2222", "443/443") });
    expect(shape(rowsOf(b, ecs))).toEqual([["tcp", "ipv4", 2222, 2222, false]]);
  });
});

describe("an accelerator reaches the backends outside the stack of the balancer listeners it forwards to", () => {
  const outsideRows = (b: StackBuilder, r: GenericResource) => rowsOf(b, r).filter((e) => e.outsideBackend);

  it("AWS: an internal ALB's listener forwarding 443 to an outside instance's 22 puts that 22 on the internet", () => {
    const { b, listener } = awsOutside(22);
    const rows = outsideRows(b, listener);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 22, 22, false]]);
    expect(rows.map(renderPath)).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:443 → endpoint-group:eg → lb:app (internal, behind accelerator, client address kept) → listener:https:443 → target i-0legacy (outside the stack):22",
    ]);
  });

  it("AWS: the same row as the internet-facing balancer's own path gives", () => {
    const { b, listener } = awsOutside(22, { internetFacing: true, accelerated: false });
    const rows = outsideRows(b, listener);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 22, 22, false]]);
    expect(rows.map((e) => e.path.at(-1))).toEqual(["target i-0legacy (outside the stack):22"]);
  });

  it("AWS: without the accelerator the internal balancer's outside backend stays private", () => {
    const { b, listener } = awsOutside(22, { accelerated: false });
    expect(rowsOf(b, listener)).toEqual([]);
  });

  it("AWS: a backend on the listener's own port adds nothing to the balancer's row", () => {
    const { b, listener, lb } = awsOutside(443);
    expect(outsideRows(b, listener)).toEqual([]);
    expect(shape(rowsOf(b, lb))).toEqual([["tcp", "ipv4", 443, 443, false]]);
  });

  it("AWS: a backend port unknown at preview stands for every port, unverified", () => {
    const { b, listener } = awsOutside(UNKNOWN);
    const rows = outsideRows(b, listener);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 0, 65535, true]]);
    expect(rows[0].path.at(-1)).toBe("target i-0legacy (outside the stack) (port unknown at preview):all");
  });

  /** An Alibaba Cloud accelerator listener on `sent` to an intranet NLB listener on 3000 forwarding to `server`:`port`. */
  function aliOutside(port: unknown, sent: [number, number] = [3000, 3000]) {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    const nlb = b.add(ALI_NLB.lb, "inner", {
      addressType: "Intranet",
      addressIpVersion: "Ipv4",
      vpcId: ref(n.vpc),
      zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
    });
    const group = b.add(ALI_NLB.group, "g", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP" });
    b.add(ALI_NLB.attachment, "legacy", {
      serverGroupId: ref(group),
      serverId: "i-bp1legacy",
      serverType: "Ecs",
      port,
    });
    const listener = b.add(ALI_NLB.listener, "l", {
      loadBalancerId: ref(nlb),
      serverGroupId: ref(group),
      listenerProtocol: "TCP",
      listenerPort: 3000,
    });
    aliAccelerator(b, nlb, "NLB", "TCP", sent);
    return { b, listener };
  }

  it("Alibaba Cloud: an intranet NLB listener forwarding 3000 to an outside server's 3306 reaches it", () => {
    const { b, listener } = aliOutside(3306);
    const rows = outsideRows(b, listener);
    expect(shape(rows)).toEqual([["tcp", "ipv4", 3306, 3306, false]]);
    expect(rows.map(renderPath)).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:ga-l:3000 → endpoint-group:eg → lb:inner (internal, behind accelerator, accelerator address) → listener:l:3000 → server i-bp1legacy (outside the stack):3306",
    ]);
  });

  it("Alibaba Cloud: an accelerator forwarding other ports reaches neither the listener nor its backend", () => {
    const { b, listener } = aliOutside(3306, [443, 443]);
    expect(rowsOf(b, listener)).toEqual([]);
  });

  it("Alibaba Cloud: a backend port unknown at preview stands for every port, unverified", () => {
    const { b, listener } = aliOutside(UNKNOWN);
    expect(shape(outsideRows(b, listener))).toEqual([["tcp", "ipv4", 0, 65535, true]]);
  });
});

describe("the stack rules on these paths", () => {
  const everyPortFromVpc: AliRules = (b, sg) => rule(b, sg, "vpc", fromVpc("all", "-1/-1"));
  const nlbAdmits443: AliRules = (b, sg) => rule(b, sg, "https", { portRange: "443/443", cidrIp: "0.0.0.0/0" });
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: Alibaba Cloud NLB listener protocol unknown 2222 → 22, UDP-only rule: udp/22",
      build: () => aliNlb(UNKNOWN, 2222, (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22")), { backend: 22 }).b,
      violations: 1,
      mentions: "udp/22",
    },
    {
      name: "good: Alibaba Cloud NLB TCP listener 2222 → 22, UDP-only rule",
      build: () => aliNlb("TCP", 2222, (b, sg) => rule(b, sg, "udp-22", fromVpc("udp", "22/22")), { backend: 22 }).b,
      violations: 0,
    },
    {
      name: "good: NLB listener on 20-3400 behind a group admitting only 443 (22 and 3389 were reported)",
      build: () => aliNlb("TCP", [20, 3400], everyPortFromVpc, { lbRules: nlbAdmits443 }).b,
      violations: 0,
    },
    {
      name: "bad: the same listener behind a group admitting 20-3400: 22 and 3389 on the balancer and the target",
      build: () =>
        aliNlb("TCP", [20, 3400], everyPortFromVpc, {
          lbRules: (b, sg) => rule(b, sg, "range", { portRange: "20/3400", cidrIp: "0.0.0.0/0" }),
        }).b,
      violations: 4,
      mentions: "tcp/",
    },
    {
      name: "unknown: the same listener behind a group rule whose ports are unknown at preview: a note",
      build: () =>
        aliNlb("TCP", [20, 3400], everyPortFromVpc, {
          lbRules: (b, sg) => rule(b, sg, "maybe", { portRange: UNKNOWN, cidrIp: "0.0.0.0/0" }),
        }).b,
      violations: 0,
      notes: 4,
      label: "(ports unknown at preview)",
    },
    {
      name: "bad: AWS NLB QUIC listener on 22, UDP rule: udp/22",
      build: () => awsNlb("QUIC", 22, [awsRule("udp", 22)]).b,
      violations: 1,
      mentions: "udp/22",
    },
    {
      name: "good: AWS NLB QUIC listener on 22, TCP-only rule",
      build: () => awsNlb("QUIC", 22, [awsRule("tcp", 22)]).b,
      violations: 0,
    },
    {
      name: "bad: AWS accelerator → internal ALB 443 → outside instance's 5985 (WinRM speaks HTTP)",
      build: () => awsOutside(5985).b,
      violations: 1,
      mentions: "outside the stack",
    },
    {
      // An ALB carries only HTTP: SSH cannot be guessed through it.
      name: "good: AWS accelerator → internal ALB 443 → outside instance's 22",
      build: () => awsOutside(22).b,
      violations: 0,
    },
    {
      name: "unknown: AWS accelerator → internal ALB 443 → outside instance on a port unknown at preview: the HTTP admin ports noted",
      build: () => awsOutside(UNKNOWN).b,
      violations: 0,
      notes: 2,
      label: "port unknown at preview",
    },
    {
      name: "good: AWS accelerator → internal ALB 443 → outside instance's 443",
      build: () => awsOutside(443).b,
      violations: 0,
    },
  ]);

  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "good: NLB listener on 20-3400 behind a group admitting only 443 (3306 was reported)",
      build: () => aliNlb("TCP", [20, 3400], everyPortFromVpc, { lbRules: nlbAdmits443 }).b,
      violations: 0,
    },
    {
      name: "bad: Alibaba Cloud CLB listener protocol unknown 443 → 11211, UDP-only memcached rule",
      build: () => aliClb(UNKNOWN, 443, (b, sg) => rule(b, sg, "memcached", fromVpc("udp", "11211/11211")), 11211).b,
      violations: 1,
      mentions: "11211",
    },
    {
      name: "good: Alibaba Cloud CLB tcp listener 443 → 11211, UDP-only memcached rule",
      build: () => aliClb("tcp", 443, (b, sg) => rule(b, sg, "memcached", fromVpc("udp", "11211/11211")), 11211).b,
      violations: 0,
    },
  ]);
});
