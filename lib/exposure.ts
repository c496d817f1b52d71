// Which listed ports a set of inbound entries opens to the internet. Security groups are unions of allows; ordered
// ACLs stop at the first matching entry, so a deny of the whole internet ahead of an allow closes the port for the
// protocols it names. Protocol matching is the reachability model's (lib/reachability/protocol.ts).
import {
  blocksCover,
  coversInternet,
  InternetSourceOptions,
  internetSources,
  IpFamily,
  isPublicCidr,
  parseCidr,
} from "./cidr";
import { IngressEntry } from "./ingress";
import { formatRange, rangeCoversPort } from "./ports";
import { intersectProtocol, protocolCovers } from "./reachability/protocol";
import { appendAll } from "./arrays";

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
/** Every family and protocol an opening is judged for, in the order findings list them. */
const SLOTS: readonly { family: IpFamily; slice: string }[] = FAMILIES.flatMap((family) =>
  SLICES.map((slice) => ({ family, slice })),
);

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
function ordered(entries: readonly IngressEntry[]): readonly IngressEntry[] {
  // Most lists are in order already (security groups have none): the stable sort would return them as they are, so
  // they are used as they are (nothing here writes to them).
  for (let i = 1; i < entries.length; i++)
    if (!(orderKey(entries[i - 1]) <= orderKey(entries[i])))
      return [...entries].sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0));
  return entries;
}

const orderKey = (e: IngressEntry) => e.order ?? Number.NEGATIVE_INFINITY;

/** Per family and protocol: the allows that stay open to the internet (with the sources that do) and those in doubt. */
interface Outcome {
  open: { entry: IngressEntry; hits: string[] }[];
  doubted: { entry: IngressEntry; blame: IngressEntry }[];
}

/** What a family none of the entries names a block of gets: no walk can open anything. Never written to. */
const NO_OUTCOME: Outcome = { open: [], doubted: [] };

/** The entries in evaluation order, each entry's blocks split by family at the same position. */
interface Ruleset {
  order: readonly IngressEntry[];
  split: readonly Record<IpFamily, string[]>[];
  /** Some deny (or entry whose action is unknown) has an unknown field: every opening is checked for certainty. */
  doubtful: boolean;
}

interface Walk {
  open: IngressEntry[];
  /** Each open entry's blocks of the family that no deny ahead of it covers. */
  visible: Map<IngressEntry, string[]>;
  /** The family, the open entries' positions and their visible blocks: walks with equal keys expose the same. */
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
function walk(rules: Ruleset, port: number, family: IpFamily, slice: string, mode: "worst" | "best"): Walk {
  // worst: only known denies close (the reported answer); best: every deny that may close does (is it certain?).
  const open: IngressEntry[] = [];
  const visible = new Map<IngressEntry, string[]>();
  let key = family;
  // Blocks denied so far: denies that each name part of the internet (0.0.0.0/1, then 128.0.0.0/1) close it together.
  const denied: string[] = [];
  let blame: IngressEntry | undefined;
  for (let i = 0; i < rules.order.length; i++) {
    const entry = rules.order[i];
    const protocol = entry.protocol ?? "all";
    if (protocol !== "unknown" && !intersectProtocol(protocol, slice)) continue;
    const cidrs = rules.split[i][family];
    const doubt = mayDeny(entry) ? denyDoubt(entry) : undefined;
    if (mode === "worst" ? entry.action === "deny" : mayDeny(entry)) {
      if (mode === "worst") {
        if (doubt && doubt !== "source CIDR") continue;
        if (!covers(entry, port) || cidrs.length === 0) continue;
        appendAll(denied, cidrs);
        if (coversInternet(denied)[family]) break;
        continue;
      }
      const mayCover = entry.range === "unknown" || covers(entry, port);
      if (!mayCover || (!entry.unknownSource && cidrs.length === 0)) continue;
      if (doubt) blame ??= entry;
      if (entry.unknownSource) return { open, visible, key, closedBy: blame };
      appendAll(denied, cidrs);
      if (coversInternet(denied)[family]) return { open, visible, key, closedBy: blame };
      continue;
    }
    if (covers(entry, port) && protocolCovers(protocol, slice) && cidrs.length > 0) {
      // A block the denies ahead already cover never reaches this allow: an allow hidden whole opens nothing.
      const shown = denied.length === 0 ? cidrs : cidrs.filter((c) => !blocksCover(denied, c));
      if (shown.length === 0) continue;
      open.push(entry);
      visible.set(entry, shown);
      key += `,${i}${shown.length < cidrs.length ? `:${shown.join("|")}` : ""}`;
    }
  }
  return { open, visible, key };
}

/** The open entries' visible blocks, in walk order. */
function visibleBlocks(w: Walk): string[] {
  const blocks: string[] = [];
  for (const entry of w.open) for (const block of w.visible.get(entry)!) blocks.push(block);
  return blocks;
}

/**
 * The outcomes of a port per family and protocol (in SLOTS order). Built only once some listed port is covered by an
 * allow: many rules cover none of the listed ports, and they need neither the split nor the walks.
 */
function portJudge(order: readonly IngressEntry[], opts: InternetSourceOptions): (port: number) => readonly Outcome[] {
  const split = order.map((e) => cidrsByFamily(e.cidrs));
  const rules: Ruleset = { order, split, doubtful: order.some((e) => mayDeny(e) && denyDoubt(e) !== undefined) };
  const named = { ipv4: split.some((s) => s.ipv4.length > 0), ipv6: split.some((s) => s.ipv6.length > 0) };
  // Walks with the same key expose the same sources: the key starts with the family and names the visible blocks.
  const exposedBy = new Map<string, Set<string>>();
  const exposedThrough = (w: Walk): Set<string> => {
    let exposed = exposedBy.get(w.key);
    if (!exposed) {
      exposed = new Set(internetSources(visibleBlocks(w), opts));
      exposedBy.set(w.key, exposed);
    }
    return exposed;
  };
  const outcomeOf = (port: number, family: IpFamily, slice: string): Outcome => {
    if (!named[family]) return NO_OUTCOME;
    const outcome: Outcome = { open: [], doubted: [] };
    const w = walk(rules, port, family, slice, "worst");
    if (w.open.length === 0) return outcome;
    const exposed = exposedThrough(w);
    // No visible block reaches the internet (private sources, the usual case): no entry can have hits.
    if (exposed.size === 0) return outcome;
    // Only when some deny is doubtful: is the opening there even if every doubtful deny closes what it may?
    const b = rules.doubtful ? walk(rules, port, family, slice, "best") : undefined;
    const best = b && { open: new Set(b.open), certain: b.open.length > 0 ? exposedThrough(b) : new Set<string>() };
    const blame = b && (b.closedBy ?? w.open.find((e) => e.unknownAction));
    for (const entry of w.open) {
      const hits = w.visible.get(entry)!.filter((c) => exposed.has(c));
      if (hits.length === 0) continue;
      if (best && !(best.open.has(entry) && hits.some((c) => best.certain.has(c))))
        outcome.doubted.push({ entry, blame: blame ?? entry });
      else outcome.open.push({ entry, hits });
    }
    return outcome;
  };
  return (port) => {
    const outcomes = SLOTS.map(({ family, slice }) => outcomeOf(port, family, slice));
    return outcomes.some((o) => o.open.length > 0 || o.doubted.length > 0) ? outcomes : NO_OUTCOMES;
  };
}

/** A port whose every outcome is empty (the usual case): nothing to record for it or for ports sharing it. */
const NO_OUTCOMES: readonly Outcome[] = [];

interface Found {
  ports: Set<number>;
  protocols: Set<string>;
  sources: Set<string>;
}

interface Doubted {
  entry: IngressEntry;
  port: number;
  blame: IngressEntry;
}

/**
 * Allows whose range is unknown yet may reach the internet, and allows on a listed port whose source is unknown or
 * unreadable: reported as uncertain rather than guessed.
 */
function uncertainAllows(
  order: readonly IngressEntry[],
  ports: readonly number[],
  opts: InternetSourceOptions,
): Map<IngressEntry, Uncertainty["reason"]> {
  const uncertain = new Map<IngressEntry, Uncertainty["reason"]>();
  for (const entry of order) {
    if (entry.action !== "allow") continue;
    const doubtfulSource = entry.unknownSource || entry.unreadable !== undefined;
    // Whether the sources reach the internet is asked only of an allow whose range is unknown: it is costly.
    if (entry.range === "unknown" && (doubtfulSource || reachesInternet(entry.cidrs, opts)))
      uncertain.set(entry, "port range");
    else if (doubtfulSource && entry.range !== "none" && ports.some((p) => covers(entry, p)))
      uncertain.set(entry, "source CIDR");
  }
  return uncertain;
}

/** Adds one port's outcomes. A port sharing an earlier port's outcomes adds only itself: the rest is recorded. */
function record(
  found: Map<IngressEntry, Found>,
  doubted: Doubted[],
  outcomes: readonly Outcome[],
  port: number,
  repeated: boolean,
) {
  for (let s = 0; s < outcomes.length; s++) {
    const outcome = outcomes[s];
    // Written out: a copy that adds a field (`{ ...d, port }`) takes V8's slow path.
    for (const d of outcome.doubted) doubted.push({ entry: d.entry, blame: d.blame, port });
    for (const { entry, hits } of outcome.open) {
      let slot = found.get(entry);
      if (slot && repeated) {
        slot.ports.add(port);
        continue;
      }
      if (!slot) {
        slot = { ports: new Set<number>(), protocols: new Set<string>(), sources: new Set<string>() };
        found.set(entry, slot);
      }
      slot.ports.add(port);
      slot.protocols.add(SLOTS[s].slice);
      for (const h of hits) slot.sources.add(h);
    }
  }
}

/** An opening found in the worst case only is uncertain, blamed on the doubtful entry, unless it is certain too. */
function blameDoubted(
  doubted: readonly Doubted[],
  found: ReadonlyMap<IngressEntry, Found>,
  uncertain: Map<IngressEntry, Uncertainty["reason"]>,
) {
  for (const d of doubted)
    if (!found.get(d.entry)?.ports.has(d.port) && !uncertain.has(d.blame))
      uncertain.set(d.blame, denyDoubt(d.blame) ?? "action");
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
  const order = ordered(entries);
  const uncertain = uncertainAllows(order, ports, opts);
  const found = new Map<IngressEntry, Found>();
  const doubted: Doubted[] = [];
  // What the walks find depends on the port only through the entries whose range covers it: ports covered by the
  // same entries share one outcome per family and protocol, computed with the first such port.
  const outcomesBySignature = new Map<number | string, readonly Outcome[]>();
  let judge: ((port: number) => readonly Outcome[]) | undefined;
  const envelope = allowEnvelope(order);
  for (const port of ports) {
    // A port outside every known allow range is opened by nothing: no signature is needed.
    if (port < envelope.low || port > envelope.high) continue;
    const signature = coverSignature(order, port);
    if (signature === undefined) continue;
    if (!judge) {
      // No port can be exposed when no source reaches the internet (private sources, the usual case).
      if (!anySourceReachesInternet(order, opts)) break;
      judge = portJudge(order, opts);
    }
    const known = outcomesBySignature.get(signature);
    const outcomes = known ?? judge(port);
    if (!known) outcomesBySignature.set(signature, outcomes);
    if (outcomes !== NO_OUTCOMES) record(found, doubted, outcomes, port, known !== undefined);
  }
  blameDoubted(doubted, found, uncertain);
  return { exposures: exposuresOf(found), uncertain: uncertaintiesOf(uncertain) };
}

// Plain loops: most calls find nothing, and spreading an empty map costs more than the rest of such a call.
function exposuresOf(found: ReadonlyMap<IngressEntry, Found>): Exposure[] {
  const exposures: Exposure[] = [];
  for (const [entry, v] of found)
    exposures.push({
      entry,
      ports: [...v.ports].sort((a, b) => a - b),
      protocols: SLICES.filter((p) => v.protocols.has(p)),
      sources: [...v.sources],
    });
  return exposures;
}

function uncertaintiesOf(uncertain: ReadonlyMap<IngressEntry, Uncertainty["reason"]>): Uncertainty[] {
  const list: Uncertainty[] = [];
  for (const [entry, reason] of uncertain) list.push({ entry, reason });
  return list;
}

/** The lowest and highest port any allow of known range covers (low > high when none does). */
function allowEnvelope(order: readonly IngressEntry[]): { low: number; high: number } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const e of order) {
    if (e.action !== "allow" || e.range === "none" || e.range === "unknown") continue;
    if (e.range.from < low) low = e.range.from;
    if (e.range.to > high) high = e.range.to;
  }
  return { low, high };
}

function covers(entry: IngressEntry, port: number): boolean {
  return entry.range !== "none" && entry.range !== "unknown" && rangeCoversPort(entry.range, port);
}

/** Up to this many entries, the entries covering a port are named by a bit mask: a number hashes faster than text. */
const MASK_BITS = 30;

/**
 * Which entries (by evaluation-order position) cover the port: a bit mask, or their positions as text ("0,2,") past
 * MASK_BITS entries. Undefined when no allow covers the port: nothing can open it then, whatever the denies say.
 */
function coverSignature(order: readonly IngressEntry[], port: number): number | string | undefined {
  const masked = order.length <= MASK_BITS;
  let mask = 0;
  let text = "";
  let allowed = false;
  for (let i = 0; i < order.length; i++) {
    if (!covers(order[i], port)) continue;
    if (masked) mask |= 1 << i;
    else text += `${i},`;
    allowed ||= order[i].action === "allow";
  }
  if (!allowed) return undefined;
  return masked ? mask : text;
}

/**
 * Whether some block of the entries is an internet source. A walk exposes only internet sources among the blocks it
 * sees, which are some of these, and a subset of blocks has no internet source its superset lacks (internetSources).
 * Internet sources are public blocks: without one (the usual case) the union need not be judged.
 */
function anySourceReachesInternet(order: readonly IngressEntry[], opts: InternetSourceOptions): boolean {
  if (!order.some((e) => e.cidrs.some(isPublicCidr))) return false;
  if (order.length === 1) return internetSources(order[0].cidrs, opts).length > 0;
  const all: string[] = [];
  for (const e of order) appendAll(all, e.cidrs);
  return internetSources(all, opts).length > 0;
}

function reachesInternet(cidrs: readonly string[], opts: InternetSourceOptions): boolean {
  if (internetSources(cidrs, opts).length > 0) return true;
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
