// ROS Network Load Balancer (NLB) resources, translated to the Pulumi Alicloud provider's shapes the network model reads
// (lib/reachability/alicloud/nlb.ts): the balancer (internet unless AddressType says Intranet, its zones' vSwitches
// and EIPs, its security groups), its TCP/UDP/TCPSSL listeners (a port, or StartPort-EndPort on an all-port listener;
// `Enable` as the provider's `status`) and the server groups each forwards to (ServerGroupId, ServerGroupTuples).
// ALIYUN::NLB::ServerGroup holds its servers inline (`Servers`); the provider adds them one
// `nlb.ServerGroupServerAttachment` each, so the group splits into the group and one attachment per server naming it.
import { bool, isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, PropertyReader, tagMap, Translated, Translation } from "./embedded-resource";
import { entries, entryOf } from "./ros-template-entries";

const NLB_SERVER_ATTACHMENT = "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment";

const loadBalancer: Translation = (read) => [
  {
    type: "alicloud:nlb/loadBalancer:LoadBalancer",
    props: defined({
      // Left out, the model reads the balancer as internet-facing: only "Intranet" keeps it off the internet.
      addressType: read("AddressType"),
      addressIpVersion: read("AddressIpVersion"),
      loadBalancerName: read("LoadBalancerName"),
      loadBalancerType: read("LoadBalancerType"),
      vpcId: read("VpcId"),
      bandwidthPackageId: read("BandwidthPackageId"),
      crossZoneEnabled: read("CrossZoneEnabled"),
      zoneMappings: entries(read("ZoneMappings"), (z) => ({
        zoneId: z.ZoneId,
        vswitchId: z.VSwitchId,
        allocationId: z.AllocationId,
        privateIpv4Address: z.PrivateIPv4Address,
      })),
      securityGroupIds: read("SecurityGroupIds"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * An all-port listener gives StartPort and EndPort; the provider marks it with listenerPort 0, which is how the model
 * tells it reads the range. Neither port given (or unknown) reads as every port.
 */
function listenerPort(port: unknown, start: unknown): unknown {
  if (port !== undefined) return port;
  return start !== undefined ? 0 : undefined;
}

/**
 * `Enable` as the provider's `status`: false is "Stopped", true "Running"; unknown at preview stays unknown, and left
 * out stays absent (a listener starts running).
 */
function listenerStatus(enable: unknown): unknown {
  if (enable === undefined || isUnknown(enable)) return enable;
  const on = bool(enable);
  if (on === undefined) return enable;
  return on ? "Running" : "Stopped";
}

/**
 * The server groups a listener forwards to: `ServerGroupId`, then each `ServerGroupTuples` entry (`[{ ServerGroupId,
 * Weight }]`). The provider's listener names one group, so each tuple becomes a listener of its own on the same
 * ports; a tuple list unknown at preview is one group no one knows.
 */
function forwardedGroups(read: PropertyReader): { serverGroupId: unknown; where?: string }[] {
  const single = read("ServerGroupId");
  const tuples = read("ServerGroupTuples");
  const fromTuples =
    tuples === undefined
      ? []
      : isUnknown(tuples)
        ? [{ serverGroupId: UNKNOWN, where: "ServerGroupTuples" }]
        : list(tuples).map((t, i) => ({ serverGroupId: entryOf(t).ServerGroupId, where: `ServerGroupTuples[${i}]` }));
  if (fromTuples.length === 0 || single !== undefined) return [{ serverGroupId: single }, ...fromTuples];
  return fromTuples;
}

const listener: Translation = (read) =>
  forwardedGroups(read).map(({ serverGroupId, where }): Translated => ({
    type: "alicloud:nlb/listener:Listener",
    props: defined({
      loadBalancerId: read("LoadBalancerId"),
      listenerProtocol: read("ListenerProtocol"),
      listenerPort: listenerPort(read("ListenerPort"), read("StartPort")),
      startPort: read("StartPort"),
      endPort: read("EndPort"),
      serverGroupId,
      status: listenerStatus(read("Enable")),
      securityPolicyId: read("SecurityPolicyId"),
      certificateIds: read("CertificateIds"),
      caCertificateIds: read("CaCertificateIds"),
      caEnabled: read("CaEnabled"),
      proxyProtocolEnabled: read("ProxyProtocolEnabled"),
      listenerDescription: read("ListenerDescription"),
      tags: tagMap(read("Tags")),
    }),
    ...(where ? { where } : {}),
  }));

/**
 * The group, then one attachment per `Servers` entry naming it. A list unknown at preview is one server whose id,
 * kind and port no one knows. `AnyPortEnbaled` is the spelling an older ROS page gives; either is read.
 */
const serverGroup: Translation = (read, self) => {
  const group: Translated = {
    type: "alicloud:nlb/serverGroup:ServerGroup",
    props: defined({
      serverGroupName: read("ServerGroupName"),
      serverGroupType: read("ServerGroupType"),
      vpcId: read("VpcId"),
      protocol: read("Protocol"),
      addressIpVersion: read("AddressIPVersion"),
      scheduler: read("Scheduler"),
      anyPortEnabled: read("AnyPortEnabled") ?? read("AnyPortEnbaled"),
      preserveClientIpEnabled: read("PreserveClientIpEnabled"),
      tags: tagMap(read("Tags")),
    }),
  };
  const servers = read("Servers");
  if (servers === undefined) return [group];
  const each = isUnknown(servers) ? [UNKNOWN] : list(servers);
  return [
    group,
    ...each.map((s, i): Translated => {
      const e = entryOf(s);
      return {
        type: NLB_SERVER_ATTACHMENT,
        props: defined({
          serverGroupId: self,
          serverId: e.ServerId,
          serverType: e.ServerType,
          serverIp: e.ServerIp,
          port: e.Port,
          weight: e.Weight,
          description: e.Description,
        }),
        where: isUnknown(servers) ? "Servers" : `Servers[${i}]`,
      };
    }),
  ];
};

/** One provider attachment per security group id; a list unknown at preview is one group no one knows. */
const securityGroupAttachment: Translation = (read) => {
  const ids = read("SecurityGroupIds");
  const each = isUnknown(ids) ? [UNKNOWN] : list(ids);
  return each.map((id, i): Translated => ({
    type: "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
    props: defined({ loadBalancerId: read("LoadBalancerId"), securityGroupId: id }),
    where: isUnknown(ids) ? "SecurityGroupIds" : `SecurityGroupIds[${i}]`,
  }));
};

export const ROS_NLB_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::NLB::LoadBalancer", loadBalancer],
  ["ALIYUN::NLB::Listener", listener],
  ["ALIYUN::NLB::ServerGroup", serverGroup],
  ["ALIYUN::NLB::SecurityGroupAttachment", securityGroupAttachment],
]);
