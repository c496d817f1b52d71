// Arrays of lines a PowerShell file writer writes: `Set-Content F -Value 'a', 'b'`, `-Value @('a', 'b')`,
// `-Value ('a', 'b')`, `'a', 'b' | Set-Content F`, or a variable set to such an array (`$lines = @('a', 'b');
// Set-Content F $lines`), grown with `+=` or `+` (`$lines += 'c'`), write each element as a line of the file;
// `-NoNewline` writes them run together. Each element must be literal text (windows-literals.ts), else the file's text
// is unknown. An array a variable holds is read once, when it is assigned, against the variables as they stood then;
// one grown from another keeps the other and adds its own elements, so appending stays linear; its text is built only
// when a writer takes it within its limit, and once for each way of joining.
import {
  isVariable,
  Literal,
  literalOf,
  literalText,
  overLimitCount,
  refuseOverLimit,
  textOf,
  topLevelPieces,
  VariableLookup,
} from "./windows-literals";
import type { VariableValue } from "./windows-variables";

/** How long an array a variable holds may grow, its elements' variables joined (as windows-literals.ts bounds). */
const MAX_ARRAY_TEXT = 1 << 16;
/** How many parentheses around an array are taken off: `(@('a', 'b'))`. */
const MAX_PARENTHESES = 4;

/** An array of lines: the array it grew from, and the elements it adds. */
interface LineArray {
  readonly grownFrom?: LineArray;
  readonly added: readonly Literal[];
  /** Elements in all, and their characters in all. */
  readonly count: number;
  readonly length: number;
  /** Its text, by the separator it was joined with, once built. */
  readonly texts: Map<string, string>;
}

/** An array joined past MAX_ARRAY_TEXT: no limit takes it, so a writer of a script finds it too long. */
const PAST_BOUNDS: LineArray = { added: [], count: 0, length: Infinity, texts: new Map() };

/** Each assigned value's array of lines, when it is one. */
const lineArrays = new WeakMap<VariableValue, LineArray>();

/** Reads the array of lines `value`, just assigned, holds with `before`: the variables as they stood before. */
export function recordLineArray(value: VariableValue, before: VariableLookup): void {
  const refused = overLimitCount();
  const lines = arrayOf(value.text, before, Math.max(value.text.length, MAX_ARRAY_TEXT), 0);
  if (lines !== undefined) lineArrays.set(value, lines);
  // An array past the bounds is kept as such, not taken for no array: a script written from it is left unread.
  else if (overLimitCount() > refused) lineArrays.set(value, PAST_BOUNDS);
}

/**
 * The text a file writer's value `expression` writes, at most `limit` characters long: an array's elements a line
 * each (run together when `separator` is empty), or one literal's text; undefined when it is neither.
 */
export function writtenLinesText(
  expression: string,
  variables: VariableLookup,
  limit: number,
  separator = "\n",
): string | undefined {
  const lines = arrayOf(expression, variables, limit, 0);
  if (lines === undefined) return literalText(expression, variables, limit);
  // Each element costs at least one character: elements run together without any still take a look each.
  const cost = lines.length + Math.max(separator.length, 1) * Math.max(lines.count - 1, 0);
  if (cost <= limit) return joined(lines, separator);
  refuseOverLimit();
  return undefined;
}

/** Where the value starting at `args[at]` ends: an array's elements may stand apart (`'a', 'b'`, `'a' ,'b'`). */
export function valueEnd(args: readonly string[], at: number): number {
  let end = at + 1;
  while (end < args.length && (args[end - 1].endsWith(",") || args[end].startsWith(","))) end++;
  return end;
}

/** Where the value ending at `args[last]` starts, its elements apart as valueEnd reads them; `from` at the earliest. */
export function valueStart(args: readonly string[], last: number, from: number): number {
  let start = last;
  while (start > from && (args[start - 1].endsWith(",") || args[start].startsWith(","))) start--;
  return start;
}

/**
 * The array `expression` is: a variable holding one, `@(…)` (also empty), elements joined by commas (in parentheses
 * too), or an array `+` grows (`$lines + 'c'`, `$lines + @('c', 'd')`); undefined for anything else.
 */
function arrayOf(expression: string, variables: VariableLookup, limit: number, depth: number): LineArray | undefined {
  const trimmed = expression.trim();
  if (isVariable(trimmed)) return heldArray(trimmed, variables);
  const inner = wrappedBody(trimmed, "@(");
  if (inner !== undefined) return inner.trim() === "" ? grown(undefined, []) : elementsOf(inner, variables, limit);
  const grouped = wrappedBody(trimmed, "(");
  if (grouped !== undefined && depth >= MAX_PARENTHESES) {
    refuseOverLimit();
    return undefined;
  }
  if (grouped !== undefined) {
    const elements = topLevelPieces(grouped, ",");
    return elements.length > 1 ? elementsOf(grouped, variables, limit) : arrayOf(grouped, variables, limit, depth + 1);
  }
  const joinedPieces = topLevelPieces(trimmed, "+");
  const first = joinedPieces[0].trim();
  if (joinedPieces.length > 1 && isVariable(first)) {
    const held = heldArray(first, variables);
    return held && appended(held, joinedPieces.slice(1), variables, limit);
  }
  return topLevelPieces(trimmed, ",").length > 1 ? elementsOf(trimmed, variables, limit) : undefined;
}

/** `held` with each of `pieces` added: an array's elements, or one literal; undefined when one is neither. */
function appended(held: LineArray, pieces: string[], variables: VariableLookup, limit: number): LineArray | undefined {
  let array = held;
  for (const piece of pieces) {
    const room = limit - array.length - array.count;
    const added = arrayOf(piece, variables, room, 0);
    const literal = added === undefined ? literalOf(piece, variables, room) : undefined;
    if (added === undefined && literal === undefined) return undefined;
    array = grown(array, literal === undefined ? elementsIn(added) : [literal]);
    if (array.length + array.count > limit) {
      refuseOverLimit();
      return undefined;
    }
  }
  return array;
}

/** The array `text`'s comma-joined elements make, each literal; undefined when one is not, or past `limit`. */
function elementsOf(text: string, variables: VariableLookup, limit: number): LineArray | undefined {
  const elements: Literal[] = [];
  let length = 0;
  for (const element of topLevelPieces(text, ",")) {
    const literal = literalOf(element, variables, limit - length - elements.length);
    if (literal === undefined) return undefined;
    elements.push(literal);
    length += literal.length;
  }
  return grown(undefined, elements);
}

/** `array` grown by `added`, or a new array of them. */
function grown(array: LineArray | undefined, added: readonly Literal[]): LineArray {
  let length = array?.length ?? 0;
  for (const literal of added) length += literal.length;
  return { grownFrom: array, added, count: (array?.count ?? 0) + added.length, length, texts: new Map() };
}

/** The elements of `array` in order, the arrays it grew from walked once. */
function elementsIn(array: LineArray | undefined): Literal[] {
  const chain: LineArray[] = [];
  for (let at = array; at !== undefined; at = at.grownFrom) chain.push(at);
  const elements: Literal[] = [];
  for (let i = chain.length - 1; i >= 0; i--) for (const literal of chain[i].added) elements.push(literal);
  return elements;
}

/**
 * The elements' texts joined by `separator`, built once per array and separator: the arrays it grew from that were
 * built already are taken as built, the others built on the way.
 */
function joined(array: LineArray, separator: string): string {
  const chain: LineArray[] = [];
  let at: LineArray | undefined = array;
  for (; at !== undefined && !at.texts.has(separator); at = at.grownFrom) chain.push(at);
  let text = at?.texts.get(separator) ?? "";
  let count = at?.count ?? 0;
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const literal of chain[i].added) {
      text = count === 0 ? textOf(literal) : `${text}${separator}${textOf(literal)}`;
      count++;
    }
    chain[i].texts.set(separator, text);
  }
  return text;
}

function heldArray(word: string, variables: VariableLookup): LineArray | undefined {
  const [value] = variables.referencedValues(word);
  return value === undefined ? undefined : lineArrays.get(value);
}

/** The text inside `opening` … `)` when that parenthesis closes at the end of `text`; else undefined. */
function wrappedBody(text: string, opening: string): string | undefined {
  if (!text.startsWith(opening) || !text.endsWith(")")) return undefined;
  const body = text.slice(opening.length, -1);
  // The body's own parentheses must balance: `('a'), ('b')` is two groups, not one.
  const pieces = topLevelPieces(`${body})`, ")");
  return pieces.length === 2 && pieces[1] === "" ? body : undefined;
}
