import { requireWafRateLimit } from "../../policies/stack/require-waf-rate-limit";
import { UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import {
  ACL_URN,
  acl,
  ASSOCIATION,
  customTemplate,
  defenseRule,
  domain,
  DOMAIN_URN,
  GROUP_ARN,
  jsonRule,
  managed,
  PROTECTED,
  rateConfig,
  rateRule,
  rateRuleAli,
  reference,
  RESOURCE_GROUP,
  RULE_GROUP,
  ruleGroup,
  SHIELD,
  template,
  TEMPLATE,
  WAF_RULE,
} from "./waf-rate-fixtures";

const aws: StackCase[] = [
  {
    name: "no rate-based rule",
    resources: [acl([managed])],
    violations: 1,
    mentions: "no rate-based rule",
    urn: ACL_URN,
  },
  { name: "no rules at all", resources: [acl([])], violations: 1, urn: ACL_URN },
  { name: "rate rule that blocks, as the component plans it", resources: [acl([managed, rateRule()])], violations: 0 },
  { name: "rate rule that challenges", resources: [acl([rateRule({}, { challenge: {} })])], violations: 0 },
  { name: "rate rule with a captcha", resources: [acl([rateRule({}, { captcha: {} })])], violations: 0 },
  {
    name: "rate rule that only counts",
    resources: [acl([managed, rateRule({}, { count: {} })])],
    violations: 1,
    mentions: "rule rate-limit only counts",
  },
  {
    name: "rate rule that allows",
    resources: [acl([rateRule({}, { allow: {} })])],
    violations: 1,
    mentions: "has action allow",
  },
  {
    name: "limit above the ceiling",
    resources: [acl([rateRule({ limit: 20_000 })])],
    violations: 1,
    mentions: "limit of rule rate-limit is 20000 requests per 300 s, above the ceiling of 10000 per 300 s",
  },
  { name: "limit at the ceiling", resources: [acl([rateRule({ limit: 10_000 })])], violations: 0 },
  {
    name: "60 s window: 1,000 is 5,000 per 300 s",
    resources: [acl([rateRule({ evaluationWindowSec: 60 })])],
    violations: 0,
  },
  {
    name: "60 s window: 3,000 looks low but is 15,000 per 300 s",
    resources: [acl([rateRule({ limit: 3000, evaluationWindowSec: 60 })])],
    violations: 1,
    mentions: "3000 requests per 60 s (15000 per 300 s), above the ceiling",
  },
  {
    name: "600 s window: 15,000 looks high but is 7,500 per 300 s",
    resources: [acl([rateRule({ limit: 15_000, evaluationWindowSec: 600 })])],
    violations: 0,
  },
  {
    name: "a lower configured ceiling",
    resources: [acl([rateRule()])],
    config: { maxRequestsPerWindow: 500 },
    violations: 1,
    mentions: "above the ceiling of 500 per 300 s",
  },
  {
    name: "a ceiling per 60 s window scales the 300 s limit",
    resources: [acl([rateRule()])],
    config: { maxRequestsPerWindow: 200, windowSeconds: 60 },
    violations: 0,
  },
  {
    name: "a rate rule scoped down to the login path still counts",
    resources: [
      acl([
        rateRule({
          scopeDownStatement: {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: "STARTS_WITH",
              searchString: "/login",
              textTransformations: [{ priority: 0, type: "NONE" }],
            },
          },
        }),
      ]),
    ],
    violations: 0,
  },
  {
    name: "one good rate rule among weak ones",
    resources: [acl([rateRule({}, { count: {} }, "a"), rateRule({ limit: 50_000 }, { block: {} }, "b"), rateRule()])],
    violations: 0,
  },
  {
    name: "every rate rule weak: each reason is given",
    resources: [acl([rateRule({}, { count: {} }, "a"), rateRule({ limit: 50_000 }, { block: {} }, "b")])],
    violations: 1,
    mentions: "rule a only counts; limit of rule b is 50000",
  },
  // Rule groups of the stack, referenced inline or through an association.
  {
    name: "rate rule inside a referenced rule group",
    resources: [ruleGroup([rateRule()]), acl([managed, reference()])],
    violations: 0,
  },
  {
    name: "rule group counted as a whole (overrideAction count)",
    resources: [ruleGroup([rateRule()]), acl([managed, reference({}, { count: {} })])],
    violations: 1,
    mentions: "references a rule group with overrideAction count",
  },
  {
    name: "rate rule of the group overridden to count",
    resources: [
      ruleGroup([rateRule()]),
      acl([reference({ ruleActionOverrides: [{ name: "rate-limit", actionToUse: { count: {} } }] })]),
    ],
    violations: 1,
    mentions: "overridden by the reference) only counts",
  },
  {
    name: "rate rule of the group excluded (counts)",
    resources: [ruleGroup([rateRule()]), acl([reference({ excludedRules: [{ name: "rate-limit" }] })])],
    violations: 1,
  },
  {
    name: "override of another rule of the group",
    resources: [
      ruleGroup([rateRule()]),
      acl([reference({ ruleActionOverrides: [{ name: "other", actionToUse: { count: {} } }] })]),
    ],
    violations: 0,
  },
  {
    name: "group whose rate rule only counts",
    resources: [ruleGroup([rateRule({}, { count: {} })]), acl([reference()])],
    violations: 1,
  },
  {
    name: "group without a rate rule",
    resources: [ruleGroup([{ ...rateRule(), statement: managed.statement }]), acl([reference()])],
    violations: 1,
    mentions: "holds no rate-based rule",
  },
  {
    name: "group outside the stack is not read",
    resources: [acl([reference()])],
    violations: 1,
    mentions: "outside the stack",
  },
  {
    name: "new rule group at preview: unknown arn resolved by its dependency",
    resources: [
      ruleGroup([rateRule()]),
      {
        ...acl([reference({ arn: UNKNOWN })]),
        propertyDependencies: { rules: [urnOf(RULE_GROUP, "floods")] },
      },
    ],
    violations: 0,
  },
  {
    name: "reference's overrideAction unknown",
    resources: [ruleGroup([rateRule()]), acl([reference({}, UNKNOWN)])],
    violations: 0,
    notes: 1,
  },
  {
    name: "an override entry unknown at preview may count the rate rule",
    resources: [ruleGroup([rateRule()]), acl([reference({ ruleActionOverrides: [UNKNOWN] })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "rule group whose rules are unknown",
    resources: [ruleGroup(UNKNOWN), acl([managed, reference()])],
    violations: 0,
    notes: 1,
  },
  {
    name: "rule group reference through a WebAclRuleGroupAssociation",
    resources: [
      ruleGroup([rateRule()]),
      acl([managed]),
      {
        type: ASSOCIATION,
        name: "assoc",
        props: { webAclArn: UNKNOWN, ruleName: "floods", priority: 5, ruleGroupReference: { arn: GROUP_ARN } },
        propertyDependencies: { webAclArn: [ACL_URN] },
      },
    ],
    violations: 0,
  },
  {
    name: "association counting the group",
    resources: [
      ruleGroup([rateRule()]),
      acl([managed]),
      {
        type: ASSOCIATION,
        name: "assoc",
        props: {
          webAclArn: UNKNOWN,
          ruleName: "floods",
          priority: 5,
          overrideAction: "count",
          ruleGroupReference: { arn: GROUP_ARN },
        },
        propertyDependencies: { webAclArn: [ACL_URN] },
      },
    ],
    violations: 1,
  },
  // Separate rule resources and raw JSON.
  {
    name: "rate rule as a separate WebAclRule resource",
    resources: [
      acl([managed]),
      {
        type: WAF_RULE,
        name: "rate",
        props: { webAclArn: UNKNOWN, ...rateRule() },
        propertyDependencies: { webAclArn: [ACL_URN] },
      },
    ],
    violations: 0,
  },
  {
    name: "WebAclRule resource of another WebACL",
    resources: [
      acl([managed]),
      { type: WAF_RULE, name: "rate", props: { webAclArn: "arn:aws:wafv2:other", ...rateRule() } },
    ],
    violations: 1,
  },
  {
    name: "ruleJson rate rule that blocks",
    resources: [acl(undefined, { ruleJson: jsonRule("Block") })],
    violations: 0,
  },
  {
    name: "ruleJson rate rule that counts",
    resources: [acl(undefined, { ruleJson: jsonRule("Count") })],
    violations: 1,
    mentions: "only counts",
  },
  {
    name: "ruleJson limit above the ceiling",
    resources: [acl(undefined, { ruleJson: jsonRule("Block", 100_000) })],
    violations: 1,
  },
  { name: "ruleJson that is not JSON", resources: [acl(undefined, { ruleJson: "[{" })], violations: 1 },
  // Shield Advanced protects against network floods; it does not limit one client's requests.
  {
    name: "Shield Advanced protection does not replace the rate rule",
    resources: [acl([managed]), { type: SHIELD, name: "shield", props: { name: "web", resourceArn: UNKNOWN } }],
    violations: 1,
  },
  // Unknown at preview: a note, never a pass.
  { name: "rules list unknown", resources: [acl(UNKNOWN)], violations: 0, notes: 1 },
  { name: "one rule unknown", resources: [acl([managed, UNKNOWN])], violations: 0, notes: 1 },
  { name: "limit unknown", resources: [acl([rateRule({ limit: UNKNOWN })])], violations: 0, notes: 1 },
  {
    name: "evaluation window unknown",
    resources: [acl([rateRule({ evaluationWindowSec: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  { name: "action unknown", resources: [acl([rateRule({}, UNKNOWN)])], violations: 0, notes: 1 },
  { name: "ruleJson unknown", resources: [acl(undefined, { ruleJson: UNKNOWN })], violations: 0, notes: 1 },
  {
    name: "unknown limit fails closed when configured",
    resources: [acl([rateRule({ limit: UNKNOWN })])],
    config: { failClosed: true },
    violations: 1,
    mentions: "failing closed",
  },
  {
    name: "an unknown rule beside a proven one: it may allow every request before the rate rule",
    resources: [acl([UNKNOWN, rateRule()])],
    violations: 0,
    notes: 1,
  },
];

const alicloud: StackCase[] = [
  {
    name: "cc template bound to the domain with a cc rule",
    resources: [domain(), template(), defenseRule({ mode: 0 })],
    violations: 0,
  },
  { name: "emergency mode blocks too", resources: [domain(), template(), defenseRule({ mode: 1 })], violations: 0 },
  {
    name: "no flood protection at all",
    resources: [domain()],
    violations: 1,
    mentions: "no HTTP flood protection applies",
    urn: DOMAIN_URN,
  },
  {
    name: "cc template disabled",
    resources: [domain(), template({ status: "0" }), defenseRule({ mode: 0 })],
    violations: 1,
    mentions: "cc template cc-template is disabled",
  },
  {
    name: "cc rule that only observes",
    resources: [domain(), template(), defenseRule({ mode: 0, ruleAction: "monitor" })],
    violations: 1,
    mentions: "only observes",
  },
  {
    name: "cc rule disabled",
    resources: [domain(), template(), defenseRule({ mode: 0 }, { ruleStatus: 0 })],
    violations: 1,
    mentions: "is disabled",
  },
  {
    name: "cc rule limited to a time window",
    resources: [domain(), template(), defenseRule({ mode: 0, timeConfig: { timeScope: "period" } })],
    violations: 1,
  },
  {
    name: "cc template without a cc rule",
    resources: [domain(), template()],
    violations: 1,
    mentions: "has no cc defense rule",
  },
  {
    name: "cc template bound to another domain",
    resources: [domain(), template({ resources: ["shop.example.com-waf"] }), defenseRule({ mode: 0 })],
    violations: 1,
    mentions: "no HTTP flood protection applies",
  },
  {
    name: "the instance's default cc template",
    resources: [domain(), template({ templateType: "user_default", resources: [] }), defenseRule({ mode: 0 })],
    violations: 0,
  },
  {
    name: "default cc template of another instance",
    resources: [
      domain(),
      template({ templateType: "user_default", resources: [], instanceId: "waf-2" }),
      defenseRule({ mode: 0 }),
    ],
    violations: 1,
  },
  {
    name: "default cc template on a new instance (same instance resource at preview)",
    resources: [
      { type: "alicloud:wafv3/instance:Instance", name: "waf", props: {} },
      {
        ...domain({ instanceId: UNKNOWN }),
        propertyDependencies: { instanceId: [urnOf("alicloud:wafv3/instance:Instance", "waf")] },
      },
      {
        ...template({ templateType: "user_default", resources: [], instanceId: UNKNOWN }),
        propertyDependencies: { instanceId: [urnOf("alicloud:wafv3/instance:Instance", "waf")] },
      },
      defenseRule({ mode: 0 }),
    ],
    violations: 0,
  },
  {
    name: "cc template bound through a protected object group",
    resources: [
      domain(),
      template({ resources: [], resourceGroups: ["web"] }),
      defenseRule({ mode: 0 }),
      {
        type: RESOURCE_GROUP,
        name: "web",
        props: { groupName: "web", instanceId: "waf-1", resourceLists: [PROTECTED] },
      },
    ],
    violations: 0,
  },
  {
    name: "protected object group without the domain",
    resources: [
      domain(),
      template({ resources: [], resourceGroups: ["web"] }),
      defenseRule({ mode: 0 }),
      { type: RESOURCE_GROUP, name: "web", props: { groupName: "web", instanceId: "waf-1", resourceLists: ["x-waf"] } },
    ],
    violations: 1,
  },
  {
    name: "protected object group outside the stack",
    resources: [domain(), template({ resources: [], resourceGroups: ["web"] }), defenseRule({ mode: 0 })],
    violations: 0,
    notes: 1,
  },
  // The custom rule with a rate limit, as the component adds it.
  {
    name: "rate-limited custom rule in a bound template",
    resources: [domain(), customTemplate(), rateRuleAli()],
    violations: 0,
  },
  {
    name: "custom rule without the rate limit switched on",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({}, { ccStatus: 0 }))],
    violations: 1,
    mentions: "ccStatus is not 1",
  },
  {
    name: "rate-limited custom rule that only observes",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({}, { ruleAction: "monitor" }))],
    violations: 1,
    mentions: 'does not stop the client (ruleAction "monitor")',
  },
  {
    name: "custom rate limit above the ceiling once scaled (5,000 per 60 s)",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ threshold: 5000 }))],
    violations: 1,
    mentions: "5000 requests per 60 s (25000 per 300 s), above the ceiling",
  },
  {
    name: "custom rate limit over a long interval (20,000 per 1,800 s)",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ threshold: 20_000, interval: 1800 }))],
    violations: 0,
  },
  {
    name: "custom rate limit on one response code only",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ status: { code: 404, count: 50 } }))],
    violations: 1,
    mentions: "rateLimit.status",
  },
  {
    name: "custom rate rule in a disabled template",
    resources: [domain(), customTemplate({ status: "0" }), rateRuleAli()],
    violations: 1,
    mentions: "disabled template",
  },
  {
    name: "custom rate rule bound to the domain itself",
    resources: [
      domain(),
      rateRuleAli(rateConfig(), { defenseType: "resource", resource: PROTECTED, templateId: undefined }),
    ],
    violations: 0,
  },
  {
    name: "custom block rule without a rate limit (scanner User-Agents)",
    resources: [
      domain(),
      customTemplate(),
      rateRuleAli({
        conditions: [{ key: "User-Agent", opValue: "contain-one", values: "sqlmap" }],
        ruleAction: "block",
      }),
    ],
    violations: 1,
  },
  {
    name: "a disabled cc template beside a working custom rate rule",
    resources: [domain(), template({ status: "0" }), defenseRule({ mode: 0 }), customTemplate(), rateRuleAli()],
    violations: 0,
  },
  // Unknown at preview.
  {
    name: "new template at preview: the rule's templateId flows from it",
    resources: [
      domain(),
      template({ defenseTemplateId: undefined }),
      {
        ...defenseRule({ mode: 0 }, { templateId: UNKNOWN }),
        propertyDependencies: { templateId: [urnOf(TEMPLATE, "cc-template")] },
      },
    ],
    violations: 0,
  },
  {
    name: "rule's templateId unknown with nothing to resolve it",
    resources: [
      domain(),
      template({ defenseTemplateId: undefined }),
      defenseRule({ mode: 0 }, { templateId: UNKNOWN }),
    ],
    violations: 0,
    notes: 1,
  },
  {
    name: "template status unknown",
    resources: [domain(), template({ status: UNKNOWN }), defenseRule({ mode: 0 })],
    violations: 0,
    notes: 1,
  },
  {
    name: "template bindings unknown",
    resources: [domain(), template({ resources: UNKNOWN }), defenseRule({ mode: 0 })],
    violations: 0,
    notes: 1,
  },
  { name: "cc rule config unknown", resources: [domain(), template(), defenseRule(UNKNOWN)], violations: 0, notes: 1 },
  {
    name: "cc rule action unknown",
    resources: [domain(), template(), defenseRule({ ruleAction: UNKNOWN })],
    violations: 0,
    notes: 1,
  },
  {
    name: "domain name unknown",
    resources: [domain({ domain: UNKNOWN }), template(), defenseRule({ mode: 0 })],
    violations: 0,
    notes: 1,
  },
  {
    name: "custom rate rule's defenseType unknown",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig(), { defenseType: UNKNOWN })],
    violations: 0,
    notes: 1,
  },
  {
    name: "custom rate threshold unknown",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ threshold: UNKNOWN }))],
    violations: 0,
    notes: 1,
  },
  {
    name: "unknown status fails closed when configured",
    resources: [domain(), template({ status: UNKNOWN }), defenseRule({ mode: 0 })],
    config: { failClosed: true },
    violations: 1,
    mentions: "failing closed",
  },
];

describe("require-waf-rate-limit: AWS WAFv2", () => {
  stackTable(requireWafRateLimit, aws);
});

describe("require-waf-rate-limit: Alibaba Cloud WAF 3.0", () => {
  stackTable(requireWafRateLimit, alicloud);
});
