// ROS (Alibaba Cloud Resource Orchestration Service) resource types the pack judges, translated to the Pulumi
// Alicloud provider's shapes: security-group ingress (inline or separate) as one rule resource per entry, ECS
// instances and instance groups (password, user data), RDS instances (SecurityIPList).
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, Translated, Translation } from "./embedded-resource";

const SECURITY_GROUP_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

/** One ingress entry as `alicloud.ecs.SecurityGroupRule`; an entry unknown at preview may open anything. */
function ingressRule(entry: unknown, where: string): Translated {
  const e = isUnknown(entry) ? undefined : (obj(entry) ?? {});
  const props = e
    ? defined({
        type: "ingress",
        ipProtocol: e.IpProtocol,
        portRange: e.PortRange,
        cidrIp: e.SourceCidrIp,
        ipv6CidrIp: e.Ipv6SourceCidrIp,
        policy: e.Policy,
        priority: e.Priority,
        sourceSecurityGroupId: e.SourceGroupId,
        prefixListId: e.SourcePrefixListId,
      })
    : { type: "ingress", ipProtocol: UNKNOWN, portRange: UNKNOWN, cidrIp: UNKNOWN };
  return { type: SECURITY_GROUP_RULE, props, where };
}

/**
 * Each inline entry becomes a rule resource of its own, as the rules read Alicloud groups: a drop entry then closes
 * nothing for another entry (reported as open, never the reverse).
 */
const securityGroup: Translation = (read) => {
  const ingress = read("SecurityGroupIngress");
  if (isUnknown(ingress)) return [ingressRule(UNKNOWN, "SecurityGroupIngress")];
  return list(ingress).map((entry, i) => ingressRule(entry, `SecurityGroupIngress[${i}]`));
};

const securityGroupIngress: Translation = (read) => [
  ingressRule(
    {
      IpProtocol: read("IpProtocol"),
      PortRange: read("PortRange"),
      SourceCidrIp: read("SourceCidrIp"),
      Ipv6SourceCidrIp: read("Ipv6SourceCidrIp"),
      Policy: read("Policy"),
      Priority: read("Priority"),
      SourceGroupId: read("SourceGroupId"),
      SourcePrefixListId: read("SourcePrefixListId"),
    },
    "rule",
  ),
];

// ROS takes user data as plain text; the script reader decodes base64 too, so either form is read.
const ecsInstance: Translation = (read) => [
  {
    type: "alicloud:ecs/instance:Instance",
    props: defined({
      password: read("Password"),
      passwordInherit: read("PasswordInherit"),
      imageId: read("ImageId"),
      keyName: read("KeyPairName"),
      userData: read("UserData", "script"),
      launchTemplateId: read("LaunchTemplateId"),
      launchTemplateName: read("LaunchTemplateName"),
    }),
  },
];

/** SecurityIPList is comma-separated text, as the provider's securityIps entries may be. */
const rdsInstance: Translation = (read) => [
  { type: "alicloud:rds/instance:Instance", props: defined({ securityIps: read("SecurityIPList") }) },
];

export const ROS_TEMPLATE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::SecurityGroup", securityGroup],
  ["ALIYUN::ECS::SecurityGroupIngress", securityGroupIngress],
  ["ALIYUN::ECS::Instance", ecsInstance],
  ["ALIYUN::ECS::InstanceGroup", ecsInstance],
  ["ALIYUN::RDS::DBInstance", rdsInstance],
]);
