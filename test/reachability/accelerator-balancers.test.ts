// Balancers behind a Global Accelerator: an endpoint naming an ALB, NLB or CLB of the stack puts the balancer's
// listeners on the ports the accelerator forwards on the internet, internal or not, and with them the hosts and
// databases behind those listeners. Listeners on other ports stay as private as the balancer's scheme makes them.
import { rangeCoversPort } from "../../lib/ports";
import {
  Exposure,
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";
import { AGA, GA } from "./accelerator-types";

const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
  sgAttachment: "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
};

const OFFICE = "203.0.113.0/24";

const exposures = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));
const rowsOf = (b: StackBuilder, r: GenericResource) => exposures(b).filter((e) => e.urn === r.urn);
const on = (port: number) => (e: Exposure) => rangeCoversPort(e.ports, port);
const paths = (rows: Exposure[]) => rows.map(renderPath);
const urnsReported = async (b: StackBuilder, policy: Parameters<typeof runStackPolicy>[0]) =>
  mandatory(await runStackPolicy(policy, b.resources)).map((f) => f.urn);

interface AwsOptions {
  /** Balancer listener port → target port. */
  listeners?: Record<number, number>;
  lb?: Record<string, unknown>;
  /** The balancer's own group ingress; none when undefined. */
  lbIngress?: Record<string, unknown>[];
  accelerator?: Record<string, unknown>;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
  endpoint?: Record<string, unknown>;
}

/**
 * An EC2 instance in a private subnet admitting 22, 443, 3306 and 5985 from the VPC, the target of an internal balancer
 * (an ALB unless `lb` says otherwise) whose listeners forward `listeners`, behind an AWS accelerator listener.
 */
function awsStack(ports: [number, number], opts: AwsOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const hostSg = b.add(T.sg, "web", {
    vpcId: ref(v.vpc),
    ingress: [22, 443, 3306, 5985].map((p) => ({
      protocol: "tcp",
      fromPort: p,
      toPort: p,
      cidrBlocks: ["10.0.0.0/16"],
    })),
  });
  const vm = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(hostSg)] });
  const lbSg = opts.lbIngress ? [ref(b.add(T.sg, "lb", { vpcId: ref(v.vpc), ingress: opts.lbIngress }))] : undefined;
  const lb = b.add(T.lb, "app", {
    internal: true,
    loadBalancerType: "application",
    subnets: [ref(v.privateSubnet)],
    ...(lbSg ? { securityGroups: lbSg } : {}),
    ...opts.lb,
  });
  balancerListeners(b, v, lb, vm, opts.listeners ?? { [ports[0]]: ports[0] });
  const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true, ...opts.accelerator });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    ...opts.listener,
  });
  const group = b.add(AGA.group, "eg", {
    listenerArn: ref(listener),
    endpointConfigurations: [{ endpointId: ref(lb), weight: 100, ...opts.endpoint }],
    ...opts.group,
  });
  return { b, v, vm, lb, acc, listener, group };
}

function balancerListeners(b: StackBuilder, v: Vpc, lb: GenericResource, vm: GenericResource, map: object) {
  for (const [port, targetPort] of Object.entries(map)) {
    const tg = b.add(T.tg, `tg-${port}`, { port: targetPort, protocol: "HTTP", vpcId: ref(v.vpc) });
    b.add(T.tga, `tg-${port}`, { targetGroupArn: ref(tg), targetId: ref(vm), port: targetPort });
    b.add(T.listener, `lb-${port}`, {
      loadBalancerArn: ref(lb),
      port: Number(port),
      protocol: "HTTP",
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
  }
}

describe("AWS: an internal balancer behind a Global Accelerator", () => {
  // An ALB carries only HTTP, behind an accelerator too: the path to 22 is listed, but no SSH login is published.
  it("an accelerator forwarding 22 to an internal ALB puts the instance's 22 on the internet for HTTP only", async () => {
    const { b, vm, lb } = awsStack([22, 22]);
    expect(paths(rowsOf(b, vm))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:22 → endpoint-group:eg → lb:app (internal, behind accelerator, client address kept) → listener:lb-22:22 → tg:tg-22 → sg:web rule web ingress[0] → instance:web:22",
    ]);
    expect(rowsOf(b, lb).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect([...rowsOf(b, vm), ...rowsOf(b, lb)].every((e) => e.httpOnly === true)).toBe(true);
    // Nothing is judged: the accelerator forwards 22 only to the ALB's HTTP listener (was: the accelerator reported).
    expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([]);
  });

  it("an accelerator forwarding 5985 to an internal ALB puts the instance's WinRM (HTTP) on the internet", async () => {
    const { b, vm, lb } = awsStack([5985, 5985]);
    expect(paths(rowsOf(b, vm))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:5985 → endpoint-group:eg → lb:app (internal, behind accelerator, client address kept) → listener:lb-5985:5985 → tg:tg-5985 → sg:web rule web ingress[3] → instance:web:5985",
    ]);
    expect(rowsOf(b, lb).map((e) => e.ports)).toEqual([{ from: 5985, to: 5985 }]);
    const found = await urnsReported(b, disallowInternetAdminPortsExceptBastions);
    expect(found).toEqual(expect.arrayContaining([vm.urn, lb.urn]));
  });

  it("an accelerator forwarding 22 to an internal NLB TCP listener is not HTTP only", () => {
    const { b, vm } = awsStack([22, 22], { lb: { loadBalancerType: "network" } });
    const rows = rowsOf(b, vm);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.httpOnly === undefined)).toBe(true);
  });

  it("an accelerator forwarding 3306 reaches the database port of the instance", async () => {
    const { b, vm } = awsStack([3306, 3306]);
    expect(rowsOf(b, vm).filter(on(3306))).toHaveLength(1);
    expect(await urnsReported(b, disallowInternetDatabaseAndHighRiskPorts)).toContain(vm.urn);
  });

  it("the same balancer without the accelerator stays private", async () => {
    const { b, vm, lb } = awsStack([22, 22]);
    const kept = b.resources.filter((r) => !r.type.startsWith("aws:globalaccelerator/"));
    const rows = internetExposures(buildNetworkModel(kept));
    expect(rows.filter((e) => e.urn === vm.urn || e.urn === lb.urn)).toEqual([]);
  });

  it("forwarding only 443 leaves the balancer's 22 listener private", async () => {
    const { b, vm, lb } = awsStack([443, 443], { listeners: { 443: 443, 22: 22 } });
    expect(rowsOf(b, vm).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
    expect(rowsOf(b, lb).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
    expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([]);
  });

  it("a port override 443 → 22 reaches the balancer's 22 listener, and not its 443 one", () => {
    const { b, vm, lb } = awsStack([443, 443], {
      listeners: { 443: 443, 22: 22 },
      group: { portOverrides: [{ listenerPort: 443, endpointPort: 22 }] },
    });
    expect(paths(rowsOf(b, vm))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:443 → endpoint-group:eg (port override 443 → 22) → lb:app (internal, behind accelerator, client address kept) → listener:lb-22:22 → tg:tg-22 → sg:web rule web ingress[0] → instance:web:22",
    ]);
    expect(rowsOf(b, lb).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
  });

  it("a balancer listener forwarding to 22 is reached through the accelerator's 443", () => {
    const { b, vm } = awsStack([443, 443], { listeners: { 443: 22 } });
    expect(rowsOf(b, vm).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
  });

  it("an internal NLB endpoint without groups passes the accelerator's traffic to its targets", async () => {
    const { b, vm } = awsStack([22, 22], { lb: { loadBalancerType: "network" } });
    expect(rowsOf(b, vm).map((e) => e.path[3])).toEqual(["lb:app (internal, behind accelerator, accelerator address)"]);
    expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toContain(vm.urn);
  });

  it("a UDP accelerator listener reaches a UDP or TCP_UDP NLB listener, not a TCP one", () => {
    const udp = (protocol: string) => {
      const stack = awsStack([53, 53], { lb: { loadBalancerType: "network" }, listener: { protocol: "UDP" } });
      const l = stack.b.resources.find((r) => r.name === "lb-53")!;
      l.inputs.protocol = protocol;
      return rowsOf(stack.b, stack.lb).map((e) => e.protocol);
    };
    expect(udp("UDP")).toEqual(["udp"]);
    expect(udp("TCP_UDP")).toEqual(["udp"]);
    expect(udp("TCP")).toEqual([]);
  });

  describe("the address the balancer's groups see", () => {
    const officeOnly = [22, 443].map((p) => ({ protocol: "tcp", fromPort: p, toPort: p, cidrBlocks: [OFFICE] }));
    const vpcOnly = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }];

    it("an internal ALB always keeps the client's address: its groups narrow the source", () => {
      const { b, vm } = awsStack([22, 22], { lbIngress: officeOnly, endpoint: { clientIpPreservationEnabled: false } });
      expect(rowsOf(b, vm).map((e) => e.source)).toEqual([OFFICE]);
    });

    it("an internal ALB admitting only the VPC refuses the accelerator's clients", () => {
      const { b, vm, lb } = awsStack([22, 22], { lbIngress: vpcOnly });
      expect([...rowsOf(b, vm), ...rowsOf(b, lb)]).toEqual([]);
    });

    it("an internet-facing ALB without client IP preservation sees an edge address any public rule may admit", () => {
      const { b, vm } = awsStack([22, 22], { lb: { internal: false }, lbIngress: officeOnly });
      const viaAccelerator = rowsOf(b, vm).filter((e) => e.path[0] === "lb:ga (internet-facing)");
      expect(viaAccelerator.map((e) => [e.source, e.path[4]])).toEqual([
        ["0.0.0.0/0", "sg:lb rule lb ingress[0] (may admit the accelerator's address)"],
      ]);
    });

    it("with client IP preservation on an internet-facing ALB, the balancer's groups see the client", () => {
      const { b, vm } = awsStack([22, 22], {
        lb: { internal: false },
        lbIngress: officeOnly,
        endpoint: { clientIpPreservationEnabled: true },
      });
      expect(rowsOf(b, vm).map((e) => e.source)).toEqual([OFFICE]);
    });

    it("client IP preservation unknown at preview reads as the accelerator's address", () => {
      const { b, vm } = awsStack([22, 22], {
        lb: { internal: false },
        lbIngress: officeOnly,
        endpoint: { clientIpPreservationEnabled: UNKNOWN },
      });
      expect(rowsOf(b, vm).map((e) => e.source)).toContain("0.0.0.0/0");
    });

    it("an NLB with groups keeps the client's address only when the endpoint says so", () => {
      const nlb = { loadBalancerType: "network" };
      const replaced = awsStack([22, 22], { lb: nlb, lbIngress: officeOnly });
      expect(rowsOf(replaced.b, replaced.vm).map((e) => e.source)).toEqual(["0.0.0.0/0"]);
      const kept = awsStack([22, 22], {
        lb: nlb,
        lbIngress: officeOnly,
        endpoint: { clientIpPreservationEnabled: true },
      });
      expect(rowsOf(kept.b, kept.vm).map((e) => e.source)).toEqual([OFFICE]);
    });
  });

  describe("accelerators and endpoints that publish nothing, or cannot be seen", () => {
    it("a disabled accelerator publishes nothing behind the balancer", async () => {
      const { b } = awsStack([22, 22], { accelerator: { enabled: false } });
      expect(exposures(b)).toEqual([]);
      expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([]);
    });

    it("an endpoint id unknown at preview resolves through its property dependency", () => {
      const { b, vm, group, lb } = awsStack([22, 22]);
      expect(group.inputs.endpointConfigurations).toEqual([{ endpointId: UNKNOWN, weight: 100 }]);
      expect(group.propertyDependencies.endpointConfigurations).toEqual([lb.urn]);
      expect(rowsOf(b, vm)).toHaveLength(1);
    });

    it("endpoint configurations unknown at preview reach every balancer they depend on", () => {
      const { b, vm, lb, group } = awsStack([22, 22]);
      group.inputs.endpointConfigurations = UNKNOWN;
      expect(group.propertyDependencies.endpointConfigurations).toEqual([lb.urn]);
      expect(rowsOf(b, vm).map((e) => e.source)).toEqual(["0.0.0.0/0"]);
    });

    it("an id unknown with two candidate balancers reaches both", () => {
      const { b, v, vm, listener } = awsStack([22, 22]);
      const other = b.add(T.lb, "other", { internal: true, subnets: [ref(v.privateSubnet)] });
      const tg = b.add(T.tg, "other", { port: 22, vpcId: ref(v.vpc) });
      b.add(T.tga, "other", { targetGroupArn: ref(tg), targetId: ref(vm) });
      b.add(T.listener, "other-22", {
        loadBalancerArn: ref(other),
        port: 22,
        defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
      });
      const lb = b.resources.find((r) => r.name === "app")!;
      b.add(AGA.group, "both", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId: ref(lb) }] });
      b.resources[b.resources.length - 1].propertyDependencies.endpointConfigurations.push(other.urn);
      expect(rowsOf(b, other).map((e) => e.path[2])).toEqual(["endpoint-group:both"]);
    });

    it("an unknown id with nothing to link leaves the accelerator's own listener reported", async () => {
      const { b, vm, acc, group } = awsStack([22, 22]);
      group.propertyDependencies.endpointConfigurations = [];
      group.dependencies = [];
      expect(rowsOf(b, vm)).toEqual([]);
      expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([acc.urn]);
    });

    it("a known ARN names the balancer of the stack", () => {
      const { b, vm, listener } = awsStack([22, 22], { group: { endpointConfigurations: [] } });
      const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/app/abc";
      b.resources.find((r) => r.name === "app")!.inputs.arn = arn;
      b.add(AGA.group, "known", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId: arn }] });
      expect(rowsOf(b, vm).map((e) => e.path[2])).toEqual(["endpoint-group:known"]);
    });

    it("a balancer outside the stack is not followed", async () => {
      const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/abc";
      const { b, vm, lb, acc } = awsStack([22, 22], { group: { endpointConfigurations: [{ endpointId: arn }] } });
      expect([...rowsOf(b, vm), ...rowsOf(b, lb)]).toEqual([]);
      expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([acc.urn]);
    });

    it("an Elastic IP endpoint does not link the balancer", () => {
      const { b, vm } = awsStack([22, 22], { group: { endpointConfigurations: [{ endpointId: "eipalloc-0123" }] } });
      expect(rowsOf(b, vm)).toEqual([]);
    });
  });
});

interface AliOptions {
  endpoint?: Record<string, unknown>;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
}

/** An ECS host admitting 22 and 3306 from the VPC, with no public address. */
function aliHost() {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
  rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  return { b, n, ecs };
}

/** An Alibaba Cloud accelerator listener on `ports` whose endpoint group names `lb` with `type`. */
function aliAccelerator(b: StackBuilder, lb: GenericResource, type: unknown, ports: [number, number], o: AliOptions) {
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
  const listener = b.add(GA.listener, "l", {
    acceleratorId: ref(acc),
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    protocol: "TCP",
    ...o.listener,
  });
  b.add(GA.group, "eg", {
    acceleratorId: ref(acc),
    listenerId: ref(listener),
    endpointGroupRegion: "cn-hangzhou",
    endpointConfigurations: [{ endpoint: ref(lb), type, weight: 20, ...o.endpoint }],
    ...o.group,
  });
  return acc;
}

/** An intranet CLB with listeners (front → back port) to the host, behind an accelerator. */
function aliSlb(ports: [number, number], listeners: Record<number, number>, o: AliOptions & { type?: unknown } = {}) {
  const { b, n, ecs } = aliHost();
  const slb = b.add(A.slb, "inner", { addressType: "intranet", vswitchId: ref(n.vswitch) });
  b.add(A.slbBackends, "inner", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  for (const [front, back] of Object.entries(listeners))
    b.add(A.slbListener, `slb-${front}`, {
      loadBalancerId: ref(slb),
      frontendPort: Number(front),
      backendPort: back,
      protocol: "tcp",
    });
  const acc = aliAccelerator(b, slb, o.type ?? "SLB", ports, o);
  return { b, n, ecs, slb, acc };
}

describe("Alibaba Cloud: a balancer behind a Global Accelerator", () => {
  it("an intranet CLB endpoint forwarding 22 puts the backend's SSH on the internet", async () => {
    const { b, ecs, slb } = aliSlb([22, 22], { 22: 22 });
    expect(paths(rowsOf(b, ecs))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:22 → endpoint-group:eg → lb:inner (internal, behind accelerator, accelerator address) → listener:slb-22:22 → sg:web rule ssh (priority 1 accept) → ecs:db:22",
    ]);
    expect(rowsOf(b, slb).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toContain(ecs.urn);
  });

  it("the same CLB without the accelerator stays private", () => {
    const { b, ecs } = aliSlb([22, 22], { 22: 22 });
    const kept = b.resources.filter((r) => !r.type.startsWith("alicloud:ga/"));
    expect(internetExposures(buildNetworkModel(kept)).filter((e) => e.urn === ecs.urn)).toEqual([]);
  });

  it("forwarding only 443 leaves the CLB's 22 listener private", async () => {
    const { b, ecs, slb } = aliSlb([443, 443], { 443: 443, 22: 22 });
    // The backend admits 22 and 3306 only: nothing of it is reached.
    expect(rowsOf(b, ecs)).toEqual([]);
    expect(rowsOf(b, slb).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
    expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toEqual([]);
  });

  it("a port override 443 → 22 reaches the CLB's 22 listener only", () => {
    const { b, ecs } = aliSlb(
      [443, 443],
      { 443: 443, 22: 22 },
      { group: { portOverrides: { listenerPort: 443, endpointPort: 22 } } },
    );
    expect(rowsOf(b, ecs).map((e) => [e.path[1], e.path[2], e.ports])).toEqual([
      ["listener:l:443", "endpoint-group:eg (port override 443 → 22)", { from: 22, to: 22 }],
    ]);
  });

  it.each<[string, unknown, boolean]>([
    ["type in lower case", "slb", true],
    ["type unknown at preview", UNKNOWN, true],
    ["an ALB type naming a CLB", "ALB", false],
    ["a domain endpoint", "Domain", false],
  ])("endpoint %s", (_name, type, exposed) => {
    const { b, ecs } = aliSlb([22, 22], { 22: 22 }, { type });
    expect(rowsOf(b, ecs).length > 0).toBe(exposed);
  });

  it("a CLB white list counts only when the client's address is kept", () => {
    const withAcl = (endpoint: Record<string, unknown>) => {
      const stack = aliSlb([22, 22], { 22: 22 }, { endpoint });
      const acl = stack.b.add("alicloud:slb/acl:Acl", "office", { entryLists: [{ entry: OFFICE }] });
      const l = stack.b.resources.find((r) => r.name === "slb-22")!;
      Object.assign(l.inputs, { aclStatus: "on", aclType: "white", aclId: "acl-office" });
      acl.inputs.id = "acl-office";
      return rowsOf(stack.b, stack.ecs).map((e) => e.source);
    };
    expect(withAcl({})).toEqual(["0.0.0.0/0"]);
    expect(withAcl({ enableClientipPreservation: true })).toEqual([OFFICE]);
  });

  it("an intranet ALB endpoint forwarding 3306 exposes the database port", async () => {
    const { b, n, ecs } = aliHost();
    const group = b.add(A.albGroup, "db", {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port: 3306 }],
    });
    const alb = b.add(A.alb, "inner", { addressType: "Intranet", vpcId: ref(n.vpc) });
    b.add(A.albListener, "mysql", {
      loadBalancerId: ref(alb),
      listenerPort: 3306,
      listenerProtocol: "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    aliAccelerator(b, alb, "ALB", [3306, 3306], {});
    expect(rowsOf(b, ecs).filter(on(3306))).toHaveLength(1);
    // An ALB carries only HTTP, behind an accelerator too; the database rule judges HTTP paths alike.
    expect(rowsOf(b, ecs).filter(on(3306))[0].httpOnly).toBe(true);
    expect(await urnsReported(b, disallowInternetDatabaseAndHighRiskPorts)).toContain(ecs.urn);
  });

  describe("an intranet NLB endpoint", () => {
    function aliNlb(endpoint: Record<string, unknown>, ports: [number, number] = [22, 22]) {
      const { b, n, ecs } = aliHost();
      const nlb = b.add(NLB.lb, "inner", {
        addressType: "Intranet",
        addressIpVersion: "Ipv4",
        vpcId: ref(n.vpc),
        zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
      });
      const sg = b.add(NLB.group, "backends", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP" });
      b.add(NLB.attachment, "db", { serverGroupId: ref(sg), serverId: ref(ecs), serverType: "Ecs", port: 22 });
      b.add(NLB.listener, "ssh", {
        loadBalancerId: ref(nlb),
        serverGroupId: ref(sg),
        listenerProtocol: "TCP",
        listenerPort: 22,
      });
      const front = b.add(A.sg, "nlb-sg", { vpcId: ref(n.vpc) });
      rule(b, front, "office", { portRange: "22/22", cidrIp: OFFICE });
      b.add(NLB.sgAttachment, "nlb-sg", { loadBalancerId: ref(nlb), securityGroupId: ref(front) });
      aliAccelerator(b, nlb, "NLB", ports, { endpoint });
      return { b, ecs, nlb };
    }

    it("without client IP preservation its groups may admit the back-to-origin address: every client", async () => {
      const { b, ecs } = aliNlb({});
      expect(rowsOf(b, ecs).map((e) => [e.source, e.path[4]])).toEqual([
        ["0.0.0.0/0", "sg:nlb-sg rule office (priority 1 accept) (may admit the accelerator's address)"],
      ]);
      expect(await urnsReported(b, disallowInternetAdminPortsExceptBastions)).toContain(ecs.urn);
    });

    it("with client IP preservation its groups narrow the source", () => {
      const { b, ecs } = aliNlb({ enableClientipPreservation: true });
      expect(rowsOf(b, ecs).map((e) => e.source)).toEqual([OFFICE]);
    });

    it("an accelerator on 443 leaves its 22 listener private", () => {
      const { b, ecs, nlb } = aliNlb({}, [443, 443]);
      expect([...rowsOf(b, ecs), ...rowsOf(b, nlb)]).toEqual([]);
    });
  });
});
