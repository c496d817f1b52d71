import { recommendRegistryTagImmutability } from "../../policies/rules/recommend-registry-tag-immutability";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { Case, run, table, UNKNOWN } from "./harness";

const ECR = "aws:ecr/repository:Repository";
const ACR = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";
const ACL = "aws:wafv2/webAcl:WebAcl";
const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";

describe("require-registry-image-scanning", () => {
  table(requireRegistryImageScanning, [
    { name: "ECR scan on push", type: ECR, props: { imageScanningConfiguration: { scanOnPush: true } }, violations: 0 },
    { name: "ECR no scanning", type: ECR, props: {}, violations: 1 },
    {
      name: "ECR scanning off",
      type: ECR,
      props: { imageScanningConfiguration: { scanOnPush: false } },
      violations: 1,
    },
    { name: "ACR scanner disabled", type: ACR, props: { imageScanner: "DISABLE" }, violations: 1 },
    { name: "ACR Trivy scanner", type: ACR, props: { imageScanner: "ACR" }, violations: 0 },
  ] as Case[]);
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

const crs = (extra: Record<string, unknown> = {}) => ({
  name: "crs",
  priority: 1,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } },
  visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "crs", sampledRequestsEnabled: true },
  ...extra,
});
const acl = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  scope: "REGIONAL",
  defaultAction: { allow: {} },
  rules,
  ...extra,
});

describe("require-waf-owasp-core-rules", () => {
  table(requireWafOwaspCoreRules, [
    { name: "WebACL with CRS", type: ACL, props: acl([crs()]), violations: 0 },
    { name: "WebACL without rules", type: ACL, props: acl([]), violations: 1 },
    {
      name: "WebACL with only rate limiting",
      type: ACL,
      props: acl([
        {
          name: "rate",
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 100, aggregateKeyType: "IP" } },
        },
      ]),
      violations: 1,
    },
    {
      name: "WebACL with CRS in count mode",
      type: ACL,
      props: acl([crs({ overrideAction: { count: {} } })]),
      violations: 1,
      mentions: "count",
    },
    {
      name: "WebACL with a lookalike vendor",
      type: ACL,
      props: acl([
        crs({ statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "Acme" } } }),
      ]),
      violations: 1,
    },
    {
      name: "WebACL CRS in ruleJson",
      type: ACL,
      props: acl([], {
        ruleJson: JSON.stringify([
          {
            Name: "crs",
            Priority: 1,
            OverrideAction: { None: {} },
            Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } },
          },
        ]),
      }),
      violations: 0,
    },
    { name: "WebACL with unknown rules is a note", type: ACL, props: acl(UNKNOWN as never), violations: 0, notes: 1 },
    {
      name: "Alicloud core template enabled",
      type: TEMPLATE,
      props: { defenseScene: "waf_group", status: "1", templateType: "user_custom" },
      violations: 0,
    },
    {
      name: "Alicloud core template disabled",
      type: TEMPLATE,
      props: { defenseScene: "waf_group", status: "0", templateType: "user_custom" },
      violations: 1,
    },
    {
      name: "Alicloud anti-scan template disabled is another rule's concern",
      type: TEMPLATE,
      props: { defenseScene: "antiscan", status: "0" },
      violations: 0,
    },
  ] as Case[]);
});
