// Alibaba Cloud IPv6: an address is reachable only inside the VPC until internet bandwidth is bought for it on the
// VPC's IPv6 gateway (`vpc.Ipv6InternetBandwidth`). Then the instance holding it, or the instance an ENI holding it
// is attached to (behind the ENI's groups), has a global IPv6 address. The bandwidth names the address by
// `ipv6AddressId`: a `vpc.Ipv6Address` of the stack (held by the instance or ENI whose `ipv6Addresses` names it), or,
// at preview, the instance or ENI its value was read from (property dependencies, as for any reference) when that,
// or an ENI attached to that instance, asks for IPv6 addresses (an ECI container group, which asks through no field
// of the provider, holds it). An egress-only rule on the address closes it to the internet again
// (`ipv6-egress-only.ts`); one that may cover it leaves the address standing, unverified.
import { NetworkModel, PublicAddress } from "../model";
import { GenericResource, isUnknown, list, num, str, unwrap } from "../resource";
import { BandwidthAddress, egressOnly } from "./ipv6-egress-only";
import { SERVER_TYPES, ServerEntry, attachedInterfaces, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

export function addAlicloudIpv6Internet(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.ipv6Address)) {
    const address = str(r.inputs.ipv6Address);
    if (address) res.alias(r, address);
  }
  for (const bandwidth of res.ofType(ALI.ipv6InternetBandwidth)) {
    const { label, entries, named, unverified } = holdersOf(m, bandwidth);
    if (entries.length === 0) continue;
    const egress = egressOnly(m, named);
    if (egress.closed) continue;
    const address: PublicAddress = egress.doubt
      ? { label: `${label} (${egress.doubt})`, urn: bandwidth.urn, unverified: true }
      : { label, urn: bandwidth.urn, ...(unverified ? { unverified } : {}) };
    for (const entry of entries) {
      const host = m.hosts.get(entry.host);
      if (!host) continue;
      if (!entry.interface) {
        if (!host.publicV6 || outranks(address, host.publicV6)) host.publicV6 = address;
        continue;
      }
      const door = { ...address, interface: entry.interface };
      const doors = (host.interfacesV6 ??= []);
      const i = doors.findIndex((a) => a.interface?.urn === entry.interface!.urn);
      if (i < 0) doors.push(door);
      else if (outranks(door, doors[i])) doors[i] = door;
    }
  }
}

/** What a bandwidth's address may be read from: an instance, an ENI or a container group. */
const HOLDER_TYPES = [...SERVER_TYPES, ALI.eciContainerGroup];

/** A host keeps one IPv6 address per door: a certain one over one that only may be reachable. */
const outranks = (a: PublicAddress, held: PublicAddress) => held.unverified === true && a.unverified !== true;

/** The hosts the bandwidth's address belongs to, and the hop that names the gateway, bandwidth and address. */
function holdersOf(
  m: NetworkModel,
  bandwidth: GenericResource,
): { label: string; entries: ServerEntry[]; named: BandwidthAddress; unverified?: true } {
  const res = m.resolver;
  const gatewayRef = bandwidth.inputs.ipv6GatewayId;
  const gateway = res.one(bandwidth, "ipv6GatewayId", gatewayRef, [ALI.ipv6Gateway]);
  const gatewayName = gateway ? res.get(gateway)!.name : (str(gatewayRef) ?? "(unknown gateway)");
  const lead = `ipv6-gateway:${gatewayName} ipv6-bandwidth:${bandwidth.name}`;
  const addressRef = bandwidth.inputs.ipv6AddressId;
  const address = res.one(bandwidth, "ipv6AddressId", addressRef, [ALI.ipv6Address]);
  if (address) {
    const holders = res
      .ofType(...SERVER_TYPES)
      .filter((s) =>
        res.many(s, "ipv6Addresses", list(s.inputs.ipv6Addresses), [ALI.ipv6Address]).urns.includes(address),
      );
    return {
      label: `${lead} ipv6:${res.get(address)!.name}`,
      entries: holders.flatMap((s) => serverEntries(m, s.urn)),
      named: { bandwidth, address, holders: holders.map((s) => s.urn), sole: soleHolder(m, holders) },
    };
  }
  // Read from the instance or ENI itself (a data source's answer): one of the addresses it asks for, or, for an
  // instance, one of its attached ENIs' (reached through that ENI).
  const named = res.one(bandwidth, "ipv6AddressId", addressRef, HOLDER_TYPES);
  if (!named) return unlinked(m, bandwidth, gateway, lead);
  // An ECI container group holds at most one IPv6 address, and the provider has no field asking for it: an address
  // read from the group is that one.
  if (res.get(named)!.type === ALI.eciContainerGroup)
    return { label: lead, entries: [{ host: named }], named: { bandwidth, holders: [named], sole: true } };
  const own = mayHoldIpv6(res.get(named)!) ? serverEntries(m, named) : [];
  const viaInterfaces = [...attachedInterfaces(m)]
    .filter(([eni, attached]) => attached.instances.includes(named) && mayHoldIpv6(res.get(eni)!))
    .map(([, attached]) => ({ host: named, interface: attached.interface }));
  const sole = soleHolder(m, [res.get(named)!]);
  return { label: lead, entries: [...own, ...viaInterfaces], named: { bandwidth, holders: [named], sole } };
}

/**
 * A bandwidth whose address id is unknown at preview and linked to nothing may be bought for any address of its
 * gateway's VPC: every holder there that may hold IPv6 (every one in the stack when the VPC is unknown) gets it,
 * unverified. A known id that names nothing of the stack stays outside: no holder.
 */
function unlinked(
  m: NetworkModel,
  bandwidth: GenericResource,
  gateway: string | undefined,
  lead: string,
): { label: string; entries: ServerEntry[]; named: BandwidthAddress; unverified?: true } {
  const nothing = { label: lead, entries: [], named: { bandwidth, holders: [] } };
  const res = m.resolver;
  const ref = bandwidth.inputs.ipv6AddressId;
  if (!isUnknown(unwrap(ref))) return nothing;
  if (res.many(bandwidth, "ipv6AddressId", [ref], LINK_TYPES).urns.length > 0) return nothing;
  const gw = gateway ? res.get(gateway) : undefined;
  const vpc = gw ? res.one(gw, "vpcId", gw.inputs.vpcId, [ALI.vpc]) : undefined;
  const holders = res.ofType(...SERVER_TYPES).filter(mayHoldIpv6);
  const entries = holders
    .flatMap((s) => serverEntries(m, s.urn))
    .filter((e) => vpc === undefined || mayBeIn(m, entrySubnets(m, e), vpc));
  return {
    label: `${lead} (ipv6AddressId unknown at preview)`,
    entries,
    named: { bandwidth, holders: holders.map((s) => s.urn) },
    unverified: true,
  };
}

/** What an address id may be read from: an address, or its holder. */
const LINK_TYPES = [ALI.ipv6Address, ...HOLDER_TYPES];

/** The vSwitches an entry's traffic lands in: its interface's, else the host's. */
function entrySubnets(m: NetworkModel, e: ServerEntry): { subnets: string[]; externalSubnets: string[] } {
  return e.interface ?? m.hosts.get(e.host) ?? { subnets: [], externalSubnets: [] };
}

/** Only a host known to sit in another VPC (every vSwitch of the stack, in another VPC) is out of scope. */
function mayBeIn(m: NetworkModel, at: { subnets: string[]; externalSubnets: string[] }, vpc: string): boolean {
  if (at.subnets.length === 0 || at.externalSubnets.length > 0) return true;
  return at.subnets.some((s) => {
    const network = m.subnets.get(s)?.network;
    return network === undefined || network === vpc;
  });
}

/**
 * One instance or ENI holds the address and asks for no other (a count of one, or a list of one, and no attached
 * ENI asking for IPv6): an address id read from it can only be this one.
 */
function soleHolder(m: NetworkModel, holders: readonly GenericResource[]): boolean {
  if (holders.length !== 1) return false;
  const [r] = holders;
  const count = unwrap(r.inputs.ipv6AddressCount);
  const addresses = unwrap(r.inputs.ipv6Addresses);
  const none = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  const one = none(count) ? Array.isArray(addresses) && addresses.length === 1 : num(count) === 1 && none(addresses);
  if (!one) return false;
  const res = m.resolver;
  return ![...attachedInterfaces(m)].some(([eni, a]) => a.instances.includes(r.urn) && mayHoldIpv6(res.get(eni)!));
}

/** An instance or ENI asks for IPv6 addresses: a count above zero or a list of them (either unknown at preview may). */
function mayHoldIpv6(r: GenericResource): boolean {
  const count = unwrap(r.inputs.ipv6AddressCount);
  const addresses = unwrap(r.inputs.ipv6Addresses);
  return (num(count) ?? 0) > 0 || list(addresses).length > 0 || isUnknown(count);
}
