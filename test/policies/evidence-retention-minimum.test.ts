// Every default retention require-evidence-bucket-immutability reads on its own (an S3 Object Lock configuration, the
// bucket's inline one, an OSS WORM policy) is held to the evidence minimum (EVIDENCE_RETENTION_DAYS, 30 days; a year
// counts as 365), the bar require-evidence-s3-default-retention applies by default, through one shared predicate: a
// one-day lock keeps nothing a hidden intrusion's investigation needs. GOVERNANCE mode stays a violation, as before.
import { defaultRetentionDays } from "../../policies/lib/default-retention-days";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { table, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const evidenceTags = { "hardening:evidence": "true" };

const lockOn = (bucket: unknown, defaultRetention: unknown) => ({ bucket, rule: { defaultRetention } });
const compliance = (retention: Record<string, unknown>) => ({ mode: "COMPLIANCE", ...retention });
const inline = (defaultRetention: unknown) => ({
  tags: evidenceTags,
  objectLockEnabled: true,
  objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention } },
});
const wormOn = (bucket: unknown, retentionPeriodInDays: unknown, status = "Locked") => ({
  bucket,
  status,
  retentionPeriodInDays,
});

describe("defaultRetentionDays: days or years as days", () => {
  it.each([
    [{ days: 30 }, 30],
    [{ days: "7" }, 7],
    [{ years: 1 }, 365],
    [{ years: "2" }, 730],
    [{}, 0],
    [{ days: secret(45) }, 45],
    [secret({ years: 1 }), 365],
    [{ days: UNKNOWN }, "unknown"],
    [{ years: UNKNOWN }, "unknown"],
    [{ days: secret(UNKNOWN) }, "unknown"],
  ])("%j: %s", (retention, expected) => {
    expect(defaultRetentionDays(retention)).toBe(expected);
  });
});

describe("require-evidence-bucket-immutability: an S3 Object Lock configuration keeps evidence the minimum", () => {
  table(requireEvidenceBucketImmutability, [
    // Known bad (reverted to "any positive retention", the first four pass).
    {
      name: "COMPLIANCE for 1 day on acme-evidence",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: 1 })),
      violations: 1,
      mentions: "less than the evidence minimum of 30",
    },
    {
      name: "COMPLIANCE for 29 days",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: 29 })),
      violations: 1,
    },
    {
      name: 'COMPLIANCE for "7" days, as text',
      type: LOCK,
      props: lockOn("acme-backups", compliance({ days: "7" })),
      violations: 1,
      mentions: "7 days",
    },
    {
      name: "COMPLIANCE for 1 day through the V2 resource",
      type: LOCK_V2,
      props: lockOn("acme-evidence", compliance({ days: 1 })),
      violations: 1,
    },
    {
      name: "COMPLIANCE for 0 days",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: 0 })),
      violations: 1,
    },
    {
      name: "GOVERNANCE for 1 day: the mode and the days",
      type: LOCK,
      props: lockOn("acme-evidence", { mode: "GOVERNANCE", days: 1 }),
      violations: 2,
    },
    // GOVERNANCE stays a violation whatever the days.
    {
      name: "GOVERNANCE for 30 days",
      type: LOCK,
      props: lockOn("acme-evidence", { mode: "GOVERNANCE", days: 30 }),
      violations: 1,
      mentions: "COMPLIANCE",
    },
    // Known good.
    {
      name: "COMPLIANCE for 30 days",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: 30 })),
      violations: 0,
    },
    {
      name: 'COMPLIANCE for "30" days, as text',
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: "30" })),
      violations: 0,
    },
    {
      name: "COMPLIANCE for 1 year",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ years: 1 })),
      violations: 0,
    },
    {
      name: 'COMPLIANCE for "1" year, as text',
      type: LOCK_V2,
      props: lockOn("acme-evidence", compliance({ years: "1" })),
      violations: 0,
    },
    // A secret number is read as its value (reverted, a secret of 30 days counts as no retention).
    {
      name: "COMPLIANCE for a secret 30 days",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: secret(30) })),
      violations: 0,
    },
    {
      name: "COMPLIANCE for a secret 1 day",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: secret(1) })),
      violations: 1,
    },
    {
      name: "a 1-day lock on a bucket not named as evidence is the stack rule's to judge",
      type: LOCK,
      props: lockOn("web-assets", compliance({ days: 1 })),
      violations: 0,
      resourceName: "web-assets-lock",
    },
    // Unknown at preview.
    {
      name: "days unknown at preview is a note",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ days: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "years unknown at preview is a note",
      type: LOCK,
      props: lockOn("acme-evidence", compliance({ years: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-bucket-immutability: an inline default retention keeps evidence the minimum", () => {
  table(requireEvidenceBucketImmutability, [
    // Known bad (reverted to reading the inline mode only, the first three pass).
    {
      name: "inline COMPLIANCE for 1 day",
      type: S3,
      props: inline(compliance({ days: 1 })),
      violations: 1,
      mentions: "objectLockConfiguration default retention keeps objects 1 days",
    },
    { name: 'inline COMPLIANCE for "7" days', type: S3, props: inline(compliance({ days: "7" })), violations: 1 },
    {
      name: "BucketV2's inline rules list, COMPLIANCE for 1 day",
      type: S3V2,
      props: {
        tags: evidenceTags,
        objectLockConfiguration: { rules: [{ defaultRetentions: [compliance({ days: 1 })] }] },
      },
      violations: 1,
    },
    { name: "inline GOVERNANCE for 1 day", type: S3, props: inline({ mode: "GOVERNANCE", days: 1 }), violations: 2 },
    // Known good.
    { name: "inline COMPLIANCE for 30 days", type: S3, props: inline(compliance({ days: 30 })), violations: 0 },
    { name: "inline COMPLIANCE for 1 year", type: S3, props: inline(compliance({ years: 1 })), violations: 0 },
    {
      name: "inline retention of 1 day on a bucket that holds no evidence",
      type: S3,
      props: { ...inline(compliance({ days: 1 })), tags: { purpose: "website" } },
      violations: 0,
      resourceName: "site",
    },
    // Unknown at preview.
    {
      name: "inline days unknown is a note",
      type: S3,
      props: inline(compliance({ days: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "an inline block unknown at preview is left to the stack rule",
      type: S3,
      props: { tags: evidenceTags, objectLockConfiguration: UNKNOWN },
      violations: 0,
    },
  ]);
});

describe("require-evidence-bucket-immutability: an OSS WORM policy keeps evidence the minimum", () => {
  table(requireEvidenceBucketImmutability, [
    // Known bad (reverted to "any positive retention", the first three pass).
    {
      name: "Locked for 1 day on acme-evidence",
      type: WORM,
      props: wormOn("acme-evidence", 1),
      violations: 1,
      mentions: "less than the evidence minimum of 30",
    },
    { name: 'Locked for "7" days, as text', type: WORM, props: wormOn("acme-backups", "7"), violations: 1 },
    {
      name: "bucket unknown at preview, resource named for evidence",
      type: WORM,
      props: wormOn(UNKNOWN, 7),
      violations: 1,
      resourceName: "case-evidence-worm",
    },
    {
      name: "InProgress for 1 day: status and days",
      type: WORM,
      props: wormOn("acme-evidence", 1, "InProgress"),
      violations: 2,
    },
    { name: "no retention at all", type: WORM, props: { bucket: "acme-evidence", status: "Locked" }, violations: 1 },
    // Known good.
    { name: "Locked for 30 days", type: WORM, props: wormOn("acme-evidence", 30), violations: 0 },
    { name: 'Locked for "180" days, as text', type: WORM, props: wormOn("acme-evidence", "180"), violations: 0 },
    // Reverted, a secret retention counts as none.
    { name: "Locked for a secret 30 days", type: WORM, props: wormOn("acme-evidence", secret(30)), violations: 0 },
    {
      name: "Locked for 7 days on a bucket not named as evidence",
      type: WORM,
      props: wormOn("media", 7),
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "retention unknown is a note",
      type: WORM,
      props: wormOn("acme-evidence", UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "a short policy on a bucket unknown at preview is a note",
      type: WORM,
      props: wormOn(UNKNOWN, 7),
      violations: 0,
      notes: 1,
      resourceName: "media-worm",
    },
    {
      name: "a long policy on a bucket unknown at preview",
      type: WORM,
      props: wormOn(UNKNOWN, 30),
      violations: 0,
      resourceName: "media-worm",
    },
  ]);
});

describe("require-evidence-s3-default-retention: the same predicate across the stack", () => {
  const bucket = { type: S3, name: "evidence", props: { bucket: "acme-evidence", objectLockEnabled: true } };
  const lock = (defaultRetention: unknown) => ({
    type: LOCK,
    name: "evidence-lock",
    props: lockOn("acme-evidence", defaultRetention),
  });
  stackTable(requireEvidenceS3DefaultRetention, [
    { name: "COMPLIANCE for 1 day", resources: [bucket, lock(compliance({ days: 1 }))], violations: 1 },
    { name: 'COMPLIANCE for "1" year', resources: [bucket, lock(compliance({ years: "1" }))], violations: 0 },
    // Reverted to the rule's own reading, a secret of 30 days counts as 0 days.
    {
      name: "COMPLIANCE for a secret 30 days",
      resources: [bucket, lock(compliance({ days: secret(30) }))],
      violations: 0,
    },
    {
      name: "COMPLIANCE for a secret 1 day",
      resources: [bucket, lock(compliance({ days: secret(1) }))],
      violations: 1,
    },
    {
      name: "COMPLIANCE for a secret unknown at preview is a note",
      resources: [bucket, lock(compliance({ days: secret(UNKNOWN) }))],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-oss-worm: a WORM period set from a secret", () => {
  const bucket = { type: "alicloud:oss/bucket:Bucket", name: "evidence", props: { bucket: "acme-evidence" } };
  const worm = (retentionPeriodInDays: unknown) => ({
    type: WORM,
    name: "evidence-worm",
    props: wormOn("acme-evidence", retentionPeriodInDays),
  });
  stackTable(requireEvidenceOssWorm, [
    // Known bad (reverted, a secret period is read as none and left to the per-resource rule: it passes).
    { name: "a secret 1 day", resources: [bucket, worm(secret(1))], violations: 1, mentions: "1 days" },
    { name: "1 day", resources: [bucket, worm(1)], violations: 1 },
    // Known good.
    { name: "a secret 30 days", resources: [bucket, worm(secret(30))], violations: 0 },
    { name: '"30" days, as text', resources: [bucket, worm("30")], violations: 0 },
    // Unknown at preview (reverted, it passes without a note).
    {
      name: "a secret unknown at preview is a note",
      resources: [bucket, worm(secret(UNKNOWN))],
      violations: 0,
      notes: 1,
    },
  ]);
});
