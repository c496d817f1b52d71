// require-audit-trail-for-compute counts the compute and the trails a raw template deploys as it counts the
// program's: a template's instances need a trail somewhere in the stack, and a template's trail covers them (and the
// program's). A ROS trail records only once an ALIYUN::ACTIONTRAIL::TrailLogging starts it.
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP } from "./templates-fixtures";

const rule = requireAuditTrailForCompute;

const stack = stacksNamed("app");

const INSTANCE = { Type: "AWS::EC2::Instance", Properties: { ImageId: "ami-1", InstanceType: "t3.micro" } };
const trail = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::CloudTrail::Trail",
  Properties: { IsLogging: true, S3BucketName: { Ref: "TrailBucket" }, IsMultiRegionTrail: true, ...props },
});
const TRAIL_BUCKET = { Type: "AWS::S3::Bucket" };
/** A program provider that names its account: a stack set's instances may run elsewhere. */
const inAccount = {
  provider: "urn:pulumi:test::hardening-kit::pulumi:providers:aws::prod",
  providerProps: { region: "us-east-1", allowedAccountIds: ["222222222222"] },
};

const YAML_TRAIL = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Logging:
    Type: String
    Default: "LOGGING"
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
  TrailBucket:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: !Ref Logging
      S3BucketName: !Ref TrailBucket
`;

describe("require-audit-trail-for-compute reads CloudFormation templates", () => {
  const container = urnOf(CFN_STACK, "app");
  stackTable(rule, [
    {
      name: "template instances in a stack without any trail",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE, Worker: INSTANCE }))],
      violations: 1,
      mentions: "template resource Web (AWS::EC2::Instance): the stack creates compute (app/Web, app/Worker)",
      urn: container,
    },
    {
      name: "a template trail covering the template's instances",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: trail() }))],
      violations: 0,
    },
    {
      name: "the same in a stack set",
      resources: [stack(CFN_STACK_SET, cfn({ Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: trail() }))],
      violations: 0,
    },
    {
      name: "a template trail that is not logging",
      resources: [
        stack(CFN_STACK, cfn({ Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: trail({ IsLogging: false }) })),
      ],
      violations: 1,
      mentions: "no enabled CloudTrail trail",
    },
    {
      name: "a template trail whose IsLogging is fed by an unknown program output",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: trail({ IsLogging: { Ref: "On" } }) },
            { Parameters: { On: { Type: "String" } } },
          ),
          { parameters: { On: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a template trail whose condition is false with what is known",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: { ...trail(), Condition: "IsProd" } },
            {
              Parameters: { Env: { Type: "String", Default: "dev" } },
              Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
            },
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "a template trail whose condition is undecided at preview: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { Web: INSTANCE, TrailBucket: TRAIL_BUCKET, Trail: { ...trail(), Condition: "IsProd" } },
            {
              Parameters: { Env: { Type: "String" } },
              Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
            },
          ),
          { parameters: { Env: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a template trail covering the program's instances",
      resources: [
        { type: "aws:ec2/instance:Instance", name: "web", props: { ami: "ami-1" } },
        stack(CFN_STACK, cfn({ TrailBucket: TRAIL_BUCKET, Trail: trail() })),
      ],
      violations: 0,
    },
    {
      name: "a program trail covering the template's instances",
      resources: [
        stack(CFN_STACK, cfn({ Web: INSTANCE })),
        { type: "aws:cloudtrail/trail:Trail", name: "org", props: { s3BucketName: "audit", enableLogging: true } },
      ],
      violations: 0,
    },
    {
      name: "a stack set's trail and program instances in a named account: the instances' accounts decide, a note",
      resources: [
        { type: "aws:ec2/instance:Instance", name: "web", props: { ami: "ami-1" }, ...inAccount },
        stack(CFN_STACK_SET, cfn({ TrailBucket: TRAIL_BUCKET, Trail: trail() })),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a stack set's organization trail covers program instances in any account",
      resources: [
        { type: "aws:ec2/instance:Instance", name: "web", props: { ami: "ami-1" }, ...inAccount },
        stack(CFN_STACK_SET, cfn({ TrailBucket: TRAIL_BUCKET, Trail: trail({ IsOrganizationTrail: true }) })),
      ],
      violations: 0,
    },
    {
      name: "a template launch template in a stack without any trail",
      resources: [
        stack(
          CFN_STACK,
          cfn({ Lt: { Type: "AWS::EC2::LaunchTemplate", Properties: { LaunchTemplateData: { ImageId: "ami-1" } } } }),
        ),
      ],
      violations: 1,
      urn: container,
    },
    {
      name: "a template of only a bucket and a log group creates no compute",
      resources: [stack(CFN_STACK, cfn({ B: TRAIL_BUCKET, L: { Type: "AWS::Logs::LogGroup" } }))],
      violations: 0,
    },
    {
      name: "template instances with an organisation trail provided outside the stack",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE }))],
      config: { providedExternally: true },
      violations: 0,
    },
    {
      name: "YAML: a template trail logging",
      resources: [stack(CFN_STACK, YAML_TRAIL.replace("LOGGING", "true"))],
      violations: 0,
    },
    {
      name: "YAML: the same trail with IsLogging false from the parameter's default",
      resources: [stack(CFN_STACK, YAML_TRAIL.replace("LOGGING", "false"))],
      violations: 1,
    },
  ]);
});

const ECS = { Type: "ALIYUN::ECS::Instance", Properties: { ImageId: "ubuntu", InstanceType: "ecs.g7.large" } };
const rosTrail = (props: Record<string, unknown> = {}) => ({
  Type: "ALIYUN::ACTIONTRAIL::Trail",
  Properties: { Name: "audit", OssBucketName: "audit-logs", EventRW: "All", ...props },
});
const logging = (name: unknown, enable: unknown = true) => ({
  Type: "ALIYUN::ACTIONTRAIL::TrailLogging",
  Properties: { Name: name, Enable: enable },
});

describe("require-audit-trail-for-compute reads ROS templates", () => {
  const container = urnOf(ROS_STACK, "app");
  stackTable(rule, [
    {
      name: "template ECS instances in a stack without any trail",
      resources: [stack(ROS_STACK, ros({ Web: ECS }))],
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance)",
      urn: container,
    },
    {
      name: "a template trail started by TrailLogging naming it by Ref",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Trail: rosTrail(), On: logging({ Ref: "Trail" }) }))],
      violations: 0,
    },
    {
      name: "started by TrailLogging naming it by GetAtt Name, in a stack group",
      resources: [
        stack(ROS_STACK_GROUP, ros({ Web: ECS, Trail: rosTrail(), On: logging({ "Fn::GetAtt": ["Trail", "Name"] }) })),
      ],
      violations: 0,
    },
    {
      name: "started by TrailLogging naming it by its literal name",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Trail: rosTrail(), On: logging("audit") }))],
      violations: 0,
    },
    {
      name: "a template trail never started",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Trail: rosTrail() }))],
      violations: 1,
      mentions: "no enabled ActionTrail trail",
    },
    {
      name: "a template trail whose TrailLogging disables it",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Trail: rosTrail(), On: logging({ Ref: "Trail" }, false) }))],
      violations: 1,
    },
    {
      name: "a TrailLogging that starts another trail",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Trail: rosTrail(), On: logging("other") }))],
      violations: 1,
    },
    {
      name: "a TrailLogging whose Enable is fed by an unknown program output",
      resources: [
        stack(
          ROS_STACK,
          ros(
            { Web: ECS, Trail: rosTrail(), On: logging({ Ref: "Trail" }, { Ref: "On" }) },
            { Parameters: { On: { Type: "Boolean" } } },
          ),
          { parameters: [{ parameterKey: "On", parameterValue: UNKNOWN }] },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a TrailLogging created only under a condition undecided at preview",
      resources: [
        stack(
          ROS_STACK,
          ros(
            { Web: ECS, Trail: rosTrail(), On: { ...logging({ Ref: "Trail" }), Condition: "Audited" } },
            {
              Parameters: { Env: { Type: "String" } },
              Conditions: { Audited: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
            },
          ),
          { parameters: [{ parameterKey: "Env", parameterValue: UNKNOWN }] },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a TrailLogging whose name is unknown at preview may start the trail",
      resources: [
        stack(
          ROS_STACK,
          ros(
            { Web: ECS, Trail: rosTrail(), On: logging({ Ref: "Name" }) },
            { Parameters: { Name: { Type: "String" } } },
          ),
          { parameters: [{ parameterKey: "Name", parameterValue: UNKNOWN }] },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a started trail delivering only to SLS",
      resources: [
        stack(
          ROS_STACK,
          ros({
            Web: ECS,
            Trail: rosTrail({ OssBucketName: undefined, SlsProjectArn: "acs:log:cn-hangzhou:1:project/audit" }),
            On: logging({ Ref: "Trail" }),
          }),
        ),
      ],
      violations: 1,
      mentions: "delivering to an OSS bucket",
    },
    {
      name: "a template trail covering program ECS instances",
      resources: [
        { type: "alicloud:ecs/instance:Instance", name: "erp", props: { keyName: "ops" } },
        stack(ROS_STACK, ros({ Trail: rosTrail(), On: logging({ Ref: "Trail" }) })),
      ],
      violations: 0,
    },
  ]);
});
