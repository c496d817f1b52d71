import { unwrap } from "../../lib/reachability/resource";
import { bool, isUnknown, obj } from "../../lib/values";
import { defaultRetentionDays, inlineDefaultRetentions, retentionPeriodDays } from "../lib/default-retention-days";
import { classifyBucket } from "../lib/evidence";
import { EVIDENCE_RETENTION_DAYS } from "../lib/evidence-retention";
import {
  EVIDENCE_RETENTION_SCHEMA,
  EvidenceRetentionConfig,
  readEvidenceRetention,
} from "../lib/evidence-retention-config";
import { at, expectAll, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { glacierLockGaps } from "../lib/glacier-lock-policy";
import { checkedDefaultTags } from "../lib/provider-default-tags";
import { Check, defineResourceRule, Remedy } from "../lib/rule";
import { is } from "../lib/text-values";

function forceDestroyFindings(p: Record<string, unknown>): Finding[] {
  if (isUnknown(p.forceDestroy)) return [unverifiable("forceDestroy")];
  return bool(p.forceDestroy) === true
    ? [violation("forceDestroy is true: deleting the stack deletes the evidence")]
    : [];
}

type Config = EvidenceRetentionConfig;

/**
 * What keeps one default retention of an evidence bucket from holding: a known retention shorter than the configured
 * minRetentionDays (30 by default, as require-evidence-s3-default-retention's; a year counts as 365 days). A retention
 * ending after a day keeps nothing a hidden intrusion's investigation needs.
 */
function shortRetention(retention: unknown, field: string, minDays: number): Finding[] {
  const days = defaultRetentionDays(retention);
  if (days === "unknown") return [unverifiable(`${field}.days`)];
  return days < minDays
    ? [
        violation(
          `${field} keeps objects ${days} days, less than the evidence minimum of ${minDays} (days, or years counted as 365 days): evidence can be deleted before an intrusion is found`,
        ),
      ]
    : [];
}

/** The deprecated inline default retentions (Bucket's single rule, BucketV2's list): COMPLIANCE, for the minimum. */
function inlineRetentionFindings(p: Record<string, unknown>, minDays: number): Finding[] {
  const field = "objectLockConfiguration default retention";
  // A block unknown at preview is require-evidence-s3-default-retention's note.
  return inlineDefaultRetentions(p).flatMap((retention) => {
    if (isUnknown(retention)) return [];
    const mode = obj(unwrap(retention))?.mode;
    const findings =
      typeof mode === "string" && !isUnknown(mode) && !is(mode, "COMPLIANCE")
        ? [violation(`objectLockConfiguration default mode is "${mode}": only COMPLIANCE cannot be lifted`)]
        : [];
    return [...findings, ...shortRetention(retention, field, minDays)];
  });
}

/**
 * Object Lock itself can be enabled by the bucket flag, the inline configuration or a separate
 * BucketObjectLockConfiguration, which only the stack is able to see: require-evidence-s3-default-retention judges it.
 */
const s3Bucket: Check<Config> = (p, ctx) => {
  const kind = classifyBucket(p, ctx.name, checkedDefaultTags(ctx));
  if (kind === "unknown") return [unverifiable("tags", "cannot tell whether the bucket holds evidence")];
  if (kind === "other") return [];
  return [...forceDestroyFindings(p), ...inlineRetentionFindings(p, ctx.config.minRetentionDays)];
};

/**
 * Only the bucket's name is visible here, so only a name that marks evidence or backups is judged;
 * require-evidence-s3-default-retention judges every lock against its bucket's tags across the stack.
 */
const s3LockConfiguration: Check<Config> = (p, ctx) => {
  if (classifyBucket({ bucket: p.bucket }, ctx.name) !== "evidence") return [];
  const retention = at(p, "rule.defaultRetention");
  if (isUnknown(retention)) return [unverifiable("rule.defaultRetention")];
  if (retention === undefined)
    return [violation("rule.defaultRetention is not set: new objects in the evidence bucket are not locked")];
  const findings = expectAll(p, [
    {
      path: "rule.defaultRetention.mode",
      ok: (v) => is(v, "COMPLIANCE"),
      problem: () => "only COMPLIANCE mode cannot be lifted by an administrator",
    },
  ]);
  return [...findings, ...shortRetention(retention, "rule.defaultRetention", ctx.config.minRetentionDays)];
};

const ossBucket: Check<Config> = (p, ctx) => {
  const kind = classifyBucket(p, ctx.name, checkedDefaultTags(ctx));
  if (kind === "unknown") return [unverifiable("tags", "cannot tell whether the bucket holds evidence")];
  return kind === "evidence" ? forceDestroyFindings(p) : [];
};

/**
 * Every WORM policy must be Locked and keep objects for some time. Only the bucket's name is visible here, so the
 * configured minimum is held when the bucket or resource name marks evidence or backups, and a short policy on a
 * bucket unknown at preview is a note; require-evidence-oss-worm holds every WORM policy of an evidence bucket, tagged
 * ones included, to its own minRetentionDays across the stack.
 */
const ossWorm: Check<Config> = (p, ctx) => {
  const minDays = ctx.config.minRetentionDays;
  const findings: Finding[] = [];
  if (isUnknown(p.status)) findings.push(unverifiable("status"));
  else if (p.status !== "Locked")
    findings.push(violation(`status is ${show(p.status)}: an unlocked (InProgress) WORM policy can be deleted`));
  const days = retentionPeriodDays(p.retentionPeriodInDays);
  if (days === "unknown") return [...findings, unverifiable("retentionPeriodInDays")];
  if (days <= 0) return [...findings, violation("retentionPeriodInDays is not set: objects are not retained")];
  if (days >= minDays) return findings;
  if (classifyBucket({ bucket: p.bucket }, ctx.name) === "evidence")
    return [
      ...findings,
      violation(
        `retentionPeriodInDays is ${days}, less than the evidence minimum of ${minDays}: evidence can be deleted before an intrusion is found`,
      ),
    ];
  return isUnknown(unwrap(p.bucket))
    ? [...findings, unverifiable("bucket", `whether a WORM policy of ${days} days guards evidence`)]
    : findings;
};

/**
 * Only the vault's name is visible here, so a lock is judged when its vault or resource name marks evidence or
 * backups, and a weak lock on a vault unknown at preview is a note; require-evidence-s3-default-retention judges the
 * lock of every evidence vault, tagged ones included, across the stack. Each holds the Deny to its own configured
 * minRetentionDays (30 by default): a lock ending after a day keeps nothing a hidden intrusion's investigation needs.
 */
const glacierVaultLock: Check<Config> = (p, ctx) => {
  const gaps = glacierLockGaps(p, ctx.config.minRetentionDays);
  if (gaps.length === 0) return [];
  if (classifyBucket({ bucket: p.vaultName }, ctx.name) === "evidence") return gaps;
  return isUnknown(p.vaultName)
    ? [unverifiable("vaultName", "cannot tell whether the locked vault holds evidence")]
    : [];
};

/** Only evidence buckets are changed: forceDestroy goes to false, nothing else. */
const noForceDestroy: Remedy<Config> = (p, ctx) =>
  classifyBucket(p, ctx.name, checkedDefaultTags(ctx)) === "evidence" && bool(p.forceDestroy) === true
    ? { forceDestroy: false }
    : undefined;

/** Case steps 4-5: the company recovered from backups and investigated from 1.2 TB of evidence. */
export const requireEvidenceBucketImmutability = defineResourceRule<Config>({
  metadata: {
    name: "require-evidence-bucket-immutability",
    description:
      "Evidence and backup buckets must not set forceDestroy, and an S3 Object Lock, OSS WORM or Glacier vault lock on them must be locked in compliance mode for at least minRetentionDays.",
    details: `Evidence and backup buckets (tag hardening:evidence or hardening:backup = "true" on the bucket, among its AWS provider default tags or, for a bucket a CloudFormation or ROS template declares, among the tags of the stack, stack set or stack group deploying it, which CloudFormation and ROS propagate to the buckets they create (the bucket's own tag of a key wins over the stack's, the stack's over the provider's default), another tag naming evidence/forensic/backup, though not the plain backup = "true" by which AWS Backup selects what it copies, or such a bucket or resource name) must not set forceDestroy, and an inline S3 Object Lock default retention must be COMPLIANCE for at least minRetentionDays days (${EVIDENCE_RETENTION_DAYS} by default; days, or years counted as 365 days); an S3 Object Lock configuration of a bucket so named must default to COMPLIANCE mode for at least minRetentionDays days (require-evidence-s3-default-retention requires Object Lock with such a default retention on every evidence bucket, however it is enabled, at its own minRetentionDays: set both alike); OSS WORM policies must be Locked with a retention period, of at least minRetentionDays days on a bucket so named (a shorter one on a bucket unknown at preview is a note); an aws.glacier.VaultLock of a vault so named must be completed (completeLock) with a policy that denies everyone glacier:DeleteArchive for at least minRetentionDays days of an archive's life (glacier:ArchiveAgeInDays).`,
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      `S3: add a BucketObjectLockConfiguration with mode COMPLIANCE and days (or years) of at least the configured minRetentionDays (${EVIDENCE_RETENTION_DAYS} by default) (with versioning it enables Object Lock; objectLockEnabled: true on the bucket also does).`,
      `OSS: add an oss.BucketWorm with status "Locked" and retentionPeriodInDays of at least the configured minRetentionDays.`,
      `Glacier: set completeLock: true on the aws.glacier.VaultLock once its policy (a Deny of glacier:DeleteArchive for everyone while glacier:ArchiveAgeInDays is below at least the configured minRetentionDays, or with no condition) is tested.`,
      "Remove forceDestroy (or set it to false) on the bucket; enforcementLevel remediate does this automatically.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "S3.15" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    autoRemediation: true,
  },
  configSchema: EVIDENCE_RETENTION_SCHEMA,
  parseConfig: readEvidenceRetention,
  checks: {
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": s3LockConfiguration,
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": s3LockConfiguration,
    "alicloud:oss/bucket:Bucket": ossBucket,
    "alicloud:oss/bucketWorm:BucketWorm": ossWorm,
    "aws:glacier/vaultLock:VaultLock": glacierVaultLock,
  },
  remedies: {
    "aws:s3/bucket:Bucket": noForceDestroy,
    "aws:s3/bucketV2:BucketV2": noForceDestroy,
    "alicloud:oss/bucket:Bucket": noForceDestroy,
  },
});
