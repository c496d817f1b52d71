// Where an ActionTrail trail keeps the account's audit log. An SLS logstore can be deleted by whoever holds the
// account and takes no WORM lock, so a trail that delivers only there leaves the intruder free to erase the record
// the investigation stands on; a trail that delivers nowhere keeps nothing beyond the console's event history. The
// kit's standard is an OSS bucket held by a locked WORM policy (as CloudTrail's S3 bucket is held by Object Lock).
// require-evidence-oss-worm judges that bucket's lock.
import { GenericResource } from "../../lib/reachability";
import { Finding, violation } from "./findings";
import { TRAIL_RETENTION_DAYS } from "./trail-buckets";

/** Unset as an engine sends it: absent, null or empty. An unknown value is set (to a value known after apply). */
const unset = (v: unknown) => v === undefined || v === null || v === "";

/** Destinations a trail may send events to beside its OSS bucket, none of which keeps them from deletion. */
const ERASABLE_DESTINATIONS = [
  { field: "slsProjectArn", service: "SLS", why: "an SLS logstore can be deleted and takes no WORM lock" },
  {
    field: "maxComputeProjectArn",
    service: "MaxCompute",
    why: "a MaxCompute table can be dropped and takes no WORM lock",
  },
];

const FIX = `add ossBucketName naming an OSS bucket held by a Locked oss.BucketWorm of at least ${TRAIL_RETENTION_DAYS} days (the kit's AuditTrail component creates both)`;

/**
 * Why the trail does not keep the audit log durably: a violation when it delivers to no OSS bucket, whether it sends
 * its events only to SLS or MaxCompute or nowhere at all; none when it names a bucket (even one known after apply).
 */
export function deliveryGaps(trail: GenericResource): Finding[] {
  if (!unset(trail.inputs.ossBucketName)) return [];
  const others = ERASABLE_DESTINATIONS.filter((d) => !unset(trail.inputs[d.field]));
  if (others.length === 0)
    return [
      violation(
        `trail ${trail.name} delivers nowhere (no ossBucketName, slsProjectArn or maxComputeProjectArn): nothing keeps its events beyond the 90 days of ActionTrail's event history; ${FIX}`,
      ),
    ];
  const services = others.map((d) => d.service).join(" and ");
  const fields = others.map((d) => d.field).join(", ");
  const why = others.map((d) => d.why).join("; ");
  return [
    violation(
      `trail ${trail.name} delivers only to ${services} (${fields}, no ossBucketName): ${why}, so an intruder can erase the audit log; ${FIX}`,
    ),
  ];
}

/** The trail keeps the account's audit log where require-evidence-oss-worm can lock it. */
export const deliversDurably = (trail: GenericResource): boolean => deliveryGaps(trail).length === 0;
