// Which buckets hold evidence or backups. The kit marks them with a tag; other teams' conventions (a purpose or
// Name tag, or the bucket's name) are honoured too, so an evidence bucket is never missed for want of one tag.
import { isUnknown, obj } from "../../lib/values";
import { DefaultTags } from "./provider-default-tags";

/** The kit's own markers (value "true"). */
export const EVIDENCE_TAGS = ["hardening:evidence", "hardening:backup"] as const;
const WORDS = /(evidence|forensic|backup)/i;
/** Yes as teams write it in a tag value, in any case. */
const YES = /^(true|yes|y|1|on|enabled?)$/i;
/**
 * `backup = "true"` is how AWS Backup plans select the resources they copy (the documented tag-based assignment), and
 * teams name the same selection backup-enabled, BackupPlan, backup_policy, aws-backup…: such a key marks a bucket
 * whose data is backed up, not a store of backups: only a value naming evidence there marks the bucket.
 */
const BACKUP_SELECTION_KEY =
  /^(aws[-_:]?)?backup([-_:]?(enabled?|plans?|policy|policies|schedules?|selections?|frequency|rules?|tier))?$/i;
/** A value naming a backup schedule ("backup-daily", "nightly_backup", "backups-7d"): how often, not what is kept. */
const BACKUP_SCHEDULE_VALUE =
  /^((hourly|daily|nightly|weekly|monthly|yearly)[-_ ]?backups?|backups?[-_ ]?(hourly|daily|nightly|weekly|monthly|yearly|\d+[hdwmy]))$/i;
/** A key naming when or how long things are kept, whose value may be a backup schedule. */
const SCHEDULE_KEY = /(schedule|frequency|cadence|retention|window|cron|interval)/i;
/** Words naming what a store holds, read even under a backup selection key ("backup = forensic-evidence"). */
const STORE_WORDS = /(evidence|forensic)/i;

/**
 * Whether one tag marks the bucket. Under a backup selection key only a value naming evidence counts (the key says the
 * bucket is backed up, and its value names the plan); under a schedule key a backup schedule value is how often, not
 * what is kept; any other key or value naming the purpose counts, so `purpose = "nightly-backups"` is a store of
 * backups.
 */
function tagMarks(rawKey: string, value: unknown): boolean {
  if (isUnknown(value)) return false;
  // Tag keys and values may carry surrounding spaces ("backup ", "true "): they name the same thing.
  const key = rawKey.trim();
  const text = typeof value === "string" ? value.trim() : undefined;
  if (BACKUP_SELECTION_KEY.test(key)) return text !== undefined && STORE_WORDS.test(text);
  const yes = value === true || (text !== undefined && YES.test(text));
  if (yes && WORDS.test(key)) return true;
  if (text === undefined || !WORDS.test(text)) return false;
  return !(SCHEDULE_KEY.test(key) && BACKUP_SCHEDULE_VALUE.test(text));
}

export type EvidenceVerdict = "evidence" | "other" | "unknown";

/**
 * Evidence when a tag key names the purpose with a yes value (`hardening:evidence = "true"`, `backup-store = "yes"`;
 * not a backup selection key such as `backup` or `BackupPlan`), a tag value names it (`purpose = "forensics"`,
 * `Name = "case-evidence"`, `backup = "forensic-evidence"`; not a backup schedule such as "backup-daily" under a
 * schedule or selection key), or the bucket, its prefix or the resource name contains evidence, forensic or backup.
 * The provider's default tags count as the bucket's own, under them (provider-default-tags.ts); an own tag map
 * unknown at preview leaves a default tag's mark standing, since only the team's own tag of that key could lift it.
 */
export function classifyBucket(
  props: Record<string, unknown>,
  resourceName: string,
  defaultTags?: DefaultTags,
): EvidenceVerdict {
  const tags = { ...obj(defaultTags), ...obj(props.tags) };
  if (Object.entries(tags).some(([key, value]) => tagMarks(key, value))) return "evidence";
  const names = [resourceName, props.bucket, props.bucketPrefix].filter((n) => typeof n === "string" && !isUnknown(n));
  if (names.some((n) => WORDS.test(n as string))) return "evidence";
  const unknownMap = isUnknown(props.tags) || defaultTags === "unknown";
  return unknownMap || containsUnknownTag(tags) ? "unknown" : "other";
}

/** An unknown value may name evidence, except under a backup selection key, whose value marks nothing. */
function containsUnknownTag(tags: Record<string, unknown>): boolean {
  return Object.entries(tags).some(([key, value]) => isUnknown(value) && !BACKUP_SELECTION_KEY.test(key.trim()));
}
