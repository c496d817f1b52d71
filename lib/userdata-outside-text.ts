// sshd's configuration or the account files replaced or extended with text the script does not spell out: a copy of
// a file it did not write, a download, a program's output, an archive extracted into /etc/ssh. What that text sets is
// decided outside the script, so each such line is unverifiable: for sshd's files both directives the rewrite check
// names, for the account files a password. Files the script wrote are remembered as its own or from outside, so that
// a backup put back (`cp /etc/shadow /root/s; … cp /root/s /etc/shadow`) is no finding and a download put in place
// (`curl -o /tmp/c …; mv /tmp/c /etc/ssh/sshd_config`) is. The files cloud-config's bootcmd and write_files gave text
// the reader knows are its own for the runcmd after them. A file named by a value the script does not set
// (`wget -P /etc/ssh "$SRC"`, `curl -o "/etc/$F"`) may be any file of its folder: sshd_config or a drop-in in sshd's
// folders, an account file in /etc. The findings are held to the scan's end: a later rewrite of the file
// with text the script spells out replaces the unknown text, and is judged as itself; an append after it does not
// (sshd keeps the first value it reads). A file whose whole text the reader knows, copied (cp, mv, install, a plain
// cat, dd) onto one of sshd's or the account files, is no text from outside: the caller reads it as the file's; so is
// one linked onto the account files or over sshd_config itself, which the link replaces as a copy does (a link onto a
// drop-in makes sshd read its target, see userdata-sshd-reads). A repository cloned into one of sshd's folders fills
// it with text from outside too; cloned anywhere else, it makes a folder of its own and replaces no file.
import { isAccountsFile } from "./userdata-accounts";
import { ParsedCommand } from "./userdata-destinations";
import { globMatches, hardenedDropInAt } from "./userdata-drop-in";
import { streamEdit } from "./userdata-editors";
import { Findings, LoginWeaknessKind } from "./userdata-findings";
import { Fill, fills, Origin } from "./userdata-outside-writes";
import { maskShellPasswords } from "./userdata-password-masks";
import { isMainSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { isPrinter } from "./userdata-printed";
import { fromStanding } from "./userdata-working-directory";
import { reportPipedRewrite, reportReplaced } from "./userdata-hardened-overwrites";
import { isWriteRedirection } from "./userdata-words";
import { withoutTrailingSlashesOrDot } from "./trailing-slashes";

/** Nearly every command names none of these: only those that do are read, and copies of files remembered. */
const NAMES = /ssh|shadow|passwd/;
/** A file the shell or a template names when it runs (`$F`, `$(…)`, `{{ f }}`): in /etc, it may be an account file. */
const UNKNOWN = /[$`]|\{\{/;
const UNKNOWN_PARTS = /\$\{[^}]*\}|\$\([^)]*\)|\$\w+|`[^`]*`|\{\{[^}]*\}\}/g;
/**
 * Past this length a name is not taken apart (UNKNOWN_PARTS retries an unclosed `${` or `{{` at each of a run's
 * characters: quadratic on a hostile name): holding any unknown part, it may be any file. Real names are under 256.
 */
const MAX_NAME = 1024;
const COPIES = new Set(["cp", "mv", "install", "rsync"]);
/** A shell pattern's special characters. */
const GLOB = /[*?[]/;
/** A function's definition: `name() {`, `function name`. */
const FUNCTION = /(?:^|[\s;&|({])(?:function[ \t]+([\w.:-]+)|([\w.:-]+)[ \t]*\([ \t]*\))/g;
/** sshd's configuration files, and the folders that hold them (SUSE's vendor copy under /usr/etc too). */
const SSHD_FILES = /^(?:\/usr)?\/etc\/ssh\/(?:sshd_config|sshd_config\.d\/[^/]+\.conf)$/;
const SSHD_FOLDERS = /^(?:\/usr)?\/etc\/ssh(?:\/sshd_config\.d)?$/;
/** Where sshd's own text lives: its folders, and the distributions' stock copy (`cp /usr/share/openssh/sshd_config`). */
const SSHD_OWN = /^(?:\/usr)?\/etc\/ssh\/|^\/usr\/share\/openssh\//;
/** A file of sshd's folders, whose text is the image's only when it is sshd_config or a drop-in (SSHD_FILES). */
const SSHD_FOLDER_FILE = /^(?:\/usr)?\/etc\/ssh\/./;
const SSHD_KINDS: readonly LoginWeaknessKind[] = ["password-authentication", "root-login"];
const ACCOUNT_KINDS: readonly LoginWeaknessKind[] = ["password-set"];
const ACCOUNT_NAMES = ["shadow", "passwd", "gshadow"];
/** Bounds that keep the memory small whatever the script: files remembered, findings held. */
const MAX_FILES = 64;
const MAX_HELD = 64;

/** Where a command runs: its line, where findings go, where the script stands, and what the other checks know. */
export interface OutsideContext {
  line: string;
  found: Findings;
  directory?: string;
  /** A working copy of sshd's configuration was put back by the command: the copies replay it. */
  putBack: boolean;
  /** The text the script wrote to a file, when it spelt it all (see KnownFiles). */
  knownText: (path: string) => string | undefined;
  /**
   * Reads `text`, which the command copies onto `target` (sshd's or the account files, named outright), as written
   * there; false when it cannot, and the copy is read as before (its sources as files sshd is made to read).
   */
  copiedKnown?: (target: string, text: string, append: boolean) => boolean;
}

interface Held {
  found: Findings;
  kind: LoginWeaknessKind;
  line: string;
  note: string;
  target: string;
}

export class OutsideTexts {
  /**
   * Files the script wrote, by path (a name written where the script stands unknown, as `./name`): true when their
   * text came from outside it. The last ones written are kept.
   */
  private readonly written = new Map<string, boolean>();
  private readonly held = new Map<string, Held>();
  /** Folders the script put files in with text it spells (`echo … > /tmp/conf/50.conf`): a copy of one is its own. */
  private readonly staged = new Set<string>();
  private readonly ownCommand: (name: string) => boolean;
  /** Files the user data wrote with text the reader knows before the script runs (see LineScan.filesWritten). */
  private readonly filesWritten: Map<string, string>;

  /** `script`: the text scanned, whose functions' output is their commands'; `filesWritten`: files written before it. */
  constructor(script: string, filesWritten: Map<string, string> = new Map()) {
    this.filesWritten = filesWritten;
    // Remembered as the script's own, as what it writes itself is: their folders, patterns naming them, copies.
    for (const path of filesWritten.keys()) this.remember(trimmed(path), false);
    // Read once, on the first redirection that asks: most scripts write none of these files.
    let functions: Set<string> | undefined;
    this.ownCommand = (name) => {
      functions ??= new Set([...script.matchAll(FUNCTION)].map((m) => m[1] ?? m[2]));
      return functions.has(name);
    };
  }

  /**
   * Follows command `i` of a line: what it writes of sshd's or the account files, and where the text came from.
   * Returns true when each such file it writes was given known text, read as the file's (see copiedKnown).
   */
  command(
    commands: ParsedCommand[],
    i: number,
    directory: string | undefined,
    contextOf: () => OutsideContext,
  ): boolean {
    // Built only for a command that needs it: nearly every command of every script passes here.
    let made: OutsideContext | undefined;
    const context = () => (made ??= contextOf());
    const standsInSshd = directory !== undefined && SSHD_FOLDERS.test(trimmed(directory));
    const { command, name, words, args } = commands[i];
    // Edited in place, a file write_files gave is still the user data's own, its text no longer the one given.
    const edit = this.filesWritten.size > 0 ? streamEdit(name, args) : undefined;
    if (edit?.inPlace) for (const file of edit.files) this.filesWritten.delete(trimmed(this.path(file, directory)));
    const copiesWritten = this.written.size > 0 && COPIES.has(name);
    const text = command.text;
    const followed = standsInSshd || copiesWritten || NAMES.test(text) || (text.includes("/etc") && UNKNOWN.test(text));
    let filled = 0;
    let read = 0;
    // Once files are remembered, any command naming one may write over it (`curl -o /opt/c …` after write_files gave
    // it text): a copy, download or extraction names the file it writes, or a source or URL of the same name.
    if (followed || (this.written.size > 0 && this.mayName(text)))
      for (const fill of fills(commands, i, this.ownCommand))
        if (followed || this.written.has(this.key(trimmed(this.path(fill.path, directory))))) {
          const at = this.fill(fill, context());
          if (at !== "elsewhere") filled++;
          if (at === "read") read++;
        }
    if (isPrinter(name) || (name === "cat" && args.length === 0))
      for (let j = 0; j + 1 < words.length; j++)
        if (isWriteRedirection(words[j].op)) this.printed(this.path(words[j + 1].text, directory), name, context());
    // `echo "UseDNS no" | tee 00-hardening-kit.conf`: the hardened drop-in replaced with what the echo prints.
    if (command.piped && i > 0) reportPipedRewrite(commands, i, context().line, context().found);
    return read > 0 && read === filled;
  }

  /** `files` were replaced with text the script spells out (see filesRewritten): the text from outside is gone. */
  rewritten(files: readonly string[]): void {
    if (this.held.size === 0) return;
    const paths = new Set(files.map((f) => trimmed(normalPath(f))));
    for (const [key, held] of this.held) if (paths.has(held.target)) this.held.delete(key);
  }

  /**
   * Puts into `left` the files the script leaves holding text the reader knows: those it was given and still holds,
   * then those it spelt (`known`), save any it wrote over with text from outside since.
   */
  filesLeft(known: Iterable<[string, string]>, left: Map<string, string>): void {
    for (const [path, text] of [...this.filesWritten, ...known])
      if (this.written.get(trimmed(path)) !== true && (left.has(path) || left.size < MAX_FILES)) left.set(path, text);
  }

  /** Reports what is still held, save on a line another check reports: it is quoted already. */
  report(): void {
    if (this.held.size === 0) return;
    const [first] = this.held.values();
    const reported = new Set(first.found.weaknesses().map((w) => `${w.line}\n${w.via ?? ""}`));
    for (const { found, kind, line, note } of this.held.values())
      if (!reported.has(`${maskShellPasswords(line)}\n${found.via ?? ""}`))
        found.add(kind, line, { note, unverifiable: true });
    this.held.clear();
  }

  /**
   * Follows what fills a file: "elsewhere" when it is none of sshd's or the account files, "read" when the copy's
   * known text was read as the file's, else "followed".
   */
  private fill({ path, append, origin, newFolder }: Fill, context: OutsideContext): "elsewhere" | "read" | "followed" {
    const target = trimmed(this.path(path, context.directory));
    // A folder made where a file stood writes no text there: only its files count, read when sshd reads the folder.
    const kinds = newFolder === true && !SSHD_FOLDERS.test(target) ? [] : kindsAt(target);
    const outside = origin === undefined ? undefined : this.outsidePart(origin, context, target);
    if (kinds.length === 0) {
      const key = this.key(target);
      if (target !== "/dev/null") this.remember(key, outside !== undefined || (append && this.written.get(key)));
      return "elsewhere";
    }
    // A file whose text the script spelt, copied over it, replaces what came before as a rewrite does.
    if (!append && outside === undefined && origin !== undefined && "files" in origin)
      if (origin.files.every((f) => f === "/dev/null" || this.knownText(this.path(f, context.directory), context)))
        this.rewritten([target]);
    const text = outside === undefined && !context.putBack ? this.copiedText(origin, target, context) : undefined;
    // A hardened drop-in replaced with text the script spelt (`cp /tmp/x.conf 00-hardening-kit.conf`) loses what that
    // text does not set to no again, as `echo … > F` does.
    const dropIn = text === undefined || append ? undefined : hardenedDropInAt(target);
    if (dropIn !== undefined) reportReplaced(dropIn, text ?? "", context.line, context.found);
    if (text !== undefined && context.copiedKnown?.(target, text, append) === true) {
      if (origin !== undefined && "files" in origin && origin.link === true) this.linkedOver(target, origin, context);
      return "read";
    }
    if (outside === undefined || context.putBack) return "followed";
    const folder = SSHD_FOLDERS.test(target);
    const unnamed = !folder && unknownName(target);
    const action = folder
      ? `writes ${outside} into ${target}`
      : unnamed
        ? `writes ${outside} into ${target.slice(0, target.lastIndexOf("/"))} under a name the script does not give`
        : append
          ? `appends ${outside} to ${target}`
          : `replaces ${target} with ${outside}`;
    const note = `${action}, whose text comes from outside the script`;
    for (const kind of kinds) this.hold({ found: context.found, kind, line: context.line, note, target });
    // Reported here: what the shell filled into those files when it wrote them is not reported again.
    if (origin !== undefined && "files" in origin)
      for (const file of origin.files) context.found.textFromOutside(trimmed(this.path(file, context.directory)));
    return "followed";
  }

  /**
   * The text a verbatim copy of files whose whole text the script spelt writes onto `target`, one of sshd's or the
   * account files named outright; undefined for any other fill.
   */
  private copiedText(origin: Origin | undefined, target: string, context: OutsideContext): string | undefined {
    if (origin === undefined || !("files" in origin) || origin.verbatim !== true || GLOB.test(target)) return undefined;
    // A link onto a drop-in is read as sshd made to read its target; one over sshd_config replaces it, as a copy does.
    const linkRead = isAccountsFile(target) || isMainSshdConfigPath(target);
    if (origin.link === true ? !linkRead : !SSHD_FILES.test(target) && !isAccountsFile(target)) return undefined;
    let text = "";
    for (const file of origin.files) {
      const path = this.path(file, context.directory);
      const known = path === "/dev/null" ? "" : this.textOf(path, context);
      if (known === undefined) return undefined;
      text += known;
    }
    return text;
  }

  /**
   * Linked over sshd_config, a file's text was read as sshd_config's; what is written to it later lands there too,
   * and counts as written to a file sshd reads (its earlier text is not read twice).
   */
  private linkedOver(target: string, { files }: { files: string[] }, context: OutsideContext): void {
    if (!isMainSshdConfigPath(target)) return;
    const { found } = context;
    const from = found.now();
    for (const file of files) found.sshdReads(this.path(file, context.directory), from);
  }

  /**
   * A file an echo, printf or cat wrote: its folders hold what the script put there. Once the reader knows its text,
   * a later command writing over it is followed (`curl -o` over it makes a copy of it text from outside); written
   * with text the reader does not know, it is from outside. A here-document's body is read after its line: the text
   * is looked up when the file is copied.
   */
  private printed(path: string, name: string, context: OutsideContext): void {
    const target = trimmed(path);
    this.stage(target);
    if (!target.startsWith("/") || kindsAt(target).length > 0) return;
    // What cat writes as its own (a here-document) is looked up when the file is copied.
    if (name === "cat") {
      if (this.written.get(target) === false) this.written.delete(target);
      this.filesWritten.delete(target);
      return;
    }
    const known = context.knownText(target) !== undefined;
    if (known || this.written.has(target)) this.remember(target, !known);
  }

  /** How the note names the part of `origin` from outside the script; undefined when it is all the script's own. */
  private outsidePart(origin: Origin, context: OutsideContext, target: string): string | undefined {
    if ("described" in origin) return origin.described;
    const outside = origin.files.filter((f) => this.fromOutside(f, context, target));
    if (outside.length === 0) return undefined;
    return origin.via === undefined ? outside.join(", ") : `${origin.via} ${outside.join(" ")}`;
  }

  /**
   * Whether a file's text comes from outside the script: neither written by it, spelt, nor sshd's or the accounts'.
   * sshd_config and its drop-ins (and the distributions' stock copies) are read as the stock text they ship; any other
   * file of sshd's folders the script did not write (`/etc/ssh/x`, a backup it did not make) holds text the reader
   * cannot see, copied onto sshd's configuration (`target`): a hardened drop-in so replaced is reported apart (see
   * userdata-hardened-overwrites).
   */
  private fromOutside(file: string, context: OutsideContext, target: string): boolean {
    const path = trimmed(this.path(file, context.directory));
    // A name the script wrote where it stood unknown (`cd "$DIR"; grep … > x`) may be this file.
    const recorded = this.written.get(path) ?? (this.written.get(`./${baseName(path)}`) === false ? false : undefined);
    if (recorded !== undefined) return recorded;
    if (path === "/dev/null" || context.knownText(path) !== undefined) return false;
    if (GLOB.test(path) && this.mayNameOwn(path)) return false;
    if (this.staged.has(path)) return false;
    if (isAccountsFile(path)) return false;
    if (!SSHD_OWN.test(path)) return true;
    return (
      SSHD_FOLDER_FILE.test(path) && !SSHD_FILES.test(path) && SSHD_FILES.test(target) && !hardenedDropInAt(target)
    );
  }

  /** Whether a command's text holds the name of a file remembered: only then may it write over one. */
  private mayName(text: string): boolean {
    for (const path of this.written.keys()) if (text.includes(baseName(path))) return true;
    return false;
  }

  /** Whether a pattern may name a file the script wrote itself (`mv /tmp/sshd.* …` after `… > /tmp/sshd.$$`). */
  private mayNameOwn(pattern: string): boolean {
    const first = pattern.search(GLOB);
    let last = pattern.length;
    while (last > first && !"*?]".includes(pattern[last - 1])) last--;
    const prefix = pattern.slice(0, first);
    const suffix = pattern.slice(last);
    for (const [path, outside] of this.written)
      if (!outside && path.startsWith(prefix) && path.endsWith(suffix) && globMatches(pattern, path)) return true;
    return false;
  }

  /** Whether the reader knows the text of the file at `path`: the script spelt it, or write_files gave it. */
  private knownText(path: string, context: OutsideContext): boolean {
    return this.textOf(path, context) !== undefined;
  }

  /** The text of the file at `path`, when the reader knows it: the script spelt it, or write_files gave it. */
  private textOf(path: string, context: OutsideContext): string | undefined {
    return context.knownText(path) ?? this.filesWritten.get(trimmed(path));
  }

  /** How a file written is remembered: by its path, or as `./name` where the script stands unknown. */
  private key(target: string): string {
    return target.startsWith("/") ? target : `./${baseName(target)}`;
  }

  private path(file: string, directory: string | undefined): string {
    return normalPath(fromStanding(file, directory));
  }

  private remember(path: string, outside: boolean | undefined): void {
    // Written again, a file moves to the end; past the bound the first written is forgotten.
    this.written.delete(path);
    if (this.written.size >= MAX_FILES) this.written.delete(this.written.keys().next().value as string);
    this.written.set(path, outside === true);
    // Written over with text from outside, a file write_files gave text is no longer its own for later runcmd entries.
    if (outside === true) this.filesWritten.delete(path);
    else this.stage(path);
  }

  /** A file written with the script's own text: its folders hold what the script put there. */
  private stage(file: string): void {
    for (let end = file.lastIndexOf("/"); end > 0 && this.staged.size < MAX_FILES; end = file.lastIndexOf("/", end - 1))
      this.staged.add(file.slice(0, end));
  }

  /** One finding per kind and line, the first reason kept; past the bound, reported at once. */
  private hold(held: Held): void {
    const key = `${held.kind}\n${held.line}\n${held.found.via ?? ""}`;
    if (this.held.has(key)) return;
    if (this.held.size < MAX_HELD) this.held.set(key, held);
    else held.found.add(held.kind, held.line, { note: held.note, unverifiable: true });
  }
}

/** A file name with the parts the script does not spell (`$F`, `${F}`, `$(…)`, `{{ var }}`) made `*`. */
function unknownPartsAsGlobs(name: string): string {
  if (name.length <= MAX_NAME) return name.replace(UNKNOWN_PARTS, "*");
  return /[$`]|\{\{/.test(name) ? "*" : name;
}

/** What a file or folder written holds: sshd's configuration (both directives), the account files (passwords). */
function kindsAt(path: string): readonly LoginWeaknessKind[] {
  if (SSHD_FILES.test(path) || SSHD_FOLDERS.test(path)) return SSHD_KINDS;
  if (isAccountsFile(path)) return ACCOUNT_KINDS;
  const slash = path.lastIndexOf("/");
  // A name the script does not spell (`curl -o "/etc/ssh/$F"`, a download named after "$URL") may be any file.
  const name = unknownPartsAsGlobs(path.slice(slash + 1));
  if (!/[*?[]/.test(name)) return [];
  // A pattern copied into a folder (`cp /opt/ssh/* /etc/ssh/`) counts where it may name one of the files.
  const folder = path.slice(0, slash);
  if (/^(?:\/usr)?\/etc\/ssh$/.test(folder) && globMatches(name, "sshd_config")) return SSHD_KINDS;
  if (/^(?:\/usr)?\/etc\/ssh\/sshd_config\.d$/.test(folder) && /(?:\.conf|\*)$/.test(name)) return SSHD_KINDS;
  if (folder === "/etc" && ACCOUNT_NAMES.some((n) => globMatches(name, n))) return ACCOUNT_KINDS;
  return [];
}

/** Whether a path's file name is one the script does not give: a value it does not set. */
function unknownName(path: string): boolean {
  return UNKNOWN.test(baseName(path));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** A path without the slash or `/.` that ends a folder's name. */
function trimmed(path: string): string {
  const bare = withoutTrailingSlashesOrDot(path);
  return bare === "" ? "/" : bare;
}
