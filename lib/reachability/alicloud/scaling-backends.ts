// Alibaba Cloud auto scaling groups as balancer backends: every instance a group launches joins the server groups
// attached to it, on the port the attachment names: CLB vServer groups (`ess.ScalingGroupVServerGroups`), ALB groups
// (the group's own `albServerGroups`, `ess.AlbServerGroupAttachment`) and ALB or NLB groups
// (`ess.ServerGroupAttachment`). A port unknown at preview may be any port of the hosts. A CLB balancer a group names
// in `loadbalancerIds` takes its hosts as default backends (load-balancers.ts).
import { ALL_PORTS } from "../../ports";
import { NetworkModel, Target } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, isUnknown, list, num, prop } from "../resource";
import { ALI } from "./tokens";

/** Scaling group URN → the hosts its configurations launch. */
export function scalingHosts(m: NetworkModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of m.resolver.ofType(ALI.scalingConfiguration)) {
    const g = m.resolver.one(r, "scalingGroupId", r.inputs.scalingGroupId, [ALI.scalingGroup]);
    if (g) pushTo(out, g, r.urn);
  }
  // A group running a launch template is a host itself (hosts.ts).
  for (const r of m.resolver.ofType(ALI.scalingGroup)) if (m.hosts.has(r.urn)) pushTo(out, r.urn, r.urn);
  return out;
}

function targetsOn(hosts: readonly string[], port: unknown, via: string): Target[] {
  if (isUnknown(port))
    return hosts.map((host) => ({ host, ports: ALL_PORTS, via: [`${via} (port unknown at preview)`] }));
  return hosts.map((host) => ({ host, port: num(port), via: [via] }));
}

/**
 * Adds the hosts of the scaling group `r` is or names to the server group `group` names (read from `groupField`), on
 * `port`. A group id unknown at preview joins every group of that kind the input depends on.
 */
function join(
  m: NetworkModel,
  out: Map<string, Target[]>,
  scaling: ReadonlyMap<string, string[]>,
  r: GenericResource,
  [groupField, group]: [string, unknown],
  groupTypes: readonly string[],
  port: unknown,
): void {
  const res = m.resolver;
  const scalingGroup =
    r.type === ALI.scalingGroup ? r.urn : res.one(r, "scalingGroupId", r.inputs.scalingGroupId, [ALI.scalingGroup]);
  const hosts = scaling.get(scalingGroup ?? "") ?? [];
  if (hosts.length === 0) return;
  for (const target of res.many(r, groupField, [group], groupTypes).urns)
    pushTo(out, target, ...targetsOn(hosts, port, `server-group:${res.get(target)!.name}`));
}

/** CLB vServer group URN → the scaling hosts attached to it. */
export function scalingVServerTargets(m: NetworkModel, scaling: ReadonlyMap<string, string[]>): Map<string, Target[]> {
  const out = new Map<string, Target[]>();
  for (const r of m.resolver.ofType(ALI.scalingGroupVServerGroups))
    for (const g of list(r.inputs.vserverGroups))
      for (const a of list(prop(g, "vserverAttributes")))
        join(m, out, scaling, r, ["vserverGroups", prop(a, "vserverGroupId")], [ALI.slbServerGroup], prop(a, "port"));
  return out;
}

/** ALB or NLB server group URN (of `groupType`) → the scaling hosts attached to it. */
export function scalingServerGroupTargets(
  m: NetworkModel,
  scaling: ReadonlyMap<string, string[]>,
  groupType: string,
): Map<string, Target[]> {
  const res = m.resolver;
  const out = new Map<string, Target[]>();
  const types = [groupType];
  if (groupType === ALI.albServerGroup) {
    for (const r of res.ofType(ALI.scalingGroup))
      for (const g of list(r.inputs.albServerGroups))
        join(m, out, scaling, r, ["albServerGroups", prop(g, "albServerGroupId")], types, prop(g, "port"));
    for (const r of res.ofType(ALI.essAlbServerGroupAttachment))
      join(m, out, scaling, r, ["albServerGroupId", r.inputs.albServerGroupId], types, r.inputs.port);
  }
  // The attachment's `type` (ALB, NLB) only says which kind its id names; the id's resolution already does.
  for (const r of res.ofType(ALI.essServerGroupAttachment))
    join(m, out, scaling, r, ["serverGroupId", r.inputs.serverGroupId], types, r.inputs.port);
  return out;
}
