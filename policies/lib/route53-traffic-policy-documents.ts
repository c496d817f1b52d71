// Route 53 traffic policy documents (aws.route53.TrafficPolicy `document`, JSON text, often the `json` of
// aws.route53.getTrafficPolicyDocument): their endpoints, their rules, and the branches each rule routes to.
// Key names are read as Route 53 writes them; enumerated values (RuleType, endpoint Type) in any case.
import { isUnknown, obj } from "../../lib/values";
import { is, shown } from "./text-values";

export const TRAFFIC_POLICY = "aws:route53/trafficPolicy:TrafficPolicy";

export interface TrafficPolicyDocument {
  endpoints: Map<string, Record<string, unknown>>;
  rules: Map<string, Record<string, unknown>>;
}

/** A document Route 53 would reject routes nothing: `invalid` says why. */
export type ParsedTrafficPolicy = { document: TrafficPolicyDocument } | { invalid: string } | "unknown" | undefined;

/** One place a rule routes to: a failover rule's Primary or Secondary, or an item of a geo, latency… rule. */
export interface Branch {
  /** Where it sits, for messages: "Rules.site_switch.Primary", "Rules.by_region.Regions[1]". */
  at: string;
  fields: Record<string, unknown>;
}

export type Reference = { endpoint: string } | { rule: string } | { invalid: string };

/** The lists of branches each rule type routes to (getTrafficPolicyDocument spells geoproximity's with a capital P). */
const BRANCH_LISTS = new Map([
  ["geo", ["Locations"]],
  ["latency", ["Regions"]],
  ["geoproximity", ["GeoproximityLocations", "GeoProximityLocations"]],
  ["weighted", ["Items"]],
  ["multivalue", ["Items"]],
]);

/** Own entries only: an id such as "__proto__" or "toString" must not find Object.prototype's members. */
function entriesOf(v: unknown): Map<string, Record<string, unknown>> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const entries = new Map<string, Record<string, unknown>>();
  for (const [id, value] of Object.entries(o)) {
    const entry = obj(value);
    if (!entry) return undefined;
    entries.set(id, entry);
  }
  return entries;
}

/** The document, "unknown" at preview, undefined when absent, or why Route 53 would reject it. */
export function parseTrafficPolicyDocument(v: unknown): ParsedTrafficPolicy {
  if (isUnknown(v)) return "unknown";
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return { invalid: `is ${shown(v)}, not JSON text` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return { invalid: "is not valid JSON" };
  }
  const top = obj(parsed);
  if (!top) return { invalid: "is not a JSON object" };
  const endpoints = top.Endpoints === undefined ? new Map() : entriesOf(top.Endpoints);
  const rules = top.Rules === undefined ? new Map() : entriesOf(top.Rules);
  if (!endpoints) return { invalid: "has Endpoints that are not an object of endpoint objects" };
  if (!rules) return { invalid: "has Rules that are not an object of rule objects" };
  return { document: { endpoints, rules } };
}

const isFailover = (rule: Record<string, unknown>) => is(rule.RuleType, "failover");

/** The failover rules of the document, by id. */
export function failoverRules(doc: TrafficPolicyDocument): [string, Record<string, unknown>][] {
  return [...doc.rules].filter(([, rule]) => isFailover(rule));
}

/** A failover rule's Primary or Secondary (Route 53 requires both), or why it cannot be read. */
export function failoverBranch(
  id: string,
  rule: Record<string, unknown>,
  side: "Primary" | "Secondary",
): Branch | { invalid: string } {
  const fields = obj(rule[side]);
  return fields ? { at: `Rules.${id}.${side}`, fields } : { invalid: `failover rule ${id} has no ${side} object` };
}

/** Every branch of a rule (failover: Primary and Secondary), or why the rule cannot be read. */
export function branchesOf(id: string, rule: Record<string, unknown>): Branch[] | { invalid: string } {
  if (isFailover(rule)) {
    const sides = [failoverBranch(id, rule, "Primary"), failoverBranch(id, rule, "Secondary")];
    const problem = sides.find((s) => "invalid" in s);
    return problem && "invalid" in problem ? problem : (sides as Branch[]);
  }
  const lists = typeof rule.RuleType === "string" ? BRANCH_LISTS.get(rule.RuleType.toLowerCase()) : undefined;
  if (!lists) return { invalid: `rule ${id} has RuleType ${shown(rule.RuleType)}, which Route 53 does not know` };
  const branches: Branch[] = [];
  for (const key of lists) {
    const items = rule[key];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return { invalid: `Rules.${id}.${key} is not a list` };
    for (const [i, item] of items.entries()) {
      const fields = obj(item);
      if (!fields) return { invalid: `Rules.${id}.${key}[${i}] is not an object` };
      branches.push({ at: `Rules.${id}.${key}[${i}]`, fields });
    }
  }
  return branches.length > 0 ? branches : { invalid: `rule ${id} routes nowhere` };
}

const named = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** The endpoint or rule a branch routes to: exactly one of EndpointReference and RuleReference. */
export function referenceOf(b: Branch): Reference {
  const { EndpointReference: endpoint, RuleReference: rule } = b.fields;
  if (named(endpoint) && rule === undefined) return { endpoint };
  if (named(rule) && endpoint === undefined) return { rule };
  return { invalid: `${b.at} must name exactly one EndpointReference or RuleReference` };
}

/** The health check id a branch names itself, if any. */
export function healthCheckOf(b: Branch): string | undefined {
  return named(b.fields.HealthCheck) ? b.fields.HealthCheck : undefined;
}
