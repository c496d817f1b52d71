// Port-set arithmetic over inclusive ranges: what remains open after a deny, what two rules both admit.
import { ALL_PORTS, PortRange } from "../ports";
import type { RulePorts } from "./model";

export function intersectRange(a: PortRange, b: PortRange): PortRange | undefined {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return from <= to ? { from, to } : undefined;
}

export function intersectAll(set: readonly PortRange[], r: PortRange): PortRange[] {
  return set.map((s) => intersectRange(s, r)).filter((x): x is PortRange => x !== undefined);
}

export function subtractRange(set: readonly PortRange[], r: PortRange): PortRange[] {
  const out: PortRange[] = [];
  for (const s of set) {
    if (r.to < s.from || r.from > s.to) {
      out.push(s);
      continue;
    }
    if (s.from < r.from) out.push({ from: s.from, to: r.from - 1 });
    if (s.to > r.to) out.push({ from: r.to + 1, to: s.to });
  }
  return out;
}

/** Rule ports for set maths: undecidable ranges count as every port (never narrower than they may be). */
export function effectivePorts(p: RulePorts): PortRange | undefined {
  if (p === "none") return undefined;
  return p ?? ALL_PORTS;
}

export function formatPorts(r: PortRange): string {
  if (r.from === ALL_PORTS.from && r.to === ALL_PORTS.to) return "all";
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}
