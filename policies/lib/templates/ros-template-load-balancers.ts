// ROS Server Load Balancer (CLB) resources, translated to the Pulumi Alicloud provider's shapes the network model and
// the WAF rule read: the balancer (internet unless AddressType says intranet), its listeners (frontend → backend port,
// access control, the server group they forward to), the backends (default servers, vServer groups, servers added to
// a group, primary/secondary groups), the forwarding rules of HTTP(S) listeners and the access control lists listeners
// name.
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translated, Translation } from "./embedded-resource";
import { entries, entryOf } from "./ros-template-entries";

/**
 * A port ROS reads as "no single port": 0 (ListenerPort and BackendServerPort of a port-range listener). Left out,
 * the model reads the listener as every port and forwards each to itself, which covers any range.
 */
const singlePort = (v: unknown): unknown => (v === 0 || v === "0" ? undefined : v);

const slbLoadBalancer: Translation = (read) => [
  {
    type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
    props: defined({
      // Left out, ROS creates an internet-facing instance, as the provider does.
      addressType: read("AddressType"),
      addressIpVersion: read("AddressIPVersion"),
      loadBalancerName: read("LoadBalancerName"),
      loadBalancerSpec: read("LoadBalancerSpec"),
      vswitchId: read("VSwitchId"),
      internetChargeType: read("InternetChargeType"),
      bandwidth: read("Bandwidth"),
      masterZoneId: read("MasterZoneId"),
      slaveZoneId: read("SlaveZoneId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * A listener on PortRange (ListenerPort 0) listens on every port of the range: no single frontend or backend port.
 * AclStatus left out stays out: ROS documents both on and off as its default, and off is the reading that hides no
 * opening (a whitelist that may not apply narrows nothing).
 */
const slbListener: Translation = (read) => {
  const ranged = read("PortRange") !== undefined;
  return [
    {
      type: "alicloud:slb/listener:Listener",
      props: defined({
        loadBalancerId: read("LoadBalancerId"),
        frontendPort: ranged ? undefined : singlePort(read("ListenerPort")),
        backendPort: ranged ? undefined : singlePort(read("BackendServerPort")),
        protocol: read("Protocol"),
        bandwidth: read("Bandwidth"),
        aclStatus: read("AclStatus"),
        aclType: read("AclType"),
        aclId: read("AclId"),
        aclIds: read("AclIds"),
        serverGroupId: read("VServerGroupId"),
        masterSlaveServerGroupId: read("MasterSlaveServerGroupId"),
        serverCertificateId: read("ServerCertificateId"),
        caCertificateId: read("CACertificateId"),
        tlsCipherPolicy: read("TLSCipherPolicy"),
        description: read("Description"),
      }),
    },
  ];
};

/** BackendServerList (ids, or one comma-separated text) counts only when BackendServers is left out, as ROS reads it. */
function defaultServers(servers: unknown, ids: unknown): unknown {
  if (servers !== undefined)
    return entries(servers, (s) => ({ serverId: s.ServerId, weight: s.Weight, type: s.Type, serverIp: s.ServerIp }));
  if (ids === undefined || isUnknown(ids)) return ids;
  const idList = typeof ids === "string" ? ids.split(",").map((id) => id.trim()) : list(ids);
  return idList.map((id) => ({ serverId: id, weight: 100 }));
}

const backendServerAttachment: Translation = (read) => [
  {
    type: "alicloud:slb/backendServer:BackendServer",
    props: defined({
      loadBalancerId: read("LoadBalancerId"),
      backendServers: defaultServers(read("BackendServers"), read("BackendServerList")),
    }),
  },
];

const vServerGroup: Translation = (read) => [
  {
    type: "alicloud:slb/serverGroup:ServerGroup",
    props: defined({
      loadBalancerId: read("LoadBalancerId"),
      name: read("VServerGroupName"),
      servers: entries(read("BackendServers"), (s) => ({
        serverIds: [s.ServerId],
        port: s.Port,
        weight: s.Weight,
        type: s.Type,
      })),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** Servers added to a vServer group (one the template creates, or one outside it): one attachment per server. */
const serversToGroup: Translation = (read) => {
  const group = read("VServerGroupId");
  const servers = read("BackendServers");
  const each = isUnknown(servers) ? [UNKNOWN] : list(servers);
  return each.map((s, i): Translated => {
    const e = entryOf(s);
    return {
      type: "alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment",
      props: defined({ serverGroupId: group, serverId: e.ServerId, port: e.Port, weight: e.Weight, type: e.Type }),
      where: isUnknown(servers) ? "BackendServers" : `BackendServers[${i}]`,
    };
  });
};

/**
 * Forwarding rules of an HTTP(S) listener (ListenerPort), one `slb.Rule` per RuleList entry: each sends requests for
 * its domain or URL to a vServer group of its own. A list unknown at preview is one rule to a group no one knows.
 */
const forwardingRules: Translation = (read) => {
  const rules = read("RuleList");
  const each = isUnknown(rules) ? [UNKNOWN] : list(rules);
  return each.map((rule, i): Translated => {
    const e = entryOf(rule);
    return {
      type: "alicloud:slb/rule:Rule",
      props: defined({
        loadBalancerId: read("LoadBalancerId"),
        frontendPort: read("ListenerPort"),
        name: e.RuleName,
        domain: e.Domain,
        url: e.Url,
        serverGroupId: e.VServerGroupId,
      }),
      where: isUnknown(rules) ? "RuleList" : `RuleList[${i}]`,
    };
  });
};

/** ServerType is Master or Slave here; the provider's `type` (ecs, eni) is not a ROS property of this resource. */
const masterSlaveServerGroup: Translation = (read) => [
  {
    type: "alicloud:slb/masterSlaveServerGroup:MasterSlaveServerGroup",
    props: defined({
      loadBalancerId: read("LoadBalancerId"),
      name: read("MasterSlaveServerGroupName"),
      servers: entries(read("MasterSlaveBackendServers"), (s) => ({
        serverId: s.ServerId,
        port: s.Port,
        weight: s.Weight,
        serverType: s.ServerType,
      })),
    }),
  },
];

/** AclEntrys entries are `{ entry, comment }` (lower case in ROS too); capitalised keys are read as well. */
const accessControl: Translation = (read) => [
  {
    type: "alicloud:slb/acl:Acl",
    props: defined({
      name: read("AclName"),
      ipVersion: read("AddressIPVersion"),
      entryLists: entries(read("AclEntrys"), (e) => ({
        entry: e.entry ?? e.Entry,
        comment: e.comment ?? e.Comment,
      })),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const ROS_LOAD_BALANCER_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::SLB::LoadBalancer", slbLoadBalancer],
  ["ALIYUN::SLB::Listener", slbListener],
  ["ALIYUN::SLB::BackendServerAttachment", backendServerAttachment],
  ["ALIYUN::SLB::VServerGroup", vServerGroup],
  ["ALIYUN::SLB::BackendServerToVServerGroupAddition", serversToGroup],
  ["ALIYUN::SLB::Rule", forwardingRules],
  ["ALIYUN::SLB::MasterSlaveServerGroup", masterSlaveServerGroup],
  ["ALIYUN::SLB::AccessControl", accessControl],
]);
