// Buckets that receive an audit trail hold evidence by their role, whatever their name or tags: the case's
// investigation stood on the account's audit logs, so the bucket a trail writes to must be as immutable as any.
import { GenericResource } from "../../lib/reachability";
import { classifyBucket } from "./evidence";
import { refersTo } from "./stack-rule";

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

/** True when a trail in the stack delivers to the bucket (by property dependency or equal bucket name). */
export function receivesTrail(bucket: GenericResource, resources: readonly GenericResource[]): boolean {
  return trailsOf(resources).some((r) => refersTo(r, DESTINATION[r.type], bucket, ["bucket", "id"]));
}

/** Evidence by marking (tags or names) or by role (a trail's destination). */
export function holdsEvidence(bucket: GenericResource, resources: readonly GenericResource[]): boolean {
  return classifyBucket(bucket.inputs, bucket.name) === "evidence" || receivesTrail(bucket, resources);
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

export const TRAIL_RETENTION_SCHEMA = {
  minTrailRetentionDays: {
    type: "integer" as const,
    minimum: 1,
    description: `Smallest acceptable retention in days for the bucket an audit trail writes to (${TRAIL_RETENTION_DAYS}).`,
  },
};
