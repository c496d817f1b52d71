// What a line scan is given and what it carries from line to line: how the text counts (sshd's configuration, a
// file sshd does not read, any file), where findings go and the budgets nested reads share, and the state earlier
// lines leave (a Match block, the stock sshd_config lines as edited, the script's variables).
import { CaseArms } from "./userdata-case-arms";
import { Findings } from "./userdata-findings";
import { InflateBudget } from "./userdata-decode";
import { KnownFiles } from "./userdata-known-files";
import { MatchBudget } from "./userdata-sed-regex";
import { StockSshdConfig } from "./userdata-uncomment";
import { ShellVariables } from "./userdata-variables";
import { WorkingCopies } from "./userdata-working-copies";
import { WorkingDirectory } from "./userdata-working-directory";

/** How scanned text counts, as the file it was written to tells. */
export interface Reading {
  /** The text is (or may be taken for) sshd's configuration: its AuthenticationMethods lines count. */
  sshdConfig: boolean;
  /** The file holding the text, which sshd does not read: its setting lines count only if sshd is made to read it. */
  inertFile?: string;
  /**
   * That file is a script (a `#!` line first, named `.sh`, or run by the user data): the commands in it are run, not
   * configuration.
   */
  scriptFile?: boolean;
  /** The text is written to sshd_config itself (read whatever becomes of the drop-ins) or to a drop-in. */
  sshdFile?: "main" | "drop-in";
}

/** User data itself, and text that may be sshd_config: every line counts, AuthenticationMethods included. */
export const AS_CONFIG: Reading = { sshdConfig: true };
/** Text written to a file that runs later or that may be anything: its settings count, its AuthenticationMethods not. */
export const AS_WRITTEN: Reading = { sshdConfig: false };

const SCRIPT_NAME = /\.(?:sh|bash|ksh|zsh)$/;

/** How text written to `file`, which sshd does not read, counts: as a script's commands when it is one. */
export function inertReading(file: string, text: string): Reading {
  return { sshdConfig: false, inertFile: file, scriptFile: text.startsWith("#!") || SCRIPT_NAME.test(file) };
}

/** How text written to `file` counts once the user data runs the file: as a script's commands, whatever its name. */
export function runReading(file: string): Reading {
  return { sshdConfig: false, inertFile: file, scriptFile: true };
}

/**
 * Scans text written to `files` (none: a program reads it) by what they are: a boot script for the commands it
 * runs, sshd's configuration, any file. Undefined at the nesting limit, where such text is read inline, as lines.
 */
export type ScanWritten = (text: string, files: string[], found: Findings, mode?: WriteMode) => void;

/**
 * How a command writes its text, where a later reading of the file needs it: the files among those written that it
 * adds to (`>>`, `tee -a`, write_files `append: true`), the others replaced; and whether it ends inside a line
 * (printf with no last `\n`), so that text added next continues that line. Not given: added, whole lines.
 */
export interface WriteMode {
  appended: readonly string[];
  endsMidLine?: boolean;
  /**
   * The files are named through the script's variables (`> "$F"`): the command is read as its line, and the text only
   * followed to where the files are run or read by xinetd, as the variables' last values name them.
   */
  followOnly?: boolean;
}

/** How a text is written to one file: added to what it held or replacing it, and whether it ends inside a line. */
export interface WrittenAs {
  appended: boolean;
  endsMidLine: boolean;
}

/**
 * Notes that a command runs `file` as a script: `later` when it runs after the user data (from a unit, a crontab, a
 * script written for later), so text written there afterwards runs too. See ScriptsRunLater.
 */
export type NoteRun = (file: string, later: boolean) => void;

export interface LineScan {
  found: Findings;
  reading: Reading;
  /** What the scan may still spend simulating sed edits on sshd_config's stock lines. */
  matchBudget: MatchBudget;
  written?: ScanWritten;
  /** Notes the files the text runs, when the scan follows them. */
  ran?: NoteRun;
  /** Each line is a whole command (a crontab's, a unit's Exec): no here-document body follows one. */
  oneLineCommands?: boolean;
  /** What the scan may still inflate of gzip a script decodes as it runs. */
  inflateBudget?: InflateBudget;
  /**
   * At the nesting limit (where `written` is undefined): notes a nested text the scan does not follow (`what`: "a
   * script decoded"), so that what it may hold is reported as unread rather than passed over.
   */
  pastLimit?: (what: string) => void;
  /**
   * The text is the script being run (user data, a run command, a build step), whose output goes to a log; not a
   * file written for later, whose caller may send its output anywhere.
   */
  outputLogged?: boolean;
  /** The account other than root the text runs as (`su - ops -c '…'`): its `~` is not root's home. */
  user?: string;
  /**
   * Files the user data wrote before the text runs, with text the reader knows (cloud-config's write_files, for its
   * runcmd), by path, with that text: copied into place, they bring no text from outside the script, and their text
   * is read as the file's they are copied onto. The scan forgets the files it writes over with text from outside.
   */
  filesWritten?: Map<string, string>;
  /**
   * Filled at the scan's end with the files the text left holding text the reader knows, by path (cloud-config's
   * bootcmd, for the write_files and runcmd after it): those it was given and still holds, and those it spelt.
   */
  filesLeft?: Map<string, string>;
}

/** Where a scan is in the text it reads. */
export interface ScanState {
  /** Inside an sshd Match block. */
  inMatch: boolean;
  /**
   * A Match line was written, `Match all` too: text added after sshd's configuration may land in a Match block, whose
   * values override the global ones for the connections it matches.
   */
  matchWritten: boolean;
  /** The stock sshd_config lines, as the script's sed commands so far left them. */
  stock: StockSshdConfig;
  /** The variables the script has set so far. */
  variables: ShellVariables;
  /** The files the script has written with text it spells out (a grep's -f patterns). */
  files: KnownFiles;
  /** Copies of sshd's configuration the script edits, to be replayed when put back. */
  copies: WorkingCopies;
  /**
   * The script may send a command's output somewhere this line does not say: `exec > file`, `{ …; } > file`, a
   * function called with a redirection. A stream editor that prints is then read as writing.
   */
  stdoutCaptured: boolean;
  /** The `case` blocks around the line, whose arms' patterns are compared, not run. */
  cases: CaseArms;
  /** Inside a loop read once per word: a loop within it is read line by line, so passes do not multiply. */
  inLoop: boolean;
  /** Where a `cd` put the script, when it is a directory the checks follow: relative names are read from it. */
  directory?: WorkingDirectory;
  /** Where a `cd` put the script, any directory it names outright: a working copy's relative name is read from it. */
  standing?: string;
}
