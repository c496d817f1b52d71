// A copy of sshd's configuration edited in place and put back over it is an edit of the file: `cp sshd_config
// /tmp/x; sed -i '/^PasswordAuthentication/d' /tmp/x; cp /tmp/x sshd_config` deletes the hardened line as `sed -i`
// on sshd_config does. A copy edited and never put back, or put back without a harmful edit, changes nothing.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { run } from "../policies/harness";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const DELETE_PASSWORD = "sed -i '/^PasswordAuthentication/d' /tmp/x";
const DELETE_COMMENTS = "sed -i '/^#/d' /tmp/x";

/** Ways to copy sshd_config out, and back: each with the edit between them. */
const ROUND_TRIPS: [string, (edit: string) => string][] = [
  ["cp and cp, on one line", (edit) => `cp ${SSHD} /tmp/x; ${edit}; cp /tmp/x ${SSHD}`],
  ["cp and mv", (edit) => `cp ${SSHD} /tmp/x\n${edit}\nmv /tmp/x ${SSHD}`],
  ["cp -p and install -m 600", (edit) => `cp -p ${SSHD} /tmp/x\n${edit}\ninstall -m 600 /tmp/x ${SSHD}`],
  ["cp and cat >", (edit) => `cp ${SSHD} /tmp/x\n${edit}\ncat /tmp/x > ${SSHD}`],
  ["cat > and cat | tee", (edit) => `cat ${SSHD} > /tmp/x\n${edit}\ncat /tmp/x | tee ${SSHD} > /dev/null`],
  ["mv and mv", (edit) => `mv ${SSHD} /tmp/x && ${edit} && mv /tmp/x ${SSHD}`],
  ["install -m and rsync", (edit) => `install -m 600 ${SSHD} /tmp/x\n${edit}\nrsync /tmp/x ${SSHD}`],
];

describe("a copy of sshd_config edited and put back", () => {
  it.each(ROUND_TRIPS)("%s: deleting the hardened line is a violation", (_name, trip) => {
    expect(verdicts(trip(DELETE_PASSWORD))).toEqual([PW]);
  });

  it.each(ROUND_TRIPS)("%s: deleting comments is safe", (_name, trip) => {
    expect(verdicts(trip(DELETE_COMMENTS))).toEqual([]);
  });

  it("quotes the edit of the copy", () => {
    const [finding] = findLoginWeaknesses(ROUND_TRIPS[1][1](DELETE_PASSWORD));
    expect(finding.line).toBe(DELETE_PASSWORD);
  });

  it.each<[string, string, string[]]>([
    ["the Include deleted", `cp ${SSHD} /tmp/x\nsed -i '/^Include/d' /tmp/x\ncp /tmp/x ${SSHD}`, [PW, "root-login"]],
    [
      "perl -ni printing all but the hardened line",
      `cp ${SSHD} /tmp/x\nperl -ni -e 'print unless /^PasswordAuthentication/' /tmp/x\ncp /tmp/x ${SSHD}`,
      [PW],
    ],
    ["the kit's drop-in", `cp ${KIT} /tmp/k\nsed -i '/Password/d' /tmp/k\ncp /tmp/k ${KIT}`, [PW]],
    ["a pattern the script does not set", `cp ${SSHD} /tmp/x\nsed -i "/$PAT/d" /tmp/x\ncp /tmp/x ${SSHD}`, [`${PW}?`]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["never put back", `cp ${SSHD} /tmp/x\n${DELETE_PASSWORD}\ngrep -c . /tmp/x`],
    ["put back elsewhere", `cp ${SSHD} /tmp/x\n${DELETE_PASSWORD}\ncp /tmp/x /root/sshd_config.audit`],
    [
      "overwritten before it is put back",
      `cp ${SSHD} /tmp/x\n${DELETE_PASSWORD}\ncp /etc/motd /tmp/x\ncp /tmp/x /etc/issue`,
    ],
    ["a copy of another file", `cp /etc/motd /tmp/x\n${DELETE_PASSWORD}\ncp /tmp/x /etc/motd`],
    ["an unknown pattern, never put back", `cp ${SSHD} /tmp/x\nsed -i "/$PAT/d" /tmp/x`],
    [
      "the hardened line written back after",
      `cp ${SSHD} /tmp/x\n${DELETE_PASSWORD}\ncp /tmp/x ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
  ])("%s: safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("carried in encoded or structured user data", () => {
  const [, trip] = ROUND_TRIPS[1];

  it("base64 user data", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${trip(DELETE_PASSWORD)}\n`)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${trip(DELETE_COMMENTS)}\n`)))).toEqual([]);
  });

  it("a cloud-config runcmd string", () => {
    expect(verdicts(runcmdConfig(ROUND_TRIPS[0][1](DELETE_PASSWORD)))).toEqual([PW]);
    expect(verdicts(runcmdConfig(ROUND_TRIPS[0][1](DELETE_COMMENTS)))).toEqual([]);
  });
});

describe("through disallow-userdata-login-weakening", () => {
  it("fails the hardened line deleted from a copy put back, and passes comments deleted", async () => {
    const [, trip] = ROUND_TRIPS[2];
    const weak = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: trip(DELETE_PASSWORD) });
    expect(weak.map((d) => d.level)).toEqual(["mandatory"]);
    expect(weak[0].message).toContain("enables SSH password authentication");
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: trip(DELETE_COMMENTS) })).toEqual([]);
  });
});
