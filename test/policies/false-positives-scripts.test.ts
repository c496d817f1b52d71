// Scripts a careful engineer writes, which must pass, each next to the weakening it resembles, which must still be
// reported; and forms of weakening the reader must follow (links, loops, a Dockerfile's SHELL, AuthorizedKeysFile).
// Each row names every finding it expects, by what the message says and the line it quotes.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { run } from "./harness";
import { containerRecipe, dockerfile, IMAGE_BUILD, step, toe } from "./image-build-fixtures";

interface Row {
  name: string;
  type: string;
  props: Record<string, unknown>;
  /** Each violation expected, as a part of its message: none for a script that must pass. */
  reports: string[];
}

const INSTANCE = "aws:ec2/instance:Instance";
const COMMAND = "alicloud:ecs/command:Command";
const SSHD = "/etc/ssh/sshd_config";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const userData = (name: string, script: string, reports: string[] = []): Row => ({
  name,
  type: INSTANCE,
  props: { userData: script },
  reports,
});
/** A Cloud Assistant command: the script base64 in commandContent. */
const cloudAssistant = (name: string, script: string, reports: string[] = []): Row => ({
  name,
  type: COMMAND,
  props: { name: "c", type: "RunShellScript", commandContent: b64(script) },
  reports,
});
const bashStep = (...commands: string[]) => step("ExecuteBash", { commands });
const awstoe = (name: string, steps: unknown[], reports: string[] = []): Row => ({
  name,
  type: IMAGE_BUILD.component,
  props: toe(steps),
  reports,
});
const container = (name: string, lines: string[], reports: string[] = []): Row => ({
  name,
  type: IMAGE_BUILD.containerRecipe,
  props: containerRecipe(dockerfile(...lines)),
  reports,
});

const opensPasswords = (line: string) => `enables SSH password authentication: "${line}"`;
const rootLogin = (line: string) => `permits root login: "${line}"`;
const rootKeys = (line: string) => `writes /root/.ssh/authorized_keys: "${line}"`;
const setsPassword = (line: string) => `sets a login password: "${line}"`;

async function violations(row: Row): Promise<string[]> {
  const ds = await run(disallowUserdataLoginWeakening, row.type, row.props);
  return ds
    .filter((d) => d.level === disallowUserdataLoginWeakening.enforcementLevel)
    .filter((d) => !d.message.startsWith("cannot be verified"))
    .map((d) => d.message);
}

function rows(title: string, cases: Row[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, row) => {
      const messages = await violations(row);
      expect(messages).toHaveLength(row.reports.length);
      for (const report of row.reports) expect(messages.filter((m) => m.includes(report))).toHaveLength(1);
    });
  });
}

rows("text printed to the log sets nothing", [
  userData("a bare echo of the directive", `#!/bin/bash\necho "PasswordAuthentication yes"\n`),
  userData("a printf of the directive", "#!/bin/bash\nprintf 'checking PasswordAuthentication yes\\n'\n"),
  userData("a warning to stderr", `#!/bin/bash\necho "WARN: PermitRootLogin yes found" >&2\n`),
  userData("a message piped to logger", `echo "PermitRootLogin yes removed" | logger -t harden`),
  userData("a message naming chpasswd", `echo "skipping chpasswd"`),
  userData("a runcmd echo", `#cloud-config\nruncmd:\n  - echo "PasswordAuthentication yes"\n`),
  cloudAssistant("a Cloud Assistant command's echo", `echo "PermitRootLogin yes is not allowed"`),
  awstoe("an ExecuteBash echo", [bashStep(`echo "PermitRootLogin yes is not allowed"`)]),
  container("a RUN echo", [`RUN echo "PermitRootLogin yes is not allowed"`]),
  userData("the echo appended to sshd_config", `echo "PasswordAuthentication yes" >> ${SSHD}`, [
    opensPasswords(`echo "PasswordAuthentication yes" >> ${SSHD}`),
  ]),
  userData("the echo piped through grep into tee", `echo "PermitRootLogin yes" | grep Permit | tee -a ${SSHD}`, [
    rootLogin(`echo "PermitRootLogin yes" | grep Permit | tee -a ${SSHD}`),
  ]),
  // What the echo prints is the script the shell runs, quoted as such, its password masked.
  userData("the echo piped into a shell", `echo "echo root:x | chpasswd" | sh`, [
    setsPassword(`echo root:******** | chpasswd`),
  ]),
  userData("an echo in bash -c appended to sshd_config", `bash -c 'echo "PermitRootLogin yes"' >> ${SSHD}`, [
    rootLogin(`bash -c 'echo "PermitRootLogin yes"' >> ${SSHD}`),
  ]),
  userData("an echo after exec &>> sshd_config", `exec &>> ${SSHD}\necho "PermitRootLogin yes"`, [
    rootLogin(`echo "PermitRootLogin yes"`),
  ]),
  userData("an echo in a function called into sshd_config", `f() {\n  echo "PermitRootLogin yes"\n}\nf >> ${SSHD}`, [
    rootLogin(`echo "PermitRootLogin yes"`),
  ]),
  userData(
    "an echo captured by a substitution over lines",
    `x=$(\necho "PermitRootLogin yes"\n)\necho "$x" >> ${SSHD}`,
    [rootLogin(`echo "PermitRootLogin yes"`)],
  ),
  userData(
    "an echo in a script written for later, run into sshd_config",
    `cat > /usr/local/bin/gen.sh <<'EOF'\necho "PermitRootLogin yes"\nEOF\n/usr/local/bin/gen.sh >> ${SSHD}`,
    [rootLogin(`echo "PermitRootLogin yes"`)],
  ),
  cloudAssistant("a Cloud Assistant command's echo into sshd_config", `echo "PermitRootLogin yes" >> ${SSHD}`, [
    rootLogin(`echo "PermitRootLogin yes" >> ${SSHD}`),
  ]),
  container(
    "a RUN echo into sshd_config",
    [`RUN echo "PermitRootLogin yes" >> ${SSHD}`],
    [rootLogin(`echo "PermitRootLogin yes" >> ${SSHD}`)],
  ),
]);

rows("a directive searched for, compared or written elsewhere sets nothing", [
  userData("written to /tmp", `echo "PasswordAuthentication yes" > /tmp/x`),
  userData("written to a README", `echo "PermitRootLogin yes" >> /opt/app/README`),
  userData("written to the client's configuration", `echo "PasswordAuthentication yes" >> /etc/ssh/ssh_config`),
  userData(
    "grep for the weak line, then sed to no",
    `grep -q '^PasswordAuthentication yes' ${SSHD} && sed -i 's/^PasswordAuthentication yes/PasswordAuthentication no/' ${SSHD}`,
  ),
  userData("sshd -T piped into grep", `sshd -T | grep -i 'passwordauthentication yes' && exit 1`),
  userData(
    "a case arm matching the effective setting",
    `case "$(sshd -T | grep passwordauthentication)" in\n  "passwordauthentication yes") exit 1;;\nesac`,
  ),
  userData(
    "case alternatives on their own line",
    `case "$(sshd -T | grep -i permitrootlogin)" in\n  "permitrootlogin yes" | "permitrootlogin without-password")\n    exit 1 ;;\n  *) echo ok ;;\nesac`,
  ),
  userData("the weak line commented out", `sed -i 's/^PermitRootLogin yes/# &/' ${SSHD}`),
  userData("the weak line deleted", `sed -i '/^PasswordAuthentication yes/d' ${SSHD}`),
  userData("the file written to /tmp linked under /usr", `ln -s /tmp/x /usr/local/share/x`),
  userData(
    "a case arm that writes the directive",
    `case "$ENV" in\n  dev) echo "PermitRootLogin yes" >> ${SSHD} ;;\nesac`,
    [rootLogin(`dev) echo "PermitRootLogin yes" >> ${SSHD} ;;`)],
  ),
  userData(
    "a subshell in a case block is no pattern",
    `case "$ENV" in\n  (echo "PermitRootLogin yes" | tee -a ${SSHD})\nesac`,
    [rootLogin(`(echo "PermitRootLogin yes" | tee -a ${SSHD})`)],
  ),
  userData("a pattern-like line outside any case", `"PermitRootLogin yes") echo hi`, [
    rootLogin(`"PermitRootLogin yes") echo hi`),
  ]),
  userData("the weak line uncommented", `sed -i 's/^#PermitRootLogin yes/PermitRootLogin yes/' ${SSHD}`, [
    rootLogin(`sed -i 's/^#PermitRootLogin yes/PermitRootLogin yes/' ${SSHD}`),
  ]),
  userData("a reminder in the message of the day", `echo "Reminder: PermitRootLogin yes is forbidden" > /etc/motd`),
  userData(
    "a pre-login banner from a here-document",
    "cat > /etc/issue.net <<'EOF'\nAuthorized use only. PasswordAuthentication yes is never allowed here.\nEOF",
  ),
  userData("a reminder in a motd.d fragment", `echo 'Note: PermitRootLogin yes is off' > /etc/motd.d/10-ssh`),
  userData(
    "the message of the day made part of sshd's configuration",
    `echo "PermitRootLogin yes" > /etc/motd\necho "Include /etc/motd" >> ${SSHD}`,
    [rootLogin("PermitRootLogin yes")],
  ),
  userData(
    "a reminder in a script run later still counts for its commands",
    `echo "echo Reminder; sed -i 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${SSHD}" > /opt/setup.sh`,
    [rootLogin(`echo Reminder; sed -i 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${SSHD}`)],
  ),
]);

rows("here-documents a program only logs or mails", [
  userData(
    "a report mailed",
    `mail -s report ops@example.com <<EOF\nPasswordAuthentication yes was found and fixed\nEOF`,
  ),
  userData("a note sent to logger through cat", `cat <<EOF | logger -t harden\nPermitRootLogin yes removed\nEOF`),
  userData("a document cat prints to the log", `cat <<'EOF'\nSet PermitRootLogin yes only for rescue.\nEOF`),
  userData("the document piped into tee -a sshd_config", `cat <<'EOF' | tee -a ${SSHD}\nPermitRootLogin yes\nEOF`, [
    rootLogin("PermitRootLogin yes"),
  ]),
  userData("the document piped into sh", `cat <<'EOF' | sh\necho PermitRootLogin yes >> ${SSHD}\nEOF`, [
    rootLogin(`echo PermitRootLogin yes >> ${SSHD}`),
  ]),
  userData("the document printed after exec > sshd_config", `exec > ${SSHD}\ncat <<'EOF'\nPermitRootLogin yes\nEOF`, [
    rootLogin("PermitRootLogin yes"),
  ]),
  userData(
    "a Python document that edits sshd_config is read as it is written",
    `python3 - <<'EOF'\nopen('${SSHD}', 'a').write('PermitRootLogin yes\\n')\nEOF`,
    [rootLogin(`open('${SSHD}', 'a').write('PermitRootLogin yes\\n')`)],
  ),
]);

rows("locking an account sets no password", [
  userData("chpasswd -e given a locked field", `echo 'svc:!' | chpasswd -e`),
  userData("chpasswd -e given locked fields by printf", `printf 'svc:!\\napp:*\\n' | chpasswd --encrypted`),
  userData("usermod -p '*'", `usermod -p '*' svc`),
  userData("useradd -p '!'", `useradd -m -p '!' svc`),
  userData("passwd -l", `passwd -l root`),
  userData("usermod -L", `usermod -L ec2-user`),
  userData("cloud-config without a password list", `#cloud-config\nssh_pwauth: false\nchpasswd:\n  expire: true\n`),
  userData("chpasswd without -e takes ! for the password", `echo 'svc:!' | chpasswd`, [
    setsPassword(`echo 'svc:!' | chpasswd`),
  ]),
  userData("chpasswd -e given a hash", `echo 'root:$6$abc$def' | chpasswd -e`, [
    setsPassword(`echo 'root:********' | chpasswd -e`),
  ]),
  userData("chpasswd -e given a locked field and a hash", `printf 'svc:!\\nroot:$6$x$y\\n' | chpasswd -e`, [
    setsPassword(`printf 'svc:!\\nroot:********\\n' | chpasswd -e`),
  ]),
  userData("chpasswd -e reading a document", `chpasswd -e <<'EOF'\nsvc:!\nEOF`, [setsPassword("chpasswd -e <<'EOF'")]),
  userData("usermod -p given a hash", `usermod -p '$6$abc$def' root`, [setsPassword(`usermod -p '********' root`)]),
  userData("useradd -p given a variable", `useradd -p "$HASH" ops`, [setsPassword(`useradd -p "$HASH" ops`)]),
  userData("useradd -p given an empty password", `useradd -p '' ops`, [setsPassword(`useradd -p '' ops`)]),
]);

rows("decisions: loosening that stays reported", [
  userData(
    "a Match block allowing passwords from private addresses (NAT and proxies make any client one)",
    `cat >> ${SSHD} <<EOF\nPasswordAuthentication no\nMatch Address 10.0.0.0/8\n  PasswordAuthentication yes\nEOF`,
    [opensPasswords("PasswordAuthentication yes")],
  ),
]);

const createFile = (path: string, content: string) => step("CreateFile", [{ path, content }]);
const createSymlink = (path: string, target: string, force?: boolean) =>
  step("CreateSymlink", [force === undefined ? { path, target } : { path, target, force }]);

rows("links: AWSTOE CreateSymlink (path, target, force) and ln -s", [
  awstoe(
    "a link made root's keys",
    [createFile("/opt/k", "ssh-ed25519 AAAA x"), createSymlink("/root/.ssh/authorized_keys", "/opt/k")],
    [rootKeys("ln -s -T -- /opt/k /root/.ssh/authorized_keys")],
  ),
  awstoe(
    // Its text replaces sshd_config: PasswordAuthentication is left to sshd's default (yes).
    "a link made sshd_config, to a file the component writes",
    [createFile("/opt/sshd", "PermitRootLogin yes"), createSymlink(SSHD, "/opt/sshd", true)],
    [opensPasswords("ln -s -T -f -- /opt/sshd /etc/ssh/sshd_config"), rootLogin("PermitRootLogin yes")],
  ),
  awstoe(
    "a folder linked as root's .ssh",
    [createSymlink("/root/.ssh", "/opt/keys")],
    [rootKeys("ln -s -T -- /opt/keys /root/.ssh")],
  ),
  awstoe("a written file linked elsewhere", [
    createFile("/opt/sshd", "PermitRootLogin yes"),
    createSymlink("/usr/local/share/sshd", "/opt/sshd"),
  ]),
  awstoe("a hardened file linked as a drop-in", [
    createFile("/opt/harden.conf", "PermitRootLogin no\nPasswordAuthentication no"),
    createSymlink("/etc/ssh/sshd_config.d/00-harden.conf", "/opt/harden.conf"),
  ]),
  userData("ln -s of a folder as root's .ssh", `ln -s /opt/keys /root/.ssh`, [rootKeys("ln -s /opt/keys /root/.ssh")]),
  userData("ln -s of a folder into root's .ssh/", `ln -s /opt/keys /root/.ssh/`),
]);

rows("a Dockerfile's SHELL", [
  container(
    "a SHELL whose script writes sshd_config at every RUN",
    [
      `SHELL ["/bin/bash", "-c", "echo PermitRootLogin yes >> ${SSHD}; exec bash -c \\"$0\\""]`,
      "RUN dnf -y install nginx",
    ],
    [rootLogin(`echo PermitRootLogin yes >> ${SSHD}; exec bash -c "$0"`)],
  ),
  container(
    "a RUN under SHELL bash -o pipefail keeps its text",
    [`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, `RUN echo 'PermitRootLogin yes' | tee -a ${SSHD}`],
    [rootLogin(`echo 'PermitRootLogin yes' | tee -a ${SSHD}`)],
  ),
  container("SHELL bash -o pipefail and a hardening RUN", [
    `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`,
    `RUN sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`,
  ]),
]);

const KEYS_FILE = `echo 'AuthorizedKeysFile /etc/ssh/keys/%u' >> ${SSHD}`;

rows("AuthorizedKeysFile pointed elsewhere", [
  userData("root's file under it written after", `${KEYS_FILE}\ncat /tmp/k.pub > /etc/ssh/keys/root`, [
    rootKeys("cat /tmp/k.pub > /etc/ssh/keys/root"),
  ]),
  userData("root's file under it written before", `cat /tmp/k.pub > /etc/ssh/keys/root\n${KEYS_FILE}`, [
    rootKeys("cat /tmp/k.pub > /etc/ssh/keys/root"),
  ]),
  userData(
    "a relative file, under root's home",
    `echo 'AuthorizedKeysFile .ssh/keys' >> ${SSHD}\necho ssh-ed25519 AAAA >> /root/.ssh/keys`,
    [rootKeys("echo ssh-ed25519 AAAA >> /root/.ssh/keys")],
  ),
  userData(
    "cloud-config write_files of root's file and the drop-in naming it",
    "#cloud-config\nwrite_files:\n  - path: /etc/ssh/keys/root\n    content: ssh-ed25519 AAAA\n  - path: /etc/ssh/sshd_config.d/10-keys.conf\n    content: AuthorizedKeysFile /etc/ssh/keys/%u\n",
    [rootKeys("write_files: /etc/ssh/keys/root")],
  ),
  userData("another user's file under it", `${KEYS_FILE}\ncat /tmp/k.pub > /etc/ssh/keys/ops`),
  userData("the pattern alone", KEYS_FILE),
]);

const PRINCIPALS_FILE = `echo 'AuthorizedPrincipalsFile /etc/ssh/auth_principals/%u' >> ${SSHD}`;
const CA = `echo 'TrustedUserCAKeys /etc/ssh/user_ca.pub' >> ${SSHD}`;

rows("AuthorizedPrincipalsFile: certificate principals accepted for root", [
  userData("root's principals written", `${CA}\n${PRINCIPALS_FILE}\necho admins > /etc/ssh/auth_principals/root`, [
    rootKeys("echo admins > /etc/ssh/auth_principals/root"),
  ]),
  userData(
    "root's principals from a here-document, before the directive",
    `mkdir -p /etc/ssh/auth_principals\ncat > /etc/ssh/auth_principals/root <<'EOF'\nadmins\nEOF\n${PRINCIPALS_FILE}\n${CA}`,
    ["writes /root/.ssh/authorized_keys: \"cat > /etc/ssh/auth_principals/root <<'EOF'\""],
  ),
  userData(
    "cloud-config drop-in and root's principals",
    "#cloud-config\nwrite_files:\n  - path: /etc/ssh/sshd_config.d/20-ca.conf\n    content: |\n      TrustedUserCAKeys /etc/ssh/user_ca.pub\n      AuthorizedPrincipalsFile /etc/ssh/principals/%u\n  - path: /etc/ssh/principals/root\n    content: ops-oncall\n",
    [rootKeys("write_files: /etc/ssh/principals/root")],
  ),
  userData("an operator's principals", `${CA}\n${PRINCIPALS_FILE}\necho ops > /etc/ssh/auth_principals/ops`),
  userData("the CA and the pattern alone", `${CA}\n${PRINCIPALS_FILE}`),
  userData("principals turned off", `echo 'AuthorizedPrincipalsFile none' >> ${SSHD}\necho admins > /root/none`),
]);

describe("a directive set from outside the script is a note, not a violation", () => {
  it.each<[string, string]>([
    ["an unset variable", `echo "PermitRootLogin $MODE" >> ${SSHD}`],
    ["a template's placeholder", `echo "PasswordAuthentication {{ pw_auth }}" >> ${SSHD}`],
  ])("%s", async (_name, script) => {
    const ds = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: script });
    expect(ds.filter((d) => d.level === "mandatory")).toEqual([]);
    const notes = ds.filter((d) => d.level === "advisory").map((d) => d.message);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("cannot be verified at preview: userData may ");
    expect(notes[0]).toContain(script);
  });

  it("a variable the script sets to yes stays a violation", async () => {
    const ds = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `MODE=yes\necho "PermitRootLogin $MODE" >> ${SSHD}`,
    });
    expect(ds.filter((d) => d.level === "mandatory").map((d) => d.message)).toEqual([
      expect.stringContaining(`userData permits root login: "echo "PermitRootLogin $MODE" >> ${SSHD}"`),
    ]);
  });
});

rows("for loops read once per word", [
  userData(
    "one line: each directive set to yes",
    `for k in PermitRootLogin PasswordAuthentication; do sed -i "s/^#\\?$k .*/$k yes/" ${SSHD}; done`,
    [
      rootLogin(`for k in PermitRootLogin PasswordAuthentication; do sed -i "s/^#\\?$k .*/$k yes/" ${SSHD}; done`),
      opensPasswords(`for k in PermitRootLogin PasswordAuthentication; do sed -i "s/^#\\?$k .*/$k yes/" ${SSHD}; done`),
    ],
  ),
  userData(
    "one line: each directive set to no",
    `for k in PermitRootLogin PasswordAuthentication; do sed -i "s/^#\\?$k .*/$k no/" ${SSHD}; done`,
  ),
  userData(
    "one line: root's .ssh as the folder",
    `for d in /root/.ssh; do cat /tmp/k.pub >> $d/authorized_keys; done`,
    [rootKeys("for d in /root/.ssh; do cat /tmp/k.pub >> $d/authorized_keys; done")],
  ),
  userData("one line: another user's .ssh", `for d in /home/ops/.ssh; do cat /tmp/k.pub >> $d/authorized_keys; done`),
  userData(
    "over lines, do on its own line, a pipeline into tee",
    `for f in /tmp/a ${SSHD}\ndo\n  echo 'PermitRootLogin yes' | tee -a "$f"\ndone\necho end`,
    [rootLogin(`echo 'PermitRootLogin yes' | tee -a "$f"`)],
  ),
  userData("over lines: accounts locked", `for u in alice bob; do\n  usermod -L "$u"\ndone`),
  userData(
    "the drop-ins flipped to yes through a glob",
    `for f in /etc/ssh/sshd_config.d/*.conf; do sed -i 's/no/yes/' "$f"; done`,
    [
      opensPasswords(`for f in /etc/ssh/sshd_config.d/*.conf; do sed -i 's/no/yes/' "$f"; done`),
      rootLogin(`for f in /etc/ssh/sshd_config.d/*.conf; do sed -i 's/no/yes/' "$f"; done`),
    ],
  ),
]);

const UBUNTU_DROP_IN = "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf";
const HARDENED_DROP_IN = `cat > /etc/ssh/sshd_config.d/00-mine.conf <<'EOF'\nPasswordAuthentication no\nPermitRootLogin no\nEOF`;

rows("operators' keys, and the image's hardening replaced or taken away", [
  userData(
    "a key added in the operator's own shell",
    `su - ubuntu -c 'echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys'`,
  ),
  userData("the same in root's shell", `su - root -c 'echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys'`, [
    rootKeys(`su - root -c 'echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys'`),
  ]),
  userData("keys imported for the operator", "sudo -u ubuntu ssh-import-id gh:ops"),
  userData("keys imported by root", "ssh-import-id gh:ops", [rootKeys("ssh-import-id gh:ops")]),
  userData("a key appended from the operator's .ssh", "cd /home/ops/.ssh && cat /tmp/ops.pub >> authorized_keys"),
  userData("a key appended from root's .ssh", "cd /root/.ssh && cat /tmp/ops.pub >> authorized_keys", [
    rootKeys("cd /root/.ssh && cat /tmp/ops.pub >> authorized_keys"),
  ]),
  awstoe("keys downloaded for the operator", [bashStep("aws s3 cp s3://keys/ops.pub /home/ops/.ssh/authorized_keys")]),
  awstoe(
    "keys downloaded for root",
    [bashStep("aws s3 cp s3://keys/ops.pub /root/.ssh/authorized_keys")],
    [rootKeys("aws s3 cp s3://keys/ops.pub /root/.ssh/authorized_keys")],
  ),
  userData("Ubuntu's drop-in replaced by the platform's", `rm -f ${UBUNTU_DROP_IN}\n${HARDENED_DROP_IN}`),
  userData("Ubuntu's drop-in removed", `rm -f ${UBUNTU_DROP_IN}`, [opensPasswords(`rm -f ${UBUNTU_DROP_IN}`)]),
  userData(
    "sshd_config's line commented out for the platform's drop-in",
    `sed -i 's/^PasswordAuthentication/#&/' ${SSHD}\n${HARDENED_DROP_IN}`,
  ),
  container(
    "sshd_config's hardened line deleted",
    [`RUN sed -i '/^PasswordAuthentication no/d' ${SSHD}`],
    [opensPasswords(`sed -i '/^PasswordAuthentication no/d' ${SSHD}`)],
  ),
  container("sshd_config replaced by a hardened one", [
    "# syntax=docker/dockerfile:1",
    `COPY <<EOF ${SSHD}`,
    "Port 22",
    "PasswordAuthentication no",
    "PermitRootLogin no",
    "EOF",
  ]),
  container(
    "sshd_config replaced by one that leaves passwords to the default",
    ["# syntax=docker/dockerfile:1", `COPY <<EOF ${SSHD}`, "Port 22", "PermitRootLogin no", "EOF"],
    [opensPasswords(`cat > ${SSHD} <<'COPY'`)],
  ),
  userData("sshd's options hardened", `echo 'OPTIONS="-oPasswordAuthentication=no"' >> /etc/sysconfig/sshd`),
  userData("sshd's options weakened", `echo 'OPTIONS="-oPasswordAuthentication=yes"' >> /etc/sysconfig/sshd`, [
    opensPasswords('OPTIONS="-oPasswordAuthentication=yes"'),
  ]),
]);

const MOVED_BACK = ` > /tmp/s && mv /tmp/s ${SSHD}`;
const hex = (s: string) => Buffer.from(s).toString("hex");

rows("hardened lines deleted by grep and awk spellings, and by scripts decoded from hex", [
  userData("grep -vx of comments", `grep -vx '#.*' ${SSHD}${MOVED_BACK}`),
  userData("grep -vx of the hardened line", `grep -vx 'PasswordAuthentication no' ${SSHD}${MOVED_BACK}`, [
    opensPasswords(`grep -vx 'PasswordAuthentication no' ${SSHD}${MOVED_BACK}`),
  ]),
  cloudAssistant("awk of comments and blanks", `awk '!/^#/ && !/^$/' ${SSHD}${MOVED_BACK}`),
  cloudAssistant(
    "awk of comments and the hardened line",
    `awk '!/^#/ && !/PasswordAuthentication no/' ${SSHD}${MOVED_BACK}`,
    [opensPasswords(`awk '!/^#/ && !/PasswordAuthentication no/' ${SSHD}${MOVED_BACK}`)],
  ),
  awstoe("grep -v -f of comment patterns it wrote", [
    bashStep("echo '^#' > /tmp/pats", `grep -v -f /tmp/pats ${SSHD}${MOVED_BACK}`),
  ]),
  awstoe(
    "grep -v -f of the hardened line it wrote",
    [bashStep("echo 'PasswordAuthentication no' > /tmp/pats", `grep -v -f /tmp/pats ${SSHD}${MOVED_BACK}`)],
    [opensPasswords(`grep -v -f /tmp/pats ${SSHD}${MOVED_BACK}`)],
  ),
  container("a hardening script from hex", [
    `RUN echo ${hex(`sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' ${SSHD}`)} | xxd -r -p | sh`,
  ]),
  container(
    "a deletion of the hardened line from hex",
    [`RUN xxd -r -p <<< ${hex(`sed -i '/^PasswordAuthentication no/d' ${SSHD}`)} | bash`],
    [opensPasswords(`sed -i '/^PasswordAuthentication no/d' ${SSHD}`)],
  ),
]);

it("grep -v -f of patterns the script does not write is a note, not a violation", async () => {
  const script = `grep -v -f /etc/site/patterns ${SSHD}${MOVED_BACK}`;
  const ds = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: script });
  expect(ds.filter((d) => d.level === "mandatory")).toEqual([]);
  const notes = ds.filter((d) => d.level === "advisory").map((d) => d.message);
  expect(notes).toEqual([expect.stringContaining("cannot be verified at preview: userData may enable SSH password")]);
  expect(notes[0]).toContain("/etc/site/patterns");
});
