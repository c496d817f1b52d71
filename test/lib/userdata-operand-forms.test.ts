// Operands a command gets from something else than its own words: a listing's output (`$(find /etc/ssh -name
// sshd_config)`), the files find hands its -exec (`{}`), the files xargs reads down its pipe, the words a brace list
// gives. Each is read as the files it names, never as options of the command (find's `-name` is no group of sed's
// short options ending in `-e`).
import { findLoginWeaknesses } from "../../lib/userdata";
import { shellWords, splitCommands } from "../../lib/userdata-words";

const WEAK = "'s/^PasswordAuthentication no/PasswordAuthentication yes/'";
const ROOT = "'s/^PermitRootLogin no/PermitRootLogin yes/'";
const PW = "password-authentication";
const ROOT_LOGIN = "root-login";
const ROOT_KEYS = "root-authorized-keys";
/** What `s/no/yes/` makes of the hardened lines of sshd's files. */
const BOTH = [PW, ROOT_LOGIN];

const words = (command: string) => shellWords(command).map((w) => (w.op ? `<op ${w.op}>` : w.text));
/** The findings by kind, `?` marking an unverifiable one, each kind once. */
const verdicts = (text: string) => [
  ...new Set(
    findLoginWeaknesses(text)
      .map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`)
      .sort(),
  ),
];

describe("a listing standing as an operand gives file names", () => {
  it.each<[string, string[]]>([
    [`sed -i x $(find /etc/ssh -name sshd_config)`, ["sed", "-i", "x", "/etc/ssh/**/sshd_config"]],
    [`sed -i x $(find /etc/ssh -type f -name 'sshd_config*')`, ["sed", "-i", "x", "/etc/ssh/**/sshd_config*"]],
    ["sed -i x `find /etc/ssh/sshd_config.d -name '*.conf'`", ["sed", "-i", "x", "/etc/ssh/sshd_config.d/**/*.conf"]],
    [`sed -i x "$(find /etc/ssh -name sshd_config)"`, ["sed", "-i", "x", "/etc/ssh/**/sshd_config"]],
    // A starting point whose own name matches is listed too; from above /etc/ssh, sshd's folder is named as well.
    [
      `cat $(find /etc/ssh/sshd_config -name sshd_config)`,
      ["cat", "/etc/ssh/sshd_config/**/sshd_config", "/etc/ssh/sshd_config"],
    ],
    [`cat $(find / -name '*.conf')`, ["cat", "/**/*.conf", "/etc/ssh/**/*.conf"]],
    [`cat $(find /etc/ssh ! -name ssh_config)`, ["cat", "/etc/ssh/**"]],
    [`cat $(find /etc/ssh -iname SSHD)`, ["cat", "/etc/ssh/**/[sS][sS][hH][dD]"]],
    [`cat $(grep -rl PermitRootLogin /etc/ssh)`, ["cat", "/etc/ssh/**"]],
    [`cat $(grep -l -e x /etc/ssh/sshd_config)`, ["cat", "/etc/ssh/sshd_config"]],
    // ls as before, its options dropped.
    [`cat $(ls -1 /etc/ssh/sshd_config)`, ["cat", "ls", "/etc/ssh/sshd_config"]],
    // Others, and listings the reader cannot take apart, as before.
    [`cat $(cat list)`, ["cat", "cat", "list"]],
    [`cat $(grep x f)`, ["cat", "grep", "x", "f"]],
    [`cat $(find /etc/ssh -name x | head -1)`, ["cat", "find", "/etc/ssh", "-name", "x", "|", "head", "-1"]],
    [`cat $(find /etc/ssh -name x).bak`, ["cat", "find", "/etc/ssh", "-name", "x", ".bak"]],
    [`x=$(find /etc/ssh -name x)`, ["x=", "find", "/etc/ssh", "-name", "x"]],
  ])("%s", (command, expected) => {
    expect(words(command)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["find's names", `sed -i ${WEAK} $(find /etc/ssh -name sshd_config)`, [PW]],
    ["a type and a pattern", `sed -i ${WEAK} $(find /etc/ssh -type f -name 'sshd_config*')`, [PW]],
    ["the drop-ins", `sed -i ${WEAK} $(find /etc/ssh/sshd_config.d -name '*.conf')`, [PW]],
    ["backquotes", `sed -i ${ROOT} \`find /etc/ssh -name sshd_config\``, [ROOT_LOGIN]],
    ["a generic edit of what find lists", `sed -i 's/no/yes/' $(find /etc/ssh -name sshd_config)`, BOTH],
    ["quoted whole", `sed -i 's/no/yes/' "$(find /etc/ssh -name sshd_config)"`, BOTH],
    ["from the root", `sed -i 's/no/yes/' $(find / -name sshd_config -type f)`, BOTH],
    ["from /etc, the drop-ins among them", `sed -i 's/no/yes/' $(find /etc -name '*.conf')`, BOTH],
    ["options after the script", `sed -i.bak -e 's/no/yes/' -- $(find /etc/ssh -maxdepth 1 -name sshd_config)`, BOTH],
    ["grep's files", `sed -i 's/no/yes/' $(grep -rl PermitRootLogin /etc/ssh)`, BOTH],
    ["root's keys", "cp /tmp/k $(find /root -name authorized_keys)", [ROOT_KEYS]],
    ["a loop over find's files", `for f in $(find /etc/ssh -name sshd_config); do sed -i 's/no/yes/' $f; done`, BOTH],
    ["still: a list read", `sed -i ${WEAK} $(cat list)`, [PW]],
    ["still: ls", `sed -i ${WEAK} $(ls /etc/ssh/sshd_config)`, [PW]],
    // Known good.
    ["hardening", `sed -i 's/yes/no/' $(find /etc/ssh -name sshd_config)`, []],
    [
      "hardening, spelt out",
      `sed -i 's/^PasswordAuthentication yes/PasswordAuthentication no/' $(find /etc/ssh -name x)`,
      [],
    ],
    ["a generic edit of other files", `sed -i 's/no/yes/' $(find /var/www -name '*.conf')`, []],
    ["hardening of other files", `sed -i 's/yes/no/' $(find /var/www -name '*.conf')`, []],
    ["another account's keys", "cp /tmp/k $(find /home/bob -name authorized_keys)", []],
    ["a loop over other files", `for f in $(find /var/www -name '*.conf'); do sed -i 's/no/yes/' $f; done`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("a directive written into what find lists under another folder reads as that folder's pattern", () => {
    expect(verdicts(`sed -i ${WEAK} $(find /var/www -name '*.conf')`)).toEqual(
      verdicts(`sed -i ${WEAK} /var/www/**/*.conf`),
    );
  });

  it("reads hostile lines of listings in one pass", () => {
    const many = "sed -i x " + "$(find /etc/ssh -name a) ".repeat(20_000);
    expect(words(many)).toHaveLength(3 + 20_000);
    const nested = "sed -i x " + "$(find ".repeat(50_000);
    const start = Date.now();
    words(nested);
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});

describe("find's -exec and xargs run their command on the files listed", () => {
  it.each<[string, string, string[]]>([
    ["-exec sed {} \\;", `find /etc/ssh -name sshd_config -exec sed -i 's/no/yes/' {} \\;`, BOTH],
    ["-exec sed {} +", `find /etc/ssh -name sshd_config -exec sed -i 's/no/yes/' {} +`, BOTH],
    ["from the root", `find / -name 'sshd_config' -exec sed -i 's/no/yes/' {} \\;`, BOTH],
    [
      "sh -c with $1",
      `find /etc/ssh -name sshd_config -exec sh -c 'echo "PasswordAuthentication yes" >> "$1"' _ {} \\;`,
      [PW],
    ],
    ["sh -c with {}", `find /etc/ssh -name sshd_config -exec sh -c "echo PermitRootLogin yes >> {}" \\;`, [ROOT_LOGIN]],
    ["root's keys copied", "find /root -name authorized_keys -exec cp /tmp/k {} \\;", [ROOT_KEYS]],
    ["root's keys added to", "find /root/.ssh -exec sh -c 'cat /tmp/k >> {}' \\;", [ROOT_KEYS]],
    ["xargs -I sh -c", `echo /etc/ssh/sshd_config | xargs -I{} sh -c 'echo PermitRootLogin yes >> {}'`, [ROOT_LOGIN]],
    ["ls | xargs sed", `ls /etc/ssh/sshd_config | xargs sed -i 's/no/yes/'`, BOTH],
    ["echo | xargs sed", `echo /etc/ssh/sshd_config | xargs sed -i 's/no/yes/'`, BOTH],
    ["xargs -I {}", `echo /etc/ssh/sshd_config | xargs -I{} sed -i 's/no/yes/' {}`, BOTH],
    ["xargs -I %", `echo /etc/ssh/sshd_config | xargs -I % sed -i 's/no/yes/' %`, BOTH],
    ["find | xargs", `find /etc/ssh -name sshd_config | xargs sed -i 's/no/yes/'`, BOTH],
    ["find -print0 | xargs -0", `find /etc/ssh -name sshd_config -print0 | xargs -0 sed -i 's/no/yes/'`, BOTH],
    ["grep -l | xargs", `grep -rl 'PermitRootLogin no' /etc/ssh | xargs sed -i 's/no/yes/'`, BOTH],
    ["xargs cp to root's keys", "echo /root/.ssh/authorized_keys | xargs -n1 cp /tmp/k", [ROOT_KEYS]],
    // Known good.
    ["-exec hardening", `find /etc/ssh -name sshd_config -exec sed -i 's/yes/no/' {} +`, []],
    ["-exec sh -c hardening", `find /etc/ssh -name sshd_config -exec sh -c "echo PermitRootLogin no >> {}" \\;`, []],
    ["-exec on other files", `find /var/www -name '*.conf' -exec sed -i 's/no/yes/' {} \\;`, []],
    ["xargs hardening", `echo /etc/ssh/sshd_config | xargs sed -i 's/yes/no/'`, []],
    ["xargs on other files", `find /var/www -name '*.conf' | xargs sed -i 's/no/yes/'`, []],
    ["xargs on a file named outright elsewhere", `echo /var/www/a.conf | xargs sed -i ${WEAK}`, []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("xargs gets the files as its words, its command text otherwise as spelt", () => {
    const texts = (line: string) => splitCommands(line).map((c) => c.text.trim());
    expect(texts("echo /a | xargs sed -i x")).toEqual(["echo /a", "xargs sed -i x /a"]);
    expect(texts("echo /a | xargs -I{} cp k {}")).toEqual(["echo /a", "xargs '-I{}' cp k /a"]);
    // Read from a file, from a stage that lists nothing known, or past a variable: as before.
    expect(texts("echo /a | xargs -a l sed -i x")).toEqual(["echo /a", "xargs -a l sed -i x"]);
    expect(texts("cat l | xargs sed -i x")).toEqual(["cat l", "xargs sed -i x"]);
    expect(texts("echo $F | xargs sed -i x")).toEqual(["echo $F", "xargs sed -i x"]);
  });
});

describe("a shell reading its script from a here-string or here-document", () => {
  it.each<[string, string, string[]]>([
    ["sudo -s <<<", "sudo -s <<< 'echo PermitRootLogin yes >> /etc/ssh/sshd_config'", [ROOT_LOGIN]],
    ["sudo bash <<<", `sudo bash <<< "echo PermitRootLogin yes >> /etc/ssh/sshd_config"`, [ROOT_LOGIN]],
    ["bash <<<", "bash <<< 'echo PasswordAuthentication yes >> /etc/ssh/sshd_config'", [PW]],
    ["bash <<EOF", "bash <<EOF\necho PermitRootLogin yes >> /etc/ssh/sshd_config\nEOF", [ROOT_LOGIN]],
    ["known good", "sudo bash <<< 'echo PermitRootLogin no >> /etc/ssh/sshd_config'", []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });
});

describe("a brace list standing as operands gives several", () => {
  it.each<[string, string[]]>([
    ["cp /tmp/{k,../root/.ssh/authorized_keys}", ["cp", "/tmp/k", "/tmp/../root/.ssh/authorized_keys"]],
    ["cp /tmp/k{,.bak}", ["cp", "/tmp/k", "/tmp/k.bak"]],
    // Quoted, escaped, holding an expansion, before the command or a redirection's target: one word, as before.
    ["cp '/tmp/{k,x}'", ["cp", "/tmp/{k,x}"]],
    ["cp /tmp/\\{k,x}", ["cp", "/tmp/{k,x}"]],
    ["cp $D{,.bak}", ["cp", "$D{,.bak}"]],
    ["echo k > /tmp/{a,b}", ["echo", "k", "<op >>", "/tmp/{a,b}"]],
    ["{a,b} c", ["{a,b}", "c"]],
    // Past 16 words, one word.
    [`rm f{${"x,".repeat(16)}x}`, ["rm", `f{${"x,".repeat(16)}x}`]],
  ])("%s", (command, expected) => {
    expect(words(command)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ["root's keys by a brace list", "cp /tmp/{k,../root/.ssh/authorized_keys}", [ROOT_KEYS]],
    ["moved so", "mv /tmp/{k,../root/.ssh/authorized_keys}", [ROOT_KEYS]],
    ["installed so", "install -m600 /tmp/{k,../root/.ssh/authorized_keys}", [ROOT_KEYS]],
    ["still: an empty alternative of the target", "cp /tmp/k /root/.ssh/authorized_keys{,}", [ROOT_KEYS]],
    [
      "a backup edited, then put back",
      "cp /etc/ssh/sshd_config{,.bak}; echo PermitRootLogin yes >> /etc/ssh/sshd_config.bak; mv /etc/ssh/sshd_config{.bak,}",
      [ROOT_LOGIN],
    ],
    // Known good.
    ["a backup", "cp /tmp/k{,.bak}", []],
    ["root's keys backed up", "cp /root/.ssh/authorized_keys{,.bak}", []],
    ["another account's keys", "cp /tmp/{k,../home/bob/.ssh/authorized_keys}", []],
    ["quoted", "cp '/tmp/{k,../root/.ssh/authorized_keys}'", []],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("splits hostile lines of brace words within the line's budget", () => {
    const line = "cp " + "/tmp/{a,b}{c,d}{e,f}{g,h} ".repeat(50_000);
    const start = Date.now();
    const split = words(line);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(split.length).toBeLessThan(1 + 50_000 * 16);
  });
});
