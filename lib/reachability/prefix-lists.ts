// Prefix lists on either cloud: a named set of CIDRs a security-group rule admits (or, on Alibaba Cloud, drops) by
// reference. A list in the stack stands for its entries, each a CIDR source whose path names the list; a list outside
// the stack stays a `prefix-list` source, which never means the internet. Entries unknown at preview count as any
// address of the list's family on an accept (unknowns never hide an opening) and as nothing on a drop (an unknown
// deny closes nothing).
import { ANY_SOURCE, Family } from "./exposure";
import { NetworkModel, RuleSource, SgRule } from "./model";
import { GenericResource, isUnknown, items, list, prop, str, unwrap } from "./resource";
import { appendAll } from "../arrays";

export interface PrefixList {
  label: string;
  cidrs: Set<string>;
  /** Some entry (or the whole list) is unknown at preview. */
  unknown: boolean;
  families: Family[];
}

/** One cloud's lists, collected once per model. */
export interface PrefixListCatalog {
  /** Type tokens of the list resources a rule may name. */
  types: readonly string[];
  /** Lists in the stack, by URN. */
  byUrn: Map<string, PrefixList>;
  /** Entries the stack adds to lists outside it, by the list's id. */
  foreign: Map<string, PrefixList>;
  /** How a path says the list is one of several the dependencies offer, e.g. " (one of several lists …)". */
  ambiguityNote: string;
}

/** A list without entries yet; an unknown or absent address family means both. */
export function emptyList(label: string, addressFamily: unknown): PrefixList {
  const f = str(addressFamily)?.toLowerCase();
  const families: Family[] = f === "ipv4" ? ["ipv4"] : f === "ipv6" ? ["ipv6"] : ["ipv4", "ipv6"];
  return { label, cidrs: new Set(), unknown: false, families };
}

export function addCidr(pl: PrefixList, v: unknown): void {
  const u = unwrap(v);
  if (isUnknown(u)) pl.unknown = true;
  else if (typeof u === "string" && u.trim() !== "") pl.cidrs.add(u.trim());
}

/** An inline `[{cidr, description}]` input; the whole list or any entry may be unknown. */
export function addEntries(pl: PrefixList, entries: unknown): void {
  for (const e of list(entries)) addCidr(pl, isUnknown(e) ? e : prop(e, "cidr"));
}

/** Memoises a catalog per model: every rule naming a list asks for it. */
export function catalogPerModel(
  collect: (m: NetworkModel) => PrefixListCatalog,
): (m: NetworkModel) => PrefixListCatalog {
  const cache = new WeakMap<NetworkModel, PrefixListCatalog>();
  return (m) => {
    let c = cache.get(m);
    if (!c) cache.set(m, (c = collect(m)));
    return c;
  };
}

function contents(pl: PrefixList, note: string, action: SgRule["action"]): RuleSource[] {
  const out: RuleSource[] = [...pl.cidrs].map((cidr) => ({
    kind: "cidr",
    cidr,
    via: `prefix-list:${pl.label}${note}`,
  }));
  if (pl.unknown && action === "accept")
    for (const family of pl.families)
      out.push({ kind: "cidr", cidr: ANY_SOURCE[family], via: `prefix-list:${pl.label} (entries unknown at preview)` });
  return out;
}

/**
 * Sources of a rule's prefix-list references (`propName` is the input holding them). `maxPerRule` is how many lists
 * this rule can name: when the dependencies offer more, every candidate is kept on an accept and the path says so;
 * a drop closes nothing on such a guess.
 */
export function namedListSources(
  m: NetworkModel,
  r: GenericResource,
  propName: string,
  value: unknown,
  maxPerRule: number,
  catalog: PrefixListCatalog,
  action: SgRule["action"] = "accept",
): RuleSource[] {
  const refs = items(value);
  if (refs.length === 0) return [];
  const found = m.resolver.many(r, propName, refs, catalog.types);
  const ambiguous = found.urns.length > maxPerRule || (maxPerRule === Infinity && found.urns.length > 1);
  const note = ambiguous ? catalog.ambiguityNote : "";
  const named = ambiguous && action === "drop" ? [] : found.urns;
  const out: RuleSource[] = named.flatMap((urn) => {
    const pl = catalog.byUrn.get(urn);
    return pl ? contents(pl, note, action) : [];
  });
  // Outside the stack: the list itself stays an unresolved source; only entries the stack adds to it count.
  for (const id of found.external) {
    out.push({ kind: "prefix-list", id });
    const added = catalog.foreign.get(id);
    if (added) appendAll(out, contents(added, "", action));
  }
  if (found.urns.length === 0 && found.external.length === 0) out.push({ kind: "prefix-list", id: "(unknown)" });
  return out;
}
