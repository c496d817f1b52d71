// AWS managed prefix lists: what a security-group rule naming a list admits. A list in the stack holds its inline
// `entries` plus the separate `ec2.ManagedPrefixListEntry` resources pointing at it; a list outside the stack
// (AWS-managed, or another account's) admits only the entries the stack adds to it by id — never the internet.
// Entries unknown at preview count as any address of the list's family: unknowns never hide an opening.
import { NetworkModel, RuleSource } from "../model";
import { PrefixList, addCidr, addEntries, catalogPerModel, emptyList, namedListSources } from "../prefix-lists";
import { GenericResource, str } from "../resource";
import { AWS } from "./tokens";

const catalog = catalogPerModel((m) => {
  const res = m.resolver;
  const byUrn = new Map<string, PrefixList>();
  const foreign = new Map<string, PrefixList>();
  for (const r of res.ofType(AWS.managedPrefixList)) {
    const pl = emptyList(r.name, r.inputs.addressFamily);
    addEntries(pl, r.inputs.entries);
    byUrn.set(r.urn, pl);
  }
  for (const r of res.ofType(AWS.managedPrefixListEntry)) {
    const urn = res.one(r, "prefixListId", r.inputs.prefixListId, [AWS.managedPrefixList]);
    const id = str(r.inputs.prefixListId);
    let pl = urn ? byUrn.get(urn) : undefined;
    if (!pl && id) {
      pl = foreign.get(id) ?? emptyList(id, undefined);
      foreign.set(id, pl);
    }
    if (pl) addCidr(pl, r.inputs.cidr);
  }
  return {
    types: [AWS.managedPrefixList],
    byUrn,
    foreign,
    // Property dependencies are per top-level input: inline rules naming unknown lists share one dependency list.
    ambiguityNote: " (one of several lists the inline rules name)",
  };
});

/** Sources of a rule's prefix-list references (`propName` holds them; `maxPerRule`: see `namedListSources`). */
export function prefixListSources(
  m: NetworkModel,
  r: GenericResource,
  propName: string,
  value: unknown,
  maxPerRule: number,
): RuleSource[] {
  return namedListSources(m, r, propName, value, maxPerRule, catalog(m));
}
