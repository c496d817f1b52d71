// The rules of a WAFv2 WebACL wherever they live: inline `rules`, raw `ruleJson`, aws.wafv2.WebAclRule resources and
// the rule a WebAclRuleGroupAssociation with a ruleGroupReference adds, each with how its rule group references
// resolve. A whole list unknown at preview is one unknown rule: it may hide any rule.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown, list } from "../../lib/values";
import { refersTo } from "./stack-rule";
import { associationRule } from "./wafv2-association-rules";
import { parseRuleJson } from "./wafv2-managed-groups";
import { RuleGroupLookup, ruleGroupLookup } from "./wafv2-rule-groups";

export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WEB_ACL_RULE = "aws:wafv2/webAclRule:WebAclRule";
export const GROUP_ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";

export interface PlacedRule {
  /** The rule object, or an unknown value standing for any rules. */
  rule: unknown;
  /** Where it comes from, for messages. */
  source: string;
  groups: RuleGroupLookup;
}

/** The WebACL's rules, or "invalid ruleJson" when ruleJson is not a JSON list. */
export function aclRules(acl: GenericResource, res: Resolver): PlacedRule[] | "invalid ruleJson" {
  const p = acl.inputs;
  const fromJson = parseRuleJson(p.ruleJson);
  if (fromJson === "invalid") return "invalid ruleJson";
  const attached = (type: string) => res.ofType(type).filter((r) => refersTo(r, "webAclArn", acl, ["arn"]));
  const listed = (key: string, value: unknown): PlacedRule[] => {
    const groups = ruleGroupLookup(res, acl, key);
    return isUnknown(value)
      ? [{ rule: value, source: key, groups }]
      : list(value).map((rule) => ({ rule, source: `${key}[]`, groups }));
  };
  return [
    ...listed("rules", p.rules),
    ...(fromJson === "unknown" ? listed("ruleJson", p.ruleJson) : listed("ruleJson", fromJson)),
    ...attached(WEB_ACL_RULE).map((r) => ({
      rule: r.inputs,
      source: `WebAclRule ${r.name}`,
      groups: ruleGroupLookup(res, r, "statement"),
    })),
    ...attached(GROUP_ASSOCIATION).flatMap((a) => {
      const rule = associationRule(a.inputs);
      if (rule === undefined) return [];
      return [
        {
          rule,
          source: `WebAclRuleGroupAssociation ${a.name}`,
          groups: ruleGroupLookup(res, a, "ruleGroupReference"),
        },
      ];
    }),
  ];
}
