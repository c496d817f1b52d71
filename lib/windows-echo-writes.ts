// Scripts written with echo and a redirection: batch's `echo net user a P@ss /add > C:\setup.cmd` (`>>` appends a
// line), PowerShell's `echo` or Write-Output of one literal, or a literal alone, redirected to a file. Written to a
// `.ps1`, `.cmd` or `.bat` file (windows-script-files.ts) the text is a script meant to run, read where it is written:
// the lines echoed one after another into one file are read in order as that script's lines. Batch also writes with
// the redirection first (`> C:\s.cmd echo …`), with stdout's handle named (`1>`, `1>>`; another handle writes no
// echo to the file), and from a parenthesised group of echoes (`(echo a & echo b) > C:\s.cmd`, a line each); its
// escaped operators (`^&`, `^>`, `^|`) are text the echo writes.
import { literalText, VariableLookup } from "./windows-literals";
import { scriptFile } from "./windows-script-files";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { endsCommand, windowsWords } from "./windows-words";

const BATCH_ECHO = new Set(["echo", "@echo"]);
const POWERSHELL_ECHO = new Set(["echo", "write-output", "write"]);
/** A stream's handle written before a redirection (`1>`, `2>`); the words keep it apart from the `>`. */
const HANDLE = /^\d$/;

/** A script an echo writes, and the index of the first word after those the write takes. */
export interface EchoedScript {
  script: WindowsScript;
  end: number;
}

/**
 * The script the command `words[from..to)` writes when `words[to]` redirects its output (`>`, `>>`, `1>`) to a
 * script file; undefined for anything else.
 */
export function echoedScript(
  words: string[],
  from: number,
  to: number,
  language: WindowsLanguage,
  variables: VariableLookup,
  limit: number,
): EchoedScript | undefined {
  if (words[to] !== ">") return undefined;
  let last = to;
  if (to - 1 > from && HANDLE.test(words[to - 1])) {
    if (words[to - 1] !== "1") return undefined;
    last = to - 1;
  }
  const write = redirection(words, to, language, variables);
  if (write === undefined) return undefined;
  const args = words.slice(from + 1, last);
  let text: string | undefined;
  if (language === "powershell")
    text = powerShellEchoText(words[from], words[from].toLowerCase(), args, variables, limit);
  else if (last === from + 1 && isGroup(words[from])) text = groupEchoText(words[from]);
  else text = BATCH_ECHO.has(words[from].toLowerCase()) ? batchEchoText(args) : undefined;
  return written(text, write, limit);
}

/**
 * Batch's redirection written first: the echo after `> FILE` (`words[at]` the `>`, `words[from..at)` nothing or
 * stdout's handle), up to the operator that ends it.
 */
export function leadingEchoedScript(
  words: string[],
  from: number,
  at: number,
  variables: VariableLookup,
  limit: number,
): EchoedScript | undefined {
  if (words[at] !== ">" || (at > from && (at !== from + 1 || words[from] !== "1"))) return undefined;
  const write = redirection(words, at, "batch", variables);
  if (write === undefined) return undefined;
  const command = write.pathAt + 1;
  if (command >= words.length || !BATCH_ECHO.has(words[command].toLowerCase())) return undefined;
  let end = command;
  while (end < words.length && !endsCommand(words[end])) end++;
  // A second redirection of the same echo leaves it unread.
  if (words[end] === ">") return undefined;
  const text = batchEchoText(words.slice(command + 1, end));
  const echoed = written(text, write, limit);
  return echoed && { script: echoed.script, end };
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
): EchoedScript | undefined {
  if (text === undefined || text.length > limit || text.trim() === "") return undefined;
  const file = { path: write.path, appends: write.appends };
  return { script: { language: write.language, text, file }, end: write.pathAt + 1 };
}

/** A parenthesised group, kept as one word by the word splitter. */
function isGroup(word: string): boolean {
  return word.length >= 2 && word.startsWith("(") && word.endsWith(")");
}

/**
 * What a group of echoes joined by `&` prints, a line each; undefined when any of its commands is no echo (what it
 * prints is unknown) or the group holds another operator.
 */
function groupEchoText(group: string): string | undefined {
  const words = windowsWords(group.slice(1, -1), "batch");
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    if (i < words.length && words[i] !== "&") return undefined;
    const command = words.slice(start, i);
    start = i + 1;
    // `&&` leaves an empty command between its two words.
    if (command.length === 0) continue;
    if (!BATCH_ECHO.has(command[0].toLowerCase())) return undefined;
    const line = batchEchoText(command.slice(1));
    if (line !== undefined) lines.push(line);
  }
  return lines.join("\n");
}

/** What batch's echo prints: its words, carets and doubled percent signs undone (`^^` is `^`, `%%` is `%`). */
function batchEchoText(args: string[]): string | undefined {
  if (args.length === 0 || args.some((a) => /(?:^|[^^])(?:\^\^)*\^$/.test(a))) return undefined;
  // `echo off` and `echo on` switch echoing; they print nothing.
  if (args.length === 1 && /^o(?:n|ff)$/i.test(args[0])) return undefined;
  return args.join(" ").replace(/\^(.)/g, "$1").replace(/%%/g, "%");
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
