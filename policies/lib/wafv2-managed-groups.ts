// Managed rule group uses of a WAFv2 WebACL, from wherever its rules live: inline (provider input or raw ruleJson),
// aws.wafv2.WebAclRule or aws.wafv2.WebAclRuleGroupAssociation. Keys are read case-insensitively: ruleJson uses the
// API's PascalCase.
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { shown } from "./text-values";
import { field, has, Priority, priorityOf } from "./wafv2-fields";
import { ScopeLookups, scopeDownOf } from "./wafv2-scope-down";

export interface GroupUse {
  /** Undefined when unknown at preview. */
  name?: string;
  vendor?: string;
  /** The whole group is overridden to count: it matches but blocks nothing. */
  countsOnly: boolean;
  /** Rules of the group overridden to count or allow (or excluded, which counts). */
  weakenedRules: string[];
  /** The field that keeps the use from being judged at preview. */
  unknown?: string;
  /** Of the rule that uses the group: rules with lower numbers run before it. */
  priority?: Priority;
  /** A scopeDownStatement limits the group to chosen requests (or none), so the others pass uninspected. */
  narrowed?: boolean;
}

/** managedRuleGroupStatement objects anywhere in a statement. */
function statements(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => statements(n, out));
  const o = obj(node);
  if (!o) return out;
  for (const [key, value] of Object.entries(o)) {
    const v = obj(value);
    if (key.toLowerCase() === "managedrulegroupstatement" && v) out.push(v);
    statements(value, out);
  }
  return out;
}

function use(
  group: Record<string, unknown>,
  countsOnly: boolean,
  priority: Priority | undefined,
  actionUnknown?: string,
  refs?: ScopeLookups,
): GroupUse {
  const name = field(group, "name");
  const vendor = field(group, "vendorName");
  const overrides = field(group, "ruleActionOverrides");
  const excluded = field(group, "excludedRules");
  const weakenedRules = [
    ...list(overrides).filter((o) => {
      const action = obj(field(obj(o), "actionToUse"));
      return has(action, "count") || has(action, "allow");
    }),
    ...list(excluded),
  ].map((o) => {
    // A name that is not text (hostile input) is quoted as shown, never converted through its own toString.
    const n = field(obj(o), "name");
    return typeof n === "string" ? n : shown(n);
  });
  const scope = scopeDownOf(group, refs);
  let unknown: string | undefined;
  if (isUnknown(name) || isUnknown(vendor)) unknown = "managed group name";
  else if (actionUnknown) unknown = actionUnknown;
  else if (!countsOnly && scope === "unknown") unknown = "scopeDownStatement";
  // A group counted as a whole blocks nothing whatever its rule overrides say.
  else if (!countsOnly && (containsUnknown(overrides) || containsUnknown(excluded))) unknown = "ruleActionOverrides";
  return {
    name: typeof name === "string" && !isUnknown(name) ? name : undefined,
    vendor: typeof vendor === "string" && !isUnknown(vendor) ? vendor : undefined,
    countsOnly,
    weakenedRules,
    unknown,
    priority,
    narrowed: scope === "narrows",
  };
}

/** An unknown that may hide any group. */
export const unknownUse = (fieldName: string): GroupUse => ({
  countsOnly: false,
  weakenedRules: [],
  unknown: fieldName,
});

/** A rule object: inline, from ruleJson, or the inputs of an aws.wafv2.WebAclRule; refs resolve its IP sets. */
export function usesInRule(rule: unknown, refs?: ScopeLookups): GroupUse[] {
  if (isUnknown(rule)) return [unknownUse("rules[]")];
  const r = obj(rule) ?? {};
  const statement = field(r, "statement");
  const found = statements(statement);
  if (found.length === 0) return containsUnknown(statement) ? [unknownUse("rules[].statement")] : [];
  const override = field(r, "overrideAction");
  const priority = priorityOf(r);
  if (isUnknown(override)) return found.map((s) => use(s, false, priority, "overrideAction", refs));
  return found.map((s) => use(s, has(obj(override), "count"), priority, undefined, refs));
}

/** aws.wafv2.WebAclRuleGroupAssociation: managedRuleGroup plus an overrideAction string ("none" or "count"). */
export function usesInAssociation(p: Record<string, unknown>): GroupUse[] {
  if (isUnknown(p.managedRuleGroup)) return [unknownUse("managedRuleGroup")];
  const group = obj(p.managedRuleGroup);
  if (!group) return [];
  const action = p.overrideAction;
  const priority = priorityOf(p);
  if (isUnknown(action)) return [use(group, false, priority, "overrideAction")];
  return [use(group, typeof action === "string" && action.toLowerCase() === "count", priority)];
}

/** Raw API rules in WebAcl.ruleJson. */
export function parseRuleJson(v: unknown): unknown[] | "unknown" | "invalid" {
  if (v === undefined || v === null || v === "") return [];
  if (isUnknown(v)) return "unknown";
  try {
    const parsed = JSON.parse(String(v));
    return Array.isArray(parsed) ? parsed : "invalid";
  } catch {
    return "invalid";
  }
}
