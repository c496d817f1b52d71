// require-waf-owasp-core-rules: an allow rule that matches every request and runs before the core rule set.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { ACL, WAF_RULE, GROUP, visibilityConfig, crs, uriPath, everyPath } from "./wafv2-fixtures";

const ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const IP_SET = "aws:wafv2/ipSet:IpSet";

const rule = (name: string, priority: unknown, statement: unknown, action: unknown = { allow: {} }) => ({
  name,
  priority,
  action,
  statement,
  visibilityConfig,
});
const ipRef = (arn: unknown = UNKNOWN) => ({ ipSetReferenceStatement: { arn } });

/** The WebACL; its inline rules depend on the named IP sets (their ARNs are unknown at preview). */
const acl = (rules: unknown, ipSets: string[] = [], extra: Record<string, unknown> = {}): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules, arn: UNKNOWN, ...extra },
  propertyDependencies: { rules: ipSets.map((n) => urnOf(IP_SET, n)) },
});
const ipSet = (name: string, ipAddressVersion: unknown, addresses: unknown, arn: unknown = UNKNOWN): StackInput => ({
  type: IP_SET,
  name,
  props: { name, scope: "REGIONAL", ipAddressVersion, addresses, arn },
});
const office = ipSet("office", "IPV4", ["203.0.113.0/24"]);
const allV4 = ipSet("all-v4", "IPV4", ["0.0.0.0/1", "128.0.0.0/1"]);
const allV6 = ipSet("all-v6", "IPV6", ["::/1", "8000::/1"]);
/** A separate resource attached to the WebACL at preview. */
const attached = (type: string, name: string, props: Record<string, unknown>, deps: string[] = []): StackInput => ({
  type,
  name,
  props: { webAclArn: UNKNOWN, ...props },
  propertyDependencies: { webAclArn: [urnOf(ACL, "edge")], statement: deps },
});

const onAcl = { urn: urnOf(ACL, "edge") };
const bypass = (name: string, n: number, m: number) => ({
  ...onAcl,
  mentions: `rule ${name} (priority ${n}) allows every request before ${GROUP} (priority ${m})`,
});

describe("require-waf-owasp-core-rules: allow-everything rules ahead of the core rule set", () => {
  stackTable(requireWafOwaspCoreRules, [
    // Known bad.
    {
      name: "inline allow of every URI path before the core rules",
      resources: [acl([rule("everything", 1, everyPath), crs(10)])],
      violations: 1,
      ...bypass("everything", 1, 10),
    },
    {
      name: "allow of paths starting with / before the core rules",
      resources: [
        acl([
          rule("slash", 0, {
            byteMatchStatement: {
              positionalConstraint: "STARTS_WITH",
              searchString: "/",
              fieldToMatch: uriPath,
              textTransformations: [{ priority: 0, type: "LOWERCASE" }],
            },
          }),
          crs(1),
        ]),
      ],
      violations: 1,
      ...bypass("slash", 0, 1),
    },
    {
      name: "allow matching the regex .* before the core rules",
      resources: [acl([rule("any", 2, { regexMatchStatement: { regexString: ".*", fieldToMatch: uriPath } }), crs(3)])],
      violations: 1,
      ...bypass("any", 2, 3),
    },
    {
      name: "allow of IP sets named by known ARNs after deployment",
      resources: [
        ipSet("all-v4", "IPV4", ["0.0.0.0/0"], "arn:aws:wafv2:v4"),
        ipSet("all-v6", "IPV6", ["::/0"], "arn:aws:wafv2:v6"),
        acl([
          rule("world", 0, { orStatement: { statements: [ipRef("arn:aws:wafv2:v4"), ipRef("arn:aws:wafv2:v6")] } }),
          crs(1),
        ]),
      ],
      violations: 1,
    },
    {
      name: "allow of requests not in an empty IP set",
      resources: [
        ipSet("nobody", "IPV4", []),
        acl([rule("not-nobody", 0, { notStatement: { statement: ipRef() } }), crs(1)], ["nobody"]),
      ],
      violations: 1,
      ...bypass("not-nobody", 0, 1),
    },
    {
      name: "separate WebAclRule with a low priority allows everything",
      resources: [acl([crs(10)]), attached(WAF_RULE, "early", rule("early", 0, everyPath))],
      violations: 1,
      ...bypass("early", 0, 10),
    },
    {
      name: "separate WebAclRule without a name of its own is named by its resource",
      resources: [
        acl([crs(10)]),
        attached(WAF_RULE, "early-resource", { ...rule("x", 0, everyPath), name: undefined }),
      ],
      violations: 1,
      mentions: "rule early-resource (priority 0)",
    },
    {
      name: "allow-all in ruleJson before the core rules in ruleJson",
      resources: [
        acl([], [], {
          ruleJson: JSON.stringify([
            {
              Name: "open",
              Priority: 0,
              Action: { Allow: {} },
              Statement: {
                SizeConstraintStatement: { ComparisonOperator: "GE", Size: 0, FieldToMatch: { UriPath: {} } },
              },
            },
            {
              Name: "crs",
              Priority: 5,
              OverrideAction: { None: {} },
              Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: GROUP } },
            },
          ]),
        }),
      ],
      violations: 1,
      ...bypass("open", 0, 5),
    },
    {
      name: "inline allow-all before the core rules attached by a rule group association",
      resources: [
        acl([rule("everything", 5, everyPath)]),
        attached(ASSOCIATION, "crs", {
          ruleName: "crs",
          priority: 20,
          overrideAction: "none",
          managedRuleGroup: { vendorName: "AWS", name: GROUP },
        }),
      ],
      violations: 1,
      ...bypass("everything", 5, 20),
    },
    // Known good.
    { name: "allow-all after the core rules", resources: [acl([crs(1), rule("late", 9, everyPath)])], violations: 0 },
    {
      name: "allow-all after one of two core rule uses",
      resources: [acl([crs(1), rule("mid", 5, everyPath)]), attached(WAF_RULE, "crs-late", crs(20))],
      violations: 0,
    },
    {
      name: "count action on every request before the core rules",
      resources: [acl([rule("tally", 0, everyPath, { count: {} }), crs(1)])],
      violations: 0,
    },
    {
      name: "block action on every request before the core rules",
      resources: [acl([rule("closed", 0, everyPath, { block: {} }), crs(1)])],
      violations: 0,
    },
    {
      name: "scoped allow of the office /24 before the core rules",
      resources: [office, acl([rule("office", 0, ipRef()), crs(1)], ["office"])],
      violations: 0,
    },
    {
      name: "allow of an IPv4 set covering all of IPv4 still leaves IPv6 clients to the core rules",
      resources: [allV4, acl([rule("v4", 0, ipRef()), crs(1)], ["all-v4"])],
      violations: 0,
    },
    {
      name: "allow of a health-check path before the core rules",
      resources: [
        acl([
          rule("health", 0, {
            byteMatchStatement: { positionalConstraint: "EXACTLY", searchString: "/healthz", fieldToMatch: uriPath },
          }),
          crs(1),
        ]),
      ],
      violations: 0,
    },
    {
      name: "allow of paths starting with / after base64 decoding is not provably total",
      resources: [
        acl([
          rule("decoded", 0, {
            byteMatchStatement: {
              positionalConstraint: "STARTS_WITH",
              searchString: "/",
              fieldToMatch: uriPath,
              textTransformations: [{ priority: 0, type: "BASE64_DECODE" }],
            },
          }),
          crs(1),
        ]),
      ],
      violations: 0,
    },
    {
      name: "allow of body sizes up to 8 KB is not total",
      resources: [
        acl([
          rule("small", 0, {
            sizeConstraintStatement: { comparisonOperator: "LE", size: 8192, fieldToMatch: { body: {} } },
          }),
          crs(1),
        ]),
      ],
      violations: 0,
    },
    {
      name: "WebAclRule allow-all attached to another WebACL",
      resources: [
        acl([crs(10)]),
        { ...attached(WAF_RULE, "elsewhere", rule("elsewhere", 0, everyPath)), propertyDependencies: {} },
      ],
      violations: 0,
    },
    {
      name: "no core rules at all is the usual violation, whatever is allowed",
      resources: [acl([rule("everything", 0, everyPath)])],
      violations: 1,
      mentions: "no rule uses the AWS managed group",
    },
    // Unknown at preview: a note only when the unknown value could make the rule bypass the core rules.
    {
      name: "allow-all with an unknown priority",
      resources: [acl([rule("everything", UNKNOWN, everyPath), crs(1)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "core rules with an unknown priority behind an allow-all",
      resources: [acl([rule("everything", 0, everyPath), crs(UNKNOWN)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "allow ahead with an unknown statement",
      resources: [acl([rule("mystery", 0, UNKNOWN), crs(1)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "total rule ahead with an unknown action",
      resources: [acl([rule("maybe", 0, everyPath, UNKNOWN), crs(1)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "allow of one IP set, unknown among an IPv4 and an IPv6 set, cannot match every client",
      resources: [allV4, allV6, acl([rule("either", 0, ipRef()), crs(1)], ["all-v4", "all-v6"])],
      violations: 0,
    },
    {
      name: "allow ahead of two IP sets each unknown among the v4 and v6 sets",
      resources: [
        allV4,
        office,
        allV6,
        acl(
          [rule("either", 0, { orStatement: { statements: [ipRef(), ipRef()] } }), crs(1)],
          ["all-v4", "office", "all-v6"],
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      // Which reference names which set is only known once the ARNs are: every pairing is tried, and two differ.
      name: "allow of IPv4 and IPv6 sets covering every client, ARNs unknown at preview",
      resources: [
        allV4,
        allV6,
        acl([rule("world", 0, { orStatement: { statements: [ipRef(), ipRef()] } }), crs(1)], ["all-v4", "all-v6"]),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "inline rules unknown beside the core rules from an association",
      resources: [
        acl(UNKNOWN),
        attached(ASSOCIATION, "crs", {
          ruleName: "crs",
          priority: 20,
          overrideAction: "none",
          managedRuleGroup: { vendorName: "AWS", name: GROUP },
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown statement on an allow rule after the core rules",
      resources: [acl([crs(1), rule("late", 9, UNKNOWN)])],
      violations: 0,
    },
    {
      name: "unknown statement on a count rule ahead",
      resources: [acl([rule("tally", 0, UNKNOWN, { count: {} }), crs(1)])],
      violations: 0,
    },
    {
      name: "unknown search string on a header of an allow rule ahead cannot be total",
      resources: [
        acl([
          rule("token", 0, {
            byteMatchStatement: {
              positionalConstraint: "EXACTLY",
              searchString: UNKNOWN,
              fieldToMatch: { singleHeader: { name: "x-origin-verify" } },
            },
          }),
          crs(1),
        ]),
      ],
      violations: 0,
    },
    {
      name: "a note fails closed when configured",
      resources: [acl([rule("everything", UNKNOWN, everyPath), crs(1)])],
      config: { failClosed: true },
      violations: 1,
      mentions: "failing closed",
    },
  ] as StackCase[]);
});
