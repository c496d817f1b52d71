// Shell variables a script sets outright (`SSHD=/etc/ssh/sshd_config`, `PA=yes`): a later `$SSHD` or `"${PA}"`
// stands for the value, so that `sed -i "s/^#\?PasswordAuthentication.*/PasswordAuthentication $PA/" "$SSHD"` is read
// as what it writes, to the file it names. Scripts run top to bottom: the last value set before a line is the one it
// sees. A value built from what the reader cannot know (`$(…)`, another unknown variable) is unknown, left as written.
import { ParsedCommand } from "./userdata-destinations";

/**
 * Bounds that keep expansion linear: names kept, a value's length, and what a line may grow by. A value they keep
 * from being known is noted unread where it is referenced: the text it stands for is not read.
 */
const MAX_NAMES = 256;
const MAX_VALUE = 4096;
const MAX_GROWTH = 64 * 1024;
const PAST_NAMES = "a variable set past the 256 names the reader keeps";
const PAST_VALUE = "a variable's value over 4,096 characters";
const PAST_GROWTH = "variables expanding past 64 KB in one command or here-document";
/** Commands that set their NAME=value operands. */
const DECLARATIONS = new Set(["export", "readonly", "declare", "local", "typeset"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([^]*)$/;
/**
 * `$NAME`, `${NAME}`, `${NAME:-word}` / `${NAME-word}` (the word when NAME is unset, as here when unknown): the
 * word runs to the next `}`, found apart (see Braces).
 */
const REFERENCE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(\}|:?-))/y;

/**
 * What the shell would expand in a value: a variable, parameter or command's output. A `$` before nothing of the kind
 * (the regex `'^$'`) is the character itself.
 */
const EXPANSION = /\$[\w{(@*#?!$]|`/;

export class ShellVariables {
  private readonly values = new Map<string, string>();
  /** Names set to a value a bound kept from being known, with the bound's reason. */
  private readonly refused = new Map<string, string>();

  /** `leftUnread`: told when a command references what a bound kept unknown (see Findings.leftUnread). */
  constructor(private readonly leftUnread?: (why: string) => void) {}

  /** Records what a command sets: a line of assignments alone, or export/readonly/… NAME=value. */
  record({ words, at, name, args }: ParsedCommand): void {
    if (at < 0) {
      for (const w of words) if (!w.op) this.assign(w.text);
    } else if (DECLARATIONS.has(name)) for (const a of args) this.assign(a);
    // `read NAME`, `for NAME in …` set a value the reader cannot know.
    else if (name === "read") for (const a of args) this.forget(a);
    else if (name === "for" && args[0] !== undefined) this.forget(args[0]);
  }

  private assign(word: string): void {
    const m = ASSIGNMENT.exec(word);
    if (m) this.set(m[1], m[2]);
  }

  /** Sets NAME to a value the script spells out (a loop's word); one built from the unknown is unknown. */
  set(key: string, value: string): void {
    if (EXPANSION.test(value)) this.forget(key);
    else if (value.length > MAX_VALUE) this.refuse(key, PAST_VALUE);
    else if (this.values.has(key) || this.values.size < MAX_NAMES) {
      this.values.set(key, value);
      if (this.refused.size > 0) this.refused.delete(key);
    } else this.refuse(key, PAST_NAMES);
  }

  /** NAME's value is one the reader cannot know. */
  private forget(key: string): void {
    this.values.delete(key);
    if (this.refused.size > 0) this.refused.delete(key);
  }

  /** NAME's value is spelt out, but a bound keeps it from being known: a reference to it is noted unread. */
  private refuse(key: string, why: string): void {
    this.values.delete(key);
    this.refused.set(key, why);
  }

  /**
   * The text with the variables it references replaced by their known values: outside single quotes when `quotes`
   * (a command line), everywhere but after a backslash when not (an unquoted here-document's body). One pass.
   */
  expand(text: string, quotes = true): string {
    if (!text.includes("$")) return text;
    // `out` holds the expansion of the text before `copied`; the text between values is copied by one slice, since
    // appending a character at a time builds a string of a million pieces on a hostile line.
    let out = "";
    let copied = 0;
    let quote = "";
    const braces: Braces = { text, next: -1 };
    // Past the bound on growth a reference is left as written: the first one with a known value is noted unread.
    let grown = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quote === "'") {
        if (c === "'") quote = "";
      } else if (c === "\\") i++;
      else if (quote === "$'") {
        if (c === "'") quote = "";
      } else if (quotes && c === "'" && quote === "") quote = text[i - 1] === "$" ? "$'" : "'";
      else if (quotes && c === '"') quote = quote === '"' ? "" : '"';
      // What the values added so far (the output beyond the text read) stays within the bound.
      else if (c === "$" && out.length - copied < MAX_GROWTH) {
        const value = this.reference(braces, i);
        if (value) {
          out += text.slice(copied, i) + value.text;
          copied = value.end;
          i = value.end - 1;
        }
      } else if (c === "$" && !grown && this.reference(braces, i) !== undefined) {
        grown = true;
        this.leftUnread?.(PAST_GROWTH);
      }
    }
    return out + text.slice(copied);
  }

  /** The value of the reference at `at`, and where it ends; undefined when it is none or unknown. */
  private reference(braces: Braces, at: number): { text: string; end: number } | undefined {
    const { text } = braces;
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(text);
    if (!m) return undefined;
    const name = m[1] ?? m[2];
    const value = this.values.get(name);
    // The shell expands the value the script spelt, which a bound kept from the reader.
    if (value === undefined && this.refused.size > 0) {
      const why = this.refused.get(name);
      if (why !== undefined) this.leftUnread?.(why);
    }
    let end = REFERENCE.lastIndex;
    let fallback: string | undefined;
    if (m[3] !== undefined && m[3] !== "}") {
      const close = closingBrace(braces, end);
      if (close < 0) return undefined;
      fallback = text.slice(end, close);
      end = close + 1;
    }
    const known = value === undefined || (value === "" && m[3] === ":-") ? fallback : value;
    return known === undefined ? undefined : { text: known, end };
  }
}

/** A text and the `}` after the last place looked from (`next`; -1 before any, the text's length when none). */
interface Braces {
  readonly text: string;
  next: number;
}

/**
 * The first `}` at or after `from`, or -1: kept between references, which come in order, so that a text of many
 * `${A:-` unclosed is searched once, not once per reference.
 */
function closingBrace(braces: Braces, from: number): number {
  if (braces.next < from) {
    const at = braces.text.indexOf("}", from);
    braces.next = at < 0 ? braces.text.length : at;
  }
  return braces.next < braces.text.length ? braces.next : -1;
}
