import { UNKNOWN } from "../../lib/values";
import { Proof } from "../../policies/lib/proof";
import { conditionsMatchEveryRequest } from "../../policies/lib/wafv3-conditions";

const c = (key: unknown, opValue: unknown, values: unknown) => ({ key, opValue, values });

describe("conditionsMatchEveryRequest (WAF 3.0 match conditions)", () => {
  it.each([
    // Total: every request has a URL starting with "/" and a client address.
    ["URL contains /", [c("URL", "contain", "/")], "yes"],
    ["URL path starts with /", [c("URLPath", "prefix-match", "/")], "yes"],
    ["URL contains one of several values, / among them", [c("URL", "contain-one", "/login,/")], "yes"],
    ["URL regex .*", [c("URL", "regex", ".*")], "yes"],
    ["URL regex ^", [c("URLPath", "regex", "^")], "yes"],
    ["URL length above 0", [c("URL", "len-gt", "0")], "yes"],
    ["IP in blocks covering IPv4 and IPv6", [c("IP", "contain", "0.0.0.0/1,128.0.0.0/1,::/0")], "yes"],
    ["two total conditions", [c("URL", "contain", "/"), c("URLPath", "prefix-match", "/")], "yes"],
    // Not proven.
    ["one total and one scoped condition", [c("URL", "contain", "/"), c("IP", "contain", "203.0.113.7")], "no"],
    ["URL path starts with /api", [c("URLPath", "prefix-match", "/api")], "no"],
    ["URL equals /", [c("URL", "eq", "/")], "no"],
    ["contain-one with / and a space", [c("URL", "contain-one", "/api, /")], "no"],
    ["URL length above 1", [c("URL", "len-gt", "1")], "no"],
    ["regex needing a character", [c("URL", "regex", ".+")], "no"],
    ["regex-one is not read", [c("URL", "regex-one", ".*")], "no"],
    ["IPv4 only", [c("IP", "contain", "0.0.0.0/0")], "no"],
    ["IP not in an office block", [c("IP", "not-contain", "203.0.113.0/24")], "no"],
    ["empty value", [c("URL", "contain", "")], "no"],
    ["header containing /", [c("Header", "contain", "/")], "no"],
    ["method is not a rare one", [c("Http-Method", "ne", "TRACE")], "no"],
    ["lower-case field name", [c("url", "contain", "/")], "no"],
    ["numeric value", [c("URL", "len-gt", 0)], "no"],
    ["no conditions", [], "no"],
    ["absent", undefined, "no"],
    ["not a list", c("URL", "contain", "/"), "no"],
    // Unknown at preview.
    ["unknown list", UNKNOWN, "unknown"],
    ["unknown element", [UNKNOWN], "unknown"],
    ["unknown field with /", [c(UNKNOWN, "contain", "/")], "unknown"],
    ["unknown operator with /", [c("URL", UNKNOWN, "/")], "unknown"],
    ["unknown value on URL contain", [c("URL", "contain", UNKNOWN)], "unknown"],
    ["unknown addresses", [c("IP", "contain", UNKNOWN)], "unknown"],
    ["unknown element beside a scoped one", [UNKNOWN, c("IP", "contain", "203.0.113.7")], "no"],
    ["unknown value on an operator that cannot be total", [c("URL", "eq", UNKNOWN)], "no"],
    ["unknown field with a value no form accepts", [c(UNKNOWN, "contain", "/admin")], "no"],
  ] as [string, unknown, Proof][])("%s", (_name, conditions, expected) => {
    expect(conditionsMatchEveryRequest(conditions)).toBe(expected);
  });
});
