// Perl's regular expressions, as `perl -pi -e 's/…/…/'` writes them, run on the stock sshd_config lines as sed's
// are. RE2 reads most of Perl's syntax as it is; what it lacks (backreferences, lookaround, possessive quantifiers,
// variables interpolated into the pattern) leaves the pattern unread, and an unread pattern matches nothing, as an
// unread sed pattern does. A pattern Perl would run but the reader's caps refuse (an interval past RE2's count, a
// program past MAX_SIZE) is told apart, so that the caller reports it as content left unread, not as no match.
import {
  compileTranslated,
  MatchBudget,
  MAX_SIZE,
  POSIX_CLASSES,
  re2Literal,
  Refused,
  SedRegex,
  TooLarge,
  Translated,
  Unreadable,
} from "./userdata-sed-regex";

/**
 * Perl matches leftmost-first, as RE2 does by default; `ignoreCase` is the `i` flag. Undefined when the pattern is
 * unreadable, malformed or past a cap, or when `budget` is spent; `refused` is told when a cap or the budget kept a
 * pattern Perl would run uncompiled (see Refused).
 */
export function compilePerlRegex(
  source: string,
  ignoreCase = false,
  budget = new MatchBudget(),
  refused?: Refused,
): SedRegex | undefined {
  const key = `P${ignoreCase ? "I" : "-"}${source}`;
  const options = { longest: false, ignoreCase };
  return compileTranslated(key, source, () => translateOrTooLarge(source), options, budget, refused);
}

/** The pattern in RE2's syntax, or undefined when RE2 cannot run it, Perl would refuse it or it is past a cap. */
export function translatePerlRegex(source: string): Translated | undefined {
  try {
    return translateOrTooLarge(source);
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
}

/** translatePerlRegex, a pattern past the reader's caps thrown as TooLarge. */
function translateOrTooLarge(source: string): Translated | undefined {
  try {
    return new PerlTranslator(source).translate();
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

/** Escapes that stand for a class or a character, in RE2's spelling (RE2's `\v` is a vertical tab only). */
const CLASS_ESCAPES: Record<string, string> = {
  d: "\\d",
  D: "\\D",
  s: "\\s",
  S: "\\S",
  w: "\\w",
  W: "\\W",
  n: "\\n",
  t: "\\t",
  r: "\\r",
  f: "\\f",
  a: "\\x07",
  e: "\\x1B",
};
/** Classes RE2 lacks, spelt out; inside brackets only their members are written. */
const SPELT_CLASSES: Record<string, { members: string; negated: boolean }> = {
  h: { members: "\\t ", negated: false },
  H: { members: "\\t ", negated: true },
  v: { members: "\\n\\x0B\\f\\r", negated: false },
  V: { members: "\\n\\x0B\\f\\r", negated: true },
};
/** Assertions; the stock lines hold no newline, so `\Z` and `\z` are the end of the line. */
const ASSERTIONS: Record<string, string> = { b: "\\b", B: "\\B", A: "\\A", z: "\\z", Z: "\\z" };
/** A sigil followed by one of these interpolates a variable, whose value the reader cannot know. */
const INTERPOLATED = /[A-Za-z0-9_{:]/;
/** RE2 refuses larger counts; Perl would run them, so the pattern is left unread (TooLarge) rather than misread. */
const MAX_COUNT = 1000;
/** Perl (5.30 on) refuses larger counts in an interval: such a pattern stops the program, which then edits nothing. */
const MAX_PERL_COUNT = 65534;
/** Why a pattern past the caps was not compiled, after "a perl pattern " (as sed's are told). */
const PAST_COUNT = `with an interval past ${MAX_COUNT}`;
const PAST_SIZE = `compiling past ${MAX_SIZE} instructions`;
/** `{,m}` and blanks in braces: an interval to Perl 5.34 on (AL2023 ships 5.32, Amazon Linux 2 and CentOS 7 5.16). */
const BY_VERSION = "with an interval Perl reads by its version ({,n} or blanks in braces: 5.34 on, text before)";

interface Piece extends Translated {
  /** Whether the piece stands for one character, which a bracket range may end with. */
  single?: boolean;
}

/** Recursive descent over one pattern, each character read once; Perl's operators are bare, as in an ERE. */
class PerlTranslator {
  private at = 0;
  private depth = 0;

  constructor(private readonly source: string) {}

  translate(): Translated {
    const piece = this.alternation();
    if (this.at < this.source.length) throw new Unreadable(); // an unbalanced `)`
    return piece;
  }

  private alternation(): Piece {
    const options = [this.sequence()];
    while (this.take("|")) options.push(this.sequence());
    return { re2: options.map((o) => o.re2).join("|"), size: options.reduce((sum, o) => sum + o.size + 1, 0) };
  }

  private sequence(): Piece {
    let re2 = "";
    let size = 0;
    while (this.at < this.source.length && this.peek() !== "|" && !(this.depth > 0 && this.peek() === ")")) {
      const piece = this.quantified(this.atom());
      re2 += piece.re2;
      size += piece.size;
    }
    return { re2, size };
  }

  private atom(): Piece {
    const c = this.source[this.at++];
    if ("*+?)".includes(c)) throw new Unreadable(); // a quantifier following nothing, an unmatched `)`
    if ((c === "$" || c === "@") && INTERPOLATED.test(this.peek() ?? "")) throw new Unreadable();
    if (c === "^" || c === "$") return { re2: c, size: 1 };
    if (c === ".") return { re2: ".", size: 1 };
    if (c === "[") return this.bracket();
    if (c === "(") return this.group();
    if (c === "\\") return this.escape();
    return { re2: re2Literal(c), size: 1, single: true };
  }

  private escape(): Piece {
    const e = this.source[this.at++];
    if (e === undefined) throw new Unreadable();
    if (CLASS_ESCAPES[e]) return { re2: CLASS_ESCAPES[e], size: 1 };
    const spelt = SPELT_CLASSES[e];
    if (spelt) return { re2: `[${spelt.negated ? "^" : ""}${spelt.members}]`, size: 1 };
    if (ASSERTIONS[e]) return { re2: ASSERTIONS[e], size: 1 };
    if (e === "x") return { re2: this.hex(), size: 1, single: true };
    if (e === "Q") return this.quoted();
    if (e === "E") return { re2: "", size: 0 }; // a stray end of \Q
    if (/[A-Za-z0-9]/.test(e)) throw new Unreadable(); // a backreference, \K, \G, \p…: not read
    return { re2: re2Literal(e), size: 1, single: true };
  }

  /** `\x41` or `\x{41}` after its `\x`, which RE2 spells alike. */
  private hex(): string {
    const m = /\{([0-9A-Fa-f]{1,6})\}|[0-9A-Fa-f]{0,2}/y;
    m.lastIndex = this.at;
    const found = m.exec(this.source);
    if (!found || found[0] === "") throw new Unreadable();
    this.at = m.lastIndex;
    return `\\x${found[0]}`;
  }

  /** `\Q…\E`: every character up to `\E` (or the end) is itself. */
  private quoted(): Piece {
    const end = this.source.indexOf("\\E", this.at);
    const text = this.source.slice(this.at, end < 0 ? undefined : end);
    this.at = end < 0 ? this.source.length : end + 2;
    return { re2: [...text].map(re2Literal).join(""), size: text.length };
  }

  /**
   * A group after its `(`: plain, non-capturing, named (a plain group to RE2) or setting the i, m and s flags,
   * which RE2 reads alike. Lookaround, comments, `x` and the like are left unread.
   */
  private group(): Piece {
    let open = "(";
    if (this.take("?")) {
      const m = /:|P?<(?![=!])\w+>|'\w+'|([ims]*(?:-[ims]*)?)([):])/y;
      m.lastIndex = this.at;
      const found = m.exec(this.source);
      if (!found) throw new Unreadable();
      this.at = m.lastIndex;
      if (found[2] === ")") return { re2: `(?${found[1]})`, size: 1 };
      open = found[0] === ":" ? "(?:" : found[2] === ":" ? `(?${found[1]}:` : "(";
    }
    this.depth++;
    const body = this.alternation();
    if (!this.take(")")) throw new Unreadable();
    this.depth--;
    return { re2: `${open}${body.re2})`, size: body.size + 2 };
  }

  /** An atom and its quantifier, maybe lazy; possessive and stacked quantifiers are left unread. */
  private quantified(atom: Piece): Piece {
    const quantifier = this.quantifier();
    if (!quantifier) return atom;
    const lazy = this.take("?") ? "?" : "";
    if (this.peek() === "+" || this.quantifierAhead()) throw new Unreadable();
    const size = atom.size * Math.max(quantifier.copies, 1) + 1;
    if (size > MAX_SIZE) throw new TooLarge(PAST_SIZE);
    return { re2: `${atom.re2}${quantifier.re2}${lazy}`, size };
  }

  private quantifier(): { re2: string; copies: number } | undefined {
    const c = this.peek();
    if (c === "*" || c === "+" || c === "?") {
      this.at++;
      return { re2: c, copies: 1 };
    }
    const m = this.interval();
    if (!m) return undefined;
    this.at += m[0].length;
    const [min, max] = [Number(m[1]), m[3] === undefined || m[3] === "" ? undefined : Number(m[3])];
    const largest = Math.max(min, max ?? 0);
    // `{3,2}`, or a count past Perl's own bound, Perl refuses; one past RE2's it runs, so the pattern is past a cap.
    if ((max !== undefined && max < min) || largest > MAX_PERL_COUNT) throw new Unreadable();
    if (largest > MAX_COUNT) throw new TooLarge(PAST_COUNT);
    if (m[2] === undefined) return { re2: `{${min}}`, copies: min };
    if (max === undefined) return { re2: `{${min},}`, copies: min + 1 };
    return { re2: `{${min},${max}}`, copies: max };
  }

  /**
   * `{n}`, `{n,}` or `{n,m}` here; any other brace is a literal. A brace Perl reads by its version (`{,m}`, or
   * blanks inside: `{ 1 , 3 }`, an interval from 5.34 on, text before) leaves the pattern refused (TooLarge): the
   * image's Perl decides what it matches.
   */
  private interval(): RegExpExecArray | null {
    const interval = /\{(\d{1,6})(,(\d{0,6}))?\}/y;
    interval.lastIndex = this.at;
    const m = interval.exec(this.source);
    if (m === null && this.source[this.at] === "{") {
      // Each run of blanks has one place in the match: no backtracking over it.
      const versioned = /\{[ \t]*(?:(\d{1,6})[ \t]*)?(?:,[ \t]*(?:(\d{1,6})[ \t]*)?)?\}/y;
      versioned.lastIndex = this.at;
      const loose = versioned.exec(this.source);
      if (loose !== null && (loose[1] !== undefined || loose[2] !== undefined)) throw new TooLarge(BY_VERSION);
    }
    return m;
  }

  private quantifierAhead(): boolean {
    const c = this.peek();
    return c === "*" || c === "+" || c === "?" || this.interval() !== null;
  }

  /** A bracket expression after its `[`, as an RE2 class: a `]` first is a member, escapes keep their meaning. */
  private bracket(): Piece {
    let re2 = this.take("^") ? "[^" : "[";
    for (let first = true; first || this.peek() !== "]"; first = false) {
      if (this.at >= this.source.length) throw new Unreadable();
      re2 += this.namedClass() ?? this.bracketRange();
    }
    this.at++;
    return { re2: `${re2}]`, size: 1 };
  }

  /** `[:alpha:]`, `[:^alpha:]` and Perl's `[:word:]`, which RE2 spells alike. */
  private namedClass(): string | undefined {
    const named = /\[:\^?([a-z]+):\]/y;
    named.lastIndex = this.at;
    const m = named.exec(this.source);
    if (!m) return undefined;
    if (!POSIX_CLASSES.has(m[1]) && m[1] !== "word") throw new Unreadable();
    this.at = named.lastIndex;
    return m[0];
  }

  /** A member, or a range between two characters (a `-` next to a class is itself). */
  private bracketRange(): string {
    const low = this.bracketMember();
    const isRange = this.peek() === "-" && this.at + 1 < this.source.length && this.source[this.at + 1] !== "]";
    if (!low.single || !isRange) return low.re2;
    this.at++;
    const high = this.bracketMember();
    if (!high.single) throw new Unreadable();
    return `${low.re2}-${high.re2}`;
  }

  private bracketMember(): Piece {
    const c = this.source[this.at++];
    if (c !== "\\") return { re2: re2Literal(c), size: 1, single: true };
    const e = this.source[this.at++];
    if (e === undefined) throw new Unreadable();
    if (CLASS_ESCAPES[e]) return { re2: CLASS_ESCAPES[e], size: 1, single: "nrtfae".includes(e) };
    const spelt = SPELT_CLASSES[e];
    if (spelt && !spelt.negated) return { re2: spelt.members, size: 1 };
    if (e === "x") return { re2: this.hex(), size: 1, single: true };
    if (e === "b") return { re2: "\\x08", size: 1, single: true };
    if (/[A-Za-z0-9]/.test(e)) throw new Unreadable();
    return { re2: re2Literal(e), size: 1, single: true };
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private take(token: string): boolean {
    if (!this.source.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
}
