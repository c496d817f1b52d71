// `grep -v '^PasswordAuthentication' /etc/ssh/sshd_config > /tmp/s && mv /tmp/s /etc/ssh/sshd_config`: an inverted
// grep whose output goes to a file is a deletion, as sed's `/re/d` is, of the lines its patterns match. Its run is
// read as that sed script, so the stock-line replay sees a hardened line taken away. Whole-line (-x) and whole-word
// (-w) matching wrap each pattern; patterns read from a file (-f) are the text the script wrote there, if it did.
import { ParsedCommand } from "./userdata-destinations";
import { deletionEdit, RegexSyntax, SedScript, UNADDRESSED } from "./userdata-sed-edits";
import { appendAll } from "./arrays";

const GREPS = new Set(["grep", "egrep", "fgrep"]);
/** Short options that take a value, glued (`-fpats`, `-ve PATTERN`) or as the next word. */
const VALUE_LETTERS = "efABCmdD";
/** Long options that take a value as the next word when not given with `=`. */
const VALUE_OPTIONS = new Set(["--max-count", "--after-context", "--before-context", "--context", "--directories"]);
/**
 * Pattern files of more lines are read as unknown: each grep reading one would otherwise cost its size again. A real
 * list of lines to drop is a handful.
 */
const MAX_FILE_PATTERNS = 64;
/** Runs that print counts, names or matched parts, not lines: no deletion. */
const NOT_LINES = /^--(?:count|files-with|files-without|only-matching)/;

/** What an inverted grep keeps out: its patterns as a sed script of deletions, and the files it reads. */
export interface InvertedGrep {
  script: SedScript;
  files: string[];
  /** A pattern file (-f) whose text the script did not write: what it deletes cannot be told. */
  unknownPatterns?: string;
}

/** The text the script wrote to a file, when it is known. */
export type KnownText = (path: string) => string | undefined;

type Syntax = RegexSyntax | "fixed";
type Whole = "line" | "word" | undefined;

/**
 * The deletions of `grep -v`; undefined for another command, a grep that is not inverted, or one that prints counts,
 * names or matched parts rather than lines. `patternFile` gives the text of an -f file the script wrote.
 */
export function invertedGrep(
  { name, args }: ParsedCommand,
  patternFile: KnownText = () => undefined,
): InvertedGrep | undefined {
  // Nearly every command is no inverted grep: answered before the arguments are read.
  if (!GREPS.has(name) || !args.some((a) => a === "--invert-match" || /^-[a-zA-Z]*v/.test(a))) return undefined;
  const run = { syntax: (name === "egrep" ? "extended" : name === "fgrep" ? "fixed" : "basic") as Syntax };
  const options = { ignoreCase: false, whole: undefined as Whole };
  const patterns: string[] = [];
  const operands: string[] = [];
  let unknownPatterns: string | undefined;
  const value = (option: string, text: string) => {
    if (option === "e") patterns.push(text);
    if (option !== "f") return;
    // A file's last newline ends its last pattern; it starts no empty one.
    const known = text === "-" ? undefined : patternFile(text)?.replace(/\r?\n$/, "");
    if (known !== undefined && known.split("\n").length <= MAX_FILE_PATTERNS) patterns.push(known);
    else unknownPatterns ??= text;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      appendAll(operands, args.slice(i + 1));
      break;
    } else if (a.startsWith("--")) {
      const [option, glued] = a.split(/=(.*)/s);
      if (NOT_LINES.test(option)) return undefined;
      const given = () => glued ?? args[++i] ?? "";
      if (option === "--regexp") value("e", given());
      else if (option === "--file") value("f", given());
      else if (VALUE_OPTIONS.has(option) && glued === undefined) i++;
      else longFlag(option, run, options);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const letter = a[j];
        if (VALUE_LETTERS.includes(letter)) {
          const text = j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? "");
          value(letter, text);
          break;
        }
        if ("clLo".includes(letter)) return undefined;
        shortFlag(letter, run, options);
      }
    } else operands.push(a);
  }
  // Without -e or -f the first operand is the pattern.
  if (patterns.length === 0 && unknownPatterns === undefined) patterns.push(operands.shift() ?? "");
  const sources = patterns
    // grep reads a pattern of several lines as several patterns.
    .flatMap((p) => p.split("\n"))
    .map((p) => wholeMatch(run.syntax === "fixed" ? p.replace(/[\\.[\]*^$]/g, "\\$&") : p, run.syntax, options.whole));
  const addressFlags = options.ignoreCase ? "I" : "";
  const edits = sources.map((address) => deletionEdit({ ...UNADDRESSED, address, addressFlags }));
  const syntax: RegexSyntax = run.syntax === "fixed" ? "basic" : run.syntax;
  const grep: InvertedGrep = { script: { edits, syntax }, files: operands };
  if (unknownPatterns !== undefined) grep.unknownPatterns = unknownPatterns;
  return grep;
}

function shortFlag(letter: string, run: { syntax: Syntax }, options: { ignoreCase: boolean; whole: Whole }): void {
  if (letter === "E") run.syntax = "extended";
  else if (letter === "P") run.syntax = "perl";
  else if (letter === "F") run.syntax = "fixed";
  else if (letter === "G") run.syntax = "basic";
  else if (letter === "i" || letter === "y") options.ignoreCase = true;
  else if (letter === "x") options.whole = "line";
  // -x wins over -w, as in GNU grep.
  else if (letter === "w" && options.whole === undefined) options.whole = "word";
}

const LONG_FLAGS: Record<string, string> = {
  "--extended-regexp": "E",
  "--perl-regexp": "P",
  "--fixed-strings": "F",
  "--basic-regexp": "G",
  "--ignore-case": "i",
  "--line-regexp": "x",
  "--word-regexp": "w",
};

function longFlag(option: string, run: { syntax: Syntax }, options: { ignoreCase: boolean; whole: Whole }): void {
  const letter = LONG_FLAGS[option];
  if (letter !== undefined) shortFlag(letter, run, options);
}

/**
 * A pattern as the sed address that matches the same lines: under -x the whole line, under -w a match with no word
 * character either side. An empty pattern matches every line (under -x, only empty ones).
 */
function wholeMatch(pattern: string, syntax: Syntax, whole: Whole): string {
  if (whole === "line") {
    if (syntax === "fixed") return `^${pattern}$`;
    return syntax === "basic" ? `^\\(${pattern}\\)$` : syntax === "perl" ? `^(?:${pattern})$` : `^(${pattern})$`;
  }
  if (pattern === "") return "^";
  if (whole !== "word") return pattern;
  if (syntax === "basic" || syntax === "fixed") return `\\(^\\|\\W\\)\\(${pattern}\\)\\(\\W\\|$\\)`;
  return syntax === "perl" ? `(?:^|\\W)(?:${pattern})(?:\\W|$)` : `(^|\\W)(${pattern})(\\W|$)`;
}
