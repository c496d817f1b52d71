// Further forms in which Windows scripts run or write scripts, read by disallow-userdata-login-weakening as if written
// in their place: batch echoes grouped in parentheses, redirected first or through stdout's handle, with escaped
// operators; lines echoed into a .ps1 read as one script; Start-Process of an argument array held in a variable, or
// whose output is assigned or piped; and variables joining other literal variables. Script text lives only in these
// strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
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

describe("batch echo forms that write a script", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "a parenthesised group of echoes redirected writes a line each",
      bat(`(echo ${NET_USER} & echo net start sshd) > C:\\setup.cmd`),
      2,
    ),
    row(
      "a group joined by && whose first line sets the variable the second uses",
      bat(`(echo set PW=${PASSWORD}&& echo net user ops %%PW%% /add) >> C:\\setup.cmd`),
      1,
      SETS_PASSWORD,
    ),
    row(
      "the redirection written first, starting and appending",
      bat(`> C:\\setup.cmd echo set PW=${PASSWORD}`, ">> C:\\setup.cmd echo net user ops %%PW%% /add"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "stdout's handle named: 1> and 1>>, also with the redirection first",
      bat(
        `echo set PW=${PASSWORD} 1> C:\\setup.cmd`,
        "echo net user ops1 %%PW%% /add 1>> C:\\setup.cmd",
        "1>> C:\\setup.cmd echo net user ops2 %%PW%% /add",
      ),
      2,
      SETS_PASSWORD,
    ),
    row(
      "an escaped & writes both commands into the script",
      bat(`echo net start sshd ^& ${REG_NO_NLA} > C:\\setup.cmd`),
      2,
    ),
    row(
      "an escaped > and | are text the echo writes",
      bat(`echo set PW=${PASSWORD}^>NUL> C:\\setup.cmd`, "echo echo y ^| net user ops %%PW%% /add >> C:\\setup.cmd"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "another handle writes no echo to the file: the variable stays unset, a note",
      bat(`echo set PW=${PASSWORD} 2> C:\\setup.cmd`, "echo net user ops %%PW%% /add >> C:\\setup.cmd"),
      0,
      undefined,
      1,
    ),
    row(
      "an escaped > or | only prints: nothing is written, the variable stays unset",
      bat(
        `echo set PW=${PASSWORD} ^> C:\\setup.cmd`,
        `echo set PW=${PASSWORD} ^| more`,
        "echo net user ops %%PW%% /add >> C:\\setup.cmd",
      ),
      0,
      undefined,
      1,
    ),
    row(
      "unknown: a group with a command other than echo, or another operator, is left unread",
      bat(
        `(echo set PW=${PASSWORD} & type C:\\more.txt) > C:\\setup.cmd`,
        `(echo set PW=${PASSWORD} | more) > C:\\setup.cmd`,
        "echo net user ops %%PW%% /add >> C:\\setup.cmd",
      ),
      0,
      undefined,
      1,
    ),
    row(
      "harmless groups and redirections first; what goes to a file that is no script sets no variable, a note",
      bat(
        "(echo @echo off & echo ipconfig /all) > C:\\x.cmd",
        "> C:\\x.cmd echo hello",
        "echo off 1> C:\\x.cmd",
        `(echo set PW=${PASSWORD} & echo done) > C:\\notes.txt`,
        "> C:\\notes.txt echo net user ops *",
        "echo net user ops %%PW%% /add >> C:\\setup.cmd",
      ),
      0,
      undefined,
      1,
    ),
  ]);
});

describe("lines echoed into a script of another language are read as one script", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "a PowerShell variable one echoed line sets reaches the next",
      bat(`echo $p = '${PASSWORD}' > C:\\setup.ps1`, "echo net user ops $p /add >> C:\\setup.ps1"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "the same through a group and through the redirection first",
      bat(
        `(echo $p = '${PASSWORD}' & echo net user ops1 $p /add) > C:\\one.ps1`,
        `> C:\\two.ps1 echo $q = '${PASSWORD}'`,
        ">> C:\\TWO.ps1 echo net user ops2 $q /add",
      ),
      2,
      SETS_PASSWORD,
    ),
    row(
      "batch lines PowerShell writes with Set-Content then Add-Content",
      ps(
        `Set-Content -Path C:\\setup.cmd -Value 'set PW=${PASSWORD}'`,
        "Add-Content -Path C:\\setup.cmd -Value 'net user ops %PW% /add'",
      ),
      1,
      SETS_PASSWORD,
    ),
    row(
      "a file written anew, or another file, does not see the variable: a note, as for any unknown value",
      bat(
        `echo $p = '${PASSWORD}' > C:\\setup.ps1`,
        "echo net user ops1 $p /add > C:\\setup.ps1",
        "echo net user ops2 $p /add >> C:\\other.ps1",
      ),
      0,
      undefined,
      2,
    ),
    row(
      "harmless lines that share a variable",
      bat("echo $u = 'ops' > C:\\setup.ps1", "echo net user $u /delete >> C:\\setup.ps1"),
      0,
    ),
  ]);
});

describe("Start-Process of an array variable, assigned or piped", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "-ArgumentList an array variable set to literals: @(…), a bare list, by position, in the same statement",
      ps(
        `$a = @('-Command', '${netUser(1)}')`,
        "Start-Process powershell -ArgumentList $a",
        `$b = '-Command', '${netUser(2)}'`,
        "Start-Process powershell -ArgumentList $b -Wait",
        `$c = @('/c', "${netUser(3)}")`,
        "saps cmd.exe $c",
        `$d = '-c', '${netUser(4)}'; Start-Process pwsh -ArgumentList $d`,
      ),
      4,
      SETS_PASSWORD,
    ),
    row(
      "an array whose items are variables set to literals",
      ps(`$command = '${NET_USER}'`, "$e = @('-Command', $command)", "Start-Process powershell -ArgumentList $e"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "a statement that assigns the process, or pipes it on",
      ps(
        `$proc = Start-Process powershell -ArgumentList '-Command', '${netUser(1)}' -PassThru`,
        `Start-Process powershell -ArgumentList '-Command', '${netUser(2)}' -Wait -PassThru | Out-Null`,
        `$script:p = Start-Process cmd -ArgumentList '/c ${netUser(3)}' -PassThru`,
        `$out = powershell -Command "${netUser(4)}"`,
        `$job=Start-Process powershell -ArgumentList '-Command', '${netUser(5)}' -PassThru`,
      ),
      5,
      SETS_PASSWORD,
    ),
    row(
      "unknown: an array with an item the script does not spell, or a variable set to output",
      ps(
        "$a = @('-Command', $command)",
        "Start-Process powershell -ArgumentList $a",
        "$b = Get-Content C:\\arguments.txt",
        "Start-Process powershell -ArgumentList $b",
        "Start-Process powershell -ArgumentList $never",
      ),
      0,
    ),
    row(
      "harmless arrays and assigned processes",
      ps(
        "$a = @('-Command', 'Write-Host ready')",
        "Start-Process powershell -ArgumentList $a",
        "$proc = Start-Process notepad -PassThru",
        "$same = $proc -eq $null",
        `$equal=='Start-Process powershell -ArgumentList ''-Command'', ''${NET_USER}'''`,
        "$files = @('C:\\a.txt', 'C:\\b.txt')",
      ),
      0,
    ),
  ]);
});

describe("variables joining other literal variables", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "joined in one statement, across lines, through levels, and extending itself",
      ps(
        `$u = 'net user ops1 '; $c = $u + '${PASSWORD} /add'; iex $c`,
        "$v = 'net user ops2 '",
        `$w = $v + '${PASSWORD}'`,
        "$x = ($w + ' /add')",
        "Invoke-Expression $x",
        "$s = 'net user ops3 '",
        `$s = $s + '${PASSWORD} /add'`,
        "iex $s",
      ),
      3,
      SETS_PASSWORD,
    ),
    row(
      "a variable joins the value it had when assigned, not one set later",
      ps("$u = 'net user ops '", `$c = $u + '${PASSWORD} /add'`, "$u = 'Write-Host '", "iex $c"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "a plain copy of a literal variable, used by Start-Process",
      ps(`$first = '-Command ${NET_USER}'`, "$copy = $first", "Start-Process powershell -ArgumentList $copy"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "unknown: a piece that is no literal, or a variable joining itself before it is set",
      ps(
        "$u = 'net user ops '",
        "$c = $u + $password",
        "iex $c",
        "$d = $u + (Get-Content C:\\password.txt)",
        "iex $d",
        "$e = $e + ' /add'",
        "iex $e",
      ),
      0,
    ),
    row("harmless joined variables", ps("$w = 'Write-'", "$c = $w + 'Host ready'", "iex $c"), 0),
  ]);
});

describe("findings quote the written or run line, its password masked", () => {
  const MASKED = "net user ops ******** /add";
  it.each([
    ["an echo group", bat(`(echo ${NET_USER} & echo @echo off) > C:\\setup.cmd`), MASKED],
    ["the redirection first", bat(`> C:\\setup.cmd echo ${NET_USER}`), MASKED],
    ["1>", bat(`echo ${NET_USER} 1> C:\\setup.cmd`), MASKED],
    ["1>>", bat(`echo ${NET_USER} 1>> C:\\setup.cmd`), MASKED],
    ["an escaped >", bat(`echo ${NET_USER} ^> NUL > C:\\setup.cmd`), `${MASKED} > NUL`],
    [
      "a .ps1 built by echoes",
      bat(`echo $p = '${PASSWORD}' > C:\\s.ps1`, "echo net user ops $p /add >> C:\\s.ps1"),
      "net user ops $p /add",
    ],
    ["an array variable", ps(`$a = @('-Command', '${NET_USER}')`, "Start-Process powershell -ArgumentList $a"), MASKED],
    ["an assigned Start-Process", ps(`$p = Start-Process powershell -ArgumentList '-Command', '${NET_USER}'`), MASKED],
    ["joined variables", ps(`$u = 'net user ops '; $c = $u + '${PASSWORD} /add'; iex $c`), MASKED],
  ])("%s", (_name, userData, line) => {
    const found = messages(userData);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${SETS_PASSWORD}: "${line}"`);
    expect(found[0]).not.toContain(PASSWORD);
  });

  it("an escaped | is written as a pipe", () => {
    const found = messages(bat(`echo echo y ^| ${NET_USER} > C:\\setup.cmd`));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`"echo y | net user ops `);
    expect(found[0]).not.toContain(PASSWORD);
  });

  it("an escaped & writes the line both commands share", () => {
    const found = messages(bat(`echo ${NET_USER} ^& net start sshd > C:\\setup.cmd`));
    expect(found.map((m) => m.includes(SETS_PASSWORD) || m.includes(SSH_PASSWORDS))).toEqual([true, true]);
    for (const message of found) {
      expect(message).toContain('"net user ops ******** /add & net start sshd"');
      expect(message).not.toContain(PASSWORD);
    }
  });
});

describe("hostile forms stay bounded", () => {
  it("a chain of 20000 variables each joining the last is read only a few levels deep", () => {
    const chain = Array.from({ length: 20000 }, (_, i) => `$v${i + 1} = $v${i} + ''`);
    const found = messages(ps(`$v0 = '${NET_USER}'`, ...chain, "iex $v3", "iex $v20000"));
    // $v20000 is joined past the levels read: unread.
    expect(found).toHaveLength(2);
    expect(found[1]).toContain("holds content past what the pack reads");
    expect(found[0]).not.toContain(PASSWORD);
  });

  it("variables doubling 60 times are never built past their bound", () => {
    const doubling = Array.from({ length: 60 }, (_, i) => `$d${i + 1} = $d${i} + $d${i}`);
    const found = messages(ps(`$d0 = '${NET_USER} '`, ...doubling, "iex $d60"));
    // What iex runs is past the bound: unread, not built.
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("holds content past what the pack reads");
  });

  it("a group of 20000 echoes is read as the script's 20000 lines", () => {
    const echoes = Array.from({ length: 20000 }, (_, i) => `echo ${netUser(i)}`).join(" & ");
    const found = messages(bat(`(${echoes}) > C:\\setup.cmd`));
    expect(found).toHaveLength(20000);
    for (const message of found) expect(message).not.toContain(PASSWORD);
  });

  it("an argument array of 100000 items used 2000 times reads each use once", () => {
    const items = Array.from({ length: 100000 }, () => "'a'").join(", ");
    const uses = Array.from({ length: 2000 }, () => "Start-Process powershell -ArgumentList $a");
    const found = messages(ps(`$a = @(${items})`, ...uses));
    // The command lines started outgrow the budget: unread.
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("holds content past what the pack reads");
  });

  it("100000 escaped operators in one echo are text", () => {
    const escaped = Array.from({ length: 100000 }, () => "^&").join("");
    expect(messages(bat(`echo ${escaped} > C:\\setup.cmd`))).toEqual([]);
  });
});
