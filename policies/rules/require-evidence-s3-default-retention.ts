import { GenericResource } from "../../lib/reachability";
import { isUnknown, obj } from "../../lib/values";
import { at, show } from "../lib/expect";
import { unverifiable } from "../lib/findings";
import { FLOW_LOG, receivesFlowLogs } from "../lib/flow-log-evidence";
import {
  GLACIER_VAULT,
  GLACIER_VAULT_LOCK,
  isEvidenceGlacierVault,
  unlockedGlacierVaults,
} from "../lib/glacier-vault-locks";
import {
  restrictedByS3Block,
  S3_ACL_TYPES,
  S3_PUBLIC_ACLS,
  S3_PUBLIC_POLICY_BLOCKS,
} from "../lib/evidence-bucket-acls";
import { defaultRetentionDays, inlineDefaultRetentions } from "../lib/default-retention-days";
import { EVIDENCE_RETENTION_DAYS } from "../lib/evidence-retention";
import { EVIDENCE_RETENTION_SCHEMA, readEvidenceRetention } from "../lib/evidence-retention-config";
import { publicBucketAcls } from "../lib/public-bucket-acls";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { assignLocks, judgedWithPossibleLocks, namedBy, possibleBucketLockNote } from "../lib/store-locks";
import {
  GLACIER_UNLOCKING_ACTIONS,
  openStorePolicies,
  S3_UNLOCKING_ACTIONS,
  StorePolicies,
} from "../lib/store-policy-grants";
import { is } from "../lib/text-values";
import {
  holdsEvidence,
  minimumDaysFor,
  RetentionMinima,
  S3_TRAILS,
  readTrailRetention,
  TRAIL_RETENTION_SCHEMA,
  unseenTrailDestinations,
} from "../lib/trail-buckets";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const LOCKS = [
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
];
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** Bucket policies of evidence buckets: bucket names are global, so a name links without a place. */
const BUCKET_POLICIES: StorePolicies = {
  kind: "evidence bucket",
  policyTypes: [BUCKET_POLICY],
  link: namedBy("bucket", ["bucket", "id"]),
  inlineField: "policy",
  actions: S3_UNLOCKING_ACTIONS,
  harm: "anyone may lower the default retention for new evidence, add delete markers, overwrite objects, encrypt new evidence under a key of their own, replicate it out or lift the protection",
  fix: "remove the statement, name the principals (an account or role ARN), add a Condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount, or set restrictPublicBuckets: true on an aws.s3.BucketPublicAccessBlock of the bucket",
  // restrictPublicBuckets on the bucket or its account leaves a public statement to the owner's account alone.
  publicBlocks: S3_PUBLIC_POLICY_BLOCKS,
  neutralised: restrictedByS3Block,
};

/** A Glacier vault's only resource policy is its own accessPolicy. */
const GLACIER_POLICIES: StorePolicies = {
  kind: "evidence Glacier vault",
  policyTypes: [],
  link: () => "no",
  inlineField: "accessPolicy",
  actions: GLACIER_UNLOCKING_ACTIONS,
  harm: "anyone may delete archives or the vault, abort a lock in progress or change the vault's access policy",
};

const GLACIER_FIX =
  "add an aws.glacier.VaultLock with vaultName set to the vault's name, a policy that denies glacier:DeleteArchive and completeLock: true";

type RetentionConfig = RetentionMinima;

/** One default retention block and where it was found, for messages. */
interface Retention {
  where: string;
  value: unknown;
}

/** What is wrong with one default retention, or which of its fields is unknown at preview. */
interface Verdict {
  problem?: string;
  unknown?: string;
}

/** Default retentions configured inline on the bucket (deprecated, still accepted). */
const inlineRetentions = (bucket: GenericResource): Retention[] =>
  inlineDefaultRetentions(bucket.inputs).map((value) => ({ where: "inline objectLockConfiguration", value }));

/** Undefined when the retention is COMPLIANCE for at least minDays. */
function judge(r: Retention, minDays: number): Verdict | undefined {
  if (isUnknown(r.value)) return { unknown: "defaultRetention" };
  if (r.value === undefined) return { problem: `${r.where} sets no default retention` };
  const d = obj(r.value) ?? {};
  const problems: string[] = [];
  if (!is(d.mode, "COMPLIANCE") && !isUnknown(d.mode))
    problems.push(`mode is ${show(d.mode)}: only COMPLIANCE cannot be lifted by an administrator`);
  // AWS takes either days or years; a year counts as 365 days.
  const days = defaultRetentionDays(d);
  if (days !== "unknown" && days < minDays)
    problems.push(`retains objects for ${days} days, less than the minimum of ${minDays}`);
  if (problems.length > 0) return { problem: `${r.where} default retention ${problems.join("; ")}` };
  if (isUnknown(d.mode)) return { unknown: "defaultRetention.mode" };
  return days === "unknown" ? { unknown: "defaultRetention.days" } : undefined;
}

/**
 * A bucket has one Object Lock configuration: when several resources set it the last one applied wins, so every
 * retention must comply. Known problems are violations; otherwise an unknown field makes a note.
 */
function findingFor(bucket: GenericResource, retentions: Retention[], minDays: number): StackFinding | undefined {
  const { urn, name } = bucket;
  if (retentions.length === 0)
    return {
      urn,
      message: `evidence bucket ${name} has no COMPLIANCE default retention: new objects can be deleted or overwritten`,
    };
  const verdicts = retentions.map((r) => judge(r, minDays));
  const problems = verdicts.flatMap((v) => (v?.problem ? [v.problem] : []));
  if (problems.length > 0) {
    const last = retentions.length > 1 ? " (the configuration applied last wins)" : "";
    return { urn, message: `evidence bucket ${name}: ${problems.join("; ")}${last}` };
  }
  const unknown = verdicts.find((v) => v?.unknown)?.unknown;
  return unknown ? { urn, ...unverifiable(unknown, `default retention of evidence bucket ${name}`) } : undefined;
}

const separateRetention = (l: GenericResource): Retention => ({
  where: `lock configuration ${l.name}`,
  value: at(l.inputs, "rule.defaultRetention"),
});

/** What a trail writing outside the stack needs, with the configured minimum. */
const outsideFix = (m: RetentionMinima) =>
  `declare the bucket in the stack with Object Lock and a COMPLIANCE default retention of at least ${Math.max(m.minRetentionDays, m.minTrailRetentionDays)} days (the kit's AuditTrail component does), or exempt the trail once that lock is confirmed`;

/** Case steps 4-5: Object Lock without a default retention protects nothing written by ordinary uploads. */
export const requireEvidenceS3DefaultRetention = defineStackRule<RetentionConfig>({
  metadata: {
    name: "require-evidence-s3-default-retention",
    description:
      "Every S3 bucket or Glacier vault holding evidence, backups or audit logs must lock its objects in compliance mode for at least minRetentionDays and not be open to everyone.",
    details:
      "Every S3 bucket that holds evidence or backups (same marking as require-evidence-bucket-immutability, or the destination of a CloudTrail trail or a VPC flow log) must have Object Lock with a default retention in COMPLIANCE mode of at least minRetentionDays (" +
      EVIDENCE_RETENTION_DAYS +
      " by default; minTrailRetentionDays, 180 by default, for a trail's destination, so audit logs outlive six months), set by a BucketObjectLockConfiguration or the bucket's inline objectLockConfiguration; when several set it, each must comply, since the last applied wins. A CloudTrail trail whose bucket the stack does not show (outside it, or unknown at preview and linked to no bucket of it) is a note naming the bucket, a violation when failing closed: its lock cannot be judged. An evidence bucket's policy (a BucketPolicy or its inline policy) must not let everyone (Principal \"*\", {\"AWS\": \"*\"}, NotPrincipal) change its lock, retention, legal holds, versioning, lifecycle, policy, ACL or its objects' ACLs, public access block, ownership controls, default encryption or replication, or put or delete objects, unless a Condition names the principals (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount…), an unconditional Deny on everyone takes it back, or restrictPublicBuckets is set on the bucket's BucketPublicAccessBlock or on the AccountPublicAccessBlock of its account (S3 then limits a public policy to AWS service principals and the owner's account; a grant to every AWS service, or one a condition not read may make non-public, is still judged); a condition not read is a note. An evidence bucket's ACL (the bucket's acl or grants, or an aws.s3.BucketAcl), or the canned acl of an object put into it (aws.s3.BucketObjectv2, BucketObject: public-read, public-read-write or authenticated-read lets anyone read it), must not let the AllUsers or AuthenticatedUsers group write (public-read-write, WRITE, WRITE_ACP, FULL_CONTROL: anyone overwrites evidence) or read (public-read, authenticated-read, READ: a violation too, since the rule reports at one level and leaked evidence harms a case as lost evidence does), unless the bucket's BucketPublicAccessBlock or the account's AccountPublicAccessBlock sets ignorePublicAcls (blockPublicAcls alone leaves an ACL applied before it) or BucketOwnershipControls enforce bucket-owner ownership; an account block counts only on its own account (its accountId, else its provider's): one whose account may not be the bucket's is a note, and a value unknown at preview is a note. A Glacier vault marked as evidence must have an aws.glacier.VaultLock naming it in the same place, completed (completeLock: true; an incomplete lock expires after 24 hours) with a policy that denies everyone glacier:DeleteArchive while an archive is younger than minRetentionDays (a lock whose settings are unknown at preview is a note), and its own accessPolicy must not let everyone delete archives or the vault, abort a lock or change the policy. Buckets, trails, flow logs and bucket policies declared in CloudFormation templates (aws.cloudformation.Stack, StackSet) are judged as the program's are (a bucket's inline PublicAccessBlockConfiguration counts as its BucketPublicAccessBlock, and the tags of the stack or stack set, which CloudFormation propagates to its buckets, mark them as provider default tags do: the stack's own tags over the default tags of the container's AWS provider, the bucket's own tag of a key over both): an AWS::S3::BucketPolicy names the bucket its Bucket gives ({\"Ref\": bucket} or a name), its document's pseudo parameters and references to template resources name an account or resource, never everyone, and a document unknown as a whole (a parameter without a value, an import) is a note.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Enable Object Lock: objectLockEnabled: true on the bucket, or versioning plus the BucketObjectLockConfiguration below.",
      `Add an aws.s3.BucketObjectLockConfiguration with bucket set to the bucket and rule.defaultRetention { mode: "COMPLIANCE", days: ${EVIDENCE_RETENTION_DAYS} } (or years).`,
      "Raise days (or years) to at least the configured minRetentionDays (minTrailRetentionDays on the bucket a CloudTrail trail writes to), and remove any other lock configuration of the bucket that is weaker.",
      "For a CloudTrail trail writing to a bucket outside the stack: declare the bucket in the stack with such a lock (the kit's AuditTrail component does), or exempt the trail once the bucket's lock is confirmed.",
      "Remove bucket policy statements that allow everyone to delete, overwrite or unlock evidence, or name the principals (an account or role ARN) or narrow them with a Condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount, or set restrictPublicBuckets: true on an aws.s3.BucketPublicAccessBlock of the bucket (S3 then limits a public policy to AWS service principals and the bucket owner's account).",
      'Set the evidence bucket\'s acl (and any aws.s3.BucketAcl) to "private" with no grants to AllUsers or AuthenticatedUsers, or add an aws.s3.BucketPublicAccessBlock with ignorePublicAcls: true or aws.s3.BucketOwnershipControls with objectOwnership "BucketOwnerEnforced" (the kit\'s evidence bucket component adds both).',
      "Lock a Glacier evidence vault with an aws.glacier.VaultLock whose policy denies glacier:DeleteArchive, with completeLock: true.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "S3.15" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    resourceTypes: [
      ...BUCKETS,
      ...LOCKS,
      ...S3_TRAILS,
      FLOW_LOG,
      BUCKET_POLICY,
      ...S3_ACL_TYPES,
      GLACIER_VAULT,
      GLACIER_VAULT_LOCK,
    ],
  },
  // minRetentionDays is shared with require-evidence-bucket-immutability and require-evidence-oss-worm.
  configSchema: { ...EVIDENCE_RETENTION_SCHEMA, ...TRAIL_RETENTION_SCHEMA },
  parseConfig: (r) => ({
    ...readEvidenceRetention(r),
    ...readTrailRetention(r),
  }),
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    const buckets = resources.filter((r) => BUCKETS.includes(r.type));
    const locksOf = assignLocks(
      buckets,
      resources.filter((r) => LOCKS.includes(r.type)),
      namedBy("bucket", ["bucket", "id"]),
    );
    // Evidence by marking, or by role: a trail's or a flow log's destination.
    const isEvidence = (b: GenericResource) => holdsEvidence(b, resources) || receivesFlowLogs(b, resources);
    const bucketFindings = buckets.filter(isEvidence).flatMap((b) => {
      const min = minimumDaysFor(b, resources, config);
      const finding = judgedWithPossibleLocks(
        locksOf.get(b.urn),
        (locks) => findingFor(b, [...inlineRetentions(b), ...locks.map(separateRetention)], min),
        (possible) => possibleBucketLockNote(b, "lock configuration", possible),
      );
      return finding ? [finding] : [];
    });
    return [
      ...bucketFindings,
      ...openStorePolicies(buckets, isEvidence, resources, BUCKET_POLICIES),
      ...publicBucketAcls(buckets, isEvidence, resources, S3_PUBLIC_ACLS),
      ...unlockedGlacierVaults(resources, GLACIER_FIX, config.minRetentionDays),
      ...openStorePolicies(
        resources.filter((r) => r.type === GLACIER_VAULT),
        isEvidenceGlacierVault,
        resources,
        GLACIER_POLICIES,
      ),
      ...unseenTrailDestinations(resources, S3_TRAILS, BUCKETS, outsideFix(config)),
    ];
  },
});
