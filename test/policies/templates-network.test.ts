// Inbound rules inside raw templates (CloudFormation stacks and stack sets, ROS stacks and stack groups) are judged
// by the port rules as the same rules written in the program, in JSON and in YAML with short-form tags.
import { Case, run, table, UNKNOWN } from "./harness";
import { CFN_STACK, CFN_STACK_SET, cfnJson, ROS_STACK, ROS_STACK_GROUP, rosJson, rule } from "./templates-fixtures";

const adminPorts = rule("disallow-internet-admin-ports");
const highRiskPorts = rule("disallow-public-high-risk-ports");

const cfnGroup = (...ingress: unknown[]) =>
  cfnJson("AWS::EC2::SecurityGroup", { GroupDescription: "g", SecurityGroupIngress: ingress });
const cfnRule = (props: Record<string, unknown>) =>
  cfnJson("AWS::EC2::SecurityGroupIngress", { GroupId: "sg-1", ...props });
const rosGroup = (...ingress: unknown[]) => rosJson("ALIYUN::ECS::SecurityGroup", { SecurityGroupIngress: ingress });
const rosRule = (props: Record<string, unknown>) =>
  rosJson("ALIYUN::ECS::SecurityGroupIngress", { SecurityGroupId: "sg-1", ...props });

const ssh = { IpProtocol: "tcp", FromPort: 22, ToPort: 22 };

const YAML_SSH_GROUP = `
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Admin:
    Type: String
    Default: "0.0.0.0/0"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "\${AWS::StackName} bastion"
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref Admin
`;

const YAML_ROS_GROUP = `
ROSTemplateFormatVersion: "2015-09-01"
Resources:
  Web:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      VpcId: !Ref ALIYUN::NoValue
      SecurityGroupIngress:
        - IpProtocol: tcp
          PortRange: 22/22
          SourceCidrIp: !Join ["/", ["0.0.0.0", "0"]]
        - IpProtocol: tcp
          PortRange: 443/443
          SourceCidrIp: 0.0.0.0/0
`;

describe("disallow-internet-admin-ports reads CloudFormation templates", () => {
  table(adminPorts, [
    {
      name: "SSH from 0.0.0.0/0 in a group",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ ...ssh, CidrIp: "0.0.0.0/0" }) },
      violations: 1,
      mentions: "template resource Res (AWS::EC2::SecurityGroup): ",
    },
    {
      name: "its twin from 10.0.0.0/8",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ ...ssh, CidrIp: "10.0.0.0/8" }) },
      violations: 0,
    },
    {
      name: "SSH from ::/0",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ ...ssh, CidrIpv6: "::/0" }) },
      violations: 1,
    },
    {
      name: "every protocol (-1) from the internet",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ IpProtocol: "-1", CidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "ports 0-65535",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ IpProtocol: "tcp", FromPort: 0, ToPort: 65535, CidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "only 443 from the internet",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }) },
      violations: 0,
    },
    {
      name: "SSH from a security group",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ ...ssh, SourceSecurityGroupId: "sg-bastion" }) },
      violations: 0,
    },
    {
      name: "a separate SecurityGroupIngress from 0.0.0.0/0",
      type: CFN_STACK,
      props: { templateBody: cfnRule({ ...ssh, CidrIp: "0.0.0.0/0" }) },
      violations: 1,
      mentions: "(AWS::EC2::SecurityGroupIngress)",
    },
    {
      name: "a separate rule from ::/0 with IpProtocol -1",
      type: CFN_STACK,
      props: { templateBody: cfnRule({ IpProtocol: "-1", CidrIpv6: "::/0" }) },
      violations: 1,
    },
    {
      name: "a separate rule from 10.0.0.0/8",
      type: CFN_STACK,
      props: { templateBody: cfnRule({ ...ssh, CidrIp: "10.0.0.0/8" }) },
      violations: 0,
    },
    {
      name: "YAML with short forms, the source a parameter default",
      type: CFN_STACK,
      props: { templateBody: YAML_SSH_GROUP },
      violations: 1,
      mentions: "template resource Bastion (AWS::EC2::SecurityGroup)",
    },
    {
      name: "YAML, the parameter given 10.0.0.0/8 by the program",
      type: CFN_STACK,
      props: { templateBody: YAML_SSH_GROUP, parameters: { Admin: "10.0.0.0/8" } },
      violations: 0,
    },
    {
      name: "a stack set (rules in every account)",
      type: CFN_STACK_SET,
      props: { templateBody: cfnGroup({ ...ssh, CidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "the source from Fn::Sub of a parameter",
      type: CFN_STACK,
      props: {
        templateBody: cfnRule({ ...ssh, CidrIp: { "Fn::Sub": "${Net}/0" } }).replace(
          '"Parameters":{}',
          '"Parameters":{"Net":{"Type":"String","Default":"0.0.0.0"}}',
        ),
      },
      violations: 1,
    },
  ] as Case[]);
});

describe("unknown template values are notes, judged once the program decides them", () => {
  const withParameter = (parameters: Record<string, unknown>) =>
    cfnJson(
      "AWS::EC2::SecurityGroup",
      { GroupDescription: "g", SecurityGroupIngress: [{ ...ssh, CidrIp: { Ref: "Source" } }] },
      parameters,
    );

  table(adminPorts, [
    {
      name: "a parameter without a default",
      type: CFN_STACK,
      props: { templateBody: withParameter({ Source: { Type: "String" } }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "the program passes 0.0.0.0/0",
      type: CFN_STACK,
      props: { templateBody: withParameter({ Source: { Type: "String" } }), parameters: { Source: "0.0.0.0/0" } },
      violations: 1,
    },
    {
      name: "the program passes 10.0.0.0/8",
      type: CFN_STACK,
      props: { templateBody: withParameter({ Source: { Type: "String" } }), parameters: { Source: "10.0.0.0/8" } },
      violations: 0,
    },
    {
      name: "the program's value unknown at preview",
      type: CFN_STACK,
      props: { templateBody: withParameter({ Source: { Type: "String" } }), parameters: { Source: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    {
      name: "a stack set, whose instances may override a safe default",
      type: CFN_STACK_SET,
      props: { templateBody: withParameter({ Source: { Type: "String", Default: "10.0.0.0/8" } }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "the port from Fn::GetAtt",
      type: CFN_STACK,
      props: {
        templateBody: cfnGroup({
          IpProtocol: "tcp",
          FromPort: { "Fn::GetAtt": ["X", "Port"] },
          ToPort: 22,
          CidrIp: "0.0.0.0/0",
        }),
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole ingress list from Fn::If",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson("AWS::EC2::SecurityGroup", {
          GroupDescription: "g",
          SecurityGroupIngress: { "Fn::If": ["Open", [], []] },
        }),
      },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("fails closed when the policy says so", async () => {
    const ds = await run(
      adminPorts,
      CFN_STACK,
      { templateBody: withParameter({ Source: { Type: "String" } }) },
      { config: { failClosed: true } },
    );
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toMatch(
      /\ncannot be verified at preview: template resource Res \(AWS::EC2::SecurityGroup\): ingress\[0\] .*failing closed/,
    );
  });
});

describe("ROS templates", () => {
  table(adminPorts, [
    {
      name: "SSH from 0.0.0.0/0 in a group",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
      mentions: "template resource Res (ALIYUN::ECS::SecurityGroup) SecurityGroupIngress[0]: ",
    },
    {
      name: "its twin from 10.0.0.0/8",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "10.0.0.0/8" }) },
      violations: 0,
    },
    {
      name: "PortRange -1/-1 with IpProtocol all",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "all", PortRange: "-1/-1", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "PortRange 1/65535",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "1/65535", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "SSH from ::/0",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "22/22", Ipv6SourceCidrIp: "::/0" }) },
      violations: 1,
    },
    {
      name: "a drop of SSH from the internet is not an opening",
      type: ROS_STACK,
      props: {
        templateBody: rosGroup({
          IpProtocol: "tcp",
          PortRange: "22/22",
          SourceCidrIp: "0.0.0.0/0",
          Policy: "drop",
          Priority: 1,
        }),
      },
      violations: 0,
    },
    {
      name: "a separate SecurityGroupIngress from 0.0.0.0/0",
      type: ROS_STACK,
      props: { templateBody: rosRule({ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
      mentions: "(ALIYUN::ECS::SecurityGroupIngress) rule: ",
    },
    {
      name: "a separate rule accepting 3389 from 10.0.0.0/8",
      type: ROS_STACK,
      props: {
        templateBody: rosRule({
          IpProtocol: "tcp",
          PortRange: "3389/3389",
          SourceCidrIp: "10.0.0.0/8",
          Policy: "accept",
        }),
      },
      violations: 0,
    },
    {
      name: "YAML: Fn::Join builds 0.0.0.0/0 for 22, 443 open too",
      type: ROS_STACK,
      props: { templateBody: YAML_ROS_GROUP },
      violations: 1,
      mentions: "SecurityGroupIngress[0]",
    },
    {
      name: "a stack group",
      type: ROS_STACK_GROUP,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "the program's parameter list decides the source",
      type: ROS_STACK,
      props: {
        templateBody: rosJson(
          "ALIYUN::ECS::SecurityGroupIngress",
          { IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: { Ref: "Src" } },
          { Src: { Type: "String" } },
        ),
        parameters: [{ parameterKey: "Src", parameterValue: "0.0.0.0/0" }],
      },
      violations: 1,
    },
    {
      name: "an entry unknown at preview",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ "Fn::If": ["C", {}, {}] }) },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("disallow-public-high-risk-ports reads templates too", () => {
  table(highRiskPorts, [
    {
      name: "MySQL from the internet",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, CidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    {
      name: "MySQL from 10.0.0.0/8",
      type: CFN_STACK,
      props: { templateBody: cfnGroup({ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, CidrIp: "10.0.0.0/8" }) },
      violations: 0,
    },
    {
      name: "Redis through ROS 1/65535",
      type: ROS_STACK,
      props: { templateBody: rosGroup({ IpProtocol: "tcp", PortRange: "1/65535", SourceCidrIp: "0.0.0.0/0" }) },
      violations: 1,
    },
    // Only the admin-port rule says a template cannot be read: one note per template for the pack.
    {
      name: "a template outside the program",
      type: CFN_STACK,
      props: { templateUrl: "https://s3.amazonaws.com/b/t.json" },
      violations: 0,
    },
  ] as Case[]);
});
