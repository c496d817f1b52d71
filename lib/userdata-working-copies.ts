// A copy of sshd's configuration edited elsewhere and copied back (`cp /etc/ssh/sshd_config /tmp/x; sed -i
// '/^PasswordAuthentication/d' /tmp/x; cp /tmp/x /etc/ssh/sshd_config`): the copy's in-place edits are the file's,
// replayed on its stock lines when the copy replaces it (cp, mv, install, rsync, `cat /tmp/x > …`, `cat /tmp/x |
// tee …`). A copy that is never put back edits nothing sshd reads. A copy of a copy carries its edits on (`cp /tmp/a
// /tmp/b`), and so does a filter of one into a file (`sed '/…/d' /tmp/a > /tmp/b`, `grep -v … /tmp/a > /tmp/b`), its
// own deletions added. So does a pipeline (`sed '/^#/d' /tmp/a | grep -v … | tee /tmp/b`): each stage's deletions
// in turn, and a stage the reader cannot tell (`| python3 filter.py`) may delete anything. A pipeline's end that
// writes its input whole (tee, sponge, `install /dev/stdin`, dd) puts it back when that is sshd's configuration; one
// that adds it there (`tee -a`, `sponge -a`, `>>`) puts it back too, and the caller replays it as added text. A
// filter of sshd's configuration written into a file (`grep -v … sshd_config > /tmp/x`) makes a copy as well, edited
// by its deletions; a filter of a copy written over sshd's configuration (`sed '/…/d' /tmp/a > sshd_config`) puts it
// back, as the same edit in place would. Relative names are read from where `cd` put the script (`cd /tmp; grep -v …
// sshd_config > x` makes /tmp/x). A put-back says which file it lands on: a copy of one of sshd's files landing on
// another replaces that file's text rather than editing its origin (see replayReplaced).
import { copyArguments, copyOperands } from "./userdata-copies";
import { unreadIn, unreadScript } from "./userdata-edit-replay";
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { invertedGrep, KnownText } from "./userdata-grep";
import { inputWrite } from "./userdata-input-writers";
import { StreamEdit } from "./userdata-sed-edits";
import { mayPutBackUnseen } from "./userdata-pipe-stages";
import { isSshdConfigPath, maybeSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/** Bounds that keep the memory small whatever the script: copies followed, and the edits kept for each. */
const MAX_COPIES = 16;
const MAX_EDITS = 64;
/** Copies dropped past MAX_COPIES remembered by name; past this many, any file not followed may be one. */
const MAX_DROPPED = 256;
/** Where a dropped copy comes from when its name is not remembered. */
const DEFAULT_CONFIG = "/etc/ssh/sshd_config";
/** Commands that copy a file whole: to the copy, or back. */
const COPIERS = new Set(["cp", "mv", "install", "rsync", "cat"]);
/** A folder named as one: `dir/`, `dir/.`, `.`. */
const FOLDER = /(?:^|\/)\.?$/;
/** A shell glob's special characters. */
const GLOB = /[*?[]/;
/** Commands that write their input whole into the file they are given (`install -m 600 /dev/stdin f`, `dd of=f`). */
const INPUT_COPIERS = new Set(["cp", "install", "dd"]);

/** An in-place edit of a working copy, the command that made it, and its line (quoted when it is replayed). */
export interface CopyEdit {
  edit: StreamEdit;
  parsed: ParsedCommand;
  line: string;
  /** An inverted grep's -f file the script does not write: what it deletes cannot be told. */
  unknownPatterns?: string;
}

/** Where a command's output ends (its files) and where what it reads ends (see Destinations). */
export interface Flow {
  output: () => string[];
  input: () => string[];
  /** Where the script stands (see standingDirectory): relative names are read from it. */
  directory?: string;
}

/** A pipeline's stage the reader cannot tell the deletions of, and its line. */
export interface UnknownStage {
  name: string;
  line: string;
}

/** What a copy put back replays: its edits, as edits of the file it was copied from, and an unknown stage's doubt. */
export interface PutBack {
  file: string;
  edits: readonly CopyEdit[];
  unknown?: UnknownStage;
  /** The file of sshd's configuration it lands on: another than `file` loses its own lines to the copy's. */
  onto: string;
}

interface WorkingCopy {
  of: string;
  edits: CopyEdit[];
  unknown?: UnknownStage;
}

export class WorkingCopies {
  private readonly copies = new Map<string, WorkingCopy>();
  /**
   * Copies not followed for want of room, by key, with the file each was copied from (see lookup); past MAX_DROPPED,
   * any file not followed may be one.
   */
  private readonly dropped = new Map<string, string>();
  private droppedMany = false;
  /** What the last command sent down its pipe, when that is sshd's configuration or a copy of it. */
  private carried: WorkingCopy | undefined;
  /** Where the command read now stands: the copies' relative names are read from it. */
  private directory: string | undefined;

  /**
   * Follows one command of line `line`: a copy of sshd's configuration made, one edited in place, or one put back
   * over sshd's configuration (returned, to be replayed); a copy overwritten any other way is forgotten. `flow`:
   * the files the command's output and input end in; `patterns`: the text of a file the script wrote, for `grep -f`.
   * Most commands are answered by their name.
   */
  follow(parsed: ParsedCommand, flow: Flow, line: string, patterns?: KnownText, pipesOn = false): PutBack | undefined {
    this.directory = flow.directory;
    const carried = parsed.command.piped ? this.carried : undefined;
    this.carried = undefined;
    if (carried) return this.piped(carried, parsed, this.named(flow), line, patterns, pipesOn);
    if (pipesOn && (this.copies.size > 0 || parsed.args.some(isSshdConfigPath)))
      this.carried = this.pipeSource(parsed, line, patterns);
    // Until a copy is made, only a command naming one of sshd's files is read further.
    if (this.copies.size === 0 && !namesSshdConfig(parsed)) return undefined;
    const { output } = this.named(flow);
    const copy = wholeCopy(parsed, output);
    if (copy) return this.copied(copy.source, copy.destinations, parsed.name === "mv", parsed, line);
    const filter = filterEdit(parsed, line, patterns);
    if (filter?.edit.inPlace) {
      this.edited(filter);
      return undefined;
    }
    // Whatever else the output ends in is overwritten: a copy no more, unless the filter made it one.
    const files = output();
    const filtered = pipesOn ? undefined : this.filtered(filter, files);
    const onto = filtered?.putBack ? files.find(maybeSshdConfigPath) : undefined;
    if (filtered && onto !== undefined) return putBack(filtered.copy, onto);
    for (const file of files) this.forget(this.key(file));
    if (filtered) for (const file of files) this.made(file, filtered.copy);
    return undefined;
  }

  /**
   * Whether the copies replay the filter heading a pipeline where its result is put back, rather than where it runs:
   * it filters sshd's configuration or a copy down the pipe (`grep -v … sshd_config | tee /tmp/x`). The caller asks
   * only when no later stage may write sshd's files where the copies cannot follow it (see laterStagesMayPutBack).
   */
  takesOverPipe(parsed: ParsedCommand, line: string, directory: string | undefined, patterns?: KnownText): boolean {
    if (parsed.command.piped === true) return false;
    this.directory = directory;
    if (this.copies.size === 0 && !namesSshdConfig(parsed)) return false;
    const filter = filterEdit(parsed, line, patterns);
    if (!filter || filter.edit.inPlace || filter.edit.files.length !== 1) return false;
    const [source] = filter.edit.files;
    return this.copies.has(this.key(source)) || isSshdConfigPath(source);
  }

  /**
   * Whether the copies replay a command's edits where its result is put back over sshd's configuration, rather than
   * where it runs: it filters sshd's configuration or a copy into files (not down a pipe), as filtered says.
   */
  takesOver(
    parsed: ParsedCommand,
    output: () => string[],
    line: string,
    patterns?: KnownText,
    pipesOn = false,
  ): boolean {
    if (parsed.command.piped === true || pipesOn) return false;
    if (this.copies.size === 0 && !namesSshdConfig(parsed)) return false;
    const filter = filterEdit(parsed, line, patterns);
    const files = () => output().map((file) => this.path(file));
    return filter !== undefined && this.filtered(filter, files()) !== undefined;
  }

  /**
   * A filter's result written into `files`: a copy of what it reads, its deletions added. Of a copy, it is a copy
   * again, or that copy put back when it lands on sshd's configuration (`sed '/…/d' /tmp/a > sshd_config`). Of sshd's
   * configuration itself (`grep -v … sshd_config > /tmp/x`), it is a copy only where every file it lands in is
   * followed, none of them sshd's configuration: else it is read as an edit of the file where it runs, as before.
   */
  private filtered(filter: CopyEdit | undefined, files: string[]): { copy: WorkingCopy; putBack: boolean } | undefined {
    if (!filter || filter.edit.inPlace || filter.edit.files.length !== 1) return undefined;
    const [source] = filter.edit.files;
    const from = this.lookup(this.key(source), filter);
    if (from) {
      const copy = { ...from, edits: withEdit(from.edits, filter) };
      return { copy, putBack: files.some(maybeSshdConfigPath) };
    }
    if (!isSshdConfigPath(source) || !this.followsAll(files)) return undefined;
    return { copy: { of: source, edits: [filter] }, putBack: false };
  }

  /** Whether each of `files` can be followed as a copy: none is sshd's configuration or a folder, and there is room. */
  private followsAll(files: string[]): boolean {
    if (files.length === 0) return false;
    let fresh = 0;
    for (const file of files) {
      const key = this.key(file);
      if (maybeSshdConfigPath(file) || key.endsWith("/")) return false;
      if (!this.copies.has(key)) fresh++;
    }
    return this.copies.size + fresh <= MAX_COPIES;
  }

  /**
   * What a pipeline's first command sends down its pipe: the whole of sshd's configuration or of a copy (`cat f |`),
   * or a filter's lines of one (`sed '/^#/d' f |`, `grep -v … f |`).
   */
  private pipeSource(parsed: ParsedCommand, line: string, patterns?: KnownText): WorkingCopy | undefined {
    const operands = parsed.args.filter((a) => !a.startsWith("-"));
    const filter = parsed.name === "cat" ? undefined : filterEdit(parsed, line, patterns);
    const files = parsed.name === "cat" ? operands : filter && !filter.edit.inPlace ? filter.edit.files : [];
    if (files.length !== 1) return undefined;
    const from =
      this.lookup(this.key(files[0]), { parsed, line }) ??
      (isSshdConfigPath(files[0]) ? { of: files[0], edits: [] } : undefined);
    if (!from || !filter) return from;
    return { ...from, edits: withEdit(from.edits, filter) };
  }

  /** Runs a nested script's scan (`sh -c '…'`), keeping what the command's pipe carries for the command itself. */
  keepingPipe(scan: () => void): void {
    const carried = this.carried;
    scan();
    this.carried = carried;
  }

  /** Whether a piped command reads sshd's configuration, or a copy of it, from its pipe. */
  carries(parsed: ParsedCommand): boolean {
    return parsed.command.piped === true && this.carried !== undefined;
  }

  /**
   * A later stage of a pipeline carrying `carried`: a filter of its input adds its deletions, cat passes it on, and
   * tee, sponge or a copy of standard input writes it whole; any other command may change it. Where it lands it is a
   * copy, or put back when that is sshd's configuration.
   */
  private piped(
    carried: WorkingCopy,
    parsed: ParsedCommand,
    { output, input }: Flow,
    line: string,
    patterns: KnownText | undefined,
    pipesOn: boolean,
  ): PutBack | undefined {
    const { name, args } = parsed;
    const operands = args.filter((a) => !a.startsWith("-"));
    const filter = filterEdit(parsed, line, patterns);
    let next: WorkingCopy;
    let files = output();
    if (filter && !filter.edit.inPlace && filter.edit.files.length === 0)
      next = { ...carried, edits: withEdit(carried.edits, filter) };
    else if (name === "cat" && operands.every((a) => a === "-")) next = carried;
    else if (writesInputWhole(parsed, input) || addsInputToConfig(parsed, input)) {
      next = carried;
      files = [...new Set([...input(), ...files])];
    } else next = { ...carried, unknown: carried.unknown ?? { name, line } };
    if (pipesOn) this.carried = next;
    for (const file of files) {
      if (maybeSshdConfigPath(file)) return putBack(next, file);
      this.forget(this.key(file));
      this.made(file, next);
    }
    // A stage that may write what it reads back where the reader cannot see (`| sh -c 'cat > …'`, `| bash`): that
    // is put back, as it came down the pipe.
    return mayPutBackUnseen(parsed, this.directory) ? putBack(carried, carried.of) : undefined;
  }

  /** A whole copy of `source`; `moved`: the source is gone after (mv). */
  private copied(
    source: string,
    destinations: string[],
    moved: boolean,
    parsed: ParsedCommand,
    line: string,
  ): PutBack | undefined {
    const sourceKey = this.copyKey(source);
    const from = this.lookup(sourceKey, { parsed, line });
    if (from && moved) this.copies.delete(sourceKey);
    for (const written of destinations) {
      const destination = this.path(written);
      const key = normalPath(destination);
      if (from && maybeSshdConfigPath(destination)) {
        this.copies.delete(sourceKey);
        return putBack(from, destination);
      }
      // One of sshd's files straight over another (`cp 50-x.conf sshd_config`): its text replaces the other's.
      if (!from && isSshdConfigPath(source) && isSshdConfigPath(destination) && normalPath(source) !== key)
        return putBack({ of: source, edits: [] }, destination);
      this.forget(key);
      if (from) this.made(destination, { ...from, edits: [...from.edits] });
      else if (isSshdConfigPath(source) && !maybeSshdConfigPath(destination))
        this.made(destination, { of: source, edits: [] });
    }
    return undefined;
  }

  /**
   * The copy a source names: its path, or the first copy a glob may match (`mv /tmp/sshd.* sshd_config` after `grep
   * -v … > /tmp/sshd.$$`, whose name the reader cannot expand).
   */
  private copyKey(source: string): string {
    const key = this.key(source);
    if (this.copies.has(key) || !GLOB.test(key)) return key;
    for (const copy of this.copies.keys()) if (mayMatch(key, copy)) return copy;
    return key;
  }

  /**
   * A new copy at `file`, within the bound on copies followed; a folder is no file's copy. One past the bound is
   * remembered as dropped (see lookup).
   */
  private made(file: string, copy: WorkingCopy): void {
    const key = this.key(file);
    if (key.endsWith("/")) return;
    if (this.copies.size < MAX_COPIES) this.copies.set(key, copy);
    else if (this.dropped.size < MAX_DROPPED) this.dropped.set(key, copy.of);
    else this.droppedMany = true;
  }

  /** A file overwritten otherwise: a copy no more. */
  private forget(key: string): void {
    this.copies.delete(key);
    this.dropped.delete(key);
  }

  /**
   * The copy a source is: one followed, or one dropped for want of room, whose edits are not known: put back over
   * sshd's configuration, it is reported as content left unread (see unreadScript), not as the stock file. Past
   * MAX_DROPPED any file but sshd's own may be a dropped copy. `by`: the command that reads it.
   */
  private lookup(key: string, by: Pick<CopyEdit, "parsed" | "line">): WorkingCopy | undefined {
    const copy = this.copies.get(key);
    if (copy !== undefined || (this.dropped.size === 0 && !this.droppedMany)) return copy;
    const of = this.dropped.get(key) ?? (this.droppedMany && !isSshdConfigPath(key) ? DEFAULT_CONFIG : undefined);
    if (of === undefined) return undefined;
    return { of, edits: [unreadEdit(`copies of sshd's configuration past ${MAX_COPIES}`, by)] };
  }

  private edited(edit: CopyEdit): void {
    for (const file of edit.edit.files) {
      const copy = this.copies.get(this.key(file));
      if (copy) copy.edits = withEdit(copy.edits, edit);
    }
  }

  /** A file as the command names it, read from where the script stands. */
  /**
   * The files a command's output and input end in, as the copies name them (read from where the script stands when
   * asked): made past follow's quick answers, which most commands get.
   */
  private named(flow: Flow): { output: () => string[]; input: () => string[] } {
    return {
      output: () => flow.output().map((file) => this.path(file)),
      input: () => flow.input().map((file) => this.path(file)),
    };
  }

  private path(file: string): string {
    return fromStanding(file, this.directory);
  }

  /** The key a file's copy is kept under. */
  private key(file: string): string {
    return normalPath(this.path(file));
  }
}

/**
 * `edits` with `edit` added; past MAX_EDITS, one edit standing for those not kept, which reports them as content
 * left unread when the copy is put back (see unreadScript).
 */
function withEdit(edits: readonly CopyEdit[], edit: CopyEdit): CopyEdit[] {
  if (edits.length < MAX_EDITS) return [...edits, edit];
  if (unreadIn(edits[edits.length - 1].edit.script) !== undefined) return [...edits];
  return [...edits, unreadEdit(`edits of a working copy of sshd's configuration past ${MAX_EDITS}`, edit)];
}

/** An edit of no commands standing for what the reader did not keep, quoting the command `by`. */
function unreadEdit(why: string, { parsed, line }: Pick<CopyEdit, "parsed" | "line">): CopyEdit {
  return { edit: { inPlace: true, files: [], script: unreadScript(why) }, parsed, line };
}

/** A copy put back over `onto`. */
function putBack({ of, edits, unknown }: WorkingCopy, onto: string): PutBack {
  return unknown === undefined ? { file: of, edits, onto } : { file: of, edits, unknown, onto };
}

/**
 * A command that copies one file whole: cp, mv, install or rsync of one source (install's mode or owner aside), cat
 * of one file into its output's files, or dd from one file to another.
 */
function wholeCopy(
  { name, args }: ParsedCommand,
  output: () => string[],
): { source: string; destinations: string[] } | undefined {
  if (name === "cat") {
    const operands = args.filter((a) => !a.startsWith("-"));
    return operands.length === 1 ? { source: operands[0], destinations: output() } : undefined;
  }
  if (name === "dd") return fileToFile(args);
  const copy = COPIERS.has(name) ? copyOperands(name, copyArguments(name, args)) : undefined;
  // What lies below a folder (`dir/*`, listed for mv and ln) is no source of a file's copy, nor is a folder named as
  // one (`dir/`, `dir/.`); a file copied under `cp -a` or `rsync -a` is, as without.
  const sources = copy?.folders?.operands ?? copy?.sources;
  if (!copy || sources?.length !== 1 || FOLDER.test(sources[0])) return undefined;
  return { source: sources[0], destinations: [copy.destination] };
}

/**
 * Whether a glob may match a name: the name starts with the text before its first wildcard and ends with the text
 * after its last. Read once each, whatever the stars: a copy's name holds what the script spelt, perhaps unexpanded.
 */
function mayMatch(glob: string, name: string): boolean {
  const first = glob.search(GLOB);
  let last = glob.length;
  while (last > first && !"*?]".includes(glob[last - 1])) last--;
  const prefix = glob.slice(0, first);
  const suffix = glob.slice(last);
  return name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix);
}

/** Whether a command names one of sshd's files: as an operand, or as dd's `if=`. */
function namesSshdConfig({ args }: ParsedCommand): boolean {
  return args.some((a) => isSshdConfigPath(a.startsWith("if=") ? a.slice(3) : a));
}

/** `dd if=/tmp/x of=sshd_config`: one file copied whole onto another (appended under `oflag=append`, see appends). */
function fileToFile(args: string[]): { source: string; destinations: string[] } | undefined {
  const source = args.find((a) => a.startsWith("if="))?.slice(3);
  const destination = args.find((a) => a.startsWith("of="))?.slice(3);
  return source && destination ? { source, destinations: [destination] } : undefined;
}

/**
 * A filter's run as an edit of what it reads: a stream editor's, or an inverted grep's deletions (`grep -v … /tmp/a >
 * /tmp/b`), its -f file named when the script does not write it.
 */
function filterEdit(parsed: ParsedCommand, line: string, patterns?: KnownText): CopyEdit | undefined {
  const edit = streamEdit(parsed.name, parsed.args);
  if (edit) return { edit, parsed, line };
  const grep = invertedGrep(parsed, patterns);
  if (!grep) return undefined;
  const filter: CopyEdit = { edit: { inPlace: false, files: grep.files, script: grep.script }, parsed, line };
  if (grep.unknownPatterns !== undefined) filter.unknownPatterns = grep.unknownPatterns;
  return filter;
}

/** tee or sponge under -a adding its input to sshd's configuration only: the caller replays it as added. */
function addsInputToConfig(parsed: ParsedCommand, input: () => string[]): boolean {
  if (inputWrite(parsed)?.appends !== true) return false;
  const files = input();
  return files.length > 0 && files.every(maybeSshdConfigPath);
}

/** tee or sponge without -a, or a copy of standard input: the whole input lands in the files it names. */
function writesInputWhole(parsed: ParsedCommand, input: () => string[]): boolean {
  const writes = inputWrite(parsed);
  return writes ? !writes.appends : INPUT_COPIERS.has(parsed.name) && input().length > 0;
}
