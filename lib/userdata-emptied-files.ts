// Files a command takes away or leaves empty (`rm -f /opt/start`, unlink, `truncate -s 0`, `: > /opt/start`): what
// was kept of the text written there before, to be read once the file runs or by xinetd a line at a time, is gone.
import { ParsedCommand } from "./userdata-destinations";
import { runsCommands } from "./userdata-run-later";
import { LineScan } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";
import { Word } from "./userdata-words";

/** Commands that print nothing: their output redirected with `>` leaves the file empty. A bare redirection too. */
const PRINTS_NOTHING = new Set([":", "true", "false", ""]);
/** Redirections that open their target anew, emptied. */
const REPLACING = new Set([">", ">|", "&>"]);
/** truncate's options that take a value (`-s` the size, `-r` a file to take it from). */
const TRUNCATE_VALUES = new Set(["-s", "-r", "--size", "--reference"]);

/** The files a command removes or empties, as it names them; none for any other command. */
export function emptiedFiles({ words, name, args }: ParsedCommand): string[] {
  if (name === "rm" || name === "unlink") return operands(args);
  if (name === "truncate") return truncatedToZero(args) ? operands(args, TRUNCATE_VALUES) : [];
  return PRINTS_NOTHING.has(name) ? replacedByRedirection(words) : [];
}

/**
 * Hands each file named outright that a command removes or empties to where written files are followed, as replaced
 * by no text. `directory`: where a `cd` put the script.
 */
export function followEmptied(parsed: ParsedCommand, { written, found, reading }: LineScan, directory?: string): void {
  if (written === undefined || !runsCommands(reading)) return;
  const files = emptiedFiles(parsed)
    .map((f) => fromStanding(f, directory))
    .filter(isInertPath);
  if (files.length > 0) written("", files, found, { appended: [], followOnly: true });
}

/** The operands: the words after the options (all after `--`), the values of `valued` options left out. */
function operands(args: string[], valued: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  let optionsEnd = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (optionsEnd || !a.startsWith("-") || a === "-") found.push(a);
    else if (a === "--") optionsEnd = true;
    else if (valued.has(a)) i++;
  }
  return found;
}

/** `truncate -s 0`, `-s0`, `--size=0`, `--size 0`: the size set to nothing, not grown or shrunk by some. */
function truncatedToZero(args: string[]): boolean {
  let size: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-s" || a === "--size") size = args[++i];
    else if (a.startsWith("--size=")) size = a.slice("--size=".length);
    else if (/^-[^-]*s/.test(a)) size = a.slice(a.indexOf("s") + 1) || args[++i];
  }
  return size !== undefined && /^0+$/.test(size);
}

/** The files a command's output is redirected to with `>` (not added to with `>>`). */
function replacedByRedirection(words: Word[]): string[] {
  const files: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const { op, fd } = words[i];
    if (op !== undefined && REPLACING.has(op) && (fd === undefined || fd === 1)) files.push(words[i + 1].text);
  }
  return files;
}
