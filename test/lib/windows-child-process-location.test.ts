// A child process has a working directory of its own: `powershell -Command "Set-Location C:\temp"`, `cmd /c "cd /d
// C:\temp"` or `Start-Process powershell -ArgumentList …` move the child, never the script that starts it, so a later
// relative `sshd_config` in the parent is where the parent stands. The child starts where the parent stands, and its
// own relative names are read from there and from where it moves. Script blocks run with `&` or `.`, Invoke-Expression
// and a dot-sourced file run in the caller's runspace: their moves are the caller's.
import { WindowsScript } from "../../lib/windows-scripts";
import { ps, bat, kinds, OPEN } from "./windows-sshd-fixtures";

const NO = 'Set-Content sshd_config "PasswordAuthentication no"';
const BATCH_NO = "echo PasswordAuthentication no> sshd_config";
/** PowerShell's -EncodedCommand of `text`: base64 of UTF-16LE. */
const encoded = (text: string) => Buffer.from(text, "utf16le").toString("base64");
const SERVICE = "C:\\ProgramData\\ssh";

describe("a child process moves, the parent writes a relative sshd_config where it stands", () => {
  it.each<[string, WindowsScript]>([
    ["powershell -Command", ps(`cd ${SERVICE}`, 'powershell -Command "Set-Location C:\\temp"', NO)],
    ["powershell.exe -NoProfile -Command", ps(`cd ${SERVICE}`, 'powershell.exe -NoProfile -Command "cd C:\\temp"', NO)],
    ["pwsh -c", ps(`cd ${SERVICE}`, 'pwsh -c "Set-Location C:\\temp"', NO)],
    ["powershell's bare command", ps(`cd ${SERVICE}`, "powershell Set-Location C:\\temp", NO)],
    ["powershell -Command { block }", ps(`cd ${SERVICE}`, "powershell -Command { Set-Location C:\\temp }", NO)],
    [
      "powershell -EncodedCommand",
      ps(`cd ${SERVICE}`, `powershell -EncodedCommand ${encoded("Set-Location C:\\temp")}`, NO),
    ],
    ["cmd /c cd /d", ps(`cd ${SERVICE}`, 'cmd /c "cd /d C:\\temp"', NO)],
    ["cmd /c pushd", ps(`cd ${SERVICE}`, "cmd /c pushd C:\\temp", NO)],
    [
      "Start-Process powershell -ArgumentList",
      ps(`cd ${SERVICE}`, "Start-Process powershell -ArgumentList '-Command', 'Set-Location C:\\temp' -Wait", NO),
    ],
    ["Start-Process cmd", ps(`cd ${SERVICE}`, "Start-Process cmd -ArgumentList '/c cd /d C:\\temp' -Wait", NO)],
    ["in the same statement", ps(`cd ${SERVICE}; powershell -Command "Set-Location C:\\temp"; ${NO}`)],
    ["batch: cmd /c cd /d", bat(`cd /d ${SERVICE}`, 'cmd /c "cd /d C:\\temp"', BATCH_NO)],
    ["batch: powershell -Command", bat(`cd /d ${SERVICE}`, 'powershell -Command "Set-Location C:\\temp"', BATCH_NO)],
    ["batch: start /wait cmd /c", bat(`cd /d ${SERVICE}`, 'start /wait cmd /c "cd /d C:\\temp"', BATCH_NO)],
    ["a child's pushd, the parent's popd", ps(`cd ${SERVICE}`, "powershell -c pushd C:\\temp", "popd", NO)],
  ])("%s: the no reaches the service's file", (_name, script) => {
    expect(kinds(script)).toEqual([]);
  });
});

describe("a child process does not bring the parent back either", () => {
  it.each<[string, WindowsScript]>([
    ["powershell -Command", ps("cd C:\\temp", `powershell -Command "Set-Location ${SERVICE}"`, NO)],
    ["cmd /c", ps("cd C:\\temp", `cmd /c "cd /d ${SERVICE}"`, NO)],
    ["batch: cmd /c", bat("cd /d C:\\temp", `cmd /c cd /d ${SERVICE}`, BATCH_NO)],
  ])("%s: the no goes to the parent's folder", (_name, script) => {
    expect(kinds(script)).toEqual(OPEN);
  });
});

describe("inside a child, its own relative names are read from where it stands", () => {
  it.each<[string, WindowsScript, string[]]>([
    ["started where the parent stands", ps("cd C:\\temp", `powershell -Command '${NO}'`), OPEN],
    ["started in the service's folder", ps(`cd ${SERVICE}`, `powershell -Command '${NO}'`), []],
    ["moves itself away", ps(`cd ${SERVICE}`, `powershell -Command 'Set-Location C:\\temp; ${NO}'`), OPEN],
    ["moves itself to it", ps("cd C:\\temp", `powershell -Command 'Set-Location ${SERVICE}; ${NO}'`), []],
    ["cmd /c started where the parent stands", ps("cd C:\\temp", `cmd /c "${BATCH_NO}"`), OPEN],
    ["cmd /c in the service's folder", ps(`cd ${SERVICE}`, `cmd /c "${BATCH_NO}"`), []],
    ["batch: cmd /c where the parent stands", bat("cd /d C:\\temp", `cmd /c "${BATCH_NO}"`), OPEN],
    ["the parent moves in the same statement first", ps(`cd ${SERVICE}; powershell -Command '${NO}'`), []],
    ["the parent moves away after the child", ps(`cd ${SERVICE}`, `powershell -Command '${NO}'; cd C:\\temp`), []],
    [
      "the child's child",
      ps("cd C:\\temp", `cmd /c "powershell -Command Set-Content sshd_config 'PasswordAuthentication no'"`),
      OPEN,
    ],
    [
      "the child's child in the service's folder",
      ps(`cd ${SERVICE}`, `cmd /c "powershell -Command Set-Content sshd_config 'PasswordAuthentication no'"`),
      [],
    ],
    [
      "the child moves, its child starts there",
      ps(
        `cd ${SERVICE}`,
        `cmd /c "cd /d C:\\temp & powershell -Command Set-Content sshd_config 'PasswordAuthentication no'"`,
      ),
      OPEN,
    ],
    [
      "Start-Process -WorkingDirectory: a folder not followed",
      ps(
        "cd C:\\temp",
        `Start-Process powershell -WorkingDirectory $dir -ArgumentList '-Command', "${NO.replace(/"/g, "'")}"`,
      ),
      [],
    ],
    ["batch: start /d: a folder not followed", bat("cd /d C:\\temp", `start /wait /d %DIR% cmd /c "${BATCH_NO}"`), []],
    ["a child's block run with &", ps(`cd ${SERVICE}`, "powershell -Command '& { Set-Location C:\\temp }'", NO), []],
  ])("%s", (_name, script, expected) => {
    expect(kinds(script)).toEqual(expected);
  });
});

describe("what runs in the caller's runspace moves the caller", () => {
  it.each<[string, WindowsScript, string[]]>([
    ["& { Set-Location }", ps(`cd ${SERVICE}`, "& { Set-Location C:\\temp }", NO), OPEN],
    [". { Set-Location }", ps(`cd ${SERVICE}`, ". { Set-Location C:\\temp }", NO), OPEN],
    ["Invoke-Expression", ps(`cd ${SERVICE}`, "Invoke-Expression 'Set-Location C:\\temp'", NO), OPEN],
    ["iex piped", ps(`cd ${SERVICE}`, "'Set-Location C:\\temp' | iex", NO), OPEN],
    ["the parent's own Set-Location", ps(`cd ${SERVICE}`, "Set-Location C:\\temp", NO), OPEN],
    ["batch: call of a label is the same cmd", bat(`cd /d ${SERVICE}`, "cd /d C:\\temp", BATCH_NO), OPEN],
  ])("%s", (_name, script, expected) => {
    expect(kinds(script)).toEqual(expected);
  });
});
