// The rules of a WAFv2 WebACL wherever they live: inline `rules`, raw `ruleJson`, aws.wafv2.WebAclRule resources and
// the rule a WebAclRuleGroupAssociation with a ruleGroupReference adds, each with how the IP set, regex pattern set
// and rule group references inside it resolve. A whole list unknown at preview is one unknown rule: it may hide any
// rule. Shared by the core rule set and rate-limit rules, so both read an ACL's rules alike.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown, list } from "../../lib/values";
import { refersTo } from "./stack-rule";
import type { AclRule } from "./wafv2-allow-ahead";
import { associationRule } from "./wafv2-association-rules";
import { ipSetLookup } from "./wafv2-ip-sets";
import { parseRuleJson } from "./wafv2-managed-groups";
import { regexSetLookup, RegexSetLookup } from "./wafv2-regex-sets";
import { RuleGroupLookup, ruleGroupLookup } from "./wafv2-rule-groups";

export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WEB_ACL_RULE = "aws:wafv2/webAclRule:WebAclRule";
export const GROUP_ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";

/** A rule of the WebACL with the lookups for the references inside it (every one resolved through the stack). */
export interface PlacedRule extends AclRule {
  regexSets: RegexSetLookup;
  ruleGroups: RuleGroupLookup;
}

/** Resources of `type` that attach to the WebACL through their webAclArn. */
export const attachedTo = (acl: GenericResource, res: Resolver, type: string): GenericResource[] =>
  res.ofType(type).filter((r) => refersTo(r, "webAclArn", acl, ["arn"]));

/** How the references inside input `key` of `from` resolve. */
const lookups = (res: Resolver, from: GenericResource, key: string) => ({
  lookup: ipSetLookup(res, from, key),
  regexSets: regexSetLookup(res, from, key),
  ruleGroups: ruleGroupLookup(res, from, key),
});

/** The WebACL's rules, or "invalid ruleJson" when ruleJson is not a JSON list. */
export function aclRules(acl: GenericResource, res: Resolver): PlacedRule[] | "invalid ruleJson" {
  const p = acl.inputs;
  const fromJson = parseRuleJson(p.ruleJson);
  if (fromJson === "invalid") return "invalid ruleJson";
  const listed = (key: string, value: unknown): PlacedRule[] => {
    const refs = lookups(res, acl, key);
    return isUnknown(value)
      ? [{ rule: value, source: key, ...refs }]
      : list(value).map((rule) => ({ rule, source: `${key}[]`, ...refs }));
  };
  return [
    ...listed("rules", p.rules),
    ...(fromJson === "unknown" ? listed("ruleJson", p.ruleJson) : listed("ruleJson", fromJson)),
    ...attachedTo(acl, res, WEB_ACL_RULE).map((r) => ({
      rule: r.inputs,
      source: `WebAclRule ${r.name}`,
      ...lookups(res, r, "statement"),
      fallbackName: r.name,
    })),
    ...attachedTo(acl, res, GROUP_ASSOCIATION).flatMap((a) => {
      const rule = associationRule(a.inputs);
      if (rule === undefined) return [];
      return [
        {
          rule,
          source: `WebAclRuleGroupAssociation ${a.name}`,
          ...lookups(res, a, "ruleGroupReference"),
          fallbackName: a.name,
        },
      ];
    }),
  ];
}
