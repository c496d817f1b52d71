// Alibaba Cloud load balancers: SLB (addressType, or an EIP or Anycast EIP bound to an intranet one:
// address-bindings.ts; listeners frontend → backend port, server groups, master-slave groups, default backend
// servers) and ALB (addressType, listeners → server groups; neither binding names an ALB), each listener with its
// white- and blacklist ACLs (listener-acls.ts) and the server groups its forwarding rules reach (listener-rules.ts).
// Backends are ECS instances or ENIs (the instance an ENI is attached to, behind the ENI's own groups:
// network-interfaces.ts). Scaling groups attached to either forward to the hosts they launch (scaling-backends.ts).
import { Listener, LoadBalancer, NetworkModel, OutsideBackend, Target, nodeOf } from "../model";
import { TerminatingListener, listenerProtocol } from "../listener-protocols";
import { outsideLabel, outsideOn } from "../outside-backends";
import { ALL_PORTS } from "../../ports";
import { GenericResource, isUnknown, list, num, prop, str } from "../resource";
import { listenerWithRoutes } from "../aws/listener-routes";
import { listenerSourceLists } from "./listener-acl-sources";
import { albListenerAcls, slbListenerAcls } from "./listener-acls";
import { addSlbRuleTargets, albRuleRoutes, albRulesByListener } from "./listener-rules";
import { ServerEntry, serverEntries, serverTypesOf } from "./network-interfaces";
import { ALI } from "./tokens";
import { boundBalancers } from "./address-bindings";
import { pushTo } from "../multimap";
import { scalingHosts, scalingServerGroupTargets, scalingVServerTargets } from "./scaling-backends";
import { appendAll } from "../../arrays";

export function addAlicloudLoadBalancers(m: NetworkModel): void {
  const scaling = scalingHosts(m);
  addSlb(m, scaling);
  addAlb(m, scaling);
}

function balancer(r: GenericResource, internetFacing: boolean, subnets: string[]): LoadBalancer {
  return {
    ...nodeOf(r),
    cloud: "alicloud",
    internetFacing,
    ipv6: (str(r.inputs.addressIpVersion) ?? "").toLowerCase().includes("ipv6"),
    wafCapable: true,
    subnets,
    securityGroups: [],
    listeners: [],
  };
}

/**
 * A backend entry's servers: its ids read as its declared kind allows, each ENI as the instance behind it. An id
 * unknown at preview may be any server of that kind the list depends on: an unknown never hides an opening.
 */
function serversOf(m: NetworkModel, r: GenericResource, input: string, ids: readonly unknown[], kind: unknown) {
  return m.resolver.many(r, input, ids, serverTypesOf(kind)).urns.flatMap((u) => serverEntries(m, u));
}

/**
 * A server entry's target. Its port unknown at preview may be any port of the host, never the listener's by default:
 * a template's server port from a parameter the program feeds, or a program's from another resource's output.
 */
function targetOf(entry: ServerEntry, port: unknown, group: string | undefined): Target {
  const via = `server-group:${group}`;
  if (isUnknown(port))
    return {
      host: entry.host,
      ports: ALL_PORTS,
      via: [`${via} (port unknown at preview)`],
      interface: entry.interface,
    };
  return { host: entry.host, port: num(port), via: [via], interface: entry.interface };
}

/** A default backend on the listener's backend port; unknown at preview, any port of the server, as a group entry's. */
function defaultTarget(entry: ServerEntry, port: unknown): Target {
  if (isUnknown(port))
    return {
      host: entry.host,
      ports: ALL_PORTS,
      via: ["slb backends (port unknown at preview)"],
      interface: entry.interface,
    };
  return { host: entry.host, port: num(port), via: [], interface: entry.interface };
}

function addSlb(m: NetworkModel, scaling: Map<string, string[]>): void {
  const res = m.resolver;
  const groupTargets = new Map<string, Target[]>();
  // Servers outside the plan, by group (on each server's port) and by balancer (default backends: labels only).
  const groupStrangers = new Map<string, OutsideBackend[]>();
  const defaultStrangers = new Map<string, string[]>();
  const addTarget = (group: string | undefined, t: Target) => {
    if (group) pushTo(groupTargets, group, t);
  };
  const addServers = (r: GenericResource, group: string, ids: unknown[], kind: unknown, port: unknown) => {
    for (const entry of serversOf(m, r, "servers", ids, kind))
      addTarget(group, targetOf(entry, port, res.get(group)?.name));
    for (const label of strangersOf(m, r, "servers", ids, kind))
      pushTo(groupStrangers, group, ...outsideOn(label, port));
  };
  for (const r of res.ofType(ALI.slbServerGroup))
    for (const s of list(r.inputs.servers))
      addServers(r, r.urn, list(prop(s, "serverIds")), prop(s, "type"), prop(s, "port"));
  for (const r of res.ofType(ALI.slbServerGroupAttachment)) {
    const group = res.one(r, "serverGroupId", r.inputs.serverGroupId, [ALI.slbServerGroup]);
    const server = res.one(r, "serverId", r.inputs.serverId, serverTypesOf(r.inputs.type));
    for (const entry of serverEntries(m, server))
      addTarget(group, targetOf(entry, r.inputs.port, res.get(group ?? "")?.name));
    for (const label of group ? strangersOf(m, r, "serverId", [r.inputs.serverId], r.inputs.type) : [])
      pushTo(groupStrangers, group!, ...outsideOn(label, r.inputs.port));
  }
  for (const [group, targets] of scalingVServerTargets(m, scaling)) pushTo(groupTargets, group, ...targets);
  // Master and slave servers alike: the slave takes the traffic when the master fails.
  for (const r of res.ofType(ALI.slbMasterSlaveServerGroup))
    for (const s of list(r.inputs.servers))
      addServers(r, r.urn, [prop(s, "serverId")], prop(s, "type"), prop(s, "port"));
  // Default backends (no server group): the listener's backendPort applies.
  const defaults = new Map<string, ServerEntry[]>();
  for (const r of res.ofType(ALI.slbBackendServer)) {
    const lb = res.one(r, "loadBalancerId", r.inputs.loadBalancerId, ALI.slb);
    if (!lb) continue;
    for (const b of list(r.inputs.backendServers)) {
      pushTo(defaults, lb, ...serversOf(m, r, "backendServers", [prop(b, "serverId")], prop(b, "type")));
      pushTo(defaultStrangers, lb, ...strangersOf(m, r, "backendServers", [prop(b, "serverId")], prop(b, "type")));
    }
  }
  for (const r of res.ofType(ALI.scalingGroup)) {
    for (const lb of res.many(r, "loadbalancerIds", list(r.inputs.loadbalancerIds), ALI.slb).urns)
      pushTo(defaults, lb, ...(scaling.get(r.urn) ?? []).map((host) => ({ host })));
  }

  // An intranet CLB with an EIP or Anycast EIP bound to it answers on that internet address.
  const bound = boundBalancers(m);
  for (const r of res.ofType(...ALI.slb)) {
    // The provider creates an internet-facing balancer unless told otherwise.
    const internet = (str(r.inputs.addressType) ?? "internet").toLowerCase() !== "intranet" || bound.has(r.urn);
    const vs = res.one(r, "vswitchId", r.inputs.vswitchId, [ALI.vswitch]);
    m.loadBalancers.set(r.urn, balancer(r, internet, vs ? [vs] : []));
  }
  for (const r of res.ofType(ALI.slbListener)) {
    const lbUrn = res.one(r, "loadBalancerId", r.inputs.loadBalancerId, ALI.slb);
    const lb = m.loadBalancers.get(lbUrn ?? "");
    if (!lb || !lbUrn) continue;
    const front = num(r.inputs.frontendPort);
    const back = num(r.inputs.backendPort) ?? front;
    // The backend port as the inputs hold it (the frontend port when none is set): unknown at preview stays unknown.
    const backInput = r.inputs.backendPort ?? r.inputs.frontendPort;
    // A listener forwards to its vServer group, else its master-slave group, else the default backends.
    const group =
      res.one(r, "serverGroupId", r.inputs.serverGroupId, [ALI.slbServerGroup]) ??
      res.one(r, "masterSlaveServerGroupId", r.inputs.masterSlaveServerGroupId, [ALI.slbMasterSlaveServerGroup]);
    const targets: Target[] = group
      ? (groupTargets.get(group) ?? [])
      : (defaults.get(lbUrn) ?? []).map((e) => defaultTarget(e, backInput));
    const listener: Listener = {
      ...nodeOf(r),
      protocol: listenerProtocol(r.inputs.protocol),
      ports: front === undefined ? { from: 0, to: 65535 } : { from: front, to: front },
      targets: targets.map((t) => (t.ports ? t : { ...t, port: t.port ?? back })),
      outside: slbStrangers(m, r, group, groupStrangers, defaultStrangers.get(lbUrn) ?? [], targets.length, backInput),
    };
    lb.listeners.push({ ...listener, ...listenerSourceLists(slbListenerAcls(res, r)) });
  }
  addSlbRuleTargets(m, groupTargets, groupStrangers);
}

/** Labels of a backend entry's server ids that name no server the stack declares (an existing server, say). */
function strangersOf(m: NetworkModel, r: GenericResource, input: string, ids: readonly unknown[], kind: unknown) {
  return ids
    .filter((id) => m.resolver.many(r, input, [id], serverTypesOf(kind)).urns.length === 0)
    .map((id) => outsideLabel("server", id));
}

/**
 * A listener's backends outside the plan, on the backend port: its group's strangers, a group the stack does not
 * declare, or the balancer's default backends outside the stack. A group or balancer with no backend in the stack
 * at all is filled elsewhere (the console, a scaling group): whatever answers on the port is published.
 */
function slbStrangers(
  m: NetworkModel,
  r: GenericResource,
  group: string | undefined,
  byGroup: Map<string, OutsideBackend[]>,
  defaults: string[],
  inStack: number,
  back: unknown,
): OutsideBackend[] {
  const named = r.inputs.serverGroupId ?? r.inputs.masterSlaveServerGroupId;
  if (group) {
    const strangers = byGroup.get(group);
    if (strangers || inStack > 0) return strangers ?? [];
    return outsideOn(`server-group:${m.resolver.get(group)!.name} (no server in the stack)`, back);
  }
  if (named !== undefined && named !== "") return outsideOn(outsideLabel("server-group", named), back);
  const labels = defaults.length > 0 || inStack > 0 ? defaults : [`slb backends (none in the stack)`];
  return labels.flatMap((label) => outsideOn(label, back));
}

function addAlb(m: NetworkModel, scaling: Map<string, string[]>): void {
  const res = m.resolver;
  const groupTargets = new Map<string, Target[]>();
  const groupStrangers = new Map<string, OutsideBackend[]>();
  for (const r of res.ofType(ALI.albServerGroup)) {
    const targets: Target[] = [];
    for (const s of list(r.inputs.servers)) {
      const kind = prop(s, "serverType");
      const server = res.one(r, "servers", prop(s, "serverId"), serverTypesOf(kind));
      for (const entry of serverEntries(m, server)) targets.push(targetOf(entry, prop(s, "port"), r.name));
      // Function Compute backends listen on no port of a host.
      if (str(kind)?.toLowerCase() === "fc") continue;
      for (const label of strangersOf(m, r, "servers", [prop(s, "serverId")], kind))
        pushTo(groupStrangers, r.urn, ...outsideOn(label, prop(s, "port")));
    }
    groupTargets.set(r.urn, targets);
  }
  for (const [group, targets] of scalingServerGroupTargets(m, scaling, ALI.albServerGroup))
    pushTo(groupTargets, group, ...targets);
  for (const r of res.ofType(ALI.alb)) {
    const internet = (str(r.inputs.addressType) ?? "Internet").toLowerCase() !== "intranet";
    const zones = list(r.inputs.zoneMappings).map((z) => prop(z, "vswitchId"));
    m.loadBalancers.set(r.urn, balancer(r, internet, res.many(r, "zoneMappings", zones, [ALI.vswitch]).urns));
  }
  const rules = albRulesByListener(m);
  for (const r of res.ofType(ALI.albListener)) {
    const lb = m.loadBalancers.get(res.one(r, "loadBalancerId", r.inputs.loadBalancerId, [ALI.alb]) ?? "");
    if (!lb) continue;
    const port = num(r.inputs.listenerPort);
    const refs = list(r.inputs.defaultActions).flatMap((a) =>
      list(prop(prop(a, "forwardGroupConfig"), "serverGroupTuples")).map((t) => prop(t, "serverGroupId")),
    );
    const groups = res.many(r, "defaultActions", refs, [ALI.albServerGroup]).urns;
    // HTTP, HTTPS and QUIC (UDP) listeners alike forward HTTP, HTTPS or gRPC to their servers.
    const listener: TerminatingListener = {
      ...nodeOf(r),
      protocol: listenerProtocol(r.inputs.listenerProtocol),
      forwards: "tcp",
      httpOnly: true,
      ports: port === undefined ? { from: 0, to: 65535 } : { from: port, to: port },
      targets: groups.flatMap((g) => groupTargets.get(g) ?? []),
      outside: groups.flatMap((g) => groupStrangers.get(g) ?? []),
      ...listenerSourceLists(albListenerAcls(res, r)),
    };
    // Forwarding rules reach server groups of their own, some behind a SourceIp condition.
    const routes = albRuleRoutes(m, rules.get(r.urn) ?? [], groupTargets, groupStrangers);
    appendAll(lb.listeners, listenerWithRoutes(listener, routes));
  }
}
