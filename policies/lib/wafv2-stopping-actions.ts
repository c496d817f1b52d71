// Whether a WAFv2 rule action stops a flooding client: block, or a captcha or challenge it cannot pass; count only
// labels and allow lets it through.
import { containsUnknown, isUnknown, obj } from "../../lib/values";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { has } from "./wafv2-fields";

const STOPPING_ACTIONS = ["block", "captcha", "challenge"];

/** Whether `action` stops a client; `where` names the rule in messages. */
export function stops(action: unknown, where: string): RateVerdict {
  if (isUnknown(action)) return unknownField(`action of ${where}`);
  const a = obj(action);
  if (STOPPING_ACTIONS.some((k) => has(a, k))) return yes;
  if (containsUnknown(action)) return unknownField(`action of ${where}`);
  const shown = Object.keys(a ?? {}).join(", ") || "none";
  return fallsShort(shown.toLowerCase() === "count" ? `${where} only counts` : `${where} has action ${shown}`);
}
