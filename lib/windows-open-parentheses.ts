// PowerShell parentheses left open at a line's end (`Set-Content C:\s.ps1 -Value @(`, its elements a line each, then
// `)`), or a line ending with a comma (`-Value 'a',`, the next element on the next line): PowerShell reads on to the
// closing parenthesis, or the next line. Inside `@(` or `$(` a new line separates elements as a comma would; inside a
// plain `(` it is a blank. Lines that each hold values (quoted text, variables, numbers, nested parentheses) are
// joined into the one-line form the readers read (`-Value @('a', 'b')`); lines holding commands or assignments (a
// `param(` block's defaults) stay as they are, read one by one as before. Each line is scanned once, held once and
// given back once, and what is held is bounded: linear.

/** How much text is held waiting for a parenthesis to close: past it, the lines are given back as they are. */
const MAX_HELD = 1 << 20;
/** A line that starts with a value or an operator between values, not a command. */
const VALUE_LINE = /^['"$@(),[+\d]/;
/** A line that assigns a variable, maybe declaring its type (`[string]$Password = '…'`): a statement, no value. */
const ASSIGNING = /^(?:\[[^\]]*\]\s*)*\$[\w:{}]+\s*[-+*\/]?=(?!=)/;

/** An open parenthesis: `@(` and `$(` hold a list of statements, `(` one expression. */
type Opening = "list" | "group";

export class OpenParentheses {
  private held: string[] = [];
  /** What joins each held line to the one before it. */
  private separators: string[] = [];
  private heldLength = 0;
  private open: Opening[] = [];

  /** The statements `line` (a PowerShell statement, joined as windows-statements.ts joins it) gives, in order. */
  add(line: string): string[] {
    if (this.held.length === 0) {
      this.open = stillOpen(line, []);
      if (this.open.length === 0 && !line.endsWith(",")) return [line];
      this.held = [line];
      this.separators = [""];
      this.heldLength = line.length;
      return [];
    }
    this.separators.push(separatorBetween(this.held[this.held.length - 1], line, this.open[this.open.length - 1]));
    this.held.push(line);
    this.heldLength += line.length;
    if (this.heldLength > MAX_HELD) return this.end();
    this.open = stillOpen(line, this.open);
    if (this.open.length > 0 || line.endsWith(",")) return [];
    const lines = this.held;
    const separators = this.separators;
    this.end();
    if (!lines.slice(1).every((l) => VALUE_LINE.test(l) && !ASSIGNING.test(l))) return lines;
    return [lines.map((l, i) => `${separators[i]}${l}`).join("")];
  }

  /** The lines held, as they are: a parenthesis left open, or too much text. */
  end(): string[] {
    const lines = this.held;
    this.held = [];
    this.separators = [];
    this.heldLength = 0;
    this.open = [];
    return lines;
  }
}

/** What joins `after` to `before` inside `opening`: a comma between a list's values, a blank, or nothing at a parenthesis. */
function separatorBetween(before: string, after: string, opening: Opening | undefined): string {
  if (before.endsWith("(") || after.startsWith(")")) return "";
  const continues = /[,+]$/.test(before) || after.startsWith(",");
  return opening === "list" && !continues ? ", " : " ";
}

/** The parentheses `open` before `line` that are open after it (changed in place), quotes skipped. */
function stillOpen(line: string, open: Opening[]): Opening[] {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (quote === '"' && c === "`") i++;
      else if (c === quote) quote = undefined;
    } else if (c === "`") i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === "(") open.push(line[i - 1] === "@" || line[i - 1] === "$" ? "list" : "group");
    else if (c === ")") open.pop();
  }
  return open;
}
