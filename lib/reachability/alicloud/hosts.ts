// Alibaba Cloud compute: ECS instances and instance sets (public bandwidth, EIP associations, extra interfaces) and
// scaling configurations run by scaling groups. Public exposure comes from internetMaxBandwidthOut
// (public-bandwidth.ts) or an EIP or Anycast EIP (address-bindings.ts); one bound to an ENI reaches the instance it is
// attached to through that ENI (network-interfaces.ts). An instance or scaling group launched from a launch template
// takes what it does not set itself from it (launch-templates.ts).
import { Host, NetworkModel, nodeOf } from "../model";
import { GenericResource, list, str, tags } from "../resource";
import {
  aliasLaunchTemplates,
  launchTemplateOf,
  leftUnset,
  templateGroups,
  templateVswitches,
} from "./launch-templates";
import { bandwidthAddress } from "./public-bandwidth";
import { INTERFACE_TYPES, attachedInterfaces, interfaceAddresses } from "./network-interfaces";
import { addressBindings, boundServers } from "./address-bindings";
import { singleGroupCandidates } from "./single-group-candidates";
import { groupInputs } from "./declared-groups";
import { GroupLinks, carried, joinLinks, linksOfCarrier } from "../group-links";
import { ALI } from "./tokens";

export function addAlicloudHosts(m: NetworkModel): void {
  const res = m.resolver;
  const instances = new Map<string, Host>();
  aliasLaunchTemplates(m);
  // An instance set launches `amount` alike instances: one host stands for all of them.
  for (const r of res.ofType(ALI.instance, ALI.instanceSet)) {
    const privateIp = str(r.inputs.privateIp);
    if (privateIp) res.alias(r, privateIp);
    const groupsProp = r.type === ALI.instanceSet ? "securityGroupIds" : "securityGroups";
    const host = hostOf(m, r, "instance", "vswitchId", [groupsProp]);
    const address = bandwidthAddress(r);
    if (address) host.publicV4.push(address);
    const template = launchTemplateOf(m, r);
    if (template) fillFromTemplate(m, r, host, template, groupsProp);
    instances.set(r.urn, host);
  }
  for (const r of res.ofType(...INTERFACE_TYPES)) for (const ip of interfaceAddresses(r)) res.alias(r, ip);
  // Paths that do not say which interface they use (internal reach, the instance's own address) see every
  // interface's vSwitch and groups; paths naming an ENI are judged by that ENI's alone.
  for (const attached of attachedInterfaces(m).values()) {
    for (const owner of attached.instances) {
      const host = instances.get(owner);
      if (!host) continue;
      host.subnets = [...new Set([...host.subnets, ...attached.interface.subnets])];
      carry(host, linksOfCarrier(attached.interface));
    }
  }
  // EIPs and Anycast EIPs bound after creation (address-bindings.ts); those on a balancer are read there.
  for (const b of addressBindings(m))
    for (const entry of boundServers(m, b))
      instances.get(entry.host)?.publicV4.push({ label: entry.label, urn: entry.binding, interface: entry.interface });
  for (const h of instances.values()) m.hosts.set(h.urn, h);
  addScalingConfigurations(m);
  addTemplateScalingGroups(m);
}

/** What an instance leaves unset its launch template decides: groups, vSwitch, bandwidth, secondary interface. */
function fillFromTemplate(
  m: NetworkModel,
  r: GenericResource,
  host: Host,
  lt: GenericResource,
  groupsProp: string,
): void {
  carry(host, templateGroups(m, lt, leftUnset(r.inputs[groupsProp])));
  joinSubnets(host, templateVswitches(m, lt, r.inputs.vswitchId === undefined));
  const address = r.inputs.internetMaxBandwidthOut === undefined ? bandwidthAddress(lt) : undefined;
  if (address) host.publicV4.push(address);
}

/** A scaling group running a launch template (no scaling configuration) is a host in the group's vSwitches. */
function addTemplateScalingGroups(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.scalingGroup)) {
    if (r.inputs.launchTemplateId === undefined) continue;
    const lt = launchTemplateOf(m, r);
    if (!lt) continue;
    const host = hostOf(m, r, "scaling-group", "vswitchId", []);
    const own = res.many(r, "vswitchIds", list(r.inputs.vswitchIds), [ALI.vswitch]);
    joinSubnets(host, { subnets: own.urns, external: own.external });
    // The group's vSwitches place its hosts; the template's own only when the group names none.
    joinSubnets(host, templateVswitches(m, lt, host.subnets.length === 0 && host.externalSubnets.length === 0));
    carry(host, templateGroups(m, lt, true));
    const address = bandwidthAddress(lt);
    if (address) host.publicV4.push(address);
    m.hosts.set(r.urn, host);
  }
}

/** Adds groups to what the host carries: certain wherever one link is. */
function carry(host: Host, links: GroupLinks): void {
  const joined = carried(joinLinks(linksOfCarrier(host), links));
  host.securityGroups = joined.securityGroups;
  if (joined.possibleGroups) host.possibleGroups = joined.possibleGroups;
  else delete host.possibleGroups;
}

function joinSubnets(host: Host, vs: { subnets: string[]; external: string[] }): void {
  host.subnets = [...new Set([...host.subnets, ...vs.subnets])];
  host.externalSubnets = [...new Set([...host.externalSubnets, ...vs.external])];
}

function hostOf(
  m: NetworkModel,
  r: GenericResource,
  kind: Host["kind"],
  vswitchProp: string,
  groupProps: string[],
): Host {
  const res = m.resolver;
  const vs = r.inputs[vswitchProp];
  const vswitch = vs === undefined ? undefined : res.one(r, vswitchProp, vs, [ALI.vswitch]);
  const groups = groupInputs(res, r, groupProps);
  return {
    ...nodeOf(r),
    cloud: "alicloud",
    kind,
    subnets: vswitch ? [vswitch] : [],
    externalSubnets: vs !== undefined && !vswitch ? [str(vs) ?? "(unknown vswitch)"] : [],
    defaultSubnet: false,
    ...carried(groups),
    publicV4: [],
    tags: tags(r),
  };
}

/** A scaling configuration is a host template placed in its scaling group's vSwitches. */
function addScalingConfigurations(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.scalingConfiguration)) {
    const host = hostOf(m, r, "scaling-group", "vswitchId", ["securityGroupId", "securityGroupIds"]);
    const groupUrn = res.one(r, "scalingGroupId", r.inputs.scalingGroupId, [ALI.scalingGroup]);
    const group = groupUrn ? res.get(groupUrn) : undefined;
    if (group) {
      const vs = res.many(group, "vswitchIds", list(group.inputs.vswitchIds), [ALI.vswitch]);
      host.subnets = vs.urns;
      host.externalSubnets = vs.external;
    }
    // A literal single id the list reading above leaves out: the group it names, or each it may name.
    if (r.inputs.securityGroupId !== undefined && host.securityGroups.length === 0) {
      carry(host, singleGroupCandidates(m, r, "securityGroupId"));
    }
    const address = bandwidthAddress(r);
    if (address) host.publicV4.push(address);
    m.hosts.set(r.urn, host);
  }
}
