// Arrays of lines a PowerShell file writer writes: `Set-Content F -Value 'a', 'b'`, `-Value @('a', 'b')`, or a
// variable set to such an array (`$lines = @('a', 'b'); Set-Content F $lines`) write each element as a line of the
// file. Each element must be literal text (windows-literals.ts), else the file's text is unknown. An array a variable
// holds is read once, when it is assigned, against the variables as they stood then; its text is built only when a
// writer takes it within its limit, and once.
import {
  isVariable,
  Literal,
  literalOf,
  literalText,
  textOf,
  topLevelPieces,
  VariableLookup,
} from "./windows-literals";
import type { VariableValue } from "./windows-variables";

/** How long an array a variable holds may grow, its elements' variables joined (as windows-literals.ts bounds). */
const MAX_ARRAY_TEXT = 1 << 16;

/** Each assigned value's array of lines, when it is one. */
const lineArrays = new WeakMap<VariableValue, Literal>();

/** Reads the array of lines `value`, just assigned, holds with `before`: the variables as they stood before. */
export function recordLineArray(value: VariableValue, before: VariableLookup): void {
  const lines = linesLiteral(value.text, before, Math.max(value.text.length, MAX_ARRAY_TEXT));
  if (lines !== undefined) lineArrays.set(value, lines);
}

/**
 * The text a file writer's value `expression` writes, at most `limit` characters long: an array's elements a line
 * each, or one literal's text; undefined when it is neither.
 */
export function writtenLinesText(expression: string, variables: VariableLookup, limit: number): string | undefined {
  const lines = isVariable(expression) ? heldArray(expression, variables) : linesLiteral(expression, variables, limit);
  if (lines !== undefined) return lines.length <= limit ? textOf(lines) : undefined;
  return literalText(expression, variables, limit);
}

/** Where the value starting at `args[at]` ends: an array's elements may stand apart (`'a', 'b'`, `'a' ,'b'`). */
export function valueEnd(args: string[], at: number): number {
  let end = at + 1;
  while (end < args.length && (args[end - 1].endsWith(",") || args[end].startsWith(","))) end++;
  return end;
}

function heldArray(word: string, variables: VariableLookup): Literal | undefined {
  const [value] = variables.referencedValues(word);
  return value === undefined ? undefined : lineArrays.get(value);
}

/** The lines of an array written `@(…)` or with commas, joined by new lines; undefined for anything else. */
function linesLiteral(expression: string, variables: VariableLookup, limit: number): Literal | undefined {
  const trimmed = expression.trim();
  const wrapped = trimmed.startsWith("@(") && trimmed.endsWith(")");
  const elements = topLevelPieces(wrapped ? trimmed.slice(2, -1) : trimmed, ",");
  if (!wrapped && elements.length < 2) return undefined;
  const pieces: (string | Literal)[] = [];
  let length = 0;
  let level = 0;
  for (const element of elements) {
    if (pieces.length > 0) {
      pieces.push("\n");
      length++;
    }
    const literal = literalOf(element, variables, limit - length);
    if (literal === undefined) return undefined;
    pieces.push(literal);
    length += literal.length;
    level = Math.max(level, literal.level + 1);
  }
  return { pieces, length, level };
}
