// Stream editors a boot script runs over sshd_config, root's keys or a boot script: sed, perl's line loop
// (`perl -pi -e 's/…/…/'`), awk, and ex or vi given `-c` commands. All are read alike, as the edits their scripts make.
import { awkStreamEdit, AWKS } from "./userdata-awk";
import { EDITORS, exStreamEdit } from "./userdata-ex";
import { perlOperands, perlStreamEdit } from "./userdata-perl";
import { sedQuiet, sedStreamEdit } from "./userdata-sed";
import { StreamEdit } from "./userdata-sed-edits";

/**
 * The runs already read, by a command's argument array: one line's checks (where it writes, root's keys, what it
 * writes, the stock lines) all ask for the same command's run. Keyed on the array itself, so the entry lives as long
 * as the command does; the run is shared, so it must not be changed.
 */
const readRuns = new WeakMap<string[], { name: string; edit: StreamEdit | undefined }>();

/** The run of a stream editor (its script, its files, whether in place); undefined for any other command. */
export function streamEdit(name: string, args: string[]): StreamEdit | undefined {
  // Nearly every command is none: answered without a look-up.
  if (!isStreamEditor(name)) return undefined;
  const known = readRuns.get(args);
  if (known !== undefined && known.name === name) return known.edit;
  const edit = readStreamEdit(name, args);
  readRuns.set(args, { name, edit });
  return edit;
}

function isStreamEditor(name: string): boolean {
  return name === "sed" || name === "perl" || AWKS.has(name) || EDITORS.has(name);
}

function readStreamEdit(name: string, args: string[]): StreamEdit | undefined {
  if (name === "sed") return sedStreamEdit(args);
  if (name === "perl") return perlStreamEdit(args);
  return awkStreamEdit(name, args) ?? exStreamEdit(name, args);
}

/**
 * An editor that prints only what its script says to (`sed -n`, `perl -n` and its `-a`/`-F` without `-p`), not every
 * line it reads: what it writes is not its input with the edits made.
 */
export function printsOnlyWhatItSays(name: string, args: string[]): boolean {
  if (name === "sed") return sedQuiet(args);
  return name === "perl" && perlOperands(args).loop === "n";
}
