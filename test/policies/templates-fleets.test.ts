// Raw templates' spot fleets, EC2 Fleets, EMR clusters and mixed instances auto scaling groups are hosts of the
// network model, and their Instance Connect Endpoints are bastion paths, as the same resources written in the program.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, cfnNetwork, TemplateResources } from "./templates-fixtures";

const container = stacksNamed("app");
const APP = urnOf(CFN_STACK, "app");

const ssh = (from: Record<string, unknown>) => ({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, ...from });
const group = (...ingress: unknown[]) => ({
  Type: "AWS::EC2::SecurityGroup",
  Properties: { GroupDescription: "g", VpcId: { Ref: "Vpc" }, SecurityGroupIngress: ingress },
});
const OPEN = group(ssh({ CidrIp: "0.0.0.0/0" }));
const groupId = (id: string) => ({ "Fn::GetAtt": [id, "GroupId"] });

/** The network (its `Public` subnet mapping public addresses or not), an SSH group `Sg`, and `more`. */
const body = (more: TemplateResources, opts: { mapPublic?: boolean; sg?: TemplateResources[string] } = {}) =>
  cfn({ ...cfnNetwork(opts.mapPublic ?? true), Sg: opts.sg ?? OPEN, ...more });

const spotFleet = (data: Record<string, unknown>) => ({
  Type: "AWS::EC2::SpotFleet",
  Properties: {
    SpotFleetRequestConfigData: { IamFleetRole: "arn:aws:iam::1:role/fleet", TargetCapacity: 2, ...data },
  },
});
const spec = (more: Record<string, unknown>) => ({ ImageId: "ami-1", InstanceType: "t3.micro", ...more });

/** A launch template whose primary interface asks for a public address and carries `Sg`. */
const publicTemplate = {
  Type: "AWS::EC2::LaunchTemplate",
  Properties: {
    LaunchTemplateData: {
      ImageId: "ami-1",
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: [groupId("Sg")] }],
    },
  },
};
const byId = { LaunchTemplateId: { Ref: "Lt" }, Version: { "Fn::GetAtt": ["Lt", "LatestVersionNumber"] } };
const ec2Fleet = (configs: unknown) => ({
  Type: "AWS::EC2::EC2Fleet",
  Properties: { LaunchTemplateConfigs: configs, TargetCapacitySpecification: { TotalTargetCapacity: 1 } },
});

const aclEntry = (ruleNumber: number, action: string, more: Record<string, unknown>) => ({
  Type: "AWS::EC2::NetworkAclEntry",
  Properties: {
    NetworkAclId: { Ref: "Acl" },
    RuleNumber: ruleNumber,
    RuleAction: action,
    CidrBlock: "0.0.0.0/0",
    ...more,
  },
});

const emr = (instances: Record<string, unknown>) => ({
  Type: "AWS::EMR::Cluster",
  Properties: {
    Name: "analytics",
    ReleaseLabel: "emr-7.0.0",
    JobFlowRole: "EMR_EC2_DefaultRole",
    ServiceRole: "EMR_DefaultRole",
    Instances: {
      EmrManagedMasterSecurityGroup: { Ref: "Master" },
      EmrManagedSlaveSecurityGroup: { Ref: "Core" },
      ...instances,
    },
  },
});
const emrGroups = { Master: group(), Core: group() };

const mixedAsg = (subnet: string, template: Record<string, unknown>) => ({
  Type: "AWS::AutoScaling::AutoScalingGroup",
  Properties: {
    MinSize: "1",
    MaxSize: "2",
    VPCZoneIdentifier: [{ Ref: subnet }],
    MixedInstancesPolicy: { LaunchTemplate: template },
  },
});

const YAML_SPOT_FLEET = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "\${AWS::StackName} fleet"
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 20
          ToPort: 30
          CidrIpv6: ::/0
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Join ["/", ["0.0.0.0", "0"]]
  Fleet:
    Type: AWS::EC2::SpotFleet
    Properties:
      SpotFleetRequestConfigData:
        IamFleetRole: arn:aws:iam::1:role/fleet
        TargetCapacity: 1
        LaunchSpecifications:
          - ImageId: ami-1
            InstanceType: t3.micro
            SecurityGroups:
              - GroupId: !GetAtt Sg.GroupId
`;

const YAML_EMR = (subnet: string) => `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Default:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Public:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Public, RouteTableId: !Ref Rt }
  Private:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  Master:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: master, VpcId: !Ref Vpc }
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: "-1", CidrIp: 0.0.0.0/0 }
  Cluster:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      JobFlowRole: EMR_EC2_DefaultRole
      ServiceRole: EMR_DefaultRole
      Instances:
        Ec2SubnetIds: [!Ref ${subnet}]
        EmrManagedMasterSecurityGroup: !GetAtt Master.GroupId
        AdditionalMasterSecurityGroups: [!Ref Admin]
`;

describe("CloudFormation spot fleets, EC2 Fleets, EMR clusters and mixed instances groups are hosts", () => {
  stackTable(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: a spot fleet's launch specification in a public subnet behind a group open to 0.0.0.0/0",
      resources: [
        container(
          CFN_STACK,
          body({
            Fleet: spotFleet({
              LaunchSpecifications: [
                spec({ SubnetId: { Ref: "Public" }, SecurityGroups: [{ GroupId: groupId("Sg") }] }),
              ],
            }),
          }),
        ),
      ],
      violations: 1,
      mentions: "template resource Fleet (AWS::EC2::SpotFleet): app/Fleet: tcp/22 is reachable from the internet",
      urn: APP,
    },
    {
      name: "good: the same specification in the private subnet",
      resources: [
        container(
          CFN_STACK,
          body({
            Fleet: spotFleet({
              LaunchSpecifications: [
                spec({ SubnetId: { Ref: "Private" }, SecurityGroups: [{ GroupId: groupId("Sg") }] }),
              ],
            }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "good: the public subnet, its group admitting only 10.0.0.0/8",
      resources: [
        container(
          CFN_STACK,
          body(
            {
              Fleet: spotFleet({
                LaunchSpecifications: [
                  spec({ SubnetId: { Ref: "Public" }, SecurityGroups: [{ GroupId: groupId("Sg") }] }),
                ],
              }),
            },
            { sg: group(ssh({ CidrIp: "10.0.0.0/8" })) },
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "good: the public subnet's network ACL denies 22 ahead of its allow-all entry",
      resources: [
        container(
          CFN_STACK,
          body({
            Fleet: spotFleet({
              LaunchSpecifications: [
                spec({ SubnetId: { Ref: "Public" }, SecurityGroups: [{ GroupId: groupId("Sg") }] }),
              ],
            }),
            Acl: { Type: "AWS::EC2::NetworkAcl", Properties: { VpcId: { Ref: "Vpc" } } },
            DenySsh: aclEntry(90, "deny", { Protocol: 6, PortRange: { From: 22, To: 22 } }),
            AllowAll: aclEntry(100, "allow", { Protocol: -1 }),
            AclAssoc: {
              Type: "AWS::EC2::SubnetNetworkAclAssociation",
              Properties: { SubnetId: { Ref: "Public" }, NetworkAclId: { Ref: "Acl" } },
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "bad: a primary interface asking for a public address in a subnet that maps none, in a stack set",
      resources: [
        container(
          CFN_STACK_SET,
          body(
            {
              Fleet: spotFleet({
                LaunchSpecifications: [
                  spec({
                    NetworkInterfaces: [
                      {
                        DeviceIndex: 0,
                        AssociatePublicIpAddress: true,
                        Groups: [{ Ref: "Sg" }],
                        SubnetId: { Ref: "Public" },
                      },
                    ],
                  }),
                ],
              }),
            },
            { mapPublic: false },
          ),
        ),
      ],
      violations: 1,
      urn: urnOf(CFN_STACK_SET, "app"),
    },
    {
      name: "good: the same interface without a public address in a subnet that maps none",
      resources: [
        container(
          CFN_STACK,
          body(
            {
              Fleet: spotFleet({
                LaunchSpecifications: [
                  spec({
                    NetworkInterfaces: [{ DeviceIndex: 0, Groups: [{ Ref: "Sg" }], SubnetId: { Ref: "Public" } }],
                  }),
                ],
              }),
            },
            { mapPublic: false },
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "bad: a spot fleet's template config whose override places it in the public subnet",
      resources: [
        container(
          CFN_STACK,
          body({
            Lt: publicTemplate,
            Fleet: spotFleet({
              LaunchTemplateConfigs: [
                { LaunchTemplateSpecification: byId, Overrides: [{ SubnetId: { Ref: "Public" } }] },
              ],
            }),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "bad: YAML, a spot fleet in the default VPC behind a port range 20-30 from ::/0 and SSH from 0.0.0.0/0",
      resources: [container(CFN_STACK, YAML_SPOT_FLEET)],
      // The default subnet maps a public IPv4 address, but gives no IPv6 one: only the IPv4 rule is reachable.
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "bad: an EC2 Fleet launching a template that asks for a public address, overridden into the public subnet",
      resources: [
        container(
          CFN_STACK,
          body(
            {
              Lt: publicTemplate,
              Fleet: ec2Fleet([{ LaunchTemplateSpecification: byId, Overrides: [{ SubnetId: { Ref: "Public" } }] }]),
            },
            { mapPublic: false },
          ),
        ),
      ],
      violations: 1,
      mentions: "template resource Fleet (AWS::EC2::EC2Fleet)",
      urn: APP,
    },
    {
      name: "good: the EC2 Fleet overridden into the private subnet, which routes nowhere",
      resources: [
        container(
          CFN_STACK,
          body({
            Lt: publicTemplate,
            Fleet: ec2Fleet([{ LaunchTemplateSpecification: byId, Overrides: [{ SubnetId: { Ref: "Private" } }] }]),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "bad: an EMR master in the public subnet with an additional group admitting SSH from 0.0.0.0/0",
      resources: [
        container(
          CFN_STACK,
          body(
            {
              ...emrGroups,
              Cluster: emr({
                Ec2SubnetId: { Ref: "Public" },
                AdditionalMasterSecurityGroups: [{ Ref: "Other" }, { Ref: "Sg" }],
              }),
              Other: group(),
            },
            { mapPublic: false },
          ),
        ),
      ],
      // EMR gives nodes in a public subnet addresses whatever the subnet maps.
      violations: 1,
      mentions: "template resource Cluster (AWS::EMR::Cluster)",
      urn: APP,
    },
    {
      name: "good: the same EMR cluster in the private subnet",
      resources: [
        container(
          CFN_STACK,
          body({
            ...emrGroups,
            Cluster: emr({ Ec2SubnetId: { Ref: "Private" }, AdditionalMasterSecurityGroups: [{ Ref: "Sg" }] }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "bad: an EMR core group admitting SSH from 0.0.0.0/0, the subnets given as a list",
      resources: [
        container(
          CFN_STACK,
          body({
            ...emrGroups,
            Cluster: emr({ Ec2SubnetIds: [{ Ref: "Public" }], AdditionalSlaveSecurityGroups: [groupId("Sg")] }),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "bad: YAML, an EMR master's additional group open to every protocol (-1), in the public subnet",
      resources: [container(CFN_STACK, YAML_EMR("Public"))],
      // Every protocol opens both admin ports the rule knows (SSH and RDP): one finding each.
      violations: 5,
      mentions: "template resource Cluster (AWS::EMR::Cluster)",
    },
    {
      name: "good: the same YAML cluster in the private subnet",
      resources: [container(CFN_STACK, YAML_EMR("Private"))],
      violations: 0,
    },
    {
      name: "bad: a mixed instances group launching the public template in the public subnet",
      resources: [
        container(
          CFN_STACK,
          body({ Lt: publicTemplate, Asg: mixedAsg("Public", { LaunchTemplateSpecification: byId }) }),
        ),
      ],
      violations: 1,
      mentions: "template resource Asg (AWS::AutoScaling::AutoScalingGroup)",
    },
    {
      name: "bad: the template named only by an override's specification",
      resources: [
        container(
          CFN_STACK,
          body({
            Lt: publicTemplate,
            Asg: mixedAsg("Public", {
              LaunchTemplateSpecification: { LaunchTemplateName: "elsewhere", Version: "1" },
              Overrides: [{ InstanceType: "t3.large", LaunchTemplateSpecification: byId }],
            }),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "good: the mixed instances group in the private subnet",
      resources: [
        container(
          CFN_STACK,
          body({ Lt: publicTemplate, Asg: mixedAsg("Private", { LaunchTemplateSpecification: byId }) }),
        ),
      ],
      violations: 0,
    },
  ]);
});

describe("unknown values at preview in template fleets", () => {
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const SUBNET = "aws:ec2/subnet:Subnet";
  const RT = "aws:ec2/routeTable:RouteTable";
  const IGW = "aws:ec2/internetGateway:InternetGateway";
  const VPC = "aws:ec2/vpc:Vpc";
  /** A program VPC whose subnet `routed` routes to an internet gateway but maps no public address on launch. */
  const programNetwork: StackInput[] = [
    { type: VPC, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: IGW, name: "igw", props: {} },
    {
      type: RT,
      name: "rt",
      props: { vpcId: UNKNOWN },
      propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] },
    },
    {
      type: "aws:ec2/route:Route",
      name: "default",
      props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN },
      propertyDependencies: { routeTableId: [urnOf(RT, "rt")], gatewayId: [urnOf(IGW, "igw")] },
    },
    {
      type: SUBNET,
      name: "routed",
      props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false },
      propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] },
    },
    {
      type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
      name: "routed-rt",
      props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
      propertyDependencies: { subnetId: [urnOf(SUBNET, "routed")], routeTableId: [urnOf(RT, "rt")] },
    },
  ];
  /** A program group admitting SSH from `cidr`; it (and `more`) feed the template's `Specs`, unknown at preview. */
  const fedSpecs = (cidr: string, more: string[] = []) => [
    {
      type: SG,
      name: "fleet",
      props: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }] },
    },
    container(
      CFN_STACK,
      cfn(
        { Fleet: spotFleet({ LaunchSpecifications: { Ref: "Specs" } }) },
        { Parameters: { Specs: { Type: "String" } } },
      ),
      { parameters: { Specs: UNKNOWN } },
      { propertyDependencies: { parameters: [urnOf(SG, "fleet"), ...more] } },
    ),
  ];
  /** An EMR master in the template's public subnet whose additional groups are the parameter `Extra`. */
  const fedEmr = (cidr: string) => [
    {
      type: SG,
      name: "extra",
      props: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }] },
    },
    container(
      CFN_STACK,
      cfn(
        {
          ...cfnNetwork(false),
          ...emrGroups,
          Cluster: emr({ Ec2SubnetId: { Ref: "Public" }, AdditionalMasterSecurityGroups: { Ref: "Extra" } }),
        },
        { Parameters: { Extra: { Type: "List<AWS::EC2::SecurityGroup::Id>" } } },
      ),
      { parameters: { Extra: UNKNOWN } },
      { propertyDependencies: { parameters: [urnOf(SG, "extra")] } },
    ),
  ];
  stackTable(disallowInternetAdminPortsExceptBastions, [
    {
      name: "note: LaunchSpecifications unknown at preview, fed a routed subnet that maps no address and an open group",
      resources: [...programNetwork, ...fedSpecs("0.0.0.0/0", [urnOf(SUBNET, "routed")])],
      // Whether the unknown specifications ask for a public address cannot be told: a note, not a pass.
      violations: 0,
      notes: 1,
      urn: APP,
    },
    {
      name: "bad: the same unknown specifications naming no subnet launch into the default VPC's, which maps one",
      resources: fedSpecs("0.0.0.0/0"),
      violations: 1,
      urn: APP,
    },
    {
      name: "bad: EMR additional master groups a parameter unknown at preview, fed from a group open to 0.0.0.0/0",
      resources: fedEmr("0.0.0.0/0"),
      violations: 1,
      mentions: "template resource Cluster (AWS::EMR::Cluster)",
      urn: APP,
    },
    {
      name: "good: the same EMR parameter fed from a group admitting only 10.0.0.0/8",
      resources: fedEmr("10.0.0.0/8"),
      violations: 0,
    },
    {
      name: "good: the unknown specifications fed a group admitting only 10.0.0.0/8",
      resources: [...programNetwork, ...fedSpecs("10.0.0.0/8", [urnOf(SUBNET, "routed")])],
      violations: 0,
    },
  ]);
});

describe("CloudFormation Instance Connect Endpoints are bastion access paths", () => {
  /** A private host whose group admits SSH from the group `Eice`, and `endpoint` (if any) naming groups. */
  const bastionBody = (endpoint?: Record<string, unknown>) =>
    cfn({
      ...cfnNetwork(false),
      Eice: group(),
      App: group(ssh({ SourceSecurityGroupId: groupId("Eice") })),
      Host: {
        Type: "AWS::EC2::Instance",
        Properties: { ImageId: "ami-1", SubnetId: { Ref: "Private" }, SecurityGroupIds: [{ Ref: "App" }] },
      },
      ...(endpoint
        ? {
            Connect: {
              Type: "AWS::EC2::InstanceConnectEndpoint",
              Properties: { SubnetId: { Ref: "Private" }, ...endpoint },
            },
          }
        : {}),
    });
  stackTable(requireBastionOnlySshToPrivateHosts, [
    {
      name: "good: the host admits the group the endpoint names",
      resources: [container(CFN_STACK, bastionBody({ SecurityGroupIds: [groupId("Eice")] }))],
      violations: 0,
    },
    {
      name: "good: the endpoint preserves client addresses",
      resources: [container(CFN_STACK, bastionBody({ SecurityGroupIds: [{ Ref: "Eice" }], PreserveClientIp: true }))],
      violations: 0,
    },
    {
      name: "bad: no endpoint names the group",
      resources: [container(CFN_STACK, bastionBody())],
      violations: 1,
      mentions: "is not a bastion group",
      urn: APP,
    },
    {
      name: "bad: the endpoint names no group (the VPC's default group serves it)",
      resources: [container(CFN_STACK, bastionBody({}))],
      violations: 1,
      mentions: "is not a bastion group",
    },
  ]);
});
