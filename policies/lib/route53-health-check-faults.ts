// Why a Route 53 health check stays healthy while the endpoint it stands for is down: the judgements
// require-dns-failover-health-check-effective makes of the check a PRIMARY uses, and of each child of a calculated
// check. Each judgement pushes what it found into `problems` and returns notes for values unknown at preview.
import { appendAll } from "../../lib/arrays";
import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown, num } from "../../lib/values";
import { Finding, unverifiable } from "./findings";
import { alarmsOfHealthCheck } from "./route53-health-check-alarms";
import { calculatedChildren } from "./route53-calculated-checks";
import { is, shown } from "./text-values";

export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

/** An inverted check reads a down endpoint as healthy (and a working one as unhealthy), whatever its role. */
export function inverted(hc: GenericResource, problems: string[]): Finding[] {
  const { invertHealthcheck } = hc.inputs;
  if (isUnknown(invertHealthcheck)) return [unverifiable(`${hc.name}.invertHealthcheck`)];
  if (bool(invertHealthcheck)) problems.push("is inverted (invertHealthcheck): a down endpoint reads healthy");
  return [];
}

/** Route 53 treats a disabled check as healthy. */
export function disabled(hc: GenericResource, problems: string[]): Finding[] {
  const { disabled: off } = hc.inputs;
  if (isUnknown(off)) return [unverifiable(`${hc.name}.disabled`)];
  if (bool(off)) problems.push("is disabled: Route 53 treats it as always healthy and never fails over");
  return [];
}

/** A calculated check needing zero healthy children is healthy whatever its children say. */
export function alwaysHealthy(hc: GenericResource, problems: string[]): Finding[] {
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

/** Route 53's reading of insufficientDataHealthStatus when the program leaves it out. */
const DEFAULT_INSUFFICIENT_DATA_STATUS = "LastKnownStatus";

/**
 * Whether the alarms a check follows all leave OK for ALARM when their metrics stop (treatMissingData "breaching"),
 * so the check fails before its insufficient-data status matters: "unknown" while a treatMissingData is unknown
 * (the alarm's own judgement notes it).
 */
function alarmsBreachOnSilence(alarms: GenericResource[]): boolean | "unknown" {
  const settings = alarms.map((a) => a.inputs.treatMissingData);
  if (settings.length === 0 || settings.some((s) => !isUnknown(s) && !is(s, "breaching"))) return false;
  return settings.some(isUnknown) ? "unknown" : true;
}

/**
 * A CloudWatch alarm check told to read "Healthy", or to keep its last status, on insufficient data stays healthy
 * exactly when the primary region goes silent (its metrics stop arriving), the outage failover is for. Left unset,
 * Route 53 keeps the last status too; that is accepted only while every alarm of the stack it follows treats
 * missing data as breaching (the alarm then goes to ALARM instead of INSUFFICIENT_DATA). An explicit healthy
 * reading is refused whatever the alarm says, as before.
 */
export function healthyOnSilence(hc: GenericResource, alarms: GenericResource[], problems: string[]): Finding[] {
  const { type, insufficientDataHealthStatus: status } = hc.inputs;
  if (!isUnknown(type) && !is(type, "CLOUDWATCH_METRIC")) return [];
  if (isUnknown(status)) return [unverifiable(`${hc.name}.insufficientDataHealthStatus`)];
  const unset = status === undefined || status === null || status === "";
  const effective = unset ? DEFAULT_INSUFFICIENT_DATA_STATUS : status;
  const reads = typeof effective === "string" ? HEALTHY_ON_SILENCE.get(effective.toLowerCase()) : undefined;
  if (reads === undefined) return [];
  if (unset && alarmsBreachOnSilence(alarms) !== false) return [];
  if (isUnknown(type)) return [unverifiable(`${hc.name}.type`)];
  problems.push(
    unset
      ? `leaves insufficientDataHealthStatus unset, which Route 53 reads as "LastKnownStatus": it ${reads} when its alarm has insufficient data, as when the primary region stops sending metrics, and no alarm of the stack it follows treats missing data as "breaching": set insufficientDataHealthStatus "Unhealthy" (or treatMissingData "breaching" on the alarm)`
      : `${reads} when its alarm has insufficient data (insufficientDataHealthStatus ${shown(status)}), as when the primary region stops sending metrics: set it to "Unhealthy"`,
  );
  return [];
}

/**
 * Missing data an alarm treats as "notBreaching" (OK) or "ignore" (state kept, OK before the outage) keeps it OK
 * when the primary region stops sending metrics. Unset ("missing") leaves it INSUFFICIENT_DATA, which the health
 * check's insufficientDataHealthStatus then decides (judged above).
 */
export function alarmOkOnSilence(hc: GenericResource, alarm: GenericResource, problems: string[]): Finding[] {
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

const healthChecksOf = (resources: GenericResource[]) => resources.filter((r) => r.type === HEALTH_CHECK);

/** Each child judged once per stack: calculated checks sharing children (or nested deep) need not judge them again. */
const judgedChildren = new WeakMap<GenericResource[], Map<string, Faults>>();

/**
 * A calculated check whose children cannot fail in the number its threshold needs; each child is judged as a
 * PRIMARY's check (primaryFaults), `seen` holding the calculated checks above it so that a loop stops with a note.
 */
export function childrenFaults(
  hc: GenericResource,
  resources: GenericResource[],
  problems: string[],
  seen: ReadonlySet<string> = new Set(),
): Finding[] {
  const above = new Set([...seen, hc.urn]);
  const memo = judgedChildren.get(resources) ?? new Map<string, Faults>();
  judgedChildren.set(resources, memo);
  return calculatedChildren(hc, healthChecksOf(resources), problems, (child) => {
    if (above.has(child.urn))
      return {
        problems: [],
        notes: [unverifiable(`${child.name}.childHealthchecks`, "calculated checks nest in a loop")],
      };
    const faults = memo.get(child.urn) ?? primaryFaults(child, resources, above);
    memo.set(child.urn, faults);
    return faults;
  });
}

/** Why a check stays healthy with its endpoint down, and the notes that could hide more. */
export interface Faults {
  problems: string[];
  notes: Finding[];
}

/**
 * Every reason the check stays healthy through an outage, judged as for a PRIMARY: itself, the alarms it follows
 * and, for a calculated check, its children (each judged the same way; `seen` stops a loop of calculated checks).
 */
export function primaryFaults(
  hc: GenericResource,
  resources: GenericResource[],
  seen: ReadonlySet<string> = new Set(),
): Faults {
  const problems: string[] = [];
  const alarms = alarmsOfHealthCheck(hc, resources);
  const notes = [
    ...inverted(hc, problems),
    ...disabled(hc, problems),
    ...alwaysHealthy(hc, problems),
    ...healthyOnSilence(hc, alarms, problems),
    ...alarms.flatMap((alarm) => {
      const found: string[] = [];
      const alarmNotes = alarmOkOnSilence(hc, alarm, found);
      appendAll(
        problems,
        found.map((p) => `follows alarm ${alarm.name}, which ${p}`),
      );
      return alarmNotes;
    }),
    ...childrenFaults(hc, resources, problems, seen),
  ];
  return { problems, notes };
}
