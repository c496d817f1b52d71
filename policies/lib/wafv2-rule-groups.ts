// A ruleGroupReferenceStatement runs the group's rules in place: an Allow among them ends the WebACL's evaluation
// like a top-level allow, unless the reference overrides that rule's action (ruleActionOverrides, or excludedRules,
// which count). So the reference allows every request when one of the group's allow rules matches every request;
// an earlier block rule of the group only blocks some requests first, and the rest still skip what follows. A group
// outside the stack may hold such a rule: the plan does not show its rules, so that is a note, never a pass.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { allOf, either, Proof } from "./proof";
import { field, has, onlyKey } from "./wafv2-fields";
import { ipSetLookup } from "./wafv2-ip-sets";
import { parseRuleJson } from "./wafv2-managed-groups";
import { NO_LIMITS, RequestLimits } from "./wafv2-front-end-limits";
import { IpSetLookup, matchesEveryRequest } from "./wafv2-match-all";
import { exactOverride, overrideEntries } from "./wafv2-overrides";
import { RegexSetLookup, regexSetLookup } from "./wafv2-regex-sets";
import { referenceLookup } from "./wafv2-references";

export const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";

/** A rule of the group and how its own references resolve. */
interface GroupRule {
  rule: unknown;
  ipSets: IpSetLookup;
  regexSets: RegexSetLookup;
}

type RuleGroup = { rules: GroupRule[] | "unknown" } | "outside" | "unresolved";

/** Every rule group the arn may name. */
export type RuleGroupLookup = (arn: unknown) => RuleGroup[];

export const NO_RULE_GROUPS: RuleGroupLookup = () => ["outside"];

/** Whether an action allows; "unknown" when it may. */
export function allowsAction(action: unknown): Proof {
  if (isUnknown(action)) return "unknown";
  if (has(obj(action), "allow")) return "yes";
  return containsUnknown(action) ? "unknown" : "no";
}

function rulesOf(res: Resolver, g: GenericResource): GroupRule[] | "unknown" {
  const json = parseRuleJson(g.inputs.rulesJson);
  if (isUnknown(g.inputs.rules) || json === "unknown") return "unknown";
  const at = (key: string) => (rule: unknown) => ({
    rule,
    ipSets: ipSetLookup(res, g, key),
    regexSets: regexSetLookup(res, g, key),
  });
  return [...list(g.inputs.rules).map(at("rules")), ...(json === "invalid" ? [] : json).map(at("rulesJson"))];
}

export function ruleGroupLookup(res: Resolver, from: GenericResource, key: string): RuleGroupLookup {
  return referenceLookup<RuleGroup>(res, from, key, RULE_GROUP, {
    read: (g) => ({ rules: rulesOf(res, g) }),
    outside: "outside",
    unresolved: "unresolved",
  });
}

/** The body of a rule's ruleGroupReferenceStatement, if that is its statement. */
export function groupReference(statement: unknown): Record<string, unknown> | undefined {
  if (onlyKey(statement) !== "rulegroupreferencestatement") return undefined;
  const body = field(obj(statement), "ruleGroupReferenceStatement");
  // A body unknown at preview names an unknown group.
  return isUnknown(body) ? { arn: body } : obj(body);
}

/** The rule's action once the reference's overrides apply; an override naming an unknown rule may apply too. */
function allowsAfterOverrides(rule: Record<string, unknown>, ref: Record<string, unknown>): Proof {
  const entries = overrideEntries(ref);
  if (entries === "unknown") return "unknown";
  const name = field(rule, "name");
  const exact = exactOverride(entries, name);
  if (exact) return allowsAction(exact.action);
  const nameKnown = typeof name === "string" && !isUnknown(name);
  const maybe = entries.filter((e) => !nameKnown || isUnknown(e.name)).map((e) => allowsAction(e.action));
  return [allowsAction(field(rule, "action")), ...maybe].reduce(either);
}

/** Whether the group allows every request, naming the group rule that does (or may). */
export interface GroupAllow {
  proof: Proof;
  rule?: string;
  /** The group is outside the stack: its rules are not in the plan. */
  outside?: boolean;
}

function inGroup(group: RuleGroup, ref: Record<string, unknown>, limits: RequestLimits): GroupAllow {
  if (group === "outside") return { proof: "unknown", outside: true };
  if (group === "unresolved" || group.rules === "unknown") return { proof: "unknown" };
  let maybe: GroupAllow | undefined;
  for (const r of group.rules) {
    const rule = obj(r.rule);
    if (!rule) {
      if (isUnknown(r.rule)) maybe ??= { proof: "unknown" };
      continue;
    }
    const action = allowsAfterOverrides(rule, ref);
    if (action === "no") continue;
    const proof = allOf([action, matchesEveryRequest(field(rule, "statement"), r.ipSets, r.regexSets, limits)]);
    const nameValue = field(rule, "name");
    const name = typeof nameValue === "string" && !isUnknown(nameValue) ? nameValue : "(unnamed)";
    if (proof === "yes") return { proof, rule: name };
    if (proof === "unknown") maybe ??= { proof, rule: name };
  }
  return maybe ?? { proof: "no" };
}

/** Over every group the reference may name: only an answer they all agree on stands. */
export function groupAllowsEveryRequest(
  ref: Record<string, unknown>,
  groups: RuleGroupLookup,
  limits: RequestLimits = NO_LIMITS,
): GroupAllow {
  const results = groups(field(ref, "arn")).map((g) => inGroup(g, ref, limits));
  if (results.length === 0) return { proof: "no" };
  const proof = results.map((r) => r.proof).reduce(either);
  const found = results.find((r) => r.proof === proof);
  return { proof, rule: found?.rule, outside: found?.outside };
}
