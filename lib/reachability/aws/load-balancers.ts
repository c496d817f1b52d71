// AWS load balancers: ALB/NLB (scheme, security groups, listeners and rules → target groups → targets) and
// classic ELBs (listeners with instance ports). A listener forwarding to port 22 exposes 22 on the targets.
import { Listener, NetworkModel, Protocol, Target, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { GenericResource, bool, isUnknown, list, num, prop, str } from "../resource";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";
import { pushTo } from "../multimap";

const TARGET_HOSTS = [AWS.instance, AWS.networkInterface];

export function addAwsLoadBalancers(m: NetworkModel): void {
  const res = m.resolver;
  const targetsOf = targetGroupMembers(m);

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
      securityGroups: res.many(r, "securityGroups", list(r.inputs.securityGroups), AWS_SECURITY_GROUPS).urns,
      listeners: [],
    });
  }
  const listeners = new Map<string, Listener>();
  for (const r of res.ofType(...AWS.listener)) {
    const lb = m.loadBalancers.get(res.one(r, "loadBalancerArn", r.inputs.loadBalancerArn, AWS.lb) ?? "");
    if (!lb) continue;
    const port = num(r.inputs.port);
    const listener: Listener = {
      ...nodeOf(r),
      protocol: listenerProtocol(r.inputs.protocol),
      ports: port === undefined ? { from: 0, to: 65535 } : { from: port, to: port },
      targets: forwardTargets(m, r, "defaultActions", r.inputs.defaultActions, targetsOf),
      ...(PASS_THROUGH.has(str(r.inputs.protocol)?.toUpperCase() ?? "") ? { passThrough: true as const } : {}),
    };
    lb.listeners.push(listener);
    listeners.set(r.urn, listener);
  }
  for (const r of res.ofType(...AWS.listenerRule)) {
    const listener = listeners.get(res.one(r, "listenerArn", r.inputs.listenerArn, AWS.listener) ?? "");
    listener?.targets.push(...forwardTargets(m, r, "actions", r.inputs.actions, targetsOf));
  }
  addClassic(m);
}

/** NLB listener protocols that hand connections to the targets (TLS and QUIC terminate on the balancer). */
const PASS_THROUGH = new Set(["TCP", "UDP", "TCP_UDP"]);

/** UDP and TCP_UDP NLB listeners carry UDP (an accelerator's UDP listener reaches them); unknown may be either. */
function listenerProtocol(v: unknown): Protocol {
  if (isUnknown(v)) return "all";
  const p = (str(v) ?? "").toUpperCase();
  return p === "UDP" ? "udp" : p === "TCP_UDP" ? "all" : "tcp";
}

/** Target group URN → its members, from attachments and auto-scaling groups. */
function targetGroupMembers(m: NetworkModel): Map<string, Target[]> {
  const res = m.resolver;
  const members = new Map<string, Target[]>();
  const add = (tg: string | undefined, t: Target) => {
    if (!tg) return;
    const tgRes = res.get(tg);
    const port = t.port ?? num(tgRes?.inputs.port);
    const kept = tgRes && keepsClientAddress(tgRes) ? { clientAddressKept: true as const } : {};
    pushTo(members, tg, { ...t, port, via: [`tg:${tgRes?.name ?? tg}`, ...t.via], ...kept });
  };
  for (const r of res.ofType(...AWS.targetGroupAttachment)) {
    const host = res.one(r, "targetId", r.inputs.targetId, TARGET_HOSTS);
    const tg = res.one(r, "targetGroupArn", r.inputs.targetGroupArn, AWS.targetGroup);
    if (host) add(tg, { host, port: num(r.inputs.port), via: [] });
  }
  for (const r of res.ofType(AWS.autoscalingGroup)) {
    for (const tg of res.many(r, "targetGroupArns", list(r.inputs.targetGroupArns), AWS.targetGroup).urns)
      add(tg, { host: r.urn, via: [] });
  }
  for (const r of res.ofType(AWS.autoscalingAttachment)) {
    const asg = res.one(r, "autoscalingGroupName", r.inputs.autoscalingGroupName, [AWS.autoscalingGroup]);
    const tg = res.one(r, "lbTargetGroupArn", r.inputs.lbTargetGroupArn, AWS.targetGroup);
    if (asg) add(tg, { host: asg, via: [] });
  }
  return members;
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
  const targetType = tg.inputs.targetType === undefined ? "instance" : str(tg.inputs.targetType)?.toLowerCase();
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
  const refs: unknown[] = [];
  for (const a of list(actions)) {
    if (str(prop(a, "type")) !== undefined && str(prop(a, "type")) !== "forward") continue;
    if (prop(a, "targetGroupArn") !== undefined) refs.push(prop(a, "targetGroupArn"));
    for (const tg of list(prop(prop(a, "forward"), "targetGroups"))) refs.push(prop(tg, "arn"));
  }
  return m.resolver.many(r, propName, refs, AWS.targetGroup).urns.flatMap((tg) => members.get(tg) ?? []);
}

function addClassic(m: NetworkModel): void {
  const res = m.resolver;
  const attached = new Map<string, string[]>();
  for (const r of res.ofType(AWS.classicLbAttachment)) {
    const elb = res.one(r, "elb", r.inputs.elb, [AWS.classicLb]);
    const inst = res.one(r, "instance", r.inputs.instance, [AWS.instance]);
    if (elb && inst) pushTo(attached, elb, inst);
  }
  for (const r of res.ofType(AWS.autoscalingGroup))
    for (const elb of res.many(r, "loadBalancers", list(r.inputs.loadBalancers), [AWS.classicLb]).urns)
      pushTo(attached, elb, r.urn);
  for (const r of res.ofType(AWS.classicLb)) {
    const hosts = [
      ...res.many(r, "instances", list(r.inputs.instances), [AWS.instance]).urns,
      ...(attached.get(r.urn) ?? []),
    ];
    const listeners: Listener[] = list(r.inputs.listeners).map((l, i) => {
      const lbPort = num(prop(l, "lbPort"));
      return {
        urn: r.urn,
        name: `${r.name} listener[${i}]`,
        type: r.type,
        protocol: normalizeProtocol("tcp"),
        ports: lbPort === undefined ? { from: 0, to: 65535 } : { from: lbPort, to: lbPort },
        targets: hosts.map((host) => ({ host, port: num(prop(l, "instancePort")), via: [] })),
      };
    });
    m.loadBalancers.set(r.urn, {
      ...nodeOf(r),
      cloud: "aws",
      internetFacing: bool(r.inputs.internal) !== true,
      ipv6: false,
      wafCapable: false,
      subnets: res.many(r, "subnets", list(r.inputs.subnets), [AWS.subnet]).urns,
      securityGroups: res.many(r, "securityGroups", list(r.inputs.securityGroups), AWS_SECURITY_GROUPS).urns,
      listeners,
    });
  }
}
