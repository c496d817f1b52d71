import { GenericResource } from "../../lib/reachability";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, num } from "../../lib/values";
import { EVIDENCE_RETENTION_DAYS } from "../lib/evidence-retention";
import { EVIDENCE_RETENTION_SCHEMA, readEvidenceRetention } from "../lib/evidence-retention-config";
import { unverifiable } from "../lib/findings";
import { OSS_ACL_TYPES, OSS_PUBLIC_ACLS, OSS_PUBLIC_BLOCKS } from "../lib/evidence-bucket-acls";
import { objectWormProblem } from "../lib/oss-object-worm";
import { OSS_POLICY } from "../lib/oss-policy-dialect";
import { publicBucketAcls } from "../lib/public-bucket-acls";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { assignLocks, judgedWithPossibleLocks, namedBy, possibleBucketLockNote } from "../lib/store-locks";
import { openStorePolicies, OSS_UNLOCKING_ACTIONS, StorePolicies } from "../lib/store-policy-grants";
import {
  holdsEvidence,
  minimumDaysFor,
  OSS_TRAILS,
  RetentionMinima,
  readTrailRetention,
  TRAIL_RETENTION_SCHEMA,
  unseenTrailDestinations,
} from "../lib/trail-buckets";

const BUCKET = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
/** Object-level retention (a default COMPLIANCE retention for new objects), the other form OSS WORM takes. */
const OBJECT_WORM = "alicloud:oss/bucketObjectWormConfiguration:BucketObjectWormConfiguration";

const BUCKET_POLICY = "alicloud:oss/bucketPolicy:BucketPolicy";

/** Bucket policies of evidence buckets, separate or the bucket's inline `policy`: names are global, as in S3. */
const BUCKET_POLICIES: StorePolicies = {
  kind: "evidence bucket",
  policyTypes: [BUCKET_POLICY],
  link: namedBy("bucket", ["bucket", "id"]),
  inlineField: "policy",
  actions: OSS_UNLOCKING_ACTIONS,
  dialect: OSS_POLICY,
  harm: "anyone may abort or replace a WORM policy not yet locked, suspend versioning, add lifecycle rules that expire evidence, overwrite or delete objects, open the bucket's ACL, encrypt new evidence under a key of their own, replicate it out or delete the bucket",
  fix: 'remove the statement, name the principals (account or RAM user ids) instead of "*" or [], add a Condition on acs:SourceVpc or acs:AccessId, or turn on Block Public Access (alicloud.oss.BucketPublicAccessBlock with blockPublicAccess: true)',
  // Block Public Access makes OSS ignore existing public bucket policies as it does public ACLs.
  publicBlocks: OSS_PUBLIC_BLOCKS,
};

type Config = RetentionMinima;

/**
 * Each BucketWorm against the minimum: a one-day lock lets the evidence be deleted the next day, so a policy counts
 * only when it keeps objects at least `min` days (the same bar as S3's default retention). OSS keeps one retention
 * policy per bucket, and which of several applies depends on the order they are created in: each must comply.
 */
function wormProblems(worms: GenericResource[], min: number): { problems: string[]; unknown?: GenericResource } {
  const problems: string[] = [];
  let unknown: GenericResource | undefined;
  for (const w of worms) {
    // @pulumi/policy unwraps secrets; a direct caller may still pass the wrapper: its plain value counts.
    const value = unwrap(w.inputs.retentionPeriodInDays);
    const days = num(value);
    if (isUnknown(value)) unknown ??= w;
    // A policy without a retention period is require-evidence-bucket-immutability's finding.
    else if (days !== undefined && days < min)
      problems.push(
        `WORM policy retains objects for ${days} days, less than the minimum of ${min} (BucketWorm ${w.name})`,
      );
  }
  return { problems, unknown };
}

/** A bucket has one object WORM configuration: when several resources set it the last applied wins, so all count. */
function objectWormProblems(configs: GenericResource[], min: number): { problems: string[]; unknown?: string } {
  const verdicts = configs.map((c) => ({ name: c.name, verdict: objectWormProblem(c.inputs, min) }));
  const problems = verdicts.flatMap(({ name, verdict }) =>
    verdict?.problem ? [`object WORM configuration ${name} ${verdict.problem}`] : [],
  );
  return { problems, unknown: verdicts.find((v) => v.verdict?.unknown)?.verdict?.unknown };
}

/**
 * BucketWorm and object WORM exclude each other on one bucket, and which one holds depends on creation order, so
 * every WORM resource on the bucket must keep objects long enough: a violation naming each short one, else a note
 * when a value unknown at preview may be short.
 */
function retentionFinding(
  b: GenericResource,
  worms: GenericResource[],
  configs: GenericResource[],
  min: number,
): StackFinding | undefined {
  if (worms.length === 0 && configs.length === 0)
    return { urn: b.urn, message: `evidence bucket ${b.name} has no WORM retention policy` };
  const bucketWorm = wormProblems(worms, min);
  const objectWorm = objectWormProblems(configs, min);
  const problems = [...bucketWorm.problems, ...objectWorm.problems];
  if (problems.length > 0) return { urn: b.urn, message: `evidence bucket ${b.name}: ${problems.join("; ")}` };
  if (bucketWorm.unknown)
    return {
      urn: b.urn,
      ...unverifiable("retentionPeriodInDays", `WORM policy ${bucketWorm.unknown.name} of evidence bucket ${b.name}`),
    };
  return objectWorm.unknown
    ? { urn: b.urn, ...unverifiable(objectWorm.unknown, `object WORM of evidence bucket ${b.name}`) }
    : undefined;
}

/** What a trail writing outside the stack needs, with the configured minimum. */
const outsideFix = (m: RetentionMinima) =>
  `declare the bucket in the stack with a Locked oss.BucketWorm of at least ${Math.max(m.minRetentionDays, m.minTrailRetentionDays)} days (the kit's AuditTrail component does), or exempt the trail once that lock is confirmed`;

/** Case steps 4-5: evidence and backups must survive an attacker who holds the account. */
export const requireEvidenceOssWorm = defineStackRule<Config>({
  metadata: {
    name: "require-evidence-oss-worm",
    description:
      "Every OSS bucket holding evidence, backups or audit logs must have a WORM retention of at least minRetentionDays, and its policy and ACL must not open it to everyone.",
    details:
      "Every OSS bucket that holds evidence or backups (same marking as require-evidence-bucket-immutability, a bucket a ROS template declares taking the tags of the stack or stack group deploying it, or the destination of an ActionTrail trail) must have, in the stack, an oss.BucketWorm retention policy or an oss.BucketObjectWormConfiguration (enabled, COMPLIANCE default retention), and every such resource on the bucket must keep objects at least minRetentionDays (OSS keeps one retention policy per bucket and which applies depends on creation order) (" +
      EVIDENCE_RETENTION_DAYS +
      " by default; minTrailRetentionDays, 180 by default, for a trail's destination, so audit logs outlive six months). An ActionTrail trail whose OSS bucket the stack does not show (outside it, or unknown at preview and linked to no bucket of it) is a note naming the bucket, a violation when failing closed: its WORM lock cannot be judged. An evidence bucket's policy (an oss.BucketPolicy or the bucket's inline policy) must not let everyone (Principal \"*\", [\"*\"], or [], which OSS reads as everyone) initiate or abort WORM, put or delete objects, delete the bucket or change its versioning, lifecycle, policy, ACL or its objects' ACLs, block of public access, encryption or replication, unless a Condition names the callers (acs:SourceVpc, acs:AccessId), an unconditional Deny on everyone takes it back or Block Public Access is on for the bucket or its account; acs:SourceIp covering the internet, a wildcard VPC id (\"vpc-*\"), Referer and User-Agent narrow no one, and a condition not read is a note. An evidence bucket's ACL (its acl or an oss.BucketAcl), or that of an object put into it (oss.BucketObject), must not be public-read-write (anyone overwrites evidence) or public-read (a violation too: the rule reports at one level, and leaked evidence harms a case as lost evidence does), unless Block Public Access is on for the bucket (oss.BucketPublicAccessBlock) or the bucket's account (oss.AccountPublicAccessBlock, under a provider of the same account); a value unknown at preview, or an account block whose provider may act in another account, is a note.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add an alicloud.oss.BucketWorm with bucket set to the bucket, status "Locked" and retentionPeriodInDays.',
      "Raise retentionPeriodInDays to at least the configured minRetentionDays (minTrailRetentionDays on the bucket an ActionTrail trail writes to).",
      'Or add an alicloud.oss.BucketObjectWormConfiguration with objectWormEnabled "Enabled" and rule.defaultRetention { mode: "COMPLIANCE", days } (or years).',
      "For an ActionTrail trail writing to a bucket outside the stack: declare the bucket in the stack with such a WORM policy (the kit's AuditTrail component does), or exempt the trail once the bucket's lock is confirmed.",
      'Remove bucket policy statements that let everyone (Principal "*", ["*"] or []) delete, overwrite or unlock evidence, or name the principals (account or RAM user ids) or narrow them with a Condition on acs:SourceVpc or acs:AccessId (a named VPC, not "vpc-*"), or turn on Block Public Access for the bucket (alicloud.oss.BucketPublicAccessBlock with blockPublicAccess: true).',
      "Set the evidence bucket's acl (and any oss.BucketAcl) to \"private\", or add an alicloud.oss.BucketPublicAccessBlock with blockPublicAccess: true (the kit's WORM bucket component does).",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    resourceTypes: [BUCKET, WORM, OBJECT_WORM, ...OSS_TRAILS, BUCKET_POLICY, ...OSS_ACL_TYPES],
  },
  // minRetentionDays is shared with require-evidence-bucket-immutability and require-evidence-s3-default-retention.
  configSchema: { ...EVIDENCE_RETENTION_SCHEMA, ...TRAIL_RETENTION_SCHEMA },
  parseConfig: (r) => ({
    ...readEvidenceRetention(r),
    ...readTrailRetention(r),
  }),
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    const buckets = resources.filter((r) => r.type === BUCKET);
    // A BucketWorm names its bucket by `bucket`, an object WORM configuration by `bucketName`.
    const locksOf = assignLocks(
      buckets,
      resources.filter((r) => r.type === WORM || r.type === OBJECT_WORM),
      namedBy((l) => (l.type === WORM ? "bucket" : "bucketName"), ["bucket", "id"]),
    );
    const bucketFindings = buckets
      .filter((b) => holdsEvidence(b, resources))
      .flatMap((b) => {
        const min = minimumDaysFor(b, resources, config);
        const finding = judgedWithPossibleLocks(
          locksOf.get(b.urn),
          (locks) =>
            retentionFinding(
              b,
              locks.filter((l) => l.type === WORM),
              locks.filter((l) => l.type === OBJECT_WORM),
              min,
            ),
          (possible) => possibleBucketLockNote(b, "WORM configuration", possible),
        );
        return finding ? [finding] : [];
      });
    const isEvidence = (b: GenericResource) => holdsEvidence(b, resources);
    return [
      ...bucketFindings,
      ...openStorePolicies(buckets, isEvidence, resources, BUCKET_POLICIES),
      ...publicBucketAcls(buckets, isEvidence, resources, OSS_PUBLIC_ACLS),
      ...unseenTrailDestinations(resources, OSS_TRAILS, [BUCKET], outsideFix(config)),
    ];
  },
});
