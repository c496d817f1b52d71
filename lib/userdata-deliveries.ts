// Text a command writes whole to files the scan can read as what they are (a boot script for the commands it will
// run, a file sshd does not read for its lines), handed to the caller instead of being read as a command line.
import { pipelineAppends } from "./userdata-appends";
import { decodedText, Decoder, decoderOf, encodedInputs } from "./userdata-decoders";
import { bootScriptFormat } from "./userdata-boot-scripts";
import { CutFiles, Destinations, ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { runsInput } from "./userdata-nested";
import { hereStrings, printedText } from "./userdata-printed";
import { LineScan, WriteMode } from "./userdata-scan-context";
import { writtenText } from "./userdata-sed-edits";
import { isInertPath } from "./userdata-sshd-paths";
import { superServerOf } from "./userdata-superservers";
import { isWriteRedirection } from "./userdata-words";
import { fromStanding } from "./userdata-working-directory";

/**
 * What `echo … | base64 -d` (or `xxd -r -p`) decodes, read as written where the decoder's output goes (a pipe into
 * bash: commands). Output to a relative name is delivered by deliverWritten, which knows where a `cd` put the script.
 */
export function deliverDecoded(
  commands: ParsedCommand[],
  i: number,
  decoder: Decoder,
  destinations: Destinations,
  scan: LineScan,
): void {
  if (!destinations.output(i).some(readFromStanding)) decodedTo(commands, i, decoder, destinations, scan);
}

/** Delivers what command `i` decodes as written where its output goes, a relative name read from `directory`. */
function decodedTo(
  commands: ParsedCommand[],
  i: number,
  decoder: Decoder,
  destinations: Destinations,
  scan: LineScan,
  directory?: string,
): void {
  if (!scan.written) {
    // At the nesting limit: a script it decodes is not read, which is noted rather than passed over.
    const decodes = (encoded: string) => decodedText(encoded, decoder, scan.inflateBudget) !== undefined;
    if (scan.pastLimit && encodedInputs(commands, i).some(decodes)) scan.pastLimit("a script decoded");
    return;
  }
  const at = (files: string[]) => files.map((f) => fromStanding(f, directory));
  const files = at(destinations.output(i));
  const cut = destinations.outputCut(i);
  cut.files = at(cut.files);
  for (const encoded of encodedInputs(commands, i)) {
    const text = decodedText(encoded, decoder, scan.inflateBudget);
    if (text === undefined) continue;
    const mode = { appended: at(pipelineAppends(commands, i)) };
    scan.written(text, files, scan.found, mode);
    deliverCut(text, cut, scan, mode);
  }
}

/** A name read from where the script stands (`start`, `./start`), which a `cd` changes. */
function readFromStanding(file: string): boolean {
  return fromStanding(file, "/") !== file;
}

/**
 * `printf '\x67\x72…' | bash`, `echo "x11vnc -forever" | sh`: what printf or echo prints (its escapes read) into a
 * shell that runs its input, read as the script it is, as base64's output into bash is. Returns false for any other
 * command, which is read as a command line instead.
 */
export function deliverPrintedScript(commands: ParsedCommand[], i: number, scan: LineScan): boolean {
  const { name, args } = commands[i];
  const next = commands[i + 1];
  if ((name !== "printf" && name !== "echo") || !next?.command.piped || !runsInput(next)) return false;
  const text = printedText(name, args);
  if (text === undefined) return false;
  if (!scan.written) {
    // At the nesting limit the command is read as its line, its escapes not: the script it prints is noted unread.
    scan.pastLimit?.("a script printed into a shell");
    return false;
  }
  scan.written(text, [], scan.found);
  return true;
}

/**
 * Text an echo, printf, here-string or in-place stream editor (sed -i, perl -pi) writes only to boot scripts, handed
 * to the caller to read as the commands it will run (quoted as such, with where they went); likewise what echo,
 * printf or a here-string writes only to files sshd does not read (the SSH client's configuration, a log), read as
 * those files. Returns false when the command writes elsewhere too, or nothing, and is read as a command line instead;
 * text it writes to such files named through a variable, or by a later stage, is then only followed (see WriteMode).
 */
export function deliverWritten(
  commands: ParsedCommand[],
  destinations: Destinations,
  i: number,
  scan: LineScan,
  { spelt, directory }: Spelling,
): boolean {
  if (!scan.written) return false;
  const { words, name, args } = commands[i];
  // Decoded output to a relative name, left by deliverDecoded: read from where a `cd` put the script.
  const decoder = decoderOf(commands[i]);
  if (decoder && destinations.output(i).some(readFromStanding))
    decodedTo(commands, i, decoder, destinations, scan, directory);
  const deliveries: { text: string; files: string[]; cut?: CutFiles; endsMidLine?: boolean }[] = [];
  const printed = printedText(name, args);
  if (printed !== undefined) {
    const endsMidLine = printsMidLine(name, args, printed);
    deliveries.push({ text: printed, files: destinations.output(i), cut: destinations.outputCut(i), endsMidLine });
  }
  for (const text of hereStrings(words))
    deliveries.push({ text, files: destinations.input(i), cut: destinations.inputCut(i) });
  const edit = streamEdit(name, args);
  // What an edit writes is no file's whole text: it adds to what the file is read to hold.
  if (edit?.inPlace) deliveries.push({ text: writtenText(edit.script), files: edit.files, endsMidLine: false });
  if (deliveries.length === 0) return false;
  // A relative name is read from where a `cd` put the script (`cd /opt && printf … > start`).
  const at = (f: string) => fromStanding(f, directory);
  const boot = (f: string) => bootScriptFormat(at(f)) !== undefined;
  const inert = (f: string) => isInertPath(at(f));
  // A file named outright in the script: one a variable names may be another on another run (`[ … ] && F=/tmp/x`).
  const anyFile = (f: string) => boot(f) || (inert(f) && spelt.includes(f));
  // What an edit writes is not the whole file (an uncommented stock line is not in it): outside boot scripts it is
  // read as a command line, by the uncommenting model too.
  const fits = (d: { files: string[] }) => d.files.length > 0 && d.files.every(edit ? boot : anyFile);
  const appended = (edit?.inPlace ? edit.files : pipelineAppends(commands, i)).map(at);
  // Files cut from a long list (`| tee f1 … f40`) are none the command names itself: past boot scripts (read as
  // the others are), it is read as its line.
  const delivered = deliveries.every((d) => fits(d) && (d.cut === undefined || d.cut.files.every(boot)));
  // The words the command spells, looked up once: a tee may name thousands of files.
  let wordSet: Set<string> | undefined;
  const named = (f: string) => (wordSet ??= new Set(words.map((w) => w.text))).has(f);
  // Its own redirections (`echo … > "$F" > /etc/rc.local`): the shell writes the text to the last alone.
  const redirects = words.some((w) => isWriteRedirection(w.op) && (w.fd === undefined || w.fd === 1));
  for (const { text, files, cut, endsMidLine } of deliveries) {
    if (cut !== undefined && !cut.whole) scan.found.leftUnread(PAST_CUT_WALKED);
    const all = cut === undefined || cut.files.length === 0 ? files : [...files, ...cut.files];
    if (delivered) {
      // Past the bound on files listed, each boot script once (a pipeline of thousands of `tee -a /etc/rc.local`).
      const to = all === files ? files : fewBoots(all, at);
      scan.written(text, to.map(at), scan.found, { appended, endsMidLine });
      continue;
    }
    if (edit) continue;
    // A boot script a later stage writes among other files (`| tee /tmp/a /etc/rc.local`) runs the text whatever
    // the others are: read as its commands, each format once for all such files.
    const boots = fewBoots(all.filter(boot), at);
    if (boots.length > 0 && (printed === undefined || text !== printed || !redirects))
      scan.written(text, boots.map(at), scan.found, { appended, endsMidLine });
    // Named through a variable, or written by a later stage (`| tee f`), a file is still followed to where it runs
    // (see WriteMode.followOnly); an xinetd file tee writes is read with tee's line (see superServersTeed).
    const followed = all.filter((f) => !boot(f) && inert(f) && (superServerOf(at(f)) !== "xinetd" || named(f)));
    if (followed.length > 0)
      scan.written(text, followed.map(at), scan.found, { appended, endsMidLine, followOnly: true });
  }
  return delivered;
}

/** Boot scripts named past this many of a format are not named again: the text is read once per format anyway. */
const MAX_BOOT_NAMES = 16;

/**
 * The files, each once, boot scripts past MAX_BOOT_NAMES of their format left out: the text is read once for each
 * format, quoted with the files named, and the names are listed once (thousands of `tee /etc/rc.local` stay one).
 */
function fewBoots(files: string[], at: (f: string) => string): string[] {
  if (files.length <= 1) return files;
  const seen = new Set<string>();
  const perFormat = new Map<string, number>();
  const kept: string[] = [];
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    const format = bootScriptFormat(at(file));
    const count = format === undefined ? 0 : (perFormat.get(format) ?? 0);
    if (format !== undefined && count >= MAX_BOOT_NAMES) continue;
    if (format !== undefined) perFormat.set(format, count + 1);
    kept.push(file);
  }
  return kept;
}

/** Why files cut from long lists of destinations (see Destinations) went unread: past the bound on walking them. */
const PAST_CUT_WALKED = "files a line's pipelines write past the bound on files listed";

/**
 * Text written (a here-document's body, what a decoder prints) to files cut from a long list of destinations (`tee
 * f1 … f40 <<EOF`, see Destinations): a boot script, or a file sshd may read, is read as the others are (each
 * format once for all such files); any other file is followed to where it runs, without a reading of its own (which
 * would read the text once per file: quadratic in a long list). Past the bound on the files walked, noted unread.
 */
export function deliverCut(text: string, cut: CutFiles, scan: LineScan, mode: WriteMode): void {
  if (!cut.whole) scan.found.leftUnread(PAST_CUT_WALKED);
  if (!scan.written || cut.files.length === 0) return;
  const read: string[] = [];
  const followed: string[] = [];
  for (const file of cut.files)
    (bootScriptFormat(file) !== undefined || !isInertPath(file) ? read : followed).push(file);
  if (read.length > 0)
    scan.written(
      text,
      fewBoots(read, (f) => f),
      scan.found,
      mode,
    );
  if (followed.length > 0) scan.written(text, followed, scan.found, { ...mode, followOnly: true });
}

/** How the script spells a command (its variables not expanded), and where a `cd` put the script. */
export interface Spelling {
  spelt: string;
  directory?: string;
}

/** printf's text with no last newline, or echo -n's: what is added to the file next continues its last line. */
function printsMidLine(name: string, args: string[], printed: string): boolean {
  if (name === "printf") return !printed.endsWith("\n");
  for (const a of args) {
    if (!/^-[neE]+$/.test(a)) return false;
    if (a.includes("n")) return true;
  }
  return false;
}
