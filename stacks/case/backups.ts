// The case's backups: a bucket the intruder could have emptied or encrypted along with everything else.
import * as alicloud from "@pulumi/alicloud";

export function caseBackupBucket(): alicloud.oss.Bucket {
  // Step 4 (encryption for ransom): no WORM retention (oss.BucketWorm), so backups are as mutable as the servers;
  // `forceDestroy` lets one API call delete the bucket with every object in it.
  return new alicloud.oss.Bucket("case-backups", {
    bucket: "logistics-backups-cn-hangzhou",
    forceDestroy: true,
    tags: { purpose: "backup" },
  });
}
