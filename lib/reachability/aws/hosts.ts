// AWS compute that receives traffic: instances, network interfaces, launch templates run by auto-scaling groups,
// and how each gets a public address (EIP, associatePublicIpAddress, a launch template's interface, the subnet's
// mapPublicIpOnLaunch).
import { Host, NetworkModel, PublicAddress, nodeOf } from "../model";
import { GenericResource, bool, isUnknown, list, num, prop, str, tags, unwrap } from "../resource";
import {
  anyTemplateAddressChoice,
  applyTemplateAddress,
  launchConfigurationAddressChoice,
  templateAddressChoice,
} from "./launch-template-addresses";
import { scalingTemplates } from "./scaling-templates";
import { AWS, AWS_INSTANCES, AWS_SECURITY_GROUPS } from "./tokens";

/** What an interface id may come from: an interface, or an instance's `primaryNetworkInterfaceId`. */
const INTERFACE_HOLDERS = [AWS.networkInterface, ...AWS_INSTANCES];

export function addAwsHosts(m: NetworkModel): void {
  const res = m.resolver;
  const enis = new Map<string, Host>();
  for (const r of res.ofType(AWS.networkInterface)) {
    const subnet = subnetRef(m, r, "subnetId", r.inputs.subnetId);
    enis.set(r.urn, {
      ...hostBase(r, "network-interface"),
      ...subnet,
      securityGroups: groups(m, r, "securityGroups", r.inputs.securityGroups),
      publicV6: v6(r, r.inputs),
    });
  }
  // An attachment may name an instance's primary interface (`primaryNetworkInterfaceId`): applied to the instance
  // once it is built.
  const instanceGroups: [string, string][] = [];
  for (const r of res.ofType(AWS.networkInterfaceSgAttachment)) {
    const target = res.one(r, "networkInterfaceId", r.inputs.networkInterfaceId, INTERFACE_HOLDERS) ?? "";
    const sg = res.one(r, "securityGroupId", r.inputs.securityGroupId, AWS_SECURITY_GROUPS);
    const eni = enis.get(target);
    if (eni && sg) eni.securityGroups.push(sg);
    else if (sg && target) instanceGroups.push([target, sg]);
  }
  const defaults = defaultGroupByNetwork(m);
  for (const r of res.ofType(AWS.networkInterface)) {
    const eni = enis.get(r.urn)!;
    if (namesNoGroup(r, ["securityGroups"]) && eni.securityGroups.length === 0) withDefaultGroup(m, eni, defaults);
  }

  const instances = new Map<string, Host>();
  // Interfaces attached to an instance fold into it: their addresses and groups are the instance's.
  const attachedTo = new Map<string, string>();
  for (const r of res.ofType(...AWS_INSTANCES)) {
    const launch = res.one(
      r,
      "launchTemplate",
      prop(r.inputs.launchTemplate, "id") ?? prop(r.inputs.launchTemplate, "name"),
      [AWS.launchTemplate],
    );
    const template = launch ? res.get(launch) : undefined;
    const subnet = subnetRef(m, r, "subnetId", r.inputs.subnetId);
    const own = [
      ...groups(m, r, "vpcSecurityGroupIds", r.inputs.vpcSecurityGroupIds),
      ...groups(m, r, "securityGroups", r.inputs.securityGroups),
    ];
    const host: Host = {
      ...hostBase(r, "instance"),
      ...subnet,
      securityGroups: own.length > 0 || !template ? own : templateGroups(m, template),
      tags: { ...(template ? templateTags(template) : {}), ...tags(r) },
    };
    // Interfaces given at launch carry their own subnet and groups.
    for (const ni of list(r.inputs.networkInterfaces)) {
      const eniUrn = res.one(r, "networkInterfaces", prop(ni, "networkInterfaceId"), [AWS.networkInterface]);
      if (eniUrn) mergeEni(host, enis.get(eniUrn), attachedTo);
    }
    const ownInterfaces = list(r.inputs.networkInterfaces).length > 0;
    if (ownInterfaces) host.defaultSubnet = false;
    const assoc = bool(r.inputs.associatePublicIpAddress);
    // Interfaces of the instance's own replace its template's; so does its own address choice.
    const launched = template && !ownInterfaces ? template : undefined;
    if (assoc === true || assoc === "unknown") host.publicV4.push({ label: `public-ip:${r.name}`, urn: r.urn });
    else if (assoc === undefined)
      applyTemplateAddress(host.publicV4, templateAddressChoice(launched), () => launchAddress(m, host));
    // An IPv6 field of the instance's own (even a count of 0) replaces its template's.
    const ownV6 = r.inputs.ipv6AddressCount !== undefined || r.inputs.ipv6Addresses !== undefined;
    const templateV6 =
      launched && !ownV6 ? v6(launched, list(launched.inputs.networkInterfaces)[0], "networkInterfaces") : undefined;
    host.publicV6 = certainFirst(host.publicV6, v6(r, r.inputs), templateV6, subnetV6(m, host));
    instances.set(r.urn, host);
  }
  for (const [urn, sg] of instanceGroups) {
    const inst = instances.get(urn);
    if (inst && !inst.securityGroups.includes(sg)) inst.securityGroups.push(sg);
  }
  for (const r of res.ofType(AWS.networkInterfaceAttachment)) {
    const inst = instances.get(res.one(r, "instanceId", r.inputs.instanceId, AWS_INSTANCES) ?? "");
    const eniUrn = res.one(r, "networkInterfaceId", r.inputs.networkInterfaceId, [AWS.networkInterface]);
    if (inst && eniUrn) mergeEni(inst, enis.get(eniUrn), attachedTo);
  }
  // An instance naming no group or interface, itself or through its launch template, has its primary interface in
  // the default group.
  for (const r of res.ofType(...AWS_INSTANCES)) {
    if (!namesNoGroup(r, ["vpcSecurityGroupIds", "securityGroups", "networkInterfaces"])) continue;
    const template = namesNoGroup(r, ["launchTemplate"]) ? undefined : templateOf(m, r);
    if (template === null || (template && !templateNamesNoGroup(template))) continue;
    withDefaultGroup(m, instances.get(r.urn)!, defaults);
  }
  addEips(m, instances, enis, attachedTo);

  for (const h of [...instances.values(), ...enis.values()]) m.hosts.set(h.urn, h);
  addScalingGroups(m, defaults);
}

/** The launch template an instance names: undefined for none, null when it cannot be resolved. */
function templateOf(m: NetworkModel, r: GenericResource): GenericResource | null {
  const lt = r.inputs.launchTemplate;
  const urn = m.resolver.one(r, "launchTemplate", prop(lt, "id") ?? prop(lt, "name"), [AWS.launchTemplate]);
  return (urn && m.resolver.get(urn)) || null;
}

/** A template that names no group, directly or on an interface (an unknown interface may name one). */
function templateNamesNoGroup(lt: GenericResource): boolean {
  const interfaces = list(lt.inputs.networkInterfaces);
  return (
    namesNoGroup(lt, ["vpcSecurityGroupIds", "securityGroupNames"]) &&
    interfaces.every((ni) => !isUnknown(ni) && list(prop(ni, "securityGroups")).length === 0)
  );
}

/** No value at all in any of the inputs (an unknown list may still name groups). */
function namesNoGroup(r: GenericResource, inputs: string[]): boolean {
  return inputs.every((k) => {
    const v = r.inputs[k];
    return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  });
}

/** VPC URN → the DefaultSecurityGroup the stack manages for it; key "" is the default VPC's (no vpcId). */
function defaultGroupByNetwork(m: NetworkModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of m.resolver.ofType(AWS.defaultSecurityGroup)) {
    const vpc = r.inputs.vpcId;
    if (vpc === undefined || vpc === null || vpc === "") out.set("", r.urn);
    else {
      const network = m.securityGroups.get(r.urn)?.network;
      if (network) out.set(network, r.urn);
    }
  }
  return out;
}

/** AWS places an interface that names no group in its VPC's default group. */
function withDefaultGroup(m: NetworkModel, host: Host, defaults: Map<string, string>): void {
  if (defaults.size === 0) return;
  const networks = host.defaultSubnet ? [""] : host.subnets.map((s) => m.subnets.get(s)?.network ?? "?");
  for (const n of networks) {
    const sg = defaults.get(n);
    if (sg && !host.securityGroups.includes(sg)) host.securityGroups.push(sg);
  }
}

function hostBase(r: GenericResource, kind: Host["kind"]): Host {
  return {
    ...nodeOf(r),
    cloud: "aws",
    kind,
    subnets: [],
    externalSubnets: [],
    defaultSubnet: false,
    securityGroups: [],
    publicV4: [],
    tags: tags(r),
  };
}

function subnetRef(m: NetworkModel, r: GenericResource, propName: string, value: unknown) {
  if (value === undefined || value === null || value === "")
    return { subnets: [], externalSubnets: [], defaultSubnet: true };
  const urn = m.resolver.one(r, propName, value, [AWS.subnet]);
  return urn
    ? { subnets: [urn], externalSubnets: [], defaultSubnet: false }
    : { subnets: [], externalSubnets: [str(value) ?? "(unknown subnet)"], defaultSubnet: false };
}

function groups(m: NetworkModel, r: GenericResource, propName: string, value: unknown): string[] {
  return m.resolver.many(r, propName, list(value), AWS_SECURITY_GROUPS).urns;
}

/**
 * The IPv6 address an interface's fields give: a count above zero or a list of addresses. A count, a list or the
 * whole interface (`interfaceName`) unknown at preview may give one: it stands, unverified, naming what was unknown.
 */
function v6(r: GenericResource, fields: unknown, interfaceName?: string): PublicAddress | undefined {
  const count = prop(fields, "ipv6AddressCount");
  const addresses = prop(fields, "ipv6Addresses");
  if ((num(count) ?? 0) > 0 || (Array.isArray(addresses) && addresses.length > 0))
    return { label: `ipv6:${r.name}`, urn: r.urn };
  const unknown =
    (isUnknown(unwrap(fields)) && interfaceName) ||
    (isUnknown(count) && "ipv6AddressCount") ||
    (isUnknown(addresses) && "ipv6Addresses");
  return unknown
    ? { label: `ipv6:${r.name} (${unknown} unknown at preview)`, urn: r.urn, unverified: true }
    : undefined;
}

/** The first address known to exist, else the first that may. */
function certainFirst(...addresses: (PublicAddress | undefined)[]): PublicAddress | undefined {
  return addresses.find((a) => a && !a.unverified) ?? addresses.find((a) => a !== undefined);
}

/** No explicit choice: the subnet decides (default subnets of the default VPC map public addresses). */
function launchAddress(m: NetworkModel, host: Host): void {
  if (host.defaultSubnet) {
    host.publicV4.push({ label: "public-ip:default-subnet", urn: host.urn });
    return;
  }
  for (const s of host.subnets) {
    const subnet = m.subnets.get(s);
    if (subnet?.publicIpv4OnLaunch) host.publicV4.push({ label: `public-ip:${subnet.name}`, urn: subnet.urn });
  }
}

function subnetV6(m: NetworkModel, host: Host): PublicAddress | undefined {
  const s = host.subnets.map((u) => m.subnets.get(u)).find((x) => x?.ipv6OnLaunch);
  return s ? { label: `ipv6:${s.name}`, urn: s.urn } : undefined;
}

function mergeEni(host: Host, eni: Host | undefined, attachedTo: Map<string, string>): void {
  if (!eni) return;
  host.subnets = [...new Set([...host.subnets, ...eni.subnets])];
  host.defaultSubnet = host.defaultSubnet && eni.subnets.length === 0;
  host.securityGroups = [...new Set([...host.securityGroups, ...eni.securityGroups])];
  host.publicV4.push(...eni.publicV4);
  host.publicV6 = certainFirst(host.publicV6, eni.publicV6);
  attachedTo.set(eni.urn, host.urn);
}

function addEips(
  m: NetworkModel,
  instances: Map<string, Host>,
  enis: Map<string, Host>,
  attachedTo: Map<string, string>,
): void {
  const res = m.resolver;
  const ownerOfEni = (eniUrn: string) => {
    const attached = attachedTo.get(eniUrn);
    return attached ? instances.get(attached) : enis.get(eniUrn);
  };
  // An interface reference may be an instance's primary interface: the instance holds the address.
  const bind = (eip: GenericResource, via: GenericResource, instanceUrn?: string, eniUrn?: string) => {
    const target = instanceUrn
      ? instances.get(instanceUrn)
      : eniUrn
        ? (instances.get(eniUrn) ?? ownerOfEni(eniUrn))
        : undefined;
    target?.publicV4.push({ label: `eip:${eip.name}`, urn: via.urn });
  };
  for (const r of res.ofType(AWS.eip)) {
    bind(
      r,
      r,
      res.one(r, "instance", r.inputs.instance, AWS_INSTANCES),
      res.one(r, "networkInterface", r.inputs.networkInterface, INTERFACE_HOLDERS),
    );
  }
  for (const r of res.ofType(AWS.eipAssociation)) {
    const eipUrn = res.one(r, "allocationId", r.inputs.allocationId, [AWS.eip]);
    const eip = (eipUrn && res.get(eipUrn)) || r;
    bind(
      eip,
      r,
      res.one(r, "instanceId", r.inputs.instanceId, AWS_INSTANCES),
      res.one(r, "networkInterfaceId", r.inputs.networkInterfaceId, INTERFACE_HOLDERS),
    );
  }
  // Interfaces folded into an instance are not separate hosts.
  for (const urn of attachedTo.keys()) enis.delete(urn);
}

function templateGroups(m: NetworkModel, lt: GenericResource): string[] {
  const own = groups(m, lt, "vpcSecurityGroupIds", lt.inputs.vpcSecurityGroupIds);
  const fromNi = list(lt.inputs.networkInterfaces).flatMap(
    (ni) => m.resolver.many(lt, "networkInterfaces", list(prop(ni, "securityGroups")), AWS_SECURITY_GROUPS).urns,
  );
  return [...new Set([...own, ...fromNi])];
}

function templateTags(lt: GenericResource): Record<string, string> {
  const out: Record<string, string> = { ...tags(lt) };
  for (const spec of list(lt.inputs.tagSpecifications)) {
    if (str(prop(spec, "resourceType")) !== "instance") continue;
    const t = prop(spec, "tags");
    if (t && typeof t === "object")
      for (const [k, v] of Object.entries(t as Record<string, unknown>)) if (str(v) !== undefined) out[k] = str(v)!;
  }
  return out;
}

/**
 * An auto-scaling group is one host: its launch templates' (or, without one, its launch configuration's) groups and
 * address choice, in the group's subnets. Templates come from `launchTemplate` or a mixed instances policy (its
 * template and the ones its overrides name); what any of them opens, the group may launch.
 */
function addScalingGroups(m: NetworkModel, defaults: Map<string, string>): void {
  const res = m.resolver;
  for (const r of res.ofType(AWS.autoscalingGroup)) {
    const templates = scalingTemplates(m, r);
    const lt = templates[0];
    const lcUrn = lt
      ? undefined
      : res.one(r, "launchConfiguration", r.inputs.launchConfiguration, [AWS.launchConfiguration]);
    const lc = lcUrn ? res.get(lcUrn) : undefined;
    const subnets = res.many(r, "vpcZoneIdentifiers", list(r.inputs.vpcZoneIdentifiers), [AWS.subnet]);
    const asgTags: Record<string, string> = {};
    for (const t of list(r.inputs.tags)) {
      const k = str(prop(t, "key"));
      const v = str(prop(t, "value"));
      if (k !== undefined && v !== undefined) asgTags[k] = v;
    }
    const host: Host = {
      ...hostBase(r, "scaling-group"),
      subnets: subnets.urns,
      externalSubnets: subnets.external,
      defaultSubnet: subnets.urns.length === 0 && subnets.external.length === 0,
      securityGroups: lt
        ? [...new Set(templates.flatMap((t) => templateGroups(m, t)))]
        : lc
          ? groups(m, lc, "securityGroups", lc.inputs.securityGroups)
          : [],
      tags: { ...(lt ? templateTags(lt) : {}), ...asgTags },
    };
    const choice = lc
      ? launchConfigurationAddressChoice(lc)
      : lt
        ? anyTemplateAddressChoice(templates.map(templateAddressChoice))
        : templateAddressChoice(undefined);
    applyTemplateAddress(host.publicV4, choice, () => launchAddress(m, host));
    if (lt)
      host.publicV6 = certainFirst(
        ...templates.map((t) => v6(t, list(t.inputs.networkInterfaces)[0], "networkInterfaces")),
        subnetV6(m, host),
      );
    else if (lc) host.publicV6 = subnetV6(m, host);
    if ((lt && templates.every(templateNamesNoGroup)) || (lc && namesNoGroup(lc, ["securityGroups"])))
      withDefaultGroup(m, host, defaults);
    m.hosts.set(r.urn, host);
  }
}
