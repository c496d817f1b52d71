// The reader's notes for sshd directives that let root in without root's authorized_keys, and root's keys under a
// home usermod gives root. Needs the reader wired to userdata-root-side-doors (noteRootSideDoors in scanWrites) and
// userdata-root-accounts (rootHomeKeysFiles in rootKeysFilesNamed).
import { findLoginWeaknesses } from "../../lib/userdata";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { run } from "../policies/harness";

/** Each finding's kind, `?` after an unverifiable one, sorted. */
const verdicts = (text: string) =>
  [...new Set(findLoginWeaknesses(text).map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`))].sort();
const SSHD = "/etc/ssh/sshd_config";
const DIR = "/etc/ssh/sshd_config.d";
const ROOT = "root-login";
const NOTE = `${ROOT}?`;
const KEYS = "root-authorized-keys";
const CA = `echo 'TrustedUserCAKeys /etc/ssh/user_ca.pub' >> ${SSHD}`;
const EIC = "AuthorizedKeysCommand /opt/aws/bin/eic_run_authorized_keys %u %f";
const writeFiles = (path: string, content: string) =>
  `#cloud-config\nwrite_files:\n  - path: ${path}\n    content: ${JSON.stringify(content)}\n`;

describe("a side door into root while root login is not refused is a note", () => {
  it.each<[string, string, string[]]>([
    ["a user CA", CA, [NOTE]],
    ["a user CA in a drop-in", `echo 'TrustedUserCAKeys /etc/ssh/user_ca.pub' > ${DIR}/20-ca.conf`, [NOTE]],
    [
      "EC2 Instance Connect's command",
      `cat >> ${SSHD} <<'EOF'\n${EIC}\nAuthorizedKeysCommandUser ec2-instance-connect\nEOF`,
      [NOTE],
    ],
    [
      "a principals command by write_files",
      writeFiles(`${DIR}/20-p.conf`, "AuthorizedPrincipalsCommand /usr/local/bin/p %u\n"),
      [NOTE],
    ],
    [
      "host-based login and root's .shosts",
      `echo 'HostbasedAuthentication yes' >> ${SSHD}\necho 'bastion root' > /root/.shosts`,
      [NOTE],
    ],
    [
      "host-based login turned on by sed",
      `sed -i 's/^#HostbasedAuthentication.*/HostbasedAuthentication yes/' ${SSHD}`,
      [NOTE],
    ],
    ["root login with a key allowed too", `${CA}\necho 'PermitRootLogin prohibit-password' >> ${SSHD}`, [ROOT, NOTE]],
    [
      "PermitRootLogin no only inside a Match block",
      `${CA}\nprintf 'Match User ops\\nPermitRootLogin no\\n' >> ${SSHD}`,
      [NOTE],
    ],
    [
      "in a file sshd is made to read",
      "echo 'TrustedUserCAKeys /ca.pub' > /opt/x.conf\necho 'Include /opt/x.conf' >> /etc/ssh/sshd_config",
      [NOTE],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("the note says how root gets in and what to set", () => {
    const [note] = findLoginWeaknesses(CA);
    expect(note).toMatchObject({ kind: ROOT, unverifiable: true, line: CA });
    expect(note.note).toBe(
      'TrustedUserCAKeys /etc/ssh/user_ca.pub: any certificate the CA signs for principal root logs in as root, without root\'s authorized_keys; set "PermitRootLogin no" to keep root out',
    );
  });

  it.each<[string, string]>([
    ["PermitRootLogin no in sshd_config after", `${CA}\necho 'PermitRootLogin no' >> ${SSHD}`],
    ["PermitRootLogin no in a drop-in before", `echo 'PermitRootLogin no' > ${DIR}/01-root.conf\n${CA}`],
    ["in the same drop-in", `cat > ${DIR}/10-eic.conf <<'EOF'\n${EIC}\nPermitRootLogin no\nEOF`],
    ["turned off", `echo 'TrustedUserCAKeys none' >> ${SSHD}`],
    ["commented out", `echo '#TrustedUserCAKeys /etc/ssh/user_ca.pub' >> ${SSHD}`],
    ["host-based login off", `echo 'HostbasedAuthentication no' >> ${SSHD}`],
    ["in a file sshd does not read", "echo 'TrustedUserCAKeys /etc/ssh/user_ca.pub' > /opt/readme.txt"],
    ["printed to the log", "echo 'TrustedUserCAKeys /etc/ssh/user_ca.pub is set' >&2"],
  ])("%s: none", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("the policy reports it as advisory, not as a violation", async () => {
    const ds = await run(disallowUserdataLoginWeakening, "aws:ec2/instance:Instance", { userData: CA });
    expect(ds.filter((d) => d.level === "mandatory")).toEqual([]);
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining(`cannot be verified at preview: userData may permit root login: "${CA}"`),
    ]);
  });
});

describe("root's keys under the home usermod gives root", () => {
  it.each<[string, string, string[]]>([
    ["written after", "usermod -d /opt/r root\necho ssh-ed25519 AAAA > /opt/r/.ssh/authorized_keys", [KEYS]],
    ["written before", "cp /tmp/k /opt/r/.ssh/authorized_keys2\nusermod -m --home /opt/r root", [KEYS]],
    [
      "by cloud-config",
      "#cloud-config\nruncmd:\n  - usermod -d /opt/r root\n  - echo ssh-ed25519 AAAA >> /opt/r/.ssh/authorized_keys\n",
      [KEYS],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["another account's home", "usermod -d /opt/r ops\necho ssh-ed25519 AAAA > /opt/r/.ssh/authorized_keys"],
    ["another folder", "usermod -d /opt/r root\necho ssh-ed25519 AAAA > /opt/x/.ssh/authorized_keys"],
    [
      "moved back",
      "usermod -d /opt/r root\nusermod -d /root root\necho ssh-ed25519 AAAA > /opt/r/.ssh/authorized_keys",
    ],
  ])("%s: none", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});
