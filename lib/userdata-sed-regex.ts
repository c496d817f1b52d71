// sed's regular expressions — POSIX basic, or extended under -E/-r, with GNU's `\?`, `\+`, `\|`, `\s`, `\w` — run
// on the stock sshd_config lines a script may uncomment. They are translated here into RE2's syntax and matched by
// re2js, whose automata take time linear in the line whatever the pattern's quantifiers.
import type { RE2JS } from "re2js";
import { BoundedMemo } from "./bounded-memo";
import { PlainPattern, plainMatch, plainPattern, requiredLiteral } from "./userdata-sed-plain";

/** re2js loads with the first pattern compiled: most resources carry no sed script, and the pack's start-up is timed. */
let re2jsModule: typeof import("re2js") | undefined;
const re2js = (): typeof import("re2js") => (re2jsModule ??= require("re2js"));

export interface SedRegex {
  compiled: RE2JS;
  /** About the instructions of the compiled program: what one character of a scan costs. */
  size: number;
  /** Text every match contains, when known: a line without it is not run through the automaton. */
  literal?: string;
  /** The pattern is plain enough to be matched without the automaton. */
  plain?: PlainPattern;
}

export interface SedMatch {
  start: number;
  end: number;
  /** The groups as matched, from group 1; undefined for a group that took no part. */
  groups: (string | undefined)[];
}

/**
 * Work one user-data scan may spend simulating sed, in instructions times characters: hostile scripts of many large
 * patterns would otherwise cost their size times the lines' length. Real scripts spend tens of thousands.
 */
export class MatchBudget {
  constructor(public remaining = 10_000_000) {}
}

/**
 * Why an edit is not replayed once the budget is spent: what it does to sshd's configuration is not known, so the
 * caller reports it as content left unread (see Findings.leftUnread) rather than as no match.
 */
export const BUDGET_SPENT = "sed edits past the scan's matching budget of 10,000,000 steps";

/** Longer patterns, or ones that expand to larger programs, are not sshd_config edits: they are left unread. */
export const MAX_PATTERN = 512;
export const MAX_SIZE = 2048;
/** Compiling an instruction costs about as much as running it over a thousand characters. */
const COMPILE_COST = 1024;
/** RE2 runs no larger count in an interval; GNU sed's (RE_DUP_MAX) go to 32767. */
const MAX_RE2_COUNT = 1000;
const MAX_SED_COUNT = 32767;

/**
 * Told why a pattern sed (or perl) would run was not compiled: a cap of the reader (its length, its program's size,
 * an interval's count) or the spent budget, not what the pattern is. A malformed pattern, which sed refuses too, or
 * one RE2 cannot run (a backreference) is not told.
 */
export type Refused = (why: string) => void;

/** Thrown by a translator on a pattern its engine would run but the reader's caps refuse: `why` says which. */
export class TooLarge extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/**
 * The compiled pattern, or undefined when it uses what RE2 cannot run (backreferences), is malformed or too large,
 * or when `budget` is spent; `refused` is told when a cap or the budget kept it uncompiled.
 */
export function compileSedRegex(
  source: string,
  extended: boolean,
  ignoreCase = false,
  budget = new MatchBudget(),
  refused?: Refused,
): SedRegex | undefined {
  const key = `${extended ? "E" : "B"}${ignoreCase ? "I" : "-"}${source}`;
  // POSIX matching is leftmost-longest, where RE2's default is leftmost-first.
  const options = { longest: true, ignoreCase };
  const translate = () => translatedWithLiteral(source, extended, ignoreCase);
  return compileTranslated(key, source, translate, options, budget, refused);
}

/**
 * The pattern in RE2's syntax and, unless case is folded, what lets lines be matched without the automaton: the text
 * every match contains, the pattern itself when it is plain. Throws TooLarge past a cap.
 */
function translatedWithLiteral(source: string, extended: boolean, ignoreCase: boolean): Translated | undefined {
  const translated = translateOrTooLarge(source, extended);
  if (translated === undefined || ignoreCase) return translated;
  return { ...translated, literal: requiredLiteral(source, extended), plain: plainPattern(source, extended) };
}

/** A pattern translated into RE2's syntax, with the size of its program. */
export interface Translated {
  re2: string;
  size: number;
  /** Text every match contains, if known, and the pattern read as plain, if it is. */
  literal?: string;
  plain?: PlainPattern;
}

export interface CompileOptions {
  /** Leftmost-longest (POSIX) rather than leftmost-first (Perl) matching. */
  longest: boolean;
  ignoreCase: boolean;
}

/**
 * Compiles a pattern of any dialect once `translate` has put it in RE2's syntax; undefined when it is too long or
 * too large, unreadable, or when `budget` is spent. `key` names the pattern, its dialect and options.
 */
export function compileTranslated(
  key: string,
  source: string,
  translate: () => Translated | undefined,
  options: CompileOptions,
  budget: MatchBudget,
  refused?: Refused,
): SedRegex | undefined {
  const dialect = key.startsWith("P") ? "a perl" : "a sed";
  if (source.length > MAX_PATTERN) {
    refused?.(`${dialect} pattern past ${MAX_PATTERN} characters`);
    return undefined;
  }
  // Scripts repeat the same few patterns across resources: each is translated and compiled once.
  const known = compiledPatterns.get(key);
  if (known !== undefined) {
    if (isRefusal(known)) {
      if (known.why !== undefined) refused?.(known.why);
      return undefined;
    }
    return known;
  }
  let translated: Translated | undefined;
  try {
    translated = translate();
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    compiledPatterns.set(key, { why: `${dialect} pattern ${e.why}` });
    refused?.(`${dialect} pattern ${e.why}`);
    return undefined;
  }
  if (!translated || translated.size > MAX_SIZE) {
    const why = translated ? `${dialect} pattern ${TOO_LARGE}` : undefined;
    compiledPatterns.set(key, { why });
    if (why !== undefined) refused?.(why);
    return undefined;
  }
  budget.remaining -= translated.size * COMPILE_COST;
  if (budget.remaining < 0) {
    refused?.(BUDGET_SPENT);
    return undefined;
  }
  const compiled = compile(translated, options);
  compiledPatterns.set(key, compiled ?? UNREADABLE);
  return compiled;
}

const TOO_LARGE = `compiling past ${MAX_SIZE} instructions`;

/** A pattern not compiled, and why when a cap refused it (see Refused). */
interface Refusal {
  why?: string;
}
const UNREADABLE: Refusal = {};
const isRefusal = (known: SedRegex | Refusal): known is Refusal => !("compiled" in known);
const compiledPatterns = new BoundedMemo<string, SedRegex | Refusal>(1_000);

function compile(
  { re2, size, literal, plain }: Translated,
  { longest, ignoreCase }: CompileOptions,
): SedRegex | undefined {
  const { RE2JS, RE2JSException } = re2js();
  const flags = (longest ? RE2JS.LONGEST_MATCH : 0) | (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  try {
    const compiled = RE2JS.compile(re2, flags);
    return { compiled, size, literal, plain };
  } catch (e) {
    if (e instanceof RE2JSException) return undefined;
    throw e;
  }
}

/**
 * The leftmost-longest (for Perl's patterns, leftmost-first) match at or after `from` (`^` still anchors at the
 * line's start). Undefined when there is none, or when `budget` runs out (the caller tells the two apart by the
 * budget).
 */
export function sedMatch(regex: SedRegex, line: string, budget: MatchBudget, from = 0): SedMatch | undefined {
  budget.remaining -= regex.size * (line.length - from + 1);
  if (budget.remaining < 0) return undefined;
  // Spent as if run, so that the budget (and so which later edits are replayed) does not depend on the shortcut.
  if (regex.literal !== undefined && !line.includes(regex.literal, from)) return undefined;
  if (regex.plain !== undefined) return plainMatch(regex.plain, line, from);
  const matcher = regex.compiled.matcher(line);
  if (!matcher.find(from)) return undefined;
  const groups = Array.from({ length: matcher.groupCount() }, (_, i) => matcher.group(i + 1) ?? undefined);
  return { start: matcher.start(), end: matcher.end(), groups };
}

/** Part of a translated pattern, with the size of its program. */
interface Piece {
  re2: string;
  size: number;
  /** `^`, `$` or a word boundary: a `*` right after one that opens an expression is a literal star. */
  anchor?: boolean;
}

/** A quantifier in RE2's syntax, and the copies of its operand RE2 makes. */
interface Quantifier {
  re2: string;
  copies: number;
}

/** Thrown by a translator on what RE2 cannot run or the pattern's own engine would refuse. */
export class Unreadable extends Error {}

/** The pattern in RE2's syntax, or undefined when it has a backreference, is malformed or too large. */
export function translateSedRegex(source: string, extended: boolean): Translated | undefined {
  try {
    return translateOrTooLarge(source, extended);
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
}

/** translateSedRegex, a pattern past the reader's caps thrown as TooLarge. */
function translateOrTooLarge(source: string, extended: boolean): Translated | undefined {
  try {
    return new Translator(source, extended).translate();
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

/** Characters RE2 reads as operators, escaped wherever sed reads them as themselves (RE2 takes `\` before any). */
const RE2_OPERATOR = /[\\^$.|?*+()[\]{}-]/;

export function re2Literal(c: string): string {
  return RE2_OPERATOR.test(c) ? `\\${c}` : c;
}

/** GNU's escapes that stand for a class or an assertion; `\<` and `\>` are read as any word boundary. */
const ESCAPES: Record<string, Piece> = {
  s: { re2: "[[:space:]]", size: 1 },
  S: { re2: "[^[:space:]]", size: 1 },
  w: { re2: "\\w", size: 1 },
  W: { re2: "\\W", size: 1 },
  n: { re2: "\\n", size: 1 },
  t: { re2: "\\t", size: 1 },
  b: { re2: "\\b", size: 1, anchor: true },
  B: { re2: "\\B", size: 1, anchor: true },
  "<": { re2: "\\b", size: 1, anchor: true },
  ">": { re2: "\\b", size: 1, anchor: true },
  "`": { re2: "\\A", size: 1, anchor: true },
  "'": { re2: "\\z", size: 1, anchor: true },
};

export const POSIX_CLASSES = new Set([
  "alnum",
  "alpha",
  "blank",
  "cntrl",
  "digit",
  "graph",
  "lower",
  "print",
  "punct",
  "space",
  "upper",
  "xdigit",
]);

/**
 * Recursive descent over one pattern, each character read once. In a BRE `\(`, `\)`, `\{`, `\}`, `\|`, `\+` and
 * `\?` are operators and the bare characters literals; in an ERE the reverse.
 */
class Translator {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly extended: boolean,
  ) {}

  translate(): Piece {
    const piece = this.alternation();
    if (this.at < this.source.length) throw new Unreadable(); // an unbalanced group end
    return piece;
  }

  /** The spelling of an operator: bare in an ERE, behind a backslash in a BRE. */
  private operator(c: string): string {
    return this.extended ? c : `\\${c}`;
  }

  private alternation(): Piece {
    const options = [this.sequence()];
    while (this.take(this.operator("|"))) options.push(this.sequence());
    return { re2: options.map((o) => o.re2).join("|"), size: options.reduce((sum, o) => sum + o.size + 1, 0) };
  }

  private sequence(): Piece {
    let re2 = "";
    let size = 0;
    for (let first = true; this.at < this.source.length && !this.atAlternation() && !this.atGroupEnd(); first = false) {
      const atom = this.atom(first);
      const piece = this.quantified(atom, first && atom.anchor === true);
      re2 += piece.re2;
      size += piece.size;
    }
    return { re2, size };
  }

  /** One atom; a quantifier character where no atom precedes it (`*` opening an expression) is read as itself. */
  private atom(first: boolean): Piece {
    const c = this.source[this.at++];
    if (c === "^" && (this.extended || first)) return { re2: "^", size: 1, anchor: true };
    if (c === "$" && (this.extended || this.atEnd())) return { re2: "$", size: 1, anchor: true };
    if (c === ".") return { re2: ".", size: 1 };
    if (c === "[") return this.bracket();
    if (this.extended && c === "(") return this.group();
    if (c === "\\") return this.escape();
    return { re2: re2Literal(c), size: 1 };
  }

  /** What follows a backslash outside brackets. */
  private escape(): Piece {
    const e = this.source[this.at++];
    if (e === undefined) return { re2: "\\\\", size: 1 };
    if (!this.extended && e === "(") return this.group();
    if (e >= "1" && e <= "9") throw new Unreadable(); // a backreference: RE2 has none
    return ESCAPES[e] ?? { re2: re2Literal(e), size: 1 };
  }

  private group(): Piece {
    this.depth++;
    const body = this.alternation();
    if (!this.take(this.operator(")"))) throw new Unreadable();
    this.depth--;
    return { re2: `(${body.re2})`, size: body.size + 2 };
  }

  /**
   * An atom with the quantifiers after it; stacked ones (`a*\{2\}`) group what they repeat, as RE2 refuses `a**`.
   * After an anchor that opens an expression a `*` is no quantifier.
   */
  private quantified(atom: Piece, leadingAnchor: boolean): Piece {
    let piece = atom;
    for (let quantifier = this.quantifier(leadingAnchor); quantifier; quantifier = this.quantifier(false)) {
      const operand = piece === atom ? piece.re2 : `(?:${piece.re2})`;
      piece = { re2: operand + quantifier.re2, size: piece.size * Math.max(quantifier.copies, 1) + 1 };
      if (piece.size > MAX_SIZE) throw new TooLarge(TOO_LARGE);
    }
    return piece;
  }

  private quantifier(afterLeadingAnchor: boolean): Quantifier | undefined {
    if (this.source[this.at] === "*" && !afterLeadingAnchor) {
      this.at++;
      return { re2: "*", copies: 1 };
    }
    if (this.take(this.operator("?"))) return { re2: "?", copies: 1 };
    if (this.take(this.operator("+"))) return { re2: "+", copies: 1 };
    return this.interval();
  }

  /** `\{m,n\}` in a BRE, `{m,n}` in an ERE; in an ERE a brace that opens no interval is a literal. */
  private interval(): Quantifier | undefined {
    if (!this.source.startsWith(this.operator("{"), this.at)) return undefined;
    const interval = this.extended ? /\{(\d{1,5})(,(\d{0,5}))?\}/y : /\\\{(\d{1,5})(,(\d{0,5}))?\\\}/y;
    interval.lastIndex = this.at;
    const m = interval.exec(this.source);
    if (!m) {
      if (this.extended) return undefined;
      throw new Unreadable();
    }
    this.at = interval.lastIndex;
    const [min, max] = [Number(m[1]), Number(m[3])];
    // GNU sed refuses larger counts, RE2 counts past 1000: a count between is sed's, which the reader does not run.
    if (Math.max(min, m[3] ? max : 0) > MAX_SED_COUNT) throw new Unreadable();
    if (Math.max(min, m[3] ? max : 0) > MAX_RE2_COUNT) throw new TooLarge(`with an interval past ${MAX_RE2_COUNT}`);
    if (m[2] === undefined) return { re2: `{${min}}`, copies: min };
    if (m[3] === "") return { re2: `{${min},}`, copies: min + 1 };
    return { re2: `{${min},${max}}`, copies: Math.max(min, max) };
  }

  /**
   * A bracket expression after its `[`, as an RE2 class. A `]` first in it is a member; a negated one never matches a
   * newline, as `.` does not.
   */
  private bracket(): Piece {
    let re2 = this.take("^") ? "[^\\n" : "[";
    for (let first = true; first || this.source[this.at] !== "]"; first = false) {
      if (this.at >= this.source.length) throw new Unreadable();
      re2 += this.namedClass() ?? this.bracketRange();
    }
    this.at++;
    return { re2: `${re2}]`, size: 1 };
  }

  /** `[:space:]` and the other POSIX classes, which RE2 spells alike; undefined when none starts here. */
  private namedClass(): string | undefined {
    const named = /\[:([a-z]+):\]/y;
    named.lastIndex = this.at;
    const m = named.exec(this.source);
    if (!m) return undefined;
    if (!POSIX_CLASSES.has(m[1])) throw new Unreadable();
    this.at = named.lastIndex;
    return m[0];
  }

  /** A member of a bracket expression, or a range of them; a `-` first or last is a member. */
  private bracketRange(): string {
    const low = re2Literal(this.bracketChar());
    const isRange =
      this.source[this.at] === "-" && this.at + 1 < this.source.length && this.source[this.at + 1] !== "]";
    if (!isRange) return low;
    this.at++;
    return `${low}-${re2Literal(this.bracketChar())}`;
  }

  /** GNU sed reads `\n`, `\t`, `\\` and `\]` inside brackets; any other backslash escapes the next character. */
  private bracketChar(): string {
    const c = this.source[this.at++];
    if (c !== "\\" || this.at >= this.source.length) return c;
    const e = this.source[this.at++];
    return e === "n" ? "\n" : e === "t" ? "\t" : e;
  }

  private atAlternation(): boolean {
    return this.source.startsWith(this.operator("|"), this.at);
  }

  /** A group end closes a group only inside one; outside, it is read as itself. */
  private atGroupEnd(): boolean {
    return this.depth > 0 && this.source.startsWith(this.operator(")"), this.at);
  }

  /** A BRE `$` anchors only at the end of the pattern, a group or an alternative. */
  private atEnd(): boolean {
    return this.at >= this.source.length || this.atAlternation() || this.atGroupEnd();
  }

  private take(token: string): boolean {
    if (!this.source.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
}
