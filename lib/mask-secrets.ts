// Masking the passwords a quoted script line spells: policy messages end up in preview output, CI logs and pull-request
// comments, so a line that sets a password is quoted with the password (or its hash, which can be cracked) replaced by
// a fixed mask, the rest kept so the user finds the line. The readers of each dialect say which words are passwords
// (userdata-password-masks.ts, windows-password-masks.ts); this file holds what they share: splitting a line into
// words and putting the mask in. One pass each, no backtracking pattern on the line: scripts may be hostile.

/** What a masked value shows: fixed, so that the mask does not tell the length. */
export const MASK = "********";

export type Dialect = "shell" | "powershell" | "batch";

/** A word of a line, or an operator (`|`, `;`, `&&`, `<<<`, `(`, `,` …) when `op` is set. */
export interface Token {
  start: number;
  end: number;
  op?: string;
}

/** Where a secret lies in the line: [start, end). */
export interface Span {
  start: number;
  end: number;
}

const OPERATORS: Record<Dialect, string> = {
  shell: "|;&<>()`",
  powershell: "|;&<>(){},",
  batch: "|;&<>()",
};

/**
 * The words and operators of `line` from `from`, quotes kept on the words. Runs of one operator character are one
 * operator (`&&`, `<<<`). With `untilOperator`, stops after the first operator (or the line's end).
 */
export function tokens(line: string, dialect: Dialect, from = 0, untilOperator = false): Token[] {
  const operators = OPERATORS[dialect];
  const out: Token[] = [];
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (c === "\n") out.push({ start: i, end: i + 1, op: "\n" });
      if (c === "\n" && untilOperator) return out;
      i++;
    } else if (isOperator(line, i, dialect, operators)) {
      let end = i + 1;
      while (end < line.length && line[end] === c && c !== "(" && c !== ")") end++;
      out.push({ start: i, end, op: line.slice(i, end) });
      if (untilOperator) return out;
      i = end;
    } else {
      const end = wordEnd(line, i, dialect, operators);
      out.push({ start: i, end });
      i = end;
    }
  }
  return out;
}

/** The end of the word that starts at `start`: quotes are skipped whole (to the line's end when left open). */
function wordEnd(line: string, start: number, dialect: Dialect, operators: string): number {
  let i = start;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || isOperator(line, i, dialect, operators)) return i;
    if (c === '"' || (c === "'" && dialect !== "batch")) {
      const escape = c === "'" ? (dialect === "shell" && line[i - 1] === "$" ? "\\" : "") : escapeOf(dialect);
      i = closingQuote(line, i + 1, c, escape) + 1;
    } else if ((c === "\\" && dialect === "shell") || (c === "^" && dialect === "batch")) i += 2;
    else i++;
  }
  return Math.min(i, line.length);
}

/**
 * Whether the character at `i` is an operator. cmd has no `;` operator: in batch one inside a word is text
 * (`net user a Xq7;leak` sets `Xq7;leak`); one before a blank still ends what is read as a command.
 */
function isOperator(line: string, i: number, dialect: Dialect, operators: string): boolean {
  if (!operators.includes(line[i])) return false;
  if (dialect !== "batch" || line[i] !== ";") return true;
  const next = line[i + 1];
  return next === undefined || next === " " || next === "\t" || next === "\n" || next === "\r";
}

function escapeOf(dialect: Dialect): string {
  return dialect === "shell" ? "\\" : dialect === "powershell" ? "`" : "";
}

/** The index of the quote that closes one opened before `from`, or the line's length. */
export function closingQuote(line: string, from: number, quote: string, escape: string): number {
  for (let i = from; i < line.length; i++) {
    if (escape !== "" && line[i] === escape) i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}

export const textOf = (line: string, t: Token): string => line.slice(t.start, t.end);

/** A word's text without the quotes around it, lower case: what a command or option name is compared as. */
export function nameOf(line: string, t: Token): string {
  const span = valueSpan(line, t);
  return line.slice(span.start, span.end).toLowerCase();
}

/** The part of a word (or of `[start, end)`) that holds its value: inside the quotes when it is quoted whole. */
export function valueSpan(line: string, t: Span): Span {
  let { start } = t;
  const { end } = t;
  if (line[start] === "$" && line[start + 1] === "'") start++;
  const q = line[start];
  if ((q === "'" || q === '"') && end - start >= 2 && line[end - 1] === q) return { start: start + 1, end: end - 1 };
  return { start, end };
}

/**
 * A value taken from elsewhere, not spelled in the line: a variable (`$PW`, `${PW}`, `$env:PW`, `%PW%`, `!PW!`), an
 * argument (`$1`, `%1`), a command's output (`$(…)`, `` `…` ``, `(…)`). A crypt hash (`$6$salt$hash`, `$y$…`) holds more `$` and is no variable.
 */
export function isReference(value: string): boolean {
  return REFERENCES.some((r) => r.test(value));
}

const REFERENCES = [
  /^(?:\$\(|`|\()/,
  /^\$\{?[A-Za-z_][\w:]*\}?$/,
  /^\$\{?(?:\d+|[@*#?])\}?$/,
  /^%[^%\s]+%$/,
  /^%~?[\d*]$/,
  /^![^!\s]+!$/,
];

/** The span of `[start, end)` to mask, inside its quotes; none when it is empty or a reference. */
export function secretIn(line: string, span: Span): Span[] {
  const inner = valueSpan(line, span);
  const value = line.slice(inner.start, inner.end);
  return value === "" || isReference(value) ? [] : [inner];
}

/** `line` with every span replaced by the mask; overlapping spans are merged. */
export function applyMasks(line: string, spans: readonly Span[]): string {
  if (spans.length === 0) return line;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    if (start >= at) out += line.slice(at, start) + MASK;
    at = end;
  }
  return out + line.slice(at);
}

/** The commands of a token list: split at `;`, `&&`, `||`, `&` and newlines (a pipeline stays one command). */
export function commandsOf(all: readonly Token[]): Token[][] {
  const commands: Token[][] = [[]];
  for (const t of all) {
    if (t.op !== undefined && /^(?:;+|&+|\|\|+|\n)$/.test(t.op)) commands.push([]);
    else commands[commands.length - 1].push(t);
  }
  return commands.filter((c) => c.length > 0);
}

/** The base name of a command word: `/usr/sbin/chpasswd` and `chpasswd.exe` alike name chpasswd. */
export function commandName(line: string, t: Token): string {
  const name = nameOf(line, t);
  return name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1).replace(/\.exe$/, "");
}

/** A variable whose name says it holds a password: `PW`, `ROOT_PASSWORD`, `$adminPwd`, `db_pass`, `SECRET`. */
export function namesPassword(name: string): boolean {
  return /pass|pwd|secret|^\$?pw$|_pw$|^\$?pw_/i.test(name);
}
