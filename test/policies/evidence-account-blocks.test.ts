// An account's block of public access covers only the buckets of its own account: one whose provider acts in another
// account neutralises nothing on an evidence bucket, one that may (its provider's account cannot be told) is a note,
// and one naming the bucket's own pinned account (S3's accountId) neutralises surely. Block flags sent as text
// ("true") are read as booleans.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const PROVIDERS = "urn:pulumi:test::hardening-kit::pulumi:providers";
/** The provider a resource is managed with, and its inputs as the engine sends them. */
type Place = Pick<StackInput, "provider" | "providerProps">;

describe("require-evidence-s3-default-retention: whose account an account block is set on", () => {
  const S3V2 = "aws:s3/bucketV2:BucketV2";
  const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
  const ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
  const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
  const A: Place = { provider: `${PROVIDERS}:aws::a`, providerProps: { allowedAccountIds: '["111111111111"]' } };
  const B: Place = { provider: `${PROVIDERS}:aws::b`, providerProps: { allowedAccountIds: ["999999999999"] } };
  /** Signs in by a profile of its own: its account cannot be told. */
  const C: Place = { provider: `${PROVIDERS}:aws::c`, providerProps: { profile: "audit" } };

  const EVIDENCE = urnOf(S3V2, "evidence");
  const bucket: StackInput = {
    type: S3V2,
    name: "evidence",
    props: { bucket: "acme-evidence", acl: "public-read-write", tags: { "hardening:evidence": "true" } },
    ...A,
  };
  const lock: StackInput = {
    type: LOCK,
    name: "evidence-lock",
    props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
    ...A,
  };
  const accountBlock = (place: Place, props: Record<string, unknown> = {}): StackInput => ({
    type: ACCOUNT_BLOCK,
    name: "account",
    props: { ignorePublicAcls: true, ...props },
    ...place,
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: "an account block under a provider of another account",
      resources: [bucket, lock, accountBlock(B)],
      violations: 1,
      urn: EVIDENCE,
      mentions: 'the bucket sets acl "public-read-write"',
    },
    {
      name: "an account block naming another account than the bucket's pinned one",
      resources: [bucket, lock, accountBlock(A, { accountId: "999999999999" })],
      violations: 1,
    },
    // Notes: the block's account cannot be told.
    {
      name: "an account block under a provider signing in by a profile",
      resources: [bucket, lock, accountBlock(C)],
      violations: 0,
      notes: 1,
    },
    {
      name: "an account block naming an account, the bucket's provider pinned to none",
      resources: [{ ...bucket, ...C }, lock, accountBlock(C, { accountId: "111111111111" })],
      violations: 0,
      notes: 1,
    },
    // Known good.
    { name: "an account block under the bucket's provider", resources: [bucket, lock, accountBlock(A)], violations: 0 },
    {
      name: "an account block naming the bucket's pinned account",
      resources: [bucket, lock, accountBlock(A, { accountId: "111111111111" })],
      violations: 0,
    },
    {
      name: "an account block under another provider pinned to the same account",
      resources: [
        bucket,
        lock,
        accountBlock({ provider: `${PROVIDERS}:aws::a2`, providerProps: { allowedAccountIds: ["111111111111"] } }),
      ],
      violations: 0,
    },
    {
      name: 'a bucket block whose ignorePublicAcls is the text "true"',
      resources: [
        bucket,
        lock,
        {
          type: BLOCK,
          name: "evidence-block",
          props: { bucket: "acme-evidence", ignorePublicAcls: "true" },
          ...A,
        },
      ],
      violations: 0,
    },
    {
      name: 'an account block whose ignorePublicAcls is the text "false"',
      resources: [bucket, lock, accountBlock(A, { ignorePublicAcls: "false" })],
      violations: 1,
    },
    {
      name: "an account block under the bucket's provider with ignorePublicAcls unknown",
      resources: [bucket, lock, accountBlock(A, { ignorePublicAcls: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-oss-worm: whose account an account block is set on", () => {
  const OSS = "alicloud:oss/bucket:Bucket";
  const WORM = "alicloud:oss/bucketWorm:BucketWorm";
  const ACCOUNT_BLOCK = "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock";
  const BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
  const roleIn = (account: string) => JSON.stringify({ roleArn: `acs:ram::${account}:role/deployer` });
  const A: Place = { provider: `${PROVIDERS}:alicloud::a`, providerProps: { assumeRole: roleIn("111111111111") } };
  const B: Place = { provider: `${PROVIDERS}:alicloud::b`, providerProps: { assumeRole: roleIn("999999999999") } };
  const C: Place = { provider: `${PROVIDERS}:alicloud::c`, providerProps: { profile: "audit" } };

  const EVIDENCE = urnOf(OSS, "evidence");
  const bucket: StackInput = {
    type: OSS,
    name: "evidence",
    props: { bucket: "acme-evidence", acl: "public-read-write", tags: { "hardening:evidence": "true" } },
    ...A,
  };
  const worm: StackInput = {
    type: WORM,
    name: "evidence-worm",
    props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: 365 },
    ...A,
  };
  const accountBlock = (place: Place, props: Record<string, unknown> = {}): StackInput => ({
    type: ACCOUNT_BLOCK,
    name: "account",
    props: { blockPublicAccess: true, ...props },
    ...place,
  });

  stackTable(requireEvidenceOssWorm, [
    {
      name: "an account block under a provider assuming a role in another account",
      resources: [bucket, worm, accountBlock(B)],
      violations: 1,
      urn: EVIDENCE,
      mentions: 'the bucket sets acl "public-read-write"',
    },
    {
      name: "an account block under a provider signing in by a profile",
      resources: [bucket, worm, accountBlock(C)],
      violations: 0,
      notes: 1,
    },
    { name: "an account block under the bucket's provider", resources: [bucket, worm, accountBlock(A)], violations: 0 },
    {
      name: 'a bucket block whose blockPublicAccess is the text "true"',
      resources: [
        bucket,
        worm,
        { type: BLOCK, name: "evidence-block", props: { bucket: "acme-evidence", blockPublicAccess: "true" }, ...A },
      ],
      violations: 0,
    },
    {
      name: 'an account block whose blockPublicAccess is the text "false"',
      resources: [bucket, worm, accountBlock(A, { blockPublicAccess: "false" })],
      violations: 1,
    },
  ]);
});
