// Path forms the shell or the kernel reads as root's keys: a leading `//` (Linux reads `//root` as `/root`), braces
// (`/root/.ssh/{authorized_keys,authorized_keys2}`) and patterns (`/root/.ssh/auth*`) that may name them; and
// Dropbear, an SSH server beside sshd that takes passwords and root's login unless run with -s and -w (or -g).
import { findLoginWeaknesses } from "../../lib/userdata";
import { braceAlternatives, patternMayMatchPath } from "../../lib/userdata-path-patterns";

const KEY = "ssh-rsa AAAAB3Nza attacker";
/** Each finding's kind, `?` after one that cannot be verified. */
const verdicts = (text: string) => findLoginWeaknesses(text).map((w) => (w.unverifiable ? `${w.kind}?` : w.kind));
const script = (line: string) => verdicts(`#!/bin/bash\n${line}\n`);
const ROOT_KEYS = "root-authorized-keys";
const SERVER = "password-login-server";
const many = (home: string) => `${home}/{${Array.from({ length: 70 }, (_, i) => `a${i}`).join(",")}}`;

describe("root's keys behind a leading `//`", () => {
  it.each<[string, string, string[]]>([
    ["appended to", `echo "${KEY}" >> //root/.ssh/authorized_keys`, [ROOT_KEYS]],
    ["copied over", "cp /tmp/k //root/.ssh/authorized_keys", [ROOT_KEYS]],
    ["named from a directory entered so", `cd //root/.ssh && echo "${KEY}" >> authorized_keys`, [ROOT_KEYS]],
    ["root's home entered so", `cd //root && echo "${KEY}" >> .ssh/authorized_keys`, [ROOT_KEYS]],
    ["three slashes", `echo "${KEY}" >> ///root/.ssh/authorized_keys`, [ROOT_KEYS]],
    ["a keys file copied into .ssh so", "cp /tmp/authorized_keys ///root/.ssh/", [ROOT_KEYS]],
    ["a .ssh folder copied into root's home so", "cp -r /tmp/keys/.ssh //root/", [ROOT_KEYS]],
  ])("%s", (_name, line, expected) => {
    expect(script(line)).toEqual(expected);
  });

  it("cloud-config write_files", () => {
    const text = `#cloud-config\nwrite_files:\n  - path: //root/.ssh/authorized_keys\n    content: "ssh-rsa AAAA x"\n`;
    expect(verdicts(text)).toEqual([ROOT_KEYS]);
  });
});

describe("braces and patterns that may name root's keys", () => {
  it.each<[string, string, string[]]>([
    [
      "tee to both keys files by braces",
      `echo "${KEY}" | tee /root/.ssh/{authorized_keys,authorized_keys2}`,
      [ROOT_KEYS],
    ],
    ["an empty alternative", `echo "${KEY}" | tee -a ~/.ssh/authorized_keys{,.bak}`, [ROOT_KEYS]],
    ["a sequence", `echo "${KEY}" >> /root/.ssh/authorized_keys{1..2}`, [ROOT_KEYS]],
    ["braces in root's home", `echo "${KEY}" >> /ro{o,x}t/.ssh/authorized_keys`, [ROOT_KEYS]],
    ["a bracket expression", `echo "${KEY}" >> /root/.ssh/authorized_key[s]`, [ROOT_KEYS]],
    ["a star after the name's start", `echo "${KEY}" >> /root/.ssh/authorized_*`, [ROOT_KEYS]],
    ["a short star", `echo "${KEY}" >> /root/.ssh/auth*`, [ROOT_KEYS]],
    ["a question mark, copied over", "cp /tmp/k /root/.ssh/authorized_key?", [ROOT_KEYS]],
    ["a pattern for root's home", `echo "${KEY}" >> /r??t/.ssh/authorized_keys`, [ROOT_KEYS]],
    ["globstar", `echo "${KEY}" >> /root/**/authorized_keys`, [ROOT_KEYS]],
    ["a pattern under $HOME", `echo "${KEY}" >> "\${HOME}/.ssh/auth*"`, [ROOT_KEYS]],
    ["a pattern named from root's .ssh", `cd /root/.ssh && echo "${KEY}" >> auth*`, [ROOT_KEYS]],
    ["braces under a home from outside", `echo "${KEY}" >> "$H/.ssh/{authorized_keys,x}"`, [`${ROOT_KEYS}?`]],
    ["past 64 words, braces may name any file", `echo "${KEY}" | tee ${many("/home/bob/.ssh")}`, [ROOT_KEYS]],
    ["another account's keys by braces", `echo "${KEY}" | tee /home/bob/.ssh/{authorized_keys,config}`, []],
    ["root's known_hosts", `echo "${KEY}" >> /root/.ssh/known_hosts`, []],
    ["root's public keys read", "cat /root/.ssh/*.pub", []],
    ["root's public keys written", `echo "${KEY}" >> /root/.ssh/*.pub`, []],
    ["other files of root's .ssh by braces", `echo x | tee /root/.ssh/{config,known_hosts}`, []],
    ["a backup's pattern", `echo "${KEY}" >> /root/.ssh/authorized_keys.bak*`, []],
    ["root's private keys by a pattern", `echo x >> /root/.ssh/id_*`, []],
    ["a pattern named from another .ssh", `cd /home/bob/.ssh && echo "${KEY}" >> auth*`, []],
    ["too many steps for a star each", `echo "${KEY}" >> /root/*/*/authorized_keys`, []],
  ])("%s", (_name, line, expected) => {
    expect(script(line)).toEqual(expected);
  });

  it.each<[string, string[] | undefined]>([
    ["a{b,c{d,e}}f", ["abf", "acdf", "acef"]],
    ["{{a,b}}", ["{a}", "{b}"]],
    ["x{01..3}", ["x01", "x02", "x03"]],
    ["${a,b}{c,d}", ["${a,b}c", "${a,b}d"]],
    ["{a,{b,c}", ["{a,b", "{a,c"]],
    ["{x}{}", ["{x}{}"]],
    ["{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}", undefined],
    ["k{1..65}", undefined],
    ["{".repeat(40) + "a,b" + "}".repeat(40), undefined],
  ])("braces of %s", (word, expected) => {
    expect(braceAlternatives(word)).toEqual(expected);
  });

  it.each<[string, string, boolean]>([
    ["/root/.ssh/auth*", "/root/.ssh/authorized_keys", true],
    ["//root/.ssh/*", "/root/.ssh/authorized_keys", true],
    ["/**/authorized_keys", "/root/.ssh/authorized_keys", true],
    ["/root/**", "/root/.ssh/authorized_keys", true],
    ["*/.ssh/authorized_keys", "~/.ssh/authorized_keys", false],
    ["/root/.ssh/auth*/", "/root/.ssh/authorized_keys", false],
    ["/root/.ssh/*.pub", "/root/.ssh/authorized_keys", false],
  ])("%s may match %s: %s", (pattern, path, expected) => {
    expect(patternMayMatchPath(pattern, path)).toBe(expected);
  });
});

describe("Dropbear", () => {
  it.each<[string, string, string[]]>([
    ["apt-get install", "apt-get install -y dropbear", [SERVER]],
    ["yum install", "yum install -y dropbear", [SERVER]],
    ["dnf install", "dnf install dropbear", [SERVER]],
    ["apk add", "apk add dropbear", [SERVER]],
    ["Debian's daemon package", "apt-get install -y dropbear-bin", [SERVER]],
    ["enabled and started", "systemctl enable --now dropbear", [SERVER]],
    ["OpenRC's service", "rc-update add dropbear default", [SERVER]],
    ["run on a port", "dropbear -p 2222", [SERVER]],
    ["run by its path, with -R (no stop option here)", "/usr/sbin/dropbear -R -E -p 22", [SERVER]],
    ["with -s alone: root may still log in by key, kept simple", "dropbear -s -p 2222", [SERVER]],
    ["with -w alone: passwords for others", "dropbear -w -p 2222", [SERVER]],
    ["-s and -w in a banner's name", "dropbear -b /etc/banner-sw -p 22", [SERVER]],
    ["with -s and -w", "dropbear -s -w -p 2222", []],
    ["with -s and -g, grouped", "dropbear -sgp 2222", []],
    ["with -s and -w after the port", "dropbear -p 2222 -sw", []],
    ["help", "dropbear -h", []],
    ["OpenSSH installed", "apt-get install -y openssh-server", []],
    ["a look-alike package", "apt-get install -y dropbear-bin-docs", []],
    ["the initramfs unlocker (keys only, before boot)", "apt-get install -y dropbear-initramfs", []],
    ["removed", "apt-get remove -y dropbear", []],
    ["a host key made", "dropbearkey -t ed25519 -f /etc/dropbear/dropbear_ed25519_host_key", []],
  ])("%s", (_name, line, expected) => {
    expect(script(line)).toEqual(expected);
  });

  it("cloud-config packages", () => {
    expect(verdicts("#cloud-config\npackages: [dropbear]\n")).toEqual([SERVER]);
  });

  it("names Dropbear and what would let it be", () => {
    const [finding] = findLoginWeaknesses("#!/bin/bash\ndropbear -p 2222\n");
    expect(finding.note).toMatch(/^Dropbear: .*-s and -w/);
  });
});
