// A managed rule group's scopeDownStatement: the group inspects only the requests it matches. Sparing some requests
// (a notStatement around an upload path or an office IP set) is the documented way to narrow a false positive; a
// positive statement (a header, a host, one path) leaves every other request uninspected, and a notStatement around
// something every request matches leaves the group nothing at all.
import { isUnknown, list } from "../../lib/values";
import { field, onlyKey } from "./wafv2-fields";
import { IpSetLookup, matchesEveryRequest } from "./wafv2-match-all";
import { NO_REGEX_SETS, RegexSetLookup } from "./wafv2-regex-sets";

/** "spares": the group still sees every request but the ones excluded; "narrows": it sees only a chosen few. */
export type ScopeDown = "spares" | "narrows" | "unknown";

export interface ScopeLookups {
  lookup: IpSetLookup;
  regexSets?: RegexSetLookup;
}

const NO_IP_SETS: ScopeLookups = { lookup: () => [] };

const MAX_DEPTH = 32;

function judge(statement: unknown, refs: ScopeLookups, depth: number): ScopeDown {
  if (depth > MAX_DEPTH) return "narrows";
  if (isUnknown(statement)) return "unknown";
  const everything = matchesEveryRequest(statement, refs.lookup, refs.regexSets ?? NO_REGEX_SETS);
  if (everything === "yes") return "spares";
  const key = onlyKey(statement);
  const body = key === undefined ? undefined : (field(statement as Record<string, unknown>, key) as unknown);
  if (key === "notstatement") {
    const inner = field(body as Record<string, unknown> | undefined, "statement");
    if (isUnknown(inner) || isUnknown(body)) return "unknown";
    // NOT(x) spares the requests x matches, unless x is every request: then the group sees none.
    const innerAll = matchesEveryRequest(inner, refs.lookup, refs.regexSets ?? NO_REGEX_SETS);
    if (innerAll === "yes") return "narrows";
    return innerAll === "unknown" ? "unknown" : "spares";
  }
  if (key === "andstatement" || key === "orstatement") {
    const members = field(body as Record<string, unknown> | undefined, "statements");
    if (isUnknown(body) || isUnknown(members)) return "unknown";
    const parts = list(members).map((m) => judge(m, refs, depth + 1));
    if (parts.length === 0) return "narrows";
    // AND sees what every part sees; OR sees what any part sees.
    const decisive = key === "andstatement" ? "narrows" : "spares";
    if (parts.includes(decisive)) return decisive;
    return parts.includes("unknown") ? "unknown" : key === "andstatement" ? "spares" : "narrows";
  }
  // Unknown references resolved at preview (an IP set's ARN) are already read through the lookups.
  return everything === "unknown" ? "unknown" : "narrows";
}

/** How a managed group's scope-down statement limits it; undefined when it has none. */
export function scopeDownOf(group: Record<string, unknown>, refs: ScopeLookups = NO_IP_SETS): ScopeDown | undefined {
  const scope = field(group, "scopeDownStatement");
  if (scope === undefined || scope === null) return undefined;
  return judge(scope, refs, 0);
}
