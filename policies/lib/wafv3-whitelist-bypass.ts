// A WAF 3.0 whitelist rule that skips core web protection for every request leaves the core rules nothing to
// inspect on the objects its template applies to. config.bypassTags names the skipped modules (provider and API
// docs): "waf" is every module and "regular" the core (basic) protection rules, each a full skip. "regular_rule" and
// "regular_type" skip only the rule IDs (bypassRegularRules) or attack types (bypassRegularTypes) listed: that is
// false-positive tuning, not a bypass, and is not reported however many are listed. A disabled rule or template, a
// rule limited to time windows or to a canary share of traffic, and scoped conditions bypass less than everything.
import { isUnknown, obj } from "../../lib/values";
import { Proof } from "./proof";
import { judgeParts, NamedPart, PartsVerdict } from "./proof-parts";
import { conditionsMatchEveryRequest } from "./wafv3-conditions";
import { alwaysInEffect, ruleEnabled } from "./wafv3-rule-state";

export const FULL_CORE_BYPASS_TAGS: readonly string[] = ["waf", "regular"];

/** The first full-bypass tag, "unknown" when an unknown tag may be one, "no" otherwise. */
function fullBypassTag(tags: unknown): string | "unknown" | "no" {
  if (isUnknown(tags)) return "unknown";
  if (!Array.isArray(tags)) return "no";
  const tag = tags.find((t): t is string => typeof t === "string" && FULL_CORE_BYPASS_TAGS.includes(t));
  if (tag) return tag;
  return tags.some(isUnknown) ? "unknown" : "no";
}

export interface BypassVerdict extends PartsVerdict {
  /** The bypassTags value that skips core protection, when proven. */
  tag?: string;
}

export function whitelistBypass(inputs: Record<string, unknown>, templateEnabled: Proof): BypassVerdict {
  const scene = inputs.defenseScene;
  const config = inputs.config;
  const fields = obj(config) ?? {};
  const tag = fullBypassTag(fields.bypassTags);
  // An unknown config may hold anything: one part then, not a note per field it would have.
  const configParts: NamedPart[] = isUnknown(config)
    ? [["config", () => "unknown"]]
    : [
        ["config.bypassTags", () => (tag === "unknown" || tag === "no" ? tag : "yes")],
        ["config.conditions", () => conditionsMatchEveryRequest(fields.conditions)],
        ["config.timeConfig / grayStatus", () => alwaysInEffect(fields)],
      ];
  const verdict = judgeParts([
    ["defenseScene", () => (isUnknown(scene) ? "unknown" : scene === "whitelist" ? "yes" : "no")],
    ["ruleStatus", () => ruleEnabled(inputs)],
    ...configParts,
    ["template status", () => templateEnabled],
  ]);
  return tag === "unknown" || tag === "no" ? verdict : { ...verdict, tag };
}
