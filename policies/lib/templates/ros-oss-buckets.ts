// ROS OSS buckets (ALIYUN::OSS::Bucket) as the Pulumi Alicloud provider's oss.Bucket, which the evidence rules judge:
// a bucket whose name or tags mark evidence or backups needs a WORM lock, and DeletionForce, which empties the bucket
// when the stack is deleted, is the provider's forceDestroy; ALIYUN::OSS::BucketWorm as the provider's BucketWorm.
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, templateBlock, Translation } from "./embedded-resource";

/** ROS takes bucket tags as a map; the `[{ Key, Value }]` list other resources take is read too. */
function bucketTags(tags: unknown): unknown {
  if (tags === undefined || isUnknown(tags)) return tags;
  if (Array.isArray(tags)) return tagMap(tags);
  return typeof tags === "object" && tags !== null ? tags : UNKNOWN;
}

/** `Status` Enabled or Disabled as the provider's `enabled`; unknown at preview stays unknown. */
function enabled(status: unknown): unknown {
  if (status === undefined || isUnknown(status)) return status;
  return status === "Enabled";
}

/** One block (`Expiration`, `AbortMultipartUpload`: Days, CreatedBeforeDate) as the provider's list of one. */
const datedBlock = (v: unknown) =>
  templateBlock(v, (b) => [defined({ days: b.Days, createdBeforeDate: b.CreatedBeforeDate })]);

/** `LifecycleConfiguration.Rule` as the provider's lifecycleRules; rules unknown at preview stay unknown. */
function lifecycleRules(configuration: unknown): unknown {
  const rules = templateBlock(configuration, (c) => c.Rule);
  if (rules === undefined || isUnknown(rules)) return rules;
  return list(rules).map((rule) =>
    templateBlock(rule, (r) =>
      defined({
        id: r.ID,
        prefix: r.Prefix,
        enabled: enabled(r.Status),
        expirations: datedBlock(r.Expiration),
        abortMultipartUploads: datedBlock(r.AbortMultipartUpload),
      }),
    ),
  );
}

const bucket: Translation = (read) => [
  {
    type: "alicloud:oss/bucket:Bucket",
    props: defined({
      bucket: read("BucketName"),
      acl: read("AccessControl"),
      forceDestroy: read("DeletionForce"),
      tags: bucketTags(read("Tags")),
      versioning: templateBlock(read("VersioningConfiguration"), (v) => defined({ status: v.Status })),
      serverSideEncryptionRule: templateBlock(read("ServerSideEncryptionConfiguration"), (s) =>
        defined({ sseAlgorithm: s.SSEAlgorithm, kmsMasterKeyId: s.KMSMasterKeyID }),
      ),
      lifecycleRules: lifecycleRules(read("LifecycleConfiguration")),
      policy: read("Policy"),
      storageClass: read("StorageClass"),
      redundancyType: read("RedundancyType"),
      logging: templateBlock(read("LoggingConfiguration"), (l) =>
        defined({ targetBucket: l.TargetBucket, targetPrefix: l.TargetPrefix }),
      ),
    }),
  },
];

const UNSAID_LOCK_HINT = "ROS does not say whether ALIYUN::OSS::BucketWorm locks the policy it creates";

/**
 * A retention policy on `Bucket` (a name, or `Ref` of a template bucket). Whether ROS locks it is not said, so its
 * status is unknown: the retention it keeps is judged, the lock stays a note.
 */
const bucketWorm: Translation = (read) => [
  {
    type: "alicloud:oss/bucketWorm:BucketWorm",
    props: defined({ bucket: read("Bucket"), retentionPeriodInDays: read("RetentionPeriodInDays"), status: UNKNOWN }),
    hint: UNSAID_LOCK_HINT,
  },
];

export const ROS_OSS_BUCKET_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::OSS::Bucket", bucket],
  ["ALIYUN::OSS::BucketWorm", bucketWorm],
]);
