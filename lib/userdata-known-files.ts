// Files a script writes with text it spells out (`echo 'PasswordAuthentication no' > /tmp/pats`, a here-document
// through cat), so that a later command reading one (`grep -v -f /tmp/pats`, a copy over sshd's configuration) is
// read with that text. A copy of such a file (`cp /tmp/a /tmp/b`) holds the same text. A file written any other way,
// or with text the script does not know, is forgotten: its text is not guessed.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { printsOnlyWhatItSays, streamEdit } from "./userdata-editors";
import { globMatches } from "./userdata-drop-in";
import { editedText } from "./userdata-known-edits";
import { MatchBudget } from "./userdata-sed-regex";
import { hereDocuments } from "./userdata-heredoc";
import { hereStrings, isPrinter, printedText } from "./userdata-printed";
import { fills } from "./userdata-outside-writes";
import { normalPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";
import { Word } from "./userdata-words";

/** Bounds that keep the memory small whatever the script: files kept, and each file's text. */
const MAX_FILES = 64;
const MAX_TEXT = 16 * 1024;
const REPLAY_BUDGET = 1_000_000;
/** Function names for fills: a function's output is text the script does not spell, as any command's. */
const NO_FUNCTIONS = (): boolean => false;
/** Commands that copy a file's text whole to a file they name (mv moves it). */
const COPIERS = new Set(["cp", "mv", "install"]);

/** A file a command's output is redirected to (`> f`, `>> f`), and whether the text is appended. */
interface Target {
  path: string;
  append: boolean;
}

export class KnownFiles {
  private readonly texts = new Map<string, string>();
  /**
   * What replaying edits on known text may spend, apart from the scan's budget: past it a file edited in place is
   * forgotten, as one whose edit cannot be replayed.
   */
  private readonly budget = new MatchBudget(REPLAY_BUDGET);

  /** The text the script wrote to `path`, if it spelt all of it. */
  text(path: string): string | undefined {
    return this.texts.get(normalPath(path));
  }

  /** The files a name stands for: itself, or the known files a pattern (`/etc/ssh/sshd_config.d/*.conf`) matches. */
  named(path: string): string[] {
    if (!/[*?[]/.test(path)) return [path];
    const named: string[] = [];
    for (const key of this.texts.keys()) if (key.startsWith("/") && globMatches(path, key)) named.push(key);
    return named;
  }

  /** Each file named outright whose whole text the script spelt, with that text. */
  *absolute(): IterableIterator<[string, string]> {
    for (const entry of this.texts) if (entry[0].startsWith("/")) yield entry;
  }

  /**
   * Records what a command writes through its redirections: an echo's or printf's text, or a here-string's through
   * cat; any other command's output is unknown, which matters only once a file is known. Most commands are answered
   * by their name. `directory`: where the script stands, when it names it; a relative name is kept as written and
   * as found from there.
   */
  command(parsed: ParsedCommand, directory?: string): void {
    const { command, words, name, args } = parsed;
    if (!isPrinter(name) && name !== "cat" && this.texts.size === 0) return;
    if (COPIERS.has(name)) return this.copied(name, args, directory);
    // Edited in place (`sed -i`), a file holds what the edit makes of its text, when the reader can replay it.
    const edit = streamEdit(name, args);
    if (edit?.inPlace) {
      for (const target of inDirectory(edit.files.map(replaced), directory))
        for (const path of this.named(target.path)) {
          const text = this.text(path);
          const replayed = text !== undefined && !printsOnlyWhatItSays(name, args);
          const edited = replayed ? editedText(edit.script, text, this.budget) : undefined;
          this.wrote([replaced(path)], edited);
        }
      return;
    }
    if (!isPrinter(name) && name !== "cat") {
      // Written over by a download (`curl -o`), a tee, an archive: the file holds text the script does not spell.
      const filled = fills([parsed], 0, NO_FUNCTIONS).map(({ path }) => replaced(path));
      if (filled.length > 0) this.wrote(inDirectory(filled, directory), undefined);
    }
    const targets = inDirectory(redirected(words), directory);
    // A here-document's body is recorded once read (see document()).
    if (targets.length === 0 || (name === "cat" && hereDocuments(words).length > 0)) return;
    if (name === "cat" && args.length > 0) return this.wrote(targets, this.concatenated(args));
    const [here] = name === "cat" ? hereStrings(words) : [];
    const given = printedText(name, args) ?? here;
    // echo and a here-string end their text with a newline, printf only where its format says.
    const text = given === undefined || name === "printf" ? given : `${given}\n`;
    // A `$` the line quotes (`echo 'root:$6$salt$hash:…'`) is text; one it leaves the shell may be anything.
    this.wrote(targets, text === undefined || expandsNothing(command.text) ? text : spelt(text));
  }

  /** What `cat a b` prints when the script spelt each file's text; an option (`-n`) changes it. */
  private concatenated(files: string[]): string | undefined {
    if (files.some((f) => f.startsWith("-"))) return undefined;
    let text = "";
    for (const file of files) {
      const known = this.text(file);
      if (known === undefined) return undefined;
      text += known;
    }
    return text;
  }

  /**
   * `cp a b`: b holds a's text when it is known; a file or folder copied any other way is unknown. A file moved away
   * keeps its text here: the move reads it where it runs, after this.
   */
  private copied(name: string, args: string[], directory: string | undefined): void {
    const copy = copyOperands(name, copyArguments(name, args));
    if (!copy) return;
    const [source] = copy.sources;
    const one = copy.sources.length === 1 && copy.folders?.explicit !== true;
    const text = one ? (this.text(source) ?? this.text(fromStanding(source, directory))) : undefined;
    const targets = inDirectory([replaced(copy.destination)], directory);
    // A destination that is a folder holds the copy under the source's name: the reader does not follow it there.
    if (copy.destination.endsWith("/")) for (const { path } of targets) this.texts.delete(normalPath(path));
    else this.wrote(targets, text);
  }

  /**
   * A here-document's body written by cat to its redirections (undefined when the scan does not read it); `literal`
   * when its delimiter is quoted, so that a `$` in it is text.
   */
  document(words: Word[], body: string | undefined, literal = false, directory?: string): void {
    const text = body === undefined ? undefined : `${body}\n`;
    this.wrote(inDirectory(redirected(words), directory), text === undefined || literal ? text : spelt(text));
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

/** A file whose text a command replaces. */
function replaced(path: string): Target {
  return { path, append: false };
}

/** Targets, each also as found from `directory` when it is relative there. */
function inDirectory(targets: Target[], directory: string | undefined): Target[] {
  if (directory === undefined) return targets;
  const found: Target[] = [];
  for (const target of targets) {
    found.push(target);
    const path = fromStanding(target.path, directory);
    if (path !== target.path) found.push({ ...target, path });
  }
  return found;
}

/** Text that holds no expansion the scan left unknown. */
function spelt(text: string): string | undefined {
  return /[$`]/.test(text) ? undefined : text;
}

/**
 * Whether a command line leaves the shell nothing to expand: every `$` and backquote quoted by `'…'` or `$'…'`, or
 * escaped. The scan has put in the values of the variables the script sets.
 */
function expandsNothing(text: string): boolean {
  if (!text.includes("$") && !text.includes("`")) return true;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = "";
    } else if (c === "\\") i++;
    else if (c === "'" && quote === "") quote = "'";
    else if (c === '"') quote = quote === '"' ? "" : '"';
    else if (c === "$" && text[i + 1] === "'" && quote === "") {
      // `$'…'`: escapes, no expansion.
      for (i += 2; i < text.length && text[i] !== "'"; i++) if (text[i] === "\\") i++;
    } else if (c === "$" || c === "`") return false;
  }
  return true;
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
