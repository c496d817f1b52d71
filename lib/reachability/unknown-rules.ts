// A rule, or a whole rule list, unknown at preview may hold any rule: it stands as accepts of every protocol and port
// from any address of both families, flagged so that what they open is a note. Unknowns never hide an opening, nor
// are they guessed open.
import { ALL_PORTS } from "../ports";
import { ANY_SOURCE, Family } from "./exposure";
import { SgRule, UnknownRule } from "./model";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

export function anyRuleStandIns(urn: string, name: string, group: string, what: UnknownRule): SgRule[] {
  return FAMILIES.map((family) => ({
    urn,
    name,
    group,
    protocol: "all",
    ports: ALL_PORTS,
    source: { kind: "cidr", cidr: ANY_SOURCE[family] },
    action: "accept",
    priority: 1,
    unknownRule: what,
  }));
}

/** A stand-in for a rule unknown at preview (one inline rule or the whole list): its sources are not the rule's own. */
export function isStandIn(rule: SgRule): boolean {
  return rule.unknownRule === "rule" || rule.unknownRule === "rules";
}
