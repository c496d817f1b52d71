// The CloudWatch alarms of the stack a Route 53 CLOUDWATCH_METRIC health check follows (cloudwatchAlarmName and
// cloudwatchAlarmRegion). An alarm the stack does not hold cannot be judged and links to nothing.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { is } from "./text-values";

export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

/** Each resource names its region in provider 7; unset or unknown on either side is taken to match. */
function sameRegion(hc: GenericResource, alarm: GenericResource): boolean {
  const [wanted, actual] = [hc.inputs.cloudwatchAlarmRegion, alarm.inputs.region];
  return !known(wanted) || !known(actual) || is(actual, wanted);
}

/**
 * Alarms the health check names: those whose output flows into cloudwatchAlarmName (at preview a new alarm's name
 * may be unknown), else those with the same known name; either way in the same region when both regions are known.
 */
export function alarmsOfHealthCheck(hc: GenericResource, resources: GenericResource[]): GenericResource[] {
  const flowing = hc.propertyDependencies.cloudwatchAlarmName ?? [];
  const name = hc.inputs.cloudwatchAlarmName;
  return resources.filter(
    (r) =>
      r.type === METRIC_ALARM &&
      (flowing.includes(r.urn) || (known(name) && r.inputs.name === name)) &&
      sameRegion(hc, r),
  );
}
