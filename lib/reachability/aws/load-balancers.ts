// AWS load balancers: ALB/NLB (scheme, security groups, listeners and rules → target groups → targets) and
// classic ELBs (listeners with instance ports). A listener forwarding to port 22 exposes 22 on the targets, to the
// clients its default action and rules serve (listener-rule-sources.ts, listener-routes.ts).
import { ListedSource, Listener, NetworkModel, OutsideBackend, Target, nodeOf } from "../model";
import { listenerProtocol } from "../listener-protocols";
import { outsideLabel, outsideOn } from "../outside-backends";
import { normalizeProtocol } from "../protocol";
import { GenericResource, bool, isUnknown, list, num, prop, str, unwrap } from "../resource";
import { AWS, AWS_INSTANCES, AWS_SECURITY_GROUPS } from "./tokens";
import { fleetRegistrations } from "./fleet-registrations";
import { groupOutsideOn, targetOnPort, targetTypeOf } from "./target-ports";
import { pushTo } from "../multimap";
import { defaultActionSources, ruleHop, ruleSources } from "./listener-rule-sources";
import { ListenerRoute, listenerWithRoutes } from "./listener-routes";
import { appendAll } from "../../arrays";
import { balancerGroups } from "../literal-groups";

const TARGET_HOSTS = [...AWS_INSTANCES, AWS.networkInterface];

export function addAwsLoadBalancers(m: NetworkModel): void {
  const res = m.resolver;
  const { members: targetsOf, outside } = targetGroupMembers(m);

  for (const r of res.ofType(...AWS.lb)) {
    const type = str(r.inputs.loadBalancerType) ?? "application";
    const mappings = list(r.inputs.subnetMappings).map((sm) => prop(sm, "subnetId"));
    const subnets = [
      ...res.many(r, "subnets", list(r.inputs.subnets), [AWS.subnet]).urns,
      ...res.many(r, "subnetMappings", mappings, [AWS.subnet]).urns,
    ];
    m.loadBalancers.set(r.urn, {
      ...nodeOf(r),
      cloud: "aws",
      internetFacing: bool(r.inputs.internal) !== true,
      ipv6: (str(r.inputs.ipAddressType) ?? "").startsWith("dualstack"),
      wafCapable: type === "application",
      subnets,
      securityGroups: balancerGroups(
        res.many(r, "securityGroups", list(r.inputs.securityGroups), AWS_SECURITY_GROUPS).urns,
      ),
      listeners: [],
    });
  }
  const rulesOf = new Map<string, GenericResource[]>();
  for (const r of res.ofType(...AWS.listenerRule))
    pushTo(rulesOf, res.one(r, "listenerArn", r.inputs.listenerArn, AWS.listener) ?? "", r);
  for (const r of res.ofType(...AWS.listener)) {
    const lb = m.loadBalancers.get(res.one(r, "loadBalancerArn", r.inputs.loadBalancerArn, AWS.lb) ?? "");
    if (!lb) continue;
    const port = num(r.inputs.port);
    const listener: Listener = {
      ...nodeOf(r),
      protocol: listenerProtocol(r.inputs.protocol),
      ports: port === undefined ? { from: 0, to: 65535 } : { from: port, to: port },
      targets: [],
      outside: [],
      ...(PASS_THROUGH.has(str(r.inputs.protocol)?.toUpperCase() ?? "") ? { passThrough: true as const } : {}),
      ...(isApplicationBalancer(res.get(lb.urn)) ? { httpOnly: true as const } : {}),
    };
    const route = (from: GenericResource, propName: string, sources?: ListedSource[], hop?: string) => {
      const actions = from.inputs[propName];
      const outsideOf = forwardGroups(m, from, propName, actions).flatMap((tg) => outside(tg));
      return { sources, hop, targets: forwardTargets(m, from, propName, actions, targetsOf), outside: outsideOf };
    };
    const routes: ListenerRoute[] = [route(r, "defaultActions", defaultActionSources(r))];
    for (const rule of rulesOf.get(r.urn) ?? []) {
      const sources = ruleSources(rule);
      routes.push(route(rule, "actions", sources, sources ? ruleHop(rule, sources) : undefined));
    }
    appendAll(lb.listeners, listenerWithRoutes(listener, routes));
  }
  addClassic(m);
}

/**
 * An application load balancer speaks only HTTP, whatever its listener's protocol says. `application` is the default
 * type; a type unknown at preview may be a network or gateway balancer, which carries any TCP or UDP.
 */
function isApplicationBalancer(r: GenericResource | undefined): boolean {
  const type = unwrap(r?.inputs.loadBalancerType);
  if (type === undefined || type === null) return r !== undefined;
  return str(type)?.toLowerCase() === "application";
}

/**
 * NLB listener protocols that hand connections to the targets: TLS terminates on the balancer, QUIC (RFC 9000)
 * passes through to targets that speak it.
 */
const PASS_THROUGH = new Set(["TCP", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]);

/**
 * Target group URN → its members, from attachments and auto-scaling groups; and the backends outside the plan each
 * group reaches on its port: attachments naming no host of the stack, or no member in the stack at all.
 */
function targetGroupMembers(m: NetworkModel): {
  members: Map<string, Target[]>;
  outside: (tg: string) => OutsideBackend[];
} {
  const res = m.resolver;
  const members = new Map<string, Target[]>();
  const strangers = new Map<string, OutsideBackend[]>();
  // The attachment's port overrides the group's; either, unknown at preview, may be any port of the host.
  const add = (tg: string | undefined, host: string, attachmentPort?: unknown) => {
    const tgRes = tg ? res.get(tg) : undefined;
    if (!tg || !tgRes) return;
    const port = attachmentPort !== undefined ? attachmentPort : tgRes.inputs.port;
    const kept = keepsClientAddress(tgRes) ? { clientAddressKept: true as const } : {};
    pushTo(members, tg, { ...targetOnPort(host, port, [`tg:${tgRes.name}`]), ...kept });
  };
  for (const r of res.ofType(...AWS.targetGroupAttachment)) {
    const host = res.one(r, "targetId", r.inputs.targetId, TARGET_HOSTS);
    const tg = res.one(r, "targetGroupArn", r.inputs.targetGroupArn, AWS.targetGroup);
    if (host) add(tg, host, r.inputs.port);
    else if (tg && res.many(r, "targetId", [r.inputs.targetId], TARGET_HOSTS).urns.length === 0) {
      const label = outsideLabel("target", r.inputs.targetId);
      const group = res.get(tg)!;
      const backends = r.inputs.port !== undefined ? outsideOn(label, r.inputs.port) : groupOutsideOn(label, group);
      pushTo(strangers, tg, ...backends);
    }
  }
  for (const r of res.ofType(AWS.autoscalingGroup)) {
    for (const tg of res.many(r, "targetGroupArns", list(r.inputs.targetGroupArns), AWS.targetGroup).urns)
      add(tg, r.urn);
  }
  for (const r of res.ofType(AWS.autoscalingAttachment)) {
    const asg = res.one(r, "autoscalingGroupName", r.inputs.autoscalingGroupName, [AWS.autoscalingGroup]);
    const tg = res.one(r, "lbTargetGroupArn", r.inputs.lbTargetGroupArn, AWS.targetGroup);
    if (asg) add(tg, asg);
  }
  for (const [tg, fleets] of fleetRegistrations(m).targetGroups) for (const fleet of fleets) add(tg, fleet);
  const outside = (tg: string): OutsideBackend[] => {
    const known = strangers.get(tg);
    if (known || members.has(tg)) return known ?? [];
    // Registered by a service (ECS, EKS) or another stack: whatever answers on the group's port is published.
    const group = res.get(tg)!;
    return groupOutsideOn(`tg:${group.name} (no target in the stack)`, group);
  };
  return { members, outside };
}

const LAYER4_PROTOCOLS = new Set(["TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]);
const ALWAYS_PRESERVED = new Set(["UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]);

/**
 * Does an NLB target group hand IPv4 clients' addresses to its targets? Always over UDP and QUIC; over TCP and TLS
 * as `preserveClientIp` says, by default for instance targets only. HTTP(S) groups (ALB), other target types and
 * unknown values: the balancer's own address may arrive.
 */
function keepsClientAddress(tg: GenericResource): boolean {
  const protocol = str(tg.inputs.protocol)?.toUpperCase();
  const targetType = targetTypeOf(tg);
  if (!protocol || !LAYER4_PROTOCOLS.has(protocol) || (targetType !== "instance" && targetType !== "ip")) return false;
  if (ALWAYS_PRESERVED.has(protocol)) return true;
  const preserve = bool(tg.inputs.preserveClientIp);
  return preserve === undefined ? targetType === "instance" : preserve === true;
}

function forwardTargets(
  m: NetworkModel,
  r: GenericResource,
  propName: string,
  actions: unknown,
  members: Map<string, Target[]>,
): Target[] {
  return forwardGroups(m, r, propName, actions).flatMap((tg) => members.get(tg) ?? []);
}

/** The target groups of the stack that forward actions name. */
function forwardGroups(m: NetworkModel, r: GenericResource, propName: string, actions: unknown): string[] {
  const refs: unknown[] = [];
  for (const a of list(actions)) {
    // An action unknown at preview names its groups through the input's dependencies.
    if (isUnknown(a)) refs.push(a);
    if (str(prop(a, "type")) !== undefined && str(prop(a, "type")) !== "forward") continue;
    if (prop(a, "targetGroupArn") !== undefined) refs.push(prop(a, "targetGroupArn"));
    for (const tg of list(prop(prop(a, "forward"), "targetGroups"))) refs.push(prop(tg, "arn"));
  }
  return m.resolver.many(r, propName, refs, AWS.targetGroup).urns;
}

function addClassic(m: NetworkModel): void {
  const res = m.resolver;
  const attached = new Map<string, string[]>();
  for (const r of res.ofType(AWS.classicLbAttachment)) {
    const elb = res.one(r, "elb", r.inputs.elb, [AWS.classicLb]);
    const inst = res.one(r, "instance", r.inputs.instance, AWS_INSTANCES);
    if (elb && inst) pushTo(attached, elb, inst);
  }
  for (const r of res.ofType(AWS.autoscalingGroup))
    for (const elb of res.many(r, "loadBalancers", list(r.inputs.loadBalancers), [AWS.classicLb]).urns)
      pushTo(attached, elb, r.urn);
  for (const [elb, fleets] of fleetRegistrations(m).classicLbs) pushTo(attached, elb, ...fleets);
  for (const r of res.ofType(AWS.classicLb)) {
    const named = res.many(r, "instances", list(r.inputs.instances), AWS_INSTANCES);
    const hosts = [...named.urns, ...(attached.get(r.urn) ?? [])];
    // Instances the stack does not declare, or none at all: whatever answers on the instance port is published.
    const strangers = named.external.map((id) => outsideLabel("instance", id));
    if (hosts.length === 0 && strangers.length === 0) strangers.push(`elb:${r.name} (no instance in the stack)`);
    const listeners: Listener[] = list(r.inputs.listeners).map((l, i) => {
      const lbPort = num(prop(l, "lbPort"));
      const instancePort = prop(l, "instancePort");
      return {
        urn: r.urn,
        name: `${r.name} listener[${i}]`,
        type: r.type,
        protocol: normalizeProtocol("tcp"),
        ports: lbPort === undefined ? { from: 0, to: 65535 } : { from: lbPort, to: lbPort },
        // An instance port unknown at preview may be any port of the instances, never the listener's.
        targets: hosts.map((host) =>
          targetOnPort(host, instancePort, isUnknown(instancePort) ? [`elb:${r.name}`] : []),
        ),
        outside: strangers.flatMap((label) => outsideOn(label, instancePort)),
      };
    });
    m.loadBalancers.set(r.urn, {
      ...nodeOf(r),
      cloud: "aws",
      internetFacing: bool(r.inputs.internal) !== true,
      ipv6: false,
      wafCapable: false,
      subnets: res.many(r, "subnets", list(r.inputs.subnets), [AWS.subnet]).urns,
      securityGroups: balancerGroups(
        res.many(r, "securityGroups", list(r.inputs.securityGroups), AWS_SECURITY_GROUPS).urns,
      ),
      listeners,
    });
  }
}
