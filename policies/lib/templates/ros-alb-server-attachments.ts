// ROS ALB backend servers. ALIYUN::ALB::ServerGroup takes no servers of its own: each
// ALIYUN::ALB::BackendServerAttachment adds servers to the group it names. Once the whole template is read, the
// servers attached to a group of the template become its `servers`, as the provider's `alb.ServerGroup` holds them,
// so a listener forwarding to the group reaches them. An attachment naming a group outside the template has no
// provider shape to carry it and leaves the reading.
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { EmbeddedResource, Translation } from "./embedded-resource";
import { entries } from "./ros-template-entries";
import { templateReference } from "./template-references";

const ALB_SERVER_GROUP = "alicloud:alb/serverGroup:ServerGroup";
const ROS_ALB_SERVER_GROUP = "ALIYUN::ALB::ServerGroup";
/** Servers as read, before they are settled on their group; never handed to a rule. */
export const ALB_SERVER_ATTACHMENT = "template:ALIYUN::ALB::BackendServerAttachment";

/** A server list unknown at preview: one server whose id, kind and port no one knows. */
const UNKNOWN_SERVER = { serverId: UNKNOWN, serverType: UNKNOWN, port: UNKNOWN };

const attachment: Translation = (read) => [
  {
    type: ALB_SERVER_ATTACHMENT,
    props: {
      serverGroupId: read("ServerGroupId"),
      servers: entries(read("Servers"), (s) => ({
        serverId: s.ServerId,
        serverType: s.ServerType,
        port: s.Port,
        weight: s.Weight,
        serverIp: s.ServerIp,
        description: s.Description,
      })),
    },
  },
];

export const ROS_ALB_SERVER_ATTACHMENT_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ALB::BackendServerAttachment", attachment],
]);

const serversOf = (a: EmbeddedResource): unknown[] =>
  isUnknown(a.props.servers) ? [UNKNOWN_SERVER] : list(a.props.servers);

/** The template's ALB server groups with the servers attached to them; the attachments leave the reading. */
export function settleAlbServerAttachments(resources: EmbeddedResource[]): EmbeddedResource[] {
  if (!resources.some((r) => r.type === ALB_SERVER_ATTACHMENT)) return resources;
  const attachments = resources.filter((r) => r.type === ALB_SERVER_ATTACHMENT);
  return resources
    .filter((r) => r.type !== ALB_SERVER_ATTACHMENT)
    .map((r) => {
      if (r.templateType !== ROS_ALB_SERVER_GROUP || r.type !== ALB_SERVER_GROUP) return r;
      const own = templateReference(r.logicalId);
      const attached = attachments.filter((a) => a.props.serverGroupId === own).flatMap(serversOf);
      return attached.length > 0
        ? { ...r, props: { ...r.props, servers: [...list(r.props.servers), ...attached] } }
        : r;
    });
}
