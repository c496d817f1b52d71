// sshd reads its configuration when it starts: a script that starts the service, then writes PasswordAuthentication
// no, and never restarts it, leaves the running server allowing passwords until it restarts (the next boot). A start
// or restart after the write, or a service only installed or set to start at boot, reads the hardened file.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";
import { CONFIG, ps } from "./windows-sshd-fixtures";

const NO = `Set-Content ${CONFIG} 'PasswordAuthentication no'`;
const bat = (...lines: string[]): WindowsScript => ({ language: "batch", text: lines.join("\r\n") });
const STALE =
  "sshd is started before the script writes PasswordAuthentication no and not restarted after it, so the running server allows passwords until it restarts: restart sshd after writing sshd_config";

describe("started before the hardening, not restarted after", () => {
  it.each<[string, WindowsScript | WindowsScript[], string]>([
    ["Start-Service", ps("Start-Service sshd", NO), "Start-Service sshd"],
    ["Start-Service -Name", ps("Start-Service -Name sshd", NO), "Start-Service -Name sshd"],
    ["a wildcard", ps("Get-Service ssh* | Start-Service", NO), "Get-Service ssh* | Start-Service"],
    ["Set-Service -Status Running", ps("Set-Service sshd -Status Running", NO), "Set-Service sshd -Status Running"],
    ["net start in batch", bat("net start sshd", `echo PasswordAuthentication no> ${CONFIG}`), "net start sshd"],
    ["the last start before the write", ps("Start-Service sshd", "Restart-Service sshd", NO), "Restart-Service sshd"],
    ["a later script hardens", [ps("Start-Service sshd"), ps(NO)], "Start-Service sshd"],
  ])("%s: a note", (_name, scripts, line) => {
    const found = findWindowsLoginWeaknesses(Array.isArray(scripts) ? scripts : [scripts]);
    expect(found).toEqual([{ kind: "password-authentication", line, note: STALE }]);
  });
});

describe("the running server reads the hardened file", () => {
  it.each<[string, WindowsScript | WindowsScript[]]>([
    ["written before the start", ps(NO, "Start-Service sshd")],
    ["restarted after the write", ps("Start-Service sshd", NO, "Restart-Service sshd")],
    ["stopped and started after", ps("Start-Service sshd", NO, "Stop-Service sshd", "Start-Service sshd")],
    ["restarted in the same statement", ps(`Start-Service sshd`, `${NO}; Restart-Service sshd`)],
    ["set to start at boot only", ps("Set-Service sshd -StartupType Automatic", NO)],
    ["installed only", ps(NO)],
    [
      "batch: net stop and net start after",
      bat("net start sshd", `echo PasswordAuthentication no> ${CONFIG}`, "net stop sshd", "net start sshd"),
    ],
  ])("%s: nothing", (_name, scripts) => {
    expect(findWindowsLoginWeaknesses(Array.isArray(scripts) ? scripts : [scripts])).toEqual([]);
  });
});
