// `PasswordAuthentication no` hardens Windows OpenSSH only when written to sshd_config itself: the service reads
// %ProgramData%\ssh\sshd_config, so a copy in another folder clears nothing. A variable holding its path names it
// alone (`$c`, `"${c}"`); with more around it (`"$c.bak"`) it names another file, as PowerShell and batch expand it.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";

const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const ps = (...lines: string[]): WindowsScript => ({ language: "powershell", text: [INSTALL, ...lines].join("\n") });
const bat = (...lines: string[]): WindowsScript => ({
  language: "batch",
  text: ["powershell -Command Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0", ...lines].join("\r\n"),
});
const SET_CONFIG = '$c = "C:\\ProgramData\\ssh\\sshd_config"';
const SET_FOLDER = '$d = "C:\\ProgramData\\ssh"';
const kinds = (script: WindowsScript) => findWindowsLoginWeaknesses([script]).map((w) => w.kind);
const OPEN = ["password-authentication"];

describe("PasswordAuthentication no written through a variable", () => {
  it.each<[string, WindowsScript, string[]]>([
    ["nothing written: the server allows passwords", ps(), OPEN],
    ["the variable alone", ps(SET_CONFIG, 'Set-Content -Path $c -Value "PasswordAuthentication no"'), []],
    ["the variable quoted", ps(SET_CONFIG, 'Set-Content -Path "$c" -Value "PasswordAuthentication no"'), []],
    ["the variable in braces", ps(SET_CONFIG, 'Set-Content -Path "${c}" -Value "PasswordAuthentication no"'), []],
    ["a backup named after it", ps(SET_CONFIG, 'Set-Content -Path "$c.bak" -Value "PasswordAuthentication no"'), OPEN],
    ["a copy beside it", ps(SET_CONFIG, 'Set-Content -Path "${c}_old" -Value "PasswordAuthentication no"'), OPEN],
    [
      "its folder and its name",
      ps(SET_FOLDER, 'Set-Content -Path "$d\\sshd_config" -Value "PasswordAuthentication no"'),
      [],
    ],
    [
      "its folder and a backup's name",
      ps(SET_FOLDER, 'Set-Content -Path "$d\\sshd_config.bak" -Value "PasswordAuthentication no"'),
      OPEN,
    ],
    [
      "a variable holding a backup's path",
      ps('$c = "C:\\ProgramData\\ssh\\sshd_config.bak"', 'Set-Content -Path $c -Value "PasswordAuthentication no"'),
      OPEN,
    ],
    [
      "its path with an empty text after it",
      ps(SET_CONFIG, '$e = ""', 'Set-Content -Path "$c$e" -Value "PasswordAuthentication no"'),
      [],
    ],
    [
      "a path past 1,024 characters with an empty text after it: not filled in, so it hardens nothing",
      ps(
        `$c = "C:\\${"deep\\".repeat(220)}sshd_config"`,
        '$e = ""',
        'Set-Content -Path "$c$e" -Value "PasswordAuthentication no"',
      ),
      // The keys reader notes such paths unread too.
      [...OPEN, "unread-content"],
    ],
    [
      "batch: the variable alone",
      bat("set C=C:\\ProgramData\\ssh\\sshd_config", 'echo PasswordAuthentication no> "%C%"'),
      [],
    ],
    [
      "batch: a backup named after it",
      bat("set C=C:\\ProgramData\\ssh\\sshd_config", 'echo PasswordAuthentication no> "%C%.bak"'),
      OPEN,
    ],
  ])("%s", (_name, script, expected) => {
    expect(kinds(script)).toEqual(expected);
  });
});

describe("PasswordAuthentication no written to a file named sshd_config", () => {
  const writeTo = (path: string) => ps(`Set-Content -Path "${path}" -Value "PasswordAuthentication no"`);
  it.each<[string, WindowsScript, string[]]>([
    ["the service's, spelt out", writeTo("C:\\ProgramData\\ssh\\sshd_config"), []],
    ["the service's, through $env:ProgramData", writeTo("$env:ProgramData\\ssh\\sshd_config"), []],
    ["the service's, through ${env:ProgramData}", writeTo("${env:ProgramData}\\ssh\\sshd_config"), []],
    ["the service's, through $env:ALLUSERSPROFILE", writeTo("$env:ALLUSERSPROFILE\\ssh\\sshd_config"), []],
    [
      "a relative name, where the script stands",
      ps("Set-Location C:\\ProgramData\\ssh", 'Set-Content sshd_config "PasswordAuthentication no"'),
      [],
    ],
    ["a copy in a temporary folder", writeTo("C:\\temp\\sshd_config"), OPEN],
    ["a copy in $env:TEMP", writeTo("$env:TEMP\\sshd_config"), OPEN],
    ["a copy on a share", writeTo("\\\\fs\\baseline\\sshd_config"), OPEN],
    [
      "a variable holding a copy's path",
      ps('$c = "D:\\stage\\sshd_config"', 'Set-Content -Path $c -Value "PasswordAuthentication no"'),
      OPEN,
    ],
    [
      "batch: the service's through %ProgramData%",
      bat('echo PasswordAuthentication no> "%ProgramData%\\ssh\\sshd_config"'),
      [],
    ],
    ["batch: a copy in %TEMP%", bat('echo PasswordAuthentication no> "%TEMP%\\sshd_config"'), OPEN],
  ])("%s", (_name, script, expected) => {
    expect(kinds(script)).toEqual(expected);
  });
});

describe("the finding says where the no went", () => {
  const noteOf = (script: WindowsScript) => findWindowsLoginWeaknesses([script]).map((w) => w.note);
  const NEVER =
    "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script never writes";
  const ELSEWHERE =
    "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only to a file the service does not read: write it to %ProgramData%\\ssh\\sshd_config";
  it.each<[string, WindowsScript, (string | undefined)[]]>([
    ["nothing written", ps(), [NEVER]],
    [
      "a copy in a temporary folder",
      ps('Set-Content -Path "C:\\temp\\sshd_config" -Value "PasswordAuthentication no"'),
      [ELSEWHERE],
    ],
    [
      "a backup named after it",
      ps(SET_CONFIG, 'Set-Content -Path "$c.bak" -Value "PasswordAuthentication no"'),
      [ELSEWHERE],
    ],
    [
      "a copy, then the service's own",
      ps(
        'Set-Content -Path "C:\\temp\\sshd_config" -Value "PasswordAuthentication no"',
        'Set-Content -Path "C:\\ProgramData\\ssh\\sshd_config" -Value "PasswordAuthentication no"',
      ),
      [],
    ],
  ])("%s", (_name, script, expected) => {
    expect(noteOf(script)).toEqual(expected);
  });
});
