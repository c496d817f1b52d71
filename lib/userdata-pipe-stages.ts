// The later stages of a pipeline that filters sshd's configuration (`grep -v … sshd_config | …`): the filter is read
// as a working copy's only while every stage after it is one the copies follow to where it lands. A stage that runs
// a script (`| sh -c 'cat > …'`, `| bash`, `| python3`) or names one of sshd's files (`| sudo tee sshd_config`,
// `| mytool /etc/ssh/sshd_config`) may put the result back unseen: the filter is then read where it runs.
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { inputWrite } from "./userdata-input-writers";
import { nestedScript, runsInput } from "./userdata-nested";
import { hereStrings, isPrinter, printedText } from "./userdata-printed";
import { maybeSshdConfigPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";
import { isWriteRedirection, Word } from "./userdata-words";

/**
 * Commands that run other commands of their arguments or input, which the reader does not follow down a pipe (sudo,
 * env, xargs and the like are read through already: their command is the stage's).
 */
const RUNNERS = new Set(["source", ".", "parallel", "doas"]);
/** Interpreters, which run their input as a program when given no script file (`| python3`, `| perl -w`). */
const INTERPRETERS = new Set(["python", "python3", "perl", "ruby", "node", "php"]);
/** Filters whose arguments are patterns. */
const GREPS = new Set(["grep", "egrep", "fgrep"]);
/** A word holding a variable or substitution left unexpanded. */
const UNEXPANDED = /[$`]/;
/** A word that names sshd's files or folder, wherever in it (a script's text, an option's value). */
const NAMES_SSHD = /sshd_config|\/etc\/ssh(?:\/|$)/;

/**
 * For each command, whether a stage after it on its pipeline may write sshd's files where the copies cannot follow;
 * `directories`: where each command stands. One pass backwards: each stage is read once, however long the pipeline.
 */
export function laterStagesMayPutBack(
  commands: readonly ParsedCommand[],
  directories: readonly (string | undefined)[],
): boolean[] {
  const result = new Array<boolean>(commands.length).fill(false);
  for (let j = commands.length - 2; j >= 0; j--) {
    const next = commands[j + 1];
    if (next.command.piped === true) result[j] = result[j + 1] || mayPutBackUnseen(next, directories[j + 1]);
  }
  return result;
}

/** Whether one stage may write sshd's files where the copies cannot follow: see the top of this file. */
export function mayPutBackUnseen(stage: ParsedCommand, directory: string | undefined): boolean {
  if (RUNNERS.has(stage.name) || runsInput(stage) || nestedScript(stage) !== undefined) return true;
  if (INTERPRETERS.has(stage.name) && stage.args.every((a) => a.startsWith("-"))) return true;
  // A name the reader cannot expand (`| tee "$CONF"`) may be sshd's; a filter's own arguments are its patterns.
  const filter = streamEdit(stage.name, stage.args) !== undefined || GREPS.has(stage.name);
  const names = (text: string, target: boolean) =>
    NAMES_SSHD.test(text) ||
    ((target || !filter) && UNEXPANDED.test(text)) ||
    (!text.startsWith("-") && maybeSshdConfigPath(fromStanding(text, directory)));
  return (
    stage.args.some((a) => names(a, false)) ||
    stage.words.some((w, i) => isWriteRedirection(w.op) && names(stage.words[i + 1]?.text ?? "", true))
  );
}

/** What a tee writes, as the redirections that would write it (see teedText). */
export interface TeedText {
  /** A `>` (or `>>`, for `tee -a`) before each of its files, then its own output redirections. */
  words: Word[];
  /** The text without its last newline (see KnownFiles.document). */
  body: string;
  /** The command that spells the text leaves the shell no `$` or backquote to expand. */
  literal: boolean;
}

/**
 * The text a tee or sponge writes to its files when its line spells it (`printf ' yes\n' | tee -a /tmp/c`, `tee f
 * <<< text`), in whole lines, as the redirections that would write it: `tee -a f` adds to f as `>> f` does. For the
 * files whose text the script knows (see KnownFiles), read in place of the command. Undefined for another command,
 * text not spelt (a printer whose own output goes elsewhere, a pipe from another program), or text that ends inside
 * a line.
 */
export function teedText(commands: readonly ParsedCommand[], i: number): TeedText | undefined {
  const parsed = commands[i];
  const write = inputWrite(parsed);
  if (write === undefined || write.files.length === 0) return undefined;
  const [here] = hereStrings(parsed.words);
  const previous = here === undefined && parsed.command.piped && i > 0 ? commands[i - 1] : undefined;
  const text = here !== undefined ? `${here}\n` : previous && pipedText(previous);
  if (text === undefined || !text.endsWith("\n")) return undefined;
  return { words: teeWords(parsed), body: text.slice(0, -1), literal: !/[$`]/.test((previous ?? parsed).command.text) };
}

/**
 * The files a tee writes what it reads to, as the redirections that would write them (`tee -a f` as `>> f`), its
 * own redirections after them (`| tee -a /tmp/c > /tmp/d`: the same text); empty for another command.
 */
export function teeWords(parsed: ParsedCommand): Word[] {
  const write = inputWrite(parsed);
  if (write === undefined || write.files.length === 0) return [];
  const op = write.appends ? ">>" : ">";
  const words: Word[] = [];
  for (const file of write.files) words.push({ text: op, op }, { text: file });
  const own = parsed.words;
  for (let j = 0; j + 1 < own.length; j++) if (writesOutput(own[j])) words.push(own[j], own[j + 1]);
  return words;
}

/** What an echo or printf pipes on, its output redirected nowhere else; undefined for another command. */
function pipedText({ name, args, words }: ParsedCommand): string | undefined {
  if (!isPrinter(name) || words.some(writesOutput)) return undefined;
  const printed = printedText(name, args);
  if (printed === undefined || name === "printf") return printed;
  // echo ends its text with a newline, unless an -n among its leading options says not to.
  for (const a of args) {
    if (!/^-[neE]+$/.test(a)) break;
    if (a.includes("n")) return printed;
  }
  return `${printed}\n`;
}

/** A redirection of standard output to a file (`> f`, `>> f`, `&> f`; not `2> f`). */
function writesOutput({ op, fd }: Word): boolean {
  return isWriteRedirection(op) && (fd === undefined || fd === 1);
}
