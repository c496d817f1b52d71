// Buckets that receive an audit trail hold evidence by their role, whatever their name or tags: the case's
// investigation stood on the account's audit logs, so the bucket a trail writes to must be as immutable as any.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { ConfigReader } from "./config";
import { classifyBucket } from "./evidence";
import { unverifiable } from "./findings";
import { perListAnswers } from "./per-list-answers";
import { resourceDefaultTags } from "./provider-default-tags";
import { refersTo, StackFinding } from "./stack-rule";
import { shown } from "./text-values";

/** Trails writing to S3 and to OSS, and the field naming the bucket they deliver to. */
export const S3_TRAILS = ["aws:cloudtrail/trail:Trail"];
export const OSS_TRAILS = ["alicloud:actiontrail/trail:Trail", "alicloud:actiontrail/trailDeprecated:TrailDeprecated"];
const DESTINATION: Record<string, string> = {
  ...Object.fromEntries(S3_TRAILS.map((t) => [t, "s3BucketName"])),
  ...Object.fromEntries(OSS_TRAILS.map((t) => [t, "ossBucketName"])),
};

/** The trails of a stack, found once per resource list: every bucket of the stack asks for them. */
const trailsByStack = new WeakMap<readonly GenericResource[], GenericResource[]>();

function trailsOf(resources: readonly GenericResource[]): GenericResource[] {
  let trails = trailsByStack.get(resources);
  if (!trails) {
    trails = resources.filter((r) => DESTINATION[r.type] !== undefined);
    trailsByStack.set(resources, trails);
  }
  return trails;
}

/**
 * True when a trail in the stack delivers to the bucket (by property dependency or equal bucket name). Asked of each
 * bucket by several parts of a check, answered once per check.
 */
export const receivesTrail = perListAnswers((bucket, resources): boolean =>
  trailsOf(resources).some((r) => refersTo(r, DESTINATION[r.type], bucket, ["bucket", "id"])),
);

/**
 * Notes for trails whose bucket the stack does not show: a known name of no bucket in it (existing storage, another
 * account's), or a value unknown at preview that no bucket of the stack explains. The lock that keeps their audit
 * logs cannot be judged, as a flow log's destination outside the stack cannot; failing closed makes each a violation.
 */
export function unseenTrailDestinations(
  resources: readonly GenericResource[],
  trailTypes: readonly string[],
  bucketTypes: readonly string[],
  fix: string,
): StackFinding[] {
  const buckets = resources.filter((r) => bucketTypes.includes(r.type));
  return trailsOf(resources)
    .filter((t) => trailTypes.includes(t.type))
    .flatMap((trail): StackFinding[] => {
      const field = DESTINATION[trail.type];
      const value = trail.inputs[field];
      // No bucket at all is the trail rule's business (CloudTrail requires one; ActionTrail may deliver to SLS).
      if (value === undefined || value === null || value === "") return [];
      if (buckets.some((b) => refersTo(trail, field, b, ["bucket", "id"]))) return [];
      const note = isUnknown(value)
        ? unverifiable(`${field} of trail ${trail.name}`, `it is linked to no bucket of the stack; ${fix}`)
        : unverifiable(
            `the lock of bucket ${shown(value)}`,
            `trail ${trail.name} delivers its audit logs there, outside the stack; ${fix}`,
          );
      return [{ urn: trail.urn, ...note }];
    });
}

/** Evidence by marking (its own or its provider's default tags, or names) or by role (a trail's destination). */
export function holdsEvidence(bucket: GenericResource, resources: readonly GenericResource[]): boolean {
  const marked = classifyBucket(bucket.inputs, bucket.name, resourceDefaultTags(bucket)) === "evidence";
  return marked || receivesTrail(bucket, resources);
}

/** Six months of audit logs (PRC Cybersecurity Law Art. 21(3)), as the kit's audit trail components keep them. */
export const TRAIL_RETENTION_DAYS = 180;

/** The configured minima a rule applies to one evidence bucket: a trail's destination keeps the longer. */
export interface RetentionMinima {
  minRetentionDays: number;
  minTrailRetentionDays: number;
}

/** Days the bucket's lock must keep objects: the trail minimum for a trail's destination, never less than the general. */
export function minimumDaysFor(bucket: GenericResource, resources: readonly GenericResource[], m: RetentionMinima) {
  return receivesTrail(bucket, resources) ? Math.max(m.minRetentionDays, m.minTrailRetentionDays) : m.minRetentionDays;
}

/** Declared and read with the same bounds, so a value the schema accepts is never refused when the rule reads it. */
const MIN_TRAIL_RETENTION_DAYS_BOUNDS = { minimum: 1, maximum: 36500 };

export const TRAIL_RETENTION_SCHEMA = {
  minTrailRetentionDays: {
    type: "integer" as const,
    ...MIN_TRAIL_RETENTION_DAYS_BOUNDS,
    description: `Smallest acceptable retention in days for the bucket an audit trail writes to (${TRAIL_RETENTION_DAYS}).`,
  },
};

/** minTrailRetentionDays as both trail-aware evidence rules read it. */
export const readTrailRetention = (r: ConfigReader): Pick<RetentionMinima, "minTrailRetentionDays"> => ({
  minTrailRetentionDays: r.integer(
    "minTrailRetentionDays",
    TRAIL_RETENTION_DAYS,
    MIN_TRAIL_RETENTION_DAYS_BOUNDS.minimum,
    MIN_TRAIL_RETENTION_DAYS_BOUNDS.maximum,
  ),
});
