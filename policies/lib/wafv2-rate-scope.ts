// A rate-based statement's scopeDownStatement narrows what it counts; flood limits per path (a login, an API) are
// normal. One that no request can match (a NOT around a statement every request matches, a path that does not
// start with "/", an AND holding either) leaves the rule nothing to count, so it limits nothing. A statement
// matches no request exactly when its NOT matches every request, which wafv2-match-all.ts decides.
import { isUnknown } from "../../lib/values";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { field } from "./wafv2-fields";
import { IpSetLookup, matchesEveryRequest } from "./wafv2-match-all";
import { NOT_PROVEN } from "./wafv2-ip-sets";
import { NO_REGEX_SETS, RegexSetLookup } from "./wafv2-regex-sets";

/** How the IP set and regex pattern set references inside a rule resolve. */
export interface StatementSets {
  lookup: IpSetLookup;
  regexSets?: RegexSetLookup;
}

/** References that cannot be resolved prove nothing either way. */
export const NO_SETS: StatementSets = { lookup: () => [NOT_PROVEN], regexSets: NO_REGEX_SETS };

/** Whether the scope-down of the rate-based statement `body` lets some requests be counted. */
export function scopeDownMatchesSome(body: Record<string, unknown>, where: string, sets: StatementSets): RateVerdict {
  const scopeDown = field(body, "scopeDownStatement");
  if (scopeDown === undefined || scopeDown === null) return yes;
  if (isUnknown(scopeDown)) return unknownField(`scopeDownStatement of ${where}`);
  const none = matchesEveryRequest({ notStatement: { statement: scopeDown } }, sets.lookup, sets.regexSets);
  if (none === "yes") return fallsShort(`the scopeDownStatement of ${where} matches no request, so it counts nothing`);
  return none === "unknown" ? unknownField(`scopeDownStatement of ${where}`) : yes;
}
