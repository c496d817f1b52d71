// A file copied over another the script wrote (`cp /opt/safe /opt/start`, install, a plain `cat /opt/safe >
// /opt/start` or `| tee`) replaces what was written there, or adds to it (`cat … >> /opt/start`): a file run later,
// or an xinetd service built a line at a time, is read from the copy's text on (all the source was given, a line at a
// time, by a here-document, a decoder: what is kept for it; else the text the script spelt into it, or none the
// reader knows), not from what the copy took the place of. A copy into a folder (`cp /tmp/a /usr/local/bin/`) makes
// the file of the source's name there. A file moved (`mv /opt/start /opt/run`) takes that text to its new name and
// leaves none at the old one.
import { CatCopy, catCopy } from "./userdata-cat-streams";
import { copiedFileAt } from "./userdata-copy-folders";
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { emptiedFiles } from "./userdata-emptied-files";
import { runsCommands } from "./userdata-run-later";
import { LineScan, WriteMode } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/**
 * Hands the text one file copied or moved onto another brings (`known` says what the script spelt into it; empty
 * when not) to where written files are followed, as replacing the destination (or added to it, by `cat >>`); a file
 * moved away, as emptied. `directory`: where a `cd` put the script; `previous`: the command before on the line, a
 * cat that may pipe a tee what it copies.
 */
export function followCopy(
  parsed: ParsedCommand,
  scan: LineScan,
  known: (path: string) => string | undefined,
  directory?: string,
  previous?: ParsedCommand,
): void {
  const { written, found, reading } = scan;
  // In a file that may be configuration, a `cp` line copies nothing.
  if (written === undefined || !runsCommands(reading)) return;
  const { name, args } = parsed;
  const at = (file: string) => fromStanding(file, directory);
  const cat = catCopy(parsed, previous);
  if (cat !== undefined) return followCat(cat, parsed, scan, known, at);
  const source = oneFileCopied(name, args);
  if (source === undefined) return;
  const from = at(source.from);
  const destination = copiedFileAt(from, at(source.to), source.intoFolder);
  if (from === destination) return;
  const replace = { appended: [], followOnly: true };
  const copy: CopyMode = { ...replace, copiedFrom: from };
  if (isInertPath(destination)) written(known(from) ?? "", [destination], found, copy);
  if (name === "mv" && isInertPath(from)) written("", [from], found, replace);
}

/**
 * A plain cat's files copied, one after another, into its targets: the first replacing what those its `>` names held,
 * the others added after it. The emptying the reader sees next for those (see followEmptied: cat's output is text it
 * does not know) is the copy's own, named in `refills`.
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
  const emptied = new Set(emptiedFiles(parsed).map(at));
  const refills = files.filter((t) => !t.append && emptied.has(t.file)).map((t) => t.file);
  sources.forEach((source, k) => {
    const from = at(source);
    const into = files.filter((t) => t.file !== from);
    if (into.length === 0) return;
    // The first file replaces or adds as the redirection says; those after it add to what the first put there.
    const appended = into.filter((t) => k > 0 || t.append).map((t) => t.file);
    const copy: CopyMode = { appended, followOnly: true, copiedFrom: from, refills };
    written(
      known(from) ?? "",
      into.map((t) => t.file),
      found,
      copy,
    );
  });
}

/**
 * A copy's write: the destination takes what is kept for `copiedFrom` to be run later or read by xinetd, when the
 * reader keeps any; the text given (what the script spelt into the source) when not. `refills`: the files the
 * command's own `>` empties, which the reader is handed next as filled with text it does not know (see
 * followEmptied): that emptying came before the copy, and takes nothing of it.
 */
export interface CopyMode extends WriteMode {
  copiedFrom: string;
  refills?: readonly string[];
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

/**
 * The one file a cp, install or mv puts under another name, and whether the copy says its destination is a folder
 * (see Copy.intoFolder); none when it copies folders or several files.
 */
function oneFileCopied(name: string, args: string[]): { from: string; to: string; intoFolder?: boolean } | undefined {
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy === undefined) return undefined;
  // mv takes a folder as it takes a file, unasked: a source it is not told is one is read as a file.
  const sources = name === "mv" ? copy.folders?.operands : copy.folders === undefined ? copy.sources : undefined;
  if (sources?.length !== 1 || sources[0].endsWith("/")) return undefined;
  return { from: sources[0], to: copy.destination, intoFolder: copy.intoFolder };
}
