// PowerShell's replacements read from a statement and replayed as .NET would make them.
import { MatchBudget } from "../../lib/userdata-sed-regex";
import { Replacement, replacementsOf, replayReplacements } from "../../lib/windows-replacements";

const replay = (text: string, statement: string, lines = true) => {
  const replacements = replacementsOf(statement);
  return replacements && replayReplacements(text, replacements, lines, new MatchBudget());
};

describe("replacementsOf", () => {
  it.each<[string, string, Replacement[] | undefined]>([
    ["-replace", `$x -replace 'a','b'`, [{ pattern: "a", replacement: "b", ignoreCase: true, literal: false }]],
    ["-creplace", `$x -creplace "a" , "b"`, [{ pattern: "a", replacement: "b", ignoreCase: false, literal: false }]],
    ["-ireplace", `$x -ireplace 'a','b'`, [{ pattern: "a", replacement: "b", ignoreCase: true, literal: false }]],
    ["-replace removing", `$x -replace '#'`, [{ pattern: "#", replacement: "", ignoreCase: true, literal: false }]],
    [".Replace", `$x.Replace('a', 'b')`, [{ pattern: "a", replacement: "b", ignoreCase: false, literal: true }]],
    [
      "doubled single quotes",
      `$x -replace 'it''s','b'`,
      [{ pattern: "it's", replacement: "b", ignoreCase: true, literal: false }],
    ],
    [
      "backtick escapes",
      '$x -replace "a`tb","c`n"',
      [{ pattern: "a\tb", replacement: "c\n", ignoreCase: true, literal: false }],
    ],
    ["none", "Set-Content C:\\x 'y'", []],
    ["a variable as the replacement", `$x -replace 'a',$b`, undefined],
    ["a variable as the pattern", `$x -replace $a,'b'`, undefined],
    ["an expanding double-quoted string", `$x -replace 'a',"$b"`, undefined],
    [".Replace of variables", `$x.Replace($a, 'b')`, undefined],
    ["a pattern past the cap", `$x -replace '${"a".repeat(513)}','b'`, undefined],
  ])("%s", (_name, statement, expected) => {
    expect(replacementsOf(statement)).toEqual(expected);
  });

  it("keeps the order of several, and reads a cmdlet named like the operator as none", () => {
    expect(replacementsOf(`$x -replace 'a','b' -creplace 'b','c'`)?.map((r) => r.pattern)).toEqual(["a", "b"]);
    expect(replacementsOf("Invoke-Replace 'a','b'")).toEqual([]);
  });
});

describe("replayReplacements", () => {
  it.each<[string, string, string, string]>([
    ["any case", "PasswordAuthentication __PA__", `-replace '__pa__','yes'`, "PasswordAuthentication yes"],
    ["in order", "x __A__", `-replace '__A__','__B__' -replace '__B__','no'`, "x no"],
    ["a numbered group", "Password no", `-replace '(Pass)word (no)','$1-$2'`, "Pass-no"],
    ["a named group", "ab", `-replace '(?<x>a)','[\${x}]'`, "[a]b"],
    ["the match, $$ and text around it", "abc", "-replace 'b','<$0|$&|$$|$`|$''>'", "a<b|b|$|a|c>c"],
    ["a group the pattern lacks, as written", "ab", `-replace 'a','$7'`, "$7b"],
    ["a backslash is text", "a", `-replace 'a','\\1'`, "\\1"],
    ["anchors on each line", "a\na", `-replace '^a$','b'`, "b\nb"],
    ["String.Replace is literal and case-sensitive", "a.b A.B", `.Replace('a.b','x')`, "x A.B"],
  ])("%s", (_name, text, statement, expected) => {
    expect(replay(text, `$x ${statement}`)).toBe(expected);
  });

  it("anchors the whole text when it is read raw", () => {
    expect(replay("a\na", `$x -replace '^a$','b'`, false)).toBe("a\na");
  });

  it("cannot replay what RE2 cannot run, or an empty String.Replace", () => {
    expect(replay("ab", `$x -replace '(?<=a)b','c'`)).toBeUndefined();
    expect(replay("ab", `$x -replace '(a)\\1','c'`)).toBeUndefined();
    expect(replay("ab", `$x.Replace('','c')`)).toBeUndefined();
  });

  it("stops when the budget is spent", () => {
    const replacements = replacementsOf(`$x -replace 'a','b'`) ?? [];
    const budget = new MatchBudget(5_000);
    expect(replayReplacements("a".repeat(1000), replacements, false, budget)).toBe("b".repeat(1000));
    expect(replayReplacements("a".repeat(10_000), replacements, false, budget)).toBeUndefined();
  });
});
