// A managed rule group's scopeDownStatement: the group inspects only the requests it matches. Sparing some requests
// (a notStatement around an upload path or an office IP set) is the documented way to narrow a false positive; a
// positive statement (a header, a host, one path) leaves every other request uninspected, and a notStatement around
// something every request matches leaves the group nothing at all. A notStatement around a whole class of requests
// narrows too: NOT(method POST) or NOT(body size > 0) leaves every request body uninspected, which is where the
// injection payloads of POST forms and APIs travel; only a NOT around a narrow match (a path, an IP set) spares.
import { isUnknown, list, obj } from "../../lib/values";
import { field, onlyKey } from "./wafv2-fields";
import { RequestLimits } from "./wafv2-front-end-limits";
import { IpSetLookup, matchesEveryRequest } from "./wafv2-match-all";
import { NO_REGEX_SETS, RegexSetLookup } from "./wafv2-regex-sets";

/** "spares": the group still sees every request but the ones excluded; "narrows": it sees only a chosen few. */
export type ScopeDown = "spares" | "narrows" | "unknown";

export interface ScopeLookups {
  lookup: IpSetLookup;
  regexSets?: RegexSetLookup;
  limits?: RequestLimits;
}

const NO_IP_SETS: ScopeLookups = { lookup: () => [] };

const MAX_DEPTH = 32;

const MATCH_STATEMENTS = ["bytematchstatement", "regexmatchstatement", "regexpatternsetreferencestatement"];

/** A match on the method, or on the body's presence or size: what it matches is a class of requests, not a few. */
function matchesAClass(statement: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const key = onlyKey(statement);
  const body = key === undefined ? undefined : obj(field(obj(statement), key));
  if (!body) return false;
  const inspected = onlyKey(field(body, "fieldToMatch"));
  if (key === "sizeconstraintstatement") return inspected === "body" || inspected === "jsonbody";
  if (key !== undefined && MATCH_STATEMENTS.includes(key)) return inspected === "method";
  const members = list(field(body, "statements"));
  // NOT(a OR b) excludes what a excludes; NOT(a AND b) only what both share.
  if (key === "orstatement") return members.some((m) => matchesAClass(m, depth + 1));
  if (key === "andstatement") return members.length > 0 && members.every((m) => matchesAClass(m, depth + 1));
  return false;
}

function judge(statement: unknown, refs: ScopeLookups, depth: number): ScopeDown {
  if (depth > MAX_DEPTH) return "narrows";
  if (isUnknown(statement)) return "unknown";
  const everything = matchesEveryRequest(statement, refs.lookup, refs.regexSets ?? NO_REGEX_SETS, refs.limits);
  if (everything === "yes") return "spares";
  const key = onlyKey(statement);
  const body = key === undefined ? undefined : (field(statement as Record<string, unknown>, key) as unknown);
  if (key === "notstatement") {
    const inner = field(body as Record<string, unknown> | undefined, "statement");
    if (isUnknown(inner) || isUnknown(body)) return "unknown";
    // NOT(NOT(x)) sees what x sees.
    if (onlyKey(inner) === "notstatement") {
      const twice = field(obj(inner), "notStatement");
      return isUnknown(twice) ? "unknown" : judge(field(obj(twice), "statement"), refs, depth + 2);
    }
    if (matchesAClass(inner, depth)) return "narrows";
    // NOT(x) spares the requests x matches, unless x is every request: then the group sees none.
    const innerAll = matchesEveryRequest(inner, refs.lookup, refs.regexSets ?? NO_REGEX_SETS, refs.limits);
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

/** What a group limited by `statement` sees; also how a block rule's extra AND members limit what it blocks. */
export const scopeOfStatement = (statement: unknown, refs: ScopeLookups = NO_IP_SETS): ScopeDown =>
  judge(statement, refs, 0);

/** How a managed group's scope-down statement limits it; undefined when it has none. */
export function scopeDownOf(group: Record<string, unknown>, refs: ScopeLookups = NO_IP_SETS): ScopeDown | undefined {
  const scope = field(group, "scopeDownStatement");
  if (scope === undefined || scope === null) return undefined;
  return judge(scope, refs, 0);
}
