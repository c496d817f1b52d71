// What a command line still expands once the script's own variables are filled in (see ShellVariables.expand): a
// variable it never sets (`$PAT`, `${PAT}`, the environment), a positional parameter (`$1`), a command's output
// (`$(curl …)`, backquotes). Each is replaced by a mark no script spells, so that an editor's command can be read by
// its usual reader and the mark found where it landed: in a pattern, a replacement or a file name.

/** Private-use characters around the expansion's index: plain text to every reader, spelt by no script. */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARK = /\uE000(\d+)\uE001/g;

/** A command's text with its unknown expansions marked, and the expansions as written, by index. */
export interface MarkedText {
  text: string;
  expansions: string[];
}

/**
 * The text with each expansion outside single quotes (and not escaped) replaced by a mark; undefined when it holds
 * none. One pass: a command substitution is skipped whole, to its closing parenthesis.
 */
export function markUnknownExpansions(text: string): MarkedText | undefined {
  // Nearly every command holds no `$` and no backquote: answered before the text is walked.
  if (!text.includes("$") && !text.includes("`")) return undefined;
  const expansions: string[] = [];
  const braces = new ClosingBraces(text);
  // The text between marks is copied by slices: appending a character at a time builds a string of a million pieces.
  let out = "";
  let copied = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && quote !== "'") {
      i++;
      continue;
    }
    if (quote === "'" || quote === "$'") {
      if (c === "'") quote = "";
    } else if (c === "'" && quote === "") quote = text[i - 1] === "$" ? "$'" : "'";
    else if (c === '"') quote = quote === '"' ? "" : '"';
    else {
      const end = c === "`" ? backquoteEnd(text, i) : c === "$" ? expansionEnd(text, i, braces) : -1;
      if (end > i) {
        out += `${text.slice(copied, i)}${OPEN}${expansions.length}${CLOSE}`;
        expansions.push(text.slice(i, end));
        copied = end;
        i = end - 1;
      }
    }
  }
  return expansions.length === 0 ? undefined : { text: out + text.slice(copied), expansions };
}

/** Whether a reader's result holds a marked expansion. */
export function holdsMark(text: string): boolean {
  return text.includes(OPEN);
}

/** The expansions whose marks `text` holds, each once, in order. */
export function expansionsIn(text: string, marked: MarkedText): string[] {
  if (!holdsMark(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(MARK)) found.add(marked.expansions[Number(m[1])] ?? "");
  return [...found];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /\w/;
/** `$1`…`$9`, `$@`, `$*` and the shell's other parameters, which no assignment sets. */
const SPECIAL = /[0-9@*#?$!]/;

/**
 * The `}` closing a `${` at each position, looked up once per brace: a run of `${` with none closing them would
 * otherwise search to the end for each.
 */
class ClosingBraces {
  private next = 0;

  constructor(private readonly text: string) {}

  after(from: number): number {
    if (this.next >= 0 && this.next < from) this.next = this.text.indexOf("}", from);
    return this.next;
  }
}

/** Where the expansion starting with the `$` at `at` ends; -1 when the `$` starts none (`$/`, a trailing `$`). */
function expansionEnd(text: string, at: number, braces: ClosingBraces): number {
  const next = text[at + 1] ?? "";
  if (next === "{") {
    const close = braces.after(at + 2);
    return close < 0 ? -1 : close + 1;
  }
  if (next === "(") return closingParenthesis(text, at + 1);
  if (NAME_START.test(next)) {
    let end = at + 2;
    while (end < text.length && NAME_CHAR.test(text[end])) end++;
    return end;
  }
  return SPECIAL.test(next) ? at + 2 : -1;
}

/** Just past the parenthesis closing the one at `open` (nested ones counted), or the end of an unclosed one. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Just past the backquote closing the one at `open`, or the end. */
function backquoteEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "`") return i + 1;
  }
  return text.length;
}

const MAX_NAMED = 3;

/** The expansions as a report names them, and why the script cannot know them. */
export function describeExpansions(expansions: readonly string[]): string {
  // A hostile line may hold thousands: a few are named.
  const shown = expansions.slice(0, MAX_NAMED).map((e) => (e.length > 60 ? `${e.slice(0, 57)}...` : e));
  if (expansions.length > MAX_NAMED) shown.push(`${expansions.length - MAX_NAMED} more`);
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0];
  const outputs = expansions.some((e) => e.startsWith("`") || e.startsWith("$("));
  return `${list}, which the script ${outputs ? "does not spell out" : "does not set"}`;
}
