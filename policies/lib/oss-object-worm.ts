// OSS object-level WORM (oss.BucketObjectWormConfiguration): like S3 Object Lock, a default retention applied to new
// objects. It protects evidence only when enabled, in COMPLIANCE mode, and long enough.
import { isUnknown, num, obj } from "../../lib/values";
import { at, show } from "./expect";

const DAYS_PER_YEAR = 365;

export interface ObjectWormVerdict {
  problem?: string;
  /** The field unknown at preview, when nothing known is wrong. */
  unknown?: string;
}

/** Undefined when the configuration keeps new objects in COMPLIANCE mode for at least `minDays`. */
export function objectWormProblem(inputs: Record<string, unknown>, minDays: number): ObjectWormVerdict | undefined {
  const problems: string[] = [];
  const unknown: string[] = [];
  const enabled = inputs.objectWormEnabled;
  if (isUnknown(enabled)) unknown.push("objectWormEnabled");
  else if (enabled !== "Enabled") problems.push(`objectWormEnabled is ${show(enabled)}: object WORM is off`);
  const retention = at(inputs, "rule.defaultRetention");
  if (isUnknown(retention)) unknown.push("rule.defaultRetention");
  else if (retention === undefined) problems.push("sets no default retention: new objects are not locked");
  else {
    const d = obj(retention) ?? {};
    if (isUnknown(d.mode)) unknown.push("rule.defaultRetention.mode");
    else if (d.mode !== "COMPLIANCE") problems.push(`mode is ${show(d.mode)}: only COMPLIANCE cannot be lifted`);
    if (isUnknown(d.days) || isUnknown(d.years)) unknown.push("rule.defaultRetention.days");
    else {
      const days = (num(d.days) ?? 0) + (num(d.years) ?? 0) * DAYS_PER_YEAR;
      if (days < minDays) problems.push(`retains objects for ${days} days, less than the minimum of ${minDays}`);
    }
  }
  if (problems.length > 0) return { problem: problems.join("; ") };
  return unknown.length > 0 ? { unknown: unknown[0] } : undefined;
}
