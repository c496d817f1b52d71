// The kit's evidence store: versioned, Object Lock in COMPLIANCE mode, SSE-KMS, no public access, TLS only, kept on
// delete. Ransomware with stolen admin keys can neither delete nor overwrite what is written here before it expires.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isPlain, Problems } from "../validation";
import { denyInsecureTransport, policyDocument, PolicyStatement } from "./iam";

export const EVIDENCE_TAG = "hardening:evidence";

/** S3's general-purpose bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Reports a plain bucket name S3 would refuse, before anything is created: the refusal would otherwise come after the
 * key and the trail or flow log are planned, from the provider. Outputs are left to the provider.
 */
export function checkBucketName(problems: Problems, argument: string, name: unknown): void {
  if (name === undefined || !isPlain(name)) return;
  problems.check(
    typeof name === "string" && BUCKET_NAME.test(name) && !name.includes("..") && !IP_ADDRESS.test(name),
    argument,
    name,
    "3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, not an IP address",
    `omit ${argument} for a stable default, or correct it`,
  );
}

export interface EvidenceBucketArgs {
  /** Globally unique, stable bucket name. */
  bucketName: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  /** Object Lock default retention in days (COMPLIANCE: nobody, root included, can shorten it). */
  retentionDays: number;
  /** Service statements (log delivery, CloudTrail) added to the TLS-only bucket policy; they receive the bucket ARN. */
  serviceStatements: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface EvidenceBucket {
  bucket: aws.s3.Bucket;
  policy: aws.s3.BucketPolicy;
  /** Resources a writer must wait for before delivering objects. */
  ready: pulumi.Resource[];
}

export function createEvidenceBucket(
  name: string,
  args: EvidenceBucketArgs,
  opts: pulumi.CustomResourceOptions,
): EvidenceBucket {
  // Evidence outlives the stack: every piece of its protection is retained too.
  const keep: pulumi.CustomResourceOptions = { ...opts, retainOnDelete: true };
  const bucket = new aws.s3.Bucket(
    name,
    {
      bucket: args.bucketName,
      objectLockEnabled: true,
      tags: pulumi.output(args.tags ?? {}).apply((t) => ({ ...t, [EVIDENCE_TAG]: "true" })),
    },
    keep,
  );
  const child = { ...keep, dependsOn: [bucket] };
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    child,
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    child,
  );
  const lock = new aws.s3.BucketObjectLockConfiguration(
    `${name}-object-lock`,
    {
      bucket: bucket.id,
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: args.retentionDays } },
    },
    { ...child, dependsOn: [versioning] },
  );
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    },
    child,
  );
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: bucket.id,
      policy: policyDocument([
        denyInsecureTransport([bucket.arn, pulumi.interpolate`${bucket.arn}/*`]),
        ...args.serviceStatements(bucket.arn),
      ]),
    },
    { ...child, dependsOn: [publicAccess, ownership] },
  );
  return { bucket, policy, ready: [policy, lock, encryption, versioning, publicAccess] };
}
