import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown, num } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { appendAll } from "../../lib/arrays";
import { RECORD, RECORDS_EXCLUSIVE, roleOfHealthCheck } from "../lib/route53-failover-sets";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { alarmsOfHealthCheck, METRIC_ALARM } from "../lib/route53-health-check-alarms";
import { TRAFFIC_POLICY } from "../lib/route53-traffic-policy-documents";
import { trafficPolicyRoleOf } from "../lib/route53-traffic-policy-failover";
import { is, shown } from "../lib/text-values";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

/** A calculated check needing zero healthy children is healthy whatever its children say. */
function alwaysHealthy(hc: GenericResource, problems: string[]): Finding[] {
  const { type, childHealthThreshold } = hc.inputs;
  if (!isUnknown(type) && !is(type, "CALCULATED")) return [];
  if (isUnknown(childHealthThreshold) || (isUnknown(type) && num(childHealthThreshold) === 0))
    return [unverifiable(`${hc.name}.${isUnknown(type) ? "type" : "childHealthThreshold"}`)];
  if (num(childHealthThreshold) === 0)
    problems.push("is a calculated check with childHealthThreshold 0: Route 53 always considers it healthy");
  return [];
}

/** What a CloudWatch alarm check reads while its alarm has insufficient data, for each setting that keeps it healthy. */
const HEALTHY_ON_SILENCE = new Map([
  ["healthy", "reads healthy"],
  ["lastknownstatus", "keeps its last status (healthy before the outage)"],
]);

/**
 * A CloudWatch alarm check told to read "Healthy", or to keep its last status, on insufficient data stays healthy
 * exactly when the primary region goes silent (its metrics stop arriving), the outage failover is for.
 */
function healthyOnSilence(hc: GenericResource, problems: string[]): Finding[] {
  const { type, insufficientDataHealthStatus: status } = hc.inputs;
  if (!isUnknown(type) && !is(type, "CLOUDWATCH_METRIC")) return [];
  if (isUnknown(status)) return [unverifiable(`${hc.name}.insufficientDataHealthStatus`)];
  const reads = typeof status === "string" ? HEALTHY_ON_SILENCE.get(status.toLowerCase()) : undefined;
  if (reads === undefined) return [];
  if (isUnknown(type)) return [unverifiable(`${hc.name}.type`)];
  problems.push(
    `${reads} when its alarm has insufficient data (insufficientDataHealthStatus ${shown(status)}), as when the primary region stops sending metrics: set it to "Unhealthy"`,
  );
  return [];
}

/**
 * Missing data an alarm treats as "notBreaching" (OK) or "ignore" (state kept, OK before the outage) keeps it OK
 * when the primary region stops sending metrics. Unset ("missing") leaves it INSUFFICIENT_DATA, which the health
 * check's insufficientDataHealthStatus then decides (judged above).
 */
function alarmOkOnSilence(hc: GenericResource, alarm: GenericResource, problems: string[]): Finding[] {
  const { treatMissingData } = alarm.inputs;
  if (!isUnknown(hc.inputs.type) && !is(hc.inputs.type, "CLOUDWATCH_METRIC")) return [];
  if (isUnknown(treatMissingData)) return [unverifiable(`${alarm.name}.treatMissingData`)];
  if (!is(treatMissingData, "notBreaching") && !is(treatMissingData, "ignore")) return [];
  if (isUnknown(hc.inputs.type)) return [unverifiable(`${hc.name}.type`)];
  problems.push(
    `stays OK when the primary region stops sending metrics (treatMissingData ${shown(treatMissingData)}): set treatMissingData "breaching"`,
  );
  return [];
}

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
function judge(use: FailoverUse, hc: GenericResource): Finding[] {
  const { role } = use;
  const findings: Finding[] = [];
  const where = `health check ${hc.name} (of ${use.of})`;
  const { disabled, invertHealthcheck } = hc.inputs;
  const problems: string[] = [];
  if (isUnknown(invertHealthcheck)) findings.push(unverifiable(`${hc.name}.invertHealthcheck`));
  else if (bool(invertHealthcheck)) problems.push("is inverted (invertHealthcheck): a down endpoint reads healthy");
  if (role !== "SECONDARY") {
    if (isUnknown(disabled)) findings.push(unverifiable(`${hc.name}.disabled`));
    else if (bool(disabled)) problems.push("is disabled: Route 53 treats it as always healthy and never fails over");
    appendAll(findings, alwaysHealthy(hc, problems));
    appendAll(findings, healthyOnSilence(hc, problems));
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
      "A Route 53 health check that drives a failover record (a Record, or a record set of RecordsExclusive) or a failover rule of a traffic policy document (named by its Primary or Secondary, or by a branch of a rule either routes to) must be able to fail: not disabled, not a calculated check with childHealthThreshold 0 (Route 53 then treats it as always healthy) and not a CloudWatch alarm check with insufficientDataHealthStatus Healthy or LastKnownStatus, nor following an alarm of the stack with treatMissingData notBreaching or ignore (each stays healthy when the primary region stops sending metrics) for a PRIMARY record or a Primary, and not inverted for any failover record or rule (checked across the stack, since the health check and its alarm are separate resources).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Set disabled: false (or leave it out) on the aws.route53.HealthCheck used by the PRIMARY failover record; give a CALCULATED check a childHealthThreshold of at least 1, and a CLOUDWATCH_METRIC check insufficientDataHealthStatus Unhealthy (not Healthy or LastKnownStatus).",
      'Give the aws.cloudwatch.MetricAlarm that a PRIMARY record\'s CLOUDWATCH_METRIC check follows treatMissingData "breaching" (or leave it unset, with insufficientDataHealthStatus Unhealthy on the check).',
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
            ...judge(use, hc).map((f): StackFinding => ({ ...f, urn: hc.urn })),
            ...alarmsOfHealthCheck(hc, resources).flatMap((alarm) =>
              judgeAlarm(use, hc, alarm).map((f): StackFinding => ({ ...f, urn: alarm.urn })),
            ),
          ];
        }),
      );
  },
});
