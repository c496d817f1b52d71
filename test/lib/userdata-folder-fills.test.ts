// Folders filled whole with files from outside the script: a folder moved (mv), an archive extracted (tar, bsdtar,
// unzip) or a repository cloned (git clone) into root's .ssh plants keys as a folder copied there (`cp -r`) does, so
// each writes root's authorized_keys, worded the same. Into sshd's configuration folders, a repository cloned gives
// the same unverifiable notes an archive extracted there gives, naming the repository. Moving root's keys away,
// archiving them, listing an archive, a key file moved in, or a clone elsewhere is no finding.
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { parseCommands } from "../../lib/userdata-destinations";
import { isRootKeysPath, writesRootKeys } from "../../lib/userdata-root-keys";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { run } from "../policies/harness";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";
import { b64, INSTANCE, runcmdConfig } from "./userdata-sshd-fixtures";

const KEYS = "root-authorized-keys";
const REPO = "https://example.com/ops/dotfiles.git";
/** The form this kit already reads as planting root's keys: a folder copied into root's .ssh. */
const FOLDER_COPIED = "cp -r /tmp/ssh /root/.ssh";

/** The findings by kind, `?` marking an unverifiable one, and the line each quotes. */
const found = (text: string) =>
  findLoginWeaknesses(text)
    .map((w) => `${w.kind}${w.unverifiable ? "?" : ""} ${w.line}`)
    .sort();
/** Each finding without the line it quotes: what a folder copied gives, whatever the command. */
const shape = (text: string) => findLoginWeaknesses(text).map(({ line: _line, ...rest }) => rest);
/** Whether the command alone writes root's keys, the script standing in `directory`. */
const writesKeysFrom = (command: string, directory?: string) =>
  writesRootKeys(parseCommands(command)[0], isRootKeysPath, undefined, directory);

describe("a folder moved, extracted or cloned into root's .ssh writes root's keys", () => {
  it.each<[string, string]>([
    ["a folder moved as root's .ssh", "mv /tmp/ssh /root/.ssh"],
    ["a folder moved into root's .ssh/", "mv /tmp/keys /root/.ssh/"],
    ["mv -t root's .ssh", "mv -t /root/.ssh /tmp/src"],
    ["mv --target-directory=", "mv --target-directory=/root/.ssh /tmp/src"],
    ["a folder the script does not name", 'mv -f "$KEYS_DIR" /root/.ssh'],
    ["moved through ~", "mv /tmp/ssh ~/.ssh"],
    ["moved through ${HOME}", "mv /tmp/ssh ${HOME}/.ssh/"],
    ["sudo mv", "sudo mv /tmp/ssh /root/.ssh"],
    ["a key file beside a folder", "mv -t /root/.ssh /tmp/id_rsa /tmp/keys"],
    ["tar -x -C", "tar -xf /tmp/k.tar -C /root/.ssh"],
    ["tar --directory=", "tar -xzf /tmp/k.tgz --directory=/root/.ssh"],
    ["tar's long options", "tar --extract --file /tmp/k.tar --directory /root/.ssh"],
    ["old-style tar", "tar xzf a.tgz -C /root/.ssh"],
    ["-C before the extraction", "tar -C /root/.ssh -xvf /tmp/k.tar"],
    ["a download extracted", "curl -fsSL https://x/k.tgz | tar -xz -C /root/.ssh"],
    ["bsdtar", "bsdtar -xf /tmp/k.zip -C /root/.ssh"],
    ["gtar through $HOME", "gtar -xf /tmp/k.tar -C $HOME/.ssh"],
    ["unzip -d", "unzip -o /tmp/k.zip -d /root/.ssh"],
    ["unzip -d joined to its value", "unzip -qo /tmp/k.zip -d/root/.ssh/"],
    ["git clone", `git clone ${REPO} /root/.ssh`],
    ["git clone --depth 1", `git clone --depth 1 ${REPO} /root/.ssh`],
    ["a branch in an option group", `git clone -qb main ${REPO} ~/.ssh`],
    ["git's own options first", `git -c http.sslVerify=false clone ${REPO} /root/.ssh`],
    ["git -C root's home, cloned as .ssh", `git -C /root clone ${REPO} .ssh`],
    ["operands after --", `git clone --single-branch -- ${REPO} /root/.ssh`],
    ["a repository named .ssh, cloned from root's home", "git -C /root clone git@example.com:ops/.ssh.git"],
  ])("%s", (_name, line) => {
    expect(found(line)).toEqual([`${KEYS} ${line}`]);
    expect(shape(line)).toEqual(shape(FOLDER_COPIED));
  });

  it("reads a folder named from where the script stands", () => {
    expect(found(`cd /root\ngit clone ${REPO} .ssh`)).toEqual([`${KEYS} git clone ${REPO} .ssh`]);
  });

  it.each<[string, string, string]>([
    ["an archive extracted where the script stands", "tar xf /tmp/k.tar", "/root/.ssh"],
    ["unzip without -d", "unzip -o /tmp/k.zip", "/root/.ssh"],
    ["a repository named .ssh cloned into root's home", "git clone https://example.com/ops/.ssh", "/root"],
  ])("%s, standing in the folder", (_name, command, directory) => {
    expect(writesKeysFrom(command, directory)).toBe(true);
    expect(writesKeysFrom(command)).toBe(false);
    expect(found(`cd ${directory}\n${command}`)).toEqual([`${KEYS} ${command}`]);
    expect(found(`cd ${directory} && ${command}`)).toEqual([`${KEYS} cd ${directory} && ${command}`]);
    expect(found(`cd /tmp\n${command}`)).toEqual([]);
  });

  it("an archive made where the script stands in root's .ssh writes nothing there", () => {
    expect(found("cd /root/.ssh && tar -czf /tmp/keys.tgz .")).toEqual([]);
  });

  it("fails the policy with the wording a folder copied gets", async () => {
    for (const line of ["mv /tmp/ssh /root/.ssh", "tar -xf /tmp/k.tar -C /root/.ssh", `git clone ${REPO} /root/.ssh`]) {
      const failed = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: line });
      expect(failed.map((d) => d.level)).toEqual(["mandatory"]);
      expect(failed[0].message).toContain(`writes /root/.ssh/authorized_keys: "${line}"`);
    }
  });

  it("base64 user data, and a cloud-config runcmd", () => {
    const line = `git clone --depth 1 ${REPO} /root/.ssh`;
    expect(found(decodeUserData(b64(`#!/bin/bash\n${line}\n`)))).toEqual([`${KEYS} ${line}`]);
    expect(findLoginWeaknesses(runcmdConfig("tar -xf /tmp/k.tar -C /root/.ssh")).map((w) => w.kind)).toEqual([KEYS]);
    expect(findLoginWeaknesses(decodeUserData(b64(runcmdConfig("mv /tmp/ssh /root/.ssh")))).map((w) => w.kind)).toEqual(
      [KEYS],
    );
    expect(findLoginWeaknesses(runcmdConfig("mv /root/.ssh /root/.ssh.bak"))).toEqual([]);
  });
});

describe("root's keys moved away, archived or listed, key files moved in, folders filled elsewhere", () => {
  it.each<[string, string]>([
    ["root's .ssh moved away", "mv /root/.ssh /root/.ssh.bak"],
    ["root's .ssh moved out", "mv /root/.ssh /tmp/"],
    ["a private key moved in", "mv /tmp/id_ed25519 /root/.ssh/"],
    ["key files moved in by -t", "mv -t /root/.ssh /tmp/id_rsa /tmp/id_rsa.pub"],
    ["known_hosts moved in", "mv /tmp/known_hosts /root/.ssh/"],
    ["a file with an extension moved in", "mv /tmp/deploy.pem /root/.ssh"],
    ["a folder moved elsewhere in root's home", "mv /tmp/tools /root/tools"],
    ["an archive made from root's .ssh", "tar -czf /tmp/b.tgz -C /root/.ssh ."],
    ["root's .ssh archived by name", "tar -cf /tmp/b.tar /root/.ssh"],
    ["an archive listed", "tar -tf a.tar"],
    ["an archive extracted elsewhere", "tar -xzf /tmp/app.tgz -C /opt/app"],
    ["an archive extracted beside root's .ssh", "tar -xzf /tmp/k.tgz -C /root/.ssh.new"],
    ["a zip listed", "unzip -l k.zip"],
    ["a zip listed, -d given", "unzip -l /tmp/k.zip -d /root/.ssh"],
    ["a zip extracted elsewhere", "unzip -o /tmp/app.zip -d /opt/app"],
    ["a clone elsewhere", `git clone ${REPO} /opt/app`],
    ["a clone into a folder inside root's .ssh", `git clone ${REPO} /root/.ssh/dotfiles`],
    ["a clone where the script stands unknown", `git clone ${REPO}`],
    ["a bare clone checks nothing out", `git clone --bare ${REPO} /root/.ssh`],
    ["git -C root's .ssh status", "git -C /root/.ssh status"],
    ["git -C root's .ssh log", "git -C /root/.ssh log --oneline"],
    ["an archive made where the script stands", "cd /root/.ssh && tar -czf /tmp/b.tgz ."],
    ["a clone into a subfolder of root's .ssh", `cd /root/.ssh && git clone ${REPO}`],
  ])("%s is no finding", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it.each<[string, string]>([
    ["an archive made", "tar -czf /tmp/b.tgz ."],
    ["an archive listed", "tar -tf /tmp/k.tar"],
    ["a repository cloned into its own folder", `git clone ${REPO}`],
    ["git status", "git status"],
  ])("%s, standing in root's .ssh, writes no keys", (_name, command) => {
    expect(writesKeysFrom(command, "/root/.ssh")).toBe(false);
  });
});

describe("a repository cloned into sshd's configuration folders", () => {
  const repository = (url: string) => `the repository ${url}`;

  it.each<[string, string, string]>([
    ["the drop-ins", `git clone ${REPO} /etc/ssh/sshd_config.d`, REPO],
    ["the drop-ins, with a slash", `git clone --depth 1 ${REPO} /etc/ssh/sshd_config.d/`, REPO],
    ["/etc/ssh", `git clone ${REPO} /etc/ssh`, REPO],
    ["SUSE's vendor folder", `git clone ${REPO} /usr/etc/ssh`, REPO],
    ["git -C /etc/ssh", `git -C /etc/ssh clone ${REPO} sshd_config.d`, REPO],
    ["named by a variable", 'git clone "$SSHD_REPO" /etc/ssh/sshd_config.d', "$SSHD_REPO"],
  ])("%s cannot be verified", (_name, line, url) => {
    expect(fromOutside(line, repository(url))).toEqual(sshdNotesFrom(repository(url)));
  });

  it("a repository named after the drop-ins, cloned where the script stands in /etc/ssh", () => {
    const url = "https://example.com/ops/sshd_config.d.git";
    expect(fromOutside(`cd /etc/ssh\ngit clone ${url}`, repository(url))).toEqual(sshdNotesFrom(repository(url)));
  });

  it("is worded as an archive extracted there is", () => {
    const notes = (text: string) => findLoginWeaknesses(text).map((w) => [w.kind, w.unverifiable, w.note]);
    const cloned = notes(`git clone ${REPO} /etc/ssh/sshd_config.d`);
    const extracted = notes("tar -xzf /tmp/d.tgz -C /etc/ssh/sshd_config.d");
    expect(cloned.length).toBe(2);
    expect(cloned).toEqual(
      extracted.map(([kind, unverifiable, note]) => [
        kind,
        unverifiable,
        String(note).replace("the archive /tmp/d.tgz", repository(REPO)),
      ]),
    );
  });

  it("is an advisory of the policy, not a failure", async () => {
    const noted = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `git clone ${REPO} /etc/ssh/sshd_config.d`,
    });
    expect(noted.map((d) => d.level)).toEqual(["advisory", "advisory"]);
    expect(noted[0].message).toContain(`writes ${repository(REPO)} into /etc/ssh/sshd_config.d`);
  });

  it.each<[string, string]>([
    ["a clone elsewhere, its name holding ssh", "git clone https://example.com/ops/sshd-exporter /opt/sshd-exporter"],
    ["a repository of another name cloned where the script stands", `cd /etc/ssh\ngit clone ${REPO}`],
    // A clone makes a folder: under a name the script does not give in /etc, it replaces no account file.
    ["a clone into /etc under a name the script does not give", `git clone ${REPO} "/etc/$NAME"`],
    ["a bare clone", `git clone --bare ${REPO} /etc/ssh/sshd_config.d`],
    ["a clone with no checkout", `git clone --no-checkout ${REPO} /etc/ssh`],
    ["git -C /etc/ssh status", "git -C /etc/ssh status"],
  ])("%s is no finding", (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("hostile input", () => {
  it("long words and many operands plant no keys and fill no configuration folder", () => {
    const slashes = `git clone https://x${"/".repeat(200_000)}a`;
    const letters = `tar ${"x".repeat(200_000)}! -C /root/.ssh`;
    const options = `git ${"-c a=b ".repeat(20_000)}clone ${"-qb main ".repeat(20_000)}${REPO} /opt/app`;
    const moved = `mv ${"/tmp/id_rsa.pub ".repeat(20_000)}/root/.ssh/`;
    const extracted = Array.from({ length: 5_000 }, (_v, i) => `tar -xzf /tmp/k${i}.tgz -C /opt/k${i}`).join("\n");
    expect(found([slashes, letters, options, moved, extracted].join("\n"))).toEqual([]);
  });
});
