// Which listed ports a set of inbound entries opens to the internet. Security groups are unions of allows; ordered
// ACLs stop at the first matching entry, so a deny of the whole internet ahead of an allow closes the port.
import { coversInternet, InternetSourceOptions, internetSources, IpFamily, parseCidr } from "./cidr";
import { IngressEntry } from "./ingress";
import { formatRange, rangeCoversPort } from "./ports";

export interface Exposure {
  entry: IngressEntry;
  ports: number[];
  /** The entry's sources that reach the port from the internet or from too broad a public range. */
  sources: string[];
}

export interface Uncertainty {
  entry: IngressEntry;
  reason: "port range" | "source CIDR";
}

export interface ExposureResult {
  exposures: Exposure[];
  uncertain: Uncertainty[];
}

const FAMILIES: IpFamily[] = ["ipv4", "ipv6"];

function cidrsByFamily(cidrs: readonly string[]): Record<IpFamily, string[]> {
  const split: Record<IpFamily, string[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const family = parseCidr(c)?.family;
    if (family) split[family].push(c);
  }
  return split;
}

function byOrder(a: IngressEntry, b: IngressEntry): number {
  return (a.order ?? 0) - (b.order ?? 0);
}

/**
 * Ports from `ports` that the entries open to the internet. An entry with an unknown range but an internet source,
 * or an unknown source on a listed port, is uncertain rather than guessed.
 */
export function exposedPorts(
  entries: readonly IngressEntry[],
  ports: readonly number[],
  opts: InternetSourceOptions = {},
): ExposureResult {
  const found = new Map<IngressEntry, { ports: Set<number>; sources: Set<string> }>();
  const uncertain = new Map<IngressEntry, Uncertainty["reason"]>();
  const ordered = [...entries].sort(byOrder);

  for (const entry of ordered) {
    if (entry.action !== "allow") continue;
    const reachesInternet = internetSources(entry.cidrs, opts).length > 0 || coversAny(entry.cidrs);
    if (entry.range === "unknown" && (reachesInternet || entry.unknownSource)) uncertain.set(entry, "port range");
    else if (entry.unknownSource && entry.range !== "none" && ports.some((p) => covers(entry, p)))
      uncertain.set(entry, "source CIDR");
  }

  // Ports covered by the same entries share one answer: work is per distinct set of open entries, not per port.
  const split = new Map(ordered.map((e) => [e, cidrsByFamily(e.cidrs)]));
  const exposedBy = new Map<string, Set<string>>();
  for (const port of ports) {
    for (const family of FAMILIES) {
      // Allows that reach this port before any entry denies the whole internet for this family.
      const open: IngressEntry[] = [];
      let key = family;
      for (let i = 0; i < ordered.length; i++) {
        const entry = ordered[i];
        if (!covers(entry, port)) continue;
        const cidrs = split.get(entry)![family];
        if (entry.action === "deny") {
          if (coversInternet(cidrs)[family]) break;
          continue;
        }
        if (cidrs.length > 0) {
          open.push(entry);
          key += `,${i}`;
        }
      }
      if (open.length === 0) continue;
      let exposed = exposedBy.get(key);
      if (!exposed) {
        exposed = new Set(
          internetSources(
            open.flatMap((e) => split.get(e)![family]),
            opts,
          ),
        );
        exposedBy.set(key, exposed);
      }
      for (const entry of open) {
        const hits = entry.cidrs.filter((c) => exposed.has(c));
        if (hits.length === 0) continue;
        const slot = found.get(entry) ?? { ports: new Set<number>(), sources: new Set<string>() };
        slot.ports.add(port);
        hits.forEach((h) => slot.sources.add(h));
        found.set(entry, slot);
      }
    }
  }

  return {
    exposures: [...found].map(([entry, v]) => ({
      entry,
      ports: [...v.ports].sort((a, b) => a - b),
      sources: [...v.sources],
    })),
    uncertain: [...uncertain].map(([entry, reason]) => ({ entry, reason })),
  };
}

function covers(entry: IngressEntry, port: number): boolean {
  return entry.range !== "none" && entry.range !== "unknown" && rangeCoversPort(entry.range, port);
}

function coversAny(cidrs: readonly string[]): boolean {
  const c = coversInternet(cidrs);
  return c.ipv4 || c.ipv6;
}

/** "ingress[0] opens port 22 (ports 0-65535) to 0.0.0.0/0, ::/0" */
export function describeExposure(e: Exposure): string {
  const ports = e.ports.length === 1 ? `port ${e.ports[0]}` : `ports ${e.ports.join(", ")}`;
  const range =
    e.entry.range !== "unknown" && e.entry.range !== "none" ? ` (rule covers ${formatRange(e.entry.range)})` : "";
  return `${e.entry.where} opens ${ports}${range} to ${e.sources.join(", ")}`;
}
