// ROS Application Load Balancer (ALB) resources, translated to the Pulumi Alicloud provider's shapes the WAF rule and
// the network model read: the balancer (AddressType, the WAF-enabled edition, zones), its listeners (port, protocol,
// the server groups their default action forwards to, aclConfig), server groups, ACLs and ACL associations. The
// servers ALIYUN::ALB::BackendServerAttachment adds to a group become the group's own `servers`, the only place the
// provider declares them (ros-alb-server-attachments.ts).
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translated, Translation } from "./embedded-resource";
import { entries, entryOf } from "./ros-template-entries";
import { ROS_ALB_SERVER_ATTACHMENT_TRANSLATIONS } from "./ros-alb-server-attachments";

const loadBalancer: Translation = (read) => [
  {
    type: "alicloud:alb/loadBalancer:LoadBalancer",
    props: defined({
      addressType: read("AddressType"),
      loadBalancerEdition: read("LoadBalancerEdition"),
      vpcId: read("VpcId"),
      zoneMappings: entries(read("ZoneMappings"), (z) => ({ zoneId: z.ZoneId, vswitchId: z.VSwitchId })),
      addressIpVersion: read("AddressIpVersion"),
      addressAllocatedMode: read("AddressAllocatedMode"),
      loadBalancerName: read("LoadBalancerName"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** DefaultActions: `[{ Type, ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId }] } }]`. */
function defaultActions(actions: unknown): unknown {
  return entries(actions, (a) => {
    const config = a.ForwardGroupConfig;
    const tuples = entryOf(config).ServerGroupTuples;
    return {
      type: a.Type,
      forwardGroupConfig:
        config === undefined || isUnknown(config)
          ? config
          : { serverGroupTuples: entries(tuples, (t) => ({ serverGroupId: t.ServerGroupId })) },
    };
  });
}

/** AclConfig `{ AclType, AclRelations: [{ AclId }] }`, as the provider's older aclConfig block. */
function aclConfig(config: unknown): unknown {
  if (config === undefined || isUnknown(config)) return config;
  const c = entryOf(config);
  return defined({ aclType: c.AclType, aclRelations: entries(c.AclRelations, (r) => ({ aclId: r.AclId })) });
}

const listener: Translation = (read) => [
  {
    type: "alicloud:alb/listener:Listener",
    props: defined({
      loadBalancerId: read("LoadBalancerId"),
      listenerPort: read("ListenerPort"),
      listenerProtocol: read("ListenerProtocol"),
      defaultActions: defaultActions(read("DefaultActions")),
      aclConfig: aclConfig(read("AclConfig")),
      securityPolicyId: read("SecurityPolicyId"),
      listenerDescription: read("ListenerDescription"),
    }),
  },
];

const serverGroup: Translation = (read) => [
  {
    type: "alicloud:alb/serverGroup:ServerGroup",
    props: defined({
      serverGroupName: read("ServerGroupName"),
      serverGroupType: read("ServerGroupType"),
      protocol: read("Protocol"),
      vpcId: read("VpcId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const acl: Translation = (read) => [
  {
    type: "alicloud:alb/acl:Acl",
    props: defined({
      aclName: read("AclName"),
      aclEntries: entries(read("AclEntries"), (e) => ({ entry: e.Entry, description: e.Description })),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** One attachment per ACL id, as the provider binds them; an unknown id list is one ACL no one knows. */
const aclAssociation: Translation = (read) => {
  const ids = read("AclIds");
  const each = isUnknown(ids) ? [UNKNOWN] : list(ids);
  return each.map((aclId, i): Translated => ({
    type: "alicloud:alb/listenerAclAttachment:ListenerAclAttachment",
    props: defined({ listenerId: read("ListenerId"), aclId, aclType: read("AclType") }),
    where: isUnknown(ids) ? "AclIds" : `AclIds[${i}]`,
  }));
};

export const ROS_APPLICATION_LOAD_BALANCER_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ALB::LoadBalancer", loadBalancer],
  ["ALIYUN::ALB::Listener", listener],
  ["ALIYUN::ALB::ServerGroup", serverGroup],
  ["ALIYUN::ALB::Acl", acl],
  ["ALIYUN::ALB::AclAssociation", aclAssociation],
  ...ROS_ALB_SERVER_ATTACHMENT_TRANSLATIONS,
]);
