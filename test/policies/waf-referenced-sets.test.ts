// require-waf-owasp-core-rules: allow rules ahead of the core rule set that match every request through a regex
// pattern set, or a rule group reference whose group holds such an allow rule.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ACL, WAF_RULE, GROUP, visibilityConfig, crs, uriPath, everyPath } from "./wafv2-fixtures";

const REGEX_SET = "aws:wafv2/regexPatternSet:RegexPatternSet";
const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";

const none = [{ priority: 0, type: "NONE" }];
const health = {
  byteMatchStatement: { positionalConstraint: "EXACTLY", searchString: "/healthz", fieldToMatch: uriPath },
};
const rule = (name: string, priority: unknown, statement: unknown, action: unknown = { allow: {} }) => ({
  name,
  priority,
  action,
  statement,
  visibilityConfig,
});

/** The WebACL; its inline rules depend on the named resources (their ARNs are unknown at preview). */
const acl = (rules: unknown, deps: string[] = []): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules, arn: UNKNOWN },
  propertyDependencies: { rules: deps },
});

const regexSet = (name: string, patterns: unknown, arn: unknown = UNKNOWN): StackInput => ({
  type: REGEX_SET,
  name,
  props: {
    name,
    scope: "REGIONAL",
    arn,
    regularExpressions: Array.isArray(patterns) ? patterns.map((regexString) => ({ regexString })) : patterns,
  },
});
const setRef = (arn: unknown, fieldToMatch: unknown = uriPath, textTransformations: unknown = none) => ({
  regexPatternSetReferenceStatement: { arn, fieldToMatch, textTransformations },
});

const ruleGroup = (name: string, rules: unknown, arn: unknown = UNKNOWN): StackInput => ({
  type: RULE_GROUP,
  name,
  props: { name, scope: "REGIONAL", capacity: 100, rules, arn, visibilityConfig },
});
const groupRef = (
  name: string,
  priority: unknown,
  ref: Record<string, unknown>,
  overrideAction: unknown = { none: {} },
) => ({
  name,
  priority,
  overrideAction,
  statement: { ruleGroupReferenceStatement: ref },
  visibilityConfig,
});
const toCount = (name: string) => ({ name, actionToUse: { count: {} } });
const set = (name: string) => urnOf(REGEX_SET, name);
const group = (name: string) => urnOf(RULE_GROUP, name);

const onAcl = { urn: urnOf(ACL, "edge") };
const bypass = (name: string, n: number, m: number, inner?: string) => ({
  ...onAcl,
  mentions:
    `rule ${name} (priority ${n}) allows every request before ${GROUP} (priority ${m})` +
    (inner ? ` through its rule group's rule ${inner}` : ""),
});

const anything = regexSet("anything", [".*"]);
const admin = regexSet("admin", ["^/admin"]);
const opened = ruleGroup("opened", [rule("deny-bots", 0, health, { block: {} }), rule("allow-all", 1, everyPath)]);
const scoped = ruleGroup("scoped", [rule("health", 0, health)]);

describe("require-waf-owasp-core-rules: regex pattern set references", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "a pattern set holding .* on the URI path, new at preview",
      resources: [anything, acl([rule("set", 1, setRef(UNKNOWN)), crs(10)], [set("anything")])],
      violations: 1,
      ...bypass("set", 1, 10),
    },
    {
      name: "a pattern set named by its known arn, one of its patterns ^/",
      resources: [
        regexSet("mixed", ["^/admin", "^/"], "arn:aws:wafv2:set/mixed"),
        acl([rule("set", 1, setRef("arn:aws:wafv2:set/mixed")), crs(10)]),
      ],
      violations: 1,
      ...bypass("set", 1, 10),
    },
    {
      name: "a separate WebAclRule referring to a pattern set of .*",
      resources: [
        anything,
        acl([crs(10)]),
        {
          type: WAF_RULE,
          name: "early",
          props: { webAclArn: UNKNOWN, ...rule("early", 0, setRef(UNKNOWN)) },
          propertyDependencies: { webAclArn: [urnOf(ACL, "edge")], statement: [set("anything")] },
        },
      ],
      violations: 1,
      ...bypass("early", 0, 10),
    },
    // Known good.
    {
      name: "a pattern set of ^/admin is scoped",
      resources: [admin, acl([rule("set", 1, setRef(UNKNOWN)), crs(10)], [set("admin")])],
      violations: 0,
    },
    {
      name: "a pattern set of .* on a header is not every request",
      resources: [
        anything,
        acl([rule("set", 1, setRef(UNKNOWN, { singleHeader: { name: "x" } })), crs(10)], [set("anything")]),
      ],
      violations: 0,
    },
    {
      name: "a pattern set of ^/ after BASE64_DECODE is not proven",
      resources: [
        regexSet("slash", ["^/"]),
        acl(
          [rule("set", 1, setRef(UNKNOWN, uriPath, [{ priority: 0, type: "BASE64_DECODE" }])), crs(10)],
          [set("slash")],
        ),
      ],
      violations: 0,
    },
    {
      name: "a pattern set outside the stack proves nothing",
      resources: [acl([rule("set", 1, setRef("arn:aws:wafv2:set/elsewhere")), crs(10)])],
      violations: 0,
    },
    {
      name: "an allow through a pattern set of .* after the core rules",
      resources: [anything, acl([crs(1), rule("set", 5, setRef(UNKNOWN))], [set("anything")])],
      violations: 0,
    },
    {
      name: "an unknown arn may name one of a .* set and an ^/admin set",
      resources: [anything, admin, acl([rule("set", 1, setRef(UNKNOWN)), crs(10)], [set("anything"), set("admin")])],
      violations: 0,
      notes: 1,
    },
    // Unknown.
    {
      name: "a pattern set arn unknown without a dependency",
      resources: [acl([rule("set", 1, setRef(UNKNOWN)), crs(10)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "a pattern set whose patterns are unknown at preview",
      resources: [regexSet("later", UNKNOWN), acl([rule("set", 1, setRef(UNKNOWN)), crs(10)], [set("later")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unresolved pattern set on a header cannot matter",
      resources: [acl([rule("set", 1, setRef(UNKNOWN, { singleHeader: { name: "x" } })), crs(10)])],
      violations: 0,
    },
  ]);
});

describe("require-waf-owasp-core-rules: rule group references", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "a rule group with an allow-all rule referenced ahead",
      resources: [opened, acl([groupRef("custom", 1, { arn: UNKNOWN }), crs(10)], [group("opened")])],
      violations: 1,
      ...bypass("custom", 1, 10, "allow-all"),
    },
    {
      name: "a rule group named by its known arn",
      resources: [
        ruleGroup("known", [rule("open", 0, everyPath)], "arn:aws:wafv2:group/known"),
        acl([groupRef("custom", 1, { arn: "arn:aws:wafv2:group/known" }), crs(10)]),
      ],
      violations: 1,
      ...bypass("custom", 1, 10, "open"),
    },
    {
      name: "a block-all rule overridden to allow",
      resources: [
        ruleGroup("closed", [rule("block-all", 0, everyPath, { block: {} })]),
        acl(
          [
            groupRef("custom", 1, {
              arn: UNKNOWN,
              ruleActionOverrides: [{ name: "block-all", actionToUse: { allow: {} } }],
            }),
            crs(10),
          ],
          [group("closed")],
        ),
      ],
      violations: 1,
      ...bypass("custom", 1, 10, "block-all"),
    },
    {
      name: "a rule group whose allow rule matches through a pattern set of .*",
      resources: [
        anything,
        {
          ...ruleGroup("via-set", [rule("set", 0, setRef(UNKNOWN))]),
          propertyDependencies: { rules: [set("anything")] },
        },
        acl([groupRef("custom", 1, { arn: UNKNOWN }), crs(10)], [group("via-set")]),
      ],
      violations: 1,
      ...bypass("custom", 1, 10, "set"),
    },
    // Known good.
    {
      name: "the group's allow-all overridden to count",
      resources: [
        opened,
        acl(
          [groupRef("custom", 1, { arn: UNKNOWN, ruleActionOverrides: [toCount("allow-all")] }), crs(10)],
          [group("opened")],
        ),
      ],
      violations: 0,
    },
    {
      name: "the group's allow-all excluded (counted)",
      resources: [
        opened,
        acl(
          [groupRef("custom", 1, { arn: UNKNOWN, excludedRules: [{ name: "allow-all" }] }), crs(10)],
          [group("opened")],
        ),
      ],
      violations: 0,
    },
    {
      name: "the whole group counted by overrideAction",
      resources: [opened, acl([groupRef("custom", 1, { arn: UNKNOWN }, { count: {} }), crs(10)], [group("opened")])],
      violations: 0,
    },
    {
      name: "the group referenced after the core rules",
      resources: [opened, acl([crs(1), groupRef("custom", 5, { arn: UNKNOWN })], [group("opened")])],
      violations: 0,
    },
    {
      name: "a group whose allow rule is scoped to a health-check path",
      resources: [scoped, acl([groupRef("custom", 1, { arn: UNKNOWN }), crs(10)], [group("scoped")])],
      violations: 0,
    },
    {
      name: "a group outside the stack after the core rules",
      resources: [acl([crs(1), groupRef("custom", 10, { arn: "arn:aws:wafv2:group/elsewhere" })])],
      violations: 0,
    },
    // Unknown.
    {
      name: "a group arn unknown without a dependency",
      resources: [acl([groupRef("custom", 1, { arn: UNKNOWN }), crs(10)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an override naming an unknown rule may count the allow-all",
      resources: [
        opened,
        acl(
          [groupRef("custom", 1, { arn: UNKNOWN, ruleActionOverrides: [toCount(UNKNOWN)] }), crs(10)],
          [group("opened")],
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the group's rules unknown at preview",
      resources: [
        ruleGroup("later", UNKNOWN),
        acl([groupRef("custom", 1, { arn: UNKNOWN }), crs(10)], [group("later")]),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

/** A WebAclRuleGroupAssociation attaching a custom rule group to the WebACL (both new at preview). */
const ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const association = (
  name: string,
  priority: unknown,
  ruleGroupReference: unknown,
  groups: string[],
  extra: Record<string, unknown> = {},
): StackInput => ({
  type: ASSOCIATION,
  name,
  props: { webAclArn: UNKNOWN, ruleName: name, priority, ruleGroupReference, ...extra },
  propertyDependencies: { webAclArn: [urnOf(ACL, "edge")], ruleGroupReference: groups },
});

describe("require-waf-owasp-core-rules: rule groups attached by WebAclRuleGroupAssociation", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "an association of a group with an allow-all rule ahead of the core rules",
      resources: [opened, acl([crs(10)]), association("early", 1, { arn: UNKNOWN }, [group("opened")])],
      violations: 1,
      ...bypass("early", 1, 10, "allow-all"),
    },
    {
      name: "an association naming the group by its known arn, overrideAction none",
      resources: [
        ruleGroup("known", [rule("open", 0, everyPath)], "arn:aws:wafv2:group/known"),
        acl([crs(10)]),
        association("early", 0, { arn: "arn:aws:wafv2:group/known" }, [], { overrideAction: "none" }),
      ],
      violations: 1,
      ...bypass("early", 0, 10, "open"),
    },
    {
      name: "an association overriding a block-all rule to allow",
      resources: [
        ruleGroup("closed", [rule("block-all", 0, everyPath, { block: {} })]),
        acl([crs(10)]),
        association(
          "early",
          1,
          { arn: UNKNOWN, ruleActionOverrides: [{ name: "block-all", actionToUse: { allow: {} } }] },
          [group("closed")],
        ),
      ],
      violations: 1,
      ...bypass("early", 1, 10, "block-all"),
    },
    {
      name: "an association ahead of the core rules attached by another association",
      resources: [
        opened,
        acl([]),
        association("early", 1, { arn: UNKNOWN }, [group("opened")]),
        {
          type: ASSOCIATION,
          name: "crs",
          props: {
            webAclArn: UNKNOWN,
            ruleName: "crs",
            priority: 10,
            managedRuleGroup: { name: GROUP, vendorName: "AWS" },
            overrideAction: "none",
          },
          propertyDependencies: { webAclArn: [urnOf(ACL, "edge")] },
        },
      ],
      violations: 1,
      ...bypass("early", 1, 10, "allow-all"),
    },
    // Known good.
    {
      name: "the association counts the whole group (overrideAction count)",
      resources: [
        opened,
        acl([crs(10)]),
        association("early", 1, { arn: UNKNOWN }, [group("opened")], { overrideAction: "COUNT" }),
      ],
      violations: 0,
    },
    {
      name: "the association overrides the allow-all rule to count",
      resources: [
        opened,
        acl([crs(10)]),
        association("early", 1, { arn: UNKNOWN, ruleActionOverrides: [toCount("allow-all")] }, [group("opened")]),
      ],
      violations: 0,
    },
    {
      name: "the association runs after the core rules",
      resources: [opened, acl([crs(1)]), association("late", 5, { arn: UNKNOWN }, [group("opened")])],
      violations: 0,
    },
    {
      name: "the associated group only allows a health-check path",
      resources: [scoped, acl([crs(10)]), association("early", 1, { arn: UNKNOWN }, [group("scoped")])],
      violations: 0,
    },
    {
      name: "an association attached to another WebACL",
      resources: [
        opened,
        acl([crs(10)]),
        { ...association("early", 1, { arn: UNKNOWN }, [group("opened")]), propertyDependencies: {} },
      ],
      violations: 0,
    },
    // Unknown.
    {
      name: "the association's overrideAction unknown at preview",
      resources: [
        opened,
        acl([crs(10)]),
        association("early", 1, { arn: UNKNOWN }, [group("opened")], { overrideAction: UNKNOWN }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the association's whole reference unknown at preview",
      resources: [opened, acl([crs(10)]), association("early", 1, UNKNOWN, [group("opened")])],
      violations: 1,
      ...bypass("early", 1, 10, "allow-all"),
    },
    {
      name: "the association's priority unknown at preview",
      resources: [opened, acl([crs(10)]), association("early", UNKNOWN, { arn: UNKNOWN }, [group("opened")])],
      violations: 0,
      notes: 1,
    },
  ]);
});
