import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const RECORD = "aws:route53/record:Record";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

/** PRIMARY / SECONDARY, "unknown" at preview, or undefined for records that do not fail over. */
function failoverRole(p: Record<string, unknown>): string | undefined {
  if (isUnknown(p.failoverRoutingPolicies)) return "unknown";
  const types = list(p.failoverRoutingPolicies).map((x) => (isUnknown(x) ? x : obj(x)?.type));
  if (types.some(isUnknown)) return "unknown";
  const t = types.find((x): x is string => typeof x === "string");
  return t?.toUpperCase();
}

/**
 * What makes the health check useless to the record's role. A disabled check is always healthy to Route 53, so a
 * PRIMARY never fails over (a SECONDARY without a working check is allowed, as without one). An inverted check turns
 * healthy into unhealthy for either role.
 */
function judge(record: GenericResource, role: string, hc: GenericResource): Finding[] {
  const findings: Finding[] = [];
  const where = `health check ${hc.name} (of ${role.toLowerCase()} failover record ${record.name})`;
  const { disabled, invertHealthcheck } = hc.inputs;
  const problems: string[] = [];
  if (isUnknown(invertHealthcheck)) findings.push(unverifiable(`${hc.name}.invertHealthcheck`));
  else if (bool(invertHealthcheck)) problems.push("is inverted (invertHealthcheck): a down endpoint reads healthy");
  if (role !== "SECONDARY") {
    if (isUnknown(disabled)) findings.push(unverifiable(`${hc.name}.disabled`));
    else if (bool(disabled)) problems.push("is disabled: Route 53 treats it as always healthy and never fails over");
  }
  if (problems.length === 0) return findings;
  if (role === "unknown")
    return [unverifiable(`${record.name}.failoverRoutingPolicies`, `health check ${hc.name} ${problems.join("; ")}`)];
  return [...findings, ...problems.map((p) => violation(`${where} ${p}`))];
}

/** Case step 6: cross-region DNS failover was a lesson of the case; a health check that cannot fail fails it. */
export const requireDnsFailoverHealthCheckEffective = defineStackRule({
  metadata: {
    name: "require-dns-failover-health-check-effective",
    description:
      "A Route 53 health check that drives a failover record must be able to fail: not disabled (Route 53 then treats it as always healthy) for a PRIMARY record, and not inverted for any failover record (checked across the stack, since the health check is a separate resource).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Set disabled: false (or leave it out) on the aws.route53.HealthCheck used by the PRIMARY failover record.",
      "Set invertHealthcheck: false (or leave it out) on health checks used by failover records.",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" },
      { framework: "AWS FSBP", id: "Route53.1" },
    ],
    caseStep: 6,
    resourceTypes: [RECORD, HEALTH_CHECK],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const checks = resources.filter((r) => r.type === HEALTH_CHECK);
    return resources
      .filter((r) => r.type === RECORD)
      .flatMap((record) => {
        const role = failoverRole(record.inputs);
        if (!role) return [];
        // Reported on the health check: that is the resource to change.
        return checks
          .filter((hc) => refersTo(record, "healthCheckId", hc, ["id"]))
          .flatMap((hc) => judge(record, role, hc).map((f): StackFinding => ({ ...f, urn: hc.urn })));
      });
  },
});
