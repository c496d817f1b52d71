import fc from "fast-check";
import { matchesEverything, wildcardMatches } from "../../policies/lib/wildcard";

/** The plain reading of a pattern: `*` any run, `?` one character, anchored at both ends. */
function reference(pattern: string, name: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`).test(name);
}

describe("wildcardMatches", () => {
  it.each([
    ["*", "", true],
    ["*", "anything", true],
    ["prod-*", "prod-api", true],
    ["prod-*", "dev-api", false],
    ["*-api", "prod-api", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["CrossSiteScripting_*", "CrossSiteScripting_BODY", true],
    ["exact", "exact", true],
    ["exact", "exactly", false],
    ["urn:pulumi:*::web-?", "urn:pulumi:prod::hardening-kit::aws:ec2/instance:Instance::web-1", true],
  ])("%s against %s is %s", (pattern, name, expected) => {
    expect(wildcardMatches(pattern, name)).toBe(expected);
  });

  it("gives up quickly on stars that cannot line up (a regex backtracks once per star)", () => {
    expect(wildcardMatches("*a*a*a*a*a*a*b", "a".repeat(5_000))).toBe(false);
    expect(wildcardMatches("*a*a*a*a*a*a*a", "a".repeat(5_000))).toBe(true);
  });

  it("agrees with the plain regex reading on short patterns and names", () => {
    const pattern = fc.stringOf(fc.constantFrom("a", "b", "*", "?"), { maxLength: 8 });
    const name = fc.stringOf(fc.constantFrom("a", "b"), { maxLength: 10 });
    fc.assert(fc.property(pattern, name, (p, n) => wildcardMatches(p, n) === reference(p, n)));
  });
});

describe("matchesEverything", () => {
  it.each([
    ["*", true],
    ["***", true],
    ["", false],
    ["a*", false],
  ])("%s is %s", (pattern, expected) => {
    expect(matchesEverything(pattern)).toBe(expected);
  });
});
