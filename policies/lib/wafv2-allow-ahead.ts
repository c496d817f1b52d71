// An allow action ends a WebACL's evaluation: a rule that allows every request and runs before a managed group
// (a lower priority number) leaves the group nothing to inspect. Allows scoped to some clients or paths (an office
// IP set, a health-check path) are ordinary and not reported, nor are allow rules after the group or count actions.
// A reference to a rule group holding such an allow rule is read the same way, and so is one to a group outside the
// stack, which may hold one (a note). An allow-everything rule between a managed group and a later block rule keeps
// that block rule from running too (see wafv2-label-blocks).
import { containsUnknown, isUnknown, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { allOf, anyOf, Proof } from "./proof";
import { field, has, Priority, priorityOf } from "./wafv2-fields";
import { NO_LIMITS, RequestLimits } from "./wafv2-front-end-limits";
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

/** What one rule proves about allowing every request before the given priorities, and how messages name it. */
interface AllowReading {
  verdict: Proof;
  name: string;
  priority: Priority | undefined;
  through: string;
  unknownParts: string[];
}

function readAllow(
  r: AclRule,
  before: readonly (Priority | undefined)[],
  limits: RequestLimits,
): AllowReading | undefined {
  const rule = obj(r.rule);
  if (!rule) return undefined;
  const reference = groupReference(field(rule, "statement"));
  const parts: Record<string, Proof> = reference
    ? { overrideAction: passesActions(rule) }
    : { action: allowsAction(field(rule, "action")) };
  if (Object.values(parts)[0] === "no") return undefined;
  const priority = priorityOf(rule);
  parts.priority = runsBefore(priority, before);
  if (parts.priority === "no") return undefined;
  const inGroup = reference ? groupAllowsEveryRequest(reference, r.ruleGroups ?? NO_RULE_GROUPS, limits) : undefined;
  parts.statement = inGroup?.proof ?? matchesEveryRequest(field(rule, "statement"), r.lookup, r.regexSets, limits);
  const through = inGroup?.outside
    ? " through its rule group outside the stack, whose rules the plan does not show"
    : inGroup?.rule === undefined
      ? ""
      : ` through its rule group's rule ${inGroup.rule}`;
  const nameValue = field(rule, "name");
  const name = typeof nameValue === "string" && !isUnknown(nameValue) ? nameValue : (r.fallbackName ?? "(unnamed)");
  const unknownParts = Object.keys(parts).filter((k) => parts[k] === "unknown");
  return { verdict: allOf(Object.values(parts)), name, priority, through, unknownParts };
}

/**
 * Violations for allow-everything rules ahead of the group's blocking uses, else at most one note. `limits` bound
 * the requests the web ACL can see (its scope's front end).
 */
export function allowAheadFindings(
  group: string,
  rules: readonly AclRule[],
  groupPriorities: readonly (Priority | undefined)[],
  limits: RequestLimits = NO_LIMITS,
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
    const read = readAllow(r, groupPriorities, limits);
    if (read?.verdict === "yes")
      violations.push(
        violation(
          `rule ${read.name} (priority ${read.priority}) allows every request before ${group} (priority ${first})${read.through}`,
        ),
      );
    else if (read?.verdict === "unknown")
      notes.push(unverifiable(`${read.unknownParts.join(", ")} of rule ${read.name}${read.through}`, why));
  }
  return violations.length > 0 ? violations : notes.slice(0, 1);
}

/**
 * Whether a rule running after priority `after` and before priority `before` allows every request, so that `before`
 * never runs: "unknown" when a rule may (a value unknown at preview, a rule group outside the stack).
 */
export function allowsEveryRequestBetween(
  rules: readonly AclRule[],
  after: number,
  before: number,
  limits: RequestLimits = NO_LIMITS,
): Proof {
  const proofs = rules.map((r): Proof => {
    // A rule unknown at preview may sit anywhere and allow anything.
    if (isUnknown(r.rule)) return "unknown";
    const priority = priorityOf(obj(r.rule));
    if (typeof priority === "number" && priority <= after) return "no";
    return readAllow(r, [before], limits)?.verdict ?? "no";
  });
  return anyOf(proofs);
}
