// User-data inspection: the case's attacker brute-forced SSH passwords and planted root keys, so any boot script
// that turns password or root login on, sets passwords, or writes root's authorized_keys is a finding.
//
// User data is read the way cloud-init reads it: MIME multi-part documents part by part, `#cloud-config` as YAML
// (falling back to a line scan when it does not parse), anything else as shell, line by line. Text it writes to a
// file is read as that file: a boot script, unit or crontab for the commands it will run as root, sshd's
// configuration for its settings, any other file for its commands only (a script's, daemons too, once the user data
// runs it). Every matcher is linear in its input: user data may be hostile.
import { BoundedMemo } from "./bounded-memo";
import { isAccountsFile, passwordLines } from "./userdata-accounts";
import { BootScriptFormat, bootCommands, bootScriptFormat } from "./userdata-boot-scripts";
import { chargeCopy, copiedFrom, copiesOnlyText, MAX_CAT_PAIRS, refilledBy } from "./userdata-copied-over";
import { removalOf } from "./userdata-emptied-files";
import { isCloudConfig, scanCloudConfig, ScanText, WrittenFile } from "./userdata-cloud-config";
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { Findings, LoginWeakness } from "./userdata-findings";
import { isMultipart, mimeParts } from "./userdata-mime";
import { ScriptsRunLater } from "./userdata-run-later";
import {
  AS_CONFIG,
  AS_WRITTEN,
  inertReading,
  LineScan,
  Reading,
  runReading,
  WriteMode,
  WrittenAs,
} from "./userdata-scan-context";
import { removalTakes } from "./userdata-removed-paths";
import { reportRewrite } from "./userdata-rewrites";
import { hardenedDropInAt, reportHardenedDropInTakenAway } from "./userdata-drop-in";
import { MatchBudget } from "./userdata-sed-regex";
import { scanLines } from "./userdata-shell";
import {
  isInertPath,
  isMainSshdConfigPath,
  isSshdConfigPath,
  maybeSshdConfigPath,
  normalPath,
} from "./userdata-sshd-paths";
import { XinetdAppends } from "./userdata-superserver-appends";
import { superServerOf } from "./userdata-superservers";

export { decodeUserData } from "./userdata-decode";
export { weaknessContext } from "./userdata-findings";
export type { LoginWeakness, LoginWeaknessKind } from "./userdata-findings";

/**
 * Nested documents (MIME parts, write_files contents, runcmd entries, text written to boot scripts) are scanned as
 * what they are to this depth, then as plain lines. Each level may be decoded or inflated; all levels share one
 * scan's inflate budget, so nesting cannot multiply the inflate cap.
 */
const MAX_DEPTH = 4;
/**
 * Times the same text written over sshd_config itself is read again: each rewrite (`cp /tmp/c sshd_config` twice) is
 * undone only by what the text sets after it. Past this, once is enough.
 */
const MAX_MAIN_REREADS = 8;
/** Removals by pattern (`rm -rf /opt`) followed, at most: each is matched against every file kept. */
const MAX_REMOVALS = 64;
/** Why a cat's copy past its budget is unread (see MAX_CAT_PAIRS). */
const PAST_CAT_PAIRS = `a file a cat copied past ${MAX_CAT_PAIRS} (file, target) copies`;

/**
 * Lines of a boot script or cloud-config that weaken login. A sed expression that rewrites a directive counts by
 * what it writes (the replacement), so `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` is safe.
 */
export function findLoginWeaknesses(text: string): readonly LoginWeakness[] {
  if (typeof text !== "string") return [];
  if (text.length > MAX_REMEMBERED_TEXT) return scanScript(text);
  return readScripts.through(text, () => Object.freeze(scanScript(text).map((w) => Object.freeze(w))));
}

/**
 * A stack repeats one boot script on every instance a component or launch template makes, so each distinct text is
 * read once; the reading depends on the text alone (its budgets count work, not time). Results are frozen, as every
 * caller shares them. Longer texts are read each time, so hostile ones cannot hold memory.
 */
const readScripts = new BoundedMemo<string, readonly LoginWeakness[]>(256);
const MAX_REMEMBERED_TEXT = 64 * 1024;

function scanScript(text: string): LoginWeakness[] {
  const found = new Findings();
  const scan = new Scan();
  scan.userData(scan.inflatedWhole(text) ?? text, found, 0, AS_CONFIG, false);
  scan.finish();
  // What the reader did not read it cannot clear: gzip past its caps, or layers past its depth, may hold any weakness.
  if (scan.unread !== undefined) found.leftUnread(scan.unread);
  return found.weaknesses();
}

/** Base64 of gzip ("H4sI" is 1f 8b 08): user data decodeUserData could not inflate arrives as the base64 it is. */
const GZIP_BASE64 = /^\s*H4sI/;

/**
 * One findLoginWeaknesses call: the inflate and sed-matching budgets its nested scans share, and the written texts
 * it has read.
 */
class Scan {
  private readonly budget = new InflateBudget();
  private readonly matchBudget = new MatchBudget();
  /**
   * Readings done, by text, and how often: the same text written to several files (or reached along several paths)
   * is read once per reading (over sshd_config itself a few times, see MAX_MAIN_REREADS), so nesting cannot multiply
   * the work.
   */
  private readonly read = new Map<string, Map<string, number>>();
  /** Texts written to files that are no scripts by their look, read as scripts once the user data runs them. */
  private readonly runLater = new ScriptsRunLater((why) => this.noteCapReached(why));
  /** The xinetd files written a line at a time. */
  private readonly xinetd = new XinetdAppends();
  /** The texts kept for a file (by keptId) read as a boot-time file's commands, with that file. */
  private readonly bootCopies = new Set<string>();
  /** Removals by pattern followed so far. */
  private removals = 0;
  /** (file, target) pairs of cat copies past their budget looked at: bounded too, past which they are unread whole. */
  private pairsNotFollowed = 0;
  /** The files the last write, a cat's copy, fills after its `>` empties them (see CopyMode.refills). */
  private refilled: readonly string[] | undefined;

  /** The first nested text not followed at the nesting limit, and where it was. */
  private limitReached?: string;
  private readonly notePastLimit = (what: string): void => {
    this.limitReached ??= `${what} nested past ${MAX_DEPTH} layers`;
  };

  /**
   * Why some content was left unread: gzip past the caps of userdata-decode.ts, a nested text past the nesting
   * limit, or text a file that runs holds past the bounds on what is kept; undefined when the scan read everything.
   */
  get unread(): string | undefined {
    return this.budget.unread ?? this.limitReached ?? this.capReached;
  }

  /** The first content a bound of the reader's own dropped where it runs or matters (see ScriptsRunLater). */
  private capReached?: string;
  private noteCapReached(why: string): void {
    this.capReached ??= why;
  }

  /**
   * The text inflated, when it is gzip+base64 (decodeUserData leaves such user data as it is past the cap, and a
   * caller may hand it over undecoded), within the scan's budget, which notes why it stays unread when it does.
   */
  inflatedWhole(text: string): string | undefined {
    const bytes = GZIP_BASE64.test(text) ? base64Bytes(text) : undefined;
    return bytes && textOf(bytes, this.budget);
  }

  /** The user data is read: the files run after it, and xinetd lines left unfinished, are read as it leaves them. */
  finish(): void {
    this.runLater.finish();
    this.xinetd.finish();
  }

  /**
   * `filesWritten`: for runcmd, the files bootcmd and write_files wrote before it with text the reader knows, and that
   * text; `filesLeft`: for bootcmd, filled with the files it leaves so.
   */
  userData(
    text: string,
    found: Findings,
    depth: number,
    reading: Reading,
    cloudConfig: boolean,
    filesWritten?: Map<string, string>,
    filesLeft?: Map<string, string>,
  ): void {
    // Before any line is read: a key file may be written before sshd is told to read it.
    found.keysFilesNamedIn(text);
    const matchBudget = this.matchBudget;
    if (depth >= MAX_DEPTH) {
      // Read as lines: parts and a cloud-config's keys are not followed, and what they may hold is not read.
      if (isMultipart(text)) this.notePastLimit("MIME parts");
      else if (cloudConfig || isCloudConfig(text)) this.notePastLimit("a cloud-config");
      const pastLimit = this.notePastLimit;
      return scanLines(text, { found, reading, matchBudget, filesWritten, filesLeft, pastLimit });
    }
    const parts = mimeParts(text, this.budget);
    if (parts) {
      for (const part of parts)
        this.userData(part.text, found, depth + 1, AS_CONFIG, part.contentType === "text/cloud-config");
      return;
    }
    const nested: ScanText = (inner, file, written, left) =>
      file
        ? this.writtenFile(inner, file, found, depth + 1)
        : this.userData(inner, found, depth + 1, AS_CONFIG, false, written, left);
    if ((cloudConfig || isCloudConfig(text)) && scanCloudConfig(text, found, nested, this.budget)) return;
    scanLines(text, this.lineScan(found, reading, depth, { filesWritten, filesLeft }));
  }

  /**
   * A write_files entry, read as its path makes it. A path that is absent or templated may be anything, so its
   * settings count; a file that is neither sshd's configuration nor a boot script counts for its commands only (it
   * may be a script run later), its settings only if the user data makes sshd read it.
   */
  private writtenFile(content: string, { path, append }: WrittenFile, found: Findings, depth: number): void {
    if (path !== undefined && !append && isMainSshdConfigPath(path)) reportRewrite(`write_files: ${path}`, found);
    // Written whole over a hardened drop-in, its content replaces the settings: read after, it may set them again.
    const dropIn = path === undefined || append ? undefined : hardenedDropInAt(path);
    if (dropIn) reportHardenedDropInTakenAway(dropIn, `write_files: ${path}`, found);
    if (path === undefined || !/^\/(?!.*\{[{%])/.test(path))
      return this.userData(content, found, depth, AS_WRITTEN, false);
    const format = bootScriptFormat(path);
    if (format) return this.bootScript(content, format, found.writtenTo(path), depth);
    const reading = isSshdConfigPath(path)
      ? sshdConfigReading([path])
      : maybeSshdConfigPath(path)
        ? AS_WRITTEN
        : inertReading(path, content);
    this.userData(content, found, depth, reading, false);
    if (reading.inertFile !== undefined)
      this.followInert(content, path, reading, found, { appended: append, endsMidLine: false }, (text, asRun) =>
        this.userData(text, found, depth, asRun, false),
      );
  }

  /**
   * Text a command writes (a here-document's body, an echo's output) to `files`, or to a program when none. A file
   * named outright that sshd does not read is read as write_files reads it: its settings count if sshd is made to
   * read it.
   */
  private written(text: string, files: string[], found: Findings, depth: number, mode?: WriteMode): void {
    const asScript = (read: string, asRun: Reading) => scanLines(read, this.lineScan(found, asRun, depth));
    // A cat that copies into a file with `>` is handed next the emptying its `>` makes, as a command filling the file
    // with text the reader does not know: that emptying came before the copy (see CopyMode.refills). Any other write
    // handed after the copy ends the wait.
    const refilled = this.refilled;
    this.refilled = undefined;
    const removal = removalOf(mode);
    if (removal !== undefined) {
      for (const pattern of files) this.removed(pattern, removal.recursive);
      return;
    }
    if (mode?.followOnly) {
      const from = copiedFrom(mode);
      // A copy that changes nothing unless its source holds text (a cat's file added after another), and none kept
      // or spelt: nothing to follow. One that does, as far as its command's budget goes.
      const skipped = from !== undefined && copiesOnlyText(mode) && text === "" && !this.runLater.holds(from);
      if (skipped || !chargeCopy(mode, files.length)) {
        if (!skipped) this.copyNotFollowed(text, from, files, mode);
        this.refilled = refilledBy(mode);
        return;
      }
      for (const file of files) {
        const format = bootScriptFormat(file);
        // A file copied into a boot-time folder (`cp /tmp/a /etc/cron.daily/`) runs what is kept for its source.
        if (format !== undefined && from !== undefined) this.bootCopy(from, file, format, found, depth);
        else if (format !== undefined || !isInertPath(file)) continue;
        else if (from === undefined && text === "" && refilled?.includes(file)) continue;
        else if (from === undefined || !this.copyKept(from, file, found, writtenAs(file, mode), asScript))
          this.followInert(text, file, inertReading(file, text), found, writtenAs(file, mode), asScript);
      }
      this.refilled = refilledBy(mode);
      return;
    }
    const byFormat = new Map<BootScriptFormat, string[]>();
    const others: string[] = [];
    for (const file of files) {
      if (isAccountsFile(file)) for (const line of passwordLines(text)) found.add("password-set", line);
      const format = bootScriptFormat(file);
      if (format) byFormat.set(format, [...(byFormat.get(format) ?? []), file]);
      else if (isInertPath(file)) {
        const reading = inertReading(file, text);
        const as = writtenAs(file, mode);
        // A piece that completes a line left open is read with its start, not alone (half a password shown).
        const read = (as.appended ? this.runLater.continuedLine(file, text) : undefined) ?? text;
        this.once(read, `inert ${file}`, () => scanLines(read, this.lineScan(found, reading, depth)));
        this.followInert(text, file, reading, found, as, asScript);
      } else others.push(file);
    }
    for (const [format, paths] of byFormat) this.bootScript(text, format, found.writtenTo(paths.join(", ")), depth);
    if (files.length > 0 && others.length === 0) return;
    const reading = others.length > 0 && others.every(isSshdConfigPath) ? sshdConfigReading(others) : AS_WRITTEN;
    const times = reading.sshdFile === "main" ? MAX_MAIN_REREADS : 1;
    this.once(text, reading.sshdFile ?? "file", () => scanLines(text, this.lineScan(found, reading, depth)), times);
  }

  /**
   * Text written to a file sshd does not read, beyond its own reading: read with what an xinetd file held before (or
   * in its place), and read again (by `readAs`) as a script once the user data runs the file, when it is none by its
   * look.
   */
  private followInert(
    text: string,
    file: string,
    reading: Reading,
    found: Findings,
    as: WrittenAs,
    readAs: (text: string, asRun: Reading) => void,
  ): void {
    this.xinetd.wrote(file, text, found, as);
    // A script by its look is read as one already; written in place of a file, it still drops what that held.
    if (reading.scriptFile) {
      if (!as.appended) this.runLater.replaced(file);
    } else
      this.runLater.wrote(
        file,
        text,
        (read) => this.once(read, `run ${file}`, () => readAs(read, runReading(file))),
        as,
      );
  }

  /**
   * `from` copied onto `to`: `to` holds the texts kept for `from` (all the writes the script made there, not only
   * those it spelt out), run later from `to`, and read anew there by xinetd. False when nothing is kept for `from`.
   */
  private copyKept(
    from: string,
    to: string,
    found: Findings,
    as: WrittenAs,
    readAs: (text: string, asRun: Reading) => void,
  ): boolean {
    const readAsScript = (read: string) => this.once(read, `run ${to}`, () => readAs(read, runReading(to)));
    const kept = this.runLater.copied(from, to, readAsScript, as.appended);
    if (kept === undefined) return false;
    // Text a bound dropped, now `to`'s: running `to` reports it unread.
    if (kept === "dropped") return true;
    if (superServerOf(to) === "xinetd") {
      const { text, endsMidLine } = kept();
      this.xinetd.wrote(to, text, found, { appended: as.appended, endsMidLine });
    }
    return true;
  }

  /**
   * A copy past its command's budget (see chargeCopy) is not followed: when its source holds text (spelt, kept, or
   * dropped before), a boot-time or superserver file it lands on is noted unread now, any other file kept to be run
   * as holding text dropped (running it notes it). A copy of nothing changes nothing the reader follows.
   */
  private copyNotFollowed(text: string, from: string | undefined, files: string[], mode: WriteMode): void {
    if (text === "" && (from === undefined || (!this.runLater.holds(from) && !this.runLater.holdsDropped(from))))
      return;
    // Each source of a cat names every target again: looking at each pair would be quadratic in the command.
    this.pairsNotFollowed += files.length;
    if (this.pairsNotFollowed > MAX_CAT_PAIRS) return this.noteCapReached(PAST_CAT_PAIRS);
    for (const file of files)
      if (bootScriptFormat(file) !== undefined || superServerOf(file) !== undefined)
        this.noteCapReached(PAST_CAT_PAIRS);
      else if (!isInertPath(file)) continue;
      // The same file added again (`cat /tmp/a /tmp/a … > /opt/start`) reads nothing new.
      else if (from === undefined || !writtenAs(file, mode).appended || !this.runLater.addsNothing(from, file))
        this.runLater.lost(file, PAST_CAT_PAIRS);
  }

  /**
   * `from` copied onto a boot-time file: what is kept for `from` is read as the commands that file runs, once for
   * each file it is copied to (the same text copied there again reads nothing new, and is not joined again).
   */
  private bootCopy(from: string, to: string, format: BootScriptFormat, found: Findings, depth: number): void {
    const id = this.runLater.keptId(from);
    const key = `${id} ${normalPath(to)}`;
    // Nothing kept: keptText notes what a bound dropped of it, which the boot-time file runs.
    if (id === undefined) return void this.runLater.keptText(from);
    if (this.bootCopies.has(key)) return;
    this.bootCopies.add(key);
    const kept = this.runLater.keptText(from);
    if (kept !== undefined) this.bootScript(kept, format, found.writtenTo(to), depth);
  }

  /** Files a removal by `pattern` takes away (with what is under its folders, `recursive`) hold no text kept. */
  private removed(pattern: string, recursive: boolean): void {
    if (++this.removals > MAX_REMOVALS) return;
    const takes = (path: string) => removalTakes(pattern, recursive, path);
    this.runLater.removedWhere(takes);
    this.xinetd.removedWhere(takes);
  }

  /** A boot-time file: its commands scanned as shell, quoted with where they were written. */
  private bootScript(text: string, format: BootScriptFormat, found: Findings, depth: number): void {
    this.once(text, format, () => {
      if (format === "cloud-config") this.userData(text, found, depth, AS_CONFIG, true);
      else {
        const scan = this.lineScan(found, AS_WRITTEN, depth, { oneLineCommands: format !== "shell" });
        scanLines(bootCommands(format, text), scan);
      }
    });
  }

  /**
   * `extra`'s fields are written into the one literal: a spread adding fields after another (`{ ...scan, more }`)
   * takes V8's slow path, about a microsecond each time.
   */
  private lineScan(
    found: Findings,
    reading: Reading,
    depth: number,
    extra?: Pick<LineScan, "filesWritten" | "filesLeft" | "oneLineCommands">,
  ): LineScan {
    const deeper = depth + 1 < MAX_DEPTH;
    return {
      found,
      reading,
      matchBudget: this.matchBudget,
      inflateBudget: this.budget,
      outputLogged: reading === AS_CONFIG && found.via === undefined,
      written: deeper ? (text, files, view, mode) => this.written(text, files, view, depth + 1, mode) : undefined,
      pastLimit: deeper ? undefined : this.notePastLimit,
      ran: (file, later) => this.runLater.ran(file, later),
      oneLineCommands: extra?.oneLineCommands,
      filesWritten: extra?.filesWritten,
      filesLeft: extra?.filesLeft,
      // Present, so that a nested script's `{ ...scan, outputLogged, user }` only overwrites fields (the fast path).
      user: undefined,
    };
  }

  /** Scans text for a reading unless it was read so `times` already. */
  private once(text: string, reading: string, scan: () => void, times = 1): void {
    const done = this.read.get(text) ?? new Map<string, number>();
    const count = done.get(reading) ?? 0;
    if (count >= times) return;
    done.set(reading, count + 1);
    this.read.set(text, done);
    scan();
  }
}

/** The files each write adds to, by path: looked up once per file, however many files a write names. */
const appendedPaths = new WeakMap<WriteMode, Set<string>>();

/** How a command writes `file`: as its mode says, or added to it, in whole lines, when the writer does not say. */
function writtenAs(file: string, mode: WriteMode | undefined): WrittenAs {
  if (mode === undefined) return { appended: true, endsMidLine: false };
  let appended = appendedPaths.get(mode);
  if (appended === undefined) appendedPaths.set(mode, (appended = new Set(mode.appended.map(normalPath))));
  return { appended: appended.has(normalPath(file)), endsMidLine: mode.endsMidLine === true };
}

/** Text written to sshd's configuration: to sshd_config itself when every file it goes to is that. */
function sshdConfigReading(files: string[]): Reading {
  return { sshdConfig: true, sshdFile: files.every(isMainSshdConfigPath) ? "main" : "drop-in" };
}
