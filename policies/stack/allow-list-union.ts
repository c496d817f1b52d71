// An allow-list is as broad as the union of its entries: entries each narrow enough may merge into a block none of them
// may be (256 adjacent /24s are one /16). The union is aggregated into CIDR blocks with ip-num, as lib/cidr.ts parses.
import { AbstractIPNum, IPv4, IPv6, Pool, RangedSet } from "ip-num";
import { IpFamily, isPublicCidr, parseCidr } from "../../lib/cidr";

/** The broadest prefix length one entry may have, per address family. */
export interface PrefixLimit {
  ipv4: number;
  ipv6: number;
}

/**
 * The public entries lying in a block of the merged union that is broader than `limit` allows one entry to be. Entries
 * that are broad on their own are among them; unparseable and non-public entries are not.
 */
export function broadUnionEntries(cidrs: readonly string[], limit: PrefixLimit): string[] {
  const byFamily: Record<IpFamily, RangedSet<AbstractIPNum>[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const p = parseCidr(c);
    if (!p || !isPublicCidr(c)) continue;
    // The parsed block's own bounds: host bits set (`10.1.2.3/8`) read as the cloud reads them.
    const ip = p.family === "ipv4" ? (n: bigint) => new IPv4(n) : (n: bigint) => new IPv6(n);
    byFamily[p.family].push(new RangedSet<AbstractIPNum>(ip(p.first), ip(p.last)));
  }
  const broad = {
    ipv4: broadBlocks(byFamily.ipv4, 32 - limit.ipv4),
    ipv6: broadBlocks(byFamily.ipv6, 128 - limit.ipv6),
  };
  return cidrs.filter((c) => {
    const p = parseCidr(c);
    return !!p && isPublicCidr(c) && broad[p.family].some((b) => b.first <= p.first && p.last <= b.last);
  });
}

/** Blocks of the aggregated union (bounds) holding more than 2^hostBits addresses. */
function broadBlocks(ranges: RangedSet<AbstractIPNum>[], hostBits: number): { first: bigint; last: bigint }[] {
  if (ranges.length === 0) return [];
  const most = 1n << BigInt(hostBits);
  return Pool.fromRangeSet(ranges)
    .aggregate()
    .getRanges()
    .filter((r) => r.getSize() > most)
    .map((r) => ({ first: r.getFirst().getValue(), last: r.getLast().getValue() }));
}
