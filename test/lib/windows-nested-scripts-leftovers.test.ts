// Scripts Windows scripts write or run in forms read last by disallow-userdata-login-weakening: a batch group of
// echoes spread over lines, PowerShell's `+=` onto a literal, a literal piped (maybe assigned) to Invoke-Expression,
// words a batch echo writes after its redirection, and a digit written apart from `>`, which is text and no handle.
// Script text lives only in these strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { NestingBudget, nestedScripts } from "../../lib/windows-nested-scripts";
import { WindowsVariables } from "../../lib/windows-variables";
import { windowsWords } from "../../lib/windows-words";
import { table } from "../policies/harness";
import {
  bat,
  messages,
  NET_USER,
  netUser,
  PASSWORD,
  ps,
  REG_NO_NLA,
  row,
  SETS_PASSWORD,
  SSH_PASSWORDS,
} from "../policies/windows-nested-fixtures";

/** The line after these that uses the password the batch script written to C:\setup.cmd sets, if it sets one. */
const USES_PW = "echo net user ops %%PW%% /add >> C:\\setup.cmd";

/** The text of the scripts a batch statement writes, read as the Windows reader reads it. */
const writtenTexts = (statement: string) => {
  const handles = new Set<number>();
  const words = windowsWords(statement, "batch", handles);
  const nested = nestedScripts(words, "batch", new WindowsVariables("batch"), new NestingBudget(1 << 20), handles);
  return nested.scripts.map((script) => script.text);
};

describe("a batch group of echoes spread over lines", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "each echo line is a line of the script the group writes",
      bat("(", `echo ${NET_USER}`, "echo net start sshd", ") > C:\\setup.cmd"),
      2,
    ),
    row(
      "the first echo on the opening line, appended with >> and 1>>, a quoted path and a path in a variable",
      bat(
        `(echo set PW=${PASSWORD}`,
        ") >> C:\\setup.cmd",
        USES_PW,
        "(",
        `echo ${netUser(1)}`,
        ') 1>> "C:\\Setup Files\\setup.cmd"',
        "set F=C:\\other.cmd",
        "(",
        `echo ${REG_NO_NLA}`,
        ") > %F%",
      ),
      3,
    ),
    row(
      "a variable the group sets reaches the line echoed after it",
      bat("(", "echo @echo off", `echo set PW=${PASSWORD}`, ") > C:\\setup.cmd", USES_PW),
      1,
      SETS_PASSWORD,
    ),
    row(
      "unknown: a group holding another command, another operator, or left open writes no variable, a note",
      bat(
        "(",
        `echo set PW=${PASSWORD}`,
        "type C:\\more.txt",
        ") > C:\\setup.cmd",
        "(",
        `echo set PW=${PASSWORD} | more`,
        ") > C:\\setup.cmd",
        "(",
        `echo set PW=${PASSWORD}`,
        USES_PW,
      ),
      0,
      undefined,
      1,
    ),
    row(
      "a group written to a file that is no script sets no variable, a note; harmless groups are no finding",
      bat(
        "(",
        `echo set PW=${PASSWORD}`,
        ") > C:\\notes.txt",
        "(",
        "echo @echo off",
        "echo ipconfig /all",
        ") > C:\\setup.cmd",
        USES_PW,
      ),
      0,
      undefined,
      1,
    ),
    row(
      "a multi-line if block is still read a line at a time",
      bat("if not exist C:\\done (", NET_USER, "echo done > C:\\done", ")"),
      1,
      SETS_PASSWORD,
    ),
  ]);

  it("quotes the written lines, not the echoes, the password masked", () => {
    const found = messages(bat("(", `echo ${NET_USER}`, "echo net start sshd", ") > C:\\setup.cmd"));
    expect(found).toHaveLength(2);
    expect(found[0]).toContain(`${SETS_PASSWORD}: "net user ops ******** /add"`);
    expect(found[1]).toContain(`${SSH_PASSWORDS}: "net start sshd"`);
    for (const message of found) expect(message).not.toContain(PASSWORD);
  });
});

describe("PowerShell appending to a variable that holds a literal", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "+= then iex, Set-Content of a .ps1, on one line, and twice over",
      ps(
        "$c = 'net user ops1 '",
        `$c += '${PASSWORD} /add'`,
        "iex $c",
        "$d = 'net user ops2 '",
        `$d += "${PASSWORD} /add"`,
        "Set-Content C:\\setup.ps1 $d",
        `$e = 'net user ops3 '; $e += '${PASSWORD}'; $e += ' /add'; Invoke-Expression $e`,
      ),
      3,
      SETS_PASSWORD,
    ),
    row(
      "harmless text appended",
      ps(
        "$c = 'Write-'",
        "$c += 'Host ready'",
        "iex $c",
        "$d = 'ipconfig'",
        "$d += ' /all'",
        "Set-Content C:\\s.ps1 $d",
      ),
      0,
    ),
    row(
      "unknown: appending to a value from outside, or to a variable never set, is left unread",
      ps(
        "$c = $env:ACCOUNT_COMMAND",
        `$c += ' ${PASSWORD} /add'`,
        "iex $c",
        `$u += '${NET_USER}'`,
        "iex $u",
        "$n = 1",
        `$n += '${NET_USER}'`,
        "iex $n",
      ),
      0,
    ),
  ]);

  it("quotes the joined line, its password masked", () => {
    const found = messages(ps("$c = 'net user ops '", `$c += '${PASSWORD} /add'`, "iex $c"));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${SETS_PASSWORD}: "net user ops ******** /add"`);
    expect(found[0]).not.toContain(PASSWORD);
  });
});

describe("a literal piped to Invoke-Expression, its output maybe assigned", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "single and double quotes, iex and Invoke-Expression, assigned as `$r =`, `$r=` and `$r= `",
      ps(
        `'${netUser(1)}' | iex`,
        `"${netUser(2)}" | Invoke-Expression`,
        `$r = '${netUser(3)}' | iex`,
        `$r='${netUser(4)}' | iex`,
        `$script:r= '${netUser(5)}' | Invoke-Expression`,
        `Write-Host start; $r = '${netUser(6)}' | iex`,
      ),
      6,
      SETS_PASSWORD,
    ),
    row("assigned and piped to Set-Content of a .ps1", ps(`$r = '${NET_USER}' | Set-Content C:\\setup.ps1`), 1),
    row("harmless literals piped", ps("'Write-Host ready' | iex", "$r = 'Get-Date' | Invoke-Expression"), 0),
    row(
      "unknown: a command's output, or a literal given to another command first, is left unread",
      ps("$r = Get-Content C:\\cmd.txt | iex", "(Invoke-RestMethod http://example.com/c) | iex"),
      0,
    ),
  ]);

  it("quotes the run line, its password masked", () => {
    const found = messages(ps(`$r = '${NET_USER}' | iex`));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${SETS_PASSWORD}: "net user ops ******** /add"`);
    expect(found[0]).not.toContain(PASSWORD);
  });
});

describe("a batch echo writes the words after its redirection's path", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "words after the path, before another stream's redirection or the next command",
      bat(
        `echo net user ops1 > C:\\setup.cmd ${PASSWORD} /add`,
        `echo net user ops2 >> C:\\setup.cmd ${PASSWORD} /add 2>NUL`,
        `> C:\\other.cmd echo net user ops3 ${PASSWORD} /add 2>NUL`,
        `echo set PW=>C:\\third.cmd ${PASSWORD}& echo net user ops4 %%PW%% /add >> C:\\third.cmd`,
      ),
      4,
      SETS_PASSWORD,
    ),
    row(
      "harmless words after the path, or written to a file that is no script",
      bat("echo ipconfig > C:\\setup.cmd /all", `echo net user ops > C:\\notes.txt ${PASSWORD} /add`),
      0,
    ),
    row(
      "unknown: stdout redirected a second time writes nothing known, the variable stays unset, a note",
      bat(`echo set PW=> C:\\setup.cmd ${PASSWORD} > NUL`, `echo set PW=> C:\\setup.cmd ${PASSWORD} 1> NUL`, USES_PW),
      0,
      undefined,
      1,
    ),
  ]);

  it("quotes the written line, its password masked", () => {
    const found = messages(bat(`echo net user ops > C:\\setup.cmd ${PASSWORD} /add`));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${SETS_PASSWORD}: "net user ops ******** /add"`);
    expect(found[0]).not.toContain(PASSWORD);
  });
});

describe("a digit written apart from > is text the echo writes, not a handle", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "`2 >` writes the echo, with its 2, to the script",
      bat(`echo set PW=${PASSWORD} 2 > C:\\setup.cmd`, USES_PW),
      1,
      SETS_PASSWORD,
    ),
    row(
      "`2>` glued writes no echo: the variable stays unset, a note",
      bat(`echo set PW=${PASSWORD} 2> C:\\setup.cmd`, USES_PW),
      0,
      undefined,
      1,
    ),
    row(
      "`1 >` redirected first is no handle: the command is 1, not echo, a note",
      bat(`1 > C:\\setup.cmd echo set PW=${PASSWORD}`, USES_PW),
      0,
      undefined,
      1,
    ),
  ]);

  it.each([
    ["a digit apart", "echo x 1 > C:\\s.cmd", ["x 1"]],
    ["a digit apart, appending", "echo x 1 >> C:\\s.cmd", ["x 1"]],
    ["stdout's handle glued", "echo x 1> C:\\s.cmd", ["x"]],
    ["stdout's handle glued, appending", "echo x 1>> C:\\s.cmd", ["x"]],
    ["another handle glued", "echo x 2> C:\\s.cmd", []],
    ["a digit ending a word", "echo x1> C:\\s.cmd", ["x1"]],
    ["stdout's handle glued, written first", "1> C:\\s.cmd echo x", ["x"]],
    ["a digit apart, written first", "1 > C:\\s.cmd echo x", []],
  ])("%s: %s writes %j", (_name, statement, texts) => {
    expect(writtenTexts(statement)).toEqual(texts);
  });
});

describe("hostile forms stay bounded", () => {
  it("a group of 20000 echo lines is read as the script's 20000 lines", () => {
    const echoes = Array.from({ length: 20000 }, (_, i) => `echo ${netUser(i)}`);
    const found = messages(bat("(", ...echoes, ") > C:\\setup.cmd"));
    expect(found).toHaveLength(20000);
    for (const message of found) expect(message).not.toContain(PASSWORD);
  });

  it("100000 opening lines, none closed, are read as they are: the variable stays unset, a note", () => {
    const opened = Array.from({ length: 100000 }, () => "(");
    const found = messages(bat(...opened, `echo set PW=${PASSWORD}`, USES_PW));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^cannot be verified/);
  });

  it("20000 appends to one variable are read only a few levels deep", () => {
    const appends = Array.from({ length: 20000 }, () => "$c += ''");
    const found = messages(ps(`$c = '${NET_USER}'`, "$c += ''", "iex $c", ...appends, "iex $c"));
    // The value appended past the levels read is reported unread.
    expect(found).toHaveLength(2);
    expect(found[1]).toContain("holds content past what the pack reads");
  });

  it("100000 literals piped one into the next are each looked at a few times", () => {
    const piped = Array.from({ length: 100000 }, () => "'Write-Host ready'").join(" | ");
    expect(messages(ps(`${piped} | iex`))).toEqual([]);
  });
});
