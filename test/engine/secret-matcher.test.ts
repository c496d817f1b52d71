// The secret matcher cuts every occurrence of every needle, overlapping finds merged into one cut (the longest at each
// place wins), checked on the tricky forms and against a plain reference on random text over a small alphabet, where
// needles overlap, nest and share prefixes and suffixes all the time.
import { SecretMatcher } from "../../engine/secret-matcher";

const M = "#";

/** The reference: every occurrence's span, merged where spans overlap. */
function reference(text: string, needles: string[]): string {
  const covered: Array<[number, number]> = [];
  for (const needle of needles.filter((n) => n.length > 0))
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) covered.push([i, i + needle.length]);
  covered.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = "";
  let at = 0;
  let current: [number, number] | undefined;
  const flush = () => {
    if (!current) return;
    out += text.slice(at, current[0]) + M;
    at = current[1];
  };
  for (const [start, end] of covered) {
    if (current && start < current[1]) current[1] = Math.max(current[1], end);
    else {
      flush();
      current = [start, end];
    }
  }
  flush();
  return out + text.slice(at);
}

describe("SecretMatcher", () => {
  it.each([
    ["every occurrence", ["abc"], "abc x abc abc", "# x # #"],
    ["the longest at a place", ["ab", "abcd"], "abcde ab", "#e #"],
    ["a needle inside another", ["PermitRootLogin yes", "Login"], "PermitRootLogin yes; Login", "#; #"],
    ["a failure link into a shorter needle", ["abcd", "bc"], "abce", "a#e"],
    ["overlapping needles merge", ["abc", "cde"], "abcdef", "#f"],
    ["touching needles stay two cuts", ["ab", "cd"], "abcd", "##"],
    ["a suffix found through the failure chain", ["xyz", "yzw", "z"], "xyzw", "#"],
    ["characters past the BMP", ["p\u{1F511}ss"], "a p\u{1F511}ss b", "a # b"],
    ["regex characters as text", ["a.b*(c)"], "a.b*(c) axb", "# axb"],
    // Code units, not grapheme clusters: a secret is cut wherever its code units occur, even where its first or last
    // character joins a neighbour into one cluster (a grapheme-aware matcher would miss every one of these).
    ["a secret whose last letter takes a combining accent", ["secre"], "x secre\u0301 y", "x #\u0301 y"],
    ["a secret that starts with a combining mark", ["\u0301abc"], "e\u0301abc d", "e# d"],
    ["half of a surrogate pair", ["ab\uD83D"], "ab\u{1F511}", "#\uDD11"],
    ["an emoji inside a ZWJ sequence", ["\u{1F468}"], "a \u{1F468}\u200D\u{1F469} b", "a #\u200D\u{1F469} b"],
    ["the CR of a CRLF", ["line\r"], "line\r\nnext", "#\nnext"],
    ["one of a pair of regional indicators", ["\u{1F1EA}\u{1F1F8}"], "\u{1F1FA}\u{1F1EA}\u{1F1F8}", "\u{1F1FA}#"],
  ])("%s", (_, needles, text, expected) => {
    expect(new SecretMatcher(needles).replace(text, M)).toBe(expected);
  });

  it("cuts long needles (whole scripts) and short ones alike", () => {
    const script = `#!/bin/bash\n${"echo filler\n".repeat(200)}echo 'PermitRootLogin yes'\n`;
    const matcher = new SecretMatcher([script, "echo 'PermitRootLogin yes'"]);
    expect(matcher.replace(`x ${script} y echo 'PermitRootLogin yes' z`, M)).toBe("x # y # z");
  });

  it("leaves text without needles as it is, and an empty matcher changes nothing", () => {
    expect(new SecretMatcher(["secret"]).replace("nothing here", M)).toBe("nothing here");
    expect(new SecretMatcher([]).replace("secret", M)).toBe("secret");
  });

  it("agrees with the reference on random text", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const word = (max: number) => Array.from({ length: 1 + random(max) }, () => "abc"[random(3)]).join("");
    for (let round = 0; round < 500; round++) {
      const needles = Array.from({ length: 1 + random(6) }, () => word(5));
      const text = word(40);
      expect([round, new SecretMatcher(needles).replace(text, M)]).toEqual([round, reference(text, needles)]);
    }
  });
});
