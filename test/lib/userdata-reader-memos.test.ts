// The reader reads each distinct command and line once across scripts (see parseCommand and splitCommands): what it
// hands out must behave as a fresh reading would, and the quick tests in front of the path patterns must answer as
// the patterns do. The shell text is only data.
import { parseCommand } from "../../lib/userdata-destinations";
import { physicalLines } from "../../lib/userdata-lines";
import { isSshdConfigPath, maybeSshdConfigPath } from "../../lib/userdata-sshd-paths";
import { splitCommands } from "../../lib/userdata-words";

describe("commands read once", () => {
  it("gives each call its own command, with the same reading", () => {
    const first = parseCommand({ text: "sed -i 's/a/b/' /etc/ssh/sshd_config", piped: false });
    const again = parseCommand({ text: "sed -i 's/a/b/' /etc/ssh/sshd_config", piped: true });
    expect(again).not.toBe(first);
    expect(again.command.piped).toBe(true);
    expect(first.command.piped).toBe(false);
    expect({ ...again, command: undefined }).toEqual({ ...first, command: undefined });
    expect(first.name).toBe("sed");
    expect(first.args).toEqual(["-i", "s/a/b/", "/etc/ssh/sshd_config"]);
  });

  it("reads a command too long to keep as it reads a short one", () => {
    const long = `echo ${"x".repeat(2_000)} >> /etc/ssh/sshd_config`;
    const parsed = parseCommand({ text: long, piped: false });
    expect(parsed.name).toBe("echo");
    expect(parsed.words.map((w) => w.text)).toEqual(["echo", "x".repeat(2_000), ">>", "/etc/ssh/sshd_config"]);
    expect(parseCommand({ text: long, piped: false })).toEqual(parsed);
  });

  it("hands out a list of a line's commands that its caller may change", () => {
    const line = "a=1; echo $a | tee /tmp/x && cat /tmp/x";
    const first = splitCommands(line);
    expect(first.map((c) => [c.text, c.piped])).toEqual([
      ["a=1", false],
      [" echo $a ", false],
      [" tee /tmp/x ", true],
      [" cat /tmp/x", false],
    ]);
    first.pop();
    first.push({ text: "changed", piped: false });
    expect(splitCommands(line).map((c) => c.text)).toEqual(["a=1", " echo $a ", " tee /tmp/x ", " cat /tmp/x"]);
  });

  it("splits a line with a stray quote, and a long one, as before", () => {
    expect(splitCommands("echo 'a; b")).toEqual([
      { text: "echo 'a", piped: false },
      { text: " b", piped: false },
    ]);
    const long = `${"x ".repeat(1_000)}; y`;
    expect(splitCommands(long)).toEqual([
      { text: "x ".repeat(1_000), piped: false },
      { text: " y", piped: false },
    ]);
  });
});

describe("physical lines", () => {
  it.each([
    ["a\nb", ["a", "b"]],
    ["a\r\nb\r\n", ["a", "b", ""]],
    ["a\rb\nc", ["a\rb", "c"]],
    ["", [""]],
  ])("splits %j as a newline with or without a carriage return", (text, lines) => {
    expect(physicalLines(text)).toEqual(lines);
    expect(physicalLines(text)).toEqual(text.split(/\r?\n/));
  });
});

describe("the path tests in front of the patterns", () => {
  it.each([
    ["/etc/ssh/sshd_config", true, true],
    ["/etc/ssh//sshd_config", true, true],
    ["/etc/ssh/sshd_config.d/50-cloud-init.conf", true, true],
    ["/etc/ssh/sshd_config.d/notes.txt", false, true],
    ["/etc/ssh/sshd_config.bak", false, true],
    ["/etc/ssh/moduli", false, true],
    ["/etc/ssh/ssh_config", false, false],
    ["/etc/ssh/ssh_config.d/x.conf", false, false],
    ["/usr/etc/ssh/sshd_config", false, true],
    ["backup/sshd_config.d/x", false, true],
    ["sshd_config", false, true],
    ["/etc/sshd_config.d", false, false],
    ["/opt/app/config", false, false],
  ])("%s: sshd's (%s), maybe sshd's (%s)", (path, sshd, maybe) => {
    expect(isSshdConfigPath(path)).toBe(sshd);
    expect(maybeSshdConfigPath(path)).toBe(maybe);
  });
});
