// Where an ActionTrail trail keeps the account's audit log. An SLS logstore can be deleted by whoever holds the
// account and takes no WORM lock, so a trail that delivers only there leaves the intruder free to erase the record
// the investigation stands on; the kit's standard is an OSS bucket held by a locked WORM policy (as CloudTrail's S3
// bucket is held by Object Lock). require-evidence-oss-worm judges that bucket's lock.
import { GenericResource } from "../../lib/reachability";
import { Finding, violation } from "./findings";
import { TRAIL_RETENTION_DAYS } from "./trail-buckets";

/** Unset as an engine sends it: absent, null or empty. An unknown value is set (to a value known after apply). */
const unset = (v: unknown) => v === undefined || v === null || v === "";

/** A violation when the trail sends its events to an SLS project and to no OSS bucket. */
export function slsOnlyDelivery(trail: GenericResource): Finding[] {
  const { ossBucketName, slsProjectArn } = trail.inputs;
  if (!unset(ossBucketName) || unset(slsProjectArn)) return [];
  return [
    violation(
      `trail ${trail.name} delivers only to SLS (slsProjectArn, no ossBucketName): an SLS logstore can be deleted and takes no WORM lock, so an intruder can erase the audit log; add ossBucketName naming an OSS bucket held by a Locked oss.BucketWorm of at least ${TRAIL_RETENTION_DAYS} days (the kit's AuditTrail component creates both)`,
    ),
  ];
}
