// Files a command puts other text in, text the reader does not know: the output of a command that is no printer
// (`cat /tmp/n > /opt/start`, `curl … > /opt/start`), a download (`curl -o F`, `wget -O F`), an object fetched from a
// bucket (`aws s3 cp s3://b/k F`), a link put in its place (`ln -sf T F`). What was kept of the file's text before is
// gone. A command whose text the reader does know (echo, printf, a here-document, a decoder, a stage fed down a
// pipe) hands that text on elsewhere and is not one of these.
import { decoderOf } from "./userdata-decoders";
import { ParsedCommand } from "./userdata-destinations";
import { hereDocuments } from "./userdata-heredoc";
import { isPrinter } from "./userdata-printed";
import { Word } from "./userdata-words";

/** Redirections that open their target anew, emptied. */
const REPLACING = new Set([">", ">|", "&>"]);
/** Redirections that give a command text the reader knows. */
const KNOWN_INPUT = new Set(["<<", "<<-", "<<<"]);
/** aws s3 options that take no value: any other `--option` takes the next word. */
const AWS_FLAGS = new Set(["--quiet", "--no-progress", "--only-show-errors", "--dryrun", "--no-sign-request"]);

/** The files a command's output is redirected to with `>` (not added to with `>>`), as the command names them. */
export function replacedByRedirection(words: Word[]): string[] {
  const files: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const { op, fd } = words[i];
    if (op !== undefined && REPLACING.has(op) && (fd === undefined || fd === 1)) files.push(words[i + 1].text);
  }
  return files;
}

/** The files a command fills with text the reader does not know, replacing theirs; none for any other command. */
export function replacedWithUnknown(parsed: ParsedCommand): string[] {
  const { words, name, args } = parsed;
  const fetched = name === "curl" ? curlOutputs(args) : name === "wget" ? wgetOutputs(args) : [];
  const other = name === "aws" ? s3Fetched(args) : name === "ln" ? linkReplaced(args) : [];
  const knownText =
    isPrinter(name) ||
    parsed.command.piped ||
    decoderOf(parsed) !== undefined ||
    hereDocuments(words).length > 0 ||
    words.some((w) => w.op !== undefined && KNOWN_INPUT.has(w.op));
  return [...fetched, ...other, ...(knownText ? [] : replacedByRedirection(words))];
}

/** `curl -o F`, `-oF`, `-so F`, `--output F`, `--output=F`. */
function curlOutputs(args: string[]): string[] {
  return valuesOf(args, /^-[a-zA-Z]*o$/, "--output", /^-[a-zA-Z]*o(.+)$/);
}

/** `wget -O F`, `-qO F`, `-OF`, `--output-document F`, `--output-document=F`; `-O -` is the output, no file. */
function wgetOutputs(args: string[]): string[] {
  return valuesOf(args, /^-[a-zA-Z]*O$/, "--output-document", /^-[a-zA-Z]*O(.+)$/).filter((f) => f !== "-");
}

/** The values of an option given alone, joined to its short form, or long with `=` or the next word. */
function valuesOf(args: string[], short: RegExp, long: string, joined: RegExp): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((short.test(a) || a === long) && i + 1 < args.length) values.push(args[++i]);
    else if (a.startsWith(`${long}=`)) values.push(a.slice(long.length + 1));
    else {
      const value = joined.exec(a)?.[1];
      if (value !== undefined && !a.startsWith("--")) values.push(value);
    }
  }
  return values;
}

/** `aws s3 cp s3://b/k F` (or mv): one object fetched onto one local file; not a folder's (`--recursive`). */
function s3Fetched(args: string[]): string[] {
  if (args[0] !== "s3" || (args[1] !== "cp" && args[1] !== "mv")) return [];
  const operands: string[] = [];
  for (let i = 2; i < args.length; i++) {
    const a = args[i];
    if (a === "--recursive") return [];
    if (!a.startsWith("-")) operands.push(a);
    else if (!AWS_FLAGS.has(a) && !a.includes("=")) i++;
  }
  const [from, to] = operands;
  return operands.length === 2 && from.startsWith("s3://") && !to.startsWith("s3://") ? [to] : [];
}

/** `ln -sf T F`, `ln -f T F`: the link replaces F (without -f, ln leaves a file there as it is). Not into a folder. */
function linkReplaced(args: string[]): string[] {
  const options = args.filter((a) => a.startsWith("-"));
  const operands = args.filter((a) => !a.startsWith("-"));
  const forced = options.some((a) => a === "--force" || /^-[a-zA-Z]*f/.test(a));
  const intoFolder = options.some((a) => a.startsWith("--target-directory") || /^-[a-zA-Z]*t/.test(a));
  return forced && !intoFolder && operands.length === 2 && !operands[1].endsWith("/") ? [operands[1]] : [];
}
