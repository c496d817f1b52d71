// Scripts for Windows are batch or PowerShell, not shell, and the weaknesses read here are sshd's and Linux
// accounts': what names Windows is skipped. A value unknown at preview, or templated, may be Linux and is read.
import { lowerName } from "./structured-documents";

const WINDOWS_COMMAND_TYPES = new Set(["runbatscript", "runpowershellscript"]);

/** A Cloud Assistant command type that runs on Windows (`RunBatScript`, `RunPowerShellScript`), any case. */
export function isWindowsCommandType(type: unknown): boolean {
  return WINDOWS_COMMAND_TYPES.has(lowerName(type) ?? "");
}

/** A platform or system type that names Windows (`Windows`, any case). */
export function isWindowsPlatform(platform: unknown): boolean {
  return lowerName(platform) === "windows";
}
