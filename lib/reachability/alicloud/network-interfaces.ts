// Alibaba Cloud elastic network interfaces (ENIs). An ENI is no host of its own but a door into the instance it is
// attached to, and its own vSwitch and security groups, not the instance's, filter traffic addressed to it. Every
// adapter that accepts an ENI (balancer backends, accelerator endpoints, EIPs, DNAT) resolves it here; an ENI
// attached to no instance reaches nothing.
import { HostInterface, NetworkModel } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, list, str } from "../resource";
import { ALI } from "./tokens";
import { groupInputs } from "./declared-groups";
import { carried } from "../group-links";

export const INTERFACE_TYPES: readonly string[] = [ALI.networkInterface, ALI.vpcNetworkInterface];

/** What a backend, endpoint or NAT reference may name: an instance or an interface. */
export const SERVER_TYPES: readonly string[] = [ALI.instance, ...INTERFACE_TYPES];

/** A host a reference reaches and, when the reference named an ENI, the interface the traffic enters by. */
export interface ServerEntry {
  host: string;
  interface?: HostInterface;
}

export interface AttachedInterface {
  interface: HostInterface;
  /** Instances the plan attaches it to (one in practice; several when the attachment cannot tell which). */
  instances: string[];
}

const cache = new WeakMap<NetworkModel, Map<string, AttachedInterface>>();

/** ENI URN → its own vSwitch and groups and the instances it is attached to; unattached ENIs are absent. */
export function attachedInterfaces(m: NetworkModel): ReadonlyMap<string, AttachedInterface> {
  let out = cache.get(m);
  if (!out) cache.set(m, (out = collect(m)));
  return out;
}

/** The hosts a resolved reference reaches: an instance itself, an interface the instances it is attached to. */
export function serverEntries(m: NetworkModel, urn: string | undefined): ServerEntry[] {
  if (!urn) return [];
  if (m.resolver.get(urn)?.type === ALI.instance) return [{ host: urn }];
  const attached = attachedInterfaces(m).get(urn);
  return attached ? attached.instances.map((host) => ({ host, interface: attached.interface })) : [];
}

/**
 * The types a backend's declared kind lets its id name. "ecs" is an instance; "eni" may still name one, because a
 * primary interface's id is an output of its instance; anything else (unknown, absent, "ip") may name either.
 */
export function serverTypesOf(kind: unknown): readonly string[] {
  return str(kind)?.toLowerCase() === "ecs" ? [ALI.instance] : SERVER_TYPES;
}

/** The private addresses an interface declares: DNAT entries and IP-type backends name it by them. */
export function interfaceAddresses(r: GenericResource): string[] {
  const single = ["primaryIpAddress", "privateIp"].map((k) => str(r.inputs[k]));
  const lists = ["privateIps", "privateIpAddresses"].flatMap((k) => list(r.inputs[k]).map(str));
  return [...new Set([...single, ...lists].filter((ip): ip is string => ip !== undefined))];
}

function collect(m: NetworkModel): Map<string, AttachedInterface> {
  const res = m.resolver;
  const owners = new Map<string, string[]>();
  for (const r of res.ofType(ALI.networkInterfaceAttachment, ALI.vpcNetworkInterfaceAttachment)) {
    const eni = res.one(r, "networkInterfaceId", r.inputs.networkInterfaceId, INTERFACE_TYPES);
    const instance = res.one(r, "instanceId", r.inputs.instanceId, [ALI.instance]);
    if (eni && instance) pushTo(owners, eni, instance);
  }
  // An instance launched on an existing interface (its networkInterfaceId) makes it its primary one.
  for (const r of res.ofType(ALI.instance)) {
    if (r.inputs.networkInterfaceId === undefined) continue;
    const eni = res.one(r, "networkInterfaceId", r.inputs.networkInterfaceId, INTERFACE_TYPES);
    if (eni) pushTo(owners, eni, r.urn);
  }
  const out = new Map<string, AttachedInterface>();
  for (const [eni, instances] of owners)
    out.set(eni, { interface: interfaceOf(m, res.get(eni)!), instances: [...new Set(instances)] });
  return out;
}

function interfaceOf(m: NetworkModel, r: GenericResource): HostInterface {
  const res = m.resolver;
  const vs = r.inputs.vswitchId;
  const vswitch = vs === undefined ? undefined : res.one(r, "vswitchId", vs, [ALI.vswitch]);
  const groups = groupInputs(res, r, ["securityGroupIds", "securityGroups"]);
  return {
    urn: r.urn,
    name: r.name,
    subnets: vswitch ? [vswitch] : [],
    externalSubnets: vs !== undefined && !vswitch ? [str(vs) ?? "(unknown vswitch)"] : [],
    ...carried(groups),
  };
}
