// ROS outbound security group rules, written one to a resource (ALIYUN::ECS::SecurityGroupEgress), many to one
// (ALIYUN::ECS::SecurityGroupEgresses, up to 100 Permissions) or inline in a group (its SecurityGroupEgress list), each
// as the provider's own rule resource of type egress naming its group. For an egress rule the provider's cidrIp,
// ipv6CidrIp, sourceSecurityGroupId and prefixListId name where traffic goes. The network model admits inbound
// traffic only, so these are kept out of every reachability verdict.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, PropertyReader, Translated, Translation } from "./embedded-resource";

const SECURITY_GROUP_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

/** One egress entry as `alicloud.ecs.SecurityGroupRule`; an entry unknown at preview may allow anything out. */
function egressRule(entry: unknown, where: string, group: unknown): Translated {
  const e = isUnknown(entry) ? undefined : (obj(entry) ?? {});
  const props = e
    ? defined({
        type: "egress",
        securityGroupId: group,
        ipProtocol: e.IpProtocol,
        portRange: e.PortRange,
        cidrIp: e.DestCidrIp,
        ipv6CidrIp: e.Ipv6DestCidrIp,
        policy: e.Policy,
        priority: e.Priority,
        nicType: e.NicType,
        sourceSecurityGroupId: e.DestGroupId,
        prefixListId: e.DestPrefixListId,
      })
    : { type: "egress", securityGroupId: group, ipProtocol: UNKNOWN, portRange: UNKNOWN, cidrIp: UNKNOWN };
  return { type: SECURITY_GROUP_RULE, props, where };
}

/** Entries of one group (`field` of the resource), each its own rule; a list unknown at preview is one unknown rule. */
export function egressRules(entries: unknown, field: string, group: unknown): Translated[] {
  if (isUnknown(entries)) return [egressRule(UNKNOWN, field, group)];
  return list(entries).map((entry, i) => egressRule(entry, `${field}[${i}]`, group));
}

const ENTRY_FIELDS = [
  "IpProtocol",
  "PortRange",
  "DestCidrIp",
  "Ipv6DestCidrIp",
  "Policy",
  "Priority",
  "NicType",
  "DestGroupId",
  "DestPrefixListId",
];

const entryOf = (read: PropertyReader) => Object.fromEntries(ENTRY_FIELDS.map((f) => [f, read(f)]));

const securityGroupEgress: Translation = (read) => [egressRule(entryOf(read), "rule", read("SecurityGroupId"))];

/** Every permission is a rule of the one group SecurityGroupId names. */
const securityGroupEgresses: Translation = (read) =>
  egressRules(read("Permissions"), "Permissions", read("SecurityGroupId"));

export const ROS_EGRESS_RULE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::SecurityGroupEgress", securityGroupEgress],
  ["ALIYUN::ECS::SecurityGroupEgresses", securityGroupEgresses],
]);
