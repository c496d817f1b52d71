// Shared pieces of the tests of scripts that Windows scripts run or write: the script wrappers, the lines they carry
// and the row shape the policy harness checks. Script text lives only in these strings; nothing here runs it.
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";

export const EC2 = "aws:ec2/instance:Instance";
export const PASSWORD = "Winter2024!";
export const NET_USER = `net user ops ${PASSWORD} /add`;
/** A numbered account's line: lines are reported once each, so rows that count findings number them. */
export const netUser = (n: number) => `net user ops${n} ${PASSWORD} /add`;
export const REG_RDP_TCP = '"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"';
/** reg's arguments that turn Network Level Authentication off for RDP. */
export const NO_NLA_ARGUMENTS = `add ${REG_RDP_TCP} /v UserAuthentication /t REG_DWORD /d 0 /f`;
export const REG_NO_NLA = `reg ${NO_NLA_ARGUMENTS}`;
export const SETS_PASSWORD = "sets a login password written in the script";
export const OPENS_LOGIN = "opens a remote login to password guessing";
export const SSH_PASSWORDS = "enables SSH password authentication";

/** PowerShell's `-EncodedCommand` argument: base64 of the UTF-16LE text. */
export const encoded = (script: string) => Buffer.from(script, "utf16le").toString("base64");
export const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
export const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>`;
export const instance = (userData: string): Record<string, unknown> => ({ ami: "ami-1", userData });

/** A row of the policy harness's table for an EC2 instance with this user data. */
export const row = (name: string, userData: string, violations: number, mentions?: string, notes?: number) => ({
  name,
  type: EC2,
  props: instance(userData),
  violations,
  ...(mentions === undefined ? {} : { mentions }),
  ...(notes === undefined ? {} : { notes }),
});

/** The messages the Windows reader gives for this user data. */
export const messages = (userData: string) =>
  (windowsDecodedUserDataFindings("userData", userData) ?? []).map((f) => f.message);
