// Template auto scaling groups are hosts of the network model (CloudFormation groups launched from a launch template,
// a mixed instances policy's template or a launch configuration, ROS scaling groups with their configurations); template properties fed by
// program outputs unknown at preview link to the program resource the container's `parameters` dependencies name;
// nested stacks are said, one note each, never passed silently.
import { computeExposures } from "../../engine/exposures";
import type { PlannedResource } from "../../engine/model";
import { withTemplateResources } from "../../policies/lib/templates/template-stack-resources";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { Case, run, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import {
  CFN_STACK,
  CFN_STACK_SET,
  cfnJson,
  cfnNetwork,
  ROS_STACK,
  ROS_STACK_GROUP,
  rosJson,
  rule,
} from "./templates-fixtures";

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const cfn = (resources: Resources, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Parameters: parameters, Resources: resources });
const ros = (resources: Resources, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", Parameters: parameters, Resources: resources });

const container = (type: string, templateBody: string, extra: Partial<StackInput> = {}): StackInput => ({
  type,
  name: "app",
  props: { templateBody, ...(extra.props ?? {}) },
  ...(extra.propertyDependencies ? { propertyDependencies: extra.propertyDependencies } : {}),
});

const ssh = (cidr: unknown, extra: Record<string, unknown> = {}) => ({
  IpProtocol: "tcp",
  FromPort: 22,
  ToPort: 22,
  CidrIp: cidr,
  ...extra,
});
const cfnGroup = (...ingress: unknown[]) => ({
  Type: "AWS::EC2::SecurityGroup",
  Properties: { GroupDescription: "web", SecurityGroupIngress: ingress },
});

const launchTemplate = (data: Record<string, unknown> = {}) => ({
  Type: "AWS::EC2::LaunchTemplate",
  Properties: {
    LaunchTemplateName: "web-lt",
    LaunchTemplateData: { ImageId: "ami-1", SecurityGroupIds: [{ Ref: "WebSg" }], ...data },
  },
});
const byId = { LaunchTemplateId: { Ref: "Lt" }, Version: { "Fn::GetAtt": ["Lt", "LatestVersionNumber"] } };
const asg = (props: Record<string, unknown>) => ({
  Type: "AWS::AutoScaling::AutoScalingGroup",
  Properties: { MinSize: "1", MaxSize: "2", VPCZoneIdentifier: [{ Ref: "Public" }], ...props },
});

/** A group open or narrow, a template, and an auto scaling group launched from it in a subnet of the network. */
const cfnAsg = (
  opts: {
    cidr?: unknown;
    mapPublic?: unknown;
    group?: Record<string, unknown>;
    data?: Record<string, unknown>;
    parameters?: Record<string, unknown>;
  } = {},
) =>
  cfn(
    {
      ...cfnNetwork(opts.mapPublic ?? true),
      WebSg: cfnGroup(ssh(opts.cidr ?? "0.0.0.0/0")),
      Lt: launchTemplate(opts.data),
      Asg: asg(opts.group ?? { LaunchTemplate: byId }),
    },
    opts.parameters,
  );

const adminPorts = disallowInternetAdminPortsExceptBastions;

describe("CloudFormation auto scaling groups are hosts", () => {
  stackTable(adminPorts, [
    {
      name: "launched from a template (by id) whose group opens SSH to 0.0.0.0/0, in a public subnet",
      resources: [container(CFN_STACK, cfnAsg())],
      violations: 1,
      mentions: "template resource Asg (AWS::AutoScaling::AutoScalingGroup): app/Asg: tcp/22",
      urn: urnOf(CFN_STACK, "app"),
    },
    {
      name: "its twin admitting only 10.0.0.0/8",
      resources: [container(CFN_STACK, cfnAsg({ cidr: "10.0.0.0/8" }))],
      violations: 0,
    },
    {
      name: "a subnet outside the stack, by id",
      resources: [container(CFN_STACK, cfnAsg({ group: { LaunchTemplate: byId, VPCZoneIdentifier: ["x"] } }))],
      // A subnet id outside the stack: the model cannot say it is public.
      violations: 0,
    },
    {
      name: "the private subnet of the template",
      resources: [
        container(CFN_STACK, cfnAsg({ group: { LaunchTemplate: byId, VPCZoneIdentifier: [{ Ref: "Private" }] } })),
      ],
      violations: 0,
    },
    {
      name: "the template named by LaunchTemplateName, in a stack set",
      resources: [
        container(
          CFN_STACK_SET,
          cfnAsg({ group: { LaunchTemplate: { LaunchTemplateName: "web-lt", Version: "$Latest" } } }),
        ),
      ],
      violations: 1,
      urn: urnOf(CFN_STACK_SET, "app"),
    },
    {
      name: "a mixed instances policy's launch template",
      resources: [
        container(
          CFN_STACK,
          cfnAsg({
            group: {
              MixedInstancesPolicy: {
                LaunchTemplate: {
                  LaunchTemplateSpecification: byId,
                  Overrides: [{ InstanceType: "t3.micro" }, { InstanceType: "t3a.micro" }],
                },
              },
            },
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "a subnet that maps no public address, the template's interface asking for one",
      resources: [
        container(
          CFN_STACK,
          cfnAsg({
            mapPublic: false,
            data: {
              SecurityGroupIds: undefined,
              NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: [{ Ref: "WebSg" }] }],
            },
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "the same interface refusing a public address",
      resources: [
        container(
          CFN_STACK,
          cfnAsg({
            data: {
              SecurityGroupIds: undefined,
              NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [{ Ref: "WebSg" }] }],
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "every protocol (-1) from the internet: both administration ports",
      resources: [
        container(CFN_STACK, cfnAsg({ cidr: "0.0.0.0/0" }).replace('"IpProtocol":"tcp"', '"IpProtocol":"-1"')),
      ],
      violations: 5,
    },
    {
      name: "a port range 20-30 in a separate ingress resource",
      resources: [
        container(
          CFN_STACK,
          cfn({
            ...cfnNetwork(true),
            WebSg: cfnGroup(),
            Ssh: {
              Type: "AWS::EC2::SecurityGroupIngress",
              Properties: { GroupId: { Ref: "WebSg" }, ...ssh("0.0.0.0/0", { FromPort: 20, ToPort: 30 }) },
            },
            Lt: launchTemplate(),
            Asg: asg({ LaunchTemplate: byId }),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "subnets unknown at preview with no program source: the default VPC's, which map public addresses",
      resources: [
        container(
          CFN_STACK,
          cfnAsg({
            group: { LaunchTemplate: byId, VPCZoneIdentifier: { Ref: "Subnets" } },
            parameters: { Subnets: { Type: "List<AWS::EC2::Subnet::Id>" } },
          }),
          {
            props: { parameters: { Subnets: UNKNOWN } },
          },
        ),
      ],
      violations: 1,
    },
    {
      name: "the template's version unknown at preview still names the template",
      resources: [
        container(
          CFN_STACK,
          cfnAsg({
            group: { LaunchTemplate: { LaunchTemplateId: { Ref: "Lt" }, Version: { Ref: "Version" } } },
            parameters: { Version: { Type: "String" } },
          }),
          { props: { parameters: { Version: UNKNOWN } } },
        ),
      ],
      violations: 1,
    },
  ]);

  it("the placed group carries what the model reads: template, subnets, balancers, tags", () => {
    const body = cfn({
      ...cfnNetwork(true),
      Lc: { Type: "AWS::AutoScaling::LaunchConfiguration", Properties: { ImageId: "ami-1", SecurityGroups: ["sg-1"] } },
      Asg: asg({
        LaunchConfigurationName: { Ref: "Lc" },
        TargetGroupARNs: ["arn:tg"],
        Tags: [{ Key: "team", Value: "web", PropagateAtLaunch: true }],
      }),
    });
    const app = urnOf(CFN_STACK, "app");
    const { resources } = withTemplateResources([
      {
        urn: app,
        type: CFN_STACK,
        name: "app",
        inputs: { templateBody: body },
        propertyDependencies: {},
        dependencies: [],
      },
    ]);
    const group = resources.find((r) => r.name === "app/Asg");
    expect(group?.type).toBe("aws:autoscaling/group:Group");
    expect(group?.inputs).toMatchObject({
      launchConfiguration: `template:${app}/Lc`,
      vpcZoneIdentifiers: [`template:${app}/Public`],
      targetGroupArns: ["arn:tg"],
      tags: [{ key: "team", value: "web", propagateAtLaunch: true }],
    });
  });
});

describe("CloudFormation auto scaling groups launched from a launch configuration are hosts", () => {
  /** A group open or narrow, a launch configuration naming it, and an auto scaling group in the public subnet. */
  const cfnLcAsg = (cidr: string, lcProps: Record<string, unknown> = {}) =>
    cfn({
      ...cfnNetwork(true),
      WebSg: cfnGroup(ssh(cidr)),
      Lc: {
        Type: "AWS::AutoScaling::LaunchConfiguration",
        Properties: { ImageId: "ami-1", SecurityGroups: [{ Ref: "WebSg" }], ...lcProps },
      },
      Asg: asg({ LaunchConfigurationName: { Ref: "Lc" } }),
    });

  stackTable(adminPorts, [
    { name: "SSH open to the internet", resources: [container(CFN_STACK, cfnLcAsg("0.0.0.0/0"))], violations: 1 },
    {
      name: "SSH from private addresses only",
      resources: [container(CFN_STACK, cfnLcAsg("10.0.0.0/8"))],
      violations: 0,
    },
    {
      name: "the configuration refusing a public address in a subnet that maps one",
      resources: [container(CFN_STACK, cfnLcAsg("0.0.0.0/0", { AssociatePublicIpAddress: false }))],
      violations: 0,
    },
    {
      name: "the configuration's address choice unknown at preview: public",
      resources: [
        container(
          CFN_STACK,
          cfnLcAsg("0.0.0.0/0", { AssociatePublicIpAddress: { Ref: "Public" } }).replace(
            '"Parameters":{}',
            '"Parameters":{"Public":{"Type":"String"}}',
          ),
          { props: { parameters: { Public: UNKNOWN } } },
        ),
      ],
      violations: 1,
    },
  ]);
});

describe("ROS scaling groups and their configurations are hosts", () => {
  const rosGroup = (cidr: string) => ({
    Type: "ALIYUN::ECS::SecurityGroup",
    Properties: {
      VpcId: { Ref: "Vpc" },
      SecurityGroupIngress: [{ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: cidr }],
    },
  });
  const body = (opts: { cidr?: string; config?: Record<string, unknown>; group?: Record<string, unknown> } = {}) =>
    ros(
      {
        Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
        Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
        WebSg: rosGroup(opts.cidr ?? "0.0.0.0/0"),
        Group: {
          Type: "ALIYUN::ESS::ScalingGroup",
          Properties: { MinSize: 1, MaxSize: 2, VSwitchIds: [{ Ref: "Vsw" }], ...opts.group },
        },
        Config: {
          Type: "ALIYUN::ESS::ScalingConfiguration",
          Properties: {
            ScalingGroupId: { Ref: "Group" },
            ImageId: "ubuntu",
            SecurityGroupIds: [{ "Fn::GetAtt": ["WebSg", "SecurityGroupId"] }],
            InternetMaxBandwidthOut: 5,
            ...opts.config,
          },
        },
      },
      { Bandwidth: { Type: "Number" } },
    );
  stackTable(adminPorts, [
    {
      name: "public bandwidth, groups as a list, vSwitches as a list",
      resources: [container(ROS_STACK, body())],
      violations: 1,
      mentions: "template resource Config (ALIYUN::ESS::ScalingConfiguration)",
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "its twin admitting only 10.0.0.0/8, in a stack group",
      resources: [container(ROS_STACK_GROUP, body({ cidr: "10.0.0.0/8" }))],
      violations: 0,
    },
    {
      name: "bandwidth 0",
      resources: [container(ROS_STACK, body({ config: { InternetMaxBandwidthOut: 0 } }))],
      violations: 0,
    },
    {
      name: "no bandwidth: a scaling configuration's default is none",
      resources: [container(ROS_STACK, body({ config: { InternetMaxBandwidthOut: undefined } }))],
      violations: 0,
    },
    {
      name: "bandwidth unknown at preview may give a public address: a note",
      resources: [
        container(ROS_STACK, body({ config: { InternetMaxBandwidthOut: { Ref: "Bandwidth" } } }), {
          props: { parameters: [{ parameterKey: "Bandwidth", parameterValue: UNKNOWN }] },
        }),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("a ROS scaling group carries what the model reads", () => {
  it("its vSwitches and the balancers it registers with", () => {
    const body = ros({
      Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { CidrBlock: "10.0.1.0/24" } },
      Group: {
        Type: "ALIYUN::ESS::ScalingGroup",
        Properties: { VSwitchId: { Ref: "Vsw" }, VSwitchIds: ["vsw-2"], LoadBalancerIds: ["lb-1"] },
      },
    });
    const app = urnOf(ROS_STACK, "app");
    const { resources } = withTemplateResources([
      {
        urn: app,
        type: ROS_STACK,
        name: "app",
        inputs: { templateBody: body },
        propertyDependencies: {},
        dependencies: [],
      },
    ]);
    expect(resources.find((r) => r.name === "app/Group")?.inputs).toMatchObject({
      vswitchIds: [`template:${app}/Vsw`, "vsw-2"],
      loadbalancerIds: ["lb-1"],
    });
  });
});

describe("template properties fed by program outputs link to the program resource", () => {
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const SUBNET = "aws:ec2/subnet:Subnet";
  const programGroup = (name: string, cidr: string): StackInput => ({
    type: SG,
    name,
    props: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }] },
  });
  const webParams = { WebSg: { Type: "AWS::EC2::SecurityGroup::Id" } };
  const instanceBody = (props: Record<string, unknown>, parameters: Record<string, unknown> = webParams) =>
    cfn(
      {
        ...cfnNetwork(true),
        Web: {
          Type: "AWS::EC2::Instance",
          Properties: { ImageId: "ami-1", SubnetId: { Ref: "Public" }, SecurityGroupIds: [{ Ref: "WebSg" }], ...props },
        },
      },
      parameters,
    );
  const fed = (body: string, params: Record<string, unknown>, sources: string[], type = CFN_STACK) =>
    container(type, body, {
      props: { parameters: params },
      propertyDependencies: { parameters: sources },
    });
  const sgUrn = (name: string) => urnOf(SG, name);

  stackTable(adminPorts, [
    {
      name: "a program group opening 22 to 0.0.0.0/0, passed as a parameter, on a template instance in a public subnet",
      resources: [programGroup("admin", "0.0.0.0/0"), fed(instanceBody({}), { WebSg: UNKNOWN }, [sgUrn("admin")])],
      violations: 1,
      mentions: "template resource Web (AWS::EC2::Instance)",
    },
    {
      name: "a narrow program group",
      resources: [programGroup("admin", "10.0.0.0/8"), fed(instanceBody({}), { WebSg: UNKNOWN }, [sgUrn("admin")])],
      violations: 0,
    },
    {
      name: "the value known (an existing group's id): no program resource is named",
      resources: [programGroup("admin", "0.0.0.0/0"), fed(instanceBody({}), { WebSg: "sg-0abc" }, [])],
      violations: 0,
    },
    {
      name: "the whole parameters map unknown at preview",
      resources: [programGroup("admin", "0.0.0.0/0"), fed(instanceBody({}), UNKNOWN as never, [sgUrn("admin")])],
      violations: 1,
    },
    {
      name: "a List<SecurityGroup::Id> parameter given whole",
      resources: [
        programGroup("admin", "0.0.0.0/0"),
        fed(
          instanceBody(
            { SecurityGroupIds: { Ref: "WebSg" } },
            { WebSg: { Type: "List<AWS::EC2::SecurityGroup::Id>" } },
          ),
          { WebSg: UNKNOWN },
          [sgUrn("admin")],
        ),
      ],
      violations: 1,
    },
    {
      name: "in a launch template's interface, for an auto scaling group",
      resources: [
        programGroup("admin", "0.0.0.0/0"),
        fed(
          cfn(
            {
              ...cfnNetwork(true),
              Lt: launchTemplate({
                SecurityGroupIds: undefined,
                NetworkInterfaces: [{ DeviceIndex: 0, Groups: [{ Ref: "WebSg" }] }],
              }),
              Asg: asg({ LaunchTemplate: byId }),
            },
            webParams,
          ),
          { WebSg: UNKNOWN },
          [sgUrn("admin")],
        ),
      ],
      violations: 1,
      mentions: "template resource Asg",
    },
    {
      name: "joined into other text it names no group",
      resources: [
        programGroup("admin", "0.0.0.0/0"),
        fed(instanceBody({ SecurityGroupIds: [{ "Fn::Join": ["", ["sg-", { Ref: "WebSg" }]] }] }), { WebSg: UNKNOWN }, [
          sgUrn("admin"),
        ]),
      ],
      violations: 0,
    },
    {
      name: "two candidate groups for a list of groups: the model keeps both, as for a program instance",
      resources: [
        programGroup("admin", "0.0.0.0/0"),
        programGroup("narrow", "10.0.0.0/8"),
        fed(instanceBody({}), { WebSg: UNKNOWN }, [sgUrn("admin"), sgUrn("narrow")]),
      ],
      violations: 1,
    },
  ]);

  const programNetwork: StackInput[] = [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", props: {}, propertyDependencies: {} },
    {
      type: "aws:ec2/route:Route",
      name: "default",
      props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN },
      propertyDependencies: {
        routeTableId: [urnOf("aws:ec2/routeTable:RouteTable", "rt")],
        gatewayId: [urnOf("aws:ec2/internetGateway:InternetGateway", "igw")],
      },
    },
    {
      type: "aws:ec2/routeTable:RouteTable",
      name: "rt",
      props: { vpcId: UNKNOWN },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")] },
    },
    ...["public-a", "public-b"].map((name) => ({
      type: SUBNET,
      name,
      props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: true },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")] },
    })),
    ...["public-a", "public-b"].map((name) => ({
      type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
      name: `${name}-rt`,
      props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
      propertyDependencies: {
        subnetId: [urnOf(SUBNET, name)],
        routeTableId: [urnOf("aws:ec2/routeTable:RouteTable", "rt")],
      },
    })),
  ];
  const subnetBody = cfn(
    {
      WebSg: cfnGroup(ssh("0.0.0.0/0")),
      Web: {
        Type: "AWS::EC2::Instance",
        Properties: { ImageId: "ami-1", SubnetId: { Ref: "Net" }, SecurityGroupIds: [{ Ref: "WebSg" }] },
      },
    },
    { Net: { Type: "AWS::EC2::Subnet::Id" } },
  );
  stackTable(adminPorts, [
    {
      name: "one program subnet, public, passed as the SubnetId parameter",
      resources: [...programNetwork, fed(subnetBody, { Net: UNKNOWN }, [urnOf(SUBNET, "public-a")])],
      violations: 1,
      mentions: "subnet:public-a",
    },
    {
      name: "two candidate subnets for one SubnetId: unlinked, as the model leaves any such reference",
      resources: [
        ...programNetwork,
        fed(subnetBody, { Net: UNKNOWN }, [urnOf(SUBNET, "public-a"), urnOf(SUBNET, "public-b")]),
      ],
      violations: 0,
    },
    {
      name: "a group and a subnet among the sources: each field keeps the one of its type",
      resources: [
        ...programNetwork,
        programGroup("admin", "0.0.0.0/0"),
        fed(
          cfn(
            {
              Web: {
                Type: "AWS::EC2::Instance",
                Properties: { SubnetId: { Ref: "Net" }, SecurityGroupIds: [{ Ref: "WebSg" }] },
              },
            },
            { Net: { Type: "String" }, WebSg: { Type: "String" } },
          ),
          { Net: UNKNOWN, WebSg: UNKNOWN },
          [urnOf(SUBNET, "public-a"), sgUrn("admin")],
        ),
      ],
      violations: 1,
    },
  ]);

  describe("ROS", () => {
    const ALI_SG = "alicloud:ecs/securityGroup:SecurityGroup";
    const programAliGroup = (cidr: string): StackInput[] => [
      { type: ALI_SG, name: "ops", props: { vpcId: "vpc-1" } },
      {
        type: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
        name: "ops-ssh",
        props: { type: "ingress", ipProtocol: "tcp", portRange: "22/22", cidrIp: cidr, securityGroupId: UNKNOWN },
        propertyDependencies: { securityGroupId: [urnOf(ALI_SG, "ops")] },
      },
    ];
    const body = ros(
      {
        Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
        Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
        Web: {
          Type: "ALIYUN::ECS::Instance",
          Properties: {
            ImageId: "ubuntu",
            VSwitchId: { Ref: "Vsw" },
            SecurityGroupId: { Ref: "Sg" },
            InternetMaxBandwidthOut: 5,
          },
        },
      },
      { Sg: { Type: "String" } },
    );
    const params = [{ parameterKey: "Sg", parameterValue: UNKNOWN }];
    stackTable(adminPorts, [
      {
        name: "a program group opening 22 to 0.0.0.0/0 passed as SecurityGroupId",
        resources: [...programAliGroup("0.0.0.0/0"), fed(body, params as never, [urnOf(ALI_SG, "ops")], ROS_STACK)],
        violations: 1,
        urn: urnOf(ROS_STACK, "app"),
      },
      {
        name: "a narrow program group",
        resources: [...programAliGroup("10.0.0.0/8"), fed(body, params as never, [urnOf(ALI_SG, "ops")], ROS_STACK)],
        violations: 0,
      },
    ]);
  });

  it("the exposure table names the template host behind the program group", () => {
    const planned = (r: StackInput): PlannedResource => ({
      urn: urnOf(r.type, r.name),
      type: r.type,
      name: r.name,
      parent: "urn:pulumi:test::hardening-kit::pulumi:pulumi:Stack::kit-test",
      inputs: r.props,
      dependencies: [],
      propertyDependencies: r.propertyDependencies ?? {},
    });
    const rows = computeExposures(
      [programGroup("admin", "0.0.0.0/0"), fed(instanceBody({}), { WebSg: UNKNOWN }, [sgUrn("admin")])].map(planned),
    );
    expect(rows.map((r) => [r.resourceName, r.ports, r.sources])).toEqual([["app/Web", "22", ["0.0.0.0/0"]]]);
    expect(rows[0].path).toContain("sg:admin rule");
  });
});

describe("nested stacks inside a template are said, one note each", () => {
  const adminPortsRule = rule("disallow-internet-admin-ports");
  const nested = { Type: "AWS::CloudFormation::Stack", Properties: { TemplateURL: "https://example.com/t.json" } };
  const rosNested = { Type: "ALIYUN::ROS::Stack", Properties: { TemplateURL: "oss://bucket/t.json" } };
  const openGroup = cfnGroup(ssh("0.0.0.0/0"));
  const cases: Case[] = [
    {
      name: "a CloudFormation nested stack",
      type: CFN_STACK,
      props: { templateBody: cfn({ Child: nested }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "two nested stacks: a note for each",
      type: CFN_STACK,
      props: { templateBody: cfn({ A: nested, B: nested }) },
      violations: 0,
      notes: 2,
    },
    {
      name: "a nested stack beside an open group: the group is still judged",
      type: CFN_STACK_SET,
      props: { templateBody: cfn({ Child: nested, WebSg: openGroup }) },
      violations: 1,
      notes: 1,
    },
    {
      name: "an ROS nested stack",
      type: ROS_STACK,
      props: { templateBody: ros({ Child: rosNested }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "an ROS nested stack in a stack group",
      type: ROS_STACK_GROUP,
      props: { templateBody: rosJson("ALIYUN::ROS::Stack", { TemplateURL: "oss://b/t" }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "no nested stack, nothing to say",
      type: CFN_STACK,
      props: { templateBody: cfnJson("AWS::EC2::SecurityGroup", { GroupDescription: "g" }) },
      violations: 0,
    },
  ];
  table(adminPortsRule, cases);

  it("the note names the nested stack and uses the unreadable-template wording", async () => {
    const ds = await run(adminPortsRule, CFN_STACK, { templateBody: cfn({ Child: nested }) });
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^cannot be verified at preview: the CloudFormation stack's template: Child \(AWS::CloudFormation::Stack\) deploys a nested template/,
      ),
    ]);
  });
});
