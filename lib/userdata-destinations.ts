// Where the commands of one line send text: the files their output ends in (redirections, or a pipe into tee), and
// where the text a command reads (a here-document, a here-string, a pipe) ends up. Text written to a boot script is
// read as the commands it will run, so the reader needs to follow it.
import { BoundedMemo } from "./bounded-memo";
import { crontabInput } from "./userdata-boot-scripts";
import { copyOperands } from "./userdata-copies";
import { inputWrite } from "./userdata-input-writers";
import {
  argumentsOf,
  Command,
  commandIndex,
  commandName,
  isWriteRedirection,
  shellWords,
  splitCommands,
  Word,
} from "./userdata-words";
import { normalPath } from "./userdata-sshd-paths";

/** A command of a line, read: its words, the index of its command word, its name and arguments. */
export interface ParsedCommand {
  command: Command;
  words: Word[];
  at: number;
  name: string;
  args: string[];
}

/** The commands of a line, read. */
export function parseCommands(text: string): ParsedCommand[] {
  return splitCommands(text).map(parseCommand);
}

export function parseCommand(command: Command): ParsedCommand {
  const { text } = command;
  const read =
    text.length > MAX_REMEMBERED_COMMAND
      ? readCommand(text)
      : (readCommands.get(text) ?? readCommands.set(text, readCommand(text)));
  // A fresh object for each call: the same words may stand twice on a line, and some readings are kept by command.
  return { command, words: read.words, at: read.at, name: read.name, args: read.args };
}

type CommandReading = Omit<ParsedCommand, "command">;

function readCommand(text: string): CommandReading {
  const words = shellWords(text);
  const at = pastEnvByPath(words, commandIndex(words));
  return { words, at, name: commandName(words, at), args: argumentsOf(words, at) };
}

/**
 * Boot scripts repeat their commands (`systemctl restart sshd`, the same sed line) across the scripts of a stack:
 * each distinct command text is read into words once. The words and arguments are shared, so no caller changes them.
 * Long texts are read each time, so hostile ones cannot hold memory.
 */
const readCommands = new BoundedMemo<string, CommandReading>(1_000);
const MAX_REMEMBERED_COMMAND = 1_024;

/** Where env stands on every image: a script or file named env elsewhere (`/opt/env`) is no env. */
const ENV_PATHS = new Set(["/usr/bin/env", "/bin/env", "/usr/local/bin/env"]);

/**
 * `/usr/bin/env bash /opt/start`: env spelt by its path (as a unit's ExecStart must, and `#!` lines do) runs the
 * command after it, as `env` by its name does: the command word is that one's. Only env, at its own places: the
 * other wrappers are spelt by their names.
 */
function pastEnvByPath(words: Word[], at: number): number {
  const text = words[at]?.text;
  if (text === undefined || !ENV_PATHS.has(normalPath(text))) return at;
  // Read again with env by its name, which the wrappers' table knows: its options and assignments are skipped so.
  const byName = words.slice();
  byName[at] = { ...words[at], text: "env" };
  const inner = commandIndex(byName);
  return inner > at ? inner : at;
}

/**
 * The command as it runs: its words before a lone `&` that sends it to the background (`sh < F &`, `sh < F & sleep
 * 1`), which the line's split leaves among its words (a single `&` separates no command there).
 */
export function inForeground(parsed: ParsedCommand): ParsedCommand {
  const { words, at } = parsed;
  for (let i = at + 1; i < words.length; i++) {
    // A redirection's target (`2>&1`) sends nothing to the background.
    if (words[i].op !== undefined) {
      i++;
      continue;
    }
    if (!words[i].text.startsWith("&")) continue;
    const before = words.slice(0, i);
    return { ...parsed, words: before, args: argumentsOf(before, at) };
  }
  return parsed;
}

/** Shells whose `-c` script may read their input: `sudo bash -c 'cat >> /etc/rc.local' <<EOF`. */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "su", "runuser"]);
/**
 * `sh -c '…'`, `su -c '…'` and `eval …` run their argument as a command line, read to this depth: by the shell
 * reader for its commands and here for what it writes, so both stop at the same level.
 */
export const MAX_NESTING = 2;

/**
 * Long pipelines of tees would copy ever longer lists; past this many the rest are cut from the list, and listed
 * apart (see Cut), for the callers to hand to the run-later tracker rather than read each as a file of its own.
 */
const MAX_FILES = 16;
/** Files walked along the lists cut (see Destinations.walk), at most, for one line: past it the rest go unread. */
const MAX_CUT_WALKED = 64 * 1024;

/**
 * Files cut from a list of destinations past MAX_FILES (`tee f1 … f40`), and those cut from the list it took its
 * files from further down the pipeline (`| tee f1 … f40 | tee g1 … g40`): shared, not copied, so that a pipeline of
 * tees keeps the work linear.
 */
export interface Cut {
  files: readonly string[];
  next?: Cut;
}

/** The files cut from a list of destinations (see Cut); `whole` is false when the walk stopped at its bound. */
export interface CutFiles {
  files: string[];
  whole: boolean;
}

interface Followed {
  outputs: string[][];
  inputs: string[][];
  outputCuts: (Cut | undefined)[];
  inputCuts: (Cut | undefined)[];
}

export class Destinations {
  private followed: Followed | undefined;
  /** printsToLog's answers so far, by command, when the script's output is logged and when it is not. */
  private readonly toLogIfLogged: (boolean | undefined)[] = [];
  private readonly toLogIfNot: (boolean | undefined)[] = [];
  /** Files walked so far along the lists cut (see MAX_CUT_WALKED). */
  private cutWalked = 0;

  constructor(
    private readonly commands: ParsedCommand[],
    private readonly depth = 0,
  ) {}

  /** The files command i's output ends in. */
  output(i: number): string[] {
    return this.follow().outputs[i];
  }

  /** The files command i's output also ends in that `output` leaves out, past the bound on files listed. */
  outputCut(i: number): CutFiles {
    return this.walk(this.follow().outputCuts[i]);
  }

  /** Whether command i's output goes anywhere but the log: a file (not /dev/null), or a pipe. */
  writesAnything(i: number): boolean {
    return this.follow().outputs[i].length > 0 || this.commands[i + 1]?.command.piped === true;
  }

  /** The files the text command i reads ends in; none when a program consumes it. */
  input(i: number): string[] {
    return this.follow().inputs[i];
  }

  /** The files the text command i reads also ends in that `input` leaves out, past the bound on files listed. */
  inputCut(i: number): CutFiles {
    return this.walk(this.follow().inputCuts[i]);
  }

  /** The files cut from command i's input, as kept (a shell's `-c` script's, see scriptReadsInto). */
  inputCutList(i: number): Cut | undefined {
    return this.follow().inputCuts[i];
  }

  /**
   * The files of a list cut, in order. Each caller with text to write walks its list once; the walks of one line are
   * bounded together, so that a pipeline of tees, each reading a here-string, stays linear.
   */
  private walk(cut: Cut | undefined): CutFiles {
    const files: string[] = [];
    for (let at = cut; at !== undefined; at = at.next) {
      this.cutWalked += at.files.length;
      if (this.cutWalked > MAX_CUT_WALKED) return { files, whole: false };
      for (const file of at.files) files.push(file);
    }
    return { files, whole: true };
  }

  /**
   * Whether what command i prints ends in a log and nowhere else: no file, and down its pipeline only filters that
   * print in turn (grep, cat) up to a program that logs or counts what it reads. `stdoutLogged`: what the pipeline's
   * last command prints goes to the log (the script's own output is not captured).
   */
  printsToLog(i: number, stdoutLogged: boolean): boolean {
    // Each filter's answer is the next command's: kept, so that a pipeline of n filters is walked once, not n times.
    const known = stdoutLogged ? this.toLogIfLogged : this.toLogIfNot;
    // The commands walked, i up to it: a count, not a list, as this runs for nearly every command.
    let walkedEnd = i;
    let answer: boolean | undefined;
    for (let j = i; answer === undefined; j++) {
      answer = known[j];
      if (answer !== undefined) break;
      walkedEnd = j + 1;
      const next = this.commands[j + 1];
      if (this.output(j).length > 0) answer = false;
      else if (!next?.command.piped) answer = stdoutLogged;
      else if (LOG_READERS.has(next.name)) answer = true;
      else if (!FILTERS.has(next.name)) answer = false;
    }
    for (let j = i; j < walkedEnd; j++) known[j] = answer;
    return answer;
  }

  /** Whether the text command i reads (a here-document) only ends in a log: see printsToLog. */
  readsIntoLog(i: number, stdoutLogged: boolean): boolean {
    const { name } = this.commands[i];
    return (
      LOG_READERS.has(name) || (FILTERS.has(name) && this.input(i).length === 0 && this.printsToLog(i, stdoutLogged))
    );
  }

  /**
   * Followed once, on first use (most lines write no file), right to left: a command's output goes where the next
   * piped command sends its input.
   */
  private follow(): Followed {
    // Asked for each command of the line, several times: the one answer is kept as it is.
    if (this.followed !== undefined) return this.followed;
    const { commands } = this;
    const outputs = new Array<string[]>(commands.length);
    const inputs = new Array<string[]>(commands.length);
    const outputCuts = new Array<Cut | undefined>(commands.length);
    const inputCuts = new Array<Cut | undefined>(commands.length);
    for (let i = commands.length - 1; i >= 0; i--) {
      const piped = commands[i + 1]?.command.piped === true;
      const redirected = redirections(commands[i].words);
      outputs[i] = redirected ?? (piped ? inputs[i + 1] : []);
      outputCuts[i] = redirected === undefined && piped ? inputCuts[i + 1] : undefined;
      const read = readInto(commands[i], outputs[i], outputCuts[i], this.depth);
      inputs[i] = read.files;
      inputCuts[i] = read.cut;
    }
    this.followed = { outputs, inputs, outputCuts, inputCuts };
    return this.followed;
  }
}

/** Programs that log, mail or count what they read: text piped to them configures nothing and runs nothing. */
const LOG_READERS = new Set(["logger", "wall", "mail", "mailx", "wc"]);
/** Programs that print (part of) what they read and do nothing else with it. */
const FILTERS = new Set(["cat", "grep", "egrep", "fgrep", "head", "tail", "cut", "column", "nl"]);

/** Where output is discarded or goes to the log: no file that runs or configures anything. */
const NOWHERE = new Set(["/dev/null", "/dev/stdout", "/dev/stderr"]);

/**
 * The targets of a command's output redirections (`> f`, `>> f`, `&> f`; not `2> f`), undefined when there is none;
 * `> /dev/null` is one, to no file.
 */
function redirections(words: Word[]): string[] | undefined {
  // Made on the first redirection: most commands have none.
  let targets: string[] | undefined;
  for (let j = 0; j + 1 < words.length; j++) {
    const { op, fd } = words[j];
    if (!isWriteRedirection(op) || (fd !== undefined && fd !== 1)) continue;
    targets ??= [];
    if (!NOWHERE.has(words[j + 1].text)) targets.push(words[j + 1].text);
    // The shell writes to the last: past the bound the first are let go (in halves, so that the work stays linear).
    if (targets.length >= 2 * MAX_FILES) targets = targets.slice(-MAX_FILES);
  }
  return targets && targets.length > MAX_FILES ? targets.slice(-MAX_FILES) : targets;
}

/**
 * Where a command puts what it reads: tee in its files and output (sponge in its files, or its output when it names
 * none), cat and dd in their output, crontab in a table, `systemctl edit --stdin` in a unit's drop-in, a shell's `-c`
 * script where its first command puts it.
 */
function readInto(
  { name, args }: ParsedCommand,
  output: string[],
  outputCut: Cut | undefined,
  depth: number,
): { files: string[]; cut?: Cut } {
  const writes = inputWrite({ name, args });
  if (writes) {
    const files = writes.files.filter((f) => !NOWHERE.has(f));
    if (writes.printsToo) for (const file of output) files.push(file);
    const inherited = writes.printsToo ? outputCut : undefined;
    // Past the bound the rest are listed apart, each once (see Cut): none is left out unsaid.
    if (files.length <= MAX_FILES) return { files, cut: inherited };
    return { files: files.slice(0, MAX_FILES), cut: { files: files.slice(MAX_FILES), next: inherited } };
  }
  switch (name) {
    case "cat":
      return args.every((a) => a.startsWith("-") || a === "-") ? { files: output, cut: outputCut } : { files: [] };
    case "dd": {
      if (args.some((a) => a.startsWith("if="))) return { files: [] };
      const of = args.find((a) => a.startsWith("of="));
      return of === undefined ? { files: output, cut: outputCut } : { files: [of.slice(3)] };
    }
    case "crontab":
      return { files: crontabReads(args) ?? [] };
    case "systemctl":
      return { files: unitEdited(args) };
    default: {
      if (SHELLS.has(name)) return scriptReadsInto(args, depth);
      const copy = copyOperands(name, args);
      return { files: copy && copy.sources.some((s) => s === "-" || s === "/dev/stdin") ? [copy.destination] : [] };
    }
  }
}

/** Where the first command of a shell's `-c` script puts the shell's input; none without one. */
function scriptReadsInto(args: string[], depth: number): { files: string[]; cut?: Cut } {
  const at = args.findIndex((a) => /^-[a-z]*c$/.test(a));
  const script = at < 0 || depth >= MAX_NESTING ? undefined : args[at + 1];
  const commands = script === undefined ? [] : parseCommands(script);
  if (commands.length === 0) return { files: [] };
  const nested = new Destinations(commands, depth + 1);
  return { files: nested.input(0), cut: nested.inputCutList(0) };
}

/**
 * `systemctl edit --stdin UNIT`: the drop-in it writes from its input (`--drop-in=NAME`, or override.conf), or the
 * unit itself under `--full`; none for another systemctl command.
 */
function unitEdited(args: string[]): string[] {
  // Nearly every systemctl command is no `edit --stdin`: answered before its operands are listed.
  if (!args.includes("--stdin")) return [];
  const operands = args.filter((a) => !a.startsWith("-"));
  if (operands[0] !== "edit" || operands.length < 2) return [];
  const name = operands[operands.length - 1];
  const unit = /\.[a-z]+$/.test(name) ? name : `${name}.service`;
  if (args.includes("--full")) return [`/etc/systemd/system/${unit}`];
  const dropIn = args.find((a) => a.startsWith("--drop-in="))?.slice("--drop-in=".length) ?? "override";
  return [`/etc/systemd/system/${unit}.d/${dropIn.endsWith(".conf") ? dropIn : `${dropIn}.conf`}`];
}

/** `crontab -`, `crontab -u user`, `crontab` alone: the table it installs from its input; undefined for -l, -r, -e. */
function crontabReads(args: string[]): string[] | undefined {
  let user = "root";
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-u") user = args[++i] ?? user;
    else if (/^-[lre]/.test(args[i])) return undefined;
    else if (args[i] === "-" || !args[i].startsWith("-")) operands.push(args[i]);
  }
  return operands.every((a) => a === "-") ? [crontabInput(user)] : undefined;
}
