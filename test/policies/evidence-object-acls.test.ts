// Objects put into an evidence bucket with a public canned ACL disclose the evidence (S3 objects take no WRITE, so
// public-read-write reads as public read there; an OSS object's public-read-write lets anyone overwrite it), and a
// bucket policy letting everyone PutObjectAcl lets anyone make evidence objects public. The bucket's blocks of
// public access and bucket-owner-enforced ownership neutralise object ACLs as they do the bucket's.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

describe("require-evidence-s3-default-retention: public objects in evidence buckets", () => {
  const S3 = "aws:s3/bucket:Bucket";
  const OBJECT_V2 = "aws:s3/bucketObjectv2:BucketObjectv2";
  const OBJECT = "aws:s3/bucketObject:BucketObject";
  const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
  const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
  const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
  const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
  const EVIDENCE = urnOf(S3, "evidence");
  const evidence: StackInput = {
    type: S3,
    name: "evidence",
    props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
  };
  const lock: StackInput = {
    type: LOCK,
    name: "evidence-lock",
    props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  };
  /** Named by the bucket's id, unknown at preview, as a program does. */
  const onEvidence = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
    type,
    name,
    props: { bucket: UNKNOWN, ...props },
    propertyDependencies: { bucket: [EVIDENCE] },
  });
  const object = (acl: unknown, type = OBJECT_V2) => onEvidence(type, "case-file", { key: "case.pdf", acl });
  const stack = (...rs: StackInput[]) => [evidence, lock, ...rs];
  const policy = (action: string) =>
    onEvidence(POLICY, "evidence-policy", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: "arn:aws:s3:::acme-evidence/*" }],
      }),
    });

  it("names the object, its ACL and what the public may do", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(object("public-read-write")));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", urnOf(OBJECT_V2, "case-file")]]);
    expect(ds[0].message).toContain('object case-file sets acl "public-read-write" on evidence bucket evidence');
    expect(ds[0].message).toContain("anyone may read the evidence");
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    { name: "BucketObjectv2 acl public-read-write", resources: stack(object("public-read-write")), violations: 1 },
    { name: "BucketObjectv2 acl public-read", resources: stack(object("public-read")), violations: 1 },
    {
      name: "BucketObject acl authenticated-read",
      resources: stack(object("authenticated-read", OBJECT)),
      violations: 1,
      urn: urnOf(OBJECT, "case-file"),
    },
    {
      name: "an object naming the bucket by its known name",
      resources: stack({ type: OBJECT_V2, name: "case-file", props: { bucket: "acme-evidence", acl: "public-read" } }),
      violations: 1,
    },
    {
      name: "blockPublicAcls alone leaves the object's ACL",
      resources: stack(object("public-read"), onEvidence(BLOCK, "b", { blockPublicAcls: true })),
      violations: 1,
    },
    {
      name: "a bucket policy letting everyone s3:PutObjectAcl",
      resources: stack(policy("s3:PutObjectAcl")),
      violations: 1,
      mentions: "s3:PutObjectAcl",
    },
    // Notes.
    { name: "an object acl unknown at preview", resources: stack(object(UNKNOWN)), violations: 0, notes: 1 },
    // Known good.
    { name: "an object acl private", resources: stack(object("private")), violations: 0 },
    {
      name: "an object acl bucket-owner-full-control",
      resources: stack(object("bucket-owner-full-control")),
      violations: 0,
    },
    { name: "an object without acl", resources: stack(object(undefined)), violations: 0 },
    {
      name: "ignorePublicAcls on the bucket's block",
      resources: stack(object("public-read"), onEvidence(BLOCK, "b", { ignorePublicAcls: true })),
      violations: 0,
    },
    {
      name: "BucketOwnerEnforced ownership disables object ACLs",
      resources: stack(
        object("public-read-write"),
        onEvidence(OWNERSHIP, "o", { rule: { objectOwnership: "BucketOwnerEnforced" } }),
      ),
      violations: 0,
    },
    {
      name: "a public object in a bucket that holds no evidence",
      resources: [
        { type: S3, name: "site", props: { bucket: "acme-site" } },
        { type: OBJECT_V2, name: "index", props: { bucket: "acme-site", acl: "public-read" } },
      ],
      violations: 0,
    },
    {
      name: "a bucket policy letting everyone s3:GetObjectAcl",
      resources: stack(policy("s3:GetObjectAcl")),
      violations: 0,
    },
  ]);
});

describe("require-evidence-oss-worm: public objects in evidence buckets", () => {
  const OSS = "alicloud:oss/bucket:Bucket";
  const OBJECT = "alicloud:oss/bucketObject:BucketObject";
  const WORM = "alicloud:oss/bucketWorm:BucketWorm";
  const BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
  const EVIDENCE = urnOf(OSS, "evidence");
  const evidence: StackInput = {
    type: OSS,
    name: "evidence",
    props: { bucket: "acme-evidence", tags: { "hardening:evidence": "true" } },
  };
  const worm: StackInput = {
    type: WORM,
    name: "evidence-worm",
    props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: 365 },
  };
  const onEvidence = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
    type,
    name,
    props: { bucket: "acme-evidence", ...props },
    propertyDependencies: { bucket: [EVIDENCE] },
  });
  const object = (acl: unknown) => onEvidence(OBJECT, "case-file", { key: "case.pdf", acl });
  const stack = (...rs: StackInput[]) => [evidence, worm, ...rs];

  stackTable(requireEvidenceOssWorm, [
    {
      name: "an object acl public-read-write",
      resources: stack(object("public-read-write")),
      violations: 1,
      urn: urnOf(OBJECT, "case-file"),
      mentions: "anyone may overwrite or add objects",
    },
    {
      name: "an object acl public-read",
      resources: stack(object("public-read")),
      violations: 1,
      mentions: "anyone may read",
    },
    {
      name: "a bucket policy letting everyone oss:PutObjectAcl",
      resources: stack(
        onEvidence("alicloud:oss/bucketPolicy:BucketPolicy", "evidence-policy", {
          policy: JSON.stringify({
            Version: "1",
            Statement: [
              {
                Effect: "Allow",
                Principal: ["*"],
                Action: ["oss:PutObjectAcl"],
                Resource: ["acs:oss:*:*:acme-evidence/*"],
              },
            ],
          }),
        }),
      ),
      violations: 1,
      mentions: "oss:PutObjectAcl",
    },
    { name: "an object acl unknown at preview", resources: stack(object(UNKNOWN)), violations: 0, notes: 1 },
    { name: "an object acl private", resources: stack(object("private")), violations: 0 },
    { name: "an object acl default", resources: stack(object("default")), violations: 0 },
    {
      name: "Block Public Access on the bucket",
      resources: stack(object("public-read-write"), onEvidence(BLOCK, "b", { blockPublicAccess: true })),
      violations: 0,
    },
  ]);
});
