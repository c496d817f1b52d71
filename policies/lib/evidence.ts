// Which buckets hold evidence or backups. Marking is explicit by tag; names are a fallback so a bucket called
// "forensic-evidence" is never missed because someone forgot the tag.
import { isUnknown, obj } from "../../lib/values";

/** Tags that mark a bucket as evidence or backup storage (any of them with value "true"). */
export const EVIDENCE_TAGS = ["hardening:evidence", "hardening:backup"] as const;
/** A `purpose` tag with one of these values marks it too. */
export const PURPOSE_TAGS = ["purpose", "Purpose", "hardening:purpose"] as const;
const PURPOSES = /^(evidence|forensics?|backups?)$/i;
const NAMES = /(evidence|forensic|backup)/i;

export type EvidenceVerdict = "evidence" | "other" | "unknown";

export function classifyBucket(props: Record<string, unknown>, resourceName: string): EvidenceVerdict {
  const tags = obj(props.tags);
  if (EVIDENCE_TAGS.some((t) => tags?.[t] === "true" || tags?.[t] === true)) return "evidence";
  if (PURPOSE_TAGS.some((t) => typeof tags?.[t] === "string" && PURPOSES.test(tags[t] as string))) return "evidence";
  const bucket = props.bucket;
  if (NAMES.test(resourceName) || (typeof bucket === "string" && !isUnknown(bucket) && NAMES.test(bucket)))
    return "evidence";
  return isUnknown(props.tags) ? "unknown" : "other";
}
