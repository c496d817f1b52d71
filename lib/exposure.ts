// Which listed ports a set of inbound entries opens to the internet. Security groups are unions of allows; ordered
// ACLs stop at the first matching entry, so a deny of the whole internet ahead of an allow closes the port for the
// protocols it names. Protocol matching is the reachability model's (lib/reachability/protocol.ts).
import { blocksCover, coversInternet, InternetSourceOptions, internetSources, IpFamily, parseCidr } from "./cidr";
import { IngressEntry } from "./ingress";
import { formatRange, rangeCoversPort } from "./ports";
import { intersectProtocol, protocolCovers } from "./reachability/protocol";

export interface Exposure {
  entry: IngressEntry;
  ports: number[];
  /** The port-bearing protocols ("tcp", "udp") the ports are open over. */
  protocols: string[];
  /** The entry's sources that reach the port from the internet or from too broad a public range. */
  sources: string[];
}

export interface Uncertainty {
  entry: IngressEntry;
  /** The field that is unknown: of an allow (port range, source CIDR), or of a deny that may close an opening. */
  reason: "port range" | "source CIDR" | "rule number" | "action" | "protocol";
}

export interface ExposureResult {
  exposures: Exposure[];
  uncertain: Uncertainty[];
}

const FAMILIES: IpFamily[] = ["ipv4", "ipv6"];
/** The protocols that carry ports: an opening is judged per protocol, so a deny of one leaves the other open. */
const SLICES = ["tcp", "udp"];

function cidrsByFamily(cidrs: readonly string[]): Record<IpFamily, string[]> {
  const split: Record<IpFamily, string[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const family = parseCidr(c)?.family;
    if (family) split[family].push(c);
  }
  return split;
}

/**
 * What is unknown about a deny (or an entry whose action is unknown), so it may or may not close ports; undefined
 * when it is known. Only a known deny closes ports for certain: unknowns must never hide an opening.
 */
function denyDoubt(e: IngressEntry): Uncertainty["reason"] | undefined {
  if (e.unknownAction) return "action";
  if (e.order === undefined) return "rule number";
  if (e.protocol === "unknown") return "protocol";
  if (e.range === "unknown") return "port range";
  if (e.unknownSource) return "source CIDR";
  return undefined;
}

const mayDeny = (e: IngressEntry) => e.action === "deny" || e.unknownAction === true;

/**
 * Evaluation order; an entry with an unknown rule number sorts first: an allow then opens whatever follows (the
 * worst case), while a deny of unknown order closes nothing for certain (see `walk`).
 */
function ordered(entries: readonly IngressEntry[]): IngressEntry[] {
  const key = (e: IngressEntry) => e.order ?? Number.NEGATIVE_INFINITY;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Per family and protocol: the allows that stay open to the internet (with the sources that do) and those in doubt. */
interface Outcome {
  open: { entry: IngressEntry; hits: string[] }[];
  doubted: { entry: IngressEntry; blame: IngressEntry }[];
}

interface Walk {
  open: IngressEntry[];
  /** Each open entry's blocks of the family that no deny ahead of it covers. */
  visible: Map<IngressEntry, string[]>;
  key: string;
  /** In the best case, the doubtful deny that closed the port. */
  closedBy?: IngressEntry;
}

/**
 * Allows reaching `port` over `slice` for `family` before the denies met so far cover the whole internet: ordered
 * ACLs stop at the first match, and a deny applies only to the protocols it names (-1/all covers both). In the worst
 * case only known denies close (a deny with an unknown CIDR still closes with its known ones); in the best case any
 * deny that may cover the port, protocol and internet does, and entries with an unknown action are denies.
 */
function walk(
  order: readonly IngressEntry[],
  index: ReadonlyMap<IngressEntry, number>,
  split: ReadonlyMap<IngressEntry, Record<IpFamily, string[]>>,
  port: number,
  family: IpFamily,
  slice: string,
  mode: "worst" | "best",
): Walk {
  // worst: only known denies close (the reported answer); best: every deny that may close does (is it certain?).
  const open: IngressEntry[] = [];
  const visible = new Map<IngressEntry, string[]>();
  let key = family;
  // Blocks denied so far: denies that each name part of the internet (0.0.0.0/1, then 128.0.0.0/1) close it together.
  const denied: string[] = [];
  let blame: IngressEntry | undefined;
  for (const entry of order) {
    const protocol = entry.protocol ?? "all";
    if (protocol !== "unknown" && !intersectProtocol(protocol, slice)) continue;
    const cidrs = split.get(entry)![family];
    const doubt = mayDeny(entry) ? denyDoubt(entry) : undefined;
    if (mode === "worst" ? entry.action === "deny" : mayDeny(entry)) {
      if (mode === "worst") {
        if (doubt && doubt !== "source CIDR") continue;
        if (!covers(entry, port) || cidrs.length === 0) continue;
        denied.push(...cidrs);
        if (coversInternet(denied)[family]) break;
        continue;
      }
      const mayCover = entry.range === "unknown" || covers(entry, port);
      if (!mayCover || (!entry.unknownSource && cidrs.length === 0)) continue;
      if (doubt) blame ??= entry;
      if (entry.unknownSource) return { open, visible, key, closedBy: blame };
      denied.push(...cidrs);
      if (coversInternet(denied)[family]) return { open, visible, key, closedBy: blame };
      continue;
    }
    if (covers(entry, port) && protocolCovers(protocol, slice) && cidrs.length > 0) {
      // A block the denies ahead already cover never reaches this allow: an allow hidden whole opens nothing.
      const shown = denied.length === 0 ? cidrs : cidrs.filter((c) => !blocksCover(denied, c));
      if (shown.length === 0) continue;
      open.push(entry);
      visible.set(entry, shown);
      key += `,${index.get(entry)}${shown.length < cidrs.length ? `:${shown.join("|")}` : ""}`;
    }
  }
  return { open, visible, key };
}

/**
 * Ports from `ports` that the entries open to the internet. An entry with an unknown range but an internet source,
 * or an unknown source on a listed port, is uncertain rather than guessed; so is an opening that a deny with an
 * unknown rule number, action, protocol, range or source may close.
 */
export function exposedPorts(
  entries: readonly IngressEntry[],
  ports: readonly number[],
  opts: InternetSourceOptions = {},
): ExposureResult {
  const found = new Map<IngressEntry, { ports: Set<number>; protocols: Set<string>; sources: Set<string> }>();
  const uncertain = new Map<IngressEntry, Uncertainty["reason"]>();
  const order = ordered(entries);
  const doubtful = entries.some((e) => mayDeny(e) && denyDoubt(e) !== undefined);

  for (const entry of order) {
    if (entry.action !== "allow") continue;
    const reachesInternet = internetSources(entry.cidrs, opts).length > 0 || coversAny(entry.cidrs);
    const doubtfulSource = entry.unknownSource || entry.unreadable !== undefined;
    if (entry.range === "unknown" && (reachesInternet || doubtfulSource)) uncertain.set(entry, "port range");
    else if (doubtfulSource && entry.range !== "none" && ports.some((p) => covers(entry, p)))
      uncertain.set(entry, "source CIDR");
  }

  // Ports covered by the same entries share one answer: work is per distinct set of open entries, not per port.
  const index = new Map(entries.map((e, i) => [e, i]));
  const split = new Map(entries.map((e) => [e, cidrsByFamily(e.cidrs)]));
  const exposedBy = new Map<string, Set<string>>();
  // The walk's key starts with its family, and its visible blocks are of that family.
  const exposedThrough = (w: Walk): Set<string> => {
    let exposed = exposedBy.get(w.key);
    if (!exposed) {
      exposed = new Set(
        internetSources(
          w.open.flatMap((e) => w.visible.get(e)!),
          opts,
        ),
      );
      exposedBy.set(w.key, exposed);
    }
    return exposed;
  };
  // What the walks find depends on the port only through the entries whose range covers it: ports covered by the
  // same entries share one outcome per family and protocol.
  const outcomes = new Map<string, Outcome>();
  const outcomeOf = (port: number, family: IpFamily, slice: string, key: string): Outcome => {
    let outcome = outcomes.get(key);
    if (outcome) return outcome;
    outcome = { open: [], doubted: [] };
    outcomes.set(key, outcome);
    const w = walk(order, index, split, port, family, slice, "worst");
    if (w.open.length === 0) return outcome;
    const exposed = exposedThrough(w);
    // Only when some deny is doubtful: is the opening there even if every doubtful deny closes what it may?
    const b = doubtful ? walk(order, index, split, port, family, slice, "best") : undefined;
    const certain = b && b.open.length > 0 ? exposedThrough(b) : new Set<string>();
    const inBest = new Set(b?.open);
    const blame = b && (b.closedBy ?? w.open.find((e) => e.unknownAction));
    for (const entry of w.open) {
      const hits = w.visible.get(entry)!.filter((c) => exposed.has(c));
      if (hits.length === 0) continue;
      if (b && !(inBest.has(entry) && hits.some((c) => certain.has(c))))
        outcome.doubted.push({ entry, blame: blame ?? entry });
      else outcome.open.push({ entry, hits });
    }
    return outcome;
  };
  // Openings found in the worst case only: each is reported once, naming the doubtful entry, unless certain.
  const doubted: { entry: IngressEntry; port: number; blame: IngressEntry }[] = [];
  for (const port of ports) {
    let signature = "";
    let allowed = false;
    for (let i = 0; i < order.length; i++) {
      if (!covers(order[i], port)) continue;
      signature += `${i},`;
      allowed ||= order[i].action === "allow";
    }
    // No allow covers the port: nothing can open it, whatever the denies say.
    if (!allowed) continue;
    for (const family of FAMILIES) {
      for (const slice of SLICES) {
        const outcome = outcomeOf(port, family, slice, `${signature}|${family}|${slice}`);
        for (const d of outcome.doubted) doubted.push({ ...d, port });
        for (const { entry, hits } of outcome.open) {
          const slot = found.get(entry) ?? {
            ports: new Set<number>(),
            protocols: new Set<string>(),
            sources: new Set<string>(),
          };
          slot.ports.add(port);
          slot.protocols.add(slice);
          hits.forEach((h) => slot.sources.add(h));
          found.set(entry, slot);
        }
      }
    }
  }
  for (const d of doubted)
    if (!found.get(d.entry)?.ports.has(d.port) && !uncertain.has(d.blame))
      uncertain.set(d.blame, denyDoubt(d.blame) ?? "action");

  return {
    exposures: [...found].map(([entry, v]) => ({
      entry,
      ports: [...v.ports].sort((a, b) => a - b),
      protocols: SLICES.filter((p) => v.protocols.has(p)),
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

/** "ingress[0] opens port 22 (rule covers all ports) to 0.0.0.0/0, ::/0"; " over udp" when only that protocol is. */
export function describeExposure(e: Exposure): string {
  const ports = e.ports.length === 1 ? `port ${e.ports[0]}` : `ports ${e.ports.join(", ")}`;
  const range =
    e.entry.range !== "unknown" && e.entry.range !== "none" ? ` (rule covers ${formatRange(e.entry.range)})` : "";
  // An all-protocol allow open over one protocol only: another entry closed the other, so say which is left.
  const over = (e.entry.protocol ?? "all") === "all" && e.protocols.length === 1 ? ` over ${e.protocols[0]}` : "";
  return `${e.entry.where} opens ${ports}${range}${over} to ${e.sources.join(", ")}`;
}
