import { recommendRegistryTagImmutability } from "../../policies/rules/recommend-registry-tag-immutability";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { run, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ECR = "aws:ecr/repository:Repository";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const ACR = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";
const ACL = "aws:wafv2/webAcl:WebAcl";
const WAF_RULE = "aws:wafv2/webAclRule:WebAclRule";
const ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";

const one = (type: string, props: Record<string, unknown>, name = "res"): StackInput[] => [{ type, name, props }];

const repo = (props: Record<string, unknown> = {}): StackInput => ({
  type: ECR,
  name: "api",
  props: { name: "app-api", ...props },
});
const registry = (scanType: unknown, rules: unknown, extra: Record<string, unknown> = {}): StackInput => ({
  type: SCANNING,
  name: "registry",
  props: { scanType, rules, ...extra },
});
const scanRule = (filter: unknown, scanFrequency: unknown = "CONTINUOUS_SCAN") => ({
  scanFrequency,
  repositoryFilters: [{ filter, filterType: "WILDCARD" }],
});

describe("require-registry-image-scanning", () => {
  const violations = { urn: urnOf(ECR, "api"), mentions: "not scanned" };
  stackTable(requireRegistryImageScanning, [
    {
      name: "ECR scan on push",
      resources: [repo({ imageScanningConfiguration: { scanOnPush: true } })],
      violations: 0,
    },
    { name: "ECR no scanning", resources: [repo()], violations: 1, ...violations },
    {
      name: "ECR scanning off",
      resources: [repo({ imageScanningConfiguration: { scanOnPush: false } })],
      violations: 1,
      ...violations,
    },
    {
      name: "ECR scanOnPush unknown is a note",
      resources: [repo({ imageScanningConfiguration: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "ACR scanner disabled", resources: one(ACR, { imageScanner: "DISABLE" }), violations: 1 },
    { name: "ACR Trivy scanner", resources: one(ACR, { imageScanner: "ACR" }), violations: 0 },
    // Registry-wide scanning, which the remediation offers, covers repositories without their own scanOnPush.
    {
      name: "ENHANCED scanning of every repository",
      resources: [repo(), registry("ENHANCED", [scanRule("*")])],
      violations: 0,
    },
    {
      name: "ENHANCED scanning covers the repository when its own scanning is off",
      resources: [repo({ imageScanningConfiguration: { scanOnPush: false } }), registry("ENHANCED", [scanRule("*")])],
      violations: 0,
    },
    {
      name: "ENHANCED prefix filter matching",
      resources: [repo(), registry("ENHANCED", [scanRule("app-*")])],
      violations: 0,
    },
    {
      name: "ENHANCED prefix filter for other repositories",
      resources: [repo(), registry("ENHANCED", [scanRule("billing-*")])],
      violations: 1,
      ...violations,
    },
    { name: "ENHANCED without rules scans nothing", resources: [repo(), registry("ENHANCED", [])], violations: 1 },
    {
      name: "BASIC scanning on push of every repository",
      resources: [repo(), registry("BASIC", [scanRule("*", "SCAN_ON_PUSH")])],
      violations: 0,
    },
    { name: "BASIC manual scanning", resources: [repo(), registry("BASIC", [scanRule("*", "MANUAL")])], violations: 1 },
    {
      name: "registry scanning in another region",
      resources: [repo({ region: "eu-west-1" }), registry("ENHANCED", [scanRule("*")], { region: "us-east-1" })],
      violations: 1,
    },
    {
      name: "unknown scan type is a note",
      resources: [repo(), registry(UNKNOWN, [scanRule("*")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown repository filter is a note",
      resources: [repo(), registry("ENHANCED", [scanRule(UNKNOWN)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown repository name under a prefix filter is a note",
      resources: [repo({ name: UNKNOWN }), registry("ENHANCED", [scanRule("app-*")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown repository name under a * filter",
      resources: [repo({ name: UNKNOWN }), registry("ENHANCED", [scanRule("*")])],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("recommend-registry-tag-immutability (advisory)", () => {
  it("advises on mutable tags and passes immutable ones", async () => {
    const mutable = await run(recommendRegistryTagImmutability, ECR, {});
    expect(mutable.map((d) => d.level)).toEqual(["advisory"]);
    expect(await run(recommendRegistryTagImmutability, ECR, { imageTagMutability: "IMMUTABLE" })).toEqual([]);
    expect(
      await run(recommendRegistryTagImmutability, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo", {
        tagImmutability: true,
      }),
    ).toEqual([]);
  });
});

const CRS = { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" };
const crs = (extra: Record<string, unknown> = {}, group: Record<string, unknown> = {}) => ({
  name: "crs",
  priority: 1,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { ...CRS, ...group } },
  visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "crs", sampledRequestsEnabled: true },
  ...extra,
});
const acl = (rules: unknown[], extra: Record<string, unknown> = {}): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules, arn: UNKNOWN, ...extra },
});
const overrides = (action: string, ...names: string[]) => ({
  ruleActionOverrides: names.map((name) => ({ name, actionToUse: { [action]: {} } })),
});
/** A separate rule resource linked to the WebACL at preview (property dependency on an unknown ARN). */
const attached = (type: string, props: Record<string, unknown>, name = "crs"): StackInput => ({
  type,
  name,
  props: { webAclArn: UNKNOWN, priority: 1, ...props },
  propertyDependencies: { webAclArn: [urnOf(ACL, "edge")] },
});
const association = (props: Record<string, unknown> = {}) =>
  attached(ASSOCIATION, { ruleName: "crs", managedRuleGroup: CRS, ...props });
const everyCrsRule = [
  "NoUserAgent_HEADER",
  "SizeRestrictions_BODY",
  "GenericLFI_BODY",
  "GenericRFI_QUERYARGUMENTS",
  "CrossSiteScripting_BODY",
  "CrossSiteScripting_QUERYARGUMENTS",
];

describe("require-waf-owasp-core-rules", () => {
  const onAcl = { urn: urnOf(ACL, "edge") };
  stackTable(requireWafOwaspCoreRules, [
    { name: "WebACL with CRS", resources: [acl([crs()])], violations: 0 },
    { name: "WebACL without rules", resources: [acl([])], violations: 1, ...onAcl },
    {
      name: "WebACL with only rate limiting",
      resources: [
        acl([
          {
            name: "rate",
            priority: 1,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 100, aggregateKeyType: "IP" } },
          },
        ]),
      ],
      violations: 1,
    },
    {
      name: "WebACL with CRS in count mode",
      resources: [acl([crs({ overrideAction: { count: {} } })])],
      violations: 1,
      mentions: "count",
    },
    {
      name: "WebACL with a lookalike vendor",
      resources: [acl([crs({}, { vendorName: "Acme" })])],
      violations: 1,
    },
    {
      name: "WebACL CRS in ruleJson",
      resources: [
        acl([], {
          ruleJson: JSON.stringify([
            {
              Name: "crs",
              Priority: 1,
              OverrideAction: { None: {} },
              Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } },
            },
          ]),
        }),
      ],
      violations: 0,
    },
    { name: "WebACL with unknown rules is a note", resources: [acl(UNKNOWN as never)], violations: 0, notes: 1 },
    // The core rule set attached by separate resources (the WebACL then ignores changes to its inline rules).
    { name: "CRS through a WebAclRuleGroupAssociation", resources: [acl([]), association()], violations: 0 },
    {
      name: "CRS association linked after deployment by equal ARNs",
      resources: [
        acl([], { arn: "arn:aws:wafv2:acl/edge" }),
        {
          ...association(),
          props: { ...association().props, webAclArn: "arn:aws:wafv2:acl/edge" },
          propertyDependencies: {},
        },
      ],
      violations: 0,
    },
    {
      name: "CRS association on another WebACL",
      resources: [acl([]), { ...association(), propertyDependencies: { webAclArn: [urnOf(ACL, "other")] } }],
      violations: 1,
      ...onAcl,
    },
    {
      name: "CRS association in count mode",
      resources: [acl([]), association({ overrideAction: "count" })],
      violations: 1,
      mentions: "count",
    },
    {
      name: "CRS association with an unknown group is a note",
      resources: [acl([]), association({ managedRuleGroup: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "CRS through a WebAclRule", resources: [acl([]), attached(WAF_RULE, crs())], violations: 0 },
    {
      name: "CRS WebAclRule in count mode",
      resources: [acl([]), attached(WAF_RULE, crs({ overrideAction: { count: {} } }))],
      violations: 1,
      mentions: "count",
    },
    // Group enabled, but the rules that matter overridden to count or allow: it blocks none of those attacks.
    {
      name: "CRS with every rule overridden to count",
      resources: [acl([crs({}, overrides("count", ...everyCrsRule))])],
      violations: 1,
      mentions: "CrossSiteScripting_BODY",
    },
    {
      name: "CRS with a file-inclusion rule overridden to allow",
      resources: [acl([crs({}, overrides("allow", "GenericLFI_BODY"))])],
      violations: 1,
      mentions: "GenericLFI_BODY",
    },
    {
      name: "CRS with an unprotected rule counted",
      resources: [acl([crs({}, overrides("count", "SizeRestrictions_QUERYSTRING"))])],
      violations: 0,
    },
    {
      name: "CRS with the missing User-Agent rule counted (scanners then pass)",
      resources: [acl([crs({}, overrides("count", "NoUserAgent_HEADER"))])],
      violations: 1,
      mentions: "NoUserAgent_HEADER",
    },
    {
      name: "CRS with a protected rule overridden to captcha",
      resources: [acl([crs({}, overrides("captcha", "CrossSiteScripting_BODY"))])],
      violations: 0,
    },
    {
      name: "CRS association with a protected rule counted",
      resources: [acl([]), association({ managedRuleGroup: { ...CRS, ...overrides("count", "GenericRFI_BODY") } })],
      violations: 1,
      mentions: "GenericRFI_BODY",
    },
    {
      name: "CRS in ruleJson with a protected rule counted or excluded",
      resources: [
        acl([], {
          ruleJson: JSON.stringify([
            {
              Name: "crs",
              OverrideAction: { None: {} },
              Statement: {
                ManagedRuleGroupStatement: {
                  ...{ VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" },
                  RuleActionOverrides: [{ Name: "CrossSiteScripting_BODY", ActionToUse: { Count: {} } }],
                  ExcludedRules: [{ Name: "SizeRestrictions_BODY" }],
                },
              },
            },
          ]),
        }),
      ],
      violations: 1,
      mentions: "SizeRestrictions_BODY",
    },
    {
      name: "configured protected rules",
      resources: [acl([crs({}, overrides("count", "SizeRestrictions_BODY"))])],
      config: { protectedRules: ["CrossSiteScripting_*", "GenericLFI_*", "GenericRFI_*"] },
      violations: 0,
    },
    {
      name: "one blocking CRS use beside a counted one",
      resources: [acl([crs({ overrideAction: { count: {} } })]), association()],
      violations: 0,
    },
    {
      name: "unknown rule overrides are a note",
      resources: [acl([crs({}, { ruleActionOverrides: UNKNOWN })])],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown override action is a note",
      resources: [acl([crs({ overrideAction: UNKNOWN })])],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alicloud core template enabled",
      resources: one(TEMPLATE, { defenseScene: "waf_group", status: "1", templateType: "user_custom" }),
      violations: 0,
    },
    {
      name: "Alicloud core template disabled",
      resources: one(TEMPLATE, { defenseScene: "waf_group", status: "0", templateType: "user_custom" }, "tpl"),
      violations: 1,
      urn: urnOf(TEMPLATE, "tpl"),
    },
    {
      name: "Alicloud anti-scan template disabled is another rule's concern",
      resources: one(TEMPLATE, { defenseScene: "antiscan", status: "0" }),
      violations: 0,
    },
  ] as StackCase[]);
});
