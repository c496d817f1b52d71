// More scripts that Windows scripts run or write, read by disallow-userdata-login-weakening as if written in their
// place: `cmd /c"…"` with the command glued to the switch, the command line Start-Process (saps, start) or batch's
// start starts, scripts written by a redirected echo or to a path held in a variable, and Invoke-Expression of joined
// literal pieces. Script text lives only in these strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { literalText } from "../../lib/windows-literals";
import { startedCommandLine } from "../../lib/windows-start-process";
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";
import { WindowsVariables } from "../../lib/windows-variables";
import { windowsWords } from "../../lib/windows-words";
import { table } from "../policies/harness";
import {
  bat,
  encoded,
  NET_USER,
  netUser,
  NO_NLA_ARGUMENTS,
  OPENS_LOGIN,
  PASSWORD,
  ps,
  REG_NO_NLA,
  row,
  SETS_PASSWORD,
  SSH_PASSWORDS,
} from "../policies/windows-nested-fixtures";

const PWSH_7 = "C:\\Program Files\\PowerShell\\7\\pwsh.exe";

describe("cmd with the command glued to /c or /k", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      'cmd /c"…" and cmd.exe /C"…", in batch and PowerShell',
      `${bat(`cmd /c"net user ops1 ${PASSWORD} /add"`, `cmd.exe /C"net user ops2 ${PASSWORD} /add"`)}\n${ps(
        `CMD /c"net user ops3 ${PASSWORD} /add"`,
      )}`,
      3,
      SETS_PASSWORD,
    ),
    row('cmd /k"…" starting OpenSSH', bat('cmd /k"net start sshd"'), 1, SSH_PASSWORDS),
    row(
      "a password from a batch variable the glued command sees",
      bat(`set PW=${PASSWORD}`, 'cmd /c"net user ops %PW%"'),
      1,
    ),
    row(
      "a password from a variable the script never sets is a note",
      bat('cmd /c"net user ops %PW% /add"'),
      0,
      undefined,
      1,
    ),
    row("harmless glued commands", bat('cmd /c"ipconfig /all"', 'cmd.exe /C"net user ops *"', "cmd /cdir"), 0),
    row("printing a glued cmd is no finding", bat(`echo cmd /c"${NET_USER}"`), 0),
  ]);
});

describe("the command line Start-Process and batch's start start", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "-ArgumentList as an array, a string, @(…), by position and -Args:",
      ps(
        `Start-Process powershell -ArgumentList '-Command', 'net user ops1 ${PASSWORD} /add'`,
        `Start-Process powershell -ArgumentList "-NoProfile -Command net user ops2 ${PASSWORD} /add"`,
        `Start-Process pwsh -ArgumentList @('-NoProfile','-c',"net user ops3 ${PASSWORD} /add")`,
        `Start-Process powershell.exe "-Command net user ops4 ${PASSWORD} /add"`,
        `Start-Process powershell -Args:'-c','net user ops5 ${PASSWORD} /add'`,
      ),
      5,
      SETS_PASSWORD,
    ),
    row(
      "-EncodedCommand, cmd /c, the saps and start aliases, -FilePath with -Wait and -NoNewWindow anywhere, any case",
      ps(
        `Start-Process powershell -ArgumentList '-EncodedCommand', '${encoded(`net user ops1 ${PASSWORD} /add`)}'`,
        `Start-Process cmd -ArgumentList '/c net user ops2 ${PASSWORD} /add'`,
        `saps cmd.exe -ArgumentList '/c', 'net user ops3 ${PASSWORD} /add' -Wait`,
        `start powershell -ArgumentList '-c', 'net user ops4 ${PASSWORD} /add'`,
        `START-PROCESS -Wait -FilePath powershell.exe -NoNewWindow -ArgumentList '-Command', '${netUser(5)}'`,
        `Start-Process -NoNewWindow -FilePath "${PWSH_7}" -Wait -ArgumentList "-Command \`"${netUser(6)}\`""`,
      ),
      6,
      SETS_PASSWORD,
    ),
    row(
      "other programs are read by their command lines too",
      ps(`Start-Process net -ArgumentList 'user', 'ops', '${PASSWORD}'`),
      1,
      SETS_PASSWORD,
    ),
    row(
      "RDP without NLA through Start-Process reg",
      ps(`Start-Process reg.exe -ArgumentList '${NO_NLA_ARGUMENTS}' -Wait`),
      1,
      OPENS_LOGIN,
    ),
    row(
      "batch's start after its title and options",
      bat(
        `start "" /wait cmd /c "net user ops1 ${PASSWORD} /add"`,
        `start /b /d C:\\tools powershell -c "net user ops2 ${PASSWORD} /add"`,
      ),
      2,
      SETS_PASSWORD,
    ),
    row(
      "double-quoted arguments see the script's variables: literal, or a note when from outside",
      ps(
        `$literal = '${PASSWORD}'`,
        `Start-Process powershell -ArgumentList '-Command', "net user ops1 $literal /add"`,
        "Start-Process powershell -ArgumentList '-Command', \"net user ops2 $env:OPS_PASSWORD /add\"",
      ),
      1,
      SETS_PASSWORD,
      1,
    ),
    row(
      "an argument list held in a variable set to a literal",
      ps(`$arguments = '-Command net user ops ${PASSWORD} /add'`, "Start-Process powershell -ArgumentList $arguments"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "unknown: a program or arguments the script does not spell are not read",
      ps(
        `Start-Process $exe -ArgumentList '-Command ${NET_USER}'`,
        "Start-Process powershell -ArgumentList '-Command', $command",
        "Start-Process powershell -ArgumentList '-Command', (Get-Content C:\\command.txt)",
      ),
      0,
    ),
    row(
      "harmless programs and commands",
      ps(
        "Start-Process notepad -ArgumentList 'net user'",
        "Start-Process powershell -ArgumentList '-Command', 'Write-Host ready' -Wait",
        "Start-Process powershell -ArgumentList '-File', 'C:\\bootstrap\\setup.ps1'",
        "Start-Process cmd -ArgumentList '/c ipconfig /all'",
        "Start-Process powershell",
      ),
      0,
    ),
    row(
      "a parameter Start-Process does not have fails it: nothing starts",
      ps(`Start-Process powershell -Bogus -ArgumentList '-Command', '${NET_USER}'`),
      0,
    ),
    row(
      "printing a Start-Process line is no finding",
      ps(`Write-Host "Start-Process powershell -ArgumentList '-Command', '${NET_USER}'"`),
      0,
    ),
  ]);
});

describe("scripts written by a redirected echo, or to a path held in a variable", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "batch echo to a .cmd and appended to a .bat, any case",
      bat(`echo net user ops1 ${PASSWORD} /add > C:\\setup.cmd`, `ECHO NET USER OPS2 ${PASSWORD} /ADD>>C:\\SETUP.BAT`),
      2,
      SETS_PASSWORD,
    ),
    row(
      "several echo lines build one script: a variable set in one line is used in the next",
      bat(
        "echo @echo off> C:\\setup.cmd",
        `echo set PW=${PASSWORD}>> C:\\setup.cmd`,
        "echo net user ops %%PW%% /add>> C:\\setup.cmd",
      ),
      1,
      SETS_PASSWORD,
    ),
    row("RDP without NLA echoed into a script", bat(`echo ${REG_NO_NLA} > C:\\rdp.cmd`), 1, OPENS_LOGIN),
    row(
      "OpenSSH started by an echoed script, never hardened",
      bat("echo @echo off > C:\\ssh.cmd", "echo net start sshd >> C:\\ssh.cmd"),
      1,
      SSH_PASSWORDS,
    ),
    row(
      "the script's path in a batch variable",
      bat("set SETUP=C:\\setup.cmd", `echo net user ops ${PASSWORD} /add > %SETUP%`),
      1,
      SETS_PASSWORD,
    ),
    row(
      "PowerShell echo, Write-Output and a literal redirected to a script",
      ps(
        `echo 'net user ops1 ${PASSWORD} /add' > C:\\setup.ps1`,
        `Write-Output "net user ops2 ${PASSWORD} /add" >> C:\\setup.cmd`,
        `'net user ops3 ${PASSWORD} /add' > $env:TEMP\\setup.bat`,
      ),
      3,
      SETS_PASSWORD,
    ),
    row(
      "Set-Content, Add-Content and Out-File to a path a variable holds, on its own line or before a ;",
      ps(
        "$path = 'C:\\setup.ps1'",
        `Set-Content -Path $path -Value 'net user ops1 ${PASSWORD} /add'`,
        `$cmd = "C:\\setup.cmd"; Add-Content $cmd 'net user ops2 ${PASSWORD} /add'`,
        `$bat='C:\\setup.bat' ; 'net user ops3 ${PASSWORD} /add' | Out-File -FilePath $bat -Encoding ascii`,
      ),
      3,
      SETS_PASSWORD,
    ),
    row(
      "harmless scripts written",
      `${bat(
        "echo hello > C:\\x.cmd",
        "echo ipconfig /all >> C:\\x.bat",
        "echo net user ops * > C:\\x.cmd",
        "echo off > C:\\x.cmd",
      )}\n${ps(
        "$path = 'C:\\setup.ps1'",
        "Set-Content -Path $path -Value 'Write-Host ready'",
        "echo 'Write-Host ready' > C:\\ready.ps1",
      )}`,
      0,
    ),
    row(
      "the statement's own assignment wins over the script's earlier one",
      ps("$path = 'C:\\notes.txt'", `$path = 'C:\\setup.ps1'; Set-Content -Path $path -Value '${NET_USER}'`),
      1,
      SETS_PASSWORD,
    ),
    row(
      "a variable path to a file that is no script: the text is not read",
      ps("$notes = 'C:\\notes.txt'", `Set-Content -Path $notes -Value '${NET_USER}'`),
      0,
    ),
    row(
      "unknown: a path the script does not spell is no script known to be written",
      ps(`Set-Content -Path $target -Value '${NET_USER}'`),
      0,
    ),
    row(
      "echo to a path the script does not spell is read as written: the password it spells is still found",
      bat(`echo ${NET_USER} > %TARGET%`),
      1,
      SETS_PASSWORD,
    ),
    row(
      "an escaped operator cuts the echo's words: read as written, the password still found",
      bat(`echo ${NET_USER} ^& echo done > C:\\setup.cmd`),
      1,
      SETS_PASSWORD,
    ),
  ]);
});

describe("Invoke-Expression of literal pieces joined with +", () => {
  table(disallowUserdataLoginWeakening, [
    row(
      "quoted pieces, a variable set to a literal, a literal piped to iex",
      ps(
        `iex ('net user ops1 ' + '${PASSWORD} /add')`,
        `Invoke-Expression -Command ("net user ops2 " + '${PASSWORD}' + " /add")`,
        "$prefix = 'net user ops3 '",
        `IEX ($prefix + '${PASSWORD} /add')`,
        `('net user ops4 ' + ('${PASSWORD}' + ' /add')) | iex`,
      ),
      4,
      SETS_PASSWORD,
    ),
    row(
      "a variable set to joined pieces",
      ps(`$command = 'net user ops ' + '${PASSWORD} /add'`, "iex $command"),
      1,
      SETS_PASSWORD,
    ),
    row(
      "unknown: a piece that is no literal leaves the text unread",
      ps(
        "iex ('net user ops ' + $password)",
        "iex ('net user ops ' + (Get-Content C:\\password.txt))",
        "iex ('net user ops ' + 'x'.ToUpper())",
        "iex ('net user ops ' * 2)",
      ),
      0,
    ),
    row("harmless joined text", ps("iex ('Write-' + 'Host ready')", "iex ('ipconfig' + ' /all')"), 0),
  ]);
});

describe("findings quote the inner line, its password masked", () => {
  const messages = (userData: string) =>
    (windowsDecodedUserDataFindings("userData", userData) ?? []).map((f) => f.message);

  it.each([
    ['cmd /c"…"', bat(`cmd /c"${NET_USER}"`)],
    ["Start-Process", ps(`Start-Process -Wait powershell -ArgumentList '-Command', '${NET_USER}'`)],
    ["batch start", bat(`start "" /wait cmd /c "${NET_USER}"`)],
    ["Start-Process cmd", ps(`Start-Process cmd -ArgumentList '/c ${NET_USER}'`)],
    ["saps of net", ps(`saps net -ArgumentList 'user', 'ops', '${PASSWORD}'`)],
    ["echo >", bat(`echo ${NET_USER} > C:\\setup.cmd`)],
    ["echo >> after a first line", bat("echo @echo off> C:\\setup.cmd", `echo ${NET_USER}>> C:\\setup.cmd`)],
    ["echo > to a batch variable's path", bat("set SETUP=C:\\setup.cmd", `echo ${NET_USER} > %SETUP%`)],
    ["PowerShell echo > a .ps1", ps(`echo '${NET_USER}' > C:\\setup.ps1`)],
    ["Set-Content to a variable's path", ps("$p = 'C:\\s.ps1'", `Set-Content -Path $p -Value '${NET_USER}'`)],
    ["iex of joined pieces", ps(`iex ('net user ops ' + '${PASSWORD} /add')`)],
  ])("%s", (_name, userData) => {
    const found = messages(userData);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"net user ops ');
    expect(found[0]).not.toContain(PASSWORD);
    expect(found[0]).not.toMatch(/powershell|cmd \/c|Start-Process|start ""|echo|Set-Content|iex/i);
  });

  it("an echoed script's own line is quoted for what it does", () => {
    const found = messages(bat(`echo ${REG_NO_NLA} > C:\\rdp.cmd`, "echo net start sshd >> C:\\rdp.cmd"));
    expect(found).toHaveLength(2);
    expect(found.find((m) => m.includes(SSH_PASSWORDS))).toContain('"net start sshd"');
    expect(found.find((m) => m.includes(OPENS_LOGIN))).toContain('"reg add ');
  });

  it("masks the password of a command line quoted whole past the nesting depth", () => {
    const inner = `Start-Process powershell -ArgumentList ''-Command'', ''${NET_USER}; net start sshd''`;
    const found = messages(ps(`Start-Process powershell -ArgumentList '-Command', '${inner}'`));
    // Start-Process, powershell -Command, Start-Process: the third command line is read as written, what it starts
    // reported unread.
    expect(found).toHaveLength(3);
    expect(found.pop()).toContain("holds content past what the pack reads");
    for (const message of found) {
      expect(message).toContain('"powershell -Command net user ops ');
      expect(message).not.toContain(PASSWORD);
    }
  });

  it("hostile: 40000 echo lines into one script are each found, masked, within the budget", () => {
    const lines = Array.from({ length: 40000 }, (_, i) => `echo net user ops${i} ${PASSWORD} /add >> C:\\setup.cmd`);
    const found = messages(bat(...lines));
    // Read as the written script's lines until the budget is spent, the rest as the echo lines they are, and the
    // script they write reported unread.
    expect(found).toHaveLength(lines.length + 1);
    expect(found.pop()).toContain("holds content past what the pack reads");
    expect(found.filter((m) => m.includes('"echo net user')).length).toBeGreaterThan(0);
    for (const message of found) expect(message).not.toContain(PASSWORD);
  });

  it("hostile: joined pieces that would outgrow the budget are never built", () => {
    const big = "x".repeat(60000);
    const joined = Array.from({ length: 30 }, () => "$big").join(" + ");
    const found = messages(ps(`$big = '${big}'`, ...Array.from({ length: 500 }, () => `iex (${joined})`)));
    // What PowerShell would run is past the budget: unread, once.
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("holds content past what the pack reads");
  });

  it("hostile: a Start-Process argument list of 100000 items reads in one pass", () => {
    const items = Array.from({ length: 100000 }, () => "'a'").join(", ");
    expect(messages(ps(`Start-Process powershell -ArgumentList ${items}`))).toEqual([]);
  });
});

describe("literalText", () => {
  const variables = new WindowsVariables("powershell");
  variables.assign("$prefix = 'net user '");
  variables.assign("$joined = 'a' + 'b'");
  variables.assign("$computed = $prefix + 'c'");

  it.each([
    ["'it''s'", "it's"],
    ['"say `"hi`""', 'say "hi"'],
    ["('a ' + \"b\")", "a b"],
    ["(('a') + ('b' + 'c'))", "abc"],
    ["($prefix + 'ops')", "net user ops"],
    ["$joined", "ab"],
    // A variable joining others the script set to literals is followed; an unset one leaves the value unread.
    ["$computed", "net user c"],
    ["($unset + 'x')", undefined],
    ["'a' 'b'", undefined],
    ["('a' + 1)", undefined],
    ["Get-Content", undefined],
  ])("%s", (word, expected) => {
    expect(literalText(word, variables)).toBe(expected);
  });

  it("builds nothing past its limit", () => {
    expect(literalText("('abc' + 'def')", variables, 5)).toBeUndefined();
    expect(literalText("('abc' + 'def')", variables, 6)).toBe("abcdef");
  });
});

describe("startedCommandLine", () => {
  const variables = new WindowsVariables("powershell");
  const line = (statement: string, language: "powershell" | "batch" = "powershell") =>
    startedCommandLine(windowsWords(statement, language).slice(1), language, variables, Infinity)?.text;

  it.each([
    ["Start-Process powershell -ArgumentList '-c', 'x y'", "powershell -c x y"],
    ["Start-Process -Wait -ArgumentList '/c','x' -FilePath cmd -NoNewWindow", "cmd /c x"],
    ["Start-Process 'C:\\Program Files\\x.exe' -ArgumentList 'a'", '"C:\\Program Files\\x.exe" a'],
    ["Start-Process -FilePath:pwsh -ArgumentList:'-c','x'", "pwsh -c x"],
    ["Start-Process -Fi pwsh -Arg /c, x", "pwsh /c x"],
    ["Start-Process powershell", undefined],
    ["Start-Process powershell -W '-c x'", undefined],
    ["Start-Process $exe -ArgumentList 'x'", undefined],
  ])("%s", (statement, expected) => {
    expect(line(statement)).toBe(expected);
  });

  it.each([
    ['start "title" /min /node 1 cmd /c x', "cmd /c x"],
    ["start /dC:\\tools tool.exe a", "tool.exe a"],
    ['start ""', undefined],
  ])("batch: %s", (statement, expected) => {
    expect(line(statement, "batch")).toBe(expected);
  });
});
