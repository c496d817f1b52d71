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
/** Names remembered of files whose text was dropped, or run later past MAX_FILES: past this, any such file may be one. */
const MAX_DROPPED = 1024;

/** Why what a file run holds was left unread (see Findings.leftUnread), by the cap that dropped it. */
const PAST_TEXTS = `a file run after more than ${MAX_TEXTS} texts were written to it`;
const PAST_JOINED = `a line written to a file in pieces past ${MAX_JOINED / 1024} KB`;
const PAST_FILES = `a file run after more than ${MAX_FILES} other files were written`;
const PAST_RUN_LATER = `a file run later after more than ${MAX_FILES} others run later`;
const PAST_ROUNDS = `files run later past ${MAX_ROUNDS} rounds of reading`;

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
 * What the bounds drop (texts past MAX_TEXTS, a line split past MAX_JOINED, files past MAX_FILES, files run later
 * past MAX_FILES) is remembered, and a file run with text dropped so is reported as left unread (`leftUnread`); a
 * file past a bound that never runs is no finding.
 */
export class ScriptsRunLater {
  private readonly unread = new Map<string, Kept[]>();
  private readonly runLater = new Set<string>();
  /** A number for each list of texts kept, as long as it holds the same: what a file copied holds, told apart. */
  private readonly ids = new WeakMap<Kept[], number>();
  private lastId = 0;
  /** Lists of texts that miss some of what was written to their file, and why (the first bound that dropped it). */
  private readonly truncated = new WeakMap<Kept[], string>();
  /** Files whose text was dropped whole (no room kept for them, or a copy not followed), and why. */
  private readonly dropped = new Map<string, string>();
  /** Files run later that are not read at the end (past MAX_FILES of them). */
  private readonly lateDropped = new Set<string>();
  /** Why more files were dropped than `dropped` or `lateDropped` remember: any file not kept may be one. */
  private droppedPast?: string;
  private lateDroppedPast = false;

  /** `leftUnread`: notes content a file that runs holds, which a bound kept from being read. */
  constructor(private readonly leftUnread: (why: string) => void = () => undefined) {}

  /**
   * Text was written to `file`, added to what it held or replacing it; `readAsScript` reads it once the file runs.
   * No text adds nothing, and replaces what was kept with nothing: it takes none of the room kept for files.
   */
  wrote(file: string, text: string, readAsScript: (text: string) => void, mode: WrittenAs): void {
    const key = normalPath(file);
    if (text === "") {
      if (!mode.appended) this.forget(key);
      return;
    }
    const piece = { text, readAsScript, endsMidLine: mode.endsMidLine };
    const texts = mode.appended ? this.unread.get(key) : undefined;
    const last = texts?.[texts.length - 1];
    if (texts === undefined) {
      // Added to a file whose text was dropped, the text stays incomplete.
      if (mode.appended && this.dropped.has(key)) return;
      if (this.unread.has(key) || this.unread.size < MAX_FILES) {
        this.unread.set(key, [piece]);
        this.dropped.delete(key);
      } else this.drop(key, PAST_FILES);
      return;
    }
    this.ids.delete(texts);
    if (last?.endsMidLine && last.text.length + text.length <= MAX_JOINED)
      texts[texts.length - 1] = { ...piece, text: last.text + text };
    else {
      // A line left open and continued past the bound is read in two halves: neither is the line the shell runs.
      if (last?.endsMidLine) this.truncate(texts, PAST_JOINED);
      if (texts.length < MAX_TEXTS) texts.push(piece);
      // A text kept already (`cat /tmp/a >> /opt/start` again) reads nothing new: each text is read once (Scan.once).
      else if (mode.endsMidLine || last?.endsMidLine || !texts.some((kept) => kept.text === text))
        this.truncate(texts, PAST_TEXTS);
    }
  }

  /** Whether text is kept for `file`. */
  holds(file: string): boolean {
    return this.unread.has(normalPath(file));
  }

  /** Whether `file` holds text that was dropped (see dropped): a copy of it, or running it, reads what is not kept. */
  holdsDropped(file: string): boolean {
    const key = normalPath(file);
    return this.dropped.has(key) || (this.droppedPast !== undefined && !this.unread.has(key));
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
   * are kept; "dropped" when `to` now holds text dropped (`from`'s, or `to` past the bound on files kept), which
   * running it reports as unread.
   */
  copied(
    from: string,
    to: string,
    readAsScript: (text: string) => void,
    appended = false,
  ): (() => KeptText) | "dropped" | undefined {
    const texts = this.unread.get(normalPath(from));
    const key = normalPath(to);
    if (texts === undefined) {
      const why = this.droppedWhy(normalPath(from));
      if (why === undefined) return undefined;
      this.lost(key, why);
      return "dropped";
    }
    if (appended && this.dropped.has(key)) return "dropped";
    if (!this.unread.has(key) && this.unread.size >= MAX_FILES) {
      this.lost(key, PAST_FILES);
      return "dropped";
    }
    const why = this.truncated.get(texts);
    if (appended && this.unread.has(key)) {
      // Piece by piece, as written there: a line `to` left open is continued; a copy of `to` itself taken first.
      for (const kept of texts.slice(0, MAX_TEXTS))
        this.wrote(key, kept.text, readAsScript, { appended: true, endsMidLine: kept.endsMidLine });
      const added = this.unread.get(key);
      if (why !== undefined && added !== undefined) this.truncate(added, why);
    } else {
      const copy = texts.map((kept) => ({ ...kept, readAsScript }));
      if (why !== undefined) this.truncated.set(copy, why);
      this.unread.set(key, copy);
      this.dropped.delete(key);
    }
    return () => joined(texts);
  }

  /**
   * What is kept for `file`, as one text, as the file holds it; undefined when nothing is. Taken to be run (copied
   * into a boot-time folder): what a bound dropped of it is noted as unread.
   */
  keptText(file: string): string | undefined {
    const key = normalPath(file);
    const texts = this.unread.get(key);
    const why = texts === undefined ? this.droppedWhy(key) : this.truncated.get(texts);
    if (why !== undefined) this.leftUnread(why);
    return texts === undefined ? undefined : joined(texts).text;
  }

  /**
   * The line `text` added to `file` completes, when what was kept there ends inside one (printf with no last `\n`)
   * and the two are joined; undefined when `text` starts a line of its own, or (noted unread) the two are joined past
   * the bound on what is joined.
   */
  continuedLine(file: string, text: string): string | undefined {
    const texts = this.unread.get(normalPath(file));
    const last = texts?.[texts.length - 1];
    if (!last?.endsMidLine) return undefined;
    // Past the bound the line is not read whole, where it is run or sshd is made to read it.
    if (last.text.length + text.length > MAX_JOINED) return void this.leftUnread(PAST_JOINED);
    return last.text.slice(last.text.lastIndexOf("\n") + 1) + text;
  }

  /**
   * What `file` holds was replaced or added to by content not followed (`why`: the bound that stopped it): running it
   * reads what is not kept.
   */
  lost(file: string, why: string): void {
    const key = normalPath(file);
    this.unread.delete(key);
    this.drop(key, why);
  }

  /**
   * Whether adding what is kept for `from` to `to` reads nothing new: each of its texts is kept for `to` already,
   * as whole lines (each text is read once, see Scan.once).
   */
  addsNothing(from: string, to: string): boolean {
    const texts = this.unread.get(normalPath(from));
    const held = this.unread.get(normalPath(to));
    if (texts === undefined || held === undefined || this.truncated.has(texts) || held[held.length - 1]?.endsMidLine)
      return false;
    return texts.every((kept) => !kept.endsMidLine && held.some((other) => other.text === kept.text));
  }

  /** The files `takes` names are taken away: what they held is gone. */
  removedWhere(takes: (file: string) => boolean): void {
    for (const key of [...this.unread.keys()]) if (takes(key)) this.unread.delete(key);
    for (const key of [...this.dropped.keys()]) if (takes(key)) this.dropped.delete(key);
  }

  /** `file` was replaced by text read otherwise (a script by its look): what it held before is gone. */
  replaced(file: string): void {
    this.forget(normalPath(file));
  }

  /** `file` runs: the texts written to it so far are read as a script now, or at the end when it runs `later`. */
  ran(file: string, later: boolean): void {
    const key = normalPath(file);
    if (later) {
      if (this.runLater.has(key)) return;
      if (this.runLater.size < MAX_FILES) this.runLater.add(key);
      else if (this.lateDropped.size < MAX_DROPPED) this.lateDropped.add(key);
      else this.lateDroppedPast = true;
      return;
    }
    const texts = this.unread.get(key);
    if (texts === undefined) {
      const why = this.droppedWhy(key);
      if (why !== undefined) this.leftUnread(why);
      return;
    }
    // Taken out first: reading a text may run the file again.
    this.unread.delete(key);
    const why = this.truncated.get(texts);
    if (why !== undefined) this.leftUnread(why);
    for (const { text, readAsScript } of texts) readAsScript(text);
  }

  /** The user data is read: the files run after it are read as it left them. */
  finish(): void {
    // Reading a file here may write to another run later, read before or not yet (or run one more later): each round
    // reads the next file holding text not read, until none does. Each text is read once (see Scan.once), so the
    // rounds end; the bound keeps them few whatever the script.
    let round = 0;
    for (; round < MAX_ROUNDS; round++) {
      const next = [...this.runLater].find((key) => this.unread.has(key));
      if (next === undefined) break;
      this.ran(next, false);
    }
    if (round === MAX_ROUNDS && [...this.runLater].some((key) => this.unread.has(key))) this.leftUnread(PAST_ROUNDS);
    // Files run later past the bound are not read: one that holds text (kept or dropped) holds what is not read.
    if (this.lateDroppedPast) this.leftUnread(PAST_RUN_LATER);
    for (const key of this.lateDropped)
      if (this.unread.has(key) || this.droppedWhy(key) !== undefined) this.leftUnread(PAST_RUN_LATER);
  }

  /** Why the text of `key`, which holds none kept, was dropped; undefined when it was not. */
  private droppedWhy(key: string): string | undefined {
    return this.dropped.get(key) ?? (this.unread.has(key) ? undefined : this.droppedPast);
  }

  /** `key` holds text the bounds dropped whole. */
  private drop(key: string, why: string): void {
    if (this.dropped.has(key) || this.dropped.size < MAX_DROPPED) this.dropped.set(key, this.dropped.get(key) ?? why);
    else this.droppedPast ??= why;
  }

  /** `key` holds what was kept for it no longer, nor any text dropped. */
  private forget(key: string): void {
    this.unread.delete(key);
    this.dropped.delete(key);
  }

  /** Texts past a bound were not kept in `texts`: the first reason given is kept. */
  private truncate(texts: Kept[], why: string): void {
    if (!this.truncated.has(texts)) this.truncated.set(texts, why);
  }
}

/** Texts kept for a file, joined as the file holds them: each a line of its own unless it ends inside one. */
function joined(texts: readonly Kept[]): KeptText {
  const last = texts[texts.length - 1];
  const text = texts.map((kept) => (kept.endsMidLine || kept.text.endsWith("\n") ? kept.text : `${kept.text}\n`));
  return { text: text.join(""), endsMidLine: last?.endsMidLine === true };
}
