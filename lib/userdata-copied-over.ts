// A file copied over another the script wrote (`cp /opt/safe /opt/start`, install) replaces what was written there: a
// file run later, or an xinetd service built a line at a time, is read from the copy's text on (all the source was
// given, a line at a time, by a here-document, a decoder: what is kept for it; else the text the script spelt into it,
// or none the reader knows), not from what the copy took the place of. A file moved (`mv /opt/start /opt/run`) takes
// that text to its new name and leaves none at the old one.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { runsCommands } from "./userdata-run-later";
import { LineScan, WriteMode } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/**
 * Hands the text one file copied or moved onto another brings (`known` says what the script spelt into it; empty
 * when not) to where written files are followed, as replacing the destination; a file moved away, as emptied.
 * `directory`: where a `cd` put the script.
 */
export function followCopy(
  { name, args }: ParsedCommand,
  { written, found, reading }: LineScan,
  known: (path: string) => string | undefined,
  directory?: string,
): void {
  // In a file that may be configuration, a `cp` line copies nothing.
  if (written === undefined || !runsCommands(reading)) return;
  const source = oneFileCopied(name, args);
  if (source === undefined) return;
  const from = fromStanding(source.from, directory);
  const destination = fromStanding(source.to, directory);
  if (from === destination) return;
  const replace = { appended: [], followOnly: true };
  // Into a folder the copy takes the source's name there, which the reader does not follow.
  const copy: CopyMode = { ...replace, copiedFrom: from };
  if (!destination.endsWith("/") && isInertPath(destination)) written(known(from) ?? "", [destination], found, copy);
  if (name === "mv" && isInertPath(from)) written("", [from], found, replace);
}

/**
 * A copy's write: the destination takes what is kept for `copiedFrom` to be run later or read by xinetd, when the
 * reader keeps any; the text given (what the script spelt into the source) when not.
 */
export interface CopyMode extends WriteMode {
  copiedFrom: string;
}

/** The source a write copies, when it is a copy's. */
export function copiedFrom(mode: WriteMode | undefined): string | undefined {
  return mode !== undefined && "copiedFrom" in mode && typeof mode.copiedFrom === "string"
    ? mode.copiedFrom
    : undefined;
}

/** The one file a cp, install or mv puts under another name; none when it copies folders or several files. */
function oneFileCopied(name: string, args: string[]): { from: string; to: string } | undefined {
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy === undefined) return undefined;
  // mv takes a folder as it takes a file, unasked: a source it is not told is one is read as a file.
  const sources = name === "mv" ? copy.folders?.operands : copy.folders === undefined ? copy.sources : undefined;
  if (sources?.length !== 1 || sources[0].endsWith("/")) return undefined;
  return { from: sources[0], to: copy.destination };
}
