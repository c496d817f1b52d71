// Caps of Perl's regex translator: a pattern Perl would run but the reader does not compile (an interval past RE2's
// count of 1000, a program past 2048 instructions) is told apart from a pattern that matches nothing, so that an
// edit of sshd's configuration it hides is reported as unread content; a pattern Perl itself refuses, or one RE2
// cannot run (a backreference), is no cap and is told as nothing.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { compilePerlRegex, translatePerlRegex } from "../../lib/userdata-perl-regex";
import { MatchBudget } from "../../lib/userdata-sed-regex";

const F = "/etc/ssh/sshd_config";
const kinds = (text: string): LoginWeaknessKind[] => findLoginWeaknesses(text).map((w) => w.kind);
const script = (...lines: string[]) => `#!/bin/bash\n${lines.join("\n")}\n`;
/** Why compilePerlRegex told it left `source` uncompiled, each reason once; [] when it told nothing. */
const refusals = (source: string): { compiled: boolean; told: string[] } => {
  const told: string[] = [];
  const compiled = compilePerlRegex(source, false, new MatchBudget(), (why) => told.push(why)) !== undefined;
  return { compiled, told };
};

const PAST_COUNT = "a perl pattern with an interval past 1000";
const PAST_SIZE = "a perl pattern compiling past 2048 instructions";

describe("perl patterns past the translator's caps", () => {
  it.each<[string, string]>([
    ["a{1001}", PAST_COUNT],
    ["^(P\\w+n) no\\s{0,1001}$", PAST_COUNT],
    ["x{2000,}", PAST_COUNT],
    ["(a{1000}){1000}", PAST_SIZE],
    ["^(P\\w+n) no(?:\\s{0,99}){0,99}$", PAST_SIZE],
  ])("%s is told as past a cap, not as no match", (source, why) => {
    expect(refusals(source)).toEqual({ compiled: false, told: [why] });
    // Asked again (the refusal is memoised), it is told again.
    expect(refusals(source)).toEqual({ compiled: false, told: [why] });
  });

  it.each(["a{1000}", "^(P\\w+n) no\\s{0,999}$", "^(P\\w+n) no(?:\\s{0,9}){0,9}$"])(
    "%s under the caps is compiled",
    (source) => {
      expect(refusals(source)).toEqual({ compiled: true, told: [] });
    },
  );

  it.each([
    // Perl refuses these: its program stops, and edits nothing.
    "a{3,2}",
    "a{0,65535}",
    "a{70000}",
    // RE2 cannot run these: left as matching nothing, as before.
    "^(Port) (\\d+)\\2$",
    "(?=a)",
  ])("%s is no cap: nothing is told", (source) => {
    expect(refusals(source)).toEqual({ compiled: false, told: [] });
  });

  it("translatePerlRegex still answers undefined past a cap", () => {
    expect(translatePerlRegex("a{1001}")).toBeUndefined();
    expect(translatePerlRegex("(a{1000}){1000}")).toBeUndefined();
    expect(translatePerlRegex("a{1000}")?.re2).toBe("a{1000}");
  });
});

describe("perl edits of sshd_config by their patterns' size", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "an interval of 999 is replayed",
      `perl -pi -e 's/^(P\\w+n) no\\s{0,999}$/$1 yes/' ${F}`,
      ["password-authentication", "root-login"],
    ],
    [
      "a program under 2048 instructions is replayed",
      `perl -pi -e 's/^(P\\w+n) no(?:\\s{0,9}){0,9}$/$1 yes/' ${F}`,
      ["password-authentication", "root-login"],
    ],
    [
      "an address with an interval of 999 is replayed",
      `perl -pi -e 's/no/yes/ if /^P\\w+n\\s{1,999}no/' ${F}`,
      ["password-authentication", "root-login"],
    ],
    [
      "a pattern past the caps editing another file is no finding",
      `perl -pi -e 's/^(a)\\s{0,1001}$/$1 b/' /etc/app.conf`,
      [],
    ],
    ["a count Perl refuses edits nothing", `perl -pi -e 's/^(P\\w+n) no\\s{0,70000}$/$1 yes/' ${F}`, []],
    ["a backreference is left as matching nothing", `perl -pi -e 's/^(P\\w+n) no(\\s)\\2$/$1 yes/' ${F}`, []],
  ])("%s", (_, line, expected) => {
    expect(kinds(script(line))).toEqual(expected);
  });
});

describe("perl edits of sshd_config past the translator's caps", () => {
  const unread = (line: string) => [{ kind: "unread-content", line }];
  it.each<[string, string, { kind: string; line: string }[]]>([
    ["an interval past 1000", `perl -pi -e 's/^(P\\w+n) no\\s{0,1001}$/$1 yes/' ${F}`, unread(PAST_COUNT)],
    [
      "a program past 2048 instructions",
      `perl -pi -e 's/^(P\\w+n) no(?:\\s{0,99}){0,99}$/$1 yes/' ${F}`,
      unread(PAST_SIZE),
    ],
    [
      "an address with an interval past 1000",
      `perl -pi -e 's/no/yes/ if /^P\\w+n\\s{1,1001}no/' ${F}`,
      unread(PAST_COUNT),
    ],
    ["an uncommenting pattern past 1000", `perl -pi -e 's/^#(P\\w+n yes)\\s{0,1001}$/$1/' ${F}`, unread(PAST_COUNT)],
  ])("%s is reported as unread", (_, line, expected) => {
    expect(findLoginWeaknesses(script(line))).toEqual(expected);
  });
});
