// A pipeline from sshd's configuration (or a copy) back onto it deletes what any of its stages deletes: `sed '/^#/d'
// sshd_config | grep -v '^PasswordAuthentication' > /tmp/s && mv /tmp/s sshd_config` takes the hardened line away
// in its second stage. Standard input copied over sshd_config (`printf … | install -m 600 /dev/stdin sshd_config`,
// `<<< "…"`) replaces the file with that text, judged as a here-document's.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData } from "../../lib/userdata";
import { run } from "../policies/harness";
import { b64, INSTANCE, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";

/** Pipelines that send sshd_config (or a copy) through filters and back, each with the filter of the stage last. */
const PIPELINES: [string, (filter: string) => string][] = [
  [
    "two greps of a copy, copied back",
    (f) => `cp ${SSHD} /tmp/a; grep -v '^#' /tmp/a | ${f} > /tmp/b; cp /tmp/b ${SSHD}`,
  ],
  ["grep of sshd_config, then moved back", (f) => `grep -v '^#' ${SSHD} | ${f} > /tmp/s && mv /tmp/s ${SSHD}`],
  ["cat | filter | tee, copied back", (f) => `cat ${SSHD} | ${f} | tee /tmp/s; cp /tmp/s ${SSHD}`],
  ["four stages", (f) => `cat ${SSHD} | sed '/^$/d' | ${f} | cat > /tmp/s\ninstall -m 600 /tmp/s ${SSHD}`],
  ["a copy of a pipeline's output", (f) => `grep -v '^#' ${SSHD} | ${f} > /tmp/a; cp /tmp/a /tmp/b; mv /tmp/b ${SSHD}`],
];

/** Later stages: what each deletes of the hardened lines. */
const FILTERS: [string, string, string[]][] = [
  ["grep -v of the hardened line", "grep -v '^PasswordAuthentication'", [PW]],
  ["awk printing all but it", "awk '!/^PasswordAuthentication/'", [PW]],
  ["sed deleting it", "sed '/^PasswordAuthentication/d'", [PW]],
  ["grep -v of the Include", "grep -v '^Include'", [PW, ROOT]],
  ["grep -v of a banner", "grep -v '^Banner'", []],
  ["awk printing all but blank lines", "awk 'NF'", []],
  ["sed deleting comments", "sed '/^[[:space:]]*#/d'", []],
];

describe("a pipeline's later stages", () => {
  describe.each(PIPELINES)("%s", (_name, pipeline) => {
    it.each(FILTERS)("%s", (_filter, filter, expected) => {
      expect(verdicts(pipeline(filter))).toEqual(expected);
    });
  });

  it.each<[string, string, string[]]>([
    ["sed, then grep", `sed '/^#/d' ${SSHD} | grep -v '^PasswordAuthentication' > /tmp/s && mv /tmp/s ${SSHD}`, [PW]],
    ["sed, then a harmless grep", `sed '/^#/d' ${SSHD} | grep -v '^Banner' > /tmp/s && mv /tmp/s ${SSHD}`, []],
    ["a stage the reader cannot tell", `cat ${SSHD} | python3 /opt/filter.py > /tmp/s; cp /tmp/s ${SSHD}`, [`${PW}?`]],
    [
      "a known stage before an unknown one",
      `grep -v '^#' ${SSHD} | ./strip | tee /tmp/s >/dev/null; mv /tmp/s ${SSHD}`,
      [`${PW}?`],
    ],
    [
      "a pattern the script does not set",
      `grep -v '^#' ${SSHD} | grep -v "$PAT" > /tmp/s && mv /tmp/s ${SSHD}`,
      [`${PW}?`],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["never put back", `sed '/^#/d' ${SSHD} | grep -v '^PasswordAuthentication' > /tmp/s`],
    ["printed to the log", `grep -v '^#' ${SSHD} | grep -v '^PasswordAuthentication'`],
    ["put back elsewhere", `cat ${SSHD} | awk '!/^PasswordAuthentication/' > /tmp/s; cp /tmp/s /root/sshd.audit`],
    ["a pipeline from another file", `cat /etc/motd | grep -v '^PasswordAuthentication' > /tmp/s; cp /tmp/s /etc/motd`],
    ["an unknown stage, never put back", `cat ${SSHD} | python3 /opt/filter.py > /tmp/s`],
  ])("%s: weakens nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("standard input copied over sshd_config", () => {
  it.each<[string, string, string[]]>([
    [
      "printf of a weakening line, installed",
      `printf 'PasswordAuthentication yes\\n' | install -m 600 /dev/stdin ${SSHD}`,
      [PW, ROOT],
    ],
    ["printf of a port only, installed", `printf 'Port 2222\\n' | install -m 600 /dev/stdin ${SSHD}`, [PW, ROOT]],
    ["echo of one hardened line, copied", `echo 'PasswordAuthentication no' | cp /dev/stdin ${SSHD}`, [ROOT]],
    ["a here-string of one hardened line", `install -m 600 /dev/stdin ${SSHD} <<< "PasswordAuthentication no"`, [ROOT]],
    ["a here-string of unknown text", `install -m 600 /dev/stdin ${SSHD} <<< "$CONF"`, [PW, ROOT]],
    ["echo of one hardened line, through tee", `echo "PasswordAuthentication no" | sudo tee ${SSHD}`, [ROOT]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "printf of the hardened text, installed",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | install -m 600 /dev/stdin ${SSHD}`,
    ],
    [
      "printf of the hardened text, copied",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | cp /dev/stdin ${SSHD}`,
    ],
    [
      "a here-string of the hardened text",
      `install -m 600 /dev/stdin ${SSHD} <<< $'PasswordAuthentication no\\nPermitRootLogin no'`,
    ],
    [
      "a here-string of a variable holding it",
      `CONF=$'PasswordAuthentication no\\nPermitRootLogin no'\ninstall -m 600 /dev/stdin ${SSHD} <<< "$CONF"`,
    ],
    ["the hardened text through tee", `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | sudo tee ${SSHD}`],
    ["the Include kept", `printf 'Include /etc/ssh/sshd_config.d/*.conf\\n' | install -m 600 /dev/stdin ${SSHD}`],
  ])("%s: weakens nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it('an echo of a variable the script does not set is not guessed, as `echo "$TEXT" > sshd_config` is not', () => {
    expect(verdicts(`echo "$TEXT" | sudo tee ${SSHD}`)).toEqual(verdicts(`echo "$TEXT" > ${SSHD}`));
  });
});

describe("other deliveries", () => {
  const weak = `sed '/^#/d' ${SSHD} | grep -v '^PasswordAuthentication' > /tmp/s && mv /tmp/s ${SSHD}`;
  const safe = `sed '/^#/d' ${SSHD} | grep -v '^Banner' > /tmp/s && mv /tmp/s ${SSHD}`;

  it("base64 user data, and a cloud-config runcmd", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${weak}\n`)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${safe}\n`)))).toEqual([]);
    expect(verdicts(runcmdConfig(weak))).toEqual([PW]);
    expect(verdicts(runcmdConfig(safe))).toEqual([]);
  });

  it("through disallow-userdata-login-weakening", async () => {
    const found = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: weak });
    expect(found.map((d) => d.level)).toEqual(["mandatory"]);
    expect(found[0].message).toContain("enables SSH password authentication");
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: safe })).toEqual([]);
    const piped = `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | install -m 600 /dev/stdin ${SSHD}`;
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: piped })).toEqual([]);
  });
});

describe("hostile input", () => {
  it("a 20,000-stage pipeline: known stages delete no hardened line, unknown ones leave it unverifiable", () => {
    const stages = Array.from({ length: 20_000 }, (_v, i) => `grep -v '^X${i}'`).join(" | ");
    // Past the bound on a copy's edits, those not kept are left unread.
    expect(verdicts(`cat ${SSHD} | ${stages} > /tmp/s; mv /tmp/s ${SSHD}`)).toEqual(["unread-content"]);
    const unknown = Array.from({ length: 20_000 }, (_v, i) => `f${i}`).join(" | ");
    expect(verdicts(`cat ${SSHD} | ${unknown} | tee /tmp/s; mv /tmp/s ${SSHD}`)).toEqual([`${PW}?`]);
  });
});
