// An Alibaba Cloud IPv6 internet bandwidth whose `ipv6AddressId` links no single address or holder
// (ipv6-internet.ts). Unknown at preview, it may still be bought for an address the stack gives: read from one of
// several resources, any of those; read from none, any address of the gateway's VPC. Every host it may reach gets the
// address unverified, so its openings are notes. A known id naming nothing of the stack is an address outside it.
import { NetworkModel } from "../model";
import { GenericResource, isUnknown, unwrap } from "../resource";
import { BandwidthHolders, HOLDER_TYPES, addressHolders, holderEntries, mayHoldIpv6 } from "./ipv6-holders";
import { SERVER_TYPES, ServerEntry, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

/** What an address id may be read from: an address, or its holder. */
const LINK_TYPES = [ALI.ipv6Address, ...HOLDER_TYPES];

/** The hosts a bandwidth's address id may name when it links no single address or holder. */
export function unlinkedHolders(
  m: NetworkModel,
  bandwidth: GenericResource,
  gateway: string | undefined,
  lead: string,
): BandwidthHolders {
  const res = m.resolver;
  const ref = bandwidth.inputs.ipv6AddressId;
  if (!isUnknown(unwrap(ref))) return { label: lead, entries: [], named: { bandwidth, holders: [] } };
  const candidates = res.many(bandwidth, "ipv6AddressId", [ref], LINK_TYPES).urns;
  if (candidates.length > 0) return eitherCandidate(m, bandwidth, candidates, lead);
  const gw = gateway ? res.get(gateway) : undefined;
  const vpc = gw ? res.one(gw, "vpcId", gw.inputs.vpcId, [ALI.vpc]) : undefined;
  // Instances and ENIs asking for IPv6, and every container group (which asks through no field of the provider).
  const servers = res.ofType(...SERVER_TYPES).filter(mayHoldIpv6);
  const groups = res.ofType(ALI.eciContainerGroup);
  const holders = [...servers, ...groups];
  const entries = [...servers.flatMap((s) => serverEntries(m, s.urn)), ...groups.map((g) => ({ host: g.urn }))].filter(
    (e) => vpc === undefined || mayBeIn(m, entrySubnets(m, e), vpc),
  );
  return {
    label: `${lead} (ipv6AddressId unknown at preview)`,
    entries,
    named: { bandwidth, holders: holders.map((s) => s.urn) },
    unverified: true,
  };
}

/** An id read from several addresses or holders (one value built from them): it may be any one's. */
function eitherCandidate(
  m: NetworkModel,
  bandwidth: GenericResource,
  candidates: readonly string[],
  lead: string,
): BandwidthHolders {
  const res = m.resolver;
  const holders = candidates.flatMap((u) =>
    res.isOfType(u, [ALI.ipv6Address]) ? addressHolders(m, u).map((s) => s.urn) : [u],
  );
  const names = candidates.map((u) => res.get(u)!.name).join(", ");
  return {
    label: `${lead} (ipv6AddressId read from one of ${names})`,
    entries: holders.flatMap((u) => holderEntries(m, u)),
    named: { bandwidth, holders },
    unverified: true,
  };
}

type Placement = { subnets: string[]; externalSubnets: string[] };

/** The vSwitches an entry's traffic lands in: its interface's, else the host's. */
function entrySubnets(m: NetworkModel, e: ServerEntry): Placement {
  return e.interface ?? m.hosts.get(e.host) ?? { subnets: [], externalSubnets: [] };
}

/** Only a host known to sit in another VPC (every vSwitch of the stack, in another VPC) is out of scope. */
function mayBeIn(m: NetworkModel, at: Placement, vpc: string): boolean {
  if (at.subnets.length === 0 || at.externalSubnets.length > 0) return true;
  return at.subnets.some((s) => {
    const network = m.subnets.get(s)?.network;
    return network === undefined || network === vpc;
  });
}
