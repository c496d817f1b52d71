// PowerShell text the script spells: a quoted string or here-string, a variable the script set to one, or such pieces
// joined with `+` (`('net user a ' + 'P@ss /add')`). Anything else (a command's output, a number, a method call, a
// variable not set to a literal) is unknown: undefined, and whatever it would run is left unread. Each assignment is
// looked at once however often it is used, a variable's value may join quoted pieces only (no variables: text never
// grows past what is written), and a joined text longer than the caller's limit is never built.
import { VariableValue, WindowsVariables } from "./windows-variables";
import { appendAll } from "./arrays";

/** What literal text needs of the script's variables (windows-variables.ts). */
export type VariableLookup = Pick<WindowsVariables, "referencedValues">;

/** A plain variable reference: `$name`, `$script:name`, `${name}`. */
const VARIABLE = /^\$(?:\{[^{}$]+\}|(?:(?:script|global|local|private):)?[A-Za-z_]\w*)$/;
/** How many parentheses deep a joined piece may sit: `(('a') + 'b')`. */
const MAX_PARENTHESES = 4;

/** The text of `word` when it is literal (see above) and at most `limit` characters long; else undefined. */
export function literalText(word: string, variables: VariableLookup, limit = Infinity): string | undefined {
  const pieces = literalPieces(word, variables, true, 0);
  if (pieces === undefined) return undefined;
  let length = 0;
  for (const piece of pieces) length += piece.length;
  return length > limit ? undefined : pieces.join("");
}

/** Whether `word` is a plain variable reference. */
export function isVariable(word: string): boolean {
  return VARIABLE.test(word);
}

/** The literal pieces `+` joins in `expression`; undefined when one of them is not literal. */
function literalPieces(
  expression: string,
  variables: VariableLookup,
  variablesAllowed: boolean,
  depth: number,
): string[] | undefined {
  const pieces: string[] = [];
  for (const raw of topLevelPieces(expression.trim(), "+")) {
    const piece = raw.trim();
    if (VARIABLE.test(piece)) {
      const text = variablesAllowed ? variableText(piece, variables) : undefined;
      if (text === undefined) return undefined;
      pieces.push(text);
    } else if (piece.startsWith("(") && piece.endsWith(")") && depth < MAX_PARENTHESES) {
      const inner = literalPieces(piece.slice(1, -1), variables, variablesAllowed, depth + 1);
      if (inner === undefined) return undefined;
      appendAll(pieces, inner);
    } else {
      const text = quotedText(piece);
      if (text === undefined) return undefined;
      pieces.push(text);
    }
  }
  return pieces.length > 0 ? pieces : undefined;
}

/** A variable's literal value, read from its assignment once. */
function variableText(word: string, variables: VariableLookup): string | undefined {
  const [value] = variables.referencedValues(word);
  if (value === undefined) return undefined;
  if (!literalValues.has(value)) {
    const pieces = literalPieces(value.text, variables, false, 0);
    literalValues.set(value, pieces?.join(""));
  }
  return literalValues.get(value);
}

const literalValues = new WeakMap<VariableValue, string | undefined>();

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
  return quote === "'" ? text.replace(/''/g, "'") : text.replace(/""/g, '"').replace(/`(.)/g, "$1");
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
