// Alibaba Cloud IPv6: an address is reachable only inside the VPC until internet bandwidth is bought for it on the
// VPC's IPv6 gateway (`vpc.Ipv6InternetBandwidth`). Then the instance holding it, or the instance an ENI holding it
// is attached to (behind the ENI's groups), has a global IPv6 address. The bandwidth names the address by
// `ipv6AddressId`: a `vpc.Ipv6Address` of the stack (held by the instance or ENI whose `ipv6Addresses` names it), or,
// at preview, the instance or ENI its value was read from (property dependencies, as for any reference) when that,
// or an ENI attached to that instance, asks for IPv6 addresses (an ECI container group, which asks through no field
// of the provider, holds it; `ipv6-holders.ts`). An id linking no single address or holder is read in
// `ipv6-unlinked-address.ts`. An egress-only rule on the address closes it to the internet again
// (`ipv6-egress-only.ts`); one that may cover it leaves the address standing, unverified.
import { NetworkModel, PublicAddress } from "../model";
import { GenericResource, num, str, unwrap } from "../resource";
import { egressOnly } from "./ipv6-egress-only";
import { BandwidthHolders, HOLDER_TYPES, addressHolders, holderEntries, mayHoldIpv6 } from "./ipv6-holders";
import { unlinkedHolders } from "./ipv6-unlinked-address";
import { attachedInterfaces, serverEntries } from "./network-interfaces";
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

/** A host keeps one IPv6 address per door: a certain one over one that only may be reachable. */
const outranks = (a: PublicAddress, held: PublicAddress) => held.unverified === true && a.unverified !== true;

/** The hosts the bandwidth's address belongs to, and the hop that names the gateway, bandwidth and address. */
function holdersOf(m: NetworkModel, bandwidth: GenericResource): BandwidthHolders {
  const res = m.resolver;
  const gatewayRef = bandwidth.inputs.ipv6GatewayId;
  const gateway = res.one(bandwidth, "ipv6GatewayId", gatewayRef, [ALI.ipv6Gateway]);
  const gatewayName = gateway ? res.get(gateway)!.name : (str(gatewayRef) ?? "(unknown gateway)");
  const lead = `ipv6-gateway:${gatewayName} ipv6-bandwidth:${bandwidth.name}`;
  const addressRef = bandwidth.inputs.ipv6AddressId;
  const address = res.one(bandwidth, "ipv6AddressId", addressRef, [ALI.ipv6Address]);
  if (address) {
    const holders = addressHolders(m, address);
    return {
      label: `${lead} ipv6:${res.get(address)!.name}`,
      entries: holders.flatMap((s) => serverEntries(m, s.urn)),
      named: { bandwidth, address, holders: holders.map((s) => s.urn), sole: soleHolder(m, holders) },
    };
  }
  // Read from the instance or ENI itself (a data source's answer): one of the addresses it asks for, or, for an
  // instance, one of its attached ENIs' (reached through that ENI).
  const named = res.one(bandwidth, "ipv6AddressId", addressRef, HOLDER_TYPES);
  if (!named) return unlinkedHolders(m, bandwidth, gateway, lead);
  // An ECI container group holds at most one IPv6 address, and the provider has no field asking for it: an address
  // read from the group is that one.
  const sole = res.get(named)!.type === ALI.eciContainerGroup || soleHolder(m, [res.get(named)!]);
  return { label: lead, entries: holderEntries(m, named), named: { bandwidth, holders: [named], sole } };
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
