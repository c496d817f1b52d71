// Files a boot script writes and runs later: text without a `#!` line or a `.sh` name is read as a file that may be
// configuration (a daemon's name in it starts nothing), until something runs it: `sh /opt/start`, `. /opt/start`,
// `/opt/start` by its path (after chmod, under nohup or env), a shell reading it as its input (`sh < /opt/start`),
// a unit's ExecStart, a cron line, rc.local. Then it is read as the script it is, its findings named with the file.
// A file only written, printed or copied stays unread so.
import { inputFiles } from "./userdata-cat-streams";
import { inForeground, ParsedCommand } from "./userdata-destinations";
import { LineScan, Reading, WrittenAs } from "./userdata-scan-context";
import { normalPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";
import { commandIndex } from "./userdata-words";

/** Bounds on what waits to be run: files, and texts written to each. */
const MAX_FILES = 64;
const MAX_TEXTS = 16;
/** What pieces of one line are joined to, at most: one printf after another grows no line without end. */
const MAX_JOINED = 16 * 1024;
/** Rounds of reading at the end, at most: each round reads the texts kept for one file. */
const MAX_ROUNDS = MAX_FILES * MAX_TEXTS;

/** Shells that run the script file named as their first operand (`su` and `runuser` take a user there). */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]);
/** Shell options that take the next word as their value. */
const SHELL_VALUE_OPTIONS = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);
/** Builtins that run a file's commands in the shell itself. */
const SOURCES = new Set([".", "source"]);
/** A file named outright: no expansion, no pattern. */
const NAMED_OUTRIGHT = /^\/[^$`*?[\]{}]*$/;

/**
 * The files a command runs as a script, named outright: `sh -x F`, `bash F`, `. F`, `source F`, or `F` itself as the
 * command (wrappers such as nohup, setsid, sudo, exec or env skipped); a shell reading its script from its input,
 * what that input holds: `sh < F`, `bash -s -- arg < F`, or `cat F | sh` (`previous`: the command before on the line,
 * whose output a piped command reads). A relative name is read from `directory`, where a `cd` put the script. A
 * `&` after the command (`sh < F &`) only sends it to the background. `written`: whether the script wrote a file (by
 * its path from `directory`): env at its own place (`/usr/bin/env start`) is then that file, run. None for any other
 * command.
 */
export function filesRun(
  parsed: ParsedCommand,
  directory?: string,
  previous?: ParsedCommand,
  written?: (path: string) => boolean,
): string[] {
  const files: string[] = [];
  const named = filesNamedRun(inForeground(parsed), previous && inForeground(previous), (file) =>
    written === undefined ? false : written(fromStanding(file, directory)),
  );
  for (const file of named) {
    const path = fromStanding(file, directory);
    if (NAMED_OUTRIGHT.test(path)) files.push(normalPath(path));
  }
  return files;
}

/** The files a command runs, as it names them (see filesRun). */
function filesNamedRun(
  parsed: ParsedCommand,
  previous: ParsedCommand | undefined,
  written: (file: string) => boolean,
): string[] {
  const { words, at, name, args } = parsed;
  // Read past as env (see parseCommand), a file the script wrote there is its own: that runs, the rest its arguments.
  const first = commandIndex(words);
  if (first >= 0 && first < at && written(words[first].text)) return [words[first].text];
  if (SOURCES.has(name)) return args.slice(0, 1);
  if (SHELLS.has(name)) {
    const script = shellScript(args);
    if (script === undefined) return [];
    return script.file !== undefined ? [script.file] : inputFiles(parsed, previous);
  }
  // A command's bare name is looked for on the PATH; one with a slash (`./start`) is a file.
  const command = words[at]?.text;
  return command?.includes("/") ? [command] : [];
}

/**
 * What a shell runs: its script file, its first operand; or its input (`input`), when it is given no operand or `-s`
 * says so (the operands are then its arguments). Undefined when `-c` gives the script or `-n` (`-o noexec`) only
 * checks its syntax, running nothing.
 */
function shellScript(args: string[]): { file?: string; input?: true } | undefined {
  let input = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return input || args[i + 1] === undefined ? { input: true } : { file: args[i + 1] };
    if (/^-[A-Za-z]*n/.test(a) || (a === "-o" && args[i + 1] === "noexec")) return undefined;
    if (SHELL_VALUE_OPTIONS.has(a)) i++;
    else if (/^[-+][A-Za-z]*c/.test(a) && !a.startsWith("--")) return undefined;
    else if (/^-[A-Za-z]*s/.test(a) && !a.startsWith("--")) input = true;
    else if (!a.startsWith("-") && !a.startsWith("+")) return input ? { input: true } : { file: a };
  }
  return { input: true };
}

/**
 * Notes the files a command of `scan` runs. A command of the user data itself runs them now, with what was written
 * so far; one of a file that runs after the user data (a unit, a crontab, rc.local, another script) runs them later,
 * with whatever the user data writes there. A file that may be configuration runs nothing until it is run itself.
 * `previous`: the command before on the line, which may pipe it its script; `written`: see filesRun.
 */
export function noteFileRun(
  parsed: ParsedCommand,
  { reading, found, ran }: LineScan,
  directory?: string,
  previous?: ParsedCommand,
  written?: (path: string) => boolean,
): void {
  if (ran === undefined || !runsCommands(reading)) return;
  for (const file of filesRun(parsed, directory, previous, written))
    ran(file, reading.inertFile !== undefined || found.via !== undefined);
}

/** Whether text read so runs its commands: not a file that may be configuration, where a command line does nothing. */
export function runsCommands(reading: Reading): boolean {
  return reading.inertFile === undefined || reading.scriptFile === true;
}

/** A text written to a file not yet run, and how to read it as a script. */
interface Kept {
  text: string;
  readAsScript: (text: string) => void;
  /** It ends inside a line, which the next text added continues. */
  endsMidLine: boolean;
}

/** What a file kept for later holds, as one text, and whether it ends inside a line. */
export interface KeptText {
  text: string;
  endsMidLine: boolean;
}

/**
 * The texts written to files that are not read as scripts, each with how to read it as one, until the file runs:
 * one register per user data, shared by the nested texts it writes. A write that replaces a file drops what it held;
 * one that adds to it keeps that, a piece that continues a line (printf with no last `\n`) joined to it. A file run
 * after the user data (by a unit, a crontab) is read as the user data leaves it, at the end (see finish); one such
 * file writing another is read first, so that the other is read as the first leaves it (a replace there seen).
 */
export class ScriptsRunLater {
  private readonly unread = new Map<string, Kept[]>();
  private readonly runLater = new Set<string>();
  /** A number for each list of texts kept, as long as it holds the same: what a file copied holds, told apart. */
  private readonly ids = new WeakMap<Kept[], number>();
  private lastId = 0;

  /**
   * Text was written to `file`, added to what it held or replacing it; `readAsScript` reads it once the file runs.
   * No text adds nothing, and replaces what was kept with nothing: it takes none of the room kept for files.
   */
  wrote(file: string, text: string, readAsScript: (text: string) => void, mode: WrittenAs): void {
    const key = normalPath(file);
    if (text === "") {
      if (!mode.appended) this.unread.delete(key);
      return;
    }
    const piece = { text, readAsScript, endsMidLine: mode.endsMidLine };
    const texts = mode.appended ? this.unread.get(key) : undefined;
    const last = texts?.[texts.length - 1];
    if (texts === undefined) {
      if (this.unread.has(key) || this.unread.size < MAX_FILES) this.unread.set(key, [piece]);
      return;
    }
    this.ids.delete(texts);
    if (last?.endsMidLine && last.text.length + text.length <= MAX_JOINED)
      texts[texts.length - 1] = { ...piece, text: last.text + text };
    else if (texts.length < MAX_TEXTS) texts.push(piece);
  }

  /** Whether text is kept for `file`. */
  holds(file: string): boolean {
    return this.unread.has(normalPath(file));
  }

  /**
   * A number that stands for what is kept for `file` while it stays the same (a copy of it read again reads nothing
   * new); undefined when nothing is kept.
   */
  keptId(file: string): number | undefined {
    const texts = this.unread.get(normalPath(file));
    if (texts === undefined) return undefined;
    let id = this.ids.get(texts);
    if (id === undefined) this.ids.set(texts, (id = ++this.lastId));
    return id;
  }

  /**
   * `from` was copied (or moved) onto `to`, or added after what `to` held (`appended`: `cat from >> to`): `to` holds
   * the texts kept for `from`, read by `readAsScript` once `to` runs. Returns how to get those texts joined, as a
   * file holds them (only some readers need them: joining is work); undefined, with `to` left as it was, when none
   * are kept.
   */
  copied(
    from: string,
    to: string,
    readAsScript: (text: string) => void,
    appended = false,
  ): (() => KeptText) | undefined {
    const texts = this.unread.get(normalPath(from));
    const key = normalPath(to);
    if (texts === undefined || (!this.unread.has(key) && this.unread.size >= MAX_FILES)) return undefined;
    if (appended && this.unread.has(key))
      // Piece by piece, as written there: a line `to` left open is continued; a copy of `to` itself taken first.
      for (const kept of texts.slice(0, MAX_TEXTS))
        this.wrote(key, kept.text, readAsScript, { appended: true, endsMidLine: kept.endsMidLine });
    else
      this.unread.set(
        key,
        texts.map((kept) => ({ ...kept, readAsScript })),
      );
    return () => joined(texts);
  }

  /** What is kept for `file`, as one text, as the file holds it; undefined when nothing is. */
  keptText(file: string): string | undefined {
    const texts = this.unread.get(normalPath(file));
    return texts === undefined ? undefined : joined(texts).text;
  }

  /**
   * The line `text` added to `file` completes, when what was kept there ends inside one (printf with no last `\n`)
   * and the two are joined; undefined when `text` starts a line of its own.
   */
  continuedLine(file: string, text: string): string | undefined {
    const texts = this.unread.get(normalPath(file));
    const last = texts?.[texts.length - 1];
    if (!last?.endsMidLine || last.text.length + text.length > MAX_JOINED) return undefined;
    return last.text.slice(last.text.lastIndexOf("\n") + 1) + text;
  }

  /** The files `takes` names are taken away: what they held is gone. */
  removedWhere(takes: (file: string) => boolean): void {
    for (const key of [...this.unread.keys()]) if (takes(key)) this.unread.delete(key);
  }

  /** `file` was replaced by text read otherwise (a script by its look): what it held before is gone. */
  replaced(file: string): void {
    this.unread.delete(normalPath(file));
  }

  /** `file` runs: the texts written to it so far are read as a script now, or at the end when it runs `later`. */
  ran(file: string, later: boolean): void {
    const key = normalPath(file);
    if (later) {
      if (this.runLater.size < MAX_FILES) this.runLater.add(key);
      return;
    }
    const texts = this.unread.get(key);
    if (texts === undefined) return;
    // Taken out first: reading a text may run the file again.
    this.unread.delete(key);
    for (const { text, readAsScript } of texts) readAsScript(text);
  }

  /** The user data is read: the files run after it are read as it left them. */
  finish(): void {
    // Reading a file here may write to another run later, read before or not yet (or run one more later): each round
    // reads the next file holding text not read, until none does. Each text is read once (see Scan.once), so the
    // rounds end; the bound keeps them few whatever the script.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = [...this.runLater].find((key) => this.unread.has(key));
      if (next === undefined) return;
      this.ran(next, false);
    }
  }
}

/** Texts kept for a file, joined as the file holds them: each a line of its own unless it ends inside one. */
function joined(texts: readonly Kept[]): KeptText {
  const last = texts[texts.length - 1];
  const text = texts.map((kept) => (kept.endsMidLine || kept.text.endsWith("\n") ? kept.text : `${kept.text}\n`));
  return { text: text.join(""), endsMidLine: last?.endsMidLine === true };
}
