// The packets a traffic mirror filter rule matches, as boxes over five axes (protocol, source address, destination
// address, source port, destination port), so "do the reject rules ahead of an accept rule cover all it matches" is
// exact set arithmetic rather than a comparison of rule texts.
import { parseCidr } from "../../lib/cidr";

/** An inclusive range on one axis. */
export interface Span {
  lo: bigint;
  hi: bigint;
}

/** One span per axis, in the order protocol, source, destination, source port, destination port. */
export type Box = readonly Span[];

/** IPv6 addresses sit after the last IPv4 address, so one axis holds both families without overlap. */
const V6_BASE = 1n << 32n;
export const ADDRESSES = {
  ipv4: { lo: 0n, hi: V6_BASE - 1n },
  ipv6: { lo: V6_BASE, hi: V6_BASE + (1n << 128n) - 1n },
  any: { lo: 0n, hi: V6_BASE + (1n << 128n) - 1n },
} as const;

export function addressSpan(cidr: string): Span | undefined {
  const c = parseCidr(cidr);
  if (!c) return undefined;
  const base = c.family === "ipv6" ? V6_BASE : 0n;
  return { lo: base + c.first, hi: base + c.last };
}

/** The family a span lies in, or undefined when it spans both. */
export function familyOf(s: Span): Span | undefined {
  if (s.hi <= ADDRESSES.ipv4.hi) return ADDRESSES.ipv4;
  if (s.lo >= ADDRESSES.ipv6.lo) return ADDRESSES.ipv6;
  return undefined;
}

/** An IP protocol number, or every protocol. */
export type Protocol = number | "all";
/** A port range, or no port condition. */
export type Ports = { from: number; to: number } | "any";

export interface Match {
  protocol: Protocol;
  source: Span;
  destination: Span;
  sourcePorts: Ports;
  destinationPorts: Ports;
}

const TCP = 6;
const UDP = 17;
const PORTED = [TCP, UDP];
/** On the port axes, packets of protocols without ports (ICMP, GRE, ESP…) have the one port -1. */
const NO_PORT: Span = { lo: -1n, hi: -1n };
const EVERY_PORT: Span = { lo: 0n, hi: 65535n };
const PROTOCOLS: Span = { lo: 0n, hi: 255n };

const one = (n: number): Span => ({ lo: BigInt(n), hi: BigInt(n) });
const portSpan = (p: Ports): Span => (p === "any" ? EVERY_PORT : { lo: BigInt(p.from), hi: BigInt(p.to) });

/**
 * The boxes of real packets a rule matches. Ports bind TCP and UDP only: a rule for every protocol with a port range
 * matches TCP and UDP in that range, and the clouds ignore port ranges of protocols without ports.
 */
export function matchBoxes(m: Match): Box[] {
  const addresses = [m.source, m.destination];
  const ported = (p: number): Box => [one(p), ...addresses, portSpan(m.sourcePorts), portSpan(m.destinationPorts)];
  if (m.protocol !== "all")
    return PORTED.includes(m.protocol) ? [ported(m.protocol)] : [[one(m.protocol), ...addresses, NO_PORT, NO_PORT]];
  const boxes = PORTED.map(ported);
  if (m.sourcePorts !== "any" || m.destinationPorts !== "any") return boxes;
  const portless = [
    { lo: PROTOCOLS.lo, hi: BigInt(TCP - 1) },
    { lo: BigInt(TCP + 1), hi: BigInt(UDP - 1) },
    { lo: BigInt(UDP + 1), hi: PROTOCOLS.hi },
  ];
  return [...boxes, ...portless.map((p) => [p, ...addresses, NO_PORT, NO_PORT])];
}

export function intersects(a: Box, b: Box): boolean {
  return a.every((s, i) => s.lo <= b[i].hi && b[i].lo <= s.hi);
}

/** a minus b, as disjoint boxes: on each axis in turn, the slices of a outside b, then a narrowed to b. */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!intersects(a, b)) return [a];
  const out: Box[] = [];
  const rest = [...a];
  for (let i = 0; i < rest.length; i++) {
    const s = rest[i];
    const cut = b[i];
    if (s.lo < cut.lo) out.push(withAxis(rest, i, { lo: s.lo, hi: cut.lo - 1n }));
    if (s.hi > cut.hi) out.push(withAxis(rest, i, { lo: cut.hi + 1n, hi: s.hi }));
    rest[i] = { lo: s.lo > cut.lo ? s.lo : cut.lo, hi: s.hi < cut.hi ? s.hi : cut.hi };
  }
  return out;
}

function withAxis(box: readonly Span[], i: number, s: Span): Box {
  const copy = [...box];
  copy[i] = s;
  return copy;
}

/** Pieces a remainder may split into before it is deemed too complex to decide. */
export const PIECE_LIMIT = 1024;

/** What of `target` no cutter covers; undefined when the pieces outgrow the limit (hostile or absurd rule sets). */
export function remainder(target: readonly Box[], cutters: readonly Box[], limit = PIECE_LIMIT): Box[] | undefined {
  let pieces = [...target];
  for (const cut of cutters) {
    pieces = pieces.flatMap((p) => subtractBox(p, cut));
    if (pieces.length > limit) return undefined;
    if (pieces.length === 0) break;
  }
  return pieces;
}
