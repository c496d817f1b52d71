// The line scan of boot scripts and config text (sshd_config, cloud-config that did not parse): each command of a
// line counts by what it writes, so a directive that grep only looks for, or root's keys copied away, is no finding.
// Text a command writes to a boot script (a here-document, an echo) is handed to the caller, which reads it as the
// commands it will run.
import { bootScriptFormat } from "./userdata-boot-scripts";
import { copyOperands } from "./userdata-copies";
import { Destinations, ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { Findings } from "./userdata-findings";
import { HereDocument, hereDocumentBody, hereDocuments } from "./userdata-heredoc";
import { hereStrings, printedText } from "./userdata-printed";
import { isRootKeysPath, writesRootKeys } from "./userdata-root-keys";
import { writtenText } from "./userdata-sed-edits";
import { AUTHENTICATION_METHODS, INCLUDE, isSettingWord, MATCH, weaknessesIn } from "./userdata-sshd-directives";
import { isSshdConfigPath, maybeSshdConfigPath } from "./userdata-sshd-paths";
import { MatchBudget } from "./userdata-sed-regex";
import { StockSshdConfig } from "./userdata-uncomment";
import {
  argumentsOf,
  Command,
  commandIndex,
  commandName,
  optionValues,
  shellQuote,
  shellWords,
  splitCommands,
  Word,
} from "./userdata-words";

const YES = String.raw`(?:yes|true|on|1)`;
/** Fallback for cloud-configs that do not parse as YAML. */
const CLOUD_INIT_PWAUTH = new RegExp(String.raw`^\s*ssh_pwauth\s*:\s*["']?${YES}["']?\s*(?:#.*)?$`, "i");
const CLOUD_INIT_ROOT = /^\s*disable_root\s*:\s*["']?(?:false|no|off|0)["']?\s*(?:#.*)?$/i;
/** `chpasswd:` module, the top-level default-user `password:`, and per-user password keys under `users:`. */
const CLOUD_INIT_CHPASSWD =
  /^(?:\s*chpasswd\s*:|password\s*:|\s+(?:-\s+)?(?:plain_text_passwd|hashed_passwd|passwd)\s*:)/i;
const CLOUD_INIT_ROOT_KEYS = /^\s*(?:-\s+)?path\s*:\s*["']?(\S+?)["']?\s*$/;

const SHELL_PASSWORD = /\bchpasswd\b|\bpasswd\s+root\b/i;
/** `passwd … --stdin`, `useradd/usermod … -p|--password …`: the option may come anywhere after the command. */
const SHELL_PASSWORD_OPTIONS: [command: RegExp, option: RegExp][] = [
  [/\bpasswd\b/i, /--stdin/i],
  [/\buser(?:mod|add)\b/i, /\s(?:-p|--password)(?![\w-])/i],
];
/** Commands that only read or log their arguments: a directive among them is searched for, not written. */
const READ_ONLY = new Set(["grep", "egrep", "fgrep", "zgrep", "test", "[", "[[", "logger"]);
/** `sh -c '…'`, `su -c '…'` and `eval …` run their argument as a command line, scanned to this depth. */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "su", "runuser"]);
const MAX_NESTING = 2;
/** find's actions that run a command, up to `;` or `+`. */
const FIND_ACTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

/** How scanned text counts, as the file it was written to tells. */
export interface Reading {
  /** The text is (or may be taken for) sshd's configuration: its AuthenticationMethods lines count. */
  sshdConfig: boolean;
  /** The file holding the text, which sshd does not read: its setting lines count only if sshd is made to read it. */
  inertFile?: string;
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
}

/** Scans text line by line, here-documents read as what they are written to. */
export function scanLines(text: string, scan: LineScan): void {
  const state: ScanState = { inMatch: false, stock: new StockSshdConfig(scan.matchBudget) };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (isComment(raw)) continue;
    const line = raw.trim();
    if (line === "") continue;
    if (scan.reading.inertFile === undefined) scanCloudInitKeys(raw, line, scan.found);
    const documents = scanCommandLine(line, line, scan, state, 0);
    if (!scan.written || scan.oneLineCommands) continue;
    for (const { document, files } of documents) {
      const { body, end } = hereDocumentBody(lines, i + 1, document);
      scan.written(body.join("\n"), files, scan.found);
      i = end;
    }
  }
  state.stock.report();
}

function scanCloudInitKeys(raw: string, line: string, found: Findings): void {
  if (CLOUD_INIT_PWAUTH.test(raw)) found.add("password-authentication", line);
  if (CLOUD_INIT_ROOT.test(raw)) found.add("root-login", line);
  if (CLOUD_INIT_CHPASSWD.test(raw)) found.add("password-set", line);
  const path = CLOUD_INIT_ROOT_KEYS.exec(raw);
  if (path && isRootKeysPath(path[1])) found.add("root-authorized-keys", line);
}

/** A here-document a line opens, and the files its body is written to. */
interface OpenedDocument {
  document: HereDocument;
  files: string[];
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
  const commands = splitCommands(text).map((command): ParsedCommand => {
    const words = shellWords(command.text);
    const at = commandIndex(words);
    return { command, words, at, name: commandName(words, at), args: argumentsOf(words, at) };
  });
  const toConfig = pipelinesWriting(commands, isSshdConfigPath);
  const toMaybeConfig = pipelinesWriting(commands, maybeSshdConfigPath);
  const destinations = new Destinations(commands);
  const documents: OpenedDocument[] = [];
  commands.forEach((parsed, i) => {
    const { words, at, name, args } = parsed;
    for (const document of hereDocuments(words)) documents.push({ document, files: destinations.input(i) });
    if (writesRootKeys(words, at)) scan.found.add("root-authorized-keys", line);
    noteFilesSshdReads(parsed, toMaybeConfig[i], scan.found);
    // A nested script's here-documents are read from its own text, not from the lines after this one.
    const script = nestedScript(name, args);
    if (script !== undefined && depth < MAX_NESTING) scanCommandLine(script, line, scan, state, depth + 1);
    else if (!READ_ONLY.has(name) && !deliverToBootScripts(parsed, destinations, i, scan)) {
      const context = { line, scan, state, config: toConfig[i], maybeConfig: toMaybeConfig[i] };
      scanWrites(parsed, context);
    }
  });
  return documents;
}

/** For each command, whether its pipeline (`echo … | tee -a f`) writes a file that `matches`. */
function pipelinesWriting(commands: ParsedCommand[], matches: (path: string) => boolean): boolean[] {
  const result = commands.map(({ words, name, args }) => writesFile(words, name, args, matches));
  // A pipeline's commands share its destination: spread it backwards, then forwards, over the piped links.
  for (let i = commands.length - 2; i >= 0; i--) if (commands[i + 1].command.piped) result[i] ||= result[i + 1];
  for (let i = 1; i < commands.length; i++) if (commands[i].command.piped) result[i] ||= result[i - 1];
  return result;
}

/** A redirection, a tee or a stream editor (sed, perl -p) whose destination `matches`. */
function writesFile(words: Word[], name: string, args: string[], matches: (path: string) => boolean): boolean {
  if (words.some((w, i) => w.op?.startsWith(">") && matches(words[i + 1]?.text ?? ""))) return true;
  if (name === "tee") return args.some((a) => !a.startsWith("-") && matches(a));
  return streamEdit(name, args)?.files.some(matches) ?? false;
}

/**
 * Files the command makes sshd read, so that settings written there count: its arguments when it writes sshd's
 * configuration (`cat /opt/x >> /etc/ssh/sshd_config`), what it copies there, the file `sshd -f` is given.
 */
function noteFilesSshdReads({ name, args }: ParsedCommand, writesConfig: boolean, found: Findings): void {
  if (writesConfig) for (const a of args) if (a.startsWith("/") && !maybeSshdConfigPath(a)) found.sshdReads(a);
  const copy = copyOperands(name, args);
  if (copy && (maybeSshdConfigPath(copy.destination) || /^\/etc\/ssh\/?$/.test(copy.destination)))
    for (const source of copy.sources) found.sshdReads(source);
  if (name === "sshd") for (const file of optionValues(args, "-f", "-f", "")) found.sshdReads(file);
}

/**
 * Text an echo, printf, here-string or in-place stream editor (sed -i, perl -pi) writes only to boot scripts, handed
 * to the caller to read as the commands it will run (quoted as such, with where they went). Returns false when the
 * command writes elsewhere too, or nothing, and is read as a command line instead.
 */
function deliverToBootScripts(
  { words, name, args }: ParsedCommand,
  destinations: Destinations,
  i: number,
  scan: LineScan,
): boolean {
  if (!scan.written) return false;
  const deliveries: { text: string; files: string[] }[] = [];
  const printed = printedText(name, args);
  if (printed !== undefined) deliveries.push({ text: printed, files: destinations.output(i) });
  for (const text of hereStrings(words)) deliveries.push({ text, files: destinations.input(i) });
  const edit = streamEdit(name, args);
  if (edit?.inPlace) deliveries.push({ text: writtenText(edit.script), files: edit.files });
  const boot = (f: string) => bootScriptFormat(f) !== undefined;
  if (deliveries.length === 0 || !deliveries.every((d) => d.files.length > 0 && d.files.every(boot))) return false;
  for (const { text, files } of deliveries) scan.written(text, files, scan.found);
  return true;
}

/**
 * The command line a command runs: eval's arguments joined (eval parses them again), the script of a shell's `-c`,
 * for `runuser -u user -- cmd…` the command after `--`, for find the commands of its -exec actions, each word quoted
 * back. Undefined for other commands.
 */
function nestedScript(name: string, args: string[]): string | undefined {
  if (name === "eval") return args.join(" ");
  if (name === "find") return findActions(args);
  if (!SHELLS.has(name)) return undefined;
  const script = inlineScript(args);
  const dashes = args.indexOf("--");
  if (script !== undefined || name !== "runuser" || dashes < 0) return script;
  return args
    .slice(dashes + 1)
    .map(shellQuote)
    .join(" ");
}

/** `find … -exec sed -i '…' {} \;`: the commands find runs, `;`-separated; undefined when it runs none. */
function findActions(args: string[]): string | undefined {
  const actions: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!FIND_ACTIONS.has(args[i])) continue;
    const words: string[] = [];
    for (i++; i < args.length && args[i] !== ";" && args[i] !== "+"; i++) words.push(shellQuote(args[i]));
    actions.push(words.join(" "));
  }
  return actions.length > 0 ? actions.join(" ; ") : undefined;
}

/** The argument of `-c` (also bundled, as in `-lc`), the script a shell runs. */
function inlineScript(args: string[]): string | undefined {
  const i = args.findIndex((a) => /^-[a-z]*c$/.test(a));
  return i >= 0 ? args[i + 1] : undefined;
}

interface WriteContext {
  line: string;
  scan: LineScan;
  state: ScanState;
  /** The command's pipeline writes sshd's configuration, surely (`config`) or maybe. */
  config: boolean;
  maybeConfig: boolean;
}

/**
 * Directives and passwords a command writes or sets. Only a stream editor (sed, perl -p) is read for what its script
 * writes; any other command for its whole text (an argument that says "sed" changes nothing).
 */
function scanWrites(parsed: ParsedCommand, { line, scan, state, config, maybeConfig }: WriteContext): void {
  const { command, words, name, args } = parsed;
  const { found, reading } = scan;
  const edit = streamEdit(name, args);
  const written = edit ? writtenText(edit.script) : command.text;
  const setting = isSettingLine(words, name);
  // A setting line in a file sshd does not read (a README under /opt) counts only if the user data makes sshd read it.
  const unlessSshdReads = setting ? reading.inertFile : undefined;
  for (const { kind, keyboardOnly } of weaknessesIn(written)) found.add(kind, line, { keyboardOnly, unlessSshdReads });
  const match = MATCH.exec(written);
  if (match) state.inMatch = match[1].toLowerCase() !== "all";
  if (config || (setting && reading.sshdConfig))
    for (const value of uncommented(written, AUTHENTICATION_METHODS))
      found.authenticationMethods(value, !state.inMatch);
  if (reading.inertFile === undefined || !setting)
    for (const value of uncommented(written, INCLUDE))
      for (const pattern of value.split(/[ \t]+/)) if (pattern !== "") found.sshdReads(pattern);
  if (edit) state.stock.edit(edit.script, maybeConfig, { line, found });
  if (setsPassword(command, words, name)) found.add("password-set", line);
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

function setsPassword(command: Command, words: Word[], name: string): boolean {
  if (SHELL_PASSWORD.test(command.text)) return true;
  if (SHELL_PASSWORD_OPTIONS.some(([cmd, option]) => follows(command.text, cmd, option))) return true;
  // passwd reads the new password from its input when that is a pipe or a redirection, not a terminal.
  return name === "passwd" && (command.piped || words.some((w) => w.op?.startsWith("<")));
}

/**
 * Whether `option` occurs after `command` in a command's text (which holds no newline). Only the first occurrence
 * is looked at: it leaves the most room after it, and searching the rest once per occurrence would be quadratic.
 */
function follows(text: string, command: RegExp, option: RegExp): boolean {
  const found = command.exec(text);
  return found !== null && option.test(text.slice(found.index + found[0].length));
}
