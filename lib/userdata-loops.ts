// `for NAME in WORDS; do … done` with the words spelt out: the body runs once per word, NAME set to it, so that
// `for f in /etc/ssh/sshd_config; do echo … >> "$f"; done` writes sshd_config and `for d in /root/.ssh; do cat k >>
// "$d/authorized_keys"; done` writes root's keys. A loop in a loop's body is taken apart in each pass, and a
// here-document in a body is kept as written, read after the line that opens it, as bash reads it. Words it cannot
// know beside words spelt out (`for d in $(ls -d /home/*) /root`) are read as one more pass, the variable unknown. A
// loop the reader cannot take apart (no word it knows, no `done`) is left to be read line by line, its variable
// unknown.
import { HereDocument, hereDocumentBody, hereDocuments } from "./userdata-heredoc";
import { logicalLine } from "./userdata-lines";
import { holdsMark, markUnknownExpansions } from "./userdata-unknown-values";
import { listedFiles } from "./shell-listed-files";
import { Command, shellQuote, shellWords, splitCommands, Word } from "./userdata-words";

/**
 * Each pass reads the whole body again: a loop is read once per word while its words times its body's commands stay
 * within MAX_PASSES, and its words times its body's characters within MAX_PASS_CHARS (or, as before, while it has at
 * most MAX_WORDS words, MAX_COMMANDS commands and MAX_LINES lines). Past that it is read line by line, its variable
 * unknown, and a body that uses the variable is reported unread. A loop is looked through to its `done` once: a
 * header within lines an earlier search went through is not searched from again. The loops nested in a loop's body
 * share what its own passes leave of MAX_PASSES and MAX_PASS_CHARS: each nested loop read takes its words times its
 * body from it, and one past what is left is read line by line (and reported unread when its body uses a variable
 * of it or of a loop in it), so a nest of loops reads no more than one loop may.
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
/** A variable's reference (`$d`, `${d}`, `${d%/}`…), its name captured. */
const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

export interface ForLoop {
  name: string;
  values: string[];
  /**
   * The body's command lines: a pipeline on one line, each other command on its own; a here-document's lines, as
   * written, after the line that opens it.
   */
  body: string[];
  /** The index of the physical line holding `done`. */
  end: number;
  /** The commands after `done` on its line, each a line of its own, and that line: they run after the loop. */
  after?: { lines: string[]; line: string };
  /**
   * What runs before the first pass: the files a `done > f` empties (`: > f`), whose body's commands each add their
   * output to them.
   */
  before?: string[];
}

/** Expands the variables a text references to the values the script set (see ShellVariables.expand). */
export type Expand = (text: string) => string;

/** What the script's variables and files hold, where a loop's words come from them. */
export interface LoopSources {
  expand?: Expand;
  /** The text the script wrote to a file, when known (`while read l; do … done < /tmp/l`). */
  fileText?: (path: string) => string | undefined;
}

/** What the passes of a loop leave for the loops nested in its body. */
interface PassBudget {
  commands: number;
  chars: number;
}

/** The bodies of loops read once per word, with what their nest may still read: a loop in one is taken apart. */
const nestBudgets = new WeakMap<string[], PassBudget>();

/**
 * The loop whose header is the logical line `text` ending at physical line `end`, or undefined when `text` opens no
 * loop the reader can take apart. A header within lines an earlier search looked through in vain (`searched.until`)
 * is not searched from again: headers in a loop that never closes would each read the same lines. `lines` being a
 * loop's body, the loop is read within what that body's nest has left; in other text read `inLoop` (a script a
 * loop's body runs), a loop is not taken apart.
 */
export function forLoop(
  lines: string[],
  text: string,
  end: number,
  searched: { until: number },
  leftUnread?: (why: string) => void,
  inLoop = false,
  sources: LoopSources = {},
): ForLoop | undefined {
  const nest = nestBudgets.get(lines);
  if ((inLoop && nest === undefined) || end < searched.until) return undefined;
  const loop = closedLoop(lines, text, end, { ...sources, leftUnread }, nest);
  if (typeof loop === "number") searched.until = Math.max(searched.until, loop);
  return typeof loop === "number" ? undefined : loop;
}

/** The loop, or the index of the last line looked through in vain. */
function closedLoop(
  lines: string[],
  text: string,
  end: number,
  { leftUnread, expand, fileText }: LoopSources & { leftUnread?: (why: string) => void },
  nest: PassBudget | undefined,
): ForLoop | number {
  const [header, ...rest] = splitCommands(text);
  const readLoop = readHeader(header?.text ?? "");
  const words = readLoop === undefined ? loopHeader(header?.text ?? "", expand) : [readLoop.name];
  if (words === undefined) return end;
  const [name, ...listed] = words;
  let values = listed;
  const body = new LoopBody(name, readLoop !== undefined);
  let pending: Command[] = rest;
  let at = end;
  let line = text;
  const stray = { until: 0 };
  for (;;) {
    for (let k = 0; k < pending.length; k++) {
      const done = body.add(pending[k]);
      if (done === undefined) return at;
      if (!done) continue;
      // Commands after `done` opening a here-document: its lines follow this one, read with the line as before.
      let after = pending.slice(k + 1);
      if (after.some(opensDocument)) return at;
      // `while read NAME; do … done <<EOF`: a pass per line of the document, or of the file the script wrote.
      if (readLoop !== undefined) {
        const input = body.input;
        if (input === undefined) return at;
        const document = input.op === "<" ? undefined : hereDocuments(input.words)[0];
        if (document === undefined && input.op !== "<") return at;
        let text: string | undefined;
        if (document !== undefined) {
          const { body: read, end: close } = hereDocumentBody(lines, at + 1, document);
          if (close >= lines.length) return at;
          text = `${read.join("\n")}\n`;
          if (document.expands && expand !== undefined) text = expand(text);
          at = close;
        } else text = fileText?.(input.target);
        if (text === undefined) return at;
        values = readLines(text, readLoop.raw);
      }
      // `done | cmd`: each command of the body pipes its output to the stages after `done`.
      const stages = after.findIndex((command) => !command.piped);
      const piped = stages < 0 ? after : after.slice(0, stages);
      if (piped.length > 0) after = after.slice(piped.length);
      const output = body.output(piped.map((command) => command.text.trim()));
      if (output === undefined) return at;
      if (!reads(values.length, body, at - end, nest)) return refused();
      body.sendOutput(output);
      return loop(after);
    }
    // The here-documents the line opened: their lines follow it, text a command reads, kept as they are written.
    for (const document of body.opened()) {
      const close = hereDocumentBody(lines, at + 1, document).end;
      if (close >= lines.length) return at;
      body.document(lines, at + 1, close);
      at = close;
    }
    if (at + 1 >= lines.length) return at;
    at++;
    const next = logicalLine(lines, at, stray);
    // A line cut at a cap: the loop is read line by line, where the cut is reported.
    if (next.unread !== undefined) return next.end;
    at = next.end;
    line = next.text;
    pending = splitCommands(line);
  }

  function loop(after: Command[]): ForLoop {
    const read: ForLoop = { name, values, body: body.lines, end: at };
    if (body.emptied.length > 0) read.before = body.emptied;
    nestBudgets.set(read.body, leftFor(values.length, body, nest));
    const commands = commandLines(after);
    if (commands.length > 0) {
      read.after = { lines: commands, line: line.trim() };
      if (nest !== undefined) nestBudgets.set(commands, nest);
    }
    return read;
  }

  /** Read line by line, the variable unknown: what the body does with it (or with a nested loop's) is not read. */
  function refused(): number {
    if (leftUnread !== undefined && body.uses()) leftUnread(PAST_PASSES);
    return at;
  }
}

/**
 * The commands of a line holding a `for` loop after other commands (`cd /x; for …`, `while …; do for …`,
 * `then for …`), each a line of its own so that the loop is taken apart, or undefined when it holds none (or opens
 * a here-document, whose lines follow it). In text read `inLoop` outside a loop's body, as for forLoop: undefined.
 */
export function loopLines(lines: string[], line: string, inLoop: boolean): string[] | undefined {
  if (!MID_LINE_LOOP.test(line)) return undefined;
  const nest = nestBudgets.get(lines);
  if (inLoop && nest === undefined) return undefined;
  const commands = splitCommands(line);
  if (commands.some(opensDocument)) return undefined;
  const split = commandLines(commands);
  if (!split.some((command, k) => k > 0 && (loopHeader(command) !== undefined || byVariables(command))))
    return undefined;
  if (nest !== undefined) nestBudgets.set(split, nest);
  return split;
}

/**
 * A loop that starts after other commands on its line and whose `done` is on a later line (`while true; do for d in
 * /root; do` then its body): the commands before it, each a line of its own, and the loop's text from its `for`, to
 * be taken apart by forLoop from this line on. Undefined when the line holds no such loop (one it closes is read by
 * loopLines).
 */
export function midLineLoop(line: string): { before: string[]; text: string } | undefined {
  if (!MID_LINE_LOOP.test(line)) return undefined;
  const commands = splitCommands(line);
  for (let k = 1; k < commands.length; k++) {
    const text = commands[k].text.trim();
    const lead = LEADS.exec(text);
    const header = lead === null ? text : text.slice(lead[0].length);
    if (commands[k].piped || !HEADER.test(header)) continue;
    const rest = commands.slice(k + 1);
    if (rest.some((command) => shellWords(command.text)[0]?.text === "done")) return undefined;
    const before = commandLines(commands.slice(0, k));
    if (lead !== null) before.push(lead[1]);
    const spelt = rest.map((command) => `${command.piped ? "| " : "; "}${command.text.trim()}`);
    return { before, text: header + spelt.join(" ") };
  }
  return undefined;
}

const HEADER = /^for\s+[A-Za-z_][A-Za-z0-9_]*\s+in\b/;

/**
 * A loop header whose words reference variables: a variable set earlier on its line (`D=/root; for f in $D/…`) is
 * known once the commands before the loop are read. Beside a command's output (`D=/root; for d in $D $(ls /home)`),
 * a variable referenced outside it is too, and its value is read as a word the reader knows (see partlyKnownHeader);
 * one referenced only inside it (`$(ls $D)`) leaves no word known.
 */
function byVariables(command: string): boolean {
  if (!HEADER.test(command) || !command.includes("$")) return false;
  if (!/`|\$\(/.test(command)) return true;
  return markUnknownExpansions(command)?.expansions.some((expansion) => VARIABLE.test(expansion)) === true;
}

/** An expansion that is a variable's value (`$D`, `${D}`, `${D%/}`…), not a command's output nor a parameter. */
const VARIABLE = /^\$\{?[A-Za-z_]/;

/** A `for NAME in` after a separator or a keyword that may precede a command: a loop not at its line's start. */
const MID_LINE_LOOP = /(?:[;&|{]|\b(?:then|do|else))\s*for\s+[A-Za-z_][A-Za-z0-9_]*\s+in\b/;
/** Keywords a command may follow on its line: before a loop, each a line of its own. */
const LEADS = /^(then|do|else|\{)\s+(?=for\s)/;

/** Commands as lines: a pipeline on one line, a keyword before a loop (`then for …`) on its own. */
function commandLines(commands: Command[]): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const text = command.text.trim();
    if (text === "") continue;
    if (command.piped && lines.length > 0) {
      lines[lines.length - 1] += ` | ${text}`;
      continue;
    }
    const lead = LEADS.exec(text);
    if (lead === null) lines.push(text);
    else lines.push(lead[1], text.slice(lead[0].length));
  }
  return lines;
}

function opensDocument(command: Command): boolean {
  return command.text.includes("<<") && hereDocuments(shellWords(command.text)).length > 0;
}

const PAST_PASSES = `a loop whose words times its body pass 4,096 commands or ${MAX_PASS_CHARS >> 20} MB`;

/**
 * A `for NAME in WORDS` command's name and words as spelt, or undefined when it is no such loop or its words may
 * hold what the reader cannot know.
 */
function loopHeader(spelt: string, expand?: Expand): string[] | undefined {
  const text = listingsSpelt(spelt) ?? spelt;
  const words = shellWords(text);
  if (words[0]?.text !== "for" || words[2]?.text !== "in" || !NAME.test(words[1]?.text ?? "")) return undefined;
  const values = words.slice(3);
  if (values.length === 0 || values.some((w) => w.op)) return undefined;
  // The words as written: quotes removed, they would no longer show an expansion.
  if (MAYBE_UNKNOWN.test(text) && expands(text))
    return (expand && expandedHeader(text, expand)) ?? partlyKnownHeader(text, expand);
  return [words[1].text, ...values.map((w) => w.text)];
}

/** A find or grep -l whose output stands as a loop's words (`for f in $(find /etc/ssh -name '*.conf')`). */
const LISTING = /(?:^|[ \t])("?)(?:\$\(|`)[ \t]*(?:find|grep|egrep|fgrep)[ \t]/g;

/**
 * A loop header with the files each find or grep -l standing as its words may list spelt out, each a word (a
 * pattern: `/etc/ssh/**\/sshd_config`), so that its passes read them; undefined when it holds no such listing.
 */
function listingsSpelt(text: string): string | undefined {
  if (!text.includes("find") && !text.includes("grep")) return undefined;
  let out = "";
  let copied = 0;
  LISTING.lastIndex = 0;
  for (let m = LISTING.exec(text); m !== null; m = LISTING.exec(text)) {
    const at = m.index + m[0].indexOf(m[1] === '"' ? '"' : m[0].includes("`") ? "`" : "$");
    if (at < copied) continue;
    const listed = listedFiles(text, m[1] === '"' ? at + 1 : at, listingWords, m[1] === '"');
    if (listed === undefined) continue;
    out += text.slice(copied, at) + listed.words.map(shellQuote).join(" ");
    copied = listed.end;
    LISTING.lastIndex = Math.max(LISTING.lastIndex, copied);
  }
  return copied === 0 ? undefined : out + text.slice(copied);
}

function listingWords(text: string): string[] {
  return shellWords(text).map((w) => w.text);
}

/** A value the reader cannot know: setting the loop's variable to it leaves the variable unknown for a pass. */
export const UNKNOWN_WORD = "$(unknown)";

/**
 * A loop over words some of which the reader cannot know (`for d in $(ls -d /home/*) /root`): a pass for each word it
 * knows, and one pass with the variable unknown for all the others, so that a word spelt out (`/root`) is read as
 * what it is. Undefined when no word is known (the loop is read line by line, its variable unknown, as before).
 */
function partlyKnownHeader(text: string, expand: Expand | undefined): string[] | undefined {
  const expanded = expand?.(text);
  const usable = expanded !== undefined && addsNothing(text, expanded);
  // Each expansion left is marked first, so that splitting keeps it in one word (`$(ls -d /home/*)`).
  const marked = markUnknownExpansions(usable ? expanded : text);
  if (marked === undefined) return undefined;
  const [, name, , ...values] = shellWords(marked.text).map((w) => w.text);
  const known = values.filter((v) => !holdsMark(v) && !MAYBE_UNKNOWN.test(v));
  if (known.length === 0 || known.length === values.length) return undefined;
  return [name, ...known, UNKNOWN_WORD];
}

/** `while read [-r] NAME`: the loop's variable, and whether backslashes are kept (`-r`). */
function readHeader(text: string): { name: string; raw: boolean } | undefined {
  if (!text.startsWith("while")) return undefined;
  const words = shellWords(text);
  if (words[0]?.text !== "while" || words[1]?.text !== "read") return undefined;
  const raw = words[2]?.text === "-r";
  const rest = words.slice(raw ? 3 : 2);
  return rest.length === 1 && NAME.test(rest[0].text) ? { name: rest[0].text, raw } : undefined;
}

/**
 * The values `read NAME` gives a line at a time: blanks at either end taken off, backslashes removed unless `raw`.
 * Text after the last newline ends the loop unread, as read fails on it.
 */
function readLines(text: string, raw: boolean): string[] {
  const lines = text.split("\n");
  lines.pop();
  return lines.map((line) => (raw ? line : line.replace(/\\(.)/g, "$1")).trim());
}

/** What the values of variables may not add to a loop's words: quotes, escapes, operators, brace lists. */
const NOT_ADDED = /['"\\;&|<>(){}`]/g;

/**
 * A loop's words, the variables they reference replaced by the values the script set (`D=/root; for f in
 * $D/.ssh/…`): unquoted, a value is split on blanks, quoted (`"$X"`) it stays one word, as bash splits it. Undefined
 * while a word holds what the reader cannot know, or a value adds what would be read as more than its characters.
 */
function expandedHeader(text: string, expand: Expand): string[] | undefined {
  const expanded = expand(text);
  if (expanded === text || (MAYBE_UNKNOWN.test(expanded) && expands(expanded))) return undefined;
  if (!addsNothing(text, expanded)) return undefined;
  return loopHeader(expanded);
}

/** Whether the values filled into `text` added none of NOT_ADDED (the braces of `${X}` go with the expansion). */
function addsNothing(text: string, expanded: string): boolean {
  return count(expanded, NOT_ADDED) === count(text, NOT_ADDED) - count(text, /\$\{|\}/g);
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Whether a loop of `words` words over `body` (`lines` physical lines after its header) is read once per word: on
 * its own by the caps, nested in a loop's body within what that body's nest has left (which it then takes).
 */
function reads(words: number, body: LoopBody, lines: number, nest: PassBudget | undefined): boolean {
  const commands = body.commands;
  if (nest !== undefined) {
    if (words * commands > nest.commands || words * body.chars > nest.chars) return false;
    nest.commands -= words * commands;
    nest.chars -= words * body.chars;
    return true;
  }
  if (words <= MAX_WORDS && commands <= MAX_COMMANDS && lines <= MAX_LINES) return true;
  return words * commands <= MAX_PASSES && words * body.chars <= MAX_PASS_CHARS;
}

/** What the loops nested in a loop's body may read: the nest's own budget, or what the loop's passes leave of it. */
function leftFor(words: number, body: LoopBody, nest: PassBudget | undefined): PassBudget {
  if (nest !== undefined) return nest;
  return {
    commands: Math.max(0, MAX_PASSES - words * body.commands),
    chars: Math.max(0, MAX_PASS_CHARS - words * body.chars),
  };
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

/** The redirections after a closing `done` whose output a pass sends on: to a file, or to another descriptor. */
const OUTPUT = new Set([">", ">>", ">|", "&>", "&>>", ">&"]);
/** A target that would not be read back as the one word it is (quotes were taken from it). */
const UNSPELT = /[\s'"\\;&|<>()`]/;
/** A body line that is no command of its own (a nested loop or case, a keyword), which prints nothing itself. */
const NOT_PRINTING = new Set(["for", "case", "esac", "in", "do", "done", "then", "else", "fi", "{", "}"]);

/**
 * Whether a body line prints to the loop's output: a command, not a keyword alone nor a nested loop's header (its
 * `done` takes the redirection on), and without a redirection of its own output.
 */
function printsToLoop(line: string): boolean {
  const words = shellWords(line);
  if (words.length === 0 || NOT_PRINTING.has(words[0].text)) return false;
  return !words.some((w) => w.op !== undefined && /^&?>/.test(w.op) && (w.fd === undefined || w.fd === 1));
}

/**
 * The body as its commands come: opened by `do`, closed by the `done` that matches it. The here-documents a line
 * opens are taken, by the caller, from the lines after it; the commands after the one that opens them, on its line,
 * stay on its line, so that the document follows them as it does in the script.
 */
class LoopBody {
  readonly lines: string[] = [];
  /** The command lines (a pipeline's one), a here-document's lines not counted. */
  commands = 0;
  /** The characters of the commands and here-documents. */
  chars = 0;
  /** The loop's variable and those of the loops nested in it. */
  private readonly names: Set<string>;
  private depth = 0;
  /** The here-documents the current line opened, whose lines come next. */
  private documents: HereDocument[] = [];
  /** The indices of the lines of here-documents: text, not commands. */
  private readonly documentLines = new Set<number>();
  /** The redirections after the closing `done` (`done >> f`), operator and target by turns. */
  private redirections: Word[] = [];
  /** The files a `done > f` empties before the first pass, as commands (`: > f`). */
  readonly emptied: string[] = [];

  /** A `while read` loop's input after its `done`: `<<EOF` (its words) or `< file`. */
  input?: { op: string; target: string; words: Word[] };

  constructor(
    name: string,
    private readonly readLoop = false,
  ) {
    this.names = new Set([name]);
  }

  /** Whether the words after a `while read` loop's `done` are its input alone: kept in `input`. */
  reads(words: Word[]): boolean {
    const op = words[1]?.op;
    if (!this.readLoop || words.length !== 3 || (op !== "<" && op !== "<<" && op !== "<<-")) return false;
    if (words[2].op !== undefined) return false;
    this.input = { op, target: words[2].text, words };
    return true;
  }

  /** Whether the words after a closing `done` only send its output to files: kept for `output`. */
  redirects(words: Word[]): boolean {
    for (let k = 1; k < words.length; k += 2)
      if (!OUTPUT.has(words[k].op ?? "") || words[k + 1] === undefined || words[k + 1].op !== undefined) return false;
    this.redirections = words.slice(1);
    return true;
  }

  /**
   * Where the redirections after `done` and the pipeline `stages` after it send the loop's output, as what each
   * command of the body that prints to it takes on: `>> f` (a `> f` empties the file first) or `| stage …`; "" for
   * nowhere else, undefined when that cannot be told (a target the reader cannot spell again, both). The body's
   * characters count it once per command, so that the caps bound the passes before the lines are rewritten.
   */
  output(stages: string[]): string | undefined {
    if (this.redirections.length === 0 && stages.length === 0) return "";
    if (this.redirections.length > 0 && stages.length > 0) return undefined;
    const redirections: string[] = [];
    for (let k = 0; k < this.redirections.length; k += 2) {
      const { op, fd } = this.redirections[k];
      const target = this.redirections[k + 1].text;
      if (UNSPELT.test(target)) return undefined;
      if (op === ">" || op === ">|" || op === "&>") this.emptied.push(`: > ${target}`);
      const appends = op === ">&" ? op : op === "&>" || op === "&>>" ? "&>>" : ">>";
      redirections.push(`${fd ?? ""}${appends} ${target}`);
    }
    const suffix = stages.length > 0 ? ` | ${stages.join(" | ")}` : ` ${redirections.join(" ")}`;
    this.chars += suffix.length * this.commands;
    return suffix;
  }

  /** Adds `suffix` (see output) to each command of the body that prints to the loop's output. */
  sendOutput(suffix: string): void {
    if (suffix === "") return;
    for (let i = 0; i < this.lines.length; i++) {
      if (this.documentLines.has(i) || !printsToLoop(this.lines[i])) continue;
      this.lines[i] += suffix;
    }
  }

  /** Whether a line of the body references the loop's variable or a nested loop's (`$d`, `${d}`, `${d%/}`…). */
  uses(): boolean {
    for (const line of this.lines) {
      if (!line.includes("$")) continue;
      for (const [, name] of line.matchAll(REFERENCE)) if (this.names.has(name)) return true;
    }
    return false;
  }

  /** The here-documents the line just added opened, in order; the next line starts afresh. */
  opened(): HereDocument[] {
    const documents = this.documents;
    if (documents.length > 0) this.documents = [];
    return documents;
  }

  /** Adds the lines `from` to `close` (the delimiter's) of a here-document the body holds, as they are written. */
  document(lines: string[], from: number, close: number): void {
    for (let i = from; i <= close; i++) {
      this.documentLines.add(this.lines.length);
      this.lines.push(lines[i]);
      this.chars += lines[i].length;
    }
  }

  /** Adds a command: true at the closing `done`, undefined when the loop cannot be taken apart. */
  add(command: Command): boolean | undefined {
    const text = command.text.trim();
    if (text === "") return false;
    const words = shellWords(text);
    const first = words[0]?.text;
    const afterDocument = this.documents.length > 0;
    // A loop keyword after a here-document on its line: which lines the document takes is not told.
    if (afterDocument && (first === "do" || first === "done" || first === "for")) return undefined;
    for (const document of hereDocuments(words)) this.documents.push(document);
    if (this.depth === 0) {
      if (first !== "do") return undefined;
      this.depth = 1;
      const after = text.slice(2).trim();
      if (after !== "") this.push(after);
      this.noteLoop(after);
      return false;
    }
    if (first === "done" && --this.depth === 0)
      return words.length === 1 || this.redirects(words) || this.reads(words) ? true : undefined;
    if (first === "do") this.depth++;
    // A loop after `then`, `else` or `{` is a line of its own, so that a pass takes it apart.
    const lead = first === "do" ? null : LEADS.exec(text);
    const rest = lead !== null ? text.slice(lead[0].length) : first === "do" ? text.slice(2).trim() : text;
    this.noteLoop(rest);
    if (afterDocument) this.join(command.piped ? " | " : "; ", text);
    else if (command.piped && this.lines.length > 0) this.join(" | ", text);
    else if (lead !== null) {
      this.push(lead[1]);
      this.push(rest);
    } else this.push(text);
    return false;
  }

  private push(text: string): void {
    this.lines.push(text);
    this.commands++;
    this.chars += text.length;
  }

  private join(separator: string, text: string): void {
    this.lines[this.lines.length - 1] += separator + text;
    this.chars += separator.length + text.length;
  }

  /** A nested loop's header: its variable, unknown when the loop is read line by line, is noted. */
  private noteLoop(text: string): void {
    if (!text.startsWith("for")) return;
    const words = shellWords(text);
    if (words[0]?.text === "for" && NAME.test(words[1]?.text ?? "")) this.names.add(words[1].text);
  }
}
