// What a sed command writes into a file: its script, as the shell hands it to sed (quotes removed), read command by
// command, so that `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` counts as hardening, `s/no/yes/` on a
// PasswordAuthentication line as the opposite, and the text of `a`, `c` and `i` (which may hold quotes and `;`) as
// the lines it inserts.
import { BoundedMemo } from "./bounded-memo";
import {
  deletionEdit,
  EditAddress,
  RegexSyntax,
  SedEdit,
  SedScript,
  StreamEdit,
  substitutionEdit,
  textEdit,
  UNADDRESSED,
} from "./userdata-sed-edits";
import { RangeEnd, rangeDeletion } from "./userdata-sed-ranges";
import { optionValues } from "./userdata-words";

/** Short options of sed that take a value. */
const SED_VALUES = "efl";
/** `-i`, also bundled (`-ni`, `-i.bak`). */
const IN_PLACE = /^-[A-Za-z]*i/;
/** `-E` or `-r`, also bundled, before a letter that takes a value. */
const EXTENDED = /^-[A-Za-dg-km-z]*[Er]/;

/** `sed -i SCRIPT FILE…`, `sed -i -e SCRIPT… FILE…`: in place or not, its scripts and files, its syntax. */
export function sedOperands(words: string[]): {
  inPlace: boolean;
  scripts: string[];
  files: string[];
  extended: boolean;
} {
  // BSD's `sed -i '' SCRIPT FILE`: the empty word is -i's suffix, not the script (GNU would find no script to run).
  const args = words.includes("") ? words.filter((a, i) => a !== "" || words[i - 1] !== "-i") : words;
  const inPlace = args.some((a) => IN_PLACE.test(a) || a.startsWith("--in-place"));
  const expressions = optionValues(args, "-e", "--expression", SED_VALUES);
  // A script file (-f) the reader cannot see: the operands are all files.
  const scriptFiles = optionValues(args, "-f", "--file", SED_VALUES);
  const lineLengths = optionValues(args, "-l", "--line-length", SED_VALUES);
  // Most runs give their script as the first operand: no option value to tell from the operands.
  const values =
    expressions.length + scriptFiles.length + lineLengths.length === 0
      ? undefined
      : new Set([...expressions, ...scriptFiles, ...lineLengths]);
  const operands = args.filter((a) => !a.startsWith("-") && values?.has(a) !== true);
  const given = expressions.length > 0 || scriptFiles.length > 0;
  const scripts = given ? expressions : operands.slice(0, 1);
  const files = given ? operands : operands.slice(1);
  // `-E`, `-r` (also bundled, as in `-ri`, before a letter that takes a value) or `--regexp-extended`.
  const extended = args.some((a) => EXTENDED.test(a) || a === "--regexp-extended");
  return { inPlace, scripts, files, extended };
}

/** `-n`, `--quiet`, `--silent`: sed prints only what its script says to (`p`), not every line it reads. */
export function sedQuiet(args: string[]): boolean {
  return args.some((a) => a === "--quiet" || a === "--silent" || quietGroup(a));
}

/**
 * A group of short options holding `-n` before any letter whose value is the rest of the group (`-e`, `-f`, `-l`,
 * `-i`'s suffix).
 */
function quietGroup(group: string): boolean {
  if (!group.startsWith("-") || group.startsWith("--")) return false;
  for (let j = 1; j < group.length; j++) {
    const c = group[j];
    if (c === "n") return true;
    if (c === "i" || SED_VALUES.includes(c)) return false;
  }
  return false;
}

/** A sed command's run: its script (several `-e` are one script, a line each, as sed joins them) and its files. */
export function sedStreamEdit(args: string[]): StreamEdit {
  const { inPlace, scripts, files, extended } = sedOperands(args);
  return { inPlace, files, script: sedScript(scripts.join("\n"), extended ? "extended" : "basic") };
}

/**
 * A script's `s`, `d`, `a`, `c` and `i` commands, in order. Boot scripts repeat the same sed lines across instances
 * and templates, and one scan reads a line for several purposes: each script is parsed once (the result is shared,
 * so it must not be changed).
 */
export function sedScript(script: string, syntax: "basic" | "extended"): SedScript {
  return parsedScripts.through(`${syntax[0]}${script}`, () => ({
    edits: new SedParser(script, syntax).parse(),
    syntax,
  }));
}

const parsedScripts = new BoundedMemo<string, SedScript>(1_000);

/** Commands that take no argument, or a number (`q5`, `l 70`); y is skipped like an `s`. */
const PLAIN = new Set([..."=DgGhHlLnNpPqQxzF"]);
/** Commands whose argument (a file, a version) runs to the end of the line. */
const TO_LINE_END = new Set([..."rRwWv"]);
/** Commands whose label runs to a `;` or the end of the line. */
const LABELLED = new Set([..."btT:"]);
const FLAGS = /[gpiImMe0-9]*/y;
const TEXT_ESCAPES: Record<string, string> = { n: "\n", t: "\t" };
const ADDRESS_FLAGS = /[IM]*/y;
const NUMBER = /[0-9]+/y;

/**
 * An address as read, before it applies: a range reaches lines its regexes do not name. `deletes`: where a deletion
 * over the range applies (see rangeDeletion), undefined when it deletes no line.
 */
type ReadAddress = EditAddress & { range?: boolean; deletes?: EditAddress };
/** An address regex or `s` command that does not close: sed refuses the script, the line is not read further. */
const BROKEN = "broken";

/**
 * One pass over a script, each character read once (an `s` command's end is found as `sedCommandEnd` says): its
 * commands, their addresses, `{…}` blocks whose commands take the block's address.
 */
class SedParser {
  private at = 0;
  private readonly edits: SedEdit[] = [];
  private readonly blocks: ReadAddress[] = [];

  constructor(
    private readonly script: string,
    private readonly syntax: RegexSyntax,
  ) {}

  parse(): SedEdit[] {
    while (this.at < this.script.length) {
      const c = this.script[this.at];
      if (c === "#") this.skipTo("\n");
      else if (c === "}") this.blocks.pop();
      else if (!" \t\r\n;".includes(c)) {
        this.command();
        continue;
      }
      this.at++;
    }
    return this.edits;
  }

  private command(): void {
    const own = this.address();
    if (own === BROKEN) return this.skipTo("\n");
    const block = this.blocks[this.blocks.length - 1];
    const address = own ?? block ?? UNADDRESSED;
    // A command's own address inside a block: the block's still bounds the lines it reaches.
    const enclosing = own === undefined ? undefined : block;
    this.skipBlanks();
    const c = this.script[this.at++];
    if (c === "{") this.blocks.push(enclosing ? bounded(address, blockReach(enclosing)) : address);
    else if (c === "s") this.substitution(address);
    else if (c === "y") this.skipSubstitution();
    // `e command` writes the command's output where it stands: read, like a text, for what it names.
    else if (c === "a" || c === "i" || c === "c" || c === "e") {
      // `c` replaces the lines it addresses: they are deleted, as `d` deletes them, and its text written.
      if (c === "c") this.deletion(address, enclosing);
      this.text();
    } else if (c === "d") this.deletion(address, enclosing);
    else if (TO_LINE_END.has(c)) this.skipTo("\n");
    else if (LABELLED.has(c)) this.skipTo(";\n");
    else if (PLAIN.has(c)) this.skip(NUMBER);
    else if (c === ";" || c === "\n" || c === "}")
      this.at--; // an address without a command: sed refuses it
    else this.skipTo(";\n"); // an unknown command: read on from the next one
  }

  /**
   * A deletion at an address; over a range, of what the range deletes from the stock lines (see rangeDeletion).
   * Inside a block (`enclosing`), only where the block's address reaches: a block over no stock line deletes none of
   * them, one the reader cannot place leaves the deletion unplaced too (`within`).
   */
  private deletion(address: ReadAddress, enclosing?: ReadAddress): void {
    const where = address.range ? address.deletes : address;
    if (where === undefined) return;
    const reach = enclosing === undefined ? "every" : blockReach(enclosing);
    if (reach !== "none") this.edits.push(deletionEdit(reach === "every" ? where : { ...where, within: true }));
  }

  /**
   * The address before a command, if any: a line number (or `$`), a `/regex/` or `\cregexc`, or a range of two
   * (`0,/re/`, `/a/,/b/`, `/re/,+2`, `first~step`), and `!`. A range is read as unaddressed: its command's own
   * pattern picks the lines, and `s//…/` reuses the range's regex, as sed does; a deletion over it, as rangeDeletion
   * says. A line number negated reaches every stock line, none of which is the first or the last.
   */
  private address(): ReadAddress | typeof BROKEN | undefined {
    const start = this.at;
    const first = this.addressPart();
    if (first === BROKEN || first === undefined) return first;
    let range = first.step;
    let reused = first.regex;
    let second: RangeEnd | undefined;
    if (this.script[this.at] === ",") {
      this.at++;
      const end = this.addressPart();
      if (end === BROKEN || end === undefined) return BROKEN;
      second = end;
      range = true;
      reused ??= second.regex;
    }
    // `1,$` reaches every line; another range, lines between its ends that the reader cannot place.
    const partial = range && !/^[01],\$$/.test(this.script.slice(start, this.at));
    let negated = false;
    for (; this.at < this.script.length && " \t!".includes(this.script[this.at]); this.at++)
      negated ||= this.script[this.at] === "!";
    if (range || (first.regex === undefined && negated)) {
      const deletes = rangeDeletion(first, second, negated);
      return { ...UNADDRESSED, reused, range: true, partial, deletes };
    }
    if (first.regex === undefined) return { ...UNADDRESSED, numbered: true };
    return { address: first.regex, addressFlags: first.flags, negated, numbered: false, reused: first.regex };
  }

  /**
   * One address: its regex (and flags) if it is one, else as spelt; `step` for `first~step` and the like, which reach
   * many lines.
   */
  private addressPart(): (RangeEnd & { step: boolean }) | typeof BROKEN | undefined {
    const { script } = this;
    const c = script[this.at];
    if (c === "$" || c === "+" || c === "~" || (c >= "0" && c <= "9")) {
      const start = this.at++;
      this.skip(NUMBER);
      const step = c === "~" || script[this.at] === "~";
      if (script[this.at] === "~") {
        this.at++;
        this.skip(NUMBER);
      }
      return { flags: "", step, spelt: script.slice(start, this.at) };
    }
    if (c !== "/" && !(c === "\\" && inLine(script[this.at + 1]) && script[this.at + 1] !== "\\")) return undefined;
    const delimiter = c === "/" ? "/" : script[this.at + 1];
    const from = this.at + (c === "/" ? 1 : 2);
    const end = regexEnd(script, from, delimiter);
    if (end < 0) return BROKEN;
    this.at = end + 1;
    const flags = this.skip(ADDRESS_FLAGS);
    return { regex: unescapeDelimiter(script.slice(from, end), delimiter), flags, step: false, spelt: "" };
  }

  /** An `s` command after its `s`: its pattern, replacement and flags; `s//…/` reuses the address's regex. */
  private substitution(address: ReadAddress): void {
    const { script } = this;
    const delimiter = script[this.at];
    const end = isDelimiter(delimiter) ? sedCommandEnd(script, this.at + 1, delimiter) : undefined;
    if (!end) return this.skipTo("\n");
    const written = unescapeDelimiter(script.slice(this.at + 1, end.replacement - 1), delimiter);
    const pattern = written === "" && address.reused !== undefined ? address.reused : written;
    const replacement = script.slice(end.replacement, end.close);
    this.at = end.close + 1;
    const flags = this.skip(FLAGS);
    if (script[this.at] === "w") this.skipTo("\n");
    this.edits.push(substitutionEdit(address, pattern, replacement, flags, this.syntax));
  }

  private skipSubstitution(): void {
    const delimiter = this.script[this.at];
    const end = isDelimiter(delimiter) ? sedCommandEnd(this.script, this.at + 1, delimiter) : undefined;
    if (end) this.at = end.close + 1;
    else this.skipTo("\n");
  }

  /**
   * The text of `a`, `c` or `i` after its letter, to the end of the line (`;` and `}` included): GNU's `a text` and
   * `a\text` on one line, or POSIX's `a\` with the text on the next (also from the next `-e`). A backslash escapes
   * the next character, so an escaped newline continues the text.
   */
  private text(): void {
    const { script } = this;
    this.skipBlanks();
    if (script[this.at] === "\\") {
      this.at++;
      if (script[this.at] === "\r") this.at++;
      if (script[this.at] === "\n") this.at++;
    }
    const from = this.at;
    while (this.at < script.length && script[this.at] !== "\n") this.at += script[this.at] === "\\" ? 2 : 1;
    this.at = Math.min(this.at, script.length);
    // GNU sed reads `\n` and `\t` in the text as a newline and a tab, any other escaped character as itself.
    const text = script.slice(from, this.at).replace(/\\([^])/g, (_m, c: string) => TEXT_ESCAPES[c] ?? c);
    this.edits.push(textEdit(text));
  }

  private skipBlanks(): void {
    while (this.script[this.at] === " " || this.script[this.at] === "\t") this.at++;
  }

  /** Moves to the next of `stops` (or the end), which the main loop then reads. */
  private skipTo(stops: string): void {
    while (this.at < this.script.length && !stops.includes(this.script[this.at])) this.at++;
  }

  /** Moves past what the sticky `pattern` matches here, and returns it. */
  private skip(pattern: RegExp): string {
    pattern.lastIndex = this.at;
    const m = pattern.exec(this.script)?.[0] ?? "";
    this.at += m.length;
    return m;
  }
}

/**
 * Which stock lines a block's address reaches: every one (`{`, `1,${`, `$!{`), none (`5{`, `1,$!{`), or lines the
 * reader cannot place (`/a/,/b/{`, `/re/{`, whose lines a command's own address must match too, `0,/re/{`).
 */
function blockReach(block: ReadAddress): "every" | "none" | "unplaced" {
  if (block.within === true) return "unplaced";
  const reached = block.range ? block.deletes : block;
  if (reached === undefined || reached.numbered) return "none";
  return reached.address === "" && reached.partial !== true && !reached.negated ? "every" : "unplaced";
}

/**
 * A block's address inside a block that reaches `reach`: as it is inside one over every line; over none of the stock
 * lines inside one over none; else whatever its commands delete cannot be placed either.
 */
function bounded(address: ReadAddress, reach: "every" | "none" | "unplaced"): ReadAddress {
  if (reach === "every") return address;
  if (reach === "none") return { ...UNADDRESSED, numbered: true };
  const deletes = address.deletes && { ...address.deletes, within: true };
  return { ...address, within: true, deletes };
}

/** Any character but a newline or backslash may delimit an `s` command. */
function isDelimiter(c: string | undefined): c is string {
  return c !== undefined && c !== "\\" && inLine(c);
}

/** Another delimiter escaped in a regex stands for itself (`s|a\|b|…|` matches "a|b"). */
function unescapeDelimiter(source: string, delimiter: string): string {
  return delimiter === "/" ? source : source.split(`\\${delimiter}`).join(delimiter);
}

/** The index of the unescaped `delimiter` that closes an address whose regex starts at `from` (on its line), or -1. */
function regexEnd(script: string, from: number, delimiter: string): number {
  let end = from;
  while (end < script.length && script[end] !== delimiter && inLine(script[end]))
    end += script[end] === "\\" && inLine(script[end + 1]) ? 2 : 1;
  return script[end] === delimiter ? end : -1;
}

/**
 * Where the `s` command whose pattern starts at `from` ends, as the regex `((?:\\.|(?!d).)*)d((?:\\.|(?!d).)*)d`
 * (d the delimiter) finds it: pattern and replacement run to a delimiter, a backslash escaping the next character or
 * standing for itself. That regex retries each way of reading a run of backslashes, exponential in its length; here
 * each part visits a position once, in the order the regex tries them, and the replacement's visits are shared by
 * every candidate end of the pattern (they fail alike).
 */
function sedCommandEnd(
  line: string,
  from: number,
  delimiter: string,
): { replacement: number; close: number } | undefined {
  const replacementSeen = new Set<number>();
  let close = -1;
  const pattern = sedPartEnd(line, from, delimiter, new Set<number>(), (p) => {
    if (line[p] !== delimiter) return false;
    close = sedPartEnd(line, p + 1, delimiter, replacementSeen, (q) => line[q] === delimiter);
    return close >= 0;
  });
  return pattern < 0 ? undefined : { replacement: pattern + 1, close };
}

/**
 * The first position at which a greedy `(?:\\.|(?!d).)*` started at `from` may stop and `accept` holds, in
 * backtracking order: from each position, first everything after an escape pair, then everything after a single
 * character, then stopping there. Positions in `seen` were explored before, and failed, so they are skipped.
 * Returns -1 when there is none.
 */
function sedPartEnd(
  line: string,
  from: number,
  delimiter: string,
  seen: Set<number>,
  accept: (position: number) => boolean,
): number {
  if (seen.has(from)) return -1;
  seen.add(from);
  const positions = [from];
  const steps = [0];
  while (positions.length > 0) {
    const top = positions.length - 1;
    const p = positions[top];
    const step = steps[top]++;
    if (step === 2) {
      positions.pop();
      steps.pop();
      if (accept(p)) return p;
      continue;
    }
    let next = -1;
    if (step === 0 && line[p] === "\\" && inLine(line[p + 1])) next = p + 2; // an escape pair
    if (step === 1 && inLine(line[p]) && line[p] !== delimiter) next = p + 1; // one character
    if (next >= 0 && !seen.has(next)) {
      seen.add(next);
      positions.push(next);
      steps.push(0);
    }
  }
  return -1;
}

/** What `.` matches: a character that is not a line terminator. */
function inLine(c: string | undefined): boolean {
  return c !== undefined && !/[\n\r\u2028\u2029]/.test(c);
}
