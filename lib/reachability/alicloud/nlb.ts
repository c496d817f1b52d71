// Alibaba Cloud Network Load Balancers (layer 4): listener port (or port range) → server group → ECS instances and
// ENIs (the instance an ENI is attached to, behind the ENI's own groups) on the attachment's port. A listener
// forwarding to 3306 puts the database on the internet just as a DNAT entry does, while the backends keep only
// private addresses. Scaling groups attached to a server group add the hosts they launch (scaling-backends.ts).
import { ALL_PORTS, PortRange } from "../../ports";
import { NetworkModel, OutsideBackend, Target, nodeOf } from "../model";
import { listenerProtocol } from "../listener-protocols";
import { outsideLabel, outsideOn } from "../outside-backends";
import { GenericResource, bool, isUnknown, list, num, prop, str, UNKNOWN } from "../resource";
import { pushTo } from "../multimap";
import { balancerGroups } from "../literal-groups";
import { GroupLinks, NO_GROUPS, carried, joinLinks } from "../group-links";
import { groupInputs } from "./declared-groups";
import { serverEntries, serverTypesOf } from "./network-interfaces";
import { scalingHosts, scalingServerGroupTargets } from "./scaling-backends";
import { singleGroupCandidates } from "./single-group-candidates";
import { ALI } from "./tokens";

/** The groups of an NLB: listed and attached ones; only outside ones leave it groupless (literal-groups.ts). */
function nlbGroups(listed: GroupLinks, attached: readonly GroupLinks[]): GroupLinks {
  const groups = joinLinks(listed, ...attached);
  return balancerGroups(groups.groups).length > 0 ? groups : NO_GROUPS;
}

export function addAlicloudNlb(m: NetworkModel): void {
  const res = m.resolver;
  const { targets, outside } = serverGroupTargets(m);
  for (const [group, scaled] of scalingServerGroupTargets(m, scalingHosts(m), ALI.nlbServerGroup))
    pushTo(targets, group, ...scaled);
  const attachedGroups = new Map<string, GroupLinks[]>();
  for (const r of res.ofType(ALI.nlbSecurityGroupAttachment)) {
    const lb = res.one(r, "loadBalancerId", r.inputs.loadBalancerId, [ALI.nlb]);
    if (lb) pushTo(attachedGroups, lb, singleGroupCandidates(m, r, "securityGroupId"));
  }
  for (const r of res.ofType(ALI.nlb)) {
    const zones = list(r.inputs.zoneMappings).map((z) => prop(z, "vswitchId"));
    const dualStack = (str(r.inputs.addressIpVersion) ?? "").toLowerCase() === "dualstack";
    m.loadBalancers.set(r.urn, {
      ...nodeOf(r),
      cloud: "alicloud",
      // The provider requires addressType; only "Intranet" keeps the balancer off the internet.
      internetFacing: (str(r.inputs.addressType) ?? "Internet").toLowerCase() !== "intranet",
      ipv6: dualStack && (str(r.inputs.ipv6AddressType) ?? "").toLowerCase() === "internet",
      wafCapable: false,
      subnets: res.many(r, "zoneMappings", zones, [ALI.vswitch]).urns,
      ...carried(nlbGroups(groupInputs(res, r, ["securityGroupIds"]), attachedGroups.get(r.urn) ?? [])),
      listeners: [],
    });
  }
  for (const r of res.ofType(ALI.nlbListener)) {
    const lb = m.loadBalancers.get(res.one(r, "loadBalancerId", r.inputs.loadBalancerId, [ALI.nlb]) ?? "");
    // A stopped listener serves nothing; one whose status is unknown at preview may serve, so it counts.
    if (!lb || str(r.inputs.status) === "Stopped") continue;
    const group = res.one(r, "serverGroupId", r.inputs.serverGroupId, [ALI.nlbServerGroup]);
    lb.listeners.push({
      ...nodeOf(r),
      protocol: listenerProtocol(r.inputs.listenerProtocol),
      ports: listenerPorts(r),
      targets: group ? (targets.get(group) ?? []) : [],
      outside: group ? (outside.get(group) ?? []) : groupOutside(r.inputs.serverGroupId),
    });
  }
}

/**
 * A server group the stack does not hold (an existing group's id, or one unknown at preview that nothing in the stack
 * gives): its servers and their ports are out of sight, so every port, unverified.
 */
function groupOutside(serverGroupId: unknown): OutsideBackend[] {
  if (serverGroupId === undefined || serverGroupId === "") return [];
  return outsideOn(outsideLabel("server-group", serverGroupId), UNKNOWN);
}

/** Listener port, or startPort-endPort when listenerPort is 0 (all-port listeners); unknown is every port. */
function listenerPorts(r: GenericResource): PortRange {
  const port = num(r.inputs.listenerPort);
  if (port !== undefined && port !== 0) return { from: port, to: port };
  const from = num(r.inputs.startPort);
  const to = num(r.inputs.endPort);
  return port === 0 && from !== undefined && to !== undefined ? { from, to } : { from: 0, to: 65535 };
}

/**
 * Server group URN → its servers, and the servers outside the plan it reaches on their ports (an existing server's
 * id, an IP backend's address); an all-port group (anyPortEnabled) forwards on the listener's own port.
 */
function serverGroupTargets(m: NetworkModel): {
  targets: Map<string, Target[]>;
  outside: Map<string, OutsideBackend[]>;
} {
  const res = m.resolver;
  const out = new Map<string, Target[]>();
  const outside = new Map<string, OutsideBackend[]>();
  for (const r of res.ofType(ALI.nlbServerAttachment)) {
    const groupUrn = res.one(r, "serverGroupId", r.inputs.serverGroupId, [ALI.nlbServerGroup]);
    const server = res.one(r, "serverId", r.inputs.serverId, serverTypesOf(r.inputs.serverType));
    const group = groupUrn ? res.get(groupUrn) : undefined;
    if (!group) continue;
    const anyPort = bool(group.inputs.anyPortEnabled) === true;
    // A port unknown at preview may be any port of the server, never the listener's by default.
    const portUnknown = !anyPort && isUnknown(r.inputs.port);
    for (const entry of serverEntries(m, server))
      pushTo(out, group.urn, {
        host: entry.host,
        ...(portUnknown ? { ports: ALL_PORTS } : { port: anyPort ? undefined : num(r.inputs.port) }),
        via: [`server-group:${group.name}${portUnknown ? " (port unknown at preview)" : ""}`],
        interface: entry.interface,
      });
    if (!anyPort && res.many(r, "serverId", [r.inputs.serverId], serverTypesOf(r.inputs.serverType)).urns.length === 0)
      pushTo(outside, group.urn, ...outsideOn(outsideLabel("server", r.inputs.serverId), r.inputs.port));
  }
  return { targets: out, outside };
}
