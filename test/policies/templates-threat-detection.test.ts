// require-threat-detection counts what raw templates deploy as it counts the program's: a template's compute needs a
// GuardDuty detector and a rule routing the SSH brute-force findings with a target in its provider and region (or a
// Security Center anti-brute-force rule on Alibaba Cloud), and a template's own detector, rule and inline Targets
// cover it. A stack set's compute runs in its instances' accounts, where only the stack set's own detector watches.
import { requireThreatDetection } from "../../policies/stack/require-threat-detection";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

const rule = requireThreatDetection;

const stack = stacksNamed("app");

const STANDBY = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::standby";

const INSTANCE = { Type: "AWS::EC2::Instance", Properties: { ImageId: "ami-1", InstanceType: "t3.micro" } };
const DETECTOR = { Type: "AWS::GuardDuty::Detector", Properties: { Enable: true } };
/** Every GuardDuty finding, the brute force at any severity among them. */
const EVERY_FINDING = { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] };
const HIGH_ONLY = { source: ["aws.guardduty"], detail: { severity: [{ numeric: [">=", 7] }] } };
const eventRule = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::Events::Rule",
  Properties: {
    EventPattern: EVERY_FINDING,
    State: "ENABLED",
    Targets: [{ Id: "pager", Arn: { Ref: "Pager" } }],
    ...props,
  },
});
const PAGER = { Type: "AWS::SNS::Topic" };
/** A template watching its own instance. */
const watched = (ruleProps: Record<string, unknown> = {}, detector: unknown = DETECTOR): TemplateResources => ({
  Web: INSTANCE,
  Detector: detector as TemplateResources[string],
  Alerts: eventRule(ruleProps),
  Pager: PAGER,
});

const EC2 = "aws:ec2/instance:Instance";
const PROGRAM_DETECTOR = "aws:guardduty/detector:Detector";
const PROGRAM_RULE = "aws:cloudwatch/eventRule:EventRule";
const PROGRAM_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** The program's detector, a rule for every GuardDuty finding and its target, under `provider`, in `region`. */
const programWatch = (place: { provider?: string; region?: string } = {}): StackInput[] => {
  const region = place.region ? { region: place.region } : {};
  const provider = place.provider ? { provider: place.provider } : {};
  return [
    { type: PROGRAM_DETECTOR, name: "guardduty", props: { enable: true, ...region }, ...provider },
    {
      type: PROGRAM_RULE,
      name: "findings",
      props: { eventPattern: JSON.stringify(EVERY_FINDING), ...region },
      ...provider,
    },
    {
      type: PROGRAM_TARGET,
      name: "findings-target",
      props: { rule: UNKNOWN, arn: UNKNOWN, ...region },
      propertyDependencies: { rule: [urnOf(PROGRAM_RULE, "findings")] },
      ...provider,
    },
  ];
};

const YAML_WATCHED = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: ENV
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      FindingPublishingFrequency: FIFTEEN_MINUTES
  Pager:
    Type: AWS::SNS::Topic
  Alerts:
    Type: AWS::Events::Rule
    Properties:
      Name: !Sub "\${Env}-guardduty"
      State: !If [IsProd, ENABLED, DISABLED]
      EventPattern:
        source:
          - aws.guardduty
        detail:
          type:
            - prefix: "UnauthorizedAccess:"
      Targets:
        - Id: pager
          Arn: !Ref Pager
`;

describe("require-threat-detection reads CloudFormation templates", () => {
  const container = urnOf(CFN_STACK, "app");
  stackTable(rule, [
    {
      name: "template instances in a stack without any detector",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE, Worker: INSTANCE }))],
      violations: 1,
      mentions:
        "template resource Web (AWS::EC2::Instance): the stack creates compute (app/Web, app/Worker) but no GuardDuty detector",
      urn: container,
    },
    {
      name: "a template launch template in a stack without any detector",
      resources: [
        stack(
          CFN_STACK,
          cfn({ Lt: { Type: "AWS::EC2::LaunchTemplate", Properties: { LaunchTemplateData: { ImageId: "ami-1" } } } }),
        ),
      ],
      violations: 1,
      mentions: "no GuardDuty detector",
      urn: container,
    },
    {
      name: "template instances watched by the program's detector, rule and target",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE })), ...programWatch()],
      violations: 0,
    },
    {
      name: "template and program under the same provider",
      resources: [
        stack(CFN_STACK, cfn({ Web: INSTANCE }), {}, { provider: STANDBY }),
        ...programWatch({ provider: STANDBY }),
      ],
      violations: 0,
    },
    {
      name: "template under another provider than the program's detector",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE }), {}, { provider: STANDBY }), ...programWatch()],
      violations: 1,
      mentions: "no GuardDuty detector watches it (provider standby)",
      urn: container,
    },
    {
      name: "a stack in its own region, the program's detector in another",
      resources: [
        stack(CFN_STACK, cfn({ Web: INSTANCE }), { region: "eu-west-1" }),
        ...programWatch({ region: "us-east-1" }),
      ],
      violations: 1,
      mentions: "(region eu-west-1)",
      urn: container,
    },
    {
      name: "a stack in the region of the program's detector",
      resources: [
        stack(CFN_STACK, cfn({ Web: INSTANCE }), { region: "eu-west-1" }),
        ...programWatch({ region: "eu-west-1" }),
      ],
      violations: 0,
    },
    {
      name: "a stack in its own region holding its own detector and rule",
      resources: [stack(CFN_STACK, cfn(watched()), { region: "eu-west-1" }), ...programWatch({ region: "us-east-1" })],
      violations: 0,
    },
    {
      name: "a template holding its own detector and a rule for every GuardDuty finding with an inline target",
      resources: [stack(CFN_STACK, cfn(watched()))],
      violations: 0,
    },
    {
      name: "a template's detector and rule watch the program's instances too",
      resources: [
        { type: EC2, name: "web", props: { ami: "ami-1" } },
        stack(CFN_STACK, cfn({ Detector: DETECTOR, Alerts: eventRule(), Pager: PAGER })),
      ],
      violations: 0,
    },
    {
      name: "the pattern as JSON text, as the provider takes it",
      resources: [stack(CFN_STACK, cfn(watched({ EventPattern: JSON.stringify(EVERY_FINDING) })))],
      violations: 0,
    },
    {
      name: "a template rule for severity 7 and up only misses the Low brute force",
      resources: [stack(CFN_STACK, cfn(watched({ EventPattern: HIGH_ONLY })))],
      violations: 1,
      mentions:
        "template resource Alerts (AWS::Events::Rule): EventBridge rule app/Alerts has an eventPattern that misses GuardDuty findings of type UnauthorizedAccess:EC2/SSHBruteForce at severity 1.0–6.9",
      urn: container,
    },
    {
      name: "a template rule without Targets",
      resources: [stack(CFN_STACK, cfn(watched({ Targets: undefined })))],
      violations: 1,
      mentions: "has no aws.cloudwatch.EventTarget",
      urn: container,
    },
    {
      name: "a template rule with an empty Targets list",
      resources: [stack(CFN_STACK, cfn(watched({ Targets: [] })))],
      violations: 1,
      mentions: "has no aws.cloudwatch.EventTarget",
    },
    {
      name: "a template rule with State DISABLED",
      resources: [stack(CFN_STACK, cfn(watched({ State: "DISABLED" })))],
      violations: 1,
      mentions: 'has state "DISABLED"',
      urn: container,
    },
    {
      name: "a template detector with Enable false",
      resources: [stack(CFN_STACK, cfn(watched({}, { ...DETECTOR, Properties: { Enable: false } })))],
      violations: 1,
      mentions:
        "template resource Detector (AWS::GuardDuty::Detector): GuardDuty detector app/Detector has enable false",
      urn: container,
    },
    {
      name: "a template detector without a rule",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE, Detector: DETECTOR }))],
      violations: 1,
      mentions: "no EventBridge rule with a target routes GuardDuty detector app/Detector's SSH brute-force findings",
    },
    {
      name: "a template rule on a custom event bus of the template",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...watched({ EventBusName: { Ref: "Bus" } }),
            Bus: { Type: "AWS::Events::EventBus", Properties: { Name: "security" } },
          }),
        ),
      ],
      violations: 1,
      mentions: "where GuardDuty publishes no findings",
    },
    {
      name: "a template rule on the default bus named by name",
      resources: [stack(CFN_STACK, cfn(watched({ EventBusName: "default" })))],
      violations: 0,
    },
    {
      name: "a pattern whose finding type is a parameter fed by an unknown program output: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(watched({ EventPattern: { source: ["aws.guardduty"], detail: { type: [{ Ref: "FindingType" }] } } }), {
            Parameters: { FindingType: { Type: "String", Default: "UnauthorizedAccess:EC2/SSHBruteForce" } },
          }),
          { parameters: { FindingType: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same parameter left at its default routes the brute force",
      resources: [
        stack(
          CFN_STACK,
          cfn(watched({ EventPattern: { source: ["aws.guardduty"], detail: { type: [{ Ref: "FindingType" }] } } }), {
            Parameters: { FindingType: { Type: "String", Default: "UnauthorizedAccess:EC2/SSHBruteForce" } },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a pattern filtering on the account from a pseudo parameter: a note",
      resources: [
        stack(CFN_STACK, cfn(watched({ EventPattern: { ...EVERY_FINDING, account: [{ Ref: "AWS::AccountId" }] } }))),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a pattern written with Fn::Sub of the account: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(watched({ EventPattern: { ...EVERY_FINDING, account: [{ "Fn::Sub": "${AWS::AccountId}" }] } })),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a detector whose Enable is fed by an unknown program output: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(watched({}, { ...DETECTOR, Properties: { Enable: { Ref: "On" } } }), {
            Parameters: { On: { Type: "String" } },
          }),
          { parameters: { On: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a rule whose condition is undecided at preview may not be created: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { ...watched(), Alerts: { ...eventRule(), Condition: "IsProd" } },
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
      name: "Targets chosen by an undecided condition may be empty: a note",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            watched({
              Targets: { "Fn::If": ["IsProd", [{ Id: "pager", Arn: { Ref: "Pager" } }], { Ref: "AWS::NoValue" }] },
            }),
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
      name: "a program target naming the template rule by its name",
      resources: [
        stack(CFN_STACK, cfn(watched({ Name: "guardduty-findings", Targets: undefined }))),
        { type: PROGRAM_TARGET, name: "pager", props: { rule: "guardduty-findings", arn: UNKNOWN } },
      ],
      violations: 0,
    },
    {
      name: "stack set instances are not watched by the program's detector",
      resources: [stack(CFN_STACK_SET, cfn({ Web: INSTANCE })), ...programWatch()],
      violations: 1,
      mentions: "no GuardDuty detector watches it (provider stack set app's instances)",
      urn: urnOf(CFN_STACK_SET, "app"),
    },
    {
      name: "a stack set holding its own detector and rule",
      resources: [stack(CFN_STACK_SET, cfn(watched()))],
      violations: 0,
    },
    {
      name: "template instances with threat detection provided outside the stack",
      resources: [stack(CFN_STACK, cfn({ Web: INSTANCE }))],
      config: { providedExternally: true },
      violations: 0,
    },
    {
      name: "YAML short forms: a production rule enabled by !If",
      resources: [stack(CFN_STACK, YAML_WATCHED.replace("ENV", "prod"))],
      violations: 0,
    },
    {
      name: "YAML short forms: the same rule disabled outside production",
      resources: [stack(CFN_STACK, YAML_WATCHED.replace("ENV", "dev"))],
      violations: 1,
      mentions: 'has state "DISABLED"',
      urn: container,
    },
    {
      name: "YAML: a pattern written as !Sub text of the account: a note",
      resources: [
        stack(
          CFN_STACK,
          YAML_WATCHED.replace("ENV", "prod").replace(
            /EventPattern:\n(?: {8}.*\n)+/,
            `EventPattern: !Sub '{"source":["aws.guardduty"],"account":["\${AWS::AccountId}"]}'\n`,
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

const ECS = { Type: "ALIYUN::ECS::Instance", Properties: { ImageId: "ubuntu", InstanceType: "ecs.g7.large" } };
const antiBruteForce = (props: Record<string, unknown> = {}) => ({
  Type: "ALIYUN::ThreatDetection::AntiBruteForceRule",
  Properties: {
    AntiBruteForceRuleName: "ssh",
    DefaultRule: true,
    UuidList: [],
    FailCount: 5,
    Span: 10,
    ForbiddenTime: 60,
    ...props,
  },
});

describe("require-threat-detection reads ROS templates", () => {
  const container = urnOf(ROS_STACK, "app");
  stackTable(rule, [
    {
      name: "template ECS instances without any anti-brute-force rule",
      resources: [stack(ROS_STACK, ros({ Web: ECS }))],
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance): the stack creates compute (app/Web)",
      urn: container,
    },
    {
      name: "stack group instances without any anti-brute-force rule",
      resources: [stack(ROS_STACK_GROUP, ros({ Web: ECS }))],
      violations: 1,
      urn: urnOf(ROS_STACK_GROUP, "app"),
    },
    {
      name: "a template anti-brute-force rule as the default rule",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Guard: antiBruteForce() }))],
      violations: 0,
    },
    {
      name: "a template rule blocking for five minutes only",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Guard: antiBruteForce({ ForbiddenTime: 5 }) }))],
      violations: 1,
      mentions:
        "template resource Guard (ALIYUN::ThreatDetection::AntiBruteForceRule): anti-brute-force rule app/Guard",
      urn: container,
    },
    {
      name: "a template rule applied to no server",
      resources: [stack(ROS_STACK, ros({ Web: ECS, Guard: antiBruteForce({ DefaultRule: false }) }))],
      violations: 1,
      mentions: "applies to no server",
    },
    {
      name: "a template rule whose DefaultRule is fed by an unknown program output: a note",
      resources: [
        stack(
          ROS_STACK,
          ros(
            { Web: ECS, Guard: antiBruteForce({ DefaultRule: { Ref: "Default" } }) },
            { Parameters: { Default: { Type: "Boolean" } } },
          ),
          { parameters: [{ parameterKey: "Default", parameterValue: UNKNOWN }] },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the program's anti-brute-force rule covers template instances",
      resources: [
        stack(ROS_STACK, ros({ Web: ECS })),
        {
          type: "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule",
          name: "ssh",
          props: { defaultRule: true, failCount: 5, span: 10, forbiddenTime: 60 },
        },
      ],
      violations: 0,
    },
  ]);
});
