// CIDR arithmetic shared by policies, components and the reachability model: one answer to "is this the internet".
import { BoundedMemo } from "./bounded-memo";

export type IpFamily = "ipv4" | "ipv6";

export interface ParsedCidr {
  family: IpFamily;
  prefix: number;
  /** First and last address of the block as integers, so unions and overlaps are plain interval maths. */
  first: bigint;
  last: bigint;
  /** The input, trimmed. */
  text: string;
}

/**
 * Parses `a.b.c.d/n` or an IPv6 block. A bare address is a host block (/32, /128) because Alibaba Cloud
 * whitelists and `cidrIp` accept plain addresses. Host bits set (`10.1.2.3/8`) are tolerated: clouds normalise them.
 */
export function parseCidr(s: string): ParsedCidr | undefined {
  if (typeof s !== "string") return undefined;
  // One lookup for the usual hit; unparseable text is remembered as undefined, which only `through` tells apart.
  return parsed.get(s) ?? parsed.through(s, () => parseUncached(s));
}

/** Parsing through ip-num is the hot path of large rule sets: results are memoised (bounded). */
const CACHE_LIMIT = 50_000;
const parsed = new BoundedMemo<string, ParsedCidr | undefined>(CACHE_LIMIT);
const publicity = new BoundedMemo<string, boolean>(CACHE_LIMIT);

/** ip-num loads with the first CIDR parsed: its modules' own set-up is not the pack's start, which the CLI times. */
let ipNumModule: typeof import("ip-num") | undefined;
export const ipNum = (): typeof import("ip-num") => (ipNumModule ??= require("ip-num"));

function parseUncached(s: string): ParsedCidr | undefined {
  const text = s.trim();
  if (text === "") return undefined;
  const isV6 = text.includes(":");
  const withPrefix = canonicalForms(text.includes("/") ? text : `${text}/${isV6 ? 128 : 32}`, isV6);
  const { IPv4CidrRange, IPv6CidrRange, Validator } = ipNum();
  try {
    if (isV6) {
      if (!Validator.isValidIPv6CidrNotation(withPrefix)[0]) return undefined;
      const r = IPv6CidrRange.fromCidr(withPrefix);
      return rangeOf("ipv6", r.getPrefix().getValue(), r.getFirst().getValue(), r.getLast().getValue(), text);
    }
    if (!Validator.isValidIPv4CidrNotation(withPrefix)[0]) return undefined;
    const r = IPv4CidrRange.fromCidr(withPrefix);
    return rangeOf("ipv4", r.getPrefix().getValue(), r.getFirst().getValue(), r.getLast().getValue(), text);
  } catch {
    return undefined;
  }
}

/**
 * Spellings ip-num rejects but address parsers (Go's net.ParseCIDR, which the providers use) read as the same block:
 * leading zeros in the prefix length ("::/00") and an IPv6 address ending in dotted IPv4 ("::0.0.0.0/0" is ::/0).
 */
function canonicalForms(text: string, isV6: boolean): string {
  const slash = text.lastIndexOf("/");
  let address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  const bits = /^\d{1,3}$/.test(prefix) ? String(Number(prefix)) : prefix;
  const dotted = isV6 ? /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address) : null;
  if (dotted && dotted.slice(2).every((o) => Number(o) <= 255)) {
    const [a, b, c, d] = dotted.slice(2).map(Number);
    address = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  return `${address}/${bits}`;
}

function rangeOf(family: IpFamily, prefix: bigint, first: bigint, last: bigint, text: string): ParsedCidr {
  return { family, prefix: Number(prefix), first, last, text };
}

const MAX: Record<IpFamily, bigint> = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };

/** An address range as integers, first and last included. */
export interface Interval {
  first: bigint;
  last: bigint;
}

/** Merges intervals and reports whether they cover [0, max] without a gap. */
function coversWhole(intervals: Interval[], max: bigint): boolean {
  const sorted = [...intervals].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const iv of sorted) {
    if (iv.first > next) return false;
    if (iv.last + 1n > next) next = iv.last + 1n;
    if (next > max) return true;
  }
  return next > max;
}

/** Does the union of the blocks cover every IPv4 (resp. IPv6) address? Unparseable entries are ignored. */
export function coversInternet(cidrs: readonly string[]): { ipv4: boolean; ipv6: boolean } {
  const byFamily: Record<IpFamily, ParsedCidr[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const p = parseCidr(c);
    if (p) byFamily[p.family].push(p);
  }
  return { ipv4: coversWhole(byFamily.ipv4, MAX.ipv4), ipv6: coversWhole(byFamily.ipv6, MAX.ipv6) };
}

/**
 * Address space that is not reachable from the public internet (RFC 6890 special-purpose blocks).
 * Documentation blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are deliberately absent:
 * examples use them to stand for public addresses, so they are treated as public.
 */
export const NON_PUBLIC_CIDRS: readonly string[] = [
  "0.0.0.0/8", // "this network"
  "10.0.0.0/8", // RFC 1918
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local
  "172.16.0.0/12", // RFC 1918
  "192.0.0.0/24", // IETF protocol assignments
  "192.168.0.0/16", // RFC 1918
  "198.18.0.0/15", // benchmarking
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, incl. broadcast
  "::/127", // unspecified and loopback
  "::ffff:0:0/96", // IPv4-mapped: judged by the IPv4 rules, never routed as IPv6
  "100::/64", // discard-only
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "ff00::/8", // multicast
];

let nonPublic: ParsedCidr[] | undefined;
/** Parsed on first use: a pack's start does not wait for ip-num's IPv6 parsing (~15 ms cold). */
const nonPublicBlocks = (): ParsedCidr[] => (nonPublic ??= NON_PUBLIC_CIDRS.map((c) => parseCidr(c) as ParsedCidr));

/** True when the block contains at least one public address. Unparseable input is not public (callers report it). */
export function isPublicCidr(cidr: string): boolean {
  return publicity.get(cidr) ?? publicity.through(cidr, () => isPublicUncached(cidr));
}

function isPublicUncached(cidr: string): boolean {
  const c = parseCidr(cidr);
  if (!c) return false;
  const inside = nonPublicBlocks()
    .filter((n) => n.family === c.family && n.last >= c.first && n.first <= c.last)
    .map((n) => ({
      first: (n.first > c.first ? n.first : c.first) - c.first,
      last: (n.last < c.last ? n.last : c.last) - c.first,
    }));
  return !coversWhole(inside, c.last - c.first);
}

/** Public and wider than the allowed prefix length (the case saw a dozen internet hosts reach the database). */
export function isBroadPublic(cidr: string, minPrefixV4 = 24, minPrefixV6 = 48): boolean {
  const c = parseCidr(cidr);
  if (!c || !isPublicCidr(cidr)) return false;
  return c.prefix < (c.family === "ipv4" ? minPrefixV4 : minPrefixV6);
}

export interface InternetSourceOptions {
  minPrefixV4?: number;
  minPrefixV6?: number;
  /** Blocks that are explicitly trusted: an entry inside one of them is never reported. */
  allow?: readonly string[];
}

/** Does the union of `blocks` cover every address of `target` (same family; unparseable blocks are ignored)? */
export function blocksCover(blocks: readonly string[], target: string): boolean {
  const t = parseCidr(target);
  if (!t) return false;
  const inside: Interval[] = [];
  for (const b of blocks) {
    const c = parseCidr(b);
    if (!c || c.family !== t.family || c.last < t.first || c.first > t.last) continue;
    inside.push({
      first: (c.first > t.first ? c.first : t.first) - t.first,
      last: (c.last < t.last ? c.last : t.last) - t.first,
    });
  }
  return coversWhole(inside, t.last - t.first);
}

/** True when `inner` lies entirely inside `outer` (same family). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return !!o && !!i && o.family === i.family && o.first <= i.first && i.last <= o.last;
}

/** Broadest public IPv4/IPv6 block an admin source may be (a /24 office or VPN egress range at most). */
export const ADMIN_SOURCE_MIN_PREFIX_V4 = 24;
export const ADMIN_SOURCE_MIN_PREFIX_V6 = 48;
/** Such blocks an allow-list may hold in all, per family: room for a handful of offices and VPN exits, not a network. */
export const ADMIN_SOURCE_BUDGET_BLOCKS = 16;

/**
 * The entries that expose a port to the internet: every public entry when the set as a whole covers the
 * internet, plus each entry that is public and broader than the allowed prefix. Order and text are preserved.
 */
export function internetSources(cidrs: readonly string[], opts: InternetSourceOptions = {}): string[] {
  const allow = opts.allow ?? [];
  const considered = allow.length === 0 ? cidrs : cidrs.filter((c) => !allow.some((a) => cidrContains(a, c)));
  const cover = coversInternet(considered);
  const minPrefix: Record<IpFamily, number> = { ipv4: opts.minPrefixV4 ?? 24, ipv6: opts.minPrefixV6 ?? 48 };
  // A public block is broad when its prefix is shorter than its family's limit (isBroadPublic, parsed once here).
  return considered.filter((c) => {
    const p = parseCidr(c);
    if (!p || !isPublicCidr(c)) return false;
    return cover[p.family] || p.prefix < minPrefix[p.family];
  });
}

/** The addresses one block of `prefix` holds: 256 for an IPv4 /24, 2^80 for an IPv6 /48. */
export function blockSize(family: IpFamily, prefix: number): bigint {
  return 1n << BigInt((family === "ipv4" ? 32 : 128) - prefix);
}

/** The most addresses an allow-list's public entries of a family may hold together: the budget in blocks of `prefix`. */
export function addressBudget(family: IpFamily, prefix: number): bigint {
  return blockSize(family, prefix) * BigInt(ADMIN_SOURCE_BUDGET_BLOCKS);
}

/**
 * A count of addresses as people read it: IPv4 as a number ("4352 addresses"), IPv6 in blocks of `prefix` ("17 /48
 * blocks", "over 16 /48 blocks"), since 2^80-sized numbers say nothing to a reader.
 */
export function addressCountText(family: IpFamily, count: bigint, prefix: number): string {
  if (family === "ipv4") return `${count} addresses`;
  const size = blockSize(family, prefix);
  const whole = count / size;
  if (whole === 0n) return `part of one /${prefix} block`;
  const exact = count % size === 0n;
  return `${exact ? "" : "over "}${whole} /${prefix} block${whole === 1n && exact ? "" : "s"}`;
}

/** Sorted intervals with every touching or overlapping pair (next first <= last + 1) joined. */
export function joinedIntervals(intervals: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const r of [...intervals].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    const prev = out[out.length - 1];
    if (prev && r.first <= prev.last + 1n) {
      if (r.last > prev.last) prev.last = r.last;
    } else out.push({ first: r.first, last: r.last });
  }
  return out;
}

const intervalSize = (r: Interval): bigint => r.last - r.first + 1n;

/** What one family's public entries of an allow-list hold beyond its bounds. */
export interface AllowListExcess {
  /** Joined contiguous ranges holding more addresses than one block of the prefix limit. */
  broad: Interval[];
  /** What the public entries outside those ranges admit together (overlaps counted once). */
  total: bigint;
  /** The most they may admit: ADMIN_SOURCE_BUDGET_BLOCKS blocks of the prefix limit. */
  budget: bigint;
  /** Positions of the public entries refused: those in a broad range, and every other one when over budget. */
  refused: number[];
}

/**
 * Judges an allow-list as the union of its public entries of `family`: entries each narrow enough may join into a
 * range none of them may be (256 adjacent /24s are one /16), and scattered ones may add up to as many addresses
 * (256 /24s a /16 apart). Unparseable and non-public entries are neither judged nor counted.
 */
export function allowListExcess(cidrs: readonly string[], family: IpFamily, prefix: number): AllowListExcess {
  const entries = cidrs.flatMap((c, at) => {
    const p = parseCidr(c);
    // The parsed block's own bounds: host bits set (`10.1.2.3/8`) read as the cloud reads them.
    return p?.family === family && isPublicCidr(c) ? [{ at, first: p.first, last: p.last }] : [];
  });
  const broad = joinedIntervals(entries).filter((r) => intervalSize(r) > blockSize(family, prefix));
  const inBroad = (e: Interval) => broad.some((b) => b.first <= e.first && e.last <= b.last);
  // Entries already refused admit nothing: the budget is on what the others would still admit.
  const rest = entries.filter((e) => !inBroad(e));
  const total = joinedIntervals(rest).reduce((sum, r) => sum + intervalSize(r), 0n);
  const budget = addressBudget(family, prefix);
  const refused = (total > budget ? entries : entries.filter(inBroad)).map((e) => e.at);
  return { broad, total, budget, refused };
}
