import { requireBackupVaultLockCompliance } from "../../policies/rules/require-backup-vault-lock-compliance";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { Case, remediate, run, table, UNKNOWN } from "./harness";

const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const VAULT = "aws:backup/vault:Vault";
const HBR = "alicloud:hbr/vault:Vault";
const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const S3_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
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
  ] as Case[]);

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
    [{ tags: { Backup: "yes" } }, "data", "evidence"],
    [{ tags: { purpose: "forensics" } }, "data", "evidence"],
    [{ tags: { Name: "case-evidence" } }, "data", "evidence"],
    [{ bucketPrefix: "db-backups-" }, "data", "evidence"],
    [{}, "incident-evidence", "evidence"],
    [{ tags: { backup: "false", team: "web" } }, "site", "other"],
    [{ tags: { team: UNKNOWN } }, "site", "unknown"],
    [{ tags: UNKNOWN }, "site", "unknown"],
  ])("%j named %s is %s", (props, name, verdict) => {
    expect(classifyBucket(props, name)).toBe(verdict);
  });
});
