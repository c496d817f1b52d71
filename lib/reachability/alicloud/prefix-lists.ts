// Alibaba Cloud prefix lists: what a security-group rule naming one in `prefixListId` admits or drops. ECS prefix
// lists hold their entries inline (the provider has no separate entry resource), as do VPC prefix lists, which
// security-group rules may reference too. A list outside the stack opens nothing to the internet.
import { NetworkModel, RuleSource, SgRule } from "../model";
import { PrefixList, addEntries, catalogPerModel, emptyList, namedListSources } from "../prefix-lists";
import { GenericResource, isUnknown, unwrap } from "../resource";
import { ALI } from "./tokens";

const LIST_KINDS = [
  { type: ALI.ecsPrefixList, family: "addressFamily", entries: "entries" },
  { type: ALI.vpcPrefixList, family: "ipVersion", entries: "entrys" },
];

const catalog = catalogPerModel((m) => {
  const byUrn = new Map<string, PrefixList>();
  for (const kind of LIST_KINDS)
    for (const r of m.resolver.ofType(kind.type)) {
      const pl = emptyList(r.name, r.inputs[kind.family]);
      addEntries(pl, r.inputs[kind.entries]);
      byUrn.set(r.urn, pl);
    }
  return {
    types: LIST_KINDS.map((k) => k.type),
    byUrn,
    foreign: new Map(),
    // Only an SDK that sends no property dependencies leaves a rule's list among several.
    ambiguityNote: " (one of several lists the rule depends on)",
  };
});

/** Sources that take precedence: the provider ignores `prefixListId` when the rule names one of them. */
const OTHER_SOURCES = ["cidrIp", "ipv6CidrIp", "sourceSecurityGroupId"];

/**
 * Does another source make the provider ignore the list? One unknown at preview may still turn out empty: an accept
 * then keeps the list (never hide an opening), a drop does not (never close on a guess).
 */
function listIgnored(r: GenericResource, action: SgRule["action"]): boolean {
  return OTHER_SOURCES.some((key) => {
    const v = unwrap(r.inputs[key]);
    if (v === undefined || v === null || v === "") return false;
    return action === "drop" || !isUnknown(v);
  });
}

/** Sources a rule's `prefixListId` adds: the entries of a list in the stack, else the unresolved list. */
export function alicloudPrefixListSources(m: NetworkModel, r: GenericResource, action: SgRule["action"]): RuleSource[] {
  if (listIgnored(r, action)) return [];
  return namedListSources(m, r, "prefixListId", r.inputs.prefixListId, 1, catalog(m), action);
}
