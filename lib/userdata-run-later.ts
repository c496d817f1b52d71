// Files a boot script writes and runs later: text without a `#!` line or a `.sh` name is read as a file that may be
// configuration (a daemon's name in it starts nothing), until something runs it: `sh /opt/start`, `. /opt/start`,
// `/opt/start` by its path (after chmod, under nohup), a unit's ExecStart, a cron line, rc.local. Then it is read as
// the script it is, its findings named with the file. A file only written, printed or copied stays unread so.
import { ParsedCommand } from "./userdata-destinations";
import { LineScan } from "./userdata-scan-context";
import { normalPath } from "./userdata-sshd-paths";

/** Bounds on what waits to be run: files, and texts written to each. */
const MAX_FILES = 64;
const MAX_TEXTS = 16;

/** Shells that run the script file named as their first operand (`su` and `runuser` take a user there). */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]);
/** Shell options that take the next word as their value. */
const SHELL_VALUE_OPTIONS = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);
/** Builtins that run a file's commands in the shell itself. */
const SOURCES = new Set([".", "source"]);
/** A file named outright: no expansion, no pattern. */
const NAMED_OUTRIGHT = /^\/[^$`*?[\]{}]*$/;

/**
 * The file a command runs as a script, named outright: `sh -x F`, `bash F`, `. F`, `source F`, or `F` itself as the
 * command (wrappers such as nohup, setsid, sudo or exec skipped). None for any other command.
 */
export function fileRun({ words, at, name, args }: ParsedCommand): string | undefined {
  const file = SOURCES.has(name) ? args[0] : SHELLS.has(name) ? shellScriptFile(args) : words[at]?.text;
  return file !== undefined && NAMED_OUTRIGHT.test(file) ? normalPath(file) : undefined;
}

/** A shell's script file: its first operand, unless `-c` gives the script or `-s` reads it from the input. */
function shellScriptFile(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return args[i + 1];
    if (SHELL_VALUE_OPTIONS.has(a)) i++;
    else if (/^[-+][A-Za-z]*[cs]/.test(a) && !a.startsWith("--")) return undefined;
    else if (!a.startsWith("-") && !a.startsWith("+")) return a;
  }
  return undefined;
}

/**
 * Notes the file a command of `scan` runs. A command of the user data itself runs it now, with what was written so
 * far; one of a file that runs after the user data (a unit, a crontab, rc.local, another script) runs it later, with
 * whatever the user data writes there. A file that may be configuration runs nothing until it is run itself.
 */
export function noteFileRun(parsed: ParsedCommand, { reading, found, ran }: LineScan): void {
  if (ran === undefined || (reading.inertFile !== undefined && reading.scriptFile !== true)) return;
  const file = fileRun(parsed);
  if (file !== undefined) ran(file, reading.inertFile !== undefined || found.via !== undefined);
}

/**
 * The texts written to files that are not read as scripts, each with how to read it as one, until the file runs:
 * one register per user data, shared by the nested texts it writes.
 */
export class ScriptsRunLater {
  private readonly unread = new Map<string, (() => void)[]>();
  private readonly runLater = new Set<string>();

  /** Text was written to `file`; `readAsScript` reads it as the script it is once the file runs (at once if it will). */
  wrote(file: string, readAsScript: () => void): void {
    const key = normalPath(file);
    if (this.runLater.has(key)) return readAsScript();
    const texts = this.unread.get(key);
    if (texts === undefined) {
      if (this.unread.size < MAX_FILES) this.unread.set(key, [readAsScript]);
    } else if (texts.length < MAX_TEXTS) texts.push(readAsScript);
  }

  /** `file` runs: the texts written to it so far are read as a script, and later ones too when it runs `later`. */
  ran(file: string, later: boolean): void {
    const key = normalPath(file);
    if (later && this.runLater.size < MAX_FILES) this.runLater.add(key);
    const texts = this.unread.get(key);
    if (texts === undefined) return;
    // Taken out first: reading a text may run the file again.
    this.unread.delete(key);
    for (const read of texts) read();
  }
}
