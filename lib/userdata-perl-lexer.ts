// Just enough of Perl's lexer to read a one-liner's program: its `s///` and `m//` operators (any delimiter, brackets
// nesting), strings, variables, words and punctuation. A `/` starts a match where a term is expected, as Perl reads
// it in the programs of `perl -pi -e`. One pass, each character read once: user data may be hostile.

export type Token =
  | { kind: "s"; pattern: string; replacement: string; flags: string; delimiter: string }
  | { kind: "m"; pattern: string; flags: string }
  /** `tr/…/…/` or `y/…/…/`: its search and replacement lists as written, and its flags (`c`, `d`, `s`, `r`). */
  | { kind: "tr"; search: string; replacement: string; flags: string }
  /** A string literal (`'…'`, `"…"`, `q{…}`, `qq{…}`) as written between its delimiters. */
  | { kind: "string"; text: string; interpolates: boolean }
  /** An identifier, a variable (`$_`, `${x}`) or a number. */
  | { kind: "word"; text: string }
  | { kind: "op"; text: string }
  /** What follows a quote that does not close: Perl refuses the program, the reader keeps it as text. */
  | { kind: "rest"; text: string };

/** Closing delimiters of the bracketing ones, which nest. */
const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };
/** Quote-like operators, and how many delimited parts they take. */
const QUOTE_LIKE = new Map([
  ["s", 2],
  ["tr", 2],
  ["y", 2],
  ["m", 1],
  ["qr", 1],
  ["q", 1],
  ["qq", 1],
  ["qw", 1],
]);
/** After these words a term is expected: a `/` there starts a match, not a division. */
const TERM_WORDS = new Set([
  "if",
  "unless",
  "and",
  "or",
  "not",
  "xor",
  "while",
  "until",
  "return",
  "split",
  "grep",
  "map",
  "print",
  "push",
  "unshift",
  "when",
]);
/** These operators close an operand: a `/` after them is a division. */
const AFTER_OPERAND = new Set([")", "]"]);
/** `//` is read here only after an operand, where it is defined-or (`$n //= s/…/…/`), not an empty match. */
const TWO_CHARACTER_OPS = new Set(["=~", "!~", "&&", "||", "//", "=>", "->", "==", "!=", ".=", "::"]);
const WORD = /[A-Za-z_]\w*(?:::\w+)*|\d[\w.]*/y;
/** Perl's modifiers of `m` and `s`; a word glued to a match (`/x/and`) is not read as modifiers. */
const FLAGS = /[msixpodualngcer]*/y;
/** A variable after its sigil: a name, `${…}` (read to its brace), `$#name`, a digit run or one punctuation mark. */
const VARIABLE_NAME = /#?(?:[A-Za-z_]\w*(?:::\w+)*|\d+|\^\w+)|[^\s\w{]/y;

export function perlTokens(program: string): Token[] {
  return new Lexer(program).tokens();
}

class Lexer {
  private at = 0;
  private readonly out: Token[] = [];

  constructor(private readonly program: string) {}

  tokens(): Token[] {
    const { program } = this;
    while (this.at < program.length) {
      const c = program[this.at];
      if (/\s/.test(c)) this.at++;
      else if (c === "#") this.skipComment();
      else if (c === "'" || c === '"' || c === "`") this.string(c);
      else if (c === "$" || c === "@") this.variable();
      else if (/[A-Za-z_0-9]/.test(c)) this.word();
      else if (c === "/" && this.termExpected()) this.quoteLike("m", 1, this.at, this.at);
      else this.op();
    }
    return this.out;
  }

  private skipComment(): void {
    const end = this.program.indexOf("\n", this.at);
    this.at = end < 0 ? this.program.length : end;
  }

  private string(quote: string): void {
    const part = delimited(this.program, this.at + 1, quote);
    if (!part) return this.rest(this.at);
    this.out.push({ kind: "string", text: part.body, interpolates: quote !== "'" });
    this.at = part.end;
  }

  private variable(): void {
    const sigil = this.program[this.at++];
    if (this.program[this.at] === "{") {
      const part = delimited(this.program, this.at + 1, "{");
      if (!part) return this.rest(this.at - 1);
      this.out.push({ kind: "word", text: `${sigil}{${part.body}}` });
      this.at = part.end;
      return;
    }
    VARIABLE_NAME.lastIndex = this.at;
    const name = VARIABLE_NAME.exec(this.program)?.[0] ?? "";
    this.at += name.length;
    this.out.push({ kind: "word", text: sigil + name });
  }

  /** A word, or a quote-like operator when a delimiter follows it (`s/…/…/`, `s {…} {…}`, `qq(…)`). */
  private word(): void {
    const from = this.at;
    WORD.lastIndex = from;
    const text = WORD.exec(this.program)?.[0] ?? this.program[from];
    this.at += text.length;
    const parts = QUOTE_LIKE.get(text);
    const previous = this.out[this.out.length - 1];
    const method = previous?.kind === "op" && (previous.text === "->" || previous.text === "-");
    if (parts !== undefined && !method) {
      const delimiter = this.delimiterAfter(this.at);
      if (delimiter >= 0) return this.quoteLike(text, parts, from, delimiter);
    }
    this.out.push({ kind: "word", text });
  }

  /** Where the delimiter after a quote-like operator is (blanks may come first, then not `#`), or -1 for none. */
  private delimiterAfter(from: number): number {
    let at = from;
    while (at < this.program.length && /\s/.test(this.program[at])) at++;
    const c = this.program[at];
    if (c === undefined || /[\w\s,;=)\]}]/.test(c) || (c === "#" && at > from)) return -1;
    return at;
  }

  /** A quote-like operator starting at `from`, its (first) delimiter at `open`: its parts, then its flags. */
  private quoteLike(operator: string, parts: number, from: number, open: number): void {
    const { program } = this;
    const first = delimited(program, open + 1, program[open]);
    if (!first) return this.rest(from);
    let second = { body: "", end: first.end };
    let delimiter = program[open];
    if (parts === 2) {
      // With bracketing delimiters the second part has its own, maybe after blanks: `s{…} {…}`.
      const secondOpen = CLOSING[program[open]] ? this.delimiterAfter(first.end) : first.end - 1;
      const part = secondOpen < 0 ? undefined : delimited(program, secondOpen + 1, program[secondOpen]);
      if (!part) return this.rest(from);
      second = part;
      delimiter = program[secondOpen];
    }
    FLAGS.lastIndex = second.end;
    const flags = FLAGS.exec(program)?.[0] ?? "";
    this.at = second.end + flags.length;
    if (operator === "s") this.out.push({ kind: "s", pattern: first.body, replacement: second.body, flags, delimiter });
    else if (operator === "m" || operator === "qr") this.out.push({ kind: "m", pattern: first.body, flags });
    else if (operator === "q" || operator === "qq") {
      this.out.push({ kind: "string", text: first.body, interpolates: operator === "qq" });
    } else if (operator === "tr" || operator === "y") {
      this.out.push({ kind: "tr", search: first.body, replacement: second.body, flags });
    } else this.out.push({ kind: "word", text: operator }); // qw: nothing the reader follows
  }

  private op(): void {
    const two = this.program.slice(this.at, this.at + 2);
    const text = TWO_CHARACTER_OPS.has(two) ? two : this.program[this.at];
    this.at += text.length;
    this.out.push({ kind: "op", text });
  }

  private rest(from: number): void {
    this.out.push({ kind: "rest", text: this.program.slice(from) });
    this.at = this.program.length;
  }

  /** Whether a term is expected here: first, after an operator that takes an operand, or after such a word. */
  private termExpected(): boolean {
    const previous = this.out[this.out.length - 1];
    if (previous === undefined) return true;
    if (previous.kind === "op") return !AFTER_OPERAND.has(previous.text);
    return previous.kind === "word" && TERM_WORDS.has(previous.text);
  }
}

/**
 * The body of a delimited part whose opening `open` is just before `from`, and the position after its closing
 * delimiter; undefined when it does not close. A backslash escapes the next character; bracketing delimiters nest.
 */
function delimited(text: string, from: number, open: string): { body: string; end: number } | undefined {
  const close = CLOSING[open] ?? open;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === close && depth === 0) return { body: text.slice(from, i), end: i + 1 };
    else if (c === close) depth--;
    else if (c === open && close !== open) depth++;
  }
  return undefined;
}
