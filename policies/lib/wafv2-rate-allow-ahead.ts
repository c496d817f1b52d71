// An allow action ends a WebACL's evaluation, so a rule that allows every request at a lower priority number than a
// rate-based rule (or the anti-DDoS group) leaves it nothing to count: the same judgement as for the core rule set.
import { isUnknown, obj } from "../../lib/values";
import { isKnownName } from "./known-text";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { AclRule, allowAheadFindings } from "./wafv2-allow-ahead";
import { field, priorityOf } from "./wafv2-fields";

/** How messages name a rule of the WebACL. */
export function ruleLabel(rule: unknown, fallback: string): string {
  const name = field(obj(rule), "name");
  return `rule ${isKnownName(name) ? name : fallback}`;
}

/** Whether every request can reach `rule`, one of `rules`: no rule ahead of it allows them all. */
export function reachedByEveryRequest(rules: readonly AclRule[], rule: unknown, fallback: string): RateVerdict {
  if (isUnknown(rule)) return yes;
  const where = ruleLabel(rule, fallback);
  const found = allowAheadFindings(where, rules, [priorityOf(obj(rule))]);
  const ahead = found.filter((f) => !f.unverifiable);
  if (ahead.length > 0) return fallsShort(ahead.map((f) => f.message).join("; "));
  return found.length > 0
    ? unknownField(`whether a rule that runs before ${where} allows every request (its priority, action or statement)`)
    : yes;
}
