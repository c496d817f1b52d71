// Builders for the require-waf-rate-limit tables: a WAFv2 WebACL with its rules, rule groups and associations, and
// an Alibaba Cloud WAF 3.0 domain with its defense templates and rules, each as the components plan them.
import { StackInput, urnOf } from "./harness";

export const ACL = "aws:wafv2/webAcl:WebAcl";
export const WAF_RULE = "aws:wafv2/webAclRule:WebAclRule";
export const ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
export const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";
export const SHIELD = "aws:shield/protection:Protection";
export const DOMAIN = "alicloud:wafv3/domain:Domain";
export const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";
export const DEFENSE_RULE = "alicloud:wafv3/defenseRule:DefenseRule";
export const RESOURCE_GROUP = "alicloud:wafv3/defenseResourceGroup:DefenseResourceGroup";

export const ACL_URN = urnOf(ACL, "acl");
export const GROUP_ARN = "arn:aws:wafv2:eu-west-1:111122223333:regional/rulegroup/floods/1";

export const managed = {
  name: "core",
  priority: 0,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
};

export const rateRule = (rate: Record<string, unknown> = {}, action: unknown = { block: {} }, name = "rate-limit") => ({
  name,
  priority: 1,
  action,
  statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP", ...rate } },
});

export const acl = (rules: unknown, extra: Record<string, unknown> = {}): StackInput => ({
  type: ACL,
  name: "acl",
  props: { name: "web", scope: "REGIONAL", defaultAction: { allow: {} }, rules, ...extra },
});

export const ruleGroup = (rules: unknown): StackInput => ({
  type: RULE_GROUP,
  name: "floods",
  props: { name: "floods", scope: "REGIONAL", capacity: 50, arn: GROUP_ARN, rules },
});

export const reference = (ref: Record<string, unknown> = {}, overrideAction: unknown = { none: {} }) => ({
  name: "flood-group",
  priority: 2,
  overrideAction,
  statement: { ruleGroupReferenceStatement: { arn: GROUP_ARN, ...ref } },
});

/** A rule in PascalCase as the WAF API and ruleJson write it. */
export const jsonRule = (action: string, limit = 1000) =>
  JSON.stringify([
    {
      Name: "rate-limit",
      Priority: 1,
      Action: { [action]: {} },
      Statement: { RateBasedStatement: { Limit: limit, AggregateKeyType: "IP" } },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "rate" },
    },
  ]);

export const DOMAIN_URN = urnOf(DOMAIN, "dom");
export const PROTECTED = "www.example.com-waf";

export const domain = (props: Record<string, unknown> = {}): StackInput => ({
  type: DOMAIN,
  name: "dom",
  props: { instanceId: "waf-1", domain: "www.example.com", accessType: "share", ...props },
});

export const template = (props: Record<string, unknown> = {}, name = "cc-template", id = 11): StackInput => ({
  type: TEMPLATE,
  name,
  props: {
    instanceId: "waf-1",
    defenseTemplateId: id,
    defenseTemplateName: name,
    defenseScene: "cc",
    templateType: "user_custom",
    templateOrigin: "custom",
    status: "1",
    resources: [PROTECTED],
    ...props,
  },
});

export const defenseRule = (config: unknown, props: Record<string, unknown> = {}, name = "cc-rule"): StackInput => ({
  type: DEFENSE_RULE,
  name,
  props: {
    instanceId: "waf-1",
    defenseType: "template",
    defenseScene: "cc",
    defenseOrigin: "custom",
    templateId: 11,
    ruleName: name,
    ruleStatus: 1,
    config,
    ...props,
  },
});

/** The component's per-IP limit: 1,000 requests per 60 s, blocked for 600 s. */
export const rateConfig = (rateLimit: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  conditions: [{ key: "URLPath", opValue: "prefix-match", values: "/" }],
  ruleAction: "block",
  ccStatus: 1,
  ccEffect: "rule",
  rateLimit: { target: "remoteAddr", interval: 60, threshold: 1000, ttl: 600, ...rateLimit },
  ...extra,
});
export const customTemplate = (props: Record<string, unknown> = {}) =>
  template({ defenseScene: "custom_acl", ...props }, "acl-template", 12);
export const rateRuleAli = (config: unknown = rateConfig(), props: Record<string, unknown> = {}) =>
  defenseRule(config, { defenseScene: "custom_acl", templateId: 12, ...props }, "rate-rule");
