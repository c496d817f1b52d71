// ROS OSS buckets (ALIYUN::OSS::Bucket) are judged as the program's oss.Bucket: one whose name or tags (a map in ROS)
// mark evidence or backups needs a locked WORM policy of the minimum length, and DeletionForce true, which empties and
// deletes the bucket with the stack, is forceDestroy on evidence.
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { hardeningRules } from "../../policies/catalog";
import { Case, table } from "./harness";
import { stackTable } from "./stack-table";
import { ros, stacksNamed } from "./template-bodies";
import { ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

// The rule as the pack runs it: the catalog's template-reading wrapper decides which dialects it reads.
const immutability = hardeningRules.find((policy) => policy.name === requireEvidenceBucketImmutability.name)!;
const stack = stacksNamed("app");

const BUCKET = "ALIYUN::OSS::Bucket";
const EVIDENCE_TAGS = { "hardening:evidence": "true" };

const bucket = (props: Record<string, unknown>): TemplateResources => ({ Store: { Type: BUCKET, Properties: props } });

/** A body declaring `resources` on a ROS stack and a stack group, with optional parameters. */
const rows = (
  name: string,
  resources: TemplateResources,
  violations: number,
  extra: Partial<Case> & { parameters?: Record<string, unknown> } = {},
): Case[] => {
  const { parameters, ...rest } = extra;
  return [ROS_STACK, ROS_STACK_GROUP].map((type) => ({
    name: `${type === ROS_STACK ? "stack" : "stack group"}: ${name}`,
    type,
    props: { templateBody: ros(resources, parameters ? { Parameters: parameters } : {}) },
    violations,
    ...rest,
  }));
};

describe("require-evidence-bucket-immutability reads ROS OSS buckets", () => {
  table(immutability, [
    // Known bad.
    ...rows(
      "an evidence bucket (tag map) with DeletionForce true",
      bucket({ BucketName: "acme-store", Tags: EVIDENCE_TAGS, DeletionForce: true }),
      1,
      {
        mentions: `template resource Store (${BUCKET})`,
      },
    ),
    ...rows(
      "a bucket named as backups with DeletionForce true",
      bucket({ BucketName: "acme-backups", DeletionForce: true }),
      1,
      {
        mentions: "forceDestroy is true",
      },
    ),
    ...rows(
      'an evidence bucket tagged as a list of Key/Value with DeletionForce "true"',
      bucket({ BucketName: "acme-store", Tags: [{ Key: "purpose", Value: "forensics" }], DeletionForce: "true" }),
      1,
    ),
    // Known good.
    ...rows(
      "an evidence bucket without DeletionForce",
      bucket({ BucketName: "acme-evidence", Tags: EVIDENCE_TAGS }),
      0,
    ),
    ...rows(
      "an evidence bucket with DeletionForce false",
      bucket({ BucketName: "acme-evidence", DeletionForce: false }),
      0,
    ),
    ...rows("an ordinary bucket with DeletionForce true", bucket({ BucketName: "acme-site", DeletionForce: true }), 0),
    // Unknown at preview.
    ...rows(
      "an evidence bucket whose DeletionForce comes from a parameter without a value",
      bucket({ BucketName: "acme-evidence", DeletionForce: { Ref: "Force" } }),
      0,
      { notes: 1, parameters: { Force: { Type: "Boolean" } } },
    ),
    // ROS does not say whether its BucketWorm locks the policy: a note, never a pass.
    ...rows(
      "a ROS BucketWorm keeping objects a year",
      {
        Worm: { Type: "ALIYUN::OSS::BucketWorm", Properties: { Bucket: "acme-evidence", RetentionPeriodInDays: 365 } },
      },
      0,
      { notes: 1 },
    ),
    ...rows(
      "a ROS BucketWorm whose retention comes from a parameter without a value",
      {
        Worm: {
          Type: "ALIYUN::OSS::BucketWorm",
          Properties: { Bucket: "acme-evidence", RetentionPeriodInDays: { Ref: "Days" } },
        },
      },
      0,
      { notes: 2, parameters: { Days: { Type: "Number" } } },
    ),
    ...rows(
      "a bucket whose tag value comes from a parameter without a value",
      bucket({ BucketName: "acme-store", Tags: { purpose: { Ref: "Purpose" } }, DeletionForce: true }),
      0,
      { notes: 1, parameters: { Purpose: { Type: "String" } } },
    ),
  ]);
});

describe("require-evidence-oss-worm reads ROS OSS buckets", () => {
  const worm = (props: Record<string, unknown>) => ({
    type: "alicloud:oss/bucketWorm:BucketWorm",
    name: "worm",
    props: { status: "Locked", retentionPeriodInDays: 365, ...props },
  });
  const rosWorm = (days: number) => ({
    Type: "ALIYUN::OSS::BucketWorm",
    Properties: { Bucket: { Ref: "Store" }, RetentionPeriodInDays: days },
  });
  stackTable(requireEvidenceOssWorm, [
    // Known bad.
    {
      name: "an evidence bucket (tag map) without WORM",
      resources: [stack(ROS_STACK, ros(bucket({ BucketName: "acme-store", Tags: EVIDENCE_TAGS })))],
      violations: 1,
      mentions: "has no WORM retention policy",
    },
    {
      name: "a bucket named as evidence without WORM, on a stack group",
      resources: [stack(ROS_STACK_GROUP, ros(bucket({ BucketName: "case-evidence" })))],
      violations: 1,
    },
    {
      name: "an evidence bucket whose program WORM keeps objects 7 days",
      resources: [
        stack(ROS_STACK, ros(bucket({ BucketName: "acme-evidence" }))),
        worm({ bucket: "acme-evidence", retentionPeriodInDays: 7 }),
      ],
      violations: 1,
      mentions: "less than the minimum",
    },
    {
      name: "a ROS trail writing into its ROS bucket without WORM",
      resources: [
        stack(
          ROS_STACK,
          ros({
            ...bucket({ BucketName: "acme-audit" }),
            Trail: {
              Type: "ALIYUN::ACTIONTRAIL::Trail",
              Properties: { Name: "audit", OssBucketName: { Ref: "Store" }, EventRW: "All", TrailRegion: "All" },
            },
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "an evidence bucket whose ROS BucketWorm keeps objects 7 days",
      resources: [stack(ROS_STACK, ros({ ...bucket({ BucketName: "acme-evidence" }), Worm: rosWorm(7) }))],
      violations: 1,
      mentions: "less than the minimum",
    },
    // Known good.
    {
      name: "an evidence bucket with a year-long ROS BucketWorm naming it by Ref",
      resources: [stack(ROS_STACK, ros({ ...bucket({ BucketName: "acme-evidence" }), Worm: rosWorm(365) }))],
      violations: 0,
    },
    {
      name: "an evidence bucket with a locked year-long WORM in the program",
      resources: [stack(ROS_STACK, ros(bucket({ BucketName: "acme-evidence" }))), worm({ bucket: "acme-evidence" })],
      violations: 0,
    },
    {
      name: "an ordinary bucket without WORM",
      resources: [stack(ROS_STACK, ros(bucket({ BucketName: "acme-site", Tags: { team: "web" } })))],
      violations: 0,
    },
  ]);
});
