// Adversarial forms of the WAF checks: allow-everything rules ahead of the core rule set in alternate spellings,
// WAF 3.0 whitelists and monitor-only core rules, entry points without a web ACL, and production configurations
// that must pass.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ACL, GROUP, visibilityConfig, crs, uriPath } from "./wafv2-fixtures";

const allow = (name: string, priority: unknown, statement: unknown) => ({
  name,
  priority,
  action: { allow: {} },
  statement,
  visibilityConfig,
});
const acl = (rules: unknown, extra: Record<string, unknown> = {}): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules, arn: UNKNOWN, ...extra },
});
const byteMatch = (
  positionalConstraint: string,
  searchString: string,
  type = "NONE",
  fieldToMatch: unknown = uriPath,
) => ({
  byteMatchStatement: {
    positionalConstraint,
    searchString,
    fieldToMatch,
    textTransformations: [{ priority: 0, type }],
  },
});
const regex = (regexString: string, type = "NONE") => ({
  regexMatchStatement: { regexString, fieldToMatch: uriPath, textTransformations: [{ priority: 0, type }] },
});

describe("adversarial WAFv2 allow rules ahead of the core rule set", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      // Every path starts with "/", so contains one: the same as WAF 3.0's URL contain "/".
      name: "URI path containing /",
      resources: [acl([allow("all", 1, byteMatch("CONTAINS", "/")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching the regex ^/",
      resources: [acl([allow("all", 1, regex("^/")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching the regex ^\\/.*",
      resources: [acl([allow("all", 1, regex("^\\/.*")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching the regex \\A/ after LOWERCASE",
      resources: [acl([allow("all", 1, regex("\\A/", "LOWERCASE")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching the regex ^/ after BASE64_DECODE is not proven",
      resources: [acl([allow("odd", 1, regex("^/", "BASE64_DECODE")), crs()])],
      violations: 0,
    },
    {
      name: "a header matching the regex ^/ is not every request",
      resources: [
        acl([
          allow("h", 1, {
            regexMatchStatement: {
              regexString: "^/",
              fieldToMatch: { singleHeader: { name: "referer" } },
              textTransformations: [{ priority: 0, type: "NONE" }],
            },
          }),
          crs(),
        ]),
      ],
      violations: 0,
    },
    {
      name: "URI path matching the regex ^/api is scoped",
      resources: [acl([allow("api", 1, regex("^/api")), crs()])],
      violations: 0,
    },
    {
      name: "URI path matching the regex ^/$ is one path",
      resources: [acl([allow("root", 1, regex("^/$")), crs()])],
      violations: 0,
    },
    {
      name: "URI path matching an unanchored / (every path has its leading one)",
      resources: [acl([allow("all", 1, regex("/")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching an unanchored /.*",
      resources: [acl([allow("all", 1, regex("\\/.*")), crs()])],
      violations: 1,
    },
    {
      name: "URI path matching an unanchored /admin is scoped",
      resources: [acl([allow("admin", 1, regex("/admin")), crs()])],
      violations: 0,
    },
    {
      name: "URI path matching an unanchored /$ is only paths ending in a slash",
      resources: [acl([allow("dirs", 1, regex("/$")), crs()])],
      violations: 0,
    },
    {
      name: "URI path containing / after BASE64_DECODE is not proven",
      resources: [acl([allow("odd", 1, byteMatch("CONTAINS", "/", "BASE64_DECODE")), crs()])],
      violations: 0,
    },
    {
      name: "query string containing / is not every request",
      resources: [acl([allow("q", 1, byteMatch("CONTAINS", "/", "NONE", { queryString: {} })), crs()])],
      violations: 0,
    },
    {
      name: "priority given as a string",
      resources: [acl([allow("all", "0", byteMatch("STARTS_WITH", "/")), crs("10")])],
      violations: 1,
    },
    {
      name: "statement keys in PascalCase in ruleJson",
      resources: [
        acl(undefined, {
          ruleJson: JSON.stringify([
            {
              Name: "all",
              Priority: 0,
              Action: { Allow: {} },
              Statement: {
                SizeConstraintStatement: { ComparisonOperator: "GT", Size: -1, FieldToMatch: { UriPath: {} } },
              },
              VisibilityConfig: visibilityConfig,
            },
            {
              Name: "crs",
              Priority: 1,
              OverrideAction: { None: {} },
              Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: GROUP } },
              VisibilityConfig: visibilityConfig,
            },
          ]),
        }),
      ],
      violations: 1,
    },
    {
      name: "NOT of a path that no request has",
      resources: [acl([allow("all", 1, { notStatement: { statement: byteMatch("EXACTLY", "nowhere") } }), crs()])],
      violations: 1,
    },
    {
      name: "a health-check allow ahead of the core rules is ordinary",
      resources: [acl([allow("health", 1, byteMatch("EXACTLY", "/healthz")), crs()])],
      violations: 0,
    },
    {
      name: "an allow-all after the core rules is ordinary",
      resources: [acl([crs(1), allow("all", 5, byteMatch("STARTS_WITH", "/"))])],
      violations: 0,
    },
    {
      name: "a hostile statement: nested two hundred NOTs",
      resources: [
        acl([
          allow(
            "deep",
            1,
            Array.from({ length: 200 }).reduce<unknown>(
              (s) => ({ notStatement: { statement: s } }),
              byteMatch("STARTS_WITH", "/"),
            ),
          ),
          crs(),
        ]),
      ],
      violations: 0,
    },
  ]);
});

const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";
const RULE = "alicloud:wafv3/defenseRule:DefenseRule";
const template = (name: string, defenseScene: string, status: unknown = "1"): StackInput => ({
  type: TEMPLATE,
  name,
  props: { instanceId: "waf-1", defenseTemplateName: name, defenseScene, status, templateType: "user_custom" },
});
const v3Rule = (name: string, defenseScene: string, config: unknown, templateName: string, extra = {}): StackInput => ({
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
const core = template("web-core", "waf_group");
const allowances = template("allowances", "whitelist");
const coreBlocking = v3Rule("core", "waf_group", { ruleAction: "block" }, "web-core");
const whitelist = (name: string, conditions: unknown, bypassTags: unknown = ["waf"]) =>
  v3Rule(name, "whitelist", { conditions, bypassTags }, "allowances");

describe("adversarial WAF 3.0 whitelists", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "URL matching the regex ^/",
      resources: [core, coreBlocking, allowances, whitelist("w", [{ key: "URL", opValue: "regex", values: "^/" }])],
      violations: 1,
    },
    {
      name: "URLPath matching the regex ^/.*",
      resources: [
        core,
        coreBlocking,
        allowances,
        whitelist("w", [{ key: "URLPath", opValue: "regex", values: "^/.*" }], ["regular"]),
      ],
      violations: 1,
    },
    {
      name: "URL prefix ^/static is scoped",
      resources: [
        core,
        coreBlocking,
        allowances,
        whitelist("w", [{ key: "URL", opValue: "regex", values: "^/static" }]),
      ],
      violations: 0,
    },
    {
      name: "a whitelist skipping listed rule IDs is tuning",
      resources: [
        core,
        coreBlocking,
        allowances,
        v3Rule(
          "w",
          "whitelist",
          {
            conditions: [{ key: "URL", opValue: "contain", values: "/" }],
            bypassTags: ["regular_rule"],
            bypassRegularRules: ["113001"],
          },
          "allowances",
        ),
      ],
      violations: 0,
    },
    {
      name: "a whitelist of the office address is scoped",
      resources: [
        core,
        coreBlocking,
        allowances,
        whitelist("w", [{ key: "IP", opValue: "contain", values: "203.0.113.0/24" }]),
      ],
      violations: 0,
    },
    {
      name: "a hostile config: conditions is a string",
      resources: [core, coreBlocking, allowances, whitelist("w", "URL contain /")],
      violations: 0,
    },
  ]);
});

const GRAPHQL = "aws:appsync/graphQLApi:GraphQLApi";
const CLOUDFRONT = "aws:cloudfront/distribution:Distribution";
const APP_RUNNER = "aws:apprunner/service:Service";

describe("adversarial entry points without a web ACL", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "CloudFront with webAclId null",
      resources: [{ type: CLOUDFRONT, name: "cdn", props: { enabled: true, webAclId: null } }],
      violations: 1,
    },
    {
      name: "CloudFront with webAclId blank",
      resources: [{ type: CLOUDFRONT, name: "cdn", props: { enabled: true, webAclId: "  " } }],
      violations: 1,
    },
    {
      name: "CloudFront with webAclId unknown at preview is attached",
      resources: [{ type: CLOUDFRONT, name: "cdn", props: { enabled: true, webAclId: UNKNOWN } }],
      violations: 0,
    },
    {
      name: "AppSync API with visibility in lower case private",
      resources: [
        { type: GRAPHQL, name: "api", props: { name: "a", authenticationType: "API_KEY", visibility: "private" } },
      ],
      violations: 0,
    },
    {
      name: "App Runner service not publicly accessible, given as a string",
      resources: [
        {
          type: APP_RUNNER,
          name: "web",
          props: {
            serviceName: "web",
            networkConfiguration: { ingressConfiguration: { isPubliclyAccessible: "false" } },
          },
        },
      ],
      violations: 0,
    },
  ]);
});
