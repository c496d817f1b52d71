// More template types for the resource rules (launch configurations, ROS launch templates and scaling
// configurations, network ACL entries), resources a false condition leaves out, and ROS inline drop entries that
// cancel an accept of the same group.
import { Case, table, UNKNOWN } from "./harness";
import { CFN_STACK, cfnJson, ROS_STACK, ROS_STACK_GROUP, rosJson, rule } from "./templates-fixtures";

const adminPorts = rule("disallow-internet-admin-ports");
const passwords = rule("disallow-ecs-password-login");
const userData = rule("disallow-userdata-login-weakening");
const imds = rule("require-imdsv2");

const WEAKENING = "#!/bin/bash\necho 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\n";
const HARDENED = "#!/bin/bash\necho 'PasswordAuthentication no' > /etc/ssh/sshd_config.d/10-hardening.conf\n";

const launchConfiguration = (props: Record<string, unknown>) =>
  cfnJson("AWS::AutoScaling::LaunchConfiguration", { ImageId: "ami-1", InstanceType: "t3.micro", ...props });
const rosLaunchTemplate = (props: Record<string, unknown>) =>
  rosJson("ALIYUN::ECS::LaunchTemplate", { ImageId: "ubuntu_22_04", SecurityGroupId: "sg-1", ...props });
const scalingConfiguration = (props: Record<string, unknown>) =>
  rosJson("ALIYUN::ESS::ScalingConfiguration", { ScalingGroupId: "asg-1", ImageId: "ubuntu_22_04", ...props });

describe("AWS::AutoScaling::LaunchConfiguration", () => {
  table(userData, [
    {
      name: "user data enabling password login",
      type: CFN_STACK,
      props: { templateBody: launchConfiguration({ UserData: { "Fn::Base64": WEAKENING } }) },
      violations: 1,
      mentions: "template resource Res (AWS::AutoScaling::LaunchConfiguration)",
    },
    {
      name: "user data hardening sshd",
      type: CFN_STACK,
      props: { templateBody: launchConfiguration({ UserData: { "Fn::Base64": HARDENED } }) },
      violations: 0,
    },
  ]);
  table(imds, [
    {
      name: "HttpTokens optional",
      type: CFN_STACK,
      props: { templateBody: launchConfiguration({ MetadataOptions: { HttpTokens: "optional" } }) },
      violations: 1,
      mentions: "metadataOptions.httpTokens",
    },
    {
      name: "HttpTokens required",
      type: CFN_STACK,
      props: { templateBody: launchConfiguration({ MetadataOptions: { HttpTokens: "required" } }) },
      violations: 0,
    },
    {
      name: "HttpTokens unknown at preview",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson(
          "AWS::AutoScaling::LaunchConfiguration",
          { MetadataOptions: { HttpTokens: { Ref: "Tokens" } } },
          { Tokens: { Type: "String" } },
        ),
        parameters: { Tokens: UNKNOWN },
      },
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("ALIYUN::ECS::LaunchTemplate", () => {
  table(passwords, [
    {
      name: "a password every launched instance takes",
      type: ROS_STACK,
      props: { templateBody: rosLaunchTemplate({ Password: "Sup3rSecret!" }) },
      violations: 1,
      mentions: "template resource Res (ALIYUN::ECS::LaunchTemplate) Password: ",
    },
    {
      name: "the image's password inherited",
      type: ROS_STACK_GROUP,
      props: { templateBody: rosLaunchTemplate({ PasswordInherit: true }) },
      violations: 1,
    },
    {
      name: "a key pair only",
      type: ROS_STACK,
      props: { templateBody: rosLaunchTemplate({ KeyPairName: "ops" }) },
      violations: 0,
    },
    {
      name: "a password from a parameter unknown at preview is still a password",
      type: ROS_STACK,
      props: {
        templateBody: rosJson("ALIYUN::ECS::LaunchTemplate", { Password: { Ref: "Pw" } }, { Pw: { Type: "String" } }),
        parameters: [{ parameterKey: "Pw", parameterValue: UNKNOWN }],
      },
      violations: 1,
    },
  ]);
  table(userData, [
    {
      name: "plain-text user data enabling password login",
      type: ROS_STACK,
      props: { templateBody: rosLaunchTemplate({ UserData: WEAKENING }) },
      violations: 1,
    },
    {
      name: "user data hardening sshd",
      type: ROS_STACK,
      props: { templateBody: rosLaunchTemplate({ UserData: HARDENED }) },
      violations: 0,
    },
  ]);
});

describe("ALIYUN::ESS::ScalingConfiguration", () => {
  table(passwords, [
    {
      name: "a password",
      type: ROS_STACK,
      props: { templateBody: scalingConfiguration({ Password: "Sup3rSecret!" }) },
      violations: 1,
      mentions: "template resource Res (ALIYUN::ESS::ScalingConfiguration): ",
    },
    {
      name: "a password on a public Windows image, which takes no key pair",
      type: ROS_STACK,
      props: { templateBody: scalingConfiguration({ Password: "Sup3rSecret!", ImageId: "win2022_64_dtc" }) },
      violations: 0,
    },
    {
      name: "a key pair only",
      type: ROS_STACK,
      props: { templateBody: scalingConfiguration({ KeyPairName: "ops" }) },
      violations: 0,
    },
  ]);
  table(userData, [
    {
      name: "user data enabling password login",
      type: ROS_STACK,
      props: { templateBody: scalingConfiguration({ UserData: WEAKENING }) },
      violations: 1,
    },
  ]);
});

describe("AWS::EC2::NetworkAclEntry", () => {
  const entry = (props: Record<string, unknown>) =>
    cfnJson("AWS::EC2::NetworkAclEntry", {
      NetworkAclId: "acl-1",
      RuleNumber: 100,
      Protocol: 6,
      RuleAction: "allow",
      CidrBlock: "0.0.0.0/0",
      PortRange: { From: 22, To: 22 },
      ...props,
    });
  table(adminPorts, [
    { name: "allow 22 from 0.0.0.0/0", type: CFN_STACK, props: { templateBody: entry({}) }, violations: 1 },
    {
      name: "allow every protocol (-1) from ::/0",
      type: CFN_STACK,
      props: {
        templateBody: entry({ Protocol: -1, CidrBlock: undefined, Ipv6CidrBlock: "::/0", PortRange: undefined }),
      },
      violations: 1,
    },
    {
      name: "deny 22 from 0.0.0.0/0",
      type: CFN_STACK,
      props: { templateBody: entry({ RuleAction: "deny" }) },
      violations: 0,
    },
    { name: "an egress allow", type: CFN_STACK, props: { templateBody: entry({ Egress: true }) }, violations: 0 },
    {
      name: "allow 22 from the VPC only",
      type: CFN_STACK,
      props: { templateBody: entry({ CidrBlock: "10.0.0.0/16" }) },
      violations: 0,
    },
  ]);
});

describe("resources whose Condition is false are not judged", () => {
  const group = (condition: string, conditions: Record<string, unknown>, parameters: Record<string, unknown> = {}) =>
    JSON.stringify({
      Parameters: { Env: { Type: "String", Default: "dev" } },
      Conditions: conditions,
      Resources: {
        Sg: {
          Type: "AWS::EC2::SecurityGroup",
          Condition: condition,
          Properties: {
            GroupDescription: "g",
            SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" }],
          },
        },
      },
      ...parameters,
    });
  const isProd = { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } };
  table(adminPorts, [
    {
      name: "false with the default",
      type: CFN_STACK,
      props: { templateBody: group("IsProd", isProd) },
      violations: 0,
    },
    {
      name: "true with the value passed",
      type: CFN_STACK,
      props: { templateBody: group("IsProd", isProd), parameters: { Env: "prod" } },
      violations: 1,
    },
    {
      name: "undecided with the value unknown at preview",
      type: CFN_STACK,
      props: { templateBody: group("IsProd", isProd), parameters: { Env: UNKNOWN } },
      violations: 1,
    },
    {
      name: "a ROS condition of Fn::Not",
      type: ROS_STACK,
      props: {
        templateBody: JSON.stringify({
          Parameters: { Open: { Type: "Boolean", Default: "false" } },
          Conditions: { Closed: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "Open" }, "true"] }] } },
          Resources: {
            Sg: {
              Type: "ALIYUN::ECS::SecurityGroup",
              Condition: "Closed",
              Properties: {
                SecurityGroupIngress: [{ IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0" }],
              },
            },
          },
        }),
      },
      violations: 1,
    },
  ]);
  table(adminPorts, [
    {
      name: "Fn::If picks the branch its condition takes",
      type: CFN_STACK,
      props: {
        templateBody: JSON.stringify({
          Parameters: { Env: { Type: "String", Default: "dev" } },
          Conditions: isProd,
          Resources: {
            Sg: {
              Type: "AWS::EC2::SecurityGroup",
              Properties: {
                GroupDescription: "g",
                SecurityGroupIngress: [
                  {
                    IpProtocol: "tcp",
                    FromPort: 22,
                    ToPort: 22,
                    CidrIp: { "Fn::If": ["IsProd", "10.0.0.0/8", "0.0.0.0/0"] },
                  },
                ],
              },
            },
          },
        }),
      },
      violations: 1,
    },
  ] as Case[]);
});

describe("ROS inline drop entries cancel accepts of the same group", () => {
  const ssh = (extra: Record<string, unknown> = {}) => ({
    IpProtocol: "tcp",
    PortRange: "22/22",
    SourceCidrIp: "0.0.0.0/0",
    ...extra,
  });
  const group = (...ingress: unknown[]) => rosJson("ALIYUN::ECS::SecurityGroup", { SecurityGroupIngress: ingress });
  table(adminPorts, [
    {
      name: "a drop of equal priority on the same port and source",
      type: ROS_STACK,
      props: { templateBody: group(ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 1 })) },
      violations: 0,
    },
    {
      name: "a drop of higher precedence over a port range 20/30",
      type: ROS_STACK,
      props: { templateBody: group(ssh({ Priority: 5 }), ssh({ Policy: "drop", Priority: 1, PortRange: "20/30" })) },
      violations: 0,
    },
    {
      name: "two drops of halves of the internet together",
      type: ROS_STACK,
      props: {
        templateBody: group(
          ssh(),
          ssh({ Policy: "drop", SourceCidrIp: "0.0.0.0/1" }),
          ssh({ Policy: "drop", SourceCidrIp: "128.0.0.0/1" }),
        ),
      },
      violations: 0,
    },
    {
      name: "a drop of lower precedence",
      type: ROS_STACK,
      props: { templateBody: group(ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 2 })) },
      violations: 1,
    },
    {
      name: "a drop of another port",
      type: ROS_STACK,
      props: { templateBody: group(ssh(), ssh({ Policy: "drop", PortRange: "23/23" })) },
      violations: 1,
    },
    {
      name: "a drop of only part of the source",
      type: ROS_STACK,
      props: { templateBody: group(ssh(), ssh({ Policy: "drop", SourceCidrIp: "10.0.0.0/8" })) },
      violations: 1,
    },
    {
      name: "a drop of IPv4 leaves an IPv6 accept open",
      type: ROS_STACK,
      props: {
        templateBody: group(
          { IpProtocol: "tcp", PortRange: "22/22", Ipv6SourceCidrIp: "::/0" },
          ssh({ Policy: "drop" }),
        ),
      },
      violations: 1,
    },
    {
      name: "a drop whose priority is unknown at preview closes nothing",
      type: ROS_STACK,
      props: {
        templateBody: rosJson(
          "ALIYUN::ECS::SecurityGroup",
          { SecurityGroupIngress: [ssh(), ssh({ Policy: "drop", Priority: { Ref: "P" } })] },
          { P: { Type: "Number" } },
        ),
        parameters: [{ parameterKey: "P", parameterValue: UNKNOWN }],
      },
      violations: 1,
    },
    {
      name: "an all-protocol accept against a TCP drop keeps UDP",
      type: ROS_STACK,
      props: {
        templateBody: group(
          { IpProtocol: "all", PortRange: "-1/-1", SourceCidrIp: "0.0.0.0/0" },
          { IpProtocol: "tcp", PortRange: "1/65535", SourceCidrIp: "0.0.0.0/0", Policy: "drop" },
        ),
      },
      // Still judged: UDP stays open on every port.
      violations: 1,
    },
  ]);
});
