// Admin sources no operator connects from, for both clouds: addresses that never reach a host as a routed packet's
// source, and IPv6 blocks that stand for IPv4 addresses (a narrow-looking IPv6 entry may then mean IPv4 hosts,
// up to the whole IPv4 internet behind a translator). Private ranges (RFC 1918, 100.64.0.0/10, fc00::/7) stay allowed:
// VPNs and peered networks use them.
import { blocksCover, cidrContains, parseCidr } from "../../lib/cidr";

interface UnusableSource {
  block: string;
  /** What the block is, for the message. */
  what: string;
  /** How to write what the caller meant. */
  fix: string;
}

const NO_OPERATOR = "remove it and list the office or VPN egress addresses operators connect from";
const WRITE_IPV4 = "write the IPv4 block it stands for in IPv4 notation, e.g. 203.0.113.0/28";

/** In order: the first block that holds an entry names it (the unspecified address before the IPv4-compatible /96). */
const UNUSABLE_SOURCES: readonly UnusableSource[] = [
  { block: "0.0.0.0/8", what: '"this network" (RFC 1122), never a routed source', fix: NO_OPERATOR },
  { block: "127.0.0.0/8", what: "loopback", fix: NO_OPERATOR },
  { block: "169.254.0.0/16", what: "link-local, never routed", fix: NO_OPERATOR },
  { block: "224.0.0.0/4", what: "multicast, never a connection's source", fix: NO_OPERATOR },
  { block: "240.0.0.0/4", what: "reserved (class E and broadcast)", fix: NO_OPERATOR },
  { block: "::/127", what: "the unspecified or loopback IPv6 address", fix: NO_OPERATOR },
  { block: "fe80::/10", what: "IPv6 link-local, never routed", fix: NO_OPERATOR },
  { block: "ff00::/8", what: "IPv6 multicast, never a connection's source", fix: NO_OPERATOR },
  { block: "100::/64", what: "IPv6 discard-only (RFC 6666)", fix: NO_OPERATOR },
  { block: "::ffff:0:0/96", what: "IPv4-mapped IPv6", fix: WRITE_IPV4 },
  { block: "::/96", what: "IPv4-compatible IPv6, deprecated by RFC 4291", fix: WRITE_IPV4 },
  { block: "64:ff9b::/96", what: "the NAT64 prefix, which holds the whole IPv4 internet", fix: WRITE_IPV4 },
  {
    block: "64:ff9b:1::/48",
    what: "local-use IPv4/IPv6 translation (RFC 8215), IPv4 hosts behind it",
    fix: WRITE_IPV4,
  },
];

export interface UnusableSourceProblem {
  /** The allowed text, naming the block the entry lies in. */
  allowed: string;
  fix: string;
}

/**
 * Why no operator connects from `cidr`, or undefined when one may (and for text that does not parse: callers report
 * its form). An entry counts when it lies inside one of the blocks, or inside their union (224.0.0.0/3).
 */
export function unusableSourceProblem(cidr: string): UnusableSourceProblem | undefined {
  if (!parseCidr(cidr)) return undefined;
  const inside = UNUSABLE_SOURCES.find((s) => cidrContains(s.block, cidr));
  if (inside) {
    return { allowed: `a source operators connect from, not ${inside.what} (${inside.block})`, fix: inside.fix };
  }
  const blocks = UNUSABLE_SOURCES.map((s) => s.block);
  if (!blocksCover(blocks, cidr)) return undefined;
  const spanned = blocks.filter((b) => cidrContains(cidr, b));
  return { allowed: `a source operators connect from, not reserved space (${spanned.join(", ")})`, fix: NO_OPERATOR };
}
