import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";

const evidence: StackInput = {
  type: S3,
  name: "vault",
  props: { tags: { "hardening:evidence": "true" }, objectLockEnabled: true },
};
/** A lock configuration linked to the evidence bucket at preview (bucket name unknown). */
const lockOf = (defaultRetention: unknown, type = LOCK, bucket: StackInput = evidence): StackInput => ({
  type,
  name: "vault-lock",
  props: { bucket: UNKNOWN, rule: { defaultRetention } },
  propertyDependencies: { bucket: [urnOf(bucket.type, bucket.name)] },
});
const check = (resources: StackInput[], config = {}) => runStack(requireEvidenceS3DefaultRetention, resources, config);

describe("require-evidence-s3-default-retention", () => {
  it("flags an evidence bucket with Object Lock but no default retention", async () => {
    const ds = mandatory(await check([evidence]));
    expect(ds.map((d) => d.urn)).toEqual([urnOf(S3, "vault")]);
    expect(ds[0].message).toContain("no COMPLIANCE default retention");
  });

  it.each([
    ["COMPLIANCE for 30 days", { mode: "COMPLIANCE", days: 30 }, LOCK],
    ["COMPLIANCE for 1 year", { mode: "COMPLIANCE", years: 1 }, LOCK],
    ["COMPLIANCE through the deprecated V2 resource", { mode: "COMPLIANCE", days: 90 }, LOCK_V2],
  ])("passes %s", async (_n, retention, type) => {
    expect(await check([evidence, lockOf(retention, type)])).toEqual([]);
  });

  it.each([
    ["GOVERNANCE mode", { mode: "GOVERNANCE", days: 30 }, 'mode is "GOVERNANCE"'],
    ["too few days", { mode: "COMPLIANCE", days: 7 }, "7 days, less than the minimum of 30"],
    ["0 days", { mode: "COMPLIANCE", days: 0 }, "0 days"],
    ["negative days", { mode: "COMPLIANCE", days: -30 }, "-30 days"],
    ["no mode", { days: 30 }, "mode is not set"],
  ])("flags %s", async (_n, retention, text) => {
    const ds = mandatory(await check([evidence, lockOf(retention)]));
    expect(ds).toHaveLength(1);
    expect(ds[0].urn).toBe(urnOf(S3, "vault"));
    expect(ds[0].message).toContain(text);
  });

  it("flags a lock configuration without a rule", async () => {
    const lock = { ...lockOf(undefined), props: { bucket: UNKNOWN } };
    expect(mandatory(await check([evidence, lock]))[0].message).toContain("sets no default retention");
  });

  it("links a lock after deployment through the bucket name", async () => {
    const deployed = { ...evidence, props: { ...evidence.props, bucket: "acme-vault", id: "acme-vault" } };
    const lock = {
      type: LOCK,
      name: "l",
      props: { bucket: "acme-vault", rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } },
    };
    expect(await check([deployed, lock])).toEqual([]);
    expect(mandatory(await check([deployed, { ...lock, props: { ...lock.props, bucket: "other" } }]))).toHaveLength(1);
  });

  it("reads the minimum from config; years count as 365 days", async () => {
    const config = { minRetentionDays: 400 };
    expect(mandatory(await check([evidence, lockOf({ mode: "COMPLIANCE", years: 1 })], config))).toHaveLength(1);
    expect(await check([evidence, lockOf({ mode: "COMPLIANCE", years: 2 })], config)).toEqual([]);
  });

  it("accepts an inline default retention on Bucket and BucketV2", async () => {
    const inline = { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } };
    expect(await check([{ ...evidence, props: { ...evidence.props, objectLockConfiguration: inline } }])).toEqual([]);
    const rules = [{ defaultRetentions: [{ mode: "COMPLIANCE", years: 1 }] }];
    const v2 = { type: S3V2, name: "backups", props: { bucket: "db-backups", objectLockConfiguration: { rules } } };
    expect(await check([v2])).toEqual([]);
  });

  it("flags an inline GOVERNANCE default retention", async () => {
    const rules = [{ defaultRetentions: [{ mode: "GOVERNANCE", days: 30 }] }];
    const v2 = { type: S3V2, name: "backups", props: { bucket: "db-backups", objectLockConfiguration: { rules } } };
    const ds = mandatory(await check([v2]));
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('inline objectLockConfiguration default retention mode is "GOVERNANCE"');
  });

  it("flags a weaker lock configuration beside a compliant one: the last applied wins", async () => {
    const weak = { ...lockOf({ mode: "GOVERNANCE", days: 1 }), name: "weak" };
    const ds = mandatory(await check([evidence, weak, lockOf({ mode: "COMPLIANCE", days: 30 })]));
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("applied last");
  });

  it.each([
    ["mode", { mode: UNKNOWN, days: 30 }],
    ["days", { mode: "COMPLIANCE", days: UNKNOWN }],
    ["the whole retention", UNKNOWN],
  ])("notes a retention whose %s is unknown at preview", async (_n, retention) => {
    const ds = await check([evidence, lockOf(retention)]);
    expect(mandatory(ds)).toEqual([]);
    expect(advisory(ds).map((d) => d.message)).toEqual([expect.stringContaining("cannot be verified at preview")]);
  });

  it("notes inline rules unknown at preview and names the unknown field", async () => {
    const v2 = {
      type: S3V2,
      name: "backups",
      props: { bucket: "db-backups", objectLockConfiguration: { rules: UNKNOWN } },
    };
    expect(advisory(await check([v2])).map((d) => d.message)).toEqual([
      expect.stringContaining("defaultRetention is unknown (default retention of evidence bucket backups)"),
    ]);
    const ds = await check([evidence, lockOf({ mode: "COMPLIANCE", days: UNKNOWN })]);
    expect(advisory(ds)[0].message).toContain("defaultRetention.days is unknown");
  });

  it("still flags a known bad mode when the days are unknown", async () => {
    expect(mandatory(await check([evidence, lockOf({ mode: "GOVERNANCE", days: UNKNOWN })]))).toHaveLength(1);
  });

  it("fails closed on unknowns when configured", async () => {
    const ds = await check([evidence, lockOf({ mode: UNKNOWN, days: 30 })], { failClosed: true });
    expect(mandatory(ds)).toHaveLength(1);
  });

  it("ignores ordinary buckets, whatever their lock", async () => {
    const site = { type: S3, name: "web-assets", props: { bucket: "web-assets", tags: { team: "web" } } };
    expect(await check([site, lockOf({ mode: "GOVERNANCE", days: 1 }, LOCK, site)])).toEqual([]);
  });

  it("leaves a data bucket selected for AWS Backup by its backup tag alone (ImmutableBackup's default selectionTag)", async () => {
    const data = { type: S3, name: "orders", props: { bucket: "orders-data", tags: { backup: "true" } } };
    expect(await check([data])).toEqual([]);
    expect(await check([{ ...data, props: { ...data.props, tags: { Backup: "yes" } } }])).toEqual([]);
  });

  it("still requires a lock on a bucket the kit's tag marks as a backup store", async () => {
    const store = { type: S3, name: "orders", props: { bucket: "orders-data", tags: { "hardening:backup": "true" } } };
    expect(mandatory(await check([store]))[0].message).toContain("no COMPLIANCE default retention");
  });

  describe("CloudTrail destinations the stack does not show", () => {
    const TRAIL = "aws:cloudtrail/trail:Trail";
    const logs: StackInput = { type: S3, name: "trail-logs", props: { bucket: "acme-trail-logs" } };
    const keptHalfAYear = { ...lockOf({ mode: "COMPLIANCE", days: 180 }, LOCK, logs), name: "trail-logs-lock" };
    const trail = (s3BucketName: unknown, linked?: StackInput): StackInput => ({
      type: TRAIL,
      name: "account-trail",
      props: { s3BucketName, isMultiRegionTrail: true, enableLogFileValidation: true },
      ...(linked ? { propertyDependencies: { s3BucketName: [urnOf(linked.type, linked.name)] } } : {}),
    });

    stackTable(requireEvidenceS3DefaultRetention, [
      {
        name: "bucket in the stack locked 180 days in COMPLIANCE mode (as AuditTrail makes it)",
        resources: [logs, keptHalfAYear, trail("acme-trail-logs")],
        violations: 0,
      },
      {
        name: "bucket unknown at preview, linked to a locked bucket of the stack",
        resources: [logs, keptHalfAYear, trail(UNKNOWN, logs)],
        violations: 0,
      },
      {
        name: "bucket unknown at preview, linked to an unlocked bucket of the stack: the bucket is flagged",
        resources: [logs, trail(UNKNOWN, logs)],
        violations: 1,
        urn: urnOf(S3, "trail-logs"),
      },
      {
        name: "bucket outside the stack is a note",
        resources: [trail("org-cloudtrail-logs")],
        violations: 0,
        notes: 1,
      },
      {
        name: "bucket outside the stack beside an unrelated locked bucket is still a note",
        resources: [logs, keptHalfAYear, trail("org-cloudtrail-logs")],
        violations: 0,
        notes: 1,
      },
      {
        name: "bucket outside the stack fails closed when configured",
        resources: [trail("org-cloudtrail-logs")],
        violations: 1,
        mentions: "failing closed",
        config: { failClosed: true },
      },
      {
        name: "bucket unknown at preview and linked to nothing is a note, never a pass",
        resources: [trail(UNKNOWN)],
        violations: 0,
        notes: 1,
      },
      {
        name: "bucket unknown at preview fails closed when configured",
        resources: [trail(UNKNOWN)],
        violations: 1,
        config: { failClosed: true },
      },
    ] as StackCase[]);

    it("names the trail, the bucket, why and the fix, with the configured minimum", async () => {
      const ds = await check([trail("org-cloudtrail-logs")], { minTrailRetentionDays: 365 });
      expect(ds.map((d) => [d.level, d.urn])).toEqual([["advisory", urnOf(TRAIL, "account-trail")]]);
      expect(ds[0].message).toContain('the lock of bucket "org-cloudtrail-logs" is unknown');
      expect(ds[0].message).toContain("trail account-trail delivers its audit logs there, outside the stack");
      expect(ds[0].message).toContain("COMPLIANCE default retention of at least 365 days (the kit's AuditTrail");
    });
  });

  it("honours exemptions", async () => {
    const exemptions = [
      {
        resource: "vault",
        reason: "legal hold is applied per object by the intake tool",
        owner: "sec",
        expires: "2999-01-01",
      },
    ];
    const ds = await check([evidence], { exemptions });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
  });
});
