import fc from "fast-check";
import { RE2JS } from "re2js";
import { plainMatch, plainPattern, requiredLiteral } from "../../lib/userdata-sed-plain";
import { compileSedRegex, MatchBudget, sedMatch, translateSedRegex } from "../../lib/userdata-sed-regex";

/** Pieces of sed patterns: plain text, quantifiers of both syntaxes, groups, alternatives, brackets, anchors. */
const PIECES = [
  ..."^ a b # P * ? + | ( ) . $ \\".split(" "),
  " ",
  ..."\\? \\+ \\| \\( \\) [ab] [^a] {2} \\{2\\} .* ab #a no yes \\s".split(" "),
];
const LINE_CHARACTERS = [..."ab#Pxnoyes ", "\n", "\r"];

const pattern = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(""));
const line = fc.array(fc.constantFrom(...LINE_CHARACTERS), { maxLength: 12 }).map((c) => c.join(""));

/** re2js's own leftmost-longest match of the translated pattern, as [start, end]; undefined when it is unread. */
function automatonMatch(source: string, extended: boolean, text: string, from: number): number[] | null | undefined {
  const translated = translateSedRegex(source, extended);
  if (!translated) return undefined;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(translated.re2, RE2JS.LONGEST_MATCH);
  } catch {
    return undefined;
  }
  const matcher = compiled.matcher(text);
  return matcher.find(from) ? [matcher.start(), matcher.end()] : null;
}

describe("plain sed patterns, matched without the automaton", () => {
  it.each<[string, boolean, string | undefined]>([
    ["^#\\?PasswordAuthentication.*", false, "PasswordAuthentication"],
    ["^PasswordAuthentication no", false, "PasswordAuthentication no"],
    ["Permit\\(Root\\)Login", false, "Permit"],
    ["PermitRootLogin\\|PasswordAuthentication", false, undefined],
    ["PermitRootLogin|x", true, undefined],
    ["PermitRootLogin|x", false, "PermitRootLogin"],
    ["abcd*", false, "abc"],
    ["abcd\\{0\\}", false, "abc"],
    ["abcd?", true, "abc"],
    ["abcd?", false, "abcd"],
    ["[P]ermitRootLogin", false, undefined],
    ["a.b", false, undefined],
  ])("%j (extended: %s) requires %j", (source, extended, literal) => {
    expect(requiredLiteral(source, extended)).toBe(literal);
  });

  it("reads only patterns of plain text, anchored when a character is optional or repeated", () => {
    expect(plainPattern("^#\\?PasswordAuthentication.*", false)).toEqual({
      anchored: true,
      items: [
        { text: "#", repeat: "optional" },
        { text: "PasswordAuthentication", repeat: "one" },
      ],
      restOfLine: true,
    });
    expect(plainPattern("PermitRootLogin no", true)).toEqual({
      anchored: false,
      items: [{ text: "PermitRootLogin no", repeat: "one" }],
      restOfLine: false,
    });
    expect(plainPattern("#*PermitRootLogin", false)).toBeUndefined();
    expect(plainPattern("^a*\\?b", false)).toBeUndefined();
    expect(plainPattern("^a.*b", false)).toBeUndefined();
    expect(plainPattern("^", false)).toBeUndefined();
  });

  it("finds the text every match contains", () => {
    fc.assert(
      fc.property(pattern, fc.boolean(), line, fc.nat(12), (source, extended, text, from) => {
        const literal = requiredLiteral(source, extended);
        const expected = automatonMatch(source, extended, text, Math.min(from, text.length));
        if (literal !== undefined && expected) expect(text.slice(expected[0], expected[1])).toContain(literal);
      }),
      { numRuns: 5000 },
    );
  });

  it("matches plain patterns as re2js does", () => {
    fc.assert(
      fc.property(pattern, fc.boolean(), line, fc.nat(12), (source, extended, text, at) => {
        const plain = plainPattern(source, extended);
        const expected = automatonMatch(source, extended, text, Math.min(at, text.length));
        if (plain === undefined || expected === undefined) return;
        const m = plainMatch(plain, text, Math.min(at, text.length));
        expect(m ? [m.start, m.end] : null).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("spends the match budget whether or not the automaton runs", () => {
    const regex = compileSedRegex("^PasswordAuthentication no", false);
    const budget = new MatchBudget(1_000_000);
    expect(regex && sedMatch(regex, "#PermitRootLogin yes", budget)).toBeUndefined();
    expect(budget.remaining).toBe(1_000_000 - (regex?.size ?? 0) * ("#PermitRootLogin yes".length + 1));
  });
});
