// An accelerator forwards a port only to a balancer's listener on that port; an application load balancer speaks only
// HTTP there. An accelerator whose endpoints are all ALBs therefore publishes no SSH, RDP or VNC login, its own TCP
// listener on 22 included, as a path through the ALB itself does not; WinRM is HTTP and stays judged. An NLB, an
// instance, an Elastic IP or an endpoint outside the stack beside the ALB keeps the accelerator's listener judged.
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { GenericResource, UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import { acceleratorReachesOnlyHttp } from "../../lib/reachability/accelerator-http-only";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref, secret } from "./stack-builder";
import { AGA, GA } from "./accelerator-types";

/** Login ports the instance admits from its VPC: SSH, RDP, VNC :0 and WinRM over HTTP. */
const HOST_PORTS = [22, 3389, 5900, 5985];

interface Options {
  /** The ALB's HTTP listener ports (each forwarding to the same port of the instance). */
  albPorts?: number[];
  lb?: Record<string, unknown>;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
  /** Further endpoints of the ALB's group, given the stack. */
  more?: (b: StackBuilder, v: ReturnType<typeof vpcWithSubnets>) => Record<string, unknown>[];
}

/** A private instance behind an internal ALB, the ALB the endpoint of an AWS accelerator listener on `ports`. */
function awsAlbBehindAccelerator(ports: [number, number], opts: Options = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const ingress = HOST_PORTS.map((p) => ({ protocol: "tcp", fromPort: p, toPort: p, cidrBlocks: ["10.0.0.0/16"] }));
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  const vm = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const lb = b.add(T.lb, "app", { internal: true, subnets: [ref(v.privateSubnet)], ...opts.lb });
  for (const port of opts.albPorts ?? [ports[0]]) {
    const tg = b.add(T.tg, `tg-${port}`, { port, protocol: "HTTP", vpcId: ref(v.vpc) });
    b.add(T.tga, `tg-${port}`, { targetGroupArn: ref(tg), targetId: ref(vm), port });
    b.add(T.listener, `lb-${port}`, {
      loadBalancerArn: ref(lb),
      port,
      protocol: "HTTP",
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
  }
  const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    ...opts.listener,
  });
  const endpoints = [{ endpointId: ref(lb) }, ...(opts.more?.(b, v) ?? [])];
  const group = b.add(AGA.group, "eg", {
    listenerArn: ref(listener),
    endpointConfigurations: endpoints,
    ...opts.group,
  });
  return { b, v, vm, lb, acc, listener, group };
}

const reported = async (b: StackBuilder) => mandatory(await runStackPolicy(policy, b.resources));
const urnsOf = async (b: StackBuilder) => (await reported(b)).map((f) => f.urn);

/** Ports named by the findings on `r`, in message order. */
async function portsReportedOn(b: StackBuilder, r: GenericResource): Promise<number[]> {
  const findings = (await reported(b)).filter((f) => f.urn === r.urn);
  return findings.map((f) => Number(/: tcp\/(\d+) is reachable/.exec(f.message)?.[1]));
}

describe("AWS accelerator → ALB: no SSH, RDP or VNC login is published", () => {
  it.each([
    // The ALB has an HTTP listener on the port (was: the accelerator reported).
    ["22 to an HTTP listener on 22", [22, 22], {}],
    ["3389 to an HTTP listener on 3389", [3389, 3389], {}],
    ["5900 to an HTTP listener on 5900", [5900, 5900], {}],
    // No ALB listener on 22: nothing answers behind the accelerator (was: the accelerator reported).
    ["22 to an ALB listening on 443 only", [22, 22], { albPorts: [443] }],
    // A port override sends 2222 to the ALB's 22 (was: the accelerator reported).
    [
      "2222 overridden to 22",
      [2222, 2222],
      { albPorts: [22], group: { portOverrides: [{ listenerPort: 2222, endpointPort: 22 }] } },
    ],
    // An internet-facing ALB seeing the accelerator's address.
    ["22 to an internet-facing ALB", [22, 22], { lb: { internal: false } }],
    // Unknown at preview: the listener protocol may be TCP or UDP; the ALB's ARN (a reference) is unknown too.
    ["22 with the listener protocol unknown", [22, 22], { listener: { protocol: UNKNOWN } }],
  ])("%s", async (_name, ports, opts: Options) => {
    const { b } = awsAlbBehindAccelerator(ports as [number, number], opts);
    expect(await urnsOf(b)).toEqual([]);
  });

  it("22 with the endpoint configurations unknown, depending on the ALB only", async () => {
    const { b, group, lb } = awsAlbBehindAccelerator([22, 22]);
    group.inputs.endpointConfigurations = UNKNOWN;
    expect(group.propertyDependencies.endpointConfigurations).toEqual([lb.urn]);
    expect(await urnsOf(b)).toEqual([]);
  });

  it("the accelerator row to 22 is still listed, for HTTP only", () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22]);
    const m = buildNetworkModel(b.resources);
    const own = internetExposures(m).filter((e) => e.urn === acc.urn);
    expect(own.map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(own.every((e) => acceleratorReachesOnlyHttp(m, e))).toBe(true);
  });
});

describe("AWS accelerator → ALB: WinRM is HTTP and stays judged", () => {
  it("5985 to an HTTP listener on 5985 reports the accelerator, the ALB and the instance", async () => {
    const { b, vm, lb, acc } = awsAlbBehindAccelerator([5985, 5985]);
    expect((await urnsOf(b)).sort()).toEqual([acc.urn, lb.urn, vm.urn].sort());
  });

  it("every port forwarded to ALB listeners on 80 and 443 reports only WinRM on the accelerator", async () => {
    const { b, acc } = awsAlbBehindAccelerator([1, 65535], { albPorts: [80, 443] });
    expect(await urnsOf(b)).toEqual([acc.urn, acc.urn]);
    expect(await portsReportedOn(b, acc)).toEqual([5985, 5986]);
  });
});

describe("AWS accelerator → something besides an ALB: the accelerator's 22 stays judged", () => {
  it("an NLB endpoint", async () => {
    const { b, acc, vm } = awsAlbBehindAccelerator([22, 22], { lb: { loadBalancerType: "network" } });
    expect(await urnsOf(b)).toEqual(expect.arrayContaining([acc.urn, vm.urn]));
  });

  it("a balancer whose type is unknown at preview (it may be an NLB)", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { lb: { loadBalancerType: UNKNOWN } });
    expect(await urnsOf(b)).toContain(acc.urn);
  });

  it("an instance endpoint beside the ALB", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], {
      more: (s, v) => {
        const open = s.add(T.sg, "open", {
          vpcId: ref(v.vpc),
          ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
        });
        const other = s.add(T.instance, "other", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(open)] });
        return [{ endpointId: ref(other) }];
      },
    });
    expect(await urnsOf(b)).toContain(acc.urn);
  });

  it("an Elastic IP of the stack beside the ALB (was: passed)", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], {
      more: (s) => [{ endpointId: ref(s.add(T.eip, "ip", { domain: "vpc" })) }],
    });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an Elastic IP of the stack in a second group of the listener (was: passed)", async () => {
    const { b, acc, listener } = awsAlbBehindAccelerator([22, 22]);
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eu", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId: ref(eip) }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an Elastic IP in a group whose listener is unknown at preview and linked to none (it may be this one)", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22]);
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eu", { listenerArn: UNKNOWN, endpointConfigurations: [{ endpointId: ref(eip) }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an Elastic IP in a group whose listener is a secret unknown at preview, linked to none (was: cleared)", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22]);
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eu", { listenerArn: secret(UNKNOWN), endpointConfigurations: [{ endpointId: ref(eip) }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an Elastic IP in a group of another accelerator's listener leaves this one cleared", async () => {
    const { b } = awsAlbBehindAccelerator([22, 22]);
    const other = b.add(AGA.accelerator, "ga2", { name: "ga2", ipAddressType: "IPV4", enabled: true });
    const otherListener = b.add(AGA.listener, "l2", {
      acceleratorArn: ref(other),
      protocol: "TCP",
      portRanges: [{ fromPort: 443, toPort: 443 }],
    });
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eu", { listenerArn: ref(otherListener), endpointConfigurations: [{ endpointId: ref(eip) }] });
    expect(await urnsOf(b)).toEqual([]);
  });

  it("an Elastic IP alone, as before", async () => {
    const { b, acc, listener } = awsAlbBehindAccelerator([22, 22], { group: { endpointConfigurations: [] } });
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eu", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId: ref(eip) }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("a balancer outside the stack beside the ALB", async () => {
    const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/shared/abc";
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { more: () => [{ endpointId: arn }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("a second listener of the accelerator on 22 forwarding to an Elastic IP is judged; the ALB's is not", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22]);
    const other = b.add(AGA.listener, "l2", {
      acceleratorArn: ref(acc),
      protocol: "TCP",
      portRanges: [{ fromPort: 22, toPort: 22 }],
    });
    const eip = b.add(T.eip, "ip", { domain: "vpc" });
    b.add(AGA.group, "eip", { listenerArn: ref(other), endpointConfigurations: [{ endpointId: ref(eip) }] });
    const found = await reported(b);
    expect(found.map((f) => f.urn)).toEqual([acc.urn]);
    expect(found[0].message).toContain("listener:l2:22");
  });
});

describe("AWS accelerator → a balancer without listeners: it accepts nothing", () => {
  /** A listener of the stack on 22 whose balancer ARN is `arn` (unknown at preview by default), depending on `deps`. */
  const unlinkedListener = (b: StackBuilder, deps: string[], arn: unknown = UNKNOWN) => {
    const l = b.add(T.listener, "unlinked", { loadBalancerArn: arn, port: 22, protocol: UNKNOWN });
    l.propertyDependencies.loadBalancerArn = deps;
  };
  const ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer";

  it.each([
    // The ELB documents: a load balancer without listeners receives no traffic (was: the accelerator reported).
    ["an ALB", {}],
    ["an NLB", { lb: { loadBalancerType: "network" } }],
  ])("%s with no listener publishes nothing", async (_name, opts: Options) => {
    const { b } = awsAlbBehindAccelerator([22, 22], { albPorts: [], ...opts });
    expect(await urnsOf(b)).toEqual([]);
  });

  it("a listener of another balancer of the stack leaves it cleared", async () => {
    const { b, v } = awsAlbBehindAccelerator([22, 22], { albPorts: [] });
    const other = b.add(T.lb, "other", { loadBalancerType: "network", subnets: [ref(v.privateSubnet)] });
    b.add(T.listener, "other", { loadBalancerArn: ref(other), port: 22, protocol: "TCP" });
    expect(await urnsOf(b)).toEqual([]);
  });

  it("an ALB, a listener whose balancer is unknown at preview and linked to none may be its: judged", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { albPorts: [] });
    unlinkedListener(b, []);
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an NLB, a listener that may be its or another balancer's: judged", async () => {
    const { b, v, lb, acc } = awsAlbBehindAccelerator([22, 22], { albPorts: [], lb: { loadBalancerType: "network" } });
    const other = b.add(T.lb, "other", { loadBalancerType: "network", subnets: [ref(v.privateSubnet)] });
    unlinkedListener(b, [lb.urn, other.urn]);
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("an NLB, a listener whose balancer ARN is a secret unknown at preview, linked to none: judged", async () => {
    // Was: cleared, the secret wrapper hiding that the ARN is unknown.
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { albPorts: [], lb: { loadBalancerType: "network" } });
    unlinkedListener(b, [], secret(UNKNOWN));
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("a listener whose balancer ARN is a secret naming another balancer of the stack leaves it cleared", async () => {
    const { b, v } = awsAlbBehindAccelerator([22, 22], { albPorts: [], lb: { loadBalancerType: "network" } });
    const other = b.add(T.lb, "other", { loadBalancerType: "network", subnets: [ref(v.privateSubnet)] });
    unlinkedListener(b, [other.urn], secret(UNKNOWN));
    expect(await urnsOf(b)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    // Was: cleared, the literal naming nothing of the stack.
    ["an NLB, a listener naming it by a literal NLB ARN", { loadBalancerType: "network" }, `${ARN}/net/app/abc`],
    ["an ALB named app, its name in the ARN in another case", { name: "app" }, `${ARN}/app/APP/abc`],
    ["an NLB, the literal ARN a secret", { loadBalancerType: "network" }, `${ARN}/net/app/abc`],
  ])("%s: it may be its listener, judged", async (name, lb, arn) => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { albPorts: [], lb });
    unlinkedListener(b, [], name.includes("secret") ? secret(arn) : arn);
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an ALB, a listener naming an NLB by its literal ARN", {}, `${ARN}/net/app/abc`],
    ["an ALB named app, a literal ARN of an ALB named web", { name: "app" }, `${ARN}/app/web/abc`],
  ])("%s: not its listener, cleared", async (_name, lb, arn) => {
    const { b } = awsAlbBehindAccelerator([22, 22], { albPorts: [], lb });
    unlinkedListener(b, [], arn);
    expect(await urnsOf(b)).toEqual([]);
  });
});

describe("AWS accelerator → ALB beside an endpoint configuration naming no endpoint", () => {
  it("a configuration with no endpointId is outside: the accelerator is judged (was: cleared)", async () => {
    const { b, acc } = awsAlbBehindAccelerator([22, 22], { more: () => [{ weight: 100 }] });
    expect(await urnsOf(b)).toEqual([acc.urn]);
  });

  it("its twin, the ALB alone, is cleared", async () => {
    const { b } = awsAlbBehindAccelerator([22, 22]);
    expect(await urnsOf(b)).toEqual([]);
  });
});

describe("Alibaba Cloud accelerator → ALB", () => {
  /** An intranet ALB with an HTTP listener on `albPort` to an ECS host, behind an accelerator listener on `port`. */
  function aliAlbBehindAccelerator(port: number, albPort: number) {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    for (const p of HOST_PORTS) rule(b, n.sg, `p${p}`, { portRange: `${p}/${p}`, cidrIp: "172.16.0.0/16" });
    const ecs = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const group = b.add(A.albGroup, "web", {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port: albPort }],
    });
    const alb = b.add(A.alb, "inner", { addressType: "Intranet", vpcId: ref(n.vpc) });
    b.add(A.albListener, "http", {
      loadBalancerId: ref(alb),
      listenerPort: albPort,
      listenerProtocol: "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
    const listener = b.add(GA.listener, "l", {
      acceleratorId: ref(acc),
      portRanges: [{ fromPort: port, toPort: port }],
      protocol: "TCP",
    });
    b.add(GA.group, "eg", {
      acceleratorId: ref(acc),
      listenerId: ref(listener),
      endpointGroupRegion: "cn-hangzhou",
      endpointConfigurations: [{ endpoint: ref(alb), type: "ALB", weight: 20 }],
    });
    return { b, acc, alb, ecs };
  }

  it("22 to the ALB's HTTP listener on 22 publishes no SSH login (was: the accelerator reported)", async () => {
    const { b } = aliAlbBehindAccelerator(22, 22);
    expect(await urnsOf(b)).toEqual([]);
  });

  it("5985 to the ALB's HTTP listener on 5985 is WinRM, judged", async () => {
    const { b, acc } = aliAlbBehindAccelerator(5985, 5985);
    expect(await urnsOf(b)).toContain(acc.urn);
  });
});
