// `for NAME in WORDS; do … done` with the words spelt out: the body runs once per word, NAME set to it, so that
// `for f in /etc/ssh/sshd_config; do echo … >> "$f"; done` writes sshd_config and `for d in /root/.ssh; do cat k >>
// "$d/authorized_keys"; done` writes root's keys. A loop the reader cannot take apart (words it cannot know, a
// here-document in its body, no `done`) is left to be read line by line, its variable unknown.
import { logicalLine } from "./userdata-lines";
import { Command, shellWords, splitCommands } from "./userdata-words";

/**
 * Each pass reads the whole body again: a loop is read once per word while its words times its body's commands stay
 * within MAX_PASSES, and its words times its body's characters within MAX_PASS_CHARS (or, as before, while it has at
 * most MAX_WORDS words, MAX_COMMANDS commands and MAX_LINES lines). Past that it is read line by line, its variable
 * unknown, and a body that uses the variable is reported unread. A loop is looked through to its `done` once: a
 * header within lines an earlier search went through is not searched from again.
 */
const MAX_WORDS = 16;
const MAX_COMMANDS = 256;
const MAX_LINES = 1_000;
const MAX_PASSES = MAX_WORDS * MAX_COMMANDS;
const MAX_PASS_CHARS = 1 << 20;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What may make a word's value one the reader cannot know: an expansion, a substitution, a brace list. */
const MAYBE_UNKNOWN = /[$`{]/;
/** After a `$`, what makes it an expansion (a name, a parameter, `${`, `$(`); else it is itself. */
const EXPANDS = /[\w{(@*#?!$-]/;

export interface ForLoop {
  name: string;
  values: string[];
  /** The body's command lines: a pipeline on one line, each other command on its own. */
  body: string[];
  /** The index of the physical line holding `done`. */
  end: number;
}

/**
 * The loop whose header is the logical line `text` ending at physical line `end`, or undefined when `text` opens no
 * loop the reader can take apart. A header within lines an earlier search looked through in vain (`searched.until`)
 * is not searched from again: headers in a loop that never closes would each read the same lines.
 */
export function forLoop(
  lines: string[],
  text: string,
  end: number,
  searched: { until: number },
  leftUnread?: (why: string) => void,
): ForLoop | undefined {
  if (end < searched.until) return undefined;
  const loop = closedLoop(lines, text, end, leftUnread);
  if (typeof loop === "number") searched.until = Math.max(searched.until, loop);
  return typeof loop === "number" ? undefined : loop;
}

/** The loop, or the index of the last line looked through in vain. */
function closedLoop(
  lines: string[],
  text: string,
  end: number,
  leftUnread: ((why: string) => void) | undefined,
): ForLoop | number {
  const [header, ...rest] = splitCommands(text);
  const words = shellWords(header?.text ?? "");
  if (words[0]?.text !== "for" || words[2]?.text !== "in" || !NAME.test(words[1]?.text ?? "")) return end;
  const values = words.slice(3);
  if (values.length === 0 || values.some((w) => w.op)) return end;
  // The words as written: quotes removed, they would no longer show an expansion.
  if (MAYBE_UNKNOWN.test(header.text) && expands(header.text)) return end;
  const body = new LoopBody();
  let pending: Command[] = rest;
  let at = end;
  const stray = { until: 0 };
  for (;;) {
    for (const command of pending) {
      const done = body.add(command);
      if (done === undefined) return at;
      if (done) return readsPerWord(values.length, body, at - end) ? loop() : refused();
    }
    if (at + 1 >= lines.length) return at;
    at++;
    const next = logicalLine(lines, at, stray);
    // A line cut at a cap: the loop is read line by line, where the cut is reported.
    if (next.unread !== undefined) return next.end;
    at = next.end;
    pending = splitCommands(next.text);
  }

  function loop(): ForLoop {
    return { name: words[1].text, values: values.map((w) => w.text), body: body.lines, end: at };
  }

  /** Read line by line, the variable unknown: what the body does with it is not read, and noted so. */
  function refused(): number {
    if (leftUnread !== undefined && body.uses(words[1].text)) leftUnread(PAST_PASSES);
    return at;
  }
}

const PAST_PASSES = `a loop whose words times its body pass 4,096 commands or ${MAX_PASS_CHARS >> 20} MB`;

/** Whether a loop of `words` words over `body` (`lines` physical lines after its header) is read once per word. */
function readsPerWord(words: number, body: LoopBody, lines: number): boolean {
  const commands = body.lines.length;
  if (words <= MAX_WORDS && commands <= MAX_COMMANDS && lines <= MAX_LINES) return true;
  return words * commands <= MAX_PASSES && words * body.chars() <= MAX_PASS_CHARS;
}

/**
 * Whether words, as spelt, expand anything: a `$` that starts an expansion, a backquote, or (unquoted) a brace list,
 * not escaped or in single quotes (bash's `$"…"` too). `'^$'`, `"^$"` and `\$` are the characters themselves.
 */
function expands(text: string): boolean {
  let doubleQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') doubleQuoted = !doubleQuoted;
    else if (c === "'" && !doubleQuoted) {
      i = text.indexOf("'", i + 1);
      if (i < 0) return true; // a stray quote: the words cannot be told
    } else if (c === "`" || (c === "{" && !doubleQuoted)) return true;
    else if (c === "$" && (EXPANDS.test(text[i + 1] ?? "") || (text[i + 1] === '"' && !doubleQuoted))) return true;
  }
  return false;
}

/** The body as its commands come: opened by `do`, closed by the `done` that matches it. */
class LoopBody {
  readonly lines: string[] = [];
  private depth = 0;

  /** The characters of its commands. */
  chars(): number {
    let chars = 0;
    for (const line of this.lines) chars += line.length;
    return chars;
  }

  /** Whether a command of the body references the variable `name` (`$d`, `${d}`, `${d%/}`…). */
  uses(name: string): boolean {
    const reference = new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`);
    return this.lines.some((line) => reference.test(line));
  }

  /** Adds a command: true at the closing `done`, undefined when the loop cannot be taken apart. */
  add(command: Command): boolean | undefined {
    const text = command.text.trim();
    if (text === "") return false;
    const words = shellWords(text);
    const first = words[0]?.text;
    if (words.some((w) => w.op === "<<" || w.op === "<<-")) return undefined;
    if (this.depth === 0) {
      if (first !== "do") return undefined;
      this.depth = 1;
      const after = text.slice(2).trim();
      if (after !== "") this.lines.push(after);
      return false;
    }
    if (first === "done" && --this.depth === 0) return words.length === 1 ? true : undefined;
    if (first === "do") this.depth++;
    if (command.piped && this.lines.length > 0) this.lines[this.lines.length - 1] += ` | ${text}`;
    else this.lines.push(text);
    return false;
  }
}
