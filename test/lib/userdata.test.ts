import { gzipSync } from "zlib";
import { decodeUserData, findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("decodeUserData", () => {
  const script = "#!/bin/bash\necho hello\n";
  it("passes plain text through", () => expect(decodeUserData(script)).toBe(script));
  it("decodes base64", () => expect(decodeUserData(b64(script))).toBe(script));
  it("decodes gzip+base64", () => expect(decodeUserData(gzipSync(script).toString("base64"))).toBe(script));
  it("keeps base64-looking plain words", () => expect(decodeUserData("true")).toBe("true"));
  it.each(["true", "false", "root", "none", "enabled", "password", "PermitRootLogin", "QUJD"])(
    "keeps the plain word %s",
    (word) => expect(decodeUserData(word)).toBe(word),
  );
  it("decodes base64 of a script with Chinese comments", () => {
    const script = "#!/bin/bash\n# 关闭防火墙\nsystemctl stop firewalld\n";
    expect(decodeUserData(b64(script))).toBe(script);
  });
  it("decodes base64 of a compact JSON document, which holds no whitespace", () => {
    const doc = JSON.stringify({ version: "1.0", tasks: [{ task: "enableOpenSsh" }] });
    expect(decodeUserData(b64(doc))).toBe(doc);
  });
  it("keeps base64 text whose decoding is readable but neither spaced nor a JSON object", () => {
    const raw = b64("Zm9vYmFy");
    expect(decodeUserData(raw)).toBe(raw);
  });
  it("keeps base64 of binary as it is", () => {
    const raw = Buffer.from([0, 1, 2, 0x20, 0x41, 0x7f, 0x0a]).toString("base64");
    expect(decodeUserData(raw)).toBe(raw);
  });
});

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);

/** A cloud-config writing one file, its content encoded as cloud-init's `encoding` key says. */
function writeFile(path: string, content: string, encoding = ""): string {
  const encoded = /gz/.test(encoding)
    ? gzipSync(content).toString("base64")
    : encoding
      ? b64(content)
      : JSON.stringify(content);
  const key = encoding ? `\n    encoding: ${encoding}` : "";
  return `#cloud-config\nwrite_files:\n  - path: ${path}${key}\n    content: ${encoded}\n`;
}

/** A MIME multi-part user data document, as cloud-init's make-mime writes it, with base64 parts. */
function mime(parts: [contentType: string, text: string][]): string {
  const boundary = "===============5061842341962431977==";
  const body = parts.map(
    ([type, text]) =>
      `--${boundary}\nContent-Type: ${type}; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\n${b64(text).replace(/.{76}/g, "$&\n")}\n`,
  );
  return `Content-Type: multipart/mixed; boundary="${boundary}"\nMIME-Version: 1.0\n\n${body.join("")}--${boundary}--\n`;
}

const hardenedScript = "#!/bin/bash\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config\n";
const chineseScript =
  "#!/bin/bash\n# 开启密码登录，方便运维\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config\n";

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
    [
      "the default user's password in system_info",
      "#cloud-config\nsystem_info:\n  default_user:\n    name: ops\n    plain_text_passwd: x\n    lock_passwd: false\n",
      ["password-set"],
    ],
    [
      "root made the default user, with keys",
      "#cloud-config\nsystem_info:\n  default_user:\n    name: root\n    ssh_authorized_keys: [ssh-rsa AAAA]\n",
      ["root-authorized-keys"],
    ],
    [
      "a locked default user in system_info",
      "#cloud-config\nsystem_info:\n  default_user:\n    name: ops\n    lock_passwd: true\n    sudo: ALL=(ALL) NOPASSWD:ALL\n",
      [],
    ],
    ["echo into chpasswd", "echo 'root:Passw0rd' | chpasswd", ["password-set"]],
    ["passwd --stdin", "echo Passw0rd | passwd --stdin root", ["password-set"]],
    ["root authorized_keys", "echo ssh-rsa AAAA >> /root/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["root authorized_keys via curl", "curl -o /root/.ssh/authorized_keys http://x/k", ["root-authorized-keys"]],
    [
      "sed appending to root's keys",
      "sed -i '$a ssh-ed25519 AAAA attacker' /root/.ssh/authorized_keys",
      ["root-authorized-keys"],
    ],
    [
      "sed -e inserting into ~/.ssh keys",
      "sed -i -e '1i ssh-rsa AAAA x' ~/.ssh/authorized_keys",
      ["root-authorized-keys"],
    ],
    ["sed deleting a key from root's keys", "sed -i '/attacker/d' /root/.ssh/authorized_keys", []],
    ["sed without -i only prints root's keys", "sed 's/^/# /' /root/.ssh/authorized_keys", []],
    ["sed editing another user's keys", "sed -i '$a ssh-ed25519 AAAA ops' /home/ops/.ssh/authorized_keys", []],
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

  // Reviewer's reproductions: each was missed (or wrongly reported) before.
  it.each<[string, string, LoginWeaknessKind[]]>([
    // 1. sed with an address before `s`: the addressed directive is written with the replacement.
    [
      "1 addressed sed turning no into yes",
      "sed -i '/^PasswordAuthentication/s/no/yes/' /etc/ssh/sshd_config",
      ["password-authentication"],
    ],
    [
      "1 addressed sed replacing the whole line",
      "sed -i '/^#\\?PermitRootLogin/s/.*/PermitRootLogin yes/' /etc/ssh/sshd_config",
      ["root-login"],
    ],
    [
      "1 addressed sed turning yes into no is safe",
      "sed -i '/^PasswordAuthentication/s/yes/no/' /etc/ssh/sshd_config",
      [],
    ],
    ["1 line-number address", "sed -i '1s/^/PermitRootLogin yes\\n/' /etc/ssh/sshd_config", ["root-login"]],
    // 2. sed backreference to the directive.
    ["2 sed backreference", "sed -i 's/^#\\?\\(PermitRootLogin\\).*/\\1 yes/' /etc/ssh/sshd_config", ["root-login"]],
    [
      "2 sed backreference writing no is safe",
      "sed -i 's/^#\\?\\(PermitRootLogin\\).*/\\1 no/' /etc/ssh/sshd_config",
      [],
    ],
    [
      "2 extended sed backreference",
      "sed -E -i 's/^#?(PasswordAuthentication)[[:space:]]+no/\\1 yes/' /etc/ssh/sshd_config",
      ["password-authentication"],
    ],
    // 3. `;` ends a command outside quotes.
    [
      "3 sed then ; echo",
      "sed -i 's/a/b/' /etc/hosts; echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config",
      ["root-login"],
    ],
    ["3 ; inside a sed expression stays in it", "sed -i 's/a/b/;s/^#PermitRootLogin.*/PermitRootLogin no/' f", []],
    // 4. cloud-init keys for root.
    [
      "4 cloud-init root ssh_authorized_keys",
      "#cloud-config\nusers:\n  - name: root\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAA attacker\n",
      ["root-authorized-keys"],
    ],
    [
      "4 cloud-init keys for a named user are fine",
      "#cloud-config\nusers:\n  - name: ops\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAA ops\n",
      [],
    ],
    // 5. User data runs as root: its home is root's.
    ["5 ~/.ssh", "echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["5 $HOME/.ssh", 'echo ssh-ed25519 AAAA >> "$HOME/.ssh/authorized_keys"', ["root-authorized-keys"]],
    ["5 ${HOME}/.ssh", "echo ssh-ed25519 AAAA | tee -a ${HOME}/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["5 ~ops/.ssh is not root's", "echo ssh-ed25519 AAAA >> ~ops/.ssh/authorized_keys", []],
    ["5 /home/ops/.ssh is not root's", "curl -o /home/ops/.ssh/authorized_keys http://x/k", []],
    // 6. JSON and flow-style cloud-config.
    [
      "6 JSON cloud-config",
      '#cloud-config\n{"ssh_pwauth": true, "disable_root": false}',
      ["password-authentication", "root-login"],
    ],
    ["6 flow-style users", "#cloud-config\nusers: [{name: ops, plain_text_passwd: x}]", ["password-set"]],
    ["6 YAML 1.1 yes", "#cloud-config\nssh_pwauth: yes\ndisable_root: no\n", ["password-authentication", "root-login"]],
    ["6 flow-style hardened", '#cloud-config\n{"ssh_pwauth": false, "disable_root": true}', []],
    ["6 chpasswd expiring only sets nothing", "#cloud-config\nchpasswd: { expire: false }\n", []],
    [
      "6 runcmd entries are commands",
      "#cloud-config\nruncmd:\n  - [sh, -c, \"echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config\"]\n  - grep -q 'PasswordAuthentication yes' /etc/ssh/sshd_config\n",
      ["root-login"],
    ],
    // 7. Encoded write_files contents.
    ...["b64", "base64", "gz+b64", "gzip+base64"].map((encoding): [string, string, LoginWeaknessKind[]] => [
      `7 write_files encoding ${encoding}`,
      writeFile("/etc/ssh/sshd_config.d/10-pw.conf", "PasswordAuthentication yes\n", encoding),
      ["password-authentication"],
    ]),
    [
      "7 write_files hardened drop-in",
      writeFile("/etc/ssh/sshd_config.d/10-pw.conf", "PasswordAuthentication no\n", "b64"),
      [],
    ],
    [
      "7 write_files root keys",
      writeFile("/root/.ssh/authorized_keys", "ssh-ed25519 AAAA attacker\n"),
      ["root-authorized-keys"],
    ],
    // 8. MIME multi-part with base64 parts.
    [
      "8 MIME base64 shell part",
      mime([["text/x-shellscript", "#!/bin/bash\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n"]]),
      ["root-login"],
    ],
    [
      "8 MIME base64 cloud-config part",
      mime([
        ["text/x-shellscript", "#!/bin/bash\nyum -y install nginx\n"],
        ["text/cloud-config", "ssh_pwauth: true\n"],
      ]),
      ["password-authentication"],
    ],
    ["8 MIME hardened parts", mime([["text/x-shellscript", hardenedScript]]), []],
    // 9. Base64 of a script with Chinese comments.
    ["9 base64 script with Chinese comments", decodeUserData(b64(chineseScript)), ["password-authentication"]],
    // 10. Other commands that set passwords.
    ["10 useradd -p", 'useradd -m -p "$(openssl passwd -6 x)" ops', ["password-set"]],
    ["10 usermod --password", "usermod --password '$6$abc$def' root", ["password-set"]],
    ["10 passwd from a pipe", "echo -e 'x\\nx' | passwd ecs-user", ["password-set"]],
    ["10 passwd from a here-string", "passwd ecs-user <<< $'x\\nx'", ["password-set"]],
    ["10 locking root's password is fine", "passwd -l root", []],
    ["10 hashing a password only is fine", "openssl passwd -6 x > /tmp/hash", []],
    // 11. Commands that only read or log.
    [
      "11 if grep then sed to no",
      "if grep -qE '^PermitRootLogin yes' /etc/ssh/sshd_config; then sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' /etc/ssh/sshd_config; fi",
      [],
    ],
    [
      "11 grep && sed yes to no",
      "grep -q '^PasswordAuthentication yes' /etc/ssh/sshd_config && sed -i 's/yes/no/' /etc/ssh/sshd_config",
      [],
    ],
    ["11 logger", 'logger "PasswordAuthentication yes found"', []],
    ["11 test", "[ \"$MODE\" = 'PermitRootLogin yes' ] && exit 1", []],
    [
      "11 grep || echo still writes",
      "grep -q '^PermitRootLogin' /etc/ssh/sshd_config || echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config",
      ["root-login"],
    ],
    // 12. Only a write whose destination is root's authorized_keys counts.
    ["12 cp root's keys away", "cp /root/.ssh/authorized_keys /home/ops/.ssh/authorized_keys", []],
    ["12 mv root's keys away", "mv /root/.ssh/authorized_keys /home/ops/.ssh/", []],
    ["12 count root's keys", "cat /root/.ssh/authorized_keys | wc -l", []],
    ["12 truncate root's keys", ": > /root/.ssh/authorized_keys", []],
    ["12 cp to root's keys", "cp /tmp/k /root/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["12 cp into root's .ssh", "cp /tmp/authorized_keys /root/.ssh/", ["root-authorized-keys"]],
    ["12 install to root's keys", "install -m 600 /tmp/k /root/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["12 ln to root's keys", "ln -sf /tmp/k /root/.ssh/authorized_keys", ["root-authorized-keys"]],
    ["12 wget -O root's keys", "wget -q -O /root/.ssh/authorized_keys http://x/k", ["root-authorized-keys"]],
    [
      "12 curl --output root's keys",
      "curl -fsSL --output=/root/.ssh/authorized_keys http://x/k",
      ["root-authorized-keys"],
    ],
    [
      "12 sudo tee root's keys",
      "echo k | sudo tee -a /root/.ssh/authorized_keys > /dev/null",
      ["root-authorized-keys"],
    ],
    ["12 sh -c writing root's keys", "sudo sh -c 'echo k >> /root/.ssh/authorized_keys'", ["root-authorized-keys"]],
    [
      "12 heredoc into root's keys",
      "cat >> /root/.ssh/authorized_keys <<EOF\nssh-rsa AAAA\nEOF",
      ["root-authorized-keys"],
    ],
    // 13. Keyboard-interactive as a second factor after a key.
    [
      "13 kbd-interactive MFA",
      "KbdInteractiveAuthentication yes\nAuthenticationMethods publickey,keyboard-interactive\n",
      [],
    ],
    [
      "13 challenge-response MFA",
      "echo 'ChallengeResponseAuthentication yes' >> /etc/ssh/sshd_config\necho 'AuthenticationMethods publickey,keyboard-interactive:pam' >> /etc/ssh/sshd_config\n",
      [],
    ],
    [
      "13 MFA does not excuse PasswordAuthentication",
      "PasswordAuthentication yes\nKbdInteractiveAuthentication yes\nAuthenticationMethods publickey,keyboard-interactive\n",
      ["password-authentication"],
    ],
    [
      "13 a list without publickey is no MFA",
      "KbdInteractiveAuthentication yes\nAuthenticationMethods publickey,keyboard-interactive keyboard-interactive\n",
      ["password-authentication"],
    ],
    ["13 kbd-interactive alone", "KbdInteractiveAuthentication yes\n", ["password-authentication"]],
    [
      "13 MFA only inside a Match block binds only matched users",
      "KbdInteractiveAuthentication yes\nMatch User deploy\n  AuthenticationMethods publickey,keyboard-interactive\n",
      ["password-authentication"],
    ],
    [
      "13 MFA after Match all is global again",
      "KbdInteractiveAuthentication yes\nMatch User deploy\n  X11Forwarding no\nMatch all\nAuthenticationMethods publickey,keyboard-interactive\n",
      [],
    ],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("13 keeps the PasswordAuthentication line, drops the keyboard-interactive one", () => {
    const text =
      "PasswordAuthentication yes\nKbdInteractiveAuthentication yes\nAuthenticationMethods publickey,keyboard-interactive";
    expect(findLoginWeaknesses(text)).toEqual([
      { kind: "password-authentication", line: "PasswordAuthentication yes" },
    ]);
  });

  it("does not quote cloud-config passwords", () => {
    expect(
      findLoginWeaknesses("#cloud-config\nusers: [{name: ops, plain_text_passwd: hunter2}]")[0].line,
    ).not.toContain("hunter2");
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

// Hostile user data must not stall the pack: these inputs made the patterns backtrack quadratically (long runs of
// blanks, repeated commands) or exponentially (runs of backslashes in a sed expression).
describe("findLoginWeaknesses on pathological lines", () => {
  const spaces = " ".repeat(20_000);
  const big = 100_000;
  const keywords: [string, LoginWeaknessKind][] = [
    ["PasswordAuthentication", "password-authentication"],
    ["KbdInteractiveAuthentication", "password-authentication"],
    ["ChallengeResponseAuthentication", "password-authentication"],
    ["PermitRootLogin", "root-login"],
  ];

  describe.each(keywords)("%s", (keyword, kind) => {
    it("followed by 20,000 spaces and no value", () => {
      expect(kinds(`${keyword}${spaces}x`)).toEqual([]);
      expect(kinds(`echo '${keyword}${spaces}' >> /etc/ssh/sshd_config`)).toEqual([]);
      expect(kinds(`${keyword}${spaces}=${spaces}no`)).toEqual([]);
    });
    it("followed by 20,000 spaces and yes", () => {
      expect(kinds(`${keyword}${spaces}yes`)).toEqual([kind]);
      expect(kinds(`echo '${keyword}${spaces}yes' >> /etc/ssh/sshd_config`)).toEqual([kind]);
      expect(kinds(`${keyword}${spaces}=${spaces}"yes"`)).toEqual([kind]);
    });
    it("repeated with runs of spaces over a 100 KB line", () => {
      const line = `${keyword}${" ".repeat(500)}`.repeat(Math.ceil(big / (keyword.length + 500)));
      expect(kinds(`${line}x`)).toEqual([]);
      expect(kinds(`${line}yes`)).toEqual([kind]);
    });
  });

  it("reads tab-separated directives, as sshd does", () => {
    expect(kinds("PasswordAuthentication\tyes")).toEqual(["password-authentication"]);
    expect(kinds("PermitRootLogin\tyes")).toEqual(["root-login"]);
    expect(kinds("PasswordAuthentication\tno")).toEqual([]);
  });

  it("needs a blank or = between keyword and value, whatever the run of tabs", () => {
    expect(kinds(`PermitRootLogin${"\t".repeat(20_000)}yes`)).toEqual(["root-login"]);
    expect(kinds(`PermitRootLogin${"\t".repeat(20_000)}x`)).toEqual([]);
    expect(kinds(`PermitRootLogin${"\t".repeat(20_000)} yes`)).toEqual(["root-login"]);
  });

  it("100 KB lines of repeated password commands", () => {
    expect(kinds("passwd ".repeat(big / 7))).toEqual([]);
    expect(kinds(`${"passwd ".repeat(big / 7)}--stdin`)).toEqual(["password-set"]);
    expect(kinds("usermod ".repeat(big / 8))).toEqual([]);
    expect(kinds(`${"usermod ".repeat(big / 8)}-p x`)).toEqual(["password-set"]);
  });

  it("sed expressions with long runs of backslashes", () => {
    const backslashes = "\\".repeat(big);
    expect(kinds(`sed -i 's/${backslashes}' /etc/ssh/sshd_config`)).toEqual([]);
    expect(kinds(`sed -i 's/a/${backslashes}' /etc/ssh/sshd_config`)).toEqual([]);
    expect(kinds(`sed -i 's/^#PermitRootLogin.*/PermitRootLogin yes/' ${backslashes}`)).toEqual(["root-login"]);
    expect(kinds(`sed -i 's/^#PermitRootLogin.*/PermitRootLogin no/' ${backslashes}`)).toEqual([]);
  });

  it("a backslash may still stand for itself before the delimiter", () => {
    expect(kinds("sed -i 's/x\\/PermitRootLogin yes/' f")).toEqual(["root-login"]);
  });
});

describe("decodeUserData on pathological input", () => {
  it("keeps 20,000 newlines between base64-looking text and a stray character as plain text", () => {
    const text = `AAAA${"\n".repeat(20_000)}!`;
    expect(decodeUserData(text)).toBe(text);
  });
});

// The new readers (command splitting, word splitting, sed addresses and groups, MIME, YAML) must stay linear too.
describe("findLoginWeaknesses on pathological input for the structured readers", () => {
  const big = 100_000;
  const half = big / 2;
  const cases: [string, string, LoginWeaknessKind[]][] = [
    ["semicolons", `${";".repeat(big)} echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config`, ["root-login"]],
    ["pipes and ampersands", `${"|&".repeat(half)}x`, []],
    [
      "loops that never close",
      `${"for x in a b; do\n\n\n".repeat(big / 10)}echo 'PermitRootLogin yes' >> $x`,
      ["root-login"],
    ],
    ["a case pattern of blanks", `case x in\n"${" ".repeat(big)}a  |${" ".repeat(big)}b) echo ok;;\nesac`, []],
    ["redirections", `echo k ${">".repeat(big)} /root/.ssh/authorized_keys`, ["root-authorized-keys"]],
    ["here-doc operators", `passwd ${"<".repeat(big)}`, ["password-set"]],
    ["unbalanced quotes", `echo ${"'\"".repeat(half)}'`, []],
    ["a stray quote before a long line", `echo 'x ${"a; ".repeat(big / 3)}`, []],
    ["escapes", `echo ${"\\".repeat(big)}`, []],
    ["numbers before redirections", `echo ${"1".repeat(big)}>x`, []],
    ["sudo options", `sudo ${"-u x ".repeat(big / 5)}tee /root/.ssh/authorized_keys`, ["root-authorized-keys"]],
    ["copy operands", `cp ${"a ".repeat(half)}/root/.ssh/`, []],
    ["nested shells", `${"sh -c ".repeat(big / 6)}x`, []],
    ["slashes in a home path", `echo k >> /root${"/".repeat(big)}.ssh`, []],
    ["sed addresses", `sed -i '${" /".repeat(half)}'`, []],
    ["sed address slashes", `sed -i '/${"\\/".repeat(half)}s/x/y/'`, []],
    ["sed line numbers", `sed -i '${"1".repeat(big)}x'`, []],
    ["sed groups", `sed -i 's/${"\\(".repeat(big / 4)}PermitRootLogin/\\1 yes/' f`, []],
    ["sed extended groups", `sed -E -i 's/${"(".repeat(half)}/\\9/' f`, []],
    ["sed ampersands", `sed -i 's/${"PermitRootLogin ".repeat(3_000)}/${"&".repeat(half)}/' f`, []],
    ["sed backreferences", `sed -i 's/\\(${"x".repeat(half)}\\)/${"\\1".repeat(big / 4)}/' f`, []],
    ["sed verbatim commands", `sed -i '${" 1a".repeat(big / 3)}'`, []],
    ["AuthenticationMethods", `${"AuthenticationMethods ".repeat(big / 22)}publickey`, []],
    ["MIME parts", `Content-Type: multipart/mixed; boundary=b\n\n${"--b\n".repeat(big / 4)}`, []],
    ["MIME boundary parameter", `Content-Type: multipart/mixed;${" ".repeat(big)}boundary=b\n\n--b\n\nx`, []],
    [
      "MIME nesting",
      `Content-Type: multipart/mixed; boundary=b\n\n${"--b\nContent-Type: multipart/mixed; boundary=b\n\n".repeat(big / 50)}`,
      [],
    ],
    ["cloud-config runcmd", `#cloud-config\nruncmd:\n${"  - echo 'PermitRootLogin no'\n".repeat(big / 30)}`, []],
    ["cloud-config alias bomb", `#cloud-config\na: &a [x, x, x, x, x, x, x, x, x, x]\n${aliasBomb(10)}`, []],
    ["cloud-config deep nesting", `#cloud-config\na: ${"[".repeat(5_000)}${"]".repeat(5_000)}`, []],
  ];

  // Linear work on 100 KB takes milliseconds; quadratic work would run into the test timeout.
  it.each(cases)("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("write_files nested in write_files, each level base64, are read to a bounded depth, past which they are unread", () => {
    const nest = (levels: number) => {
      let text = "PermitRootLogin yes\n";
      for (let i = 0; i < levels; i++) text = writeFile("/etc/ssh/sshd_config.d/x.conf", text, "b64");
      return text;
    };
    expect(kinds(nest(2))).toEqual(["root-login"]);
    expect(findLoginWeaknesses(nest(12))).toEqual([
      { kind: "unread-content", line: "a cloud-config nested past 4 layers" },
    ]);
  });
});

/** YAML whose aliases expand exponentially: level n refers to level n-1 ten times. */
function aliasBomb(levels: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= levels; n++)
    lines.push(`l${n}: &l${n} [${`*${n === 1 ? "a" : `l${n - 1}`}, `.repeat(9)}*${n === 1 ? "a" : `l${n - 1}`}]`);
  return lines.join("\n");
}

// Second review: confirmed misses, each with the known-good lines next to it.
describe("findLoginWeaknesses, second review", () => {
  const keys = "/root/.ssh/authorized_keys";
  it.each<[string, string, LoginWeaknessKind[]]>([
    // 1. Bundled short options: the last letter takes the next word, a letter inside the group the rest of it.
    ["1 curl -fsSLo KEYS", `curl -fsSLo ${keys} https://x`, ["root-authorized-keys"]],
    ["1 curl -fsSLoKEYS", `curl -fsSLo${keys} https://x`, ["root-authorized-keys"]],
    ["1 wget -qO KEYS", `wget -qO ${keys} https://x`, ["root-authorized-keys"]],
    ["1 wget -qOKEYS", `wget -qO${keys} https://x`, ["root-authorized-keys"]],
    ["1 curl -sS -o KEYS", `curl -sS -o ${keys} https://x`, ["root-authorized-keys"]],
    ["1 curl -fsSLo elsewhere", "curl -fsSLo /tmp/k https://x", []],
    ["1 curl -sS alone takes no value", `curl -sS ${keys}`, []],
    ["1 curl -s then a URL", `curl -s https://x/${keys}`, []],
    ["1 curl -H takes the rest of the group", `curl -Ho${keys} https://x`, []],
    ["1 wget -qo writes a log, not the file", `wget -qo ${keys} https://x`, []],
    ["1 cp -ft into root's .ssh", "cp -ft /root/.ssh/ /tmp/authorized_keys", ["root-authorized-keys"]],
    ["1 rsync -avt copies to its last operand", `rsync -avt /tmp/k ${keys}`, ["root-authorized-keys"]],
    ["1 rsync -avt elsewhere", "rsync -avt /tmp/k /home/ops/k", []],
    ["1 sed -ne prints only", `sed -ne '$a ssh-rsa AAA' ${keys}`, []],
    ["1 sed -ie appends", `sed -ie '$a ssh-rsa AAA' ${keys}`, ["root-authorized-keys"]],
    // 2. eval and wrappers.
    ["2 eval", `eval 'echo ssh-rsa AAA >> ${keys}'`, ["root-authorized-keys"]],
    ["2 eval of several words", `eval echo ssh-rsa AAA '>>' ${keys}`, ["root-authorized-keys"]],
    ["2 eval of a directive", `eval "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config"`, ["root-login"]],
    ["2 eval harmless", "eval 'echo ssh-rsa AAA >> /home/ops/.ssh/authorized_keys'", []],
    ["2 eval of grep reads only", "eval \"grep -q 'PermitRootLogin yes' /etc/ssh/sshd_config\"", []],
    ["2 timeout sh -c", `timeout 10 sh -c 'echo ssh-rsa AAA >> ${keys}'`, ["root-authorized-keys"]],
    ["2 timeout with options", `timeout -k 5 -s KILL 10 tee -a ${keys}`, ["root-authorized-keys"]],
    ["2 timeout --signal", `timeout --signal KILL 10s cp /tmp/k ${keys}`, ["root-authorized-keys"]],
    ["2 timeout of grep reads only", "timeout 5 grep -q 'PermitRootLogin yes' /etc/ssh/sshd_config", []],
    ["2 stdbuf", `stdbuf -o L -eL tee ${keys}`, ["root-authorized-keys"]],
    ["2 ionice", `ionice -c 2 -n7 cp /tmp/k ${keys}`, ["root-authorized-keys"]],
    ["2 chroot", `chroot --userspec 0:0 / cp /tmp/k ${keys}`, ["root-authorized-keys"]],
    ["2 chroot of grep reads only", "chroot /mnt grep -q 'PermitRootLogin yes' /etc/ssh/sshd_config", []],
    ["2 su -c", `su - root -c 'echo k >> ${keys}'`, ["root-authorized-keys"]],
    ["2 runuser -c", `runuser -l root -c 'echo k >> ${keys}'`, ["root-authorized-keys"]],
    ["2 runuser -u --", `runuser -u root -- sh -c 'echo k >> ${keys}'`, ["root-authorized-keys"]],
    ["2 runuser -u harmless", "runuser -u ops -- sh -c 'echo k >> /home/ops/.ssh/authorized_keys'", []],
    // 4. sed's a/c/i text, after an address or none, with or without a backslash.
    [
      "4 /addr/c\\ without a blank",
      "sed -i '/^PasswordAuthentication/c\\PasswordAuthentication yes' /etc/ssh/sshd_config",
      ["password-authentication"],
    ],
    [
      "4 /addr/a\\ without a blank",
      "sed -i '/^#PermitRootLogin/a\\PermitRootLogin yes' /etc/ssh/sshd_config",
      ["root-login"],
    ],
    [
      "4 /addr/c\\ with a blank",
      "sed -i '/^PermitRootLogin/c\\ PermitRootLogin yes' /etc/ssh/sshd_config",
      ["root-login"],
    ],
    ["4 unaddressed a", "sed -i 'a PermitRootLogin yes' /etc/ssh/sshd_config", ["root-login"]],
    ["4 unaddressed a\\", "sed -i 'a\\PermitRootLogin yes' /etc/ssh/sshd_config", ["root-login"]],
    ["4 a after ;", "sed -i 's/x/y/;a PermitRootLogin yes' /etc/ssh/sshd_config", ["root-login"]],
    ["4 unaddressed a into root's keys", `sed -i 'a ssh-rsa AAA' ${keys}`, ["root-authorized-keys"]],
    [
      "4 /addr/c\\ writing no is safe",
      "sed -i '/^PasswordAuthentication/c\\PasswordAuthentication no' /etc/ssh/sshd_config",
      [],
    ],
    ["4 unaddressed a writing no is safe", "sed -i 'a PermitRootLogin no' /etc/ssh/sshd_config", []],
    ["4 deleting after a path is safe", "sed -i '/^PermitRootLogin yes/d' /etc/ssh/sshd_config /app/x", []],
    // 5. AuthenticationMethods excuses keyboard-interactive only when written uncommented to sshd's config.
    [
      "5 commented AuthenticationMethods",
      "KbdInteractiveAuthentication yes\necho '# AuthenticationMethods publickey,keyboard-interactive' >> /etc/ssh/sshd_config\n",
      ["password-authentication"],
    ],
    [
      "5 AuthenticationMethods in a trailing comment",
      "KbdInteractiveAuthentication yes # AuthenticationMethods publickey,keyboard-interactive\n",
      ["password-authentication"],
    ],
    [
      "5 AuthenticationMethods written to /tmp/notes",
      "KbdInteractiveAuthentication yes\necho 'AuthenticationMethods publickey,keyboard-interactive' > /tmp/notes\n",
      ["password-authentication"],
    ],
    [
      "5 AuthenticationMethods only searched for",
      "KbdInteractiveAuthentication yes\ngrep -q 'AuthenticationMethods publickey,keyboard-interactive' /etc/ssh/sshd_config\n",
      ["password-authentication"],
    ],
    [
      "5 AuthenticationMethods piped to tee sshd_config",
      "echo 'KbdInteractiveAuthentication yes' >> /etc/ssh/sshd_config\necho 'AuthenticationMethods publickey,keyboard-interactive' | tee -a /etc/ssh/sshd_config\n",
      [],
    ],
    [
      "5 AuthenticationMethods into a drop-in",
      "KbdInteractiveAuthentication yes\nprintf '%s\\n' 'AuthenticationMethods publickey,keyboard-interactive' > /etc/ssh/sshd_config.d/50-mfa.conf\n",
      [],
    ],
    [
      "5 AuthenticationMethods by sed into sshd_config",
      "KbdInteractiveAuthentication yes\nsed -i '$a AuthenticationMethods publickey,keyboard-interactive' /etc/ssh/sshd_config\n",
      [],
    ],
    [
      "5 AuthenticationMethods in a here-document",
      "KbdInteractiveAuthentication yes\ncat >> /etc/ssh/sshd_config <<EOF\nAuthenticationMethods publickey,keyboard-interactive\nEOF\n",
      [],
    ],
    // 6. exec redirects the rest of the script.
    ["6 exec >> root's keys", `exec >> ${keys}\necho ssh-rsa AAA`, ["root-authorized-keys"]],
    ["6 exec 3>> root's keys", `exec 3>> ${keys}`, ["root-authorized-keys"]],
    ["6 exec > a log", "exec > /var/log/boot.log 2>&1", []],
    ["6 exec reading root's keys", `exec 3< ${keys}`, []],
    ["6 truncating still plants nothing", `: > ${keys}`, []],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  // The new readers stay linear: bundled options, wrappers, eval, sed's a/c/i, comments before AuthenticationMethods.
  const big = 100_000;
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["a long option group", `curl -${"s".repeat(big)}o ${keys}`, ["root-authorized-keys"]],
    ["a long option group without the option", `curl -${"s".repeat(big)} ${keys}`, []],
    ["many option groups", `wget ${"-qq ".repeat(big / 4)}-O ${keys}`, ["root-authorized-keys"]],
    ["nested evals", `${"eval ".repeat(big / 5)}echo k >> ${keys}`, ["root-authorized-keys", "unread-content"]],
    ["repeated wrappers", `${"timeout -k 1 2 ".repeat(big / 15)}tee ${keys}`, ["root-authorized-keys"]],
    ["chroot operands", `${"chroot / ".repeat(big / 9)}x`, []],
    ["repeated execs", `${"exec ".repeat(big / 5)}>> ${keys}`, []],
    ["sed a commands", `sed -i '${"/a\\".repeat(big / 3)}'`, []],
    ["sed unaddressed a", `sed -i "${";a ".repeat(big / 3)}PermitRootLogin yes"`, ["root-login"]],
    [
      "comments before AuthenticationMethods",
      `KbdInteractiveAuthentication yes\necho '${"#AuthenticationMethods publickey ".repeat(big / 32)}' >> /etc/ssh/sshd_config`,
      ["password-authentication"],
    ],
  ])("pathological: %s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("3 nested gzip shares one inflate budget: the first drop-in is read and the call returns", () => {
    const bomb = (i: number) => ({
      path: `/var/tmp/b${i}`,
      encoding: "gz+b64",
      // Just under the per-decode cap, each with its own line so that findings do not merge.
      content: gzipSync(`${`${"x".repeat(1023)}\n`.repeat(4095)}PermitRootLogin yes # ${i}\n`).toString("base64"),
    });
    const inner = [
      "#cloud-config",
      "write_files:",
      ...[
        {
          path: "/etc/ssh/sshd_config.d/10-pw.conf",
          encoding: "gz+b64",
          content: gzipSync("PasswordAuthentication yes\n").toString("base64"),
        },
        ...Array.from({ length: 12 }, (_, i) => bomb(i)),
      ].map((f) => `  - path: ${f.path}\n    encoding: ${f.encoding}\n    content: ${f.content}`),
    ].join("\n");
    const outer = writeFile("/var/lib/cloud/x.cfg", inner, "gz+b64");
    expect(outer.length).toBeLessThan(20_000);
    const found = findLoginWeaknesses(mime([["text/cloud-config", outer]]));
    expect(found).toContainEqual({ kind: "password-authentication", line: "PasswordAuthentication yes" });
    // The budget covers two inflated files; the rest stay compressed and are not read, which is a finding itself.
    expect(found.filter((w) => w.kind === "root-login").length).toBeLessThanOrEqual(2);
    expect(found).toContainEqual({
      kind: "unread-content",
      line: "gzip data past the 8 MB one value may inflate in all",
    });
  });
});

// Only an actual sed invocation is read for what its script writes; a command that merely says "sed" (in a comment,
// an argument, a command substitution) is read whole, like any other.
describe("findLoginWeaknesses, sed only when sed runs", () => {
  const config = "/etc/ssh/sshd_config";
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["a trailing comment", `echo "PasswordAuthentication yes" >> ${config} # not sed`, ["password-authentication"]],
    [
      "a comment naming a sed script",
      `echo 'PermitRootLogin yes' >> ${config}  # later: sed -i 's/yes/no/'`,
      ["root-login"],
    ],
    ["an argument", `echo 'set by sed' 'PermitRootLogin yes' >> ${config}`, ["root-login"]],
    ["a pipeline's comment", `printf 'PermitRootLogin yes\\n' | tee -a ${config} # sed-free`, ["root-login"]],
    [
      "a command substitution",
      `echo "$(sed -n 1p /etc/motd)" 'PasswordAuthentication yes' >> ${config}`,
      ["password-authentication"],
    ],
    [
      "a package named sed",
      `yum install -y sed openssh-server && echo 'PermitRootLogin yes' >> ${config}`,
      ["root-login"],
    ],
    [
      "find -exec sed still reads the sed",
      `find /etc/ssh -name sshd_config -exec sed -i 's/PasswordAuthentication no/PasswordAuthentication yes/' {} \\;`,
      ["password-authentication"],
    ],
  ])("%s is scanned", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["sudo sed", `sudo sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' ${config}`],
    ["sed by its path", `/usr/bin/sed -i 's/PasswordAuthentication yes/PasswordAuthentication no/' ${config}`],
    ["xargs sed", `echo ${config} | xargs sed -i 's/^PermitRootLogin yes/PermitRootLogin no/'`],
    ["busybox sed", `busybox sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' ${config}`],
    [
      "find -exec sed",
      `find /etc/ssh -name sshd_config -exec sed -i 's/PasswordAuthentication yes/PasswordAuthentication no/' {} +`,
    ],
    [
      "sed with a trailing comment",
      `sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' ${config} # yes was the default`,
    ],
  ])("%s is read as sed", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

// A `#` that starts a shell word starts a comment: what follows it is neither run nor written.
describe("findLoginWeaknesses, trailing comments", () => {
  const config = "/etc/ssh/sshd_config";
  it.each<[string, string]>([
    ["an echo's comment", "echo hello # PermitRootLogin yes"],
    ["a comment after ;", "systemctl restart sshd;# PasswordAuthentication yes"],
    ["a comment holding a password command", "yum -y install nginx # then: echo root:x | chpasswd"],
    ["a comment holding root's keys", "echo done # >> /root/.ssh/authorized_keys"],
    ["a comment in a nested shell", "sh -c 'echo hi # PermitRootLogin yes'"],
    ["a comment in rc.local", "cat > /etc/rc.local <<'EOF'\necho hi # PermitRootLogin yes\nEOF"],
    // The shell passes an escaped # on, and sshd reads the line it starts as a comment.
    ["an escaped # echo writes", `echo \\# PermitRootLogin yes >> ${config}`],
  ])("%s is no finding", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each<[string, string, LoginWeaknessKind[]]>([
    ["a write before the comment", `echo 'PermitRootLogin yes' >> ${config} # harden later`, ["root-login"]],
    ["a # inside quotes", `echo 'PasswordAuthentication yes # for now' >> ${config}`, ["password-authentication"]],
    ["a # inside a word", `echo a#b PermitRootLogin yes >> ${config}`, ["root-login"]],
    ["${#x}", `echo \${#x} PermitRootLogin yes >> ${config}`, ["root-login"]],
    ["the command after a stray quote", `echo it's # x; echo 'PermitRootLogin yes' >> ${config}`, ["root-login"]],
    ["a comment after a password command", "echo 'root:x' | chpasswd # rotate later", ["password-set"]],
    [
      "a write in rc.local before its comment",
      `cat > /etc/rc.local <<'EOF'\necho 'PermitRootLogin yes' >> ${config} # later\nEOF`,
      ["root-login"],
    ],
    ["an sshd_config line with a comment", "PermitRootLogin yes # for the migration", ["root-login"]],
  ])("%s still counts", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("quotes the whole line, comment included", () => {
    const line = `echo 'PermitRootLogin yes' >> ${config} # harden later`;
    expect(findLoginWeaknesses(line)).toEqual([{ kind: "root-login", line }]);
  });
});

/** A one-part MIME document whose part is quoted-printable, as mail-style tools write it. */
function quotedPrintable(contentType: string, encoded: string, newline = "\n"): string {
  return [
    'Content-Type: multipart/mixed; boundary="==QP=="',
    "MIME-Version: 1.0",
    "",
    "--==QP==",
    `Content-Type: ${contentType}; charset="utf-8"`,
    "Content-Transfer-Encoding: quoted-printable",
    "",
    encoded,
    "--==QP==--",
    "",
  ].join(newline);
}

describe("findLoginWeaknesses, quoted-printable MIME parts", () => {
  it("decodes =XX escapes and soft line breaks", () => {
    const part = "#!/bin/bash\necho 'PermitRootLogin=3Dyes' >> /etc/ssh/ss=\nhd_config\n";
    expect(findLoginWeaknesses(quotedPrintable("text/x-shellscript", part))).toEqual([
      { kind: "root-login", line: "echo 'PermitRootLogin=yes' >> /etc/ssh/sshd_config" },
    ]);
  });

  it("joins a directive split by a soft line break", () => {
    const part = "#!/bin/sh\necho 'PasswordAuthen=\ntication yes' >> /etc/ssh/sshd_config\n";
    expect(kinds(quotedPrintable("text/x-shellscript", part))).toEqual(["password-authentication"]);
  });

  it("reads CRLF soft line breaks, and blanks before them", () => {
    const part = "#!/bin/sh\r\necho 'PermitRoot=  \r\nLogin yes' >> /etc/ssh/sshd_config\r\n";
    expect(kinds(quotedPrintable("text/x-shellscript", part, "\r\n"))).toEqual(["root-login"]);
  });

  it("reads a quoted-printable cloud-config part as cloud-config", () => {
    expect(kinds(quotedPrintable("text/cloud-config", "ssh_pwauth: tr=\nue\ndisable_root: =74rue\n"))).toEqual([
      "password-authentication",
    ]);
  });

  it("decodes UTF-8 escapes (a Chinese comment) before the script", () => {
    const comment = Buffer.from("# 开启密码登录")
      .toString("hex")
      .replace(/../g, (h) => `=${h.toUpperCase()}`);
    const part = `#!/bin/bash\n${comment}\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication=20yes/' /etc/ssh/sshd_config\n`;
    expect(kinds(quotedPrintable("text/x-shellscript", part))).toEqual(["password-authentication"]);
  });

  it("keeps raw UTF-8 text beside the escapes", () => {
    const part = "#!/bin/bash\n# 开启密码登录\necho 'PasswordAuthentication=20yes # 中文' >> /etc/ssh/sshd_config\n";
    expect(findLoginWeaknesses(quotedPrintable("text/x-shellscript", part))).toEqual([
      { kind: "password-authentication", line: "echo 'PasswordAuthentication yes # 中文' >> /etc/ssh/sshd_config" },
    ]);
  });

  it("finds nothing in a hardened quoted-printable script", () => {
    const part = "#!/bin/bash\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_=\nconfig\n";
    expect(kinds(quotedPrintable("text/x-shellscript", part))).toEqual([]);
  });

  it("keeps an = that escapes nothing", () => {
    expect(kinds(quotedPrintable("text/x-shellscript", "echo 'PermitRootLogin=ZZ yes'\nx=1\n"))).toEqual([]);
  });

  it("decodes long runs of escapes and stray = in linear time", () => {
    expect(kinds(quotedPrintable("text/x-shellscript", `${"= ".repeat(100_000)}=\n${"=3D".repeat(100_000)}`))).toEqual(
      [],
    );
    const blanks = `${"=".repeat(50_000)}${" ".repeat(100_000)}\necho 'PermitRootLogin yes'`;
    expect(kinds(quotedPrintable("text/x-shellscript", blanks))).toEqual(["root-login"]);
  });
});

describe("loading the quoted-printable decoder", () => {
  it("waits for the first quoted-printable part", () => {
    let loaded = false;
    jest.isolateModules(() => {
      jest.doMock("libqp", () => {
        loaded = true;
        return jest.requireActual("libqp");
      });
      const userdata: typeof import("../../lib/userdata") = require("../../lib/userdata");
      expect(
        userdata.findLoginWeaknesses("#!/bin/bash\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n"),
      ).toHaveLength(1);
      expect(loaded).toBe(false);
      expect(
        userdata.findLoginWeaknesses(quotedPrintable("text/x-shellscript", "PermitRootLogin=20yes\n")),
      ).toHaveLength(1);
      expect(loaded).toBe(true);
    });
  });
});

describe("findLoginWeaknesses: sed commands behind a range address", () => {
  const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);
  const config = "/etc/ssh/sshd_config";

  it.each([
    ["0,/regex/", `sed -i '0,/^#\\?PermitRootLogin/s/^#\\?PermitRootLogin.*/PermitRootLogin yes/' ${config}`],
    ["/regex/,/regex/", `sed -i '/^#PermitRootLogin/,/^$/s/^#\\?PermitRootLogin.*/PermitRootLogin yes/' ${config}`],
    ["1,$ uncommenting", `sed -i '1,$s/^#PermitRootLogin/PermitRootLogin/' ${config}`],
    ["0,/regex/ with s// reusing it", `sed -i '0,/^#PermitRootLogin/s//PermitRootLogin/' ${config}`],
  ])("reads what a %s range writes", (_name, line) => {
    expect(kinds(line)).toEqual(["root-login"]);
  });

  it.each([
    ["0,/regex/", `sed -i '0,/^#\\?PermitRootLogin/s/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${config}`],
    ["1,$", `sed -i '1,$s/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' ${config}`],
  ])("a %s range that hardens is no finding", (_name, line) => {
    expect(kinds(line)).toEqual([]);
  });

  // From the commented `#PermitRootLogin` to the end reaches Amazon Linux 2's `PasswordAuthentication no`, further
  // down: lines the reader cannot place, so the deletion is unverifiable, not safe.
  it("a /regex/,$ deleting range may take a hardened line away", () => {
    const [finding, ...others] = findLoginWeaknesses(`sed -i '/^#PermitRootLogin/,$d' ${config}`);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ kind: "password-authentication", unverifiable: true });
  });
});
