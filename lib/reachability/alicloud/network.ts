// Alibaba Cloud VPC plumbing: VPCs, vSwitches and network ACLs. A public address on Alibaba Cloud needs no
// route of its own (no internet-gateway step), so routes do not gate inbound reachability here.
import { alicloudAclEntryRange } from "../../ports";
import { AclEntry, NetworkModel, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { AclField, UNKNOWN_CIDR_LABEL, aclSources } from "../acl-sources";
import { isUnknown, list, prop, str } from "../resource";
import { ALI } from "./tokens";
import { appendAll } from "../../arrays";

export function addAlicloudNetwork(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.vpc)) m.networks.set(r.urn, { ...nodeOf(r), cloud: "alicloud" });
  for (const r of res.ofType(ALI.vswitch)) {
    m.subnets.set(r.urn, {
      ...nodeOf(r),
      network: res.one(r, "vpcId", r.inputs.vpcId, [ALI.vpc]),
      publicIpv4OnLaunch: false,
      ipv6OnLaunch: false,
    });
  }
  for (const r of res.ofType(ALI.networkAcl)) {
    const ingress = aclEntries(r.urn, r.inputs.ingressAclEntries, "entry");
    const nacl = {
      ...nodeOf(r),
      network: res.one(r, "vpcId", r.inputs.vpcId, [ALI.vpc]),
      subnets: [] as string[],
      ingress,
    };
    appendAll(nacl.subnets, attachedVswitches(m, r, "resources", r.inputs.resources));
    m.nacls.set(r.urn, nacl);
  }
  // The deprecated NetworkAclEntries resource writes the ACL's whole entry list after the ACL exists: its list is
  // the one in force (several of them: taken in stack order).
  const replaced = new Set<string>();
  for (const r of res.ofType(ALI.networkAclEntries)) {
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, [ALI.networkAcl]) ?? "");
    if (!nacl || r.inputs.ingresses === undefined) continue;
    const entries = aclEntries(r.urn, r.inputs.ingresses, `${r.name} ingresses`);
    if (!replaced.has(nacl.urn)) nacl.ingress = [];
    replaced.add(nacl.urn);
    appendAll(
      nacl.ingress,
      entries.map((e) => ({ ...e, order: nacl.ingress.length + e.order })),
    );
  }
  for (const r of res.ofType(ALI.networkAclAttachment)) {
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, [ALI.networkAcl]) ?? "");
    if (nacl) appendAll(nacl.subnets, attachedVswitches(m, r, "resources", r.inputs.resources));
  }
  // The current attachment resource binds one vSwitch (`resourceId`, `resourceType` VSwitch).
  for (const r of res.ofType(ALI.vpcNetworkAclAttachment)) {
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, [ALI.networkAcl]) ?? "");
    const bound = { resourceId: r.inputs.resourceId, resourceType: r.inputs.resourceType };
    if (nacl) appendAll(nacl.subnets, attachedVswitches(m, r, "resourceId", [bound]));
  }
  for (const nacl of m.nacls.values()) {
    for (const s of nacl.subnets) {
      const subnet = m.subnets.get(s);
      if (subnet) subnet.nacl = nacl.urn;
    }
  }
}

function attachedVswitches(m: NetworkModel, r: Parameters<NetworkModel["resolver"]["many"]>[0], p: string, v: unknown) {
  const ids = list(v)
    .filter((x) => (str(prop(x, "resourceType")) ?? "VSwitch").toLowerCase() === "vswitch")
    .map((x) => prop(x, "resourceId"));
  return m.resolver.many(r, p, ids, [ALI.vswitch]).urns;
}

/** Ordered entries (`policy` accept/drop, `protocol`, `port` "22/22", `sourceCidrIp`): the first match decides. */
function aclEntries(urn: string, value: unknown, labelPrefix: string): AclEntry[] {
  return list(value).flatMap((e, i) => {
    const action = str(prop(e, "policy"))?.toLowerCase() === "drop" ? ("deny" as const) : ("allow" as const);
    const field: AclField = [isUnknown(e) ? e : prop(e, "sourceCidrIp"), undefined];
    return aclSources(action, [field]).map((source) => ({
      urn,
      order: i,
      action,
      protocol: normalizeProtocol(prop(e, "protocol")),
      ports: alicloudAclEntryRange(prop(e, "protocol"), prop(e, "port")),
      cidr: source.cidr,
      label: `${labelPrefix}[${i}]${source.unknown ? UNKNOWN_CIDR_LABEL : ""}`,
    }));
  });
}
