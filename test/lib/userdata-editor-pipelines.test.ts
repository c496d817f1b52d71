// Editors piped from sshd_config into a file that is put back over it: each stage's edits are the file's, judged on
// its stock lines when the result lands on it (mv, cp, install, `| sponge`, `| install /dev/stdin`, `| tee`), and not
// before: a pipeline whose result is never put back changes nothing sshd reads. moreutils' sponge writes what it
// reads as tee does (`-a` appends). ex and vi deletes at an address (`:/re/d|x`, `:%d`) are sed's. A grep whose
// patterns come from a file the script does not write stays unverifiable through a copy of sshd_config.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { exStreamEdit } from "../../lib/userdata-ex";
import { run } from "../policies/harness";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";
const KEYS = "root-authorized-keys";

/** The start of a pipeline that carries sshd_config (or a copy), harmless by itself. */
const SOURCES: [string, (stage: string) => string][] = [
  ["sed of the stock file into the stage", (stage) => `sed '/^Banner/d' ${SSHD} | ${stage}`],
  ["cat, sed, then the stage", (stage) => `cat ${SSHD} | sed '/^$/d' | ${stage}`],
  ["grep of a copy into the stage", (stage) => `cp ${SSHD} /tmp/c; grep -v '^#' /tmp/c | ${stage}`],
];

/** Ways the pipeline's result lands back on sshd_config. */
const PUT_BACKS: [string, (pipeline: string) => string][] = [
  ["> tmp; mv", (p) => `${p} > /tmp/x; mv /tmp/x ${SSHD}`],
  ["> tmp && cp", (p) => `${p} > tmp && cp tmp ${SSHD}`],
  ["> tmp; install -m600", (p) => `${p} > tmp\ninstall -m600 tmp ${SSHD}`],
  ["| sponge", (p) => `${p} | sponge ${SSHD}`],
  ["| install -m 600 /dev/stdin", (p) => `${p} | install -m 600 /dev/stdin ${SSHD}`],
  ["| sudo tee > /dev/null", (p) => `${p} | sudo tee ${SSHD} > /dev/null`],
];

/** Later stages, and what they leave weak once put back. */
const STAGES: [string, string, string[]][] = [
  ["sed deleting the hardened line", "sed '/^PasswordAuthentication/d'", [PW]],
  ["sed turning no into yes", "sed 's/no/yes/'", [PW, ROOT]],
  ["sed uncommenting the default", "sed 's/^#PasswordAuthentication/PasswordAuthentication/'", [PW]],
  ["grep -v of the hardened line", "grep -v '^PasswordAuthentication'", [PW]],
  ["sed setting no", "sed 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/'", []],
  ["sed deleting a banner", "sed '/^Banner/d'", []],
  ["sed deleting a pattern the script does not set", 'sed "/$PAT/d"', [`${PW}?`]],
  ["grep -v of patterns from a file the script does not write", "grep -v -f /opt/patterns.txt", [`${PW}?`]],
];

describe("a pipeline's later editor, put back over sshd_config", () => {
  describe.each(SOURCES)("%s", (_source, source) => {
    describe.each(PUT_BACKS)("%s", (_putBack, putBack) => {
      it.each(STAGES)("%s", (_stage, stage, expected) => {
        expect(verdicts(putBack(source(stage)))).toEqual(expected);
      });
    });
  });

  // Uncommenting names a directive with a stock default: it counts wherever its output goes, as sed's always has.
  const NEVER_PUT_BACK = STAGES.filter(([, stage, expected]) => expected.length > 0 && !stage.includes("#Password"));

  describe.each(SOURCES)("%s, never put back", (_source, source) => {
    it.each(NEVER_PUT_BACK)("%s: weakens nothing", (_stage, stage) => {
      expect(verdicts(`${source(stage)} > /tmp/x`)).toEqual([]);
      expect(verdicts(`${source(stage)} | sponge /tmp/x`)).toEqual([]);
      expect(verdicts(`${source(stage)} > /tmp/x; cp /tmp/x /root/sshd_config.audit`)).toEqual([]);
    });
  });

  it("quotes the pipeline's line", () => {
    const line = `sed '/^Banner/d' ${SSHD} | sed '/^PasswordAuthentication/d' > /tmp/x`;
    const [finding] = findLoginWeaknesses(`${line}\nmv /tmp/x ${SSHD}`);
    expect(finding.line).toBe(line);
  });
});

describe("the forms real scripts write", () => {
  const SET_PASSWORD = "s/^#\\?PasswordAuthentication.*/PasswordAuthentication";
  const SET_ROOT = "s/^#\\?PermitRootLogin.*/PermitRootLogin";

  it.each<[string, string, string[]]>([
    [
      "sed setting yes into sed, moved back",
      `sed '${SET_PASSWORD} yes/' ${SSHD} | sed '/^PermitRootLogin/d' > /tmp/x; mv /tmp/x ${SSHD}`,
      [PW],
    ],
    [
      "sed setting no into sed, moved back",
      `sed '${SET_PASSWORD} no/' ${SSHD} | sed '/^PermitRootLogin/d' > /tmp/x; mv /tmp/x ${SSHD}`,
      [],
    ],
    [
      "cat | sed setting yes | grep -v, copied back",
      `cat ${SSHD} | sed '${SET_ROOT} yes/' | grep -v '^Banner' > tmp && cp tmp ${SSHD}`,
      [ROOT],
    ],
    [
      "cat | sed setting no | grep -v, copied back",
      `cat ${SSHD} | sed '${SET_ROOT} no/' | grep -v '^Banner' > tmp && cp tmp ${SSHD}`,
      [],
    ],
    [
      "sed -e setting yes -e, installed back",
      `sed -e '${SET_ROOT} yes/' -e '/^Banner/d' ${SSHD} > tmp; install -m600 tmp ${SSHD}`,
      [ROOT],
    ],
    [
      "sed -e setting no -e, installed back",
      `sed -e '${SET_ROOT} no/' -e '/^Banner/d' ${SSHD} > tmp; install -m600 tmp ${SSHD}`,
      [],
    ],
    [
      "sed -e deleting the hardened line, installed back",
      `sed -e '/^PasswordAuthentication/d' -e '/^Banner/d' ${SSHD} > tmp; install -m600 tmp ${SSHD}`,
      [PW],
    ],
    [
      "a stage the reader cannot tell, into sponge",
      `sed '/^#/d' ${SSHD} | python3 /opt/filter.py | sponge ${SSHD}`,
      [`${PW}?`],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("sponge", () => {
  it.each<[string, string, string[]]>([
    ["sed setting yes", `sed 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' ${SSHD} | sponge ${SSHD}`, [ROOT]],
    ["sed setting no", `sed 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD} | sponge ${SSHD}`, []],
    ["grep -v of the hardened line", `grep -v '^PasswordAuthentication' ${SSHD} | sponge ${SSHD}`, [PW]],
    ["grep -v of a banner", `grep -v '^Banner' ${SSHD} | sponge ${SSHD}`, []],
    ["grep -v of root login in the kit's drop-in", `grep -v '^PermitRootLogin' ${KIT} | sponge ${KIT}`, [ROOT]],
    ["grep -v of a pattern the script does not set", `grep -v "$PAT" ${SSHD} | sponge ${SSHD}`, [`${PW}?`]],
    ["echo of one hardened line, replacing the file", `echo 'PasswordAuthentication no' | sponge ${SSHD}`, [ROOT]],
    [
      "printf of the hardened text, replacing the file",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | sponge ${SSHD}`,
      [],
    ],
    ["-a: echo of yes", `echo 'PermitRootLogin yes' | sponge -a ${SSHD}`, [ROOT]],
    ["-a: echo of no", `echo 'PermitRootLogin no' | sponge -a ${SSHD}`, []],
    ["-a: a value the script does not set", `echo "PermitRootLogin $MODE" | sponge -a ${SSHD}`, [`${ROOT}?`]],
    ["-a: a here-document of yes", `cat <<'EOF' | sponge -a ${SSHD}\nPasswordAuthentication yes\nEOF`, [PW]],
    ["-a: a here-document of no", `cat <<'EOF' | sponge -a ${SSHD}\nPasswordAuthentication no\nEOF`, []],
    ["-a: a key into root's keys", `echo 'ssh-ed25519 AAAAC3Nz k' | sponge -a /root/.ssh/authorized_keys`, [KEYS]],
    ["a file into root's keys", `cat /tmp/k | sponge /root/.ssh/authorized_keys`, [KEYS]],
    ["root's keys copied away", `cat /root/.ssh/authorized_keys | sponge /tmp/k`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("judges a deletion of root login from sshd_config as sed judges it: the stock file ships no such line", () => {
    const sponged = verdicts(`grep -v '^PermitRootLogin' ${SSHD} | sponge ${SSHD}`);
    expect(sponged).toEqual(verdicts(`sed -i '/^PermitRootLogin/d' ${SSHD}`));
    expect(sponged).toEqual([]);
  });

  it("appends as tee -a does", () => {
    for (const filter of ["grep -v '^PasswordAuthentication'", "grep -v '^Banner'", `sed 's/no/yes/'`])
      expect(verdicts(`${filter} ${SSHD} | sponge -a ${SSHD}`)).toEqual(
        verdicts(`${filter} ${SSHD} | tee -a ${SSHD} > /dev/null`),
      );
  });
});

describe("ex and vi deletes at an address", () => {
  it.each<[string, string, string[]]>([
    ["ex -sc ':/re/d|x' of the hardened line", `ex -sc ':/^PasswordAuthentication no/d|x' ${SSHD}`, [PW]],
    ["ex +'%d' then a file read in", `ex -s +'%d' +'r /tmp/evil' +wq ${SSHD}`, [PW, ROOT]],
    ["ex 1,$d", `ex -sc '1,$d|x' ${SSHD}`, [PW, ROOT]],
    ["vi -c '/re/d' in the kit's drop-in", `vi -c '/PermitRootLogin no/d' -c 'wq' ${KIT}`, [ROOT]],
    ["vim -c ':/re/delete'", `vim -c ':/^PasswordAuthentication/delete' -c wq ${SSHD}`, [PW]],
    ["a search backwards", `ex -sc ':?^PasswordAuthentication?d|x' ${SSHD}`, [PW]],
    ["the second of two deletes", `ex -sc ':/^Banner/d|/^PasswordAuthentication/d|x' ${SSHD}`, [PW]],
    ["a delete with a count", `ex -sc ':/^PasswordAuthentication/d 2|x' ${SSHD}`, [PW]],
    ["a pattern the script does not set", `ex -sc "/$PAT/d|x" ${SSHD}`, [`${PW}?`]],
    ["a delete of a banner", `ex -sc ':/^Banner/d|x' ${SSHD}`, []],
    ["delmarks, no delete", `ex -sc ':/^PasswordAuthentication/delm a|x' ${SSHD}`, []],
    ["a search left open", `ex -sc ':/^PasswordAuthentication' ${SSHD}`, []],
    ["another file", `ex -sc ':/^PasswordAuthentication/d|x' /etc/motd`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["/re/d", "/^PasswordAuthentication no/d"],
    ["a line number", "5d"],
    ["the last line", "$d"],
    ["every line", "d"],
  ])("%s reads as sed's", (_name, sed) => {
    const ex = sed === "d" ? "%d" : sed;
    expect(verdicts(`ex -sc '${ex}|x' ${SSHD}`)).toEqual(verdicts(`sed -i '${sed}' ${SSHD}`));
    expect(verdicts(`vi -c '${ex}' -c wq ${KIT}`)).toEqual(verdicts(`sed -i '${sed}' ${KIT}`));
  });

  // An offset (`/c/+1d`) is sed's range `/c/,+1d`: the line /c/ matches, surely, then one the reader cannot place.
  it("reads each delete of a chain as sed's", () => {
    const edit = exStreamEdit("ex", ["-sc", ":/a/d|5d|%d|1,$d|$d|?b?d|/c/+1d|.d|s/x/y/|x", "f"]);
    const read = edit?.script.edits.map((e) => [e.command, e.address, e.numbered]);
    expect(read).toEqual([
      ["d", "a", false],
      ["d", "", true],
      ["d", "", false],
      ["d", "", false],
      ["d", "", true],
      ["d", "b", false],
      ["d", "c", false],
      ["d", "", true],
    ]);
    expect(edit?.files).toEqual(["f"]);
  });
});

describe("grep -v -f of patterns the script does not write", () => {
  const FILTERED_COPY = `cp ${SSHD} /tmp/s; grep -v -f /tmp/p /tmp/s > /tmp/t; cp /tmp/t ${SSHD}`;

  it.each<[string, string, string[]]>([
    ["sshd_config itself, moved back", `grep -v -f patterns.txt ${SSHD} > tmp; mv tmp ${SSHD}`, [`${PW}?`]],
    ["a copy, copied back", `cp ${SSHD} /tmp/s; grep -v -f p /tmp/s > /tmp/t; cp /tmp/t ${SSHD}`, [`${PW}?`]],
    ["a later stage, moved back", `grep -v '^#' ${SSHD} | grep -v -f p > /tmp/s; mv /tmp/s ${SSHD}`, [`${PW}?`]],
    [
      "a copy of the kit's drop-in",
      `cp ${KIT} /tmp/k; grep -v -f p /tmp/k > /tmp/t; cp /tmp/t ${KIT}`,
      [`${PW}?`, `${ROOT}?`],
    ],
    [
      "patterns the script writes, deleting the hardened line",
      `printf '^PasswordAuthentication\\n' > /tmp/p\n${FILTERED_COPY}`,
      [PW],
    ],
    ["patterns the script writes, deleting a banner", `printf '^Banner\\n' > /tmp/p\n${FILTERED_COPY}`, []],
    ["a copy never put back", `cp ${SSHD} /tmp/s; grep -v -f p /tmp/s > /tmp/t`, []],
    ["a copy put back elsewhere", `cp ${SSHD} /tmp/s; grep -v -f p /tmp/s > /tmp/t; cp /tmp/t /etc/motd`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("names the pattern file", () => {
    const [finding] = findLoginWeaknesses(`cp ${SSHD} /tmp/s; grep -v -f /opt/p /tmp/s > /tmp/t; cp /tmp/t ${SSHD}`);
    expect(finding.note).toContain("the patterns in /opt/p");
  });
});

describe("carried in encoded or structured user data, and through the policy", () => {
  const weak = `sed '/^Banner/d' ${SSHD} | sed '/^PasswordAuthentication/d' | sponge ${SSHD}`;
  const safe = `sed '/^Banner/d' ${SSHD} | sed '/^PasswordAuthentication/d' | sponge /tmp/x`;
  const unknown = `cp ${SSHD} /tmp/s; grep -v -f /opt/p /tmp/s > /tmp/t; cp /tmp/t ${SSHD}`;

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
    const ex = `ex -sc ':/^PasswordAuthentication no/d|x' ${SSHD}`;
    expect((await run(disallowUserdataLoginWeakening, INSTANCE, { userData: ex })).map((d) => d.level)).toEqual([
      "mandatory",
    ]);
  });
});

describe("hostile input", () => {
  it("long ex chains, patterns left open and long sponge pipelines delete no hardened line", () => {
    expect(verdicts(`ex -sc '${"/^X/d|".repeat(20_000)}x' ${SSHD}`)).toEqual(["unread-content"]);
    expect(verdicts(`ex -sc '${"/a|?b|".repeat(20_000)}' ${SSHD}`)).toEqual([]);
    expect(verdicts(`ex -sc '${"\\\\/|".repeat(20_000)}' ${SSHD}`)).toEqual([]);
    const stages = Array.from({ length: 20_000 }, (_v, i) => `sed '/^X${i}/d'`).join(" | ");
    expect(verdicts(`cat ${SSHD} | ${stages} | sponge ${SSHD}`)).toEqual(["unread-content"]);
  });
});
