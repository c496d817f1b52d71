// Template containers for the template tests: the four Pulumi resources that deploy a raw template, and short ways to
// write a body with one resource of a given type.
import { hardeningRules } from "../../policies/catalog";

export const CFN_STACK = "aws:cloudformation/stack:Stack";
export const CFN_STACK_SET = "aws:cloudformation/stackSet:StackSet";
export const ROS_STACK = "alicloud:ros/stack:Stack";
export const ROS_STACK_GROUP = "alicloud:ros/stackGroup:StackGroup";

/** A catalog rule (as the pack runs it, reading templates) by name. */
export function rule(name: string) {
  const found = hardeningRules.find((p) => p.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

/** A JSON CloudFormation body declaring one resource, with optional parameters. */
export function cfnJson(type: string, properties: unknown, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: "2010-09-09",
    Parameters: parameters,
    Resources: { Res: { Type: type, Properties: properties } },
  });
}

/** A JSON ROS body declaring one resource, with optional parameters. */
export function rosJson(type: string, properties: unknown, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ROSTemplateFormatVersion: "2015-09-01",
    Parameters: parameters,
    Resources: { Res: { Type: type, Properties: properties } },
  });
}

/** A template's Resources section. */
export type TemplateResources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; Condition?: string }
>;

/** A VPC whose `Public` subnet routes to an internet gateway and whose `Private` subnet does not. */
export const cfnNetwork = (mapPublic: unknown = false): TemplateResources => ({
  Vpc: { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
  Igw: { Type: "AWS::EC2::InternetGateway" },
  Attach: {
    Type: "AWS::EC2::VPCGatewayAttachment",
    Properties: { VpcId: { Ref: "Vpc" }, InternetGatewayId: { Ref: "Igw" } },
  },
  PublicRt: { Type: "AWS::EC2::RouteTable", Properties: { VpcId: { Ref: "Vpc" } } },
  Default: {
    Type: "AWS::EC2::Route",
    Properties: { RouteTableId: { Ref: "PublicRt" }, DestinationCidrBlock: "0.0.0.0/0", GatewayId: { Ref: "Igw" } },
  },
  Public: {
    Type: "AWS::EC2::Subnet",
    Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24", MapPublicIpOnLaunch: mapPublic },
  },
  PublicAssoc: {
    Type: "AWS::EC2::SubnetRouteTableAssociation",
    Properties: { SubnetId: { Ref: "Public" }, RouteTableId: { Ref: "PublicRt" } },
  },
  PrivateRt: { Type: "AWS::EC2::RouteTable", Properties: { VpcId: { Ref: "Vpc" } } },
  Private: { Type: "AWS::EC2::Subnet", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.2.0/24" } },
  PrivateAssoc: {
    Type: "AWS::EC2::SubnetRouteTableAssociation",
    Properties: { SubnetId: { Ref: "Private" }, RouteTableId: { Ref: "PrivateRt" } },
  },
});
