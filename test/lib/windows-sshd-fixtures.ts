// What the Windows OpenSSH tests share: a script that installs the server, in PowerShell or in batch (which installs
// it through a PowerShell child), and its findings reduced to their kinds.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";

export const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
/** The configuration the service reads. */
export const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
/** The server installed, then `lines`, in PowerShell. */
export const ps = (...lines: string[]): WindowsScript => ({
  language: "powershell",
  text: [INSTALL, ...lines].join("\n"),
});
/** The server installed, then `lines`, in batch. */
export const bat = (...lines: string[]): WindowsScript => ({
  language: "batch",
  text: [`powershell -Command ${INSTALL}`, ...lines].join("\r\n"),
});
export const kinds = (...scripts: WindowsScript[]) => findWindowsLoginWeaknesses(scripts).map((w) => w.kind);
/** The one finding of a server that takes passwords. */
export const OPEN = ["password-authentication"];
