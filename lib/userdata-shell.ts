// The line scan of boot scripts and config text (sshd_config, cloud-config that did not parse): each command of a
// line counts by what it writes, so a directive that grep only looks for, or root's keys copied away, is no finding.
// Text a command writes to a boot script (a here-document, an echo) is handed to the caller, which reads it as the
// commands it will run.
import { bootScriptFormat } from "./userdata-boot-scripts";
import { copyOperands } from "./userdata-copies";
import { Destinations, ParsedCommand, parseCommand } from "./userdata-destinations";
import { isAccountsFile, passwordLines } from "./userdata-accounts";
import { decodedText, decodesBase64, encodedInputs } from "./userdata-base64";
import { scanCloudInitKeys } from "./userdata-cloud-init-keys";
import { InflateBudget } from "./userdata-decode";
import { DROP_IN_TAKEN_AWAY, takesDropInAway } from "./userdata-drop-in";
import { streamEdit } from "./userdata-editors";
import { Findings } from "./userdata-findings";
import { HereDocument, hereDocumentBody, hereDocuments } from "./userdata-heredoc";
import { logicalLine } from "./userdata-lines";
import { nestedScript } from "./userdata-nested";
import { setsPassword } from "./userdata-passwords";
import { hereStrings, printedText } from "./userdata-printed";
import { writesRootKeys } from "./userdata-root-keys";
import { writtenText } from "./userdata-sed-edits";
import { namesDropIns } from "./userdata-sshd-defaults";
import {
  AUTHENTICATION_METHODS,
  directivesSetToNo,
  INCLUDE,
  isSettingWord,
  MATCH,
  weaknessesIn,
} from "./userdata-sshd-directives";
import { isInertPath, isMainSshdConfigPath, isSshdConfigPath, maybeSshdConfigPath } from "./userdata-sshd-paths";
import { MatchBudget } from "./userdata-sed-regex";
import { StockSshdConfig } from "./userdata-uncomment";
import { judgedText } from "./userdata-written-text";
import { ShellVariables } from "./userdata-variables";
import { optionValues, splitCommands, Word } from "./userdata-words";

/** Commands that only read or log their arguments: a directive among them is searched for, not written. */
const READ_ONLY = new Set(["grep", "egrep", "fgrep", "zgrep", "test", "[", "[[", "logger"]);
/** `sh -c '…'`, `su -c '…'` and `eval …` run their argument as a command line, scanned to this depth. */
const MAX_NESTING = 2;

/** How scanned text counts, as the file it was written to tells. */
export interface Reading {
  /** The text is (or may be taken for) sshd's configuration: its AuthenticationMethods lines count. */
  sshdConfig: boolean;
  /** The file holding the text, which sshd does not read: its setting lines count only if sshd is made to read it. */
  inertFile?: string;
  /** The text is written to sshd_config itself (read whatever becomes of the drop-ins) or to a drop-in. */
  sshdFile?: "main" | "drop-in";
}

/** User data itself, and text that may be sshd_config: every line counts, AuthenticationMethods included. */
export const AS_CONFIG: Reading = { sshdConfig: true };
/** Text written to a file that runs later or that may be anything: its settings count, its AuthenticationMethods not. */
export const AS_WRITTEN: Reading = { sshdConfig: false };

/**
 * Scans text written to `files` (none: a program reads it) by what they are: a boot script for the commands it
 * runs, sshd's configuration, any file. Undefined at the nesting limit, where such text is read inline, as lines.
 */
export type ScanWritten = (text: string, files: string[], found: Findings) => void;

export interface LineScan {
  found: Findings;
  reading: Reading;
  /** What the scan may still spend simulating sed edits on sshd_config's stock lines. */
  matchBudget: MatchBudget;
  written?: ScanWritten;
  /** Each line is a whole command (a crontab's, a unit's Exec): no here-document body follows one. */
  oneLineCommands?: boolean;
  /** What the scan may still inflate of gzip a script decodes as it runs. */
  inflateBudget?: InflateBudget;
}

function isComment(line: string): boolean {
  return /^\s*#/.test(line) && !/^\s*#cloud-config/.test(line);
}

/** Where a scan is in the text it reads. */
interface ScanState {
  /** Inside an sshd Match block. */
  inMatch: boolean;
  /** The stock sshd_config lines, as the script's sed commands so far left them. */
  stock: StockSshdConfig;
  /** The variables the script has set so far. */
  variables: ShellVariables;
  /**
   * The script may send a command's output somewhere this line does not say: `exec > file`, `{ …; } > file`, a
   * function called with a redirection. A stream editor that prints is then read as writing.
   */
  stdoutCaptured: boolean;
}

/** What sends the output of commands on other lines to a file. */
const CAPTURED_STDOUT = /(?:^|[\s;&|])(?:\}|\)|done|fi|esac)[ \t]*\d?>|\bexec[ \t]+\d?>|\(\)[ \t]*\{|\bfunction[ \t]/m;

/** Scans text line by line, here-documents read as what they are written to. */
export function scanLines(text: string, scan: LineScan): void {
  const state: ScanState = {
    inMatch: false,
    stock: new StockSshdConfig(scan.matchBudget),
    variables: new ShellVariables(),
    stdoutCaptured: CAPTURED_STDOUT.test(text),
  };
  scanScript(text.split(/\r?\n/), scan, state, 0);
  state.stock.report();
}

/**
 * Scans a script's command lines (a line continued, or holding a quote that closes lines later, is one), each
 * quoted as itself or, in a nested script (`bash -c '…'` over lines), as the line that runs it.
 */
function scanScript(lines: string[], scan: LineScan, state: ScanState, depth: number, quoted?: string): void {
  const stray = { until: 0 };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (isComment(raw)) continue;
    const logical = scan.oneLineCommands ? { text: raw, end: i } : logicalLine(lines, i, stray);
    i = logical.end;
    const line = logical.text.trim();
    if (line === "") continue;
    if (scan.reading.inertFile === undefined && depth === 0) scanCloudInitKeys(raw, line, scan.found);
    const documents = scanCommandLine(line, quoted ?? line, scan, state, depth);
    if (!scan.written || scan.oneLineCommands) continue;
    for (const { document, files, decode } of documents) {
      const { body, end } = hereDocumentBody(lines, i + 1, document);
      const text = body.join("\n");
      const expanded = document.expands ? state.variables.expand(text, false) : text;
      const read = decode ? decodedText(expanded, scan.inflateBudget) : expanded;
      if (read !== undefined) scan.written(read, files, scan.found);
      i = end;
    }
  }
}

/** A here-document a line opens, and the files its body is written to (base64 decoded, when `decode`). */
interface OpenedDocument {
  document: HereDocument;
  files: string[];
  decode?: boolean;
}

/**
 * Each command of a `a; b && c || d | e` line counts by what it writes; findings quote the whole `line`. Returns the
 * here-documents the line opens, whose bodies follow it.
 */
function scanCommandLine(
  text: string,
  line: string,
  scan: LineScan,
  state: ScanState,
  depth: number,
): OpenedDocument[] {
  // Each command sees the variables set before it, on this line too.
  const written = splitCommands(text);
  const commands = written.map((command) => {
    const parsed = parseCommand({ ...command, text: state.variables.expand(command.text) });
    state.variables.record(parsed);
    return parsed;
  });
  const toConfig = pipelinesWriting(commands, isSshdConfigPath);
  const toMainConfig = pipelinesWriting(commands, isMainSshdConfigPath);
  const toMaybeConfig = pipelinesWriting(commands, maybeSshdConfigPath);
  const toAccounts = pipelinesWriting(commands, isAccountsFile);
  const destinations = new Destinations(commands);
  const documents: OpenedDocument[] = [];
  commands.forEach((parsed, i) => {
    const { words, at, name } = parsed;
    const decodes = decodesBase64(parsed);
    for (const document of hereDocuments(words))
      documents.push(
        decodes
          ? { document, files: destinations.output(i), decode: true }
          : { document, files: destinations.input(i) },
      );
    if (decodes) deliverDecoded(commands, i, destinations, scan);
    if (writesRootKeys(words, at)) scan.found.add("root-authorized-keys", line);
    if (takesDropInAway(parsed)) reportDropInTakenAway(line, scan.found);
    noteFilesSshdReads(parsed, toMaybeConfig[i], scan.found);
    // A nested script's here-documents are read from its own text, not from the lines after this one.
    const script = nestedScript(parsed);
    if (script !== undefined && depth < MAX_NESTING) scanNested(script, line, scan, state, depth + 1);
    else if (!READ_ONLY.has(name) && !deliverWritten(parsed, destinations, i, scan, written[i].text)) {
      const printsOnly = !state.stdoutCaptured && !destinations.writesAnything(i) && !/\$\(|`/.test(written[i].text);
      const config = { config: toConfig[i], mainConfig: toMainConfig[i], maybeConfig: toMaybeConfig[i] };
      const spelt = written[i].text;
      scanWrites(parsed, { line, scan, state, ...config, accounts: toAccounts[i], printsOnly, spelt });
    }
  });
  return documents;
}

/** A script a command runs (`sh -c`, eval): over several lines, read as a script; else as one command line. */
function scanNested(script: string, line: string, scan: LineScan, state: ScanState, depth: number): void {
  if (script.includes("\n")) scanScript(script.split(/\r?\n/), scan, state, depth, line);
  else scanCommandLine(script, line, scan, state, depth);
}

/** What `echo … | base64 -d` decodes, read as written where base64's output goes (a pipe into bash: commands). */
function deliverDecoded(commands: ParsedCommand[], i: number, destinations: Destinations, scan: LineScan): void {
  if (!scan.written) return;
  for (const encoded of encodedInputs(commands, i)) {
    const text = decodedText(encoded, scan.inflateBudget);
    if (text !== undefined) scan.written(text, destinations.output(i), scan.found);
  }
}

/** Without the kit's drop-in, passwords and root login are on unless the user data sets them to no itself. */
function reportDropInTakenAway(line: string, found: Findings): void {
  const note = DROP_IN_TAKEN_AWAY;
  const byDropIns = true;
  found.add("password-authentication", line, {
    note,
    unlessHardened: { directives: ["PasswordAuthentication"], byDropIns },
  });
  found.add("root-login", line, { note, unlessHardened: { directives: ["PermitRootLogin"], byDropIns } });
}

/** For each command, whether its pipeline (`echo … | tee -a f`) writes a file that `matches`. */
function pipelinesWriting(commands: ParsedCommand[], matches: (path: string) => boolean): boolean[] {
  const result = commands.map(({ words, name, args }) => writesFile(words, name, args, matches));
  // A pipeline's commands share its destination: spread it backwards, then forwards, over the piped links.
  for (let i = commands.length - 2; i >= 0; i--) if (commands[i + 1].command.piped) result[i] ||= result[i + 1];
  for (let i = 1; i < commands.length; i++) if (commands[i].command.piped) result[i] ||= result[i - 1];
  return result;
}

/** A redirection, a tee, dd's `of=` or a stream editor (sed, perl -p) whose destination `matches`. */
function writesFile(words: Word[], name: string, args: string[], matches: (path: string) => boolean): boolean {
  if (words.some((w, i) => w.op?.startsWith(">") && matches(words[i + 1]?.text ?? ""))) return true;
  if (name === "tee") return args.some((a) => !a.startsWith("-") && matches(a));
  if (name === "dd") return args.some((a) => a.startsWith("of=") && matches(a.slice(3)));
  return streamEdit(name, args)?.files.some(matches) ?? false;
}

/**
 * Files the command makes sshd read, so that settings written there count: its arguments when it writes sshd's
 * configuration (`cat /opt/x >> /etc/ssh/sshd_config`), what it copies there, the file `sshd -f` is given.
 */
function noteFilesSshdReads({ words, name, args }: ParsedCommand, writesConfig: boolean, found: Findings): void {
  if (writesConfig) {
    // Its operands (`if=` of dd's too) and what it reads through `<`: `tee -a /etc/ssh/sshd_config < /tmp/x`.
    const inputs = words.flatMap((w, i) => (w.op === "<" && words[i + 1] ? [words[i + 1].text] : []));
    for (const a of [...args.map((a) => a.replace(/^if=/, "")), ...inputs])
      if (a.startsWith("/") && !maybeSshdConfigPath(a)) found.sshdReads(a);
  }
  const copy = copyOperands(name, args);
  // A destination the reader cannot name (`cp /tmp/x "$target"`) may be sshd's configuration.
  const destination = copy?.destination ?? "";
  if (copy && (maybeSshdConfigPath(destination) || /^\/etc\/ssh\/?$/.test(destination) || destination.includes("$")))
    for (const source of copy.sources) found.sshdReads(source);
  if (name === "sshd") for (const file of optionValues(args, "-f", "-f", "")) found.sshdReads(file);
  // `ln -s /etc/ssh/sshd_config.d/x.conf /tmp/x`: what is written to the link lands in sshd's configuration.
  if (name === "ln" && copy?.sources.some((s) => maybeSshdConfigPath(s) || /^\/etc\/ssh\/?$/.test(s)))
    found.sshdReads(copy.destination);
}

/**
 * Text an echo, printf, here-string or in-place stream editor (sed -i, perl -pi) writes only to boot scripts, handed
 * to the caller to read as the commands it will run (quoted as such, with where they went); likewise what echo,
 * printf or a here-string writes only to files sshd does not read (the SSH client's configuration, a log), read as
 * those files. Returns false when the command writes elsewhere too, or nothing, and is read as a command line instead.
 */
function deliverWritten(
  { words, name, args }: ParsedCommand,
  destinations: Destinations,
  i: number,
  scan: LineScan,
  spelt: string,
): boolean {
  if (!scan.written) return false;
  const deliveries: { text: string; files: string[] }[] = [];
  const printed = printedText(name, args);
  if (printed !== undefined) deliveries.push({ text: printed, files: destinations.output(i) });
  for (const text of hereStrings(words)) deliveries.push({ text, files: destinations.input(i) });
  const edit = streamEdit(name, args);
  if (edit?.inPlace) deliveries.push({ text: writtenText(edit.script), files: edit.files });
  const boot = (f: string) => bootScriptFormat(f) !== undefined;
  // A file named outright in the script: one a variable names may be another on another run (`[ … ] && F=/tmp/x`).
  const anyFile = (f: string) => boot(f) || (isInertPath(f) && spelt.includes(f));
  // What an edit writes is not the whole file (an uncommented stock line is not in it): outside boot scripts it is
  // read as a command line, by the uncommenting model too.
  const fits = (d: { files: string[] }) => d.files.length > 0 && d.files.every(edit ? boot : anyFile);
  if (deliveries.length === 0 || !deliveries.every(fits)) return false;
  for (const { text, files } of deliveries) scan.written(text, files, scan.found);
  return true;
}

interface WriteContext {
  line: string;
  scan: LineScan;
  state: ScanState;
  /** The command's pipeline writes sshd's configuration, surely (`config`) or maybe, or sshd_config itself. */
  config: boolean;
  mainConfig: boolean;
  maybeConfig: boolean;
  /** The command's pipeline writes /etc/shadow or /etc/passwd. */
  accounts: boolean;
  /** The command's output goes to the log (or nowhere): no file, no pipe. */
  printsOnly: boolean;
  /** The command as the script spells it, its variables not expanded. */
  spelt: string;
}

/**
 * Directives and passwords a command writes or sets. A stream editor (sed, perl -p) is read for what its script
 * writes, echo and printf for what they print; any other command for its whole text.
 */
function scanWrites(parsed: ParsedCommand, context: WriteContext): void {
  const { line, scan, state, config, mainConfig, maybeConfig, accounts, printsOnly, spelt } = context;
  const { words, name, args } = parsed;
  const { found, reading } = scan;
  const edit = streamEdit(name, args);
  // `sed -n '/re/p' f`, `perl -ne 'print if /re/' f`: an editor that only prints to the log writes nothing.
  if (edit && !edit.inPlace && printsOnly) return;
  const written = judgedText(parsed, edit);
  const setting = isSettingLine(words, name);
  // A setting line in a file sshd does not read (a README under /opt), or what an edit writes in files sshd does not
  // read (the client's ssh_config), counts only if the user data makes sshd read it.
  const inertEdit =
    edit?.inPlace && edit.files.length > 0 && edit.files.every((f) => isInertPath(f) && spelt.includes(f));
  const unlessSshdReads = inertEdit ? edit?.files[0] : setting ? reading.inertFile : undefined;
  for (const { kind, keyboardOnly } of weaknessesIn(written)) found.add(kind, line, { keyboardOnly, unlessSshdReads });
  const match = MATCH.exec(written);
  if (match) state.inMatch = match[1].toLowerCase() !== "all";
  if (config || (setting && reading.sshdConfig))
    for (const value of uncommented(written, AUTHENTICATION_METHODS))
      found.authenticationMethods(value, !state.inMatch);
  if (reading.inertFile === undefined || !setting)
    for (const value of uncommented(written, INCLUDE))
      for (const pattern of value.split(/[ \t]+/)) if (pattern !== "") found.sshdReads(pattern);
  if (edit) state.stock.edit(edit.script, maybeConfig, { line, found, at: found.now(), unlessSshdReads });
  // Hardening written to sshd's files undoes taking the kit's drop-in away, as Restorations says.
  const sshdFile = config ? (mainConfig ? "main" : "drop-in") : setting ? reading.sshdFile : undefined;
  if (sshdFile !== undefined && !state.inMatch)
    for (const directive of directivesSetToNo(written)) found.hardened(directive, sshdFile === "drop-in");
  if (config || (setting && reading.sshdConfig)) {
    const includes = uncommented(written, INCLUDE).flatMap((value) => value.split(/[ \t]+/));
    if (!edit && includes.some(namesDropIns)) state.stock.includeWritten();
  }
  if (setsPassword(parsed) || (accounts && passwordLines(written).length > 0)) found.add("password-set", line);
}

/** A line of sshd_config itself (as in a here-document or a written file): a directive is the first word. */
function isSettingLine(words: Word[], name: string): boolean {
  return isSettingWord(name) || isSettingWord(words[0]?.text ?? "");
}

/**
 * The values of `directive` in written text that no `#` comments out: none on their line before them (a line ends
 * at a newline or an escaped `\n`, as echo -e and printf write). One pass: the text between matches is read once.
 */
function uncommented(written: string, directive: RegExp): string[] {
  const values: string[] = [];
  let commented = false;
  let p = 0;
  for (const m of written.matchAll(directive)) {
    for (; p < m.index; p++) {
      const c = written[p];
      if (c === "#") commented = true;
      else if (c === "\n" || c === "\r" || (c === "\\" && written[p + 1] === "n")) commented = false;
    }
    if (!commented) values.push(m[1]);
  }
  return values;
}
