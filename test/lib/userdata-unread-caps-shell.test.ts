// The shell reader's caps (quoted words and continued lines, variables, loops, printf, nested scripts, redirections)
// either read what bash runs past them or report it as unread-content: a weakening past a cap is no silent pass. Each
// cap has the shape just under it, the shape over it, and where it applies a benign script over it that drops nothing
// bash would run, which stays clean.
import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";
import { mayBeRootKeys } from "./may-be-root-keys";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk attacker";
const weaknesses = (text: string): LoginWeakness[] => [...findLoginWeaknesses(text)];
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const rootKeys = (line: string, via?: string): LoginWeakness =>
  via === undefined ? { kind: "root-authorized-keys", line } : { kind: "root-authorized-keys", line, via };
const XRDP = "xrdp: logs in with the system's passwords; use SSH with keys through the bastion and remove the server";
const LAST = "cat /tmp/k >> /root/.ssh/authorized_keys";
const lines = (n: number, line: string) => Array<string>(n).fill(line).join("\n");

describe("a quoted word or continued line past the line and character caps", () => {
  /** `bash -c '` over lines: sshd_config appended to, then n lines of `:`. */
  const quoted = (n: number) =>
    `bash -c '\necho "PasswordAuthentication yes\n" >> /etc/ssh/sshd_config\n${lines(n, ":")}\n'`;
  /** A word of 10 lines of 26 KB each (260 KB), as gzip+base64: small as user data, past the cap once inflated. */
  const wide = `bash -c '\necho "PasswordAuthentication yes\n" >> /etc/ssh/sshd_config\n${lines(10, `: ${"x".repeat(26 * 1024)}`)}\n'`;
  const continued = (n: number) => `apt-get install -y \\\n${lines(n, "  \\")}\n  htop xrdp`;
  const useradd = (n: number) => `useradd \\\n${lines(n, "  -m \\")}\n  -p "$(openssl passwd -6 S3cretPass)" admin`;
  it.each<[string, string, LoginWeakness[]]>([
    [
      "a quoted word of 990 lines: read whole",
      `#!/bin/bash\n${quoted(990)}\n`,
      [{ kind: "password-authentication", line: quoted(990) }],
    ],
    [
      "a quoted word past 1,000 lines that closes: read whole, as bash reads it",
      `#!/bin/bash\n${quoted(1001)}\n`,
      [{ kind: "password-authentication", line: quoted(1001) }],
    ],
    [
      "a stray quote past 1,000 lines, which never closes: bash runs none of it",
      `#!/bin/bash\nbash -c '\n${lines(1001, ":")}\n`,
      [],
    ],
    [
      "a stray quote past 1,000 lines, its lines read alone",
      `#!/bin/bash\necho "Don't\n${lines(1001, ":")}\nPermitRootLogin yes\n`,
      [{ kind: "root-login", line: "PermitRootLogin yes" }],
    ],
    ["an echo of 2,000 blank lines", `#!/bin/bash\necho '\n${lines(2000, "")}\n'\n`, []],
    [
      "a quoted word past 256 KB that closes, as gzip+base64: read whole",
      gzipSync(`#!/bin/bash\n${wide}\n`).toString("base64"),
      [{ kind: "password-authentication", line: wide }],
    ],
    [
      "a line continued over 990 lines: read whole",
      `#!/bin/bash\n${continued(990)}\n`,
      [{ kind: "password-login-server", line: continued(990).replace(/\\\n/g, ""), note: XRDP }],
    ],
    [
      "a line continued past 1,000 lines",
      `#!/bin/bash\n${continued(1001)}\n`,
      [unread("a command line continued past 1,000 lines")],
    ],
    [
      "useradd -p continued past 1,000 lines",
      `#!/bin/bash\n${useradd(1001)}\n`,
      [unread("a command line continued past 1,000 lines")],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("variables past the reader's bounds", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `V${i}=${i}`).join("\n");
  const keysVia = (n: number) => `#!/bin/bash\n${names(n)}\nK=/root/.ssh\necho "${KEY}" >> $K/authorized_keys\n`;
  const value = (pad: number) =>
    `#!/bin/bash\nCMD="cat /tmp/k >> /root/.ssh/authorized_keys${" ".repeat(pad)}"\neval "$CMD"\n`;
  const S = " ".repeat(4000);
  const growth = (n: number, after: string) =>
    `#!/bin/bash\nCMD="cat /tmp/k >> /root/.ssh/authorized_keys"\nS="${S}"\ncat > /etc/rc.local <<EOF\n#!/bin/bash\n${lines(n, "# $S")}\n${after}EOF\nchmod +x /etc/rc.local\n`;
  const fallback = (slashes: number) => `echo "${KEY}" >> \${KEYDIR:-/root/${"/".repeat(slashes)}.ssh}/authorized_keys`;
  it.each<[string, string, LoginWeakness[]]>([
    ["root's keys through the 256th name", keysVia(255), [rootKeys(`echo "${KEY}" >> $K/authorized_keys`)]],
    [
      "root's keys through a name past the 256 kept",
      keysVia(256),
      [unread("a variable set past the 256 names the reader keeps")],
    ],
    ["names past the 256 kept, none of them used", `#!/bin/bash\n${names(300)}\necho done\n`, []],
    ["a command in a value under 4,096 characters", value(4000), [rootKeys('eval "$CMD"')]],
    ["a command in a value over 4,096 characters", value(4060), [unread("a variable's value over 4,096 characters")]],
    ["a value over 4,096 characters that nothing uses", `#!/bin/bash\nPAD="${" ".repeat(5000)}"\necho done\n`, []],
    [
      "a command held in a variable, in a here-document within 64 KB of expansions",
      growth(15, "$CMD\n"),
      [rootKeys("cat /tmp/k >> /root/.ssh/authorized_keys", "/etc/rc.local")],
    ],
    [
      "a command held in a variable, in a here-document past 64 KB of expansions",
      growth(17, "$CMD\n"),
      [unread("variables expanding past 64 KB in one command or here-document")],
    ],
    ["a here-document that reaches 64 KB of expansions and stops", growth(17, ""), []],
    ["root's keys as a default of 200 characters", `#!/bin/bash\n${fallback(200)}\n`, [rootKeys(fallback(200))]],
    ["root's keys as a default past 256 characters", `#!/bin/bash\n${fallback(260)}\n`, [rootKeys(fallback(260))]],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("loops past the words and body bounds", () => {
  const homes = (n: number) => [...Array.from({ length: n - 1 }, (_, i) => `/home/u${i}`), "/root"].join(" ");
  const keysLoop = (n: number) =>
    `for d in ${homes(n)}; do mkdir -p $d/.ssh; echo "${KEY}" >> $d/.ssh/authorized_keys; done`;
  /** `words` words over a body of `commands` commands, the last writing root's keys when `uses`. */
  const wide = (words: number, commands: number, uses = true) =>
    `#!/bin/bash\nfor d in ${homes(words)}; do\n${lines(commands - 1, "  :")}\n  ${uses ? `echo "${KEY}" >> $d/.ssh/authorized_keys` : "echo ok"}\ndone\n`;
  const long = (filler: string, n: number) =>
    `#!/bin/bash\nfor d in /root; do\n${lines(n, filler)}\n  echo "${KEY}" >> $d/.ssh/authorized_keys\ndone\n`;
  it.each<[string, string, LoginWeakness[]]>([
    ["a loop over 16 words", `#!/bin/bash\n${keysLoop(16)}\n`, [rootKeys(keysLoop(16))]],
    ["a loop over 17 words, read once per word", `#!/bin/bash\n${keysLoop(17)}\n`, [rootKeys(keysLoop(17))]],
    ["64 words over 64 commands (4,096 passes)", wide(64, 64), [rootKeys(`echo "${KEY}" >> $d/.ssh/authorized_keys`)]],
    [
      "65 words over 64 commands, past 4,096 passes",
      wide(65, 64),
      // Read line by line, the body writes keys under a home the reader does not know: a note of its own.
      [
        mayBeRootKeys(`echo "${KEY}" >> $d/.ssh/authorized_keys`),
        unread("a loop whose words times its body pass 4,096 commands or 1 MB"),
      ],
    ],
    ["65 words over 64 commands that do not use the word", wide(65, 64, false), []],
    ["a body of 300 commands", long("  :", 300), [rootKeys(`echo "${KEY}" >> $d/.ssh/authorized_keys`)]],
    ["a body of 1,001 blank lines", long("", 1001), [rootKeys(`echo "${KEY}" >> $d/.ssh/authorized_keys`)]],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("printf past 64 KB of output", () => {
  const printf = (n: number) => {
    const fill = Array.from({ length: n }, (_, i) => `": step ${i}"`).join(" ");
    return `printf '%s\\n#${"-".repeat(4000)}\\n' ${fill} '${LAST}' | bash`;
  };
  it.each<[string, string, LoginWeakness[]]>([
    ["14 arguments before the last", `#!/bin/bash\n${printf(14)}\n`, [rootKeys(LAST)]],
    ["17 arguments before the last: the rest read as they are", `#!/bin/bash\n${printf(17)}\n`, [rootKeys(LAST)]],
    [
      "a format without conversions prints its arguments nowhere",
      "#!/bin/bash\nprintf 'echo hello\\n' 'cat /tmp/k >> /root/.ssh/authorized_keys' | bash\n",
      [],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("scripts nested past two levels", () => {
  const inner = `echo ${KEY} >> /root/.ssh/authorized_keys`;
  const PAST = unread("a script run by sh -c or eval nested past 2 levels");
  it.each<[string, string, LoginWeakness[]]>([
    ["bash -c two deep", `bash -c "bash -c '${inner}'"`, [rootKeys(`bash -c "bash -c '${inner}'"`)]],
    ["bash -c three deep", `bash -c "bash -c \\"bash -c '${inner}'\\""`, [PAST]],
    ["eval three deep", `eval "eval \\"eval '${inner}'\\""`, [PAST]],
    ["su -c three deep", `su -c "su -c \\"su -c '${inner}'\\""`, [PAST]],
    ["sudo bash -c three deep", `bash -c "su root -c \\"sudo bash -c '${inner}'\\""`, [PAST]],
  ])("%s", (_name, line, expected) => expect(weaknesses(`#!/bin/bash\n${line}\n`)).toEqual(expected));
});

describe("output redirected more than 16 times", () => {
  const redirected = (n: number) =>
    `echo "PasswordAuthentication yes" ${Array.from({ length: n }, (_, i) => `> /var/log/s${i}.log`).join(" ")} >> /etc/ssh/sshd_config`;
  it.each<[string, string, LoginWeakness[]]>([
    ["15 files, then sshd_config", redirected(15), [{ kind: "password-authentication", line: redirected(15) }]],
    [
      "16 files, then sshd_config, where bash writes",
      redirected(16),
      [{ kind: "password-authentication", line: redirected(16) }],
    ],
  ])("%s", (_name, line, expected) => expect(weaknesses(`#!/bin/bash\n${line}\n`)).toEqual(expected));
});
