// Forwards to backends the plan does not declare: a balancer listener or a DNAT entry that publishes SSH or a
// database port of an existing server (named by id or address), of a target group filled by a service, or of
// backends attached elsewhere. The backend's firewall is out of sight; the port forwarded to is what is judged.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, type GenericResource } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { aliAlbForwardingTo, aliNlbForwardingTo, CLASSIC_ELB, SLB_GROUP } from "./outside-backend-balancers";
import { runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";
import { AGA, GA } from "./accelerator-types";

interface Row {
  name: string;
  build: () => GenericResource[];
  admin: number;
  highRisk: number;
  mentions?: string;
}

/** A CLB (internet-facing unless `addressType` says) with one listener; `extra` adds backends. */
function clb(
  listener: Record<string, unknown>,
  extra: (b: StackBuilder, lb: GenericResource) => void = () => {},
  addressType = "internet",
) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const lb = b.add(A.slb, "lb", { addressType, vswitchId: ref(n.vswitch) });
  b.add(A.slbListener, "l", { loadBalancerId: ref(lb), protocol: "tcp", ...listener });
  extra(b, lb);
  return b.resources;
}

const existing = (b: StackBuilder, lb: GenericResource, serverId: unknown = "i-bp1existing") =>
  b.add(A.slbBackends, "backends", { loadBalancerId: ref(lb), backendServers: [{ serverId, weight: 100 }] });

/** An internet-facing AWS balancer of `type` forwarding listener `port` to target group `tg`; `extra` adds targets. */
function aws(
  type: "application" | "network",
  port: number,
  tg: Record<string, unknown>,
  extra: (b: StackBuilder, tg: GenericResource, v: ReturnType<typeof vpcWithSubnets>) => void = () => {},
) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const front =
    type === "application"
      ? [
          ref(
            b.add(T.sg, "lb", {
              vpcId: ref(v.vpc),
              ingress: [{ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }],
            }),
          ),
        ]
      : [];
  const lb = b.add(T.lb, "lb", { loadBalancerType: type, subnets: [ref(v.publicSubnet)], securityGroups: front });
  const group = b.add(T.tg, "tg", { vpcId: ref(v.vpc), ...tg });
  extra(b, group, v);
  const protocol = type === "application" ? "HTTPS" : "TCP";
  b.add(T.listener, "l", {
    loadBalancerArn: ref(lb),
    port,
    protocol,
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return b.resources;
}

/** A DNAT entry forwarding `external` to `internalIp`:`internal` on a NAT gateway of an Alicloud VPC. */
function dnat(externalPort: string, internalPort: string, internalIp: unknown, ipProtocol = "tcp") {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
  b.add(A.dnat, "forward", {
    forwardTableId: ref(nat),
    externalIp: "47.96.10.1",
    externalPort,
    internalIp,
    internalPort,
    ipProtocol,
  });
  return b.resources;
}

/** An internet-facing Alibaba Cloud ALB on 443 forwarding to a group holding `servers`. */
const alb = (servers: Record<string, unknown>[]) => aliAlbForwardingTo(servers).resources;

/** An internet-facing Alibaba Cloud NLB listening on `listenerPort`, its group holding one `attachment`. */
const nlb = (listenerPort: number, attachment: Record<string, unknown>) =>
  aliNlbForwardingTo(listenerPort, attachment).resources;

/** An AWS accelerator listening on 2222 whose group names `endpointId`, with `portOverrides`. */
function awsAccelerator(endpointId: unknown, portOverrides: Record<string, unknown>[]) {
  const b = new StackBuilder();
  const acc = b.add(AGA.accelerator, "ga", { ipAddressType: "IPV4", enabled: true });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: 2222, toPort: 2222 }],
  });
  b.add(AGA.group, "eg", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId }], portOverrides });
  return b.resources;
}

/** An Alibaba Cloud accelerator listening on 13306 whose group names an endpoint of `type`, 13306 → `port`. */
function aliAccelerator(type: string, endpoint: string, port: number) {
  const b = new StackBuilder();
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
  const listener = b.add(GA.listener, "l", {
    acceleratorId: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: 13306, toPort: 13306 }],
  });
  b.add(GA.group, "eg", {
    acceleratorId: ref(acc),
    listenerId: ref(listener),
    endpointGroupRegion: "cn-hangzhou",
    endpointConfigurations: [{ endpoint, type, weight: 20 }],
    portOverrides: { listenerPort: 13306, endpointPort: port },
  });
  return b.resources;
}

function classicElb(lbPort: number, instancePort: number, instances: unknown[]) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  b.add(CLASSIC_ELB, "elb", {
    subnets: [ref(v.publicSubnet)],
    instances,
    listeners: [{ lbPort, lbProtocol: "tcp", instancePort, instanceProtocol: "tcp" }],
  });
  return b.resources;
}

const rows: Row[] = [
  {
    name: "bad: CLB 2222 → an existing server's SSH",
    build: () => clb({ frontendPort: 2222, backendPort: 22 }, (b, lb) => existing(b, lb)),
    admin: 1,
    highRisk: 0,
    mentions: "listener:l:2222 → server i-bp1existing (outside the stack):22",
  },
  {
    name: "bad: CLB 2222 → 22 with backends attached elsewhere",
    build: () => clb({ frontendPort: 2222, backendPort: 22 }),
    admin: 1,
    highRisk: 0,
    mentions: "slb backends (none in the stack):22",
  },
  {
    name: "bad: CLB 13306 → a vServer group's existing server on 3306",
    build: () => {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      const lb = b.add(A.slb, "lb", { addressType: "internet", vswitchId: ref(n.vswitch) });
      const group = b.add(SLB_GROUP, "g", {
        loadBalancerId: ref(lb),
        servers: [{ serverIds: ["i-bp1existing"], port: 3306, weight: 100 }],
      });
      b.add(A.slbListener, "l", {
        loadBalancerId: ref(lb),
        protocol: "tcp",
        frontendPort: 13306,
        backendPort: 3306,
        serverGroupId: ref(group),
      });
      return b.resources;
    },
    admin: 0,
    highRisk: 1,
    mentions: "server i-bp1existing (outside the stack):3306",
  },
  {
    name: "bad: CLB 2222 → 22 through a vServer group a scaling group fills",
    build: () => {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      const lb = b.add(A.slb, "lb", { addressType: "internet", vswitchId: ref(n.vswitch) });
      const group = b.add(SLB_GROUP, "g", { loadBalancerId: ref(lb) });
      b.add(A.slbListener, "l", {
        loadBalancerId: ref(lb),
        protocol: "tcp",
        frontendPort: 2222,
        backendPort: 22,
        serverGroupId: ref(group),
      });
      return b.resources;
    },
    admin: 1,
    highRisk: 0,
    mentions: "server-group:g (no server in the stack):22",
  },
  {
    name: "bad: CLB 16379 → a server group outside the stack on 6379",
    build: () => clb({ frontendPort: 16379, backendPort: 6379, serverGroupId: "rsp-bp1existing" }),
    admin: 0,
    highRisk: 1,
    mentions: "server-group rsp-bp1existing (outside the stack):6379",
  },
  {
    name: "bad: CLB backend id unknown at preview with no server of the stack behind it",
    build: () => clb({ frontendPort: 2222, backendPort: 22 }, (b, lb) => existing(b, lb, UNKNOWN)),
    admin: 1,
    highRisk: 0,
    mentions: "server (id unknown at preview) (outside the stack):22",
  },
  {
    name: "bad: NLB 443 → IP target group on 22 naming a literal address",
    build: () =>
      aws("network", 443, { port: 22, protocol: "TCP", targetType: "ip" }, (b, tg) =>
        b.add(T.tga, "a", { targetGroupArn: ref(tg), targetId: "10.0.1.5" }),
      ),
    admin: 1,
    highRisk: 0,
    mentions: "listener:l:443 → target 10.0.1.5 (outside the stack):22",
  },
  {
    name: "bad: NLB TCP 22 pass-through to a stack host and an existing instance",
    build: () =>
      aws("network", 22, { port: 22, protocol: "TCP" }, (b, tg, v) => {
        const sg = b.add(T.sg, "web", {
          vpcId: ref(v.vpc),
          ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }],
        });
        const web = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
        b.add(T.tga, "web", { targetGroupArn: ref(tg), targetId: ref(web) });
        b.add(T.tga, "old", { targetGroupArn: ref(tg), targetId: "i-0123456789abcdef0" });
      }),
    admin: 1,
    highRisk: 0,
    mentions: "target i-0123456789abcdef0 (outside the stack):22",
  },
  {
    name: "bad: ALB 443 → a target group on 5432 that a service fills",
    build: () => aws("application", 443, { port: 5432, protocol: "HTTP" }),
    admin: 0,
    highRisk: 1,
    mentions: "tg:tg (no target in the stack):5432",
  },
  {
    name: "bad: classic ELB 2222 → an existing instance's SSH",
    build: () => classicElb(2222, 22, ["i-0123456789abcdef0"]),
    admin: 1,
    highRisk: 0,
    mentions: "instance i-0123456789abcdef0 (outside the stack):22",
  },
  {
    name: "bad: Alibaba Cloud ALB 443 → an existing server's 3306",
    build: () => alb([{ serverId: "i-bp1existing", serverType: "Ecs", port: 3306 }]),
    admin: 0,
    highRisk: 1,
    mentions: "listener:https:443 → server i-bp1existing (outside the stack):3306",
  },
  {
    name: "bad: Alibaba Cloud NLB 443 → an IP backend's SSH",
    build: () => nlb(443, { serverId: "172.16.0.99", serverType: "Ip", port: 22 }),
    admin: 1,
    highRisk: 0,
    mentions: "listener:l:443 → server 172.16.0.99 (outside the stack):22",
  },
  {
    name: "good: Alibaba Cloud ALB 443 → a Function Compute backend",
    build: () => alb([{ serverId: "fc-function", serverType: "Fc", port: 22 }]),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: Alibaba Cloud NLB 443 → an existing server's 8443",
    build: () => nlb(443, { serverId: "i-bp1existing", serverType: "Ecs", port: 8443 }),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "bad: DNAT 2222 → an address no server of the stack holds, port 22",
    build: () => dnat("2222", "22", "172.16.0.99"),
    admin: 1,
    highRisk: 0,
    mentions: "47.96.10.1:2222 → nat:nat dnat:forward → address 172.16.0.99 (outside the stack):22",
  },
  {
    name: "bad: DNAT of every port and protocol to an address outside the stack",
    build: () => dnat("any", "any", "172.16.0.99", "any"),
    admin: 5,
    highRisk: 1,
  },
  {
    name: "bad: AWS accelerator 2222 → an existing instance's SSH by port override",
    build: () => awsAccelerator("i-0123456789abcdef0", [{ listenerPort: 2222, endpointPort: 22 }]),
    admin: 1,
    highRisk: 0,
    mentions:
      "listener:l:2222 → endpoint-group:eg (port override 2222 → 22) → endpoint i-0123456789abcdef0 (outside the stack):22",
  },
  {
    name: "bad: Alibaba Cloud accelerator 13306 → an IP endpoint's 3306 by port override",
    build: () => aliAccelerator("Ip", "47.96.10.20", 3306),
    admin: 0,
    highRisk: 1,
    mentions: "endpoint (IP) 47.96.10.20 (outside the stack):3306",
  },
  {
    name: "good: AWS accelerator 2222 → an existing instance without an override",
    build: () => awsAccelerator("i-0123456789abcdef0", []),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: Alibaba Cloud accelerator 13306 → a domain endpoint's 443",
    build: () => aliAccelerator("Domain", "origin.example.com", 443),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: ALB 443 → a target group on 8080 that a service fills",
    build: () => aws("application", 443, { port: 8080, protocol: "HTTP" }),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: ALB 443 → a Lambda target group",
    build: () => aws("application", 443, { targetType: "lambda" }),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: CLB 443 → an existing server's 443",
    build: () => clb({ frontendPort: 443, backendPort: 443 }, (b, lb) => existing(b, lb)),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: an intranet CLB 2222 → an existing server's SSH",
    build: () => clb({ frontendPort: 2222, backendPort: 22 }, (b, lb) => existing(b, lb), "intranet"),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: DNAT 8443 → 443 on an address outside the stack",
    build: () => dnat("8443", "443", "172.16.0.99"),
    admin: 0,
    highRisk: 0,
  },
  {
    name: "good: DNAT 2222 → 22 on a stack server whose group admits no internet source",
    build: () => {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      rule(b, n.sg, "vpc-ssh", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
      b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], privateIp: "172.16.0.10" });
      const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
      b.add(A.dnat, "forward", {
        forwardTableId: ref(nat),
        externalIp: "47.96.10.1",
        externalPort: "2222",
        internalIp: "172.16.0.10",
        internalPort: "22",
        ipProtocol: "tcp",
      });
      return b.resources;
    },
    admin: 0,
    highRisk: 0,
  },
];

describe("forwards to backends outside the plan", () => {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
    const resources = row.build();
    const admin = await runStackPolicy(disallowInternetAdminPortsExceptBastions, resources);
    const highRisk = await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, resources);
    expect({ admin: admin.length, highRisk: highRisk.length }).toEqual({ admin: row.admin, highRisk: row.highRisk });
    for (const f of [...admin, ...highRisk]) {
      expect(f.advisory).toBe(false);
      if (row.mentions) expect(f.message).toContain(row.mentions);
    }
  });
});
