// Denies (NACL entries, Alicloud drops) that each name only part of a source block, yet together cover it: a drop of
// 0.0.0.0/1 and one of 128.0.0.0/1 close 0.0.0.0/0 as surely as one drop of 0.0.0.0/0. Each deny alone leaves the
// rest of the block open, so only their union on the ports they share decides.
import type { PortRange } from "../ports";
import { blocksCover } from "../cidr";

export interface PartialDeny {
  cidr: string;
  ports: PortRange;
}

/** The port ranges on which the denies together cover `source` (empty unless at least two overlap there). */
export function closedTogether(source: string, denies: readonly PartialDeny[]): PortRange[] {
  if (denies.length < 2) return [];
  const cuts = [...new Set(denies.flatMap((d) => [d.ports.from, d.ports.to + 1]))].sort((a, b) => a - b);
  const out: PortRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i];
    const to = cuts[i + 1] - 1;
    const blocks = denies.filter((d) => d.ports.from <= from && to <= d.ports.to).map((d) => d.cidr);
    if (blocks.length < 2 || !blocksCover(blocks, source)) continue;
    const last = out[out.length - 1];
    if (last && last.to + 1 === from) last.to = to;
    else out.push({ from, to });
  }
  return out;
}
