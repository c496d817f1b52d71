// Alibaba Cloud VPC plumbing: VPCs, vSwitches and network ACLs. A public address on Alibaba Cloud needs no
// route of its own (no internet-gateway step), so routes do not gate inbound reachability here.
import { alicloudAclEntryRange } from "../../ports";
import { AclEntry, NetworkModel, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { list, prop, str } from "../resource";
import { ALI } from "./tokens";

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
    // Entries are evaluated in list order; the first match decides.
    const ingress: AclEntry[] = list(r.inputs.ingressAclEntries).map((e, i) => ({
      urn: r.urn,
      order: i,
      action: str(prop(e, "policy"))?.toLowerCase() === "drop" ? "deny" : "allow",
      protocol: normalizeProtocol(prop(e, "protocol")),
      ports: alicloudAclEntryRange(prop(e, "protocol"), prop(e, "port")),
      cidr: str(prop(e, "sourceCidrIp")) ?? "",
      label: `entry[${i}]`,
    }));
    const nacl = {
      ...nodeOf(r),
      network: res.one(r, "vpcId", r.inputs.vpcId, [ALI.vpc]),
      subnets: [] as string[],
      ingress,
    };
    nacl.subnets.push(...attachedVswitches(m, r, "resources", r.inputs.resources));
    m.nacls.set(r.urn, nacl);
  }
  for (const r of res.ofType(ALI.networkAclAttachment)) {
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, [ALI.networkAcl]) ?? "");
    nacl?.subnets.push(...attachedVswitches(m, r, "resources", r.inputs.resources));
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
