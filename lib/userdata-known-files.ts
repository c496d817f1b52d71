// Files a script writes with text it spells out (`echo 'PasswordAuthentication no' > /tmp/pats`, a here-document
// through cat), so that a later command reading one (`grep -v -f /tmp/pats`) is read with that text. A file written
// any other way, or with text the script does not know, is forgotten: its text is not guessed.
import { ParsedCommand } from "./userdata-destinations";
import { hereDocuments } from "./userdata-heredoc";
import { hereStrings, isPrinter, printedText } from "./userdata-printed";
import { normalPath } from "./userdata-sshd-paths";
import { Word } from "./userdata-words";

/** Bounds that keep the memory small whatever the script: files kept, and each file's text. */
const MAX_FILES = 64;
const MAX_TEXT = 16 * 1024;

/** A file a command's output is redirected to (`> f`, `>> f`), and whether the text is appended. */
interface Target {
  path: string;
  append: boolean;
}

export class KnownFiles {
  private readonly texts = new Map<string, string>();

  /** The text the script wrote to `path`, if it spelt all of it. */
  text(path: string): string | undefined {
    return this.texts.get(normalPath(path));
  }

  /**
   * Records what a command writes through its redirections: an echo's or printf's text, or a here-string's through
   * cat; any other command's output is unknown, which matters only once a file is known. Most commands are answered
   * by their name.
   */
  command({ words, name, args }: ParsedCommand): void {
    if (!isPrinter(name) && name !== "cat" && this.texts.size === 0) return;
    const targets = redirected(words);
    // A here-document's body is recorded once read (see document()).
    if (targets.length === 0 || (name === "cat" && hereDocuments(words).length > 0)) return;
    const [here] = name === "cat" && args.length === 0 ? hereStrings(words) : [];
    const given = printedText(name, args) ?? here;
    // echo and a here-string end their text with a newline, printf only where its format says.
    const text = given === undefined || name === "printf" ? given : `${given}\n`;
    this.wrote(targets, text === undefined ? undefined : spelt(text));
  }

  /**
   * A here-document's body written by cat to its redirections (undefined when the scan does not read it); `literal`
   * when its delimiter is quoted, so that a `$` in it is text.
   */
  document(words: Word[], body: string | undefined, literal = false): void {
    const text = body === undefined ? undefined : `${body}\n`;
    this.wrote(redirected(words), text === undefined || literal ? text : spelt(text));
  }

  private wrote(targets: Target[], text: string | undefined): void {
    for (const { path, append } of targets) {
      const key = normalPath(path);
      const before = append ? this.texts.get(key) : "";
      const after = text === undefined || before === undefined ? undefined : before + text;
      if (after === undefined || after.length > MAX_TEXT) this.texts.delete(key);
      else if (this.texts.has(key) || this.texts.size < MAX_FILES) this.texts.set(key, after);
    }
  }
}

/** Text that holds no expansion the scan left unknown. */
function spelt(text: string): string | undefined {
  return /[$`]/.test(text) ? undefined : text;
}

/** The files a command's standard output is redirected to, in order. */
function redirected(words: Word[]): Target[] {
  const targets: Target[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const { op, fd } = words[i];
    if (op === undefined || (fd !== undefined && fd !== 1)) continue;
    if (op === ">" || op === ">|" || op === "&>") targets.push({ path: words[i + 1].text, append: false });
    else if (op === ">>" || op === "&>>") targets.push({ path: words[i + 1].text, append: true });
  }
  return targets;
}
