// A balancer forwarding to a backend the plan does not declare, on a port unknown at preview: the port may be SSH or
// a database's, and the backend's own firewall is out of sight, so the forward stands for every port of it,
// unverified. The admin and database rules report it as a note (mandatory with failClosed), never a silent pass; a
// known port is judged as it is. Both clouds: Alibaba Cloud CLB, ALB and NLB; AWS target groups and classic ELBs.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, type GenericResource } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { aliAlbForwardingTo, aliNlbForwardingTo, CLASSIC_ELB, SLB_GROUP } from "./outside-backend-balancers";
import { Probe, probesWith } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";

const SLB_GROUP_SERVER = "alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment";
const EXISTING_ECS = "i-bp1existing";
const EXISTING_EC2 = "i-0123456789abcdef0";
const UNKNOWN_PORT = "(port unknown at preview)";

const probes = probesWith({ onlyUnverifiedNotes: true });

/** A CLB (internet-facing unless `addressType` says) with one TCP listener; `extra` adds its backends. */
function clb(
  listener: Record<string, unknown>,
  extra: (b: StackBuilder, lb: GenericResource) => Record<string, unknown> = () => ({}),
  addressType = "internet",
): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const lb = b.add(A.slb, "lb", { addressType, vswitchId: ref(n.vswitch) });
  const more = extra(b, lb);
  b.add(A.slbListener, "l", { loadBalancerId: ref(lb), protocol: "tcp", ...listener, ...more });
  return b;
}

/** Default backends: an existing server by id. */
const existingDefault = (b: StackBuilder, lb: GenericResource) => {
  b.add(A.slbBackends, "backends", {
    loadBalancerId: ref(lb),
    backendServers: [{ serverId: EXISTING_ECS, weight: 100 }],
  });
  return {};
};

/** A vServer group holding an existing server on `port`. */
const existingInGroup = (port: unknown) => (b: StackBuilder, lb: GenericResource) => ({
  serverGroupId: ref(
    b.add(SLB_GROUP, "g", { loadBalancerId: ref(lb), servers: [{ serverIds: [EXISTING_ECS], port }] }),
  ),
});

/** A vServer group an attachment adds an existing server to, on `port`. */
const attachedToGroup = (port: unknown) => (b: StackBuilder, lb: GenericResource) => {
  const group = b.add(SLB_GROUP, "g", { loadBalancerId: ref(lb) });
  b.add(SLB_GROUP_SERVER, "a", { serverGroupId: ref(group), serverId: EXISTING_ECS, port, weight: 100 });
  return { serverGroupId: ref(group) };
};

/** An Alibaba Cloud ALB on 443 forwarding to a group of one server of `serverType` on `port`. */
const alb = (port: unknown, serverType = "Ecs"): StackBuilder =>
  aliAlbForwardingTo([{ serverId: serverType === "Fc" ? "fc-function" : EXISTING_ECS, serverType, port }]);

/** An Alibaba Cloud NLB on 443 whose group holds an existing server on `port`. */
const nlb = (port: unknown, group: Record<string, unknown> = {}): StackBuilder =>
  aliNlbForwardingTo(443, { serverId: EXISTING_ECS, serverType: "Ecs", port }, group);

/** An internet-facing AWS balancer of `type` on 443 forwarding to target group `tg`; `extra` adds attachments. */
function aws(
  type: "application" | "network",
  tg: Record<string, unknown>,
  extra: (b: StackBuilder, tg: GenericResource) => void = () => {},
  internal = false,
): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }];
  const front = type === "application" ? [ref(b.add(T.sg, "lb", { vpcId: ref(v.vpc), ingress }))] : [];
  const lb = b.add(T.lb, "lb", {
    loadBalancerType: type,
    internal,
    subnets: [ref(v.publicSubnet)],
    securityGroups: front,
  });
  const group = b.add(T.tg, "tg", { vpcId: ref(v.vpc), ...tg });
  extra(b, group);
  b.add(T.listener, "l", {
    loadBalancerArn: ref(lb),
    port: 443,
    protocol: type === "application" ? "HTTPS" : "TLS",
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return b;
}

/** An attachment of an address or instance outside the stack, on `port` (absent: the group's). */
const outsideTarget =
  (targetId: string, port?: unknown) =>
  (b: StackBuilder, tg: GenericResource): void => {
    b.add(T.tga, "a", { targetGroupArn: ref(tg), targetId, ...(port === undefined ? {} : { port }) });
  };

function classicElb(instancePort: unknown): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  b.add(CLASSIC_ELB, "elb", {
    subnets: [ref(v.publicSubnet)],
    instances: [EXISTING_EC2],
    listeners: [{ lbPort: 443, lbProtocol: "tcp", instancePort, instanceProtocol: "tcp" }],
  });
  return b;
}

/** Rows both rules read alike: an unknown port is a note under each, a harmless known port nothing, a risky one a violation. */
const shared = (rule: "admin" | "database"): Probe[] => {
  // Every port stands open: the admin rule notes each admin port (22, 3389, 5900, 5985, 5986), the database rule its
  // ports in one finding.
  const notes = rule === "admin" ? 5 : 1;
  // An ALB carries only HTTP: of the admin ports, only WinRM's (5985, 5986) are reached through it.
  const httpOnlyNotes = rule === "admin" ? 2 : 1;
  return [
    {
      name: "unknown: CLB 443 → an existing default backend, backendPort unknown",
      build: () => clb({ frontendPort: 443, backendPort: UNKNOWN }, existingDefault),
      violations: 0,
      notes,
      label: `server ${EXISTING_ECS} (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "unknown: CLB 443 → a vServer group's existing server on an unknown port",
      build: () => clb({ frontendPort: 443, backendPort: 443 }, existingInGroup(UNKNOWN)),
      violations: 0,
      notes,
      label: UNKNOWN_PORT,
    },
    {
      name: "unknown: CLB 443 → an existing server a group attachment adds on an unknown port",
      build: () => clb({ frontendPort: 443, backendPort: 443 }, attachedToGroup(UNKNOWN)),
      violations: 0,
      notes,
      label: UNKNOWN_PORT,
    },
    {
      name: "unknown: CLB 443 → a server group outside the stack, backendPort unknown",
      build: () => clb({ frontendPort: 443, backendPort: UNKNOWN, serverGroupId: "rsp-bp1existing" }),
      violations: 0,
      notes,
      label: `server-group rsp-bp1existing (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "unknown: CLB 443 → backends attached elsewhere, backendPort unknown",
      build: () => clb({ frontendPort: 443, backendPort: UNKNOWN }),
      violations: 0,
      notes,
      label: `slb backends (none in the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "good: intranet CLB → an existing default backend, backendPort unknown",
      build: () => clb({ frontendPort: 443, backendPort: UNKNOWN }, existingDefault, "intranet"),
      violations: 0,
    },
    {
      name: "good: CLB 443 → an existing default backend on 443",
      build: () => clb({ frontendPort: 443, backendPort: 443 }, existingDefault),
      violations: 0,
    },
    {
      name: "good: CLB 443 → a vServer group's existing server on 8443",
      build: () => clb({ frontendPort: 443, backendPort: 443 }, existingInGroup(8443)),
      violations: 0,
    },
    {
      name: "unknown: Alibaba Cloud ALB 443 → an existing server on an unknown port (WinRM for the admin rule)",
      build: () => alb(UNKNOWN),
      violations: 0,
      notes: httpOnlyNotes,
      label: `server ${EXISTING_ECS} (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "good: Alibaba Cloud ALB 443 → a Function Compute backend, port unknown",
      build: () => alb(UNKNOWN, "Fc"),
      violations: 0,
    },
    {
      name: "unknown: Alibaba Cloud NLB 443 → an existing server on an unknown port",
      build: () => nlb(UNKNOWN),
      violations: 0,
      notes,
      label: UNKNOWN_PORT,
    },
    {
      name: "good: Alibaba Cloud NLB 443 → an all-port group (forwards on 443)",
      build: () => nlb(UNKNOWN, { anyPortEnabled: true }),
      violations: 0,
    },
    {
      name: "unknown: AWS NLB → an IP target outside the stack, attachment port unknown",
      build: () => aws("network", { port: 443, protocol: "TLS", targetType: "ip" }, outsideTarget("10.0.1.5", UNKNOWN)),
      violations: 0,
      notes,
      label: `target 10.0.1.5 (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "unknown: AWS NLB → an existing instance, the group's port unknown",
      build: () => aws("network", { port: UNKNOWN, protocol: "TLS" }, outsideTarget(EXISTING_EC2)),
      violations: 0,
      notes,
      label: `target ${EXISTING_EC2} (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "unknown: AWS NLB → a target group a service fills, its port unknown",
      build: () => aws("network", { port: UNKNOWN, protocol: "TLS" }),
      violations: 0,
      notes,
      label: `tg:tg (no target in the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: "good: internal AWS ALB → an existing instance, port unknown",
      build: () => aws("application", { port: UNKNOWN, protocol: "HTTP" }, outsideTarget(EXISTING_EC2), true),
      violations: 0,
    },
    {
      name: "good: AWS ALB → a Lambda target group (no port)",
      build: () => aws("application", { targetType: "lambda" }),
      violations: 0,
    },
    {
      name: "good: AWS ALB → an existing instance on 8080 (the attachment's port overrides the group's unknown one)",
      build: () => aws("application", { port: UNKNOWN, protocol: "HTTP" }, outsideTarget(EXISTING_EC2, 8080)),
      violations: 0,
    },
    {
      name: "unknown: AWS classic ELB 443 → an existing instance, instancePort unknown",
      build: () => classicElb(UNKNOWN),
      violations: 0,
      notes,
      label: `instance ${EXISTING_EC2} (outside the stack) ${UNKNOWN_PORT}`,
    },
    {
      name: `bad: a known forwarded port is judged as it is (${rule === "admin" ? "22" : "3306"})`,
      build: () => clb({ frontendPort: 443, backendPort: rule === "admin" ? 22 : 3306 }, existingDefault),
      violations: 1,
    },
    {
      name: `bad: AWS NLB → an IP target outside the stack on ${rule === "admin" ? "22" : "5432"}`,
      build: () =>
        aws(
          "network",
          { port: 443, protocol: "TLS", targetType: "ip" },
          outsideTarget("10.0.1.5", rule === "admin" ? 22 : 5432),
        ),
      violations: 1,
    },
  ];
};

describe("disallow-internet-admin-ports-except-bastions: outside backends on an unknown port", () => {
  probes(disallowInternetAdminPortsExceptBastions, shared("admin"));
});

describe("disallow-internet-database-and-high-risk-ports: outside backends on an unknown port", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, shared("database"));
});

/** A CLB 443 whose default backend is a stack server whose group admits `ports` from the VPC; backendPort `back`. */
function clbToStackServer(ports: string, back: unknown): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: ports, cidrIp: "172.16.0.0/16" });
  const web = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const lb = b.add(A.slb, "lb", { addressType: "internet", vswitchId: ref(n.vswitch) });
  b.add(A.slbBackends, "backends", { loadBalancerId: ref(lb), backendServers: [{ serverId: ref(web), weight: 100 }] });
  b.add(A.slbListener, "l", { loadBalancerId: ref(lb), protocol: "tcp", frontendPort: 443, backendPort: back });
  return b;
}

describe("a stack server behind the CLB's default backends, backendPort unknown: any port, as a group entry's", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: the server's group admits every port from the VPC: every admin port (no rule need admit the balancer)",
      build: () => clbToStackServer("1/65535", UNKNOWN),
      violations: 5,
      mentions: "slb backends (port unknown at preview)",
    },
    { name: "good: the same with backendPort 443", build: () => clbToStackServer("1/65535", 443), violations: 0 },
  ]);
});
