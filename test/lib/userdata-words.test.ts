import { commandIndex, commandName, isBareExec, shellWords, splitCommands } from "../../lib/userdata-words";

const texts = (line: string) => splitCommands(line).map((c) => [c.text.trim(), c.piped]);
const words = (command: string) => shellWords(command).map((w) => (w.op ? `<op ${w.op}>` : w.text));
const name = (command: string) => {
  const w = shellWords(command);
  return commandName(w, commandIndex(w));
};

describe("splitCommands", () => {
  it.each<[string, (string | boolean)[][]]>([
    [
      "a; b && c || d | e",
      [
        ["a", false],
        ["b", false],
        ["c", false],
        ["d", false],
        ["e", true],
      ],
    ],
    [
      "sed 's/a/b/;s/c/d/' f; echo x",
      [
        ["sed 's/a/b/;s/c/d/' f", false],
        ["echo x", false],
      ],
    ],
    [
      'echo "a;b" | tee f',
      [
        ['echo "a;b"', false],
        ["tee f", true],
      ],
    ],
    [
      "find . -exec rm {} \\; ; echo x",
      [
        ["find . -exec rm {} \\;", false],
        ["echo x", false],
      ],
    ],
    ["echo x >| f", [["echo x >| f", false]]],
    // A stray quote does not hide the commands after it.
    [
      "echo it's; echo 'PermitRootLogin yes'",
      [
        ["echo it's", false],
        ["echo 'PermitRootLogin yes'", false],
      ],
    ],
  ])("%s", (line, expected) => expect(texts(line)).toEqual(expected));
});

describe("shellWords", () => {
  it.each<[string, string[]]>([
    [`echo 'a b' "c \\"d\\"" e\\ f`, ["echo", "a b", 'c "d"', "e f"]],
    ["cat >>/root/x 2>&1", ["cat", "<op >>>", "/root/x", "<op >&>", "1"]],
    ["passwd u <<< x", ["passwd", "u", "<op <<<>", "x"]],
    ["echo '2'>f", ["echo", "2", "<op >>", "f"]],
  ])("%s", (command, expected) => expect(words(command)).toEqual(expected));
});

describe("commandIndex", () => {
  it.each<[string, string]>([
    ["if grep -q x f", "grep"],
    ["then sudo -u root /usr/bin/tee f", "tee"],
    ["LANG=C env -u X sed -i f", "sed"],
    ["> /root/.ssh/authorized_keys", ""],
    ["- echo x", "echo"],
    ["timeout 10 tee f", "tee"],
    ["timeout -k 5 --signal KILL 10s sudo -u root tee f", "tee"],
    ["timeout -sKILL 10 cp a b", "cp"],
    ["stdbuf -o L -eL tee f", "tee"],
    ["ionice -c 2 -n7 nice -n 5 cp a b", "cp"],
    ["chroot /mnt cp a b", "cp"],
    ["chroot --userspec 0:0 --groups=root /mnt /bin/cp a b", "cp"],
    ["timeout 10", ""],
    ["setsid -f x11vnc -forever", "x11vnc"],
    ["doas -u root tee f", "tee"],
    ["taskset -c 0,1 cp a b", "cp"],
    ["chrt -f 50 nohup cp a b", "cp"],
  ])("%s", (command, expected) => expect(name(command)).toBe(expected));
});

describe("isBareExec", () => {
  it.each<[string, boolean]>([
    ["exec >> /root/.ssh/authorized_keys", true],
    ["exec 3>> f", true],
    ["exec > f 2>&1", true],
    ["exec tee f", false],
    ["echo > f", false],
    ["> f", false],
    ["sudo exec > f", false],
  ])("%s", (command, expected) => expect(isBareExec(shellWords(command))).toBe(expected));
});

describe("shellWords, grouping and descriptors", () => {
  it.each<[string, string[]]>([
    ['(crontab -l; echo "x")', ["crontab", "-l;", "echo", "x"]],
    ["echo k >> /root/.ssh/authorized_keys)", ["echo", "k", "<op >>>", "/root/.ssh/authorized_keys"]],
    ["echo '(a)' \\(b\\)", ["echo", "(a)", "(b)"]],
  ])("%s", (command, expected) => expect(words(command)).toEqual(expected));

  it("keeps the descriptor a redirection writes", () => {
    expect(shellWords("cat x 2>/dev/null >f").map((w) => w.fd)).toEqual([
      undefined,
      undefined,
      2,
      undefined,
      undefined,
      undefined,
    ]);
    expect(shellWords("echo '2'>f")[1]).toEqual({ text: "2" });
  });

  it("reads busybox as a wrapper", () => expect(name("busybox sed -i s/a/b/ f")).toBe("sed"));
});

describe("splitCommands, comments", () => {
  it.each<[string, string[]]>([
    ["echo hello # PermitRootLogin yes", ["echo hello"]],
    ["echo hello #PermitRootLogin yes", ["echo hello"]],
    ["# all of it", [""]],
    ["echo x;# y", ["echo x", ""]],
    ["echo x &# y", ["echo x &"]],
    ["a | b # c | d", ["a", "b"]],
    ["echo 'a # b' \"c # d\" # e", ["echo 'a # b' \"c # d\""]],
    ["echo a#b ${#x} $# \\#c 'd'#e", ["echo a#b ${#x} $# \\#c 'd'#e"]],
    ["echo a\\ #b", ["echo a\\ #b"]],
    ["echo hi # it's", ["echo hi"]],
    // A comment ends at a newline: the command after it runs.
    ["echo a # b\necho c", ["echo a", "echo c"]],
    // A line that ends inside quotes keeps its `#`: nothing hides behind a stray quote.
    ["echo it's # x; echo y", ["echo it's # x", "echo y"]],
  ])("%j", (line, expected) => {
    expect(splitCommands(line).map((c) => c.text.trim())).toEqual(expected);
  });

  it("reads a long line of comment markers in linear time", () => {
    expect(splitCommands(`echo ${"a# ".repeat(100_000)}`)).toHaveLength(1);
    expect(splitCommands(" #\n".repeat(100_000))).toHaveLength(100_001);
  });
});
