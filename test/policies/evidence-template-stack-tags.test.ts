// A bucket a raw template declares takes the tags of the stack that deploys it: CloudFormation propagates a stack's
// (and a stack set's) tags to the resources it creates, and ROS does the same for a stack's (and a stack group's).
// A stack tag marks the bucket as a provider default tag does (a key naming the purpose with a yes value); the
// bucket's own tag of that key wins over the stack's, and the stack's over its provider's default tag.
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { hardeningRules } from "../../policies/catalog";
import { advisory, Diagnostic, mandatory, run, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

// The rule as the pack runs it: the catalog's template-reading wrapper decides which dialects it reads.
const immutability = hardeningRules.find((policy) => policy.name === requireEvidenceBucketImmutability.name)!;
const stack = stacksNamed("app");

const EXPLICIT = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::evidence";
/** How the SDK sends an explicit provider's defaultTags: JSON text. */
const providerTags = (tags: Record<string, unknown>) => ({
  provider: EXPLICIT,
  providerProps: { defaultTags: JSON.stringify({ tags }) },
});

const MARK = { "hardening:evidence": "true" };
const LIFT = { "hardening:evidence": "false" };

/** A bucket whose name says nothing, with only the properties given. */
const s3Bucket = (props: Record<string, unknown> = {}) =>
  cfn({ Store: { Type: "AWS::S3::Bucket", Properties: { BucketName: "acme-store-7f3a", ...props } } });
const ossBucket = (props: Record<string, unknown> = {}, others: TemplateResources = {}) =>
  ros({ Store: { Type: "ALIYUN::OSS::Bucket", Properties: { BucketName: "acme-store-7f3a", ...props } }, ...others });
const LOCKED = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
  },
};
/** A year's WORM retention on the template's bucket (whether ROS locks it is the resource rule's note). */
const WORM = {
  Worm: { Type: "ALIYUN::OSS::BucketWorm", Properties: { Bucket: { Ref: "Store" }, RetentionPeriodInDays: 365 } },
};

describe("require-evidence-s3-default-retention: a template bucket marked by its stack's tags", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: "a CloudFormation stack's tags mark its untagged bucket: no lock is a violation",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: MARK })],
      violations: 1,
      mentions: "template resource Store (AWS::S3::Bucket)",
    },
    {
      name: "a stack set's tags mark the buckets of its instances",
      resources: [stack(CFN_STACK_SET, s3Bucket(), { tags: { "backup-store": "yes" } })],
      violations: 1,
    },
    {
      name: "the stack's tag wins over its provider's default tag of the same key",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: MARK }, providerTags(LIFT))],
      violations: 1,
    },
    {
      name: "stack tags unknown at preview leave the provider's mark standing",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: UNKNOWN }, providerTags(MARK))],
      violations: 1,
    },
    {
      name: "the bucket's own tag of another key leaves the stack's mark",
      resources: [stack(CFN_STACK, s3Bucket({ Tags: [{ Key: "team", Value: "web" }] }), { tags: MARK })],
      violations: 1,
    },
    // Known good.
    {
      name: "the marked bucket with a COMPLIANCE default retention",
      resources: [stack(CFN_STACK, s3Bucket(LOCKED), { tags: MARK })],
      violations: 0,
    },
    {
      name: "the bucket's own tag lifts the stack's mark",
      resources: [
        stack(CFN_STACK, s3Bucket({ Tags: [{ Key: "hardening:evidence", Value: "false" }] }), { tags: MARK }),
      ],
      violations: 0,
    },
    {
      name: "the stack's tag lifts its provider's default mark",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: LIFT }, providerTags(MARK))],
      violations: 0,
    },
    {
      name: "stack tags that mark nothing",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: { team: "web", env: "prod" } })],
      violations: 0,
    },
    {
      name: "a stack tag naming a word under a key that is not the purpose (whose, not what)",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: { Team: "forensics-lab", Project: "backup-portal" } })],
      violations: 0,
    },
    {
      name: "a stack tag by which AWS Backup selects what it copies",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: { backup: "true" } })],
      violations: 0,
    },
    {
      name: "a stack tag that opts out",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: { "exclude-from-backup": "true" } })],
      violations: 0,
    },
    // Unknown at preview: require-evidence-bucket-immutability's note, as for a program bucket.
    {
      name: "stack tags unknown at preview",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: UNKNOWN })],
      violations: 0,
    },
    {
      name: "a stack tag naming the purpose whose value is unknown at preview",
      resources: [stack(CFN_STACK, s3Bucket(), { tags: { "hardening:evidence": UNKNOWN } })],
      violations: 0,
    },
  ]);
});

describe("require-evidence-oss-worm: a ROS bucket marked by its stack's tags", () => {
  stackTable(requireEvidenceOssWorm, [
    // Known bad.
    {
      name: "a ROS stack's tags mark its untagged bucket: no WORM is a violation",
      resources: [stack(ROS_STACK, ossBucket(), { tags: MARK })],
      violations: 1,
      mentions: "has no WORM retention policy",
    },
    {
      name: "a stack group's tags mark the buckets of its instances",
      resources: [stack(ROS_STACK_GROUP, ossBucket(), { tags: { "hardening:backup": "true" } })],
      violations: 1,
    },
    // Known good.
    {
      name: "the marked bucket with a WORM policy keeping objects a year",
      resources: [stack(ROS_STACK, ossBucket({}, WORM), { tags: MARK })],
      violations: 0,
    },
    {
      name: "the bucket's own tag lifts the stack's mark",
      resources: [stack(ROS_STACK, ossBucket({ Tags: LIFT }), { tags: MARK })],
      violations: 0,
    },
    {
      name: "stack tags that mark nothing",
      resources: [stack(ROS_STACK, ossBucket(), { tags: { team: "web" } })],
      violations: 0,
    },
    {
      name: "a stack tag naming a word under a key that is not the purpose",
      resources: [stack(ROS_STACK, ossBucket(), { tags: { Team: "forensics-lab" } })],
      violations: 0,
    },
  ]);
});

describe("require-evidence-bucket-immutability: a template bucket marked by its stack's tags", () => {
  /** A GOVERNANCE default retention: a violation on evidence only. */
  const governed = s3Bucket({
    ObjectLockEnabled: true,
    ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 365 } } },
  });
  /** DeletionForce empties the bucket with the stack: a violation on evidence only. */
  const forced = (tags?: Record<string, unknown>) =>
    ossBucket({ DeletionForce: true, ...(tags ? { Tags: tags } : {}) });
  const evidenceNote = (ds: Diagnostic[]) =>
    advisory(ds).filter((d) => d.message.includes("cannot tell whether the bucket holds evidence"));

  it.each([
    ["a CloudFormation stack's tags, GOVERNANCE lock", CFN_STACK, governed, MARK, 1],
    ["a stack set's tags, GOVERNANCE lock", CFN_STACK_SET, governed, MARK, 1],
    ["a ROS stack's tags, DeletionForce", ROS_STACK, forced(), MARK, 1],
    ["a stack group's tags, DeletionForce", ROS_STACK_GROUP, forced(), MARK, 1],
    ["the ROS bucket's own tag lifting the stack's mark", ROS_STACK, forced(LIFT), MARK, 0],
    ["stack tags that mark nothing", ROS_STACK, forced(), { team: "web" }, 0],
    ["a stack tag naming a word under another key", CFN_STACK, governed, { Team: "forensics-lab" }, 0],
  ])("%s", async (_n, type, templateBody, tags, violations) => {
    const ds = await run(immutability, type, { templateBody, tags }, { name: "app" });
    expect(mandatory(ds)).toHaveLength(violations);
    expect(evidenceNote(ds)).toHaveLength(0);
  });

  it("the stack's tag wins over its provider's default tag", async () => {
    const provider = { urn: EXPLICIT, props: providerTags(LIFT).providerProps };
    const ds = await run(immutability, CFN_STACK, { templateBody: governed, tags: MARK }, { name: "app", provider });
    expect(mandatory(ds)).toHaveLength(1);
  });

  it("stack tags unknown at preview leave the provider's mark standing", async () => {
    const provider = { urn: EXPLICIT, props: providerTags(MARK).providerProps };
    const ds = await run(immutability, CFN_STACK, { templateBody: governed, tags: UNKNOWN }, { name: "app", provider });
    expect(mandatory(ds)).toHaveLength(1);
  });

  it.each([
    ["the stack's tag map", UNKNOWN],
    ["a stack tag naming the purpose", { "hardening:evidence": UNKNOWN }],
  ])("%s unknown at preview is a note", async (_n, tags) => {
    const ds = await run(immutability, ROS_STACK, { templateBody: forced(), tags }, { name: "app" });
    expect(ds.map((d) => [d.level, evidenceNote([d]).length])).toEqual([["advisory", 1]]);
  });
});
