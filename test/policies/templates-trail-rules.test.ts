// The trail rules judge the trails raw templates deploy as they judge the program's. Each trail on its own: a
// CloudFormation trail without log file validation or not logging, a ROS ActionTrail trail never started, reported
// on the container that deploys it. Across the stack: a template trail can be the account's trail, and a narrower
// one (one region, write events only) is not. Settings from a parameter unknown at preview are notes.
import { StackValidationPolicy } from "@pulumi/policy";
import { table, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP, rule } from "./templates-fixtures";

const cloudTrail = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::CloudTrail::Trail",
  Properties: {
    IsLogging: true,
    S3BucketName: "audit-logs",
    IsMultiRegionTrail: true,
    EnableLogFileValidation: true,
    ...props,
  },
});

const stack = stacksNamed("audit");
const cloudTrailRule = rule("require-cloudtrail-multi-region-validation");
const actionTrailRule = rule("require-actiontrail-all-regions-events");

const actionTrail = (props: Record<string, unknown> = {}) => ({
  Type: "ALIYUN::ACTIONTRAIL::Trail",
  Properties: { Name: "audit", OssBucketName: "audit-logs", EventRW: "All", TrailRegion: "All", ...props },
});
const started = { Type: "ALIYUN::ACTIONTRAIL::TrailLogging", Properties: { Name: { Ref: "Trail" }, Enable: true } };

/** A template whose `Flag` parameter the program passes, unknown at preview. */
const fromProgram = { parameters: [{ parameterKey: "Flag", parameterValue: UNKNOWN }] };
const FLAG = { Parameters: { Flag: { Type: "String" } } };

describe("require-cloudtrail-multi-region-validation reads CloudFormation templates", () => {
  table(cloudTrailRule, [
    {
      name: "a multi-region trail with log file validation",
      type: CFN_STACK,
      props: { templateBody: cfn({ Trail: cloudTrail() }) },
      violations: 0,
    },
    {
      name: "a trail without log file validation",
      type: CFN_STACK,
      props: { templateBody: cfn({ Trail: cloudTrail({ EnableLogFileValidation: false }) }) },
      violations: 1,
      mentions: "template resource Trail (AWS::CloudTrail::Trail)",
    },
    {
      name: "a trail that does not log, in a stack set",
      type: CFN_STACK_SET,
      props: { templateBody: cfn({ Trail: cloudTrail({ IsLogging: false }) }) },
      violations: 1,
      mentions: "the trail records nothing",
    },
    {
      name: "validation from a parameter the program passes, unknown at preview",
      type: CFN_STACK,
      props: {
        templateBody: cfn({ Trail: cloudTrail({ EnableLogFileValidation: { Ref: "Flag" } }) }, FLAG),
        ...fromProgram,
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "a ROS template is not read by the CloudTrail rule",
      type: ROS_STACK,
      props: { templateBody: ros({ Trail: actionTrail() }) },
      violations: 0,
    },
  ]);

  stackTable(cloudTrailRule as unknown as StackValidationPolicy, [
    {
      name: "the stack's one trail, in a template, covers every region",
      resources: [stack(CFN_STACK, cfn({ Trail: cloudTrail() }))],
      violations: 0,
    },
    {
      name: "the stack's one trail, in a template, records one region",
      resources: [stack(CFN_STACK, cfn({ Trail: cloudTrail({ IsMultiRegionTrail: false }) }))],
      violations: 1,
      mentions: "events in other regions are not recorded",
      urn: urnOf(CFN_STACK, "audit"),
    },
  ]);
});

describe("require-actiontrail-all-regions-events reads ROS templates", () => {
  table(actionTrailRule, [
    {
      name: "a trail started by TrailLogging",
      type: ROS_STACK,
      props: { templateBody: ros({ Trail: actionTrail(), On: started }) },
      violations: 0,
    },
    {
      name: "a trail never started (ROS creates trails stopped), in a stack group",
      type: ROS_STACK_GROUP,
      props: { templateBody: ros({ Trail: actionTrail() }) },
      violations: 1,
      mentions: "template resource Trail (ALIYUN::ACTIONTRAIL::Trail)",
    },
    {
      name: "started by a switch the program turns on or off, unknown at preview",
      type: ROS_STACK,
      props: {
        templateBody: ros(
          { Trail: actionTrail(), On: { ...started, Properties: { ...started.Properties, Enable: { Ref: "Flag" } } } },
          { Parameters: { Flag: { Type: "Boolean" } } },
        ),
        ...fromProgram,
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "a CloudFormation template is not read by the ActionTrail rule",
      type: CFN_STACK,
      props: { templateBody: cfn({ Trail: cloudTrail({ IsLogging: false }) }) },
      violations: 0,
    },
  ]);

  stackTable(actionTrailRule as unknown as StackValidationPolicy, [
    {
      name: "the stack's one trail, in a template, records every region and event",
      resources: [stack(ROS_STACK, ros({ Trail: actionTrail(), On: started }))],
      violations: 0,
    },
    {
      name: "the stack's one trail, in a template, records one region",
      resources: [stack(ROS_STACK, ros({ Trail: actionTrail({ TrailRegion: "cn-hangzhou" }), On: started }))],
      violations: 1,
      mentions: "only some regions are recorded",
    },
    {
      name: "the stack's one trail, in a template, records write events only",
      resources: [stack(ROS_STACK, ros({ Trail: actionTrail({ EventRW: "Write" }), On: started }))],
      violations: 1,
      mentions: "read or write events are dropped",
    },
  ]);
});
