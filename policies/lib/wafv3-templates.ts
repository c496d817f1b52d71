// The protection template a WAF 3.0 defense rule belongs to: its templateId names the stack's DefenseTemplate by
// defenseTemplateId once known, or through the property dependency at preview (a new template's id is unknown).
// A disabled template (status other than "1") applies none of its rules.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { knownText } from "./known-text";
import { Proof } from "./proof";
import { ruleTemplates, templateEnabled } from "./wafv3-template-binding";

export interface RuleTemplate {
  /** Shown in findings: the template's name, or the templateId when the template is not in the stack. */
  name: string;
  enabled: Proof;
}

/**
 * Looks up rules' templates in the stack. A template outside the stack (a known id the plan does not show) is
 * taken as enabled: the rule itself is what the finding is about.
 */
export function templateLookup(res: Resolver): (rule: GenericResource) => RuleTemplate {
  const templateOf = ruleTemplates(res);
  return (rule) => {
    const template = templateOf(rule);
    if (template === undefined || template === "unresolved") {
      return { name: knownText(rule.inputs.templateId) ?? "(unresolved)", enabled: "yes" };
    }
    return {
      name: knownText(template.inputs.defenseTemplateName) ?? template.name,
      enabled: templateEnabled(template),
    };
  };
}
