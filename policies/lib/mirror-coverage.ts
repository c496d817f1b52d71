// Does a filter that mirrors something mirror the case's traffic? Inbound, every TCP packet from the internet (any
// public IPv4 address, any client port) to the watched ports; outbound, the replies, from those ports to any public
// IPv4 address and client port. Client ports are the unprivileged ones (1024-65535), where every operating system
// picks the ports of its connections, so a reject of outbound SSH to port 22 is no gap. A filter that keeps only web
// traffic, or only one office's, misses the brute force and the database sessions the investigation needed. The
// address of the mirrored interface is not in the plan, so the host end counts as covered when the filter covers
// the traffic for some address there. A source with IPv6 addresses is reached over IPv6 too, so its filter must also
// cover the same traffic from and to public IPv6 addresses.
//
// Unknowns are read as in mirror-filter-rules: the favourable reading decides a violation, the unfavourable one a pass.
import { NON_PUBLIC_CIDRS } from "../../lib/cidr";
import { AcceptReading, Direction, favourableRules, MirrorRule, unfavourableRules } from "./mirror-filter-rules";
import { addressSpan, ADDRESSES, Box, PIECE_LIMIT, remainder, Span, subtractBox } from "./mirror-match-space";
import { appendAll } from "../../lib/arrays";

export type CoverageVerdict =
  | { kind: "covered" }
  | { kind: "gaps"; ports: number[] }
  | { kind: "depends"; fields: string[] }
  | { kind: "too-complex" };

const TCP: Span = { lo: 6n, hi: 6n };
const CLIENT_PORTS: Span = { lo: 1024n, hi: 65535n };
const AXIS = { source: 1, destination: 2, sourcePort: 3, destinationPort: 4 } as const;

/** An address family: IPv4, or IPv6 for sources that have IPv6 addresses. */
export type Family = "ipv4" | "ipv6";

/** Public addresses of a family as spans: the family's range without the private, shared and reserved blocks. */
const publicSpans = (family: Family): Span[] =>
  NON_PUBLIC_CIDRS.flatMap((c) => addressSpan(c) ?? [])
    .filter((s) => s.lo >= ADDRESSES[family].lo && s.hi <= ADDRESSES[family].hi)
    .reduce<Span[]>(
      (spans, cut) => spans.flatMap((s) => subtractBox([s], [cut]).map((b) => b[0])),
      [ADDRESSES[family]],
    );
/** Computed when a stack first needs them, not while the pack starts (the CLI times its start). */
const publicOf: Partial<Record<Family, Span[]>> = {};
const PUBLIC = (family: Family): Span[] => (publicOf[family] ??= publicSpans(family));

/** The packets one direction must mirror, for every host address of the family at once. */
function required(direction: Direction, ports: readonly number[], family: Family): Box[] {
  const host = ADDRESSES[family];
  return ports.flatMap((p) => {
    const port: Span = { lo: BigInt(p), hi: BigInt(p) };
    return PUBLIC(family).map((internet): Box =>
      direction === "ingress" ? [TCP, internet, host, CLIENT_PORTS, port] : [TCP, host, internet, port, CLIENT_PORTS],
    );
  });
}

/** What the rules mirror, first match wins: each accept's packets that no reject ahead of it takes. */
function mirrored(accepts: readonly AcceptReading[]): Box[] | undefined {
  const out: Box[] = [];
  for (const a of accepts) {
    const kept = remainder(a.box, a.ahead);
    if (kept === undefined) return undefined;
    appendAll(out, kept);
    if (out.length > PIECE_LIMIT) return undefined;
  }
  return out;
}

/**
 * Watched ports not fully mirrored, for the host address that fares best; undefined when too fragmented to decide.
 * What is left unmirrored changes only where a gap's host span starts or ends, so those points decide.
 */
function missingPorts(
  direction: Direction,
  pieces: Box[],
  ports: readonly number[],
  family: Family,
): number[] | undefined {
  const hostAxis = direction === "ingress" ? AXIS.destination : AXIS.source;
  const portAxis = direction === "ingress" ? AXIS.destinationPort : AXIS.sourcePort;
  const gaps = remainder(required(direction, ports, family), pieces);
  if (gaps === undefined) return undefined;
  const hosts = new Set<bigint>([ADDRESSES[family].lo]);
  for (const g of gaps) {
    hosts.add(g[hostAxis].lo);
    if (g[hostAxis].hi < ADDRESSES[family].hi) hosts.add(g[hostAxis].hi + 1n);
  }
  let best: number[] | undefined;
  for (const h of hosts) {
    const here = gaps.filter((g) => g[hostAxis].lo <= h && h <= g[hostAxis].hi);
    const missing = ports.filter((p) => here.some((g) => g[portAxis].lo <= BigInt(p) && BigInt(p) <= g[portAxis].hi));
    if (best === undefined || missing.length < best.length) best = missing;
    if (best.length === 0) break;
  }
  return best ?? [];
}

export function coverageVerdict(
  direction: Direction,
  rules: readonly MirrorRule[],
  ports: readonly number[],
  family: Family = "ipv4",
): CoverageVerdict {
  if (ports.length === 0) return { kind: "covered" };
  const atBest = mirrored(favourableRules(rules));
  const atWorst = mirrored(unfavourableRules(rules));
  if (atBest === undefined || atWorst === undefined) return { kind: "too-complex" };
  const bestGaps = missingPorts(direction, atBest, ports, family);
  if (bestGaps === undefined) return { kind: "too-complex" };
  if (bestGaps.length > 0) return { kind: "gaps", ports: bestGaps };
  const worstGaps = missingPorts(direction, atWorst, ports, family);
  if (worstGaps === undefined) return { kind: "too-complex" };
  if (worstGaps.length === 0) return { kind: "covered" };
  const fields = [...new Set(rules.flatMap((r) => r.unknown))];
  // Without unknowns the readings part only over rules that set no order.
  return fields.length > 0 ? { kind: "depends", fields } : { kind: "too-complex" };
}
