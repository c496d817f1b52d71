// An allow-list is as broad as the union of its entries: entries each narrow enough may join into a range none of them
// may be (256 adjacent /24s are one /16; 203.0.113.0/24 and 203.0.114.0/24 are 512 contiguous addresses, though no
// /23 holds both). The entries' ranges are sorted and every touching or overlapping pair joined; a joined range is
// measured by its address count, whatever its alignment. Scattered entries with gaps between them still pass, however
// many there are: the bound is on each contiguous range, not on the list's total.
import { IPv4, IPv6 } from "ip-num";
import { IpFamily, isPublicCidr, parseCidr } from "../../lib/cidr";

/** The broadest prefix length one entry may have, per address family. */
export interface PrefixLimit {
  ipv4: number;
  ipv6: number;
}

export interface BroadUnion {
  /** The public entries lying in a joined range broader than one entry may be (entries broad alone among them). */
  entries: string[];
  /** Those joined ranges, as `first–last`. */
  ranges: string[];
}

interface Range {
  first: bigint;
  last: bigint;
}

const BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

/** An address as people write it (IPv6 compressed, as URLs canonicalise it). */
function addressText(family: IpFamily, n: bigint): string {
  if (family === "ipv4") return new IPv4(n).toString();
  return new URL(`http://[${new IPv6(n).toString()}]/`).hostname.slice(1, -1);
}

/** Sorted ranges with every touching or overlapping pair (next first <= last + 1) joined. */
function joined(ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    const prev = out[out.length - 1];
    if (prev && r.first <= prev.last + 1n) {
      if (r.last > prev.last) prev.last = r.last;
    } else out.push({ ...r });
  }
  return out;
}

/** The public entries lying in a joined range holding more addresses than one entry at `limit` may. */
export function broadUnion(cidrs: readonly string[], limit: PrefixLimit): BroadUnion {
  const byFamily: Record<IpFamily, Range[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const p = parseCidr(c);
    // The parsed block's own bounds: host bits set (`10.1.2.3/8`) read as the cloud reads them.
    if (p && isPublicCidr(c)) byFamily[p.family].push({ first: p.first, last: p.last });
  }
  const broad: Record<IpFamily, Range[]> = { ipv4: [], ipv6: [] };
  const ranges: string[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const most = 1n << BigInt(BITS[family] - limit[family]);
    for (const r of joined(byFamily[family]))
      if (r.last - r.first + 1n > most) {
        broad[family].push(r);
        ranges.push(`${addressText(family, r.first)}–${addressText(family, r.last)}`);
      }
  }
  const entries = cidrs.filter((c) => {
    const p = parseCidr(c);
    return !!p && isPublicCidr(c) && broad[p.family].some((b) => b.first <= p.first && p.last <= b.last);
  });
  return { entries, ranges };
}
