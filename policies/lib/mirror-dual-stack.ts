// Whether an AWS traffic mirror session's source has IPv6 addresses, so that the internet reaches it over IPv6 too
// and a filter that accepts only IPv4 blocks leaves that traffic unmirrored. The source is an interface
// (networkInterfaceId): an aws.ec2.NetworkInterface, or an instance's primaryNetworkInterfaceId; either gets IPv6
// addresses of its own or from a subnet that assigns them on creation.
import { GenericResource, isUnknown, Resolver } from "../../lib/reachability/internals";
import { bool, list, num } from "../../lib/values";
import { anyOf, Proof } from "./proof";

export const DUAL_STACK_TYPES = {
  networkInterface: "aws:ec2/networkInterface:NetworkInterface",
  instance: "aws:ec2/instance:Instance",
  subnet: "aws:ec2/subnet:Subnet",
};
const T = DUAL_STACK_TYPES;

/** IPv6 addresses (or delegated prefixes) asked for by count or by list: "unknown" when one is unknown at preview. */
function ownAddresses(inputs: Record<string, unknown>, counts: string[], lists: string[]): Proof {
  const counted = counts.some((k) => (num(inputs[k]) ?? 0) > 0);
  if (counted || lists.some((k) => list(inputs[k]).length > 0)) return "yes";
  return [...counts, ...lists].some((k) => isUnknown(inputs[k])) ? "unknown" : "no";
}

/** A subnet in the stack that gives new interfaces an IPv6 address. */
function subnetAssigns(res: Resolver, from: GenericResource): Proof {
  const urn = res.one(from, "subnetId", from.inputs.subnetId, [T.subnet]);
  const subnet = urn === undefined ? undefined : res.get(urn);
  if (!subnet) return "no";
  const assign = subnet.inputs.assignIpv6AddressOnCreation;
  if (isUnknown(assign)) return "unknown";
  return bool(assign) === true ? "yes" : "no";
}

/** "yes" when the session's source interface has IPv6 addresses; "no" also when the source is outside the stack. */
export function sourceHasIpv6(res: Resolver, session: GenericResource): Proof {
  const urn = res.one(session, "networkInterfaceId", session.inputs.networkInterfaceId, [
    T.networkInterface,
    T.instance,
  ]);
  const source = urn === undefined ? undefined : res.get(urn);
  if (!source) return "no";
  const own =
    source.type === T.instance
      ? ownAddresses(source.inputs, ["ipv6AddressCount"], ["ipv6Addresses"])
      : ownAddresses(
          source.inputs,
          ["ipv6AddressCount", "ipv6PrefixCount"],
          ["ipv6Addresses", "ipv6AddressLists", "ipv6Prefixes"],
        );
  return anyOf([own, subnetAssigns(res, source)]);
}
