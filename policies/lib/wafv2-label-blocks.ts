// A managed rule overridden to count still labels the requests it matches, and a later rule that blocks requests
// carrying that label restores the block: AWS's documented way to relax one core rule on one path (e.g.
// SizeRestrictions_BODY for an upload path), which the core rules policy's remediation recommends. The blocking rule
// may narrow itself (an AND with a path it spares), as a scope-down statement may.
import { isUnknown, list, obj } from "../../lib/values";
import { AclRule } from "./wafv2-allow-ahead";
import { field, has, Priority, priorityOf } from "./wafv2-fields";
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

/** The documented label of a managed rule, compared exactly: WAF matches label keys as written. */
function labelOf(namespace: string, rule: string): string {
  const cut = rule.lastIndexOf("_");
  const component = cut < 0 ? undefined : COMPONENTS[rule.slice(cut + 1)];
  return namespace + (component ? `${rule.slice(0, cut + 1)}${component}` : rule);
}

/** Label match statements that decide the rule alone or as one member of an AND. */
function labelMatches(statement: unknown): Record<string, unknown>[] {
  const s = obj(statement);
  const direct = obj(field(s, "labelMatchStatement"));
  if (direct) return [direct];
  const members = list(field(obj(field(s, "andStatement")), "statements"));
  return members.flatMap((m) => {
    const match = obj(field(obj(m), "labelMatchStatement"));
    return match ? [match] : [];
  });
}

function matchesLabel(match: Record<string, unknown>, namespace: string, label: string): boolean {
  const scope = field(match, "scope");
  const key = field(match, "key");
  if (typeof scope !== "string" || typeof key !== "string" || isUnknown(key)) return false;
  if (scope.toUpperCase() === "LABEL") return key === label;
  return scope.toUpperCase() === "NAMESPACE" && key === namespace;
}

/** Whether a block rule running after the group's use (a higher priority number) blocks the rule's label. */
export function blockedByLabel(group: string, rule: string, rules: readonly AclRule[], after?: Priority): boolean {
  const namespace = ownValue(NAMESPACES, group);
  if (!namespace || typeof after !== "number") return false;
  const label = labelOf(namespace, rule);
  return rules.some(({ rule: r }) => {
    const o = obj(r);
    const priority = priorityOf(o);
    if (isUnknown(r) || typeof priority !== "number" || priority <= after) return false;
    const action = field(o, "action");
    if (isUnknown(action) || !has(obj(action), "block")) return false;
    return labelMatches(field(o, "statement")).some((m) => matchesLabel(m, namespace, label));
  });
}
