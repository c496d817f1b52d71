// CloudFormation resource types the pack judges, translated to the Pulumi AWS provider's shapes: security groups
// and their separate ingress rules, instances, launch templates and launch configurations (user data, metadata
// options, the interface's subnet, groups and public address); data stores in aws-template-databases.ts, network
// plumbing in aws-template-network.ts, prefix lists in aws-template-prefix-lists.ts, auto scaling groups in aws-template-scaling.ts, fleets, EMR clusters and
// Instance Connect Endpoints in aws-template-fleets.ts, flow logs, their destinations
// and trails in aws-template-logging.ts, CloudTrail Lake event data stores in aws-template-event-data-stores.ts,
// load balancers and CloudFront distributions in aws-template-endpoints.ts, listeners and their rules in
// aws-template-listeners.ts, target groups and their targets in aws-template-target-groups.ts,
// WAFv2 web ACLs, their associations and what their rules reference in aws-template-waf.ts, GuardDuty detectors and
// EventBridge rules in aws-template-threat-detection.ts, EKS node groups, Elastic Beanstalk and SageMaker notebooks in
// aws-template-managed-compute.ts, IAM users' console logins and the policies that reach them in aws-template-identity.ts,
// AWS Backup vaults (their locks and access policies) and plans in aws-template-backups.ts.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { AWS_BACKUP_TRANSLATIONS } from "./aws-template-backups";
import { AWS_DATABASE_TRANSLATIONS } from "./aws-template-databases";
import { AWS_ENDPOINT_TRANSLATIONS } from "./aws-template-endpoints";
import { AWS_EVENT_DATA_STORE_TRANSLATIONS } from "./aws-template-event-data-stores";
import { AWS_FLEET_TRANSLATIONS } from "./aws-template-fleets";
import { AWS_IDENTITY_TRANSLATIONS } from "./aws-template-identity";
import { AWS_SSM_TRANSLATIONS } from "./aws-template-ssm";
import { AWS_LOGGING_TRANSLATIONS } from "./aws-template-logging";
import { AWS_MANAGED_COMPUTE_TRANSLATIONS } from "./aws-template-managed-compute";
import { AWS_NETWORK_TRANSLATIONS } from "./aws-template-network";
import { AWS_PREFIX_LIST_TRANSLATIONS } from "./aws-template-prefix-lists";
import { AWS_SCALING_TRANSLATIONS, launchTemplateRef } from "./aws-template-scaling";
import { AWS_THREAT_DETECTION_TRANSLATIONS } from "./aws-template-threat-detection";
import { AWS_WAF_TRANSLATIONS } from "./aws-template-waf";
import { defined, idList, PropertyReader, tagMap, Translation } from "./embedded-resource";

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
      props: defined({
        ingress: isUnknown(ingress) ? UNKNOWN : list(ingress).map(inlineIngress),
        vpcId: read("VpcId"),
        name: read("GroupName"),
        tags: tagMap(read("Tags")),
      }),
    },
  ];
};

/** `AWS::EC2::SecurityGroupIngress` maps field for field onto `aws.vpc.SecurityGroupIngressRule`. */
const securityGroupIngress: Translation = (read) => [
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    props: defined({
      securityGroupId: read("GroupId"),
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

/** The interface at device index 0: the one whose subnet, groups and public address are the instance's. */
function primaryInterface(interfaces: unknown): Record<string, unknown> | undefined | "unknown" {
  if (isUnknown(interfaces)) return "unknown";
  const all = list(interfaces);
  const primary = all.find((ni) => String(obj(ni)?.DeviceIndex) === "0") ?? all[0];
  return isUnknown(primary) ? "unknown" : obj(primary);
}

/**
 * The instance's placement: its own SubnetId and groups, or those its primary interface gives (an interface unknown
 * at preview may ask for a public address: the model then counts one). An existing interface it names stays a
 * reference (`networkInterfaces[].networkInterfaceId`).
 */
function instancePlacement(read: PropertyReader): Record<string, unknown> {
  const primary = primaryInterface(read("NetworkInterfaces"));
  if (primary === undefined)
    return {
      subnetId: read("SubnetId"),
      vpcSecurityGroupIds: read("SecurityGroupIds"),
      securityGroups: read("SecurityGroups"),
      ipv6AddressCount: read("Ipv6AddressCount"),
    };
  if (primary === "unknown") return { associatePublicIpAddress: UNKNOWN, subnetId: UNKNOWN };
  return {
    subnetId: primary.SubnetId,
    vpcSecurityGroupIds: primary.GroupSet,
    associatePublicIpAddress: primary.AssociatePublicIpAddress,
    ipv6AddressCount: primary.Ipv6AddressCount,
    networkInterfaces:
      primary.NetworkInterfaceId === undefined ? undefined : [{ networkInterfaceId: primary.NetworkInterfaceId }],
  };
}

// CloudFormation takes user data as base64 (Fn::Base64 of the script): the provider's userDataBase64.
const instance: Translation = (read) => [
  {
    type: "aws:ec2/instance:Instance",
    props: defined({
      userDataBase64: read("UserData", "script"),
      metadataOptions: metadataOptions(read, ["MetadataOptions"]),
      launchTemplate: launchTemplateRef(read("LaunchTemplate")),
      ...instancePlacement(read),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** A launch template's interfaces: each one's public address choice, groups and subnet. */
function templateInterfaces(interfaces: unknown): unknown {
  if (interfaces === undefined || isUnknown(interfaces)) return interfaces;
  return list(interfaces).map((ni) =>
    isUnknown(ni)
      ? UNKNOWN
      : defined({
          associatePublicIpAddress: obj(ni)?.AssociatePublicIpAddress,
          securityGroups: obj(ni)?.Groups,
          subnetId: obj(ni)?.SubnetId,
          ipv6AddressCount: obj(ni)?.Ipv6AddressCount,
          deviceIndex: obj(ni)?.DeviceIndex,
        }),
  );
}

const launchTemplate: Translation = (read) => [
  {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    props: defined({
      userData: read(["LaunchTemplateData", "UserData"], "script"),
      metadataOptions: metadataOptions(read, ["LaunchTemplateData", "MetadataOptions"]),
      networkInterfaces: templateInterfaces(read(["LaunchTemplateData", "NetworkInterfaces"])),
      vpcSecurityGroupIds: idList(read(["LaunchTemplateData", "SecurityGroupIds"])),
      name: read("LaunchTemplateName"),
    }),
  },
];

/** Auto-scaling launch configurations: user data (base64, as for instances), metadata options, public address. */
const launchConfiguration: Translation = (read) => [
  {
    type: "aws:ec2/launchConfiguration:LaunchConfiguration",
    props: defined({
      userDataBase64: read("UserData", "script"),
      metadataOptions: metadataOptions(read, ["MetadataOptions"]),
      associatePublicIpAddress: read("AssociatePublicIpAddress"),
      securityGroups: read("SecurityGroups"),
    }),
  },
];

export const AWS_TEMPLATE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::SecurityGroup", securityGroup],
  ["AWS::EC2::SecurityGroupIngress", securityGroupIngress],
  ["AWS::EC2::Instance", instance],
  ["AWS::EC2::LaunchTemplate", launchTemplate],
  ["AWS::AutoScaling::LaunchConfiguration", launchConfiguration],
  ...AWS_NETWORK_TRANSLATIONS,
  ...AWS_PREFIX_LIST_TRANSLATIONS,
  ...AWS_DATABASE_TRANSLATIONS,
  ...AWS_SCALING_TRANSLATIONS,
  ...AWS_FLEET_TRANSLATIONS,
  ...AWS_MANAGED_COMPUTE_TRANSLATIONS,
  ...AWS_SSM_TRANSLATIONS,
  ...AWS_LOGGING_TRANSLATIONS,
  ...AWS_EVENT_DATA_STORE_TRANSLATIONS,
  ...AWS_ENDPOINT_TRANSLATIONS,
  ...AWS_WAF_TRANSLATIONS,
  ...AWS_THREAT_DETECTION_TRANSLATIONS,
  ...AWS_IDENTITY_TRANSLATIONS,
  ...AWS_BACKUP_TRANSLATIONS,
]);
