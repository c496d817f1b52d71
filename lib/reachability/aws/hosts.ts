// AWS compute that receives traffic: instances, network interfaces, launch templates run by auto-scaling groups
// (fleets, EMR clusters and ECS services in their own files), and how each gets a public address (EIP, associatePublicIpAddress, a launch template's interface, the subnet's
// mapPublicIpOnLaunch).
import { Host, NetworkModel } from "../model";
import { GenericResource, bool, list, prop, str, tags } from "../resource";
import { addAwsEcsServices } from "./ecs-services";
import { addAwsEmrClusters } from "./emr-clusters";
import { addAwsFleets } from "./fleets";
import {
  certainFirst,
  defaultGroupByNetwork,
  groups,
  hostBase,
  launchAddress,
  namesNoGroup,
  subnetRef,
  subnetV6,
  templateGroups,
  templateNamesNoGroup,
  templateTags,
  v6,
  withDefaultGroup,
} from "./host-parts";
import {
  applyTemplateAddress,
  launchConfigurationAddressChoice,
  templateAddressChoice,
} from "./launch-template-addresses";
import { launchFrom, templateSource } from "./launch-sources";
import { scalingTemplates } from "./scaling-templates";
import { AWS, AWS_INSTANCES, AWS_SECURITY_GROUPS } from "./tokens";
import { appendAll } from "../../arrays";

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
    // A group id that may name several groups of the stack adds each: AWS rules only accept, so none hides another.
    const attached = res.candidates(r, "securityGroupId", r.inputs.securityGroupId, AWS_SECURITY_GROUPS).urns;
    const eni = enis.get(target);
    for (const sg of attached) {
      if (eni) eni.securityGroups.push(sg);
      else if (target) instanceGroups.push([target, sg]);
    }
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
  addAwsFleets(m, defaults);
  addAwsEmrClusters(m);
  addAwsEcsServices(m, defaults);
}

/** The launch template an instance names: undefined for none, null when it cannot be resolved. */
function templateOf(m: NetworkModel, r: GenericResource): GenericResource | null {
  const lt = r.inputs.launchTemplate;
  const urn = m.resolver.one(r, "launchTemplate", prop(lt, "id") ?? prop(lt, "name"), [AWS.launchTemplate]);
  return (urn && m.resolver.get(urn)) || null;
}

function mergeEni(host: Host, eni: Host | undefined, attachedTo: Map<string, string>): void {
  if (!eni) return;
  host.subnets = [...new Set([...host.subnets, ...eni.subnets])];
  host.defaultSubnet = host.defaultSubnet && eni.subnets.length === 0;
  host.securityGroups = [...new Set([...host.securityGroups, ...eni.securityGroups])];
  appendAll(host.publicV4, eni.publicV4);
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
      securityGroups: lc ? groups(m, lc, "securityGroups", lc.inputs.securityGroups) : [],
      tags: { ...(lt ? templateTags(lt) : {}), ...asgTags },
    };
    if (lt)
      launchFrom(
        m,
        host,
        templates.map((t) => templateSource(m, t)),
        defaults,
      );
    else {
      const choice = lc ? launchConfigurationAddressChoice(lc) : templateAddressChoice(undefined);
      applyTemplateAddress(host.publicV4, choice, () => launchAddress(m, host));
      if (lc) host.publicV6 = subnetV6(m, host);
      if (lc && namesNoGroup(lc, ["securityGroups"])) withDefaultGroup(m, host, defaults);
    }
    m.hosts.set(r.urn, host);
  }
}
