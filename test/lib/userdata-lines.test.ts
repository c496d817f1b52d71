import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { logicalLine } from "../../lib/userdata-lines";
import { ShellVariables } from "../../lib/userdata-variables";
import { parseCommand } from "../../lib/userdata-destinations";

/** The weaknesses found; a value from outside the script is a note (see userdata-unverifiable.test.ts), not one. */
const kinds = (text: string) =>
  [
    ...new Set(
      findLoginWeaknesses(text)
        .filter((w) => !w.unverifiable)
        .map((w) => w.kind),
    ),
  ].sort();
const SSHD = "/etc/ssh/sshd_config";

describe("command lines over several physical lines", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["a sed block over lines", `sed -i '/PermitRootLogin/{\ns/no/yes/\n}' ${SSHD}`, ["root-login"]],
    [
      "a sed script over lines, its address on a line",
      `sed -i '\n/^PermitRootLogin/ {\n  s/no/yes/\n}\n' ${SSHD}`,
      ["root-login"],
    ],
    [
      "a continued sed whose -e is addressed",
      `sed -i \\\n  -e '/^PermitRootLogin/s/no/yes/' \\\n  ${SSHD}`,
      ["root-login"],
    ],
    [
      "a perl if block over lines",
      `perl -pi -e '\n  if (/^PasswordAuthentication/) {\n    s/no/yes/;\n  }\n' ${SSHD}`,
      ["password-authentication"],
    ],
    ["bash -c over lines", `bash -c '\nsed -i "/^PermitRootLogin/s/no/yes/" ${SSHD}\n'`, ["root-login"]],
    ["a continued echo", `echo 'PermitRootLogin yes' \\\n  >> ${SSHD}`, ["root-login"]],
    [
      "a stray apostrophe does not hide the next line",
      `echo It's starting\nsed -i '/^PermitRootLogin/s/no/yes/' ${SSHD}`,
      ["root-login"],
    ],
    [
      "a sed a\\ text over continued lines",
      `sed -i '1i\\\nPermitRootLogin yes\\\nPasswordAuthentication no' ${SSHD}`,
      ["root-login"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a continued sed that hardens a yes", `sed -i \\\n  -e 's/PermitRootLogin yes/PermitRootLogin no/' \\\n  ${SSHD}`],
    [
      "a sed script over lines that hardens",
      `sed -i '\n/^#\\?PermitRootLogin/c PermitRootLogin no\n/^#\\?PasswordAuthentication/c PasswordAuthentication no\n' ${SSHD}`,
    ],
    ["an echo of hardened lines over lines", `echo "PasswordAuthentication no\nPermitRootLogin no" >> ${SSHD}`],
    ["apostrophes in a README's here-document", `cat > /opt/README <<'EOF'\nDon't enable root login.\nIt's off.\nEOF`],
    ["apostrophes in comments", `# don't touch\necho 'PermitRootLogin no' >> ${SSHD}\n# it's done`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("quotes the whole command, from its first line", () => {
    const text = `sed -i '/PermitRootLogin/{\ns/no/yes/\n}' ${SSHD}`;
    expect(findLoginWeaknesses(text)).toEqual([{ kind: "root-login", line: text }]);
  });

  it("joins lines as the shell reads them", () => {
    const stray = { until: 0 };
    expect(logicalLine(["echo a \\", "b"], 0, stray)).toEqual({ text: "echo a b", end: 1 });
    expect(logicalLine(["sed '1{", "d", "}' f"], 0, stray)).toEqual({ text: "sed '1{\nd\n}' f", end: 2 });
    // A quote no command known to spread over lines opened, or one that never closes, leaves the line alone.
    expect(logicalLine(["Don't", "x'"], 0, stray)).toEqual({ text: "Don't", end: 0 });
    expect(logicalLine(["echo 'a", "b"], 0, stray)).toEqual({ text: "echo 'a", end: 0 });
  });

  describe("on hostile input", () => {
    it.each<[string, string]>([
      ["a quote that never closes, 20,000 lines on", `sed -i '\n${"x\n".repeat(20_000)}`],
      ["20,000 quotes each closing the last", "echo '\n".repeat(20_000)],
      ["a 100 KB quoted line", `echo '${"a".repeat(100_000)}\n'`],
      ["continued lines each opening a quote that never closes", `echo '\n${"x \\\necho 'a\n".repeat(20_000)}`],
      ["a quote closing after 2,000 lines, twenty times", `echo '${"\n".repeat(2_000)}'\n`.repeat(20)],
    ])("%s", (_name, text) => {
      expect(kinds(text)).toEqual([]);
    });

    it("20,000 continued lines: cut at 1,000 lines, the lines the command continues onto unread", () => {
      expect(kinds("echo \\\n".repeat(20_000))).toEqual(["unread-content"]);
    });
  });
});

describe("quoting, escapes and comments as sshd and the shell read them", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["echo -e with \\n", `echo -e "Port 22\\nPermitRootLogin yes" >> ${SSHD}`, ["root-login"]],
    ["$'…' with \\n", `echo $'Port 22\\nPermitRootLogin yes' >> ${SSHD}`, ["root-login"]],
    ["$'…' with \\x20", `echo $'PermitRootLogin\\x20yes' >> ${SSHD}`, ["root-login"]],
    ["$'…' with \\'", `echo $'it\\'s PermitRootLogin yes' >> ${SSHD}`, ["root-login"]],
    ["printf with octal", `printf 'PasswordAuthentication\\040yes\\n' >> ${SSHD}`, ["password-authentication"]],
    ["printf with a tab", `printf 'PermitRootLogin\\tyes\\n' >> ${SSHD}`, ["root-login"]],
    ["echo -e with \\x20 piped to tee", `echo -e 'PermitRootLogin\\x20yes' | tee -a ${SSHD}`, ["root-login"]],
    ["sshd -o glued", "sshd -oPasswordAuthentication=yes", ["password-authentication"]],
    [
      "sed's GNU a text with \\n",
      `sed -i '$a PermitRootLogin yes\\nPasswordAuthentication yes' ${SSHD}`,
      ["password-authentication", "root-login"],
    ],
    [
      "a comment after the value",
      `echo 'PasswordAuthentication yes # for now' >> ${SSHD}`,
      ["password-authentication"],
    ],
    ["PermitEmptyPasswords", `echo 'PermitEmptyPasswords yes' >> ${SSHD}`, ["password-authentication"]],
    [
      "PermitEmptyPasswords by sed",
      `sed -i 's/#PermitEmptyPasswords no/PermitEmptyPasswords yes/' ${SSHD}`,
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    // sshd reads a line that starts with #, and what follows a # that starts a word, as a comment.
    ["an echoed comment", `echo '#PasswordAuthentication yes' >> ${SSHD}`],
    ["a # inside the echoed text", `echo "a # PermitRootLogin yes" >> ${SSHD}`],
    ["a printf of a comment and a no", `printf '# PermitRootLogin yes (old)\\nPermitRootLogin no\\n' >> ${SSHD}`],
    ["sed commenting a weak line out with &", `sed -i 's/^PasswordAuthentication yes/#&/' ${SSHD}`],
    ["sed writing a commented line", `sed -i 's/^PermitRootLogin.*/#PermitRootLogin yes/' ${SSHD}`],
    ["sed's comment after the value", `sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no # was yes/' ${SSHD}`],
    ["perl commenting a weak line out", `perl -pi -e 's/^(PasswordAuthentication yes)/#$1/' ${SSHD}`],
    ["PermitEmptyPasswords no", `echo 'PermitEmptyPasswords no' >> ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("variables the script sets", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "a value",
      `PA=yes\nsed -i "s/^PasswordAuthentication.*/PasswordAuthentication $PA/" ${SSHD}`,
      ["password-authentication"],
    ],
    ["export, braces", `export ROOT=yes\necho "PermitRootLogin \${ROOT}" >> ${SSHD}`, ["root-login"]],
    ["the last value set", `PA=no\nPA=yes\necho "PasswordAuthentication $PA" >> ${SSHD}`, ["password-authentication"]],
    ["on the same line", `PA=yes; echo "PasswordAuthentication $PA" >> ${SSHD}`, ["password-authentication"]],
    ["a default", `echo "PasswordAuthentication \${PW_AUTH:-yes}" >> ${SSHD}`, ["password-authentication"]],
    ["in an unquoted here-document", `ROOT=yes\ncat >> ${SSHD} <<EOF\nPermitRootLogin $ROOT\nEOF`, ["root-login"]],
    ["a path", `CFG=/etc/ssh/sshd_config\nsed -i 's/^#PermitRootLogin/PermitRootLogin/' "$CFG"`, ["root-login"]],
    [
      "a directory",
      `DIR=/etc/ssh/sshd_config.d\nrm -f "$DIR/00-hardening-kit.conf"`,
      ["password-authentication", "root-login"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["inside single quotes", `PA=yes\nsed -i 's/^PasswordAuthentication.*/PasswordAuthentication $PA/' ${SSHD}`],
    ["in a quoted here-document", `ROOT=yes\ncat >> ${SSHD} <<'EOF'\nPermitRootLogin $ROOT\nEOF`],
    ["a default of no", `echo "PasswordAuthentication \${PW_AUTH:-no}" >> ${SSHD}`],
    [
      "a value of no",
      `PW=no\nROOT=no\ncat > /etc/ssh/sshd_config.d/00.conf <<EOF\nPasswordAuthentication $PW\nPermitRootLogin $ROOT\nEOF`,
    ],
    ["a value the reader cannot know", `PA=$(curl -s http://x/pa)\necho "PasswordAuthentication $PA" >> ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("notes a value the reader cannot know as unverifiable", () => {
    const text = `PA=$(curl -s http://x/pa)\necho "PasswordAuthentication $PA" >> ${SSHD}`;
    expect(findLoginWeaknesses(text).map((w) => [w.kind, w.unverifiable])).toEqual([["password-authentication", true]]);
  });

  it("expands outside single quotes only, and not after a backslash", () => {
    const variables = new ShellVariables();
    variables.record(parseCommand({ text: "A=x B='y z'", piped: false }));
    expect(variables.expand(`$A "\${B}" '$A' \\$A $C`)).toBe(`x "y z" '$A' \\$A $C`);
    expect(variables.expand("'$A' \\$A", false)).toBe("'x' \\$A");
  });

  it("grows a line by a bounded amount, however many references it holds", () => {
    const text = `A=${"x".repeat(4_000)}\necho ${"$A".repeat(50_000)}`;
    // The references past the bound are left as written: what they stand for is unread.
    expect(kinds(text)).toEqual(["unread-content"]);
    const variables = new ShellVariables();
    variables.record(parseCommand({ text: `A=${"x".repeat(4_000)}`, piped: false }));
    // The line itself, plus at most 64 KB of values (and one more value).
    expect(variables.expand("$A".repeat(50_000)).length).toBeLessThan(100_000 + 64 * 1024 + 4_001);
  });
});
