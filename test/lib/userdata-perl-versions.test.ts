// What a perl edit does that the image's perl decides, or that the reader does not run: `{,n}` and blanks inside an
// interval's braces (an interval to Perl 5.34 on, text to the 5.16 of Amazon Linux 2 and CentOS 7 and the 5.32 of
// AL2023), blocks nested past the reader's cap, a replacement that is code (s///e). On sshd's, xinetd's or inetd's
// files each is reported as content left unread, never as nothing; elsewhere it is let be. Checked against perl 5.36.
import { findLoginWeaknesses, LoginWeakness, LoginWeaknessKind } from "../../lib/userdata";
import { compilePerlRegex } from "../../lib/userdata-perl-regex";
import { MatchBudget } from "../../lib/userdata-sed-regex";

const SSHD = "/etc/ssh/sshd_config";
const kinds = (text: string): LoginWeaknessKind[] => findLoginWeaknesses(text).map((w) => w.kind);
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const perl = (program: string, file = SSHD) => `#!/bin/bash\nperl -pi -e '${program}' ${file}\n`;
/** Why compilePerlRegex told it left `source` uncompiled; [] when it told nothing. */
const refusals = (source: string): { compiled: boolean; told: string[] } => {
  const told: string[] = [];
  const compiled = compilePerlRegex(source, false, new MatchBudget(), (why) => told.push(why)) !== undefined;
  return { compiled, told };
};

const BY_VERSION =
  "a perl pattern with an interval Perl reads by its version ({,n} or blanks in braces: 5.34 on, text before)";
/** A finding quoting the perl line (filled in by the test), then the pattern left unread. */
const PASSWORDS: LoginWeakness[] = [{ kind: "password-authentication", line: "" }, unread(BY_VERSION)];
const ROOT: LoginWeakness[] = [{ kind: "root-login", line: "" }, unread(BY_VERSION)];
const NESTED = "perl blocks nested past 8 levels, which the reader does not follow";
const EVALUATED = "a perl substitution whose replacement is code (s///e) the reader does not run";

describe("intervals Perl reads by its version", () => {
  it.each(["x{,2}", "x{ 1,2}", "x{1 ,2}", "x{1, 2}", "x{ 2 }", "x{2, }", "x{\t2}", "x{ , 2}", "^(P\\w+n) {,3}no$"])(
    "%s is refused, the version named",
    (source) => {
      expect(refusals(source)).toEqual({ compiled: false, told: [BY_VERSION] });
      // Asked again (the refusal is memoised), it is told again.
      expect(refusals(source)).toEqual({ compiled: false, told: [BY_VERSION] });
    },
  );

  // Every Perl reads these alike: intervals, or braces that are text (`{}`, `{,}`, `{ }`, a count of 7 digits).
  it.each(["x{2}", "x{1,}", "x{0,2}", "x{}", "x{,}", "x{ }", "x{ , }", "{,2}", "a{b}"])(
    "%s is read as before",
    (source) => {
      expect(refusals(source).told).toEqual([]);
    },
  );

  it.each<[string, string, LoginWeakness[]]>([
    // What the edit writes is judged as before: the hardened no it may turn yes.
    ["a pattern of sshd's edit", "s/^(PasswordAuthentication) {,3}no/$1 yes/", PASSWORDS],
    ["blanks in an interval's braces", "s/^(PasswordAuthentication)\\s{ 1 , 3 }no/$1 yes/", PASSWORDS],
    ["an address", "s/no/yes/ if /^PermitRootLogin {,3}no/", ROOT],
    // Kept simple: a hardening edit spelt so is refused too, its outcome being the image's Perl's.
    ["a hardening edit", "s/^#?PermitRootLogin {,3}.*/PermitRootLogin no/", [unread(BY_VERSION)]],
  ])("in %s, sshd's configuration is left unread", (_name, program, expected) => {
    const text = perl(program);
    const [line] = text.split("\n").slice(1);
    expect(findLoginWeaknesses(text)).toEqual(expected.map((w) => (w.line === "" ? { ...w, line } : w)));
  });

  it.each<[string, string]>([
    ["xinetd's telnet service", "/etc/xinetd.d/telnet"],
    ["inetd's table", "/etc/inetd.conf"],
  ])("in an edit of %s, it is left unread", (_name, file) => {
    const program = file.includes("xinetd") ? "s/disable {,3}= yes/disable = no/" : "s/^#{,1}telnet/telnet/";
    expect(kinds(`yum install -y xinetd\n${perl(program, file)}`)).toEqual(["unread-content"]);
  });

  it.each<[string, string]>([
    ["another file", perl("s/^(PasswordAuthentication) {,3}no/$1 yes/", "/etc/app.conf")],
    ["an interval every Perl reads", perl("s/^#?PermitRootLogin {0,3}.*/PermitRootLogin no/")],
  ])("in %s, nothing is told", (_name, text) => {
    expect(findLoginWeaknesses(text)).toEqual([]);
  });
});

describe("blocks nested past the reader's cap", () => {
  const nested = (levels: number, body: string) => `${"if (/a/) { ".repeat(levels)}${body}${" }".repeat(levels)}`;

  it("8 blocks are followed", () => {
    // Perl uncomments `#PasswordAuthentication yes` and `#PermitRootLogin prohibit-password` (their lines hold an
    // a); the reader replays it.
    expect(kinds(perl(nested(8, "s/^#//")))).toEqual(["password-authentication", "root-login"]);
  });

  it.each<[string, string, LoginWeakness[]]>([
    ["an uncommenting edit", nested(9, "s/^#//"), [unread(NESTED)]],
    ["a transliteration", nested(12, "tr/#//d"), [unread(NESTED)]],
    ["a hardening edit", nested(9, "s/^#?PermitRootLogin.*/PermitRootLogin no/"), [unread(NESTED)]],
  ])("past 8, %s leaves sshd's configuration unread", (_name, program, expected) => {
    expect(findLoginWeaknesses(perl(program))).toEqual(expected);
  });

  it("past 8, an edit of another file is let be", () => {
    expect(findLoginWeaknesses(perl(nested(9, "s/^#//"), "/etc/app.conf"))).toEqual([]);
  });

  // Matches alone past the cap change no line: comments and blank lines dropped by a condition 24 deep.
  it.each<[string, string]>([
    ["a deep condition of matches", `print unless ${"(".repeat(24)}/^#/)${" || /^$/)".repeat(23)}`],
    ["matches in deep blocks", nested(12, "print if /^#/")],
    ["a counting transliteration in deep blocks", nested(12, "$n = tr/#//")],
  ])("past 8, %s is let be", (_name, program) => {
    expect(findLoginWeaknesses(`perl -ni -e '${program}' ${SSHD}`)).toEqual([]);
  });
});

describe("a replacement that is code (s///e)", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    // Perl runs the code; the reader reads it as written only, and leaves the rest unread.
    ["a join", 's/^#?(PermitRootLogin).*/$1 . " yes"/e', ["unread-content"]],
    ["a call", "s/^#(PasswordAuthentication)/lc($1)/e", ["unread-content"]],
    ["code run twice (ee)", 's/^#?PermitRootLogin.*/q{"PermitRootLogin yes"}/ee', ["root-login", "unread-content"]],
    // The strings of the code count as written text, each alone and all joined.
    ["strings joined", 's/^#?PermitRootLogin.*/"PermitRootLogin" . " yes"/e', ["root-login", "unread-content"]],
    // One string is the replacement it spells: replayed as one.
    ["one double-quoted string", 's/^#(PasswordAuthentication)/"$1"/e', ["password-authentication"]],
    ["one string, weak", 's/^#?PermitRootLogin.*/"PermitRootLogin yes"/e', ["root-login"]],
  ])("%s", (_name, program, expected) => {
    expect(kinds(perl(program))).toEqual(expected);
  });

  it.each<[string, string]>([
    ["one string, hardening", 's/^#?PermitRootLogin.*/"PermitRootLogin no"/e'],
    // `q{$1}` is the text $1: the line turns `$1 yes`, no directive.
    ["one single-quoted string", "s/^#(PasswordAuthentication)/q{$1}/e"],
    ["code in an edit of another file", 's/^#?(PermitRootLogin).*/$1 . " yes"/e'],
  ])("%s is let be", (name, program) => {
    const file = name.includes("another") ? "/etc/app.conf" : SSHD;
    expect(findLoginWeaknesses(perl(program, file))).toEqual([]);
  });

  it("in an edit of xinetd's telnet service, the strings of its code count as written, the code noted unread", () => {
    const program = "s/disable\\s*=\\s*yes/lc(q{disable = no})/e";
    expect(kinds(`yum install -y xinetd\n${perl(program, "/etc/xinetd.d/telnet")}`)).toEqual([
      "password-login-server",
      "unread-content",
    ]);
  });

  it("tells why", () => {
    expect(findLoginWeaknesses(perl("s/^#(PasswordAuthentication)/lc($1)/e"))).toEqual([unread(EVALUATED)]);
  });
});

describe("two terms Perl refuses as a syntax error", () => {
  // `-e A -e B` is `A\nB`: with no `;` between two edits Perl stops at compiling and edits nothing. Only what they
  // write is read; nothing is left unread, code (e) or not.
  it.each<[string, string]>([
    ["two -e joined", `perl -pi -e 's/^#(PasswordAuthentication)/$1/' -e 's/a/b/' ${SSHD}`],
    ["an e edit before another", `perl -pi -e 's/^#(P\\w+)/lc($1)/e' -e 's/a/b/' ${SSHD}`],
    ["in one -e", `perl -pi -e 's/^#(P\\w+)/lc($1)/e s/a/b/' ${SSHD}`],
  ])("%s is let be", (_name, text) => {
    expect(findLoginWeaknesses(text)).toEqual([]);
  });
});
