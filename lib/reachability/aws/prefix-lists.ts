// AWS managed prefix lists: what a security-group rule naming a list admits. A list in the stack holds its inline
// `entries` plus the separate `ec2.ManagedPrefixListEntry` resources pointing at it; a list outside the stack
// (AWS-managed, or another account's) admits only the entries the stack adds to it by id — never the internet.
// Entries unknown at preview count as any address of the list's family: unknowns never hide an opening.
import { ANY_SOURCE, Family } from "../exposure";
import { NetworkModel, RuleSource } from "../model";
import { GenericResource, isUnknown, items, list, prop, str, unwrap } from "../resource";
import { AWS } from "./tokens";

interface PrefixList {
  label: string;
  cidrs: Set<string>;
  /** Some entry (or the whole list) is unknown at preview. */
  unknown: boolean;
  families: Family[];
}

interface PrefixLists {
  /** Lists in the stack, by URN. */
  byUrn: Map<string, PrefixList>;
  /** Entries the stack adds to lists outside it, by the list's id. */
  foreign: Map<string, PrefixList>;
}

const cache = new WeakMap<NetworkModel, PrefixLists>();

function familiesOf(v: unknown): Family[] {
  const f = str(v)?.toLowerCase();
  return f === "ipv4" ? ["ipv4"] : f === "ipv6" ? ["ipv6"] : ["ipv4", "ipv6"];
}

function addCidr(pl: PrefixList, v: unknown): void {
  const u = unwrap(v);
  if (isUnknown(u)) pl.unknown = true;
  else if (typeof u === "string" && u.trim() !== "") pl.cidrs.add(u.trim());
}

function collect(m: NetworkModel): PrefixLists {
  const res = m.resolver;
  const byUrn = new Map<string, PrefixList>();
  const foreign = new Map<string, PrefixList>();
  for (const r of res.ofType(AWS.managedPrefixList)) {
    const pl: PrefixList = {
      label: r.name,
      cidrs: new Set(),
      unknown: false,
      families: familiesOf(r.inputs.addressFamily),
    };
    for (const e of list(r.inputs.entries)) addCidr(pl, isUnknown(e) ? e : prop(e, "cidr"));
    byUrn.set(r.urn, pl);
  }
  for (const r of res.ofType(AWS.managedPrefixListEntry)) {
    const urn = res.one(r, "prefixListId", r.inputs.prefixListId, [AWS.managedPrefixList]);
    const id = str(r.inputs.prefixListId);
    let pl = urn ? byUrn.get(urn) : undefined;
    if (!pl && id) {
      pl = foreign.get(id) ?? { label: id, cidrs: new Set(), unknown: false, families: ["ipv4", "ipv6"] };
      foreign.set(id, pl);
    }
    if (pl) addCidr(pl, r.inputs.cidr);
  }
  return { byUrn, foreign };
}

function prefixLists(m: NetworkModel): PrefixLists {
  let p = cache.get(m);
  if (!p) cache.set(m, (p = collect(m)));
  return p;
}

function contents(pl: PrefixList, note: string): RuleSource[] {
  const out: RuleSource[] = [...pl.cidrs].map((cidr) => ({
    kind: "cidr",
    cidr,
    via: `prefix-list:${pl.label}${note}`,
  }));
  if (pl.unknown)
    for (const family of pl.families)
      out.push({ kind: "cidr", cidr: ANY_SOURCE[family], via: `prefix-list:${pl.label} (entries unknown at preview)` });
  return out;
}

/**
 * Sources of a rule's prefix-list references (`propName` is the input holding them). `maxPerRule` is how many lists
 * this rule can name: when the dependencies offer more (several inline rules share one dependency list), every
 * candidate is kept and the path says so.
 */
export function prefixListSources(
  m: NetworkModel,
  r: GenericResource,
  propName: string,
  value: unknown,
  maxPerRule: number,
): RuleSource[] {
  const refs = items(value);
  if (refs.length === 0) return [];
  const lists = prefixLists(m);
  const found = m.resolver.many(r, propName, refs, [AWS.managedPrefixList]);
  const ambiguous = found.urns.length > maxPerRule || (maxPerRule === Infinity && found.urns.length > 1);
  const note = ambiguous ? " (one of several lists the inline rules name)" : "";
  const out: RuleSource[] = found.urns.flatMap((urn) => {
    const pl = lists.byUrn.get(urn);
    return pl ? contents(pl, note) : [];
  });
  // Outside the stack: the list itself stays an unresolved source; only entries the stack adds to it count.
  for (const id of found.external) {
    out.push({ kind: "prefix-list", id });
    const added = lists.foreign.get(id);
    if (added) out.push(...contents(added, ""));
  }
  if (found.urns.length === 0 && found.external.length === 0) out.push({ kind: "prefix-list", id: "(unknown)" });
  return out;
}
