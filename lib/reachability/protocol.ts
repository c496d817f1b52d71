// Protocol names across clouds: AWS numbers ("6", "-1"), Alicloud words ("tcp", "all", "any" in DNAT entries).
import type { Protocol } from "./model";
import { str } from "./resource";
import { ownValue } from "../own-value";

const NAMES: Record<string, Protocol> = {
  "-1": "all",
  all: "all",
  any: "all",
  "6": "tcp",
  tcp: "tcp",
  "17": "udp",
  udp: "udp",
  "1": "icmp",
  icmp: "icmp",
  "58": "icmpv6",
  icmpv6: "icmpv6",
};

/** A lower-case protocol name; an unknown value reads as "all" so no rule is taken as narrower than it may be. */
export function normalizeProtocol(v: unknown): Protocol {
  const s = typeof v === "number" ? String(v) : str(v);
  if (s === undefined) return "all";
  const lower = s.trim().toLowerCase();
  const t = /^-?\d+$/.test(lower) ? String(Number(lower)) : lower; // "06" is "6", "-01" is "-1"
  return ownValue(NAMES, t) ?? t;
}

/** TCP and UDP: the protocols that carry ports, what an all-protocol rule opens when judged per protocol. */
export const PORT_PROTOCOLS: readonly Protocol[] = ["tcp", "udp"];

/** The protocol both sides admit, or undefined when they are disjoint. */
export function intersectProtocol(a: Protocol, b: Protocol): Protocol | undefined {
  if (a === "all") return b;
  if (b === "all" || a === b) return a;
  return undefined;
}

/** Does `outer` admit everything `inner` does? */
export function protocolCovers(outer: Protocol, inner: Protocol): boolean {
  return outer === "all" || outer === inner;
}
