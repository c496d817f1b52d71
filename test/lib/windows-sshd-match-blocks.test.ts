// The stock %ProgramData%\ssh\sshd_config of Windows OpenSSH ends with `Match Group administrators` and its
// AuthorizedKeysFile line: a line appended to it (Add-Content, `>>`, Out-File -Append, AppendAllText) lands in that
// block, and holds for administrators only. `PasswordAuthentication no` appended so leaves passwords on for everyone
// else, as if the script never wrote it. Written before any Match line (the file written anew, an edit in place of
// the stock file's commented line, the directive put first), or after `Match all`, it holds globally.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";
import { INSTALL, CONFIG, ps, bat, kinds, OPEN } from "./windows-sshd-fixtures";

const IN_MATCH =
  "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only after a Match line (appended to the stock file, it lands in its closing Match Group administrators block), so it holds for that block alone: write it before the first Match line";

describe("PasswordAuthentication no appended after a Match line", () => {
  it.each<[string, WindowsScript | WindowsScript[]]>([
    ["Add-Content to the stock file", ps(`Add-Content ${CONFIG} 'PasswordAuthentication no'`)],
    ["ac", ps(`ac ${CONFIG} 'PasswordAuthentication no'`)],
    [
      "Add-Content -Path -Value",
      ps(`Add-Content -Path "$env:ProgramData\\ssh\\sshd_config" -Value "PasswordAuthentication no"`),
    ],
    ["Out-File -Append", ps(`'PasswordAuthentication no' | Out-File -FilePath ${CONFIG} -Append -Encoding ascii`)],
    ["PowerShell's >>", ps(`'PasswordAuthentication no' >> ${CONFIG}`)],
    ["echo >> in PowerShell", ps(`echo 'PasswordAuthentication no' >> ${CONFIG}`)],
    ["AppendAllText", ps(`[IO.File]::AppendAllText('${CONFIG}', "\`nPasswordAuthentication no\`n")`)],
    ["a variable's here-string appended", ps("$l = @'\nPasswordAuthentication no\n'@", `Add-Content ${CONFIG} $l`)],
    ["batch: echo >>", bat("echo PasswordAuthentication no>> %ProgramData%\\ssh\\sshd_config")],
    ["batch: echo >> in a group", bat(`(echo.& echo PasswordAuthentication no) >> "%ProgramData%\\ssh\\sshd_config"`)],
    [
      "after a Match the script wrote anew",
      ps(
        `Set-Content ${CONFIG} "Match User deploy\`n  X11Forwarding no"`,
        `Add-Content ${CONFIG} 'PasswordAuthentication no'`,
      ),
    ],
    ["after a Match in the same text", ps(`Set-Content ${CONFIG} "Match User deploy\`nPasswordAuthentication no"`)],
    [
      "after a Match appended earlier",
      ps(
        `Set-Content ${CONFIG} 'Port 22'`,
        `Add-Content ${CONFIG} 'Match Group users'`,
        `Add-Content ${CONFIG} 'PasswordAuthentication no'`,
      ),
    ],
    [
      "the file read back in, the line after it",
      ps(`$c = Get-Content ${CONFIG}`, `Set-Content ${CONFIG} ($c + 'PasswordAuthentication no')`),
    ],
    [
      "read back in, in one pipeline",
      ps(`(Get-Content ${CONFIG}) + 'PasswordAuthentication no' | Set-Content ${CONFIG}`),
    ],
    ["a later script appends", [ps("Start-Service sshd"), ps(`Add-Content ${CONFIG} 'PasswordAuthentication no'`)]],
  ])("%s: passwords stay on for everyone else", (_name, scripts) => {
    expect(kinds(...(Array.isArray(scripts) ? scripts : [scripts]))).toEqual(OPEN);
  });

  it("says the directive landed in a Match block", () => {
    const [weakness] = findWindowsLoginWeaknesses([ps(`Add-Content ${CONFIG} 'PasswordAuthentication no'`)]);
    expect(weakness.note).toBe(IN_MATCH);
    expect(weakness.line).toBe(INSTALL);
    expect(weakness.unverifiable).toBeUndefined();
  });
});

describe("PasswordAuthentication no written where it holds globally", () => {
  it.each<[string, WindowsScript | WindowsScript[]]>([
    ["the file written anew", ps(`Set-Content ${CONFIG} 'PasswordAuthentication no'`)],
    ["Out-File without -Append", ps(`'PasswordAuthentication no' | Out-File ${CONFIG} -Encoding ascii`)],
    ["PowerShell's >", ps(`'PasswordAuthentication no' > ${CONFIG}`)],
    ["WriteAllText", ps(`[IO.File]::WriteAllText('${CONFIG}', 'PasswordAuthentication no')`)],
    ["batch: echo >", bat("echo PasswordAuthentication no> %ProgramData%\\ssh\\sshd_config")],
    [
      "written anew, the directive before its Match",
      ps(`Set-Content ${CONFIG} "PasswordAuthentication no\`nMatch Group administrators\`n  AuthorizedKeysFile x"`),
    ],
    [
      "a here-string, the directive before its Match",
      ps(
        "$t = @'\nPasswordAuthentication no\nMatch Group administrators\n  AuthorizedKeysFile x\n'@",
        `Set-Content ${CONFIG} $t`,
      ),
    ],
    [
      "the stock comment replaced in place",
      ps(
        `(Get-Content ${CONFIG}) -replace '#PasswordAuthentication yes', 'PasswordAuthentication no' | Set-Content ${CONFIG}`,
      ),
    ],
    [
      "the stock comment replaced with .Replace",
      ps(
        `$t = (Get-Content ${CONFIG} -Raw).Replace('#PasswordAuthentication yes', 'PasswordAuthentication no')`,
        `Set-Content ${CONFIG} $t`,
      ),
    ],
    [
      "put first, the file read back in after it",
      ps(`$c = Get-Content ${CONFIG}`, `Set-Content ${CONFIG} (@('PasswordAuthentication no') + $c)`),
    ],
    [
      "the stock comment replaced by a variable's line",
      ps(
        "$line = 'PasswordAuthentication no'",
        `(Get-Content ${CONFIG}) -replace '#PasswordAuthentication yes', $line | Set-Content ${CONFIG}`,
      ),
    ],
    ["appended after Match all", ps(`Add-Content ${CONFIG} "Match all\`nPasswordAuthentication no"`)],
    [
      "appended after a Match all line of its own",
      ps(`Add-Content ${CONFIG} 'Match all'`, `Add-Content ${CONFIG} 'PasswordAuthentication no'`),
    ],
    [
      "appended after the file was written anew",
      ps(`Set-Content ${CONFIG} 'Port 22'`, `Add-Content ${CONFIG} 'PasswordAuthentication no'`),
    ],
    [
      "batch: appended after the file was written anew",
      bat(
        "echo Port 22> %ProgramData%\\ssh\\sshd_config",
        "echo PasswordAuthentication no>> %ProgramData%\\ssh\\sshd_config",
      ),
    ],
  ])("%s: the no counts", (_name, scripts) => {
    expect(kinds(...(Array.isArray(scripts) ? scripts : [scripts]))).toEqual([]);
  });
});

describe("appended to a file put in place from elsewhere", () => {
  it("counts the no, where the file's end is not known", () => {
    expect(
      kinds(
        ps(`Copy-Item \\\\fs\\baseline\\sshd_config ${CONFIG}`, `Add-Content ${CONFIG} 'PasswordAuthentication no'`),
      ),
    ).toEqual([]);
  });
});

describe("yes stays a finding wherever it lands", () => {
  it.each<[string, WindowsScript]>([
    ["appended into the stock Match block", ps(`Add-Content ${CONFIG} 'PasswordAuthentication yes'`)],
    ["written anew", ps(`Set-Content ${CONFIG} 'PasswordAuthentication yes'`)],
  ])("%s", (_name, script) => {
    expect(kinds(script)).toEqual(OPEN);
  });
});
