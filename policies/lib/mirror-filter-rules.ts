// Does a traffic mirror filter mirror anything in one direction? Written once for both clouds over a normalised rule
// (AWS rule numbers and Alibaba Cloud priorities are both "lower is evaluated first", reject and drop both stop a
// packet from being mirrored). A packet is mirrored when the first rule that matches it accepts; the filter mirrors
// a direction when some accept rule keeps packets that no reject rule ahead of it covers.
//
// Values unknown at preview are judged twice: at their most favourable to mirroring and at their least. When even
// the favourable reading mirrors nothing the filter is reported; when the unfavourable one still mirrors it passes;
// in between the outcome depends on the unknowns.
import {
  ADDRESSES,
  Box,
  familyOf,
  intersects,
  Match,
  matchBoxes,
  Ports,
  Protocol,
  remainder,
  Span,
} from "./mirror-match-space";

export type Direction = "ingress" | "egress";
export const DIRECTIONS: readonly Direction[] = ["ingress", "egress"];

/** One filter rule; each field is undefined when unknown at preview (or, for the order, unset). */
export interface MirrorRule {
  /** How messages name it. */
  label: string;
  /** False when an unknown filter reference or direction leaves open whether the rule applies. */
  member: boolean;
  action?: "accept" | "reject";
  /** Rule number or priority: lower is evaluated first. */
  order?: number;
  protocol?: Protocol;
  source?: Span;
  destination?: Span;
  sourcePorts?: Ports;
  destinationPorts?: Ports;
  /** The fields read as unknown, as messages name them. */
  unknown: string[];
  /** Why the cloud refuses the rule (an unparseable block, no action): it then matches nothing. */
  invalid?: string;
}

/** How each cloud names what a rule does and where it stands. */
export interface RuleWords {
  reject: string;
  order: string;
}

export type MirrorVerdict =
  | { kind: "mirrored" }
  | { kind: "none"; reason: string }
  | { kind: "depends"; fields: string[] }
  | { kind: "too-complex"; count: number };

/** Far above what either cloud allows per direction (10): more is a hostile plan, not a filter to evaluate. */
export const RULE_LIMIT = 32;

export function mirrorVerdict(rules: readonly MirrorRule[], words: RuleWords): MirrorVerdict {
  const valid = distinct(rules.filter((r) => r.invalid === undefined));
  if (valid.length > RULE_LIMIT) return { kind: "too-complex", count: valid.length };
  if (!mirrorsAtBest(valid)) return { kind: "none", reason: whyNothing(rules, words) };
  if (mirrorsAtWorst(valid)) return { kind: "mirrored" };
  const fields = [...new Set(valid.flatMap((r) => r.unknown))];
  // Without unknowns only a rule set too fragmented to decide leaves the readings apart.
  return fields.length > 0 ? { kind: "depends", fields } : { kind: "too-complex", count: valid.length };
}

/** Repeated identical rules change nothing. */
function distinct(rules: readonly MirrorRule[]): MirrorRule[] {
  const seen = new Set<string>();
  const span = (s?: Span) => (s ? `${s.lo}-${s.hi}` : "?");
  const ports = (p?: Ports) => (p === undefined ? "?" : p === "any" ? "any" : `${p.from}-${p.to}`);
  return rules.filter((r) => {
    const key = [r.member, r.action, r.order, r.protocol, span(r.source), span(r.destination)]
      .concat([ports(r.sourcePorts), ports(r.destinationPorts)])
      .join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const knownMatch = (r: MirrorRule): boolean =>
  [r.protocol, r.source, r.destination, r.sourcePorts, r.destinationPorts].every((v) => v !== undefined);

/** Unknown fields read as wide as the cloud allows: every protocol and port, the other end's family (or both). */
function widest(r: MirrorRule): Match {
  const family = (other: Span | undefined) => (other ? (familyOf(other) ?? ADDRESSES.any) : ADDRESSES.any);
  return {
    protocol: r.protocol ?? "all",
    source: r.source ?? family(r.destination),
    destination: r.destination ?? family(r.source),
    sourcePorts: r.sourcePorts ?? "any",
    destinationPorts: r.destinationPorts ?? "any",
  };
}

/** True when the accept keeps packets that the cutters do not cover (undecidably complex counts as `complex`). */
function keepsPackets(accept: Match, cutters: readonly Box[], complex: boolean): boolean {
  return keeps(matchBoxes(accept), cutters, complex);
}

function keeps(boxes: Box[], cutters: readonly Box[], complex: boolean): boolean {
  const rest = remainder(boxes, cutters);
  return rest === undefined ? complex : rest.length > 0;
}

/** An accept rule's packets and those of the reject rules evaluated before it, under one reading of the unknowns. */
export interface AcceptReading {
  box: Box[];
  ahead: Box[];
}

/**
 * Most favourable: a rule that may accept does (as wide and as early as it may be); a reject counts only when all
 * about it is known.
 */
export function favourableRules(rules: readonly MirrorRule[]): AcceptReading[] {
  const valid = distinct(rules.filter((r) => r.invalid === undefined));
  const rejects = valid.filter((r) => r.member && r.action === "reject" && r.order !== undefined && knownMatch(r));
  return valid
    .filter((r) => r.action !== "reject")
    .map((a) => {
      const order = a.order ?? -Infinity;
      return {
        box: matchBoxes(widest(a)),
        ahead: rejects.filter((r) => r.order! < order).flatMap((r) => matchBoxes(widest(r))),
      };
    });
}

/**
 * Least favourable, for the traffic a filter mirrors in full: a rule that may reject does (as wide and as early as
 * it may be); an accept counts only when it surely applies and all it matches is known.
 */
export function unfavourableRules(rules: readonly MirrorRule[]): AcceptReading[] {
  const valid = distinct(rules.filter((r) => r.invalid === undefined));
  const rejects = valid.filter((r) => r.action !== "accept");
  return valid
    .filter((a) => a.member && a.action === "accept" && knownMatch(a))
    .map((a) => ({
      box: matchBoxes(widest(a)),
      ahead: rejects
        .filter((r) => a.order === undefined || r.order === undefined || r.order < a.order)
        .flatMap((r) => matchBoxes(widest(r))),
    }));
}

function mirrorsAtBest(rules: readonly MirrorRule[]): boolean {
  return favourableRules(rules).some((a) => keeps(a.box, a.ahead, true));
}

/**
 * Least favourable: a rule that may reject does (as wide and as early as it may be); an accept counts only when it
 * surely applies, and an unknown field of it may take whichever value the rejects ahead cover.
 */
function mirrorsAtWorst(rules: readonly MirrorRule[]): boolean {
  const rejects = rules.filter((r) => r.action !== "accept");
  return rules
    .filter((a) => a.member && a.action === "accept")
    .some((a) => {
      const ahead = rejects
        .filter((r) => a.order === undefined || r.order === undefined || r.order < a.order)
        .flatMap((r) => matchBoxes(widest(r)));
      const candidates = narrowest(a, ahead);
      return candidates !== undefined && candidates.every((m) => keepsPackets(m, ahead, false));
    });
}

/** Assignments of single values to an accept's unknown fields worth trying. */
const CANDIDATE_LIMIT = 512;
const AXIS = { protocol: 0, source: 1, destination: 2, sourcePort: 3, destinationPort: 4 } as const;
/** ICMP stands for every protocol without ports, TCP and UDP for those with. */
const REPRESENTATIVE_PROTOCOLS = [1, 6, 17];

/**
 * The single values an accept's unknown fields may take that are hardest to mirror: the lowest point of some
 * cutter on each axis (a point there lies in every cutter that any point does). Undefined when too many to try.
 */
function narrowest(a: MirrorRule, cutters: readonly Box[]): Match[] | undefined {
  const lows = (axis: number) => [...new Set(cutters.map((c) => c[axis].lo))];
  const points = (axis: number, within: Span): Span[] =>
    [...new Set([within.lo, ...lows(axis).filter((lo) => lo >= within.lo && lo <= within.hi)])].map((lo) => ({
      lo,
      hi: lo,
    }));
  const ports = (axis: number): Ports[] =>
    points(axis, { lo: 0n, hi: 65535n }).map((s) => ({ from: Number(s.lo), to: Number(s.lo) }));
  const w = widest(a);
  const choices = {
    protocol: a.protocol !== undefined ? [a.protocol] : protocolsToTry(lows(AXIS.protocol)),
    source: a.source !== undefined ? [a.source] : points(AXIS.source, w.source),
    destination: a.destination !== undefined ? [a.destination] : points(AXIS.destination, w.destination),
    sourcePorts: a.sourcePorts !== undefined ? [a.sourcePorts] : ports(AXIS.sourcePort),
    destinationPorts: a.destinationPorts !== undefined ? [a.destinationPorts] : ports(AXIS.destinationPort),
  };
  const count = Object.values(choices).reduce((n, c) => n * c.length, 1);
  if (count > CANDIDATE_LIMIT) return undefined;
  const out: Match[] = [];
  for (const protocol of choices.protocol)
    for (const source of choices.source)
      for (const destination of choices.destination)
        for (const sourcePorts of choices.sourcePorts)
          for (const destinationPorts of choices.destinationPorts)
            out.push({ protocol, source, destination, sourcePorts, destinationPorts });
  return out;
}

function protocolsToTry(lows: readonly bigint[]): Protocol[] {
  return [...new Set([...REPRESENTATIVE_PROTOCOLS, ...lows.map(Number).filter((p) => p >= 0 && p <= 255)])];
}

/** Why no packet is mirrored, from the rules that surely apply (unknowns could not have changed it). */
function whyNothing(rules: readonly MirrorRule[], words: RuleWords): string {
  const accepts = rules.filter((r) => r.member && r.action === "accept");
  if (accepts.length === 0) return "no accept rule";
  const valid = accepts.filter((a) => a.invalid === undefined);
  if (valid.length === 0) return `no valid accept rule (${accepts.map((a) => `${a.label}: ${a.invalid}`).join("; ")})`;
  const rejects = rules.filter(
    (r) => r.member && r.invalid === undefined && r.action === "reject" && r.order !== undefined && knownMatch(r),
  );
  const shadows = valid.map((a) => {
    const mine = matchBoxes(widest(a));
    const by = rejects.filter(
      (r) => r.order! < (a.order ?? -Infinity) && matchBoxes(widest(r)).some((b) => mine.some((m) => intersects(m, b))),
    );
    return `${ranked(a, words)} by ${[...new Set(by.map((r) => ranked(r, words)))].join(", ")}`;
  });
  return `every accept rule is shadowed by ${words.reject} rules ahead of it: ${[...new Set(shadows)].join("; ")}`;
}

function ranked(r: MirrorRule, words: RuleWords): string {
  return r.order === undefined ? r.label : `${r.label} (${words.order} ${r.order})`;
}

/** A rule with the direction it applies to; undefined when unknown at preview or refused. */
export interface DirectedRule {
  direction?: Direction;
  rule: MirrorRule;
}

/** The rules of one direction; a rule of unknown direction may be in either. */
export function rulesIn(direction: Direction, rules: readonly DirectedRule[]): MirrorRule[] {
  return rules
    .filter((r) => r.direction === undefined || r.direction === direction)
    .map((r) => (r.direction === undefined ? { ...r.rule, member: false } : r.rule));
}
