import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { decoderOf } from "../../lib/userdata-decoders";
import { parseCommands } from "../../lib/userdata-destinations";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const vias = (text: string) => findLoginWeaknesses(text).map((w) => [w.kind, w.via]);
const b64 = (s: string) => Buffer.from(s).toString("base64");
const hex = (s: string) => Buffer.from(s).toString("hex");
/** printf's `\xHH` escapes for every byte, as a script hides a command from a reader of its text. */
const escaped = (s: string) => [...Buffer.from(s)].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
const SSHD = "/etc/ssh/sshd_config";
const DIR = "/etc/ssh/sshd_config.d";

describe("text written where it is read later", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "sudo bash -c 'cat >> /etc/rc.local' from a here-document",
      `sudo bash -c 'cat >> /etc/rc.local' <<EOF\nsed -i 's/PermitRootLogin no/PermitRootLogin yes/' ${SSHD}\nEOF`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "su -c 'cat > a cron.d file'",
      `su -c 'cat > /etc/cron.d/x' root <<'EOF'\n@reboot root echo root:pw | chpasswd\nEOF`,
      [["password-set", "/etc/cron.d/x"]],
    ],
    [
      "a here-document inside bash -c over lines",
      `bash -c '\ncat >> /etc/rc.local <<EOF\necho PermitRootLogin yes >> ${SSHD}\nEOF\n'`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "systemctl edit --stdin",
      `systemctl edit --stdin sshd <<EOF\n[Service]\nExecStart=\nExecStart=/usr/sbin/sshd -D -o PasswordAuthentication=yes\nEOF`,
      [["password-authentication", "/etc/systemd/system/sshd.service.d/override.conf"]],
    ],
    [
      "base64 decoded into rc.local",
      `base64 -d > /etc/rc.local <<'EOF'\n${b64(`#!/bin/sh\necho PermitRootLogin yes >> ${SSHD}\n`)}\nEOF`,
      [["root-login", "/etc/rc.local"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(vias(text)).toEqual(expected);
  });
});

describe("scripts a script decodes as it runs", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "echo | base64 -d | bash",
      `echo ${b64(`echo 'PermitRootLogin yes' >> ${SSHD}`)} | base64 -d | bash`,
      ["root-login"],
    ],
    [
      "base64 --decode into a drop-in",
      `echo ${b64("PasswordAuthentication yes\n")} | base64 --decode > ${DIR}/01.conf`,
      ["password-authentication"],
    ],
    ["a here-string into a drop-in", `base64 -d <<< ${b64("PermitRootLogin yes\n")} > ${DIR}/01.conf`, ["root-login"]],
    [
      "gzip, then base64",
      `echo ${gzipSync(`echo 'PasswordAuthentication yes' >> ${SSHD}`).toString("base64")} | base64 -d | gunzip | sh`,
      ["password-authentication"],
    ],
    ["bash <<< $(base64 -d <<< …)", `bash <<< "$(base64 -d <<< ${b64("echo root:x | chpasswd")})"`, ["password-set"]],
    [
      "bash -c $(echo … | base64 -d)",
      `bash -c "$(echo ${b64("echo root:x | chpasswd")} | base64 -d)"`,
      ["password-set"],
    ],
    [
      "openssl base64 -d into sshd_config",
      `echo ${b64("PermitRootLogin yes\n")} | openssl base64 -d >> ${SSHD}`,
      ["root-login"],
    ],
    [
      "openssl enc -base64 -d | sh",
      `echo ${b64("echo root:x | chpasswd")} | openssl enc -base64 -d | sh`,
      ["password-set"],
    ],
    [
      "openssl enc -a -d into a drop-in",
      `openssl enc -a -d <<< ${b64("PasswordAuthentication yes\n")} > ${DIR}/01.conf`,
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["an application's configuration", `echo ${b64('{"a": 1}')} | base64 -d > /etc/app/config.json`],
    [
      "a hardening script",
      `echo ${b64(`sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`)} | base64 -d | bash`,
    ],
    [
      "openssl enc decrypting AES, not decoding base64",
      `echo ${b64("PermitRootLogin yes\n")} | openssl enc -aes-256-cbc -d -pass env:K > /tmp/x`,
    ],
    [
      "openssl decoding a hardened drop-in",
      `echo ${b64("PasswordAuthentication no\nPermitRootLogin no\n")} | openssl base64 -d > ${DIR}/00-mine.conf`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("3,000 decoded scripts share the scan's budgets", () => {
    expect(kinds(`echo ${hex("echo hi")} | xxd -r -p | sh\n`.repeat(3_000))).toEqual([]);
    expect(kinds(`echo ${b64("echo hi")} | base64 -d | sh\n`.repeat(3_000))).toEqual([]);
  });
});

describe("scripts decoded from hex or printf's escapes, read as base64's are", () => {
  /** A deletion of the hardened line, which every decoding below must be reported as. */
  const DELETION = `grep -v 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`;
  const HARDENING = `sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' ${SSHD}`;
  const UNRELATED = `grep -v '^#' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`;
  const findings = (text: string) => findLoginWeaknesses(text);

  it.each<[string, (script: string) => string]>([
    ["xxd -r -p <<< HEX | bash", (script) => `xxd -r -p <<< ${hex(script)} | bash`],
    ["echo HEX | xxd -r -p | sh", (script) => `echo ${hex(script)} | xxd -r -p | sh`],
    ["xxd -p -r, options the other way", (script) => `echo ${hex(script)} | xxd -p -r | sh`],
    ["xxd -rp, bundled", (script) => `echo ${hex(script)} | xxd -rp | bash`],
    ["xxd -r -ps, a here-document", (script) => `xxd -r -ps <<'EOF' | bash\n${hex(script)}\nEOF`],
    ["hex with blanks between its bytes", (script) => `echo "${hex(script).replace(/(..)/g, "$1 ")}" | xxd -r -p | sh`],
    ["xxd into a script run later", (script) => `echo ${hex(script)} | xxd -r -p > /tmp/x.sh && bash /tmp/x.sh`],
    ["printf '\\x…' | bash", (script) => `printf '${escaped(script)}' | bash`],
    ["printf '%b' '\\x…' | sh", (script) => `printf '%b' '${escaped(script)}' | sh`],
    ["the base64 form, for comparison", (script) => `echo ${b64(script)} | base64 -d | bash`],
  ])("%s is read as the script it decodes to", (_name, form) => {
    expect(findings(form(DELETION))).toEqual(findings(DELETION));
    expect(findings(DELETION)).toHaveLength(1);
    expect(findings(form(HARDENING))).toEqual([]);
    expect(findings(form(UNRELATED))).toEqual([]);
  });

  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "xxd -r -p into sshd_config",
      `echo ${hex("PasswordAuthentication yes\n")} | xxd -r -p >> ${SSHD}`,
      ["password-authentication"],
    ],
    ["xxd -r -p into a drop-in", `xxd -r -p <<< ${hex("PermitRootLogin yes\n")} > ${DIR}/01.conf`, ["root-login"]],
    ["xxd -r -p of chpasswd, into sh", `echo ${hex("echo root:x | chpasswd")} | xxd -r -p | sh`, ["password-set"]],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    // Without -r xxd encodes: what it prints is hex, not the script.
    ["xxd -p, encoding", `echo ${hex("echo root:x | chpasswd")} | xxd -p | sh`],
    [
      "xxd -r -p of a hardened drop-in",
      `echo ${hex("PasswordAuthentication no\nPermitRootLogin no\n")} | xxd -r -p > ${DIR}/00-mine.conf`,
    ],
    ["xxd -r -p into an application's file", `echo ${hex("PermitRootLogin yes\n")} | xxd -r -p > /etc/app/notes.txt`],
    ["printf of a hardening script into bash", `printf '${escaped(HARDENING)}' | bash`],
    ["printf of the directive into a log", `printf '${escaped("PasswordAuthentication yes")}\\n' | logger`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("knows which commands decode, and from what", () => {
    const decoder = (line: string) => decoderOf(parseCommands(line)[0]);
    const text = (line: string, encoded: string) => {
      const bytes = decoder(line)?.(encoded);
      return bytes && Buffer.from(bytes).toString("utf8");
    };
    for (const line of ["xxd -r -p", "xxd -p -r", "xxd -rp", "xxd -pr", "xxd -revert -plain", "xxd -r -ps -c 30"])
      expect(text(line, "50 65\n726d")).toBe("Perm");
    // An odd last digit is dropped, as xxd drops it.
    expect(text("xxd -r -p", "506")).toBe("P");
    expect(text("xxd -r -p", "not hex")).toBeUndefined();
    expect(text("base64 -d", b64("Perm"))).toBe("Perm");
    for (const line of ["xxd", "xxd -p", "xxd -r", "xxd -i", "base64", "od -An -tx1", "printf x"])
      expect(decoder(line)).toBeUndefined();
  });

  it("quotes the decoded line, not the printf that carries it", () => {
    const [weakness] = findings(`printf '${escaped(`echo 'PermitRootLogin yes' >> ${SSHD}`)}' | bash`);
    expect(weakness).toMatchObject({ kind: "root-login", line: `echo 'PermitRootLogin yes' >> ${SSHD}` });
  });
});

describe("files sshd does not read", () => {
  it.each<[string, string]>([
    ["the client's configuration", `echo 'PasswordAuthentication yes' >> /etc/ssh/ssh_config`],
    ["a client drop-in", `printf 'Host *\\n  PasswordAuthentication yes\\n' > /etc/ssh/ssh_config.d/99.conf`],
    ["root's client configuration", `echo 'PasswordAuthentication yes' >> ~/.ssh/config`],
    ["a log, led by the directive", `echo "PasswordAuthentication yes detected; fixing" >> /var/log/harden.log`],
    ["a template kept for later", `cat > /opt/templates/sshd.conf <<'EOF'\nPermitRootLogin yes\nEOF`],
    ["ssh's -o", "ssh -o PasswordAuthentication=yes user@host true"],
    ["ssh's glued -o", "ssh -oPasswordAuthentication=yes host true"],
    ["scp's -o", "scp -o PasswordAuthentication=yes f host:/tmp"],
    ["sshpass running ssh", "sshpass -p x ssh -o PasswordAuthentication=yes root@10.0.0.2 uptime"],
    ["a disk mounted", "mount -t ext4 /dev/xvdb /data"],
    [
      "sed on the client's configuration",
      "sed -i 's/^#\\s*PasswordAuthentication yes/PasswordAuthentication yes/' /etc/ssh/ssh_config",
    ],
    [
      "uncommenting in the client's configuration",
      "sed -i 's/^#PasswordAuthentication/PasswordAuthentication/' /etc/ssh/ssh_config",
    ],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each<[string, string, LoginWeaknessKind[]]>([
    ["a file then fed to tee", `echo 'PermitRootLogin yes' > /tmp/x\nsudo tee -a ${SSHD} < /tmp/x`, ["root-login"]],
    [
      "a file then given to dd",
      `echo 'PasswordAuthentication yes' > /tmp/x\ndd if=/tmp/x of=${DIR}/10.conf`,
      ["password-authentication"],
    ],
    [
      "a file then copied into the drop-ins",
      `cat > /tmp/pw.conf <<'EOF'\nPasswordAuthentication yes\nEOF\ncp /tmp/pw.conf ${DIR}/`,
      ["password-authentication"],
    ],
    [
      "a file then moved where the reader cannot tell",
      `cat > /tmp/pw.conf <<'EOF'\nPasswordAuthentication yes\nEOF\nmv /tmp/pw.conf "$TARGET"`,
      ["password-authentication"],
    ],
    [
      "a script then run",
      `echo "sed -i 's/PermitRootLogin no/PermitRootLogin yes/' ${SSHD}" > /usr/local/bin/x.sh`,
      ["root-login"],
    ],
    [
      "a log led by a word the reader cannot tell from a command",
      `echo "WARNING: PermitRootLogin yes" >> /var/log/x.log`,
      ["root-login"],
    ],
    ["a file the reader cannot name", `echo 'PermitRootLogin yes' >> "$CONF"`, ["root-login"]],
    ["a remote command over ssh", `ssh root@10.0.0.2 "echo 'PermitRootLogin yes' >> ${SSHD}"`, ["root-login"]],
    // A path a variable names may be another on another run: only a file named outright is taken for one sshd ignores.
    [
      "a variable set to a file elsewhere on one branch",
      `F=${SSHD}
[ -z 1 ] && F=/tmp/x
echo 'PermitRootLogin yes' >> $F`,
      ["root-login"],
    ],
    [
      "a link into the drop-ins",
      `ln -s ${DIR}/99-x.conf /tmp/link
echo 'PermitRootLogin yes' > /tmp/link`,
      ["root-login"],
    ],
    [
      "a file bind-mounted over the kit's drop-in",
      `echo 'PasswordAuthentication yes' > /tmp/x.conf
mount --bind /tmp/x.conf ${DIR}/00-hardening-kit.conf`,
      ["password-authentication"],
    ],
    [
      "a file bind-mounted with -o bind",
      `echo 'PasswordAuthentication yes' > /tmp/x.conf
mount -o bind /tmp/x.conf ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "a file bind-mounted over root's keys",
      "mount --bind /tmp/keys /root/.ssh/authorized_keys",
      ["root-authorized-keys"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  // The edit the script spells is judged as itself; the rest of the template comes from outside the script, so the
  // copy is a note for each directive, naming the template.
  it.each<[string, string, string]>([
    [
      "a template edited, then copied in",
      `sed -i 's/x/PermitRootLogin yes/' /opt/tpl\ncp /opt/tpl ${SSHD}`,
      "/opt/tpl",
    ],
    [
      "a template uncommented, then copied in",
      `sed -i 's/^#PermitRootLogin/PermitRootLogin/' /opt/sshd.tpl\ninstall -m 600 /opt/sshd.tpl ${SSHD}`,
      "/opt/sshd.tpl",
    ],
  ])("%s weakens, and the rest of its text is a note", (_name, text, template) => {
    const found = findLoginWeaknesses(text);
    expect(found.filter((w) => !w.unverifiable).map((w) => [w.kind, w.line.startsWith("sed -i")])).toEqual([
      ["root-login", true],
    ]);
    expect(fromOutside(text, template).filter((f) => f.includes("?"))).toEqual(sshdNotesFrom(template));
  });
});

describe("keys and passwords", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["ssh-copy-id to root", "ssh-copy-id -i /tmp/k.pub root@localhost", ["root-authorized-keys"]],
    [
      "python appending to root's keys",
      `python3 -c "import os; open(os.path.expanduser('~/.ssh/authorized_keys'),'a').write('ssh-rsa AAAA')"`,
      ["root-authorized-keys"],
    ],
    [
      "perl -e appending to root's keys",
      `perl -e 'open(my $f, ">>/root/.ssh/authorized_keys"); print $f "k"'`,
      ["root-authorized-keys"],
    ],
    ["passwd -d", "passwd -d root", ["password-set"]],
    ["passwd --delete", "passwd --delete ec2-user", ["password-set"]],
    ["passwd -de", "passwd -de ops", ["password-set"]],
    [
      "a hash written into /etc/shadow by sed",
      "sed -i 's/^root:[^:]*:/root:$6$abc$def:/' /etc/shadow",
      ["password-set"],
    ],
    ["an account appended to /etc/shadow", "echo 'svc:$6$x$y:19000:0:99999:7:::' >> /etc/shadow", ["password-set"]],
    [
      "a root-equivalent account with no password",
      "echo 'hacker::0:0::/root:/bin/bash' >> /etc/passwd",
      ["password-set"],
    ],
    [
      "accounts from a here-document",
      "cat >> /etc/shadow <<'EOF'\nsvc:$6$x$y:19000:0:99999:7:::\nEOF",
      ["password-set"],
    ],
    ["newusers", "newusers /tmp/users.txt", ["password-set"]],
    [
      "expect driving passwd",
      `expect <<'EOF'\nspawn passwd ops\nexpect "password:"\nsend "x\\r"\nEOF`,
      ["password-set"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["ssh-copy-id to another user", "ssh-copy-id -i k.pub ops@10.0.0.5"],
    ["python reading root's keys", `python3 -c "print(open('/root/.ssh/authorized_keys').read())"`],
    ["passwd -S", "passwd -S ops"],
    ["passwd -l", "passwd -l root"],
    ["root locked in /etc/shadow", "sed -i 's/^root:[^:]*:/root:!:/' /etc/shadow"],
    ["a service account in /etc/passwd", "echo 'app:x:1001:1001::/opt/app:/sbin/nologin' >> /etc/passwd"],
    ["a sudoers line", "echo 'ops ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers.d/90-ops"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});
