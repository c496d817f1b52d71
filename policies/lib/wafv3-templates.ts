// The protection template a WAF 3.0 defense rule belongs to: its templateId names the stack's DefenseTemplate by
// defenseTemplateId once known, or through the property dependency at preview (a new template's id is unknown).
// A disabled template (status other than "1") applies none of its rules.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";
import { Proof } from "./proof";
import { DEFENSE_TEMPLATE } from "./wafv3-types";

export interface RuleTemplate {
  /** Shown in findings: the template's name, or the templateId when the template is not in the stack. */
  name: string;
  enabled: Proof;
}

const knownText = (v: unknown): string | undefined =>
  (typeof v === "string" || typeof v === "number") && !isUnknown(v) && String(v) !== "" ? String(v) : undefined;

function templateEnabled(status: unknown): Proof {
  if (isUnknown(status)) return "unknown";
  return status === "1" || status === 1 ? "yes" : "no";
}

/**
 * Looks up rules' templates in the stack. A template outside the stack (a known id the plan does not show) is
 * taken as enabled: the rule itself is what the finding is about.
 */
export function templateLookup(res: Resolver): (rule: GenericResource) => RuleTemplate {
  for (const t of res.ofType(DEFENSE_TEMPLATE)) {
    const id = knownText(t.inputs.defenseTemplateId);
    if (id) res.alias(t, id);
  }
  return (rule) => {
    const ref = rule.inputs.templateId;
    const urn = res.one(rule, "templateId", knownText(ref) ?? ref, [DEFENSE_TEMPLATE]);
    const template = urn ? res.get(urn) : undefined;
    if (!template) return { name: knownText(ref) ?? "(unresolved)", enabled: "yes" };
    return {
      name: knownText(template.inputs.defenseTemplateName) ?? template.name,
      enabled: templateEnabled(template.inputs.status),
    };
  };
}
