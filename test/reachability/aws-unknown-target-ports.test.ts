// AWS balancers forwarding to hosts of the stack on a port unknown at preview: a target group's or attachment's
// `port`, a classic ELB's `instancePort`. The port may be SSH behind a listener on 443, so it stands for every port
// of the host, unverified: the admin and database rules note what the host's groups admit (mandatory with
// failClosed), never the listener's port alone. A target type unknown at preview may be `instance` or `ip`: the
// group's port counts, unverified, for backends outside the stack too.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, type GenericResource } from "../../lib/reachability";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { probesWith } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";
const ASG_ATTACHMENT = "aws:autoscaling/attachment:Attachment";
const UNKNOWN_PORT = "(port unknown at preview)";
const UNKNOWN_TYPE = "(target type unknown at preview)";

const probes = probesWith({ onlyUnverifiedNotes: true });

interface Behind {
  /** The target group's inputs besides its VPC. */
  tg?: Record<string, unknown>;
  /** The attachment's port (absent: the group's); `false`: no attachment (the group has no target in the stack). */
  attachmentPort?: unknown;
  /** Ingress rules of the host's group; `lb` is the balancer's group, for references. */
  ingress: (lb: GenericResource, v: Vpc) => unknown[];
  /** An auto-scaling group joins the target group instead of an instance. */
  scaling?: "targetGroupArns" | "attachment";
}

/**
 * How the balancer speaks: an ALB carries only HTTP (SSH, RDP and VNC behind it are not admin findings), an NLB TCP
 * listener carries any TCP, so every admin port behind it is judged. The NLB's group hands the balancer's own address
 * to the host (`preserveClientIp` off), as the ALB's does, so the host's rules admit the same traffic.
 */
const BALANCERS = {
  application: { lb: { loadBalancerType: "application" }, listener: "HTTPS", tg: { protocol: "HTTPS" } },
  network: { lb: { loadBalancerType: "network" }, listener: "TCP", tg: { protocol: "TCP", preserveClientIp: "false" } },
};

/** An internet-facing ALB on 443 (open to anyone) forwarding to a target group that reaches one private host. */
const albTo = (opts: Behind) => balancerTo("application", opts);

/** The same behind an NLB TCP listener on 443, which carries SSH, RDP and VNC too. */
const nlbTo = (opts: Behind) => balancerTo("network", opts);

function balancerTo(kind: keyof typeof BALANCERS, opts: Behind): StackBuilder {
  const speaks = BALANCERS[kind];
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const front = b.add(T.sg, "lb", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
  const lb = b.add(T.lb, "lb", {
    ...speaks.lb,
    internal: false,
    subnets: [ref(v.publicSubnet)],
    securityGroups: [ref(front)],
  });
  const group = b.add(T.tg, "tg", { vpcId: ref(v.vpc), port: 443, ...speaks.tg, ...opts.tg });
  const hostSg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: opts.ingress(front, v) });
  if (opts.scaling) {
    const lt = b.add(T.lt, "app", { vpcSecurityGroupIds: [ref(hostSg)] });
    const inGroup = opts.scaling === "targetGroupArns" ? { targetGroupArns: [ref(group)] } : {};
    const asg = b.add(T.asg, "app", {
      vpcZoneIdentifiers: [ref(v.privateSubnet)],
      launchTemplate: { id: ref(lt) },
      ...inGroup,
    });
    if (opts.scaling === "attachment")
      b.add(ASG_ATTACHMENT, "app", { autoscalingGroupName: ref(asg), lbTargetGroupArn: ref(group) });
  } else if (opts.attachmentPort !== false) {
    const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(hostSg)] });
    const port = opts.attachmentPort === undefined ? {} : { port: opts.attachmentPort };
    b.add(T.tga, "app", { targetGroupArn: ref(group), targetId: ref(host), ...port });
  }
  b.add(T.listener, "https", {
    loadBalancerArn: ref(lb),
    port: 443,
    protocol: speaks.listener,
    defaultActions: [{ type: "forward", targetGroupArn: ref(group) }],
  });
  return b;
}

/** The host admits these ports from the balancer's group. */
const fromLb =
  (...ports: number[]) =>
  (lb: GenericResource) =>
    ports.map((p) => tcp(p, { securityGroups: [ref(lb)] }));

/** A classic ELB on 443 forwarding to one private instance of the stack on `instancePort`. */
function classicTo(instancePort: unknown, ingress: unknown[]): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress });
  const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  b.add(CLASSIC_ELB, "elb", {
    subnets: [ref(v.publicSubnet)],
    instances: [ref(host)],
    listeners: [{ lbPort: 443, lbProtocol: "tcp", instancePort, instanceProtocol: "tcp" }],
  });
  return b;
}

const fromVpc = (...ports: number[]) => ports.map((p) => tcp(p, { cidrBlocks: ["10.0.0.0/16"] }));

describe("AWS in-stack targets on a port unknown at preview: the admin rule", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: the target group forwards to 22, which the host admits from the balancer",
      build: () => nlbTo({ tg: { port: 22 }, ingress: fromLb(22) }),
      violations: 1,
      mentions: "app: tcp/22 is reachable",
    },
    {
      name: "good: the target group forwards to 443; the host also admits 22 from the balancer",
      build: () => nlbTo({ tg: { port: 443 }, ingress: fromLb(22, 443) }),
      violations: 0,
    },
    {
      name: "unknown: the group's port unknown, the host admits SSH only (was silent: the listener's 443 was read)",
      build: () => nlbTo({ tg: { port: UNKNOWN }, ingress: fromLb(22) }),
      violations: 0,
      notes: 1,
      label: `tg:tg ${UNKNOWN_PORT}`,
    },
    {
      name: "unknown: the attachment's port unknown overrides the group's 443",
      build: () => nlbTo({ attachmentPort: UNKNOWN, ingress: fromLb(22) }),
      violations: 0,
      notes: 1,
      label: UNKNOWN_PORT,
    },
    {
      name: "good: a known attachment port (8080) overrides the group's unknown one",
      build: () => nlbTo({ tg: { port: UNKNOWN }, attachmentPort: 8080, ingress: fromLb(22, 8080) }),
      violations: 0,
    },
    {
      name: "good: the group's port unknown, but the host admits only 8080 from the balancer",
      build: () => nlbTo({ tg: { port: UNKNOWN }, ingress: fromLb(8080) }),
      violations: 0,
    },
    {
      name: "unknown: the group's port unknown, the host admits every port (-1) from the balancer: every admin port",
      build: () =>
        nlbTo({
          tg: { port: UNKNOWN },
          ingress: (lb) => [{ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: [ref(lb)] }],
        }),
      violations: 0,
      notes: 5,
      label: UNKNOWN_PORT,
    },
    {
      name: "unknown: the group's port unknown, a separate rule resource admits 3389 from the VPC block",
      build: () => {
        const b = nlbTo({ tg: { port: UNKNOWN }, ingress: () => [] });
        const sg = b.resources.find((r) => r.name === "app" && r.type === T.sg)!;
        b.add(T.sgRule, "rdp", {
          type: "ingress",
          securityGroupId: ref(sg),
          protocol: "tcp",
          fromPort: 3389,
          toPort: 3389,
          cidrBlocks: ["10.0.0.0/16"],
        });
        return b;
      },
      violations: 0,
      notes: 1,
      says: "tcp/3389",
    },
    {
      name: "unknown: an auto-scaling group in targetGroupArns, the group's port unknown",
      build: () => nlbTo({ tg: { port: UNKNOWN }, ingress: fromLb(22), scaling: "targetGroupArns" }),
      violations: 0,
      notes: 1,
      label: UNKNOWN_PORT,
    },
    {
      name: "unknown: an auto-scaling attachment, the group's port unknown",
      build: () => nlbTo({ tg: { port: UNKNOWN }, ingress: fromLb(22), scaling: "attachment" }),
      violations: 0,
      notes: 1,
      label: UNKNOWN_PORT,
    },
    {
      name: "bad: classic ELB 443 → instance port 22, admitted from the VPC block",
      build: () => classicTo(22, fromVpc(22)),
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "good: classic ELB 443 → instance port 80; the host also admits 22 from the VPC block",
      build: () => classicTo(80, fromVpc(22, 80)),
      violations: 0,
    },
    {
      name: "unknown: classic ELB 443 → instance port unknown (was read as 443), the host admits SSH",
      build: () => classicTo(UNKNOWN, fromVpc(22)),
      violations: 0,
      notes: 1,
      label: `elb:elb ${UNKNOWN_PORT}`,
    },
  ]);
});

describe("AWS in-stack targets on a port unknown at preview: the database rule", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "unknown: the group's port unknown, the host admits MySQL from the balancer",
      build: () => albTo({ tg: { port: UNKNOWN }, ingress: fromLb(3306) }),
      violations: 0,
      notes: 1,
      label: UNKNOWN_PORT,
    },
    {
      name: "bad: the group forwards to 3306",
      build: () => albTo({ tg: { port: 3306 }, ingress: fromLb(3306) }),
      violations: 1,
    },
    {
      name: "good: the group's port unknown, the host admits only 8080",
      build: () => albTo({ tg: { port: UNKNOWN }, ingress: fromLb(8080) }),
      violations: 0,
    },
    {
      name: "unknown: classic ELB instance port unknown, the host admits Redis from the VPC block",
      build: () => classicTo(UNKNOWN, fromVpc(6379)),
      violations: 0,
      notes: 1,
      label: UNKNOWN_PORT,
    },
  ]);
});

describe("AWS target groups whose target type is unknown at preview", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "unknown: a group on 22 with no target in the stack, its type unknown (was silent: read as no host)",
      build: () => nlbTo({ tg: { port: 22, targetType: UNKNOWN }, attachmentPort: false, ingress: () => [] }),
      violations: 0,
      notes: 1,
      label: `tg:tg (no target in the stack) ${UNKNOWN_TYPE}`,
    },
    {
      // Only an ALB forwards to Lambda; on 5985 (WinRM, HTTP) it would publish a host of an instance group.
      name: "good: the same group as a Lambda target group (an ALB's, on 5985)",
      build: () => albTo({ tg: { port: 5985, targetType: "lambda" }, attachmentPort: false, ingress: () => [] }),
      violations: 0,
    },
    {
      name: "bad: the same group as an instance group (the provider's default) is judged",
      build: () => nlbTo({ tg: { port: 22 }, attachmentPort: false, ingress: () => [] }),
      violations: 1,
      mentions: "tg:tg (no target in the stack)",
    },
    {
      name: "good: type unknown, its port 443 (the listener's own row names it)",
      build: () => nlbTo({ tg: { port: 443, targetType: UNKNOWN }, attachmentPort: false, ingress: () => [] }),
      violations: 0,
    },
    {
      name: "unknown: type and port both unknown: every port, unverified",
      build: () => nlbTo({ tg: { port: UNKNOWN, targetType: UNKNOWN }, attachmentPort: false, ingress: () => [] }),
      violations: 0,
      notes: 5,
      label: `${UNKNOWN_TYPE} ${UNKNOWN_PORT}`,
    },
    {
      name: "bad: type unknown, an instance of the stack attached on 22: the attachment names a host",
      build: () => nlbTo({ tg: { port: 22, targetType: UNKNOWN }, ingress: fromLb(22) }),
      violations: 1,
      mentions: "app: tcp/22 is reachable",
    },
  ]);
});
