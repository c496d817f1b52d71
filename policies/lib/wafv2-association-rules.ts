// A WebAclRuleGroupAssociation with ruleGroupReference adds to the WebACL a rule that references a custom rule group:
// named ruleName, at its priority, with the reference's ruleActionOverrides, and overrideAction "count" counting every
// rule of the group. Read as that rule, it goes through the same allow-ahead judgement as an inline reference.
import { isUnknown, obj } from "../../lib/values";

/** The WebACL rule the association creates, or undefined when it attaches a managed group instead. */
export function associationRule(p: Record<string, unknown>): unknown {
  const reference = p.ruleGroupReference;
  if (reference === undefined || reference === null) return undefined;
  const action = p.overrideAction;
  const overrideAction = isUnknown(action)
    ? action
    : typeof action === "string" && action.toLowerCase() === "count"
      ? { count: {} }
      : { none: {} };
  // A reference unknown at preview names an unknown group.
  const body = isUnknown(reference) ? { arn: reference } : (obj(reference) ?? {});
  return {
    name: p.ruleName,
    priority: p.priority,
    overrideAction,
    statement: { ruleGroupReferenceStatement: body },
  };
}
