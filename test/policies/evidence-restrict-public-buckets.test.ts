// restrictPublicBuckets limits a bucket with a public policy to AWS service principals and users of the bucket
// owner's account, stored policies included: set on the evidence bucket's own block, or on the account block of the
// bucket's account, it takes away a public statement's grant to everyone. blockPublicPolicy only refuses new public
// policies, and a grant to every AWS service, or one a condition not read may make non-public, is still judged.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const PROVIDERS = "urn:pulumi:test::hardening-kit::pulumi:providers";
const ARNS = ["arn:aws:s3:::acme-evidence", "arn:aws:s3:::acme-evidence/*"];

/** The provider a resource is managed with, and its inputs as the engine sends them. */
type Place = Pick<StackInput, "provider" | "providerProps">;
const A: Place = { provider: `${PROVIDERS}:aws::a`, providerProps: { allowedAccountIds: '["111111111111"]' } };
const B: Place = { provider: `${PROVIDERS}:aws::b`, providerProps: { allowedAccountIds: ["999999999999"] } };
/** Signs in by a profile of its own: its account cannot be told. */
const C: Place = { provider: `${PROVIDERS}:aws::c`, providerProps: { profile: "audit" } };

/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const bucket = (props: Record<string, unknown> = {}): StackInput => ({
  type: S3V2,
  name: "evidence",
  props: { bucket: "acme-evidence", tags: { "hardening:evidence": "true" }, ...props },
  ...A,
});
const lock: StackInput = {
  type: LOCK,
  name: "evidence-lock",
  props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  ...A,
};
const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: "*",
  Action: ["s3:DeleteObject", "s3:PutObject"],
  Resource: ARNS,
  ...extra,
});
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const policy = (document: unknown = doc(allow())): StackInput => ({
  type: POLICY,
  name: "evidence-policy",
  props: { bucket: "acme-evidence", policy: document },
  ...A,
});
const block = (props: Record<string, unknown>, bucketName: unknown = "acme-evidence"): StackInput => ({
  type: BLOCK,
  name: "evidence-block",
  props: { bucket: bucketName, ...props },
  ...A,
});
const accountBlock = (place: Place, props: Record<string, unknown>): StackInput => ({
  type: ACCOUNT_BLOCK,
  name: "account",
  props,
  ...place,
});
const RESTRICT = { restrictPublicBuckets: true };
const POLICY_URN = urnOf(POLICY, "evidence-policy");
const stack = (...more: StackInput[]) => [bucket(), lock, policy(), ...more];

describe("require-evidence-s3-default-retention: restrictPublicBuckets and public bucket policies", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad: no block in force, or one that restricts nothing.
    { name: "no block of public access", resources: stack(), violations: 1, urn: POLICY_URN },
    {
      name: "a bucket block with restrictPublicBuckets false",
      resources: stack(block({ restrictPublicBuckets: false, blockPublicPolicy: true, ignorePublicAcls: true })),
      violations: 1,
      mentions: "restrictPublicBuckets: true",
    },
    {
      name: "a bucket block with only blockPublicPolicy (refuses new public policies only)",
      resources: stack(block({ blockPublicPolicy: true })),
      violations: 1,
    },
    {
      name: 'restrictPublicBuckets as the text "false"',
      resources: stack(block({ restrictPublicBuckets: "false" })),
      violations: 1,
    },
    {
      name: "an account block of another account restricting public buckets",
      resources: stack(accountBlock(B, RESTRICT)),
      violations: 1,
    },
    {
      name: "a block on another bucket",
      resources: stack(block(RESTRICT, "acme-site")),
      violations: 1,
    },
    {
      name: "restricted, but a grant to every AWS service",
      resources: [bucket(), lock, policy(doc(allow({ Principal: { Service: "*" } }))), block(RESTRICT)],
      violations: 1,
      mentions: 'Principal {"Service": "*"}',
    },
    {
      name: "restricted, a public grant beside a grant to every AWS service: the latter stands",
      resources: [
        bucket(),
        lock,
        policy(doc(allow(), allow({ Principal: { Service: "*" }, Sid: "services" }))),
        block(RESTRICT),
      ],
      violations: 1,
      mentions: 'Sid "services"',
    },
    // Known good: restrictPublicBuckets in force on the bucket or on its account (reverted, each is a violation).
    { name: "a bucket block restricting public buckets", resources: stack(block(RESTRICT)), violations: 0 },
    {
      name: 'restrictPublicBuckets as the text "true"',
      resources: stack(block({ restrictPublicBuckets: "true" })),
      violations: 0,
    },
    {
      name: "restrictPublicBuckets sent as a secret",
      resources: stack(block({ restrictPublicBuckets: secret(true) })),
      violations: 0,
    },
    {
      name: "an account block under the bucket's provider",
      resources: stack(accountBlock(A, RESTRICT)),
      violations: 0,
    },
    {
      name: "an account block naming the bucket's pinned account",
      resources: stack(accountBlock(A, { ...RESTRICT, accountId: "111111111111" })),
      violations: 0,
    },
    {
      name: "the bucket's inline policy, restricted",
      resources: [bucket({ policy: doc(allow()) }), lock, block(RESTRICT)],
      violations: 0,
    },
    {
      name: "a NotPrincipal grant, restricted",
      resources: [
        bucket(),
        lock,
        policy(doc(allow({ Principal: undefined, NotPrincipal: { AWS: "x" } }))),
        block(RESTRICT),
      ],
      violations: 0,
    },
    {
      name: 'a grant to {"AWS": "*"} from every address, restricted',
      resources: [
        bucket(),
        lock,
        policy(doc(allow({ Principal: { AWS: "*" }, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }))),
        block(RESTRICT),
      ],
      violations: 0,
    },
    // Notes.
    {
      name: "restrictPublicBuckets unknown at preview",
      resources: stack(block({ restrictPublicBuckets: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "an account block whose account cannot be told",
      resources: stack(accountBlock(C, RESTRICT)),
      violations: 0,
      notes: 1,
    },
    {
      name: "restricted, a grant from some addresses (S3 may read the policy as non-public): still a note",
      resources: [
        bucket(),
        lock,
        policy(doc(allow({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))),
        block(RESTRICT),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});
