// Alibaba Cloud IPv6 egress-only rules (`vpc.Ipv6EgressRule`): a rule on an address with internet bandwidth lets
// the address open connections to the internet but stops the internet from opening any to it. The rule names the
// address by `instanceId` (`instanceType` `Ipv6Address`, the default and only kind): a known id equal to the
// bandwidth's `ipv6AddressId` or to the id of the `vpc.Ipv6Address` it names, or, at preview, the single bandwidth
// (the provider's example reads `ipv6AddressId` from it) or address its property dependencies name, or the one
// instance or ENI holding it when that holds no other. Unknowns never hide an opening: a rule that may name the
// address but cannot be shown to stands as a doubt, not a cover.
import { NetworkModel } from "../model";
import { GenericResource, isUnknown, str, unwrap } from "../resource";
import { SERVER_TYPES } from "./network-interfaces";
import { ALI } from "./tokens";

/** A bandwidth's address as the plan names it. */
export interface BandwidthAddress {
  bandwidth: GenericResource;
  /** The `vpc.Ipv6Address` of the stack it names. */
  address?: string;
  /** The instances or ENIs holding the address, or the one it was read from. */
  holders: readonly string[];
  /** A single holder that holds no other IPv6 address: an id read from it is this address. */
  sole?: boolean;
}

/** Whether egress-only rules close the address to the internet, or may (the rule and field that stay unknown). */
export type EgressOnly = { closed: true } | { closed: false; doubt?: string };

type Cover = "yes" | "maybe" | "no";

/** What a rule's `instanceId` may have been read from at preview. */
const LINK_TYPES = [ALI.ipv6InternetBandwidth, ALI.ipv6Address, ...SERVER_TYPES, ALI.eciContainerGroup];

export function egressOnly(m: NetworkModel, target: BandwidthAddress): EgressOnly {
  let doubt: string | undefined;
  for (const rule of m.resolver.ofType(ALI.ipv6EgressRule)) {
    const type = unwrap(rule.inputs.instanceType);
    if (!isUnknown(type) && type !== undefined && type !== null && str(type)?.toLowerCase() !== "ipv6address") continue;
    const cover = namesAddress(m, rule, target);
    if (cover === "yes" && !isUnknown(type)) return { closed: true };
    if (cover !== "no")
      doubt ??= `egress-only rule ${rule.name} ${cover === "maybe" ? "instanceId" : "instanceType"} unknown at preview`;
  }
  return { closed: false, doubt };
}

function namesAddress(m: NetworkModel, rule: GenericResource, target: BandwidthAddress): Cover {
  const res = m.resolver;
  const raw = unwrap(rule.inputs.instanceId);
  if (typeof raw === "string" && !isUnknown(raw)) {
    if (raw === "") return "no";
    if (raw === str(unwrap(target.bandwidth.inputs.ipv6AddressId))) return "yes";
    const address = res.one(rule, "instanceId", raw, [ALI.ipv6Address]);
    return address !== undefined && address === target.address ? "yes" : "no";
  }
  if (!isUnknown(raw)) return "no";
  // Unknown at preview: the resources its value was read from. None may mean any address.
  const { urns } = res.many(rule, "instanceId", [raw], LINK_TYPES);
  if (urns.length === 0) return "maybe";
  const same = (u: string) =>
    u === target.bandwidth.urn || (target.address !== undefined && addressOf(m, u) === target.address);
  if (urns.length === 1 && (same(urns[0]) || (target.sole && target.holders.includes(urns[0])))) return "yes";
  // Several candidates, or the instance or ENI holding the address among others: it may be this one.
  return urns.some((u) => same(u) || target.holders.includes(u)) ? "maybe" : "no";
}

/** The `vpc.Ipv6Address` a resource stands for: itself, or the one a bandwidth names. */
function addressOf(m: NetworkModel, urn: string): string | undefined {
  const r = m.resolver.get(urn);
  if (!r) return undefined;
  if (r.type === ALI.ipv6Address) return urn;
  if (r.type !== ALI.ipv6InternetBandwidth) return undefined;
  return m.resolver.one(r, "ipv6AddressId", r.inputs.ipv6AddressId, [ALI.ipv6Address]);
}
