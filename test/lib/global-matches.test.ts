import { globalMatches } from "../../lib/global-matches";

/** What matchAll gives, as plain data: each match's groups and index. */
const viaMatchAll = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => [[...m], m.index]);
const viaHelper = (pattern: RegExp, text: string) => globalMatches(pattern, text).map((m) => [[...m], m.index]);

describe("globalMatches gives what matchAll gives", () => {
  const rows: [string, RegExp, string][] = [
    ["several matches with groups", /\$(\w+)|%(\w+)%/g, "net user $a %B% $c_d"],
    ["no match", /AuthorizedKeysFile\s+(\S+)/gi, "PasswordAuthentication no"],
    [
      "case-insensitive, across lines",
      /passwordauthentication\s+(\w+)/gi,
      "PasswordAuthentication yes\nPASSWORDAUTHENTICATION no",
    ],
    ["empty matches move on by one", /x*/g, "axxbx"],
    ["empty matches over surrogate pairs (u flag)", /(?:)/gu, "a😀b"],
    ["empty matches over surrogate pairs (no u flag)", /(?:)/g, "a😀b"],
    ["an empty text", /a*/g, ""],
  ];
  it.each(rows)("%s", (_name, pattern, text) => {
    expect(viaHelper(pattern, text)).toEqual(viaMatchAll(pattern, text));
    expect(pattern.lastIndex).toBe(0);
  });

  it("starts where the pattern's lastIndex stands and leaves it there, as matchAll does", () => {
    const pattern = /\d/g;
    pattern.lastIndex = 3;
    const expected = viaMatchAll(pattern, "1 2 3 4");
    expect(pattern.lastIndex).toBe(3);
    expect(viaHelper(pattern, "1 2 3 4")).toEqual(expected);
    expect(pattern.lastIndex).toBe(3);
    expect(expected.map(([m]) => (m as string[])[0])).toEqual(["3", "4"]);
  });

  it("reads a pattern used again inside the loop over its matches", () => {
    const pattern = /(\w)=(\w)/g;
    const inner = globalMatches(pattern, "a=1 b=2").map((m) => globalMatches(pattern, `${m[1]}=${m[2]} z=9`).length);
    expect(inner).toEqual([2, 2]);
  });
});
