// A relative sshd_config name is read where the script stands: `PasswordAuthentication no` written to `sshd_config`
// after `Set-Location C:\temp` goes to C:\temp\sshd_config, which the OpenSSH service never reads. Where the script
// stands unknown (its start, a variable the reader cannot know, a move inside a block), the name counts as before.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";
import { ps, bat, kinds, OPEN } from "./windows-sshd-fixtures";

const NO = 'Set-Content sshd_config "PasswordAuthentication no"';
const BATCH_NO = "echo PasswordAuthentication no> sshd_config";

describe("a relative sshd_config written after the script moves to another folder", () => {
  it.each<[string, WindowsScript]>([
    ["Set-Location", ps("Set-Location C:\\temp", NO)],
    ["Set-Location -Path", ps('Set-Location -Path "C:\\temp"', NO)],
    ["Set-Location -LiteralPath", ps("Set-Location -LiteralPath 'C:\\temp'", NO)],
    ["cd", ps("cd C:\\temp", NO)],
    ["sl", ps("sl C:\\temp", NO)],
    ["chdir", ps("chdir C:\\temp", NO)],
    ["Push-Location", ps("Push-Location C:\\temp", NO)],
    ["pushd", ps("pushd C:\\temp", NO)],
    [".\\sshd_config", ps("cd C:\\temp", 'Set-Content .\\sshd_config "PasswordAuthentication no"')],
    ["$env:TEMP", ps("Set-Location $env:TEMP", NO)],
    ["a variable the script set to a folder", ps('$d = "D:\\stage"', "Set-Location $d", NO)],
    ["from the service's folder up", ps('Set-Location "$env:ProgramData\\ssh"', "cd ..", NO)],
    ["in the same statement", ps(`cd C:\\temp; ${NO}`)],
    ["the service's, then another", ps("cd C:\\ProgramData\\ssh", "cd C:\\temp", NO)],
    [
      "Push-Location to the service's, Pop-Location back to another",
      ps("Set-Location C:\\temp", 'Push-Location "$env:ProgramData\\ssh"', "Pop-Location", NO),
    ],
    ["pushd and popd in PowerShell", ps("cd C:\\temp", "pushd C:\\ProgramData\\ssh", "popd", NO)],
    ["batch: cd /d", bat("cd /d C:\\temp", BATCH_NO)],
    ["batch: cd on the drive", bat("cd C:\\temp", BATCH_NO)],
    ["batch: cd to a share's copy", bat('cd /d "\\\\fs\\baseline"', BATCH_NO)],
    ["batch: pushd", bat("pushd C:\\temp", BATCH_NO)],
    ["batch: pushd to the service's, popd back", bat("cd /d C:\\temp", "pushd %ProgramData%\\ssh", "popd", BATCH_NO)],
    ["batch: a variable the script set", bat("set D=C:\\temp", "cd /d %D%", BATCH_NO)],
  ])("%s: the server allows passwords", (_name, script) => {
    expect(kinds(script)).toEqual(OPEN);
  });

  it("says the no went only to a file the service does not read", () => {
    const [weakness] = findWindowsLoginWeaknesses([ps("Set-Location C:\\temp", NO)]);
    expect(weakness.note).toBe(
      "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only to a file the service does not read: write it to %ProgramData%\\ssh\\sshd_config",
    );
  });
});

// These pass with the reader not following the folder at all (a relative name always counted): each was checked
// against the reader taking every folder set for another one instead.
describe("a relative sshd_config written where the service reads it, or where the script stands is unknown", () => {
  it.each<[string, WindowsScript | WindowsScript[]]>([
    ["nowhere set: the script's start", ps(NO)],
    ["Set-Location to $env:ProgramData\\ssh", ps("cd C:\\temp", 'Set-Location "$env:ProgramData\\ssh"', NO)],
    ["Set-Location to ${env:ProgramData}\\ssh", ps("cd C:\\temp", 'Set-Location "${env:ProgramData}\\ssh"', NO)],
    ["Set-Location to $env:ALLUSERSPROFILE\\ssh", ps("cd C:\\temp", "Set-Location $env:ALLUSERSPROFILE\\ssh", NO)],
    ["cd spelt out, in steps", ps("cd C:\\temp", "cd C:\\ProgramData", "cd ssh", NO)],
    ["a variable the script set to it", ps("cd C:\\temp", '$d = "C:\\ProgramData\\ssh"', "Set-Location -Path $d", NO)],
    [
      "a relative path up from a folder under it",
      ps("cd C:\\ProgramData\\ssh\\logs", 'Set-Content ..\\sshd_config "PasswordAuthentication no"'),
    ],
    ["Pop-Location back to it", ps("cd C:\\ProgramData\\ssh", "Push-Location C:\\temp", "Pop-Location", NO)],
    ["cd to a variable the reader cannot know", ps("cd C:\\temp", "cd $dir", NO)],
    ["cd to a folder read from outside", ps("cd C:\\temp", "$d = Read-Host", "cd $d", NO)],
    ["cd inside a block that may not run", ps("cd C:\\temp", "if ($x) {", "  cd D:\\other", "}", NO)],
    ["a later script starts anew", [ps("cd C:\\temp"), ps(NO)]],
    ["batch: cd /d to %ProgramData%\\ssh", bat("cd /d C:\\temp", "cd /d %ProgramData%\\ssh", BATCH_NO)],
    ["batch: cd to another drive without /d stays", bat("cd /d C:\\ProgramData\\ssh", "cd D:\\temp", BATCH_NO)],
    ["batch: cd to a variable from outside", bat("cd /d C:\\temp", "cd /d %1", BATCH_NO)],
  ])("%s: the no counts", (_name, scripts) => {
    expect(kinds(...(Array.isArray(scripts) ? scripts : [scripts]))).toEqual([]);
  });
});
