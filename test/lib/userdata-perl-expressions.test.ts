import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { unreadIn } from "../../lib/userdata-edit-replay";
import { perlScript } from "../../lib/userdata-perl";
import { perlTokens } from "../../lib/userdata-perl-lexer";
import { transliterationClass } from "../../lib/userdata-perl-strings";

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);
const unread = (text: string) =>
  findLoginWeaknesses(text)
    .filter((w) => w.kind === "unread-content")
    .map((w) => w.line);

const SSHD = "/etc/ssh/sshd_config";
/** Turns the hardened `PasswordAuthentication no` and `PermitRootLogin no` lines to yes; its replacement names neither. */
const FLIP = "s/^(P\\w+n) no$/$1 yes/";
const BOTH: LoginWeaknessKind[] = ["password-authentication", "root-login"];

describe("a substitution whose result a statement uses is run all the same", () => {
  // Checked against perl 5.36: each of these turns the file's `… no` lines to yes.
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["its count assigned", `$n = ${FLIP}`, BOTH],
    ["its count assigned to a new variable", `my $n = ${FLIP}`, BOTH],
    ["its count added", `$c += ${FLIP}`, BOTH],
    ["its count appended", `$c .= ${FLIP}`, BOTH],
    ["its count of $_ =~ assigned", `$x = $_ =~ ${FLIP}`, BOTH],
    ["its count assigned under a match", "$n = s/no$/yes/ if /^PasswordAuthentication/", ["password-authentication"]],
    ["first of a list", `${FLIP}, 1`, BOTH],
    ["last of a list", `1, ${FLIP}`, BOTH],
    ["in parentheses", `(${FLIP})`, BOTH],
    ["looped over the line", `${FLIP} for $_`, BOTH],
    ["looped over the line in parentheses", `${FLIP} foreach ($_)`, BOTH],
    ["under if 1", `${FLIP} if 1`, BOTH],
    ["under unless 0", `${FLIP} unless 0`, BOTH],
  ])("%s", (_name, program, expected) => {
    expect(kinds(`perl -pi -e '${program}' ${SSHD}`)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["its count assigned", "$n = s/^#?PasswordAuthentication.*/PasswordAuthentication no/"],
    ["its count added", "$c += s/^#?PermitRootLogin.*/PermitRootLogin no/"],
    ["first of a list", "s/^#?PermitRootLogin.*/PermitRootLogin no/, 1"],
    ["counted if it ran", "$c++ if s/^#?PermitRootLogin.*/PermitRootLogin no/"],
  ])("hardening, %s, is safe", (_name, program) => {
    expect(kinds(`perl -pi -e '${program}' ${SSHD}`)).toEqual([]);
  });

  it("another file's edit is not sshd's", () => {
    expect(kinds(`perl -pi -e '$n = s/no/yes/; do { s/a/b/ }' /etc/motd`)).toEqual([]);
  });

  it("reads the count as the scalar's value no more", () => {
    const edits = perlScript('$v = "yes"; $v = s/a/b/; s/no/$v/').edits;
    expect(edits.filter((e) => e.command === "s").map((e) => [e.pattern, e.replacement])).toEqual([
      ["a", "b"],
      ["no", ""],
    ]);
  });
});

describe("a substitution the reader cannot place leaves the program partly unread", () => {
  const UNPLACED = "a perl substitution in a statement the reader does not follow";

  it.each<[string, string]>([
    ["its count kept if none yet (||=)", `$n ||= ${FLIP}`],
    ["its count kept if defined (//=)", `$n //= ${FLIP}`],
    ["in a do block", `do { ${FLIP} }`],
    ["on another variable", `$x = $_; $x =~ ${FLIP}`],
    ["looped over a constant (Perl dies)", `${FLIP} for 1`],
    ["first of a chain of conditions past the nesting cap", `${FLIP}${" and s/q/z/".repeat(10)}`],
  ])("%s", (_name, program) => {
    expect(unread(`perl -pi -e '${program}' ${SSHD}`)).toEqual([UNPLACED]);
  });

  it("the script says why", () => {
    expect(unreadIn(perlScript(`do { ${FLIP} }`))).toBe(UNPLACED);
    expect(unreadIn(perlScript(FLIP))).toBeUndefined();
  });

  it("an x-flagged pattern is not replayed: partly unread", () => {
    expect(unread(`perl -pi -e 's/^\\# (P\\w+n) /$1/x' ${SSHD}`)).toEqual([
      "a perl substitution whose pattern is free-form (s///x)",
    ]);
  });

  it("`//` after an operand is defined-or, not an empty match", () => {
    expect(perlTokens("$c //= s/a/b/").map((t) => t.kind)).toEqual(["word", "op", "op", "s"]);
  });
});

describe("tr and y", () => {
  it.each<[string, string, string, LoginWeaknessKind[]]>([
    ["tr///d on matched lines", "tr/#//d if /^#PermitRootLogin/", SSHD, ["root-login"]],
    ["y///d on every line", "y/#//d", SSHD, ["password-authentication", "root-login"]],
    ["its count assigned", "$n = tr/#//d", SSHD, ["password-authentication", "root-login"]],
    ["on inetd.conf", "y/#//d", "/etc/inetd.conf", ["password-login-server"]],
  ])("a deletion uncomments: %s", (_name, program, file, expected) => {
    expect(kinds(`perl -pi -e '${program}' ${file}`)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a mapping", "tr/n/y/ if /^PermitRootLogin/"],
    ["y///", "y/a-z/A-Z/"],
    ["a complement", "tr/a-z//cd"],
    ["a squeeze", "tr/ //s"],
  ])("another transliteration of sshd_config is left unread: %s", (_name, program) => {
    expect(unread(`perl -pi -e '${program}' ${SSHD}`)).toEqual([
      "a perl transliteration (tr///) the reader does not replay",
    ]);
  });

  it.each<[string, string]>([
    ["a count", `perl -pi -e '$n += tr/#//' ${SSHD}`],
    ["a copy returned", `perl -pi -e '$x = tr/#//dr' ${SSHD}`],
    ["another file", "perl -pi -e 'tr/a-z/A-Z/' /etc/motd"],
  ])("is safe: %s", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each<[string, string | undefined]>([
    ["#", "[\\#]"],
    ["a-z", "[a-z]"],
    ["-a-", "[\\-a\\-]"],
    ["\\-\\\\\\n", "[\\-\\\\\\n]"],
    ["z-a", undefined],
    ["a-b-c", undefined],
    ["\\x23", undefined],
    ["", undefined],
  ])("the class of %j", (list, expected) => {
    expect(transliterationClass(list)).toBe(expected);
  });
});

describe("perl -0777 reads the whole file as one record", () => {
  const SPANNING = "a perl substitution over whole records (-0) whose pattern spans lines";

  it("a pattern across lines is left unread", () => {
    expect(unread(`perl -0777 -pi -e 's/\\n#(PermitRootLogin)/\\n$1/' ${SSHD}`)).toEqual([SPANNING]);
  });

  it.each<[string, string]>([
    ["blank lines squeezed", "s/\\n\\s*\\n/\\n/g"],
    ["blank lines dropped", "s/^\\s*\\n//mg"],
    ["trailing newlines dropped", "s/\\n+$//"],
    ["the hardening idiom", "s/^#?PermitRootLogin.*$/PermitRootLogin no/m"],
  ])("is safe: %s", (_name, program) => {
    expect(kinds(`perl -0777 -pi -e '${program}' ${SSHD}`)).toEqual([]);
  });
});

describe("on hostile input", () => {
  it.each<[string, string]>([
    ["10,000 counted substitutions", `${"$n += s/q/z/; ".repeat(10_000)}$n = ${FLIP}`],
    ["a 100 KB list", `${"1, ".repeat(33_000)}${FLIP}`],
  ])("%s, read in linear time", (_name, program) => {
    expect(kinds(`perl -pi -e '${program}' ${SSHD}`)).toEqual(BOTH);
  });

  it("a 100 KB transliteration list", () => {
    expect(unread(`perl -pi -e 'tr/${"a-b-".repeat(25_000)}//d' ${SSHD}`)).toHaveLength(1);
  });
});
