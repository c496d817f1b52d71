// Just enough shell syntax to read a boot-script line: its commands (split on ; && || and pipes outside quotes),
// their words with quotes removed, redirections, and which word is the command. Each pass is a single scan, linear
// in the line's length, because user data may be hostile.
import { BoundedMemo } from "./bounded-memo";
import { listedFiles, stageListing } from "./shell-listed-files";
import { substitutionEnd } from "./shell-substitutions";
import { cEscapes } from "./userdata-escapes";
import { braceAlternatives, MAX_ALTERNATIVES } from "./userdata-path-patterns";

export interface Command {
  text: string;
  /** The command reads the previous command's output (`a | b`). */
  piped: boolean;
}

export interface Word {
  text: string;
  /** Set for a redirection operator (`>`, `>>`, `<<`, …); the next word is its target. */
  op?: string;
  /** The file descriptor written before the operator (`2>`), when one was. */
  fd?: number;
  /** Set on a here-document's delimiter that is quoted or escaped (`<<'EOF'`): the body is not expanded. */
  quoted?: boolean;
}

/**
 * The commands of a line, its comment left out. A line that ends inside quotes is split ignoring them, and keeps
 * any `#` in it, so nothing hides behind a stray quote.
 */
export function splitCommands(line: string): Command[] {
  if (line.length > MAX_REMEMBERED_LINE) return splitLine(line);
  // A copy of the list: a caller may change its own; the commands in it are shared, so no caller changes them.
  // Looked up once: a hit compares the whole line, which `through` (has, then get) would do twice.
  return (splitLines.get(line) ?? splitLines.set(line, splitLine(line))).slice();
}

function splitLine(line: string): Command[] {
  const commands = split(line, true) ?? split(line, false) ?? [];
  return line.includes("xargs") ? withXargsInput(commands) : commands;
}

/**
 * Each xargs down a pipe from a stage that lists files (`ls /etc/ssh/sshd_config | xargs sed -i 's/no/yes/'`, an
 * echo of plain paths, a find, a grep -l) runs its command on those files: spelt after it, as xargs adds them, or in
 * the place of `-I`'s replacement (one file; the command is then spelt again from its words, so one whose text holds
 * a substitution, an expansion or a here-document is left as it is). An xargs reading a file (`-a`) is left too.
 */
function withXargsInput(commands: Command[]): Command[] {
  return commands.map((command, i) => {
    if (!command.piped || i === 0 || !command.text.includes("xargs")) return command;
    const words = shellWords(command.text);
    const { index, wrappers } = commandWord(words);
    if (index < 0 || !wrappers.includes("xargs")) return command;
    const previous = shellWords(commands[i - 1].text).filter((w) => w.op === undefined);
    const at = commandIndex(previous);
    const files = at < 0 ? undefined : stageListing(commandName(previous, at), argumentsOf(previous, at));
    if (files === undefined || files.some((f) => /[$`]/.test(f))) return command;
    const replace = xargsReplacement(words, index);
    if (replace === null) return command;
    if (replace === undefined) return { text: `${command.text} ${files.map(shellQuote).join(" ")}`, piped: true };
    if (files.length !== 1 || /[$`]/.test(command.text) || words.some((w) => isHereDocumentOperator(w.op)))
      return command;
    const text = words
      .map((w, k) => {
        if (w.op) return `${w.fd ?? ""}${w.text}`;
        return shellQuote(k > index ? w.text.split(replace).join(files[0]) : w.text);
      })
      .join(" ");
    return { text, piped: true };
  });
}

/**
 * The replacement string of xargs's `-I R` (`-iR`, `--replace=R`; `{}` by default) among the words before the
 * command's; undefined when it appends the files; null when it reads them from a file (`-a`), not its input.
 */
function xargsReplacement(words: Word[], before: number): string | undefined | null {
  let replace: string | undefined;
  for (let k = 0; k < before; k++) {
    const { text } = words[k];
    if (text === "-a" || text.startsWith("--arg-file")) return null;
    if (text === "-I") replace = words[k + 1]?.text;
    else if (text.startsWith("-I") || text.startsWith("-i")) replace = text.slice(2) || "{}";
    else if (text === "--replace") replace = "{}";
    else if (text.startsWith("--replace=")) replace = text.slice("--replace=".length);
  }
  return replace === "" ? null : replace;
}

/**
 * Boot scripts repeat their lines across the scripts of a stack (and one scan splits a line for several checks):
 * each distinct line is split once. Long lines are split each time, so hostile ones cannot hold memory.
 */
const splitLines = new BoundedMemo<string, readonly Command[]>(1_000);
const MAX_REMEMBERED_LINE = 1_024;

/**
 * Unquoted characters after which a word starts: a `#` there opens a comment (not in `a#b`, `${#x}` or `$#`).
 * Compared one by one: this runs for every character of every line.
 */
function isWordBreak(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === ";" || c === "&" || c === "|" || c === "(" || c === ")";
}

function split(line: string, honourQuotes: boolean): Command[] | undefined {
  const commands: Command[] = [];
  let start = 0;
  let piped = false;
  let quote = "";
  let wordStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const atWordStart = wordStart;
    wordStart = false;
    if (quote) {
      if (c === quote[quote.length - 1]) quote = "";
      else if (c === "\\" && quote !== "'") i++;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (honourQuotes && (c === "'" || c === '"')) {
      quote = c === "'" && line[i - 1] === "$" ? "$'" : c;
      continue;
    }
    if (honourQuotes && c === "#" && atWordStart) {
      // The comment runs to the end of its line; a command after a newline (in a nested script) still runs.
      commands.push({ text: line.slice(start, i), piped });
      const end = line.indexOf("\n", i);
      if (end < 0) return commands;
      start = end + 1;
      i = end;
      piped = false;
      wordStart = true;
      continue;
    }
    wordStart = isWordBreak(c);
    if (c !== ";" && c !== "&" && c !== "|") continue; // no separator starts here
    const length = separatorLength(line, i);
    if (length === 0) continue;
    commands.push({ text: line.slice(start, i), piped });
    piped = length === 1 && c === "|";
    i += length - 1;
    start = i + 1;
  }
  if (quote) return undefined;
  commands.push({ text: line.slice(start), piped });
  return commands;
}

/** `;`, `&&`, `||` or a pipe `|` (not the `>|` of a redirection) at `i`: its length, else 0. */
function separatorLength(line: string, i: number): number {
  const c = line[i];
  if (c === ";") return 1;
  if ((c === "&" || c === "|") && line[i + 1] === c) return 2;
  return c === "|" && line[i - 1] !== ">" ? 1 : 0;
}

const OPERATORS = ["&>>", "&>", ">>", ">|", ">&", "<<<", "<<-", "<<", "<>", "<&", ">", "<"];
/** Redirections that open their target for writing (`>&` duplicates a descriptor instead). */
const WRITES = new Set([">", ">>", "&>", "&>>", ">|", "<>"]);

export function isWriteRedirection(op: string | undefined): boolean {
  return op !== undefined && WRITES.has(op);
}

/** The words of one command, quotes and escapes removed; redirection operators are words of their own. */
export function shellWords(command: string): Word[] {
  const words: Word[] = [];
  let current = "";
  // The word's characters that stand as written (plain runs, substitutions), from `raw` to where the reading has
  // got, not yet added to `current`: added by one slice when something else is added or the word is read, not piece
  // by piece (a hostile word of a million substitutions would otherwise be a string of a million pieces).
  let raw = -1;
  const settle = (end: number) => {
    if (raw >= 0) current += command.slice(raw, end);
    raw = -1;
  };
  // Whether the word so far is only an assignment's name (`x=`); a word too long to be one is not settled to tell.
  const isAssignedNameSoFar = (at: number) => {
    if (current.length + (raw < 0 ? 0 : at - raw) > MAX_NAME) return false;
    settle(at);
    return ASSIGNED_NAME.test(current);
  };
  let inWord = false;
  let quoted = false;
  let escaped = false;
  // What brace lists standing as operands may still add to the line's words (see braceOperands).
  const braces = { left: MAX_BRACE_CHARS };
  const flush = () => {
    const delimiter = (quoted || escaped) && isHereDocumentOperator(words[words.length - 1]?.op);
    const operands =
      inWord && !quoted && !escaped && current.includes("{") && words[words.length - 1]?.op === undefined
        ? braceOperands(current, braces, afterCommand)
        : undefined;
    if (operands !== undefined) for (const text of operands) words.push({ text });
    else if (inWord) words.push(delimiter ? { text: current, quoted: true } : { text: current });
    current = "";
    inWord = false;
    quoted = false;
    escaped = false;
  };
  // Cleared once a substitution does not close: none after it is looked for again, which keeps the scan linear.
  let joins = true;
  // Whether a word so far names the command (not a keyword, declaration, option or assignment), looked for once.
  let commandSeen = false;
  let looked = 0;
  const afterCommand = () => {
    for (; !commandSeen && looked < words.length; looked++) commandSeen = !declares(words[looked].text);
    return commandSeen;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (!inWord && opensListing(command, i) && afterCommand()) {
      // A listing standing as an operand (`sed -i … $(find /etc/ssh -name sshd_config)`, or quoted whole) gives the
      // files it lists, never words the command would read as its options.
      const listed =
        c === '"' ? listedFiles(command, i + 1, operandWords, true) : listedFiles(command, i, operandWords);
      if (listed !== undefined) {
        settle(i);
        flush();
        for (const text of listed.words) words.push({ text });
        i = listed.end - 1;
        continue;
      }
    }
    if ((c === "$" || c === "`") && joins && joinsWord(command, i, inWord, isAssignedNameSoFar, afterCommand)) {
      // A substitution or expansion inside a word belongs to it (`-i.$(date +%s)`, `${x:-a b}`).
      const end = substitutionEnd(command, i);
      if (end > 0) {
        if (raw < 0) raw = i;
        inWord = true;
        i = end - 1;
        continue;
      }
      joins = false;
    }
    if (c === "$" && command[i + 1] === "'") {
      // `$'…'`: bash reads its escapes (`\n`, `\x20`, `\'`) as the characters they stand for.
      const end = closingQuote(command, i + 1, true);
      settle(i);
      current += cEscapes(command.slice(i + 2, end));
      inWord = quoted = true;
      i = end;
    } else if (c === "'" || c === '"') {
      const end = closingQuote(command, i);
      settle(i);
      current += unquote(command.slice(i + 1, end), c);
      inWord = quoted = true;
      i = end;
    } else if (c === "\\") {
      settle(i);
      current += command[++i] ?? "";
      inWord = escaped = true;
    } else if (c === " " || c === "\t" || c === "(" || c === ")" || (c === "$" && command[i + 1] === "(")) {
      // Parentheses group commands (`(crontab -l; echo …) | crontab -`), and a `$(` opening a word (or an
      // assignment's value) is a command substitution whose commands run too: they separate words, like blanks.
      settle(i);
      flush();
    } else {
      const op = operatorAt(command, i);
      if (op === undefined) {
        // The run of plain characters from here stands as written: it joins the word's raw text.
        if (raw < 0) raw = i;
        inWord = true;
        const end = plainRunEnd(command, i + 1);
        i = end - 1;
        continue;
      }
      // A file descriptor number before the operator (`2>`) belongs to it.
      settle(i);
      const fd = inWord && !quoted && DIGITS.test(current) ? Number(current) : undefined;
      if (fd !== undefined) inWord = false;
      flush();
      words.push(fd === undefined ? { text: op, op } : { text: op, op, fd });
      i += op.length - 1;
    }
  }
  settle(command.length);
  flush();
  return words;
}

/**
 * All that the brace lists of one line may add to its words: past it, a brace word stays one word, as before (the
 * path checks read it as any word it may give). Hostile lines of brace words then cost no more than plain ones.
 */
const MAX_BRACE_CHARS = MAX_ALTERNATIVES * 4096;
/**
 * Operands one brace word is split into, at most: past that it stays one word, read by the path checks as any word
 * it may give (and by the removals' bounds as any name past theirs), as before.
 */
const MAX_BRACE_OPERANDS = 16;

/**
 * The words an unquoted brace list standing as a command's operand gives (`cp /tmp/{k,../root/.ssh/authorized_keys}`
 * is `cp /tmp/k /tmp/../root/.ssh/authorized_keys`), as bash gives them; undefined for a word of one alternative, one
 * holding an expansion or a substitution (`${x}{,.$(date +%s)}` stays one word), one before the command, and one
 * past the bounds of braceAlternatives or the line's budget. A redirection's target is never split (bash refuses a
 * target of several words): the caller leaves it whole.
 */
function braceOperands(word: string, budget: { left: number }, afterCommand: () => boolean): string[] | undefined {
  if (/[$`]/.test(word) || budget.left <= 0 || !afterCommand()) return undefined;
  const alternatives = braceAlternatives(word);
  if (alternatives === undefined || alternatives.length < 2 || alternatives.length > MAX_BRACE_OPERANDS)
    return undefined;
  let size = 0;
  for (const a of alternatives) size += a.length;
  if (size > budget.left) {
    budget.left = 0;
    return undefined;
  }
  budget.left -= size;
  // `{a,}` gives an empty word, which bash drops.
  return alternatives.filter((a) => a !== "");
}

/** A substitution (`$(`, a backquote) opens at `at`, or a double quote right before one. */
function opensListing(command: string, at: number): boolean {
  const from = command[at] === '"' ? at + 1 : at;
  const c = command[from];
  return c === "`" || (c === "$" && command[from + 1] === "(");
}

/** The words of a listing's text (which holds no substitution), redirections left out. */
function operandWords(text: string): string[] {
  return shellWords(text)
    .filter((w) => w.op === undefined)
    .map((w) => w.text);
}

const DIGITS = /^\d+$/;
/** A word that is so far only an assignment's name (`x=`). */
const ASSIGNED_NAME = /^[A-Za-z_][A-Za-z0-9_]*=$/;
const MAX_NAME = 256;
/** Commands that assign their operands, as a bare assignment does. */
const DECLARATIONS = new Set(["export", "local", "readonly", "declare", "typeset"]);

/**
 * Whether the substitution or expansion at `at` is read as part of the word: `${…}` always; `$(…)` and backquotes
 * inside a word. At a word's start, or as the value of an assignment before the command (`x=$(sed … f)`, `export
 * x=$(…)`), their commands are read as the command's words (an option's `-v x=$(date)` is inside a word).
 */
function joinsWord(
  command: string,
  at: number,
  inWord: boolean,
  isAssignedName: (at: number) => boolean,
  afterCommand: () => boolean,
): boolean {
  const next = command[at + 1];
  if (command[at] === "$" && next !== "(" && next !== "{") return false;
  return next === "{" || (inWord && (!isAssignedName(at) || afterCommand()));
}

/** Words before a command, or a declaration's: keywords, declarations, their options, assignments. */
function declares(word: string): boolean {
  return PREFIXES.has(word) || DECLARATIONS.has(word) || word.startsWith("-") || ASSIGNMENT.test(word);
}
/** Where the run of characters that only extend a word, starting at `from`, ends. */
function plainRunEnd(command: string, from: number): number {
  let end = from;
  while (end < command.length && !isSpecial(command.charCodeAt(end))) end++;
  return end;
}

/** Characters the word loop reads for more than themselves: quotes, escapes, separators, operators, `$`. */
function isSpecial(code: number): boolean {
  switch (code) {
    case 0x24: // $
    case 0x27: // '
    case 0x22: // "
    case 0x5c: // \
    case 0x20: // space
    case 0x09: // tab
    case 0x28: // (
    case 0x29: // )
    case 0x3e: // >
    case 0x3c: // <
    case 0x26: // &
    case 0x60: // `
      return true;
    default:
      return false;
  }
}

function isHereDocumentOperator(op: string | undefined): boolean {
  return op === "<<" || op === "<<-";
}

function operatorAt(command: string, i: number): string | undefined {
  const c = command[i];
  if (c !== ">" && c !== "<" && !(c === "&" && command[i + 1] === ">")) return undefined;
  return OPERATORS.find((op) => command.startsWith(op, i));
}

/**
 * Index of the quote closing the one at `open` (a backslash escapes inside double quotes, and inside `$'…'` when
 * `escapes`), or the end.
 */
function closingQuote(command: string, open: number, escapes = false): number {
  const q = command[open];
  for (let i = open + 1; i < command.length; i++) {
    if (command[i] === q) return i;
    if ((q === '"' || escapes) && command[i] === "\\") i++;
  }
  return command.length;
}

function unquote(inner: string, quote: string): string {
  return quote === '"' ? inner.replace(/\\(["\\$`])/g, "$1") : inner;
}

/** Words before the command: shell keywords, `-` of a YAML list item, and variable assignments. */
const PREFIXES = new Set(["if", "then", "elif", "else", "while", "until", "do", "!", "{", "(", "time", "-"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/**
 * Commands that run the rest of their words as a command: their options that take a value (as a word of its own;
 * `-n5`, `--signal=KILL` are one word), and how many operands come before the command (timeout's duration,
 * chroot's new root — the command after it is read as if run from /, the simplest defensible reading).
 */
interface Wrapper {
  options: string[];
  operands?: number;
}
const WRAPPERS = new Map<string, Wrapper>([
  ["sudo", { options: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"] }],
  ["env", { options: ["-u", "-C", "-S"] }],
  ["nice", { options: ["-n"] }],
  ["nohup", { options: [] }],
  ["exec", { options: ["-a"] }],
  ["command", { options: [] }],
  ["xargs", { options: ["-I", "-d", "-n", "-P", "-L", "-s", "-E", "-a"] }],
  ["timeout", { options: ["-k", "-s", "--kill-after", "--signal"], operands: 1 }],
  ["stdbuf", { options: ["-i", "-o", "-e", "--input", "--output", "--error"] }],
  ["ionice", { options: ["-c", "-n", "--class", "--classdata"] }],
  ["chroot", { options: ["--userspec", "--groups"], operands: 1 }],
  ["busybox", { options: [] }],
  // A new session (a daemon started so that it outlives the script), another account's rights, a CPU or a priority.
  ["setsid", { options: [] }],
  ["doas", { options: ["-u", "-C"] }],
  ["taskset", { options: [], operands: 1 }],
  ["chrt", { options: [], operands: 1 }],
]);

/** Index of the word naming the command that runs, or -1 (a bare redirection, a keyword alone). */
export function commandIndex(words: Word[]): number {
  return commandWord(words).index;
}

/**
 * Whether the words are an `exec` with no command: its redirections then apply to the rest of the script
 * (`exec >> file` sends all later output there).
 */
export function isBareExec(words: Word[]): boolean {
  const { index, wrappers } = commandWord(words);
  return index < 0 && wrappers.length === 1 && wrappers[0] === "exec";
}

/** The command word's index (or -1) and the wrappers before it. */
function commandWord(words: Word[]): { index: number; wrappers: string[] } {
  const wrappers: string[] = [];
  let wrapper: Wrapper | undefined;
  // The wrapper's options come first, then its operands (which end its options), then the command.
  let operands = 0;
  for (let i = 0; i < words.length; i++) {
    const { text, op } = words[i];
    if (op) {
      i++; // and its target
      continue;
    }
    if (wrapper && text.startsWith("-")) {
      if (wrapper.options.includes(text)) i++;
      continue;
    }
    if (operands > 0) {
      if (--operands === 0) wrapper = undefined;
      continue;
    }
    if (PREFIXES.has(text) || ASSIGNMENT.test(text)) continue;
    wrapper = WRAPPERS.get(text);
    if (!wrapper) return { index: i, wrappers };
    wrappers.push(text);
    operands = wrapper.operands ?? 0;
  }
  return { index: -1, wrappers };
}

/** The command's name without its directory (`/usr/bin/tee` is tee). */
export function commandName(words: Word[], at: number): string {
  if (at < 0) return "";
  const text = words[at].text;
  return text.slice(text.lastIndexOf("/") + 1);
}

/** The words after the command that are neither redirections nor their targets. */
export function argumentsOf(words: Word[], at: number): string[] {
  const args: string[] = [];
  for (let i = at + 1; i < words.length; i++) {
    if (words[i].op) i++;
    else args.push(words[i].text);
  }
  return args;
}

/** A word as the shell would read it back: bare when it holds no special character, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Values of a short option and its long form (`--output x`, `--output=x`). The short option may end a group of
 * letters and take the next word (`-o x`, `-fsSLo x`) or stand inside one and take the rest of it (`-ox`,
 * `-fsSLox`); a group reaching a letter of another option that takes a value (`valueLetters`) ends there, the rest
 * being that option's value. One pass over each word.
 */
export function optionValues(args: string[], short: string, long: string, valueLetters: string): string[] {
  const values: string[] = [];
  const letter = short[1];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === long) values.push(args[i + 1] ?? "");
    else if (a[long.length] === "=" && a.startsWith(long)) values.push(a.slice(long.length + 1));
    else if (a.length > 1 && a[0] === "-" && a[1] !== "-") {
      const value = groupValue(a, letter, valueLetters);
      if (value !== undefined) values.push(value === "" ? (args[i + 1] ?? "") : value);
    }
  }
  return values;
}

const ALPHANUMERIC = /[A-Za-z0-9]/;

/** In a group of short options, the value of `letter`'s option: "" when it takes the next word, else undefined. */
function groupValue(group: string, letter: string, valueLetters: string): string | undefined {
  for (let j = 1; j < group.length; j++) {
    const c = group[j];
    if (c === letter) return group.slice(j + 1);
    if (valueLetters.includes(c) || !ALPHANUMERIC.test(c)) return undefined;
  }
  return undefined;
}
