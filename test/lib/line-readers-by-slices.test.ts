// The readers that take a line's text by slices rather than a character at a time (so that a hostile line of a
// million characters stays linear): what they return on the forms where a slice could start or stop in the wrong
// place — quotes, escapes, placeholders, brackets, a value's bounds, the growth bound. Script text lives only in
// these strings; nothing here runs it.
import { MASK } from "../../lib/mask-secrets";
import { maskShellPasswords } from "../../lib/userdata-password-masks";
import { markUnknownExpansions } from "../../lib/userdata-unknown-values";
import { ShellVariables } from "../../lib/userdata-variables";
import { shellWords, Word } from "../../lib/userdata-words";
import { windowsWords } from "../../lib/windows-words";

const M = MASK;
const mark = (i: number) => `\uE000${i}\uE001`;

describe("windowsWords", () => {
  it.each([
    [
      "blanks and an operator",
      "powershell",
      'Add-Content C:\\f "a b" ; x',
      ["Add-Content", "C:\\f", '"a b"', ";", "x"],
    ],
    ["blanks around", "powershell", "  a \t b  ", ["a", "b"]],
    ["operators glued to words", "powershell", "a|b>c{d}", ["a", "|", "b", ">", "c", "{", "d", "}"]],
    ["a backtick escaping a quote", "powershell", 'Write-Host "a`" b" c', ["Write-Host", '"a`" b"', "c"]],
    ["a backtick ending the line", "powershell", 'x "a`', ["x", '"a`']],
    ["a doubled single quote", "powershell", "'a''b' c", ["'a''b'", "c"]],
    ["an unclosed quote", "powershell", "echo 'a b", ["echo", "'a b"]],
    ["parentheses", "powershell", "(Get-Item x).Name y", ["(Get-Item x).Name", "y"]],
    ["a placeholder", "powershell", "net user a {{ pw }}x y", ["net", "user", "a", "{{ pw }}x", "y"]],
    ["an unclosed placeholder", "powershell", "net user a {{ pw", ["net", "user", "a", "{{ pw"]],
    ["a braced variable", "powershell", "${env:A B}c d", ["${env:A B}c", "d"]],
    ["an unclosed braced variable", "powershell", "a ${x y", ["a", "${x y"]],
    ["batch single quotes are characters", "batch", "echo 'a b'", ["echo", "'a", "b'"]],
    ["batch backticks are characters", "batch", 'echo "a`" b', ["echo", '"a`"', "b"]],
  ])("splits %s", (_n, language, statement, words) => {
    expect(windowsWords(statement, language as "powershell" | "batch")).toEqual(words);
  });
});

describe("shellWords", () => {
  const plain = (...texts: string[]): Word[] => texts.map((text) => ({ text }));

  it.each<[string, string, Word[]]>([
    ["a substitution inside a word", "sed -i.$(date +%s) f", plain("sed", "-i.$(date +%s)", "f")],
    ["substitutions and expansions joined", "a$(b)c${d}e `f`", plain("a$(b)c${d}e", "`f`")],
    ["an expansion holding a blank", "${x:-a b}c d", plain("${x:-a b}c", "d")],
    ["quotes between plain runs", 'a"b c"d e', plain("ab cd", "e")],
    ["an escaped blank", "x\\ y z", plain("x y", "z")],
    ["ANSI-C quoting after a plain run", "a$'b\\tc'd", plain("ab\tcd")],
    ["an assignment's substitution, read as words", "x=$(date) cmd", plain("x=", "date", "cmd")],
    ["an option's assignment, one word", "cmd -v x=$(date)", plain("cmd", "-v", "x=$(date)")],
    [
      "a file descriptor before a redirection",
      "cmd 2>/dev/null a2>b",
      [
        { text: "cmd" },
        { text: ">", op: ">", fd: 2 },
        { text: "/dev/null" },
        { text: "a2" },
        { text: ">", op: ">" },
        { text: "b" },
      ],
    ],
    [
      "a quoted here-document delimiter",
      "cat <<'EOF'",
      [{ text: "cat" }, { text: "<<", op: "<<" }, { text: "EOF", quoted: true }],
    ],
    ["an unclosed substitution ends the joining", "a$(b c$(d)", plain("a", "b", "c", "d")],
  ])("reads %s", (_n, command, words) => {
    expect(shellWords(command)).toEqual(words);
  });
});

describe("ShellVariables.expand", () => {
  const variables = new ShellVariables();
  variables.set("A", "val");
  variables.set("BIG", "x".repeat(4000));

  it.each([
    ["outside and inside double quotes", `echo $A '$A' "$A" \\$A`, true, `echo val '$A' "val" \\$A`],
    ["after an escaped backslash", "x\\\\$A", true, "x\\\\val"],
    ["inside single quotes of a here-document", "'$A'", false, "'val'"],
    ["braces, a default, an unknown", "${A}b ${U:-d} $U", true, "valb d $U"],
    ["text after the last reference", "$A tail", true, "val tail"],
    ["no reference", "echo plain", true, "echo plain"],
  ])("expands %s", (_n, text, quotes, expanded) => {
    expect(variables.expand(text, quotes)).toBe(expanded);
  });

  it("stops expanding once the values have added the bound's worth of text, keeping the rest as written", () => {
    const text = "$BIG ".repeat(40);
    // Each value adds 3996 characters; the 17th is the last added while under 64 KiB of growth.
    const expanded = `${"x".repeat(4000)} `.repeat(17) + "$BIG ".repeat(23);
    expect(variables.expand(text)).toBe(expanded);
  });
});

describe("markUnknownExpansions", () => {
  it("marks expansions outside single quotes and escapes, keeping the text between them", () => {
    const marked = markUnknownExpansions("echo \\$A $B '$C' \"$D\" $(x) `y` end");
    expect(marked).toEqual({
      text: `echo \\$A ${mark(0)} '$C' "${mark(1)}" ${mark(2)} ${mark(3)} end`,
      expansions: ["$B", "$D", "$(x)", "`y`"],
    });
  });

  it.each([
    ["escaped and single-quoted only", "echo '$A' \\$B"],
    ["unclosed braces", "${${${"],
    ["a trailing dollar", "grep 'x$' f; echo $"],
  ])("marks nothing when %s", (_n, text) => {
    expect(markUnknownExpansions(text)).toBeUndefined();
  });

  it("marks a closed brace after an unclosed one", () => {
    expect(markUnknownExpansions("a${b}${")).toEqual({ text: `a${mark(0)}\${`, expansions: ["${b}"] });
  });
});

describe("maskShellPasswords, on a value's bounds", () => {
  it.each([
    ["a second assignment", "A=b PW=Pw1 run", `A=b PW=${M} run`],
    ["an assignment after many words", `run ${"x ".repeat(50)}PASS=Pw1`, `run ${"x ".repeat(50)}PASS=${M}`],
    ["ttyd's quoted credential", 'ttyd -c "ops:Pw1" bash', `ttyd -c "ops:${M}" bash`],
  ])("masks %s", (_n, line, masked) => {
    expect(maskShellPasswords(line)).toBe(masked);
  });

  it.each([
    ["a password name whose `=` is in a later word", "echo DB_PASS x=1"],
    ["ttyd's credential without a colon, one later in the line", "ttyd -c admin x:y bash"],
  ])("keeps %s", (_n, line) => {
    expect(maskShellPasswords(line)).toBe(line);
  });
});
