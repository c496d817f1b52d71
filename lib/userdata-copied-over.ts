// A file copied over another the script wrote (`cp /opt/safe /opt/start`, install, a plain `cat /opt/safe >
// /opt/start` or `| tee`) replaces what was written there, or adds to it (`cat … >> /opt/start`): a file run later,
// or an xinetd service built a line at a time, is read from the copy's text on (all the source was given, a line at a
// time, by a here-document, a decoder: what is kept for it; else the text the script spelt into it, or none the
// reader knows), not from what the copy took the place of. A copy into a folder (`cp /tmp/a /usr/local/bin/`, or of
// several files, `cp /tmp/a /tmp/b /usr/local/bin`) makes the file of each source's name there. A file moved (`mv
// /opt/start /opt/run`) takes that text to its new name and leaves none at the old one.
import { CatCopy, catCopy } from "./userdata-cat-streams";
import { copiedFileAt } from "./userdata-copy-folders";
import { copyArguments, copyOperands } from "./userdata-copies";
import { inForeground, ParsedCommand } from "./userdata-destinations";
import { emptiedFiles } from "./userdata-emptied-files";
import { runsCommands } from "./userdata-run-later";
import { LineScan, WriteMode } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/**
 * Copies with text one cat command hands on, at most, counted as (file with text, target) pairs: `cat A A … | tee F
 * G …` copies each file into each target. Files with no text the reader has cost nothing and count for nothing.
 */
export const MAX_CAT_PAIRS = 4096;

/**
 * Hands the text each file copied or moved onto another brings (`known` says what the script spelt into it; empty
 * when not) to where written files are followed, as replacing the destination (or added to it, by `cat >>`); a file
 * moved away, as emptied. `directory`: where a `cd` put the script; `previous`: the command before on the line, a
 * cat that may pipe a tee what it copies. A `&` after the command only sends it to the background.
 */
export function followCopy(
  command: ParsedCommand,
  scan: LineScan,
  known: (path: string) => string | undefined,
  directory?: string,
  previous?: ParsedCommand,
): void {
  const { written, found, reading } = scan;
  // In a file that may be configuration, a `cp` line copies nothing.
  if (written === undefined || !runsCommands(reading)) return;
  const parsed = inForeground(command);
  const { name, args } = parsed;
  const at = (file: string) => fromStanding(file, directory);
  const cat = catCopy(parsed, previous);
  if (cat !== undefined) return followCat(cat, parsed, scan, known, at);
  const copy = filesCopied(name, args);
  if (copy === undefined) return;
  const replace = { appended: [], followOnly: true };
  for (const source of copy.sources) {
    const from = at(source);
    const destination = copiedFileAt(from, at(copy.to), copy.intoFolder);
    if (from === destination) continue;
    const mode: CopyMode = { ...replace, copiedFrom: from, ...(copy.ifKept ? { ifKept: true } : {}) };
    if (isInertPath(destination)) written(known(from) ?? "", [destination], found, mode);
    if (name === "mv" && isInertPath(from)) written("", [from], found, replace);
  }
}

/**
 * A plain cat's files copied, one after another, into its targets: the first replacing what those its `>` names held,
 * the others added after it. The emptying the reader sees next for those (see followEmptied: cat's output is text it
 * does not know) is the copy's own, named in `refills`. A file that is also a target is not read (cat refuses it).
 */
function followCat(
  { sources, targets }: CatCopy,
  parsed: ParsedCommand,
  { written, found }: LineScan,
  known: (path: string) => string | undefined,
  at: (file: string) => string,
): void {
  if (written === undefined) return;
  const files = targets.map(({ file, append }) => ({ file: at(file), append })).filter((t) => isInertPath(t.file));
  if (files.length === 0) return;
  const into = files.map((t) => t.file);
  const targetSet = new Set(into);
  const emptied = new Set(emptiedFiles(parsed).map(at));
  const refills = files.filter((t) => !t.append && emptied.has(t.file)).map((t) => t.file);
  // The first file copied replaces or adds as the redirection says; those after it add to what the first put there,
  // and only when they bring text (adding none changes nothing).
  const appendedFirst = files.filter((t) => t.append).map((t) => t.file);
  const budget = { pairs: MAX_CAT_PAIRS };
  let first = true;
  for (const source of sources) {
    const from = at(source);
    if (targetSet.has(from)) continue;
    const after: Partial<CopyMode> = first ? {} : { ifKept: true };
    const appended = first ? appendedFirst : into;
    const copy: CopyMode = { appended, followOnly: true, copiedFrom: from, refills, budget, ...after };
    written(known(from) ?? "", into, found, copy);
    first = false;
  }
}

/**
 * A copy's write: the destination takes what is kept for `copiedFrom` to be run later or read by xinetd, when the
 * reader keeps any; the text given (what the script spelt into the source) when not. `refills`: the files the
 * command's own `>` empties, which the reader is handed next as filled with text it does not know (see
 * followEmptied): that emptying came before the copy, and takes nothing of it. `ifKept`: the copy changes the
 * destination only when the source holds text the reader has (a file a recursive copy takes as it is, not a folder;
 * a cat's file added after another). `budget`: the (source with text, destination) pairs a command may still copy.
 */
export interface CopyMode extends WriteMode {
  copiedFrom: string;
  refills?: readonly string[];
  ifKept?: boolean;
  budget?: { pairs: number };
}

/** The source a write copies, when it is a copy's. */
export function copiedFrom(mode: WriteMode | undefined): string | undefined {
  return mode !== undefined && "copiedFrom" in mode && typeof mode.copiedFrom === "string"
    ? mode.copiedFrom
    : undefined;
}

/** The files a copy's write refills after its command's own emptying of them (see CopyMode.refills). */
export function refilledBy(mode: WriteMode | undefined): readonly string[] | undefined {
  return mode !== undefined && "refills" in mode && Array.isArray(mode.refills) && mode.refills.length > 0
    ? (mode.refills as readonly string[])
    : undefined;
}

/** Whether a copy's write changes its destination only when its source holds text (see CopyMode.ifKept). */
export function copiesOnlyText(mode: WriteMode | undefined): boolean {
  return mode !== undefined && "ifKept" in mode && mode.ifKept === true;
}

/**
 * Takes `pairs` (source with text, destination) copies from a copy's budget, when it has one: false once it is
 * spent, the copy then not followed.
 */
export function chargeCopy(mode: WriteMode | undefined, pairs: number): boolean {
  if (mode === undefined || !("budget" in mode)) return true;
  const budget = mode.budget as { pairs: number } | undefined;
  if (budget === undefined) return true;
  budget.pairs -= pairs;
  return budget.pairs >= 0;
}

/** The files a cp, install or mv puts under other names, and where (see Copy.intoFolder). */
interface FilesCopied {
  sources: string[];
  to: string;
  intoFolder?: boolean;
  /** A recursive copy: each source is followed only when it is a file the reader has text for. */
  ifKept?: boolean;
}

/**
 * The files a cp, install or mv puts under other names: one onto another, or several into a folder (where, with
 * several, the destination always is). A recursive cp (`-a`, `-r`) copies a file as a plain one does: its sources
 * are followed when they are files with text. None for folders' contents (`dir/`, `dir/.`), other commands that copy
 * folders, or `install -d`, which only makes folders.
 */
function filesCopied(name: string, args: string[]): FilesCopied | undefined {
  if (name === "install" && makesFolders(args)) return undefined;
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy === undefined) return undefined;
  // mv takes a folder as it takes a file, unasked: a source it is not told is one is read as a file.
  const recursive = name === "cp" && copy.folders !== undefined;
  const named = (name === "mv" || recursive ? copy.folders?.operands : copy.folders ? [] : copy.sources) ?? [];
  const several = named.length > 1;
  // A folder's contents (`dir/`, `dir/.`) are no file of the folder's name.
  const sources = named.filter((s) => !/\/\.?$/.test(s));
  if (sources.length === 0 || (several && copy.intoFolder === false)) return undefined;
  const intoFolder = several ? true : copy.intoFolder;
  return { sources, to: copy.destination, intoFolder, ...(recursive ? { ifKept: true } : {}) };
}

/** install's `-d` (`--directory`, in a group as `-dv`): it makes the folders it names and copies nothing. */
function makesFolders(args: string[]): boolean {
  return args.some((a) => a === "--directory" || /^-[A-Za-z]*d/.test(a.replace(/[mogSt].*$/, "")));
}
