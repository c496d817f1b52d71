// Where the commands of one line send text: the files their output ends in (redirections, or a pipe into tee), and
// where the text a command reads (a here-document, a here-string, a pipe) ends up. Text written to a boot script is
// read as the commands it will run, so the reader needs to follow it.
import { crontabInput } from "./userdata-boot-scripts";
import { copyOperands } from "./userdata-copies";
import { Command, isWriteRedirection, Word } from "./userdata-words";

/** A command of a line, read: its words, the index of its command word, its name and arguments. */
export interface ParsedCommand {
  command: Command;
  words: Word[];
  at: number;
  name: string;
  args: string[];
}

/** Long pipelines of tees would copy ever longer lists; past this many the rest go unfollowed (and read as lines). */
const MAX_FILES = 16;

export class Destinations {
  private outputs: string[][] | undefined;
  private inputs: string[][] | undefined;

  constructor(private readonly commands: ParsedCommand[]) {}

  /** The files command i's output ends in. */
  output(i: number): string[] {
    return this.follow().outputs[i];
  }

  /** The files the text command i reads ends in; none when a program consumes it. */
  input(i: number): string[] {
    return this.follow().inputs[i];
  }

  /**
   * Followed once, on first use (most lines write no file), right to left: a command's output goes where the next
   * piped command sends its input.
   */
  private follow(): { outputs: string[][]; inputs: string[][] } {
    if (this.outputs && this.inputs) return { outputs: this.outputs, inputs: this.inputs };
    const { commands } = this;
    const outputs = new Array<string[]>(commands.length);
    const inputs = new Array<string[]>(commands.length);
    for (let i = commands.length - 1; i >= 0; i--) {
      const piped = commands[i + 1]?.command.piped ? inputs[i + 1] : [];
      outputs[i] = redirections(commands[i].words) ?? piped;
      inputs[i] = readInto(commands[i], outputs[i]);
    }
    this.outputs = outputs;
    this.inputs = inputs;
    return { outputs, inputs };
  }
}

/** Where output is discarded or goes to the log: no file that runs or configures anything. */
const NOWHERE = new Set(["/dev/null", "/dev/stdout", "/dev/stderr"]);

/**
 * The targets of a command's output redirections (`> f`, `>> f`, `&> f`; not `2> f`), undefined when there is none;
 * `> /dev/null` is one, to no file.
 */
function redirections(words: Word[]): string[] | undefined {
  const targets: string[] = [];
  let redirected = false;
  for (let j = 0; j + 1 < words.length && targets.length < MAX_FILES; j++) {
    const { op, fd } = words[j];
    if (!isWriteRedirection(op) || (fd !== undefined && fd !== 1)) continue;
    redirected = true;
    if (!NOWHERE.has(words[j + 1].text)) targets.push(words[j + 1].text);
  }
  return redirected ? targets : undefined;
}

/** Where a command puts what it reads: tee in its files and output, cat and dd in their output, crontab in a table. */
function readInto({ name, args }: ParsedCommand, output: string[]): string[] {
  const operands = args.filter((a) => !a.startsWith("-"));
  switch (name) {
    case "tee":
      return [...operands.filter((f) => !NOWHERE.has(f)), ...output].slice(0, MAX_FILES);
    case "cat":
      return operands.every((a) => a === "-") ? output : [];
    case "dd": {
      if (args.some((a) => a.startsWith("if="))) return [];
      const of = args.find((a) => a.startsWith("of="));
      return of === undefined ? output : [of.slice(3)];
    }
    case "crontab":
      return crontabReads(args) ?? [];
    default: {
      const copy = copyOperands(name, args);
      return copy && copy.sources.some((s) => s === "-" || s === "/dev/stdin") ? [copy.destination] : [];
    }
  }
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
