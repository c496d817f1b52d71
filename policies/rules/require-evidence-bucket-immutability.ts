import { bool, isUnknown, list, num, obj } from "../../lib/values";
import { classifyBucket } from "../lib/evidence";
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

/** Modes of the deprecated inline default retention: Bucket's single rule and BucketV2's list of rules. */
function inlineModes(p: Record<string, unknown>): unknown[] {
  const single = at(p, "objectLockConfiguration.rule.defaultRetention.mode");
  const rules = list(at(p, "objectLockConfiguration.rules"));
  const listed = rules.flatMap((r) => list(obj(r)?.defaultRetentions).map((d) => obj(d)?.mode));
  return [single, ...listed];
}

/**
 * Object Lock itself can be enabled by the bucket flag, the inline configuration or a separate
 * BucketObjectLockConfiguration, which only the stack is able to see: require-evidence-s3-default-retention judges it.
 */
const s3Bucket: Check<unknown> = (p, ctx) => {
  const kind = classifyBucket(p, ctx.name, checkedDefaultTags(ctx));
  if (kind === "unknown") return [unverifiable("tags", "cannot tell whether the bucket holds evidence")];
  if (kind === "other") return [];
  const findings = forceDestroyFindings(p);
  for (const mode of inlineModes(p))
    if (typeof mode === "string" && !isUnknown(mode) && !is(mode, "COMPLIANCE"))
      findings.push(violation(`objectLockConfiguration default mode is "${mode}": only COMPLIANCE cannot be lifted`));
  return findings;
};

const positive = (v: unknown) => (num(v) ?? 0) >= 1;

/**
 * Only the bucket's name is visible here, so only a name that marks evidence or backups is judged;
 * require-evidence-s3-default-retention judges every lock against its bucket's tags across the stack.
 */
const s3LockConfiguration: Check<unknown> = (p, ctx) => {
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
  // AWS takes either days or years; one of them must keep objects for a positive time.
  const { days, years } = obj(retention) ?? {};
  if (isUnknown(days) || isUnknown(years)) findings.push(unverifiable("rule.defaultRetention.days"));
  else if (!positive(days) && !positive(years))
    findings.push(
      violation(`rule.defaultRetention.days is ${show(days)}: objects in the evidence bucket are not retained`),
    );
  return findings;
};

const ossBucket: Check<unknown> = (p, ctx) => {
  const kind = classifyBucket(p, ctx.name, checkedDefaultTags(ctx));
  if (kind === "unknown") return [unverifiable("tags", "cannot tell whether the bucket holds evidence")];
  return kind === "evidence" ? forceDestroyFindings(p) : [];
};

const ossWorm: Check<unknown> = (p) => {
  const findings: Finding[] = [];
  if (isUnknown(p.status)) findings.push(unverifiable("status"));
  else if (p.status !== "Locked")
    findings.push(violation(`status is ${show(p.status)}: an unlocked (InProgress) WORM policy can be deleted`));
  if (isUnknown(p.retentionPeriodInDays)) findings.push(unverifiable("retentionPeriodInDays"));
  else if (!positive(p.retentionPeriodInDays))
    findings.push(violation("retentionPeriodInDays is not set: objects are not retained"));
  return findings;
};

/**
 * Only the vault's name is visible here, so a lock is judged when its vault or resource name marks evidence or
 * backups, and a weak lock on a vault unknown at preview is a note; require-evidence-s3-default-retention judges the
 * lock of every evidence vault, tagged ones included, across the stack.
 */
const glacierVaultLock: Check<unknown> = (p, ctx) => {
  const gaps = glacierLockGaps(p);
  if (gaps.length === 0) return [];
  if (classifyBucket({ bucket: p.vaultName }, ctx.name) === "evidence") return gaps;
  return isUnknown(p.vaultName)
    ? [unverifiable("vaultName", "cannot tell whether the locked vault holds evidence")]
    : [];
};

/** Only evidence buckets are changed: forceDestroy goes to false, nothing else. */
const noForceDestroy: Remedy<unknown> = (p, ctx) =>
  classifyBucket(p, ctx.name, checkedDefaultTags(ctx)) === "evidence" && bool(p.forceDestroy) === true
    ? { forceDestroy: false }
    : undefined;

/** Case steps 4-5: the company recovered from backups and investigated from 1.2 TB of evidence. */
export const requireEvidenceBucketImmutability = defineResourceRule<unknown>({
  metadata: {
    name: "require-evidence-bucket-immutability",
    description:
      'Evidence and backup buckets (tag hardening:evidence or hardening:backup = "true" on the bucket or among its AWS provider default tags, another tag naming evidence/forensic/backup, though not the plain backup = "true" by which AWS Backup selects what it copies, or such a bucket or resource name) must not set forceDestroy, and an inline S3 Object Lock default retention must be COMPLIANCE; an S3 Object Lock configuration of a bucket so named must default to COMPLIANCE mode with a positive retention (require-evidence-s3-default-retention requires Object Lock with a COMPLIANCE default retention on every evidence bucket, however it is enabled); OSS WORM policies must be Locked with a retention period.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "S3: add a BucketObjectLockConfiguration with mode COMPLIANCE (with versioning it enables Object Lock; objectLockEnabled: true on the bucket also does).",
      'OSS: add an oss.BucketWorm with status "Locked" and retentionPeriodInDays.',
      "Glacier: set completeLock: true on the aws.glacier.VaultLock once its policy (a Deny of glacier:DeleteArchive) is tested.",
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
