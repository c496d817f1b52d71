// Windows scripts handed to other scripts, as a review found them misread: a PowerShell variable in double quotes or a
// batch %VAR% echoed into a .ps1 is the variable's value, not text spelled in the script; quoted lines keep no
// operator of a neighbouring command; batch's carets, `;` and `{` stay inside the password masked; words an echo
// writes to a log are no command. Script text lives only in these strings; nothing here runs it.
import { bat, messages, ps, SETS_PASSWORD } from "../policies/windows-nested-fixtures";

const OUTSIDE = "the password comes from outside the script";
const FROM_SSM = "$pw = (Get-SSMParameter -Name /admin -WithDecryption $true).Value";
const WINLOGON = '"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"';
const TAIL = "leak";

/** The password findings among the messages: spelled in the script, or from outside it. */
const passwordFindings = (userData: string) => {
  const all = messages(userData);
  return {
    all,
    spelled: all.filter((m) => m.includes(SETS_PASSWORD)),
    outside: all.filter((m) => m.includes(OUTSIDE)),
  };
};

describe("a PowerShell variable handed to another script is its value", () => {
  const fromOutside: [string, string][] = [
    ["cmd /c glued to a double-quoted command", 'cmd /c"net user Administrator $pw"'],
    ["cmd /c and a double-quoted command", 'cmd /c "net user Administrator $pw"'],
    ["cmd /c and bare words", "cmd /c net user Administrator $pw"],
    ["Start-Process of one argument string", 'Start-Process cmd -ArgumentList "/c net user Administrator $pw"'],
    ["Start-Process of an argument list", "Start-Process cmd -ArgumentList '/c', \"net user Administrator $pw\""],
    ["echo redirected to a .cmd", 'echo "net user Administrator $pw" > C:\\s.cmd'],
    ["Set-Content of a variable holding it", '$line = "net user admin $pw"; Set-Content -Path C:\\s.cmd -Value $line'],
    ["${pw} in braces", 'cmd /c "net user Administrator ${pw}"'],
  ];
  it.each(fromOutside)("%s: the outside note, not a spelled password", (_name, line) => {
    const found = passwordFindings(ps(FROM_SSM, line));
    expect(found.spelled).toEqual([]);
    expect(found.outside).toHaveLength(1);
    expect(found.outside[0]).toMatch(/\$\{?pw/);
  });

  it.each([
    ["an environment variable", 'cmd /c "net user Administrator $env:ADMIN_PW"'],
    ["a subexpression", 'cmd /c "net user Administrator $(Get-Secret -Name admin)"'],
    ["a variable never set", 'Start-Process cmd -ArgumentList "/c net user Administrator $unset"'],
  ])("%s in double quotes: the outside note", (_name, line) => {
    const found = passwordFindings(ps(line));
    expect(found.spelled).toEqual([]);
    expect(found.outside).toHaveLength(1);
  });

  it.each([
    ["cmd /c in double quotes", 'cmd /c "net user Administrator $pw"'],
    ["cmd /c glued, braces", 'cmd /c"net user Administrator ${pw}"'],
    ["Start-Process", 'Start-Process cmd -ArgumentList "/c net user Administrator $pw"'],
    ["echo to a .cmd", 'echo "net user Administrator $pw" > C:\\s.cmd'],
  ])("%s of a variable set to a spelled password: spelled, and masked", (_name, line) => {
    const found = passwordFindings(ps("$pw = 'Xq7leak'", line));
    expect(found.spelled).toHaveLength(1);
    expect(found.all.join("\n")).not.toContain(TAIL);
  });

  it("single quotes hand `$pw` over as text: cmd sets that text", () => {
    const found = passwordFindings(ps(FROM_SSM, "cmd /c 'net user Administrator $pw'"));
    expect(found.spelled).toHaveLength(1);
  });

  it("a backtick-free dollar that starts no variable stays text", () => {
    expect(passwordFindings(ps('cmd /c "net user Administrator Xq7$ leak"')).spelled).toHaveLength(1);
  });
});

describe("batch %VAR% echoed into a PowerShell file is its value", () => {
  it("a variable read from a file: the outside note", () => {
    const found = passwordFindings(bat("set /p PW=<C:\\secrets\\pw.txt", "echo net user admin %PW% > C:\\s.ps1"));
    expect(found.spelled).toEqual([]);
    expect(found.outside).toHaveLength(1);
    expect(found.outside[0]).toContain("%PW%");
  });

  it("a variable never set: the outside note", () => {
    const found = passwordFindings(bat("echo net user admin %ADMIN_PW% > C:\\s.ps1"));
    expect(found.spelled).toEqual([]);
    expect(found.outside).toHaveLength(1);
  });

  it("a variable set to a spelled password: spelled, and masked", () => {
    const found = passwordFindings(bat("set PW=Xq7leak", "echo net user admin %PW% > C:\\s.ps1"));
    expect(found.spelled).toHaveLength(1);
    expect(found.all.join("\n")).not.toContain(TAIL);
  });

  it("an echo into a .cmd keeps the reference for the file's own reading", () => {
    const found = passwordFindings(bat("set PW=Xq7leak", "echo net user admin %%PW%% > C:\\s.cmd"));
    expect(found.spelled).toHaveLength(1);
  });
});

describe("the line quoted is the command's own, without a neighbour's operator", () => {
  it.each([
    ["an echo to a .cmd before it", bat("echo @echo off > C:\\s.cmd & net user admin Xq7leak")],
    ["Start-Process before it", ps("Start-Process net -ArgumentList 'start w3svc'; net user admin Xq7leak")],
    ["an echo to a .cmd after it", bat("net user admin Xq7leak & echo @echo off > C:\\s.cmd")],
  ])("%s", (_name, userData) => {
    const found = passwordFindings(userData);
    expect(found.spelled).toHaveLength(1);
    expect(found.spelled[0]).toContain('"net user admin ********"');
  });
});

describe("the whole password is masked in batch", () => {
  it.each([
    ["a caret-escaped & inside cmd /c", bat('cmd /c"net user admin Xq7^&leak"')],
    ["carets echoed into a .cmd", bat("echo net user admin Xq7^^^&leak > C:\\s.cmd")],
    ["a semicolon, no operator in batch", bat("net user admin Xq7;leak")],
    ["a brace", bat("net user admin Xq7{leak")],
  ])("%s", (_name, userData) => {
    const found = passwordFindings(userData);
    expect(found.spelled).toHaveLength(1);
    expect(found.all.join("\n")).not.toContain(TAIL);
  });

  it.each([
    ["a semicolon", "Xq7;leak"],
    ["a brace", "Xq7{leak"],
    ["a caret-escaped &", "Xq7^&leak"],
  ])("auto-logon's DefaultPassword with %s", (_name, password) => {
    const all = messages(
      bat(
        `reg add ${WINLOGON} /v AutoAdminLogon /t REG_SZ /d 1 /f`,
        `reg add ${WINLOGON} /v DefaultUserName /t REG_SZ /d admin /f`,
        `reg add ${WINLOGON} /v DefaultPassword /t REG_SZ /d ${password} /f`,
      ),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(all.join("\n")).not.toContain(TAIL);
  });

  it("PowerShell's `;` still ends the password there", () => {
    const found = passwordFindings(ps("net user admin Xq7leak; Write-Host done"));
    expect(found.spelled).toHaveLength(1);
    expect(found.spelled[0]).toContain("Write-Host done");
  });
});

describe("net user as words an echo writes is no command", () => {
  it.each([
    ["echo to a log", bat("echo net user is fine >> C:\\setup-log.txt")],
    ["Write-Output to a log", ps("Write-Output 'net user is fine' >> C:\\setup-log.txt")],
    ["echo. to a log", bat("echo.net user admin is set up> C:\\logs\\setup.log")],
    ["echo appending to a quoted log", bat('echo net user admin is set up >> "C:\\setup log.txt"')],
  ])("%s", (_name, userData) => {
    expect(passwordFindings(userData).spelled).toEqual([]);
  });

  it.each([
    ["after an echo and &", bat("echo creating & net user admin Xq7leak")],
    ["echoed into a .cmd", bat("echo net user admin Xq7leak >> C:\\s.cmd")],
    ["echoed to the console", bat("echo net user admin Xq7leak")],
    ["echoed to a file the script does not spell", bat("echo net user admin Xq7leak > %TARGET%")],
  ])("net user run %s: spelled", (_name, userData) => {
    expect(passwordFindings(userData).spelled).toHaveLength(1);
  });
});

describe("smaller forms", () => {
  it("echo. and echo: lines keep a group of echoes read", () => {
    const found = passwordFindings(bat("(", "echo.", "echo:", "echo net user admin Xq7leak", ") > C:\\s.cmd"));
    expect(found.spelled).toHaveLength(1);
  });

  it("batch braces are text: a WinRM setting echoed into a .cmd is read", () => {
    const all = messages(bat('echo winrm set winrm/config/service/auth @{Basic="true"} > C:\\s.cmd'));
    expect(all.some((m) => m.includes("Basic"))).toBe(true);
  });

  it.each(["-Confirm:$false", "-WhatIf:$false", "-Confirm"])("Start-Process with %s is read", (option) => {
    const found = passwordFindings(ps(`Start-Process cmd -ArgumentList '/c net user admin Xq7leak' ${option}`));
    expect(found.spelled).toHaveLength(1);
  });
});
