// The WAF rules judge what raw CloudFormation templates deploy as they judge the program's: template load balancers
// and CloudFront distributions need a web ACL (require-waf-on-internet-endpoints), template web ACLs need the core rule
// set (require-waf-owasp-core-rules) and a rate-based rule (require-waf-rate-limit). Template resources link by the
// references the template writes (Ref, GetAtt, parameters the program feeds); findings land on their container.
import { readFileSync } from "fs";
import { providerKey, providerShape } from "../../policies/lib/templates/aws-template-waf-keys";
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { requireWafRateLimit } from "../../policies/stack/require-waf-rate-limit";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { CFN_STACK, CFN_STACK_SET, TemplateResources } from "./templates-fixtures";
import { cfn, container, expectTemplateFindings, stack, TemplateOutcome, VISIBILITY } from "./templates-waf-harness";

const WAF = "require-waf-on-internet-endpoints";
const OWASP = "require-waf-owasp-core-rules";
const RATE = "require-waf-rate-limit";
type RuleName = typeof WAF | typeof OWASP | typeof RATE;
const RULES = { [WAF]: requireWafOnInternetEndpoints, [OWASP]: requireWafOwaspCoreRules, [RATE]: requireWafRateLimit };
const rule = (name: RuleName) => RULES[name];

interface WafCase {
  name: string;
  resources: StackInput[];
  /** Every rule left out must report nothing. */
  expect: Partial<Record<RuleName, TemplateOutcome>>;
  /** URN every violation and note must be attached to (default: the container `web`). */
  urn?: string;
}

function wafTable(cases: WafCase[]) {
  const rows = cases.flatMap((c) => [WAF, OWASP, RATE].map((r) => [`${c.name} — ${r}`, c, r as RuleName] as const));
  it.each(rows)("%s", async (_n, c, name) => {
    await expectTemplateFindings(rule(name), c.resources, c.expect[name] ?? { violations: 0 }, c.urn);
  });
}

/** The AWS core rule set, blocking (OverrideAction None), as CloudFormation writes it. */
const core = (extra: Record<string, unknown> = {}, statement: Record<string, unknown> = {}) => ({
  Name: "core",
  Priority: 10,
  OverrideAction: { None: {} },
  Statement: {
    ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet", ...statement },
  },
  VisibilityConfig: VISIBILITY,
  ...extra,
});

/** A per-client-IP rate-based rule: 1000 requests per 300 s, blocking. */
const rate = (statement: Record<string, unknown> = {}, action: unknown = { Block: {} }) => ({
  Name: "rate",
  Priority: 20,
  Action: action,
  Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP", ...statement } },
  VisibilityConfig: VISIBILITY,
});

const webAcl = (rules: unknown, scope = "REGIONAL") => ({
  Type: "AWS::WAFv2::WebACL",
  Properties: { Scope: scope, DefaultAction: { Allow: {} }, Rules: rules, VisibilityConfig: VISIBILITY },
});

const alb = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
  Properties: { Scheme: "internet-facing", Type: "application", Subnets: ["subnet-1", "subnet-2"], ...props },
});

const association = (resourceArn: unknown = { Ref: "Alb" }) => ({
  Type: "AWS::WAFv2::WebACLAssociation",
  Properties: { ResourceArn: resourceArn, WebACLArn: { "Fn::GetAtt": ["WebAcl", "Arn"] } },
});

/** An internet-facing ALB behind a web ACL with the core rule set and a rate rule: the template that does it right. */
const good = (): TemplateResources => ({ Alb: alb(), WebAcl: webAcl([core(), rate()]), Assoc: association() });

const distribution = (config: Record<string, unknown> = {}) => ({
  Type: "AWS::CloudFront::Distribution",
  Properties: {
    DistributionConfig: {
      Enabled: true,
      Origins: [{ Id: "site", DomainName: "example.com", CustomOriginConfig: { OriginProtocolPolicy: "https-only" } }],
      DefaultCacheBehavior: { TargetOriginId: "site", ViewerProtocolPolicy: "redirect-to-https" },
      ...config,
    },
  },
});

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: web, SampledRequestsEnabled: true }
      Rules:
        - Name: core
          Priority: 10
          OverrideAction: { None: {} }
          Statement:
            ManagedRuleGroupStatement: { VendorName: AWS, Name: GROUP }
          VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: core, SampledRequestsEnabled: true }
        - Name: rate
          Priority: 20
          Action: { Block: {} }
          Statement:
            RateBasedStatement: { Limit: 1000, AggregateKeyType: IP }
          VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: rate, SampledRequestsEnabled: true }
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Alb
      WebACLArn: !GetAtt WebAcl.Arn
`;
const yaml = (group: string) => YAML.replace("GROUP", group);

describe("template load balancers, distributions and web ACLs", () => {
  wafTable([
    {
      name: "an internet-facing ALB with no web ACL association",
      resources: [stack(cfn({ Alb: alb() }))],
      expect: {
        [WAF]: {
          violations: 1,
          mentions:
            "template resource Alb (AWS::ElasticLoadBalancingV2::LoadBalancer): web/Alb: internet-facing application load balancer has no WAF",
        },
      },
    },
    {
      name: "an ALB without Scheme is internet-facing",
      resources: [stack(cfn({ Alb: alb({ Scheme: undefined }) }))],
      expect: { [WAF]: { violations: 1 } },
    },
    {
      name: "ALB, association and a web ACL with the core rule set blocking and a rate rule",
      resources: [stack(cfn(good()))],
      expect: {},
    },
    { name: "the same in a stack set", resources: [{ ...stack(cfn(good())), type: CFN_STACK_SET }], expect: {} },
    {
      name: "the association names the ALB by GetAtt LoadBalancerArn",
      resources: [stack(cfn({ ...good(), Assoc: association({ "Fn::GetAtt": ["Alb", "LoadBalancerArn"] }) }))],
      expect: {},
    },
    {
      name: "the associated web ACL lacks the core rule set",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([rate()]) }))],
      expect: {
        [OWASP]: {
          violations: 1,
          mentions: "template resource WebAcl (AWS::WAFv2::WebACL): no rule uses the AWS managed group",
        },
      },
    },
    {
      name: "the core rule set only counted",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([core({ OverrideAction: { Count: {} } }), rate()]) }))],
      expect: { [OWASP]: { violations: 1, mentions: "is only counted" } },
    },
    {
      name: "the core rule set with its XSS rule overridden to count (RuleActionOverrides)",
      resources: [
        stack(
          cfn({
            ...good(),
            WebAcl: webAcl([
              core({}, { RuleActionOverrides: [{ Name: "CrossSiteScripting_BODY", ActionToUse: { Count: {} } }] }),
              rate(),
            ]),
          }),
        ),
      ],
      expect: { [OWASP]: { violations: 1, mentions: "overrides CrossSiteScripting_BODY to count or allow" } },
    },
    {
      name: "the core rule set scoped down to one header",
      resources: [
        stack(
          cfn({
            ...good(),
            WebAcl: webAcl([
              core(
                {},
                {
                  ScopeDownStatement: {
                    ByteMatchStatement: {
                      FieldToMatch: { SingleHeader: { Name: "x-inspect" } },
                      PositionalConstraint: "EXACTLY",
                      SearchString: "1",
                      TextTransformations: [{ Priority: 0, Type: "NONE" }],
                    },
                  },
                },
              ),
              rate(),
            ]),
          }),
        ),
      ],
      expect: { [OWASP]: { violations: 1, mentions: "scopeDownStatement" } },
    },
    {
      name: "an allow rule matching every path (SizeConstraint >= 0) ahead of the core rule set",
      resources: [
        stack(
          cfn({
            ...good(),
            WebAcl: webAcl([
              {
                Name: "open",
                Priority: 1,
                Action: { Allow: {} },
                Statement: {
                  SizeConstraintStatement: {
                    FieldToMatch: { UriPath: {} },
                    ComparisonOperator: "GE",
                    Size: 0,
                    TextTransformations: [{ Priority: 0, Type: "NONE" }],
                  },
                },
                VisibilityConfig: VISIBILITY,
              },
              core(),
              rate(),
            ]),
          }),
        ),
      ],
      // The allow ends evaluation before the rate-based rule too.
      expect: {
        [OWASP]: { violations: 1, mentions: "allow" },
        [RATE]: { violations: 1, mentions: "allows every request before rule rate" },
      },
    },
    {
      name: "no rate-based rule",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([core()]) }))],
      expect: {
        [RATE]: { violations: 1, mentions: "template resource WebAcl (AWS::WAFv2::WebACL): no rate-based rule" },
      },
    },
    {
      name: "a rate rule that only counts",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([core(), rate({}, { Count: {} })]) }))],
      expect: { [RATE]: { violations: 1 } },
    },
    {
      name: "a rate limit of 5000 per 60 s (25,000 per 300 s)",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([core(), rate({ Limit: 5000, EvaluationWindowSec: 60 })]) }))],
      expect: { [RATE]: { violations: 1 } },
    },
    {
      name: "a rate rule scoped down to the login path",
      resources: [
        stack(
          cfn({
            ...good(),
            WebAcl: webAcl([
              core(),
              rate({
                ScopeDownStatement: {
                  ByteMatchStatement: {
                    FieldToMatch: { UriPath: {} },
                    PositionalConstraint: "STARTS_WITH",
                    SearchStringBase64: Buffer.from("/login").toString("base64"),
                    TextTransformations: [{ Priority: 0, Type: "NONE" }],
                  },
                },
              }),
            ]),
          }),
        ),
      ],
      expect: {},
    },
    {
      name: "an internal ALB with no web ACL",
      resources: [stack(cfn({ Alb: alb({ Scheme: "internal" }) }))],
      expect: {},
    },
    {
      name: "a network load balancer with no web ACL",
      resources: [stack(cfn({ Alb: alb({ Type: "network" }) }))],
      expect: {},
    },
    {
      name: "a CloudFront distribution without WebACLId",
      resources: [stack(cfn({ Cdn: distribution() }))],
      expect: {
        [WAF]: {
          violations: 1,
          mentions:
            "template resource Cdn (AWS::CloudFront::Distribution): web/Cdn: CloudFront distribution has no WAF",
        },
      },
    },
    {
      name: "a CloudFront distribution with a blank WebACLId",
      resources: [stack(cfn({ Cdn: distribution({ WebACLId: " " }) }))],
      expect: { [WAF]: { violations: 1 } },
    },
    {
      name: "a CloudFront distribution naming the template's CLOUDFRONT web ACL by GetAtt Arn",
      resources: [
        stack(
          cfn({
            WebAcl: webAcl([core(), rate()], "CLOUDFRONT"),
            Cdn: distribution({ WebACLId: { "Fn::GetAtt": ["WebAcl", "Arn"] } }),
          }),
        ),
      ],
      expect: {},
    },
    {
      name: "YAML short forms (!Ref Alb, !GetAtt WebAcl.Arn)",
      resources: [stack(yaml("AWSManagedRulesCommonRuleSet"))],
      expect: {},
    },
    {
      name: "YAML: the web ACL uses another managed group instead",
      resources: [stack(yaml("AWSManagedRulesSQLiRuleSet"))],
      expect: { [OWASP]: { violations: 1, mentions: "AWSManagedRulesCommonRuleSet" } },
    },
  ]);

  it("names the web ACL of each of two containers on its own container", async () => {
    const ds = await runStack(rule(OWASP), [
      stack(cfn({ WebAcl: webAcl([rate()]) })),
      { ...stack(cfn(good())), name: "other" },
      { ...stack(cfn({ WebAcl: webAcl([]) })), name: "third" },
    ]);
    expect(ds.map((d) => d.urn).sort()).toEqual([container, urnOf(CFN_STACK, "third")].sort());
  });
});

describe("rule groups and IP sets the template's rules reference", () => {
  const group = (rules: unknown[]) => ({
    Type: "AWS::WAFv2::RuleGroup",
    Properties: { Scope: "REGIONAL", Capacity: 100, Rules: rules, VisibilityConfig: VISIBILITY },
  });
  const groupRef = (statement: Record<string, unknown> = {}) => ({
    Name: "floods",
    Priority: 20,
    OverrideAction: { None: {} },
    Statement: { RuleGroupReferenceStatement: { Arn: { "Fn::GetAtt": ["Group", "Arn"] }, ...statement } },
    VisibilityConfig: VISIBILITY,
  });
  const ipSet = (version: string, addresses: string[]) => ({
    Type: "AWS::WAFv2::IPSet",
    Properties: { Scope: "REGIONAL", IPAddressVersion: version, Addresses: addresses },
  });
  const allowSets = {
    Name: "everyone",
    Priority: 1,
    Action: { Allow: {} },
    Statement: {
      OrStatement: {
        Statements: [
          { IPSetReferenceStatement: { Arn: { "Fn::GetAtt": ["V4", "Arn"] } } },
          { IPSetReferenceStatement: { Arn: { "Fn::GetAtt": ["V6", "Arn"] } } },
        ],
      },
    },
    VisibilityConfig: VISIBILITY,
  };
  const withSets = (v4: string[]) =>
    cfn({
      ...good(),
      WebAcl: webAcl([allowSets, core(), rate()]),
      V4: ipSet("IPV4", v4),
      V6: ipSet("IPV6", ["::/1", "8000::/1"]),
    });
  wafTable([
    {
      name: "the rate rule in a template rule group the web ACL references",
      resources: [stack(cfn({ ...good(), WebAcl: webAcl([core(), groupRef()]), Group: group([rate()]) }))],
      expect: {},
    },
    {
      name: "the same group with its rate rule overridden to count",
      resources: [
        stack(
          cfn({
            ...good(),
            WebAcl: webAcl([core(), groupRef({ RuleActionOverrides: [{ Name: "rate", ActionToUse: { Count: {} } }] })]),
            Group: group([rate()]),
          }),
        ),
      ],
      expect: { [RATE]: { violations: 1 } },
    },
    {
      name: "an allow rule ahead of the core rule set for IP sets covering IPv4 and IPv6",
      resources: [stack(withSets(["0.0.0.0/1", "128.0.0.0/1"]))],
      expect: {
        [OWASP]: { violations: 1, mentions: "allow" },
        [RATE]: { violations: 1, mentions: "allows every request before rule rate" },
      },
    },
    {
      name: "the same allow rule for an office's IPv4 block",
      resources: [stack(withSets(["203.0.113.0/24"]))],
      expect: {},
    },
  ]);
});

describe("conditions and values unknown at preview", () => {
  const ENV = {
    Parameters: { UseWaf: { Type: "String", Default: "no" } },
    Conditions: { WafOn: { "Fn::Equals": [{ Ref: "UseWaf" }, "yes"] } },
  };
  const conditional = cfn({ ...good(), Assoc: { ...association(), Condition: "WafOn" } }, ENV);
  const fed = (name: string, type = "String") => ({ Parameters: { [name]: { Type: type } } });
  wafTable([
    {
      name: "a Condition false with the default removes the association",
      resources: [stack(conditional)],
      expect: { [WAF]: { violations: 1, mentions: "internet-facing application load balancer has no WAF" } },
    },
    {
      name: "the Condition true with the parameter the program passes",
      resources: [stack(conditional, { parameters: { UseWaf: "yes" } })],
      expect: {},
    },
    {
      name: "the Condition undecided at preview: a note, never a pass",
      resources: [stack(conditional, { parameters: { UseWaf: UNKNOWN } })],
      expect: { [WAF]: { violations: 0, notes: 1, mentions: "only if condition WafOn holds" } },
    },
    {
      name: "the web ACL's Rules from a parameter fed by an unknown program output",
      resources: [
        stack(cfn({ ...good(), WebAcl: webAcl({ Ref: "Rules" }) }, fed("Rules")), { parameters: { Rules: UNKNOWN } }),
      ],
      expect: { [OWASP]: { violations: 0, notes: 1 }, [RATE]: { violations: 0, notes: 1 } },
    },
    {
      name: "the rate limit from a parameter fed by an unknown program output",
      resources: [
        stack(cfn({ ...good(), WebAcl: webAcl([core(), rate({ Limit: { Ref: "Limit" } })]) }, fed("Limit", "Number")), {
          parameters: { Limit: UNKNOWN },
        }),
      ],
      expect: { [RATE]: { violations: 0, notes: 1 } },
    },
    {
      name: "the rate limit from a parameter's default of 100000",
      resources: [
        stack(
          cfn(
            { ...good(), WebAcl: webAcl([core(), rate({ Limit: { Ref: "Limit" } })]) },
            { Parameters: { Limit: { Type: "Number", Default: 100000 } } },
          ),
        ),
      ],
      expect: { [RATE]: { violations: 1 } },
    },
    {
      name: "the core rule set under an Fn::If undecided at preview",
      resources: [
        stack(
          cfn({ ...good(), WebAcl: webAcl([{ "Fn::If": ["WafOn", core(), { Ref: "AWS::NoValue" }] }, rate()]) }, ENV),
          { parameters: { UseWaf: UNKNOWN } },
        ),
      ],
      // A rule undecided at preview may allow every request ahead of the rate-based rule too.
      expect: { [OWASP]: { violations: 0, notes: 1 }, [RATE]: { violations: 0, notes: 1 } },
    },
    {
      name: "the ALB's Scheme from a parameter fed by an unknown program output",
      resources: [
        stack(cfn({ Alb: alb({ Scheme: { Ref: "Scheme" } }) }, fed("Scheme")), { parameters: { Scheme: UNKNOWN } }),
      ],
      expect: { [WAF]: { violations: 0, notes: 1 } },
    },
  ]);
});

describe("links between template and program resources", () => {
  const LB = "aws:lb/loadBalancer:LoadBalancer";
  const programAlb = { type: LB, name: "edge", props: { internal: false, loadBalancerType: "application" } };
  const albUrn = urnOf(LB, "edge");
  const programAssociation = (deps: string[]) => ({
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    name: "assoc",
    props: { resourceArn: UNKNOWN, webAclArn: "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/1" },
    propertyDependencies: { resourceArn: deps },
  });
  wafTable([
    {
      name: "a template association in front of a program ALB fed through a parameter",
      resources: [
        programAlb,
        stack(
          cfn(
            { WebAcl: webAcl([core(), rate()]), Assoc: association({ Ref: "AlbArn" }) },
            { Parameters: { AlbArn: { Type: "String" } } },
          ),
          { parameters: { AlbArn: UNKNOWN } },
          { propertyDependencies: { parameters: [albUrn] } },
        ),
      ],
      expect: {},
    },
    {
      name: "the program ALB without it",
      resources: [programAlb, stack(cfn({ WebAcl: webAcl([core(), rate()]) }))],
      expect: { [WAF]: { violations: 1 } },
      urn: albUrn,
    },
    {
      name: "a program association whose resourceArn is an output of the template's container: a note",
      resources: [stack(cfn({ Alb: alb() })), programAssociation([container])],
      expect: { [WAF]: { violations: 0, notes: 1, mentions: "an output of the template" } },
    },
    {
      name: "a program association to a program ALB leaves the template's ALB unprotected",
      resources: [programAlb, stack(cfn({ Alb: alb() })), programAssociation([albUrn])],
      expect: { [WAF]: { violations: 1 } },
    },
  ]);
});

describe("CloudFormation WAFv2 keys in the provider's spelling", () => {
  // The provider's input types: each converted key must be a property name the provider declares.
  const inputs = readFileSync(require.resolve("@pulumi/aws/types/input.d.ts"), "utf8");
  it.each([
    ["ManagedRuleGroupStatement", "managedRuleGroupStatement"],
    ["RuleActionOverrides", "ruleActionOverrides"],
    ["ActionToUse", "actionToUse"],
    ["RateBasedStatement", "rateBasedStatement"],
    ["ScopeDownStatement", "scopeDownStatement"],
    ["EvaluationWindowSec", "evaluationWindowSec"],
    ["OverrideAction", "overrideAction"],
    ["Action", "action"],
    ["TextTransformations", "textTransformations"],
    ["IPSetReferenceStatement", "ipSetReferenceStatement"],
    ["IPSetForwardedIPConfig", "ipSetForwardedIpConfig"],
    ["ForwardedIPConfig", "forwardedIpConfig"],
    ["HTTPMethod", "httpMethod"],
    ["IP", "ip"],
    ["JA3Fingerprint", "ja3Fingerprint"],
    ["AWSManagedRulesACFPRuleSet", "awsManagedRulesAcfpRuleSet"],
    ["AWSManagedRulesBotControlRuleSet", "awsManagedRulesBotControlRuleSet"],
    ["AWSManagedRulesAntiDDoSRuleSet", "awsManagedRulesAntiDdosRuleSet"],
    ["CloudWatchMetricsEnabled", "cloudwatchMetricsEnabled"],
    ["RegexPatternSetReferenceStatement", "regexPatternSetReferenceStatement"],
  ])("%s → %s", (cfnKey, provider) => {
    expect(providerKey(cfnKey)).toBe(provider);
    expect(inputs).toMatch(new RegExp(`\\b${provider}\\??: pulumi\\.Input`));
  });

  it("converts nested rules, decodes SearchStringBase64 and keeps values", () => {
    expect(
      providerShape([
        {
          Statement: {
            NotStatement: {
              Statement: {
                ByteMatchStatement: { SearchStringBase64: Buffer.from("/admin").toString("base64"), Name: UNKNOWN },
              },
            },
          },
          RuleLabels: [{ Name: "Keep:This" }],
        },
        UNKNOWN,
      ]),
    ).toEqual([
      {
        statement: { notStatement: { statement: { byteMatchStatement: { searchString: "/admin", name: UNKNOWN } } } },
        ruleLabels: [{ name: "Keep:This" }],
      },
      UNKNOWN,
    ]);
  });
});
