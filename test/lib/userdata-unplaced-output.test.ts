// Output that is never put back over sshd's configuration. Hardening a filter writes into a copy never put back
// hardens nothing sshd reads, so it hides no later weakening. A pipeline that filters sshd_config is a working copy
// too (`grep -v … sshd_config | tee /tmp/x`), unless a later stage may write sshd's files where the reader cannot
// follow (`| sh -c 'cat > …'`, `| bash`, `| mytool /etc/ssh/sshd_config`): then it is read where it runs. Relative
// names are read from where `cd` put the script, and a copy of one file put back over another replaces that file.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData } from "../../lib/userdata";
import { run } from "../policies/harness";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";
import { b64, INSTANCE, KIT, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const ROOT = "root-login";
const SET_NO = "'s/^#\\?PasswordAuthentication.*/PasswordAuthentication no/'";
const UNCOMMENT = "'s/^#PasswordAuthentication/PasswordAuthentication/'";
const YES = `echo 'PasswordAuthentication yes' >> ${SSHD}`;
const GREP = `grep -v '^PasswordAuthentication' ${SSHD}`;

describe("hardening written only into a copy never put back", () => {
  it.each<[string, string, string[]]>([
    ["then yes appended", `sed ${SET_NO} ${SSHD} > /tmp/x\n${YES}`, [PW]],
    ["then the default uncommented in place", `sed ${SET_NO} ${SSHD} > /tmp/x\nsed -i ${UNCOMMENT} ${SSHD}`, [PW]],
    ["then an uncommented copy appended", `sed ${SET_NO} ${SSHD} > /tmp/x\nsed ${UNCOMMENT} ${SSHD} >> ${SSHD}`, [PW]],
    ["down a pipe", `sed ${SET_NO} ${SSHD} | tee /tmp/x\nsed -i ${UNCOMMENT} ${SSHD}`, [PW]],
    ["in another file", `sed -i ${SET_NO} /tmp/other\nsed -i ${UNCOMMENT} ${SSHD}`, [PW]],
    [
      "the default deleted in a copy",
      `sed '/^#PasswordAuthentication/d' ${SSHD} > /tmp/x\nsed -i ${UNCOMMENT} ${SSHD}`,
      [PW],
    ],
    [
      "root login hardened in the client's file",
      `sed -i 's/^#PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/ssh_config\nsed -i 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD}`,
      [ROOT],
    ],
  ])("%s: the weakening still counts", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "put back before the uncommenting",
      `sed ${SET_NO} ${SSHD} > /tmp/x; mv /tmp/x ${SSHD}\nsed -i ${UNCOMMENT} ${SSHD}`,
    ],
    ["set no in place", `sed -i ${SET_NO} ${SSHD}\nsed -i ${UNCOMMENT} ${SSHD}`],
    ["never followed by a weakening", `sed ${SET_NO} ${SSHD} > /tmp/x`],
  ])("%s: nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("a value from outside the script after an untracked copy stays unverifiable", () => {
    expect(verdicts(`sed ${SET_NO} ${SSHD} > /tmp/x\nsed -i "s/^#PasswordAuthentication.*/$LINE/" ${SSHD}`)).toEqual([
      `${PW}?`,
    ]);
  });
});

describe("a pipeline filtering sshd's configuration", () => {
  it.each<[string, string]>([
    ["grep -v into tee", `${GREP} | tee /tmp/x`],
    ["sed into gzip", `sed '/^Include/d' ${SSHD} | gzip > /tmp/backup.gz`],
    ["grep -v counted", `${GREP} | wc -l`],
    ["awk into sort", `awk '!/^PermitRootLogin/' ${KIT} | sort > /tmp/k`],
    ["through a filter", `${GREP} | sed '/^#/d' > /tmp/x`],
  ])("%s, never put back: nothing", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["tee, then moved back", `${GREP} | tee /tmp/x > /dev/null; mv /tmp/x ${SSHD}`, [PW]],
    ["sh -c writing sshd_config", `${GREP} | sh -c 'cat > ${SSHD}'`, [PW]],
    ["sudo tee sshd_config", `${GREP} | sudo tee ${SSHD}`, [PW]],
    ["bash", `${GREP} | bash`, [PW]],
    ["an unknown command given the path", `${GREP} | mytool ${SSHD}`, [PW]],
    ["python3 running its input", `${GREP} | python3`, [PW]],
    ["sudo bash -s", `sed '/^Include/d' ${SSHD} | sudo bash -s`, [PW, ROOT]],
    ["a relative name after cd /etc/ssh", `cd /etc/ssh && ${GREP} | mytool ./sshd_config`, [PW]],
    ["sed into sh -c", `sed '/^PasswordAuthentication/d' ${SSHD} | sh -c 'cat > ${SSHD}'`, [PW]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  // A stage the reader cannot tell (gzip) may change the lines: put back, it is judged as any unknown stage is.
  it("an unknown stage, its output put back, is judged as any unknown stage", () => {
    const put = (stage: string) => verdicts(`sed '/^Include/d' ${SSHD} | ${stage} > /tmp/b; mv /tmp/b ${SSHD}`);
    expect(put("gzip")).toEqual(put("python3 filter.py"));
    expect(put("gzip")).toContain(PW);
  });
});

describe("relative put-backs after cd", () => {
  it.each<[string, string, string[]]>([
    [
      "cd /etc/ssh, mv back",
      `cd /etc/ssh && sed '/^PasswordAuthentication/d' sshd_config > /tmp/x && mv /tmp/x sshd_config`,
      [PW],
    ],
    ["cd /tmp, then /etc/ssh", `cd /tmp; ${GREP} > x; cd /etc/ssh; mv /tmp/x sshd_config`, [PW]],
    ["cd /tmp, moved back from there", `cd /tmp; ${GREP} > x; mv x ${SSHD}`, [PW]],
    ["cd /tmp/work/.., then /etc/ssh", `cd /tmp/work/..; ${GREP} > ./x; cd /etc/ssh; cp ../../tmp/x sshd_config`, [PW]],
    ["cd /etc/ssh, never put back", `cd /etc/ssh && sed '/^PasswordAuthentication/d' sshd_config > /tmp/x`, []],
    // /opt/x is not the copy the script wrote: its text comes from outside the script, a note for each directive.
    ["cd /tmp, another x put back is a note", `cd /tmp; ${GREP} > x; cd /opt; mv x ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    ["cd /tmp, a banner", `cd /tmp; grep -v '^Banner' ${SSHD} > x; cd /etc/ssh; mv /tmp/x sshd_config`, []],
    // Where `cd "$DIR"` leaves the script the reader cannot tell: `x` there is no /tmp/x.
    ["cd to a variable", `cd "$DIR"; ${GREP} > x; cd /etc/ssh; mv /tmp/x sshd_config`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("another x put back is noted by the name the script gives it, its text from outside the script", () => {
    const text = `cd /tmp; ${GREP} > x; cd /opt; mv x ${SSHD}`;
    expect(fromOutside(text, `${SSHD} with x,`)).toEqual(sshdNotesFrom(`${SSHD} with x,`));
  });
});

describe("a copy of one file put back over another", () => {
  it.each<[string, string, string[]]>([
    [
      "an unknown drop-in over sshd_config",
      `cp /etc/ssh/sshd_config.d/50-kit.conf /tmp/a; sed '/^Banner/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [PW, ROOT],
    ],
    [
      "sshd_config over the kit's drop-in",
      `cp ${SSHD} /tmp/a; sed '/^Banner/d' /tmp/a > /tmp/b; mv /tmp/b ${KIT}`,
      [ROOT],
    ],
    [
      "the kit's drop-in, its root login deleted, over sshd_config",
      `cp ${KIT} /tmp/a; sed '/^PermitRootLogin/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [ROOT],
    ],
    [
      "the kit's drop-in, root login turned yes, over sshd_config",
      `cp ${KIT} /tmp/a; sed 's/^PermitRootLogin no/PermitRootLogin yes/' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [ROOT],
    ],
    [
      "the kit's drop-in whole over sshd_config",
      `cp ${KIT} /tmp/a; sed '/^Banner/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [],
    ],
    ["the kit's drop-in copied over sshd_config", `cp ${KIT} /tmp/a; mv /tmp/a ${SSHD}`, []],
    [
      "an unknown drop-in over sshd_config, hardened after",
      `cp /etc/ssh/sshd_config.d/50-kit.conf /tmp/a; sed '/^Banner/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}\necho 'Include /etc/ssh/sshd_config.d/*.conf' >> ${SSHD}`,
      [PW],
    ],
    [
      "an unknown drop-in, fully hardened after",
      `cp /etc/ssh/sshd_config.d/50-kit.conf /tmp/a; mv /tmp/a ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}\necho 'PermitRootLogin no' >> ${SSHD}`,
      [],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("carried in encoded or structured user data, and through the policy", () => {
  const weak = `sed ${SET_NO} ${SSHD} > /tmp/x\nsed -i ${UNCOMMENT} ${SSHD}`;
  const safe = `${GREP} | tee /tmp/x`;

  it("base64 user data, and a cloud-config runcmd", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${weak}\n`)))).toEqual([PW]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${safe}\n`)))).toEqual([]);
    expect(verdicts(runcmdConfig(`cd /tmp; ${GREP} > x; cd /etc/ssh; mv /tmp/x sshd_config`))).toEqual([PW]);
    expect(verdicts(runcmdConfig(safe))).toEqual([]);
  });

  it("fails the weakening, passes the copy never put back", async () => {
    const failed = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: weak });
    expect(failed.map((d) => d.level)).toEqual(["mandatory"]);
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: safe })).toEqual([]);
  });
});

describe("hostile input", () => {
  it("long pipelines from sshd_config and many directory changes: working copies pass, past the copy bound a finding", () => {
    const stages = Array.from({ length: 20_000 }, () => "sort").join(" | ");
    expect(verdicts(`${GREP} | ${stages} > /tmp/x`)).toEqual([]);
    // Past the bound on copies followed, the filters are read where they run: a finding, never a silent pass.
    const cds = Array.from({ length: 5_000 }, (_v, i) => `cd /tmp/d${i}/..; ${GREP} > x${i}`).join("\n");
    expect(verdicts(`${cds}\ncd ${"../".repeat(10_000)}tmp; mv x1 /tmp/y`)).toEqual([PW, "unread-content"]);
    const few = Array.from({ length: 8 }, (_v, i) => `cd /tmp/d${i}/..; ${GREP} > x${i}`).join("\n");
    expect(verdicts(`${few}\ncd ${"../".repeat(10_000)}tmp; mv x1 /tmp/y`)).toEqual([]);
    const replaced = `cp ${KIT} /tmp/a; sed '/^X/d;s/^Banner.*/Banner none/;/^Y/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`;
    expect(verdicts(Array.from({ length: 5_000 }, () => replaced).join("\n"))).toEqual([]);
    const piped = Array.from({ length: 5_000 }, (_v, i) => `${GREP} | sort | tee /tmp/p${i % 8} | gzip > /tmp/g`);
    expect(verdicts(piped.join("\n"))).toEqual([]);
  });
});

describe("put-backs the reader cannot place, and stages it cannot name", () => {
  it.each<[string, string, string[]]>([
    // Into a folder, the file lands under the copy's own name: read as an edit of its origin, as before.
    ["a copy named sshd_config put into /etc/ssh/", `${GREP} > /tmp/sshd_config; cp /tmp/sshd_config /etc/ssh/`, [PW]],
    [
      "the kit's drop-in by a glob, over sshd_config",
      `cp /etc/ssh/sshd_config.d/00-*.conf /tmp/a; mv /tmp/a ${SSHD}`,
      [PW, ROOT],
    ],
    [
      "the kit's drop-in, root login maybe deleted, over sshd_config",
      `cp ${KIT} /tmp/a; sed '/^#/,/^$/{/PermitRootLogin/d}' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`,
      [ROOT],
    ],
    ["tee to a name the script does not set", `${GREP} | tee "$CONF"`, [PW]],
    ["grep of a pattern the script does not set, into a file", `${GREP} | grep -v "$PAT" > /tmp/x`, []],
    ["cd -- /tmp, then /etc/ssh", `cd -- /tmp; ${GREP} > x; cd /etc/ssh; mv /tmp/x sshd_config`, [PW]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("one of sshd's files copied straight over another", () => {
  it.each<[string, string, string[]]>([
    ["an unknown drop-in over sshd_config", `cp /etc/ssh/sshd_config.d/50-x.conf ${SSHD}`, [PW, ROOT]],
    ["sshd_config over the kit's drop-in", `cp ${SSHD} ${KIT}`, [ROOT]],
    ["the kit's drop-in over sshd_config", `cp ${KIT} ${SSHD}`, []],
    ["the kit's drop-in moved over sshd_config", `mv ${KIT} ${SSHD}`, []],
    ["onto itself", `cp ${SSHD} /etc/ssh//sshd_config`, []],
    ["a backup beside it", `cp ${SSHD} /etc/ssh/sshd_config.bak`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("a filtered copy piped to a stage that may write it back unseen", () => {
  const COPY = `cp ${SSHD} /tmp/a; sed '/^PasswordAuthentication/d' /tmp/a`;

  it.each<[string, string, string[]]>([
    ["sh -c writing sshd_config", `${COPY} | sh -c 'cat > ${SSHD}'`, [PW]],
    ["bash", `${COPY} | bash`, [PW]],
    [
      "cat of sshd_config, grep -v, sh -c",
      `cat ${SSHD} | grep -v '^PasswordAuthentication' | sh -c 'cat > ${SSHD}'`,
      [PW],
    ],
    ["a banner, to sh -c", `cp ${SSHD} /tmp/a; sed '/^Banner/d' /tmp/a | sh -c 'cat > ${SSHD}'`, []],
    ["into gzip", `${COPY} | gzip > /tmp/a.gz`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});
