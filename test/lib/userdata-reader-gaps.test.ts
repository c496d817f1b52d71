// Forms of taking sshd's hardened lines away that the reader follows as the sed edits they are: ex and vi global
// deletes (`g/re/d`, `v/re/d`), perl -n print filters whose condition joins matches (`print unless /A/ || /B/`),
// copies of sshd_config carried through further copies or filters before they are put back, and sshd_config replaced
// by a here-document copied from standard input (`install -m 600 /dev/stdin sshd_config <<EOF`). Each weakening row
// has a secure twin that deletes or writes only what leaves login hardened.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { perlScript } from "../../lib/userdata-perl";
import { run } from "../policies/harness";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";
const BOTH = [PW, ROOT];

/** The findings with the line each quotes left out: two spellings of one edit report alike. */
const reported = (text: string) =>
  findLoginWeaknesses(text)
    .map(({ line: _line, ...rest }) => JSON.stringify(rest))
    .sort();

describe("ex and vi global deletes", () => {
  it.each<[string, string, string[]]>([
    ["ex -sc 'g/re/d|x'", `ex -sc 'g/^PasswordAuthentication/d|x' ${SSHD}`, [PW]],
    ["ex -s +'g/re/d' +wq, the kit's drop-in", `ex -s +'g/PermitRootLogin no/d' +wq ${KIT}`, [ROOT]],
    ["vi -e -c 'g/re/d' -c wq", `vi -e -c 'g/^PasswordAuthentication/d' -c wq ${SSHD}`, [PW]],
    ["vim -es, another delimiter", `vim -es -c 'g#^PasswordAuthentication#d' -c wq ${SSHD}`, [PW]],
    ["the command spelt out", `ex -s -c ':global/^PasswordAuthentication/delete' -c wq ${SSHD}`, [PW]],
    ["the Include deleted", `ex -s -c 'g/^Include/d' -c wq ${SSHD}`, BOTH],
    // v deletes the lines that do not match: all but comments takes the hardened line and the Include away.
    ["v/re/d keeping comments only", `ex -s -c 'v/^#/d' -c wq ${SSHD}`, BOTH],
    ["g!/re/d keeping Port only", `ex -s -c 'g!/^Port/d' -c wq ${SSHD}`, BOTH],
    ["a pattern the script does not set", `ex -s -c "g/$PAT/d" -c wq ${SSHD}`, [`${PW}?`]],
  ])("%s weakens", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("reports the deletion as sed's", () => {
    const ex = `ex -sc 'g/^PasswordAuthentication/d|x' ${SSHD}`;
    expect(reported(ex)).toEqual(reported(`sed -i '/^PasswordAuthentication/d' ${SSHD}`));
  });

  it.each<[string, string]>([
    ["comments deleted", `ex -s -c 'g/^#/d' -c wq ${SSHD}`],
    ["blank lines deleted", `ex -sc 'g/^$/d|x' ${SSHD}`],
    ["indented comments deleted", `vi -e -c 'g/^\\s*#/d' -c wq ${SSHD}`],
    ["another directive deleted", `ex -s +'g/^X11Forwarding/d' +wq ${SSHD}`],
    ["v/re/d keeping every uncommented line", `ex -s -c 'v/^#/d' -c wq /etc/motd`],
    ["a global delete of another file", `ex -s -c 'g/PasswordAuthentication/d' -c wq /etc/ssh/ssh_config`],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("perl -n print filters joining matches", () => {
  it.each<[string, string, string[]]>([
    ["print unless A || B", `perl -ni -e 'print unless /^PasswordAuthentication/ || /^PermitRootLogin/' ${SSHD}`, [PW]],
    [
      "print unless A or B, the kit's drop-in",
      `perl -ni -e 'print unless /^PasswordAuthentication/ or /^PermitRootLogin/' ${KIT}`,
      BOTH,
    ],
    ["print if !A && !B", `perl -ni -e 'print if !/^PasswordAuthentication/ && !/^PermitRootLogin/' ${SSHD}`, [PW]],
    ["print if not A and not B", `perl -ni -e 'print if not /^PasswordAuthentication/ and not /^Foo/' ${SSHD}`, [PW]],
    [
      "print if A || B, keeping two directives",
      `perl -ni -e 'print if /^Port/ || /^PasswordAuthentication/' ${SSHD}`,
      BOTH,
    ],
    ["next if A || B; print", `perl -ni -e 'next if /^#/ || /^PasswordAuthentication/; print' ${SSHD}`, [PW]],
    ["A || B or print", `perl -ni -e '/^#/ || /^PasswordAuthentication/ or print' ${SSHD}`, [PW]],
    ["nested in parentheses", `perl -ni -e 'print unless (/^#/ || /^$/) || /^PasswordAuthentication/' ${SSHD}`, [PW]],
    ["one match with the i flag", `perl -ni -e 'print unless /^#/ || /^passwordauthentication/i' ${SSHD}`, [PW]],
  ])("%s weakens", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["print unless A || B, comments and blanks", `perl -ni -e 'print unless /^#/ || /^$/' ${SSHD}`],
    ["print unless A or B, comments and blanks", `perl -ni -e 'print unless /^\\s*#/ or /^\\s*$/' ${SSHD}`],
    ["print if !A && !B, comments and blanks", `perl -ni -e 'print if !/^#/ && !/^$/' ${SSHD}`],
    [
      "print if A || B, keeping the hardening",
      `perl -ni -e 'print if /^Include/ || /^PasswordAuthentication/' ${SSHD}`,
    ],
    // Lines both comments and blank: none. A join of another kind deletes no line the reader can tell.
    ["print unless A && B", `perl -ni -e 'print unless /^#/ && /^$/' ${SSHD}`],
    ["-p, whose lines are all printed", `perl -pi -e 'print unless /^PasswordAuthentication/ || /^#/' ${SSHD}`],
    [
      "a substitution hardening either",
      `perl -pi -e 's/yes/no/ if /^PasswordAuthentication/ || /^PermitRootLogin/' ${SSHD}`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("a substitution picked by either match weakens both", () => {
    const text = `perl -pi -e 's/no/yes/ if /^PasswordAuthentication/ || /^PermitRootLogin/' ${SSHD} ${KIT}`;
    expect(verdicts(text)).toEqual(BOTH);
  });

  it("reads the join as one address whose pattern is the alternation", () => {
    const commands = (program: string) =>
      perlScript(program, true).edits.map((e) => `${e.command} ${e.negated ? "!" : ""}${e.address}`);
    expect(commands("print unless /^X/ || /^Y/")).toEqual(["d (?:^X)|(?:^Y)"]);
    expect(commands("print if !/^X/ && !/^Y/i")).toEqual(["d (?:^X)|(?i:^Y)"]);
    expect(commands("print if /^X/ or /^Y/")).toEqual(["d !(?:^X)|(?:^Y)"]);
    // Joins one address cannot say: no deletion is guessed.
    expect(commands("print unless /^X/ || $. == 1")).toEqual([]);
    expect(commands("print unless /^X/ && /^Y/")).toEqual([]);
    expect(commands("print unless /^X/ || /^Y/ && /^Z/")).toEqual([]);
    expect(commands("print if !/^X/ || !/^Y/")).toEqual([]);
  });
});

describe("copies of sshd_config carried on before they are put back", () => {
  it.each<[string, string, string[]]>([
    [
      "a copy of the copy edited in place",
      `cp ${SSHD} /tmp/a; cp /tmp/a /tmp/b; sed -i '/^PasswordAuthentication/d' /tmp/b; cp /tmp/b ${SSHD}`,
      [PW],
    ],
    [
      "the copy edited, then copied on",
      `cp ${SSHD} /tmp/a\nsed -i '/^PasswordAuthentication/d' /tmp/a\nmv /tmp/a /tmp/b\ncp /tmp/b ${SSHD}`,
      [PW],
    ],
    [
      "sed of the copy into a file",
      `cp ${SSHD} /tmp/a; sed '/^PasswordAuthentication/d' /tmp/a > /tmp/b; cp /tmp/b ${SSHD}`,
      [PW],
    ],
    [
      "grep -v of the copy, moved back",
      `cp ${SSHD} /tmp/a; grep -v PasswordAuthentication /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [PW],
    ],
    ["awk of the copy", `cp ${SSHD} /tmp/a; awk '!/^Include/' /tmp/a > /tmp/b; install -m 600 /tmp/b ${SSHD}`, BOTH],
    [
      "grep -v -f with patterns the script wrote",
      `echo PasswordAuthentication > /tmp/p\ncp ${SSHD} /tmp/a\ngrep -v -f /tmp/p /tmp/a > /tmp/b\nmv /tmp/b ${SSHD}`,
      [PW],
    ],
    [
      "grep -v with a pattern the script does not set",
      `cp ${SSHD} /tmp/a; grep -v "$PAT" /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [`${PW}?`],
    ],
    ["three copies", `cp ${SSHD} /tmp/a; cp /tmp/a /tmp/b; sed '/^Include/d' /tmp/b > /tmp/c; cp /tmp/c ${SSHD}`, BOTH],
  ])("%s weakens", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("quotes the filter of the copy", () => {
    const filter = "grep -v PasswordAuthentication /tmp/a > /tmp/b";
    const [finding] = findLoginWeaknesses(`cp ${SSHD} /tmp/a\n${filter}\nmv /tmp/b ${SSHD}`);
    expect(finding.line).toBe(filter);
  });

  it.each<[string, string]>([
    [
      "comments deleted from a copy of the copy",
      `cp ${SSHD} /tmp/a; cp /tmp/a /tmp/b; sed -i '/^#/d' /tmp/b; cp /tmp/b ${SSHD}`,
    ],
    ["sed of the copy deleting comments", `cp ${SSHD} /tmp/a; sed '/^#/d' /tmp/a > /tmp/b; cp /tmp/b ${SSHD}`],
    [
      "grep -v of comments and blanks",
      `cp ${SSHD} /tmp/a; grep -v '^#' /tmp/a | grep -v '^$' > /tmp/b; mv /tmp/b ${SSHD}`,
    ],
    [
      "the unedited copy put back",
      `cp ${SSHD} /tmp/a; sed '/^PasswordAuthentication/d' /tmp/a > /tmp/b; cp /tmp/a ${SSHD}`,
    ],
    [
      "the filtered copy kept elsewhere",
      `cp ${SSHD} /tmp/a; sed '/^PasswordAuthentication/d' /tmp/a > /tmp/b; cp /tmp/b /root/audit`,
    ],
    ["the filter printed to the log", `cp ${SSHD} /tmp/a; grep -v PasswordAuthentication /tmp/a; cp /tmp/a ${SSHD}`],
    [
      "the moved-away copy's name reused",
      `cp ${SSHD} /tmp/a; mv /tmp/a /tmp/b; sed -i '/^PasswordAuthentication/d' /tmp/a; cp /tmp/b ${SSHD}`,
    ],
    [
      "the filtered file overwritten before it is put back",
      `cp ${SSHD} /tmp/a; sed '/^PasswordAuthentication/d' /tmp/a > /tmp/b; echo 'Port 22' > /tmp/b; cp /tmp/b /etc/issue`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("sshd_config replaced by a here-document copied from standard input", () => {
  const document = (command: string, body: string) => `${command} <<'EOF'\n${body}\nEOF`;
  const INSTALL = `install -D -m 600 /dev/stdin ${SSHD}`;

  it.each<[string, string, string[]]>([
    ["install -D -m 600 /dev/stdin", document(INSTALL, "Port 22"), BOTH],
    ["install with owner and group", document(`install -m 0600 -o root -g root /dev/stdin ${SSHD}`, "Port 22"), BOTH],
    ["sudo install, hardening only root login", document(`sudo ${INSTALL}`, "Port 22\nPermitRootLogin no"), [PW]],
    ["cp /dev/stdin", document(`cp /dev/stdin ${SSHD}`, "Port 22"), BOTH],
    ["cp /dev/null, which empties it", `cp /dev/null ${SSHD}`, BOTH],
  ])("%s weakens", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["both set to no", document(INSTALL, "Port 22\nPasswordAuthentication no\nPermitRootLogin no")],
    ["the Include of the drop-ins kept", document(INSTALL, "Include /etc/ssh/sshd_config.d/*.conf\nPort 22")],
    [
      "hardened by appends after",
      `${document(INSTALL, "Port 22")}\necho 'PasswordAuthentication no' >> ${SSHD}\necho 'PermitRootLogin no' >> ${SSHD}`,
    ],
    ["a backup written", document(`install -m 600 /dev/stdin ${SSHD}.bak`, "Port 22")],
    ["a drop-in written", document(`install -m 600 /dev/stdin /etc/ssh/sshd_config.d/01-port.conf`, "Port 22")],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  // Text the script does not spell out is not guessed: what it sets cannot be verified.
  it("a download piped in is a note: its text comes from outside the script", () => {
    const text = `curl -fsS https://config.example/sshd | install -m 600 /dev/stdin ${SSHD}`;
    expect(fromOutside(text, "https://config.example/sshd")).toEqual(sshdNotesFrom("https://config.example/sshd"));
  });
});

describe("carried in encoded or structured user data", () => {
  const EX = `ex -sc 'g/^PasswordAuthentication/d|x' ${SSHD}`;
  const EX_SAFE = `ex -sc 'g/^#/d|x' ${SSHD}`;
  const CHAIN = `cp ${SSHD} /tmp/a; grep -v PasswordAuthentication /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`;
  const CHAIN_SAFE = `cp ${SSHD} /tmp/a; grep -v '^#' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`;

  it("base64 user data", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${EX}\n`)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${EX_SAFE}\n`)))).toEqual([]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${CHAIN}\n`)))).toEqual([PW]);
  });

  it("a cloud-config runcmd string", () => {
    expect(verdicts(runcmdConfig(CHAIN))).toEqual([PW]);
    expect(verdicts(runcmdConfig(CHAIN_SAFE))).toEqual([]);
    const perl = `perl -ni -e 'print unless /^PasswordAuthentication/ || /^#/' ${SSHD}`;
    expect(verdicts(runcmdConfig(perl))).toEqual([PW]);
    expect(verdicts(runcmdConfig(`perl -ni -e 'print unless /^#/ || /^$/' ${SSHD}`))).toEqual([]);
  });
});

describe("through disallow-userdata-login-weakening", () => {
  it("fails a global delete of the hardened line, and passes one of comments", async () => {
    const weak = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `#!/bin/bash\nvi -e -c 'g/^PasswordAuthentication/d' -c wq ${SSHD}\n`,
    });
    expect(weak.map((d) => d.level)).toEqual(["mandatory"]);
    expect(weak[0].message).toContain("enables SSH password authentication");
    const safe = { userData: `#!/bin/bash\nvi -e -c 'g/^#/d' -c wq ${SSHD}\n` };
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, safe)).toEqual([]);
  });
});

describe("hostile input", () => {
  it("long perl joins, nested conditions, ex chains and copy chains delete no hardened line", () => {
    // Each deletes only lines the hardening does not need: those starting X, comments, blank lines, nothing.
    const joins = Array.from({ length: 20_000 }, (_v, i) => `/^X${i}/`).join(" || ");
    expect(verdicts(`perl -ni -e 'print unless ${joins}' ${SSHD}`)).toEqual(["unread-content"]);
    const nested = `${"(".repeat(20_000)}/^#/${") || /^$/".repeat(20_000)}`;
    expect(verdicts(`perl -ni -e 'print unless ${nested}' ${SSHD}`)).toEqual([]);
    expect(verdicts(`ex -s ${"-c 'g/^#/d' ".repeat(20_000)}-c wq ${SSHD}`)).toEqual(["unread-content"]);
    expect(verdicts(`ex -s -c 'g/${"\\/".repeat(50_000)}' ${SSHD}`)).toEqual([]);
    const copies = Array.from({ length: 5_000 }, (_v, i) => `cp /tmp/c${i} /tmp/c${i + 1}`).join("\n");
    // Past the bound on copies followed, the copy put back is left unread.
    expect(verdicts(`cp ${SSHD} /tmp/c0\n${copies}\nsed -i '/^#/d' /tmp/c5000\ncp /tmp/c5000 ${SSHD}`)).toEqual([
      "unread-content",
    ]);
  });
});
