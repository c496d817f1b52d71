// OSS evidence buckets opened to everyone: a bucket policy (a separate BucketPolicy or the bucket's inline policy)
// granting destructive actions to Principal "*", ["*"] or [] (OSS reads the empty list as everyone), read with OSS's
// condition keys; and a public-read-write or public-read ACL, on the bucket or a separate BucketAcl, unless Block
// Public Access covers the bucket. Values unknown at preview make notes.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const POLICY = "alicloud:oss/bucketPolicy:BucketPolicy";
const ACL = "alicloud:oss/bucketAcl:BucketAcl";
const BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_BLOCK = "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock";
const RESOURCES = ["acs:oss:*:*:acme-evidence", "acs:oss:*:*:acme-evidence/*"];

const evidence = (props: Record<string, unknown> = {}): StackInput => ({
  type: OSS,
  name: "evidence",
  props: { bucket: "acme-evidence", tags: { "hardening:evidence": "true" }, ...props },
});
const EVIDENCE = urnOf(OSS, "evidence");
/** A Locked WORM policy, so that only access is judged. */
const worm: StackInput = {
  type: WORM,
  name: "evidence-worm",
  props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: 365 },
};
/** A resource naming the evidence bucket as a program does: by its name, with a dependency on it. */
const onBucket = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
  type,
  name,
  props: { bucket: "acme-evidence", ...props },
  propertyDependencies: { bucket: [EVIDENCE] },
});

type Statement = Record<string, unknown>;
const allow = (extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Principal: ["*"],
  Action: ["oss:DeleteObject", "oss:AbortBucketWorm"],
  Resource: RESOURCES,
  ...extra,
});
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "1", Statement: statements });
const policy = (document: unknown) => onBucket(POLICY, "evidence-policy", { policy: document });
const POLICY_URN = urnOf(POLICY, "evidence-policy");
const withPolicy = (document: unknown) => [evidence(), worm, policy(document)];

describe("require-evidence-oss-worm: evidence bucket policies", () => {
  it("names the policy, the statement, the principal, the actions and the OSS fix", async () => {
    const ds = await runStack(requireEvidenceOssWorm, withPolicy(doc({ Sid: "Open", ...allow() })));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", POLICY_URN]]);
    expect(ds[0].message).toContain(
      'policy evidence-policy Statement[0] (Sid "Open") lets everyone (Principal "*") oss:AbortBucketWorm, oss:DeleteObject on evidence bucket evidence',
    );
    expect(ds[0].message).toContain("acs:SourceVpc");
  });

  it.each([
    "oss:DeleteObject",
    "oss:DeleteBucket",
    "oss:AbortBucketWorm",
    "oss:InitiateBucketWorm",
    "oss:PutBucketLifecycle",
    "oss:PutBucketVersioning",
    "oss:PutBucketAcl",
    "oss:PutBucketPolicy",
    "oss:DeleteBucketPublicAccessBlock",
    "oss:*",
    "oss:Delete*",
    "*",
  ])("flags Allow [*] of %s on a WORM-locked evidence bucket", async (action) => {
    const ds = await runStack(requireEvidenceOssWorm, withPolicy(doc(allow({ Action: [action] }))));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", POLICY_URN]]);
  });

  it("names an unreadable OSS condition key as the policy wrote it", async () => {
    const narrowIp = allow({ Condition: { IpAddress: { "acs:SourceIp": ["192.0.2.0/24"] } } });
    const ds = await runStack(requireEvidenceOssWorm, withPolicy(doc(narrowIp)));
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain('Statement[0].Condition.IpAddress["acs:SourceIp"]');
  });

  stackTable(requireEvidenceOssWorm, [
    // Known bad: everyone, however OSS writes it.
    { name: 'Principal "*" as a string', resources: withPolicy(doc(allow({ Principal: "*" }))), violations: 1 },
    {
      name: "Principal [] (OSS reads the empty list as everyone)",
      resources: withPolicy(doc(allow({ Principal: [] }))),
      violations: 1,
      mentions: "Principal [] (everyone)",
    },
    {
      name: "the bucket's inline policy",
      resources: [evidence({ policy: doc(allow()) }), worm],
      violations: 1,
      urn: EVIDENCE,
      mentions: "inline policy Statement[0]",
    },
    {
      name: "acs:SourceIp covering the internet narrows no one",
      resources: withPolicy(doc(allow({ Condition: { IpAddress: { "acs:SourceIp": ["0.0.0.0/0"] } } }))),
      violations: 1,
    },
    {
      name: "a Referer test narrows no one (the caller writes the header)",
      resources: withPolicy(doc(allow({ Condition: { StringLike: { "acs:Referer": ["https://acme.example/*"] } } }))),
      violations: 1,
    },
    {
      name: 'StringNotLike acs:SourceVpc "vpc-*" (not from a VPC) narrows no one',
      resources: withPolicy(doc(allow({ Condition: { StringNotLike: { "acs:SourceVpc": ["vpc-*"] } } }))),
      violations: 1,
    },
    {
      name: "acs:SecureTransport narrows no one",
      resources: withPolicy(doc(allow({ Condition: { Bool: { "acs:SecureTransport": ["true"] } } }))),
      violations: 1,
    },
    {
      name: "a Deny with a condition takes nothing back",
      resources: withPolicy(
        doc(allow(), allow({ Effect: "Deny", Condition: { IpAddress: { "acs:SourceIp": ["192.0.2.0/24"] } } })),
      ),
      violations: 1,
    },
    {
      name: "a Deny of other actions leaves the grant",
      resources: withPolicy(doc(allow(), allow({ Effect: "Deny", Action: ["oss:PutObject"] }))),
      violations: 1,
      mentions: "oss:AbortBucketWorm, oss:DeleteObject",
    },
    // Known good.
    {
      name: "a named account",
      resources: withPolicy(doc(allow({ Principal: ["1234567890123456"] }))),
      violations: 0,
    },
    {
      name: "StringEquals acs:SourceVpc names the callers' VPC",
      resources: withPolicy(
        doc(
          allow({
            Condition: {
              StringEquals: { "acs:SourceVpc": ["vpc-t4nlw426y44rd3iq4xxxx"] },
              IpAddress: { "acs:SourceIp": ["192.168.0.0/16"] },
            },
          }),
        ),
      ),
      violations: 0,
    },
    {
      name: "StringEquals acs:AccessId names the callers' key",
      resources: withPolicy(doc(allow({ Condition: { StringEquals: { "acs:AccessId": ["LTAI5tExample"] } } }))),
      violations: 0,
    },
    {
      name: "an exact Deny on [] (everyone) of the same actions and resources",
      resources: withPolicy(doc(allow(), allow({ Effect: "Deny", Principal: [] }))),
      violations: 0,
    },
    {
      name: "read-only actions",
      resources: withPolicy(doc(allow({ Action: ["oss:GetObject", "oss:ListObjects"] }))),
      violations: 0,
    },
    {
      name: "a bucket that holds no evidence",
      resources: [
        { type: OSS, name: "site", props: { bucket: "acme-site" } },
        { type: POLICY, name: "site-policy", props: { bucket: "acme-site", policy: doc(allow()) } },
      ],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "a document unknown at preview is judged once known",
      resources: withPolicy(UNKNOWN),
      violations: 0,
    },
    {
      name: "a principal entry unknown at preview",
      resources: withPolicy(doc(allow({ Principal: [UNKNOWN] }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "an OSS condition key not read (oss:Prefix)",
      resources: withPolicy(doc(allow({ Condition: { StringLike: { "oss:Prefix": ["logs/*"] } } }))),
      violations: 0,
      notes: 1,
    },
  ]);
});

const aclOf = (acl: unknown) => onBucket(ACL, "evidence-acl", { acl });
const ACL_URN = urnOf(ACL, "evidence-acl");
const blockOf = (blockPublicAccess: unknown) => onBucket(BLOCK, "evidence-block", { blockPublicAccess });

describe("require-evidence-oss-worm: public ACLs on evidence buckets", () => {
  it("says what public-read-write lets anyone do, and the fix", async () => {
    const ds = await runStack(requireEvidenceOssWorm, [evidence({ acl: "public-read-write" }), worm]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", EVIDENCE]]);
    expect(ds[0].message).toContain(
      'the bucket sets acl "public-read-write" on evidence bucket evidence: anyone may overwrite or add objects',
    );
    expect(ds[0].message).toContain("alicloud.oss.BucketPublicAccessBlock");
  });

  stackTable(requireEvidenceOssWorm, [
    // Known bad.
    {
      name: "Bucket acl public-read-write",
      resources: [evidence({ acl: "public-read-write" }), worm],
      violations: 1,
      urn: EVIDENCE,
    },
    {
      name: "Bucket acl public-read (evidence readable by anyone)",
      resources: [evidence({ acl: "public-read" }), worm],
      violations: 1,
      mentions: "anyone may read the evidence",
    },
    {
      name: "BucketAcl public-read-write",
      resources: [evidence(), worm, aclOf("public-read-write")],
      violations: 1,
      urn: ACL_URN,
    },
    {
      name: "a block that is off",
      resources: [evidence(), worm, aclOf("public-read-write"), blockOf(false)],
      violations: 1,
    },
    {
      name: "a block on another bucket",
      resources: [
        evidence({ acl: "public-read-write" }),
        worm,
        { type: BLOCK, name: "other", props: { bucket: "acme-site", blockPublicAccess: true } },
      ],
      violations: 1,
    },
    // Known good.
    { name: "Bucket acl private", resources: [evidence({ acl: "private" }), worm], violations: 0 },
    {
      name: "a BucketAcl of another bucket",
      resources: [
        evidence(),
        worm,
        { type: ACL, name: "site-acl", props: { bucket: "acme-site", acl: "public-read-write" } },
      ],
      violations: 0,
    },
    {
      name: "a bucket that holds no evidence",
      resources: [{ type: OSS, name: "site", props: { bucket: "acme-site", acl: "public-read-write" } }],
      violations: 0,
    },
    {
      name: "the bucket's Block Public Access",
      resources: [evidence({ acl: "public-read-write" }), worm, aclOf("public-read"), blockOf(true)],
      violations: 0,
    },
    {
      name: "the account's Block Public Access",
      resources: [
        evidence({ acl: "public-read-write" }),
        worm,
        { type: ACCOUNT_BLOCK, name: "account", props: { blockPublicAccess: true } },
      ],
      violations: 0,
    },
    // Unknown at preview.
    { name: "Bucket acl unknown", resources: [evidence({ acl: UNKNOWN }), worm], violations: 0, notes: 1 },
    {
      name: "BucketAcl acl unknown",
      resources: [evidence(), worm, aclOf(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "blockPublicAccess unknown",
      resources: [evidence({ acl: "public-read-write" }), worm, blockOf(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
  ]);
});
