// require-vpc-flow-logs-all-traffic judges the VPCs, flow logs, log groups, buckets and log stores a raw template
// deploys as it judges the program's: linked by the references the template writes (Ref, GetAtt, parameters the
// program feeds), and findings about template VPCs land on their container.
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { runStack, UNKNOWN, urnOf } from "./harness";
import { stackTableEveryNote } from "./stack-table-every-note";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

const rule = requireVpcFlowLogsAllTraffic;

const stack = stacksNamed("net");

const VPC = { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } };
const logGroup = (retention?: unknown) => ({
  Type: "AWS::Logs::LogGroup",
  Properties: retention === undefined ? {} : { RetentionInDays: retention },
});
const flowLog = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::EC2::FlowLog",
  Properties: {
    ResourceId: { Ref: "Vpc" },
    ResourceType: "VPC",
    TrafficType: "ALL",
    LogGroupName: { Ref: "Logs" },
    DeliverLogsPermissionArn: "arn:aws:iam::111122223333:role/flow-logs",
    ...props,
  },
});
const toBucket = {
  LogDestinationType: "s3",
  LogDestination: { "Fn::GetAtt": ["Bucket", "Arn"] },
  LogGroupName: undefined,
};
const bucket = (rules?: unknown) => ({
  Type: "AWS::S3::Bucket",
  Properties: rules === undefined ? {} : { LifecycleConfiguration: { Rules: rules } },
});

/** A VPC, its flow log and a log group keeping 365 days: the template that does it right. */
const good = (): TemplateResources => ({ Vpc: VPC, Flow: flowLog(), Logs: logGroup(365) });

const YAML_GOOD = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: RETENTION
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Vpc.VpcId
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: cloud-watch-logs
      LogDestination: !GetAtt Logs.Arn
`;
const yaml = (retention: number) => YAML_GOOD.replace("RETENTION", String(retention));

const ENV = {
  Parameters: { Env: { Type: "String", Default: "dev" } },
  Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};

describe("require-vpc-flow-logs-all-traffic reads CloudFormation templates", () => {
  const container = urnOf(CFN_STACK, "net");
  stackTableEveryNote(rule, [
    {
      name: "a template VPC without a flow log",
      resources: [stack(CFN_STACK, cfn({ Vpc: VPC }))],
      violations: 1,
      mentions: "template resource Vpc (AWS::EC2::VPC): net/Vpc: no flow log on this VPC",
      urn: container,
    },
    {
      name: "a template VPC with a flow log ALL to a log group keeping 365 days",
      resources: [stack(CFN_STACK, cfn(good()))],
      violations: 0,
    },
    {
      name: "the same in a stack set",
      resources: [stack(CFN_STACK_SET, cfn(good()))],
      violations: 0,
    },
    {
      name: "a flow log of ACCEPT traffic only",
      resources: [stack(CFN_STACK, cfn({ ...good(), Flow: flowLog({ TrafficType: "ACCEPT" }) }))],
      violations: 1,
      mentions: "trafficType is ACCEPT, must be ALL",
      urn: container,
    },
    {
      name: "a log group keeping 30 days",
      resources: [stack(CFN_STACK, cfn({ ...good(), Logs: logGroup(30) }))],
      violations: 1,
      mentions: "keeps logs 30 days, fewer than 180",
    },
    {
      name: "a log group left without RetentionInDays keeps logs forever",
      resources: [stack(CFN_STACK, cfn({ ...good(), Logs: logGroup() }))],
      violations: 0,
    },
    {
      name: "a flow log on a subnet of the VPC leaves the VPC without one",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...good(),
            Sub: { Type: "AWS::EC2::Subnet", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
            Flow: flowLog({ ResourceType: "Subnet", ResourceId: { Ref: "Sub" } }),
          }),
        ),
      ],
      violations: 1,
      mentions: "no flow log on this VPC",
    },
    {
      name: "a custom LogFormat without the destination address",
      resources: [
        stack(CFN_STACK, cfn({ ...good(), Flow: flowLog({ LogFormat: "${version} ${srcaddr} ${action}" }) })),
      ],
      violations: 1,
      mentions: "logFormat leaves out ${dstaddr}",
    },
    {
      name: "a log group by literal name, declared in the template with that name",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...good(),
            Flow: flowLog({ LogGroupName: "vpc-flows" }),
            Logs: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: "vpc-flows", RetentionInDays: 14 } },
          }),
        ),
      ],
      violations: 1,
      mentions: "keeps logs 14 days",
    },
    {
      name: "a log group outside the template and the program",
      resources: [stack(CFN_STACK, cfn({ Vpc: VPC, Flow: flowLog({ LogGroupName: "elsewhere" }) }))],
      violations: 0,
      notes: 1,
      noteMentions: "log group outside the stack",
    },
    {
      name: "YAML: VPC, flow log to GetAtt Logs.Arn keeping 365 days",
      resources: [stack(CFN_STACK, yaml(365))],
      violations: 0,
    },
    { name: "YAML: the same log group keeping 30 days", resources: [stack(CFN_STACK, yaml(30))], violations: 1 },
  ]);
});

describe("S3 destinations with the bucket's inline lifecycle", () => {
  const withBucket = (rules?: unknown, flow: Record<string, unknown> = toBucket) =>
    stack(CFN_STACK, cfn({ Vpc: VPC, Flow: flowLog(flow), Bucket: bucket(rules) }));
  stackTableEveryNote(rule, [
    { name: "no lifecycle: objects kept forever", resources: [withBucket()], violations: 0 },
    {
      name: "an enabled rule expiring everything after 365 days",
      resources: [withBucket([{ Status: "Enabled", ExpirationInDays: 365 }])],
      violations: 0,
    },
    {
      name: "an enabled rule expiring everything after 30 days",
      resources: [withBucket([{ Status: "Enabled", ExpirationInDays: 30 }])],
      violations: 1,
      mentions: "keeps logs 30 days, fewer than 180",
    },
    {
      name: "the same rule disabled",
      resources: [withBucket([{ Status: "Disabled", ExpirationInDays: 30 }])],
      violations: 0,
    },
    {
      name: "a rule on a fixed ExpirationDate",
      resources: [withBucket([{ Status: "Enabled", ExpirationDate: "2030-01-01T00:00:00Z" }])],
      violations: 1,
      mentions: "expiration.date",
    },
    {
      name: "a 30-day rule limited to tagged objects, which flow logs never are",
      resources: [withBucket([{ Status: "Enabled", ExpirationInDays: 30, TagFilters: [{ Key: "tmp", Value: "1" }] }])],
      violations: 0,
    },
    {
      name: "a 30-day rule on the AWSLogs/ prefix the flow log writes under",
      resources: [withBucket([{ Status: "Enabled", ExpirationInDays: 30, Prefix: "AWSLogs/" }])],
      violations: 1,
    },
    {
      // GetAtt Bucket.Arn is the bucket itself: the logs are at its root, under AWSLogs/.
      name: "a 30-day rule on another prefix, the flow log at the bucket's root",
      resources: [withBucket([{ Status: "Enabled", ExpirationInDays: 30, Prefix: "tmp/" }])],
      violations: 0,
    },
    {
      name: "the rules unknown at preview (fed by an unknown program output)",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            {
              Vpc: VPC,
              Flow: flowLog(toBucket),
              Bucket: bucket([{ Status: "Enabled", ExpirationInDays: { Ref: "Days" } }]),
            },
            { Parameters: { Days: { Type: "Number" } } },
          ),
          { parameters: { Days: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: "retention is unknown at preview",
    },
    {
      name: "an ARN written as text names no bucket of the stack",
      resources: [
        withBucket([{ Status: "Enabled", ExpirationInDays: 365 }], {
          ...toBucket,
          LogDestination: "arn:aws:s3:::other/flows",
        }),
      ],
      violations: 0,
      notes: 1,
      noteMentions: "S3 destination outside the stack",
    },
  ]);
});

describe("conditions and parameters", () => {
  const conditional = (extra: Record<string, unknown>) =>
    cfn({ Vpc: VPC, Logs: logGroup(365), Flow: { ...flowLog(), Condition: "IsProd" } }, { ...ENV, ...extra });
  stackTableEveryNote(rule, [
    {
      name: "a flow log whose condition is false with the default: no flow log",
      resources: [stack(CFN_STACK, conditional({}))],
      violations: 1,
      mentions: "no flow log on this VPC",
    },
    {
      name: "the condition true with the parameter the program passes",
      resources: [stack(CFN_STACK, conditional({}), { parameters: { Env: "prod" } })],
      violations: 0,
    },
    {
      name: "the condition undecided at preview: the flow log may not be created, a note",
      resources: [stack(CFN_STACK, conditional({}), { parameters: { Env: UNKNOWN } })],
      violations: 0,
      notes: 1,
      noteMentions: "trafficType is unknown at preview",
    },
    {
      name: "RetentionInDays from a parameter fed by an unknown program output",
      resources: [
        stack(
          CFN_STACK,
          cfn({ ...good(), Logs: logGroup({ Ref: "Days" }) }, { Parameters: { Days: { Type: "Number" } } }),
          { parameters: { Days: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: "retention is unknown at preview",
    },
    {
      name: "RetentionInDays from a parameter's default of 30",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { ...good(), Logs: logGroup({ Ref: "Days" }) },
            { Parameters: { Days: { Type: "Number", Default: 30 } } },
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "TrafficType unknown at preview",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { ...good(), Flow: flowLog({ TrafficType: { Ref: "Traffic" } }) },
            { Parameters: { Traffic: { Type: "String" } } },
          ),
          { parameters: { Traffic: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: "trafficType is unknown at preview",
    },
  ]);
});

describe("links between template and program resources", () => {
  const programVpc = { type: "aws:ec2/vpc:Vpc", name: "main", props: { cidrBlock: "10.1.0.0/16" } };
  const vpcUrn = urnOf("aws:ec2/vpc:Vpc", "main");
  const fedFlowLog = (traffic: string) =>
    stack(
      CFN_STACK,
      cfn(
        { Logs: logGroup(365), Flow: flowLog({ ResourceId: { Ref: "VpcId" }, TrafficType: traffic }) },
        { Parameters: { VpcId: { Type: "AWS::EC2::VPC::Id" } } },
      ),
      { parameters: { VpcId: UNKNOWN } },
      { propertyDependencies: { parameters: [vpcUrn] } },
    );
  stackTableEveryNote(rule, [
    {
      name: "a template flow log ALL on a program VPC fed through a parameter",
      resources: [programVpc, fedFlowLog("ALL")],
      violations: 0,
    },
    {
      name: "the same flow log of REJECT traffic only: the program VPC is flagged",
      resources: [programVpc, fedFlowLog("REJECT")],
      violations: 1,
      urn: vpcUrn,
      mentions: "trafficType is REJECT",
    },
    {
      name: "the program VPC alone",
      resources: [programVpc],
      violations: 1,
      urn: vpcUrn,
    },
    {
      name: "a program flow log to a template log group (ids known after deployment)",
      resources: [
        programVpc,
        stack(
          CFN_STACK,
          cfn({ Logs: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: "flows", RetentionInDays: 7 } } }),
        ),
        {
          type: "aws:ec2/flowLog:FlowLog",
          name: "fl",
          props: { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "cloud-watch-logs", logGroupName: "flows" },
          propertyDependencies: { vpcId: [vpcUrn] },
        },
      ],
      violations: 1,
      mentions: "keeps logs 7 days",
    },
  ]);

  it("names each template VPC of two containers apart, on its own container", async () => {
    const ds = await runStack(rule, [
      stack(CFN_STACK, cfn({ Vpc: VPC })),
      { ...stack(CFN_STACK, cfn(good())), name: "other" },
    ]);
    expect(ds.map((d) => d.urn)).toEqual([urnOf(CFN_STACK, "net")]);
  });
});

const ROS_VPC = { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/8" } };
const rosFlowLog = (props: Record<string, unknown> = {}) => ({
  Type: "ALIYUN::VPC::FlowLog",
  Properties: {
    ResourceType: "VPC",
    ResourceId: { Ref: "Vpc" },
    TrafficType: "All",
    ProjectName: "audit",
    LogStoreName: { "Fn::GetAtt": ["Store", "LogstoreName"] },
    ...props,
  },
});
const logstore = (props: Record<string, unknown> = {}) => ({
  Type: "ALIYUN::SLS::Logstore",
  Properties: { ProjectName: "audit", LogstoreName: "flows", ...props },
});

const ROS_YAML = `ROSTemplateFormatVersion: "2015-09-01"
Resources:
  Vpc:
    Type: ALIYUN::ECS::VPC
    Properties:
      CidrBlock: 10.0.0.0/8
  Store:
    Type: ALIYUN::SLS::Logstore
    Properties:
      ProjectName: audit
      LogstoreName: flows
      TTL: DAYS
  Flow:
    Type: ALIYUN::VPC::FlowLog
    Properties:
      ResourceType: VPC
      ResourceId: !GetAtt Vpc.VpcId
      TrafficType: All
      ProjectName: audit
      LogStoreName: flows
`;

describe("require-vpc-flow-logs-all-traffic reads ROS templates", () => {
  const container = urnOf(ROS_STACK, "net");
  stackTableEveryNote(rule, [
    {
      name: "a ROS VPC without a flow log",
      resources: [stack(ROS_STACK, ros({ Vpc: ROS_VPC }))],
      violations: 1,
      mentions: "template resource Vpc (ALIYUN::ECS::VPC): net/Vpc: no flow log on this VPC",
      urn: container,
    },
    {
      name: "a flow log All to a log store keeping 365 days",
      resources: [stack(ROS_STACK, ros({ Vpc: ROS_VPC, Flow: rosFlowLog(), Store: logstore({ TTL: 365 }) }))],
      violations: 0,
    },
    {
      name: "the same in a stack group",
      resources: [stack(ROS_STACK_GROUP, ros({ Vpc: ROS_VPC, Flow: rosFlowLog(), Store: logstore({ TTL: 365 }) }))],
      violations: 0,
    },
    {
      name: "a log store left at the default TTL of 30 days",
      resources: [stack(ROS_STACK, ros({ Vpc: ROS_VPC, Flow: rosFlowLog(), Store: logstore() }))],
      violations: 1,
      mentions: "keeps logs 30 days",
    },
    {
      name: "a log store with TTL 30 but PreserveStorage true keeps logs forever",
      resources: [
        stack(
          ROS_STACK,
          ros({ Vpc: ROS_VPC, Flow: rosFlowLog(), Store: logstore({ TTL: 30, PreserveStorage: true }) }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a flow log of dropped traffic only",
      resources: [
        stack(
          ROS_STACK,
          ros({ Vpc: ROS_VPC, Flow: rosFlowLog({ TrafficType: "Drop" }), Store: logstore({ TTL: 365 }) }),
        ),
      ],
      violations: 1,
      mentions: "trafficType is Drop, must be All",
    },
    {
      name: "a flow log on a vSwitch only",
      resources: [
        stack(
          ROS_STACK,
          ros({
            Vpc: ROS_VPC,
            Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.0.0/24" } },
            Flow: rosFlowLog({ ResourceType: "VSwitch", ResourceId: { Ref: "Vsw" } }),
            Store: logstore({ TTL: 365 }),
          }),
        ),
      ],
      violations: 1,
      mentions: "no flow log on this VPC",
    },
    {
      name: "an IPv6 VPC whose flow log collects IPv4 only",
      resources: [
        stack(
          ROS_STACK,
          ros({
            Vpc: { ...ROS_VPC, Properties: { ...ROS_VPC.Properties, EnableIpv6: true } },
            Flow: rosFlowLog(),
            Store: logstore({ TTL: 365 }),
          }),
        ),
      ],
      violations: 1,
      mentions: "enables IPv6",
    },
    {
      name: "TTL from a parameter fed by an unknown program output",
      resources: [
        stack(
          ROS_STACK,
          ros(
            { Vpc: ROS_VPC, Flow: rosFlowLog(), Store: logstore({ TTL: { Ref: "Ttl" } }) },
            { Parameters: { Ttl: { Type: "Number" } } },
          ),
          { parameters: [{ parameterKey: "Ttl", parameterValue: UNKNOWN }] },
        ),
      ],
      violations: 0,
      notes: 1,
      noteMentions: "log store net/Store retention is unknown at preview",
    },
    {
      name: "YAML: flow log to a log store keeping 365 days, by name",
      resources: [stack(ROS_STACK, ROS_YAML.replace("DAYS", "365"))],
      violations: 0,
    },
    {
      name: "YAML: the same store keeping 90 days",
      resources: [stack(ROS_STACK, ROS_YAML.replace("DAYS", "90"))],
      violations: 1,
    },
  ]);
});

describe("a ROS flow log on a program VPC fed through a parameter", () => {
  const programVpc = { type: "alicloud:vpc/network:Network", name: "main", props: { cidrBlock: "10.2.0.0/16" } };
  const vpcUrn = urnOf("alicloud:vpc/network:Network", "main");
  const fed = (traffic: string) =>
    stack(
      ROS_STACK,
      ros(
        { Flow: rosFlowLog({ ResourceId: { Ref: "VpcId" }, TrafficType: traffic }), Store: logstore({ TTL: 365 }) },
        { Parameters: { VpcId: { Type: "String" } } },
      ),
      { parameters: [{ parameterKey: "VpcId", parameterValue: UNKNOWN }] },
      { propertyDependencies: { parameters: [vpcUrn] } },
    );
  stackTableEveryNote(rule, [
    { name: "All traffic to a log store keeping 365 days", resources: [programVpc, fed("All")], violations: 0 },
    {
      name: "accepted traffic only: the program VPC is flagged",
      resources: [programVpc, fed("Allow")],
      violations: 1,
      urn: vpcUrn,
      mentions: "trafficType is Allow",
    },
  ]);
});
