// require-waf-owasp-core-rules: a scopeDownStatement on the core rule set. Sparing some requests (a notStatement) is
// the documented way to narrow a false positive; a positive scope-down, or a NOT around every request, leaves the
// rules blind to whatever an attacker sends outside it.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { ACL, GROUP, visibilityConfig, uriPath, everyPath } from "./wafv2-fixtures";

const IP_SET = "aws:wafv2/ipSet:IpSet";
const none = [{ priority: 0, type: "NONE" }];
const path = (positionalConstraint: string, searchString: string) => ({
  byteMatchStatement: { positionalConstraint, searchString, fieldToMatch: uriPath, textTransformations: none },
});
const header = {
  byteMatchStatement: {
    positionalConstraint: "EXACTLY",
    searchString: "1",
    fieldToMatch: { singleHeader: { name: "x-inspect" } },
    textTransformations: none,
  },
};
const not = (statement: unknown) => ({ notStatement: { statement } });
const and = (...statements: unknown[]) => ({ andStatement: { statements } });
const or = (...statements: unknown[]) => ({ orStatement: { statements } });
const ipRef = { ipSetReferenceStatement: { arn: UNKNOWN } };

/** The core rule set, blocking, limited by the given scope-down statement. */
const scopedCrs = (scopeDownStatement: unknown, priority = 10) => ({
  name: "crs",
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: GROUP, scopeDownStatement } },
  visibilityConfig,
});
const acl = (rules: unknown, ipSets: string[] = []): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules, arn: UNKNOWN },
  propertyDependencies: { rules: ipSets.map((n) => urnOf(IP_SET, n)) },
});
const office: StackInput = {
  type: IP_SET,
  name: "office",
  props: { name: "office", scope: "REGIONAL", ipAddressVersion: "IPV4", addresses: ["203.0.113.0/24"], arn: UNKNOWN },
};
const blind = { urn: urnOf(ACL, "edge"), mentions: `${GROUP} has a scopeDownStatement that limits it` };

describe("require-waf-owasp-core-rules: scope-down statements on the core rule set", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad: the core rules see only what the attacker chooses to send, or nothing.
    {
      name: "scoped to requests carrying a header the attacker need not send",
      resources: [acl([scopedCrs(header)])],
      violations: 1,
      ...blind,
    },
    {
      name: "scoped to one path prefix: every other path is uninspected",
      resources: [acl([scopedCrs(path("STARTS_WITH", "/static/"))])],
      violations: 1,
      ...blind,
    },
    {
      name: "scoped to the office IP set (only trusted clients are inspected)",
      resources: [office, acl([scopedCrs(ipRef)], ["office"])],
      violations: 1,
      ...blind,
    },
    {
      name: "a NOT around every path leaves the rules nothing",
      resources: [acl([scopedCrs(not(everyPath))])],
      violations: 1,
      ...blind,
    },
    {
      name: "an AND with a positive part narrows as much as that part",
      resources: [acl([scopedCrs(and(not(path("EXACTLY", "/upload")), header))])],
      violations: 1,
      ...blind,
    },
    {
      name: "in ruleJson's PascalCase",
      resources: [
        {
          type: ACL,
          name: "edge",
          props: {
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            arn: UNKNOWN,
            ruleJson: JSON.stringify([
              {
                Name: "crs",
                Priority: 1,
                OverrideAction: { None: {} },
                Statement: {
                  ManagedRuleGroupStatement: {
                    VendorName: "AWS",
                    Name: GROUP,
                    ScopeDownStatement: {
                      ByteMatchStatement: {
                        PositionalConstraint: "EXACTLY",
                        SearchString: "/login",
                        FieldToMatch: { UriPath: {} },
                        TextTransformations: [{ Priority: 0, Type: "NONE" }],
                      },
                    },
                  },
                },
                VisibilityConfig: visibilityConfig,
              },
            ]),
          },
        },
      ],
      violations: 1,
      ...blind,
    },
    // Known good: the documented exception, and scope-downs every request meets.
    {
      name: "sparing one upload path (NOT around it)",
      resources: [acl([scopedCrs(not(path("STARTS_WITH", "/upload/")))])],
      violations: 0,
    },
    {
      name: "sparing the office IP set",
      resources: [office, acl([scopedCrs(not(ipRef))], ["office"])],
      violations: 0,
    },
    {
      name: "an AND of two spared paths",
      resources: [acl([scopedCrs(and(not(path("EXACTLY", "/upload")), not(path("EXACTLY", "/import"))))])],
      violations: 0,
    },
    {
      name: "an OR with a spared path sees at least what it does",
      resources: [acl([scopedCrs(or(not(path("EXACTLY", "/upload")), header))])],
      violations: 0,
    },
    {
      name: "a scope-down every request meets (paths of size >= 0)",
      resources: [acl([scopedCrs(everyPath)])],
      violations: 0,
    },
    {
      name: "a narrowed use beside an unscoped one: the unscoped one protects",
      resources: [
        acl([
          scopedCrs(header, 10),
          { ...scopedCrs(undefined, 20), name: "crs-all", statement: scopedCrs(undefined).statement },
        ]),
      ],
      violations: 0,
    },
    // Unknown at preview: a note, never a pass or a violation.
    {
      name: "scope-down unknown at preview",
      resources: [acl([scopedCrs(UNKNOWN)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "NOT around an unknown statement",
      resources: [acl([scopedCrs(not(UNKNOWN))])],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});
