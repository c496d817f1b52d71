// Every translated template type written in YAML with short-form tags, bad and good twins: the short forms resolve
// as their long forms do, so the same rule judges them.
import { Case, table } from "./harness";
import { CFN_STACK, ROS_STACK, rule } from "./templates-fixtures";

/** A YAML body with one resource `Res` of `type`; `properties` is indented YAML text. */
const yamlBody = (header: string, type: string, properties: string, parameters = "") =>
  `${header}\n${parameters ? `Parameters:\n${parameters}\n` : ""}Resources:\n  Res:\n    Type: ${type}\n    Properties:\n${properties}\n`;
const cfn = (type: string, properties: string, parameters = "") =>
  yamlBody('AWSTemplateFormatVersion: "2010-09-09"', type, properties, parameters);
const ros = (type: string, properties: string, parameters = "") =>
  yamlBody('ROSTemplateFormatVersion: "2015-09-01"', type, properties, parameters);

/** One table row: a stack of `type` whose template is `templateBody`; `extra` adds further checks (mentions...). */
const row = (
  name: string,
  type: string,
  templateBody: string,
  violations: number,
  extra: Partial<Case> = {},
): Case => ({
  name,
  type,
  props: { templateBody },
  violations,
  ...extra,
});

const OPEN_PARAMETER = "  Source:\n    Type: String\n    Default: 0.0.0.0/0";
const PRIVATE_PARAMETER = "  Source:\n    Type: String\n    Default: 10.0.0.0/8";

const cfnRule = (parameter: string) =>
  cfn(
    "AWS::EC2::SecurityGroupIngress",
    "      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: !Ref Source",
    parameter,
  );
const rosRule = (net: string) =>
  ros(
    "ALIYUN::ECS::SecurityGroupIngress",
    `      SecurityGroupId: sg-1\n      IpProtocol: tcp\n      PortRange: !Sub "\${Port}/\${Port}"\n      SourceCidrIp: !Select [0, ["${net}", "10.0.0.0/8"]]`,
    "  Port:\n    Type: Number\n    Default: 22",
  );

describe("YAML short forms: ports", () => {
  table(rule("disallow-internet-admin-ports"), [
    row("CFN SecurityGroupIngress, !Ref of an open default", CFN_STACK, cfnRule(OPEN_PARAMETER), 1),
    row("its twin with a private default", CFN_STACK, cfnRule(PRIVATE_PARAMETER), 0),
    row("ROS SecurityGroupIngress, !Sub port and !Select source", ROS_STACK, rosRule("0.0.0.0/0"), 1),
    row("its twin from 192.168.0.0/16", ROS_STACK, rosRule("192.168.0.0/16"), 0),
  ]);
});

const WEAK = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config";
const GOOD = "echo 'PermitRootLogin no' > /etc/ssh/sshd_config.d/10-root.conf";
const launchTemplate = (line: string) =>
  cfn(
    "AWS::EC2::LaunchTemplate",
    `      LaunchTemplateData:\n        UserData: !Base64\n          Fn::Join: ["\\n", ["#!/bin/bash", "${line.replace(/"/g, '\\"')}"]]`,
  );
const rosGroup = (line: string) =>
  ros(
    "ALIYUN::ECS::InstanceGroup",
    `      ImageId: ubuntu\n      MaxAmount: 2\n      KeyPairName: ops\n      UserData: !Join ["\\n", ["#!/bin/bash", "${line.replace(/"/g, '\\"')}"]]`,
  );

describe("YAML short forms: user data", () => {
  table(rule("disallow-userdata-login-weakening"), [
    row("CFN launch template, !Base64 of Fn::Join", CFN_STACK, launchTemplate(WEAK), 1, {
      mentions: "permits root login",
    }),
    row("its hardened twin", CFN_STACK, launchTemplate(GOOD), 0),
    row("ROS instance group, !Join", ROS_STACK, rosGroup(WEAK), 1),
    row("its hardened twin", ROS_STACK, rosGroup(GOOD), 0),
  ]);
});

describe("YAML short forms: passwords", () => {
  const instance = (login: string) =>
    ros(
      "ALIYUN::ECS::Instance",
      `      ImageId: centos_7\n${login}`,
      "  Pw:\n    Type: String\n    Default: Passw0rd!",
    );
  table(rule("disallow-ecs-password-login"), [
    row("ROS instance, Password !Ref of a default", ROS_STACK, instance("      Password: !Ref Pw"), 1),
    row("ROS instance with a key pair", ROS_STACK, instance("      KeyPairName: !Sub ops-key"), 0),
  ]);
});

describe("YAML short forms: databases", () => {
  const rds = (flag: string) =>
    cfn(
      "AWS::RDS::DBInstance",
      `      Engine: mysql\n      PubliclyAccessible: !Ref Public`,
      `  Public:\n    Type: String\n    Default: "${flag}"`,
    );
  const rosRds = (list: string) =>
    ros("ALIYUN::RDS::DBInstance", `      Engine: MySQL\n      SecurityIPList: !Join [",", [${list}]]`);
  table(rule("disallow-public-managed-databases"), [
    row('CFN RDS PubliclyAccessible !Ref of "true"', CFN_STACK, rds("true"), 1),
    row('its twin "false"', CFN_STACK, rds("false"), 0),
    row("ROS RDS SecurityIPList !Join with 0.0.0.0/0", ROS_STACK, rosRds("10.0.0.0/8, 0.0.0.0/0"), 1),
    row("its private twin", ROS_STACK, rosRds("10.0.0.0/8, 172.16.0.0/12"), 0),
  ]);
});

describe("YAML short forms: metadata tokens", () => {
  const ec2 = (tokens: string) =>
    cfn(
      "AWS::EC2::Instance",
      `      ImageId: ami-1\n      MetadataOptions:\n        HttpTokens: !FindInMap [Imds, Tokens, ${tokens}]`,
    ).replace("Resources:", "Mappings:\n  Imds:\n    Tokens: { Weak: optional, Strong: required }\nResources:");
  table(rule("require-imdsv2"), [
    row("CFN instance, !FindInMap to optional", CFN_STACK, ec2("Weak"), 1),
    row("its twin to required", CFN_STACK, ec2("Strong"), 0),
  ]);
});
