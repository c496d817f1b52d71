// Route 53 failover record sets as written in either resource: a Record (one set, failoverRoutingPolicies) or
// RecordsExclusive (every set of a zone, each with `failover`). Both rules read them through here.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";

export const RECORD = "aws:route53/record:Record";
export const RECORDS_EXCLUSIVE = "aws:route53/recordsExclusive:RecordsExclusive";

export interface FailoverSet {
  /** Where the set sits, for messages: "" for a Record, "resourceRecordSets[i]." for RecordsExclusive. */
  where: string;
  /** The field naming the role, for notes when it is unknown. */
  roleField: string;
  /** PRIMARY / SECONDARY, "unknown" at preview, or undefined for a set that does not fail over. */
  role: string | undefined;
  healthCheckId: unknown;
  /** evaluateTargetHealth of each alias (unknown markers kept). */
  targetHealth: unknown[];
  aliasesUnknown: boolean;
}

const upper = (t: unknown) => (isUnknown(t) ? "unknown" : typeof t === "string" ? t.toUpperCase() : undefined);

function recordSet(p: Record<string, unknown>): FailoverSet {
  const policies = p.failoverRoutingPolicies;
  const types = isUnknown(policies) ? [policies] : list(policies).map((x) => (isUnknown(x) ? x : obj(x)?.type));
  const role = types.some(isUnknown) ? "unknown" : upper(types.find((t) => typeof t === "string"));
  return {
    where: "",
    roleField: "failoverRoutingPolicies[].type",
    role,
    healthCheckId: p.healthCheckId,
    targetHealth: list(p.aliases).map((a) => (isUnknown(a) ? a : obj(a)?.evaluateTargetHealth)),
    aliasesUnknown: isUnknown(p.aliases),
  };
}

function exclusiveSet(s: unknown, i: number): FailoverSet {
  const where = `resourceRecordSets[${i}].`;
  const set = obj(s);
  const alias = set?.aliasTarget;
  return {
    where,
    roleField: `${where}failover`,
    role: isUnknown(s) ? "unknown" : upper(set?.failover),
    healthCheckId: set?.healthCheckId,
    targetHealth: isUnknown(alias) ? [alias] : obj(alias) ? [obj(alias)?.evaluateTargetHealth] : [],
    aliasesUnknown: isUnknown(s) || isUnknown(alias),
  };
}

/** The failover sets of a record resource, or "unknown" when its whole list of sets is unknown at preview. */
export function failoverSets(type: string, p: Record<string, unknown>): FailoverSet[] | "unknown" {
  if (type === RECORD) return [recordSet(p)];
  if (isUnknown(p.resourceRecordSets)) return "unknown";
  return list(p.resourceRecordSets).map(exclusiveSet);
}

/** The input under which a record resource's health check ids arrive (its property dependencies are per input). */
const HEALTH_CHECK_INPUT: Record<string, string> = {
  [RECORD]: "healthCheckId",
  [RECORDS_EXCLUSIVE]: "resourceRecordSets",
};

/** Sets a health check flowing into the resource may be used by: those whose id is unknown, else any with an id. */
function flowingInto(sets: FailoverSet[]): FailoverSet[] {
  const pending = sets.filter((s) => isUnknown(s.healthCheckId));
  return pending.length > 0
    ? pending
    : sets.filter((s) => typeof s.healthCheckId === "string" && s.healthCheckId !== "");
}

/**
 * The failover role a health check plays for a record resource: the role of the sets naming its known id, else of
 * the sets whose id is unknown when the check flows into the resource; "unknown" when those sets disagree or cannot
 * be read; undefined when no failover set uses it.
 */
export function roleOfHealthCheck(record: GenericResource, hc: GenericResource): string | undefined {
  const sets = failoverSets(record.type, record.inputs);
  const flowsIn = (record.propertyDependencies[HEALTH_CHECK_INPUT[record.type]] ?? []).includes(hc.urn);
  if (sets === "unknown") return flowsIn ? "unknown" : undefined;
  const id = hc.inputs.id;
  const byId = sets.filter((s) => typeof id === "string" && id !== "" && !isUnknown(id) && s.healthCheckId === id);
  const users = byId.length > 0 ? byId : flowsIn ? flowingInto(sets) : [];
  const roles = new Set(users.map((s) => s.role));
  if (roles.size === 0 || (roles.size === 1 && roles.has(undefined))) return undefined;
  return roles.size === 1 ? [...roles][0] : "unknown";
}
