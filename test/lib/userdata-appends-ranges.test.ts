// Two readings of sed-style edits of sshd_config. A filtered copy added after the file (`>>`, `tee -a`, `sponge -a`,
// `dd oflag=append conv=notrunc`) takes nothing away: every original line stays, and sshd keeps the first value of a
// directive, so a line of the copy counts only where nothing before it sets its directive. A copy of the file itself
// follows each of its lines: a hardened `PasswordAuthentication no` turned yes in the copy is ignored, a commented
// default uncommented in it is not, and neither is anything once the script has opened a Match block (the copy lands
// inside it, and a Match block's values override the global ones). Deletions over a range: `1,$d` and `$!d` take
// every line, a range from a regex takes the lines it matches and others the reader cannot place (unverifiable, as
// are ranges of line numbers, `0,/re/`, `first~step` and ranges negated), and a range of one line takes none of the
// stock lines, as `5d` does.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { run } from "../policies/harness";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";

describe("a filtered copy of sshd's configuration added after it", () => {
  it.each<[string, string]>([
    ["grep -v of the hardened line, sponge -a", `grep -v '^PasswordAuthentication' ${SSHD} | sponge -a ${SSHD}`],
    ["grep -v of the hardened line, tee -a", `grep -v '^PasswordAuthentication' ${SSHD} | tee -a ${SSHD}`],
    ["grep -v, sudo tee -a to /dev/null", `grep -v '^PasswordAuthentication' ${SSHD} | sudo tee -a ${SSHD} >/dev/null`],
    ["sed deleting root login, >>", `sed '/^PermitRootLogin/d' ${SSHD} >> ${SSHD}`],
    ["sed deleting the hardened line, >>", `sed '/^PasswordAuthentication/d' ${SSHD} >> ${SSHD}`],
    ["awk dropping the hardened line, >>", `awk '!/^PasswordAuthentication/' ${SSHD} >> ${SSHD}`],
    ["sed deleting the Include, >>", `sed '/^Include/d' ${SSHD} >> ${SSHD}`],
    ["sed deleting every line, >>", `sed '1,$d' ${SSHD} >> ${SSHD}`],
    ["grep -v of root login in the kit's drop-in, sponge -a", `grep -v '^PermitRootLogin' ${KIT} | sponge -a ${KIT}`],
    ["the kit's drop-in without root login, >> sshd_config", `grep -v '^PermitRootLogin' ${KIT} >> ${SSHD}`],
    ["a later stage deleting, tee -a", `sed '/^Banner/d' ${SSHD} | grep -v '^PasswordAuthentication' | tee -a ${SSHD}`],
    ["a later stage deleting, >>", `sed '/^Banner/d' ${SSHD} | grep -v '^PasswordAuthentication' >> ${SSHD}`],
    [
      "dd appending without truncating",
      `grep -v '^PasswordAuthentication' ${SSHD} | dd of=${SSHD} oflag=append conv=notrunc`,
    ],
    ["an edited copy, cat >>", `cp ${SSHD} /tmp/a; sed -i '/^PasswordAuthentication/d' /tmp/a; cat /tmp/a >> ${SSHD}`],
    // Each hardened line of the copy that turns yes follows its original `… no`, which sshd reads first.
    ["s/no/yes/ over a copy of the file itself", `sed 's/no/yes/' ${SSHD} >> ${SSHD}`],
    ["a pattern the script does not set, deleting", `sed "/$PAT/d" ${SSHD} >> ${SSHD}`],
    ["grep -v of a pattern the script does not set", `grep -v "$PAT" ${SSHD} | sponge -a ${SSHD}`],
    ["grep -v -f of a file the script does not write", `grep -v -f /opt/p ${SSHD} | tee -a ${SSHD}`],
    ["a copy's grep -v -f", `cp ${SSHD} /tmp/s; grep -v -f /opt/p /tmp/s | sponge -a ${SSHD}`],
  ])("%s takes nothing away", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      "the commented default uncommented, >>",
      `sed 's/^#PasswordAuthentication/PasswordAuthentication/' ${SSHD} >> ${SSHD}`,
      [PW],
    ],
    [
      "the commented default uncommented, cat | sed | sponge -a",
      `cat ${SSHD} | sed 's/^#PasswordAuthentication/PasswordAuthentication/' | sponge -a ${SSHD}`,
      [PW],
    ],
    [
      "the commented default uncommented, tee -a",
      `sed 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD} | sudo tee -a ${SSHD} >/dev/null`,
      [ROOT],
    ],
    [
      "yes written by s, sponge -a",
      `sed 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' ${SSHD} | sponge -a ${SSHD}`,
      [ROOT],
    ],
    // Text sed writes is judged as text added, as `echo 'PasswordAuthentication yes' >> sshd_config` is: which lines
    // the pattern matches (and whether one before it sets the directive) is not read for what sed writes.
    [
      "yes written in place of the hardened no, >>",
      `sed 's/^PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD} >> ${SSHD}`,
      [PW],
    ],
    ["a line appended by sed's a, >>", `sed '$a PasswordAuthentication yes' ${SSHD} >> ${SSHD}`, [PW]],
    // Another file's lines have no original before them in sshd_config.
    ["the kit's drop-in turned weak, >> sshd_config", `sed 's/no/yes/' ${KIT} >> ${SSHD}`, [PW, ROOT]],
    [
      "s/no/yes/ after a Match block",
      `echo 'Match User sftp' >> ${SSHD}\nsed 's/no/yes/' ${SSHD} >> ${SSHD}`,
      [PW, ROOT],
    ],
    ["s/no/yes/ after Match all", `echo 'Match all' >> ${SSHD}\nsed 's/no/yes/' ${SSHD} >> ${SSHD}`, [PW, ROOT]],
    [
      "s/no/yes/ after a Match block a here-document wrote",
      `cat >> ${SSHD} <<'EOF'\nMatch User sftp\n  ForceCommand internal-sftp\nEOF\nsed 's/no/yes/' ${SSHD} | tee -a ${SSHD}`,
      [PW, ROOT],
    ],
  ])("%s weakens login", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["a rewrite the script does not set", `sed "s/$FROM/$TO/" ${SSHD} >> ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    [
      "a value the script does not set",
      `sed 's/^PasswordAuthentication.*/PasswordAuthentication $MODE/' ${SSHD} | sponge -a ${SSHD}`,
      [`${PW}?`],
    ],
  ])("%s cannot be verified", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  // Replacing the file, not adding to it: the copy's deletions are the file's.
  it.each<[string, string, string[]]>([
    ["sponge without -a", `grep -v '^PasswordAuthentication' ${SSHD} | sponge ${SSHD}`, [PW]],
    ["tee without -a", `sed '/^Include/d' ${SSHD} | sudo tee ${SSHD} >/dev/null`, [PW, ROOT]],
    ["dd truncating", `grep -v '^PasswordAuthentication' ${SSHD} | dd of=${SSHD} oflag=append`, [PW]],
    ["> then mv", `sed '/^PasswordAuthentication/d' ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}`, [PW]],
    [
      "an edited copy, cp back",
      `cp ${SSHD} /tmp/a; sed -i '/^PasswordAuthentication/d' /tmp/a; cp /tmp/a ${SSHD}`,
      [PW],
    ],
    [
      "added, then the file replaced",
      `sed '/^PasswordAuthentication/d' ${SSHD} | tee -a ${SSHD} | sponge ${SSHD}`,
      [PW],
    ],
  ])("%s still takes lines away", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("a filter's unknown stage adds text from outside the script, read as a program's output is", () => {
    const stage = `sed '/^#/d' ${SSHD} | python3 /opt/filter.py | sponge -a ${SSHD}`;
    expect(verdicts(stage)).toEqual(verdicts(`python3 /opt/generate.py >> ${SSHD}`));
    // What it adds cannot be verified: a note for each directive, never a violation.
    expect(fromOutside(stage, "the output of python3")).toEqual(sshdNotesFrom("the output of python3"));
    expect(verdicts(`sed '/^#/d' ${SSHD} | python3 /opt/filter.py | sponge ${SSHD}`)).toEqual([`${PW}?`]);
  });

  it("an Include the copy holds again is read again", () => {
    const commented = `sed -i '/^Include/s/^/#/' ${SSHD}`;
    expect(verdicts(commented)).toEqual([PW, ROOT]);
    expect(verdicts(`${commented}\nsed 's/^#Include/Include/' ${SSHD} >> ${SSHD}`)).toEqual([]);
    expect(verdicts(`${commented}\nsed 's/^#Include/#Include/' ${SSHD} >> ${SSHD}`)).toEqual([PW, ROOT]);
  });
});

describe("sed deleting over a range", () => {
  it.each<[string, string, string[]]>([
    ["1,$d", `sed -i '1,$d' ${SSHD}`, [PW, ROOT]],
    ["1,$ d", `sed -i '1,$ d' ${SSHD}`, [PW, ROOT]],
    ["1,$d then $a of yes", `sed -i -e '1,$d' -e '$a PasswordAuthentication yes' ${SSHD}`, [PW, ROOT]],
    ["1,$d of the kit's drop-in", `sed -i '1,$d' ${KIT}`, [PW, ROOT]],
    ["$!d", `sed -i '$!d' ${SSHD}`, [PW, ROOT]],
    ["1,$c of another directive", `sed -i '1,$c\\Port 22' ${SSHD}`, [PW, ROOT]],
    ["1,$d into sponge", `sed '1,$d' ${SSHD} | sponge ${SSHD}`, [PW, ROOT]],
    ["from the hardened line to a blank line", `sed -i '/^PasswordAuthentication/,/^$/d' ${SSHD}`, [PW]],
    ["from the Include, two more lines", `sed -i '/^Include/,+2d' ${SSHD}`, [PW, ROOT]],
    ["root login alone, +0", `sed -i '/^PermitRootLogin/,+0d' ${KIT}`, [ROOT]],
    ["ex's 1,$d", `ex -sc '1,$d|x' ${SSHD}`, [PW, ROOT]],
  ])("%s takes hardened lines away", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["from a Match line to the end", `sed -i '/^Match/,$d' ${SSHD}`, [`${PW}?`]],
    ["from a comment to a blank line, in the kit's drop-in", `sed -i '/^#/,/^$/d' ${KIT}`, [`${PW}?`, `${ROOT}?`]],
    ["a block over a range", `sed -i '/^#/,/^$/{d}' ${SSHD}`, [`${PW}?`]],
    ["line numbers", `sed -i '5,10d' ${SSHD}`, [`${PW}?`]],
    ["0,/re/", `sed -i '0,/^Port/d' ${SSHD}`, [`${PW}?`]],
    ["first~step", `sed -i '0~2d' ${SSHD}`, [`${PW}?`]],
    ["to the next multiple", `sed -i '/^Port/,~4d' ${SSHD}`, [`${PW}?`]],
    ["a range negated", `sed -i '/^Match/,$!d' ${SSHD}`, [`${PW}?`]],
    ["ex's range", `ex -sc '/^Match/,$d|x' ${SSHD}`, [`${PW}?`]],
    ["ex's count after a hardened line", `ex -sc ':/^PasswordAuthentication/d 2|x' ${KIT}`, [PW, `${ROOT}?`]],
    [
      "a later stage, moved back",
      `sed '/^Banner/d' ${SSHD} | sed '/^Match/,$d' > /tmp/x; mv /tmp/x ${SSHD}`,
      [`${PW}?`],
    ],
  ])("%s cannot be placed", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["1,$!d", `sed -i '1,$!d' ${SSHD}`],
    ["a range ending before it starts", `sed -i '10,5d' ${SSHD}`],
    ["from the last line", `sed -i '$,/^Port/d' ${SSHD}`],
    ["a banner alone, +0", `sed -i '/^Banner/,+0d' ${SSHD}`],
    ["a file sshd does not read", `sed -i '/^Match/,$d' /etc/motd`],
    ["a drop-in that ships no hardened line", `sed -i '/^#/,/^$/d' /etc/ssh/sshd_config.d/50-cloud-init.conf`],
    [
      "the hardened line written back after",
      `sed -i '/^Match/,$d' ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    [
      "a marked block deleted, then written back",
      `sed -i '/^# BEGIN kit/,/^# END kit/d' ${SSHD}\ncat >> ${SSHD} <<'EOF'\n# BEGIN kit\nPasswordAuthentication no\n# END kit\nEOF`,
    ],
    [
      "a range replaced by the hardened line",
      `sed -i '/^PasswordAuthentication/,/^$/c\\PasswordAuthentication no' ${SSHD}`,
    ],
    [
      "every line replaced by the hardened ones",
      `sed -i '1,$c\\PasswordAuthentication no\\nPermitRootLogin no' ${SSHD}`,
    ],
  ])("%s takes nothing away", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  // The count's lines are noted only for kinds the same command did not surely take away.
  it("a count after a line it surely deletes adds no note of the same kind", () => {
    expect(verdicts(`ex -sc ':/^PasswordAuthentication/d 2|x' ${SSHD}`)).toEqual([PW]);
    expect(verdicts(`sed -i '/^PasswordAuthentication/,+2d' ${SSHD}`)).toEqual([PW]);
  });

  it("a numbered range of one line reads as that line's deletion", () => {
    expect(verdicts(`sed -i '10,5d' ${SSHD}`)).toEqual(verdicts(`sed -i '10d' ${SSHD}`));
    expect(verdicts(`sed -i '${"9".repeat(400)},${"1".repeat(400)}d' ${SSHD}`)).toEqual([]);
    expect(verdicts(`sed -i '${"1".repeat(400)},${"9".repeat(400)}d' ${SSHD}`)).toEqual([`${PW}?`]);
  });

  it("notes what cannot be placed", () => {
    const [finding] = findLoginWeaknesses(`sed -i '/^Match/,$d' ${SSHD}`);
    expect(finding.note).toContain("cannot be placed");
    expect(finding.note).toContain('"PasswordAuthentication no"');
  });
});

describe("carried in encoded or structured user data, and through the policy", () => {
  const appended = `grep -v '^PasswordAuthentication' ${SSHD} | sponge -a ${SSHD}`;
  const emptied = `sed -i '1,$d' ${SSHD}`;
  const unplaced = `sed -i '/^Match/,$d' ${SSHD}`;

  it("base64 user data, and a cloud-config runcmd", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${appended}\n`)))).toEqual([]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${emptied}\n`)))).toEqual([PW, ROOT]);
    expect(verdicts(runcmdConfig(appended))).toEqual([]);
    expect(verdicts(runcmdConfig(emptied))).toEqual([PW, ROOT]);
    expect(verdicts(runcmdConfig(unplaced))).toEqual([`${PW}?`]);
  });

  it("passes the appended copy, fails the emptied file, notes the range", async () => {
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: appended })).toEqual([]);
    const failed = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: emptied });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d) => d.level === "mandatory")).toBe(true);
    const noted = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: unplaced });
    expect(noted.map((d) => d.level)).toEqual(["advisory"]);
  });
});

describe("hostile input", () => {
  it("many ranges, long addresses, long appending pipelines and many redirections keep their verdicts", () => {
    expect(verdicts(`sed -i '${"/^X/,/^Y/d;".repeat(20_000)}' ${SSHD}`)).toEqual([`${PW}?`, "unread-content"]);
    expect(verdicts(`sed -i '${"1".repeat(100_000)},${"2".repeat(100_000)}d' ${SSHD}`)).toEqual([`${PW}?`]);
    expect(verdicts(`sed -i '/${"\\/".repeat(50_000)}/,+0d' ${SSHD}`)).toEqual(["unread-content"]);
    const stages = Array.from({ length: 20_000 }, (_v, i) => `grep -v '^X${i}'`).join(" | ");
    expect(verdicts(`grep -v '^PasswordAuthentication' ${SSHD} | ${stages} | sponge -a ${SSHD}`)).toEqual([
      "unread-content",
    ]);
    expect(verdicts(`sed '/^PasswordAuthentication/d' ${SSHD} ${`>> ${SSHD} `.repeat(20_000)}`)).toEqual([]);
    expect(verdicts(`dd of=${SSHD} ${"oflag=append ".repeat(20_000)}conv=notrunc < /dev/null`)).toEqual([]);
  });

  // An in-place edit of files sshd does not read sets nothing; one of them being sshd's own makes it count.
  it("an in-place edit of 40,000 files keeps its verdict", () => {
    const files = Array.from({ length: 40_000 }, (_v, i) => `/opt/app/f${i}.conf`).join(" ");
    const enable = "sed -i 's/^#PasswordAuthentication.*/PasswordAuthentication yes/'";
    expect(verdicts(`${enable} ${files}`)).toEqual([]);
    expect(verdicts(`${enable} ${files} ${SSHD}`)).toEqual([PW]);
  });
});
