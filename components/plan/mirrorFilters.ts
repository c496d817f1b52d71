// Does a traffic mirror filter's rule list for one direction mirror every packet? Written once for AWS and Alibaba
// Cloud: each component reads its own rule shape into a MirrorRuleReading, and this decides. A direction is mirrored
// in full when, for each address family the cloud's filters match, a rule accepting every protocol and port from the
// whole family to the whole family comes before every reject (Alibaba Cloud: drop) rule of that family.
//
// This is stricter than the pack's require-effective-traffic-mirroring, which fails a stack only when the case's
// traffic (remote-login and database ports from the internet, both ways) is left out: a component warns on every
// narrowing, so a filter the pack fails is never accepted without a warning first. A whole family split over several
// accept rules (0.0.0.0/1 and 128.0.0.0/1) also warns: one rule per family says "everything" plainly.
import { parseCidr } from "../../lib/cidr";

export type MirrorFamily = "IPv4" | "IPv6";

/** One filter rule as the predicate needs it. */
export interface MirrorRuleReading {
  /** How messages name the rule, e.g. `mirroring.filterRules[2] (ingress rule 100: …)`. */
  label: string;
  accepts: boolean;
  /** Rule number or priority: lower is evaluated first. */
  order: number;
  /** The family of its address blocks (a rule holds one). */
  family: MirrorFamily;
  /** Every protocol and every port, from the whole family to the whole family. */
  matchesAll: boolean;
}

/** Why a family is not mirrored in full. */
export type MirrorGap =
  | { kind: "no-full-accept"; family: MirrorFamily; narrower: MirrorRuleReading[] }
  | { kind: "reject-ahead"; family: MirrorFamily; accept: MirrorRuleReading; rejects: MirrorRuleReading[] };

/** The family of a CIDR block, or undefined when it is not one. */
export function cidrFamily(cidr: string): MirrorFamily | undefined {
  const parsed = parseCidr(cidr);
  return parsed ? (parsed.family === "ipv6" ? "IPv6" : "IPv4") : undefined;
}

/** True for a block holding every address of its family (0.0.0.0/0, ::/0). */
export function isWholeFamily(cidr: string): boolean {
  return parseCidr(cidr)?.prefix === 0;
}

/** The families of `families` whose packets the rules do not all mirror, each with the reason. */
export function mirrorGaps(rules: readonly MirrorRuleReading[], families: readonly MirrorFamily[]): MirrorGap[] {
  return families.flatMap((family): MirrorGap[] => {
    const ofFamily = rules.filter((r) => r.family === family);
    const full = ofFamily.filter((r) => r.accepts && r.matchesAll).sort((a, b) => a.order - b.order);
    if (full.length === 0) {
      return [{ kind: "no-full-accept", family, narrower: ofFamily.filter((r) => r.accepts) }];
    }
    const rejects = ofFamily.filter((r) => !r.accepts && r.order < full[0].order);
    return rejects.length > 0 ? [{ kind: "reject-ahead", family, accept: full[0], rejects }] : [];
  });
}

/** True when every packet of every family is accepted before any reject. */
export function mirrorsEverything(rules: readonly MirrorRuleReading[], families: readonly MirrorFamily[]): boolean {
  return mirrorGaps(rules, families).length === 0;
}

/** How one cloud words its rules in messages. */
export interface MirrorWords {
  /** The whole family as a rule writes it, e.g. "0.0.0.0/0 to 0.0.0.0/0". */
  everything: (family: MirrorFamily) => string;
}

/** One gap in words: which rule narrows or cuts the capture. */
export function describeMirrorGap(gap: MirrorGap, words: MirrorWords): string {
  if (gap.kind === "reject-ahead") {
    const cut = gap.rejects.map((r) => r.label).join(", ");
    const [verb, what] = gap.rejects.length > 1 ? ["are", "they match"] : ["is", "it matches"];
    return `${cut} ${verb} evaluated before ${gap.accept.label}, the accept of all ${gap.family} traffic, so what ${what} is never mirrored`;
  }
  const all = `no rule accepts all ${gap.family} traffic (every protocol and port, ${words.everything(gap.family)})`;
  if (gap.narrower.length === 0) return all;
  return `${all}; ${gap.narrower.map((r) => r.label).join(", ")} ${gap.narrower.length > 1 ? "accept" : "accepts"} only part of it`;
}
