// An application load balancer speaks only HTTP, to its clients and to its targets: a target group on 22, 3389 or 5900
// publishes no SSH, RDP or VNC login, so nothing can be brute-forced through it. WinRM (5985/5986) is HTTP and stays
// flagged, as does any port behind a network balancer or a balancer whose type is unknown at preview.
import { UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { probes } from "./stack-probes";
import { tcp } from "./tcp-ingress";

interface AwsOptions {
  /** The balancer's inputs (type, ipAddressType). */
  lb?: Record<string, unknown>;
  listenerPort?: number;
  listenerProtocol?: unknown;
  targetProtocol?: string;
  /** The target's group rule admitting the VPC; one TCP port (the target's) unless given. */
  appRule?: Record<string, unknown>;
}

/**
 * An internet-facing AWS balancer (an ALB unless `lb` says otherwise) in the public subnet, its group open to the
 * world on the listener's port, whose listener forwards to an instance in the private subnet on `targetPort`; the
 * instance's group admits `targetPort` from the VPC (the balancer's own addresses).
 */
function aws(targetPort: number, o: AwsOptions = {}): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b, { ipv6: true });
    const listenerPort = o.listenerPort ?? 443;
    const lbSg = b.add(T.sg, "lb", {
      vpcId: ref(v.vpc),
      ingress: [tcp(listenerPort, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })],
    });
    const appSg = b.add(T.sg, "app", {
      vpcId: ref(v.vpc),
      ingress: [o.appRule ?? tcp(targetPort, { cidrBlocks: ["10.0.0.0/16"] })],
    });
    const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    const lb = b.add(T.lb, "front", { subnets: [ref(v.publicSubnet)], securityGroups: [ref(lbSg)], ...o.lb });
    const tg = b.add(T.tg, "admin", {
      port: targetPort,
      protocol: o.targetProtocol ?? "HTTP",
      vpcId: ref(v.vpc),
      preserveClientIp: "false",
    });
    b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
    b.add(T.listener, "l", {
      loadBalancerArn: ref(lb),
      port: listenerPort,
      protocol: o.listenerProtocol ?? "HTTPS",
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
    return b;
  };
}

const NETWORK = { lb: { loadBalancerType: "network" }, listenerProtocol: "TCP", targetProtocol: "TCP" };

describe("disallow-internet-admin-ports-except-bastions: AWS application load balancers carry only HTTP", () => {
  probes(policy, [
    { name: "good: ALB (default type) → target group on 22 (was: tcp/22 reachable)", build: aws(22), violations: 0 },
    {
      name: "good: ALB (type application) → target group on 3389",
      build: aws(3389, { lb: { loadBalancerType: "application" } }),
      violations: 0,
    },
    { name: "good: ALB → target group on 5900 (VNC)", build: aws(5900), violations: 0 },
    {
      name: "good: dual-stack ALB → 22, over IPv4 and IPv6",
      build: aws(22, { lb: { ipAddressType: "dualstack" } }),
      violations: 0,
    },
    {
      name: "good: ALB HTTP listener on port 22 itself → 8080 (the balancer answers HTTP there)",
      build: aws(8080, { listenerPort: 22, listenerProtocol: "HTTP" }),
      violations: 0,
    },
    {
      name: "good: ALB → 22, the target admitting every protocol (-1) from the VPC",
      build: aws(22, { appRule: { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] } }),
      violations: 0,
    },
    {
      name: "bad: ALB → target group on 5985 (WinRM speaks HTTP)",
      build: aws(5985),
      violations: 1,
      mentions: "tcp/5985 is reachable from the internet",
    },
    {
      name: "bad: ALB → target group on 5986 (WinRM over HTTPS)",
      build: aws(5986, { targetProtocol: "HTTPS" }),
      violations: 1,
      mentions: "tcp/5986 is reachable from the internet",
    },
    {
      name: "bad: ALB → a port the config names as an administration port (an HTTP admin console)",
      build: aws(8443),
      config: { ports: [22, 8443] },
      violations: 1,
      mentions: "tcp/8443",
    },
    {
      name: "bad: NLB TCP listener → target group on 22",
      build: aws(22, NETWORK),
      violations: 1,
      mentions: "tcp/22 is reachable from the internet",
    },
    {
      name: "bad: NLB TCP listener on 22 → 3389",
      build: aws(3389, { ...NETWORK, listenerPort: 22 }),
      violations: 1,
      mentions: "tcp/3389",
    },
    {
      name: "bad: a balancer whose type is unknown at preview may be a network one",
      build: aws(22, { lb: { loadBalancerType: UNKNOWN } }),
      violations: 1,
      mentions: "tcp/22 is reachable from the internet",
    },
  ]);

  it("the model still lists the ALB path to 22 (other rules judge it), marked as HTTP only", () => {
    const dualStack = aws(22, { lb: { ipAddressType: "dualstack" } })().resources;
    const rows = internetExposures(buildNetworkModel(dualStack)).filter((e) => e.name === "app");
    expect(rows.map((e) => [e.family, e.ports.from, e.httpOnly === true])).toEqual([
      ["ipv4", 22, true],
      ["ipv6", 22, true],
    ]);
    const nlb = internetExposures(buildNetworkModel(aws(22, NETWORK)().resources)).filter((e) => e.name === "app");
    expect(nlb.length).toBeGreaterThan(0);
    expect(nlb.every((e) => e.httpOnly === undefined)).toBe(true);
  });
});

/** An internet-facing Alibaba Cloud ALB listener on 443 → a server group reaching the ECS on `port`. */
function aliAlb(port: number): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "from-vpc", { portRange: `${port}/${port}`, cidrIp: "172.16.0.0/16" });
    const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const group = b.add(A.albGroup, "g", {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port }],
    });
    const alb = b.add(A.alb, "front", { addressType: "Internet", vpcId: ref(n.vpc) });
    b.add(A.albListener, "l", {
      loadBalancerId: ref(alb),
      listenerPort: 443,
      listenerProtocol: "HTTPS",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    return b;
  };
}

describe("disallow-internet-admin-ports-except-bastions: Alibaba Cloud ALBs carry only HTTP", () => {
  probes(policy, [
    { name: "good: ALB → server group on 22 (was: tcp/22 reachable)", build: aliAlb(22), violations: 0 },
    { name: "good: ALB → server group on 3389", build: aliAlb(3389), violations: 0 },
    { name: "bad: ALB → server group on 5985 (WinRM)", build: aliAlb(5985), violations: 1, mentions: "tcp/5985" },
  ]);
});
