// Which bucket a lock configuration (S3 Object Lock, OSS WORM) protects: a known bucket name must equal the bucket's
// (a dependency on the bucket proves nothing about a known value), and a lock whose bucket is unknown at preview but
// built from what the bucket's name is built from (one random suffix) may be its own: a note, never a violation.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const RANDOM = "random:index/randomString:RandomString";
const random: StackInput = { type: RANDOM, name: "sfx", props: { length: 6 } };
const SFX = [urnOf(RANDOM, "sfx")];
const deps = (...rs: StackInput[]) => rs.map((r) => urnOf(r.type, r.name));

describe("require-evidence-s3-default-retention: the bucket of a lock configuration", () => {
  const S3 = "aws:s3/bucket:Bucket";
  const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
  const TRAIL = "aws:cloudtrail/trail:Trail";
  const compliance = { mode: "COMPLIANCE", days: 365 };
  const bucket = (name: string, props: Record<string, unknown>): StackInput => ({
    type: S3,
    name,
    props: { objectLockEnabled: true, ...props },
  });
  const lock = (name: string, target: unknown, sources: string[], defaultRetention: unknown = compliance) => ({
    type: LOCK,
    name,
    props: { bucket: target, rule: { defaultRetention } },
    propertyDependencies: { bucket: sources },
  });
  const evidence = bucket("evidence", { bucket: "acme-evidence" });
  const replica = bucket("replica", { bucket: "acme-evidence-replica" });
  const suffixed: StackInput = { ...bucket("evidence", { bucket: UNKNOWN }), propertyDependencies: { bucket: SFX } };

  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "a lock on `${evidence.bucket}-replica` leaves acme-evidence unlocked",
      resources: [evidence, lock("l", "acme-evidence-replica", deps(evidence))],
      violations: 1,
      urn: urnOf(S3, "evidence"),
      mentions: "no COMPLIANCE default retention",
    },
    {
      name: "the same lock protects the replica, not the evidence bucket",
      resources: [evidence, replica, lock("l", "acme-evidence-replica", deps(evidence))],
      violations: 1,
      urn: urnOf(S3, "evidence"),
    },
    {
      name: "a known bucket name equal to the bucket's, with the dependency",
      resources: [evidence, lock("l", "acme-evidence", deps(evidence))],
      violations: 0,
    },
    {
      name: "bucket and lock both named from one random suffix: a note",
      resources: [random, suffixed, lock("l", UNKNOWN, SFX)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [random, suffixed, lock("l", UNKNOWN, SFX)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "a GOVERNANCE lock from the same suffix fails either way, naming its problem",
      resources: [random, suffixed, lock("l", UNKNOWN, SFX, { mode: "GOVERNANCE", days: 365 })],
      violations: 1,
      mentions: 'mode is "GOVERNANCE"',
    },
    {
      name: "days as a string from the same suffix: still a note",
      resources: [random, suffixed, lock("l", UNKNOWN, SFX, { mode: "COMPLIANCE", days: "365" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a lock unknown at preview and linked to nothing protects no bucket (fail closed)",
      resources: [random, suffixed, lock("l", UNKNOWN, [])],
      violations: 1,
      mentions: "no COMPLIANCE default retention",
    },
    {
      name: "a known lock name cannot be a bucket name still unknown",
      resources: [random, suffixed, lock("l", "acme-evidence-abc123", [])],
      violations: 1,
    },
    {
      name: "a lock surely on another bucket is not this one's, though built from the same suffix",
      resources: [random, suffixed, replica, lock("l", UNKNOWN, [...SFX, ...deps(replica)])],
      violations: 1,
      urn: urnOf(S3, "evidence"),
    },
    {
      name: "a sure COMPLIANCE lock beside a possible weaker one (the last applied wins): a note",
      resources: [
        random,
        {
          ...suffixed,
          props: { ...suffixed.props, objectLockConfiguration: { rule: { defaultRetention: compliance } } },
        },
        lock("l", UNKNOWN, SFX, { mode: "GOVERNANCE", days: 1 }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a trail writing to `${logs.bucket}-archive` makes no evidence of logs; its bucket is outside",
      resources: [
        bucket("logs", { bucket: "acme-logs", objectLockEnabled: false }),
        {
          type: TRAIL,
          name: "t",
          props: { s3BucketName: "acme-logs-archive" },
          propertyDependencies: { s3BucketName: [urnOf(S3, "logs")] },
        },
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-oss-worm: the bucket of a WORM configuration", () => {
  const OSS = "alicloud:oss/bucket:Bucket";
  const WORM = "alicloud:oss/bucketWorm:BucketWorm";
  const OBJECT_WORM = "alicloud:oss/bucketObjectWormConfiguration:BucketObjectWormConfiguration";
  const evidence: StackInput = { type: OSS, name: "evidence", props: { bucket: "acme-evidence" } };
  const replica: StackInput = { type: OSS, name: "replica", props: { bucket: "acme-evidence-replica" } };
  const suffixed: StackInput = {
    type: OSS,
    name: "evidence",
    props: { bucket: UNKNOWN },
    propertyDependencies: { bucket: SFX },
  };
  const worm = (target: unknown, sources: string[], days: unknown = 365): StackInput => ({
    type: WORM,
    name: "worm",
    props: { bucket: target, status: "Locked", retentionPeriodInDays: days },
    propertyDependencies: { bucket: sources },
  });
  const objectWorm = (target: unknown, sources: string[]): StackInput => ({
    type: OBJECT_WORM,
    name: "object-worm",
    props: {
      bucketName: target,
      objectWormEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
    },
    propertyDependencies: { bucketName: sources },
  });

  stackTable(requireEvidenceOssWorm, [
    {
      name: "a WORM on `${evidence.bucket}-replica` leaves acme-evidence unprotected",
      resources: [evidence, replica, worm("acme-evidence-replica", deps(evidence))],
      violations: 1,
      urn: urnOf(OSS, "evidence"),
      mentions: "no WORM retention policy",
    },
    {
      name: "an object WORM configuration on the replica, depending on the evidence bucket",
      resources: [evidence, replica, objectWorm("acme-evidence-replica", deps(evidence))],
      violations: 1,
      urn: urnOf(OSS, "evidence"),
    },
    {
      name: "a WORM naming the bucket's own known name",
      resources: [evidence, worm("acme-evidence", deps(evidence))],
      violations: 0,
    },
    {
      name: "bucket and WORM both named from one random suffix: a note",
      resources: [random, suffixed, worm(UNKNOWN, SFX)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [random, suffixed, worm(UNKNOWN, SFX)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "an object WORM configuration from the same suffix: a note",
      resources: [random, suffixed, objectWorm(UNKNOWN, SFX)],
      violations: 0,
      notes: 1,
    },
    {
      name: "a one-day WORM from the same suffix fails either way",
      resources: [random, suffixed, worm(UNKNOWN, SFX, "1")],
      violations: 1,
      mentions: "less than the minimum",
    },
    {
      name: "a WORM unknown at preview and linked to nothing protects no bucket (fail closed)",
      resources: [random, suffixed, worm(UNKNOWN, [])],
      violations: 1,
    },
  ]);
});
