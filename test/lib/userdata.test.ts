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
    expect(kinds("sed 's/x\\/PermitRootLogin yes/' f")).toEqual(["root-login"]);
  });
});

describe("decodeUserData on pathological input", () => {
  it("keeps 20,000 newlines between base64-looking text and a stray character as plain text", () => {
    const text = `AAAA${"\n".repeat(20_000)}!`;
    expect(decodeUserData(text)).toBe(text);
  });
});
