import { UNKNOWN } from "../../lib/values";
import { Proof } from "../../policies/lib/proof";
import { ipSetVerdict, NOT_PROVEN, UNKNOWN_VERDICT, Verdict } from "../../policies/lib/wafv2-ip-sets";
import { IpSetLookup, matchesEveryRequest } from "../../policies/lib/wafv2-match-all";

/** IP sets by arn, as the stack would hold them. */
const SETS: Record<string, Record<string, unknown>> = {
  "v4-all": { ipAddressVersion: "IPV4", addresses: ["0.0.0.0/1", "128.0.0.0/1"] },
  "v4-zero": { ipAddressVersion: "IPV4", addresses: ["0.0.0.0/0"] },
  "v6-all": { ipAddressVersion: "IPV6", addresses: ["::/0"] },
  "v6-halves": { ipAddressVersion: "IPV6", addresses: ["::/1", "8000::/1"] },
  office: { ipAddressVersion: "IPV4", addresses: ["203.0.113.0/24"] },
  empty: { ipAddressVersion: "IPV4", addresses: [] },
  "v4-unknown-addresses": { ipAddressVersion: "IPV4", addresses: UNKNOWN },
  "unknown-version": { ipAddressVersion: UNKNOWN, addresses: ["0.0.0.0/1", "128.0.0.0/1"] },
};
/** "v4-or-v6" stands for an ARN unknown at preview that may name either of two sets. */
const lookup: IpSetLookup = (arn): Verdict[] => {
  if (arn === UNKNOWN) return [UNKNOWN_VERDICT];
  if (arn === "v4-or-v6") return [ipSetVerdict(SETS["v4-all"]), ipSetVerdict(SETS["v6-all"])];
  if (arn === "office-or-v4") return [ipSetVerdict(SETS.office), ipSetVerdict(SETS["v4-all"])];
  const set = typeof arn === "string" ? SETS[arn] : undefined;
  return [set ? ipSetVerdict(set) : NOT_PROVEN];
};

const uriPath = { uriPath: {} };
const none = [{ priority: 0, type: "NONE" }];
const size = (comparisonOperator: unknown, n: unknown, fieldToMatch: unknown = uriPath) => ({
  sizeConstraintStatement: { comparisonOperator, size: n, fieldToMatch, textTransformations: none },
});
const bytes = (
  positionalConstraint: unknown,
  searchString: unknown,
  fieldToMatch: unknown = uriPath,
  textTransformations: unknown = none,
) => ({ byteMatchStatement: { positionalConstraint, searchString, fieldToMatch, textTransformations } });
const regex = (regexString: unknown, fieldToMatch: unknown = uriPath) => ({
  regexMatchStatement: { regexString, fieldToMatch, textTransformations: none },
});
const ipSet = (arn: unknown, extra: Record<string, unknown> = {}) => ({ ipSetReferenceStatement: { arn, ...extra } });
const not = (statement: unknown) => ({ notStatement: { statement } });
const or = (...statements: unknown[]) => ({ orStatement: { statements } });
const and = (...statements: unknown[]) => ({ andStatement: { statements } });
const transforms = (...types: string[]) => types.map((type, priority) => ({ priority, type }));

const cases: [string, unknown, Proof][] = [
  // Size comparisons: only those true of every size, on a component every request has.
  ["size GE 0 on the URI path", size("GE", 0), "yes"],
  ["size GT -1 on the method", size("GT", -1, { method: {} }), "yes"],
  ["size ge 0 (any case)", size("ge", 0), "yes"],
  ["size GE 1 on the URI path is not a provable total", size("GE", 1), "no"],
  ["size LE 8192 on the body", size("LE", 8192, { body: { oversizeHandling: "CONTINUE" } }), "no"],
  ["size LT a huge number on the URI path", size("LT", 1e12), "no"],
  ["size GE 0 on a header some requests lack", size("GE", 0, { singleHeader: { name: "x-api-key" } }), "no"],
  ["size GE 0 on the body (GET has none)", size("GE", 0, { body: {} }), "no"],
  ["size with an unknown operator", size(UNKNOWN, 0), "unknown"],
  ["size with an unknown field to match", size("GE", 0, UNKNOWN), "unknown"],
  ["size unknown on a header cannot be total", size(UNKNOWN, 0, { singleHeader: { name: "x" } }), "no"],
  // Byte matches.
  ["empty string contained in the URI path", bytes("CONTAINS", ""), "yes"],
  ["empty string starting the method", bytes("STARTS_WITH", "", { method: {} }), "yes"],
  ["empty string ending the URI path", bytes("ENDS_WITH", ""), "yes"],
  ["empty string exactly", bytes("EXACTLY", ""), "no"],
  ["empty string in a query string some requests lack", bytes("CONTAINS", "", { queryString: {} }), "no"],
  ["URI path starts with /", bytes("STARTS_WITH", "/"), "yes"],
  [
    "URI path starts with / after lowercasing and URL decoding",
    bytes("STARTS_WITH", "/", uriPath, transforms("LOWERCASE", "URL_DECODE")),
    "yes",
  ],
  [
    "URI path starts with / after base64 decoding",
    bytes("STARTS_WITH", "/", uriPath, transforms("BASE64_DECODE")),
    "no",
  ],
  [
    "URI path starts with / after path normalisation",
    bytes("STARTS_WITH", "/", uriPath, transforms("NONE", "NORMALIZE_PATH")),
    "no",
  ],
  [
    "URI path starts with / after an unknown transformation",
    bytes("STARTS_WITH", "/", uriPath, [{ priority: 0, type: UNKNOWN }]),
    "unknown",
  ],
  ["URI path starts with /api", bytes("STARTS_WITH", "/api"), "no"],
  ["a header starts with /", bytes("STARTS_WITH", "/", { singleHeader: { name: "referer" } }), "no"],
  ["URI path contains /", bytes("CONTAINS", "/"), "yes"],
  ["a header contains /", bytes("CONTAINS", "/", { singleHeader: { name: "referer" } }), "no"],
  ["unknown search string on the URI path", bytes("STARTS_WITH", UNKNOWN), "unknown"],
  ["unknown search string on a header", bytes("STARTS_WITH", UNKNOWN, { singleHeader: { name: "x" } }), "no"],
  // Regular expressions matching the empty string somewhere in every text.
  ["regex .*", regex(".*"), "yes"],
  ["regex ^", regex("^"), "yes"],
  ["regex (?s).*", regex("(?s).*"), "yes"],
  ["regex empty", regex(""), "yes"],
  ["regex ^/admin", regex("^/admin"), "no"],
  ["regex .* on a cookie some requests lack", regex(".*", { singleHeader: { name: "cookie" } }), "no"],
  ["unknown regex on the URI path", regex(UNKNOWN), "unknown"],
  // IP sets: one family each, so only both families together match every client.
  ["IPv4 set covering all of IPv4", ipSet("v4-all"), "no"],
  ["IPv6 set covering all of IPv6", ipSet("v6-all"), "no"],
  ["IPv4 and IPv6 sets covering everything", or(ipSet("v4-all"), ipSet("v6-halves")), "yes"],
  ["0.0.0.0/0 and ::/0 sets", or(ipSet("v4-zero"), ipSet("v6-all")), "yes"],
  ["office /24 and all of IPv6", or(ipSet("office"), ipSet("v6-all")), "no"],
  ["office /24", ipSet("office"), "no"],
  ["an IP set outside the stack", ipSet("arn:aws:wafv2:external"), "no"],
  ["an unknown IP set and all of IPv6", or(ipSet(UNKNOWN), ipSet("v6-all")), "unknown"],
  ["IPv4 set with unknown addresses and all of IPv6", or(ipSet("v4-unknown-addresses"), ipSet("v6-all")), "unknown"],
  [
    "set of unknown version covering IPv4 halves and all of IPv6",
    or(ipSet("unknown-version"), ipSet("v6-all")),
    "unknown",
  ],
  [
    "forwarded-IP sets prove nothing",
    or(
      ipSet("v4-all", {
        ipSetForwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH", position: "FIRST" },
      }),
      ipSet("v6-all"),
    ),
    "no",
  ],
  ["one set, either the IPv4 or the IPv6 one", ipSet("v4-or-v6"), "no"],
  ["two references each to either set", or(ipSet("v4-or-v6"), ipSet("v4-or-v6")), "unknown"],
  ["the office or all of IPv4, or all of IPv6", or(ipSet("office-or-v4"), ipSet("v6-all")), "unknown"],
  ["the office or all of IPv4, and nothing of IPv6", or(ipSet("office-or-v4"), ipSet("office")), "no"],
  ["not in the office or all of IPv4", not(ipSet("office-or-v4")), "no"],
  ["not in an IPv4 set covering IPv4, or in it", or(ipSet("v4-all"), not(ipSet("v4-all"))), "yes"],
  // NOT of what provably matches nothing.
  ["not in an empty IP set", not(ipSet("empty")), "yes"],
  ["not a size below zero", not(size("LT", 0)), "yes"],
  ["not a URI path starting without a slash", not(bytes("STARTS_WITH", "admin")), "yes"],
  ["not a URI path exactly admin", not(bytes("EXACTLY", "admin")), "yes"],
  ["not a URI path starting with /admin", not(bytes("STARTS_WITH", "/admin")), "no"],
  ["not a header starting without a slash", not(bytes("STARTS_WITH", "admin", { singleHeader: { name: "x" } })), "no"],
  ["not an office IP set", not(ipSet("office")), "no"],
  ["not not everything", not(not(size("GE", 0))), "yes"],
  ["not everything", not(size("GE", 0)), "no"],
  ["not of an unknown statement", not(UNKNOWN), "unknown"],
  // AND needs every member, OR one.
  ["or with one total member", or(ipSet("office"), size("GE", 0)), "yes"],
  ["or without a total member", or(ipSet("office"), bytes("STARTS_WITH", "/api")), "no"],
  ["or with an unknown member", or(ipSet("office"), UNKNOWN), "unknown"],
  ["and with every member total", and(size("GE", 0), regex(".*")), "yes"],
  ["and with a scoped member", and(size("GE", 0), ipSet("office")), "no"],
  ["and with a scoped and an unknown member", and(UNKNOWN, ipSet("office")), "no"],
  ["and with unknown statements", { andStatement: { statements: UNKNOWN } }, "unknown"],
  ["empty or", or(), "no"],
  // Statements that never match every request.
  ["rate-based", { rateBasedStatement: { limit: 100, aggregateKeyType: "IP" } }, "no"],
  ["geo match", { geoMatchStatement: { countryCodes: ["US"] } }, "no"],
  ["label match", { labelMatchStatement: { scope: "LABEL", key: "x" } }, "no"],
  ["managed group", { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } }, "no"],
  ["two statement types at once", { ...size("GE", 0), ...regex(".*") }, "no"],
  ["unknown statement", UNKNOWN, "unknown"],
  ["a string", "everything", "no"],
  ["null", null, "no"],
  // The API's PascalCase (ruleJson).
  [
    "PascalCase size GE 0",
    { SizeConstraintStatement: { ComparisonOperator: "GE", Size: 0, FieldToMatch: { UriPath: {} } } },
    "yes",
  ],
  [
    "PascalCase starts with /",
    {
      ByteMatchStatement: {
        PositionalConstraint: "STARTS_WITH",
        SearchString: "/",
        FieldToMatch: { UriPath: {} },
        TextTransformations: [{ Priority: 0, Type: "NONE" }],
      },
    },
    "yes",
  ],
];

describe("matchesEveryRequest", () => {
  it.each(cases)("%s", (_name, statement, expected) => {
    expect(matchesEveryRequest(statement, lookup)).toBe(expected);
  });

  it("gives up on hostile nesting instead of recursing without end", () => {
    let deep: unknown = size("GE", 0);
    for (let i = 0; i < 10_000; i++) deep = not(not(deep));
    expect(matchesEveryRequest(deep, lookup)).toBe("no");
  });
});
