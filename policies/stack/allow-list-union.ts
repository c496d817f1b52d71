// An allow-list is as broad as the union of its entries: entries each narrow enough may join into a range none of them
// may be (256 adjacent /24s are one /16; 203.0.113.0/24 and 203.0.114.0/24 are 512 contiguous addresses, though no
// /23 holds both). The entries' ranges are sorted and every touching or overlapping pair joined; a joined range is
// measured by its address count, whatever its alignment. Scattered entries are bounded too, by an address budget: what
// the other public entries of a family still admit together (overlaps counted once) may hold no more addresses than
// ADMIN_SOURCE_BUDGET_BLOCKS entries at the limit (sixteen /24s: a handful of offices and VPN exits); past that, all are
// refused, as 256 /24s a /16 apart admit as many addresses as a /16. The arithmetic is lib/cidr.ts's allowListExcess.
import { ADMIN_SOURCE_BUDGET_BLOCKS, IpFamily, addressCountText, allowListExcess, ipNum } from "../../lib/cidr";

/** The broadest prefix length one entry may have, per address family. */
export interface PrefixLimit {
  ipv4: number;
  ipv6: number;
}

export interface BroadUnion {
  /**
   * The public entries refused: those lying in a joined range broader than one entry may be (entries broad alone
   * among them), and every public entry of a family over its address budget.
   */
  entries: string[];
  /** Those joined ranges, as `first–last`. */
  ranges: string[];
  /** The families whose other public entries together hold more addresses than the budget. */
  overBudget: AddressTotal[];
}

/** The addresses a family's public entries admit together, and the budget they are held to. */
export interface AddressTotal {
  family: IpFamily;
  total: bigint;
  /** The budget in addresses: `blocks` blocks of `/prefix`. */
  limit: bigint;
  blocks: number;
  /** The broadest prefix length one entry may have. */
  prefix: number;
}

/** An address as people write it (IPv6 compressed, as URLs canonicalise it). */
function addressText(family: IpFamily, n: bigint): string {
  const { IPv4, IPv6 } = ipNum();
  if (family === "ipv4") return new IPv4(n).toString();
  return new URL(`http://[${new IPv6(n).toString()}]/`).hostname.slice(1, -1);
}

/**
 * The public entries lying in a joined range holding more addresses than one entry at `limit` may, and, per family,
 * every other public entry when those others together hold more addresses than the budget.
 */
export function broadUnion(cidrs: readonly string[], limit: PrefixLimit): BroadUnion {
  const refused = new Set<number>();
  const ranges: string[] = [];
  const overBudget: AddressTotal[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const excess = allowListExcess(cidrs, family, limit[family]);
    for (const r of excess.broad) ranges.push(`${addressText(family, r.first)}–${addressText(family, r.last)}`);
    for (const at of excess.refused) refused.add(at);
    if (excess.total > excess.budget) {
      const { total, budget } = excess;
      overBudget.push({ family, total, limit: budget, blocks: ADMIN_SOURCE_BUDGET_BLOCKS, prefix: limit[family] });
    }
  }
  return { entries: cidrs.filter((_, at) => refused.has(at)), ranges, overBudget };
}

/** "public IPv4 entries: 65536 addresses in all, at most 4096 (16 blocks of /24)"; IPv6 counted in blocks. */
export function overBudgetText(o: AddressTotal): string {
  if (o.family === "ipv6") {
    const total = addressCountText(o.family, o.total, o.prefix);
    return `public IPv6 entries: ${total} in all, at most ${o.blocks} /${o.prefix} blocks`;
  }
  return `public IPv4 entries: ${o.total} addresses in all, at most ${o.limit} (${o.blocks} blocks of /${o.prefix})`;
}
