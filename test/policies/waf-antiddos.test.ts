// require-waf-rate-limit accepts AWS's anti-DDoS managed rule group (AWSManagedRulesAntiDDoSRuleSet) as flood
// protection in place of a rate-based rule: wherever the web ACL's rules live (inline, ruleJson, a WebAclRule, a
// WebAclRuleGroupAssociation, a raw CloudFormation template), as long as the rule that uses it does not count it as a
// whole and its overrides leave DDoSRequests blocking, or the challenge rules challenging while they run. An
// overrideAction, override or group name unknown at preview is a note, never a pass.
import { requireWafRateLimit } from "../../policies/stack/require-waf-rate-limit";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { cfn, stack, templateTable, VISIBILITY } from "./templates-waf-harness";

const ACL = "aws:wafv2/webAcl:WebAcl";
const WAF_RULE = "aws:wafv2/webAclRule:WebAclRule";
const ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";
const ACL_URN = urnOf(ACL, "acl");
const GROUP = "AWSManagedRulesAntiDDoSRuleSet";
const GROUP_ARN = "arn:aws:wafv2:us-east-1:111122223333:global/rulegroup/floods/1";

const NONE = "no rate-based rule";
const CHALLENGE_RULES = ["ChallengeDDoSRequests", "ChallengeAllDuringEvent"];

const counts = (...names: string[]) => names.map((name) => ({ name, actionToUse: { count: {} } }));

/** The provider's anti-DDoS config with the challenge rules' usage. */
const config = (usageOfAction: unknown, sensitivityToBlock = "LOW") => [
  { awsManagedRulesAntiDdosRuleSet: { clientSideActionConfig: { challenge: { usageOfAction } }, sensitivityToBlock } },
];

const antiDdos = (group: Record<string, unknown> = {}, overrideAction: unknown = { none: {} }) => ({
  name: "anti-ddos",
  priority: 0,
  overrideAction,
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: GROUP, ...group } },
  visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "ddos" },
});

const acl = (rules: unknown, extra: Record<string, unknown> = {}): StackInput => ({
  type: ACL,
  name: "acl",
  props: { name: "web", scope: "CLOUDFRONT", defaultAction: { allow: {} }, rules, ...extra },
});

/** Attached to the ACL by its unknown arn, as at preview. */
const attached = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
  type,
  name,
  props: { webAclArn: UNKNOWN, ...props },
  propertyDependencies: { webAclArn: [ACL_URN] },
});

const association = (managedRuleGroup: unknown, overrideAction: unknown = "none") =>
  attached(ASSOCIATION, "ddos", { ruleName: "anti-ddos", priority: 3, overrideAction, managedRuleGroup });

/** The API's PascalCase, as ruleJson writes it. */
const jsonAntiDdos = (overrideAction: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify([
    {
      Name: "anti-ddos",
      Priority: 0,
      OverrideAction: { [overrideAction]: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: GROUP, ...extra } },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "ddos" },
    },
  ]);

const inline: StackCase[] = [
  { name: "the group as AWS ships it", resources: [acl([antiDdos()])], violations: 0 },
  {
    name: "counted as a whole (overrideAction count)",
    resources: [acl([antiDdos({}, { count: {} })])],
    violations: 1,
    mentions: `rule anti-ddos (${GROUP}) has overrideAction count`,
    urn: ACL_URN,
  },
  {
    name: "every rule that stops a client overridden to count",
    resources: [
      acl([
        antiDdos({
          ruleActionOverrides: counts("DDoSRequests", ...CHALLENGE_RULES),
          managedRuleGroupConfigs: config("ENABLED"),
        }),
      ]),
    ],
    violations: 1,
    mentions:
      "has DDoSRequests overridden to count or allow and ChallengeDDoSRequests and ChallengeAllDuringEvent overridden too",
  },
  {
    name: "DDoSRequests excluded and allowed-through challenges (excludedRules count, allow lets through)",
    resources: [
      acl([
        antiDdos({
          excludedRules: [{ name: "DDoSRequests" }],
          ruleActionOverrides: CHALLENGE_RULES.map((name) => ({ name, actionToUse: { allow: {} } })),
          managedRuleGroupConfigs: config("ENABLED"),
        }),
      ]),
    ],
    violations: 1,
  },
  {
    name: "DDoSRequests counted while the challenge rules are disabled",
    resources: [
      acl([antiDdos({ ruleActionOverrides: counts("DDoSRequests"), managedRuleGroupConfigs: config("DISABLED") })]),
    ],
    violations: 1,
    mentions: "not running (usageOfAction is not ENABLED)",
  },
  {
    name: "DDoSRequests counted with no client-side config: the challenge rules are not shown to run",
    resources: [acl([antiDdos({ ruleActionOverrides: counts("DDoSRequests") })])],
    violations: 1,
  },
  {
    name: "DDoSRequests counted but the challenge rules run and challenge",
    resources: [
      acl([antiDdos({ ruleActionOverrides: counts("DDoSRequests"), managedRuleGroupConfigs: config("enabled") })]),
    ],
    violations: 0,
  },
  {
    name: "the challenge rules counted, DDoSRequests still blocks",
    resources: [acl([antiDdos({ ruleActionOverrides: counts(...CHALLENGE_RULES) })])],
    violations: 0,
  },
  {
    name: "DDoSRequests overridden to challenge still stops a client",
    resources: [acl([antiDdos({ ruleActionOverrides: [{ name: "DDoSRequests", actionToUse: { challenge: {} } }] })])],
    violations: 0,
  },
  {
    name: "high sensitivity to block, challenge rules disabled",
    resources: [acl([antiDdos({ managedRuleGroupConfigs: config("DISABLED", "HIGH") })])],
    violations: 0,
  },
  {
    name: "another managed group is not flood protection",
    resources: [acl([antiDdos({ name: "AWSManagedRulesCommonRuleSet" })])],
    violations: 1,
    mentions: NONE,
  },
  {
    name: "the group name in the wrong case is not the group",
    resources: [acl([antiDdos({ name: GROUP.toLowerCase() })])],
    violations: 1,
    mentions: NONE,
  },
  {
    name: "the group from another vendor is not the group",
    resources: [acl([antiDdos({ vendorName: "Example" })])],
    violations: 1,
    mentions: NONE,
  },
  {
    name: "counted anti-DDoS group beside a blocking rate rule",
    resources: [
      acl([
        antiDdos({}, { count: {} }),
        {
          name: "rate",
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } },
        },
      ]),
    ],
    violations: 0,
  },
  {
    name: "both weak: both reasons are given",
    resources: [
      acl([
        antiDdos({}, { count: {} }),
        {
          name: "rate",
          priority: 1,
          action: { count: {} },
          statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: "IP" } },
        },
      ]),
    ],
    violations: 1,
    mentions: "has overrideAction count; rule rate only counts",
  },
  {
    name: "a managed group inside a rule group of the stack (WAF refuses it) does not count",
    resources: [
      {
        type: RULE_GROUP,
        name: "floods",
        props: {
          name: "floods",
          scope: "CLOUDFRONT",
          capacity: 100,
          arn: GROUP_ARN,
          rules: [{ ...antiDdos(), action: { block: {} } }],
        },
      },
      acl([
        {
          name: "floods",
          priority: 0,
          overrideAction: { none: {} },
          statement: { ruleGroupReferenceStatement: { arn: GROUP_ARN } },
        },
      ]),
    ],
    violations: 1,
    mentions: "holds no rate-based rule",
  },
];

const unknowns: StackCase[] = [
  { name: "overrideAction unknown", resources: [acl([antiDdos({}, UNKNOWN)])], violations: 0, notes: 1 },
  {
    name: "ruleActionOverrides unknown",
    resources: [acl([antiDdos({ ruleActionOverrides: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "an override entry unknown may count DDoSRequests",
    resources: [acl([antiDdos({ ruleActionOverrides: [UNKNOWN] })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "the action DDoSRequests is overridden to is unknown",
    resources: [acl([antiDdos({ ruleActionOverrides: [{ name: "DDoSRequests", actionToUse: UNKNOWN }] })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "DDoSRequests counted and whether the challenge rules run unknown",
    resources: [
      acl([antiDdos({ ruleActionOverrides: counts("DDoSRequests"), managedRuleGroupConfigs: config(UNKNOWN) })]),
    ],
    violations: 0,
    notes: 1,
  },
  {
    name: "the managed group's name unknown: it may be the anti-DDoS group",
    resources: [acl([antiDdos({ name: UNKNOWN })])],
    violations: 0,
    notes: 1,
  },
  {
    name: "the whole managed group statement unknown",
    resources: [acl([{ ...antiDdos(), statement: { managedRuleGroupStatement: UNKNOWN } }])],
    violations: 0,
    notes: 1,
  },
  {
    name: "unknown overrideAction fails closed when configured",
    resources: [acl([antiDdos({}, UNKNOWN)])],
    config: { failClosed: true },
    violations: 1,
    mentions: "failing closed",
  },
];

const elsewhere: StackCase[] = [
  {
    name: "ruleJson: OverrideAction None",
    resources: [acl(undefined, { ruleJson: jsonAntiDdos("None") })],
    violations: 0,
  },
  {
    name: "ruleJson: OverrideAction Count",
    resources: [acl(undefined, { ruleJson: jsonAntiDdos("Count") })],
    violations: 1,
    mentions: "has overrideAction count",
  },
  {
    name: "ruleJson: every stopping rule overridden to count, the PascalCase config enabled",
    resources: [
      acl(undefined, {
        ruleJson: jsonAntiDdos("None", {
          RuleActionOverrides: ["DDoSRequests", ...CHALLENGE_RULES].map((Name) => ({
            Name,
            ActionToUse: { Count: {} },
          })),
          ManagedRuleGroupConfigs: [
            { AWSManagedRulesAntiDDoSRuleSet: { ClientSideActionConfig: { Challenge: { UsageOfAction: "ENABLED" } } } },
          ],
        }),
      }),
    ],
    violations: 1,
  },
  {
    name: "ruleJson: DDoSRequests counted, the PascalCase config enabling the challenge rules",
    resources: [
      acl(undefined, {
        ruleJson: jsonAntiDdos("None", {
          RuleActionOverrides: [{ Name: "DDoSRequests", ActionToUse: { Count: {} } }],
          ManagedRuleGroupConfigs: [
            { AWSManagedRulesAntiDDoSRuleSet: { ClientSideActionConfig: { Challenge: { UsageOfAction: "ENABLED" } } } },
          ],
        }),
      }),
    ],
    violations: 0,
  },
  {
    name: "a WebAclRule resource",
    resources: [acl([]), attached(WAF_RULE, "ddos", antiDdos())],
    violations: 0,
  },
  {
    name: "a WebAclRule resource counting the group",
    resources: [acl([]), attached(WAF_RULE, "ddos", antiDdos({}, { count: {} }))],
    violations: 1,
    urn: ACL_URN,
  },
  {
    name: "a WebAclRule resource of another web ACL",
    resources: [acl([]), { type: WAF_RULE, name: "ddos", props: { webAclArn: "arn:aws:wafv2:other", ...antiDdos() } }],
    violations: 1,
  },
  {
    name: "a WebAclRuleGroupAssociation attaching the group",
    resources: [acl([]), association({ vendorName: "AWS", name: GROUP })],
    violations: 0,
  },
  {
    name: "a WebAclRuleGroupAssociation counting the group",
    resources: [acl([]), association({ vendorName: "AWS", name: GROUP }, "count")],
    violations: 1,
    mentions: "has overrideAction count",
  },
  {
    name: "a WebAclRuleGroupAssociation whose single config object enables the challenge rules",
    resources: [
      acl([]),
      association({
        vendorName: "AWS",
        name: GROUP,
        ruleActionOverrides: counts("DDoSRequests"),
        managedRuleGroupConfigs: config("ENABLED")[0],
      }),
    ],
    violations: 0,
  },
  {
    name: "a WebAclRuleGroupAssociation whose overrideAction is unknown",
    resources: [acl([]), association({ vendorName: "AWS", name: GROUP }, UNKNOWN)],
    violations: 0,
    notes: 1,
  },
  {
    name: "a WebAclRuleGroupAssociation whose managed group is unknown",
    resources: [acl([]), association(UNKNOWN)],
    violations: 0,
    notes: 1,
  },
];

describe("the anti-DDoS managed rule group as flood protection", () => {
  describe("inline", () => stackTable(requireWafRateLimit, inline));
  describe("unknown at preview", () => stackTable(requireWafRateLimit, unknowns));
  describe("ruleJson, WebAclRule and WebAclRuleGroupAssociation", () => stackTable(requireWafRateLimit, elsewhere));
});

/** The group as CloudFormation writes it: PascalCase, the config key AWSManagedRulesAntiDDoSRuleSet. */
const cfnAntiDdos = (overrideAction: unknown, statement: Record<string, unknown> = {}) => ({
  Name: "anti-ddos",
  Priority: 0,
  OverrideAction: overrideAction,
  Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: GROUP, ...statement } },
  VisibilityConfig: VISIBILITY,
});

const cfnAcl = (rules: unknown[]) => ({
  WebAcl: {
    Type: "AWS::WAFv2::WebACL",
    Properties: { Scope: "CLOUDFRONT", DefaultAction: { Allow: {} }, Rules: rules, VisibilityConfig: VISIBILITY },
  },
});

const cfnConfig = (usage: unknown) => [
  {
    AWSManagedRulesAntiDDoSRuleSet: {
      ClientSideActionConfig: { Challenge: { UsageOfAction: usage } },
      SensitivityToBlock: "LOW",
    },
  },
];
const cfnCounts = (...names: string[]) => names.map((Name) => ({ Name, ActionToUse: { Count: {} } }));

describe("the anti-DDoS managed rule group in a CloudFormation template", () => {
  templateTable(requireWafRateLimit, [
    { name: "OverrideAction None", resources: [stack(cfn(cfnAcl([cfnAntiDdos({ None: {} })])))], violations: 0 },
    {
      name: "OverrideAction Count",
      resources: [stack(cfn(cfnAcl([cfnAntiDdos({ Count: {} })])))],
      violations: 1,
      mentions: "has overrideAction count",
    },
    {
      name: "DDoSRequests counted, the challenge rules enabled",
      resources: [
        stack(
          cfn(
            cfnAcl([
              cfnAntiDdos(
                { None: {} },
                { RuleActionOverrides: cfnCounts("DDoSRequests"), ManagedRuleGroupConfigs: cfnConfig("ENABLED") },
              ),
            ]),
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "DDoSRequests counted, the challenge rules disabled",
      resources: [
        stack(
          cfn(
            cfnAcl([
              cfnAntiDdos(
                { None: {} },
                { RuleActionOverrides: cfnCounts("DDoSRequests"), ManagedRuleGroupConfigs: cfnConfig("DISABLED") },
              ),
            ]),
          ),
        ),
      ],
      violations: 1,
      mentions: "not running",
    },
    {
      name: "every stopping rule counted",
      resources: [
        stack(
          cfn(
            cfnAcl([
              cfnAntiDdos(
                { None: {} },
                {
                  RuleActionOverrides: cfnCounts("DDoSRequests", ...CHALLENGE_RULES),
                  ManagedRuleGroupConfigs: cfnConfig("ENABLED"),
                },
              ),
            ]),
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "OverrideAction under a condition undecided at preview",
      resources: [
        stack(
          cfn(cfnAcl([cfnAntiDdos({ "Fn::If": ["Observe", { Count: {} }, { None: {} }] })]), {
            Parameters: { Mode: { Type: "String" } },
            Conditions: { Observe: { "Fn::Equals": [{ Ref: "Mode" }, "observe"] } },
          }),
          { parameters: { Mode: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "OverrideAction decided by the parameter the program passes",
      resources: [
        stack(
          cfn(cfnAcl([cfnAntiDdos({ "Fn::If": ["Observe", { Count: {} }, { None: {} }] })]), {
            Parameters: { Mode: { Type: "String" } },
            Conditions: { Observe: { "Fn::Equals": [{ Ref: "Mode" }, "observe"] } },
          }),
          { parameters: { Mode: "observe" } },
        ),
      ],
      violations: 1,
    },
  ]);
});
