// Evidence stores and the trails that fill them, declared in raw templates, are judged as the program's are: a
// CloudFormation bucket marked as evidence or written to by a trail needs Object Lock in COMPLIANCE mode, a template
// trail writing into a program bucket makes that bucket evidence, and a ROS trail's OSS bucket needs a locked WORM.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { Case, table } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, ROS_STACK, rule } from "./templates-fixtures";

const stack = stacksNamed("app");
const COMPLIANCE_YEAR = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
  },
};
const evidenceBucket = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::S3::Bucket",
  Properties: { Tags: [{ Key: "hardening:evidence", Value: "true" }], ...props },
});
const cfnTrail = (bucket: unknown) => ({
  Type: "AWS::CloudTrail::Trail",
  Properties: { IsLogging: true, IsMultiRegionTrail: true, S3BucketName: bucket },
});

describe("require-evidence-s3-default-retention reads CloudFormation templates", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: "a template bucket marked as evidence without Object Lock",
      resources: [stack(CFN_STACK, cfn({ Evidence: evidenceBucket() }))],
      violations: 1,
      mentions: "template resource Evidence (AWS::S3::Bucket)",
    },
    {
      name: "a template bucket marked as evidence in GOVERNANCE mode",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            Evidence: evidenceBucket({
              ObjectLockEnabled: true,
              ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 365 } } },
            }),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "a template trail writing into its template bucket without Object Lock",
      resources: [stack(CFN_STACK, cfn({ Logs: { Type: "AWS::S3::Bucket" }, Trail: cfnTrail({ Ref: "Logs" }) }))],
      violations: 1,
    },
    {
      name: "a template trail writing into a program bucket without Object Lock",
      resources: [
        { type: "aws:s3/bucket:Bucket", name: "trail-logs", props: { bucket: "acme-trail-logs" } },
        stack(CFN_STACK, cfn({ Trail: cfnTrail("acme-trail-logs") })),
      ],
      violations: 1,
      mentions: "trail-logs",
    },
    // Known good.
    {
      name: "a template bucket marked as evidence with a year in COMPLIANCE mode",
      resources: [stack(CFN_STACK, cfn({ Evidence: evidenceBucket(COMPLIANCE_YEAR) }))],
      violations: 0,
    },
    {
      name: "a template trail writing into its locked template bucket",
      resources: [
        stack(
          CFN_STACK,
          cfn({ Logs: { Type: "AWS::S3::Bucket", Properties: COMPLIANCE_YEAR }, Trail: cfnTrail({ Ref: "Logs" }) }),
        ),
      ],
      violations: 0,
    },
    {
      name: "an ordinary template bucket",
      resources: [stack(CFN_STACK, cfn({ Site: { Type: "AWS::S3::Bucket" } }))],
      violations: 0,
    },
    // Unknown at preview: a retention from a parameter without a value.
    {
      name: "a template evidence bucket whose retention days come from a parameter",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            {
              Evidence: evidenceBucket({
                ObjectLockEnabled: true,
                ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: { Ref: "Days" } } } },
              }),
            },
            { Parameters: { Days: { Type: "Number" } } },
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-bucket-immutability reads CloudFormation buckets", () => {
  table(rule("require-evidence-bucket-immutability"), [
    {
      name: "template evidence bucket with an inline GOVERNANCE default",
      type: CFN_STACK,
      props: {
        templateBody: cfn({
          Evidence: evidenceBucket({
            ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 30 } } },
          }),
        }),
      },
      violations: 1,
      mentions: "GOVERNANCE",
    },
    {
      name: "template evidence bucket in COMPLIANCE mode",
      type: CFN_STACK,
      props: { templateBody: cfn({ Evidence: evidenceBucket(COMPLIANCE_YEAR) }) },
      violations: 0,
    },
  ] as Case[]);
});

describe("require-evidence-oss-worm reads ROS trails", () => {
  const rosTrail = (bucket: unknown) => ({
    Trail: {
      Type: "ALIYUN::ACTIONTRAIL::Trail",
      Properties: { Name: "audit", OssBucketName: bucket, EventRW: "All", TrailRegion: "All" },
    },
    Logging: { Type: "ALIYUN::ACTIONTRAIL::TrailLogging", Properties: { Name: { Ref: "Trail" }, Enable: true } },
  });
  const OSS_BUCKET = { type: "alicloud:oss/bucket:Bucket", name: "audit-logs", props: { bucket: "acme-audit-logs" } };
  stackTable(requireEvidenceOssWorm, [
    {
      name: "a ROS trail writing into a program bucket without WORM",
      resources: [OSS_BUCKET, stack(ROS_STACK, ros(rosTrail("acme-audit-logs")))],
      violations: 1,
      mentions: "audit-logs",
    },
    {
      name: "a ROS trail writing into a program bucket with a locked WORM policy",
      resources: [
        OSS_BUCKET,
        {
          type: "alicloud:oss/bucketWorm:BucketWorm",
          name: "worm",
          props: { bucket: "acme-audit-logs", status: "Locked", retentionPeriodInDays: 365 },
        },
        stack(ROS_STACK, ros(rosTrail("acme-audit-logs"))),
      ],
      violations: 0,
    },
  ]);
});
