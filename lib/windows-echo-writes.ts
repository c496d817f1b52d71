// Scripts written with echo and a redirection: batch's `echo net user a P@ss /add > C:\setup.cmd` (`>>` appends a
// line), PowerShell's `echo` or Write-Output of one literal, or a literal alone, redirected to a file. Written to a
// `.ps1`, `.cmd` or `.bat` file (windows-script-files.ts) the text is a script meant to run, read where it is written:
// the lines echoed one after another into one file are read in order as that script's lines. Batch also writes with
// the redirection first (`> C:\s.cmd echo …`), with stdout's handle named (`1>`, `1>>`; another handle writes no
// echo to the file), and from a parenthesised group of echoes (`(echo a & echo b) > C:\s.cmd`, a line each); its
// escaped operators (`^&`, `^>`, `^|`) are text the echo writes, and so are the words after the redirection's path
// (`echo net user a > C:\s.cmd P@ss /add`). A digit written apart from `>` (`echo x 1 > F`) is text, not a handle.
// The echo may be glued to its mark (`echo.text`, `echo:text`, `echo(text`), which it does not print.
import { appendAll } from "./arrays";
import { literalText, overLimitCount, refuseOverLimit, VariableLookup } from "./windows-literals";
import { scriptFile } from "./windows-script-files";
import { expandedBatchText } from "./windows-unknown-values";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { endsCommand, windowsWords } from "./windows-words";

const BATCH_ECHO = new Set(["echo", "@echo"]);
/** `echo.`, `echo:`, `echo(`: batch's echo glued to a mark, which prints what follows it, even nothing or `off`. */
const GLUED_ECHO = /^@?echo[.:(]/i;
const POWERSHELL_ECHO = new Set(["echo", "write-output", "write"]);

/** A statement's words, which of them are a stream's handle glued to a redirection (`1>`), and where a command ends. */
export interface EndedCommand {
  words: string[];
  handles: ReadonlySet<number>;
  /** The index of the operator ending the command. */
  to: number;
}

/** A script an echo writes, and the index of the first word after those the write takes. */
export interface EchoedScript {
  script: WindowsScript;
  end: number;
}

/**
 * The script the command `words[from..to)` writes when `words[to]` redirects its output (`>`, `>>`, `1>`) to a
 * script file; undefined for anything else. Batch's echo also writes the words after the path (`echo a > F b` writes
 * `a b`), up to the operator that ends it.
 */
export function echoedScript(
  { words, handles, to }: EndedCommand,
  from: number,
  language: WindowsLanguage,
  variables: VariableLookup,
  limit: number,
): EchoedScript | undefined {
  if (words[to] !== ">") return undefined;
  let last = to;
  if (to - 1 > from && handles.has(to - 1)) {
    if (words[to - 1] !== "1") return undefined;
    last = to - 1;
  }
  const write = redirection(words, to, language, variables);
  if (write === undefined) return undefined;
  const args = words.slice(from + 1, last);
  if (language === "powershell") {
    const text = powerShellEchoText(words[from], words[from].toLowerCase(), args, variables, limit);
    return written(text, write, limit);
  }
  // cmd expands %NAME% in what it echoes; a PowerShell file gets the values, not the references.
  const expand = echoExpansion(write.language, variables, limit);
  if (last === from + 1 && isGroup(words[from])) {
    const group = groupEchoText(words[from], expand);
    return written(group?.text, write, limit, group?.partlyUnknown);
  }
  const echoedArgs = batchEchoArguments(words[from], args);
  if (echoedArgs === undefined) return undefined;
  const after = echoedAfterPath(words, handles, write.pathAt + 1);
  if (after === undefined) return undefined;
  appendAll(echoedArgs, words.slice(write.pathAt + 1, after));
  const echoed = written(batchEchoText(echoedArgs, expand), write, limit);
  return echoed && { script: echoed.script, end: after };
}

/**
 * Batch's redirection written first: the echo after `> FILE` (`words[to]` the `>`, `words[from..to)` nothing or
 * stdout's handle), up to the operator that ends it.
 */
export function leadingEchoedScript(
  { words, handles, to }: EndedCommand,
  from: number,
  variables: VariableLookup,
  limit: number,
): EchoedScript | undefined {
  if (words[to] !== ">" || (to > from && (to !== from + 1 || words[from] !== "1" || !handles.has(from)))) {
    return undefined;
  }
  const write = redirection(words, to, "batch", variables);
  if (write === undefined) return undefined;
  const command = write.pathAt + 1;
  if (command >= words.length) return undefined;
  const end = echoedAfterPath(words, handles, command + 1);
  const args = end === undefined ? undefined : batchEchoArguments(words[command], words.slice(command + 1, end));
  if (end === undefined || args === undefined) return undefined;
  const expand = echoExpansion(write.language, variables, limit);
  const echoed = written(batchEchoText(args, expand), write, limit);
  return echoed && { script: echoed.script, end };
}

/**
 * Where the words a batch echo writes, from `at` on, end: at the operator that ends the command, or before the
 * handle of another stream's redirection (`2>nul`). A second redirection of stdout leaves the write unknown.
 */
function echoedAfterPath(words: string[], handles: ReadonlySet<number>, at: number): number | undefined {
  let end = at;
  while (end < words.length && !endsCommand(words[end])) end++;
  if (words[end] !== ">") return end;
  const handle = end - 1 >= at && handles.has(end - 1) ? words[end - 1] : "1";
  return handle === "1" ? undefined : end - 1;
}

/** The script file the redirection at `at` writes, where its path is, and whether it appends. */
function redirection(
  words: string[],
  at: number,
  language: WindowsLanguage,
  variables: VariableLookup,
): { language: WindowsLanguage; path: string; pathAt: number; appends: boolean } | undefined {
  const appends = words[at + 1] === ">";
  const pathAt = appends ? at + 2 : at + 1;
  const word = words[pathAt];
  if (word === undefined || endsCommand(word)) return undefined;
  const file = scriptFile(word, language, variables);
  return file && { ...file, pathAt, appends };
}

/** The script `text` makes in the file `write` writes; undefined when it is none or past `limit`. */
function written(
  text: string | undefined,
  write: { language: WindowsLanguage; path: string; pathAt: number; appends: boolean },
  limit: number,
  partlyUnknown = false,
): EchoedScript | undefined {
  if (text !== undefined && text.length > limit) refuseOverLimit();
  if (text === undefined || text.length > limit || text.trim() === "") return undefined;
  const file = { path: write.path, appends: write.appends, ...(partlyUnknown ? { partlyUnknown } : {}) };
  return { script: { language: write.language, text, file }, end: write.pathAt + 1 };
}

/** A parenthesised group, kept as one word by the word splitter. */
function isGroup(word: string): boolean {
  return word.length >= 2 && word.startsWith("(") && word.endsWith(")");
}

/**
 * What a group of echoes joined by `&` prints, a line each; undefined when the group holds another operator. A command
 * that is no echo (`type C:\y`) prints what the reader cannot know: the lines the echoes spell are read all the same,
 * the file marked partly unknown (windows-written-files.ts).
 */
function groupEchoText(
  group: string,
  expand: (text: string) => string | undefined,
): { text: string; partlyUnknown: boolean } | undefined {
  // A line refused for its length leaves the group unread, not read without it.
  const refused = overLimitCount();
  const words = windowsWords(group.slice(1, -1), "batch");
  const lines: string[] = [];
  let partlyUnknown = false;
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    if (i < words.length && words[i] !== "&") return undefined;
    const command = words.slice(start, i);
    start = i + 1;
    // `&&` leaves an empty command between its two words.
    if (command.length === 0) continue;
    const args = batchEchoArguments(command[0], command.slice(1));
    partlyUnknown ||= args === undefined;
    if (args === undefined) continue;
    const line = batchEchoText(args, expand);
    // `echo.` prints an empty line.
    if (line !== undefined || GLUED_ECHO.test(command[0])) lines.push(line ?? "");
  }
  if (overLimitCount() > refused) return undefined;
  return { text: lines.join("\n"), partlyUnknown };
}

/**
 * The words batch's echo `name` prints, `args` its words after the name: `echo.text`, `echo:text` and `echo(text`
 * print the text glued to the mark, the mark no part of it; undefined when `name` is no echo.
 */
function batchEchoArguments(name: string, args: string[]): string[] | undefined {
  const glued = GLUED_ECHO.exec(name);
  if (glued !== null) {
    const echoed = [name.slice(glued[0].length)];
    appendAll(echoed, args);
    return echoed;
  }
  return BATCH_ECHO.has(name.toLowerCase()) ? args.slice() : undefined;
}

/** What batch's echo prints: its words, carets and doubled percent signs undone (`^^` is `^`, `%%` is `%`). */
function batchEchoText(args: string[], expand: (text: string) => string | undefined): string | undefined {
  if (args.length === 0 || args.some((a) => /(?:^|[^^])(?:\^\^)*\^$/.test(a))) return undefined;
  // `echo off` and `echo on` switch echoing; they print nothing.
  if (args.length === 1 && /^o(?:n|ff)$/i.test(args[0])) return undefined;
  return expand(args.join(" "))?.replace(/\^(.)/g, "$1").replace(/%%/g, "%");
}

/**
 * How batch echo text bound for a file of `language` is expanded: a batch file is read with the script's variables
 * as it runs, so its references stay; another language gets the values (windows-unknown-values.ts), to at most
 * `limit` characters: past it, undefined, refused (overLimitCount).
 */
function echoExpansion(
  language: WindowsLanguage,
  variables: VariableLookup,
  limit: number,
): (text: string) => string | undefined {
  if (language === "batch") return (text) => text;
  return (text) => {
    const expanded = expandedBatchText(text, variables, limit);
    if (expanded === undefined) refuseOverLimit();
    return expanded;
  };
}

/** What PowerShell's echo or Write-Output of one literal, or a literal alone, prints. */
function powerShellEchoText(
  first: string,
  name: string,
  args: string[],
  variables: VariableLookup,
  limit: number,
): string | undefined {
  if (args.length === 0) return literalText(first, variables, limit);
  return POWERSHELL_ECHO.has(name) && args.length === 1 ? literalText(args[0], variables, limit) : undefined;
}
