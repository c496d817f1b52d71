// A command substitution standing as a command's operand (`sed -i '…' $(find /etc/ssh -name sshd_config)`) gives
// that command the words its output holds: file names, never options of the outer command. A program that lists
// files is read for the files it may list: find's for the files under its starting points whose name matches its
// `-name` (`/etc/ssh/**/sshd_config`, a pattern the path checks read as any file it may match), grep -l's for the
// files it searches, ls's for its operands. Any other substitution is left to the word reader as before. Hostile
// input: one forward scan that stops at the first character a simple listing cannot hold, so a line of many
// substitutions is read in one pass.
import { appendAll } from "./arrays";
import { globMayMatch, MAX_ALTERNATIVES } from "./userdata-path-patterns";

/** What a substitution at a word's start lists: its output words, and where the substitution ends. */
export interface ListedFiles {
  words: string[];
  end: number;
}

/** The programs whose output is read as file names, and what they list. */
const LISTERS: ReadonlyMap<string, (args: string[]) => string[] | undefined> = new Map([
  ["find", findOutput],
  ["grep", grepOutput],
  ["egrep", grepOutput],
  ["fgrep", grepOutput],
  ["ls", lsOutput],
]);
/** `$(name ` or `` `name `` opening a listing (the name then a blank): looked for before any scan. */
const OPENING = /^(?:\$\(|`)[ \t]*(find|grep|egrep|fgrep|ls)[ \t]/;
/** Characters a simple listing holds none of outside quotes: nested substitutions, expansions, groups, pipes. */
const STOPS = new Set(["$", "`", "(", "<", ">", "|", ";", "&", "\n", "\\", "{", "}"]);
/** A word as long as no path: past it, the listing is not read. */
const MAX_WORD = 4096;

/**
 * The file names a substitution opening at `at` lists (`$(find …)`, `` `ls …` ``), when it is a known listing whose
 * text holds nothing but plain words and quotes, and nothing follows it in its word; else undefined. `words` splits
 * the inner text (it holds no substitution, so that split is linear).
 */
export function listedFiles(
  command: string,
  at: number,
  words: (text: string) => string[],
  quoted = false,
): ListedFiles | undefined {
  const head = OPENING.exec(command.slice(at, at + 16));
  if (head === null) return undefined;
  const closer = command[at] === "`" ? "`" : ")";
  const from = at + (closer === "`" ? 1 : 2);
  let quote = "";
  let i = from;
  for (; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "$" || c === "`" || c === "\\") return undefined;
      continue;
    }
    if (c === closer) break;
    if (c === "'" || c === '"') quote = c;
    else if (STOPS.has(c)) return undefined;
  }
  if (i >= command.length || i - from > MAX_WORD) return undefined;
  // Quoted whole (`"$(find …)"`), it is one word: the name it lists, when it lists one.
  if (quoted && command[i + 1] !== '"') return undefined;
  const end = i + (quoted ? 2 : 1);
  // A substitution joined to more of its word (`$(find …).bak`) names files the reader cannot spell.
  if (end < command.length && !/[ \t;&|)<>]/.test(command[end])) return undefined;
  const inner = words(command.slice(from, i));
  const output = LISTERS.get(head[1])?.(inner.slice(1));
  return output === undefined ? undefined : { words: output, end };
}

/** find's options before its starting points. */
const FIND_LEADING = /^-(?:[HLP]|O\d*|D)$/;
/** find's tests and actions that take the next word as their value. */
const FIND_VALUED = new Set([
  "-name",
  "-iname",
  "-path",
  "-ipath",
  "-wholename",
  "-iwholename",
  "-regex",
  "-iregex",
  "-lname",
  "-ilname",
  "-type",
  "-xtype",
  "-maxdepth",
  "-mindepth",
  "-newer",
  "-anewer",
  "-cnewer",
  "-perm",
  "-user",
  "-group",
  "-uid",
  "-gid",
  "-size",
  "-mtime",
  "-mmin",
  "-atime",
  "-amin",
  "-ctime",
  "-cmin",
  "-used",
  "-fstype",
  "-inum",
  "-links",
  "-samefile",
  "-regextype",
  "-context",
  "-files0-from",
]);
/** find's actions that run a command, up to `;` or `+`. */
const FIND_ACTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
/** Actions that print something other than the names found, or run a command: find's output is then unknown. */
const FIND_OTHER_OUTPUT = new Set([
  "-exec",
  "-execdir",
  "-ok",
  "-okdir",
  "-printf",
  "-fprintf",
  "-fprint",
  "-fprint0",
  "-fls",
  "-ls",
]);

/**
 * The files `find ARGS` prints, as patterns: for each starting point, any file below it (or itself) whose name
 * matches a `-name` that is not negated (`DIR/**\/NAME`), or any file below it when no such name narrows the search
 * (`DIR/**`). Undefined when it prints something else, or lists past the bound on alternatives.
 */
function findOutput(args: string[]): string[] | undefined {
  return args.some((a) => FIND_OTHER_OUTPUT.has(a)) ? undefined : findMatches(args);
}

/**
 * The files a `find ARGS` matches, as patterns (see findOutput), whatever it does with them (`-exec … {} \;`).
 * Undefined past the bound on alternatives.
 */
export function findMatches(args: readonly string[]): string[] | undefined {
  let i = 0;
  while (i < args.length && FIND_LEADING.test(args[i])) i++;
  const starts: string[] = [];
  for (; i < args.length && !isExpression(args[i]); i++) starts.push(args[i]);
  if (starts.length === 0) starts.push(".");
  const names: string[] = [];
  let anyName = false;
  let negated = false;
  let narrowed = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (FIND_ACTIONS.has(a)) {
      // The command an action runs is no part of the search.
      while (i < args.length && args[i] !== ";" && args[i] !== "+") i++;
      continue;
    }
    if (a === "!" || a === "-not") {
      negated = true;
      continue;
    }
    if (a === "-name" || a === "-iname") {
      const name = args[i + 1] ?? "";
      // A negated name, or one holding a slash (which matches no name), narrows nothing.
      if (negated || name.includes("/")) anyName = true;
      else names.push(a === "-iname" ? anyCase(name) : name);
      narrowed = true;
    }
    if (FIND_VALUED.has(a)) i++;
    negated = false;
  }
  if (!narrowed || anyName) names.length = 0;
  const output: string[] = [];
  for (const start of starts) {
    const base = start.replace(/\/+$/, "") || "/";
    const below = base === "/" ? "" : base;
    // Searched from above sshd's folder (`find / …`, `find /etc …`), it may list sshd's files: named so too, as the
    // path checks tell sshd's files by their folder.
    const folders = SSHD_FOLDER.startsWith(`${below}/`) && below !== SSHD_FOLDER ? [below, SSHD_FOLDER] : [below];
    for (const folder of folders) {
      if (names.length === 0) output.push(`${folder}/**`);
      for (const name of names) output.push(`${folder}/**/${name}`);
    }
    for (const name of names) {
      // A starting point is printed too when its own name matches (`find /etc/ssh/sshd_config -name sshd_config`).
      const own = base.slice(base.lastIndexOf("/") + 1);
      if (own !== "" && globMayMatch(name, own)) output.push(base);
    }
    if (output.length > MAX_ALTERNATIVES) return undefined;
  }
  return output;
}

const SSHD_FOLDER = "/etc/ssh";

/** A word that starts find's expression: a test, an action, an operator, a parenthesis. */
function isExpression(word: string): boolean {
  return (word.startsWith("-") && word.length > 1) || word === "!" || word === "(" || word === ")" || word === ",";
}

/** A `-iname` pattern as one that matches either case of each letter. */
function anyCase(name: string): string {
  return name.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** grep's options that take the next word as their value. */
const GREP_VALUED = new Set([
  "-e",
  "-f",
  "-m",
  "-A",
  "-B",
  "-C",
  "-d",
  "-D",
  "--include",
  "--exclude",
  "--exclude-dir",
]);
/** grep's short options that take the rest of their group, or the next word, as their value. */
const GREP_VALUE_LETTERS = "efmABCdD";

/**
 * The files `grep -l ARGS` (or `-L`) prints: those it searches, each with any file below it when it searches
 * recursively. Undefined without -l or -L (it prints lines, not names).
 */
function grepOutput(args: string[]): string[] | undefined {
  let lists = false;
  let recursive = false;
  let patternGiven = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      appendAll(operands, args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      lists ||= a === "--files-with-matches" || a === "--files-without-match";
      recursive ||= a === "--recursive" || a === "--dereference-recursive";
      patternGiven ||= a.startsWith("--regexp") || a.startsWith("--file");
      if (GREP_VALUED.has(a)) i++;
      continue;
    }
    if (a.length > 1 && a.startsWith("-")) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        lists ||= c === "l" || c === "L";
        recursive ||= c === "r" || c === "R";
        if (!GREP_VALUE_LETTERS.includes(c)) continue;
        patternGiven ||= c === "e" || c === "f";
        if (j === a.length - 1) i++;
        break;
      }
      continue;
    }
    operands.push(a);
  }
  if (!lists) return undefined;
  const files = patternGiven ? operands : operands.slice(1);
  // Searching its input, it prints no file's name.
  if (files.length === 0 && !recursive) return undefined;
  if (files.length === 0) files.push(".");
  if (files.length > MAX_ALTERNATIVES) return undefined;
  return recursive ? files.map((f) => `${f.replace(/\/+$/, "")}/**`) : files;
}

/**
 * What `ls ARGS` prints, as the word reader has always read it: the name `ls` (a name in the working directory,
 * where a folder's listing puts its entries) and its operands; its options are no file names.
 */
function lsOutput(args: string[]): string[] {
  return ["ls", ...args.filter((a) => !(a.length > 1 && a.startsWith("-")))];
}

/**
 * The file names a pipeline stage prints for the xargs after it (`ls /etc/ssh/sshd_config | xargs sed -i …`): a find,
 * a grep -l, an ls (its operands), an echo of plain words. Undefined for anything else, or past the bound on
 * alternatives.
 */
export function stageListing(name: string, args: string[]): string[] | undefined {
  if (name === "echo") {
    let i = 0;
    while (i < args.length && /^-[neE]+$/.test(args[i])) i++;
    const words = args.slice(i).flatMap((a) => a.split(/[ \t\n]+/).filter((w) => w !== ""));
    return words.length > 0 && words.length <= MAX_ALTERNATIVES ? words : undefined;
  }
  if (name === "ls") {
    const operands = lsOutput(args).slice(1);
    return operands.length > 0 && operands.length <= MAX_ALTERNATIVES ? operands : undefined;
  }
  return LISTERS.get(name)?.(args);
}
