// CloudFormation resource types the pack judges, translated to the Pulumi AWS provider's shapes: security groups
// and their separate ingress rules, instances and launch templates (user data, metadata options), RDS instances.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, PropertyReader, Translated, Translation } from "./embedded-resource";

/** A single CIDR or id as the one-element list the inline rule fields take; absent stays absent. */
const single = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : [v]);

/** One `SecurityGroupIngress` entry as an inline `ingress` entry of `aws.ec2.SecurityGroup`. */
function inlineIngress(entry: unknown): unknown {
  if (isUnknown(entry)) return UNKNOWN;
  const e = obj(entry) ?? {};
  return defined({
    protocol: e.IpProtocol,
    fromPort: e.FromPort,
    toPort: e.ToPort,
    cidrBlocks: single(e.CidrIp),
    ipv6CidrBlocks: single(e.CidrIpv6),
    prefixListIds: single(e.SourcePrefixListId),
    securityGroups: single(e.SourceSecurityGroupId ?? e.SourceSecurityGroupName),
  });
}

const securityGroup: Translation = (read) => {
  const ingress = read("SecurityGroupIngress");
  return [
    {
      type: "aws:ec2/securityGroup:SecurityGroup",
      props: defined({ ingress: isUnknown(ingress) ? UNKNOWN : list(ingress).map(inlineIngress) }),
    },
  ];
};

/** `AWS::EC2::SecurityGroupIngress` maps field for field onto `aws.vpc.SecurityGroupIngressRule`. */
const securityGroupIngress: Translation = (read) => [
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    props: defined({
      ipProtocol: read("IpProtocol"),
      fromPort: read("FromPort"),
      toPort: read("ToPort"),
      cidrIpv4: read("CidrIp"),
      cidrIpv6: read("CidrIpv6"),
      prefixListId: read("SourcePrefixListId"),
      referencedSecurityGroupId: read("SourceSecurityGroupId") ?? read("SourceSecurityGroupName"),
    }),
  },
];

/** `MetadataOptions` (HttpTokens, HttpEndpoint) as the provider's `metadataOptions` block. */
function metadataOptions(read: PropertyReader, path: readonly string[]): unknown {
  const options = read(path);
  if (options === undefined || isUnknown(options)) return options;
  const o = obj(options) ?? {};
  return defined({ httpTokens: o.HttpTokens, httpEndpoint: o.HttpEndpoint });
}

// CloudFormation takes user data as base64 (Fn::Base64 of the script): the provider's userDataBase64.
const instance: Translation = (read) => [
  {
    type: "aws:ec2/instance:Instance",
    props: defined({
      userDataBase64: read("UserData", "script"),
      metadataOptions: metadataOptions(read, ["MetadataOptions"]),
      launchTemplate: read("LaunchTemplate"),
    }),
  },
];

const launchTemplate: Translation = (read) => [
  {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    props: defined({
      userData: read(["LaunchTemplateData", "UserData"], "script"),
      metadataOptions: metadataOptions(read, ["LaunchTemplateData", "MetadataOptions"]),
    }),
  },
];

/**
 * Left out, PubliclyAccessible is not false in CloudFormation: RDS makes the instance public when its subnets' VPC
 * (the default VPC without a subnet group) has an internet gateway. Unknown, then, with the reason said.
 */
const dbInstance: Translation = (read): Translated[] => {
  const flag = read("PubliclyAccessible");
  return [
    {
      type: "aws:rds/instance:Instance",
      props: { publiclyAccessible: flag ?? UNKNOWN },
      ...(flag === undefined
        ? {
            hint: "PubliclyAccessible is not set: RDS then makes the instance public when its VPC has an internet gateway; set it to false",
          }
        : {}),
    },
  ];
};

export const AWS_TEMPLATE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::SecurityGroup", securityGroup],
  ["AWS::EC2::SecurityGroupIngress", securityGroupIngress],
  ["AWS::EC2::Instance", instance],
  ["AWS::EC2::LaunchTemplate", launchTemplate],
  ["AWS::RDS::DBInstance", dbInstance],
]);
