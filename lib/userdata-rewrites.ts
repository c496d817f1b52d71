// Replacing sshd_config itself (`cat > /etc/ssh/sshd_config <<EOF`, write_files without append): whatever the new
// text leaves out is sshd's default. Without `Include /etc/ssh/sshd_config.d/*.conf` sshd no longer reads the kit's
// or Ubuntu's hardened drop-in, and the image's own `PasswordAuthentication no` (Amazon Linux 2) is gone with the old
// text: passwords are on and root logs in with a key, unless the new text (or a later write) sets them to no. A copy
// of standard input fed that text (`install -D -m 600 /dev/stdin /etc/ssh/sshd_config <<EOF`), or of /dev/null,
// replaces it too. Text from elsewhere (a template, a download, a copy of a file the script did not write) is not
// judged here: userdata-outside-text reports it as unverifiable, and a rewrite read here replaces it.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { LineScan } from "./userdata-scan-context";
import { Findings } from "./userdata-findings";
import { hereDocuments } from "./userdata-heredoc";
import { inputWrite } from "./userdata-input-writers";
import { hereStrings, isPrinter } from "./userdata-printed";
import { isMainSshdConfigPath, isSshdConfigPath } from "./userdata-sshd-paths";
import { truncation } from "./userdata-emptied-files";
import { isBareExec } from "./userdata-words";

/** Redirections that replace their target's text. */
const TRUNCATES = new Set([">", ">|", "&>"]);
/** Commands that copy a file whole onto another. */
const COPIERS = new Set(["cp", "install"]);
/** Names of standard input as a file. */
const STDIN = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);
/** Commands that write nothing: `: > file` empties it. */
const EMPTY = new Set(["", ":", "true"]);

/** What a command that rewrites none of sshd's files returns: shared, as nearly every command does. */
const NONE: readonly string[] = [];

/**
 * The files of sshd's configuration (sshd_config, a drop-in) a command replaces with text the script spells out: an
 * echo or printf of no variable left unknown, a here-document or here-string through cat, tee or sponge (without -a),
 * or one of these copied from standard input by cp or install, or nothing at all (`cp /dev/null`, `cat /dev/null`,
 * `tee F < /dev/null`, `dd if=/dev/null of=F`, `truncate -s 0`): a hardened drop-in so rewritten loses its
 * settings unless the new text sets them again (see hardenedDropInTakenAway). Text from
 * elsewhere (a template, a download, `echo "$(sed … sshd_config)"`, what follows `exec >`) is not in the script: it is
 * no rewrite read here (see userdata-outside-text).
 */
export function filesRewritten(parsed: ParsedCommand, piped?: ParsedCommand): readonly string[] {
  const { command, words, name, args } = parsed;
  // Nearly every command names no sshd_config: nothing else is read for them.
  if (!command.text.includes("sshd_config") || isBareExec(words)) return NONE;
  const spelt = hereDocuments(words).length > 0 || hereStrings(words).length > 0;
  // `tee F < /dev/null`, `cat < /dev/null > F`: fed nothing, they write nothing.
  const nothingIn = readsNothing(words);
  const fed = spelt || nothingIn || (command.piped === true && piped !== undefined && printsKnownText(piped));
  const writes = inputWrite(parsed);
  if (writes) return !writes.appends && fed ? writes.files.filter(isSshdConfigPath) : NONE;
  // Standard input copied whole writes the here-document, here-string or echo that feeds it.
  if (COPIERS.has(name)) return copiesKnownText(parsed, fed);
  if (name === "dd") return copiesNothing(args);
  if (name === "truncate") return truncation(args) === "empties" ? args.filter(isSshdConfigPath) : NONE;
  // `cat /dev/null > F` copies nothing, as `cat < /dev/null` does.
  const catsNothing = args.length === 0 ? spelt || nothingIn : args.every((a) => a === "/dev/null");
  const known = printsKnownText(parsed) || EMPTY.has(name) || (name === "cat" && catsNothing);
  if (!known) return NONE;
  const files: string[] = [];
  for (let i = 0; i + 1 < words.length; i++)
    if (truncates(words[i]) && isSshdConfigPath(words[i + 1].text)) files.push(words[i + 1].text);
  return files.length === 0 ? NONE : files;
}

/** Whether a command replaces sshd_config itself with text the script spells out (see filesRewritten). */
export function rewritesMainConfig(rewritten: readonly string[]): boolean {
  return rewritten.some(isMainSshdConfigPath);
}

/**
 * `install -m 600 /dev/stdin sshd_config` fed known text (`fed`), or `cp /dev/null sshd_config`: one source,
 * standard input or nothing, copied over one of sshd's files; the file, or none.
 */
function copiesKnownText({ name, args }: ParsedCommand, fed: boolean): readonly string[] {
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy?.sources.length !== 1 || !isSshdConfigPath(copy.destination)) return NONE;
  const [source] = copy.sources;
  return source === "/dev/null" || (fed && STDIN.has(source)) ? [copy.destination] : NONE;
}

/** Whether a command's standard input is /dev/null (`< /dev/null`): it reads nothing. */
function readsNothing(words: ParsedCommand["words"]): boolean {
  for (let i = 0; i + 1 < words.length; i++)
    if (words[i].op === "<" && (words[i].fd === undefined || words[i].fd === 0) && words[i + 1].text === "/dev/null")
      return true;
  return false;
}

/**
 * `dd if=/dev/null of=F`: F opened anew, emptied, and nothing copied into it; the file, or none. Not with
 * conv=notrunc or oflag=append (F is kept), nor seek=N (F is cut after N blocks, the text before kept).
 */
function copiesNothing(args: string[]): readonly string[] {
  let from: string | undefined;
  let to: string | undefined;
  for (const a of args) {
    const equals = a.indexOf("=");
    const [key, value] = equals < 0 ? [a, ""] : [a.slice(0, equals), a.slice(equals + 1)];
    if (key === "if") from = value;
    else if (key === "of") to = value;
    else if (
      (key === "conv" && value.split(",").includes("notrunc")) ||
      (key === "oflag" && value.split(",").includes("append"))
    )
      return NONE;
    else if ((key === "seek" || key === "oseek") && !/^0+$/.test(value)) return NONE;
  }
  return from === "/dev/null" && to !== undefined && isSshdConfigPath(to) ? [to] : NONE;
}

/** echo or printf of text with no variable or substitution left: `echo "$CONTENT"` may be the old file. */
function printsKnownText({ name, args }: ParsedCommand): boolean {
  return isPrinter(name) && !args.some((a) => a.includes("$") || a.includes("`"));
}

function truncates({ op, fd }: ParsedCommand["words"][number]): boolean {
  return op !== undefined && TRUNCATES.has(op) && (fd === undefined || fd === 1);
}

/** What the kinds need set to no in the new text, or later, for the rewrite to weaken nothing. */
const DIRECTIVES = [
  ["password-authentication", "PasswordAuthentication"],
  ["root-login", "PermitRootLogin"],
] as const;

/** Reports a rewrite of sshd_config, for each directive it leaves to sshd's default. */
export function reportRewrite(line: string, found: Findings): void {
  for (const [kind, directive] of DIRECTIVES)
    found.add(kind, line, {
      note: `replaces sshd_config: without "${directive} no" or an Include of the drop-ins in it, sshd falls back to its default (password authentication, root login with a key)`,
      unlessHardened: { directives: [directive], byDropIns: false, mainAfter: true, replaced: true },
    });
}

/**
 * The here-string of a command that replaces sshd_config (`install -m 600 /dev/stdin sshd_config <<< "…"`), read as
 * the new file's text after the rewrite is reported: what it sets to no weakens nothing.
 */
export function scanHereStringsWritten(parsed: ParsedCommand, files: string[], scan: LineScan): void {
  if (files.length === 0 || !scan.written) return;
  for (const text of hereStrings(parsed.words)) scan.written(text, files, scan.found);
}
