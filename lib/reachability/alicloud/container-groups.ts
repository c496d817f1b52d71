// Elastic Container Instance (ECI) container groups: each is a host in its vSwitches behind its one security group,
// and its containers listen on the host's own ports. It is public when it asks for an EIP of its own
// (`autoCreateEip`, or an existing one by `eipInstanceId`): the group's rules then decide what the internet reaches,
// as they do for an ECS instance's public address. An `ecs.EipAssociation` naming the group (by its id, known or
// through property dependencies) binds an EIP to it after creation, whatever `instanceType` it declares.
import { NetworkModel, PublicAddress } from "../model";
import { GenericResource, bool, isUnknown, str, unwrap } from "../resource";
import { ALI } from "./tokens";
import { singleGroupCandidates } from "./single-group-candidates";
import { vswitchHost } from "./vswitch-hosts";

export function addAlicloudContainerGroups(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.eciContainerGroup)) {
    // Up to ten vSwitch ids in one comma-separated string.
    const written = unwrap(r.inputs.vswitchId);
    const ids =
      typeof written === "string" && !isUnknown(written) ? written.split(",").map((s) => s.trim()) : [written];
    const vswitches = res.many(r, "vswitchId", ids, [ALI.vswitch]);
    const groups = singleGroupCandidates(m, r, "securityGroupId");
    m.hosts.set(r.urn, vswitchHost(r, "instance", vswitches, groups, publicAddresses(m, r)));
  }
}

/** The EIP a container group creates or binds; an `autoCreateEip` unknown at preview may create one. */
function publicAddresses(m: NetworkModel, r: GenericResource): PublicAddress[] {
  const out: PublicAddress[] = associatedEips(m, r);
  const auto = bool(r.inputs.autoCreateEip);
  if (auto === true) out.push({ label: `public-ip:${r.name} (autoCreateEip)`, urn: r.urn });
  else if (auto === "unknown")
    out.push({ label: `public-ip:${r.name} (autoCreateEip unknown at preview)`, urn: r.urn, unverified: true });
  const eipId = unwrap(r.inputs.eipInstanceId);
  if (eipId !== undefined && eipId !== null && eipId !== "") {
    const eip = m.resolver.one(r, "eipInstanceId", eipId, ALI.eip);
    const name = eip ? m.resolver.get(eip)!.name : (str(eipId) ?? "(id unknown at preview)");
    out.push({ label: `eip:${name}`, urn: r.urn });
  }
  return out;
}

/** EIPs an association binds to the group: the provider documents no ECI `instanceType`, so the link alone decides. */
function associatedEips(m: NetworkModel, r: GenericResource): PublicAddress[] {
  const res = m.resolver;
  return res
    .ofType(ALI.eipAssociation)
    .filter((a) => res.one(a, "instanceId", a.inputs.instanceId, [ALI.eciContainerGroup]) === r.urn)
    .map((a) => {
      const eip = res.one(a, "allocationId", a.inputs.allocationId, ALI.eip);
      return { label: `eip:${eip ? res.get(eip)!.name : a.name}`, urn: a.urn };
    });
}
