// How long an AWS Backup plan keeps what it makes: each rule's recovery points for its lifecycle.deleteAfter days, the
// copies of each copy action for that action's own lifecycle.deleteAfter. A recovery point kept a day is gone before
// a hidden intrusion is found. Written to a vault whose lock keeps recovery points longer (its minRetentionDays), the
// job fails instead (AWS Backup refuses a retention below the lock's minimum): backups stop altogether.
import { isUnknown, list, num, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { shown } from "./text-values";

/** What a lifecycle keeps and what fails when a lock outlasts it: a rule's backups, a copy action's copies. */
interface Kept {
  what: string;
  job: string;
  made: string;
}

const BACKUPS: Kept = { what: "recovery points", job: "backup", made: "backups" };
const COPIES: Kept = { what: "copies", job: "copy", made: "copies" };

/**
 * A lifecycle's deleteAfter against the minimum. Left out (no lifecycle, no deleteAfter) AWS Backup keeps recovery
 * points forever; 0 is left out too (the provider sends no DeleteAfterDays), and -1 is AWS's own "keep indefinitely".
 */
function lifecycleRetention(lifecycle: unknown, at: string, min: number, kept: Kept): Finding[] {
  if (isUnknown(lifecycle)) return [unverifiable(`${at}.lifecycle`, `how long ${kept.what} are kept`)];
  const deleteAfter = obj(lifecycle)?.deleteAfter;
  if (isUnknown(deleteAfter)) return [unverifiable(`${at}.lifecycle.deleteAfter`, `how long ${kept.what} are kept`)];
  const days = num(deleteAfter);
  if (days === undefined || days <= 0 || days >= min) return [];
  return [
    violation(
      `${at}.lifecycle.deleteAfter is ${shown(deleteAfter)}: ${kept.what} are deleted after ${days} day${days === 1 ? "" : "s"}, before ${min} days; in a vault locked with a longer minRetentionDays the ${kept.job} job fails instead, so ${kept.made} stop`,
    ),
  ];
}

/** `rules[0] (daily)`: the rule's index in its list, and its name when known. */
export function ruleLabel(rule: unknown, i: number, field = "rules"): string {
  const name = obj(rule)?.ruleName;
  return typeof name === "string" && !isUnknown(name) && name !== "" ? `${field}[${i}] (${name})` : `${field}[${i}]`;
}

function ruleRetention(rule: unknown, i: number, min: number): Finding[] {
  if (isUnknown(rule)) return [unverifiable(`rules[${i}]`, "how long its recovery points are kept")];
  const at = ruleLabel(rule, i);
  const r = obj(rule) ?? {};
  const own = lifecycleRetention(r.lifecycle, at, min, BACKUPS);
  if (isUnknown(r.copyActions)) return [...own, unverifiable(`${at}.copyActions`, "how long copies are kept")];
  const copies = list(r.copyActions).flatMap((action, j) =>
    isUnknown(action)
      ? [unverifiable(`${at}.copyActions[${j}]`, "how long its copies are kept")]
      : lifecycleRetention(obj(action)?.lifecycle, `${at}.copyActions[${j}]`, min, COPIES),
  );
  return [...own, ...copies];
}

/** Every rule and copy action of an aws.backup.Plan that deletes what it keeps before `min` days. */
export function planRetention(props: Record<string, unknown>, min: number): Finding[] {
  if (isUnknown(props.rules)) return [unverifiable("rules", "how long recovery points are kept")];
  return list(props.rules).flatMap((rule, i) => ruleRetention(rule, i, min));
}
