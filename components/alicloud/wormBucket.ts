// A private, versioned, KMS-encrypted OSS bucket whose objects are locked by a WORM retention policy. Ransomware
// with stolen keys can neither overwrite nor delete what lands here until the retention ends.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { MAX_WORM_DAYS, checkDays } from "../plan/alicloud-retention";
import { validateArgs } from "../validation";

export interface WormBucketOptions {
  bucketName: pulumi.Input<string>;
  wormDays: number;
  /** Lock the WORM policy (irreversible) or leave it InProgress for 24 h of testing. */
  lockWorm: boolean;
  /** Customer master key for SSE-KMS; a new key is created when absent. */
  kmsKeyId?: pulumi.Input<string>;
  tags: Record<string, string>;
  provider?: pulumi.ProviderResource;
}

export interface WormBucket {
  bucket: alicloud.oss.Bucket;
  worm: alicloud.oss.BucketWorm;
  kmsKeyId: pulumi.Output<string>;
}

/** Children: `${name}-key` (when no key is given), `${name}`, `${name}-public-access-block`, `${name}-worm`. */
export function createWormBucket(parent: pulumi.Resource, name: string, opts: WormBucketOptions): WormBucket {
  // Components validate their own arguments; this guards direct callers, before the key or bucket exists.
  validateArgs(`WORM bucket "${name}"`, (problems) => {
    checkDays(problems, "wormDays", opts.wormDays, 1, MAX_WORM_DAYS, "OSS WORM retention is 1 to 25550 days");
    problems.check(
      typeof opts.lockWorm === "boolean",
      "lockWorm",
      opts.lockWorm,
      "true or false",
      "pass true to lock the policy (irreversible) or false for 24 hours of testing",
    );
  });
  const base = { parent, ...(opts.provider ? { provider: opts.provider } : {}) };
  const kmsKeyId = opts.kmsKeyId
    ? pulumi.output(opts.kmsKeyId)
    : new alicloud.kms.Key(
        `${name}-key`,
        {
          description: `Encrypts ${name}`,
          keySpec: "Aliyun_AES_256",
          keyUsage: "ENCRYPT/DECRYPT",
          automaticRotation: "Enabled",
          rotationInterval: "365d",
          pendingWindowInDays: 30,
          deletionProtection: "Enabled",
          tags: opts.tags,
        },
        { ...base, retainOnDelete: true },
      ).id;
  const bucket = new alicloud.oss.Bucket(
    name,
    {
      bucket: opts.bucketName,
      redundancyType: "ZRS",
      storageClass: "Standard",
      // OSS accepts a retention policy on a bucket with versioning Enabled (only Suspended is refused, see
      // InitiateBucketWorm); versions keep overwritten objects recoverable too.
      versioning: { status: "Enabled" },
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: kmsKeyId },
      tags: opts.tags,
    },
    { ...base, retainOnDelete: true },
  );
  new alicloud.oss.BucketPublicAccessBlock(
    `${name}-public-access-block`,
    { bucket: bucket.bucket, blockPublicAccess: true },
    { ...base, retainOnDelete: true },
  );
  const worm = new alicloud.oss.BucketWorm(
    `${name}-worm`,
    { bucket: bucket.bucket, retentionPeriodInDays: opts.wormDays, status: opts.lockWorm ? "Locked" : "InProgress" },
    { ...base, retainOnDelete: true },
  );
  return { bucket, worm, kmsKeyId };
}
