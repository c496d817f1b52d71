// Which buckets hold evidence or backups. The kit marks them with a tag; other teams' conventions (a purpose or
// Name tag, or the bucket's name) are honoured too, so an evidence bucket is never missed for want of one tag.
import { BoundedMemo } from "../../lib/bounded-memo";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, obj } from "../../lib/values";
import { DefaultTags } from "./provider-default-tags";
import { stackTagsOf } from "./templates/template-stack-tags";

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
  /^(aws[-_:]?|auto(matic|mated)?[-_:]?)?backup([-_:]?(enabled?|plans?|policy|policies|schedules?|selections?|frequency|rules?|tier))?$/i;
/**
 * Words in a key that turn it into an opt-out ("exclude-from-backup", "SkipBackup", "backup-disabled", "opt-out"):
 * whatever its value, such a tag says the bucket is not a store. "no" and "not" negate as the key's first word or
 * before a word naming the purpose ("no-backup", "NotEvidence", "acme:no-backup"): elsewhere they are a number
 * ("case-no").
 */
const NEGATING_WORDS = new Set([
  "skip",
  "skipped",
  "exclude",
  "excluded",
  "exclusion",
  "disable",
  "disabled",
  "without",
  "optout",
]);
const NEGATING_FIRST = new Set(["no", "not", "non", "dont", "never"]);
const JOINED_NO = /^no(backups?|evidence|forensics?)$/;

/**
 * Whether a tag key, or the value of a tag, says the bucket is left out, in any case and spelling (kebab, snake,
 * camel): the same words in either place, so `purpose = "no-backup"` opts out as a `no-backup` key does.
 */
function optsOut(text: string): boolean {
  return optOutTexts.through(text, () => readsAsOptOut(text));
}

/** Each tag key and value is read several times per bucket, and stacks repeat them on every bucket. */
const optOutTexts = new BoundedMemo<string, boolean>(1_000);

function readsAsOptOut(text: string): boolean {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  const optOut = words.some((w, i) => w === "opt" && words[i + 1] === "out");
  const negatesPurpose = words.some((w, i) => NEGATING_FIRST.has(w) && (i === 0 || WORDS.test(words[i + 1] ?? "")));
  return optOut || negatesPurpose || words.some((w) => NEGATING_WORDS.has(w) || JOINED_NO.test(w));
}

/**
 * Keys whose value names the resource rather than declaring what it holds: a name is not a declaration, so a Name tag
 * of "no-backup-archive" opts nothing out (as the bucket's own name does not: see classifyBucket).
 */
const NAME_KEY = /^name$/i;

/** A value that opts the bucket out ("no-backup", "not-evidence", "exclude-from-backup", "backup-disabled"). */
const optOutValue = (key: string, text: string | undefined): boolean =>
  text !== undefined && !NAME_KEY.test(key) && optsOut(text);

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
  if (optsOut(key) || optOutValue(key, text)) return false;
  if (BACKUP_SELECTION_KEY.test(key)) return text !== undefined && STORE_WORDS.test(text);
  if (keyMarks(key, value)) return true;
  if (text === undefined || !WORDS.test(text)) return false;
  return !(SCHEDULE_KEY.test(key) && BACKUP_SCHEDULE_VALUE.test(text));
}

/** A key naming the purpose (not a selection or an opt-out) with a yes value: `backup-store = "yes"`. */
function keyMarks(rawKey: string, value: unknown): boolean {
  const key = rawKey.trim();
  if (!WORDS.test(key) || optsOut(key) || BACKUP_SELECTION_KEY.test(key)) return false;
  return value === true || (typeof value === "string" && YES.test(value.trim()));
}

/** Whether a key may mark the bucket once its value, unknown at preview, is known. */
const keyMayMark = (rawKey: string): boolean => !optsOut(rawKey.trim()) && !BACKUP_SELECTION_KEY.test(rawKey.trim());

/** Whether a default tag's key may mark the bucket by a yes value. */
const defaultKeyMayMark = (rawKey: string): boolean => WORDS.test(rawKey) && keyMayMark(rawKey);

export type EvidenceVerdict = "evidence" | "other" | "unknown";

/**
 * The tags a bucket inherits from layers above it, nearest first (a template stack's tags, then the provider's
 * default tags, as AWS merges a stack's own tags over its provider's defaults): a key the bucket or a nearer layer
 * sets hides the same key farther away. A layer unknown at preview as a whole hides nothing, as the bucket's own
 * unknown tag map does not: only a known tag of that key could lift a farther mark.
 */
function inheritedTags(ownKeys: string[], layers: DefaultTags[]): { tags: [string, unknown][]; unknownLayer: boolean } {
  const hidden = new Set(ownKeys);
  const tags: [string, unknown][] = [];
  for (const layer of layers) {
    const entries = Object.entries(obj(layer) ?? {});
    for (const entry of entries) if (!hidden.has(entry[0])) tags.push(entry);
    for (const [key] of entries) hidden.add(key);
  }
  return { tags, unknownLayer: layers.includes("unknown") };
}

/**
 * Evidence when a tag key names the purpose with a yes value (`hardening:evidence = "true"`, `backup-store = "yes"`;
 * not a backup selection key such as `backup` or `BackupPlan`), a tag value names it (`purpose = "forensics"`,
 * `Name = "case-evidence"`, `backup = "forensic-evidence"`; not a backup schedule such as "backup-daily" under a
 * schedule or selection key), or the bucket, its prefix or the resource name contains evidence, forensic or backup.
 * A key that opts out ("no-backup", "exclude-from-backup", "backup-disabled") marks nothing, whatever its value, and
 * so does a value of those words under any key but Name (`purpose = "no-backup"`, `backup = "not-evidence"`,
 * `role = "excluded-from-backup"`); another tag may still mark the bucket. Names never opt out: a bucket or resource
 * named "no-backup-evidence" still names evidence, since a name is not a declaration of what the bucket holds.
 * The provider's default tags (provider-default-tags.ts) mark a bucket only by a key naming the purpose with a yes
 * value (the kit's own `hardening:evidence = "true"`, `backup-store = "yes"`): a provider tags every resource it
 * makes, so a default value naming a word (`Team = "forensics-lab"`, `Project = "backup-portal"`) says whose they
 * are, not what a bucket holds. A bucket a raw template declares takes its stack's tags (template-stack-tags.ts),
 * which mark it the same way: the bucket's own tag overrides the stack's of that key, and the stack's its provider's
 * default; an own or stack tag map unknown at preview leaves a farther tag's mark standing, since only a known tag
 * of that key could lift it.
 */
export function classifyBucket(
  props: Record<string, unknown>,
  resourceName: string,
  defaultTags?: DefaultTags,
): EvidenceVerdict {
  // @pulumi/policy unwraps secrets; a direct caller may still pass a wrapped tag map, value or name: read it plain.
  const tags = unwrap(props.tags);
  const own = Object.fromEntries(Object.entries(obj(tags) ?? {}).map(([key, value]) => [key, unwrap(value)]));
  const inherited = inheritedTags(Object.keys(own), [stackTagsOf(props), defaultTags]);
  const defaults = inherited.tags;
  if (Object.entries(own).some(([key, value]) => tagMarks(key, value))) return "evidence";
  if (defaults.some(([key, value]) => keyMarks(key, value))) return "evidence";
  // Names are read for the words alone, never for an opt-out: a name is not a declaration.
  const names = [resourceName, props.bucket, props.bucketPrefix]
    .map(unwrap)
    .filter((n) => typeof n === "string" && !isUnknown(n));
  if (names.some((n) => WORDS.test(n as string))) return "evidence";
  const unknownMap = isUnknown(tags) || inherited.unknownLayer;
  const unknownOwn = Object.entries(own).some(([key, value]) => isUnknown(value) && keyMayMark(key));
  const unknownDefault = defaults.some(([key, value]) => isUnknown(value) && defaultKeyMayMark(key.trim()));
  return unknownMap || unknownOwn || unknownDefault ? "unknown" : "other";
}
