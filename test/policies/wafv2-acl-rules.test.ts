// The one collector of a WebACL's rules (policies/lib/wafv2-acl-rules.ts) that the core rule set and rate-limit rules
// share: every place a rule lives, in order, each with the lookups that resolve its IP set, regex pattern set and rule
// group references through the stack, and the resource's name for rules that have none of their own.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { aclRules, GROUP_ASSOCIATION, PlacedRule, WEB_ACL, WEB_ACL_RULE } from "../../policies/lib/wafv2-acl-rules";
import { IP_SET } from "../../policies/lib/wafv2-ip-sets";
import { REGEX_SET } from "../../policies/lib/wafv2-regex-sets";
import { RULE_GROUP } from "../../policies/lib/wafv2-rule-groups";
import { UNKNOWN } from "./harness";

const resource = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  propertyDependencies: Record<string, string[]> = {},
): GenericResource => ({ urn: `urn:${name}`, type, name, inputs, propertyDependencies, dependencies: [] });

const ACL_ARN = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/1";
const acl = (inputs: Record<string, unknown> = {}) => resource(WEB_ACL, "web", { arn: ACL_ARN, ...inputs });
const inline = { name: "inline", priority: 1, statement: {} };

function collect(resources: GenericResource[]): PlacedRule[] {
  const rules = aclRules(resources[0], new Resolver(resources));
  if (rules === "invalid ruleJson") throw new Error("invalid ruleJson");
  return rules;
}

describe("aclRules", () => {
  it("reads inline rules, ruleJson, WebAclRule resources and rule group associations, in that order", () => {
    const rules = collect([
      acl({ rules: [inline], ruleJson: JSON.stringify([{ Name: "raw", Priority: 2 }]) }),
      resource(WEB_ACL_RULE, "separate", { webAclArn: ACL_ARN, priority: 3 }),
      resource(GROUP_ASSOCIATION, "assoc", {
        webAclArn: ACL_ARN,
        priority: 4,
        ruleName: "grouped",
        ruleGroupReference: { arn: "arn:aws:wafv2:eu-west-1:111122223333:regional/rulegroup/g/1" },
      }),
      resource(WEB_ACL_RULE, "elsewhere", { webAclArn: "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/x/2" }),
    ]);
    expect(rules.map((r) => [r.source, r.fallbackName])).toEqual([
      ["rules[]", undefined],
      ["ruleJson[]", undefined],
      ["WebAclRule separate", "separate"],
      ["WebAclRuleGroupAssociation assoc", "assoc"],
    ]);
  });

  it("keeps a whole list unknown at preview as one unknown rule, and refuses ruleJson that is not a list", () => {
    expect(collect([acl({ rules: UNKNOWN, ruleJson: UNKNOWN })]).map((r) => [r.source, r.rule])).toEqual([
      ["rules", UNKNOWN],
      ["ruleJson", UNKNOWN],
    ]);
    const res = new Resolver([acl({ ruleJson: "{}" })]);
    expect(aclRules(res.resources[0], res)).toBe("invalid ruleJson");
  });

  it("resolves the references of a WebAclRule unknown at preview through its statement's dependencies", () => {
    const ipSet = resource(IP_SET, "everyone", { ipAddressVersion: "IPV4", addresses: ["0.0.0.0/0"] });
    const regexSet = resource(REGEX_SET, "any", { regularExpressions: [{ regexString: ".*" }] });
    const group = resource(RULE_GROUP, "floods", { rules: [] });
    const [rule] = collect([
      acl(),
      resource(
        WEB_ACL_RULE,
        "separate",
        { webAclArn: ACL_ARN, statement: {} },
        { statement: [ipSet.urn, regexSet.urn, group.urn] },
      ),
      ipSet,
      regexSet,
      group,
    ]);
    expect(rule.lookup(UNKNOWN)).toEqual([{ ipv4: { all: "yes", none: "no" }, ipv6: { all: "no", none: "yes" } }]);
    expect(rule.regexSets(UNKNOWN)).toEqual([{ regularExpressions: [{ regexString: ".*" }] }]);
    expect(rule.ruleGroups(UNKNOWN)).toEqual([{ rules: [] }]);
    // A known ARN outside the stack resolves to what the plan does not show.
    expect(rule.ruleGroups("arn:aws:wafv2:eu-west-1:111122223333:regional/rulegroup/other/9")).toEqual(["outside"]);
  });
});
