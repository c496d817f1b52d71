// `perl -n` writes only what its program prints: `perl -ni -e 'print unless /re/' sshd_config` deletes the lines
// /re/ matches, as `sed -i '/re/d'` does, and is replayed as that deletion on the stock lines. Deleting the hardened
// `PasswordAuthentication no` or the Include of the drop-ins is a violation; deleting comments is not.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { perlScript } from "../../lib/userdata-perl";
import { run } from "../policies/harness";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

/** The findings with the line each quotes left out: two spellings of one edit report alike. */
const reported = (text: string) =>
  findLoginWeaknesses(text)
    .map(({ line: _line, ...rest }) => JSON.stringify(rest))
    .sort();

describe("perl -n printing all lines but some, read as sed's deletion", () => {
  it.each<[string, string]>([
    ["print unless /re/", `perl -ni -e 'print unless /^PasswordAuthentication/' ${SSHD}`],
    ["print if !/re/", `perl -ni -e 'print if !/^PasswordAuthentication/' ${SSHD}`],
    ["print if not /re/", `perl -ni -e 'print if not /^PasswordAuthentication/' ${SSHD}`],
    ["print if $_ !~ /re/", `perl -ni -e 'print if $_ !~ /^PasswordAuthentication/' ${SSHD}`],
    ["print $_ unless m{re}", `perl -ni -e 'print $_ unless m{^PasswordAuthentication}' ${SSHD}`],
    ["next if /re/; print", `perl -i -ne 'next if /^PasswordAuthentication/; print' ${SSHD}`],
    ["-n -i.bak -e", `perl -n -i.bak -e 'print unless /^PasswordAuthentication/' ${SSHD}`],
    ["if (!/re/) { print }", `perl -ni -e 'if (!/^PasswordAuthentication/) { print }' ${SSHD}`],
    ["unless (/re/) { print }", `perl -ni -e 'unless (/^PasswordAuthentication/) { print }' ${SSHD}`],
    ["the i flag", `perl -ni -e 'print unless /^passwordauthentication/i' ${SSHD}`],
  ])("%s deleting the hardened line is the same finding as sed's", (_name, text) => {
    expect(verdicts(text)).toEqual([PW]);
    expect(reported(text)).toEqual(reported(`sed -i '/^PasswordAuthentication/d' ${SSHD}`));
  });

  it.each<[string, string, string[]]>([
    ["the Include of the drop-ins", `perl -ni -e 'print unless /^Include/' ${SSHD}`, [PW, "root-login"]],
    ["all but the Port lines", `perl -ni -e 'print if /^Port/' ${SSHD}`, [PW, "root-login"]],
    ["the kit's drop-in", `perl -ni -e 'print unless /Password/' ${KIT}`, [PW]],
    [
      "without -i, moved back",
      `perl -ne 'print unless /^PasswordAuthentication/' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      [PW],
    ],
    [
      "after a substitution it runs first",
      `perl -ni -e 's/[ \\t]+$//; print unless /^PasswordAuthentication/' ${SSHD}`,
      [PW],
    ],
    ["a pattern the script does not set", `perl -ni -e "print unless /$PAT/" ${SSHD}`, [`${PW}?`]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["comments deleted", `perl -ni -e 'print unless /^#/' ${SSHD}`],
    ["comments deleted with if !", `perl -ni -e 'print if !/^#/' ${SSHD}`],
    ["comments and blank lines skipped", `perl -i -ne 'next if /^#/; next if /^\\s*$/; print' ${SSHD}`],
    ["-p, where next still prints the line", `perl -pi -e 'next if /^PasswordAuthentication/' ${SSHD}`],
    ["two prints, which print every line", `perl -ni -e 'print if /^Pass/; print unless /^Pass/' ${SSHD}`],
    ["printed to the log", `perl -ne 'print unless /^PasswordAuthentication/' ${SSHD}`],
    ["another file", `perl -ni -e 'print unless /^PasswordAuthentication/' /etc/motd`],
    // Slurped whole, the file is one record: `^` is its start, which holds a comment.
    ["-0777, matching the file's start", `perl -0777 -ni -e 'print unless /^PasswordAuthentication/' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("the program read", () => {
  it("adds the deletion where the print is, under -n only", () => {
    const commands = (program: string, printsOnly: boolean) =>
      perlScript(program, printsOnly).edits.map((e) => `${e.command} ${e.negated ? "!" : ""}${e.address}`);
    expect(commands("s/a/b/; print unless /^X/", true)).toEqual(["s ", "d ^X"]);
    expect(commands("print if /^X/", true)).toEqual(["d !^X"]);
    expect(commands("next if /^X/; print", true)).toEqual(["d ^X"]);
    expect(commands("print unless /^X/", false)).toEqual([]);
    // A print the reader cannot place, or a second print of the line: no deletion is guessed.
    expect(commands("print unless /^X/ || $. == 1", true)).toEqual([]);
    expect(commands("print unless /^X/; print STDERR $_", true)).toEqual([]);
    expect(commands('print unless /^X/; print "X no\\n" if eof', true).slice(0, 1)).toEqual(["d ^X"]);
  });
});

describe("carried in encoded or structured user data", () => {
  const weak = `#!/bin/bash\nperl -ni -e 'print unless /^PasswordAuthentication/' ${SSHD}\n`;
  const safe = `#!/bin/bash\nperl -ni -e 'print unless /^#/' ${SSHD}\n`;

  it("base64 user data", () => {
    expect(verdicts(decodeUserData(b64(weak)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(safe)))).toEqual([]);
  });

  it("a cloud-config runcmd string", () => {
    expect(verdicts(runcmdConfig(`perl -i -ne 'next if /^PasswordAuthentication/; print' ${SSHD}`))).toEqual([PW]);
    expect(verdicts(runcmdConfig(`perl -i -ne 'next if /^#/; print' ${SSHD}`))).toEqual([]);
  });
});

describe("through disallow-userdata-login-weakening", () => {
  it("fails the deletion and passes the comments' one", async () => {
    const weak = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `perl -ni -e 'print unless /^PasswordAuthentication/' ${SSHD}`,
    });
    expect(weak.map((d) => d.level)).toEqual(["mandatory"]);
    expect(weak[0].message).toContain("enables SSH password authentication");
    const safe = { userDataBase64: b64(`perl -ni -e 'print unless /^#/' ${SSHD}`) };
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, safe)).toEqual([]);
  });
});
