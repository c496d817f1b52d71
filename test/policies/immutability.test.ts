import { requireBackupVaultLockCompliance } from "../../policies/rules/require-backup-vault-lock-compliance";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { Case, remediate, run, table, UNKNOWN } from "./harness";

const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const VAULT = "aws:backup/vault:Vault";
const HBR = "alicloud:hbr/vault:Vault";
const HBR_ECS_PLAN = "alicloud:hbr/ecsBackupPlan:EcsBackupPlan";
const HBR_POLICY = "alicloud:hbr/policy:Policy";
const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const S3_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const AIR_GAPPED = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
const GLACIER_LOCK = "aws:glacier/vaultLock:VaultLock";
/** A Glacier lock policy that keeps archives for a year. */
const denyDeletes = (action: unknown = "glacier:DeleteArchive", effect: unknown = "Deny") =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: effect,
        Principal: "*",
        Action: action,
        Resource: "arn:aws:glacier:us-east-1:123456789012:vaults/evidence-archive",
        Condition: { NumericLessThanEquals: { "glacier:ArchiveAgeinDays": "365" } },
      },
    ],
  });
const evidenceTags = { "hardening:evidence": "true" };

describe("require-backup-vault-lock-compliance", () => {
  table(requireBackupVaultLockCompliance, [
    {
      name: "compliance mode, 30 days",
      type: LOCK,
      props: { backupVaultName: UNKNOWN, changeableForDays: 3, minRetentionDays: 30 },
      violations: 0,
    },
    {
      name: "governance mode (no changeableForDays)",
      type: LOCK,
      props: { backupVaultName: "v", minRetentionDays: 30 },
      violations: 1,
    },
    { name: "no minimum retention", type: LOCK, props: { backupVaultName: "v", changeableForDays: 3 }, violations: 1 },
    {
      name: "logically air-gapped vault keeping recovery points the default minimum",
      type: AIR_GAPPED,
      props: { name: "bunker", minRetentionDays: 7, maxRetentionDays: 35 },
      violations: 0,
    },
    {
      name: "logically air-gapped vault keeping recovery points one day",
      type: AIR_GAPPED,
      props: { name: "bunker", minRetentionDays: "1", maxRetentionDays: 35 },
      violations: 1,
      mentions: "before 7 days",
    },
    {
      name: "retention below the minimum",
      type: LOCK,
      props: { changeableForDays: 3, minRetentionDays: 1 },
      violations: 1,
    },
    {
      name: "unknown retention is a note",
      type: LOCK,
      props: { changeableForDays: 3, minRetentionDays: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    { name: "vault with forceDestroy", type: VAULT, props: { name: "v", forceDestroy: true }, violations: 1 },
    { name: "vault kept on destroy", type: VAULT, props: { name: "v", forceDestroy: false }, violations: 0 },
    { name: "vault with provider defaults", type: VAULT, props: { name: "v" }, violations: 0 },
    {
      name: "vault forceDestroy unknown is a note",
      type: VAULT,
      props: { forceDestroy: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    { name: "HBR vault with immutable backup", type: HBR, props: { vaultName: "v", wormEnabled: true }, violations: 0 },
    { name: "HBR vault with provider defaults", type: HBR, props: { vaultName: "v" }, violations: 1 },
    { name: "HBR vault with WORM off", type: HBR, props: { vaultName: "v", wormEnabled: false }, violations: 1 },
    { name: "HBR vault WORM unknown is a note", type: HBR, props: { wormEnabled: UNKNOWN }, violations: 0, notes: 1 },
    { name: "HBR ECS plan kept 30 days", type: HBR_ECS_PLAN, props: { retention: "30" }, violations: 0 },
    { name: "HBR ECS plan kept 7 days", type: HBR_ECS_PLAN, props: { retention: "7" }, violations: 0 },
    {
      name: "HBR ECS plan kept one day",
      type: HBR_ECS_PLAN,
      props: { retention: "1" },
      violations: 1,
      mentions: 'retention is "1": backups are deleted before 7 days',
    },
    {
      name: "HBR OSS plan kept 2 days",
      type: "alicloud:hbr/ossBackupPlan:OssBackupPlan",
      props: { retention: "2" },
      violations: 1,
    },
    {
      name: "HBR NAS plan kept 3 days",
      type: "alicloud:hbr/nasBackupPlan:NasBackupPlan",
      props: { retention: "3" },
      violations: 1,
    },
    {
      name: "HBR OTS plan kept a year",
      type: "alicloud:hbr/otsBackupPlan:OtsBackupPlan",
      props: { retention: "365" },
      violations: 0,
    },
    {
      name: "HBR server plan kept one day",
      type: "alicloud:hbr/serverBackupPlan:ServerBackupPlan",
      props: { retention: 1 },
      violations: 1,
    },
    {
      name: "HBR plan retention unknown is a note",
      type: HBR_ECS_PLAN,
      props: { retention: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "HBR policy: backup kept 30 days, transition rule without retention",
      type: HBR_POLICY,
      props: {
        rules: [
          { ruleType: "BACKUP", retention: 30 },
          { ruleType: "TRANSITION", archiveDays: 30 },
        ],
      },
      violations: 0,
    },
    {
      name: "HBR policy: backup kept one day",
      type: HBR_POLICY,
      props: { rules: [{ ruleType: "BACKUP", retention: 1 }] },
      violations: 1,
      mentions: "rules[0].retention is 1",
    },
    {
      name: "HBR policy: replicas kept 2 days",
      type: HBR_POLICY,
      props: {
        rules: [
          { ruleType: "BACKUP", retention: 30 },
          { ruleType: "REPLICATION", retention: 2 },
        ],
      },
      violations: 1,
      mentions: "rules[1].retention",
    },
    {
      name: "HBR policy rules unknown is a note",
      type: HBR_POLICY,
      props: { rules: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "HBR ECS-only policy with locked backups",
      type: HBR_POLICY,
      props: { policyType: "UDM_ECS_ONLY", rules: [{ ruleType: "BACKUP", retention: 30, immutable: true }] },
      violations: 0,
    },
    {
      name: "HBR ECS-only policy without a backup lock",
      type: HBR_POLICY,
      props: { policyType: "UDM_ECS_ONLY", rules: [{ ruleType: "BACKUP", retention: 30 }] },
      violations: 1,
      mentions: "rules[0].immutable is not set",
    },
    {
      name: "HBR ECS-only policy with the lock off, spelled in lower case",
      type: HBR_POLICY,
      props: { policyType: "udm_ecs_only", rules: [{ ruleType: "backup", retention: 30, immutable: "false" }] },
      violations: 1,
    },
    {
      name: "HBR standard policy (backups in a vault, whose WORM is judged)",
      type: HBR_POLICY,
      props: { policyType: "STANDARD", rules: [{ ruleType: "BACKUP", retention: 30, vaultId: "v-1" }] },
      violations: 0,
    },
    {
      name: "HBR policy of unknown type without a backup lock is a note",
      type: HBR_POLICY,
      props: { policyType: UNKNOWN, rules: [{ ruleType: "BACKUP", retention: 30 }] },
      violations: 0,
      notes: 1,
    },
    {
      name: "HBR ECS-only policy lock unknown is a note",
      type: HBR_POLICY,
      props: { policyType: "UDM_ECS_ONLY", rules: [{ ruleType: "BACKUP", retention: 30, immutable: UNKNOWN }] },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("holds a logically air-gapped vault to the configured minimum", async () => {
    const config = { minRetentionDays: 30 };
    const bunker = { name: "bunker", maxRetentionDays: 3650 };
    const at = async (min: unknown) =>
      run(requireBackupVaultLockCompliance, AIR_GAPPED, { ...bunker, minRetentionDays: min }, { config });
    const [seven] = await at(7);
    expect(seven.level).toBe("mandatory");
    expect(seven.message).toContain("minRetentionDays is 7: recovery points may be deleted before 30 days");
    expect(await at("7")).toHaveLength(1);
    expect(await at(30)).toEqual([]);
    expect(await at("30")).toEqual([]);
    expect((await at(UNKNOWN))[0].message).toMatch(/^cannot be verified at preview: minRetentionDays is unknown/);
    expect(await run(requireBackupVaultLockCompliance, AIR_GAPPED, { ...bunker, minRetentionDays: 7 })).toEqual([]);
  });

  it("reads the HBR plan minimum from config", async () => {
    const config = { minRetentionDays: 30 };
    expect(await run(requireBackupVaultLockCompliance, HBR_ECS_PLAN, { retention: "14" }, { config })).toHaveLength(1);
    expect(await run(requireBackupVaultLockCompliance, HBR_ECS_PLAN, { retention: "30" }, { config })).toEqual([]);
  });

  it("reads the minimum from config", async () => {
    const props = { changeableForDays: 3, minRetentionDays: 30 };
    expect(await run(requireBackupVaultLockCompliance, LOCK, props, { config: { minRetentionDays: 90 } })).toHaveLength(
      1,
    );
  });
});

describe("require-evidence-bucket-immutability", () => {
  table(requireEvidenceBucketImmutability, [
    {
      name: "tagged evidence bucket with Object Lock",
      type: S3,
      props: { tags: evidenceTags, objectLockEnabled: true },
      violations: 0,
    },
    // Object Lock may come from a separate BucketObjectLockConfiguration: require-evidence-s3-default-retention judges it.
    {
      name: "tagged evidence bucket without the Object Lock flag is left to the stack rule",
      type: S3,
      props: { tags: evidenceTags },
      violations: 0,
    },
    {
      name: "evidence bucket with forceDestroy",
      type: S3V2,
      props: { tags: evidenceTags, objectLockEnabled: true, forceDestroy: true },
      violations: 1,
      mentions: "forceDestroy",
    },
    {
      name: "backup-named bucket with forceDestroy",
      type: S3,
      props: { bucket: "acme-db-backups", forceDestroy: true },
      violations: 1,
    },
    {
      name: "purpose tag forensics with forceDestroy",
      type: S3,
      props: { tags: { purpose: "forensics" }, forceDestroy: true },
      violations: 1,
    },
    {
      name: "legacy inline lock configuration",
      type: S3,
      props: { tags: evidenceTags, objectLockConfiguration: { objectLockEnabled: "Enabled" } },
      violations: 0,
    },
    {
      name: "ordinary bucket",
      type: S3,
      props: { bucket: "acme-website", forceDestroy: true },
      violations: 0,
      resourceName: "site",
    },
    {
      name: "unknown tags on an unnamed bucket is a note",
      type: S3,
      props: { tags: UNKNOWN },
      violations: 0,
      notes: 1,
      resourceName: "data",
    },
    {
      name: "lock configuration in governance mode on an evidence-named bucket",
      type: S3_LOCK,
      props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
      violations: 1,
      mentions: "COMPLIANCE",
    },
    {
      name: "governance lock on an ordinary bucket is left to the stack rule",
      type: S3_LOCK,
      props: { bucket: "web-assets", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
      violations: 0,
      resourceName: "web-assets-lock",
    },
    {
      name: "bucket unknown at preview, evidence resource name",
      type: S3_LOCK,
      props: { bucket: UNKNOWN, rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
      violations: 1,
      resourceName: "case-evidence-lock",
    },
    {
      name: "compliance lock on evidence keeping objects 0 days",
      type: S3_LOCK,
      props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 0 } } },
      violations: 1,
      mentions: "days",
    },
    {
      name: "compliance lock on evidence with negative days",
      type: S3_LOCK,
      props: { bucket: "acme-backups", rule: { defaultRetention: { mode: "COMPLIANCE", days: -5 } } },
      violations: 1,
    },
    {
      name: "compliance lock on evidence counted in years",
      type: S3_LOCK,
      props: { bucket: "acme-backups", rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } },
      violations: 0,
    },
    {
      name: "evidence lock without a default retention",
      type: S3_LOCK,
      props: { bucket: "acme-evidence" },
      violations: 1,
    },
    {
      name: "evidence lock with days unknown is a note",
      type: S3_LOCK,
      props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: UNKNOWN } } },
      violations: 0,
      notes: 1,
    },
    {
      name: "evidence lock with the rule unknown is a note",
      type: S3_LOCK,
      props: { bucket: "acme-evidence", rule: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "lock configuration in compliance mode",
      type: S3_LOCK,
      props: { bucket: UNKNOWN, rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } },
      violations: 0,
    },
    {
      name: "OSS evidence bucket with forceDestroy",
      type: OSS,
      props: { bucket: "case-evidence", forceDestroy: true },
      violations: 1,
    },
    { name: "OSS evidence bucket kept", type: OSS, props: { tags: evidenceTags }, violations: 0 },
    {
      name: "OSS WORM locked",
      type: WORM,
      props: { bucket: "b", status: "Locked", retentionPeriodInDays: 180 },
      violations: 0,
    },
    {
      name: "OSS WORM still InProgress",
      type: WORM,
      props: { bucket: "b", status: "InProgress", retentionPeriodInDays: 180 },
      violations: 1,
    },
    { name: "OSS WORM without retention", type: WORM, props: { bucket: "b", status: "Locked" }, violations: 1 },
    {
      name: "Glacier evidence vault lock left in its test (completeLock false)",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: false, policy: denyDeletes() },
      violations: 1,
      mentions: "completeLock",
    },
    {
      name: 'Glacier evidence vault lock with completeLock "false"',
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: "false", policy: denyDeletes() },
      violations: 1,
    },
    {
      name: "Glacier evidence vault lock completed, denying deletes",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: true, policy: denyDeletes() },
      violations: 0,
    },
    {
      name: 'Glacier lock completed ("true"), denying glacier:Delete* in a list',
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: "true", policy: denyDeletes(["glacier:Delete*"]) },
      violations: 0,
    },
    {
      name: "Glacier lock completed with an empty policy",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: true, policy: "{}" },
      violations: 1,
      mentions: "glacier:DeleteArchive",
    },
    {
      name: "Glacier lock completed whose policy allows deletes",
      type: GLACIER_LOCK,
      props: {
        vaultName: "evidence-archive",
        completeLock: true,
        policy: denyDeletes("glacier:DeleteArchive", "Allow"),
      },
      violations: 1,
    },
    {
      name: "Glacier lock denying only uploads",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: true, policy: denyDeletes("glacier:UploadArchive") },
      violations: 1,
    },
    {
      name: "Glacier lock policy unknown at preview is a note",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: true, policy: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "Glacier lock action unknown at preview is a note",
      type: GLACIER_LOCK,
      props: {
        vaultName: "evidence-archive",
        completeLock: true,
        policy: denyDeletes(["glacier:UploadArchive", UNKNOWN]),
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "Glacier lock completeLock unknown at preview is a note",
      type: GLACIER_LOCK,
      props: { vaultName: "evidence-archive", completeLock: UNKNOWN, policy: denyDeletes() },
      violations: 0,
      notes: 1,
    },
    {
      name: "incomplete Glacier lock of a vault unknown at preview is a note",
      type: GLACIER_LOCK,
      props: { vaultName: UNKNOWN, completeLock: false, policy: denyDeletes() },
      violations: 0,
      notes: 1,
      resourceName: "archive-lock",
    },
    {
      name: "incomplete Glacier lock of a vault unknown at preview, evidence resource name",
      type: GLACIER_LOCK,
      props: { vaultName: UNKNOWN, completeLock: false, policy: denyDeletes() },
      violations: 1,
      resourceName: "evidence-archive-lock",
    },
    {
      name: "complete Glacier lock of a vault unknown at preview",
      type: GLACIER_LOCK,
      props: { vaultName: UNKNOWN, completeLock: true, policy: denyDeletes() },
      violations: 0,
      resourceName: "archive-lock",
    },
    {
      name: "incomplete Glacier lock of an ordinary vault",
      type: GLACIER_LOCK,
      props: { vaultName: "media-archive", completeLock: false, policy: "{}" },
      violations: 0,
      resourceName: "media-lock",
    },
  ] as Case[]);

  it("remediates forceDestroy on evidence buckets only", async () => {
    expect(await remediate(requireEvidenceBucketImmutability, S3, { tags: evidenceTags, forceDestroy: true })).toEqual({
      tags: evidenceTags,
      forceDestroy: false,
    });
    expect(
      await remediate(requireEvidenceBucketImmutability, S3, { bucket: "site", forceDestroy: true }, { name: "site" }),
    ).toBeUndefined();
  });
});

describe("which buckets hold evidence", () => {
  const { classifyBucket } = require("../../policies/lib/evidence");
  it.each([
    [{ tags: { "hardening:evidence": "true" } }, "data", "evidence"],
    [{ tags: { "hardening:backup": "true" } }, "data", "evidence"],
    [{ tags: { "backup-store": "yes" } }, "data", "evidence"],
    [{ tags: { purpose: "backup" } }, "data", "evidence"],
    // AWS Backup's tag-based selection: the bucket's data is backed up, the bucket is no backup store.
    [{ tags: { Backup: "true" } }, "data", "other"],
    [{ tags: { backup: "yes" } }, "app-data", "other"],
    [{ tags: { Backup: "true" }, bucket: "db-backups" }, "data", "evidence"],
    [{ tags: { purpose: "forensics" } }, "data", "evidence"],
    [{ tags: { Name: "case-evidence" } }, "data", "evidence"],
    [{ bucketPrefix: "db-backups-" }, "data", "evidence"],
    [{}, "incident-evidence", "evidence"],
    [{ tags: { backup: "false", team: "web" } }, "site", "other"],
    // Other spellings of a backup selection, and values naming a backup schedule: data to back up, not a backup store.
    [{ tags: { "backup-enabled": "true" } }, "app-data", "other"],
    [{ tags: { backup_enabled: true } }, "app-data", "other"],
    [{ tags: { BackupPlan: "backup-daily" } }, "app-data", "other"],
    [{ tags: { "aws-backup": "yes" } }, "app-data", "other"],
    [{ tags: { "backup:policy": "weekly_backup" } }, "app-data", "other"],
    [{ tags: { schedule: "backup-daily" } }, "app-data", "other"],
    [{ tags: { retention: "nightly backups" } }, "app-data", "other"],
    [{ tags: { "backup-enabled": UNKNOWN } }, "app-data", "other"],
    [{ tags: { BackupPlan: "daily" }, bucket: "db-backups" }, "data", "evidence"],
    [{ tags: { "backup-enabled": "true", purpose: "evidence" } }, "data", "evidence"],
    [{ tags: { "backup-vault": "true" } }, "data", "evidence"],
    [{ tags: { purpose: "backups" } }, "data", "evidence"],
    [{ tags: { Name: "nightly-backup" } }, "data", "evidence"],
    [{ tags: { "hardening:evidence": "true", BackupPlan: "backup-daily" } }, "data", "evidence"],
    [{ tags: { "hardening:backup": "yes" } }, "data", "evidence"],
    [{ tags: { team: "web" } }, "flow-log-evidence", "evidence"],
    // A schedule-like value names a store of backups under a purpose or role key; only a schedule or selection key
    // makes it a schedule, and a selection key's value still names evidence.
    [{ tags: { purpose: "nightly-backups" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { Role: "daily-backup" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { purpose: "backup-7d" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { backup: "forensic-evidence" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { BackupPolicy: "evidence-retention" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { backup_tier: "evidence" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { "backup-enabled": "true" }, bucket: "acme-store-7f3a" }, "store", "other"],
    [{ tags: { BackupPlan: "backup-daily" }, bucket: "acme-store-7f3a" }, "store", "other"],
    [{ tags: { BackupSchedule: "nightly-backup" }, bucket: "acme-store-7f3a" }, "store", "other"],
    [{ tags: { retention: "evidence-7y" }, bucket: "acme-store-7f3a" }, "store", "evidence"],
    [{ tags: { team: UNKNOWN } }, "site", "unknown"],
    [{ tags: UNKNOWN }, "site", "unknown"],
  ])("%j named %s is %s", (props, name, verdict) => {
    expect(classifyBucket(props, name)).toBe(verdict);
  });
});
