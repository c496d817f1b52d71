import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { awkStreamEdit } from "../../lib/userdata-awk";
import { exStreamEdit } from "../../lib/userdata-ex";
import { writtenText } from "../../lib/userdata-sed-edits";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const SSHD = "/etc/ssh/sshd_config";

describe("sed, as real scripts write it", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "BSD's -i ''",
      `sed -i '' 's/PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["BSD's -i '' -e", `sed -i '' -e 's/PermitRootLogin no/PermitRootLogin yes/' ${SSHD}`, ["root-login"]],
    ["a range starting at the directive", `sed -i '/PermitRootLogin/,+1 s/no/yes/' ${SSHD}`, ["root-login"]],
    ["0,/re/", `sed -i '0,/^PasswordAuthentication/ s/no/yes/' ${SSHD}`, ["password-authentication"]],
    [
      "without -i, into a file moved over sshd_config",
      `sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${SSHD} > /tmp/x && mv /tmp/x ${SSHD}`,
      ["root-login"],
    ],
    [
      "without -i, piped to tee",
      `sed 's/PermitRootLogin no/PermitRootLogin yes/' ${SSHD} | sudo tee ${SSHD}.new`,
      ["root-login"],
    ],
    [
      "s lines of a sed script file",
      `cat > /tmp/s.sed <<'EOF'\ns/^#\\?PermitRootLogin.*/PermitRootLogin yes/\nEOF\nsed -i -f /tmp/s.sed ${SSHD}`,
      ["root-login"],
    ],
    [
      "c with an address uncommenting nothing but writing yes",
      `sed -i '/^#\\?PermitRootLogin/c\\PermitRootLogin yes' ${SSHD}`,
      ["root-login"],
    ],
    // Output a line does not send anywhere may still land in a file: a group's, exec's, a function's, a capture's.
    [
      "a group redirected over lines",
      `{\n  sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config.tpl\n} > ${SSHD}`,
      ["root-login"],
    ],
    [
      "a group redirected on one line",
      `{ sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' t; } > ${SSHD}`,
      ["root-login"],
    ],
    ["exec's redirection", `exec > ${SSHD}\nsed 's/^#PermitRootLogin.*/PermitRootLogin yes/' /tmp/tpl`, ["root-login"]],
    [
      "a function redirected",
      `gen() {\n  sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' /tmp/tpl\n}\ngen > ${SSHD}`,
      ["root-login"],
    ],
    [
      "a capture",
      `CONTENT=$(sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${SSHD})\necho "$CONTENT" > ${SSHD}`,
      ["root-login"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "-n printing a substitution to the log",
      `sed -n 's/^PasswordAuthentication no/PasswordAuthentication yes/p' ${SSHD}`,
    ],
    ["printing to /dev/null", `sed 's/PermitRootLogin no/PermitRootLogin yes/' ${SSHD} > /dev/null`],
    ["BSD's -i '' hardening", `sed -i '' 's/PasswordAuthentication yes/PasswordAuthentication no/' ${SSHD}`],
    [
      "a sed script file that hardens",
      `cat > /tmp/s.sed <<'EOF'\ns/^PermitRootLogin yes/PermitRootLogin no/\nEOF\nsed -i -f /tmp/s.sed ${SSHD}`,
    ],
    ["c replacing the commented default with no", `sed -i '/^#\\?PermitRootLogin/c\\PermitRootLogin no' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("perl one-liners, as real scripts write them", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "a condition it cannot read, naming the directive",
      `perl -pi -e 's/no/yes/ unless /^#/ || !/PasswordAuthentication/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["a range condition", `perl -pi -e 's/no/yes/ if /^PermitRootLogin/../^$/' ${SSHD}`, ["root-login"]],
    [
      "uncommenting under a condition it cannot read",
      `perl -pi -e 's/^#// if $. > 10' ${SSHD}`,
      ["password-authentication", "root-login"],
    ],
    [
      "next unless, then s",
      `perl -pi -e 'next unless /^PasswordAuthentication/; s/no/yes/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["\\K keeps the directive", `perl -pi -e 's/^PermitRootLogin\\s+\\K.*/yes/' ${SSHD}`, ["root-login"]],
    [
      "a lookbehind keeps it",
      `perl -pi -e 's/(?<=^PasswordAuthentication )no/yes/' ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "a scalar set in BEGIN",
      `perl -pi -e 'BEGIN { $v = "yes" } s/^(PermitRootLogin).*/$1 $v/' ${SSHD}`,
      ["root-login"],
    ],
    [
      "a scalar set before",
      `perl -pi -e 'my $v = q{yes}; s/^(PasswordAuthentication).*/$1 $v/' ${SSHD}`,
      ["password-authentication"],
    ],
    ["-E say", `perl -i -nE 's/^PermitRootLogin no/PermitRootLogin yes/; print' ${SSHD}`, ["root-login"]],
    [
      "without -i, into a file",
      `perl -pe 's/PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD} > /tmp/x`,
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["\\K hardening", `perl -pi -e 's/^PermitRootLogin\\s+\\K.*/no/' ${SSHD}`],
    ["without -i, to the log", `perl -pe 's/PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD}`],
    [
      "a harden under a condition it cannot read",
      `perl -pi -e 's/^#?PermitRootLogin.*/PermitRootLogin no/ if $. > 0' ${SSHD}`,
    ],
    [
      "two programs Perl refuses to join",
      `perl -pi -e 's/^#PermitRootLogin/PermitRootLogin/' -e 's/^PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("awk, ex and ed as stream editors", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "gawk -i inplace assigning a field",
      `gawk -i inplace '/^PasswordAuthentication/ { $2 = "yes" } { print }' ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "awk -i inplace printing a line",
      `awk -i inplace '{ if ($1 == "PermitRootLogin") print "PermitRootLogin yes"; else print }' ${SSHD}`,
      ["root-login"],
    ],
    [
      "awk into a file moved over sshd_config",
      `awk '/^PermitRootLogin/{$2="yes"}1' ${SSHD} > /tmp/x && mv /tmp/x ${SSHD}`,
      ["root-login"],
    ],
    [
      "awk gsub with a string pattern",
      `awk '{gsub("no", "yes")}1' ${SSHD} > /tmp/t && mv /tmp/t ${SSHD}`,
      ["password-authentication", "root-login"],
    ],
    [
      "awk uncommenting with sub",
      `awk '{sub(/^#PermitRootLogin/, "PermitRootLogin")}1' ${SSHD} > /tmp/x && mv /tmp/x ${SSHD}`,
      ["root-login"],
    ],
    [
      "awk appending to root's keys",
      `awk -i inplace '{print} END {print "ssh-rsa AAAA x"}' /root/.ssh/authorized_keys`,
      ["root-authorized-keys"],
    ],
    ["ex -c", `ex -s -c '%s/^PermitRootLogin no/PermitRootLogin yes/' -c wq ${SSHD}`, ["root-login"]],
    [
      "vim +",
      `vim +'%s/PasswordAuthentication no/PasswordAuthentication yes/' +wq ${SSHD}`,
      ["password-authentication"],
    ],
    ["ex from a here-document, g//s", `ex -s ${SSHD} <<'EOF'\ng/^PermitRootLogin/s/no/yes/\nx\nEOF`, ["root-login"]],
    [
      "ed from a here-document",
      `ed -s ${SSHD} <<'EOF'\n,s/PasswordAuthentication no/PasswordAuthentication yes/\nw\nq\nEOF`,
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "gawk gsub hardening",
      `gawk -i inplace '{gsub(/PasswordAuthentication yes/, "PasswordAuthentication no")}1' ${SSHD}`,
    ],
    ["awk printing a column", `awk '/^PermitRootLogin/ {print $2}' ${SSHD}`],
    ["awk comparing with yes", `awk '$1 == "PermitRootLogin" && $2 == "yes" {exit 1}' ${SSHD}`],
    [
      "awk commenting weak lines out",
      `awk '/^PermitRootLogin/ && $2 == "yes" {print "#" $0; next} 1' ${SSHD} > /tmp/x && mv /tmp/x ${SSHD}`,
    ],
    ["awk over /etc/passwd", "awk -F: '$3 >= 1000 {print $1}' /etc/passwd"],
    ["awk in another file", "awk '{gsub(/foo/, \"bar\")}1' /etc/app.conf > /tmp/a && mv /tmp/a /etc/app.conf"],
    ["ex hardening", `ex -s -c '%s/^PermitRootLogin yes/PermitRootLogin no/' -c wq ${SSHD}`],
    ["ed hardening", `ed -s ${SSHD} <<'EOF'\n,s/PasswordAuthentication yes/PasswordAuthentication no/\nw\nq\nEOF`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("reads awk's options, program and files", () => {
    const edit = awkStreamEdit("gawk", ["-F", ":", "-i", "inplace", "-v", "x=1", '{$2="yes"}', "f", "y=2"]);
    expect(edit && { inPlace: edit.inPlace, files: edit.files }).toEqual({ inPlace: true, files: ["f"] });
    expect(awkStreamEdit("awk", ["-f", "prog.awk", "f"])).toBeUndefined();
    expect(awkStreamEdit("sed", ["x"])).toBeUndefined();
  });

  it("reads ex's substitutions only", () => {
    expect(exStreamEdit("vi", ["-c", ":wq", "f"])).toBeUndefined();
    const edit = exStreamEdit("ex", ["-c", "1,$s/a/b/g", "-c", "x", "f"]);
    expect(edit && writtenText(edit.script)).toBe("b");
  });

  describe("on hostile input", () => {
    const long = "P ".repeat(25_000);
    it.each<[string, string]>([
      ["30,000 awk strings", `awk '${'"a" '.repeat(30_000)}' f > g`],
      ["30,000 awk braces", `awk '${"{".repeat(30_000)}' f > g`],
      ["an awk pattern of 50 KB before 8,000 assignments", `awk '/${long}/ {${'x="a";'.repeat(8_000)}}' f > g`],
      ["ex with 20,000 -c", `ex ${"-c 's/a/b/' ".repeat(20_000)} f`],
    ])("%s", (_name, text) => {
      expect(kinds(text)).toEqual([]);
    });
    // An address past the reader's caps is not replayed over sshd_config: what it reaches is left unread.
    it.each<[string, string]>([
      ["a sed block of 50 KB address over 8,000 commands", `sed -i '/${long}/{${"s/a/b/;".repeat(8_000)}}' ${SSHD}`],
      [
        "a perl condition of 50 KB over 8,000 commands",
        `perl -pi -e 'if (/^#/ || /${long}/) {${"s/a/b/;".repeat(8_000)}}' ${SSHD}`,
      ],
    ])("%s", (_name, text) => {
      expect(kinds(text)).toEqual(["unread-content"]);
    });
  });
});
