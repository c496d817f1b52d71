import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { sedOperands, sedScript } from "../../lib/userdata-sed";
import { writtenText } from "../../lib/userdata-sed-edits";

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);
const vias = (text: string) => findLoginWeaknesses(text).map((w) => [w.kind, w.via]);

const SSHD = "/etc/ssh/sshd_config";

describe("text sed inserts into a boot script is read as the commands it runs", () => {
  it("reads a sed command inserted before rc.local's exit, quotes and all", () => {
    const inner = `sed -i "s/^PasswordAuthentication no/PasswordAuthentication yes/" ${SSHD}`;
    expect(findLoginWeaknesses(`sed -i '/^exit 0/i ${inner}' /etc/rc.local`)).toEqual([
      { kind: "password-authentication", line: inner, via: "/etc/rc.local" },
    ]);
  });

  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "an echo in double quotes",
      `sed -i '/^exit 0/i echo "PermitRootLogin yes" >> ${SSHD}' /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "quotes escaped in a double-quoted script",
      `sed -i "/^exit 0/i echo \\"PermitRootLogin yes\\" >> ${SSHD}" /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "single quotes spliced in",
      `sed -i '/^exit 0/i echo '"'"'PermitRootLogin yes'"'"' >> ${SSHD}' /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "i\\ glued to the text",
      `sed -i '/^exit 0/i\\echo PermitRootLogin yes >> ${SSHD}' /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "i\\ with the text in the next -e",
      `sed -i -e '/^exit 0/i\\' -e 'echo root:x | chpasswd' /etc/rc.local`,
      [["password-set", "/etc/rc.local"]],
    ],
    [
      "text holding ; and }",
      `sed -i '/^exit 0/{i true; echo "PermitRootLogin yes" >> ${SSHD} }' /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "$a into a cron.d file",
      `sed -i '$a * * * * * root echo "PermitRootLogin yes" >> ${SSHD}' /etc/cron.d/x`,
      [["root-login", "/etc/cron.d/x"]],
    ],
    [
      "a runcmd argv list",
      `#cloud-config\nruncmd:\n  - [sed, -i, "/^exit 0/i echo 'PermitRootLogin yes' >> ${SSHD}", /etc/rc.local]\n`,
      [["root-login", "/etc/rc.local"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(vias(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "a hardening sed inserted",
      `sed -i '/^exit 0/i sed -i "s/^PasswordAuthentication yes/PasswordAuthentication no/" ${SSHD}' /etc/rc.local`,
    ],
    ["an echo into a log", `sed -i '/^exit 0/i echo "booted" >> /var/log/boot.log' /etc/rc.local`],
    [
      "a command only searching for the directive",
      `sed -i "/^exit 0/i grep -q 'PermitRootLogin yes' ${SSHD} && logger found" /etc/rc.local`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("text sed appends, inserts or changes in sshd_config", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["$a text", `sed -i '$a PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    ["$a\\text", `sed -i '$a\\PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    ["$a\\ then the next -e", `sed -i -e '$a\\' -e 'PasswordAuthentication yes' ${SSHD}`, ["password-authentication"]],
    ["1i text", `sed -i '1i PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    ["1iText", `sed -i '1iPermitRootLogin yes' ${SSHD}`, ["root-login"]],
    [
      "/re/c\\text",
      `sed -i '/^#\\?PasswordAuthentication/c\\PasswordAuthentication yes' ${SSHD}`,
      ["password-authentication"],
    ],
    ["c in a block", `sed -i '/^#\\?PermitRootLogin/{c PermitRootLogin yes\n}' ${SSHD}`, ["root-login"]],
    ["a after s and ;", `sed -i 's/x/y/;$a PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    [
      "an escaped newline continuing the text",
      `sed -i -e '$a\\' -e 'Port 22\\' -e 'PermitRootLogin yes' ${SSHD}`,
      ["root-login"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["$a writing no", `sed -i '$a PermitRootLogin no' ${SSHD}`],
    ["/re/c\\ writing no", `sed -i '/^#\\?PasswordAuthentication/c\\PasswordAuthentication no' ${SSHD}`],
    ["i of another directive", `sed -i '1i Port 2222' ${SSHD}`],
    ["the text of a command that only prints", `sed -n '/^PermitRootLogin/p' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("sed scripts, command by command", () => {
  const edits = (script: string, syntax: "basic" | "extended" = "basic") =>
    sedScript(script, syntax).edits.map((e) => [e.command, e.address, e.negated, e.numbered, e.pattern, e.written]);

  it.each<[string, (string | boolean)[][]]>([
    ["a foo; s/a/b/", [["text", "", false, false, "", "foo; s/a/b/"]]],
    ["a\\\n  two\\\nlines", [["text", "", false, false, "", "  two\nlines"]]],
    ["a\\  kept blanks", [["text", "", false, false, "", "  kept blanks"]]],
    [
      "/x/{s/a/b/;s/c/d/};s/e/f/",
      [
        ["s", "x", false, false, "a", "b"],
        ["s", "x", false, false, "c", "d"],
        ["s", "", false, false, "e", "f"],
      ],
    ],
    ["/x/!{s/a/b/}", [["s", "x", true, false, "a", "b"]]],
    ["\\%^#P%s%^#%%", [["s", "^#P", false, false, "^#", ""]]],
    ["\\|a\\|b|d", [["d", "a|b", false, false, "", ""]]],
    ["/^#p/Is/^#//", [["s", "^#p", false, false, "^#", ""]]],
    // `2!d` deletes every line but one, which the reader cannot place: read as deleting every stock line.
    [
      "1s/a/b/;$!s/c/d/;2!d",
      [
        ["s", "", false, true, "a", "b"],
        ["s", "", false, false, "c", "d"],
        ["d", "", false, false, "", ""],
      ],
    ],
    [
      "1~2s/a/b/;/x/,+3s/c/d/;0,/y/s//e/",
      [
        ["s", "", false, false, "a", "b"],
        ["s", "", false, false, "c", "d"],
        ["s", "", false, false, "y", "e"],
      ],
    ],
    // A range from a regex deletes the lines the regex matches, and others it cannot place (noted apart).
    [
      "/x/,/y/d;/z/d",
      [
        ["d", "x", false, false, "", ""],
        ["d", "z", false, false, "", ""],
      ],
    ],
    ["y/abc/xyz/;s/a/b/", [["s", "", false, false, "a", "b"]]],
    [
      "s/a/b/w /tmp/out;s/c/d/\ns/e/f/",
      [
        ["s", "", false, false, "a", "b"],
        ["s", "", false, false, "e", "f"],
      ],
    ],
    ["# s/no/yes/\ns/a/b/", [["s", "", false, false, "a", "b"]]],
    [":top;s/a/b/;t top;b end;q5;p;=", [["s", "", false, false, "a", "b"]]],
    ["r /tmp/x; s/no/yes/\ns/a/b/", [["s", "", false, false, "a", "b"]]],
    ["1e echo x; s/a/b/", [["text", "", false, false, "", "echo x; s/a/b/"]]],
    ["s/unclosed\ns/a/b/", [["s", "", false, false, "a", "b"]]],
    ["/unclosed\ns/a/b/", [["s", "", false, false, "a", "b"]]],
    ["k s/no/yes/;s/a/b/", [["s", "", false, false, "a", "b"]]],
    ["/PermitRootLogin/s/no/yes/", [["s", "PermitRootLogin", false, false, "no", "PermitRootLogin yes"]]],
  ])("%j", (script, expected) => {
    expect(edits(script)).toEqual(expected);
  });

  it("reads extended groups under -E", () => {
    expect(writtenText(sedScript("s/^#?(PermitRootLogin).*/\\1 yes/", "extended"))).toBe("PermitRootLogin yes");
    expect(writtenText(sedScript("s/^#\\?\\(PermitRootLogin\\).*/\\1 yes/", "basic"))).toBe("PermitRootLogin yes");
  });

  it.each<[string[], ReturnType<typeof sedOperands>]>([
    [["-i", "s/a/b/", "f", "g"], { inPlace: true, scripts: ["s/a/b/"], files: ["f", "g"], extended: false }],
    [
      ["-n", "-e", "p", "--expression=s/a/b/", "f"],
      { inPlace: false, scripts: ["p", "s/a/b/"], files: ["f"], extended: false },
    ],
    [["-ri.bak", "-l", "80", "s/a/b/", "f"], { inPlace: true, scripts: ["s/a/b/"], files: ["f"], extended: true }],
    [["-i", "-f", "fix.sed", "f"], { inPlace: true, scripts: [], files: ["f"], extended: false }],
  ])("sedOperands(%j)", (args, expected) => {
    expect(sedOperands(args)).toEqual(expected);
  });

  it.each<[string[], boolean]>([
    [["-E", "-i", "s/a/b/"], true],
    [["-ri", "s/a/b/"], true],
    [["-iE", "s/a/b/"], true],
    [["--regexp-extended", "s/a/b/"], true],
    [["-i.bak", "s/a/b/"], false],
    [["-ie", "s/r/E/"], false],
    [["-i", "s/a/b/", "-r"], true],
  ])("sedOperands(%j) is extended: %s", (args, extended) => {
    expect(sedOperands(args).extended).toBe(extended);
  });
});

// Linear work on 100 KB takes milliseconds; quadratic work would run into the test timeout.
describe("sed scripts on hostile input", () => {
  const big = 100_000;
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["open blocks", `sed -i '${"/a/{".repeat(big / 4)}$a PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    ["closing braces", `sed -i '${"}".repeat(big)}s/^#PermitRootLogin/PermitRootLogin/' ${SSHD}`, ["root-login"]],
    ["unclosed custom addresses", `sed -i '${"\\%a".repeat(big / 3)}' ${SSHD}`, []],
    [
      "delimiters that never close",
      `sed -i '${[...Array(big / 2).keys()].map((i) => `s${String.fromCharCode(0x4e00 + (i % 20000))}`).join("")}' ${SSHD}`,
      ["unread-content"],
    ],
    ["y commands", `sed -i '${"y/a/b/;".repeat(big / 7)}' ${SSHD}`, []],
    ["labels", `sed -i '${":a;".repeat(big / 3)}s/^#PermitRootLogin/PermitRootLogin/' ${SSHD}`, ["root-login"]],
    ["unknown commands", `sed -i '${"k".repeat(big)}' ${SSHD}`, []],
    ["escaped newlines in a text", `sed -i '$a\\${"\\x".repeat(big / 2)}PermitRootLogin yes' ${SSHD}`, []],
    ["many -e", `sed -i ${"-e 'a\\' ".repeat(big / 8)}-e 'PermitRootLogin yes' ${SSHD}`, ["root-login"]],
    [
      "many distinct -e",
      `sed -i ${[...Array(big / 16).keys()].map((i) => `-e 's/${i}/x/'`).join(" ")} -e '$a PermitRootLogin yes' ${SSHD}`,
      ["root-login", "unread-content"],
    ],
    [
      "text into rc.local",
      `sed -i '/^exit 0/i ${"echo a; ".repeat(big / 8)}echo "PermitRootLogin yes" >> ${SSHD}' /etc/rc.local`,
      ["root-login"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });
});
