// The line scan of boot scripts and config text (sshd_config, cloud-config that did not parse): each command of a
// line counts by what it writes, so a directive that grep only looks for, or root's keys copied away, is no finding.
// Text a command writes to a boot script (a here-document, an echo) is handed to the caller, which reads it as the
// commands it will run.
import { isAccountsFile } from "./userdata-accounts";
import { BootScriptPieces } from "./userdata-boot-scripts";
import { appendTarget, pipelineAppends, pipelinesAppending } from "./userdata-appends";
import { CaseArms } from "./userdata-case-arms";
import { scanCloudInitKeys } from "./userdata-cloud-init-keys";
import { scanWrites } from "./userdata-command-writes";
import { decodedText, Decoder, decoderOf } from "./userdata-decoders";
import { deliverCut, deliverDecoded, deliverPrintedScript, deliverWritten } from "./userdata-deliveries";
import { MAX_QUOTED_SUBSTITUTIONS, quotedSubstitutions } from "./shell-substitutions";
import { CutFiles, Destinations, MAX_NESTING, ParsedCommand, parseCommand } from "./userdata-destinations";
import { hardenedDropInTakenAway, reportHardenedDropInTakenAway } from "./userdata-drop-in";
import { streamEdit } from "./userdata-editors";
import { pipelinesWriting } from "./userdata-files-written";
import { Findings } from "./userdata-findings";
import { InvertedGrep, invertedGrep } from "./userdata-grep";
import { HereDocument, hereDocumentBody, hereDocuments } from "./userdata-heredoc";
import { KnownFiles } from "./userdata-known-files";
import { logicalLine, physicalLines } from "./userdata-lines";
import { ForLoop, forLoop, loopLines, midLineLoop } from "./userdata-loops";
import { EvalVariables, evalScript, nestedScript, runsInput } from "./userdata-nested";
import { hereStrings } from "./userdata-printed";
import { OutsideTexts } from "./userdata-outside-text";
import { filesRewritten, reportRewrite, rewritesMainConfig, scanHereStringsWritten } from "./userdata-rewrites";
import { isKeysUnderUnknownHome, UNKNOWN_HOME_NOTE, writesRootKeys } from "./userdata-root-keys";
import { asUser, otherUser } from "./userdata-run-as";
import { laterStagesMayPutBack, teedText, teeWords } from "./userdata-pipe-stages";
import { PutBack, WorkingCopies } from "./userdata-working-copies";
import {
  changedDirectory,
  changesDirectory,
  fromDirectory,
  fromStanding,
  standingDirectory,
} from "./userdata-working-directory";
import { LineScan, ScanState } from "./userdata-scan-context";
import { noteFilesSshdReads } from "./userdata-sshd-reads";
import { isMainSshdConfigPath, isSshdConfigPath, maybeSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { sedScript } from "./userdata-sed";
import { MATCH } from "./userdata-sshd-directives";
import { StockSshdConfig } from "./userdata-uncomment";
import { reportUnknownDeletion, reportUnknownGrepPatterns, reportUnknownStreamEdit } from "./userdata-unknown-edits";
import { ShellVariables } from "./userdata-variables";
import { splitCommands, Word } from "./userdata-words";
import { judgedText } from "./userdata-written-text";

/** Commands that only read or log their arguments: a directive among them is searched for, not written. */
const READ_ONLY = new Set(["grep", "egrep", "fgrep", "zgrep", "test", "[", "[[", "logger"]);
/** The kinds of file a line's writers are told apart by: sshd's configuration (surely, itself, maybe), accounts. */
const WRITTEN_KINDS = [isSshdConfigPath, isMainSshdConfigPath, maybeSshdConfigPath, isAccountsFile];
/** A command substitution, whose output becomes part of the command. */
const SUBSTITUTION = /\$\(|`/;

const COMMENT = /^\s*#/;
const CLOUD_CONFIG_MARK = /^\s*#cloud-config/;

function isComment(line: string): boolean {
  return COMMENT.test(line) && !CLOUD_CONFIG_MARK.test(line);
}

/**
 * What sends the output of commands on other lines to a file: a redirected group or block, `exec > file`, a function
 * (called with a redirection), a command substitution left open at a line's end (`x=$(` … `)`).
 */
const CAPTURED_STDOUT =
  /(?:^|[\s;&|])(?:\}|\)|done|fi|esac)[ \t]*\d?>|\bexec[ \t]+[\d&]?(?:>|<>)|\(\)[ \t]*\{|\bfunction[ \t]|\$\([ \t]*\\?$/m;

/** A backquote left open at a line's end also captures what the lines after it print. */
function capturesStdout(text: string): boolean {
  return (
    (mayCapture(text) && CAPTURED_STDOUT.test(text)) || (text.includes("`") && text.split(/\r?\n/).some(opensBackquote))
  );
}

/** Each way CAPTURED_STDOUT captures needs a `>`, a `(` or the word function: most scripts hold none. */
function mayCapture(text: string): boolean {
  return text.includes(">") || text.includes("(") || text.includes("function");
}

function opensBackquote(line: string): boolean {
  let count = 0;
  for (let i = line.indexOf("`"); i >= 0; i = line.indexOf("`", i + 1)) count++;
  return count % 2 === 1;
}

/** What the line scan carries beyond the checks' shared state: sshd's or the account files' text from outside. */
interface ShellState extends ScanState {
  outside: OutsideTexts;
}

/**
 * The objects of the last short scan, kept alive. Optimised scan code holds their classes' shapes only weakly: a full
 * collection while no scan runs would free those shapes and discard that code, and the next thousands of scripts
 * would run unoptimised until V8 optimised it again (twice the cost per script on the synthetic stack). One read is
 * held until the next; a long text's own objects are not kept.
 */
const lastScan: { scan?: LineScan; state?: ShellState; destinations?: Destinations } = {};
const MAX_KEPT_TEXT = 64 * 1024;

/** Scans text line by line, here-documents read as what they are written to. */
export function scanLines(text: string, given: LineScan): void {
  // Pieces written to a boot-time file are joined as the file holds them (see BootScriptPieces).
  const pieces = given.written && new BootScriptPieces(given.written, (why) => given.found.leftUnread(why));
  const scan = pieces ? { ...given, written: pieces.write } : given;
  const state: ShellState = {
    inMatch: false,
    matchWritten: false,
    stock: new StockSshdConfig(scan.matchBudget),
    variables: new ShellVariables((why) => scan.found.leftUnread(why)),
    files: new KnownFiles(),
    copies: new WorkingCopies(),
    stdoutCaptured: capturesStdout(text),
    inLoop: false,
    cases: new CaseArms(),
    outside: new OutsideTexts(text, scan.filesWritten),
  };
  if (text.length <= MAX_KEPT_TEXT) {
    lastScan.scan = scan;
    lastScan.state = state;
  }
  scanScript(physicalLines(text), scan, state, 0);
  pieces?.finish();
  state.stock.report();
  state.outside.report();
  if (scan.filesLeft) state.outside.filesLeft(state.files.absolute(), scan.filesLeft);
}

/**
 * Scans a script's command lines (a line continued, or holding a quote that closes lines later, is one), each
 * quoted as itself or, in a nested script (`bash -c '…'` over lines), as the line that runs it.
 */
function scanScript(lines: string[], scan: LineScan, state: ShellState, depth: number, quoted?: string): void {
  const stray = { until: 0 };
  const searched = { until: 0 };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (isComment(raw)) continue;
    const logical = scan.oneLineCommands ? { text: raw, end: i } : logicalLine(lines, i, stray);
    if (logical.unread !== undefined) scan.found.leftUnread(logical.unread);
    i = logical.end;
    const line = logical.text.trim();
    if (line === "") continue;
    // In a loop's body, a loop is taken apart within what the enclosing loop's passes leave.
    // Its words expand the variables the script set (`for f in $D/…`); `while read` reads a document or known file.
    const leftUnread = (why: string) => scan.found.leftUnread(why);
    const sources = { expand: (text: string) => state.variables.expand(text), fileText: knownFileText(state) };
    const loop =
      line.startsWith("for") || line.startsWith("while")
        ? forLoop(lines, line, i, searched, leftUnread, state.inLoop, sources)
        : undefined;
    // A loop after other commands on its line that goes on over later lines: the commands run first.
    const mid = loop || line.startsWith("for") ? undefined : midLineLoop(line);
    const later = mid && forLoop(lines, mid.text, i, searched, leftUnread, state.inLoop, sources);
    if (mid && later) scanScript(mid.before, scan, state, depth, quoted ?? line);
    const read = loop ?? later;
    if (read) {
      // A loop on one line is quoted as that line; one over lines, line by line.
      scanLoop(read, scan, state, depth, quoted ?? (read.end === logical.end ? line : undefined));
      // The commands after its `done`, on that line, run after it.
      if (read.after) scanScript(read.after.lines, scan, state, depth, quoted ?? read.after.line);
      i = read.end;
      continue;
    }
    // A loop after other commands on its line (`cd /x; for …`, `while …; do for …`): read command by command.
    const commands = loopLines(lines, line, state.inLoop);
    if (commands) {
      scanScript(commands, scan, state, depth, quoted ?? line);
      continue;
    }
    if (scan.reading.inertFile === undefined && depth === 0) scanCloudInitKeys(raw, line, scan.found);
    const documents = scanCommandLine(state.cases.commands(line), quoted ?? line, scan, state, depth);
    if (!scan.written || scan.oneLineCommands) {
      // Bodies not read here: what they write to a file is unknown.
      for (const { writer } of documents)
        if (writer !== undefined) state.files.document(documentWords(writer), undefined);
      continue;
    }
    for (const { document, files, cut, decode, logged, writer, appended } of documents) {
      const { body, end } = hereDocumentBody(lines, i + 1, document);
      i = end;
      const text = body.join("\n");
      const expanded = document.expands ? state.variables.expand(text, false) : text;
      // A here-document cat or tee writes to files is their text, as the script spells it.
      if (writer !== undefined)
        state.files.document(documentWords(writer), expanded, !document.expands, state.standing);
      // A document a program only logs or mails (`mail … <<EOF`, `cat <<EOF | logger`) configures nothing.
      if (logged) continue;
      const read = decode ? decodedText(expanded, decode, scan.inflateBudget) : expanded;
      if (read === undefined) continue;
      // Read by a scan of its own: a Match block it adds to sshd's configuration is noted here.
      if (files.some(maybeSshdConfigPath) && MATCH.test(read)) state.matchWritten = true;
      scan.written(read, files, scan.found, { appended });
      if (cut) deliverCut(read, cut, scan, { appended });
    }
  }
}

/** The redirections through which a command writes a here-document it reads: cat's own, tee's files; else none. */
function documentWords(writer: ParsedCommand): Word[] {
  return writer.name === "cat" ? writer.words : writer.name === "tee" ? teeWords(writer) : [];
}

/** Reads a loop's body once per word, its variable set to the word; it keeps the last, as the shell leaves it. */
function scanLoop(loop: ForLoop, scan: LineScan, state: ShellState, depth: number, quoted?: string): void {
  const inLoop = state.inLoop;
  // `done > f`: the file is emptied before the first pass, each pass adding to it.
  if (loop.before) scanScript(loop.before, scan, state, depth, quoted);
  state.inLoop = true;
  for (const value of loop.values) {
    state.variables.set(loop.name, value);
    scanScript(loop.body, scan, state, depth, quoted);
  }
  state.inLoop = inLoop;
}

/** A here-document a line opens, and the files its body is written to (decoded, when `decode` is given). */
interface OpenedDocument {
  document: HereDocument;
  files: string[];
  decode?: Decoder;
  /** The command that reads the body, when it writes it as it is. */
  writer?: ParsedCommand;
  /** The body only ends in a log. */
  logged?: boolean;
  /** The files the body is added to (`cat >> f <<EOF`); the others it replaces. */
  appended: string[];
  /** The files it is written to past the bound on files listed (`tee f1 … f40 <<EOF`, see Destinations). */
  cut?: CutFiles;
}

/**
 * Each command of a `a; b && c || d | e` line counts by what it writes; findings quote the whole `line`. Returns the
 * here-documents the line opens, whose bodies follow it.
 */
function scanCommandLine(
  text: string,
  line: string,
  scan: LineScan,
  state: ShellState,
  depth: number,
): OpenedDocument[] {
  // Each command sees the variables set before it, on this line too.
  const written = splitCommands(text);
  const standing: (string | undefined)[] = [];
  const commands = written.map((command) => {
    // Spelt out, not spread: a spread adding a field takes V8's slow path, and this runs for every command.
    const parsed = parseCommand({ text: state.variables.expand(command.text), piped: command.piped });
    state.variables.record(parsed);
    // After `cd /etc/ssh/sshd_config.d`, `rm 00-hardening-kit.conf` names the drop-in.
    if (changesDirectory(parsed.name)) {
      state.directory = changedDirectory(parsed, state.directory, scan.user);
      state.standing = standingDirectory(parsed, state.standing, scan.user);
    }
    standing.push(state.standing);
    return state.directory === undefined ? parsed : fromDirectory(parsed, state.directory);
  });
  const [toConfig, toMainConfig, toMaybeConfig, toAccounts] = pipelinesWriting(commands, WRITTEN_KINDS);
  // Most lines write none of sshd's files: their pipelines are not read again.
  const appendedTo = toMaybeConfig.includes(true) ? pipelinesAppending(commands, maybeSshdConfigPath) : [];
  const destinations = new Destinations(commands);
  if (text.length <= MAX_KEPT_TEXT) lastScan.destinations = destinations;
  // Index -1 is never read: V8 looks it up as a property name, far slower than an element.
  const rewritten = commands.map((parsed, i) => filesRewritten(parsed, i > 0 ? commands[i - 1] : undefined));
  const rewrites = rewritten.map(rewritesMainConfig);
  const documents: OpenedDocument[] = [];
  // Read on the first pipeline that needs it: most lines pipe nothing.
  let putsBackUnseen: boolean[] | undefined;
  // Where the commands of the pipeline so far start, whose files sshd is made to read once it ends (see below): they
  // run up to the current one, so an index stands for the list.
  let pipelineStart = 0;
  const stdoutLogged = scan.outputLogged === true && !state.stdoutCaptured;
  // One for the line, not one per command: it reads the script's files when asked.
  const knownText = knownFileText(state);
  commands.forEach((parsed, i) => {
    const { words, name } = parsed;
    const decoder = decoderOf(parsed);
    // A relative name is read from where a `cd` put the script (`cd /opt && cat > start <<EOF`).
    const fromHere = (files: string[]) => files.map((f) => fromStanding(f, standing[i]));
    const cutFromHere = ({ files, whole }: CutFiles): CutFiles => ({ files: fromHere(files), whole });
    for (const document of hereDocuments(words)) {
      const appended = fromHere(pipelineAppends(commands, i));
      documents.push(
        decoder
          ? {
              document,
              files: fromHere(destinations.output(i)),
              cut: cutFromHere(destinations.outputCut(i)),
              decode: decoder,
              appended,
            }
          : {
              document,
              files: fromHere(destinations.input(i)),
              cut: cutFromHere(destinations.inputCut(i)),
              logged: destinations.readsIntoLog(i, stdoutLogged),
              writer: parsed,
              appended,
            },
      );
    }
    if (decoder) deliverDecoded(commands, i, decoder, destinations, scan);
    // A piped rewrite is reported with the echo feeding it, before that text is read as the new file's.
    if ((rewrites[i] && !parsed.command.piped) || (rewrites[i + 1] && commands[i + 1].command.piped))
      reportRewrite(line, scan.found);
    if (rewrites[i]) scanHereStringsWritten(parsed, destinations.input(i), scan);
    if (rewritten[i].length > 0) state.outside.rewritten(rewritten[i]);
    if (writesRootKeys(parsed, scan.found.isRootKeys, scan.user, standing[i]))
      scan.found.add("root-authorized-keys", line);
    else if (writesRootKeys(parsed, isKeysUnderUnknownHome, scan.user, standing[i]))
      scan.found.add("root-authorized-keys", line, { note: UNKNOWN_HOME_NOTE, unverifiable: true });
    const dropIn = hardenedDropInTakenAway(parsed);
    if (dropIn) reportHardenedDropInTakenAway(dropIn, line, scan.found);
    const pipesOn = commands[i + 1]?.command.piped === true;
    const directory = standing[i];
    const flow = { output: () => destinations.output(i), input: () => destinations.input(i), directory };
    // A filter into a file, or down a pipe, that is a working copy edits sshd's configuration only where the copy is
    // put back; down a pipe, only while no later stage may put it back unseen, which keeps it read where it runs.
    const unseen = pipesOn && (putsBackUnseen ??= laterStagesMayPutBack(commands, standing))[i];
    const byCopies =
      state.copies.takesOver(parsed, flow.output, line, knownText, pipesOn) ||
      (pipesOn && !unseen && state.copies.takesOverPipe(parsed, line, directory, knownText));
    // An inverted grep added after sshd's configuration (`grep -v … sshd_config >> sshd_config`) only deletes from
    // the copy: nothing is taken away.
    const addsOnly = appendedTo[i] !== undefined && destinations.output(i).every(maybeSshdConfigPath);
    // Piped to a stage that may write it anywhere (`| bash`, `| sh -c 'cat > …'`), its output lands where it may.
    const output = unseen ? () => ["-", ...destinations.output(i)] : flow.output;
    if (READ_ONLY.has(name) && !addsOnly && !byCopies) replayInvertedGrep(parsed, output, line, scan, state);
    // A nested script's here-documents are read from its own text, not from the lines after this one. An eval's
    // unquoted variables are read from the command as spelt: their values are split, not parsed, before eval runs.
    const script =
      (name === "eval" ? evalScript(written[i].text, parsed.command.piped, evalVariables(scan, state)) : undefined) ??
      nestedScript(parsed);
    // What a substitution inside a quoted string runs (`logger "done $(sed -i … sshd_config)"`) runs first.
    if (depth < MAX_NESTING) scanQuotedSubstitutions(written[i].text, line, scan, state, depth);
    // Past the depth the script is not read as one (the command is read as its line): what it runs is noted unread.
    if (script !== undefined && depth >= MAX_NESTING && script.trim() !== "")
      scan.found.leftUnread(`a script run by sh -c or eval nested past ${MAX_NESTING} levels`);
    if (script !== undefined && depth < MAX_NESTING) {
      // What the nested script prints goes where the command's output goes.
      const logged = stdoutLogged && destinations.printsToLog(i, true);
      const user = otherUser(parsed) ?? scan.user;
      const nested = { ...scan, outputLogged: logged ? scan.outputLogged : false, user };
      const run = () => scanNested(user === undefined ? script : asUser(script, user), line, nested, state, depth + 1);
      // What its pipe carries stays the command's own, for where the copies follow it after.
      state.copies.keepingPipe(run);
      // A here-string it reads goes where the nested script puts its input, as a here-document's body does (to a
      // program, or where it cannot be followed, the text is read as written).
      if (scan.written && !runsInput(parsed))
        for (const text of hereStrings(words)) {
          const mode = { appended: fromHere(pipelineAppends(commands, i)) };
          scan.written(text, fromHere(destinations.input(i)), scan.found, mode);
          deliverCut(text, cutFromHere(destinations.inputCut(i)), scan, mode);
        }
    } else if (
      !READ_ONLY.has(name) &&
      !deliverPrintedScript(commands, i, scan) &&
      !deliverWritten(commands, destinations, i, scan, { spelt: written[i].text, directory })
    ) {
      const spelt = written[i].text;
      const substitutes = SUBSTITUTION.test(spelt);
      const printsOnly = !state.stdoutCaptured && !destinations.writesAnything(i) && !substitutes;
      const printsToLog = !substitutes && destinations.printsToLog(i, stdoutLogged);
      // One literal, no spread: this runs for nearly every command of every script.
      scanWrites(parsed, {
        line,
        scan,
        state,
        config: toConfig[i],
        mainConfig: toMainConfig[i],
        maybeConfig: toMaybeConfig[i],
        accounts: toAccounts[i],
        printsOnly,
        printsToLog,
        spelt,
        previous: i > 0 ? commands[i - 1] : undefined,
        fromPipe: state.copies.carries(parsed),
        byCopies,
        appendedTo: appendedTo[i],
        directory,
      });
    }
    // What it wrote to a file a later grep may read its patterns from.
    // A tee of text the line spells writes it as `>` would (`>>` for `tee -a`): see teedText.
    const teed = teedText(commands, i);
    if (teed) state.files.document(teed.words, teed.body, teed.literal, directory);
    else state.files.command(parsed, directory);
    const putBack = state.copies.follow(parsed, flow, line, knownText, pipesOn);
    // A working copy put back is the copies' to replay, not text from outside; added after sshd_config through a
    // stage the reader cannot tell, it adds that stage's output, which is.
    const outside = () => ({
      line,
      found: scan.found,
      directory,
      putBack: putBack !== undefined && !(putBack.unknown && appendedTo[i]),
      knownText,
      copiedKnown: (target: string, text: string, append: boolean) =>
        readCopiedText(target, text, append, line, scan, state),
    });
    // Known text copied over sshd's files is read as theirs: its source, and what fed it down the pipe (`cat /tmp/c |
    // tee …`), is no file sshd is made to read.
    if (state.outside.command(commands, i, directory, outside)) pipelineStart = i + 1;
    if (!pipesOn) {
      for (let j = pipelineStart; j <= i; j++) noteFilesSshdReads(commands[j], toMaybeConfig[j], scan.found);
      pipelineStart = i + 1;
    }
    if (putBack && appendedTo[i]) replayAppended(putBack, appendedTo[i], scan, state);
    else if (putBack && replacesAnother(putBack)) replayReplaced(putBack, line, scan, state);
    else if (putBack) replayPutBack(putBack, scan, state);
  });
  return documents;
}

/**
 * A copy of sshd's configuration put back over it: its edits are the file's, each quoting the line that made it, and
 * one whose pattern the script does not set cannot be verified, as on the file itself.
 */
function replayPutBack({ file, edits, unknown }: PutBack, { found }: LineScan, state: ScanState): void {
  const at = found.now();
  if (unknown) {
    const note = (directive: string) =>
      `${unknown.name} in a pipeline from sshd_config back to it may delete the hardened "${directive} no"`;
    reportUnknownDeletion([file], note, { line: unknown.line, found }, at);
  }
  for (const { edit, parsed, line, unknownPatterns } of edits) {
    const asFile = { ...edit, files: [file] };
    if (unknownPatterns !== undefined) reportUnknownPatterns({ files: [file], unknownPatterns }, line, found, at);
    // An inverted grep of a copy (`grep -v "$PAT" /tmp/a > /tmp/b`) is no stream editor: its patterns are read apart.
    if (streamEdit(parsed.name, parsed.args) === undefined)
      reportUnknownGrepPatterns(parsed, asFile, knownFileText(state), { line, found, at });
    else reportUnknownStreamEdit(parsed, asFile, judgedText(parsed, edit), state.stock, { line, found });
    state.stock.edit(edit.script, true, { line, found, at, files: [file] });
  }
}

/**
 * A copy of one of sshd's files put back over another (`cp 50-kit.conf /tmp/a; sed … /tmp/a > /tmp/b; mv /tmp/b
 * sshd_config`): the target's own lines are gone, its Include and hardened lines with them, and the copy's text stands
 * in their place: the hardened lines its origin ships that the copy's edits left, and whatever weak line they wrote
 * (judged as text added, which takes nothing away). No edit is replayed as one of the origin.
 */
function replayReplaced(putBack: PutBack, line: string, scan: LineScan, state: ScanState): void {
  const { file, edits, onto } = putBack;
  const { found } = scan;
  const at = found.now();
  // sshd_config alone holds the Include of the drop-ins: a drop-in replaced keeps it.
  const everyLine = sedScript(isMainSshdConfigPath(onto) ? "d" : "/^Include/!d", "basic");
  state.stock.edit(everyLine, true, { line, found, at, files: [onto] });
  if (edits.length > 0) replayAppended({ ...putBack, file: onto }, [onto], scan, state);
  const scripts = edits.map(({ edit }) => edit.script);
  const surviving = state.stock.survivingHardening(file, scripts);
  const inDropIn = !isMainSshdConfigPath(onto);
  for (const directive of surviving) {
    found.hardened(directive, inDropIn);
    if (!inDropIn) found.setInMain(directive);
  }
}

/**
 * Whether a copy lands on another of sshd's files than its origin, named outright. Put into a folder, onto a glob or
 * a name the reader cannot tell, it is read as an edit of its origin, as before: the file it replaces is not known.
 */
function replacesAnother({ file, onto }: PutBack): boolean {
  return isSshdConfigPath(onto) && !/[*?[$`]/.test(onto) && normalPath(file) !== normalPath(onto);
}

/**
 * A copy of sshd's configuration added after it (`sed … sshd_config | grep -v … | sponge -a sshd_config`): its edits
 * take nothing away, and a stage the reader cannot tell adds text from outside the script, which is not guessed; what
 * the edits make weak is judged as added text (see StockSshdConfig.appended).
 */
function replayAppended({ file, edits }: PutBack, appendedTo: string[], { found }: LineScan, state: ScanState): void {
  const at = found.now();
  for (const { edit, parsed, line } of edits)
    if (streamEdit(parsed.name, parsed.args) !== undefined) {
      const asFile = { ...edit, files: [file] };
      reportUnknownStreamEdit(parsed, asFile, judgedText(parsed, edit), state.stock, { line, found, appended: true });
    }
  const runs = edits.map(({ edit, line }) => ({ script: edit.script, activation: { line, found, at, files: [file] } }));
  state.stock.appended(runs, appendTarget([file], appendedTo, state.matchWritten));
}

/**
 * Text the script spelt, copied onto sshd's or the account files (`cp /tmp/c /etc/ssh/sshd_config`), read as written
 * there, as a here-document written to the file is: a copy over sshd_config itself replaces it (see reportRewrite).
 * False at the nesting limit, where written text is not read.
 */
function readCopiedText(
  target: string,
  text: string,
  append: boolean,
  line: string,
  scan: LineScan,
  state: ScanState,
): boolean {
  if (!scan.written) return false;
  if (!append && isMainSshdConfigPath(target)) reportRewrite(line, scan.found);
  if (maybeSshdConfigPath(target) && MATCH.test(text)) state.matchWritten = true;
  scan.written(text, [target], scan.found, { appended: append ? [target] : [] });
  return true;
}

/** The text the script wrote to a file, when it is known: where `grep -f` reads its patterns. */
function knownFileText(state: ScanState): (path: string) => string | undefined {
  return (path) => state.files.text(path);
}

/** How an eval reads the script's variables: their values, and a bound past which what it adds is noted unread. */
function evalVariables(scan: LineScan, state: ShellState): EvalVariables {
  return { expand: (text) => state.variables.expand(text), leftUnread: (why) => scan.found.leftUnread(why) };
}

/** A script a command runs (`sh -c`, eval): over several lines, read as a script; else as one command line. */
/**
 * The commands of the substitutions inside a command's quoted strings, scanned as nested scripts. Their output goes
 * into the string, which the command itself is read for: as for output to the log, printing it writes nothing. Past
 * the bound on them, the rest is noted unread.
 */
function scanQuotedSubstitutions(spelt: string, line: string, scan: LineScan, state: ShellState, depth: number): void {
  const scripts = quotedSubstitutions(spelt);
  if (scripts === undefined)
    return scan.found.leftUnread(`more than ${MAX_QUOTED_SUBSTITUTIONS} command substitutions inside quotes on a line`);
  for (const script of scripts)
    if (script.trim() !== "") scanNested(script, line, { ...scan, outputLogged: true }, state, depth + 1);
}

function scanNested(script: string, line: string, scan: LineScan, state: ShellState, depth: number): void {
  if (script.includes("\n")) scanScript(physicalLines(script), scan, state, depth, line);
  else scanCommandLine(script, line, scan, state, depth);
}

/**
 * `grep -v '^PasswordAuthentication' sshd_config > /tmp/s` (then moved back): what it keeps out of sshd's
 * configuration is deleted from it, as `sed '/…/d'` deletes it. Printed to the log or a program, it deletes nothing.
 * Patterns from a file the script did not write (`grep -v -f "$PATTERNS"`), or from a variable it does not set
 * (`grep -v "$PAT"`), may delete hardened lines or not.
 */
function replayInvertedGrep(
  parsed: ParsedCommand,
  output: () => string[],
  line: string,
  scan: LineScan,
  state: ScanState,
): void {
  const patternFile = (path: string) => state.files.text(path);
  const grep = invertedGrep(parsed, patternFile);
  // Where its output goes is looked up last: most lines are never followed.
  if (!grep || !grep.files.some(maybeSshdConfigPath) || output().length === 0) return;
  const { found } = scan;
  const at = found.now();
  state.stock.edit(grep.script, true, { line, found, at, files: grep.files });
  if (grep.unknownPatterns !== undefined) reportUnknownPatterns(grep, line, found, at);
  reportUnknownGrepPatterns(parsed, grep, patternFile, { line, found, at });
}

/** The hardened lines the files of a grep ship, which patterns it cannot read may delete: unverifiable. */
function reportUnknownPatterns(
  { files, unknownPatterns }: Pick<InvertedGrep, "files" | "unknownPatterns">,
  line: string,
  found: Findings,
  at: number,
): void {
  const note = (directive: string) =>
    `deletes the lines the patterns in ${unknownPatterns} match, which the script does not write: the hardened "${directive} no" may go with them`;
  reportUnknownDeletion(files, note, { line, found }, at);
}
