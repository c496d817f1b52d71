// The Windows reader: what a PowerShell or batch script does to login, as the shell reader's findings say it — a
// password spelled in the script (windows-passwords.ts) or for auto-logon (windows-autologon.ts), sshd's password
// login turned or left on (windows-sshd.ts), keys planted for administrators (windows-authorized-keys.ts), RDP,
// WinRM or Telnet Server opened to password guessing or clear-text passwords (windows-remote-logins.ts). Scripts a
// statement runs or writes (`powershell -Command`/`-EncodedCommand`, `cmd /c`, Invoke-Expression, a .ps1, .cmd or .bat
// written) are read as scripts of their own with the same readers (windows-nested-scripts.ts), to a bounded depth.
// Statements are read in order, once each, and each statement's reading is linear: scripts may be hostile.
import { LoginWeakness } from "./userdata-findings";
import { WindowsAuthorizedKeys } from "./windows-authorized-keys";
import { WindowsAutologon } from "./windows-autologon";
import { passwordSource } from "./windows-passwords";
import { WindowsRemoteLogins } from "./windows-remote-logins";
import { NestingBudget, nestedScripts } from "./windows-nested-scripts";
import { maskPasswordsOfEitherLanguage, maskWindowsPasswords } from "./windows-password-masks";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { WindowsSshd } from "./windows-sshd";
import { assignStatement, withStatementAssignments } from "./windows-statement-variables";
import { windowsStatements } from "./windows-statements";
import { WindowsVariables } from "./windows-variables";
import { ScriptProcess } from "./windows-working-directory";
import { endsCommand, windowsWords } from "./windows-words";
import { WrittenFileVariables } from "./windows-written-files";
import { withoutUnknownMarks } from "./windows-unknown-values";

const OUTSIDE_PASSWORD = "the password comes from outside the script";
/** How deep scripts run or written by scripts are read, and how much text they may add to the reading in all. */
const MAX_NESTING = 3;
const NESTED_TEXT_BUDGET = 1 << 20;
const PAST_NESTING = `scripts run by scripts more than ${MAX_NESTING} levels deep`;

/** Reads one statement of a script, the words given to scripts it runs or writes left out (see `readScripts`). */
type StatementReader = (
  statement: string,
  words: string[],
  language: WindowsLanguage,
  variables: WindowsVariables,
  process?: ScriptProcess,
) => void;

/**
 * The weaknesses of Windows scripts that run one after another on one machine, each line reported once. `onNested`
 * is shown each script a statement runs or writes as it is read (secret masking must know the text decoded).
 */
export function findWindowsLoginWeaknesses(
  scripts: readonly WindowsScript[],
  onNested?: (script: WindowsScript) => void,
): LoginWeakness[] {
  const found = new Map<string, LoginWeakness>();
  // Keyed by the line as written, quoted with its passwords masked: two lines differing in a password stay two.
  // A weakness the readers below find carries no language: its line is masked as either would read it.
  const add = (weakness: LoginWeakness, language?: WindowsLanguage) => {
    const line = withoutUnknownMarks(weakness.line);
    const key = `${weakness.kind}\n${line}\n${weakness.unverifiable ?? false}`;
    if (found.has(key)) return;
    // Masked with its unknown values marked: a reference handed from another language (`$pw` given to cmd) is no
    // password, while the same text spelled in batch is one.
    const marked = weakness.line;
    const masked =
      language === undefined ? maskPasswordsOfEitherLanguage(marked) : maskWindowsPasswords(marked, language);
    found.set(key, { ...weakness, line: withoutUnknownMarks(masked) });
  };
  // sshd's state spans the scripts: one may install the server and a later one harden it.
  const sshd = new WindowsSshd();
  const keys = new WindowsAuthorizedKeys();
  const autologon = new WindowsAutologon();
  const remoteLogins = new WindowsRemoteLogins();
  const readStatement: StatementReader = (statement, words, language, variables, process) => {
    const line = statement.split("\n")[0].trim();
    const source = passwordSource(statement, words, variables);
    if (source === "literal") add({ kind: "password-set", line }, language);
    else if (source === "outside")
      add({ kind: "password-set", line, note: OUTSIDE_PASSWORD, unverifiable: true }, language);
    sshd.read(statement, words, variables, process);
    keys.read(statement, words, variables, language, process);
    autologon.read(statement, words, variables);
    remoteLogins.read(statement, words, variables);
  };
  const unread = readScripts(scripts, onNested, readStatement, (task) => sshd.startedByTask(task)) ?? keys.unread();
  const weaknesses = [
    ...sshd.weaknesses(),
    ...keys.weaknesses(),
    ...autologon.weaknesses(),
    ...remoteLogins.weaknesses(),
  ];
  for (const weakness of weaknesses) add(weakness);
  // What the bounds kept the reader from reading may weaken login: one weakness, the first reason its line.
  if (unread !== undefined) found.set("unread-content", { kind: "unread-content", line: unread });
  return [...found.values()];
}

/**
 * Shows `onNested` each script a statement of `scripts` runs or writes, as `findWindowsLoginWeaknesses` does, without
 * its readers' checks of each statement (secret masking needs only the scripts). The same scripts in the same order:
 * those readers only read the statement, its words and the variables, and keep what they find to themselves, so
 * nothing the nesting depends on (variables, budget, written files) sees whether they ran.
 */
export function windowsNestedScripts(
  scripts: readonly WindowsScript[],
  onNested: (script: WindowsScript) => void,
): void {
  readScripts(scripts, onNested);
}

/**
 * Reads `scripts` statement by statement, handing each to `readStatement` (when given), and the scripts its
 * statements run or writes to `onNested`, reading those in turn. `onTask` is told of a script's scheduled task first.
 * Returns why the first content the bounds kept from the reading was left unread, if any was.
 */
function readScripts(
  scripts: readonly WindowsScript[],
  onNested?: (script: WindowsScript) => void,
  readStatement?: StatementReader,
  onTask?: (task: string) => void,
): string | undefined {
  // The scripts a statement runs or writes (windows-nested-scripts.ts) are read as if written in its place, a few
  // levels deep and within a budget, so that hostile nesting stays linear.
  const budget = new NestingBudget(NESTED_TEXT_BUDGET);
  const writtenFiles = new WrittenFileVariables();
  const readScript = (
    text: string,
    language: WindowsLanguage,
    variables: WindowsVariables,
    depth: number,
    process?: ScriptProcess,
  ) => {
    for (const statement of windowsStatements(text, language)) {
      const handles = new Set<number>();
      const words = windowsWords(statement, language, handles);
      const inner = nestedScripts(words, language, variables, budget, handles);
      // Past the nesting limit, a script the statement runs is not read: the statement is read as written, and what
      // it runs is unread.
      if (depth >= MAX_NESTING && inner.scripts.length > 0) budget.leaveUnread(PAST_NESTING);
      const nested = depth < MAX_NESTING ? inner : undefined;
      // The words given to an inner script are read there, quoted as its lines, not again as the statement's.
      const own = nested?.rest ?? words;
      // The words the statement's own reading followed, for where a process it starts stands (ScriptProcess).
      let followed: string[] | undefined;
      if (readStatement !== undefined) {
        if (own === words) readStatement(statement, (followed = words), language, variables, process);
        else if (own.length > 0) readStatement(ownCommands(own), (followed = own), language, variables, process);
      }
      let caller: WindowsVariables | undefined;
      for (const inner of nested?.scripts ?? []) {
        // Text in the same language sees the variables (expanded before it runs, or set in the same session); a
        // file written in another one sees what its earlier lines set (windows-written-files.ts). So does a
        // PowerShell file (its `$name` is the text written, the writer's own already expanded) or one partly
        // unknown, falling back to the writer's values, the statement's own included: run with `&`, `.` or by its
        // path it sees them, and even where it runs in a new process (`-File`) a value the writer spelled is text
        // of the user data reaching the file's command. The reader cannot tell how it runs, so it takes the reading
        // that reports such a password.
        const file = inner.file;
        const ownFile = file !== undefined && (language === "powershell" || file.partlyUnknown === true);
        let innerVariables = variables;
        if (inner.language !== language) innerVariables = writtenFiles.of(inner);
        else if (ownFile) {
          caller ??= withStatementAssignments(variables, words, language);
          innerVariables = writtenFiles.of(inner).seeing(caller);
        }
        onNested?.(inner);
        readScript(
          inner.text,
          inner.language,
          innerVariables,
          depth + 1,
          innerProcess(inner, process ?? variables, followed),
        );
      }
      assignStatement(variables, statement, words, language);
    }
  };
  for (const { language, text, task } of scripts) {
    if (task !== undefined) onTask?.(task);
    readScript(text, language, new WindowsVariables(language), 0);
  }
  return budget.unread;
}

/**
 * The process a script a statement runs or writes runs in: a process of its own for `powershell -Command`, `cmd /c`
 * and the like, started where the caller (`caller`, its place's key) stands at the command, or elsewhere; its
 * caller's for what runs in the caller's runspace (Invoke-Expression); none known for a file written, which runs
 * later in a way the reader cannot tell, and stands on its own as before.
 */
function innerProcess(inner: WindowsScript, caller: object, followed?: readonly string[]): ScriptProcess | undefined {
  if (inner.file !== undefined) return undefined;
  if (inner.process === undefined) return caller instanceof ScriptProcess ? caller : undefined;
  const { at, folder } = inner.process;
  return new ScriptProcess(folder === "unknown" ? "unknown" : { caller, words: followed, at });
}

/** The words a statement keeps for its own reading, as its text: operators left at either end belong to no command. */
function ownCommands(own: string[]): string {
  let from = 0;
  let to = own.length;
  while (from < to && endsCommand(own[from])) from++;
  while (to > from && endsCommand(own[to - 1])) to--;
  return own.slice(from, to).join(" ");
}
