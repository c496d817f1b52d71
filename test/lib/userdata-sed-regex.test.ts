import { compileSedRegex, MatchBudget, sedMatch, translateSedRegex } from "../../lib/userdata-sed-regex";

interface Options {
  extended?: boolean;
  ignoreCase?: boolean;
}

/** What the pattern matches in the line, undefined when nothing or when the pattern is unread. */
function matched(source: string, line: string, { extended = false, ignoreCase = false }: Options = {}) {
  const regex = compileSedRegex(source, extended, ignoreCase);
  const m = regex && sedMatch(regex, line, new MatchBudget());
  return m && line.slice(m.start, m.end);
}

describe("sed's basic regular expressions", () => {
  it.each<[string, string, string | undefined]>([
    ["a+b", "xa+b aab", "a+b"],
    ["a?", "xa?", "a?"],
    ["(x)", "f(x)", "(x)"],
    ["a|b", "b a|b", "a|b"],
    ["a{2}", "aa a{2}", "a{2}"],
    ["a\\+", "baaa", "aaa"],
    ["ba\\?c", "bc", "bc"],
    ["x\\{1,3\\}", "xxxxx", "xxx"],
    ["x\\{2\\}", "x xxx", "xx"],
    ["x\\{2,\\}", "x xxxx", "xxxx"],
    ["*a", "x*a", "*a"],
    ["^*a", "*a", "*a"],
    ["^*a", "a", undefined],
    ["\\(*a\\)", "x*a", "*a"],
    ["a\\|*b", "*b", "*b"],
    ["a^b", "a^b", "a^b"],
    ["a$b", "a$b", "a$b"],
    ["\\(yes\\)$", "yes no", undefined],
    ["\\(^#\\)P", "#P", "#P"],
    ["a.c", "a.c", "a.c"],
    ["a\\.c", "abc", undefined],
    ["a*\\{2\\}b", "aab", "aab"],
  ])("%s on %j", (source, line, expected) => {
    expect(matched(source, line)).toBe(expected);
  });
});

describe("sed's extended regular expressions (-E)", () => {
  it.each<[string, string, string | undefined]>([
    ["(a|b)+", "xabbac", "abba"],
    ["^#?(PermitRootLogin|PasswordAuthentication) ", "#PasswordAuthentication yes", "#PasswordAuthentication "],
    ["x{1,3}", "xxxxx", "xxx"],
    ["a{,3}", "a{,3}", "a{,3}"],
    ["\\(a\\)", "(a)", "(a)"],
    ["a\\+", "aa+", "a+"],
    ["*a", "*a", "*a"],
    ["(+a)", "+a", "+a"],
    ["a+?", "aaa", "aaa"],
  ])("%s on %j", (source, line, expected) => {
    expect(matched(source, line, { extended: true })).toBe(expected);
  });

  it("reports the groups as matched, undefined for one that took no part", () => {
    const regex = compileSedRegex("(x)|(a+)", true)!;
    expect(sedMatch(regex, "baa", new MatchBudget())).toEqual({ start: 1, end: 3, groups: [undefined, "aa"] });
  });
});

describe("bracket expressions", () => {
  it.each<[string, string, string | undefined]>([
    ["[]abc]", "x]y", "]"],
    ["[^]a]", "]ab", "b"],
    ["^#[^#]*", "#PermitRootLogin yes", "#PermitRootLogin yes"],
    ["[^#]", "#P", "P"],
    ["[^a]", "\n", undefined],
    ["[[:space:]]\\+yes", "#PasswordAuthentication \tyes", " \tyes"],
    ["[[:upper:]][[:lower:]]*", "#permit Root", "Root"],
    ["[a-c-]\\+", "x-ab-", "-ab-"],
    ["[.*+]\\+", "a.*+b", ".*+"],
    ["[\\n]", "a\nb", "\n"],
  ])("%s on %j", (source, line, expected) => {
    expect(matched(source, line)).toBe(expected);
  });

  it.each(["[abc", "[[:word:]]", "[z-a]"])("%s is left unread", (source) => {
    expect(compileSedRegex(source, false)).toBeUndefined();
  });
});

describe("GNU's escapes", () => {
  it.each<[string, string, string | undefined]>([
    ["\\s\\+", "a \t b", " \t "],
    ["\\S\\+", "  ab ", "ab"],
    ["\\w\\+", "-ab_1-", "ab_1"],
    ["\\W", "ab-", "-"],
    ["\\bno\\b", "nono no", "no"],
    ["a\\tb", "a\tb", "a\tb"],
  ])("%s on %j", (source, line, expected) => {
    expect(matched(source, line)).toBe(expected);
  });
});

describe("matching", () => {
  it("is leftmost-longest, as POSIX asks", () => {
    expect(matched("a\\|ab", "abc")).toBe("ab");
    expect(matched("(a|ab)(c|bcd)", "abcd", { extended: true })).toBe("abcd");
  });

  it("folds case under the I flag", () => {
    expect(matched("^#permitrootlogin [a-z]*", "#PermitRootLogin YES", { ignoreCase: true })).toBe(
      "#PermitRootLogin YES",
    );
    expect(matched("^#permitrootlogin", "#PermitRootLogin yes")).toBeUndefined();
  });

  it("anchors ^ at the line's start when searching from further on", () => {
    const regex = compileSedRegex("^a", false)!;
    expect(sedMatch(regex, "aa", new MatchBudget(), 1)).toBeUndefined();
    expect(sedMatch(compileSedRegex("a", false)!, "aa", new MatchBudget(), 1)).toEqual({
      start: 1,
      end: 2,
      groups: [],
    });
  });

  it("runs a pattern built to backtrack in linear time", () => {
    const line = "a".repeat(50_000);
    expect(matched("\\(a*\\)*b", line)).toBeUndefined();
    expect(matched("\\(a*\\)*b", `${line}b`)).toBe(`${line}b`);
    expect(matched("(a|aa)*c", line, { extended: true })).toBeUndefined();
  });
});

describe("patterns left unread", () => {
  it.each<[string, boolean]>([
    ["\\(a\\)\\1", false],
    ["(a)\\1", true],
    ["\\(a", false],
    ["(a", true],
    ["a\\{1", false],
    ["a\\{3,2\\}", false],
    ["x\\{999\\}x\\{999\\}x\\{999\\}", false],
    ["a".repeat(513), false],
  ])("%s", (source, extended) => {
    expect(compileSedRegex(source, extended)).toBeUndefined();
  });

  it("once the budget is spent, compiling too", () => {
    const budget = new MatchBudget(100);
    expect(compileSedRegex("^#PermitRootLogin", false, false, budget)).toBeUndefined();
    expect(budget.remaining).toBeLessThan(0);
  });
});

describe("the translation into RE2's syntax", () => {
  it.each<[string, boolean, string]>([
    ["a+?(|){", false, "a\\+\\?\\(\\|\\)\\{"],
    ["\\(a\\)\\|b\\+", false, "(a)|b+"],
    ["a+?", true, "(?:a+)?"],
    ["[^]a-]", false, "[^\\n\\]a\\-]"],
    ["^*$", false, "^\\*$"],
    ["\\<a\\>", false, "\\ba\\b"],
  ])("%s (extended: %s) is %s", (source, extended, re2) => {
    expect(translateSedRegex(source, extended)?.re2).toBe(re2);
  });
});

describe("loading re2js", () => {
  it("waits for the first pattern", () => {
    let loaded = false;
    jest.isolateModules(() => {
      jest.doMock("re2js", () => {
        loaded = true;
        return jest.requireActual("re2js");
      });
      const sedRegex: typeof import("../../lib/userdata-sed-regex") = require("../../lib/userdata-sed-regex");
      expect(loaded).toBe(false);
      expect(sedRegex.compileSedRegex("a", false)).toBeDefined();
      expect(loaded).toBe(true);
    });
  });
});
