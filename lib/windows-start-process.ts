// The command line a launcher starts, for the Windows reader to read as a script of its own
// (windows-nested-scripts.ts): PowerShell's Start-Process (`saps`, `start`) of a file with its -ArgumentList, one
// string or an array whose items Start-Process joins with blanks (spelled there, or held in a variable the script set
// to one: `$a = @('-Command', '…')`, grown with `+=` too, read as it stood when assigned by windows-line-arrays.ts,
// within its bounds), and batch's `start` of a command after its title
// and options. `Start-Process powershell -ArgumentList '-Command', '…'` so reaches the readers of what powershell
// runs. Only text the script spells is read: a file or an argument it does not (a command's output, a variable not
// set to a literal) leaves the statement as written.
import { writtenLinesText } from "./windows-line-arrays";
import {
  isVariable,
  literalText,
  quotedText,
  refuseOverLimit,
  topLevelPieces,
  VariableLookup,
} from "./windows-literals";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";

const START_PROCESS = new Set(["start-process", "saps", "start"]);
/** Start-Process's parameters that take a value, with the common ones; the others are switches. */
const VALUED = [
  "filepath",
  "argumentlist",
  "credential",
  "workingdirectory",
  "redirectstandarderror",
  "redirectstandardinput",
  "redirectstandardoutput",
  "windowstyle",
  "verb",
  "environment",
  "erroraction",
  "warningaction",
  "informationaction",
  "progressaction",
  "errorvariable",
  "warningvariable",
  "informationvariable",
  "outvariable",
  "outbuffer",
  "pipelinevariable",
];
const SWITCHES = [
  "loaduserprofile",
  "nonewwindow",
  "passthru",
  "wait",
  "usenewenvironment",
  "verbose",
  "debug",
  "confirm",
  "whatif",
];
const ALIASES = new Map([
  ["path", "filepath"],
  ["pspath", "filepath"],
  ["args", "argumentlist"],
  ["runas", "credential"],
  ["lup", "loaduserprofile"],
  ["nnw", "nonewwindow"],
  ["rse", "redirectstandarderror"],
  ["rsi", "redirectstandardinput"],
  ["rso", "redirectstandardoutput"],
  ["ea", "erroraction"],
  ["wa", "warningaction"],
  ["infa", "informationaction"],
  ["proga", "progressaction"],
  ["ev", "errorvariable"],
  ["wv", "warningvariable"],
  ["iv", "informationvariable"],
  ["ov", "outvariable"],
  ["ob", "outbuffer"],
  ["pv", "pipelinevariable"],
]);
/** Argument items, and their length joined by blanks. */
interface ArgumentItems {
  items: string[];
  length: number;
}

/** Batch start's options that take the next word as their value (`/d` also takes it glued: `/dC:\tools`). */
const BATCH_VALUED = new Set(["/d", "/node", "/affinity", "/machine"]);
/** A bare argument word: no variable, expression, quote or operator in it. */
const BARE = /^[^-$@(){}'"`;|&<>,][^$@(){}'"`;|&<>,]*$/;

/** Whether `name` (a command name, windows-commands.ts) starts a process in `language`. */
export function isStartCommand(name: string, language: WindowsLanguage): boolean {
  return language === "powershell" ? START_PROCESS.has(name) : name === "start";
}

/** The command line a start command's `args` start, as a script in the launcher's language; undefined if unknown. */
export function startedCommandLine(
  args: string[],
  language: WindowsLanguage,
  variables: VariableLookup,
  limit: number,
): WindowsScript | undefined {
  const line = language === "powershell" ? startProcessLine(args, variables, limit) : batchStartLine(args);
  // PowerShell expands a double-quoted argument before it starts the process: the line sees the same variables.
  if (line === undefined) return undefined;
  const { text, elsewhere } = line;
  // A process of its own, started where the caller stands unless told another folder (windows-working-directory.ts).
  if (text.length <= limit) return { language, text, process: { at: 0, folder: elsewhere ? "unknown" : "caller" } };
  refuseOverLimit();
  return undefined;
}

/** A command line started, and whether it starts in a folder of its own (`-WorkingDirectory`, `start /d`). */
interface StartedLine {
  text: string;
  elsewhere: boolean;
}

/** `Start-Process [-FilePath] FILE [[-ArgumentList] ARGS] [options]`: `FILE ARGS`; undefined without arguments. */
function startProcessLine(args: string[], variables: VariableLookup, limit: number): StartedLine | undefined {
  const bound = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word.startsWith("-")) {
      const value = expressionAt(args, i);
      positional.push(value.text);
      i = value.end;
      continue;
    }
    const colon = word.indexOf(":");
    const parameter = parameterName(colon > 0 ? word.slice(1, colon) : word.slice(1));
    // A parameter Start-Process does not have fails the command: nothing starts.
    if (parameter === undefined) return undefined;
    if (!VALUED.includes(parameter)) continue;
    const value = colon > 0 ? expressionAt(args, i, word.slice(colon + 1)) : expressionAt(args, i + 1);
    bound.set(parameter, value.text);
    i = value.end;
  }
  for (const parameter of ["filepath", "argumentlist"])
    if (!bound.has(parameter) && positional.length > 0) bound.set(parameter, positional.shift() ?? "");
  const file = bound.get("filepath");
  const list = bound.get("argumentlist");
  if (file === undefined || list === undefined) return undefined;
  const path = argumentText(file, variables, limit);
  const items = path === undefined ? undefined : argumentItems(list, variables, limit - path.length);
  if (path === undefined || path === "" || items === undefined) return undefined;
  const line = [/\s/.test(path) ? `"${path}"` : path, ...items].join(" ").trim();
  return items.join("").trim() === "" ? undefined : { text: line, elsewhere: bound.has("workingdirectory") };
}

/** A parameter named in full, by an alias, or by a prefix only it has; undefined when none or several match. */
function parameterName(written: string): string | undefined {
  const name = written.toLowerCase();
  const alias = ALIASES.get(name);
  if (alias !== undefined) return alias;
  const all = [...VALUED, ...SWITCHES];
  if (all.includes(name)) return name;
  const matches = name === "" ? [] : all.filter((p) => p.startsWith(name));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The value expression starting at `at` (or with `first`, the value glued to `-Name:`), with the words a comma joins
 * to it (`'-c', 'x'`), and its last index.
 */
function expressionAt(args: string[], at: number, first?: string): { text: string; end: number } {
  if (at >= args.length) return { text: "", end: at };
  const parts = [first ?? args[at]];
  let end = at;
  // The last word is looked at, not the text so far: long lists stay linear.
  while (end + 1 < args.length && (parts[parts.length - 1].endsWith(",") || args[end + 1].startsWith(",")))
    parts.push(args[++end]);
  return { text: parts.join(" "), end };
}

/**
 * The argument items of an -ArgumentList expression (`'a', 'b'`, `@('a','b')`, one string, a variable holding
 * an array of these), at most `limit` characters in all; undefined if unknown.
 */
function argumentItems(expression: string, variables: VariableLookup, limit: number): string[] | undefined {
  const trimmed = expression.trim();
  // A variable's array is the one recorded when it was assigned (windows-line-arrays.ts), its items joined with
  // blanks as Start-Process joins them; past its bounds or `limit` it is refused (unread), not taken for no array.
  if (isVariable(trimmed)) {
    const text = writtenLinesText(trimmed, variables, limit, " ");
    return text === undefined ? undefined : [text];
  }
  return listItems(expression, variables, limit)?.items;
}

/** The items of a list expression, with their length joined by blanks; undefined if unknown or past `limit`. */
function listItems(expression: string, variables: VariableLookup, limit: number): ArgumentItems | undefined {
  let list = expression.trim();
  const wrapped = /^@?\(/.test(list) && list.endsWith(")");
  if (wrapped) {
    const inner = list.slice(list.indexOf("(") + 1, -1);
    // `('a' + 'b')` is one item; `@(…)` and `('a', 'b')` are arrays.
    if (list.startsWith("@") || topLevelPieces(inner, ",").length > 1) list = inner;
  }
  const items: string[] = [];
  let length = 0;
  for (const piece of topLevelPieces(list, ",")) {
    const text = argumentText(piece.trim(), variables, limit - length);
    if (text === undefined) return undefined;
    items.push(text);
    length += text.length + 1;
  }
  return { items, length };
}

/** An argument's text within `limit`: literal (windows-literals.ts), or a bare word as PowerShell passes it. */
function argumentText(word: string, variables: VariableLookup, limit: number): string | undefined {
  if (quotedText(word) !== undefined || isVariable(word) || word.startsWith("("))
    return literalText(word, variables, limit);
  if (!BARE.test(word)) return undefined;
  if (word.length <= limit) return word;
  refuseOverLimit();
  return undefined;
}

/** `start ["title"] [/options] COMMAND …`: the command and its arguments as written; undefined when none. */
function batchStartLine(args: string[]): StartedLine | undefined {
  // The first quoted word is the window's title.
  let at = args.length > 0 && args[0].startsWith('"') ? 1 : 0;
  let elsewhere = false;
  // Options come before the command, which never starts with a slash.
  while (at < args.length && args[at].startsWith("/")) {
    // `/d PATH` (or `/dPATH`): the folder the command starts in.
    elsewhere ||= /^\/d/i.test(args[at]);
    at += BATCH_VALUED.has(args[at].toLowerCase()) ? 2 : 1;
  }
  const text = args.slice(at).join(" ").trim();
  return text === "" ? undefined : { text, elsewhere };
}
