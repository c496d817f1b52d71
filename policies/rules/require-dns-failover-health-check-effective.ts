import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown, num } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { RECORD, RECORDS_EXCLUSIVE, roleOfHealthCheck } from "../lib/route53-failover-sets";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { alarmsOfHealthCheck, METRIC_ALARM } from "../lib/route53-health-check-alarms";
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

const roleInput = (r: GenericResource) => (r.type === RECORD ? "failoverRoutingPolicies" : "resourceRecordSets");

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
    findings.push(...alwaysHealthy(hc, problems), ...healthyOnSilence(hc, problems));
  }
  if (problems.length === 0) return findings;
  if (role === "unknown")
    return [unverifiable(`${record.name}.${roleInput(record)}`, `health check ${hc.name} ${problems.join("; ")}`)];
  return [...findings, ...problems.map((p) => violation(`${where} ${p}`))];
}

/** The alarm a PRIMARY record's check follows must leave OK when the metrics stop. */
function judgeAlarm(record: GenericResource, role: string, hc: GenericResource, alarm: GenericResource): Finding[] {
  if (role === "SECONDARY") return [];
  const problems: string[] = [];
  const findings = alarmOkOnSilence(hc, alarm, problems);
  if (problems.length === 0) return findings;
  const what = `alarm ${alarm.name} of health check ${hc.name}`;
  if (role === "unknown") return [unverifiable(`${record.name}.${roleInput(record)}`, `${what} ${problems[0]}`)];
  return [violation(`${what} (of ${role.toLowerCase()} failover record ${record.name}) ${problems[0]}`)];
}

/** Case step 6: cross-region DNS failover was a lesson of the case; a health check that cannot fail fails it. */
export const requireDnsFailoverHealthCheckEffective = defineStackRule({
  metadata: {
    name: "require-dns-failover-health-check-effective",
    description:
      "A Route 53 health check that drives a failover record (a Record, or a record set of RecordsExclusive) must be able to fail: not disabled, not a calculated check with childHealthThreshold 0 (Route 53 then treats it as always healthy) and not a CloudWatch alarm check with insufficientDataHealthStatus Healthy or LastKnownStatus, nor following an alarm of the stack with treatMissingData notBreaching or ignore (each stays healthy when the primary region stops sending metrics) for a PRIMARY record, and not inverted for any failover record (checked across the stack, since the health check and its alarm are separate resources).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Set disabled: false (or leave it out) on the aws.route53.HealthCheck used by the PRIMARY failover record; give a CALCULATED check a childHealthThreshold of at least 1, and a CLOUDWATCH_METRIC check insufficientDataHealthStatus Unhealthy (not Healthy or LastKnownStatus).",
      'Give the aws.cloudwatch.MetricAlarm that a PRIMARY record\'s CLOUDWATCH_METRIC check follows treatMissingData "breaching" (or leave it unset, with insufficientDataHealthStatus Unhealthy on the check).',
      "Set invertHealthcheck: false (or leave it out) on health checks used by failover records.",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" },
      { framework: "AWS FSBP", id: "Route53.1" },
    ],
    caseStep: 6,
    resourceTypes: [RECORD, RECORDS_EXCLUSIVE, HEALTH_CHECK, METRIC_ALARM],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const checks = resources.filter((r) => r.type === HEALTH_CHECK);
    return resources
      .filter((r) => r.type === RECORD || r.type === RECORDS_EXCLUSIVE)
      .flatMap((record) =>
        checks.flatMap((hc) => {
          const role = roleOfHealthCheck(record, hc);
          if (!role) return [];
          // Each finding is reported on the resource to change: the health check, or its alarm.
          return [
            ...judge(record, role, hc).map((f): StackFinding => ({ ...f, urn: hc.urn })),
            ...alarmsOfHealthCheck(hc, resources).flatMap((alarm) =>
              judgeAlarm(record, role, hc, alarm).map((f): StackFinding => ({ ...f, urn: alarm.urn })),
            ),
          ];
        }),
      );
  },
});
