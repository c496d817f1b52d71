// Shell variables a script sets outright (`SSHD=/etc/ssh/sshd_config`, `PA=yes`): a later `$SSHD` or `"${PA}"`
// stands for the value, so that `sed -i "s/^#\?PasswordAuthentication.*/PasswordAuthentication $PA/" "$SSHD"` is read
// as what it writes, to the file it names. Scripts run top to bottom: the last value set before a line is the one it
// sees. A value built from what the reader cannot know (`$(…)`, another unknown variable) is unknown, left as written.
import { ParsedCommand } from "./userdata-destinations";

/** Bounds that keep expansion linear: names kept, a value's length, and what a line may grow by. */
const MAX_NAMES = 256;
const MAX_VALUE = 4096;
const MAX_GROWTH = 64 * 1024;
/** Commands that set their NAME=value operands. */
const DECLARATIONS = new Set(["export", "readonly", "declare", "local", "typeset"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([^]*)$/;
/** `$NAME`, `${NAME}`, `${NAME:-word}` / `${NAME-word}` (the word when NAME is unset, as here when unknown). */
const REFERENCE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]{0,256}))?\})/y;

/**
 * What the shell would expand in a value: a variable, parameter or command's output. A `$` before nothing of the kind
 * (the regex `'^$'`) is the character itself.
 */
const EXPANSION = /\$[\w{(@*#?!$]|`/;

export class ShellVariables {
  private readonly values = new Map<string, string>();

  /** Records what a command sets: a line of assignments alone, or export/readonly/… NAME=value. */
  record({ words, at, name, args }: ParsedCommand): void {
    if (at < 0) {
      for (const w of words) if (!w.op) this.assign(w.text);
    } else if (DECLARATIONS.has(name)) for (const a of args) this.assign(a);
    // `read NAME`, `for NAME in …` set a value the reader cannot know.
    else if (name === "read") for (const a of args) this.values.delete(a);
    else if (name === "for" && args[0] !== undefined) this.values.delete(args[0]);
  }

  private assign(word: string): void {
    const m = ASSIGNMENT.exec(word);
    if (m) this.set(m[1], m[2]);
  }

  /** Sets NAME to a value the script spells out (a loop's word); one built from the unknown is unknown. */
  set(key: string, value: string): void {
    if (EXPANSION.test(value) || value.length > MAX_VALUE) this.values.delete(key);
    else if (this.values.has(key) || this.values.size < MAX_NAMES) this.values.set(key, value);
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
        const value = this.reference(text, i);
        if (value) {
          out += text.slice(copied, i) + value.text;
          copied = value.end;
          i = value.end - 1;
        }
      }
    }
    return out + text.slice(copied);
  }

  /** The value of the reference at `at`, and where it ends; undefined when it is none or unknown. */
  private reference(text: string, at: number): { text: string; end: number } | undefined {
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(text);
    if (!m) return undefined;
    const value = this.values.get(m[1] ?? m[2]);
    const fallback = m[3] === undefined ? undefined : m[4];
    const known = value === undefined || (value === "" && m[3] === ":-") ? fallback : value;
    return known === undefined ? undefined : { text: known, end: REFERENCE.lastIndex };
  }
}
