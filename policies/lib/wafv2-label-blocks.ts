// A managed rule overridden to count still labels the requests it matches, and a later rule that blocks requests
// carrying that label restores the block: AWS's documented way to relax one core rule on one path (e.g.
// SizeRestrictions_BODY for an upload path), which the core rules policy's remediation recommends. The blocking rule
// may narrow itself (an AND with a path it spares), as a scope-down statement may, or block more (an OR with the label
// among its members). It must run: an allow-everything rule between the group and it ends evaluation first.
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { AclRule, allowsEveryRequestBetween } from "./wafv2-allow-ahead";
import { field, has, onlyKey, Priority, priorityOf } from "./wafv2-fields";
import { NO_LIMITS, RequestLimits } from "./wafv2-front-end-limits";
import { ScopeLookups, scopeOfStatement } from "./wafv2-scope-down";
import { allOf, anyOf, Proof } from "./proof";
import { ownValue } from "../../lib/own-value";

/** Label namespaces of the AWS managed groups whose labels are documented. */
const NAMESPACES: Record<string, string> = {
  AWSManagedRulesCommonRuleSet: "awswaf:managed:aws:core-rule-set:",
  AWSManagedRulesKnownBadInputsRuleSet: "awswaf:managed:aws:known-bad-inputs:",
  AWSManagedRulesSQLiRuleSet: "awswaf:managed:aws:sql-database:",
};

/** Rule names end in an upper-case request component; the labels spell it as documented (SizeRestrictions_Body). */
const COMPONENTS: Record<string, string> = {
  BODY: "Body",
  COOKIE: "Cookie",
  HEADER: "Header",
  QUERYARGUMENTS: "QueryArguments",
  QUERYSTRING: "QueryString",
  URIPATH: "URIPath",
};

/** Rules whose documented label is not the rule name with its component respelled. */
const LABEL_NAMES: Record<string, string> = { UserAgent_BadBots_HEADER: "BadBots_Header" };

/** The documented label of a managed rule, compared exactly: WAF matches label keys as written. */
function labelOf(namespace: string, rule: string): string {
  const named = ownValue(LABEL_NAMES, rule);
  if (named) return namespace + named;
  const cut = rule.lastIndexOf("_");
  const component = cut < 0 ? undefined : ownValue(COMPONENTS, rule.slice(cut + 1));
  return namespace + (component ? `${rule.slice(0, cut + 1)}${component}` : rule);
}

const MAX_DEPTH = 32;

function matchesLabel(match: Record<string, unknown>, namespace: string, label: string): boolean {
  const scope = field(match, "scope");
  const key = field(match, "key");
  if (typeof scope !== "string" || typeof key !== "string" || isUnknown(key)) return false;
  if (scope.toUpperCase() === "LABEL") return key === label;
  return scope.toUpperCase() === "NAMESPACE" && key === namespace;
}

/** Everything a block rule needs to judge its statement: the label sought and how the rule's references resolve. */
interface Seeking {
  namespace: string;
  label: string;
  refs: ScopeLookups;
}

/**
 * Whether the statement matches every request carrying the label (it may match more): the label match itself, an OR
 * with such a member, NOT(NOT(...)) around one, or an AND with such a member whose other members only spare requests
 * (a NOT around a path); an AND with a positive member (a path, a header) blocks the label on a sliver only.
 */
function coversLabel(statement: unknown, seeking: Seeking, depth: number): Proof {
  if (depth > MAX_DEPTH) return "no";
  if (isUnknown(statement)) return "unknown";
  const key = onlyKey(statement);
  const body = key === undefined ? undefined : field(obj(statement), key);
  if (key === undefined) return containsUnknown(statement) ? "unknown" : "no";
  if (isUnknown(body)) return "unknown";
  if (key === "labelmatchstatement") {
    const match = obj(body);
    return match && matchesLabel(match, seeking.namespace, seeking.label) ? "yes" : "no";
  }
  if (key === "notstatement") {
    const inner = field(obj(body), "statement");
    if (isUnknown(inner)) return "unknown";
    if (onlyKey(inner) !== "notstatement") return "no";
    const twice = field(obj(inner), "notStatement");
    return isUnknown(twice) ? "unknown" : coversLabel(field(obj(twice), "statement"), seeking, depth + 2);
  }
  if (key !== "orstatement" && key !== "andstatement") return "no";
  const statements = field(obj(body), "statements");
  if (isUnknown(statements)) return "unknown";
  const members = list(statements);
  const covering = members.map((m) => coversLabel(m, seeking, depth + 1));
  if (key === "orstatement") return anyOf(covering);
  // AND: one member covers the label and every other one only spares.
  const spares = members.map((m): Proof => {
    const scope = scopeOfStatement(m, seeking.refs);
    return scope === "spares" ? "yes" : scope === "unknown" ? "unknown" : "no";
  });
  return anyOf(covering.map((c, i) => allOf([c, ...spares.filter((_, j) => j !== i)])));
}

/** Whether an action blocks; "unknown" when it may. */
function blocks(action: unknown): Proof {
  if (isUnknown(action)) return "unknown";
  if (has(obj(action), "block")) return "yes";
  return containsUnknown(action) ? "unknown" : "no";
}

const not = (p: Proof): Proof => (p === "yes" ? "no" : p === "no" ? "yes" : "unknown");

/**
 * Whether a block rule running after the group's use (a higher priority number) blocks every request carrying the
 * rule's label, with no allow-everything rule between them that would end evaluation before it.
 */
export function labelBlockProof(
  group: string,
  rule: string,
  rules: readonly AclRule[],
  after?: Priority,
  limits: RequestLimits = NO_LIMITS,
): Proof {
  const namespace = ownValue(NAMESPACES, group);
  if (!namespace || typeof after !== "number") return "no";
  const label = labelOf(namespace, rule);
  return anyOf(
    rules.map((r) => {
      const o = obj(r.rule);
      const priority = priorityOf(o);
      if (isUnknown(r.rule) || typeof priority !== "number" || priority <= after) return "no";
      const seeking = { namespace, label, refs: { lookup: r.lookup, regexSets: r.regexSets, limits } };
      const reblocks = allOf([blocks(field(o, "action")), coversLabel(field(o, "statement"), seeking, 0)]);
      if (reblocks === "no") return "no";
      return allOf([reblocks, not(allowsEveryRequestBetween(rules, after, priority, limits))]);
    }),
  );
}

/** Whether a block rule running after the group's use (a higher priority number) blocks the rule's label. */
export function blockedByLabel(group: string, rule: string, rules: readonly AclRule[], after?: Priority): boolean {
  return labelBlockProof(group, rule, rules, after) === "yes";
}
