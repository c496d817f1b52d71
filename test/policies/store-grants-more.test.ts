// More of what an evidence store's policy must not open to everyone: default encryption (under an outsider's KMS key
// new evidence becomes unreadable once they revoke it) and replication (every new object copied out); and a
// source-IP condition that covers the whole internet narrows no one, in bucket and backup vault policies alike.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ARNS = ["arn:aws:s3:::acme-evidence", "arn:aws:s3:::acme-evidence/*"];

const evidence: StackInput = {
  type: S3,
  name: "evidence",
  props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
};
const locked: StackInput = {
  type: LOCK,
  name: "evidence-lock",
  props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  propertyDependencies: { bucket: [urnOf(S3, "evidence")] },
};

type Statement = Record<string, unknown>;
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Principal: "*",
  Action: "s3:DeleteObject",
  Resource: ARNS,
  ...extra,
});
const POLICY_URN = urnOf(POLICY, "evidence-policy");
const stack = (...statements: Statement[]): StackInput[] => [
  evidence,
  locked,
  {
    type: POLICY,
    name: "evidence-policy",
    props: { bucket: "acme-evidence", policy: doc(...statements) },
    propertyDependencies: { bucket: [urnOf(S3, "evidence")] },
  },
];
const sourceIp = (op: string, value: unknown): Statement => ({ Condition: { [op]: { "aws:SourceIp": value } } });

describe("require-evidence-s3-default-retention: encryption and replication grants", () => {
  it.each([
    ["s3:PutEncryptionConfiguration", "s3:PutEncryptionConfiguration"],
    ["s3:PutReplicationConfiguration", "s3:PutReplicationConfiguration"],
    ["s3:putencryptionconfiguration", "s3:PutEncryptionConfiguration"],
    ["s3:Put*Configuration", "s3:PutEncryptionConfiguration"],
    ["s3:PutReplication*", "s3:PutReplicationConfiguration"],
    ["s3:PutBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
    ["s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"],
    ["s3:*Configuration", "s3:PutReplicationConfiguration"],
  ])("flags Allow * of %s and names %s", async (action, named) => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, stack(allow({ Action: action })));
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["mandatory", POLICY_URN]]);
    expect(ds[0].message).toContain(named);
  });

  it("says what everyone could do with them", async () => {
    const ds = await runStack(
      requireEvidenceS3DefaultRetention,
      stack(allow({ Action: "s3:PutEncryptionConfiguration" })),
    );
    expect(ds[0].message).toContain("encrypt new evidence under a key of their own");
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "s3:PutBucket* does not match the encryption or replication actions",
      resources: stack(allow({ Action: "s3:PutBucketTagging" })),
      violations: 0,
    },
    {
      name: "encryption granted to a named account",
      resources: stack(
        allow({ Action: "s3:PutEncryptionConfiguration", Principal: { AWS: "arn:aws:iam::111122223333:root" } }),
      ),
      violations: 0,
    },
    {
      name: "replication granted to everyone in the organization",
      resources: stack(
        allow({
          Action: "s3:PutReplicationConfiguration",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
        }),
      ),
      violations: 0,
    },
    {
      name: "replication granted to everyone, then denied to everyone",
      resources: stack(allow({ Action: "s3:PutReplicationConfiguration" }), {
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutReplicationConfiguration",
        Resource: ARNS,
      }),
      violations: 0,
    },
  ]);
});

describe("require-evidence-s3-default-retention: a source IP covering the internet narrows no one", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "IpAddress 0.0.0.0/0 and ::/0",
      resources: stack(allow(sourceIp("IpAddress", ["0.0.0.0/0", "::/0"]))),
      violations: 1,
      urn: POLICY_URN,
    },
    { name: "IpAddress 0.0.0.0/0 alone", resources: stack(allow(sourceIp("IpAddress", "0.0.0.0/0"))), violations: 1 },
    {
      name: "IpAddress ::/0 alone (any IPv6 caller)",
      resources: stack(allow(sourceIp("IpAddress", "::/0"))),
      violations: 1,
    },
    {
      name: "two halves of IPv4: 0.0.0.0/1 and 128.0.0.0/1",
      resources: stack(allow(sourceIp("IpAddress", ["0.0.0.0/1", "128.0.0.0/1"]))),
      violations: 1,
    },
    {
      name: "IpAddressIfExists 0.0.0.0/0",
      resources: stack(allow(sourceIp("IpAddressIfExists", ["0.0.0.0/0"]))),
      violations: 1,
    },
    {
      name: "operator and key in other cases",
      resources: stack(allow({ Condition: { ipaddress: { "AWS:SOURCEIP": "0.0.0.0/0" } } })),
      violations: 1,
    },
    {
      name: "a narrow source IP stays a note",
      resources: stack(allow(sourceIp("IpAddress", ["203.0.113.0/24"]))),
      violations: 0,
      notes: 1,
    },
    {
      name: "one IPv4 half only stays a note",
      resources: stack(allow(sourceIp("IpAddress", ["0.0.0.0/1"]))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a NotIpAddress stays a note",
      resources: stack(allow(sourceIp("NotIpAddress", ["203.0.113.0/24"]))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a source IP unknown at preview stays a note",
      resources: stack(allow(sourceIp("IpAddress", UNKNOWN))),
      violations: 0,
      notes: 1,
    },
    {
      name: "the internet as source IP beside an organization test: narrowed by the organization",
      resources: stack(
        allow({
          Condition: {
            IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
            StringEquals: { "aws:PrincipalOrgID": "o-abc123" },
          },
        }),
      ),
      violations: 0,
    },
  ]);
});

describe("require-locked-backup-vaults: a source IP covering the internet narrows no one", () => {
  const VAULT = "aws:backup/vault:Vault";
  const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
  const vault: StackInput = { type: VAULT, name: "v", props: { name: "v" } };
  const vaultPolicy = (extra: Statement): StackInput => ({
    type: VAULT_POLICY,
    name: "p",
    props: {
      backupVaultName: "v",
      policy: doc({ Effect: "Allow", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*", ...extra }),
    },
  });
  const violationsOf = async (extra: Statement) =>
    (await runStack(requireLockedBackupVaults, [vault, vaultPolicy(extra)])).filter(
      (d) => d.urn === urnOf(VAULT_POLICY, "p"),
    );

  it("flags the whole internet as source IP", async () => {
    const ds = await violationsOf(sourceIp("IpAddress", ["0.0.0.0/0", "::/0"]));
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
  });

  it("keeps a narrow source IP a note", async () => {
    const ds = await violationsOf(sourceIp("IpAddress", ["198.51.100.7/32"]));
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
  });
});
