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
    {
      name: "CFN SecurityGroupIngress, !Ref of an open default",
      type: CFN_STACK,
      props: { templateBody: cfnRule(OPEN_PARAMETER) },
      violations: 1,
    },
    {
      name: "its twin with a private default",
      type: CFN_STACK,
      props: { templateBody: cfnRule(PRIVATE_PARAMETER) },
      violations: 0,
    },
    {
      name: "ROS SecurityGroupIngress, !Sub port and !Select source",
      type: ROS_STACK,
      props: { templateBody: rosRule("0.0.0.0/0") },
      violations: 1,
    },
    {
      name: "its twin from 192.168.0.0/16",
      type: ROS_STACK,
      props: { templateBody: rosRule("192.168.0.0/16") },
      violations: 0,
    },
  ] as Case[]);
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
    {
      name: "CFN launch template, !Base64 of Fn::Join",
      type: CFN_STACK,
      props: { templateBody: launchTemplate(WEAK) },
      violations: 1,
      mentions: "permits root login",
    },
    { name: "its hardened twin", type: CFN_STACK, props: { templateBody: launchTemplate(GOOD) }, violations: 0 },
    { name: "ROS instance group, !Join", type: ROS_STACK, props: { templateBody: rosGroup(WEAK) }, violations: 1 },
    { name: "its hardened twin", type: ROS_STACK, props: { templateBody: rosGroup(GOOD) }, violations: 0 },
  ] as Case[]);
});

describe("YAML short forms: passwords", () => {
  const instance = (login: string) =>
    ros(
      "ALIYUN::ECS::Instance",
      `      ImageId: centos_7\n${login}`,
      "  Pw:\n    Type: String\n    Default: Passw0rd!",
    );
  table(rule("disallow-ecs-password-login"), [
    {
      name: "ROS instance, Password !Ref of a default",
      type: ROS_STACK,
      props: { templateBody: instance("      Password: !Ref Pw") },
      violations: 1,
    },
    {
      name: "ROS instance with a key pair",
      type: ROS_STACK,
      props: { templateBody: instance("      KeyPairName: !Sub ops-key") },
      violations: 0,
    },
  ] as Case[]);
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
    {
      name: 'CFN RDS PubliclyAccessible !Ref of "true"',
      type: CFN_STACK,
      props: { templateBody: rds("true") },
      violations: 1,
    },
    { name: 'its twin "false"', type: CFN_STACK, props: { templateBody: rds("false") }, violations: 0 },
    {
      name: "ROS RDS SecurityIPList !Join with 0.0.0.0/0",
      type: ROS_STACK,
      props: { templateBody: rosRds("10.0.0.0/8, 0.0.0.0/0") },
      violations: 1,
    },
    {
      name: "its private twin",
      type: ROS_STACK,
      props: { templateBody: rosRds("10.0.0.0/8, 172.16.0.0/12") },
      violations: 0,
    },
  ] as Case[]);
});

describe("YAML short forms: metadata tokens", () => {
  const ec2 = (tokens: string) =>
    cfn(
      "AWS::EC2::Instance",
      `      ImageId: ami-1\n      MetadataOptions:\n        HttpTokens: !FindInMap [Imds, Tokens, ${tokens}]`,
    ).replace("Resources:", "Mappings:\n  Imds:\n    Tokens: { Weak: optional, Strong: required }\nResources:");
  table(rule("require-imdsv2"), [
    {
      name: "CFN instance, !FindInMap to optional",
      type: CFN_STACK,
      props: { templateBody: ec2("Weak") },
      violations: 1,
    },
    { name: "its twin to required", type: CFN_STACK, props: { templateBody: ec2("Strong") }, violations: 0 },
  ] as Case[]);
});
