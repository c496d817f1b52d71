// S3 Object Lock and OSS object WORM keep new objects for a default retention given in days or in years; the evidence
// rules read both as days, a year counted as 365, so the per-resource and the stack rules, their minRetentionDays set
// alike, hold them to one minimum.
import { appendAll } from "../../lib/arrays";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, list, num, obj } from "../../lib/values";
import { at } from "./expect";

const DAYS_PER_YEAR = 365;

/**
 * Days a default retention (`{ days }` or `{ years }`) keeps new objects: 0 when neither is set, "unknown" when either
 * is unknown at preview. Numbers may be text ("30"); a direct caller may pass a secret still wrapped (@pulumi/policy
 * unwraps them before rules run).
 */
export function defaultRetentionDays(retention: unknown): number | "unknown" {
  const fields = obj(unwrap(retention)) ?? {};
  const days = unwrap(fields.days);
  const years = unwrap(fields.years);
  if (isUnknown(days) || isUnknown(years)) return "unknown";
  return (num(days) ?? 0) + (num(years) ?? 0) * DAYS_PER_YEAR;
}

/** A retention given in days alone (an OSS BucketWorm's retentionPeriodInDays): 0 when unset, else as above. */
export const retentionPeriodDays = (days: unknown): number | "unknown" => defaultRetentionDays({ days });

/**
 * The default retentions of a bucket's deprecated inline Object Lock configuration: Bucket's single
 * `objectLockConfiguration.rule.defaultRetention`, BucketV2's `objectLockConfiguration.rules[].defaultRetentions[]`. A
 * block or list unknown at preview is one retention unknown at preview; null is how an engine may send an unset block.
 */
export function inlineDefaultRetentions(inputs: Record<string, unknown>): unknown[] {
  const single = at(inputs, "objectLockConfiguration.rule.defaultRetention");
  const rules = at(inputs, "objectLockConfiguration.rules");
  const found: unknown[] = single === undefined || single === null ? [] : [single];
  if (isUnknown(rules)) return [...found, rules];
  for (const rule of list(rules)) {
    const retentions = isUnknown(rule) ? rule : obj(rule)?.defaultRetentions;
    appendAll(found, isUnknown(retentions) ? [retentions] : list(retentions));
  }
  return found;
}
