// What a command that is read as a command line writes or sets: sshd directives that weaken login, Match blocks,
// AuthenticationMethods and Include values, sed edits of the stock sshd_config lines, hardening, passwords, and the
// password-login servers (telnet, VNC, xrdp…) it installs or starts, directly or through xinetd or inetd.
import { passwordLines } from "./userdata-accounts";
import { appendTarget } from "./userdata-appends";
import { ParsedCommand } from "./userdata-destinations";
import { printsOnlyWhatItSays, streamEdit } from "./userdata-editors";
import { followCopy } from "./userdata-copied-over";
import { followEmptied } from "./userdata-emptied-files";
import { Findings } from "./userdata-findings";
import { reportHardenedOverwrites } from "./userdata-hardened-overwrites";
import { loginServerNote, startedLoginServers } from "./userdata-login-servers";
import { setsPassword } from "./userdata-passwords";
import { rootAccountMade } from "./userdata-root-accounts";
import { isPrinter } from "./userdata-printed";
import { noteFileRun } from "./userdata-run-later";
import { LineScan, ScanState } from "./userdata-scan-context";
import { namesDropIns } from "./userdata-sshd-defaults";
import {
  AUTHENTICATION_METHODS,
  directivesSet,
  directivesSetToNo,
  INCLUDE,
  isSettingWord,
  MATCH,
  valueFromElsewhere,
  weaknessesIn,
} from "./userdata-sshd-directives";
import { isDisplayedPath, isInertPath, maybeSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { KnownEdit, reportKnownEdits } from "./userdata-known-edits";
import { StreamEdit } from "./userdata-sed-edits";
import { fromStanding } from "./userdata-working-directory";
import { superServersEditedOn } from "./userdata-superserver-edits";
import { superServerLine, superServersTeed, updateInetdEnabled } from "./userdata-superservers";
import { reportUnknownStreamEdit } from "./userdata-unknown-edits";
import { Word } from "./userdata-words";
import { judgedText } from "./userdata-written-text";
import { noteRootSideDoors } from "./userdata-root-side-doors";
import { appendAll } from "./arrays";

export interface WriteContext {
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
  /** The command's output ends in a log, whatever the script's caller does: see Destinations.printsToLog. */
  printsToLog: boolean;
  /** The command as the script spells it, its variables not expanded. */
  spelt: string;
  /** The command before it on its line, which may pipe it what it reads. */
  previous?: ParsedCommand;
  /** It reads sshd's configuration, or a copy of it, down its pipe (see WorkingCopies). */
  fromPipe: boolean;
  /** It filters sshd's configuration or a copy into a file: the working copy replays it where it is put back. */
  byCopies?: boolean;
  /** The files of sshd's configuration its pipeline adds its text to, when it writes them only so (see appends). */
  appendedTo?: string[];
  /** Where a `cd` put the script, when the text names it (see ScanState.standing). */
  directory?: string;
}

/**
 * Directives and passwords a command writes or sets. A stream editor (sed, perl -p) is read for what its script
 * writes, echo and printf for what they print; any other command for its whole text.
 */
export function scanWrites(parsed: ParsedCommand, context: WriteContext): void {
  const { line, scan, state, config, mainConfig, maybeConfig, accounts, printsOnly, printsToLog, spelt } = context;
  const { words, name, args } = parsed;
  const { found, reading } = scan;
  const edit = streamEdit(name, args);
  // `sed -n '/re/p' f`, `perl -ne 'print if /re/' f`: an editor that only prints to the log writes nothing.
  if (edit && !edit.inPlace && printsOnly) return;
  // `echo "PasswordAuthentication yes found" >&2`: a message in the log sets nothing.
  if (printsToLog && isPrinter(name)) return;
  const written = judgedText(parsed, edit);
  // A hardened file replaced or cut with text of sshd's own folders the reader cannot see: unverifiable.
  if (!reading.sshdFile) reportHardenedOverwrites(parsed, line, found);
  const setting = isSettingLine(words, name);
  // A setting line in a file sshd does not read (a README under /opt), or what an edit writes in files sshd does not
  // read (the client's ssh_config), counts only if the user data makes sshd read it.
  const inertEdit = edit?.inPlace && edit.files.length > 0 && allSpelt(edit.files, spelt);
  // In a file that is only shown at login, prose naming a directive is no command: it too counts only as a setting.
  const asSetting = setting || (reading.inertFile !== undefined && isDisplayedPath(reading.inertFile));
  const unlessSshdReads = inertEdit ? edit?.files[0] : asSetting ? reading.inertFile : undefined;
  for (const { kind, keyboardOnly } of weaknessesIn(written)) found.add(kind, line, { keyboardOnly, unlessSshdReads });
  noteRootSideDoors(written, line, found, unlessSshdReads);
  const match = MATCH.exec(written);
  if (match) {
    state.inMatch = match[1].toLowerCase() !== "all";
    state.matchWritten = true;
  }
  if (config || (setting && reading.sshdConfig)) {
    for (const value of uncommented(written, AUTHENTICATION_METHODS))
      found.authenticationMethods(value, !state.inMatch);
    noteValueFromElsewhere(written, line, scan);
  } else if (unlessSshdReads !== undefined) {
    // A placeholder in a file sshd is made to read later, filled in there (`envsubst < /tmp/t > sshd_config`).
    noteValueFromElsewhere(written, line, scan, unlessSshdReads);
  }
  // Read once: both the files sshd is made to read and the Include of the drop-ins need them.
  const included = uncommented(written, INCLUDE);
  if (reading.inertFile === undefined || !setting)
    for (const value of included)
      for (const pattern of value.split(/[ \t]+/)) if (pattern !== "") found.sshdReads(pattern);
  if (edit) {
    // A filter of sshd's configuration down a pipe (`sed … sshd_config | sed '/…/d' > /tmp/x`) edits it only where
    // its output is put back: the working copy replays it then, naming the file.
    // So does a filter of either into a file (`sed '/…/d' sshd_config > /tmp/x`, `sed '/…/d' /tmp/a > sshd_config`).
    const fromPipe = context.fromPipe && !edit.inPlace && edit.files.length === 0;
    const editsConfig = maybeConfig && !fromPipe && context.byCopies !== true;
    // Its output added after the file (`sed … sshd_config >> sshd_config`) takes nothing away: see appended.
    const appendedTo = edit.inPlace ? undefined : context.appendedTo;
    // Read before the run is replayed: what its pattern reaches is judged on the stock lines as they were.
    if (editsConfig)
      reportUnknownStreamEdit(parsed, edit, written, state.stock, { line, found, appended: !!appendedTo });
    // A template the script wrote, filled in by the edit: in place, or printed into sshd's configuration.
    // What cloud-config's write_files gave is known too, until an edit in place makes OutsideTexts forget it.
    const textOf = (path: string) => state.files.text(path) ?? scan.filesWritten?.get(normalPath(path));
    const files = inputFiles(edit, parsed, context.previous).flatMap((f) =>
      state.files.named(fromStanding(f, context.directory)),
    );
    const known = printsOnlyWhatItSays(name, args) ? [] : knownTextsEdited(edit, config, files, textOf);
    if (known.length > 0) reportKnownEdits(edit.script, known, line, found, scan.matchBudget);
    const activation = { line, found, at: found.now(), unlessSshdReads, files: edit.files };
    if (!appendedTo) state.stock.edit(edit.script, editsConfig, activation);
    else if (editsConfig)
      state.stock.appended(
        [{ script: edit.script, activation }],
        appendTarget(edit.files, appendedTo, state.matchWritten),
      );
  }
  // Hardening written to sshd's files undoes taking the kit's drop-in away, as Restorations says.
  const sshdFile = config ? (mainConfig ? "main" : "drop-in") : setting ? reading.sshdFile : undefined;
  if (sshdFile !== undefined && !state.inMatch) {
    for (const directive of directivesSetToNo(written)) found.hardened(directive, sshdFile === "drop-in");
    if (sshdFile === "main") for (const directive of directivesSet(written)) found.setInMain(directive);
  }
  if (config || (setting && reading.sshdConfig)) {
    const includes = included.flatMap((value) => value.split(/[ \t]+/));
    if (!edit && includes.some(namesDropIns)) {
      state.stock.includeWritten();
      if (sshdFile === "main") found.includedDropIns();
    }
  }
  if (setsPassword(parsed, context.previous) || (accounts && passwordLines(written).length > 0))
    found.add("password-set", line);
  const rootAccount = rootAccountMade(parsed);
  if (rootAccount !== undefined)
    found.add("root-login", line, { note: `gives ${rootAccount} user id 0: it logs in as root under another name` });
  // Text only shown at login (the message of the day) or read by sshd as settings runs no server; in another file
  // named outright, which may be configuration, only an install or a service enabled counts, not a daemon's name,
  // unless the file is a script.
  const inert = reading.inertFile;
  const fileText = (path: string) => state.files.text(path);
  const runs = !reading.sshdFile && !(inert !== undefined && isDisplayedPath(inert));
  const servers = runs ? startedLoginServers(parsed, inert === undefined || reading.scriptFile === true) : [];
  // The super-servers' too: update-inetd, an edit of their files that turns a service on, a service written there.
  if (runs) {
    appendAll(servers, updateInetdEnabled(parsed));
    appendAll(servers, superServersTeed(parsed, context.previous, scan));
    // A file the script wrote and now runs is read as a script from here (see ScriptsRunLater).
    const wroteFile = (path: string) => fileText(path) !== undefined;
    noteFileRun(parsed, scan, context.directory, context.previous, wroteFile);
    // A file copied or moved over one written before replaces its text there; one removed or emptied holds none.
    followCopy(parsed, scan, fileText, context.directory, context.previous);
    followEmptied(parsed, scan, context.directory);
  }
  if (edit?.inPlace)
    appendAll(
      servers,
      superServersEditedOn(edit, fileText, scan.matchBudget, (why) => found.leftUnread(why)),
    );
  // Named with the file it sits in when that is not the script being read (`… via /opt/remote.sh`).
  const where = inert !== undefined ? found.writtenTo(inert) : found;
  if (servers.length > 0) where.add("password-login-server", line, { note: loginServerNote(servers) });
  if (inert !== undefined) noteSuperServerLine(inert, parsed, state, found);
}

/** A line of text written to xinetd's or inetd's files that turns a password-login service on, quoted via the file. */
function noteSuperServerLine(file: string, parsed: ParsedCommand, state: ScanState, found: Findings): void {
  const started = superServerLine(file, parsed, state);
  if (started)
    found.writtenTo(file).add("password-login-server", started.line, { note: loginServerNote([started.server]) });
}

/**
 * `echo "PermitRootLogin $MODE" >> /etc/ssh/sshd_config`, MODE never set by the script (a tag, a template): whether
 * it weakens login is decided outside the script, so it is reported as what cannot be verified, not as a violation.
 * Written to a file sshd does not read (`unlessSshdReads`), it counts once the script makes sshd read that file.
 */
function noteValueFromElsewhere(written: string, line: string, { found }: LineScan, unlessSshdReads?: string): void {
  const elsewhere = valueFromElsewhere(written);
  if (!elsewhere) return;
  const { directive, value } = elsewhere;
  const kind = directive.toLowerCase() === "permitrootlogin" ? "root-login" : "password-authentication";
  const note = `${directive} is set to ${value}, which the script does not set: write "${directive} no" instead`;
  found.add(kind, line, { note, unverifiable: true, unlessSshdReads, placeholder: unlessSshdReads !== undefined });
}

/**
 * The files of known text an edit fills in, and where its output counts: edited in place, in sshd's configuration
 * or, in a file sshd does not read, once sshd is made to read it; printed, where the command writes sshd's
 * configuration.
 */
function knownTextsEdited(
  edit: StreamEdit,
  config: boolean,
  files: readonly string[],
  textOf: (path: string) => string | undefined,
): KnownEdit[] {
  if (!edit.inPlace && !config) return [];
  const known: KnownEdit[] = [];
  for (const path of files) {
    const text = textOf(path);
    if (text === undefined) continue;
    if (!edit.inPlace || maybeSshdConfigPath(path)) known.push({ file: path, text });
    else if (isInertPath(path)) known.push({ file: path, text, unlessSshdReads: path });
  }
  return known;
}

/**
 * The files an edit reads: its operands, else what it reads through `<` or what a plain `cat FILE` pipes it
 * (`cat /tmp/t | sed …`).
 */
function inputFiles(edit: StreamEdit, { words, command }: ParsedCommand, previous?: ParsedCommand): string[] {
  if (edit.files.length > 0 || edit.inPlace) return edit.files;
  for (let i = 0; i + 1 < words.length; i++) if (words[i].op === "<") return [words[i + 1].text];
  const cat = command.piped && previous?.name === "cat" ? previous.args : [];
  return cat.length === 1 && !cat[0].startsWith("-") ? cat : [];
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
  // exec on the global pattern itself: matchAll would copy it on every call. It ends with lastIndex back at 0.
  directive.lastIndex = 0;
  for (let m = directive.exec(written); m !== null; m = directive.exec(written)) {
    if (m[0] === "") directive.lastIndex++;
    for (; p < m.index; p++) {
      const c = written[p];
      if (c === "#") commented = true;
      else if (c === "\n" || c === "\r" || (c === "\\" && written[p + 1] === "n")) commented = false;
    }
    if (!commented) values.push(m[1]);
  }
  return values;
}

/**
 * Every file is one sshd does not read and is spelt on the line. The operands stand on the line in their order, so
 * each is sought after the one before: one pass over the line, however many files an edit names.
 */
function allSpelt(files: readonly string[], spelt: string): boolean {
  let from = 0;
  for (const file of files) {
    const at = isInertPath(file) ? spelt.indexOf(file, from) : -1;
    if (at < 0) return false;
    from = at + file.length;
  }
  return true;
}
