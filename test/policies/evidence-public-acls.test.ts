// Public ACLs on S3 evidence buckets: a canned ACL or a grant that lets the AllUsers or AuthenticatedUsers group
// write (or read) is a violation on whatever sets it, the bucket or a separate BucketAcl, unless the bucket's or the
// account's block of public access ignores public ACLs or bucket-owner-enforced ownership disables them. Values
// unknown at preview, and blocks that cannot be told to apply, make notes.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const ACL = "aws:s3/bucketAcl:BucketAcl";
const ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const RANDOM = "random:index/randomString:RandomString";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

const EVIDENCE = urnOf(S3, "evidence");
const bucket = (props: Record<string, unknown> = {}, type = S3): StackInput => ({
  type,
  name: "evidence",
  props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" }, ...props },
});
/** A COMPLIANCE lock naming the bucket, whichever its type, so that only the ACL is judged. */
const lock: StackInput = {
  type: LOCK,
  name: "evidence-lock",
  props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
};
/** A resource naming the evidence bucket as a program does: by its id, unknown at preview. */
const onBucket = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
  type,
  name,
  props: { bucket: UNKNOWN, ...props },
  propertyDependencies: { bucket: [EVIDENCE] },
});
const acl = (props: Record<string, unknown>, type = ACL) => onBucket(type, "evidence-acl", props);
const ACL_URN = urnOf(ACL, "evidence-acl");
const grantsTo = (uri: unknown, permission: unknown) => ({
  accessControlPolicy: {
    owner: { id: "owner" },
    grants: [
      { grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" },
      { grantee: { type: "Group", uri }, permission },
    ],
  },
});
const blockOf = (props: Record<string, unknown>) => onBucket(BLOCK, "evidence-block", props);
const ownership = (objectOwnership: unknown) =>
  onBucket(OWNERSHIP, "evidence-ownership", { rule: { objectOwnership } });
const PUBLIC_WRITE = bucket({ acl: "public-read-write" });
const stack = (...rs: StackInput[]) => [lock, ...rs];

describe("require-evidence-s3-default-retention: public ACLs on evidence buckets", () => {
  it("names the bucket, the ACL, the harm and the fix", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(PUBLIC_WRITE));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", EVIDENCE]]);
    expect(ds[0].message).toContain('the bucket sets acl "public-read-write"');
    expect(ds[0].message).toContain("anyone may overwrite or add objects");
    expect(ds[0].message).toContain("ignorePublicAcls: true");
  });

  it("says why public read is a violation", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(bucket({ acl: "public-read" })));
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain(
      "anyone may read the evidence (a violation, not advice: this rule reports at one level",
    );
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad: the bucket's own ACL.
    { name: "Bucket acl public-read-write", resources: stack(PUBLIC_WRITE), violations: 1, urn: EVIDENCE },
    {
      name: "BucketV2 acl public-read",
      resources: stack(bucket({ acl: "public-read" }, S3V2)),
      violations: 1,
      urn: urnOf(S3V2, "evidence"),
    },
    {
      name: "Bucket acl authenticated-read (any AWS account)",
      resources: stack(bucket({ acl: "authenticated-read" })),
      violations: 1,
    },
    {
      name: "Bucket inline grants: AllUsers WRITE",
      resources: stack(bucket({ grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ", "WRITE"] }] })),
      violations: 1,
      mentions: "grants[0] (AllUsers WRITE)",
    },
    {
      name: "Bucket inline grants: AuthenticatedUsers FULL_CONTROL",
      resources: stack(bucket({ grants: [{ type: "Group", uri: AUTHENTICATED, permissions: ["FULL_CONTROL"] }] })),
      violations: 1,
      mentions: "AuthenticatedUsers FULL_CONTROL",
    },
    // Known bad: a separate ACL resource, linked by dependency or by the bucket's name.
    {
      name: "BucketAcl acl public-read-write",
      resources: stack(bucket(), acl({ acl: "public-read-write" })),
      violations: 1,
      urn: ACL_URN,
      mentions: 'ACL evidence-acl sets acl "public-read-write"',
    },
    {
      name: "BucketAclV2 acl public-read-write, naming the bucket by its known name",
      resources: stack(bucket(), {
        type: ACL_V2,
        name: "evidence-acl",
        props: { bucket: "acme-evidence", acl: "public-read-write" },
      }),
      violations: 1,
      urn: urnOf(ACL_V2, "evidence-acl"),
    },
    {
      name: "BucketAcl accessControlPolicy: AllUsers WRITE_ACP",
      resources: stack(bucket(), acl(grantsTo(ALL_USERS, "WRITE_ACP"))),
      violations: 1,
      mentions: "accessControlPolicy.grants[1] (AllUsers WRITE_ACP)",
    },
    {
      name: "BucketAcl accessControlPolicy: AllUsers READ",
      resources: stack(bucket(), acl(grantsTo(ALL_USERS, "READ"))),
      violations: 1,
      mentions: "anyone may read",
    },
    // Blocks that do not neutralise.
    {
      name: "blockPublicAcls alone: the bucket's own ACL is applied before the block",
      resources: stack(PUBLIC_WRITE, blockOf({ blockPublicAcls: true, ignorePublicAcls: false })),
      violations: 1,
    },
    {
      name: "ownership ObjectWriter keeps ACLs in force",
      resources: stack(PUBLIC_WRITE, ownership("ObjectWriter")),
      violations: 1,
    },
    {
      name: "a block naming another bucket",
      resources: stack(PUBLIC_WRITE, {
        type: BLOCK,
        name: "other",
        props: { bucket: "acme-other", ignorePublicAcls: true },
      }),
      violations: 1,
    },
    // Known good.
    { name: "Bucket acl private", resources: stack(bucket({ acl: "private" })), violations: 0 },
    { name: "Bucket acl log-delivery-write", resources: stack(bucket({ acl: "log-delivery-write" })), violations: 0 },
    {
      name: "grants to a canonical user and AllUsers READ_ACP only",
      resources: stack(
        bucket({
          grants: [
            { type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] },
            { type: "Group", uri: ALL_USERS, permissions: ["READ_ACP"] },
          ],
        }),
      ),
      violations: 0,
    },
    {
      name: "LogDelivery group WRITE is not the public",
      resources: stack(bucket(), acl(grantsTo("http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE"))),
      violations: 0,
    },
    {
      name: "a non-evidence bucket may be public",
      resources: [{ type: S3, name: "site", props: { bucket: "acme-site", acl: "public-read-write" } }],
      violations: 0,
    },
    {
      name: "a BucketAcl naming another bucket",
      resources: stack(bucket(), {
        type: ACL,
        name: "other-acl",
        props: { bucket: "acme-site", acl: "public-read-write" },
      }),
      violations: 0,
    },
    {
      name: "ignorePublicAcls on the bucket's block",
      resources: stack(PUBLIC_WRITE, acl({ acl: "public-read" }), blockOf({ ignorePublicAcls: true })),
      violations: 0,
    },
    {
      name: "BucketOwnerEnforced ownership disables ACLs",
      resources: stack(PUBLIC_WRITE, ownership("BucketOwnerEnforced")),
      violations: 0,
    },
    {
      name: "the account's block ignores public ACLs",
      resources: stack(PUBLIC_WRITE, { type: ACCOUNT_BLOCK, name: "account", props: { ignorePublicAcls: true } }),
      violations: 0,
    },
    {
      name: "the account's block with an accountId unknown at preview (the caller's)",
      resources: stack(PUBLIC_WRITE, {
        type: ACCOUNT_BLOCK,
        name: "account",
        props: { accountId: UNKNOWN, ignorePublicAcls: true },
      }),
      violations: 0,
    },
    // Unknown at preview: notes.
    { name: "Bucket acl unknown", resources: stack(bucket({ acl: UNKNOWN })), violations: 0, notes: 1 },
    {
      name: "BucketAcl accessControlPolicy unknown",
      resources: stack(bucket(), acl({ accessControlPolicy: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "a group grant whose uri is unknown",
      resources: stack(bucket(), acl(grantsTo(UNKNOWN, "WRITE"))),
      violations: 0,
      notes: 1,
    },
    {
      name: "ignorePublicAcls unknown",
      resources: stack(PUBLIC_WRITE, blockOf({ ignorePublicAcls: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "the account's block names an account the bucket may not be in",
      resources: stack(PUBLIC_WRITE, {
        type: ACCOUNT_BLOCK,
        name: "account",
        props: { accountId: "111122223333", ignorePublicAcls: true },
      }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a BucketAcl whose bucket is built from the same random suffix",
      resources: [
        { type: RANDOM, name: "sfx", props: { length: 6 } },
        {
          ...bucket(),
          props: { ...bucket().props, bucket: UNKNOWN },
          propertyDependencies: { bucket: [urnOf(RANDOM, "sfx")] },
        },
        { ...lock, props: { ...lock.props, bucket: UNKNOWN }, propertyDependencies: { bucket: [EVIDENCE] } },
        {
          type: ACL,
          name: "evidence-acl",
          props: { bucket: UNKNOWN, acl: "public-read-write" },
          propertyDependencies: { bucket: [urnOf(RANDOM, "sfx")] },
        },
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});
