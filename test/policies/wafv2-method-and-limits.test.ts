// The pieces behind "every request" that depend on the method and the front end: which standard methods a statement
// on the method matches, and how long a URI path the web ACL's scope lets through.
import { limitsForScope, NO_LIMITS } from "../../policies/lib/wafv2-front-end-limits";
import { matchesEveryRequest } from "../../policies/lib/wafv2-match-all";
import { methodsMatched, METHODS } from "../../policies/lib/wafv2-method-match";
import { UNKNOWN } from "./harness";

const none = [{ priority: 0, type: "NONE" }];
const exactly = (searchString: unknown) => ({
  byteMatchStatement: {
    positionalConstraint: "EXACTLY",
    searchString,
    fieldToMatch: { method: {} },
    textTransformations: none,
  },
});
const regex = (regexString: unknown) => ({
  regexMatchStatement: { regexString, fieldToMatch: { method: {} }, textTransformations: none },
});
const pathSize = (comparisonOperator: string, size: number) => ({
  sizeConstraintStatement: { comparisonOperator, size, fieldToMatch: { uriPath: {} }, textTransformations: none },
});
const noIpSets = () => [];

describe("methodsMatched", () => {
  it.each([
    ["EXACTLY GET", exactly("GET"), ["GET"]],
    ["EXACTLY get (case differs)", exactly("get"), []],
    ["regex ^[A-Z]+$", regex("^[A-Z]+$"), [...METHODS]],
    ["regex ^P", regex("^P"), ["PUT", "PATCH", "POST"]],
    ["NOT GET", { notStatement: { statement: exactly("GET") } }, METHODS.filter((m) => m !== "GET")],
    ["OR GET, POST", { orStatement: { statements: [exactly("GET"), exactly("POST")] } }, ["GET", "POST"]],
    ["AND GET, POST", { andStatement: { statements: [exactly("GET"), exactly("POST")] } }, []],
  ])("%s", (_n, statement, want) => {
    expect([...(methodsMatched(statement) ?? ["(not read)"])].sort()).toEqual([...want].sort());
  });

  it.each([
    ["a search string unknown at preview", exactly(UNKNOWN)],
    ["a regex unknown at preview", regex(UNKNOWN)],
    ["a regex with escapes", regex("\\AGET\\z")],
    ["a regex with (?i)", regex("(?i)get")],
    ["a regex that does not compile", regex("([A-Z]")],
    ["an OR with a path member", { orStatement: { statements: [exactly("GET"), { labelMatchStatement: {} }] } }],
    ["a hostile search string", exactly({ toString: 1 })],
    ["an empty OR", { orStatement: { statements: [] } }],
  ])("does not read %s", (_n, statement) => {
    expect(methodsMatched(statement)).toBeUndefined();
  });

  it("stops at a deep nesting of NOTs", () => {
    let s: unknown = exactly("GET");
    for (let i = 0; i < 200; i++) s = { notStatement: { statement: s } };
    expect(methodsMatched(s)).toBeUndefined();
  });
});

describe("limitsForScope and path sizes", () => {
  it.each([
    ["CLOUDFRONT", { pathShorterThan: 8192 }],
    ["cloudfront", { pathShorterThan: 8192 }],
    ["REGIONAL", { pathShorterThan: 16384 }],
    ["constructor", NO_LIMITS],
    [42, NO_LIMITS],
    [UNKNOWN, { pathShorterThan: "unknown" }],
  ])("%s", (scope, want) => {
    expect(limitsForScope(scope)).toEqual(want);
  });

  it.each([
    ["LT 8192 on CloudFront", pathSize("LT", 8192), "CLOUDFRONT", "yes"],
    ["LT 8191 on CloudFront", pathSize("LT", 8191), "CLOUDFRONT", "no"],
    ["LE 8191 on CloudFront", pathSize("LE", 8191), "CLOUDFRONT", "yes"],
    ["LT 8192 on a regional ACL", pathSize("LT", 8192), "REGIONAL", "no"],
    ["LT 16384 on a regional ACL", pathSize("LT", 16384), "REGIONAL", "yes"],
    ["NE 9000 on CloudFront", pathSize("NE", 9000), "CLOUDFRONT", "yes"],
    ["LT 8192 with no scope known", pathSize("LT", 8192), undefined, "no"],
    ["LT 8192, scope unknown at preview", pathSize("LT", 8192), UNKNOWN, "unknown"],
  ])("%s", (_n, statement, scope, want) => {
    expect(matchesEveryRequest(statement, noIpSets, undefined, limitsForScope(scope))).toBe(want);
  });
});
