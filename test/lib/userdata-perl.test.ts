import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { perlOperands, perlScript } from "../../lib/userdata-perl";
import { compilePerlRegex, translatePerlRegex } from "../../lib/userdata-perl-regex";
import { MatchBudget, sedMatch } from "../../lib/userdata-sed-regex";

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);
const vias = (text: string) => findLoginWeaknesses(text).map((w) => [w.kind, w.via]);

const SSHD = "/etc/ssh/sshd_config";
const KEYS = "/root/.ssh/authorized_keys";

describe("perl's line loop, read as the sed edit it is", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "-pi -e",
      `perl -pi -e 's/^PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["-i -pe", `perl -i -pe 's/^#?PermitRootLogin.*/PermitRootLogin yes/' ${SSHD}`, ["root-login"]],
    ["-pi.bak -e", `perl -pi.bak -e 's/^PermitRootLogin no/PermitRootLogin yes/' ${SSHD}`, ["root-login"]],
    [
      "-p -i -e in double quotes",
      `perl -p -i -e "s/PasswordAuthentication no/PasswordAuthentication yes/g" ${SSHD}`,
      ["password-authentication"],
    ],
    ["-0777 -pi", `perl -0777 -pi -e 's/#PermitRootLogin yes/PermitRootLogin yes/' ${SSHD}`, ["root-login"]],
    ["-lpi with -E", `perl -lpi -E 's/^(PasswordAuthentication)\\s+no/$1 yes/' ${SSHD}`, ["password-authentication"]],
    [
      "the second of two -e",
      `perl -pi -e 's/a/b/' -e 's/^PermitRootLogin no/PermitRootLogin yes/' ${SSHD}`,
      ["root-login"],
    ],
    ["after ; in one -e", `perl -pi -e 's/a/b/; s/^PermitRootLogin no/PermitRootLogin yes/;' ${SSHD}`, ["root-login"]],
    ["s{…}{…}", `perl -pi -e 's{^PermitRootLogin\\s+no}{PermitRootLogin yes}' ${SSHD}`, ["root-login"]],
    [
      "s{…} {…} with a blank between",
      `perl -pi -e 's{no} {yes} if /^PasswordAuthentication/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["s#…#…#", `perl -pi -e 's#^PermitRootLogin no#PermitRootLogin yes#' ${SSHD}`, ["root-login"]],
    [
      "the i flag",
      `perl -pi -e 's/^passwordauthentication no/PasswordAuthentication yes/i' ${SSHD}`,
      ["password-authentication"],
    ],
    ["s///, then if /re/", `perl -pi -e 's/no/yes/ if /^PasswordAuthentication/' ${SSHD}`, ["password-authentication"]],
    ["/re/ and s///", `perl -pi -e '/^PermitRootLogin/ and s/no/yes/' ${SSHD}`, ["root-login"]],
    ["$_ =~ s///", `perl -pi -e '$_ =~ s/^PermitRootLogin no/PermitRootLogin yes/' ${SSHD}`, ["root-login"]],
    ["a line assigned", `perl -pi -e '$_ = "PermitRootLogin yes\\n" if /^#?PermitRootLogin/' ${SSHD}`, ["root-login"]],
    [
      "a line printed at the end",
      `perl -pi -e 'print "PasswordAuthentication yes\\n" if eof' ${SSHD}`,
      ["password-authentication"],
    ],
    ["-n with print, read as -p", `perl -ni -e 's/no/yes/ if /^PermitRootLogin/; print' ${SSHD}`, ["root-login"]],
    [
      "without -i, redirected into sshd_config",
      `perl -pe 's/^PermitRootLogin no/PermitRootLogin yes/' ${SSHD}.orig > ${SSHD}`,
      ["root-login"],
    ],
    [
      "a key appended to root's keys",
      `perl -pi -e '$_ .= "ssh-rsa AAAA attacker\\n" if eof' ${KEYS}`,
      ["root-authorized-keys"],
    ],
    [
      // Its code one string, the replacement it spells (other code leaves the program partly unread).
      "an e-flagged replacement of one string, replayed",
      `perl -pi -e 's/^#?PermitRootLogin.*/"PermitRootLogin yes"/e' ${SSHD}`,
      ["root-login"],
    ],
    // The else branch edits the lines that are not comments: the hardened `no` of a drop-in or image turns yes.
    [
      "under an else",
      `perl -pi -e 'if (/^#/) { 1 } else { s/no/yes/ }' ${SSHD}`,
      ["password-authentication", "root-login"],
    ],
    ["a program -i cannot loop over, read whole", `perl -i -e 'print "PermitRootLogin yes"' ${SSHD}`, ["root-login"]],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["the hardening idiom", `perl -pi -e 's/^#?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`],
    ["yes to no", `perl -pi -e 's/^PasswordAuthentication yes/PasswordAuthentication no/' ${SSHD}`],
    ["yes to no on the directive's line", `perl -pi -e 's/yes/no/ if /^PasswordAuthentication/' ${SSHD}`],
    ["yes to no, s{…}{…}", `perl -pi -e 's{^PermitRootLogin\\s+yes}{PermitRootLogin no}' ${SSHD}`],
    ["a group put back with no", `perl -pi -e 's/^#?(PasswordAuthentication).*/$1 no/' ${SSHD}`],
    ["-n printing matching lines only reads", `perl -ne 'print if /^PermitRootLogin yes/' ${SSHD}`],
    ["-ni printing what it keeps", `perl -ni -e 'print unless /^PermitRootLogin yes/' ${SSHD}`],
    ["a key removed from root's keys", `perl -ni -e 'print unless /attacker/' ${KEYS}`],
    ["a deletion from root's keys", `perl -pi -e 's/^ssh-rsa AAAA attacker\\n//' ${KEYS}`],
    ["another user's keys", `perl -pi -e '$_ .= "ssh-rsa AAAA ops\\n" if eof' /home/ops/.ssh/authorized_keys`],
    ["a comment naming the directive", `perl -pi -e 's/^Port 22/Port 2222/; # PermitRootLogin yes' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("quotes the perl line", () => {
    const line = `perl -pi -e 's/^PermitRootLogin no/PermitRootLogin yes/' ${SSHD}`;
    expect(findLoginWeaknesses(line)).toEqual([{ kind: "root-login", line }]);
  });
});

describe("uncommenting with perl, as with sed", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "s/^#…/…/",
      `perl -pi -e 's/^#PasswordAuthentication/PasswordAuthentication/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["a group put back", `perl -pi.bak -e 's{^#(PermitRootLogin)}{$1}' ${SSHD}`, ["root-login"]],
    [
      "s#…#…# with \\#",
      `perl -p -i -e "s#^\\#PasswordAuthentication#PasswordAuthentication#g" ${SSHD}`,
      ["password-authentication"],
    ],
    ["/re/ and s/^#//", `perl -pi -e '/^#PasswordAuthentication/ and s/^#//' ${SSHD}`, ["password-authentication"]],
    ["if (/re/) { s/^#// }", `perl -pi -e 'if (/^#PermitRootLogin/) { s/^#// }' ${SSHD}`, ["root-login"]],
    [
      "if (s/^#…/…/) { … }",
      `perl -pi -e 'if (s/^#PasswordAuthentication/PasswordAuthentication/) { $n++ }' ${SSHD}`,
      ["password-authentication"],
    ],
    ["case folded", `perl -pi -e 's/^#(permitrootlogin)/$1/i' ${SSHD}`, ["root-login"]],
    ["only the yes line turned to no", `perl -pi -e 's/^#//; s/yes/no/' ${SSHD}`, ["root-login"]],
    [
      "every line but two",
      `perl -pi -e 's/^#// unless /PermitRootLogin|PasswordAuthentication/' ${SSHD}`,
      ["password-authentication"],
    ],
  ])("%s is a weakness", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "then the hardening idiom",
      `perl -pi -e 's/^#PermitRootLogin/PermitRootLogin/' -e 's/^PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`,
    ],
    [
      "then yes to no on its line",
      `perl -pi -e 's/^#(PasswordAuthentication)/$1/; s/yes/no/ if /^PasswordAuthentication/' ${SSHD}`,
    ],
    ["another directive", `perl -pi -e 's/^#(Port)/$1/' ${SSHD}`],
    ["with no written", `perl -pi -e 's/^#(PasswordAuthentication).*/$1 no/' ${SSHD}`],
    ["another file", "perl -pi -e 's/^#//' /etc/yum.repos.d/epel.repo"],
  ])("uncommenting %s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("says which commented default becomes active", () => {
    const [weakness] = findLoginWeaknesses(`perl -pi -e 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD}`);
    expect(weakness.kind).toBe("root-login");
    expect(weakness.note).toContain('"PermitRootLogin prohibit-password" (Ubuntu)');
  });

  it("leaves a pattern RE2 cannot run unread, as sed's: it matches nothing", () => {
    expect(kinds(`perl -pi -e 's/^#(?=PermitRootLogin)//' ${SSHD}`)).toEqual([]);
    // What it writes is still read.
    expect(kinds(`perl -pi -e 's/^#?(?=P)PermitRootLogin.*/PermitRootLogin yes/' ${SSHD}`)).toEqual(["root-login"]);
  });
});

describe("perl in boot scripts", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "a line perl writes into rc.local",
      `perl -pi -e 's/^exit 0/echo "PermitRootLogin yes" >> \\/etc\\/ssh\\/sshd_config\\nexit 0/' /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "a line perl prints at the end of a cron script",
      `perl -pi -e 'print "echo root:x | chpasswd\\n" if eof' /etc/cron.daily/zz`,
      [["password-set", "/etc/cron.daily/zz"]],
    ],
    [
      "perl in rc.local",
      `cat > /etc/rc.local <<'EOF'\nperl -pi -e 's/^#PasswordAuthentication/PasswordAuthentication/' ${SSHD}\nEOF`,
      [["password-authentication", "/etc/rc.local"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(vias(text)).toEqual(expected);
  });

  it("a hardening line perl writes into rc.local is safe", () => {
    const harden = `perl -pi -e 's/^exit 0/sed -i "s\\/^PermitRootLogin.*\\/PermitRootLogin no\\/" \\/etc\\/ssh\\/sshd_config\\nexit 0/' /etc/rc.local`;
    expect(kinds(harden)).toEqual([]);
  });
});

describe("perlOperands", () => {
  it.each<[string[], ReturnType<typeof perlOperands>]>([
    [["-pi", "-e", "s/a/b/", "f"], { loop: "p", inPlace: true, scripts: ["s/a/b/"], files: ["f"] }],
    [["-i.bak", "-pe", "s/a/b/", "f", "g"], { loop: "p", inPlace: true, scripts: ["s/a/b/"], files: ["f", "g"] }],
    [["-lne", "print", "f"], { loop: "n", inPlace: false, scripts: ["print"], files: ["f"] }],
    [["-0777", "-pe", "x", "f"], { loop: "p", inPlace: false, scripts: ["x"], files: ["f"] }],
    [["-Mstrict", "-I", "lib", "-pes/a/b/", "f"], { loop: "p", inPlace: false, scripts: ["s/a/b/"], files: ["f"] }],
    [["-e", "a", "-E", "b", "--", "-f"], { inPlace: false, scripts: ["a", "b"], files: ["-f"] }],
    // `-pie` makes "e" the backup suffix: the program is then a file, which the reader cannot see.
    [["-pie", "s/a/b/", "f"], { loop: "p", inPlace: true, scripts: [], files: ["f"] }],
  ])("%j", (args, expected) => {
    expect(perlOperands(args)).toEqual(expected);
  });
});

describe("perl programs", () => {
  const edits = (program: string) =>
    perlScript(program).edits.map((e) => [e.command, e.address, e.negated, e.pattern, e.replacement, e.written]);

  it.each<[string, (string | boolean)[][]]>([
    ["s/a/b/g", [["s", "", false, "a", "b", "b"]]],
    ["s{a{1}}{b}", [["s", "", false, "a{1}", "b", "b"]]],
    ["s(a) [b]", [["s", "", false, "a", "b", "b"]]],
    ["s|a\\|b|c|", [["s", "", false, "a\\|b", "c", "c"]]],
    ["s/(a)(b)/$2${1}$&&/", [["s", "", false, "(a)(b)", "\\2\\1&\\&", "baab&"]]],
    ["s/x/\\u$1\\E@arr$var/", [["s", "", false, "x", "\\1", ""]]],
    ["s'x'$1'", [["s", "", false, "x", "$1", "$1"]]],
    ["s/no/yes/ unless /^#/", [["s", "^#", true, "no", "yes", "yes"]]],
    ["!/^#/ and s/no/yes/", [["s", "^#", true, "no", "yes", "yes"]]],
    ["/^#/ or s/no/yes/", [["s", "^#", true, "no", "yes", "yes"]]],
    ["s//x/ if /^#P/", [["s", "^#P", false, "^#P", "x", "x"]]],
    ["$_ !~ /^#/ and s/no/yes/", [["s", "^#", true, "no", "yes", "yes"]]],
    [
      "if (/^#P/) { s/^#//; s/a/b/ } s/c/d/",
      [
        ["s", "^#P", false, "^#", "", ""],
        ["s", "^#P", false, "a", "b", "b"],
        ["s", "", false, "c", "d", "d"],
      ],
    ],
    ["unless (/^#/) { s/no/yes/ }", [["s", "^#", true, "no", "yes", "yes"]]],
    ["{ s/a/b/ }", [["s", "", false, "a", "b", "b"]]],
    // Conditions it cannot read: the substitution may run on any line (replayed only where it weakens one).
    ["s/a/PermitRootLogin/ if $. == 1", [["s", "", false, "a", "PermitRootLogin", "PermitRootLogin"]]],
    ["if (/a/ && /b/) { s/c/d/ }", [["s", "", false, "c", "d", "d"]]],
    ["/^P/ and s/no/yes/ if /x/", [["s", "", false, "no", "yes", "yes"]]],
    ["s/a b/c/x", [["text", "", false, "", "", "c"]]],
    // Statements it cannot follow count for their strings.
    [
      '$_ = "a\\tb\\n" . q{c} if eof',
      [
        ["text", "", false, "", "", "a\tb\n"],
        ["text", "", false, "", "", "c"],
        ["text", "", false, "", "", "a\tb\nc"],
      ],
    ],
    // A condition runs on every line, whatever it picks: a substitution in it is an edit of its own.
    [
      "if (s/^#P/P/) { s/a/b/ }",
      [
        ["s", "", false, "^#P", "P", "P"],
        ["s", "", false, "a", "b", "b"],
      ],
    ],
    [
      "s/a/b/ and s/c/d/",
      [
        ["s", "", false, "a", "b", "b"],
        ["s", "", false, "c", "d", "d"],
      ],
    ],
    [
      "s/a/b/ if /x/ || s/c/d/",
      [
        ["s", "x", true, "c", "d", "d"],
        ["s", "", false, "a", "b", "b"],
      ],
    ],
    ["$_ .= 'it\\'s'", [["text", "", false, "", "", "it's"]]],
    ["next unless /x/; chomp; tr/a-z/A-Z/; y/a/b/", []],
    ["print; print $_; print if /x/", []],
    ["# s/no/yes/\ns/a/b/", [["s", "", false, "a", "b", "b"]]],
    ["s/a/b/ if ($x / 2)", [["s", "", false, "a", "b", "b"]]],
    ["s{a}{b", [["text", "", false, "", "", "s{a}{b"]]],
    ['print "a', [["text", "", false, "", "", '"a']]],
  ])("%s", (program, expected) => {
    expect(edits(program)).toEqual(expected);
  });
});

describe("Perl's regular expressions", () => {
  const matched = (source: string, line: string, ignoreCase = false) => {
    const regex = compilePerlRegex(source, ignoreCase);
    const m = regex && sedMatch(regex, line, new MatchBudget());
    return m && line.slice(m.start, m.end);
  };

  it.each<[string, string, string | undefined]>([
    ["^#?PermitRootLogin\\s+\\w+", "#PermitRootLogin yes", "#PermitRootLogin yes"],
    ["a|ab", "abc", "a"],
    ["a.*?b", "aabab", "aab"],
    ["(?:Password|Root)+", "#PermitRootLogin", "Root"],
    ["(?<name>yes)$", "x yes", "yes"],
    ["(?i)permit", "#PermitRootLogin", "Permit"],
    ["[\\w\\s]+", "#ab c#", "ab c"],
    ["[^#]+", "#ab", "ab"],
    ["[\\d-z]+", "a-1z", "-1z"],
    ["\\h+yes", "x \tyes", " \tyes"],
    ["\\Qa.b\\E+", "a.bb", "a.bb"],
    ["\\x41\\x{42}", "xAB", "AB"],
    ["[[:upper:]][[:^upper:]]+", "#PermitRoot", "Permit"],
    ["a{2}b{1,}c{0,1}", "aabbc", "aabbc"],
    // An interval to Perl 5.34 on, text before: the image's Perl decides, so the pattern is refused (compiles to none).
    ["x{,2}", "x{,2}", undefined],
    ["yes\\z", "yes no", undefined],
    ["\\#P", "#P", "#P"],
    ["a$", "ba", "a"],
  ])("%s on %j", (source, line, expected) => {
    expect(matched(source, line)).toBe(expected);
  });

  it("folds case under the i flag", () => {
    expect(matched("^#permitrootlogin", "#PermitRootLogin yes", true)).toBe("#PermitRootLogin");
  });

  it.each([
    "(a)\\1",
    "(?<=#)P",
    "(?=P)",
    "(?!P)",
    "(?>a)",
    "(?#x)",
    "(?x) a",
    "a++",
    "a*+",
    "a**",
    "*a",
    "\\K",
    "\\G",
    "\\pL",
    "$var",
    "${var}",
    "@list",
    "$1",
    "a{1001}",
    "a{3,2}",
    "[a",
    "(a",
    "a)",
    "a".repeat(513),
  ])("%s is left unread", (source) => {
    expect(compilePerlRegex(source)).toBeUndefined();
  });

  it("translates only what RE2 spells otherwise", () => {
    expect(translatePerlRegex("^#?(?:a|b)\\s*$")?.re2).toBe("^#?(?:a|b)\\s*$");
    expect(translatePerlRegex("\\h\\V\\Z")?.re2).toBe("[\\t ][^\\n\\x0B\\f\\r]\\z");
    expect(translatePerlRegex("[\\h-]")?.re2).toBe("[\\t \\-]");
    expect(translatePerlRegex("(?P<x>a)")?.re2).toBe("(a)");
  });

  it("counts the copies an interval makes", () => {
    expect(translatePerlRegex("(ab){3}")!.size).toBeGreaterThan(3 * translatePerlRegex("ab")!.size);
    expect(compilePerlRegex("(a{1000}){1000}")).toBeUndefined();
  });
});

// Linear work on 100 KB takes milliseconds; quadratic work would run into the test timeout.
describe("perl on hostile input", () => {
  const big = 100_000;
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "many statements",
      `perl -pi -e '${"s/a/b/;".repeat(big / 7)}s/no/yes/ if /^PermitRootLogin/' ${SSHD}`,
      ["root-login"],
    ],
    // Past 8 levels the blocks are not followed: Perl uncomments, the reader leaves the file unread.
    [
      "nested blocks",
      `perl -pi -e '${"if (/a/) { ".repeat(big / 11)}s/^#//${" }".repeat(big / 11)}' ${SSHD}`,
      ["unread-content"],
    ],
    ["unclosed blocks", `perl -pi -e '${"if (/a/) { ".repeat(big / 11)}' ${SSHD}`, []],
    ["nested parentheses", `perl -pi -e 's/a/b/ if ${"(".repeat(big / 2)}/x/${")".repeat(big / 2)}' ${SSHD}`, []],
    ["unclosed brackets", `perl -pi -e 's${"{".repeat(big)}' ${SSHD}`, []],
    [
      "brackets that nest",
      `perl -pi -e 's${"{".repeat(big / 2)}${"}".repeat(big / 2)}{PermitRootLogin yes}' ${SSHD}`,
      ["root-login", "unread-content"],
    ],
    ["backslashes", `perl -pi -e 's/${"\\".repeat(big)}/x/' ${SSHD}`, ["unread-content"]],
    ["variables in a replacement", `perl -pi -e 's/a/${"$a::b".repeat(big / 5)}/' ${SSHD}`, []],
    ["blanks before a delimiter", `perl -pi -e 's{a}${" ".repeat(big)}' ${SSHD}`, []],
    ["strings", `perl -pi -e '${'"a\\n" . '.repeat(big / 8)}"PermitRootLogin yes"' ${SSHD}`, ["root-login"]],
    ["comments", `perl -pi -e '${"#\n".repeat(big / 2)}' ${SSHD}`, []],
    [
      "option groups",
      `perl ${"-l".repeat(big / 2)}pi -e 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD}`,
      ["root-login"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("a pattern built to backtrack runs in linear time", () => {
    expect(kinds(`perl -pi -e 's/^#(a*)*b${"(a|aa)*".repeat(20)}PermitRootLogin/PermitRootLogin/' ${SSHD}`)).toEqual(
      [],
    );
  });
});
