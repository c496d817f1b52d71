// OSS Block Public Access, on the bucket or on its account, makes OSS ignore public bucket policies as it does public
// ACLs: a grant to everyone on an evidence bucket it covers is no finding; a block that may not cover it (its
// setting unknown at preview, its bucket or account not told) turns the violation into a note. A SourceVpc test
// whose value any VPC matches ("vpc-*") narrows no one.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const POLICY = "alicloud:oss/bucketPolicy:BucketPolicy";
const BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_BLOCK = "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock";
const PROVIDERS = "urn:pulumi:test::hardening-kit::pulumi:providers";
const roleIn = (account: string) => JSON.stringify({ roleArn: `acs:ram::${account}:role/deployer` });
type Place = Pick<StackInput, "provider" | "providerProps">;
const A: Place = { provider: `${PROVIDERS}:alicloud::a`, providerProps: { assumeRole: roleIn("111111111111") } };
const B: Place = { provider: `${PROVIDERS}:alicloud::b`, providerProps: { assumeRole: roleIn("999999999999") } };
const C: Place = { provider: `${PROVIDERS}:alicloud::c`, providerProps: { profile: "audit" } };

const EVIDENCE = urnOf(OSS, "evidence");
const POLICY_URN = urnOf(POLICY, "evidence-policy");
const evidence: StackInput = {
  type: OSS,
  name: "evidence",
  props: { bucket: "acme-evidence", tags: { "hardening:evidence": "true" } },
  ...A,
};
const worm: StackInput = {
  type: WORM,
  name: "evidence-worm",
  props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: 365 },
  ...A,
};
const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: ["*"],
  Action: ["oss:PutObject"],
  Resource: ["acs:oss:*:*:acme-evidence/*"],
  ...extra,
});
const policyOf = (statement: Record<string, unknown>): StackInput => ({
  type: POLICY,
  name: "evidence-policy",
  props: { bucket: "acme-evidence", policy: JSON.stringify({ Version: "1", Statement: [statement] }) },
  propertyDependencies: { bucket: [EVIDENCE] },
  ...A,
});
const openPolicy = policyOf(allow());
const bucketBlock = (props: Record<string, unknown>, bucket: unknown = "acme-evidence"): StackInput => ({
  type: BLOCK,
  name: "evidence-block",
  props: { bucket, ...props },
  ...A,
});
const accountBlock = (place: Place): StackInput => ({
  type: ACCOUNT_BLOCK,
  name: "account",
  props: { blockPublicAccess: true },
  ...place,
});
const stack = (...rs: StackInput[]) => [evidence, worm, ...rs];
const vpc = (op: string, value: unknown) => policyOf(allow({ Condition: { [op]: { "acs:SourceVpc": value } } }));

describe("require-evidence-oss-worm: Block Public Access and public bucket policies", () => {
  stackTable(requireEvidenceOssWorm, [
    // Known bad.
    { name: "no block: Principal [*] oss:PutObject", resources: stack(openPolicy), violations: 1, urn: POLICY_URN },
    {
      name: "a bucket block with blockPublicAccess false",
      resources: stack(openPolicy, bucketBlock({ blockPublicAccess: false })),
      violations: 1,
    },
    {
      name: "a block naming another bucket",
      resources: stack(openPolicy, bucketBlock({ blockPublicAccess: true }, "acme-other")),
      violations: 1,
    },
    {
      name: "an account block under a provider of another account",
      resources: stack(openPolicy, accountBlock(B)),
      violations: 1,
    },
    // Notes: the block may not apply.
    {
      name: "blockPublicAccess unknown at preview",
      resources: stack(openPolicy, bucketBlock({ blockPublicAccess: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "an account block whose provider's account cannot be told",
      resources: stack(openPolicy, accountBlock(C)),
      violations: 0,
      notes: 1,
    },
    // Known good.
    {
      name: "a bucket block with blockPublicAccess true",
      resources: stack(openPolicy, bucketBlock({ blockPublicAccess: true })),
      violations: 0,
    },
    {
      name: 'a bucket block with blockPublicAccess "true" (text)',
      resources: stack(openPolicy, bucketBlock({ blockPublicAccess: "true" })),
      violations: 0,
    },
    { name: "an account block of the bucket's account", resources: stack(openPolicy, accountBlock(A)), violations: 0 },
    {
      name: "the bucket's inline policy under a bucket block",
      resources: [
        { ...evidence, props: { ...evidence.props, policy: JSON.stringify({ Version: "1", Statement: [allow()] }) } },
        worm,
        bucketBlock({ blockPublicAccess: true }),
      ],
      violations: 0,
    },
  ]);
});

describe("require-evidence-oss-worm: a SourceVpc test any VPC matches", () => {
  stackTable(requireEvidenceOssWorm, [
    // Known bad: anyone can create a VPC whose id matches.
    { name: 'StringLike acs:SourceVpc "vpc-*"', resources: stack(vpc("StringLike", "vpc-*")), violations: 1 },
    { name: 'StringLike acs:SourceVpc ["*"]', resources: stack(vpc("StringLike", ["*"])), violations: 1 },
    { name: 'StringLike acs:SourceVpc "VPC-??*"', resources: stack(vpc("StringLike", "VPC-??*")), violations: 1 },
    {
      name: "one wildcard VPC among named ones",
      resources: stack(vpc("StringLike", ["vpc-t4nlw426y44rd3iq4xxxx", "vpc-*"])),
      violations: 1,
    },
    // A partial wildcard cannot be told: a note.
    {
      name: 'StringLike acs:SourceVpc "vpc-t4n*"',
      resources: stack(vpc("StringLike", "vpc-t4n*")),
      violations: 0,
      notes: 1,
    },
    // Known good.
    {
      name: "StringEquals acs:SourceVpc names one VPC",
      resources: stack(vpc("StringEquals", "vpc-t4nlw426y44rd3iq4xxxx")),
      violations: 0,
    },
    {
      name: "StringLike acs:SourceVpc with no wildcard",
      resources: stack(vpc("StringLike", "vpc-t4nlw426y44rd3iq4xxxx")),
      violations: 0,
    },
  ]);
});
