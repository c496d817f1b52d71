// Which buckets hold evidence or backups. The kit marks them with a tag; other teams' conventions (a purpose or
// Name tag, or the bucket's name) are honoured too, so an evidence bucket is never missed for want of one tag.
import { isUnknown, obj } from "../../lib/values";

/** The kit's own markers (value "true"). */
export const EVIDENCE_TAGS = ["hardening:evidence", "hardening:backup"] as const;
const WORDS = /(evidence|forensic|backup)/i;
const YES = /^(true|yes|1)$/i;
/**
 * `backup = "true"` is how AWS Backup plans select the resources they copy (the documented tag-based assignment), and
 * teams name the same selection backup-enabled, BackupPlan, backup_policy, aws-backup…: such a key marks a bucket
 * whose data is backed up, not a store of backups, so neither it nor the plan its value names marks anything.
 */
const BACKUP_SELECTION_KEY =
  /^(aws[-_:]?)?backup([-_:]?(enabled?|plans?|policy|policies|schedules?|selections?|frequency|rules?|tier))?$/i;
/** A value naming a backup schedule ("backup-daily", "nightly_backup", "backups-7d"): how often, not what is kept. */
const BACKUP_SCHEDULE_VALUE =
  /^((hourly|daily|nightly|weekly|monthly|yearly)[-_ ]?backups?|backups?[-_ ]?(hourly|daily|nightly|weekly|monthly|yearly|\d+[hdwmy]))$/i;

/** A Name tag is the bucket's name, so "nightly-backup" there names a store of backups, as the bucket name would. */
const schedule = (key: string, value: string) => !/^name$/i.test(key) && BACKUP_SCHEDULE_VALUE.test(value.trim());

export type EvidenceVerdict = "evidence" | "other" | "unknown";

/**
 * Evidence when a tag key names the purpose with a yes value (`hardening:evidence = "true"`, `backup-store = "yes"`;
 * not a backup selection key such as `backup` or `BackupPlan`), a tag value names it (`purpose = "forensics"`,
 * `Name = "case-evidence"`; not a backup schedule such as "backup-daily" outside a Name tag), or the bucket, its prefix or the resource
 * name contains evidence, forensic or backup.
 */
export function classifyBucket(props: Record<string, unknown>, resourceName: string): EvidenceVerdict {
  const tags = obj(props.tags);
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (isUnknown(value) || BACKUP_SELECTION_KEY.test(key)) continue;
    const yes = value === true || (typeof value === "string" && YES.test(value));
    if (yes && WORDS.test(key)) return "evidence";
    if (typeof value === "string" && WORDS.test(value) && !schedule(key, value)) return "evidence";
  }
  const names = [resourceName, props.bucket, props.bucketPrefix].filter((n) => typeof n === "string" && !isUnknown(n));
  if (names.some((n) => WORDS.test(n as string))) return "evidence";
  return isUnknown(props.tags) || containsUnknownTag(tags) ? "unknown" : "other";
}

/** An unknown value may name evidence, except under a backup selection key, whose value marks nothing. */
function containsUnknownTag(tags: Record<string, unknown> | undefined): boolean {
  return Object.entries(tags ?? {}).some(([key, value]) => isUnknown(value) && !BACKUP_SELECTION_KEY.test(key));
}
