// require-waf-owasp-core-rules on Alibaba Cloud WAF 3.0 defense rules: whitelists that skip core web protection for
// every request, and core protection that only observes.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";
const RULE = "alicloud:wafv3/defenseRule:DefenseRule";

const template = (name: string, defenseScene: string, status: unknown = "1", extra = {}): StackInput => ({
  type: TEMPLATE,
  name,
  props: {
    instanceId: "waf-1",
    defenseTemplateName: name,
    defenseScene,
    status,
    templateType: "user_custom",
    ...extra,
  },
});
/** The stack's core protection template and a whitelist template beside it. */
const core = template("web-core", "waf_group");
const allowances = template("allowances", "whitelist");

/** A template rule; its templateId is the named template's new id, unknown at preview. */
const rule = (
  name: string,
  defenseScene: unknown,
  config: unknown,
  extra: Record<string, unknown> = {},
  templateName = "allowances",
): StackInput => ({
  type: RULE,
  name,
  props: {
    instanceId: "waf-1",
    defenseType: "template",
    defenseScene,
    templateId: UNKNOWN,
    ruleName: name,
    ruleStatus: 1,
    defenseOrigin: "custom",
    config,
    ...extra,
  },
  propertyDependencies: { templateId: [urnOf(TEMPLATE, templateName)] },
});
const condition = (key: unknown, opValue: unknown, values: unknown) => ({ key, opValue, values });
const everyUrl = condition("URL", "contain", "/");
const officeIp = condition("IP", "contain", "203.0.113.0/24");
const whitelist = (name: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  rule(name, "whitelist", config, extra);
const skipAll = (conditions: unknown, bypassTags: unknown = ["waf"], more: Record<string, unknown> = {}) => ({
  conditions,
  bypassTags,
  ...more,
});
const coreRule = (name: string, config: unknown, extra: Record<string, unknown> = {}) =>
  rule(name, "waf_group", config, extra, "web-core");

const onRule = (name: string) => ({ urn: urnOf(RULE, name) });
const bypassOf = (name: string, tag = "waf", templateName = "allowances") => ({
  ...onRule(name),
  mentions: `whitelist rule ${name} (template ${templateName}) skips core web protection (bypassTags "${tag}") for every request`,
});
const observes = (name: string) => ({
  ...onRule(name),
  mentions: `core web protection rule ${name} (template web-core) only observes`,
});

describe("require-waf-owasp-core-rules: WAF 3.0 whitelists that skip core web protection", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "all modules skipped for every URL",
      resources: [core, allowances, whitelist("everything", skipAll([everyUrl]))],
      violations: 1,
      ...bypassOf("everything"),
    },
    {
      name: "core protection skipped for paths starting with /",
      resources: [
        core,
        allowances,
        whitelist("slash", skipAll([condition("URLPath", "prefix-match", "/")], ["regular"])),
      ],
      violations: 1,
      ...bypassOf("slash", "regular"),
    },
    {
      name: "several conditions, each holding for every request",
      resources: [
        core,
        allowances,
        whitelist(
          "belt-and-braces",
          skipAll([everyUrl, condition("URL", "regex", ".*"), condition("IP", "contain", "0.0.0.0/0,::/0")]),
        ),
      ],
      violations: 1,
      ...bypassOf("belt-and-braces"),
    },
    {
      name: "contain-one with / among its values, tags beside others",
      resources: [
        core,
        allowances,
        whitelist("one-of", skipAll([condition("URL", "contain-one", "/api,/")], ["customrule", "regular"])),
      ],
      violations: 1,
      ...bypassOf("one-of", "regular"),
    },
    {
      name: "URL length greater than 0",
      resources: [core, allowances, whitelist("long", skipAll([condition("URL", "len-gt", "0")]))],
      violations: 1,
      ...bypassOf("long"),
    },
    {
      name: "ruleStatus absent (the API enables the rule) and permanent time scope",
      resources: [
        core,
        allowances,
        whitelist("default-on", skipAll([everyUrl], ["waf"], { timeConfig: { timeScope: "permanent" } }), {
          ruleStatus: undefined,
        }),
      ],
      violations: 1,
      ...bypassOf("default-on"),
    },
    {
      name: "canary on 100 percent of the traffic",
      resources: [
        core,
        allowances,
        whitelist("full-canary", skipAll([everyUrl], ["waf"], { grayStatus: 1, grayConfig: { grayRate: 100 } })),
      ],
      violations: 1,
      ...bypassOf("full-canary"),
    },
    {
      name: "known template id names the template once deployed",
      resources: [
        core,
        template("allowances", "whitelist", "1", { defenseTemplateId: 2233 }),
        { ...whitelist("deployed", skipAll([everyUrl]), { templateId: 2233 }), propertyDependencies: {} },
      ],
      violations: 1,
      ...bypassOf("deployed"),
    },
    {
      name: "template outside the stack is named by its id",
      resources: [
        core,
        { ...whitelist("elsewhere", skipAll([everyUrl]), { templateId: 4455 }), propertyDependencies: {} },
      ],
      violations: 1,
      ...bypassOf("elsewhere", "waf", "4455"),
    },
    // Known good.
    {
      name: "whitelist of an office address",
      resources: [core, allowances, whitelist("office", skipAll([officeIp]))],
      violations: 0,
    },
    {
      name: "whitelist of one health-check path",
      resources: [core, allowances, whitelist("health", skipAll([condition("URLPath", "eq", "/healthz")]))],
      violations: 0,
    },
    {
      name: "one total and one scoped condition: ANDed, so scoped",
      resources: [core, allowances, whitelist("scoped", skipAll([everyUrl, officeIp]))],
      violations: 0,
    },
    {
      name: "only specific core rule IDs skipped",
      resources: [
        core,
        allowances,
        whitelist("tuning", skipAll([everyUrl], ["regular_rule"], { bypassRegularRules: ["113001", "113002"] })),
      ],
      violations: 0,
    },
    {
      name: "only specific core rule types skipped",
      resources: [
        core,
        allowances,
        whitelist("types", skipAll([everyUrl], ["regular_type"], { bypassRegularTypes: ["xss", "sqli"] })),
      ],
      violations: 0,
    },
    {
      name: "other modules skipped for every request (scan protection, custom rules)",
      resources: [core, allowances, whitelist("antiscan", skipAll([everyUrl], ["antiscan", "customrule"]))],
      violations: 0,
    },
    {
      name: "disabled whitelist rule bypasses nothing",
      resources: [core, allowances, whitelist("off", skipAll([everyUrl]), { ruleStatus: 0 })],
      violations: 0,
    },
    {
      name: "whitelist rule in a disabled template bypasses nothing",
      resources: [core, template("allowances", "whitelist", "0"), whitelist("parked", skipAll([everyUrl]))],
      violations: 0,
    },
    {
      name: "whitelist limited to a time window",
      resources: [
        core,
        allowances,
        whitelist("nightly", skipAll([everyUrl], ["waf"], { timeConfig: { timeScope: "cycle", timeZone: 8 } })),
      ],
      violations: 0,
    },
    {
      name: "whitelist released to a canary share of the traffic",
      resources: [
        core,
        allowances,
        whitelist("canary", skipAll([everyUrl], ["waf"], { grayStatus: 1, grayConfig: { grayRate: 10 } })),
      ],
      violations: 0,
    },
    {
      name: "whitelist covering IPv4 only",
      resources: [core, allowances, whitelist("v4", skipAll([condition("IP", "contain", "0.0.0.0/0")]))],
      violations: 0,
    },
    {
      name: "no conditions proves nothing",
      resources: [core, allowances, whitelist("bare", skipAll([]))],
      violations: 0,
    },
    {
      name: "empty contain value proves nothing",
      resources: [core, allowances, whitelist("empty", skipAll([condition("URL", "contain", "")]))],
      violations: 0,
    },
    {
      name: "not-contain and header conditions prove nothing",
      resources: [
        core,
        allowances,
        whitelist("negated", skipAll([condition("URL", "not-contain", "/admin")])),
        whitelist("header", skipAll([{ key: "Header", subKey: "X-Trusted", opValue: "contain", values: "/" }])),
      ],
      violations: 0,
    },
    {
      name: "a custom rule scene with the same conditions is no whitelist",
      resources: [core, template("acl", "custom_acl"), rule("acl-all", "custom_acl", skipAll([everyUrl]), {}, "acl")],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "unknown bypass tags on a total whitelist",
      resources: [core, allowances, whitelist("tags", skipAll([everyUrl], UNKNOWN))],
      violations: 0,
      notes: 1,
    },
    {
      name: "one unknown tag beside a partial one",
      resources: [core, allowances, whitelist("tag", skipAll([everyUrl], ["regular_rule", UNKNOWN]))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown conditions",
      resources: [core, allowances, whitelist("conditions", skipAll(UNKNOWN))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown address list may cover everyone",
      resources: [core, allowances, whitelist("addresses", skipAll([condition("IP", "contain", UNKNOWN)]))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown operator on URL with /",
      resources: [core, allowances, whitelist("operator", skipAll([condition("URL", UNKNOWN, "/")]))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown rule status",
      resources: [core, allowances, whitelist("status", skipAll([everyUrl]), { ruleStatus: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown template status",
      resources: [core, template("allowances", "whitelist", UNKNOWN), whitelist("template", skipAll([everyUrl]))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown config",
      resources: [core, allowances, whitelist("config", UNKNOWN as never)],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown tags but a scoped condition: cannot change the outcome",
      resources: [core, allowances, whitelist("scoped-unknown", skipAll([officeIp], UNKNOWN))],
      violations: 0,
    },
    {
      name: "unknown values on a condition that cannot be total",
      resources: [core, allowances, whitelist("referer", skipAll([condition("Referer", "contain", UNKNOWN)]))],
      violations: 0,
    },
    {
      name: "unknown rule status on a scoped whitelist",
      resources: [core, allowances, whitelist("scoped-status", skipAll([officeIp]), { ruleStatus: UNKNOWN })],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: WAF 3.0 core protection that only observes", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "core protection in observation mode",
      resources: [core, coreRule("observe", { ruleAction: "monitor" })],
      violations: 1,
      ...observes("observe"),
    },
    {
      name: "new core protection with every system rule set to monitor",
      resources: [
        template("web-core", "waf_base"),
        rule(
          "all-monitor",
          "waf_base",
          { wafBaseConfigs: [{ ruleType: "system", ruleBatchOperationConfig: "all_monitor" }] },
          {},
          "web-core",
        ),
      ],
      violations: 1,
      ...observes("all-monitor"),
    },
    {
      name: "system rules all off, custom rules untouched",
      resources: [
        core,
        coreRule("all-off", {
          wafBaseConfigs: [
            { ruleType: "system", ruleBatchOperationConfig: "all_off" },
            { ruleType: "custom", ruleBatchOperationConfig: "all_on" },
          ],
        }),
      ],
      violations: 1,
      ...observes("all-off"),
    },
    {
      name: "monitoring rule in a disabled core template: both need fixing",
      resources: [template("web-core", "waf_group", "0"), coreRule("observe", { ruleAction: "monitor" })],
      violations: 2,
    },
    // Known good.
    {
      name: "core protection blocking with automatic updates",
      resources: [core, coreRule("block", { ruleAction: "block", autoUpdate: true })],
      violations: 0,
    },
    {
      name: "automatic updates off still blocks",
      resources: [core, coreRule("pinned", { ruleAction: "block", autoUpdate: false })],
      violations: 0,
    },
    {
      name: "disabled monitoring rule is not in effect",
      resources: [core, coreRule("off", { ruleAction: "monitor" }, { ruleStatus: 0 })],
      violations: 0,
    },
    {
      name: "a monitoring custom rule in another template is not core protection",
      resources: [
        core,
        template("acl", "custom_acl"),
        rule("acl-watch", "custom_acl", { ruleAction: "monitor" }, {}, "acl"),
      ],
      violations: 0,
    },
    {
      name: "per-rule monitoring leaves the others blocking",
      resources: [
        core,
        coreRule("one-rule", {
          wafBaseConfigs: [
            { ruleType: "system", ruleDetails: [{ ruleId: "113001", ruleAction: "monitor", ruleStatus: 1 }] },
          ],
        }),
      ],
      violations: 0,
    },
    {
      name: "monitor batch next to a per-rule block",
      resources: [
        core,
        coreRule("mixed", {
          wafBaseConfigs: [
            { ruleType: "system", ruleBatchOperationConfig: "all_monitor" },
            { ruleType: "system", ruleDetails: [{ ruleId: "113001", ruleAction: "block", ruleStatus: 1 }] },
          ],
        }),
      ],
      violations: 0,
    },
    {
      name: "monitor batch on custom rules only",
      resources: [
        core,
        coreRule("custom-only", { wafBaseConfigs: [{ ruleType: "custom", ruleBatchOperationConfig: "all_monitor" }] }),
      ],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "unknown rule action",
      resources: [core, coreRule("action", { ruleAction: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown scene on a monitoring rule",
      resources: [core, rule("scene", UNKNOWN, { ruleAction: "monitor" }, {}, "web-core")],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown rule type beside a monitor batch",
      resources: [
        core,
        coreRule("rule-type", {
          wafBaseConfigs: [
            { ruleType: "system", ruleBatchOperationConfig: "all_monitor" },
            { ruleType: UNKNOWN, ruleBatchOperationConfig: "all_on" },
          ],
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown rule action on a disabled rule cannot change the outcome",
      resources: [core, coreRule("off-unknown", { ruleAction: UNKNOWN }, { ruleStatus: 0 })],
      violations: 0,
    },
    {
      name: "unknown rule type next to an all_on batch cannot silence anything",
      resources: [
        core,
        coreRule("on", { wafBaseConfigs: [{ ruleType: UNKNOWN, ruleBatchOperationConfig: "all_on" }] }),
      ],
      violations: 0,
    },
  ] as StackCase[]);
});
