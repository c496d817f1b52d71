// What a sed command writes into a file: the text its `s` replacements and `a`/`c`/`i` commands put in, so that
// `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` counts as hardening and `s/no/yes/` on a
// PasswordAuthentication line as the opposite. Its edits are also kept in order, raw, for the uncommenting model.
import { DIRECTIVE } from "./userdata-sshd-directives";
import { optionValues } from "./userdata-words";
import { BoundedMemo } from "./bounded-memo";

/**
 * `a`, `c` and `i` write their text verbatim: after a `/regex/` address, at the start of an expression (unaddressed)
 * or after a line-number address, the text following a backslash or a blank (`/^PermitRootLogin/c\PermitRootLogin
 * yes`, `a PermitRootLogin yes`, `$a PermitRootLogin yes`). After a number the text may follow the letter at once
 * (`1iText`); elsewhere a letter glued to a word is a path or a word (`/app`, `'add'`), not a command.
 */
const VERBATIM = /(?:(?:\/|['";{])\s*[aci](?:\\\s*|\s+)|(?:^|['"\s;{])[0-9$]+\s*[aci]\\?\s*)([^'"]+)/g;
/** `-E`, `-r` (also bundled, as in `-ri`) or `--regexp-extended`: groups are bare parentheses. */
const EXTENDED = /\s-[A-Za-z]*[Er]|--regexp-extended/;

/** Short options of sed that take a value. */
const SED_VALUES = "efl";

/** `sed -i SCRIPT FILE…` or `sed -i -e SCRIPT… FILE…`: whether it edits in place, its scripts and its files. */
export function sedOperands(args: string[]): { inPlace: boolean; scripts: string[]; files: string[] } {
  const inPlace = args.some((a) => /^-[A-Za-z]*i/.test(a) || a.startsWith("--in-place"));
  const expressions = optionValues(args, "-e", "--expression", SED_VALUES);
  const operands = args.filter((a) => !a.startsWith("-") && !expressions.includes(a));
  const scripts = expressions.length > 0 ? expressions : operands.slice(0, 1);
  const files = expressions.length > 0 ? operands : operands.slice(1);
  return { inPlace, scripts, files };
}

/** One command of a sed script. */
export interface SedEdit {
  /** `s` substitutes, `d` deletes the addressed lines, `text` is the text of `a`, `c` or `i`. */
  command: "s" | "d" | "text";
  /** The source of the `/regex/` address before the command, "" when there is none. */
  address: string;
  /** The address is negated (`/regex/!s/…/`): the command applies to the lines it does not match. */
  negated: boolean;
  /** A line-number address (`1s/…/`, `$d`): the command touches one line, not each line it matches. */
  numbered: boolean;
  /** The `s` pattern and replacement as written, and its flags (`g`, `I`, a count). */
  pattern: string;
  replacement: string;
  flags: string;
  /** The replacement read as text (backreferences resolved), or the verbatim text. */
  text: string;
  /** What the command writes as the checks read it: the text, prefixed by the directive its address names. */
  written: string;
}

export interface SedScript {
  readonly edits: readonly SedEdit[];
  /** Patterns are extended regular expressions (-E, -r). */
  readonly extended: boolean;
}

/**
 * For a sed command, the text it writes: the replacements of its `s` commands (backreferences resolved; for an
 * `s` addressed to a directive's line, that directive with the replacement) and the text of `a`/`c`/`i` commands
 * (a deletion writes nothing).
 */
export function sedReplacements(command: string): string {
  return sedScript(command)
    .edits.filter((e) => e.command !== "d")
    .map((e) => e.written)
    .join("\n");
}

/**
 * A sed command's `s`, `d`, `a`, `c` and `i` commands, in the order they appear (verbatim texts last). Boot scripts
 * repeat the same sed lines across instances and templates, and one scan reads a line for several purposes: each
 * command is parsed once (the result is shared, so it must not be changed).
 */
export function sedScript(command: string): SedScript {
  return parsedScripts.through(command, () => parseSedScript(command));
}

const parsedScripts = new BoundedMemo<string, SedScript>(1_000);

function parseSedScript(command: string): SedScript {
  const extended = EXTENDED.test(command);
  const edits: SedEdit[] = [];
  // An expression starts after a quote, blank, `;` or `{`, never inside a word like "yes/": an `s` command (maybe
  // behind a line-number address or range) or a `/regex/` address (maybe ending a range, as in `0,/regex/`).
  const start = /(?:^|['"\s;{])(?:([0-9$,]*)s([/|#@,])|([0-9$]+,)?\/)/g;
  for (let m = start.exec(command); m; m = start.exec(command)) {
    const at = m.index + m[0].length;
    // `1,$s/…/` is a range over every line, not one numbered line.
    const numbered = m[1] !== undefined && m[1] !== "" && !m[1].includes(",");
    const unaddressed = { address: "", negated: false, numbered };
    start.lastIndex =
      m[2] !== undefined
        ? (substitution(command, at, m[2], unaddressed, extended, edits) ?? m.index + 1)
        : addressed(command, at, extended, edits, m[3] !== undefined);
  }
  for (const v of command.matchAll(VERBATIM)) edits.push(verbatim(v[1]));
  return { edits, extended };
}

function verbatim(text: string): SedEdit {
  const none = { address: "", negated: false, numbered: false, pattern: "", replacement: "", flags: "" };
  return { command: "text", ...none, text, written: text };
}

/** Where a command applies, and the regex an empty `s//…/` pattern stands for (sed reuses the last one). */
type Address = Pick<SedEdit, "address" | "negated" | "numbered"> & { reused?: string };

/**
 * The `/regex/` address whose pattern starts at `from`, and the `s` or `d` command after it if any (added to
 * `edits`). Returns where to look for the next expression. The address ends at the first unescaped `/`, found in one
 * pass; a later address cannot start before it, so the passes never overlap.
 *
 * A range (`0,/re/`, `/re/,/re2/`, `/re/,$`) reaches lines its regexes do not match, so its command is read as
 * unaddressed: its own pattern picks the lines, and `s//…/` reuses the range's regex, as sed does.
 */
function addressed(command: string, from: number, extended: boolean, edits: SedEdit[], rangeEnd: boolean): number {
  const end = addressEnd(command, from);
  if (end < 0) return from;
  let p = end + 1;
  let range = rangeEnd;
  if (command[p] === ",") {
    const second =
      command[p + 1] === "/" ? addressEnd(command, p + 2) : p + command.slice(p + 1, p + 24).search(/[^0-9$+~]|$/);
    if (second < 0) return end + 1;
    p = second + 1;
    range = true;
  }
  let negated = false;
  for (; p < command.length && " \t!{".includes(command[p]); p++) negated ||= command[p] === "!";
  const source = command.slice(from, end);
  const address = { address: range ? "" : source, negated: range ? false : negated, numbered: false, reused: source };
  // A `d` ends its command; in a path (`/srv/data`) a letter follows it.
  if (command[p] === "d" && !/\w/.test(command[p + 1] ?? "")) {
    if (range) return p + 1; // a range deletes lines its regexes do not name: not simulated
    edits.push({
      command: "d",
      address: source,
      negated,
      numbered: false,
      pattern: "",
      replacement: "",
      flags: "",
      text: "",
      written: "",
    });
    return p + 1;
  }
  const delimiter = command[p + 1];
  if (command[p] !== "s" || delimiter === undefined || !"/|#@,".includes(delimiter)) return end + 1;
  return substitution(command, p + 2, delimiter, address, extended, edits) ?? end + 1;
}

/** The index of the unescaped `/` that closes an address whose regex starts at `from` (on its line), or -1. */
function addressEnd(command: string, from: number): number {
  let end = from;
  while (end < command.length && command[end] !== "/" && inLine(command[end]))
    end += command[end] === "\\" && inLine(command[end + 1]) ? 2 : 1;
  return command[end] === "/" ? end : -1;
}

/**
 * Reads the `s` command whose pattern starts at `from` and adds it to `edits`: what it writes is the replacement
 * with backreferences resolved, prefixed by the directive its address names when the replacement names none (the
 * addressed line keeps its keyword). Returns the position after the command, or undefined when it does not close.
 */
function substitution(
  command: string,
  from: number,
  delimiter: string,
  address: Address,
  extended: boolean,
  edits: SedEdit[],
): number | undefined {
  const end = sedCommandEnd(command, from, delimiter);
  if (!end) return undefined;
  const { reused, ...where } = address;
  const written = command.slice(from, end.replacement - 1);
  const source = written === "" && reused !== undefined ? reused : written;
  const replacement = command.slice(end.replacement, end.close);
  const text = replacementText(source, replacement, extended);
  const directive = DIRECTIVE.exec(address.address)?.[0];
  const writes = directive && !DIRECTIVE.test(text) ? `${directive} ${text}` : text;
  const flags = /^[gGiIpmM0-9]*/.exec(command.slice(end.close + 1, end.close + 17))?.[0] ?? "";
  // Another delimiter escaped in the pattern stands for itself (`s|a\|b|…|` matches "a|b").
  const pattern = delimiter === "/" ? source : source.split(`\\${delimiter}`).join(delimiter);
  edits.push({ command: "s", ...where, pattern, replacement, flags, text, written: writes });
  return end.close + 1;
}

/**
 * The replacement as text: `\1`…`\9` and `&` stand for (an approximation of) what the pattern's groups and the
 * whole pattern match, other escapes for the character. Expansions stop once the text outgrows its inputs, so a
 * replacement of many `&` cannot multiply a long pattern.
 */
function replacementText(pattern: string, replacement: string, extended: boolean): string {
  const whole = literal(pattern);
  const groups = groupSources(pattern, extended).map((g) => (g === undefined ? "" : literal(g)));
  const budget = 2 * (pattern.length + replacement.length) + 64;
  let out = "";
  const expand = (text: string) => {
    if (out.length + text.length <= budget) out += text;
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "&") expand(whole);
    else if (c !== "\\" || i + 1 === replacement.length) out += c;
    else {
      const e = replacement[++i];
      if (e >= "1" && e <= "9") expand(groups[Number(e)] ?? "");
      else out += e === "n" ? "\n" : e === "t" ? "\t" : e;
    }
  }
  return out;
}

/**
 * The source of the pattern's groups 1 to 9 (sed has no others), found in one pass: BRE groups are `\( \)`, ERE
 * groups bare parentheses.
 */
function groupSources(pattern: string, extended: boolean): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  const open: { n: number; from: number }[] = [];
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const escaped = pattern[i] === "\\";
    const c = escaped ? pattern[++i] : pattern[i];
    if (escaped === extended) continue; // a literal parenthesis, or no parenthesis at all
    if (c === "(") open.push({ n: ++count, from: i + 1 });
    if (c !== ")") continue;
    const g = open.pop();
    if (g && g.n <= 9) groups[g.n] = pattern.slice(g.from, escaped ? i - 1 : i);
  }
  return groups;
}

/** Roughly the text a regex matches, enough to read a directive and its value: blank classes become a space. */
function literal(source: string): string {
  return source
    .replace(/\[\[:(?:space|blank):\]\]|\\[st]/g, " ")
    .replace(/\\(.)|[\^$*.?+()[\]{}|]/g, (_m, escaped: string | undefined) =>
      escaped === undefined || "?+(){}|".includes(escaped) ? "" : escaped,
    );
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
