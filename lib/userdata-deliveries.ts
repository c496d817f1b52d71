// Text a command writes whole to files the scan can read as what they are (a boot script for the commands it will
// run, a file sshd does not read for its lines), handed to the caller instead of being read as a command line.
import { pipelineAppends } from "./userdata-appends";
import { decodedText, Decoder, decoderOf, encodedInputs } from "./userdata-decoders";
import { bootScriptFormat } from "./userdata-boot-scripts";
import { Destinations, ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { runsInput } from "./userdata-nested";
import { hereStrings, printedText } from "./userdata-printed";
import { LineScan } from "./userdata-scan-context";
import { writtenText } from "./userdata-sed-edits";
import { isInertPath } from "./userdata-sshd-paths";
import { superServerOf } from "./userdata-superservers";
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
  for (const encoded of encodedInputs(commands, i)) {
    const text = decodedText(encoded, decoder, scan.inflateBudget);
    if (text !== undefined) scan.written(text, files, scan.found, { appended: at(pipelineAppends(commands, i)) });
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
  const deliveries: { text: string; files: string[]; endsMidLine?: boolean }[] = [];
  const printed = printedText(name, args);
  if (printed !== undefined)
    deliveries.push({ text: printed, files: destinations.output(i), endsMidLine: printsMidLine(name, args, printed) });
  for (const text of hereStrings(words)) deliveries.push({ text, files: destinations.input(i) });
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
  const delivered = deliveries.every(fits);
  for (const { text, files, endsMidLine } of deliveries)
    if (delivered) scan.written(text, files.map(at), scan.found, { appended, endsMidLine });
    // Named through a variable, or written by a later stage (`| tee f`), the file is still followed to where it runs
    // (see WriteMode.followOnly); an xinetd file tee writes is read with tee's line (see superServersTeed).
    else if (!edit && files.length > 0 && files.every(inert)) {
      const followed = files.filter((f) => superServerOf(at(f)) !== "xinetd" || words.some((w) => w.text === f));
      scan.written(text, followed.map(at), scan.found, { appended, endsMidLine, followOnly: true });
    }
  return delivered;
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
