// Failover in a Route 53 traffic policy document, as Route 53 decides it: a failover rule's Primary fails over only
// when Route 53 can see it fail. A branch can fail when it names a HealthCheck, or evaluates target health
// (EvaluateTargetHealth true) of an endpoint whose health Route 53 reads (load balancers, Elastic Beanstalk, S3
// websites; not a plain value or CloudFront), or routes to a rule every branch of which can fail: a latency, geo…
// rule with one branch that never fails keeps the clients routed there on the primary. EvaluateTargetHealth false
// on a rule reference ignores that rule's health; left out, the rule's own branches decide.
import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown } from "../../lib/values";
import { isTrue } from "./expect";
import {
  Branch,
  branchesOf,
  failoverBranch,
  failoverRules,
  healthCheckOf,
  parseTrafficPolicyDocument,
  referenceOf,
  TrafficPolicyDocument,
} from "./route53-traffic-policy-documents";
import { shown } from "./text-values";

/** Endpoint types whose target health Route 53 evaluates (alias targets that report health). */
const TARGET_HEALTH_TYPES = new Set([
  "elastic-load-balancer",
  "application-load-balancer",
  "network-load-balancer",
  "elastic-beanstalk",
  "s3-website",
]);

/** Whether Route 53 can see a branch or rule fail: yes, why never, or why the document cannot be judged. */
export type Verdict = { can: true } | { never: string } | { invalid: string };

const CAN: Verdict = { can: true };

/** Judges branches and rules of one document; a rule's verdict is remembered (rules may share sub-rules). */
class FailoverReader {
  private readonly verdicts = new Map<string, Verdict>();
  private readonly driverIds = new Map<string, string[]>();
  private readonly visiting = new Set<string>();

  constructor(private readonly doc: TrafficPolicyDocument) {}

  branch(b: Branch): Verdict {
    if (healthCheckOf(b) !== undefined) return CAN;
    const ref = referenceOf(b);
    if ("invalid" in ref) return ref;
    const evaluates = b.fields.EvaluateTargetHealth;
    if ("endpoint" in ref) {
      const endpoint = this.doc.endpoints.get(ref.endpoint);
      if (!endpoint)
        return { invalid: `${b.at} refers to endpoint ${ref.endpoint}, which the document does not define` };
      if (!isTrue(evaluates)) return { never: `${b.at} has no HealthCheck and does not set EvaluateTargetHealth true` };
      const type = endpoint.Type;
      if (typeof type === "string" && TARGET_HEALTH_TYPES.has(type.toLowerCase())) return CAN;
      return {
        never: `${b.at} has no HealthCheck; endpoint ${ref.endpoint} is of type ${shown(type)}, whose health Route 53 cannot evaluate`,
      };
    }
    if (bool(evaluates) === false)
      return { never: `${b.at} has no HealthCheck and sets EvaluateTargetHealth false on rule ${ref.rule}` };
    const nested = this.rule(ref.rule);
    return "never" in nested ? { never: `${b.at} routes to rule ${ref.rule}, and ${nested.never}` } : nested;
  }

  /** A rule can fail only when every branch can: one that never fails keeps its share of clients. */
  rule(id: string): Verdict {
    const known = this.verdicts.get(id);
    if (known) return known;
    if (this.visiting.has(id)) return { invalid: `rule ${id} routes back to itself` };
    const rule = this.doc.rules.get(id);
    if (!rule) return { invalid: `rule ${id} is not defined in the document` };
    const branches = branchesOf(id, rule);
    if ("invalid" in branches) return branches;
    this.visiting.add(id);
    const verdicts = branches.map((b) => this.branch(b));
    this.visiting.delete(id);
    const verdict = verdicts.find((v) => "never" in v) ?? verdicts.find((v) => "invalid" in v) ?? CAN;
    this.verdicts.set(id, verdict);
    return verdict;
  }

  /** Health check ids a branch's health follows: its own, else those of the rule it routes to (not ignored). */
  drivers(b: Branch): string[] {
    const own = healthCheckOf(b);
    if (own !== undefined) return [own];
    const ref = referenceOf(b);
    return "rule" in ref && bool(b.fields.EvaluateTargetHealth) !== false ? this.ruleDrivers(ref.rule) : [];
  }

  private ruleDrivers(id: string): string[] {
    const known = this.driverIds.get(id);
    if (known) return known;
    const rule = this.doc.rules.get(id);
    // A loop or a rule Route 53 would reject: the document is judged (as undeployable) by the resource rule.
    if (!rule || this.visiting.has(id)) return [];
    const branches = branchesOf(id, rule);
    if ("invalid" in branches) return [];
    this.visiting.add(id);
    const ids = [...new Set(branches.flatMap((b) => this.drivers(b)))];
    this.visiting.delete(id);
    this.driverIds.set(id, ids);
    return ids;
  }
}

/** The verdict on each failover rule's Primary, and on a missing Secondary (Route 53 requires one), by rule id. */
export function failoverPrimaries(doc: TrafficPolicyDocument): { rule: string; verdict: Verdict }[] {
  const reader = new FailoverReader(doc);
  return failoverRules(doc).flatMap(([rule, body]) => {
    const primary = failoverBranch(rule, body, "Primary");
    const secondary = failoverBranch(rule, body, "Secondary");
    const verdicts = ["invalid" in primary ? primary : reader.branch(primary)];
    if ("invalid" in secondary) verdicts.push(secondary);
    return verdicts.map((verdict) => ({ rule, verdict }));
  });
}

export type FailoverRole = "PRIMARY" | "SECONDARY";

/** A health check id a failover rule's Primary or Secondary follows. */
export interface HealthCheckUse {
  id: string;
  role: FailoverRole;
  rule: string;
}

/** Every health check id the document's failover rules follow, with the role it plays. */
export function healthCheckUses(doc: TrafficPolicyDocument): HealthCheckUse[] {
  const reader = new FailoverReader(doc);
  return failoverRules(doc).flatMap(([rule, body]) =>
    (["Primary", "Secondary"] as const).flatMap((side) => {
      const b = failoverBranch(rule, body, side);
      if ("invalid" in b) return [];
      const role: FailoverRole = side === "Primary" ? "PRIMARY" : "SECONDARY";
      return reader.drivers(b).map((id) => ({ id, role, rule }));
    }),
  );
}

/** The role a health check plays in a traffic policy, and the failover rules it plays it for. */
export interface TrafficPolicyRole {
  role: FailoverRole | "unknown";
  rules: string[];
}

function roleOf(uses: HealthCheckUse[], unsure: boolean): TrafficPolicyRole | undefined {
  if (uses.length === 0) return undefined;
  const roles = new Set(uses.map((u) => u.role));
  // Known to follow a primary: judged as the primary's, whatever else it does.
  const role = roles.size === 1 ? [...roles][0] : unsure ? "unknown" : "PRIMARY";
  const rules = uses.filter((u) => role === "unknown" || u.role === role).map((u) => u.rule);
  return { role, rules: [...new Set(rules)] };
}

/**
 * The role a stack health check plays in a traffic policy: that of the failover branches naming its known id; else,
 * when it flows into `document` (at preview its id is unknown), of every branch naming a health check ("unknown"
 * when those disagree, or when the document itself is unknown); undefined when no failover rule follows it.
 */
export function trafficPolicyRoleOf(tp: GenericResource, hc: GenericResource): TrafficPolicyRole | undefined {
  const parsed = parseTrafficPolicyDocument(tp.inputs.document);
  const flowsIn = (tp.propertyDependencies.document ?? []).includes(hc.urn);
  if (parsed === "unknown") return flowsIn ? { role: "unknown", rules: [] } : undefined;
  if (parsed === undefined || "invalid" in parsed) return undefined;
  const uses = healthCheckUses(parsed.document);
  const id = hc.inputs.id;
  const byId = typeof id === "string" && id !== "" && !isUnknown(id) ? uses.filter((u) => u.id === id) : [];
  if (byId.length > 0) return roleOf(byId, false);
  return flowsIn ? roleOf(uses, true) : undefined;
}
