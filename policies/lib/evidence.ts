// Which buckets hold evidence or backups. The kit marks them with a tag; other teams' conventions (a purpose or
// Name tag, or the bucket's name) are honoured too, so an evidence bucket is never missed for want of one tag.
import { isUnknown, obj } from "../../lib/values";

/** The kit's own markers (value "true"). */
export const EVIDENCE_TAGS = ["hardening:evidence", "hardening:backup"] as const;
const WORDS = /(evidence|forensic|backup)/i;
const YES = /^(true|yes|1)$/i;
/**
 * `backup = "true"` is how AWS Backup plans select the resources they copy (the documented tag-based assignment):
 * it marks a bucket whose data is backed up, not a store of backups, so that key alone marks nothing.
 */
const BACKUP_SELECTION_KEY = /^backup$/i;

export type EvidenceVerdict = "evidence" | "other" | "unknown";

/**
 * Evidence when a tag key names the purpose with a yes value (`hardening:evidence = "true"`, `backup-store = "yes"`;
 * not the plain `backup` key of AWS Backup's selections),
 * a tag value names it (`purpose = "forensics"`, `Name = "case-evidence"`), or the bucket, its prefix or the
 * resource name contains evidence, forensic or backup.
 */
export function classifyBucket(props: Record<string, unknown>, resourceName: string): EvidenceVerdict {
  const tags = obj(props.tags);
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (isUnknown(value)) continue;
    const yes = value === true || (typeof value === "string" && YES.test(value));
    if (yes && WORDS.test(key) && !BACKUP_SELECTION_KEY.test(key)) return "evidence";
    if (typeof value === "string" && WORDS.test(value)) return "evidence";
  }
  const names = [resourceName, props.bucket, props.bucketPrefix].filter((n) => typeof n === "string" && !isUnknown(n));
  if (names.some((n) => WORDS.test(n as string))) return "evidence";
  return isUnknown(props.tags) || containsUnknownTag(tags) ? "unknown" : "other";
}

function containsUnknownTag(tags: Record<string, unknown> | undefined): boolean {
  return Object.values(tags ?? {}).some(isUnknown);
}
