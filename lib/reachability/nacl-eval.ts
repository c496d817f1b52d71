// Network ACL evaluation for one source block: entries in order, the first that matches a port decides.
// An entry covering the whole source settles those ports; a narrower allow opens them for part of the source
// (reported with the narrower block); a narrower deny leaves the rest of the source open, so it counts only once
// narrower denies together cover the source.
// A deny applies only to its own protocol (-1/all: every protocol); unknown values never make a deny close more.
import type { PortRange } from "../ports";
import { contains } from "./cidr-sets";
import { effectivePorts, intersectAll, subtractRange } from "./intervals";
import { Nacl, Protocol } from "./model";
import { PartialDeny, closedTogether } from "./joint-denies";
import { intersectProtocol } from "./protocol";

export interface NaclPass {
  source: string;
  protocol: Protocol;
  ports: PortRange[];
  label: string;
}

export function naclPasses(nacl: Nacl | undefined, source: string, protocol: Protocol, ports: PortRange[]): NaclPass[] {
  if (!nacl) return [{ source, protocol, ports, label: "nacl:default allow" }];
  const out: NaclPass[] = [];
  let remaining = ports;
  const partial: PartialDeny[] = [];
  for (const e of nacl.ingress) {
    if (remaining.length === 0) break;
    const proto = intersectProtocol(e.protocol, protocol);
    // Undecidable ports (or protocol) count as every port on an allow and as nothing on a deny.
    const range = e.action === "deny" && e.ports === undefined ? undefined : effectivePorts(e.ports);
    if (!proto || !range || !e.cidr) continue;
    const label = `nacl:${nacl.name} ${e.action} ${e.label}`;
    const whole = contains(e.cidr, source);
    // A protocol-specific entry settles only part of an all-protocol slice: treat it as a narrower entry.
    const settles = whole && proto === protocol;
    if (settles) {
      if (e.action === "allow") {
        const hit = intersectAll(remaining, range);
        if (hit.length > 0) out.push({ source, protocol, ports: hit, label });
      }
      remaining = subtractRange(remaining, range);
    } else if (e.action === "allow" && (whole || contains(source, e.cidr))) {
      let hit = intersectAll(remaining, range);
      // Narrower denies ahead that cover this allow's block hide it on their ports.
      if (!whole) for (const hidden of hiddenBy(e.cidr, partial)) hit = subtractRange(hit, hidden);
      if (hit.length > 0) out.push({ source: whole ? source : e.cidr, protocol: proto, ports: hit, label });
    } else if (e.action === "deny" && !whole && proto === protocol && contains(source, e.cidr)) {
      // Narrower denies close the source together once their blocks cover it (joint-denies.ts).
      partial.push({ cidr: e.cidr, ports: range });
      for (const closed of closedTogether(source, partial)) remaining = subtractRange(remaining, closed);
    }
  }
  return out;
}

/** Ports on which earlier narrower denies cover `block`: one deny containing it, or several that together do. */
function hiddenBy(block: string, denies: readonly PartialDeny[]): PortRange[] {
  if (denies.length === 0) return [];
  const wider = denies.filter((d) => contains(d.cidr, block)).map((d) => d.ports);
  const inside = denies.filter((d) => !contains(d.cidr, block) && contains(block, d.cidr));
  return [...wider, ...closedTogether(block, inside)];
}
