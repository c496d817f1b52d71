// A template the script writes itself, its placeholder filled in by sed or perl: the edit is replayed on the text the
// script wrote, so a placeholder turned into `yes` weakens login and one turned into an unset variable cannot be
// verified, in place in sshd's files, printed into them, or in a file sshd is made to read.
import { findLoginWeaknesses } from "../../lib/userdata";
import { printsOnlyWhatItSays } from "../../lib/userdata-editors";
import { weakenedByEdit } from "../../lib/userdata-known-edits";
import { sedScript } from "../../lib/userdata-sed";
import { MatchBudget } from "../../lib/userdata-sed-regex";
import { PW, SSHD, verdicts } from "./userdata-sshd-fixtures";

const DROP_IN = "/etc/ssh/sshd_config.d/50-app.conf";
const TEMPLATE = `echo "PasswordAuthentication __PA__" > /tmp/sshd.tpl`;
const TWO = `cat > ${DROP_IN} <<'EOF'\nPermitRootLogin @@ROOT@@\nPasswordAuthentication @@PW@@\nEOF`;
const ROOT_TEMPLATE = `cat > ${DROP_IN} <<'EOF'\nPermitRootLogin @@ROOT@@\nPasswordAuthentication no\nEOF`;

/** cloud-config writing a drop-in with a placeholder, which runcmd fills in with `value`. */
const writeFilesThenRuncmd = (value: string) =>
  `#cloud-config\nwrite_files:\n  - path: ${DROP_IN}\n    content: |\n      PasswordAuthentication __PA__\n` +
  `runcmd:\n  - sed -i 's/__PA__/${value}/' ${DROP_IN}\n`;

describe("a placeholder of known text filled in by an edit", () => {
  it.each<[string, string, string[]]>([
    ["sed in place on a drop-in", `${ROOT_TEMPLATE}\nsed -i "s/@@ROOT@@/yes/" ${DROP_IN}`, ["root-login"]],
    ["perl in place", `${ROOT_TEMPLATE}\nperl -pi -e 's/\\@\\@ROOT\\@\\@/yes/' ${DROP_IN}`, ["root-login"]],
    ["sed printing into a drop-in", `${TEMPLATE}\nsed 's/__PA__/yes/' /tmp/sshd.tpl > ${DROP_IN}`, [PW]],
    ["sed -E printing into sshd_config", `${TEMPLATE}\nsed -E 's/__P(A)__/yes/' /tmp/sshd.tpl >> ${SSHD}`, [PW]],
    ["sed reading through <", `${TEMPLATE}\nsed 's/__PA__/yes/' < /tmp/sshd.tpl > ${DROP_IN}`, [PW]],
    ["cat piped to sed", `${TEMPLATE}\ncat /tmp/sshd.tpl | sed 's/__PA__/yes/' > ${DROP_IN}`, [PW]],
    ["sed piped to tee", `${TEMPLATE}\nsed 's/__PA__/yes/' /tmp/sshd.tpl | tee ${DROP_IN}`, [PW]],
    ["perl printing", `${TEMPLATE}\nperl -pe 's/__PA__/yes/' /tmp/sshd.tpl > ${DROP_IN}`, [PW]],
    ["edited, then copied in", `${TEMPLATE}\nsed -i 's/__PA__/yes/' /tmp/sshd.tpl\ncp /tmp/sshd.tpl ${DROP_IN}`, [PW]],
    [
      "the second of two edits in place",
      `${TWO}\nsed -i "s/@@ROOT@@/no/" ${DROP_IN}\nsed -i "s/@@PW@@/yes/" ${DROP_IN}`,
      [PW],
    ],
    [
      "a template tee writes",
      `tee ${DROP_IN} <<'EOF'\nPermitRootLogin @@ROOT@@\nEOF\nsed -i 's/@@ROOT@@/yes/' ${DROP_IN}`,
      ["root-login"],
    ],
    [
      "drop-ins named by a pattern",
      `${ROOT_TEMPLATE}\nsed -i 's/@@ROOT@@/yes/' /etc/ssh/sshd_config.d/*.conf`,
      ["root-login"],
    ],
    ["a file cloud-config's write_files gave", writeFilesThenRuncmd("yes"), [PW]],
    ["an unset variable", `${TEMPLATE}\nsed "s/__PA__/$PA/" /tmp/sshd.tpl > ${DROP_IN}`, [`${PW}?`]],
    ["an unset variable in place", `${ROOT_TEMPLATE}\nsed -i "s/@@ROOT@@/$MODE/" ${DROP_IN}`, ["root-login?"]],
  ])("%s weakens login", (_name, script, expected) => {
    expect(verdicts(script)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["write_files' template filled in with no", writeFilesThenRuncmd("no")],
    ["sed -n, which prints nothing here", `${TEMPLATE}\nsed -n 's/__PA__/yes/' /tmp/sshd.tpl > ${DROP_IN}`],
    ["perl -n, which prints nothing here", `${TEMPLATE}\nperl -ne 's/__PA__/yes/' /tmp/sshd.tpl > ${DROP_IN}`],
    [
      "a pattern naming no file the script wrote",
      `${ROOT_TEMPLATE}\nsed -i 's/@@ROOT@@/yes/' /etc/ssh/ssh_config.d/*.conf`,
    ],
    ["filled in with no", `${TEMPLATE}\nsed 's/__PA__/no/' /tmp/sshd.tpl > ${DROP_IN}`],
    ["a default of no", `${TEMPLATE}\nsed "s/__PA__/\${PA:-no}/" /tmp/sshd.tpl > ${DROP_IN}`],
    ["root set to no in place", `${ROOT_TEMPLATE}\nsed -i "s/@@ROOT@@/no/" ${DROP_IN}`],
    ["edited in a file sshd never reads", `${TEMPLATE}\nsed -i 's/__PA__/yes/' /tmp/sshd.tpl`],
    ["printed to the log only", `${TEMPLATE}\nsed 's/__PA__/yes/' /tmp/sshd.tpl`],
    ["printed into another file", `${TEMPLATE}\nsed 's/__PA__/yes/' /tmp/sshd.tpl > /etc/motd.d/ssh`],
    ["an edit that misses the placeholder", `${TEMPLATE}\nsed 's/__ROOT__/yes/' /tmp/sshd.tpl > ${DROP_IN}`],
    ["cat run before sed, not piped", `${TEMPLATE}\ncat /tmp/sshd.tpl; sed 's/__PA__/yes/' > ${DROP_IN}`],
    [
      "the placeholder's line deleted",
      `${TEMPLATE}\nsed -e 's/__PA__/yes/' -e '/^Password/d' /tmp/sshd.tpl > ${DROP_IN}`,
    ],
  ])("%s is no weakening", (_name, script) => {
    expect(verdicts(script)).toEqual([]);
  });

  it("quotes the edit with the line it makes", () => {
    const [weakness, ...rest] = findLoginWeaknesses(`${ROOT_TEMPLATE}\nsed -i "s/@@ROOT@@/yes/" ${DROP_IN}`);
    expect(rest).toEqual([]);
    expect(weakness).toEqual({
      kind: "root-login",
      line: `sed -i "s/@@ROOT@@/yes/" ${DROP_IN}`,
      note: `fills in "PermitRootLogin @@ROOT@@" of ${DROP_IN}, which reads "PermitRootLogin yes"`,
    });
  });

  it("leaves a hardened line turned weak to the stock model: reported once", () => {
    const found = findLoginWeaknesses(`echo "PasswordAuthentication no" > ${DROP_IN}\nsed -i 's/no/yes/' ${DROP_IN}`);
    expect(found.filter((w) => w.kind === PW)).toHaveLength(1);
    expect(found[0].note).toContain("turns hardened values weak");
  });
});

describe("printsOnlyWhatItSays", () => {
  it.each<[string, string[], boolean]>([
    ["sed", ["-n", "s/a/b/p"], true],
    ["sed", ["-ne", "s/a/b/p"], true],
    ["sed", ["--quiet", "s/a/b/p"], true],
    ["sed", ["-E", "s/a/b/"], false],
    ["sed", ["-in", "s/a/b/", "f"], false],
    ["perl", ["-ne", "print"], true],
    ["perl", ["-lne", "print"], true],
    ["perl", ["-pe", "s/a/b/"], false],
    ["perl", ["-n", "-p", "-e", "s/a/b/"], false],
    ["perl", ["-F:", "-e", "print"], true],
    ["sed", ["-e", "n", "f"], false],
    ["sed", ["-i.n", "s/a/b/", "f"], false],
    ["awk", ["-n"], false],
  ])("%s %j: %s", (name, args, quiet) => {
    expect(printsOnlyWhatItSays(name, args)).toBe(quiet);
  });
});

describe("weakenedByEdit", () => {
  const budget = () => new MatchBudget();
  const replay = (script: string, text: string) => weakenedByEdit(sedScript(script, "basic"), text, budget());

  it("gives each line the edit makes weaken login, before and after", () => {
    expect(replay("s/X/yes/", "Port 22\nPermitRootLogin X\nPasswordAuthentication no\n")).toEqual([
      {
        before: "PermitRootLogin X",
        after: "PermitRootLogin yes",
        added: [{ kind: "root-login", keyboardOnly: false }],
      },
    ]);
  });

  it("applies the edits in order, a deletion ending the line", () => {
    expect(replay("s/X/yes/;s/yes/no/", "PermitRootLogin X")).toEqual([]);
    expect(replay("/Root/d;s/X/yes/", "PermitRootLogin X")).toEqual([]);
  });

  it("replays nothing it cannot place: added text, line numbers, ranges", () => {
    expect(replay("a\\\nPermitRootLogin yes", "x")).toBeUndefined();
    expect(replay("1s/X/yes/", "PermitRootLogin X")).toBeUndefined();
    expect(replay("/a/,/b/s/X/yes/", "PermitRootLogin X")).toBeUndefined();
  });

  it("keeps to its bounds on lines", () => {
    const long = Array.from({ length: 600 }, () => "PermitRootLogin X").join("\n");
    expect(replay("s/X/yes/", long)).toBeUndefined();
    const fits = Array.from({ length: 500 }, () => "PermitRootLogin X").join("\n");
    expect(replay("s/X/yes/", fits)).toHaveLength(500);
  });
});
