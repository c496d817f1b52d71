// PowerShell text the script spells: a quoted string or here-string, a variable the script set to one, or such pieces
// joined with `+` (`('net user a ' + 'P@ss /add')`), a variable's value joining other such variables too
// (`$u = 'net user a '; $c = $u + 'P@ss /add'`). Anything else (a command's output, a number, a method call, a
// variable not set to a literal) is unknown: undefined, and whatever it would run is left unread. A value is read
// once, when it is assigned, against the variables as they stood before (`$c = $c + 'x'`, or `$c += 'x'`, extends
// the earlier $c and never loops); it joins variables a bounded number of levels deep and to a bounded length, and
// its text is built at most once, only when a caller's limit takes it: a joined text longer than that limit is never
// built.
import { appendAll } from "./arrays";
import { unknownValue } from "./windows-unknown-values";
import type { VariableValue, WindowsVariables } from "./windows-variables";

/** What literal text needs of the script's variables (windows-variables.ts). */
export type VariableLookup = Pick<WindowsVariables, "referencedValues">;

/** Literal text as pieces: quoted text, and the literals of the variables it joins. */
export interface Literal {
  readonly pieces: readonly (string | Literal)[];
  readonly length: number;
  /** How many variables deep it joins: 0 for quoted pieces only. */
  readonly level: number;
  /** The text, once built. */
  text?: string;
}

/** A plain variable reference: `$name`, `$script:name`, `${name}`. */
const VARIABLE = /^\$(?:\{[^{}$]+\}|(?:(?:script|global|local|private):)?[A-Za-z_]\w*)$/;
/** A variable's name after its `$`, matched where it stands (sticky), however long: the match is linear. */
const NAME = /(?:[A-Za-z_]\w*:)?[A-Za-z_]\w*/y;
/** PowerShell's backtick escapes that stand for another character. */
const BACKTICK_ESCAPES = new Map([
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
  ["0", "\0"],
  ["a", "\x07"],
  ["b", "\b"],
  ["e", "\x1b"],
  ["f", "\f"],
  ["v", "\v"],
]);
/** How many parentheses deep a joined piece may sit: `(('a') + 'b')`. */
const MAX_PARENTHESES = 4;
/** How many variables deep a value may join others (`$c = $b + …`, `$b = $a + …`): building it recurses as deep. */
const MAX_VALUE_LEVELS = 8;
/** How long a value joining variables may grow past its own text: doubling it level by level stays small. */
const MAX_JOINED_VALUE = 1 << 16;
/** Lookups that know no variables: a value never recorded is read as quoted pieces only. */
const NO_VARIABLES: VariableLookup = { referencedValues: () => [] };

/**
 * The literal of a value joining past the bounds above: text the script spells that the reader does not build. Its
 * length is unbounded, so no limit takes it: a reader of scripts run finds it too long (overLimitCount).
 */
const PAST_BOUNDS: Literal = { pieces: [], length: Infinity, level: 0 };

/** Each assigned value's literal, or null when it is none. */
const literalValues = new WeakMap<VariableValue, Literal | null>();
/** Whether each literal's text is blanks only (see isBlank). */
const blankLiterals = new WeakMap<Literal, boolean>();
/** How many literals were refused for their length (or depth) so far: see overLimitCount. */
let refusedForLength = 0;

/**
 * How many literals the readers have refused so far because they were too long for a limit, too deep or past the
 * bounds above, where a shorter text would have been read: a reader of the scripts a statement runs compares it
 * before and after, to leave what it refused unread rather than read no script there.
 */
export function overLimitCount(): number {
  return refusedForLength;
}

/** Counts a text refused for its length (see overLimitCount). */
export function refuseOverLimit(): void {
  refusedForLength++;
}

/**
 * The text of `word` when it is literal (see above) and at most `limit` characters long; else undefined. Blanks only
 * (however many) are `""`, never built: they run and write nothing, so a hostile script echoing or handing on a
 * long blank value costs no more than its words.
 */
export function literalText(word: string, variables: VariableLookup, limit = Infinity): string | undefined {
  const joined = joinedLiteral(word, variables);
  if (joined !== undefined && isBlank(joined)) return "";
  const literal = joined && withinLimit(joined, limit);
  return literal && textOf(literal);
}

/** Whether a literal's text is blanks only (or nothing), found without building it: once per literal. */
function isBlank(literal: Literal): boolean {
  if (!Number.isFinite(literal.length)) return false;
  let blank = blankLiterals.get(literal);
  if (blank === undefined) {
    blank = literal.pieces.every((piece) => (typeof piece === "string" ? !/\S/.test(piece) : isBlank(piece)));
    blankLiterals.set(literal, blank);
  }
  return blank;
}

/**
 * Reads the literal of `value`, just assigned, with `before`: the variables as they stood before the assignment.
 * Readers of the text then look it up once, however often it is used.
 */
export function recordLiteralValue(value: VariableValue, before: VariableLookup): void {
  const literal = joinedLiteral(value.text, before);
  if (literal === undefined) literalValues.set(value, null);
  else if (literal.length > Math.max(value.text.length, MAX_JOINED_VALUE) || literal.level > MAX_VALUE_LEVELS) {
    literalValues.set(value, PAST_BOUNDS);
  } else literalValues.set(value, literal);
}

/** What `$name += added` assigns: the earlier value joined with the added one, read as `$name + (added)` is. */
export function appendedValue(name: string, added: string): string {
  return `$${name} + (${added})`;
}

/**
 * The text PowerShell passes for `word` to a native command (`cmd /c "net user a $pw"`): a quoted word, or a bare
 * one with variables, expanded (see expandedPieces), at most `limit` characters long; a word it cannot read is kept
 * as written. Undefined when its text is longer than `limit` (refused, see overLimitCount): never built.
 */
export function passedText(word: string, variables: VariableLookup, limit = Infinity): string | undefined {
  const quoted = quotedText(word) !== undefined;
  if (!quoted && (!word.includes("$") || /["'`]/.test(word))) return word;
  const refused = refusedForLength;
  const text = literalText(quoted ? word : `"${word}"`, variables, limit);
  if (text !== undefined) return text;
  return refusedForLength > refused ? undefined : word;
}

/** Whether `word` is a plain variable reference. */
export function isVariable(word: string): boolean {
  return VARIABLE.test(word);
}

/** The literal `expression` joins, at most `limit` characters long; undefined when a piece is no literal. */
export function literalOf(expression: string, variables: VariableLookup, limit: number): Literal | undefined {
  const literal = joinedLiteral(expression, variables);
  return literal && withinLimit(literal, limit);
}

/** The literal when it is at most `limit` characters long; else undefined, counted as refused (overLimitCount). */
function withinLimit(literal: Literal, limit: number): Literal | undefined {
  if (literal.length <= limit && Number.isFinite(literal.length)) return literal;
  refuseOverLimit();
  return undefined;
}

/**
 * The literal `expression` joins, however long; undefined when a piece is no literal. A copy of one variable
 * (`$b = $a`) is its literal, no level deeper.
 */
function joinedLiteral(expression: string, variables: VariableLookup): Literal | undefined {
  const pieces: (string | Literal)[] = [];
  if (!collectPieces(expression, variables, 0, pieces)) return undefined;
  let length = 0;
  let level = 0;
  for (const piece of pieces) {
    length += piece.length;
    if (typeof piece !== "string") level = Math.max(level, piece.level + 1);
  }
  if (pieces.length === 1 && typeof pieces[0] !== "string") return pieces[0];
  return pieces.length > 0 ? { pieces, length, level } : undefined;
}

/** Appends the pieces `+` joins in `expression` to `pieces`; false when one of them is not literal. */
function collectPieces(
  expression: string,
  variables: VariableLookup,
  depth: number,
  pieces: (string | Literal)[],
): boolean {
  for (const raw of topLevelPieces(expression.trim(), "+")) {
    const piece = raw.trim();
    if (VARIABLE.test(piece)) {
      const literal = variableLiteral(piece, variables);
      if (literal === undefined) return false;
      pieces.push(literal);
    } else if (piece.startsWith("(") && piece.endsWith(")")) {
      // Deeper parentheses are not read: what they hold is refused as past the bounds, not taken for no literal.
      if (depth >= MAX_PARENTHESES) {
        pieces.push(PAST_BOUNDS);
        continue;
      }
      if (!collectPieces(piece.slice(1, -1), variables, depth + 1, pieces)) return false;
    } else {
      const text = quotedText(piece);
      if (text === undefined) return false;
      // Expanded from the text as written: a dollar sign a backtick escapes is text, no variable.
      if (isExpanding(piece)) appendAll(pieces, expandedPieces(expandingBody(piece), variables));
      else pieces.push(text);
    }
  }
  return true;
}

/** A variable's literal, read when it was assigned (or, for a value never recorded, from its quoted pieces once). */
function variableLiteral(word: string, variables: VariableLookup): Literal | undefined {
  const [value] = variables.referencedValues(word);
  if (value === undefined) return undefined;
  if (!literalValues.has(value)) recordLiteralValue(value, NO_VARIABLES);
  return literalValues.get(value) ?? undefined;
}

/** A literal's text, built once: its levels are bounded, so is the recursion. */
export function textOf(literal: Literal): string {
  literal.text ??= literal.pieces.map((piece) => (typeof piece === "string" ? piece : textOf(piece))).join("");
  return literal.text;
}

/**
 * `text` split at `separator` where it stands outside quotes and brackets. One pass; an unclosed quote or bracket
 * keeps the rest in one piece, which then reads as no literal.
 */
export function topLevelPieces(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let quote: string | undefined;
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (quote === '"' && c === "`") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "{") depth++;
    else if ((c === ")" || c === "}") && depth > 0) depth--;
    else if (c === separator && depth === 0) {
      pieces.push(text.slice(from, i));
      from = i + 1;
    }
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** A single quoted string's or here-string's text, its escapes undone; undefined for anything else. */
export function quotedText(word: string): string | undefined {
  if (word.length < 2) return undefined;
  if (word[0] === "@") {
    const quote = word[1];
    // windows-statements.ts keeps a here-string as `@"`, its lines, and the closing quote without its `@`.
    if ((quote !== '"' && quote !== "'") || word.length < 3 || !word.endsWith(quote)) return undefined;
    return word.slice(2, -1).replace(/^\r?\n|\r?\n$/g, "");
  }
  const quote = word[0];
  if ((quote !== '"' && quote !== "'") || closingQuote(word, quote) !== word.length - 1) return undefined;
  const text = word.slice(1, -1);
  return quote === "'"
    ? text.replace(/''/g, "'")
    : text.replace(/""/g, '"').replace(/`(.)/g, (_, c: string) => escaped(c));
}

/** The character a backtick escape stands for: `\`n` a new line, `\`t` a tab…, any other character itself. */
function escaped(character: string): string {
  return BACKTICK_ESCAPES.get(character) ?? character;
}

/** The text between the quotes of a double-quoted word or `@"` here-string (see quotedText), escapes as written. */
function expandingBody(word: string): string {
  return word[0] === "@" ? word.slice(2, -1).replace(/^\r?\n|\r?\n$/g, "") : word.slice(1, -1);
}

/** Whether a quoted word expands variables: double quotes and `@"` here-strings do, single quotes do not. */
function isExpanding(word: string): boolean {
  return word[0] === '"' || word.startsWith('@"');
}

/**
 * The pieces of double-quoted `text` (as written between the quotes) once PowerShell expands it: a variable the
 * script set to a literal gives that literal; any other reference (unknown, `$env:`, `$(…)`, automatic) is marked
 * unknown (windows-unknown-values.ts), never read as text spelled in the script. A backtick escapes the character
 * after it (`$pw` escaped is the text `$pw`, for a script written with it to read as its own variable), and a doubled
 * quote is one. One pass.
 */
function expandedPieces(text: string, variables: VariableLookup): (string | Literal)[] {
  const pieces: (string | Literal)[] = [];
  let from = 0;
  const textUpTo = (end: number) => {
    if (end > from) pieces.push(text.slice(from, end));
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    let end = c === "$" ? referenceEnd(text, i) : i + 1;
    if (c === "`" && i + 1 < text.length) {
      textUpTo(i);
      pieces.push(escaped(text[i + 1]));
      end = i + 2;
    } else if (c === '"' && text[i + 1] === '"') {
      textUpTo(i + 1);
      end = i + 2;
    } else if (c === "$" && end > i + 1) {
      textUpTo(i);
      const reference = text.slice(i, end);
      const literal = VARIABLE.test(reference) ? variableLiteral(reference, variables) : undefined;
      pieces.push(literal ?? unknownValue(reference));
    } else {
      i++;
      continue;
    }
    from = end;
    i = end;
  }
  textUpTo(text.length);
  return pieces;
}

/** Where the reference starting at the `$` at `at` ends; `at + 1` when the `$` is plain text. */
function referenceEnd(text: string, at: number): number {
  const next = text[at + 1] ?? "";
  if (next === "(") {
    let depth = 0;
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && --depth === 0) return i + 1;
    }
    return text.length;
  }
  if (next === "{") {
    const close = text.indexOf("}", at);
    return close < 0 ? text.length : close + 1;
  }
  if (next === "?" || next === "$" || next === "^") return at + 2;
  NAME.lastIndex = at + 1;
  const name = NAME.exec(text);
  return name ? at + 1 + name[0].length : at + 1;
}

/** Where the string opened at 0 closes: doubled quotes, and a backtick in double quotes, escape. */
function closingQuote(word: string, quote: string): number {
  for (let i = 1; i < word.length; i++) {
    if (quote === '"' && word[i] === "`") i++;
    else if (word[i] === quote) {
      if (word[i + 1] !== quote) return i;
      i++;
    }
  }
  return -1;
}
