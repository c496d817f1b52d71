// require-waf-owasp-core-rules: ways around the core rule set that look like configuration. A counted rule "blocked
// by its label later" by a rule that blocks a sliver or never runs; label blocks written as OR or NOT(NOT); scanner and
// SSRF rules counted; allow rules that match every request only because of the front end's limits or the method;
// scope-downs that exclude every body; rule groups outside the stack; rule names that are not text.
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { StackInput, UNKNOWN } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { ACL, crs, GROUP, uriPath, visibilityConfig } from "./wafv2-fixtures";

const CRS_LABELS = "awswaf:managed:aws:core-rule-set:";
const none = [{ priority: 0, type: "NONE" }];

const acl = (rules: unknown, scope: unknown = "REGIONAL"): StackInput => ({
  type: ACL,
  name: "edge",
  props: { scope, defaultAction: { allow: {} }, rules, arn: UNKNOWN },
});
/** The core rule set at `priority` with the given rules overridden to count. */
const counting = (rules: unknown[], priority = 10) => ({
  ...crs(priority),
  statement: {
    managedRuleGroupStatement: {
      vendorName: "AWS",
      name: GROUP,
      ruleActionOverrides: rules.map((name) => ({ name, actionToUse: { count: {} } })),
    },
  },
});
const rule = (name: string, priority: unknown, action: unknown, statement: unknown) => ({
  name,
  priority,
  action,
  statement,
  visibilityConfig,
});
const block = (priority: number, statement: unknown) => rule("reblock", priority, { block: {} }, statement);
const allow = (priority: unknown, statement: unknown) => rule("let-through", priority, { allow: {} }, statement);
const label = (key: string) => ({ labelMatchStatement: { scope: "LABEL", key: CRS_LABELS + key } });
const not = (statement: unknown) => ({ notStatement: { statement } });
const and = (...statements: unknown[]) => ({ andStatement: { statements } });
const or = (...statements: unknown[]) => ({ orStatement: { statements } });
const path = (positionalConstraint: string, searchString: string) => ({
  byteMatchStatement: { positionalConstraint, searchString, fieldToMatch: uriPath, textTransformations: none },
});
const method = (searchString: string, positionalConstraint = "EXACTLY") => ({
  byteMatchStatement: { positionalConstraint, searchString, fieldToMatch: { method: {} }, textTransformations: none },
});
const methodRegex = (regexString: string, type = "NONE") => ({
  regexMatchStatement: { regexString, fieldToMatch: { method: {} }, textTransformations: [{ priority: 0, type }] },
});
const size = (fieldToMatch: unknown, comparisonOperator: string, n: number, type = "NONE") => ({
  sizeConstraintStatement: { comparisonOperator, size: n, fieldToMatch, textTransformations: [{ priority: 0, type }] },
});
const everyPath = path("STARTS_WITH", "/");
const office = { ipSetReferenceStatement: { arn: "arn:aws:wafv2:us-east-1:1:regional/ipset/office/1" } };
const scoped = (scopeDownStatement: unknown) => ({
  ...crs(10),
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: GROUP, scopeDownStatement } },
});
const outsideGroup = (priority: number, overrideAction: unknown = { none: {} }) => ({
  name: "vendor-group",
  priority,
  overrideAction,
  statement: { ruleGroupReferenceStatement: { arn: "arn:aws:wafv2:us-east-1:1:regional/rulegroup/vendor/1" } },
  visibilityConfig,
});

const BODY = "SizeRestrictions_BODY";
const XSS = "CrossSiteScripting_BODY";

describe("require-waf-owasp-core-rules: label blocks that block a sliver or never run", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "body size counted, its label blocked only on one path (AND with a positive path)",
      resources: [acl([counting([BODY]), block(20, and(label("SizeRestrictions_Body"), path("EXACTLY", "/nothing")))])],
      violations: 1,
      mentions: BODY,
    },
    {
      name: "body size counted, its label blocked only with a header the attacker need not send",
      resources: [
        acl([
          counting([BODY]),
          block(
            20,
            and(label("SizeRestrictions_Body"), {
              byteMatchStatement: {
                positionalConstraint: "EXACTLY",
                searchString: "1",
                fieldToMatch: { singleHeader: { name: "x-check" } },
                textTransformations: none,
              },
            }),
          ),
        ]),
      ],
      violations: 1,
    },
    {
      name: "body size counted, its label blocked except on every POST (NOT around the method)",
      resources: [acl([counting([BODY]), block(20, and(label("SizeRestrictions_Body"), not(method("POST"))))])],
      violations: 1,
    },
    {
      name: "body size counted, its label blocked sparing one upload path (the documented exception)",
      resources: [
        acl([counting([BODY]), block(20, and(label("SizeRestrictions_Body"), not(path("STARTS_WITH", "/upload/"))))]),
      ],
      violations: 0,
    },
    {
      name: "body size counted, its label blocked sparing the office IP set",
      resources: [acl([counting([BODY]), block(20, and(label("SizeRestrictions_Body"), not(office)))])],
      violations: 0,
    },
    {
      name: "XSS counted, an allow-all rule between the core rules and the label block",
      resources: [acl([counting([XSS]), allow(15, everyPath), block(20, label("CrossSiteScripting_Body"))])],
      violations: 1,
      mentions: XSS,
    },
    {
      name: "XSS counted, an allow-all rule of size LT 16384 between them on a regional ACL",
      resources: [
        acl([counting([XSS]), allow(15, size(uriPath, "LT", 16384)), block(20, label("CrossSiteScripting_Body"))]),
      ],
      violations: 1,
    },
    {
      name: "XSS counted, the allow-all rule after the label block",
      resources: [acl([counting([XSS]), block(20, label("CrossSiteScripting_Body")), allow(30, everyPath)])],
      violations: 0,
    },
    {
      name: "XSS counted, an allow for the office between them",
      resources: [acl([counting([XSS]), allow(15, office), block(20, label("CrossSiteScripting_Body"))])],
      violations: 0,
    },
    {
      name: "XSS counted, a rule between them whose statement is unknown at preview",
      resources: [acl([counting([XSS]), allow(15, UNKNOWN), block(20, label("CrossSiteScripting_Body"))])],
      violations: 0,
      notes: 1,
    },
    {
      name: "body size counted, the label block's other AND member unknown at preview",
      resources: [acl([counting([BODY]), block(20, and(label("SizeRestrictions_Body"), UNKNOWN))])],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: label blocks written as OR or double negation", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "two counted rules blocked by an OR of their labels",
      resources: [
        acl([counting([BODY, XSS]), block(20, or(label("SizeRestrictions_Body"), label("CrossSiteScripting_Body")))]),
      ],
      violations: 0,
    },
    {
      name: "an OR of the label and a path blocks more than the label",
      resources: [acl([counting([BODY]), block(20, or(label("SizeRestrictions_Body"), path("EXACTLY", "/x")))])],
      violations: 0,
    },
    {
      name: "NOT(NOT(label))",
      resources: [acl([counting([BODY]), block(20, not(not(label("SizeRestrictions_Body"))))])],
      violations: 0,
    },
    {
      name: "NOT(label) blocks everything but the label",
      resources: [acl([counting([BODY]), block(20, not(label("SizeRestrictions_Body")))])],
      violations: 1,
    },
    {
      name: "an OR covering one of two counted rules",
      resources: [acl([counting([BODY, XSS]), block(20, or(label("SizeRestrictions_Body"), path("EXACTLY", "/x")))])],
      violations: 1,
      mentions: XSS,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: scanner and SSRF rules are protected by default", () => {
  const scannerAndSsrf = [
    "UserAgent_BadBots_HEADER",
    "NoUserAgent_HEADER",
    "EC2MetaDataSSRF_BODY",
    "EC2MetaDataSSRF_COOKIE",
    "EC2MetaDataSSRF_URIPATH",
    "EC2MetaDataSSRF_QUERYARGUMENTS",
  ];
  stackTable(requireWafOwaspCoreRules, [
    ...scannerAndSsrf.map((name): StackCase => ({
      name: `${name} counted`,
      resources: [acl([counting([name])])],
      violations: 1,
      mentions: name,
    })),
    {
      name: "bad bots counted and blocked by its documented label (BadBots_Header) after the group",
      resources: [acl([counting(["UserAgent_BadBots_HEADER"]), block(20, label("BadBots_Header"))])],
      violations: 0,
    },
    {
      name: "SSRF in the body counted and blocked by its label after the group",
      resources: [acl([counting(["EC2MetaDataSSRF_BODY"]), block(20, label("EC2MetaDataSSRF_Body"))])],
      violations: 0,
    },
    {
      name: "a rule left off the list (query string size) counted",
      resources: [acl([counting(["SizeRestrictions_QUERYSTRING"])])],
      violations: 0,
    },
    {
      name: "the protected list configured without the User-Agent rules",
      resources: [acl([counting(["NoUserAgent_HEADER"])])],
      config: { protectedRules: ["CrossSiteScripting_*"] },
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: allow rules total because of the front end or the method", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "CloudFront: URI path shorter than 8192 bytes (CloudFront refuses longer URLs)",
      resources: [acl([allow(0, size(uriPath, "LT", 8192)), crs()], "CLOUDFRONT")],
      violations: 1,
    },
    {
      name: "CloudFront: URI path of at most 8191 bytes",
      resources: [acl([allow(0, size(uriPath, "LE", 8191)), crs()], "CLOUDFRONT")],
      violations: 1,
    },
    {
      name: "CloudFront: NOT(path longer than 8192) is every request",
      resources: [acl([allow(0, not(size(uriPath, "GT", 8192))), crs()], "CLOUDFRONT")],
      violations: 1,
    },
    {
      name: "regional: URI path shorter than 16384 bytes (the load balancer's request line bound)",
      resources: [acl([allow(0, size(uriPath, "LT", 16384)), crs()])],
      violations: 1,
    },
    {
      name: "regional: URI path shorter than 8192 bytes leaves longer paths to the core rules",
      resources: [acl([allow(0, size(uriPath, "LT", 8192)), crs()])],
      violations: 0,
    },
    {
      name: "CloudFront: URI path shorter than 4096 bytes",
      resources: [acl([allow(0, size(uriPath, "LT", 4096)), crs()], "CLOUDFRONT")],
      violations: 0,
    },
    {
      name: "CloudFront: a body shorter than 8192 bytes (requests without a body do not match)",
      resources: [acl([allow(0, size({ body: {} }, "LT", 8192)), crs()], "CLOUDFRONT")],
      violations: 0,
    },
    {
      name: "CloudFront: path size after a transformation that may lengthen it is not proven",
      resources: [acl([allow(0, size(uriPath, "LT", 8192, "UTF8_TO_UNICODE")), crs()], "CLOUDFRONT")],
      violations: 0,
    },
    {
      name: "scope unknown at preview: LT 8192 holds on CloudFront only",
      resources: [acl([allow(0, size(uriPath, "LT", 8192)), crs()], UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "scope unknown at preview: LT 16384 holds on either",
      resources: [acl([allow(0, size(uriPath, "LT", 16384)), crs()], UNKNOWN)],
      violations: 1,
    },
    {
      name: "method matching ^[A-Z]+$",
      resources: [acl([allow(0, methodRegex("^[A-Z]+$")), crs()])],
      violations: 1,
    },
    {
      name: "method matching ^[A-Z]+$ after LOWERCASE matches none",
      resources: [acl([allow(0, methodRegex("^[A-Z]+$", "LOWERCASE")), crs()])],
      violations: 0,
    },
    {
      name: "method matching ^(GET|POST)$ leaves the other methods to the core rules",
      resources: [acl([allow(0, methodRegex("^(GET|POST)$")), crs()])],
      violations: 0,
    },
    {
      name: "method regex that does not compile proves nothing",
      resources: [acl([allow(0, methodRegex("([A-Z]")), crs()])],
      violations: 0,
    },
    {
      name: "method regex with escapes WAF and JavaScript read apart (\\A, \\z) proves nothing",
      resources: [acl([allow(0, methodRegex("\\A[A-Z]+\\z")), crs()])],
      violations: 0,
    },
    {
      name: "NOT around such a regex proves nothing either",
      resources: [acl([allow(0, not(methodRegex("\\A(GET|POST)\\z"))), crs()])],
      violations: 0,
    },
    {
      name: "an OR of every standard method",
      resources: [
        acl([
          allow(0, or(...["GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS"].map((m) => method(m)))),
          crs(),
        ]),
      ],
      violations: 1,
    },
    {
      name: "an OR of GET and POST only",
      resources: [acl([allow(0, or(method("GET"), method("POST"))), crs()])],
      violations: 0,
    },
    {
      name: "every method but TRACE",
      resources: [acl([allow(0, not(method("TRACE"))), crs()])],
      violations: 1,
    },
    {
      name: "every method but GET",
      resources: [acl([allow(0, not(method("GET"))), crs()])],
      violations: 0,
    },
    {
      name: "the allow-all on every method after the core rules",
      resources: [acl([crs(1), allow(5, methodRegex("^[A-Z]+$"))])],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: scope-downs that exclude a class of requests", () => {
  const blind = "has a scopeDownStatement that limits it";
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "NOT(method POST): no form or API body is inspected",
      resources: [acl([scoped(not(method("POST")))])],
      violations: 1,
      mentions: blind,
    },
    {
      name: "NOT(body size > 0): no body is inspected",
      resources: [acl([scoped(not(size({ body: {} }, "GT", 0)))])],
      violations: 1,
      mentions: blind,
    },
    {
      name: "NOT(body size > 8192): padded bodies pass uninspected",
      resources: [acl([scoped(not(size({ body: {} }, "GT", 8192)))])],
      violations: 1,
    },
    {
      name: "NOT(POST OR one path): excludes every POST",
      resources: [acl([scoped(not(or(method("POST"), path("EXACTLY", "/x"))))])],
      violations: 1,
    },
    {
      name: "NOT(NOT(one path)) is the positive path",
      resources: [acl([scoped(not(not(path("EXACTLY", "/login"))))])],
      violations: 1,
    },
    {
      name: "NOT(POST to the upload path) spares one path only",
      resources: [acl([scoped(not(and(method("POST"), path("STARTS_WITH", "/upload/"))))])],
      violations: 0,
    },
    {
      name: "NOT(one path) stays accepted",
      resources: [acl([scoped(not(path("STARTS_WITH", "/upload/")))])],
      violations: 0,
    },
    {
      name: "NOT(office IP set) stays accepted",
      resources: [acl([scoped(not(office))])],
      violations: 0,
    },
    {
      name: "NOT(NOT(unknown)) is unknown",
      resources: [acl([scoped(not({ notStatement: UNKNOWN }))])],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: rule groups outside the stack ahead of the core rules", () => {
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "an outside group before the core rules may allow every request",
      resources: [acl([outsideGroup(1), crs(10)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "failing closed, the outside group is a violation",
      resources: [acl([outsideGroup(1), crs(10)])],
      config: { failClosed: true },
      violations: 1,
    },
    {
      name: "an outside group counted as a whole allows nothing",
      resources: [acl([outsideGroup(1, { count: {} }), crs(10)])],
      violations: 0,
    },
    {
      name: "an outside group after the core rules",
      resources: [acl([crs(1), outsideGroup(10)])],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-owasp-core-rules: override names that are not text", () => {
  const hostile = (entry: Record<string, unknown>) => ({
    ...crs(10),
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: GROUP, ...entry } },
  });
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "a ruleActionOverrides name with a toString that is not a function",
      resources: [acl([hostile({ ruleActionOverrides: [{ name: { toString: 1 }, actionToUse: { count: {} } }] })])],
      violations: 0,
    },
    {
      name: "the same name, reported when every rule is protected",
      resources: [acl([hostile({ ruleActionOverrides: [{ name: { toString: 1 }, actionToUse: { count: {} } }] })])],
      config: { protectedRules: ["*"] },
      violations: 1,
      mentions: "toString",
    },
    {
      name: "an excludedRules name that is a number",
      resources: [acl([hostile({ excludedRules: [{ name: 7 }] })])],
      config: { protectedRules: ["*"] },
      violations: 1,
      mentions: "7",
    },
  ] as StackCase[]);
});
