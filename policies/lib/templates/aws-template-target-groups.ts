// CloudFormation ELBv2 target groups as the Pulumi AWS provider's `aws.lb.TargetGroup`, and each of their `Targets`
// as an `aws.lb.TargetGroupAttachment` naming the group: the network model reaches a listener's forwards through
// them to the hosts behind (`Ref` of an instance is its id) on the group's port or the target's own. `Ref` of a group
// gives its ARN, which listener actions and auto scaling groups' `TargetGroupARNs` name it by.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translated, Translation } from "./embedded-resource";

const ATTACHMENT = "aws:lb/targetGroupAttachment:TargetGroupAttachment";

/** The `preserve_client_ip.enabled` entry of `TargetGroupAttributes`; a list or entry unknown at preview may set it. */
function preserveClientIp(attributes: unknown): unknown {
  if (attributes === undefined) return undefined;
  if (isUnknown(attributes)) return UNKNOWN;
  let value: unknown;
  for (const entry of list(attributes)) {
    if (isUnknown(entry)) return UNKNOWN;
    const key = obj(entry)?.Key;
    if (isUnknown(key)) return UNKNOWN;
    if (key === "preserve_client_ip.enabled") value = obj(entry)?.Value;
  }
  return value;
}

/**
 * One `Targets` entry (`{ Id, Port, AvailabilityZone }`) as an attachment to `group`. An entry unknown at preview (an
 * undecided `Fn::If`) may name any target on any port: its id and port stay unknown, which the model notes.
 */
function attachment(entry: unknown, group: string, where: string): Translated {
  const t = isUnknown(entry) ? undefined : (obj(entry) ?? {});
  const props = t
    ? defined({ targetGroupArn: group, targetId: t.Id, port: t.Port, availabilityZone: t.AvailabilityZone })
    : { targetGroupArn: group, targetId: UNKNOWN, port: UNKNOWN };
  return { type: ATTACHMENT, props, where };
}

/** A `Targets` list unknown at preview is one target no one knows. */
function attachments(targets: unknown, group: string): Translated[] {
  if (targets === undefined) return [];
  if (isUnknown(targets)) return [attachment(UNKNOWN, group, "Targets")];
  return list(targets).map((entry, i) => attachment(entry, group, `Targets[${i}]`));
}

const targetGroup: Translation = (read, self) => [
  {
    type: "aws:lb/targetGroup:TargetGroup",
    props: defined({
      name: read("Name"),
      port: read("Port"),
      protocol: read("Protocol"),
      targetType: read("TargetType"),
      vpcId: read("VpcId"),
      preserveClientIp: preserveClientIp(read("TargetGroupAttributes")),
      tags: tagMap(read("Tags")),
    }),
  },
  ...attachments(read("Targets"), self),
];

export const AWS_TARGET_GROUP_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::ElasticLoadBalancingV2::TargetGroup", targetGroup],
]);
