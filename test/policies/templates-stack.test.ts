// The stack network rules see what raw templates deploy: a template's instances, groups, subnets, routes, addresses
// and databases join the reachability model, linked by the ids their references resolve to, and findings about them
// land on the container, named after the template resource.
import { computeExposures } from "../../engine/exposures";
import type { PlannedResource } from "../../engine/model";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { runStack, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import {
  CFN_STACK,
  CFN_STACK_SET,
  cfnNetwork,
  ROS_STACK,
  ROS_STACK_GROUP,
  TemplateResources,
} from "./templates-fixtures";

const stack = stacksNamed("app");

const ssh = (cidr: string) => ({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: cidr });
const cfnGroup = (...ingress: unknown[]) => ({
  Type: "AWS::EC2::SecurityGroup",
  Properties: { GroupDescription: "web", SecurityGroupIngress: ingress },
});
const cfnInstance = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::EC2::Instance",
  Properties: { ImageId: "ami-1", SecurityGroupIds: [{ Ref: "WebSg" }], ...props },
});

const ENV_CONDITION = {
  Parameters: { Env: { Type: "String", Default: "dev" } },
  Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};

const adminPorts = disallowInternetAdminPortsExceptBastions;

describe("disallow-internet-admin-ports-except-bastions reads CloudFormation templates", () => {
  const container = urnOf(CFN_STACK, "app");
  stackTable(adminPorts, [
    {
      name: "an instance in the default VPC behind a group open to 0.0.0.0/0",
      resources: [stack(CFN_STACK, cfn({ WebSg: cfnGroup(ssh("0.0.0.0/0")), Web: cfnInstance() }))],
      violations: 1,
      mentions: "template resource Web (AWS::EC2::Instance): app/Web: tcp/22 is reachable from the internet",
      urn: container,
    },
    {
      name: "its twin admitting only 10.0.0.0/8",
      resources: [stack(CFN_STACK, cfn({ WebSg: cfnGroup(ssh("10.0.0.0/8")), Web: cfnInstance() }))],
      violations: 0,
    },
    {
      name: "the group named by GetAtt GroupId, in a stack set",
      resources: [
        stack(
          CFN_STACK_SET,
          cfn({
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SecurityGroupIds: [{ "Fn::GetAtt": ["WebSg", "GroupId"] }] }),
          }),
        ),
      ],
      violations: 1,
      urn: urnOf(CFN_STACK_SET, "app"),
    },
    {
      name: "a separate SecurityGroupIngress of a port range 20-30 naming its group by Ref",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            WebSg: cfnGroup(),
            Ssh: {
              Type: "AWS::EC2::SecurityGroupIngress",
              Properties: {
                GroupId: { Ref: "WebSg" },
                IpProtocol: "tcp",
                FromPort: 20,
                ToPort: 30,
                CidrIp: "0.0.0.0/0",
              },
            },
            Web: cfnInstance(),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "every protocol (-1) from ::/0 to an instance given an IPv6 address in a routed subnet",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(false),
            V6: {
              Type: "AWS::EC2::Route",
              Properties: {
                RouteTableId: { Ref: "PublicRt" },
                DestinationIpv6CidrBlock: "::/0",
                GatewayId: { Ref: "Igw" },
              },
            },
            WebSg: cfnGroup({ IpProtocol: "-1", CidrIpv6: "::/0" }),
            Web: cfnInstance({ SubnetId: { Ref: "Public" }, Ipv6AddressCount: 1 }),
          }),
        ),
      ],
      violations: 5,
      mentions: "::/0",
    },
    {
      name: "the same address in the default VPC, which routes no IPv6",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            WebSg: cfnGroup({ IpProtocol: "-1", CidrIpv6: "::/0" }),
            Web: cfnInstance({ Ipv6AddressCount: 1 }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a private subnet without a route to the gateway",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SubnetId: { Ref: "Private" } }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a public subnet that maps public addresses on launch",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(true),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SubnetId: { Ref: "Public" } }),
          }),
        ),
      ],
      violations: 1,
      mentions: "igw:app/Igw",
    },
    {
      name: "a public subnet that maps none, and no address asked for",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(false),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SubnetId: { Ref: "Public" } }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "an elastic IP associated by GetAtt AllocationId",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(false),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SubnetId: { Ref: "Public" } }),
            Ip: { Type: "AWS::EC2::EIP", Properties: { Domain: "vpc" } },
            IpAssoc: {
              Type: "AWS::EC2::EIPAssociation",
              Properties: { AllocationId: { "Fn::GetAtt": ["Ip", "AllocationId"] }, InstanceId: { Ref: "Web" } },
            },
          }),
        ),
      ],
      violations: 1,
      mentions: "eip:app/Ip",
    },
    {
      name: "the primary interface asking for a public address",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(false),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: {
              Type: "AWS::EC2::Instance",
              Properties: {
                NetworkInterfaces: [
                  {
                    DeviceIndex: "0",
                    AssociatePublicIpAddress: true,
                    SubnetId: { Ref: "Public" },
                    GroupSet: [{ Ref: "WebSg" }],
                  },
                ],
              },
            },
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "a network ACL entry denying 22 ahead of the allow-all entry",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            ...cfnNetwork(true),
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ SubnetId: { Ref: "Public" } }),
            Acl: { Type: "AWS::EC2::NetworkAcl", Properties: { VpcId: { Ref: "Vpc" } } },
            DenySsh: {
              Type: "AWS::EC2::NetworkAclEntry",
              Properties: {
                NetworkAclId: { Ref: "Acl" },
                RuleNumber: 90,
                Protocol: 6,
                RuleAction: "deny",
                CidrBlock: "0.0.0.0/0",
                PortRange: { From: 22, To: 22 },
              },
            },
            AllowAll: {
              Type: "AWS::EC2::NetworkAclEntry",
              Properties: {
                NetworkAclId: { Ref: "Acl" },
                RuleNumber: 100,
                Protocol: -1,
                RuleAction: "allow",
                CidrBlock: "0.0.0.0/0",
              },
            },
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
      name: "a source parameter unknown at preview",
      resources: [
        stack(
          CFN_STACK,
          cfn(
            { WebSg: cfnGroup({ ...ssh(""), CidrIp: { Ref: "Admin" } }), Web: cfnInstance() },
            { Parameters: { Admin: { Type: "String" } } },
          ),
          { parameters: { Admin: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a tagged bastion admitting its allow-list",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            WebSg: cfnGroup(ssh("203.0.113.0/24")),
            Web: cfnInstance({
              Tags: [
                { Key: "hardening:role", Value: "bastion" },
                { Key: "hardening:allowed-cidrs", Value: "203.0.113.0/24" },
              ],
            }),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a tagged bastion open to the whole internet",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            WebSg: cfnGroup(ssh("0.0.0.0/0")),
            Web: cfnInstance({ Tags: [{ Key: "hardening:role", Value: "bastion" }] }),
          }),
        ),
      ],
      violations: 1,
      mentions: "outside the bastion's allow-list",
    },
  ]);
});

describe("resource conditions decide whether a template resource is judged", () => {
  const body = (condition: unknown = "IsProd", conditions: Record<string, unknown> = ENV_CONDITION.Conditions) =>
    cfn(
      { WebSg: cfnGroup(ssh("0.0.0.0/0")), Web: { ...cfnInstance(), Condition: condition as string } },
      { ...ENV_CONDITION, Conditions: conditions },
    );
  const cases: StackCase[] = [
    { name: "false with the parameter's default", resources: [stack(CFN_STACK, body())], violations: 0 },
    {
      name: "true with the value the program passes",
      resources: [stack(CFN_STACK, body(), { parameters: { Env: "prod" } })],
      violations: 1,
    },
    {
      name: "undecided while the parameter is unknown: judged as created",
      resources: [stack(CFN_STACK, body(), { parameters: { Env: UNKNOWN } })],
      violations: 1,
    },
    {
      name: "undecided in a stack set, whose instances may override the parameter",
      resources: [stack(CFN_STACK_SET, body())],
      violations: 1,
    },
    {
      name: "Fn::Not of a false condition",
      resources: [
        stack(
          CFN_STACK,
          body("NotProd", { ...ENV_CONDITION.Conditions, NotProd: { "Fn::Not": [{ Condition: "IsProd" }] } }),
        ),
      ],
      violations: 1,
    },
    {
      name: "Fn::And with one false member",
      resources: [
        stack(
          CFN_STACK,
          body("Both", {
            ...ENV_CONDITION.Conditions,
            Both: { "Fn::And": [{ Condition: "IsProd" }, { "Fn::Equals": ["a", "a"] }] },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "Fn::Or with one true member",
      resources: [
        stack(
          CFN_STACK,
          body("Either", {
            ...ENV_CONDITION.Conditions,
            Either: { "Fn::Or": [{ Condition: "IsProd" }, { "Fn::Equals": ["1", 1] }] },
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "a condition the template does not declare: judged as created",
      resources: [stack(CFN_STACK, body("Missing"))],
      violations: 1,
    },
  ];
  stackTable(adminPorts, cases);
});

describe("disallow-internet-admin-ports-except-bastions reads ROS templates", () => {
  const rosGroup = (...ingress: unknown[]) => ({
    Type: "ALIYUN::ECS::SecurityGroup",
    Properties: { VpcId: { Ref: "Vpc" }, SecurityGroupIngress: ingress },
  });
  const rosSsh = (extra: Record<string, unknown> = {}) => ({
    IpProtocol: "tcp",
    PortRange: "22/22",
    SourceCidrIp: "0.0.0.0/0",
    ...extra,
  });
  const ecs = (props: Record<string, unknown> = {}) => ({
    Type: "ALIYUN::ECS::Instance",
    Properties: {
      ImageId: "ubuntu",
      VpcId: { Ref: "Vpc" },
      VSwitchId: { Ref: "Vsw" },
      SecurityGroupId: { Ref: "WebSg" },
      ...props,
    },
  });
  const network: TemplateResources = {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
  };
  const rosStack = (resources: TemplateResources) => [stack(ROS_STACK, ros({ ...network, ...resources }))];
  stackTable(adminPorts, [
    {
      name: "an instance with public bandwidth behind a group open to 0.0.0.0/0",
      resources: rosStack({ WebSg: rosGroup(rosSsh()), Web: ecs({ InternetMaxBandwidthOut: 10 }) }),
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance): app/Web: tcp/22",
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "no bandwidth given: ROS's default of 1 Mbit/s gives a public address",
      resources: rosStack({ WebSg: rosGroup(rosSsh()), Web: ecs() }),
      violations: 1,
    },
    {
      name: "bandwidth 0",
      resources: rosStack({ WebSg: rosGroup(rosSsh()), Web: ecs({ InternetMaxBandwidthOut: 0 }) }),
      violations: 0,
    },
    {
      name: "AllocatePublicIP false",
      resources: rosStack({ WebSg: rosGroup(rosSsh()), Web: ecs({ AllocatePublicIP: false }) }),
      violations: 0,
    },
    {
      name: "bandwidth 0 with an elastic IP associated",
      resources: rosStack({
        WebSg: rosGroup(rosSsh()),
        Web: ecs({ InternetMaxBandwidthOut: 0 }),
        Ip: { Type: "ALIYUN::VPC::EIP" },
        IpAssoc: {
          Type: "ALIYUN::VPC::EIPAssociation",
          Properties: { AllocationId: { "Fn::GetAtt": ["Ip", "AllocationId"] }, InstanceId: { Ref: "Web" } },
        },
      }),
      violations: 1,
      mentions: "eip:app/Ip",
    },
    {
      name: "a separate ingress resource of port range 1/65535 naming the group by GetAtt",
      resources: rosStack({
        WebSg: rosGroup(),
        All: {
          Type: "ALIYUN::ECS::SecurityGroupIngress",
          Properties: {
            SecurityGroupId: { "Fn::GetAtt": ["WebSg", "SecurityGroupId"] },
            IpProtocol: "tcp",
            PortRange: "1/65535",
            SourceCidrIp: "0.0.0.0/0",
          },
        },
        Web: ecs({ InternetMaxBandwidthOut: 5 }),
      }),
      // Every administration port: 22, 3389, 5900, 5985 and 5986.
      violations: 5,
    },
    {
      name: "a drop of equal priority on the same port and source closes the accept",
      resources: rosStack({
        WebSg: rosGroup(rosSsh({ Priority: 1 }), rosSsh({ Policy: "drop", Priority: 1 })),
        Web: ecs({ InternetMaxBandwidthOut: 5 }),
      }),
      violations: 0,
    },
    {
      name: "a drop of lower precedence (Priority 2) leaves it open",
      resources: rosStack({
        WebSg: rosGroup(rosSsh({ Priority: 1 }), rosSsh({ Policy: "drop", Priority: 2 })),
        Web: ecs({ InternetMaxBandwidthOut: 5 }),
      }),
      violations: 1,
    },
    {
      name: "a scaling configuration with public bandwidth in a scaling group",
      resources: rosStack({
        WebSg: rosGroup(rosSsh()),
        Group: { Type: "ALIYUN::ESS::ScalingGroup", Properties: { VSwitchId: { Ref: "Vsw" }, MinSize: 1, MaxSize: 2 } },
        Config: {
          Type: "ALIYUN::ESS::ScalingConfiguration",
          Properties: {
            ScalingGroupId: { Ref: "Group" },
            SecurityGroupId: { Ref: "WebSg" },
            InternetMaxBandwidthOut: 5,
            ImageId: "ubuntu",
          },
        },
      }),
      violations: 1,
      mentions: "template resource Config (ALIYUN::ESS::ScalingConfiguration)",
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports reads template databases", () => {
  const dbGroup = (cidr: string) => ({
    Type: "AWS::EC2::SecurityGroup",
    Properties: {
      GroupDescription: "db",
      SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, CidrIp: cidr }],
    },
  });
  const rds = (props: Record<string, unknown>) => ({
    Type: "AWS::RDS::DBInstance",
    Properties: { Engine: "mysql", VPCSecurityGroups: [{ "Fn::GetAtt": ["DbSg", "GroupId"] }], ...props },
  });
  const rosRds = (props: Record<string, unknown>) => ({
    Type: "ALIYUN::RDS::DBInstance",
    Properties: { Engine: "MySQL", SecurityIPList: "0.0.0.0/0", ...props },
  });
  stackTable(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "a publicly accessible RDS instance open to the internet",
      resources: [stack(CFN_STACK, cfn({ DbSg: dbGroup("0.0.0.0/0"), Db: rds({ PubliclyAccessible: true }) }))],
      violations: 1,
      mentions: "template resource Db (AWS::RDS::DBInstance)",
    },
    {
      name: "its twin not publicly accessible",
      resources: [stack(CFN_STACK, cfn({ DbSg: dbGroup("0.0.0.0/0"), Db: rds({ PubliclyAccessible: false }) }))],
      violations: 0,
    },
    {
      name: "publicly accessible but its group admits only the VPC",
      resources: [stack(CFN_STACK, cfn({ DbSg: dbGroup("10.0.0.0/16"), Db: rds({ PubliclyAccessible: true }) }))],
      violations: 0,
    },
    {
      name: "an ROS database with a public connection and a 0.0.0.0/0 whitelist",
      resources: [stack(ROS_STACK_GROUP, ros({ Db: rosRds({ AllocatePublicConnection: true }) }))],
      violations: 1,
      urn: urnOf(ROS_STACK_GROUP, "app"),
    },
    {
      name: "the Internet net type is a public connection too",
      resources: [stack(ROS_STACK, ros({ Db: rosRds({ DBInstanceNetType: "Internet" }) }))],
      violations: 1,
    },
    {
      name: "no public connection",
      resources: [stack(ROS_STACK, ros({ Db: rosRds({ AllocatePublicConnection: false }) }))],
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts reads template groups", () => {
  const body = (source: Record<string, unknown>) =>
    cfn({
      BastionSg: cfnGroup(ssh("203.0.113.0/24")),
      Bastion: cfnInstance({
        SecurityGroupIds: [{ Ref: "BastionSg" }],
        Tags: [{ Key: "hardening:role", Value: "bastion" }],
      }),
      AppSg: {
        Type: "AWS::EC2::SecurityGroup",
        Properties: {
          GroupDescription: "app",
          SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, ...source }],
        },
      },
      App: cfnInstance({ SecurityGroupIds: [{ Ref: "AppSg" }] }),
    });
  it("passes SSH from the bastion's group, named by Ref", async () => {
    const ds = await runStack(requireBastionOnlySshToPrivateHosts, [
      stack(CFN_STACK, body({ SourceSecurityGroupId: { Ref: "BastionSg" } })),
    ]);
    expect(ds.filter((d) => d.level === "mandatory")).toEqual([]);
  });
  it("fails SSH from a CIDR block, on the container, naming the template resource", async () => {
    const ds = await runStack(requireBastionOnlySshToPrivateHosts, [stack(CFN_STACK, body({ CidrIp: "10.0.0.0/8" }))]);
    const violations = ds.filter((d) => d.level === "mandatory");
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(v.urn).toBe(urnOf(CFN_STACK, "app"));
      expect(v.message).toMatch(/template resource (App|AppSg) \(AWS::EC2::/);
    }
  });
});

describe("template resources and program resources side by side", () => {
  it("two containers with the same body keep their resources apart", async () => {
    const body = cfn({ WebSg: cfnGroup(ssh("0.0.0.0/0")), Web: cfnInstance() });
    const ds = await runStack(adminPorts, [
      { ...stack(CFN_STACK, body), name: "blue" },
      { ...stack(CFN_STACK, body), name: "green" },
    ]);
    expect(ds.map((d) => d.urn).sort()).toEqual([urnOf(CFN_STACK, "blue"), urnOf(CFN_STACK, "green")]);
  });
  it("an exemption naming the template resource covers it", async () => {
    const body = cfn({ WebSg: cfnGroup(ssh("0.0.0.0/0")), Web: cfnInstance() });
    const exemptions = [
      {
        resource: "app/Web",
        reason: "isolated lab stack torn down nightly by the platform team",
        owner: "sec",
        expires: "2999-01-01",
      },
    ];
    const ds = await runStack(adminPorts, [stack(CFN_STACK, body)], { exemptions });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("exempted until 2999-01-01");
  });
});

describe("the engine's exposure table shows template paths", () => {
  const planned = (type: string, templateBody: unknown): PlannedResource => ({
    urn: urnOf(type, "app"),
    type,
    name: "app",
    parent: "urn:pulumi:test::hardening-kit::pulumi:pulumi:Stack::kit-test",
    inputs: { templateBody },
    dependencies: [],
    propertyDependencies: {},
  });
  it("a template instance's SSH row names it and the template's hops", () => {
    const body = cfn({ WebSg: cfnGroup(ssh("0.0.0.0/0")), Web: cfnInstance() });
    const rows = computeExposures([planned(CFN_STACK, body)]);
    expect(rows.map((r) => [r.resourceName, r.protocol, r.ports, r.sources])).toEqual([
      ["app/Web", "tcp", "22", ["0.0.0.0/0"]],
    ]);
    expect(rows[0].urn.startsWith(`${urnOf(CFN_STACK, "app")}/template:Web`)).toBe(true);
    expect(rows[0].path).toContain("sg:app/WebSg rule");
  });
  it("a private template, an unreadable body and an unknown body add no row", () => {
    const body = cfn({ WebSg: cfnGroup(ssh("10.0.0.0/8")), Web: cfnInstance() });
    expect(computeExposures([planned(CFN_STACK, body)])).toEqual([]);
    expect(computeExposures([planned(ROS_STACK, "Resources: [")])).toEqual([]);
    expect(computeExposures([planned(ROS_STACK, UNKNOWN)])).toEqual([]);
  });
});
