// Who may use an AWS ALB listener's default action or one of its rules. Only a rule's `source-ip` condition
// (conditions[].sourceIp.values) limits the clients it serves; host, path, header, method and query conditions
// match requests any client can send, so they restrict nobody. Several source-ip conditions are read as the union
// of their blocks (wider than their intersection, the reading that hides nothing). What the plan does not show
// (conditions, a value or the default action unknown at preview) may be any address, flagged like every unknown
// allow: exposures through it are unverified and the listener hop names what was unknown.
import { ANY_SOURCE, Family } from "../exposure";
import { ListedSource } from "../model";
import { GenericResource, isUnknown, list, prop, str } from "../resource";
import { parseCidr } from "../../cidr";
import { appendAll } from "../../arrays";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

/** Any address of either family, standing for what `unknown` names. */
function anyAddress(unknown: string, cause: string): ListedSource[] {
  return FAMILIES.map((f) => ({ cidr: ANY_SOURCE[f], unknown, cause }));
}

/** The blocks a rule serves; undefined when it serves anyone (no source-ip condition). */
export function ruleSources(rule: GenericResource): ListedSource[] | undefined {
  const conditions = list(rule.inputs.conditions);
  const listed: ListedSource[] = [];
  let restricted = false;
  let unreadCondition: string | undefined;
  conditions.forEach((c, i) => {
    // A condition unknown at preview may or may not be a source-ip condition.
    if (isUnknown(c)) {
      unreadCondition ??= isUnknown(rule.inputs.conditions) ? "conditions" : `conditions[${i}]`;
      return;
    }
    const sourceIp = prop(c, "sourceIp");
    if (sourceIp === undefined || sourceIp === null) return;
    restricted = true;
    appendAll(listed, sourceIpBlocks(rule, sourceIp, i));
  });
  // Source-ip conditions narrow the rule whatever the other (ANDed) conditions say.
  if (restricted) return listed;
  if (unreadCondition !== undefined) return anyAddress(`${unreadCondition} of rule ${rule.name}`, rule.urn);
  return undefined;
}

function sourceIpBlocks(rule: GenericResource, sourceIp: unknown, i: number): ListedSource[] {
  const field = `conditions[${i}].sourceIp`;
  const values = prop(sourceIp, "values");
  if (isUnknown(sourceIp) || isUnknown(values)) return anyAddress(`${field} of rule ${rule.name}`, rule.urn);
  return list(values).flatMap((v): ListedSource[] => {
    const text = str(v)?.trim();
    if (text === undefined) return anyAddress(`${field} values of rule ${rule.name}`, rule.urn);
    if (!parseCidr(text))
      return anyAddress(`source-ip value ${JSON.stringify(text)} of rule ${rule.name} (no CIDR block)`, rule.urn);
    return [{ cidr: text, cause: rule.urn }];
  });
}

/**
 * Who the listener's default action serves: anyone (undefined), or, when the actions or an action's type are
 * unknown at preview, any address flagged (it may forward where the plan cannot tell).
 */
export function defaultActionSources(listener: GenericResource): ListedSource[] | undefined {
  const actions = listener.inputs.defaultActions;
  const unread = isUnknown(actions) || list(actions).some((a) => isUnknown(a) || isUnknown(prop(a, "type")));
  return unread ? anyAddress(`defaultActions of listener ${listener.name}`, listener.urn) : undefined;
}

/** How a path names a rule that narrows its clients, e.g. `rule:office (source-ip 203.0.113.0/24)`. */
export function ruleHop(rule: GenericResource, sources: readonly ListedSource[]): string {
  const known = [...new Set(sources.filter((s) => !s.unknown).map((s) => s.cidr))];
  return `rule:${rule.name}${known.length > 0 ? ` (source-ip ${known.join(", ")})` : ""}`;
}
