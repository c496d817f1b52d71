// Files a command takes away or leaves empty (`rm -f /opt/start`, unlink, `truncate -s 0`, `: > /opt/start`), or fills
// with text the reader does not know (`curl -o /opt/start …`, see replacedWithUnknown): what was kept of the text
// written there before, to be read once the file runs or by xinetd a line at a time, is gone. `rm -r` of a folder
// takes what is under it; a pattern (`rm -f /opt/st*`), the files it matches.
import { ParsedCommand } from "./userdata-destinations";
import { replacedWithUnknown } from "./userdata-replaced-files";
import { runsCommands } from "./userdata-run-later";
import { LineScan, WriteMode } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/** truncate's options that take a value (`-s` the size, `-r` a file to take it from). */
const TRUNCATE_VALUES = new Set(["-s", "-r", "--size", "--reference"]);

/** The files a command removes or empties, as it names them; none for any other command. */
export function emptiedFiles(parsed: ParsedCommand): string[] {
  const { name, args } = parsed;
  if (name === "rm") return recursive(args) ? [] : operands(args).filter((f) => !WILDCARD.test(f));
  if (name === "unlink") return operands(args);
  if (name === "truncate") return truncatedToZero(args) ? operands(args, TRUNCATE_VALUES) : [];
  return replacedWithUnknown(parsed);
}

/** Wildcards a removal's operand may hold: it names the files it matches. */
const WILDCARD = /[*?]/;

/** rm's operands read as patterns: all of them when it removes folders too, those with a wildcard else. */
function removedPatterns({ name, args }: ParsedCommand): string[] {
  if (name !== "rm") return [];
  return recursive(args) ? operands(args) : operands(args).filter((f) => WILDCARD.test(f));
}

/** rm -r, -R, -rf, --recursive: folders go with what they hold. */
function recursive(args: string[]): boolean {
  return args.some((a) => a === "--recursive" || /^-[a-zA-Z]*[rR]/.test(a));
}

/** A removal by pattern: the files it matches go, and with `recursive`, what is under the folders it matches. */
export interface RemovalMode extends WriteMode {
  removesRecursively: boolean;
}

/** Whether (and how) a write is a removal by pattern. */
export function removalOf(mode: WriteMode | undefined): { recursive: boolean } | undefined {
  return mode !== undefined && "removesRecursively" in mode && typeof mode.removesRecursively === "boolean"
    ? { recursive: mode.removesRecursively }
    : undefined;
}

/**
 * Hands each file named outright that a command removes or empties to where written files are followed, as replaced
 * by no text. `directory`: where a `cd` put the script.
 */
export function followEmptied(parsed: ParsedCommand, { written, found, reading }: LineScan, directory?: string): void {
  if (written === undefined || !runsCommands(reading)) return;
  // Nearly every command empties and removes nothing: no list is made for it.
  const emptied = emptiedFiles(parsed);
  const files = emptied.length === 0 ? emptied : emptied.map((f) => fromStanding(f, directory)).filter(isInertPath);
  if (files.length > 0) written("", files, found, { appended: [], followOnly: true });
  const removed = removedPatterns(parsed);
  if (removed.length === 0) return;
  const patterns = removed.map((f) => fromStanding(f, directory));
  const removal: RemovalMode = { appended: [], followOnly: true, removesRecursively: recursive(parsed.args) };
  written("", patterns, found, removal);
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

/** `truncate -s 0`, `-s0`, `--size=0`, `--size 0`, `-s '<0'`: the size set to nothing, not grown or shrunk by some. */
function truncatedToZero(args: string[]): boolean {
  return truncation(args) === "empties";
}

/** A size truncate sets: a prefix (`+` extend by, `-` reduce by, `<` at most, `>` at least, `/` `%` round), units. */
const TRUNCATE_SIZE = /^([-+<>/%]?)(\d+)(?:[KMGTPEZYRQ](?:i?B)?|B)?$/i;

/**
 * What `truncate` does to its files' text: "empties" (`-s 0`, `-s0`, `--size=0`, `-s '<0'`), "grows" (`-s +100`,
 * `-s '>100'`, `-s %4K`: the text is kept, NULs added after it), or "cuts" (`-s 100`, `-s -10`, `-s '<10'`, `-s /4K`,
 * `-r ref`, a size the reader cannot read): what stood past the size it sets is gone.
 */
export function truncation(args: string[]): "empties" | "grows" | "cuts" {
  let size: string | undefined;
  let reference = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a === "-s" || a === "--size") size = args[++i];
    else if (a.startsWith("--size=")) size = a.slice("--size=".length);
    else if (a === "-r" || a === "--reference" || a.startsWith("--reference=")) reference = true;
    else if (/^-[^-]*s/.test(a)) size = a.slice(a.indexOf("s") + 1) || args[++i];
    else if (/^-[^-]*r/.test(a)) reference = true;
  }
  const parsed = size === undefined ? null : TRUNCATE_SIZE.exec(size);
  if (parsed === null) return "cuts";
  const [, prefix, digits] = parsed;
  const zero = /^0+$/.test(digits);
  // Relative to another file's size, any size may cut this one.
  if (reference && prefix !== ">" && prefix !== "%") return "cuts";
  if (prefix === "+" || prefix === ">" || prefix === "%" || (prefix === "-" && zero)) return "grows";
  return zero && (prefix === "" || prefix === "<") ? "empties" : "cuts";
}
