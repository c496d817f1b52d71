// ROS auto scaling groups as balancer backends: every instance a group launches joins the server groups attached to
// it. CLB vServer groups (ALIYUN::ESS::VServerGroupAttachment) become the provider's `ess.ScalingGroupVServerGroups`;
// ALB and NLB server groups, attached by ALIYUN::ESS::ServerGroupAttachment or listed in the scaling group's own
// ServerGroups, become one `ess.ServerGroupAttachment` each, as the provider attaches them.
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, Translated, Translation } from "./embedded-resource";
import { entries, entryOf } from "./ros-template-entries";

/**
 * One attachment per `ServerGroups` entry (`{ ServerGroupId, Type, Port, Weight }`) of the scaling group `scalingGroup`;
 * a list unknown at preview is one attachment of a group and port no one knows.
 */
export function serverGroupAttachments(groups: unknown, scalingGroup: unknown, field: string): Translated[] {
  if (groups === undefined) return [];
  const each = isUnknown(groups) ? [UNKNOWN] : list(groups);
  return each.map((g, i): Translated => {
    const e = entryOf(g);
    return {
      type: "alicloud:ess/serverGroupAttachment:ServerGroupAttachment",
      props: defined({
        scalingGroupId: scalingGroup,
        serverGroupId: e.ServerGroupId,
        type: e.Type,
        port: e.Port,
        weight: e.Weight,
      }),
      where: isUnknown(groups) ? field : `${field}[${i}]`,
    };
  });
}

const serverGroupAttachment: Translation = (read) =>
  serverGroupAttachments(read("ServerGroups"), read("ScalingGroupId"), "ServerGroups");

/** `VServerGroups: [{ LoadBalancerId, VServerGroupAttributes: [{ VServerGroupId, Port, Weight }] }]`. */
const vServerGroupAttachment: Translation = (read) => [
  {
    type: "alicloud:ess/scalingGroupVServerGroups:ScalingGroupVServerGroups",
    props: defined({
      scalingGroupId: read("ScalingGroupId"),
      vserverGroups: entries(read("VServerGroups"), (g) => ({
        loadbalancerId: g.LoadBalancerId,
        vserverAttributes: entries(g.VServerGroupAttributes, (a) => ({
          vserverGroupId: a.VServerGroupId,
          port: a.Port,
          weight: a.Weight,
        })),
      })),
      force: read("ForceAttach"),
    }),
  },
];

export const ROS_SCALING_BACKEND_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ESS::VServerGroupAttachment", vServerGroupAttachment],
  ["ALIYUN::ESS::ServerGroupAttachment", serverGroupAttachment],
]);
