// An allow action ends a WebACL's evaluation: a rule that allows every request and runs before a managed group
// (a lower priority number) leaves the group nothing to inspect. Allows scoped to some clients or paths (an office
// IP set, a health-check path) are ordinary and not reported, nor are allow rules after the group or count actions.
// A reference to a rule group holding such an allow rule is read the same way.
import { containsUnknown, isUnknown, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { allOf, Proof } from "./proof";
import { field, has, Priority, priorityOf } from "./wafv2-fields";
import { IpSetLookup, matchesEveryRequest } from "./wafv2-match-all";
import { RegexSetLookup } from "./wafv2-regex-sets";
import {
  allowsAction,
  groupAllowsEveryRequest,
  groupReference,
  NO_RULE_GROUPS,
  RuleGroupLookup,
} from "./wafv2-rule-groups";

/** A rule of the WebACL (inline, from ruleJson, or a WebAclRule's inputs) and how its IP set references resolve. */
export interface AclRule {
  rule: unknown;
  lookup: IpSetLookup;
  regexSets?: RegexSetLookup;
  ruleGroups?: RuleGroupLookup;
  /** Where the rule comes from, named when the rule itself is unknown at preview. */
  source: string;
  /** Shown when the rule has no name of its own (a WebAclRule resource). */
  fallbackName?: string;
}

/** A rule group reference passes its rules' actions on unless overrideAction counts them all. */
function passesActions(rule: Record<string, unknown>): Proof {
  const override = field(rule, "overrideAction");
  if (isUnknown(override)) return "unknown";
  if (has(obj(override), "count")) return "no";
  return containsUnknown(override) ? "unknown" : "yes";
}

/** Runs before every use of the group; equal numbers (refused by WAF) and missing ones prove nothing. */
function runsBefore(p: Priority | undefined, group: readonly (Priority | undefined)[]): Proof {
  const numbers = group.filter((q): q is number => typeof q === "number");
  if (p === undefined || (numbers.length === 0 && !group.includes("unknown"))) return "no";
  if (typeof p === "number" && numbers.some((q) => q <= p)) return "no";
  return p === "unknown" || group.includes("unknown") ? "unknown" : "yes";
}

/** Violations for allow-everything rules ahead of the group's blocking uses, else at most one note. */
export function allowAheadFindings(
  group: string,
  rules: readonly AclRule[],
  groupPriorities: readonly (Priority | undefined)[],
): Finding[] {
  const violations: Finding[] = [];
  const notes: Finding[] = [];
  const why = `whether it allows every request before ${group}`;
  const first = groupPriorities.reduce<number>((low, q) => (typeof q === "number" ? Math.min(low, q) : low), Infinity);
  for (const r of rules) {
    if (isUnknown(r.rule)) {
      const whyAny = `whether a rule allows every request before ${group}`;
      if (runsBefore("unknown", groupPriorities) !== "no") notes.push(unverifiable(r.source, whyAny));
      continue;
    }
    const rule = obj(r.rule);
    if (!rule) continue;
    const reference = groupReference(field(rule, "statement"));
    const parts: Record<string, Proof> = reference
      ? { overrideAction: passesActions(rule) }
      : { action: allowsAction(field(rule, "action")) };
    if (Object.values(parts)[0] === "no") continue;
    const priority = priorityOf(rule);
    parts.priority = runsBefore(priority, groupPriorities);
    if (parts.priority === "no") continue;
    const inGroup = reference ? groupAllowsEveryRequest(reference, r.ruleGroups ?? NO_RULE_GROUPS) : undefined;
    parts.statement = inGroup?.proof ?? matchesEveryRequest(field(rule, "statement"), r.lookup, r.regexSets);
    const through = inGroup?.rule === undefined ? "" : ` through its rule group's rule ${inGroup.rule}`;
    const verdict = allOf(Object.values(parts));
    const nameValue = field(rule, "name");
    const name = typeof nameValue === "string" && !isUnknown(nameValue) ? nameValue : (r.fallbackName ?? "(unnamed)");
    if (verdict === "yes")
      violations.push(
        violation(
          `rule ${name} (priority ${priority}) allows every request before ${group} (priority ${first})${through}`,
        ),
      );
    else if (verdict === "unknown") {
      const unknownParts = Object.keys(parts).filter((k) => parts[k] === "unknown");
      notes.push(unverifiable(`${unknownParts.join(", ")} of rule ${name}${through}`, why));
    }
  }
  return violations.length > 0 ? violations : notes.slice(0, 1);
}
