// ROS inbound security group rules, written one to a resource (ALIYUN::ECS::SecurityGroupIngress) or many to one
// (ALIYUN::ECS::SecurityGroupIngresses, up to 100 Permissions), each as the provider's own rule resource naming its
// group; a group's inline entries (ros-template-resources.ts) are read by the same `ingressRules`.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, Translated, Translation } from "./embedded-resource";
import { withoutCancelledAccepts } from "./ros-inline-drops";

const SECURITY_GROUP_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

/** One ingress entry as `alicloud.ecs.SecurityGroupRule`; an entry unknown at preview may open anything. */
function ingressRule(entry: unknown, where: string, group: unknown): Translated {
  const e = isUnknown(entry) ? undefined : (obj(entry) ?? {});
  const props = e
    ? defined({
        type: "ingress",
        securityGroupId: group,
        ipProtocol: e.IpProtocol,
        portRange: e.PortRange,
        cidrIp: e.SourceCidrIp,
        ipv6CidrIp: e.Ipv6SourceCidrIp,
        policy: e.Policy,
        priority: e.Priority,
        sourceSecurityGroupId: e.SourceGroupId,
        prefixListId: e.SourcePrefixListId,
        // A drop naming a destination or a source port closes only part of the group's traffic (narrowed-drops.ts).
        destCidrIp: e.DestCidrIp,
        ipv6DestCidrIp: e.Ipv6DestCidrIp,
        sourcePortRange: e.SourcePortRange,
      })
    : { type: "ingress", securityGroupId: group, ipProtocol: UNKNOWN, portRange: UNKNOWN, cidrIp: UNKNOWN };
  return { type: SECURITY_GROUP_RULE, props, where };
}

/**
 * Entries of one group, each its own rule; an accept the entries' drops close for every port and source it names
 * is left out, as for a group's inline entries (ros-inline-drops.ts).
 */
export function ingressRules(entries: unknown, field: string, group: unknown): Translated[] {
  if (isUnknown(entries)) return [ingressRule(UNKNOWN, field, group)];
  const rules = list(entries).map((entry, i) => ingressRule(entry, `${field}[${i}]`, group));
  return withoutCancelledAccepts(rules);
}

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
      DestCidrIp: read("DestCidrIp"),
      Ipv6DestCidrIp: read("Ipv6DestCidrIp"),
      SourcePortRange: read("SourcePortRange"),
    },
    "rule",
    read("SecurityGroupId"),
  ),
];

/** Every permission is a rule of the one group SecurityGroupId names. */
const securityGroupIngresses: Translation = (read) =>
  ingressRules(read("Permissions"), "Permissions", read("SecurityGroupId"));

export const ROS_INGRESS_RULE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::SecurityGroupIngress", securityGroupIngress],
  ["ALIYUN::ECS::SecurityGroupIngresses", securityGroupIngresses],
]);
