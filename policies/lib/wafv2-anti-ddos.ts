// AWS's managed rule group AWSManagedRulesAntiDDoSRuleSet stops a layer-7 flood without a per-client limit: during a
// DDoS event its rule DDoSRequests blocks the requests it labels suspicious (SensitivityToBlock LOW, MEDIUM or HIGH
// says how many; it has no "off"), and ChallengeDDoSRequests and ChallengeAllDuringEvent send a silent browser
// challenge, but run only while ClientSideActionConfig's challenge usageOfAction is ENABLED. The group counts as flood
// protection when the rule that uses it does not count it as a whole (overrideAction count) and its overrides
// (ruleActionOverrides to count or allow, excludedRules) leave at least one of those rules stopping clients. WAF takes
// a managed rule group only as a web ACL rule's top statement, never inside a rule group.
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { allOf, anyOf, Proof } from "./proof";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { field, has, onlyKey } from "./wafv2-fields";
import { exactOverride, mayBeOverridden, OverrideEntry, overrideEntries } from "./wafv2-overrides";
import { stops } from "./wafv2-stopping-actions";

export const ANTI_DDOS_GROUP = "AWSManagedRulesAntiDDoSRuleSet";

/** The hard mitigation: blocks by default. */
const BLOCKING_RULE = "DDoSRequests";
/** The soft mitigation: challenge by default, evaluated only with usageOfAction ENABLED. */
const CHALLENGE_RULES = ["ChallengeDDoSRequests", "ChallengeAllDuringEvent"];

/** The managedRuleGroupStatement that is the rule's statement; a body unknown at preview names an unknown group. */
export function managedGroupOf(statement: unknown): Record<string, unknown> | undefined {
  if (onlyKey(statement) !== "managedrulegroupstatement") return undefined;
  const body = field(obj(statement), "managedRuleGroupStatement");
  return isUnknown(body) ? { name: body, vendorName: body } : obj(body);
}

/** Whether group rule `name`, which stops clients by default, still does once the reference's overrides apply. */
function stillStops(entries: readonly OverrideEntry[], name: string): Proof {
  const exact = exactOverride(entries, name);
  if (exact) return stops(exact.action, name).proof;
  return mayBeOverridden(entries, name) ? "unknown" : "yes";
}

const path = (v: unknown, keys: readonly string[]): unknown =>
  keys.reduce((cur, key) => (isUnknown(cur) ? cur : field(obj(cur), key)), v);

/** Whether the challenge rules run: some AWSManagedRulesAntiDDoSRuleSet config sets usageOfAction ENABLED. */
function challengesRun(group: Record<string, unknown>): Proof {
  const configs = field(group, "managedRuleGroupConfigs");
  if (isUnknown(configs)) return "unknown";
  // Inline statements take a list of configs, a WebAclRuleGroupAssociation one object.
  const readings = list(configs).map((c): Proof => {
    const usage = path(c, ["awsManagedRulesAntiDdosRuleSet", "clientSideActionConfig", "challenge", "usageOfAction"]);
    if (isUnknown(usage)) return "unknown";
    return typeof usage === "string" && usage.toUpperCase() === "ENABLED" ? "yes" : "no";
  });
  return anyOf(readings);
}

/**
 * The flood protection a rule using managed group `group` gives: undefined when the group is not the anti-DDoS one;
 * `where` names the rule in messages.
 */
export function antiDdosVerdict(
  rule: Record<string, unknown>,
  group: Record<string, unknown>,
  where: string,
): RateVerdict | undefined {
  const name = field(group, "name");
  const vendor = field(group, "vendorName");
  if (isUnknown(name) || isUnknown(vendor)) return unknownField(`the managed rule group ${where} uses`);
  if (name !== ANTI_DDOS_GROUP || vendor !== "AWS") return undefined;
  const using = `${where} (${ANTI_DDOS_GROUP})`;
  const override = field(rule, "overrideAction");
  if (isUnknown(override)) return unknownField(`overrideAction of ${where}`);
  if (has(obj(override), "count")) return fallsShort(`${using} has overrideAction count`);
  if (containsUnknown(override)) return unknownField(`overrideAction of ${where}`);
  const entries = overrideEntries(group);
  if (entries === "unknown") return unknownField(`ruleActionOverrides of ${where}`);
  const blocks = stillStops(entries, BLOCKING_RULE);
  const challengeRules = anyOf(CHALLENGE_RULES.map((r) => stillStops(entries, r)));
  const running = challengesRun(group);
  const proof = anyOf([blocks, allOf([running, challengeRules])]);
  if (proof === "yes") return yes;
  if (proof === "unknown")
    return unknownField(
      blocks === "unknown" || challengeRules === "unknown"
        ? `ruleActionOverrides of ${where}`
        : `managedRuleGroupConfigs of ${where}`,
    );
  const challengeGap =
    challengeRules === "no"
      ? `${CHALLENGE_RULES.join(" and ")} overridden too`
      : `${CHALLENGE_RULES.join(" and ")} not running (usageOfAction is not ENABLED)`;
  return fallsShort(`${using} has ${BLOCKING_RULE} overridden to count or allow and ${challengeGap}`);
}
