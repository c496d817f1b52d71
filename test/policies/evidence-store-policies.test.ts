// Resource policies of evidence stores: a bucket policy (separate or inline) or a backup vault policy that lets
// everyone unlock, delete or overwrite is a violation, whatever the lock; named principals (another account's too)
// and conditions that name the callers are not; unreadable conditions and unknown parts are notes.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TRAIL = "aws:cloudtrail/trail:Trail";
const RANDOM = "random:index/randomString:RandomString";
const ARNS = ["arn:aws:s3:::acme-evidence", "arn:aws:s3:::acme-evidence/*"];
const deps = (...rs: StackInput[]) => rs.map((r) => urnOf(r.type, r.name));

const evidence: StackInput = {
  type: S3,
  name: "evidence",
  props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
};
const lockOf = (bucket: StackInput): StackInput => ({
  type: LOCK,
  name: `${bucket.name}-lock`,
  props: { bucket: UNKNOWN, rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  propertyDependencies: { bucket: deps(bucket) },
});
const locked = lockOf(evidence);

type Statement = Record<string, unknown>;
const allow = (extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Principal: "*",
  Action: ["s3:PutBucketObjectLockConfiguration", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject"],
  Resource: ARNS,
  ...extra,
});
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** A BucketPolicy naming the evidence bucket by its known name and by dependency, as a program writes it. */
const policy = (document: unknown, extra: Partial<StackInput> = {}): StackInput => ({
  type: POLICY,
  name: "evidence-policy",
  props: { bucket: "acme-evidence", policy: document },
  propertyDependencies: { bucket: deps(evidence) },
  ...extra,
});
const POLICY_URN = urnOf(POLICY, "evidence-policy");
const stack = (document: unknown) => [evidence, locked, policy(document)];

describe("require-evidence-s3-default-retention: evidence bucket policies", () => {
  it.each([
    "s3:PutBucketObjectLockConfiguration",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:PutObject",
    "s3:BypassGovernanceRetention",
    "s3:PutObjectRetention",
    "s3:PutObjectLegalHold",
    "s3:DeleteBucket",
    "s3:PutBucketPolicy",
    "s3:*",
    "s3:Delete*",
    "s3:Put*",
    "*",
    "S3:deleteobject",
  ])("flags Allow * of %s on a locked evidence bucket", async (action) => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(doc(allow({ Action: action }))));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", POLICY_URN]]);
  });

  it("names the policy, the statement and its Sid, the actions, the principal and the fix", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(doc({ Sid: "Open", ...allow() })));
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain(
      'policy evidence-policy Statement[0] (Sid "Open") lets everyone (Principal "*") s3:PutBucketObjectLockConfiguration, s3:DeleteObject, s3:DeleteObjectVersion, s3:PutObject on evidence bucket evidence',
    );
    expect(ds[0].message).toContain("lower the default retention for new evidence");
    expect(ds[0].message).toContain("add a Condition on aws:PrincipalOrgID");
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad: everyone, however written.
    {
      name: 'Principal {"AWS": "*"}, Action as a string',
      resources: stack(doc(allow({ Principal: { AWS: "*" }, Action: "s3:DeleteObject" }))),
      violations: 1,
      mentions: 'Principal {"AWS": "*"}',
      urn: POLICY_URN,
    },
    {
      name: 'Principal {"AWS": ["*"]}',
      resources: stack(doc(allow({ Principal: { AWS: ["*"] } }))),
      violations: 1,
    },
    { name: 'Principal ["*"]', resources: stack(doc(allow({ Principal: ["*"] }))), violations: 1 },
    {
      name: "the document as an object, its one Statement not in a list",
      resources: stack({ Version: "2012-10-17", Statement: allow() }),
      violations: 1,
      mentions: "policy evidence-policy Statement lets everyone",
    },
    {
      name: "NotPrincipal in an Allow: everyone not named",
      resources: stack(doc(allow({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }))),
      violations: 1,
      mentions: "NotPrincipal",
    },
    {
      name: "NotAction leaving deletes granted",
      resources: stack(doc(allow({ Action: undefined, NotAction: ["s3:GetObject", "s3:List*"] }))),
      violations: 1,
      mentions: "s3:DeleteObject",
    },
    {
      name: "a condition that names no caller (aws:SecureTransport)",
      resources: stack(doc(allow({ Condition: { Bool: { "aws:SecureTransport": "true" } } }))),
      violations: 1,
    },
    {
      name: "a negated principal condition admits everyone else",
      resources: stack(doc(allow({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))),
      violations: 1,
    },
    {
      name: "IfExists admits callers without the key, anonymous ones included",
      resources: stack(doc(allow({ Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } } }))),
      violations: 1,
    },
    {
      name: "ForAllValues admits callers without the key",
      resources: stack(
        doc(allow({ Condition: { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc123" } } })),
      ),
      violations: 1,
    },
    {
      name: 'StringLike aws:PrincipalArn "*" names no one',
      resources: stack(doc(allow({ Condition: { StringLike: { "aws:PrincipalArn": "*" } } }))),
      violations: 1,
    },
    {
      name: "a Deny with a condition (TLS only, as the kit writes it) does not take the grant back",
      resources: stack(
        doc(allow(), {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ARNS,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      ),
      violations: 1,
    },
    {
      name: "a Deny covering only some actions leaves the others",
      resources: stack(doc(allow(), { Effect: "Deny", Principal: "*", Action: "s3:Delete*", Resource: ARNS })),
      violations: 1,
      mentions: "s3:PutBucketObjectLockConfiguration, s3:PutObject on",
    },
    {
      name: "a Deny on objects only leaves the bucket's lock configuration granted",
      resources: stack(doc(allow(), { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ARNS[1] })),
      violations: 1,
    },
    {
      name: "a Deny on a named account only takes nothing back from everyone",
      resources: stack(
        doc(allow(), { Effect: "Deny", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "*" }),
      ),
      violations: 1,
    },
    {
      name: "the policy names the bucket by its known name only (after deployment)",
      resources: [evidence, locked, policy(doc(allow()), { propertyDependencies: {} })],
      violations: 1,
    },
    {
      name: "the policy names the bucket by dependency only (name unknown at preview)",
      resources: [
        { ...evidence, props: { ...evidence.props, bucket: UNKNOWN } },
        locked,
        policy(doc(allow()), { props: { bucket: UNKNOWN, policy: doc(allow()) } }),
      ],
      violations: 1,
    },
    {
      name: "the bucket's inline policy",
      resources: [{ ...evidence, props: { ...evidence.props, policy: doc(allow()) } }, locked],
      violations: 1,
      urn: urnOf(S3, "evidence"),
      mentions: "inline policy Statement[0]",
    },
    {
      name: "a BucketV2 evidence bucket",
      resources: [
        { ...evidence, type: S3V2 },
        lockOf({ ...evidence, type: S3V2 }),
        policy(doc(allow()), { propertyDependencies: { bucket: [urnOf(S3V2, "evidence")] } }),
      ],
      violations: 1,
    },
    {
      name: "an untagged bucket a trail writes to is evidence by its role",
      resources: [
        { type: S3, name: "trail-logs", props: { bucket: "acme-trail-logs", objectLockEnabled: true } },
        {
          ...lockOf({ type: S3, name: "trail-logs", props: {} }),
          props: { bucket: UNKNOWN, rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
        },
        { type: TRAIL, name: "t", props: { s3BucketName: "acme-trail-logs" } },
        policy(doc(allow()), { props: { bucket: "acme-trail-logs", policy: doc(allow()) }, propertyDependencies: {} }),
      ],
      violations: 1,
    },
    // Notes: what cannot be read is never a pass.
    {
      name: "a SourceIp condition is not read as naming the callers",
      resources: stack(doc(allow({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a condition unknown at preview",
      resources: stack(doc(allow({ Condition: UNKNOWN }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "an org id unknown at preview",
      resources: stack(doc(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a principal unknown at preview",
      resources: stack(doc(allow({ Principal: UNKNOWN }))),
      violations: 0,
      notes: 1,
    },
    { name: "actions unknown at preview", resources: stack(doc(allow({ Action: UNKNOWN }))), violations: 0, notes: 1 },
    {
      name: "a read action beside an action unknown at preview",
      resources: stack(doc(allow({ Action: ["s3:GetObject", UNKNOWN] }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "NotAction with an entry unknown at preview",
      resources: stack(doc(allow({ Action: undefined, NotAction: ["s3:GetObject", UNKNOWN] }))),
      violations: 0,
      notes: 1,
    },
    {
      name: "an Effect unknown at preview",
      resources: stack(doc(allow({ Effect: UNKNOWN }))),
      violations: 0,
      notes: 1,
    },
    { name: "a statement unknown at preview", resources: stack(doc(UNKNOWN)), violations: 0, notes: 1 },
    {
      name: "fails closed on an unreadable condition when configured",
      resources: stack(doc(allow({ Condition: UNKNOWN }))),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "a policy built from the same random suffix as the bucket's name may be its own: a note",
      resources: [
        { type: RANDOM, name: "sfx", props: { length: 6 } },
        {
          ...evidence,
          props: { ...evidence.props, bucket: UNKNOWN },
          propertyDependencies: { bucket: [urnOf(RANDOM, "sfx")] },
        },
        { ...locked, props: { ...locked.props, bucket: UNKNOWN } },
        policy(doc(allow()), {
          props: { bucket: UNKNOWN, policy: doc(allow()) },
          propertyDependencies: { bucket: [urnOf(RANDOM, "sfx")] },
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "ArnLike aws:PrincipalArn with a wildcard account is open (anyone can own a role of that name)",
      resources: stack(doc(allow({ Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ops" } } }))),
      violations: 1,
    },
    {
      name: "ArnLike aws:PrincipalArn arn:aws:iam::*:* is open",
      resources: stack(doc(allow({ Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:*" } } }))),
      violations: 1,
    },
    {
      name: 'StringLike aws:PrincipalOrgID "o-*" is every organization',
      resources: stack(doc(allow({ Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } }))),
      violations: 1,
    },
    {
      name: 'StringLike aws:PrincipalOrgPaths "o-*/*" is every organization',
      resources: stack(doc(allow({ Condition: { StringLike: { "aws:PrincipalOrgPaths": "o-*/*" } } }))),
      violations: 1,
    },
    {
      name: "ArnLike aws:PrincipalArn with a partly wildcard account is not read as narrow",
      resources: stack(
        doc(allow({ Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::12345678901?:role/ops" } } })),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: 'a Deny on Principal {"AWS": "*"} takes the grant back',
      resources: stack(
        doc(allow({ Action: "s3:DeleteObject" }), {
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: "s3:DeleteObject",
          Resource: "*",
        }),
      ),
      violations: 0,
    },
    {
      name: 'a Deny on Principal {"Service": "*"} takes nothing back from everyone',
      resources: stack(
        doc(allow({ Action: "s3:DeleteObject" }), {
          Effect: "Deny",
          Principal: { Service: "*" },
          Action: "s3:DeleteObject",
          Resource: "*",
        }),
      ),
      violations: 1,
    },
    {
      name: "a statement unknown at preview beside an unconditional Deny of everything is no doubt",
      resources: stack(doc(UNKNOWN, { Effect: "Deny", Principal: "*", Action: "*", Resource: "*" })),
      violations: 0,
    },
    // Known good.
    {
      name: "another account named as the principal (replication, backup copy)",
      resources: stack(doc(allow({ Principal: { AWS: "arn:aws:iam::111122223333:root" } }))),
      violations: 0,
    },
    {
      name: "a service principal",
      resources: stack(doc(allow({ Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }))),
      violations: 0,
    },
    {
      name: "everyone in the organization (aws:PrincipalOrgID)",
      resources: stack(doc(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))),
      violations: 0,
    },
    {
      name: "aws:SourceAccount beside a condition not read (the narrowing one decides)",
      resources: stack(
        doc(
          allow({
            Condition: {
              StringEquals: { "aws:SourceAccount": "123456789012" },
              IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
            },
          }),
        ),
      ),
      violations: 0,
    },
    {
      name: "an organization path (ForAnyValue:StringLike aws:PrincipalOrgPaths)",
      resources: stack(
        doc(allow({ Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-abc123/r-ab12/*"] } } })),
      ),
      violations: 0,
    },
    {
      name: "roles of one account (ArnLike aws:PrincipalArn with a literal account)",
      resources: stack(
        doc(allow({ Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/*" } } })),
      ),
      violations: 0,
    },
    {
      name: "everyone may only read",
      resources: stack(doc(allow({ Action: ["s3:GetObject", "s3:List*"] }))),
      violations: 0,
    },
    {
      name: "an unconditional Deny on everyone of every action takes the grant back",
      resources: stack(doc(allow(), { Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: ARNS })),
      violations: 0,
    },
    {
      name: "an unconditional Deny of the destructive part leaves only reads",
      resources: stack(
        doc(allow({ Action: ["s3:GetObject", "s3:DeleteObject"] }), {
          Effect: "Deny",
          Principal: "*",
          Action: ["s3:DeleteObject"],
          Resource: "*",
        }),
      ),
      violations: 0,
    },
    {
      name: "a document unknown at preview (it names the bucket's ARN) is judged once known",
      resources: stack(UNKNOWN),
      violations: 0,
    },
    { name: "text that is not JSON (S3 refuses it)", resources: stack("{not json"), violations: 0 },
    {
      name: "an open policy of an ordinary bucket",
      resources: [
        { type: S3, name: "site", props: { bucket: "acme-site" } },
        policy(doc(allow()), { props: { bucket: "acme-site", policy: doc(allow()) }, propertyDependencies: {} }),
      ],
      violations: 0,
    },
    {
      name: "a policy of `${evidence.bucket}-public`, depending on the evidence bucket, is not its policy",
      resources: [
        { ...evidence, props: { ...evidence.props, bucket: "acme-ev1" } },
        { ...locked, props: { ...locked.props, bucket: "acme-ev1" } },
        { type: S3, name: "public", props: { bucket: "acme-ev1-public" } },
        policy(doc(allow()), { props: { bucket: "acme-ev1-public", policy: doc(allow()) } }),
      ],
      violations: 0,
    },
  ] as StackCase[]);

  it("reports both an open inline policy and an open BucketPolicy", async () => {
    const inline = { ...evidence, props: { ...evidence.props, policy: { Statement: [allow()] } } };
    const ds = mandatory(await runStack(requireEvidenceS3DefaultRetention, [inline, locked, policy(doc(allow()))]));
    expect(ds.map((d) => d.urn).sort()).toEqual([POLICY_URN, urnOf(S3, "evidence")].sort());
  });

  it("says which condition it could not read", async () => {
    const ds = await runStack(
      requireEvidenceS3DefaultRetention,
      stack(doc(allow({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))),
    );
    expect(advisory(ds).map((d) => d.message)).toEqual([
      expect.stringContaining(
        'whether Statement[0].Condition.IpAddress["aws:SourceIp"] narrows the callers is unknown',
      ),
    ]);
  });
});

describe("require-locked-backup-vaults: backup vault policies", () => {
  const VAULT = "aws:backup/vault:Vault";
  const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
  const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
  const AIR_GAPPED = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
  const EU = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::eu";
  const vault: StackInput = { type: VAULT, name: "v", props: { name: "v" } };
  const vaultLock: StackInput = {
    type: VAULT_LOCK,
    name: "l",
    props: { backupVaultName: "v", changeableForDays: 30, minRetentionDays: 7 },
  };
  const open = (extra: Statement = {}): Statement => ({
    Effect: "Allow",
    Principal: "*",
    Action: ["backup:DeleteBackupVaultLockConfiguration", "backup:DeleteRecoveryPoint", "backup:DeleteBackupVault"],
    Resource: "*",
    ...extra,
  });
  const vaultPolicy = (document: unknown, extra: Partial<StackInput> = {}): StackInput => ({
    type: VAULT_POLICY,
    name: "p",
    props: { backupVaultName: "v", policy: document },
    ...extra,
  });
  const VAULT_POLICY_URN = urnOf(VAULT_POLICY, "p");

  it.each([
    "backup:DeleteBackupVaultLockConfiguration",
    "backup:DeleteRecoveryPoint",
    "backup:DeleteBackupVault",
    "backup:PutBackupVaultLockConfiguration",
    "backup:*",
    "backup:Delete*",
    "*",
  ])("flags Allow * of %s on a vault in its grace period", async (action) => {
    const ds = await runStack(requireLockedBackupVaults, [
      vault,
      vaultLock,
      vaultPolicy(doc(open({ Action: action }))),
    ]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", VAULT_POLICY_URN]]);
    expect(ds[0].message).toContain("on backup vault v");
  });

  stackTable(requireLockedBackupVaults, [
    {
      name: 'Principal {"AWS": "*"}, the policy linked by dependency (name unknown at preview)',
      resources: [
        vault,
        vaultLock,
        vaultPolicy(doc(open({ Principal: { AWS: "*" } })), {
          props: { backupVaultName: UNKNOWN, policy: doc(open({ Principal: { AWS: "*" } })) },
          propertyDependencies: { backupVaultName: [urnOf(VAULT, "v")] },
        }),
      ],
      violations: 1,
      mentions: "remove the lock in its grace period",
    },
    {
      name: "a logically air-gapped vault's policy",
      resources: [
        { type: AIR_GAPPED, name: "bunker", props: { name: "v", minRetentionDays: 7 } },
        vaultPolicy(doc(open())),
      ],
      violations: 1,
    },
    {
      name: "a vault policy under another provider, in another named region, names another vault",
      resources: [
        { ...vault, props: { name: "v", region: "us-east-1" } },
        { ...vaultLock, props: { ...vaultLock.props, region: "us-east-1" } },
        vaultPolicy(doc(open()), {
          provider: EU,
          props: { backupVaultName: "v", region: "eu-west-1", policy: doc(open()) },
        }),
      ],
      violations: 0,
    },
    {
      name: "a vault policy in another named region names another vault",
      resources: [
        { ...vault, props: { name: "v", region: "us-east-1" } },
        { ...vaultLock, props: { ...vaultLock.props, region: "us-east-1" } },
        vaultPolicy(doc(open()), { props: { backupVaultName: "v", region: "eu-west-1", policy: doc(open()) } }),
      ],
      violations: 0,
    },
    {
      name: "the same region named on both",
      resources: [
        { ...vault, props: { name: "v", region: "eu-west-1" } },
        { ...vaultLock, props: { ...vaultLock.props, region: "eu-west-1" } },
        vaultPolicy(doc(open()), { props: { backupVaultName: "v", region: "eu-west-1", policy: doc(open()) } }),
      ],
      violations: 1,
    },
    {
      name: "another account named as the principal (cross-account copy)",
      resources: [vault, vaultLock, vaultPolicy(doc(open({ Principal: { AWS: "arn:aws:iam::111122223333:root" } })))],
      violations: 0,
    },
    {
      name: "everyone in the organization",
      resources: [
        vault,
        vaultLock,
        vaultPolicy(doc(open({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))),
      ],
      violations: 0,
    },
    {
      name: "everyone may only copy into the vault",
      resources: [vault, vaultLock, vaultPolicy(doc(open({ Action: "backup:CopyIntoBackupVault" })))],
      violations: 0,
    },
    {
      name: "a Deny of the deletes on everyone, unconditional, takes the grant back",
      resources: [
        vault,
        vaultLock,
        vaultPolicy(doc(open(), { Effect: "Deny", Principal: "*", Action: "backup:Delete*", Resource: "*" })),
      ],
      violations: 0,
    },
    {
      name: "a condition not read is a note",
      resources: [
        vault,
        vaultLock,
        vaultPolicy(doc(open({ Condition: { StringEquals: { "backup:CopyTargetOrgPaths": "o-a/r-b" } } }))),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a document unknown at preview is judged once known",
      resources: [vault, vaultLock, vaultPolicy(UNKNOWN)],
      violations: 0,
    },
  ] as StackCase[]);
});
