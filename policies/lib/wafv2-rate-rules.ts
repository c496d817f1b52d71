// Whether a WAFv2 rule limits the request rate of a client: a rateBasedStatement (only ever a rule's top statement)
// counting per client address (wafv2-rate-keys.ts) whose action blocks, or challenges, once a client passes the
// limit; or a reference to a rule group holding such a rule that neither the reference's overrideAction count nor a
// ruleActionOverrides / excludedRules entry turns into a count. A scopeDownStatement still counts, flood limits per
// path (a login, an API) are normal, unless no request matches it (wafv2-rate-scope.ts). AWS's anti-DDoS managed
// rule group, used by the rule, counts too (wafv2-anti-ddos.ts).
import { isUnknown, obj } from "../../lib/values";
import { isKnownName } from "./known-text";
import {
  allHold,
  bothWays,
  fallsShort,
  firstEffective,
  RateCeiling,
  RateVerdict,
  unknownField,
  withinCeiling,
} from "./rate-ceiling";
import { antiDdosVerdict, managedGroupOf } from "./wafv2-anti-ddos";
import { field, has, onlyKey } from "./wafv2-fields";
import { exactOverride, mayBeOverridden, overrideEntries } from "./wafv2-overrides";
import { countsPerClient } from "./wafv2-rate-keys";
import { NO_SETS, scopeDownMatchesSome, StatementSets } from "./wafv2-rate-scope";
import { groupReference, RuleGroupLookup } from "./wafv2-rule-groups";
import { stops } from "./wafv2-stopping-actions";

/** WAF's evaluation window when evaluationWindowSec is not set. */
export const DEFAULT_EVALUATION_WINDOW_SEC = 300;

const nameOf = (rule: Record<string, unknown>, fallback: string): string => {
  const n = field(rule, "name");
  return isKnownName(n) ? n : fallback;
};

/**
 * The rate-based statement: its limit and window against the ceiling, counted per client address, over a scope-down
 * that some requests match.
 */
function rateStatement(body: unknown, where: string, ceiling: RateCeiling, sets: StatementSets): RateVerdict {
  if (isUnknown(body)) return unknownField(`rateBasedStatement of ${where}`);
  const b = obj(body) ?? {};
  return allHold([
    () =>
      withinCeiling(field(b, "limit"), field(b, "evaluationWindowSec"), DEFAULT_EVALUATION_WINDOW_SEC, ceiling, {
        limit: `limit of ${where}`,
        window: `evaluationWindowSec of ${where}`,
      }),
    () => countsPerClient(b, where),
    () => scopeDownMatchesSome(b, where, sets),
  ]);
}

/** How a reference's overrides change the action of the group rule named `name`. */
function overriddenAction(ref: Record<string, unknown>, rule: Record<string, unknown>, where: string): RateVerdict {
  const entries = overrideEntries(ref);
  if (entries === "unknown") return unknownField(`ruleActionOverrides of ${where}`);
  const name = field(rule, "name");
  const exact = exactOverride(entries, name);
  if (exact) return stops(exact.action, `${where} (overridden by the reference)`);
  const own = stops(field(rule, "action"), where);
  return mayBeOverridden(entries, name) && own.proof === "yes" ? unknownField(`ruleActionOverrides of ${where}`) : own;
}

function groupRuleVerdict(
  rule: unknown,
  ref: Record<string, unknown>,
  group: string,
  ceiling: RateCeiling,
  sets: StatementSets,
): RateVerdict | undefined {
  if (isUnknown(rule)) return unknownField(`a rule of ${group}`);
  const r = obj(rule);
  const statement = field(r, "statement");
  if (isUnknown(statement)) return unknownField(`statement of a rule of ${group}`);
  if (onlyKey(statement) !== "ratebasedstatement") return undefined;
  const where = `${group} rule ${nameOf(r ?? {}, "(unnamed)")}`;
  return allHold([
    () => overriddenAction(ref, r ?? {}, where),
    () => rateStatement(field(obj(statement), "rateBasedStatement"), where, ceiling, sets),
  ]);
}

function referenceVerdict(
  rule: Record<string, unknown>,
  ref: Record<string, unknown>,
  where: string,
  groups: RuleGroupLookup,
  ceiling: RateCeiling,
): RateVerdict {
  const override = field(rule, "overrideAction");
  if (isUnknown(override)) return unknownField(`overrideAction of ${where}`);
  if (has(obj(override), "count")) return fallsShort(`${where} references a rule group with overrideAction count`);
  const readings = groups(field(ref, "arn")).map((g): RateVerdict => {
    if (g === "outside") return fallsShort(`${where} references a rule group outside the stack, which is not read`);
    if (g === "unresolved") return unknownField(`the rule group ${where} references`);
    if (g.rules === "unknown") return unknownField(`rules of the rule group ${where} references`);
    const found = g.rules.flatMap(
      (r) =>
        groupRuleVerdict(r.rule, ref, `rule group of ${where}`, ceiling, {
          lookup: r.ipSets,
          regexSets: r.regexSets,
        }) ?? [],
    );
    return found.length > 0 ? firstEffective(found) : fallsShort(`the rule group of ${where} holds no rate-based rule`);
  });
  return readings.length === 0 ? unknownField(`the rule group ${where} references`) : readings.reduce(bothWays);
}

/**
 * A rule of the WebACL (inline, from ruleJson, a WebAclRule's inputs, or the rule a WebAclRuleGroupAssociation adds):
 * undefined when it is neither rate-based, nor a rule group reference, nor the use of a managed group that may be the
 * anti-DDoS one. `sets` resolve the IP set and regex pattern set references of a scope-down.
 */
export function rateRuleVerdict(
  rule: unknown,
  source: string,
  groups: RuleGroupLookup,
  ceiling: RateCeiling,
  sets: StatementSets = NO_SETS,
): RateVerdict | undefined {
  if (isUnknown(rule)) return unknownField(source);
  const r = obj(rule);
  if (!r) return undefined;
  const where = `rule ${nameOf(r, source)}`;
  const statement = field(r, "statement");
  if (isUnknown(statement)) return unknownField(`statement of ${where}`);
  const key = onlyKey(statement);
  if (key === "ratebasedstatement")
    return allHold([
      () => stops(field(r, "action"), where),
      () => rateStatement(field(obj(statement), "rateBasedStatement"), where, ceiling, sets),
    ]);
  const ref = groupReference(statement);
  if (ref) return referenceVerdict(r, ref, where, groups, ceiling);
  const managed = managedGroupOf(statement);
  return managed && antiDdosVerdict(r, managed, where);
}
