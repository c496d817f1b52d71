// A bucket a CloudFormation template declares is tagged with its stack's tags, and the AWS provider's default tags
// are the stack's tags (the provider tags the aws.cloudformation.Stack it creates; CloudFormation propagates stack
// tags to the buckets it makes): the resource rule and the stack rule both judge such a bucket as evidence, and the
// bucket's own tag of the same key still lifts the mark.
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { hardeningRules } from "../../policies/catalog";
import { mandatory, run, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK } from "./templates-fixtures";

// The rule as the pack runs it: the catalog's template-reading wrapper decides which dialects it reads.
const immutability = hardeningRules.find((policy) => policy.name === requireEvidenceBucketImmutability.name)!;
const stack = stacksNamed("app");

const PROVIDERS = "urn:pulumi:test::hardening-kit::pulumi:providers";
const EXPLICIT = `${PROVIDERS}:aws::evidence`;
const DEFAULT = `${PROVIDERS}:aws::default_7_48_0`;
const ALICLOUD = `${PROVIDERS}:alicloud::default`;
/** How the SDK sends an explicit provider's defaultTags, and the engine a config object: JSON text. */
const EVIDENCE_DEFAULTS = { defaultTags: JSON.stringify({ tags: { "hardening:evidence": "true" } }) };
const CONFIG_DEFAULTS = { version: "7.48.0", region: "eu-west-1", defaultTags: '{"tags":{"backup-store":"yes"}}' };
const PLAIN_DEFAULTS = { defaultTags: JSON.stringify({ tags: { team: "web" } }) };

/** A bucket whose name says nothing, with only the tags given. */
const bucket = (props: Record<string, unknown> = {}) => ({
  Store: { Type: "AWS::S3::Bucket", Properties: { BucketName: "acme-store-7f3a", ...props } },
});
const LOCKED = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
  },
};
const under = (provider: string, providerProps: Record<string, unknown>) => ({ provider, providerProps });

describe("require-evidence-s3-default-retention: a template bucket marked by its provider's default tags", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: "an explicit provider's defaultTags: no lock is a violation",
      resources: [stack(CFN_STACK, cfn(bucket()), {}, under(EXPLICIT, EVIDENCE_DEFAULTS))],
      violations: 1,
      mentions: "template resource Store (AWS::S3::Bucket)",
    },
    {
      name: "the default provider's aws:defaultTags config: no lock is a violation",
      resources: [stack(CFN_STACK, cfn(bucket()), {}, under(DEFAULT, CONFIG_DEFAULTS))],
      violations: 1,
      mentions: "no COMPLIANCE default retention",
    },
    {
      name: "a stack set under the provider's defaultTags: no lock is a violation",
      resources: [stack(CFN_STACK_SET, cfn(bucket()), {}, under(EXPLICIT, EVIDENCE_DEFAULTS))],
      violations: 1,
    },
    // Known good.
    {
      name: "the marked template bucket with a COMPLIANCE default retention",
      resources: [stack(CFN_STACK, cfn(bucket(LOCKED)), {}, under(EXPLICIT, EVIDENCE_DEFAULTS))],
      violations: 0,
    },
    {
      name: "the bucket's own tag lifts the provider's mark",
      resources: [
        stack(
          CFN_STACK,
          cfn(bucket({ Tags: [{ Key: "hardening:evidence", Value: "false" }] })),
          {},
          under(EXPLICIT, EVIDENCE_DEFAULTS),
        ),
      ],
      violations: 0,
    },
    {
      name: "a provider whose default tags mark nothing",
      resources: [stack(CFN_STACK, cfn(bucket()), {}, under(EXPLICIT, PLAIN_DEFAULTS))],
      violations: 0,
    },
    {
      name: "no provider sent",
      resources: [stack(CFN_STACK, cfn(bucket()))],
      violations: 0,
    },
    // Unknown at preview: require-evidence-bucket-immutability's note, as for a program bucket.
    {
      name: "default tags unknown at preview",
      resources: [stack(CFN_STACK, cfn(bucket()), {}, under(EXPLICIT, { defaultTags: UNKNOWN }))],
      violations: 0,
    },
  ]);
});

describe("require-evidence-bucket-immutability: a template bucket marked by its provider's default tags", () => {
  /** A GOVERNANCE default retention: a violation on evidence only. */
  const governed = cfn(
    bucket({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 365 } } },
    }),
  );
  it.each([
    ["an explicit provider's defaultTags", EXPLICIT, EVIDENCE_DEFAULTS, 1],
    ["the default provider's aws:defaultTags config", DEFAULT, CONFIG_DEFAULTS, 1],
    ["a provider whose default tags mark nothing", EXPLICIT, PLAIN_DEFAULTS, 0],
  ])("a GOVERNANCE lock under %s", async (_n, urn, props, violations) => {
    const ds = await run(
      immutability,
      CFN_STACK,
      { templateBody: governed },
      { name: "app", provider: { urn, props } },
    );
    expect(mandatory(ds)).toHaveLength(violations);
  });

  it("default tags unknown at preview are a note", async () => {
    const provider = { urn: EXPLICIT, props: { defaultTags: UNKNOWN } };
    const ds = await run(immutability, CFN_STACK, { templateBody: governed }, { name: "app", provider });
    expect(ds.map((d) => [d.level, d.message.includes("cannot tell whether the bucket holds evidence")])).toEqual([
      ["advisory", true],
    ]);
  });
});

describe("require-evidence-oss-worm: Alibaba Cloud's provider has no default tags", () => {
  const rosBucket = ros({ Store: { Type: "ALIYUN::OSS::Bucket", Properties: { BucketName: "acme-store-7f3a" } } });
  stackTable(requireEvidenceOssWorm, [
    {
      name: "a ROS bucket under a provider with a stray defaultTags input is not marked",
      resources: [stack(ROS_STACK, rosBucket, {}, under(ALICLOUD, EVIDENCE_DEFAULTS))],
      violations: 0,
    },
    {
      name: "a ROS bucket marked by its own Tags under that provider needs WORM",
      resources: [
        stack(
          ROS_STACK,
          ros({
            Store: {
              Type: "ALIYUN::OSS::Bucket",
              Properties: { BucketName: "acme-store-7f3a", Tags: { "hardening:evidence": "true" } },
            },
          }),
          {},
          under(ALICLOUD, EVIDENCE_DEFAULTS),
        ),
      ],
      violations: 1,
      mentions: "has no WORM retention policy",
    },
    {
      name: "a ROS bucket whose own Tags opt it out",
      resources: [
        stack(
          ROS_STACK,
          ros({
            Store: {
              Type: "ALIYUN::OSS::Bucket",
              Properties: {
                BucketName: "acme-store-7f3a",
                Tags: { "hardening:evidence": "false", "exclude-from-backup": "true" },
              },
            },
          }),
        ),
      ],
      violations: 0,
    },
  ]);
});
