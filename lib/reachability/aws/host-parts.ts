// Pieces every AWS host adapter shares: a host's skeleton, its subnet and group references, the addresses its subnet
// or interface fields give, and the VPC default group an interface naming none lands in.
import { Host, NetworkModel, PublicAddress, nodeOf } from "../model";
import { GenericResource, isUnknown, list, num, prop, str, tags, unwrap } from "../resource";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

/** A template that names no group, directly or on an interface (an unknown interface may name one). */
export function templateNamesNoGroup(lt: GenericResource): boolean {
  const interfaces = list(lt.inputs.networkInterfaces);
  return (
    namesNoGroup(lt, ["vpcSecurityGroupIds", "securityGroupNames"]) &&
    interfaces.every((ni) => !isUnknown(ni) && list(prop(ni, "securityGroups")).length === 0)
  );
}

/** No value at all in any of the inputs (an unknown list may still name groups). */
export function namesNoGroup(r: GenericResource, inputs: string[]): boolean {
  return inputs.every((k) => {
    const v = r.inputs[k];
    return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  });
}

/** VPC URN → the DefaultSecurityGroup the stack manages for it; key "" is the default VPC's (no vpcId). */
export function defaultGroupByNetwork(m: NetworkModel): Map<string, string> {
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
export function withDefaultGroup(m: NetworkModel, host: Host, defaults: Map<string, string>): void {
  if (defaults.size === 0) return;
  const networks = host.defaultSubnet ? [""] : host.subnets.map((s) => m.subnets.get(s)?.network ?? "?");
  for (const n of networks) {
    const sg = defaults.get(n);
    if (sg && !host.securityGroups.includes(sg)) host.securityGroups.push(sg);
  }
}

export function hostBase(r: GenericResource, kind: Host["kind"]): Host {
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

export function subnetRef(m: NetworkModel, r: GenericResource, propName: string, value: unknown) {
  if (value === undefined || value === null || value === "")
    return { subnets: [], externalSubnets: [], defaultSubnet: true };
  const urn = m.resolver.one(r, propName, value, [AWS.subnet]);
  return urn
    ? { subnets: [urn], externalSubnets: [], defaultSubnet: false }
    : { subnets: [], externalSubnets: [str(value) ?? "(unknown subnet)"], defaultSubnet: false };
}

export function groups(m: NetworkModel, r: GenericResource, propName: string, value: unknown): string[] {
  return m.resolver.many(r, propName, list(value), AWS_SECURITY_GROUPS).urns;
}

/**
 * The IPv6 address an interface's fields give: a count above zero or a list of addresses. A count, a list or the
 * whole interface (`interfaceName`) unknown at preview may give one: it stands, unverified, naming what was unknown.
 */
export function v6(r: GenericResource, fields: unknown, interfaceName?: string): PublicAddress | undefined {
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
export function certainFirst(...addresses: (PublicAddress | undefined)[]): PublicAddress | undefined {
  return addresses.find((a) => a && !a.unverified) ?? addresses.find((a) => a !== undefined);
}

/** No explicit choice: the subnet decides (default subnets of the default VPC map public addresses). */
export function launchAddress(m: NetworkModel, host: Host): void {
  if (host.defaultSubnet) {
    host.publicV4.push({ label: "public-ip:default-subnet", urn: host.urn });
    return;
  }
  for (const s of host.subnets) {
    const subnet = m.subnets.get(s);
    if (subnet?.publicIpv4OnLaunch) host.publicV4.push({ label: `public-ip:${subnet.name}`, urn: subnet.urn });
  }
}

export function subnetV6(m: NetworkModel, host: Host): PublicAddress | undefined {
  const s = host.subnets.map((u) => m.subnets.get(u)).find((x) => x?.ipv6OnLaunch);
  return s ? { label: `ipv6:${s.name}`, urn: s.urn } : undefined;
}

export function templateGroups(m: NetworkModel, lt: GenericResource): string[] {
  const own = groups(m, lt, "vpcSecurityGroupIds", lt.inputs.vpcSecurityGroupIds);
  const fromNi = list(lt.inputs.networkInterfaces).flatMap(
    (ni) => m.resolver.many(lt, "networkInterfaces", list(prop(ni, "securityGroups")), AWS_SECURITY_GROUPS).urns,
  );
  return [...new Set([...own, ...fromNi])];
}

export function templateTags(lt: GenericResource): Record<string, string> {
  const out: Record<string, string> = { ...tags(lt) };
  for (const spec of list(lt.inputs.tagSpecifications)) {
    if (str(prop(spec, "resourceType")) !== "instance") continue;
    const t = prop(spec, "tags");
    if (t && typeof t === "object")
      for (const [k, v] of Object.entries(t as Record<string, unknown>)) if (str(v) !== undefined) out[k] = str(v)!;
  }
  return out;
}

/** "sg-1, sg-2" → its ids (EMR groups, spot fleet and EC2 Fleet subnets take such lists); a value unknown at preview stays one unknown reference. */
export function commaList(v: unknown): unknown[] {
  const s = str(v);
  if (s === undefined || isUnknown(unwrap(v))) return [v];
  return s
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
}
