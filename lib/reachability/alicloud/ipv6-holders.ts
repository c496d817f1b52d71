// What may hold an Alibaba Cloud IPv6 address internet bandwidth is bought for (ipv6-internet.ts): an instance or
// ENI asking for IPv6 addresses, reached as the instance itself or through the ENI attached to it, or an ECI container
// group (the provider has no field asking for its address; a group holds at most one).
import { NetworkModel } from "../model";
import { GenericResource, isUnknown, list, num, unwrap } from "../resource";
import { BandwidthAddress } from "./ipv6-egress-only";
import { SERVER_TYPES, ServerEntry, attachedInterfaces, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

/** What a bandwidth's address may be read from: an instance, an ENI or a container group. */
export const HOLDER_TYPES = [...SERVER_TYPES, ALI.eciContainerGroup];

/** The hosts a bandwidth's address reaches, the hop that names it, and what egress-only rules may name. */
export interface BandwidthHolders {
  label: string;
  entries: ServerEntry[];
  named: BandwidthAddress;
  /** The address may be another's: its openings are notes. */
  unverified?: true;
}

/**
 * The doors through which an address read from `urn` reaches a host: a container group itself; an instance or ENI
 * asking for IPv6, and for an instance each attached ENI asking for IPv6 (reached through that ENI).
 */
export function holderEntries(m: NetworkModel, urn: string): ServerEntry[] {
  const res = m.resolver;
  const r = res.get(urn);
  if (!r) return [];
  if (r.type === ALI.eciContainerGroup) return [{ host: urn }];
  const own = mayHoldIpv6(r) ? serverEntries(m, urn) : [];
  const viaInterfaces = [...attachedInterfaces(m)]
    .filter(([eni, attached]) => attached.instances.includes(urn) && mayHoldIpv6(res.get(eni)!))
    .map(([, attached]) => ({ host: urn, interface: attached.interface }));
  return [...own, ...viaInterfaces];
}

/** The instances and ENIs whose `ipv6Addresses` name the `vpc.Ipv6Address` `address`. */
export function addressHolders(m: NetworkModel, address: string): readonly GenericResource[] {
  const res = m.resolver;
  return res
    .ofType(...SERVER_TYPES)
    .filter((s) =>
      res.many(s, "ipv6Addresses", list(s.inputs.ipv6Addresses), [ALI.ipv6Address]).urns.includes(address),
    );
}

/** An instance or ENI asks for IPv6 addresses: a count above zero or a list of them (either unknown at preview may). */
export function mayHoldIpv6(r: GenericResource): boolean {
  const count = unwrap(r.inputs.ipv6AddressCount);
  const addresses = unwrap(r.inputs.ipv6Addresses);
  return (num(count) ?? 0) > 0 || list(addresses).length > 0 || isUnknown(count);
}
