// Scripts for Windows are batch or PowerShell, not shell: the shell reader skips them, and the Windows reader
// (windows-login-weaknesses.ts) reads them for what weakens login there. A value unknown at preview, or templated,
// may be Linux and is read as shell.
import { lowerName } from "./structured-documents";

/** A Windows script and the interpreter that runs it. */
export interface WindowsScript {
  language: WindowsLanguage;
  text: string;
  /** A built-in task that starts the OpenSSH server without a script (EC2Launch v2 `enableOpenSsh`), as quoted. */
  task?: string;
  /** The file a script was written to: lines written one after another to it are read as one script. */
  file?: WrittenFile;
  /** A process of its own runs the script (`powershell -Command`, `cmd /c`, Start-Process): see NewProcess. */
  process?: NewProcess;
}

/**
 * A script run by a process of its own, whose working directory is its own: its moves (`Set-Location`, `cd`) never
 * move the script that starts it. It starts where the caller stands (`folder: "caller"`) at the command starting it,
 * `at` being that command's index among the words the caller's statement keeps for its own reading
 * (NestedScripts.rest), or in a folder the reader does not follow (`-WorkingDirectory`, `start /d`).
 */
export interface NewProcess {
  at: number;
  folder: "caller" | "unknown";
}

/** A script file's path as the writer spells it, and whether the write appends to it or starts it anew. */
export interface WrittenFile {
  path: string;
  appends: boolean;
  /** Part of the text written is output the reader cannot know (a command among a group of echoes). */
  partlyUnknown?: boolean;
}

export type WindowsLanguage = "powershell" | "batch";

const WINDOWS_COMMAND_LANGUAGES = new Map<string, WindowsLanguage>([
  ["runbatscript", "batch"],
  ["runpowershellscript", "powershell"],
]);

/** A Cloud Assistant command type that runs on Windows (`RunBatScript`, `RunPowerShellScript`), any case. */
export function isWindowsCommandType(type: unknown): boolean {
  return windowsCommandLanguage(type) !== undefined;
}

/** The language a Windows Cloud Assistant command type runs; undefined for other types. */
export function windowsCommandLanguage(type: unknown): WindowsLanguage | undefined {
  return WINDOWS_COMMAND_LANGUAGES.get(lowerName(type) ?? "");
}

/** A platform or system type that names Windows (`Windows`, any case). */
export function isWindowsPlatform(platform: unknown): boolean {
  return lowerName(platform) === "windows";
}
