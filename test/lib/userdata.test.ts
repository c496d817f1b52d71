import { gzipSync } from "zlib";
import { decodeUserData, findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("decodeUserData", () => {
  const script = "#!/bin/bash\necho hello\n";
  it("passes plain text through", () => expect(decodeUserData(script)).toBe(script));
  it("decodes base64", () => expect(decodeUserData(b64(script))).toBe(script));
  it("decodes gzip+base64", () => expect(decodeUserData(gzipSync(script).toString("base64"))).toBe(script));
  it("keeps base64-looking plain words", () => expect(decodeUserData("true")).toBe("true"));
});

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);

describe("findLoginWeaknesses", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["sshd password auth", "PasswordAuthentication yes", ["password-authentication"]],
    ["echo append", "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config", ["password-authentication"]],
    ["Match block", "Match User deploy\n    PasswordAuthentication yes\n", ["password-authentication"]],
    [
      "sed enabling",
      "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config",
      ["password-authentication"],
    ],
    [
      "sed with another delimiter",
      "sed -i 's|#PermitRootLogin.*|PermitRootLogin yes|' /etc/ssh/sshd_config",
      ["root-login"],
    ],
    ["sed change command", "sed -i '/^PermitRootLogin/c PermitRootLogin yes' /etc/ssh/sshd_config", ["root-login"]],
    ["root login", "PermitRootLogin yes", ["root-login"]],
    ["root with key only still root", "PermitRootLogin prohibit-password", ["root-login"]],
    ["cloud-init ssh_pwauth", "#cloud-config\nssh_pwauth: true\n", ["password-authentication"]],
    ["cloud-init disable_root false", "#cloud-config\ndisable_root: false\n", ["root-login"]],
    [
      "cloud-init chpasswd",
      "#cloud-config\nchpasswd:\n  list: |\n    root:Passw0rd\n  expire: false\n",
      ["password-set"],
    ],
    ["cloud-init default user password", "#cloud-config\npassword: hunter2\n", ["password-set"]],
    ["users plain_text_passwd", "#cloud-config\nusers:\n  - name: ops\n    plain_text_passwd: x\n", ["password-set"]],
    ["echo into chpasswd", "echo 'root:Passw0rd' | chpasswd", ["password-set"]],
    ["passwd --stdin", "echo Passw0rd | passwd --stdin root", ["password-set"]],
    ["root authorized_keys", "echo ssh-rsa AAAA >> /root/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["root authorized_keys via curl", "curl -o /root/.ssh/authorized_keys http://x/k", ["root-authorized-keys"]],
    [
      "hardening sed is safe",
      "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config",
      [],
    ],
    ["sed deleting the directive writes nothing", "sed -i '/^PasswordAuthentication yes/d' /etc/ssh/sshd_config", []],
    [
      "sed with -e and two expressions",
      "sed -i -e 's/a/b/' -e 's/^#PermitRootLogin.*/PermitRootLogin yes/' f",
      ["root-login"],
    ],
    [
      "sed chained with an echo",
      "sed -i 's/a/b/' f && echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config",
      ["root-login"],
    ],
    ["explicit no", "PasswordAuthentication no\nPermitRootLogin no\n", []],
    ["commented out", "# PasswordAuthentication yes\n#PermitRootLogin yes", []],
    ["cloud-init hardened", "#cloud-config\nssh_pwauth: false\ndisable_root: true\n", []],
    ["user keys are fine", "echo ssh-ed25519 AAAA >> /home/ops/.ssh/authorized_keys", []],
    ["reading root keys is fine", "chmod 600 /root/.ssh/authorized_keys", []],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("reads base64 user data after decoding", () => {
    expect(kinds(decodeUserData(b64("#!/bin/sh\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n")))).toEqual([
      "root-login",
    ]);
  });

  it("quotes the offending line", () => {
    expect(findLoginWeaknesses("a\n  PasswordAuthentication yes  \n")).toEqual([
      { kind: "password-authentication", line: "PasswordAuthentication yes" },
    ]);
  });
});
