// Command lines that span physical lines: a trailing backslash continues a line, and a quote a command opens may
// close lines later (`sed -i '/re/{` … `}' file`, `bash -c '` … `'`). Read one physical line at a time, such a
// script's second line would be judged without its command, its first without its script.
import { commandIndex, commandName, shellWords, splitCommands } from "./userdata-words";

/** Commands whose quoted argument is a script or text that real user data spreads over lines. */
const MULTI_LINE_ARGUMENTS = new Set([
  ..."sed perl awk gawk mawk nawk echo printf sh bash dash zsh ksh su runuser eval python python2 python3".split(" "),
  ..."ruby node php ex vi vim ed expect".split(" "),
]);
/**
 * Past this many lines or characters a quote is read on only while the text holds its character later (one that
 * never closes is a stray one: its lines are read alone), and a continued line is cut, the rest noted unread.
 */
const MAX_LINES = 1_000; // "1,000 lines" in logicalLine's reason
const MAX_CHARS = 256 * 1024;

/** A text's physical lines, ended by a newline with or without a carriage return before it. */
export function physicalLines(text: string): string[] {
  // Splitting on the character alone is quicker, and the same without a carriage return.
  return text.includes("\r") ? text.split(/\r?\n/) : text.split("\n");
}

/** Where a physical line leaves the shell's reading: inside a quote (and where it opened), or continued. */
interface LineState {
  quote: "" | "'" | '"' | "$'";
  /** Where the quote still open at the line's end opened, in that line. */
  opened: number;
  /** The line ends with a backslash outside quotes (or inside double quotes): the newline is removed. */
  continued: boolean;
}

/** Unquoted characters after which a word starts: a `#` there opens a comment. Compared one by one: hot. */
function isWordBreak(c: string): boolean {
  return c === " " || c === "\t" || c === ";" || c === "&" || c === "|" || c === "(" || c === ")";
}

/** A line outside quotes that ends without a backslash: it is a command line of its own. */
const COMPLETE: Readonly<LineState> = { quote: "", opened: -1, continued: false };

/** Reads one physical line from `quote` (the state the previous line left), in one pass. */
function lineState(line: string, quote: LineState["quote"]): Readonly<LineState> {
  // Most lines hold no quote and end without a backslash: only a quote or a last backslash changes the state.
  if (quote === "" && !line.endsWith("\\") && !line.includes("'") && !line.includes('"')) return COMPLETE;
  let q = quote;
  let opened = -1;
  let wordStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const atWordStart = wordStart;
    wordStart = false;
    if (q === "'") {
      if (c === "'") q = "";
    } else if (q !== "") {
      if (c === "\\") {
        if (i + 1 === line.length) return { quote: q, opened, continued: q === '"' };
        i++;
      } else if (c === (q === '"' ? '"' : "'")) q = "";
    } else if (c === "\\") {
      if (i + 1 === line.length) return { quote: "", opened: -1, continued: true };
      i++;
    } else if (c === "#" && atWordStart) return { quote: "", opened: -1, continued: false };
    else if (c === "'" || c === '"') {
      q = c === "'" && line[i - 1] === "$" ? "$'" : c;
      opened = i;
    } else wordStart = isWordBreak(c);
  }
  return { quote: q, opened, continued: false };
}

/** Whether the quote opened at `opened` belongs to a command known to spread its argument over lines. */
function opensMultiLineArgument(line: string, opened: number): boolean {
  const commands = splitCommands(line.slice(0, opened));
  const words = shellWords(commands[commands.length - 1]?.text ?? "");
  return MULTI_LINE_ARGUMENTS.has(commandName(words, commandIndex(words)));
}

export interface LogicalLine {
  text: string;
  /** The index of its last physical line. */
  end: number;
  /**
   * Why the line was cut at a cap, leaving unread what the shell runs as part of it (the lines a backslash still
   * continues onto); undefined when nothing was left so.
   */
  unread?: string;
}

/**
 * The command line starting at physical line `from`. A quote that does not close, or that no known command opened,
 * leaves the line alone (as do lines from before `stray`, the end of the last such attempt, so that no line is
 * read twice for a stray quote): reading on would make the rest of the text one line. Past the caps a quote is read
 * on only while a later line holds its character, so that a stray one is not read to the text's end.
 */
export function logicalLine(lines: string[], from: number, stray: { until: number }): LogicalLine {
  const first = lines[from];
  let state = lineState(first, "");
  if (state.quote === "" && !state.continued) return { text: first, end: from };
  if (state.quote !== "" && (from < stray.until || !opensMultiLineArgument(first, state.opened)))
    return { text: first, end: from };
  // The pieces of the line, each physical line but the first after the separator it needs: a backslash-newline is
  // removed, a newline inside quotes is part of the word. Joined once: joining as it grows would be quadratic.
  const parts = [first];
  let length = first.length;
  let end = from;
  let capped = false;
  while ((state.quote !== "" || state.continued) && end + 1 < lines.length) {
    // Lines a failed attempt already read on in a quote are not read so again.
    if (state.quote !== "" && end < stray.until) break;
    // Past the caps a quote is read on while a later line may close it (as bash reads it: a quote that never closes
    // is a stray one, whose lines are read alone); a line continued past them is cut, and what follows noted unread.
    if ((end - from >= MAX_LINES || length > MAX_CHARS) && !closesLater(lines, end, state.quote)) {
      capped = state.quote === "" && lines[end + 1].trim() !== "";
      break;
    }
    if (state.continued) parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
    else parts.push("\n");
    parts.push(lines[++end]);
    length += lines[end].length + 1;
    state = lineState(lines[end], state.quote);
  }
  if (capped) {
    const cap = end - from >= MAX_LINES ? "1,000 lines" : `${MAX_CHARS / 1024} KB`;
    return { text: parts.join(""), end, unread: `a command line continued past ${cap}` };
  }
  if (state.quote === "") return { text: parts.join(""), end };
  stray.until = Math.max(stray.until, end + 1);
  return { text: first, end: from };
}

/** Whether the quote open at the end of physical line `end` may close on a later line: its character stands there. */
function closesLater(lines: string[], end: number, quote: LineState["quote"]): boolean {
  if (quote === "") return false;
  const last = lastQuoteLines(lines);
  return (quote === '"' ? last.double : last.single) > end;
}

/** The last line holding a single quote and the last holding a double quote, per text: found once, from its end. */
const lastQuotes = new WeakMap<string[], { single: number; double: number }>();

function lastQuoteLines(lines: string[]): { single: number; double: number } {
  let last = lastQuotes.get(lines);
  if (last === undefined) {
    last = { single: -1, double: -1 };
    for (let i = lines.length - 1; i >= 0 && (last.single < 0 || last.double < 0); i--) {
      if (last.single < 0 && lines[i].includes("'")) last.single = i;
      if (last.double < 0 && lines[i].includes('"')) last.double = i;
    }
    lastQuotes.set(lines, last);
  }
  return last;
}
