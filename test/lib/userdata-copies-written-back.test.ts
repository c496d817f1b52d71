// Filtered copies of sshd's configuration and where they land. A filter of a copy written straight over sshd_config
// (`cp sshd_config /tmp/a; sed '/…/d' /tmp/a > sshd_config`) is the same edit in place. A filter of sshd_config
// written into another file (`grep -v … sshd_config > /tmp/x`) is a working copy: it edits nothing sshd reads until it
// is put back (mv, cp, install, `cat >`, tee, sponge, dd, directly or through a chain of copies). bash's `&>>` appends
// as `>>` does, and `&>` replaces as `>` does. A deletion with its own address inside a block whose lines the reader
// cannot place (`/^Match/,${/^PasswordAuthentication/d}`) may or may not reach the hardened line: unverifiable.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { sedScript } from "../../lib/userdata-sed";
import { run } from "../policies/harness";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";
const DELETE_PASSWORD = "'/^PasswordAuthentication/d'";

describe("a filtered copy written straight back over sshd's configuration", () => {
  it.each<[string, string, string]>([
    ["sed deleting the hardened line", `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`, DELETE_PASSWORD],
    ["grep -v of the Include", `cp ${SSHD} /tmp/a; grep -v '^Include' /tmp/a > ${SSHD}`, "'/^Include/d'"],
    [
      "awk dropping the hardened line",
      `cp ${SSHD} /tmp/a; awk '!/PasswordAuthentication/' /tmp/a > ${SSHD}`,
      "'/PasswordAuthentication/d'",
    ],
    // sshd_config ships no PermitRootLogin line: nothing to take away, as `sed -i` judges it.
    ["awk dropping root login", `cp ${SSHD} /tmp/a; awk '!/PermitRootLogin/' /tmp/a > ${SSHD}`, "'/PermitRootLogin/d'"],
    ["cat of the copy into sed", `cp ${SSHD} /tmp/a; cat /tmp/a | sed ${DELETE_PASSWORD} > ${SSHD}`, DELETE_PASSWORD],
    ["moved away, then sed", `mv ${SSHD} /tmp/a && sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`, DELETE_PASSWORD],
    [
      "a copy of a copy",
      `cp ${SSHD} /tmp/a; cp /tmp/a /tmp/b; grep -v '^PasswordAuthentication' /tmp/b > ${SSHD}`,
      DELETE_PASSWORD,
    ],
    ["sed turning no into yes", `cp ${SSHD} /tmp/a; sed 's/no/yes/' /tmp/a > ${SSHD}`, "'s/no/yes/'"],
    [
      "sed uncommenting the default",
      `cp ${SSHD} /tmp/a; sed 's/^#PasswordAuthentication/PasswordAuthentication/' /tmp/a > ${SSHD}`,
      "'s/^#PasswordAuthentication/PasswordAuthentication/'",
    ],
    ["a pattern the script does not set", `cp ${SSHD} /tmp/a; sed "/$PAT/d" /tmp/a > ${SSHD}`, '"/$PAT/d"'],
    ["sed deleting a banner", `cp ${SSHD} /tmp/a; sed '/^Banner/d' /tmp/a > ${SSHD}`, "'/^Banner/d'"],
    ["grep -v of comments", `cp ${SSHD} /tmp/a; grep -v '^#' /tmp/a > ${SSHD}`, "'/^#/d'"],
    [
      "sed setting no",
      `cp ${SSHD} /tmp/a; sed 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /tmp/a > ${SSHD}`,
      "'s/^#\\?PasswordAuthentication.*/PasswordAuthentication no/'",
    ],
  ])("%s: judged as the same edit in place", (_name, text, script) => {
    expect(verdicts(text)).toEqual(verdicts(`sed -i ${script} ${SSHD}`));
  });

  it.each<[string, string, string[]]>([
    ["sed deleting the hardened line", `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`, [PW]],
    ["grep -v of the Include", `cp ${SSHD} /tmp/a; grep -v '^Include' /tmp/a > ${SSHD}`, [PW, ROOT]],
    ["awk in the kit's drop-in", `cp ${KIT} /tmp/k; awk '!/PermitRootLogin/' /tmp/k > ${KIT}`, [ROOT]],
    ["mv away, then sed", `mv ${SSHD} /tmp/a && sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`, [PW]],
    [
      "an edited copy filtered back",
      `cp ${SSHD} /tmp/a\nsed -i '/^Banner/d' /tmp/a\nsed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`,
      [PW],
    ],
    ["a pattern the script does not set", `cp ${SSHD} /tmp/a; sed "/$PAT/d" /tmp/a > ${SSHD}`, [`${PW}?`]],
    [
      "grep -v -f of a file the script does not write",
      `cp ${SSHD} /tmp/a; grep -v -f /opt/p /tmp/a > ${SSHD}`,
      [`${PW}?`],
    ],
    // Added after the file, the filtered copy takes nothing away.
    ["appended back", `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a >> ${SSHD}`, []],
    [
      "the hardened line written back after",
      `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}; echo 'PasswordAuthentication no' >> ${SSHD}`,
      [],
    ],
    ["written elsewhere", `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a > /tmp/b`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("a filter of sshd's configuration into another file", () => {
  const GREP = `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/x`;

  it.each<[string, string]>([
    ["left alone", GREP],
    ["only read", `${GREP}; cat /tmp/x`],
    ["counted", `${GREP}\ngrep -c . /tmp/x`],
    ["deleted", `${GREP}; rm -f /tmp/x`],
    ["kept as an audit copy", `${GREP}; cp /tmp/x /root/sshd_config.audit`],
    ["overwritten before it is copied on", `${GREP}; echo hi > /tmp/x; mv /tmp/x /etc/issue`],
    ["sed", `sed ${DELETE_PASSWORD} ${SSHD} > /tmp/x`],
    ["awk", `awk '!/^PasswordAuthentication/' ${SSHD} > /tmp/x`],
    ["the kit's drop-in", `grep -v '^PermitRootLogin' ${KIT} > /tmp/k`],
    ["a pattern the script does not set", `grep -v "$PAT" ${SSHD} > /tmp/x`],
    ["on its own line, never put back", `${GREP}\nsystemctl reload sshd`],
  ])("%s, never put back: weakens nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["mv", `${GREP}; mv /tmp/x ${SSHD}`, [PW]],
    ["cp, on a later line", `${GREP}\nsshd -t -f /tmp/x\ncp /tmp/x ${SSHD}`, [PW]],
    ["install -m 600", `${GREP} && install -m 600 /tmp/x ${SSHD}`, [PW]],
    ["cat >", `${GREP}; cat /tmp/x > ${SSHD}`, [PW]],
    ["cat | tee", `${GREP}; cat /tmp/x | sudo tee ${SSHD} > /dev/null`, [PW]],
    ["cat | sponge", `${GREP}; cat /tmp/x | sponge ${SSHD}`, [PW]],
    ["dd", `${GREP}; dd if=/tmp/x of=${SSHD}`, [PW]],
    ["rsync -a", `${GREP} && rsync -a /tmp/x ${SSHD}`, [PW]],
    ["cp -a, once sshd accepts it", `${GREP}\nif sshd -t -f /tmp/x; then\n  cp -a /tmp/x ${SSHD}\nfi`, [PW]],
    ["dd appending", `${GREP}; dd if=/tmp/x of=${SSHD} oflag=append conv=notrunc`, []],
    ["dd both ways", `dd if=${SSHD} of=/tmp/d; sed -i ${DELETE_PASSWORD} /tmp/d; dd if=/tmp/d of=${SSHD}`, [PW]],
    ["a chain of copies", `${GREP}; cp /tmp/x /tmp/y; mv /tmp/y /tmp/z; install -m 600 /tmp/z ${SSHD}`, [PW]],
    [
      "a name the reader cannot expand, moved back by a glob",
      `${GREP.replace("/tmp/x", "/tmp/s.$$")}; mv /tmp/s.* ${SSHD}`,
      [PW],
    ],
    ["sed, moved back", `sed ${DELETE_PASSWORD} ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}`, [PW]],
    ["the kit's drop-in, moved back", `grep -v '^PermitRootLogin' ${KIT} > /tmp/k; mv /tmp/k ${KIT}`, [ROOT]],
    ["a pattern the script does not set, moved back", `grep -v "$PAT" ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}`, [`${PW}?`]],
    ["a banner, moved back", `grep -v '^Banner' ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}`, []],
    ["appended back", `${GREP}; cat /tmp/x >> ${SSHD}`, []],
    ["put back, then hardened again", `${GREP}; mv /tmp/x ${SSHD}; echo 'PasswordAuthentication no' >> ${SSHD}`, []],
    [
      "hardened, then put back over it",
      `${GREP}; echo 'PasswordAuthentication no' >> ${SSHD}; mv /tmp/x ${SSHD}`,
      [PW],
    ],
  ])("put back by %s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  // What uncommenting a commented default writes counts wherever it goes, as it always has (userdata-editor-pipelines).
  it("still reads uncommenting into another file", () => {
    expect(verdicts(`sed 's/^#PasswordAuthentication/PasswordAuthentication/' ${SSHD} > /tmp/x`)).toEqual([PW]);
  });

  it("quotes the filter's line, not the put-back's", () => {
    const [finding] = findLoginWeaknesses(`${GREP}\nmv /tmp/x ${SSHD}`);
    expect(finding.line).toBe(GREP);
  });

  // Past the bound on copies followed, the filter is read where it runs, as before: a finding, never a silent pass.
  it("reads the filter where it runs once no more copies can be followed", () => {
    const copies = Array.from({ length: 16 }, (_v, i) => `cp ${SSHD} /tmp/c${i}`).join("\n");
    expect(verdicts(`${copies}\n${GREP}\nmv /tmp/x ${SSHD}`)).toEqual([PW]);
  });
});

describe("&>> appends as >> does, &> replaces as > does", () => {
  it.each<[string, string, string[]]>([
    ["grep -v of the hardened line added after the file", `grep -v '^PasswordAuthentication' ${SSHD} @ ${SSHD}`, []],
    [
      "an edited copy added after the file",
      `cp ${SSHD} /tmp/a; sed -i ${DELETE_PASSWORD} /tmp/a; cat /tmp/a @ ${SSHD}`,
      [],
    ],
    ["sed deleting the Include, added after", `sed '/^Include/d' ${SSHD} @ ${SSHD}`, []],
    ["yes", `echo 'PasswordAuthentication yes' @ ${SSHD}`, [PW]],
    ["the commented default uncommented", `sed 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD} @ ${SSHD}`, [ROOT]],
    [
      "s/no/yes/ after a Match block",
      `echo 'Match User sftp' @ ${SSHD}\nsed 's/no/yes/' ${SSHD} @ ${SSHD}`,
      [PW, ROOT],
    ],
    ["a value the script does not set", `echo "PermitRootLogin $MODE" @ ${SSHD}`, [`${ROOT}?`]],
    [
      "the drop-in taken away, its lines written again",
      `rm -f ${KIT}\necho 'PasswordAuthentication no' @ ${SSHD}\necho 'PermitRootLogin no' @ ${SSHD}`,
      [],
    ],
    ["the drop-in taken away, one line written again", `rm -f ${KIT}\necho 'PermitRootLogin no' @ ${SSHD}`, [PW]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text.split("@").join("&>>"))).toEqual(expected);
    expect(verdicts(text.split("@").join(">>"))).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["the Include alone", `echo 'Include /etc/ssh/sshd_config.d/*.conf' @ ${SSHD}`, []],
    ["a port alone", `echo 'Port 2222' @ ${SSHD}`, [PW, ROOT]],
    ["the kit's drop-in emptied", `: @ ${KIT}`, [PW, ROOT]],
  ])("replacing: %s", (_name, text, expected) => {
    expect(verdicts(text.split("@").join("&>"))).toEqual(expected);
    expect(verdicts(text.split("@").join(">"))).toEqual(expected);
  });
});

describe("a deletion with its own address inside a block", () => {
  const IN_MATCH = (command: string) => `sed -i '/^Match/,\${${command}}' ${SSHD}`;

  it.each<[string, string, string[]]>([
    ["the hardened line, inside a range", IN_MATCH("/^PasswordAuthentication/d"), [`${PW}?`]],
    ["the hardened line, inside /re1/,/re2/", `sed -i '/^Match/,/^$/{/^PasswordAuthentication/d}' ${SSHD}`, [`${PW}?`]],
    ["the Include, inside a range", IN_MATCH("/^Include/d"), [`${PW}?`, `${ROOT}?`]],
    ["root login in the kit's drop-in", `sed -i '/^#/,/^$/{/PermitRootLogin/d}' ${KIT}`, [`${ROOT}?`]],
    ["inside a regex block", `sed -i '/^Match/{/PasswordAuthentication/d}' ${SSHD}`, [`${PW}?`]],
    ["inside 0,/re/", `sed -i '0,/^Match/{/^PasswordAuthentication/d}' ${SSHD}`, [`${PW}?`]],
    ["in a block nested in a range", IN_MATCH("/^P/{/^PasswordAuthentication/d}"), [`${PW}?`]],
    ["a range inside a range", IN_MATCH("/^X/,/^Y/d"), [`${PW}?`, `${ROOT}?`]],
    [
      "c inside a range, writing a weak line",
      `sed -i '/^Match/,\${/^PasswordAuthentication/c\\\nPasswordAuthentication yes\n}' ${SSHD}`,
      [PW],
    ],
    [
      "through a copy moved back",
      `sed '/^Match/,\${/^PasswordAuthentication/d}' ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}`,
      [`${PW}?`],
    ],
  ])("%s: unverifiable", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["every line: 1,$", `sed -i '1,\${/^PasswordAuthentication/d}' ${SSHD}`, [PW]],
    ["every line: $!", `sed -i '$!{/^PasswordAuthentication/d}' ${SSHD}`, [PW]],
    ["a plain block", `sed -i '{/^PasswordAuthentication/d}' ${SSHD}`, [PW]],
    ["a sure deletion after the block", `sed -i '/^Match/,\${/^X/d};/^PasswordAuthentication/d' ${SSHD}`, [PW]],
    [
      "sure and maybe, the same line",
      `sed -i '/^Match/,\${/^Include/d};/^PasswordAuthentication/d' ${SSHD}`,
      [PW, `${ROOT}?`],
    ],
    // `s` inside a block keeps its own address: what it writes weak is read as before.
    ["s/no/yes/ inside a range", IN_MATCH("/^PasswordAuthentication/s/no/yes/"), [PW]],
  ])("%s: a violation", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a banner inside a range", IN_MATCH("/^Banner/d")],
    ["root login, which sshd_config does not ship", IN_MATCH("/^PermitRootLogin/d")],
    ["a block over one numbered line", `sed -i '5{/^PasswordAuthentication/d}' ${SSHD}`],
    ["a block over the last line", `sed -i '\${/^PasswordAuthentication/d}' ${SSHD}`],
    ["a block over no line", `sed -i '1,$!{/^PasswordAuthentication/d}' ${SSHD}`],
    [
      "the hardened line written back after",
      `${IN_MATCH("/^PasswordAuthentication/d")}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    ["added after the file", `sed '/^Match/,\${/^PasswordAuthentication/d}' ${SSHD} >> ${SSHD}`],
    ["a copy never put back", `sed '/^Match/,\${/^PasswordAuthentication/d}' ${SSHD} > /tmp/x`],
    ["another file", `sed -i '/^Match/,\${/^PasswordAuthentication/d}' /etc/motd`],
  ])("%s: nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("reads the inner deletion as within the block, and a block's own deletion as before", () => {
    const edits = (script: string) => sedScript(script, "basic").edits.map((e) => [e.address, e.within === true]);
    expect(edits("/^Match/,${/^PasswordAuthentication/d}")).toEqual([["^PasswordAuthentication", true]]);
    expect(edits("{/^PasswordAuthentication/d}")).toEqual([["^PasswordAuthentication", false]]);
    expect(edits("/^Match/,/^$/{d}")).toEqual([["^Match", false]]);
    expect(edits("5{/^PasswordAuthentication/d}")).toEqual([]);
  });

  it("notes what may be deleted", () => {
    const [finding] = findLoginWeaknesses(IN_MATCH("/^PasswordAuthentication/d"));
    expect(finding.unverifiable).toBe(true);
    expect(finding.note).toContain('the hardened "PasswordAuthentication no" may be among them');
  });
});

describe("carried in encoded or structured user data, and through the policy", () => {
  const weak = `cp ${SSHD} /tmp/a; sed ${DELETE_PASSWORD} /tmp/a > ${SSHD}`;
  const safe = `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/x; rm -f /tmp/x`;
  const unknown = `sed -i '/^Match/,\${/^PasswordAuthentication/d}' ${SSHD}`;

  it("base64 user data, and a cloud-config runcmd", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${weak}\n`)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${safe}\n`)))).toEqual([]);
    expect(verdicts(runcmdConfig(weak))).toEqual([PW]);
    expect(verdicts(runcmdConfig(safe))).toEqual([]);
    expect(verdicts(runcmdConfig(unknown))).toEqual([`${PW}?`]);
  });

  it("fails the weakening, notes the unverifiable, passes the rest", async () => {
    const failed = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: weak });
    expect(failed.map((d) => d.level)).toEqual(["mandatory"]);
    expect(failed[0].message).toContain("enables SSH password authentication");
    const noted = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: unknown });
    expect(noted.map((d) => d.level)).toEqual(["advisory"]);
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: safe })).toEqual([]);
  });
});

describe("hostile input", () => {
  it("many filtered copies, globs and nested blocks keep their verdicts", () => {
    const filters = Array.from({ length: 5_000 }, (_v, i) => `grep -v '^X${i}' ${SSHD} > /tmp/s${i}`).join("\n");
    // Past the bound on copies followed, the glob may move in one the reader dropped: left unread.
    expect(verdicts(`${filters}\nmv /tmp/s* ${SSHD}`)).toEqual(["unread-content"]);
    const long = Array.from({ length: 16 }, (_v, i) => `cp ${SSHD} /tmp/${"a".repeat(2_000)}${i}`).join("\n");
    const globs = Array.from({ length: 5_000 }, () => `mv /tmp/${"*a".repeat(100)}b ${SSHD}`).join("\n");
    // The pattern names none of the copies the script wrote: what it moves in comes from outside the script.
    const moved = `/tmp/${"*a".repeat(100)}b`;
    expect(fromOutside(`${long}\n${globs}`, moved)).toEqual(sshdNotesFrom(moved));
    const nested = `${"/^Match/,/^$/{".repeat(20_000)}/^X/d${"}".repeat(20_000)}`;
    expect(verdicts(`sed -i '${nested}' ${SSHD}`)).toEqual([]);
  });
});
