// Files a command's input or output carries whole: what a shell reads its script from (`sh < F`, `cat F | sh`), and
// where a plain cat copies its files to (`cat A > F`, `cat A >> F`, `cat A | tee F`), as cp does; so does a tee or
// sponge reading a file (`tee F < A`).
import { inForeground, ParsedCommand } from "./userdata-destinations";
import { inputWrite } from "./userdata-input-writers";
import { Word } from "./userdata-words";

/** Where output is discarded or goes to the log: no file. */
const NOWHERE = new Set(["/dev/null", "/dev/stdout", "/dev/stderr"]);
/** Output redirections that replace their file, and those that add to it. */
const REPLACING = new Set([">", ">|", "&>"]);
const APPENDING = new Set([">>", "&>>"]);

/** A file a command's output is put in, replacing its text or added to it. */
export interface OutputFile {
  file: string;
  append: boolean;
}

/**
 * What a plain cat copies: its files, in order, into each of `targets`. All of them, however many: the reader follows
 * only the files it kept text for (see CopyMode.ifKept), so padding the line hides none.
 */
export interface CatCopy {
  sources: string[];
  targets: OutputFile[];
}

/**
 * The files a command's input holds, as it names them: the target of its `<`, or the files a plain cat prints down
 * the pipe to it (`previous`: the command before on the line); none when it reads anything else.
 */
export function inputFiles(parsed: ParsedCommand, previous: ParsedCommand | undefined): string[] {
  const redirected = inputRedirection(parsed.words);
  return redirected !== undefined ? [redirected] : pipedCat(parsed, previous);
}

/** The files a plain cat before a piped command prints down the pipe to it; none when anything else feeds it. */
function pipedCat(parsed: ParsedCommand, previous: ParsedCommand | undefined): string[] {
  return parsed.command.piped && previous !== undefined && !outputRedirected(previous.words)
    ? catSources(previous)
    : [];
}

/**
 * What a plain cat copies into files: its own (`cat A B > F`, `cat < A >> F`), or, for a tee or sponge reading a
 * file or piped one by a cat (`tee F < A`, `cat A | tee F`), the files that one writes. None for any other command.
 * A `&` after the command only sends it to the background.
 */
export function catCopy(command: ParsedCommand, before: ParsedCommand | undefined): CatCopy | undefined {
  const parsed = inForeground(command);
  const previous = before && inForeground(before);
  const writes = inputWrite(parsed);
  if (writes !== undefined) {
    const sources = inputFiles(parsed, previous);
    const targets = writes.files.filter((f) => f !== "-" && !NOWHERE.has(f));
    return sources.length > 0
      ? { sources, targets: targets.map((file) => ({ file, append: writes.appends })) }
      : undefined;
  }
  const sources = catSources(parsed);
  const target = outputFile(parsed.words);
  return sources.length > 0 && target !== undefined ? { sources, targets: [target] } : undefined;
}

/**
 * The files a plain cat prints, in order (`cat A B`, `cat < A`); none for another command, or a cat that changes what
 * it prints (`-n`, `-A`) or reads its own input (`-`).
 */
function catSources({ name, args, words }: ParsedCommand): string[] {
  if (name !== "cat") return [];
  const files = args[0] === "--" ? args.slice(1) : args;
  if (files.some((f) => f === "-" || (args[0] !== "--" && f.startsWith("-")))) return [];
  if (files.length > 0) return files;
  const redirected = inputRedirection(words);
  return redirected === undefined ? [] : [redirected];
}

/** The file a command's input is redirected from (`< F`), the last one when several are. */
function inputRedirection(words: Word[]): string | undefined {
  for (let i = words.length - 2; i >= 0; i--)
    if (words[i].op === "<" && (words[i].fd === undefined || words[i].fd === 0)) return words[i + 1].text;
  return undefined;
}

/**
 * The file a command's standard output ends in (`> F`, `>> F`, `&> F`), replaced or added to: the last redirection
 * of it, as the shell opens them in order (`cat A > F > /dev/null` leaves F empty). None when that last one sends it
 * nowhere, or to another descriptor (`>&2`).
 */
function outputFile(words: Word[]): OutputFile | undefined {
  for (let i = words.length - 2; i >= 0; i--) {
    const { op, fd } = words[i];
    if (op === undefined || (fd !== undefined && fd !== 1) || !/^&?>/.test(op)) continue;
    const file = words[i + 1].text;
    if (NOWHERE.has(file) || !(REPLACING.has(op) || APPENDING.has(op))) return undefined;
    return { file, append: APPENDING.has(op) };
  }
  return undefined;
}

/** Whether a command's standard output is redirected (to a file, another descriptor), not sent down a pipe. */
function outputRedirected(words: Word[]): boolean {
  return words.some(({ op, fd }) => op !== undefined && /^&?>/.test(op) && (fd === undefined || fd === 1));
}
