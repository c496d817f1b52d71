// Scripts a Windows statement runs or writes, for the Windows reader to read as scripts of their own: PowerShell's
// `-Command` text (quoted, bare or a script block) and `-EncodedCommand` (base64 of UTF-16LE text), `cmd /c` and
// `cmd /k` (also glued to a quoted command: `cmd /c"…"`), Invoke-Expression (`iex`) of a literal (joined pieces too:
// `iex ('a' + 'b')`), the command line Start-Process or batch's `start` starts (windows-start-process.ts), and a
// `.ps1`, `.cmd` or `.bat` file written with Set-Content, Add-Content, Out-File or an echo redirected to it
// (windows-echo-writes.ts): a script written is meant to run, it is read where it is written, with the file it goes
// to (windows-written-files.ts). A PowerShell command whose output is assigned (`$proc = Start-Process …`) is read as
// the command, and so is a literal piped into one (`'…' | iex`, `$r = '…' | iex`). Only text spelled in the script is
// read (windows-literals.ts), or a variable the script, or the statement before, set to a literal; a writer's array
// of such texts writes a line each (windows-line-arrays.ts).
// What powershell, cmd or a launcher runs is marked as run by a process of its own (WindowsScript.process), whose
// moves (`Set-Location`, `cd`) are not its caller's (windows-working-directory.ts); Invoke-Expression's text is not.
// `-File` of a script the statement did not write gives nothing. Each word is looked at a bounded number of times,
// and what the reading may add is budgeted, so that hostile input stays linear.
import { commandName } from "./windows-commands";
import { echoedScript, EchoedScript, leadingEchoedScript } from "./windows-echo-writes";
import { valueEnd, valueStart, writtenLinesText } from "./windows-line-arrays";
import { literalText, overLimitCount, passedText, VariableLookup } from "./windows-literals";
import { scriptFile } from "./windows-script-files";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { isStartCommand, startedCommandLine } from "./windows-start-process";
import { StatementVariables } from "./windows-statement-variables";
import { WindowsVariables } from "./windows-variables";
import { endsCommand, unquoted } from "./windows-words";

/** The scripts a statement runs or writes, and the words left for the statement's own reading. */
export interface NestedScripts {
  scripts: WindowsScript[];
  /** The statement's words that belong to none of `scripts`. */
  rest: string[];
}

/**
 * What nested readings may add to the text read, all together: past it, statements are read as written, and the
 * text they run is left unread (`unread`), which the reader reports rather than clearing what it cannot see.
 */
export class NestingBudget {
  private left: number;
  /** Why the first content was left unread: the budget ran out, or the nesting limit was reached. */
  private reason?: string;

  constructor(private readonly total: number) {
    this.left = total;
  }

  /** Takes `size` from what is left; false, taking nothing and leaving the text unread, when it does not fit. */
  take(size: number): boolean {
    if (size > this.left) {
      this.leaveUnread(`scripts run or written past ${sizeText(this.total)} of nested text in all`);
      return false;
    }
    this.left -= size;
    return true;
  }

  /**
   * How long a text the readers may build: the whole budget until it first refuses one, so that a text that no longer
   * fits is built (once) and found unread rather than taken for no script; what is left after that.
   */
  remaining(): number {
    return this.reason === undefined ? this.total : this.left;
  }

  /** Records why content is left unread; the first reason stays. */
  leaveUnread(why: string): void {
    this.reason ??= why;
  }

  /** Why the first content was left unread, if any was. */
  get unread(): string | undefined {
    return this.reason;
  }
}

/** Why a text run or written that a reader refused is unread (windows-literals.ts overLimitCount). */
const PAST_LITERAL_BOUNDS =
  "a script run or written joined past what the reader builds (length, variables or parentheses)";

const POWERSHELL = new Set(["powershell", "powershell.exe", "pwsh", "pwsh.exe"]);
const POWERSHELL_VALUED = [
  "-executionpolicy",
  "-windowstyle",
  "-outputformat",
  "-inputformat",
  "-psconsolefile",
  "-version",
  "-configurationname",
  "-configurationfile",
  "-settingsfile",
  "-workingdirectory",
  "-custompipename",
];
const POWERSHELL_VALUED_ALIASES = new Set(["-ep", "-ex", "-w", "-o", "-of", "-i", "-if", "-v", "-wd", "-cf"]);
const CMD = new Set(["cmd", "cmd.exe"]);
const INVOKE_EXPRESSION = new Set(["invoke-expression", "iex"]);
const FILE_WRITERS = new Set(["set-content", "add-content", "out-file"]);
/** The writers' parameters that take a value; Set-Content and Add-Content take path then value by position. */
const WRITER_PATH = new Set(["-path", "-literalpath", "-filepath", "-pspath", "-lp"]);
const WRITER_VALUE = new Set(["-value", "-inputobject"]);
const WRITER_VALUED = new Set([...WRITER_PATH, ...WRITER_VALUE, "-encoding", "-width", "-stream", "-filter"]);
/** `-NoNewline` (or a prefix of it no other parameter of the writers has), maybe with `:$true`. */
const NO_NEWLINE = /^-non(?:e(?:w(?:l(?:i(?:n(?:e)?)?)?)?)?)?(?::\$true)?$/i;
/** How many words a value piped into a writer may span: its elements apart (`'a', 'b' | …`). */
const MAX_PIPED_WORDS = 1 << 16;
/** A variable assigned the output of the command after it: `$proc =`, `$proc` with `=` next, `$proc=command`. */
const ASSIGNED = /^\$(?:(?:script|global|local|private):)?[A-Za-z_]\w*(?:(=)([^=]*))?$/;
/** Base64 characters then padding; that the length is whole 4-character groups is checked apart (no deep regex). */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The scripts `words` (a statement of `language`, windows-words.ts) runs or writes, in order, within `budget`;
 * `variables` are the script's so far, `handles` the indexes of the words that are a stream's handle (`1>`).
 */
export function nestedScripts(
  words: string[],
  language: WindowsLanguage,
  variables: WindowsVariables,
  budget: NestingBudget,
  handles: ReadonlySet<number> = new Set(),
): NestedScripts {
  const scripts: WindowsScript[] = [];
  const taken = new Set<number>();
  /** Where each script run by a process of its own starts among `words`, for its place among the words kept. */
  const processes: { script: WindowsScript; from: number }[] = [];
  const add = (script: WindowsScript | undefined, from: number, to: number) => {
    if (script === undefined || !budget.take(script.text.length)) return;
    scripts.push(script);
    if (script.process !== undefined) processes.push({ script, from });
    for (let i = from; i < to; i++) taken.add(i);
  };
  /** A script that powershell or cmd runs: a process of its own, started where the caller stands or elsewhere. */
  const started = (script: WindowsScript | undefined, elsewhere = false): WindowsScript | undefined =>
    script && { ...script, process: { at: 0, folder: elsewhere ? "unknown" : "caller" } };
  // Literal text is looked up with the assignments the statement made before it too.
  const scope = new StatementVariables(variables);
  let start = 0;
  let unclosed = false;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    const from = start;
    start = i + 1;
    const limit = budget.remaining();
    // A text a reader refused for its length (or depth) where the command runs or writes none is left unread.
    const refused = overLimitCount();
    const found = scripts.length;
    // Batch may redirect before the command: `> C:\s.cmd echo …`.
    const redirect = { words, handles, to: i };
    const leading = language === "batch" ? leadingEchoedScript(redirect, from, scope, limit) : undefined;
    if (i === from && leading === undefined) continue;
    const echoed: EchoedScript | undefined = leading ?? echoedScript(redirect, from, language, scope, limit);
    // `$proc = Start-Process …`: PowerShell runs the command and assigns its output.
    const { at, word } = language === "powershell" ? afterAssignment(words, from, i) : { at: from, word: words[from] };
    const name = commandName(word);
    const args = words.slice(at + 1, i);
    if (echoed) {
      // The redirection's path belongs to the write: the command after it starts past the path.
      add(echoed.script, from, echoed.end);
      i = echoed.end - 1;
      start = echoed.end;
    } else if (POWERSHELL.has(name)) {
      // `-Command { … }`: the block is the command's text, up to its closing brace.
      // Once a brace is found unclosed, later ones are not looked for: each would rescan to the end.
      const blockEnd: number =
        words[i] === "{" && !unclosed && isCommandOption(args[args.length - 1]) ? closingBrace(words, i) : -1;
      unclosed ||= words[i] === "{" && blockEnd < 0;
      const elsewhere = args.some(isWorkingDirectoryOption);
      if (blockEnd > i) {
        const text = words.slice(i + 1, blockEnd).join(" ");
        add(started({ language: "powershell", text }, elsewhere), at, blockEnd + 1);
        i = blockEnd;
        start = blockEnd + 1;
      } else add(started(powerShellCommand(name, args), elsewhere), at, i);
    } else if (CMD.has(name)) {
      // PowerShell expands the variables in what it hands cmd, within the limit.
      const passed = (word: string, left: number) => (language === "powershell" ? passedText(word, scope, left) : word);
      add(started(cmdCommand(args, passed, limit)), at, i);
    } else if (isStartCommand(name, language)) add(startedCommandLine(args, language, scope, limit), at, i);
    else if (language === "powershell" && INVOKE_EXPRESSION.has(name)) {
      const piped = at === from ? pipedLiteral(words, from, scope, limit) : undefined;
      const text = piped?.text ?? invokedText(args, scope, limit);
      if (text !== undefined) add({ language: "powershell", text }, piped?.from ?? at, i);
    } else if (language === "powershell" && FILE_WRITERS.has(name)) {
      const written = writtenScript(name, args, at + 1, words, scope, limit);
      if (written) add(written.script, written.from, written.to);
    } else if (language === "powershell" && words[i] === ";") scope.assign(words.slice(from, i).join(" "));
    if (overLimitCount() > refused && scripts.length === found) budget.leaveUnread(PAST_LITERAL_BOUNDS);
  }
  keptPlaces(processes, words.length, taken);
  return { scripts, rest: taken.size === 0 ? words : words.filter((_, i) => !taken.has(i)) };
}

/**
 * Sets each new process's `at` to the index, among the words not `taken`, of the word its command starts at: where
 * the caller's reading of those words stands there is where the process starts. One pass over the words.
 */
function keptPlaces(processes: { script: WindowsScript; from: number }[], length: number, taken: Set<number>): void {
  if (processes.length === 0) return;
  const sorted = [...processes].sort((a, b) => a.from - b.from);
  let kept = 0;
  let next = 0;
  for (let i = 0; i <= length && next < sorted.length; i++) {
    while (next < sorted.length && sorted[next].from === i) {
      const { script } = sorted[next++];
      if (script.process !== undefined) script.process = { ...script.process, at: kept };
    }
    if (!taken.has(i)) kept++;
  }
}

/** PowerShell's `-WorkingDirectory` (pwsh) by name, alias or prefix: the process starts in a folder of its own. */
function isWorkingDirectoryOption(word: string): boolean {
  const option = word.toLowerCase();
  return option === "-wd" || (option.length >= 4 && "-workingdirectory".startsWith(option));
}

/**
 * Where the command of `$name = command …` (`words[from..to)`) starts, and its first word (`$p=Start-Process` holds
 * it); the command's own first word when it assigns nothing.
 */
function afterAssignment(words: string[], from: number, to: number): { at: number; word: string } {
  const assigned = ASSIGNED.exec(words[from]);
  if (assigned === null) return { at: from, word: words[from] };
  if (assigned[2]) return { at: from, word: assigned[2] };
  const at = assigned[1] === "=" ? from + 1 : words[from + 1] === "=" ? from + 2 : from;
  return { at: at < to ? at : from, word: words[at < to ? at : from] };
}

/** `-Command` and its prefixes PowerShell accepts (`-c`, `-com`…). */
function isCommandOption(word: string | undefined): boolean {
  const option = (word ?? "").toLowerCase();
  return option === "-c" || (option.length >= 4 && "-command".startsWith(option));
}

/** `-EncodedCommand` and its prefixes PowerShell accepts (`-e`, `-ec`, `-enc`…). */
function isEncodedOption(word: string): boolean {
  const option = word.toLowerCase();
  return option === "-ec" || (option.length >= 2 && "-encodedcommand".startsWith(option));
}

/** The index of the brace closing the one at `open`; -1 when none does. */
function closingBrace(words: string[], open: number): number {
  let depth = 0;
  for (let i = open; i < words.length; i++) {
    if (words[i] === "{") depth++;
    else if (words[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * The script of `powershell … -Command TEXT` or `-EncodedCommand BASE64`; none for `-File` or stdin (`-`). Windows
 * PowerShell (not pwsh, whose default is `-File`) takes its first argument that is no option as the command.
 */
function powerShellCommand(name: string, args: string[]): WindowsScript | undefined {
  const implicit = name.startsWith("powershell");
  for (let i = 0; i < args.length; i++) {
    const option = args[i].toLowerCase();
    if (option === "-f" || option === "-file") return undefined;
    if (isEncodedOption(option)) {
      const text = decodedCommand(unquoted(args[i + 1] ?? ""));
      return text === undefined ? undefined : { language: "powershell", text };
    }
    if (isValuedOption(option)) i++;
    else if (isCommandOption(option) || (implicit && !option.startsWith("-"))) {
      const text = joinedText(args.slice(isCommandOption(option) ? i + 1 : i));
      return text === "" || text === "-" ? undefined : { language: "powershell", text };
    }
  }
  return undefined;
}

/** PowerShell's options that take a value (`-ExecutionPolicy Bypass`), by name, alias or a prefix of 3 or more. */
function isValuedOption(option: string): boolean {
  if (POWERSHELL_VALUED_ALIASES.has(option)) return true;
  return option.length >= 4 && POWERSHELL_VALUED.some((valued) => valued.startsWith(option));
}

/** `-EncodedCommand`'s text: base64 of UTF-16LE; undefined when it is not valid base64 of whole characters. */
function decodedCommand(base64: string): string | undefined {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return undefined;
  const bytes = Buffer.from(base64, "base64");
  return bytes.length % 2 === 0 ? bytes.toString("utf16le") : undefined;
}

/**
 * `cmd [/s /q /d …] /c TEXT` (or `/k`), the rest of the words being the command cmd runs; cmd takes the command
 * glued to the switch too (`/c"net user …"`, `/Cdir`), as no other switch of its starts with c or k. `passed`
 * gives a word's text within what is left of `limit`, or undefined past it: the command is then unknown.
 */
function cmdCommand(
  args: string[],
  passed: (word: string, left: number) => string | undefined,
  limit: number,
): WindowsScript | undefined {
  const at = args.findIndex((a) => /^\/[ck]/i.test(a));
  if (at < 0) return undefined;
  const glued = args[at].slice(2);
  const texts: string[] = [];
  let left = limit;
  for (const word of glued === "" ? args.slice(at + 1) : [glued, ...args.slice(at + 1)]) {
    const text = passed(word, left);
    if (text === undefined) return undefined;
    texts.push(text);
    left -= text.length + 1;
  }
  const text = joinedText(texts);
  return text === "" ? undefined : { language: "batch", text };
}

/** Words given as one command line: one quoted word is its text. */
function joinedText(words: string[]): string {
  return (words.length === 1 ? unquoted(words[0]) : words.join(" ")).trim();
}

/** Invoke-Expression's `-Command` (named or first) when it is literal text. */
function invokedText(args: string[], variables: VariableLookup, limit: number): string | undefined {
  const named = args.findIndex((a) => /^-c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?$/i.test(a));
  const word = named >= 0 ? args[named + 1] : args.find((a) => !a.startsWith("-"));
  return word === undefined ? undefined : literalText(word, variables, limit);
}

/**
 * The literal piped into the command at `at` (`"text" | Out-File …`), the piping command's output maybe assigned
 * (`$r = "text" | iex`): the text and where it starts.
 */
function pipedLiteral(
  words: string[],
  at: number,
  variables: VariableLookup,
  limit: number,
): { text: string; from: number } | undefined {
  return pipedValue(words, at, (expression) => literalText(expression, variables, limit));
}

/**
 * The value piped into the command at `at` as `read` takes it, its elements apart (`'a', 'b' | Set-Content F`): the
 * text, and the words it spans. The piping command starts at the value, or up to two words before it at an
 * assignment (`$r =`, `$r=`).
 */
function pipedValue(
  words: string[],
  at: number,
  read: (expression: string) => string | undefined,
): { text: string; from: number; to: number } | undefined {
  if (at < 2 || words[at - 1] !== "|") return undefined;
  const last = at - 2;
  const valueAt = valueStart(words, last, Math.max(0, at - MAX_PIPED_WORDS));
  for (let from = valueAt; from >= Math.max(0, valueAt - 2); from--) {
    if (from > 0 && !endsCommand(words[from - 1])) continue;
    const command = afterAssignment(words, from, at - 1);
    if (command.at !== valueAt) continue;
    const value = [command.word, ...words.slice(valueAt + 1, last + 1)].join(" ");
    const text = read(value);
    return text === undefined ? undefined : { text, from: valueAt, to: last + 1 };
  }
  return undefined;
}

/** The script a file writer writes to a `.ps1`, `.cmd` or `.bat` path, with the words that give its text. */
function writtenScript(
  name: string,
  args: string[],
  argsAt: number,
  words: string[],
  variables: VariableLookup,
  limit: number,
): { script: WindowsScript; from: number; to: number } | undefined {
  let path: string | undefined;
  let value: number | undefined;
  let glued = 0;
  const positional: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const colon = args[i].indexOf(":");
    const parameter = (colon > 0 && args[i].startsWith("-") ? args[i].slice(0, colon) : args[i]).toLowerCase();
    if (!WRITER_VALUED.has(parameter)) {
      if (args[i].startsWith("-")) continue;
      // An array of lines given apart (`'a', 'b'`) is one value.
      positional.push(i);
      i = valueEnd(args, i) - 1;
      continue;
    }
    const at = colon > 0 ? i : ++i;
    if (WRITER_PATH.has(parameter)) path = colon > 0 ? args[at].slice(colon + 1) : args[at];
    else if (WRITER_VALUE.has(parameter)) {
      // `-Value:@('a', 'b')`, `-Value:'a'`: the value glued to the parameter, its elements apart after it too.
      value = at;
      glued = colon > 0 ? colon + 1 : 0;
      i = valueEnd(args, at) - 1;
    }
  }
  // Out-File's second position is its encoding, not its text.
  path ??= positional.length > 0 ? args[positional.shift() ?? 0] : undefined;
  if (value === undefined && name !== "out-file") value = positional.shift();
  const target = scriptFile(path, "powershell", variables);
  if (target === undefined) return undefined;
  const language = target.language;
  // Add-Content and `Out-File -Append` add lines to the file; the others write it anew.
  const file = {
    path: target.path,
    appends: name === "add-content" || (name === "out-file" && args.some((a) => /^-ap/i.test(a))),
  };
  // Each element of an array is a line of the file (windows-line-arrays.ts); `-NoNewline` runs them together.
  const separator = args.some((a) => NO_NEWLINE.test(a)) ? "" : "\n";
  if (value !== undefined) {
    const end = valueEnd(args, value);
    const words = args.slice(value, end);
    if (words.length > 0) words[0] = words[0].slice(glued);
    const text = words.length === 0 ? undefined : writtenLinesText(words.join(" "), variables, limit, separator);
    return text === undefined
      ? undefined
      : { script: { language, text, file }, from: argsAt + value, to: argsAt + end };
  }
  const read = (expression: string) => writtenLinesText(expression, variables, limit, separator);
  const piped = pipedValue(words, argsAt - 1, read);
  return piped && { script: { language, text: piped.text, file }, from: piped.from, to: piped.to };
}

/** A size for a reason given: whole megabytes as such. */
function sizeText(size: number): string {
  return size >= 1 << 20 && size % (1 << 20) === 0 ? `${size >> 20} MB` : `${size} characters`;
}
