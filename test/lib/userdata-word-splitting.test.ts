// A command substitution (`$(…)`, `$((…))`, backquotes) or a parameter expansion (`${…}`) inside a word belongs to
// that word, as in the shell: `sed -i.$(date +%s) 's/^#Port 22/Port 2222/' sshd_config` has one backup-suffix option
// and one script, and must not be read as the sed script `date` (which would delete every line). A substitution
// opening a word, or an assignment's value before the command, is still read as the commands it runs.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { substitutionEnd } from "../../lib/shell-substitutions";
import { shellWords } from "../../lib/userdata-words";
import { run } from "../policies/harness";
import { b64, INSTANCE, runcmdConfig, SSHD } from "./userdata-sshd-fixtures";

const PORT = "'s/^#Port 22/Port 2222/'";
const DELETE_PASSWORD = "'/^PasswordAuthentication/d'";

const words = (command: string) => shellWords(command).map((w) => (w.op ? `<op ${w.op}>` : w.text));
/** The findings by kind, `?` marking an unverifiable one. */
const verdicts = (text: string) =>
  findLoginWeaknesses(text)
    .map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`)
    .sort();

describe("a substitution inside a word belongs to it", () => {
  it.each<[string, string[]]>([
    [`sed -i.$(date +%s) ${PORT} f`, ["sed", "-i.$(date +%s)", "s/^#Port 22/Port 2222/", "f"]],
    [`sed --in-place=.$(date +%s) x f`, ["sed", "--in-place=.$(date +%s)", "x", "f"]],
    ["sed -i.`date +%s` x f", ["sed", "-i.`date +%s`", "x", "f"]],
    // Quotes, blanks and parentheses inside it do not end the word.
    [`sed -i.$(date "+%F %T") x f`, ["sed", `-i.$(date "+%F %T")`, "x", "f"]],
    [`sed -i.$(echo ')' "(") x f`, ["sed", `-i.$(echo ')' "(")`, "x", "f"]],
    [`cp f.$(date +%s).$((1 + 2)) g`, ["cp", "f.$(date +%s).$((1 + 2))", "g"]],
    [`cp ${SSHD}{,.$(date +%s)}`, ["cp", `${SSHD}{,.$(date +%s)}`]],
    [`cp a.$(x $(y "$(z)")) b`, ["cp", `a.$(x $(y "$(z)"))`, "b"]],
    ["echo ${x:-a b} c", ["echo", "${x:-a b}", "c"]],
    [`grep -v x f > /tmp/s.$(date +%s) 2>&1`, ["grep", "-v", "x", "f", "<op >>", "/tmp/s.$(date +%s)", "<op >&>", "1"]],
    [`awk -v d=$(date +%s) '!/^#/' f`, ["awk", "-v", "d=$(date +%s)", "!/^#/", "f"]],
    // At a word's start, or as an assignment's value before the command, its commands are read as words, as before.
    [`x=$(sed 's/a/b/' f)`, ["x=", "sed", "s/a/b/", "f"]],
    [`export x=$(sed 's/a/b/' f)`, ["export", "x=", "sed", "s/a/b/", "f"]],
    [`sed -i '/x/d' $(ls /etc/ssh/sshd_config.d/*.conf)`, ["sed", "-i", "/x/d", "ls", "/etc/ssh/sshd_config.d/*.conf"]],
    // One that does not close is split as before.
    [`sed -i.$(date +%s x f`, ["sed", "-i.", "date", "+%s", "x", "f"]],
  ])("%s", (command, expected) => {
    expect(words(command)).toEqual(expected);
  });

  it.each<[string, number]>([
    ["$(a)b", 4],
    ["$((1+(2)))", 10],
    ["${a:-}}", 6],
    ['$(a ")")', 8],
    ["`a $(b` c", 7],
    ["$(a 'b", -1],
    ["$(a", -1],
    ["$a", -1],
  ])("substitutionEnd(%s) = %d", (text, end) => {
    expect(substitutionEnd(text, 0)).toBe(end);
  });

  it("splits hostile lines as short ones: unclosed $( as before, closed and nested ones inside their word", () => {
    expect(words("a$(".repeat(50_000))).toEqual(Array<string>(50_000).fill("a"));
    const closed = "a$(b)".repeat(50_000);
    expect(words(closed)).toEqual([closed]);
    const nested = `x${"$(".repeat(50_000)}${")".repeat(50_000)}`;
    expect(words(nested)).toEqual([nested]);
    // Unclosed, the backup suffix is split as before: the words weaken nothing.
    expect(verdicts(`sed -i.${"$(a".repeat(20_000)} ${PORT} ${SSHD}`)).toEqual([]);
  });
});

describe("a backup suffix built from a command's output", () => {
  it.each<[string, string]>([
    ["-i.$(date +%s)", `sed -i.$(date +%s) ${PORT} ${SSHD}`],
    ['-i".bak-$(date +%F)"', `sed -i".bak-$(date +%F)" ${PORT} ${SSHD}`],
    ["--in-place=.$(date +%s)", `sed --in-place=.$(date +%s) ${PORT} ${SSHD}`],
    ["-i.`date +%s`", `sed -i.\`date +%s\` ${PORT} ${SSHD}`],
    ["-i.$(date '+%F %T')", `sed -i.$(date '+%F %T') ${PORT} ${SSHD}`],
    ["a brace-expanded backup copy", `cp ${SSHD}{,.$(date +%s)}`],
    ["a dated backup copy, then the port", `cp ${SSHD} ${SSHD}.$(date +%F)\nsed -i ${PORT} ${SSHD}`],
    ["perl -i.$(date +%s)", `perl -i.$(date +%s) -pe 's/^#Port 22/Port 2222/' ${SSHD}`],
    ["awk -v with an unused value", `awk -v d=$(date +%s) '!/^#/' ${SSHD} > /tmp/s && cat /tmp/s > ${SSHD}`],
    ["grep -v of comments into a dated file", `grep -v '^#' ${SSHD} > /tmp/sshd.$(date +%s)`],
  ])("%s changing the port is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["-i.$(date +%s) deleting the hardened line", `sed -i.$(date +%s) ${DELETE_PASSWORD} ${SSHD}`, ["pw"]],
    [
      "-i.$(date +%s) turning root login on",
      `sed -i.$(date +%s) 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' ${SSHD}`,
      ["root-login"],
    ],
    [
      "--in-place=.$(date +%s) turning passwords on",
      `sed --in-place=.$(date +%s) 's/^PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD}`,
      ["pw"],
    ],
    ['-i".bak-$(date +%F)" deleting the hardened line', `sed -i".bak-$(date +%F)" ${DELETE_PASSWORD} ${SSHD}`, ["pw"]],
    ["-i.`date +%s` deleting the hardened line", `sed -i.\`date +%s\` ${DELETE_PASSWORD} ${SSHD}`, ["pw"]],
    ["a backup copy, then a deletion", `cp ${SSHD}{,.$(date +%s)}; sed -i ${DELETE_PASSWORD} ${SSHD}`, ["pw"]],
    ["perl -i.$(date +%s) turning passwords on", `perl -i.$(date +%s) -pe 's/no/yes/ if /^Password/' ${SSHD}`, ["pw"]],
    [
      "awk -v with an unused value, deleting the hardened line",
      `awk -v d=$(date +%s) '!/^PasswordAuthentication/' ${SSHD} > /tmp/s && cat /tmp/s > ${SSHD}`,
      ["pw"],
    ],
    [
      "awk -v whose value the program reads",
      `awk -v p=$(cat /tmp/p) '$0 !~ p' ${SSHD} > /tmp/s && cat /tmp/s > ${SSHD}`,
      ["pw?", "root-login?"],
    ],
    // A filtered copy edits sshd_config only where it is put back (see userdata-copies-written-back.test.ts).
    [
      "grep -v of the hardened line into a dated file, moved back",
      `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/sshd.$(date +%s) && mv /tmp/sshd.* ${SSHD}`,
      ["pw"],
    ],
    [
      "grep -v of the hardened line into a dated file, never put back",
      `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/sshd.$(date +%s)`,
      [],
    ],
    [
      "tee into a drop-in named by the host",
      `echo 'PasswordAuthentication yes' | tee /etc/ssh/sshd_config.d/$(hostname).conf`,
      ["pw"],
    ],
    // The commands of a captured value are still read: the rewritten text replaces sshd_config.
    [
      "export of a capture written back",
      `export X=$(sed 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${SSHD})\necho "$X" > ${SSHD}`,
      ["pw", "root-login"],
    ],
  ])("%s", (_name, text, expected) => {
    const kinds = expected.map((k) => k.replace(/^pw/, "password-authentication"));
    expect([...new Set(verdicts(text))]).toEqual(kinds);
  });
});

describe("carried in encoded or structured user data", () => {
  const safe = `#!/bin/bash\nsed -i.$(date +%s) ${PORT} ${SSHD}\nsystemctl restart sshd\n`;
  const weak = `#!/bin/bash\nsed -i.$(date +%s) ${DELETE_PASSWORD} ${SSHD}\n`;

  it("base64 user data is decoded and read as the plain script", () => {
    expect(verdicts(decodeUserData(b64(safe)))).toEqual([]);
    expect(verdicts(decodeUserData(b64(weak)))).toEqual(["password-authentication"]);
  });

  it("a cloud-config runcmd string", () => {
    expect(verdicts(runcmdConfig(`sed -i.$(date +%s) ${PORT} ${SSHD}`))).toEqual([]);
    expect(verdicts(runcmdConfig(`sed --in-place=.$(date +%s) ${DELETE_PASSWORD} ${SSHD}`))).toEqual([
      "password-authentication",
    ]);
  });
});

describe("through disallow-userdata-login-weakening", () => {
  it("passes a port change with a dated backup, plain or base64", async () => {
    const script = `sed -i.$(date +%s) ${PORT} ${SSHD}`;
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: script })).toEqual([]);
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userDataBase64: b64(script) })).toEqual([]);
  });

  it("fails the deletion of the hardened line with a dated backup", async () => {
    const ds = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `sed -i.$(date +%s) ${DELETE_PASSWORD} ${SSHD}`,
    });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain("enables SSH password authentication");
  });
});
