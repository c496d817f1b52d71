import { GenericResource } from "../../lib/reachability";
import { Finding, unverifiable, violation } from "../lib/findings";
import { appendAll } from "../../lib/arrays";
import { RECORD, RECORDS_EXCLUSIVE, roleOfHealthCheck } from "../lib/route53-failover-sets";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { alarmsOfHealthCheck, METRIC_ALARM } from "../lib/route53-health-check-alarms";
import { TRAFFIC_POLICY } from "../lib/route53-traffic-policy-documents";
import { trafficPolicyRoleOf } from "../lib/route53-traffic-policy-failover";
import {
  alarmOkOnSilence,
  alwaysHealthy,
  childrenFaults,
  disabled,
  HEALTH_CHECK,
  healthyOnSilence,
  inverted,
} from "../lib/route53-health-check-faults";

/** A failover record or traffic policy using a health check, as messages name it. */
interface FailoverUse {
  role: string;
  /** "primary failover record app", "the primary of failover rule r in traffic policy tp". */
  of: string;
  /** The input that decides the role, for notes when it cannot be read: "app.failoverRoutingPolicies". */
  roleField: string;
}

const roleInput = (r: GenericResource) => (r.type === RECORD ? "failoverRoutingPolicies" : "resourceRecordSets");

/** How a failover record or traffic policy uses the health check, or undefined when it does not. */
function useOf(user: GenericResource, hc: GenericResource): FailoverUse | undefined {
  if (user.type === TRAFFIC_POLICY) {
    const used = trafficPolicyRoleOf(user, hc);
    if (!used) return undefined;
    const rules = `failover rule${used.rules.length > 1 ? "s" : ""} ${used.rules.join(", ")}`;
    const of = `the ${used.role.toLowerCase()} of ${rules} in traffic policy ${user.name}`;
    return { role: used.role, of, roleField: `${user.name}.document` };
  }
  const role = roleOfHealthCheck(user, hc);
  if (!role) return undefined;
  const of = `${role.toLowerCase()} failover record ${user.name}`;
  return { role, of, roleField: `${user.name}.${roleInput(user)}` };
}

/**
 * What makes the health check useless to its role for the record or traffic policy. A disabled check is always
 * healthy to Route 53, so a PRIMARY never fails over (a SECONDARY without a working check is allowed, as without
 * one). An inverted check turns healthy into unhealthy for either role.
 */
function judge(use: FailoverUse, hc: GenericResource, resources: GenericResource[]): Finding[] {
  const { role } = use;
  const where = `health check ${hc.name} (of ${use.of})`;
  const problems: string[] = [];
  const findings = inverted(hc, problems);
  if (role !== "SECONDARY") {
    appendAll(findings, disabled(hc, problems));
    appendAll(findings, alwaysHealthy(hc, problems));
    appendAll(findings, healthyOnSilence(hc, alarmsOfHealthCheck(hc, resources), problems));
    appendAll(findings, childrenFaults(hc, resources, problems));
  }
  if (problems.length === 0) return findings;
  if (role === "unknown") return [unverifiable(use.roleField, `health check ${hc.name} ${problems.join("; ")}`)];
  return [...findings, ...problems.map((p) => violation(`${where} ${p}`))];
}

/** The alarm a primary's check follows must leave OK when the metrics stop. */
function judgeAlarm(use: FailoverUse, hc: GenericResource, alarm: GenericResource): Finding[] {
  if (use.role === "SECONDARY") return [];
  const problems: string[] = [];
  const findings = alarmOkOnSilence(hc, alarm, problems);
  if (problems.length === 0) return findings;
  const what = `alarm ${alarm.name} of health check ${hc.name}`;
  if (use.role === "unknown") return [unverifiable(use.roleField, `${what} ${problems[0]}`)];
  return [violation(`${what} (of ${use.of}) ${problems[0]}`)];
}

/** Case step 6: cross-region DNS failover was a lesson of the case; a health check that cannot fail fails it. */
export const requireDnsFailoverHealthCheckEffective = defineStackRule({
  metadata: {
    name: "require-dns-failover-health-check-effective",
    description:
      "Health checks that drive DNS failover must be able to fail: not disabled, inverted, always healthy, or tied to child checks or alarms that cannot report the primary down.",
    details:
      "A Route 53 health check that drives a failover record (a Record, or a record set of RecordsExclusive) or a failover rule of a traffic policy document (named by its Primary or Secondary, or by a branch of a rule either routes to) must be able to fail: for a PRIMARY record or a Primary it must not be disabled, not a calculated check with childHealthThreshold 0 (Route 53 then treats it as always healthy) nor one whose child checks (resolved in the stack by id or by the ids flowing in, each judged by these same tests) cannot fail in the number the threshold needs (more than children minus childHealthThreshold of them; children outside the stack or unknown at preview are a note), not a CloudWatch alarm check with insufficientDataHealthStatus Healthy or LastKnownStatus, or left unset (Route 53 then keeps the last status) unless every alarm of the stack it follows treats missing data as breaching, nor following an alarm of the stack with treatMissingData notBreaching or ignore (each stays healthy when the primary region stops sending metrics); and it must not be inverted for any failover record or rule (checked across the stack, since the health check, its children and its alarm are separate resources).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Set disabled: false (or leave it out) on the aws.route53.HealthCheck used by the PRIMARY failover record, and give a CALCULATED check a childHealthThreshold of at least 1.",
      "Give a CALCULATED check child checks that can fail (enabled, not inverted, not healthy on silence) and created in the same stack, enough of them that fewer than childHealthThreshold stay healthy when the endpoints are down: with N children and threshold T, at least N - T + 1 must be able to fail (T = N needs one).",
      'Set insufficientDataHealthStatus "Unhealthy" on a CLOUDWATCH_METRIC check used by a PRIMARY record (not Healthy or LastKnownStatus; left unset it means LastKnownStatus, accepted only when its alarm treats missing data as "breaching").',
      'Give the aws.cloudwatch.MetricAlarm that a PRIMARY record\'s CLOUDWATCH_METRIC check follows treatMissingData "breaching" (or leave it unset, with insufficientDataHealthStatus "Unhealthy" on the check).',
      "Set invertHealthcheck: false (or leave it out) on health checks used by failover records and traffic policy failover rules.",
      "In a traffic policy document, name in a failover rule's Primary (or in the branches of the rule it routes to) only health checks that pass the checks above.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" }],
    caseStep: 6,
    resourceTypes: [RECORD, RECORDS_EXCLUSIVE, TRAFFIC_POLICY, HEALTH_CHECK, METRIC_ALARM],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const checks = resources.filter((r) => r.type === HEALTH_CHECK);
    return resources
      .filter((r) => r.type === RECORD || r.type === RECORDS_EXCLUSIVE || r.type === TRAFFIC_POLICY)
      .flatMap((user) =>
        checks.flatMap((hc) => {
          const use = useOf(user, hc);
          if (!use) return [];
          // Each finding is reported on the resource to change: the health check, or its alarm.
          return [
            ...judge(use, hc, resources).map((f): StackFinding => ({ ...f, urn: hc.urn })),
            ...alarmsOfHealthCheck(hc, resources).flatMap((alarm) =>
              judgeAlarm(use, hc, alarm).map((f): StackFinding => ({ ...f, urn: alarm.urn })),
            ),
          ];
        }),
      );
  },
});
