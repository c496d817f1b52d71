// A bucket policy that lets everyone in from "a VPC" whose id is a pure wildcard ("vpc-*", "*") narrows no one:
// anyone can create a VPC, or an endpoint, whose id matches. A partial wildcard cannot be told here: a note.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";

const evidence: StackInput = {
  type: S3,
  name: "evidence",
  props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
};
const locked: StackInput = {
  type: LOCK,
  name: "evidence-lock",
  props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
};
const stack = (op: string, key: string, value: unknown): StackInput[] => [
  evidence,
  locked,
  {
    type: POLICY,
    name: "evidence-policy",
    props: {
      bucket: "acme-evidence",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "s3:DeleteObject",
            Resource: "arn:aws:s3:::acme-evidence/*",
            Condition: { [op]: { [key]: value } },
          },
        ],
      }),
    },
    propertyDependencies: { bucket: [urnOf(S3, "evidence")] },
  },
];

describe("require-evidence-s3-default-retention: SourceVpc tests any VPC matches", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: 'StringLike aws:SourceVpc "vpc-*"',
      resources: stack("StringLike", "aws:SourceVpc", "vpc-*"),
      violations: 1,
    },
    { name: 'StringLike aws:sourcevpc "*"', resources: stack("StringLike", "aws:sourcevpc", "*"), violations: 1 },
    {
      name: 'StringLike aws:SourceVpce "vpce-*"',
      resources: stack("StringLike", "aws:SourceVpce", ["vpce-*"]),
      violations: 1,
    },
    // Notes.
    {
      name: 'StringLike aws:SourceVpc "vpc-0ab*" (a partial wildcard)',
      resources: stack("StringLike", "aws:SourceVpc", "vpc-0ab*"),
      violations: 0,
      notes: 1,
    },
    // Known good.
    {
      name: "StringEquals aws:SourceVpc names one VPC",
      resources: stack("StringEquals", "aws:SourceVpc", "vpc-0abc1234"),
      violations: 0,
    },
    {
      name: 'StringEquals aws:SourceVpc "vpc-*" (no wildcard under StringEquals)',
      resources: stack("StringEquals", "aws:SourceVpc", "vpc-*"),
      violations: 0,
    },
  ]);
});
