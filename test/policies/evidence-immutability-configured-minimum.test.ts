// require-evidence-bucket-immutability holds what it reads on its own (an S3 Object Lock configuration, a bucket's
// inline default retention, an OSS WORM policy, a Glacier vault lock) to its own configured minRetentionDays, as the
// stack rules do with theirs: configured alike, the per-resource and the stack rule agree; unconfigured, both keep 30.
import { hardeningRules } from "../../policies/catalog";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { mandatory, run, table, UNKNOWN, type Case } from "./harness";
import { stackTable } from "./stack-table";
import { cfn } from "./template-bodies";
import { CFN_STACK } from "./templates-fixtures";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const GLACIER_LOCK = "aws:glacier/vaultLock:VaultLock";
const evidenceTags = { "hardening:evidence": "true" };

const compliance = (retention: Record<string, unknown>) => ({ mode: "COMPLIANCE", ...retention });
const lockOn = (bucket: unknown, retention: Record<string, unknown>) => ({
  bucket,
  rule: { defaultRetention: compliance(retention) },
});
const inline = (retention: Record<string, unknown>) => ({
  tags: evidenceTags,
  objectLockEnabled: true,
  objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: compliance(retention) } },
});
const inlineV2 = (retention: Record<string, unknown>) => ({
  tags: evidenceTags,
  objectLockConfiguration: { rules: [{ defaultRetentions: [compliance(retention)] }] },
});
const wormOn = (bucket: unknown, retentionPeriodInDays: unknown) => ({
  bucket,
  status: "Locked",
  retentionPeriodInDays,
});
const denyYoungerThan = (days: unknown) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: "glacier:DeleteArchive",
        Resource: "*",
        Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": days } },
      },
    ],
  });
const glacierLock = (vaultName: unknown, days: unknown) => ({
  vaultName,
  completeLock: true,
  policy: denyYoungerThan(days),
});

/** The harness's table with the rule's own config (as `--policy-pack-config` gives it). */
const configuredTable = (config: Record<string, unknown>, rows: Case[]) =>
  table(requireEvidenceBucketImmutability, rows, config);

describe("require-evidence-bucket-immutability under minRetentionDays 365", () => {
  configuredTable({ minRetentionDays: 365 }, [
    // Known bad: a month-long lock meets the default 30 but not the configured year (reverted to 30, all pass).
    {
      name: "an Object Lock configuration of 30 days",
      type: LOCK,
      props: lockOn("acme-evidence", { days: 30 }),
      violations: 1,
      mentions: "keeps objects 30 days, less than the evidence minimum of 365",
    },
    { name: "one of 364 days", type: LOCK, props: lockOn("acme-evidence", { days: 364 }), violations: 1 },
    {
      name: 'one of "180" days, as text, through the V2 resource',
      type: LOCK_V2,
      props: lockOn("acme-backups", { days: "180" }),
      violations: 1,
      mentions: "minimum of 365",
    },
    {
      name: "an inline default of 30 days on a Bucket",
      type: S3,
      props: inline({ days: 30 }),
      violations: 1,
      mentions:
        "objectLockConfiguration default retention keeps objects 30 days, less than the evidence minimum of 365",
    },
    { name: "BucketV2's inline rules list of 90 days", type: S3V2, props: inlineV2({ days: 90 }), violations: 1 },
    {
      name: "an OSS WORM policy of 30 days on an evidence bucket",
      type: WORM,
      props: wormOn("acme-evidence", 30),
      violations: 1,
      mentions: "retentionPeriodInDays is 30, less than the evidence minimum of 365",
    },
    {
      name: "a Glacier lock denying deletion for 30 days",
      type: GLACIER_LOCK,
      props: glacierLock("evidence-archive", "30"),
      violations: 1,
      mentions: "fewer than 365 days",
    },
    // Known good: at or above the configured minimum, days or years.
    {
      name: "an Object Lock configuration of 365 days",
      type: LOCK,
      props: lockOn("acme-evidence", { days: 365 }),
      violations: 0,
    },
    { name: "one of 1 year", type: LOCK, props: lockOn("acme-evidence", { years: 1 }), violations: 0 },
    {
      name: 'one of "1" year, as text, V2',
      type: LOCK_V2,
      props: lockOn("acme-evidence", { years: "1" }),
      violations: 0,
    },
    { name: "an inline default of 1 year", type: S3, props: inline({ years: 1 }), violations: 0 },
    { name: "BucketV2's inline rules list of 400 days", type: S3V2, props: inlineV2({ days: 400 }), violations: 0 },
    { name: "an OSS WORM policy of 365 days", type: WORM, props: wormOn("acme-evidence", 365), violations: 0 },
    {
      name: "a Glacier lock of 365 days",
      type: GLACIER_LOCK,
      props: glacierLock("evidence-archive", 365),
      violations: 0,
    },
    // Not this rule's to judge by name: the stack rules hold them.
    {
      name: "a 30-day lock on a bucket not named as evidence",
      type: LOCK,
      props: lockOn("web-assets", { days: 30 }),
      violations: 0,
      resourceName: "web-assets-lock",
    },
    {
      name: "a 30-day WORM policy on a bucket not named as evidence",
      type: WORM,
      props: wormOn("media", 30),
      violations: 0,
    },
    // Unknown at preview: notes, judged against the configured minimum.
    {
      name: "days unknown at preview",
      type: LOCK,
      props: lockOn("acme-evidence", { days: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    { name: "inline years unknown at preview", type: S3, props: inline({ years: UNKNOWN }), violations: 0, notes: 1 },
    {
      name: "a WORM retention unknown at preview",
      type: WORM,
      props: wormOn("acme-evidence", UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "a 30-day WORM policy on a bucket unknown at preview (short of 365: a note)",
      type: WORM,
      props: wormOn(UNKNOWN, 30),
      violations: 0,
      notes: 1,
    },
    {
      name: "a Glacier lock age unknown at preview",
      type: GLACIER_LOCK,
      props: glacierLock("evidence-archive", UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "a 30-day Glacier lock on a vault unknown at preview (short of 365: a note)",
      type: GLACIER_LOCK,
      props: glacierLock(UNKNOWN, "30"),
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-bucket-immutability under minRetentionDays 730: the years form", () => {
  configuredTable({ minRetentionDays: 730 }, [
    {
      name: "a lock of 1 year",
      type: LOCK,
      props: lockOn("acme-evidence", { years: 1 }),
      violations: 1,
      mentions: "keeps objects 365 days, less than the evidence minimum of 730",
    },
    { name: "an inline default of 1 year", type: S3, props: inline({ years: 1 }), violations: 1 },
    { name: "a lock of 2 years", type: LOCK, props: lockOn("acme-evidence", { years: 2 }), violations: 0 },
    { name: "an inline default of 2 years", type: S3, props: inline({ years: "2" }), violations: 0 },
  ]);
});

describe("require-evidence-bucket-immutability under minRetentionDays 7: a lower minimum is honoured", () => {
  configuredTable({ minRetentionDays: 7 }, [
    // Known good below the default 30 (reverted to 30, all fail).
    { name: "a lock of 7 days", type: LOCK, props: lockOn("acme-evidence", { days: 7 }), violations: 0 },
    { name: "an inline default of 10 days", type: S3, props: inline({ days: 10 }), violations: 0 },
    { name: "a WORM policy of 7 days", type: WORM, props: wormOn("acme-evidence", 7), violations: 0 },
    {
      name: "a Glacier lock of 7 days",
      type: GLACIER_LOCK,
      props: glacierLock("evidence-archive", "7"),
      violations: 0,
    },
    {
      name: "a WORM policy of 7 days on a bucket unknown at preview",
      type: WORM,
      props: wormOn(UNKNOWN, 7),
      violations: 0,
    },
    // Still held to the configured minimum.
    {
      name: "a lock of 6 days",
      type: LOCK,
      props: lockOn("acme-evidence", { days: 6 }),
      violations: 1,
      mentions: "less than the evidence minimum of 7",
    },
    { name: "a WORM policy of 6 days", type: WORM, props: wormOn("acme-evidence", 6), violations: 1 },
    {
      name: "a Glacier lock of 6 days",
      type: GLACIER_LOCK,
      props: glacierLock("evidence-archive", "6"),
      violations: 1,
    },
  ]);
});

describe("require-evidence-bucket-immutability unconfigured keeps 30", () => {
  for (const [label, config] of [
    ["no config", {}],
    ["only the common keys", { failClosed: false }],
  ] as const)
    describe(label, () => {
      configuredTable(config, [
        {
          name: "a lock of 29 days",
          type: LOCK,
          props: lockOn("acme-evidence", { days: 29 }),
          violations: 1,
          mentions: "less than the evidence minimum of 30",
        },
        { name: "a lock of 30 days", type: LOCK, props: lockOn("acme-evidence", { days: 30 }), violations: 0 },
        { name: "a WORM policy of 29 days", type: WORM, props: wormOn("acme-evidence", 29), violations: 1 },
        {
          name: "a Glacier lock of 30 days",
          type: GLACIER_LOCK,
          props: glacierLock("evidence-archive", "30"),
          violations: 0,
        },
      ]);
    });
});

describe("require-evidence-bucket-immutability's minRetentionDays config", () => {
  const properties = requireEvidenceBucketImmutability.configSchema?.properties ?? {};

  it("is declared, so --policy-pack-config accepts it, with the stack rules' type and lower bound", () => {
    expect(properties.minRetentionDays).toMatchObject({ type: "integer", minimum: 1 });
    for (const stackRule of [requireEvidenceS3DefaultRetention, requireEvidenceOssWorm])
      expect(stackRule.configSchema?.properties.minRetentionDays).toMatchObject({ type: "integer", minimum: 1 });
    expect(String(properties.minRetentionDays.description)).toContain("(30)");
  });

  it.each<[string, unknown]>([
    ["zero", 0],
    ["text", "365"],
    ["a fraction", 30.5],
    ["beyond a hundred years", 36501],
  ])("rejects %s, naming the policy and the key", async (_n, minRetentionDays) => {
    await expect(
      run(requireEvidenceBucketImmutability, LOCK, lockOn("acme-evidence", { days: 30 }), {
        config: { minRetentionDays },
      }),
    ).rejects.toThrow(/policy 'require-evidence-bucket-immutability'.*'minRetentionDays'/s);
  });

  it("reaches the checks through the pack's template-reading wrapper, for program and template resources", async () => {
    const packed = hardeningRules.find((r) => r.name === "require-evidence-bucket-immutability")!;
    const config = { minRetentionDays: 365 };
    const month = lockOn("acme-evidence", { days: 30 });
    expect(mandatory(await run(packed, LOCK, month, { config }))).toHaveLength(1);
    expect(mandatory(await run(packed, LOCK, month))).toHaveLength(0);
    const template = {
      templateBody: cfn({
        Evidence: {
          Type: "AWS::S3::Bucket",
          Properties: {
            Tags: [{ Key: "hardening:evidence", Value: "true" }],
            ObjectLockEnabled: true,
            ObjectLockConfiguration: {
              ObjectLockEnabled: "Enabled",
              Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 30 } },
            },
          },
        },
      }),
    };
    const inTemplate = mandatory(await run(packed, CFN_STACK, template, { config }));
    expect(inTemplate).toHaveLength(1);
    expect(inTemplate[0].message).toContain("less than the evidence minimum of 365");
    expect(mandatory(await run(packed, CFN_STACK, template))).toHaveLength(0);
  });
});

describe("configured alike, the per-resource and the stack rule agree on a 30-day lock", () => {
  const config = { minRetentionDays: 365 };
  const bucket = { type: S3, name: "evidence", props: { bucket: "acme-evidence", tags: evidenceTags } };
  const lock = (days: number) => ({ type: LOCK, name: "evidence-lock", props: lockOn("acme-evidence", { days }) });

  stackTable(requireEvidenceS3DefaultRetention, [
    { name: "the stack rule fails 30 days", resources: [bucket, lock(30)], violations: 1, config, mentions: "365" },
    { name: "the stack rule passes 365 days", resources: [bucket, lock(365)], violations: 0, config },
  ]);

  it.each([
    [30, 1],
    [365, 0],
  ])("the per-resource rule on %i days: %i violation(s)", async (days, expected) => {
    const ds = await run(requireEvidenceBucketImmutability, LOCK, lock(days).props, { config });
    expect(mandatory(ds)).toHaveLength(expected);
  });
});
