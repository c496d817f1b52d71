// Rate limits a flooding client slips past: a count keyed on values the client writes, an allow-everything rule that
// runs first, a scope-down no request matches, and values that once crashed the rule.
import { requireWafRateLimit } from "../../policies/stack/require-waf-rate-limit";
import { UNKNOWN } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import {
  ACL_URN,
  acl,
  ASSOCIATION,
  customTemplate,
  domain,
  DOMAIN_URN,
  rateConfig,
  rateRule,
  rateRuleAli,
  reference,
  RULE_GROUP,
  ruleGroup,
  WAF_RULE,
} from "./waf-rate-fixtures";

/** A value whose toString is not a function: String() and template literals throw on it. */
const HOSTILE = { toString: 1 };

const forwarded = (fallbackBehavior: unknown, headerName: unknown = "X-Forwarded-For") => ({
  aggregateKeyType: "FORWARDED_IP",
  forwardedIpConfig: { headerName, fallbackBehavior },
});

const customKeys = (...keys: unknown[]) => ({ aggregateKeyType: "CUSTOM_KEYS", customKeys: keys });

const pathStartsWith = (searchString: unknown) => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: "STARTS_WITH",
    searchString,
    textTransformations: [{ priority: 0, type: "NONE" }],
  },
});

const not = (statement: unknown) => ({ notStatement: { statement } });

const scopedRate = (scopeDownStatement: unknown) => rateRule({ scopeDownStatement });

/** The rate rule at priority 20, after whatever the test puts first. */
const lateRate = { ...rateRule(), priority: 20 };

const allowRule = (statement: unknown, priority: unknown = 0, action: unknown = { allow: {} }) => ({
  name: "allow-all",
  priority,
  action,
  statement,
  visibilityConfig: { sampledRequestsEnabled: true, cloudwatchMetricsEnabled: true, metricName: "allow" },
});

const antiDdos = (priority: number) => ({
  name: "anti-ddos",
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAntiDDoSRuleSet" } },
});

const OPEN_GROUP_ARN = "arn:aws:wafv2:eu-west-1:111122223333:regional/rulegroup/open/1";

/** A rule group of the stack whose one rule allows every request. */
const openGroup = {
  type: RULE_GROUP,
  name: "open",
  props: {
    name: "open",
    scope: "REGIONAL",
    capacity: 10,
    arn: OPEN_GROUP_ARN,
    rules: [allowRule(pathStartsWith("/"))],
  },
};

const keys: StackCase[] = [
  {
    name: "FORWARDED_IP with fallbackBehavior NO_MATCH: a client without a valid address there is never counted",
    resources: [acl([rateRule(forwarded("NO_MATCH"))])],
    violations: 1,
    mentions: 'first address in header "X-Forwarded-For" with fallbackBehavior NO_MATCH',
    urn: ACL_URN,
  },
  {
    name: "FORWARDED_IP with fallbackBehavior MATCH: only a proxy that overwrites the header makes it the client's",
    resources: [acl([rateRule(forwarded("MATCH"))])],
    violations: 0,
    notes: 1,
  },
  {
    name: "FORWARDED_IP on a header a CDN may write: still a note",
    resources: [acl([rateRule(forwarded("MATCH", "True-Client-IP"))])],
    violations: 0,
    notes: 1,
  },
  {
    name: "FORWARDED_IP with no_match in lower case",
    resources: [acl([rateRule(forwarded("no_match"))])],
    violations: 1,
  },
  {
    name: "FORWARDED_IP with forwardedIpConfig unknown",
    resources: [acl([rateRule({ aggregateKeyType: "FORWARDED_IP", forwardedIpConfig: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "FORWARDED_IP with fallbackBehavior unknown",
    resources: [acl([rateRule(forwarded(UNKNOWN))])],
    violations: 0,
    notes: 1,
  },
  {
    name: "CUSTOM_KEYS on a client header alone",
    resources: [acl([rateRule(customKeys({ header: { name: "x-client-id" } }))])],
    violations: 1,
    mentions: "counts per header (customKeys without ip), which the client sends",
  },
  {
    name: "CUSTOM_KEYS on a cookie alone",
    resources: [acl([rateRule(customKeys({ cookie: { name: "session" } }))])],
    violations: 1,
  },
  { name: "CUSTOM_KEYS on the ip alone", resources: [acl([rateRule(customKeys({ ip: {} }))])], violations: 0 },
  {
    name: "CUSTOM_KEYS on ip and a header: a client rotating the header escapes",
    resources: [acl([rateRule(customKeys({ ip: {} }, { header: { name: "x-client-id" } }))])],
    violations: 1,
    mentions: "each combination of client address and header separately",
  },
  {
    name: "CUSTOM_KEYS on ip and the URI path: a client spreading over paths escapes",
    resources: [acl([rateRule(customKeys({ ip: {} }, { uriPath: { textTransformations: [] } }))])],
    violations: 1,
    mentions: "uriPath",
  },
  {
    name: "CUSTOM_KEYS on the forwarded address alone, NO_MATCH",
    resources: [acl([rateRule({ ...forwarded("NO_MATCH"), ...customKeys({ forwardedIp: {} }) })])],
    violations: 1,
    mentions: "fallbackBehavior NO_MATCH",
  },
  {
    name: "CUSTOM_KEYS on the forwarded address alone, MATCH",
    resources: [acl([rateRule({ ...forwarded("MATCH"), ...customKeys({ forwardedIp: {} }) })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "CUSTOM_KEYS on ip and the forwarded address: the header splits the count",
    resources: [acl([rateRule({ ...forwarded("MATCH"), ...customKeys({ ip: {} }, { forwardedIp: {} }) })])],
    violations: 1,
  },
  {
    name: "CUSTOM_KEYS with no keys",
    resources: [acl([rateRule(customKeys())])],
    violations: 1,
    mentions: "without customKeys",
  },
  {
    name: "CUSTOM_KEYS entry naming two keys",
    resources: [acl([rateRule(customKeys({ ip: {}, header: { name: "x" } }))])],
    violations: 1,
  },
  {
    name: "CUSTOM_KEYS list unknown",
    resources: [acl([rateRule({ aggregateKeyType: "CUSTOM_KEYS", customKeys: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "CUSTOM_KEYS: ip beside an entry unknown at preview",
    resources: [acl([rateRule(customKeys({ ip: {} }, UNKNOWN))])],
    violations: 0,
    notes: 1,
  },
  {
    name: "CONSTANT counts every client together",
    resources: [acl([rateRule({ aggregateKeyType: "CONSTANT", scopeDownStatement: pathStartsWith("/login") })])],
    violations: 1,
    mentions: "counts all requests together (aggregateKeyType CONSTANT)",
  },
  {
    name: "aggregateKeyType left to its default (IP)",
    resources: [acl([rateRule({ aggregateKeyType: undefined })])],
    violations: 0,
  },
  { name: "aggregateKeyType in lower case", resources: [acl([rateRule({ aggregateKeyType: "ip" })])], violations: 0 },
  {
    name: "aggregateKeyType unknown",
    resources: [acl([rateRule({ aggregateKeyType: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "a per-IP rule beside a header-keyed one passes",
    resources: [
      acl([rateRule(customKeys({ header: { name: "x-client-id" } }), { block: {} }, "by-header"), rateRule()]),
    ],
    violations: 0,
  },
  {
    name: "ruleJson (PascalCase) keyed on a header",
    resources: [
      acl(undefined, {
        ruleJson: JSON.stringify([
          {
            Name: "rate",
            Priority: 1,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: {
                Limit: 1000,
                AggregateKeyType: "CUSTOM_KEYS",
                CustomKeys: [{ Header: { Name: "x-client-id", TextTransformations: [] } }],
              },
            },
          },
        ]),
      }),
    ],
    violations: 1,
    mentions: "Header",
  },
  {
    name: "ruleJson (PascalCase) keyed on the IP",
    resources: [
      acl(undefined, {
        ruleJson: JSON.stringify([
          {
            Name: "rate",
            Priority: 1,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { Limit: 1000, AggregateKeyType: "CUSTOM_KEYS", CustomKeys: [{ IP: {} }] },
            },
          },
        ]),
      }),
    ],
    violations: 0,
  },
  {
    name: "rule group's rate rule keyed on the forwarded address, NO_MATCH",
    resources: [ruleGroup([rateRule(forwarded("NO_MATCH"))]), acl([reference()])],
    violations: 1,
    mentions: "fallbackBehavior NO_MATCH",
  },
];

const allowAhead: StackCase[] = [
  {
    name: "allow-everything rule at priority 0 ahead of the rate rule at 20",
    resources: [acl([allowRule(pathStartsWith("/")), lateRate])],
    violations: 1,
    mentions: "rule allow-all (priority 0) allows every request before rule rate-limit (priority 20)",
  },
  {
    name: "allow-everything rule after the rate rule",
    resources: [acl([allowRule(pathStartsWith("/"), 30), lateRate])],
    violations: 0,
  },
  {
    name: "allow rule scoped to the health check path ahead of the rate rule",
    resources: [acl([allowRule(pathStartsWith("/health")), lateRate])],
    violations: 0,
  },
  {
    name: "match-everything rule that only counts ahead of the rate rule",
    resources: [acl([allowRule(pathStartsWith("/"), 0, { count: {} }), lateRate])],
    violations: 0,
  },
  {
    name: "a second rate rule ahead of the allow-everything rule still limits",
    resources: [acl([allowRule(pathStartsWith("/"), 5), lateRate, rateRule({}, { block: {} }, "first")])],
    violations: 0,
  },
  {
    name: "allow-everything rule whose priority is unknown",
    resources: [acl([allowRule(pathStartsWith("/"), UNKNOWN), lateRate])],
    violations: 0,
    notes: 1,
  },
  {
    name: "allow-everything rule as a separate WebAclRule resource",
    resources: [
      acl([lateRate]),
      {
        type: WAF_RULE,
        name: "allow",
        props: { webAclArn: UNKNOWN, ...allowRule(pathStartsWith("/")) },
        propertyDependencies: { webAclArn: [ACL_URN] },
      },
    ],
    violations: 1,
    mentions: "allows every request before rule rate-limit",
  },
  {
    name: "rule group holding an allow-everything rule referenced ahead of the rate rule",
    resources: [
      openGroup,
      acl([
        {
          name: "open-group",
          priority: 0,
          overrideAction: { none: {} },
          statement: { ruleGroupReferenceStatement: { arn: OPEN_GROUP_ARN } },
        },
        lateRate,
      ]),
    ],
    violations: 1,
    mentions: "through its rule group's rule allow-all",
  },
  {
    name: "allow-everything rule ahead of the anti-DDoS group",
    resources: [acl([allowRule(pathStartsWith("/")), antiDdos(10)])],
    violations: 1,
    mentions: "allows every request before rule anti-ddos (priority 10)",
  },
  {
    name: "anti-DDoS group attached by an association behind an allow-everything rule",
    resources: [
      acl([allowRule(pathStartsWith("/"))]),
      {
        type: ASSOCIATION,
        name: "ddos",
        props: {
          webAclArn: UNKNOWN,
          ruleName: "anti-ddos",
          priority: 10,
          managedRuleGroup: { vendorName: "AWS", name: "AWSManagedRulesAntiDDoSRuleSet" },
        },
        propertyDependencies: { webAclArn: [ACL_URN] },
      },
    ],
    violations: 1,
    mentions: "allows every request before rule anti-ddos",
  },
];

const scopeDown: StackCase[] = [
  {
    name: "scope-down NOT(path starts with /) matches no request",
    resources: [acl([scopedRate(not(pathStartsWith("/")))])],
    violations: 1,
    mentions: "the scopeDownStatement of rule rate-limit matches no request",
  },
  {
    name: "scope-down NOT(path starts with /static) spares only static files",
    resources: [acl([scopedRate(not(pathStartsWith("/static")))])],
    violations: 0,
  },
  {
    name: "scope-down on a path without the leading / matches no request",
    resources: [acl([scopedRate(pathStartsWith("login"))])],
    violations: 1,
  },
  {
    name: "scope-down AND holding a NOT around a match-everything size check",
    resources: [
      acl([
        scopedRate({
          andStatement: {
            statements: [
              pathStartsWith("/api"),
              not({
                sizeConstraintStatement: {
                  fieldToMatch: { uriPath: {} },
                  comparisonOperator: "GE",
                  size: 0,
                  textTransformations: [{ priority: 0, type: "NONE" }],
                },
              }),
            ],
          },
        }),
      ]),
    ],
    violations: 1,
  },
  {
    name: "scope-down NOT around an IP set outside the stack",
    resources: [
      acl([scopedRate(not({ ipSetReferenceStatement: { arn: "arn:aws:wafv2:eu-west-1:1:regional/ipset/x/1" } }))]),
    ],
    violations: 0,
  },
  {
    name: "scope-down unknown at preview",
    resources: [acl([scopedRate(UNKNOWN)])],
    violations: 0,
    notes: 1,
  },
  {
    name: "scope-down NOT around a path whose text is unknown at preview",
    resources: [acl([scopedRate(not(pathStartsWith(UNKNOWN)))])],
    violations: 0,
    notes: 1,
  },
  {
    name: "rule group's rate rule scoped down to nothing",
    resources: [ruleGroup([scopedRate(not(pathStartsWith("/")))]), acl([reference()])],
    violations: 1,
    mentions: "matches no request",
  },
  {
    name: "ruleJson (PascalCase) scope-down matching no request",
    resources: [
      acl(undefined, {
        ruleJson: JSON.stringify([
          {
            Name: "rate",
            Priority: 1,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: {
                Limit: 1000,
                AggregateKeyType: "IP",
                ScopeDownStatement: {
                  NotStatement: {
                    Statement: {
                      ByteMatchStatement: {
                        FieldToMatch: { UriPath: {} },
                        PositionalConstraint: "STARTS_WITH",
                        SearchString: "/",
                        TextTransformations: [{ Priority: 0, Type: "NONE" }],
                      },
                    },
                  },
                },
              },
            },
          },
        ]),
      }),
    ],
    violations: 1,
    mentions: "matches no request",
  },
];

const hostileAws: StackCase[] = [
  {
    name: "evaluationWindowSec whose toString is not a function",
    resources: [acl([rateRule({ evaluationWindowSec: HOSTILE })])],
    violations: 1,
    mentions: 'evaluationWindowSec of rule rate-limit {"toString":1} is not a duration',
  },
  {
    name: "aggregateKeyType whose toString is not a function",
    resources: [acl([rateRule({ aggregateKeyType: HOSTILE })])],
    violations: 1,
  },
  {
    name: "forwarded header name whose toString is not a function",
    resources: [acl([rateRule(forwarded("NO_MATCH", HOSTILE))])],
    violations: 1,
  },
];

const alicloud: StackCase[] = [
  {
    name: "custom rate rule counting per a client header",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: "header", subKey: "X-Client-Id" }))],
    violations: 1,
    mentions: 'counts per "header" "X-Client-Id" (rateLimit.target), a value the client sends',
    urn: DOMAIN_URN,
  },
  {
    name: "custom rate rule counting per session cookie acw_tc",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: "cookie.acw_tc" }))],
    violations: 1,
    mentions: "cookie.acw_tc",
  },
  {
    name: "custom rate rule counting per a query argument",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: "queryarg", subKey: "user" }))],
    violations: 1,
  },
  {
    name: "custom rate rule with the target left to its default (remoteAddr)",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: undefined }))],
    violations: 0,
  },
  {
    name: "custom rate rule with target remoteaddr in lower case",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: "remoteaddr" }))],
    violations: 0,
  },
  {
    name: "custom rate rule's target unknown",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: UNKNOWN }))],
    violations: 0,
    notes: 1,
  },
  {
    name: "a header-keyed rate rule beside a per-address one passes",
    resources: [
      domain(),
      customTemplate(),
      rateRuleAli(rateConfig({ target: "header", subKey: "X-Client-Id" })),
      { ...rateRuleAli(), name: "by-address", props: { ...rateRuleAli().props, ruleName: "by-address" } },
    ],
    violations: 0,
  },
  {
    name: "custom rate rule's interval whose toString is not a function",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ interval: HOSTILE }))],
    violations: 1,
    mentions: '{"toString":1} is not a duration',
  },
  {
    name: "custom rate rule's ruleAction whose toString is not a function",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({}, { ruleAction: HOSTILE }))],
    violations: 1,
    mentions: 'does not stop the client (ruleAction {"toString":1})',
  },
  {
    name: "custom rate rule's target whose toString is not a function",
    resources: [domain(), customTemplate(), rateRuleAli(rateConfig({ target: HOSTILE, subKey: HOSTILE }))],
    violations: 1,
  },
];

describe("require-waf-rate-limit: AWS aggregation keys", () => {
  stackTable(requireWafRateLimit, keys);
});

describe("require-waf-rate-limit: AWS rules that allow every request first", () => {
  stackTable(requireWafRateLimit, allowAhead);
});

describe("require-waf-rate-limit: AWS scope-down statements", () => {
  stackTable(requireWafRateLimit, scopeDown);
});

describe("require-waf-rate-limit: hostile AWS values", () => {
  stackTable(requireWafRateLimit, hostileAws);
});

describe("require-waf-rate-limit: Alibaba Cloud WAF 3.0 rate targets and hostile values", () => {
  stackTable(requireWafRateLimit, alicloud);
});
