import { regexMatchesEveryString } from "../../policies/lib/regex-matches-every-string";

describe("regexMatchesEveryString", () => {
  it.each([
    "",
    ".*",
    "^",
    "$",
    "(?s).*",
    "(?i)^.*",
    ".*?",
    ".*$",
    "^.*",
    "\\A",
    "\\z",
    "a*",
    "[a-z]*",
    "(abc)?",
    "(?:admin|login)*",
    "x{0,3}",
    "|admin",
    "admin|",
    "(|a)",
    "(?<name>a*)",
    "(?s)^(?:.*)",
  ])("matches every string: %j", (pattern) => {
    expect(regexMatchesEveryString(pattern)).toBe(true);
  });

  it.each([
    "^$", // only the empty string
    "^.*$", // not a text with a line break in the middle
    "a",
    ".+",
    "^/admin",
    "a{1,3}",
    "(?=a)", // lookarounds are not read
    "\\b",
    "\\Q*\\E", // a quoted literal
    "(?x) .*", // extended mode changes what spaces mean
    "[[:alpha:]]*a",
    "(^)", // an anchor inside a group is not followed
    "(a",
    "a)",
    "a**",
    "{,3}",
    "x".repeat(5000),
  ])("is not proven: %j", (pattern) => {
    expect(regexMatchesEveryString(pattern)).toBe(false);
  });

  it("agrees with a regex engine where it says yes", () => {
    const samples = ["", "/", "/admin\n/x", "GET", "ä€😀"];
    for (const pattern of [".*", "^", "$", "(?:a|b)*", "[^x]*", ".*?$"])
      for (const s of samples) expect(new RegExp(pattern).test(s)).toBe(regexMatchesEveryString(pattern));
  });

  it("answers hostile patterns, saying no when it cannot be sure", () => {
    expect(regexMatchesEveryString("(".repeat(1000) + ")".repeat(1000))).toBe(false);
    expect(regexMatchesEveryString("[" + "\\]".repeat(1000))).toBe(false);
  });
});
