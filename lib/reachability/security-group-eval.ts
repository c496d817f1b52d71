// Which ports a host's security groups admit from a given source, honouring Alicloud priorities and drop rules:
// a port is open when some accept rule covers it and no drop rule of equal or higher priority (lower number)
// covering the same source does. AWS groups only accept, so this reduces to the union of matching rules.
import type { PortRange } from "../ports";
import { contains, familyOf, intersectCidr, isPublic } from "./cidr-sets";
import { ANY_SOURCE, Family } from "./exposure";
import { closedTogether } from "./joint-denies";
import { POSSIBLE_GROUP } from "./group-links";
import { effectivePorts, subtractRange } from "./intervals";
import { NetworkModel, Protocol, RuleSource, SgRule } from "./model";
import { protocolCovers } from "./protocol";

export interface AdmittedSlice {
  rule: SgRule;
  groupName: string;
  protocol: Protocol;
  ports: PortRange[];
  /** The rule's group is one the host may not carry (group-links.ts). */
  possible?: true;
}

/** The source a packet comes from, as rule sources can match it. */
export type PacketSource = { kind: "cidr"; cidr: string } | { kind: "group"; sg: string };

/** Rules of a host's groups; memoised per group list because every query walks them (the model is read-only). */
const rulesCache = new WeakMap<NetworkModel, WeakMap<readonly string[], SgRule[]>>();

export function rulesOf(m: NetworkModel, groups: readonly string[]): SgRule[] {
  let perModel = rulesCache.get(m);
  if (!perModel) rulesCache.set(m, (perModel = new WeakMap()));
  let rules = perModel.get(groups);
  if (!rules) perModel.set(groups, (rules = groups.flatMap((g) => m.securityGroups.get(g)?.rules ?? [])));
  return rules;
}

/** Does a rule source admit this packet source? `ownGroups` resolves self-references. */
export function sourceMatches(
  src: RuleSource,
  pkt: PacketSource,
  ruleGroup: string,
  ownGroups: readonly string[],
): boolean {
  if (pkt.kind === "cidr") return src.kind === "cidr" && contains(src.cidr, pkt.cidr);
  if (src.kind === "sg") return src.sg === pkt.sg;
  if (src.kind === "self") return ruleGroup === pkt.sg && ownGroups.includes(pkt.sg);
  return false;
}

/**
 * What the groups admit from `pkt`; `accepts` may narrow which accept rules are considered. Of `groups`, `possible`
 * are groups the carrier may not carry: their accepts count, their drops close only the same group's accepts (a
 * carrier with the group has both, one without has neither; another group's opening stays open: fail closed).
 */
export function admitted(
  m: NetworkModel,
  groups: readonly string[],
  pkt: PacketSource,
  accepts: (r: SgRule) => boolean = () => true,
  possible: readonly string[] = [],
): AdmittedSlice[] {
  const rules = rulesOf(m, groups);
  const allDrops = rules.filter((r) => r.action === "drop" && dropCovers(r, pkt, groups));
  // Drops of part of the source block close it only together (joint-denies.ts).
  const allPartial = pkt.kind === "cidr" ? rules.filter((r) => r.action === "drop" && dropsPartOf(r, pkt.cidr)) : [];
  // A drop closes an accept when its group is certain, or is the accept's own group.
  const closing = (ds: SgRule[], accept: SgRule) =>
    possible.length === 0 ? ds : ds.filter((d) => d.group === accept.group || !possible.includes(d.group));
  const out: AdmittedSlice[] = [];
  for (const rule of rules) {
    if (rule.action !== "accept" || !accepts(rule) || !sourceMatches(rule.source, pkt, rule.group, groups)) continue;
    const base = effectivePorts(rule.ports);
    if (!base) continue;
    const drops = closing(allDrops, rule);
    const partial = closing(allPartial, rule);
    // Drops whose ports cannot be decided are ignored: they must not hide an opening.
    const applies = (d: SgRule, protocol: Protocol): d is SgRule & { ports: PortRange } =>
      d.priority <= rule.priority && protocolCovers(d.protocol, protocol) && !!d.ports && d.ports !== "none";
    // An all-protocol accept facing a protocol-specific drop is judged per port-bearing protocol.
    const split =
      rule.protocol === "all" &&
      [...drops, ...partial].some((d) => d.protocol !== "all" && d.priority <= rule.priority);
    for (const protocol of split ? ["tcp", "udp"] : [rule.protocol]) {
      let ports = [base];
      for (const d of drops) if (applies(d, protocol)) ports = subtractRange(ports, d.ports);
      const joint = partial.filter((d) => applies(d, protocol)).map((d) => ({ cidr: cidrOf(d), ports: d.ports }));
      if (pkt.kind === "cidr")
        for (const closed of closedTogether(pkt.cidr, joint)) ports = subtractRange(ports, closed);
      if (ports.length === 0) continue;
      const groupName = m.securityGroups.get(rule.group)?.name ?? rule.group;
      out.push({ rule, groupName, protocol, ports, ...(possible.includes(rule.group) ? { possible: true } : {}) });
    }
  }
  return out;
}

/** A drop rule applies to the whole packet source (a narrower drop leaves the rest of the source open). */
function dropCovers(d: SgRule, pkt: PacketSource, groups: readonly string[]): boolean {
  if (d.source.kind === "cidr") {
    if (pkt.kind === "cidr") return contains(d.source.cidr, pkt.cidr);
    return contains(d.source.cidr, ANY_SOURCE.ipv4);
  }
  return sourceMatches(d.source, pkt, d.group, groups);
}

/** A drop naming a block strictly inside the source (CIDR blocks nest or are disjoint). */
function dropsPartOf(d: SgRule, source: string): boolean {
  return d.source.kind === "cidr" && !contains(d.source.cidr, source) && contains(source, d.source.cidr);
}

const cidrOf = (r: SgRule) => (r.source.kind === "cidr" ? r.source.cidr : "");

const unknownCidr = (slice: AdmittedSlice) => slice.rule.source.kind === "cidr" && slice.rule.source.unknown === true;

/** A `self` flag unknown at preview: the rule may reference its own group. */
export const unknownSelf = (rule: SgRule) => rule.source.kind === "self" && rule.source.unknown === true;

/**
 * The slice's rule admits a block, a self-reference or ports unknown at preview, or is itself unknown (its type,
 * the rule, the whole list): what it opens is a note, not a violation.
 */
export function unverifiedSlice(slice: AdmittedSlice): boolean {
  return (
    unknownCidr(slice) ||
    unknownSelf(slice.rule) ||
    slice.rule.unknownPorts === true ||
    slice.rule.unknownRule !== undefined
  );
}

export function ruleLabel(m: NetworkModel, slice: AdmittedSlice): string {
  const r = slice.rule;
  const priority = m.securityGroups.get(r.group)?.cloud === "alicloud" ? ` (priority ${r.priority} accept)` : "";
  const via = r.source.kind === "cidr" && r.source.via ? ` via ${r.source.via}` : "";
  const unknown =
    (unknownCidr(slice) ? " (CIDR unknown at preview)" : "") +
    (unknownSelf(slice.rule) ? " (self unknown at preview)" : "") +
    (slice.rule.unknownPorts ? " (ports unknown at preview)" : "") +
    (slice.rule.unknownRule ? ` (${slice.rule.unknownRule} unknown at preview)` : "");
  const carried = slice.possible ? ` (${POSSIBLE_GROUP})` : "";
  return `sg:${slice.groupName}${carried} rule ${r.name}${via}${unknown}${priority}`;
}

/** Public blocks named by the groups' rules, clipped to what the entry admits. */
export function internetSourcesOf(
  m: NetworkModel,
  groups: readonly string[],
  entrySource: string,
  family: Family,
): string[] {
  const out = new Set<string>();
  for (const rule of rulesOf(m, groups)) {
    if (rule.action !== "accept" || rule.source.kind !== "cidr") continue;
    const cidr = rule.source.cidr;
    if (familyOf(cidr) !== family || !isPublic(cidr)) continue;
    const clipped = intersectCidr(cidr, entrySource);
    if (clipped) out.add(clipped);
  }
  return [...out];
}

/**
 * Accept rules that produce `source` (their block clipped to the entry): a wider rule also admits a narrower
 * block, but that row would repeat the wider one.
 */
export function originates(source: string, entrySource: string): (r: SgRule) => boolean {
  return (r) => r.source.kind === "cidr" && intersectCidr(r.source.cidr, entrySource) === source;
}
