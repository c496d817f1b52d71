// Forwarding rules of Alibaba Cloud HTTP(S) listeners: a CLB `slb.Rule` sends requests for a domain or URL to a vServer
// group of its own, and an ALB `alb.Rule` sends matching requests to the server groups of its ForwardGroup actions.
// Either reaches groups the listener's own configuration never names (an Elasticsearch or Docker API port behind
// `/_es/*`). Domain, URL, path, header, method, query and cookie conditions match requests any client can send; only
// an ALB SourceIp condition narrows who is served, as an AWS source-ip condition does.
import { ANY_SOURCE, Family } from "../exposure";
import { ListedSource, NetworkModel, OutsideBackend, Target } from "../model";
import { GenericResource, isUnknown, list, num, prop, str, UNKNOWN } from "../resource";
import { outsideLabel, outsideOn } from "../outside-backends";
import { ListenerRoute } from "../aws/listener-routes";
import { parseCidr } from "../../cidr";
import { ALI } from "./tokens";
import { appendAll } from "../../arrays";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

function anyAddress(unknown: string, cause: string): ListedSource[] {
  return FAMILIES.map((f) => ({ cidr: ANY_SOURCE[f], unknown, cause }));
}

const viaRule = (rule: GenericResource, targets: readonly Target[]): Target[] =>
  targets.map((t) => ({ ...t, via: [`rule:${rule.name}`, ...t.via] }));

/**
 * CLB rules: each adds its vServer group's servers to the listeners of its balancer on its `frontendPort` (every
 * listener of the balancer when the port is unknown at preview). A group the stack does not declare (an existing
 * one, or an id unknown at preview that no dependency names) holds servers on ports no one sees: any port, noted.
 */
export function addSlbRuleTargets(
  m: NetworkModel,
  groupTargets: ReadonlyMap<string, Target[]>,
  groupStrangers: ReadonlyMap<string, OutsideBackend[]>,
): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.slbRule)) {
    const lb = m.loadBalancers.get(res.one(r, "loadBalancerId", r.inputs.loadBalancerId, ALI.slb) ?? "");
    const group = res.one(r, "serverGroupId", r.inputs.serverGroupId, [ALI.slbServerGroup]);
    const named = r.inputs.serverGroupId;
    if (!lb || (!group && (named === undefined || named === null || named === ""))) continue;
    const targets = group ? viaRule(r, groupTargets.get(group) ?? []) : [];
    const strangers = group
      ? (groupStrangers.get(group) ?? [])
      : outsideOn(`rule:${r.name} → ${outsideLabel("server-group", named)}`, UNKNOWN);
    const front = num(r.inputs.frontendPort);
    for (const listener of lb.listeners) {
      if (front !== undefined && (front < listener.ports.from || front > listener.ports.to)) continue;
      appendAll(listener.targets, targets);
      listener.outside = [...(listener.outside ?? []), ...strangers];
    }
  }
}

/** ALB rules of a listener, by the listener's URN. */
export function albRulesByListener(m: NetworkModel): Map<string, GenericResource[]> {
  const out = new Map<string, GenericResource[]>();
  for (const r of m.resolver.ofType(ALI.albRule)) {
    // Response rules rewrite answers; they forward nothing.
    if (str(r.inputs.direction)?.toLowerCase() === "response") continue;
    const listener = m.resolver.one(r, "listenerId", r.inputs.listenerId, [ALI.albListener]);
    if (listener) out.set(listener, [...(out.get(listener) ?? []), r]);
  }
  return out;
}

/** The paths an ALB listener's rules add: each rule's ForwardGroup servers, behind its SourceIp condition if any. */
export function albRuleRoutes(
  m: NetworkModel,
  rules: readonly GenericResource[],
  groupTargets: ReadonlyMap<string, Target[]>,
  groupStrangers: ReadonlyMap<string, OutsideBackend[]>,
): ListenerRoute[] {
  return rules.map((rule) => {
    const refs = list(rule.inputs.ruleActions).flatMap((a) =>
      list(prop(prop(a, "forwardGroupConfig"), "serverGroupTuples")).map((t) => prop(t, "serverGroupId")),
    );
    const groups = m.resolver.many(rule, "ruleActions", refs, [ALI.albServerGroup]).urns;
    const sources = ruleSources(rule);
    return {
      ...(sources ? { sources, hop: ruleHop(rule, sources) } : {}),
      targets: sources
        ? groups.flatMap((g) => groupTargets.get(g) ?? [])
        : viaRule(
            rule,
            groups.flatMap((g) => groupTargets.get(g) ?? []),
          ),
      outside: groups.flatMap((g) => groupStrangers.get(g) ?? []),
    };
  });
}

/**
 * Who a rule serves: undefined (anyone) without a SourceIp condition; else the blocks its conditions list (several:
 * their union). A condition, its values or a value unknown at preview, or a value that is no CIDR block, may be any
 * address, flagged.
 */
function ruleSources(rule: GenericResource): ListedSource[] | undefined {
  const field = "ruleConditions";
  const conditions = rule.inputs[field];
  if (isUnknown(conditions)) return anyAddress(`${field} of rule ${rule.name}`, rule.urn);
  const listed: ListedSource[] = [];
  let restricted = false;
  let unread: string | undefined;
  list(conditions).forEach((c, i) => {
    if (isUnknown(c) || isUnknown(prop(c, "type"))) {
      unread ??= `${field}[${i}]`;
      return;
    }
    const config = prop(c, "sourceIpConfig");
    if (config === undefined && str(prop(c, "type"))?.toLowerCase() !== "sourceip") return;
    restricted = true;
    const values = prop(config, "values");
    if (isUnknown(config) || isUnknown(values) || values === undefined) {
      appendAll(listed, anyAddress(`${field}[${i}].sourceIpConfig of rule ${rule.name}`, rule.urn));
      return;
    }
    for (const v of list(values)) {
      const text = str(v)?.trim();
      if (text === undefined || !parseCidr(text))
        appendAll(listed, anyAddress(`${field}[${i}] source ${text ?? "unknown"} of rule ${rule.name}`, rule.urn));
      else listed.push({ cidr: text, cause: rule.urn });
    }
  });
  if (restricted) return listed;
  return unread === undefined ? undefined : anyAddress(`${unread} of rule ${rule.name}`, rule.urn);
}

function ruleHop(rule: GenericResource, sources: readonly ListedSource[]): string {
  const known = [...new Set(sources.filter((s) => !s.unknown).map((s) => s.cidr))];
  return `rule:${rule.name}${known.length > 0 ? ` (source-ip ${known.join(", ")})` : ""}`;
}
