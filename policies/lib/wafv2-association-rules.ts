// A WebAclRuleGroupAssociation adds to the WebACL a rule named ruleName, at its priority, with overrideAction "count"
// counting every rule of the group. With ruleGroupReference the rule references a custom rule group (with the
// reference's ruleActionOverrides) and goes through the same allow-ahead judgement as an inline reference; with
// managedRuleGroup it uses a managed rule group, read where a managed group can stop a flood.
import { isUnknown, obj } from "../../lib/values";

/** The association's overrideAction string as a rule's overrideAction block. */
function overrideActionOf(action: unknown): unknown {
  if (isUnknown(action)) return action;
  return typeof action === "string" && action.toLowerCase() === "count" ? { count: {} } : { none: {} };
}

/** The WebACL rule the association creates, or undefined when it attaches a managed group instead. */
export function associationRule(p: Record<string, unknown>): unknown {
  const reference = p.ruleGroupReference;
  if (reference === undefined || reference === null) return undefined;
  // A reference unknown at preview names an unknown group.
  const body = isUnknown(reference) ? { arn: reference } : (obj(reference) ?? {});
  return {
    name: p.ruleName,
    priority: p.priority,
    overrideAction: overrideActionOf(p.overrideAction),
    statement: { ruleGroupReferenceStatement: body },
  };
}

/** The WebACL rule an association with managedRuleGroup creates, or undefined when it references a custom group. */
export function managedAssociationRule(p: Record<string, unknown>): unknown {
  const group = p.managedRuleGroup;
  if (group === undefined || group === null) return undefined;
  return {
    name: p.ruleName,
    priority: p.priority,
    overrideAction: overrideActionOf(p.overrideAction),
    statement: { managedRuleGroupStatement: group },
  };
}
