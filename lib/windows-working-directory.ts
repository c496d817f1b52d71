// Where a Windows script stands when it writes a file by a relative name (`Add-Content sshd_config …`): the folder its
// top-level `Set-Location`/`cd`/`sl`/`chdir`, `Push-Location`/`pushd` and `Pop-Location`/`popd` (batch's `cd`,
// `cd /d`, `pushd`, `popd`) set it to, where that is a path spelt out or held by a variable the script set to one.
// Unknown at the script's start, and wherever it is set to what the reader cannot know (a variable from outside, a
// wildcard, a command inside a block or a group that may or may not run): the caller decides what unknown means.
// Each script (each WindowsVariables) stands on its own, and so does each process a script starts (ScriptProcess:
// `powershell -Command`, `cmd /c`, Start-Process): a child's moves are its own, never its caller's, and it starts where
// its caller stands. What runs in the caller's runspace (Invoke-Expression, a block run with `&` or `.`) moves the
// caller, as PowerShell keeps one location per runspace: such a block surely runs, unlike an `if`'s.
// One pass over a statement's words, and a folder's path is kept to a bounded length, so that a hostile script moving
// many times stays linear.
import { commandName } from "./windows-commands";
import { hasUnknownValue } from "./windows-unknown-values";
import { WindowsVariables } from "./windows-variables";
import { endsCommand, unquoted } from "./windows-words";

/** A folder's path, its `.` and `..` steps taken and separators made `\`; undefined where unknown. */
export type Folder = string | undefined;

/** A path past this length is not followed (Windows paths are at most 260 characters, long ones 32,767). */
const MAX_FOLDER = 1024;
const SETTERS = new Set(["set-location", "cd", "sl", "chdir"]);
const PUSHERS = new Set(["push-location", "pushd"]);
const POPPERS = new Set(["pop-location", "popd"]);
/** PowerShell's names, which cmd does not know. */
const POWERSHELL_ONLY = new Set(["set-location", "sl", "push-location", "pop-location"]);
/** cmd's `cd..` and `cd\`, the path glued to the command. */
const GLUED_CD = /^(?:cd|chdir)([.\\/].*)$/i;
/** The start of an absolute path: a drive's root, a share, or a folder the environment names. */
const ROOT = /^(?:([A-Za-z]:)[\\/]|([\\/]{2}[^\\/]+)|(\$env:\w+|\$\{env:[^{}]+\}|%[^%\s]+%)(?=[\\/]|$))/i;
/** What the reader cannot follow in a path: variables, wildcards, a provider (`HKLM:`), values marked unknown. */
const UNFOLLOWED = /[$%!`*?[\]:\uE000\uE001]/;
/** A location command run inside a group (`if exist x (cd /d C:\temp)`, `$(Set-Location C:\temp)`). */
const GROUPED_MOVE = /[(&|]\s*@?(?:set-location|cd|sl|chdir|push-location|pushd|pop-location|popd)(?![\w-])/i;

/**
 * A process a script runs in, with a working directory of its own: it starts where its caller (the key the caller's
 * place is kept by: its process, or its variables) stands at the command at index `at` of the words the caller's
 * statement was followed with (`words`, when the caller followed any), or in a folder not known (`"unknown"`).
 */
export class ScriptProcess {
  constructor(readonly start: { caller: object; words?: readonly string[]; at: number } | "unknown") {}
}

interface Place {
  folder: Folder;
  /** The braces open, each true where its block surely runs (`& {`, `. {`), false where it may not (`if (…) {`). */
  readonly blocks: boolean[];
  /** The words the latest statement was followed with, and where each of its commands stood. */
  last?: { words: readonly string[]; folders: StatementFolders };
  /** Folders pushed, the latest last. */
  readonly stack: Folder[];
  /** Whether a pop past the stack leaves the folder as it is (nothing was pushed but what the stack holds). */
  stackKnown: boolean;
  /** How deep in braces (PowerShell) or parentheses (batch) the script's statements are: blocks that may not run. */
  depth: number;
}

/** A place that starts in `folder`, nothing pushed. */
function newPlace(folder: Folder): Place {
  return { folder, blocks: [], stack: [], stackKnown: true, depth: 0 };
}

/** The folder each command of a statement stands in, asked in the order of the statement's words. */
export class StatementFolders {
  private cursor = 0;

  constructor(
    private readonly initial: Folder,
    /** After the command ending at word `index`, the script stands in `folder`. */
    private readonly moves: { index: number; folder: Folder }[] = [],
  ) {}

  /** The folder the command starting at word `index` stands in; asked in increasing order, each call is constant. */
  at(index: number): Folder {
    if (this.moves.length === 0) return this.initial;
    if (this.cursor > 0 && this.moves[this.cursor - 1].index >= index) this.cursor = 0;
    while (this.cursor < this.moves.length && this.moves[this.cursor].index < index) this.cursor++;
    return this.cursor === 0 ? this.initial : this.moves[this.cursor - 1].folder;
  }
}

export class WorkingDirectories {
  private readonly places = new WeakMap<object, Place>();

  /**
   * Follows the location commands of one statement of the script whose variables are `variables`, run by `process`
   * (its caller's, when not given), and tells the folder each of its commands stands in.
   */
  follow(words: readonly string[], variables: WindowsVariables, process?: ScriptProcess): StatementFolders {
    const place = this.placeOf(process ?? variables);
    const initial = place.folder;
    const moves: { index: number; folder: Folder }[] = [];
    const batch = variables.language === "batch";
    let start = 0;
    let depth = place.depth;
    let piped = false;
    for (let i = 0; i <= words.length; i++) {
      const word = words[i];
      if (i < words.length && !endsCommand(word)) {
        if (word.includes("(") && GROUPED_MOVE.test(word)) {
          lose(place);
          moves.push({ index: i, folder: undefined });
        }
        if (batch && !word.startsWith('"')) depth = Math.max(0, depth + parenthesesOpened(word));
        continue;
      }
      if (i > start && move(place, words.slice(start, i), variables, depth > 0 || piped))
        moves.push({ index: i, folder: place.folder });
      // The braces a command's block opens and closes (`if ($x) {`, `}`), in PowerShell's words; a block run with
      // `&` or `.` runs where it stands, in the caller's runspace.
      if (word === "{") {
        const sure = !batch && runsBlock(words, i);
        place.blocks.push(sure);
        if (!sure) depth++;
      } else if (word === "}") {
        if (place.blocks.pop() !== true) depth = Math.max(0, depth - 1);
      }
      piped = word === "|";
      start = i + 1;
    }
    place.depth = depth;
    const folders = new StatementFolders(initial, moves);
    place.last = { words, folders };
    return folders;
  }

  /** The place kept by `key`, a new one where the script or process is first followed. */
  private placeOf(key: object): Place {
    let place = this.places.get(key);
    if (place === undefined) {
      place = newPlace(key instanceof ScriptProcess ? this.startOf(key) : undefined);
      this.places.set(key, place);
    }
    return place;
  }

  /**
   * Where a process starts: where its caller stood at the command starting it, if known. A caller not followed yet
   * (a process whose words all went to the one it starts) is placed first, where it starts: a few levels at most.
   */
  private startOf(process: ScriptProcess): Folder {
    const start = process.start;
    if (start === "unknown") return undefined;
    const caller = this.placeOf(start.caller);
    // The caller's latest statement is the one that started the process when it was followed with the same words;
    // otherwise (its words all went to the process) it stands where that statement left it.
    return caller.last !== undefined && caller.last.words === start.words
      ? caller.last.folders.at(start.at)
      : caller.folder;
  }
}

/** Whether the brace at `i` opens a block run at once with `&` or `.` (`& { … }`, `. { … }`), not a statement's. */
function runsBlock(words: readonly string[], i: number): boolean {
  const before = words[i - 1];
  if (before !== "&" && before !== ".") return false;
  return i < 2 || endsCommand(words[i - 2]);
}

/**
 * Moves `place` as `command` (one command's words) does, if it is a location command; `unsure` when it may not run
 * (inside a block, fed from a pipe). Returns whether it was one.
 */
function move(place: Place, command: string[], variables: WindowsVariables, unsure: boolean): boolean {
  const batch = variables.language === "batch";
  let name = commandName(command[0]).replace(/^@/, "");
  let args = command.slice(1);
  const glued = batch ? GLUED_CD.exec(name) : null;
  if (glued) {
    name = "cd";
    args = [glued[1], ...args];
  }
  const setter = SETTERS.has(name);
  const pusher = PUSHERS.has(name);
  if (!setter && !pusher && !POPPERS.has(name)) return false;
  if (batch && POWERSHELL_ONLY.has(name)) return false;
  if (unsure) {
    lose(place);
    return true;
  }
  const target = batch ? batchTarget(args) : powershellTarget(args);
  if (target === "unknown") {
    lose(place);
    return true;
  }
  if (POPPERS.has(name)) {
    if (target.stackName) place.folder = undefined;
    else if (place.stack.length > 0) place.folder = place.stack.pop();
    else if (!place.stackKnown) place.folder = undefined;
    return true;
  }
  if (target.path === undefined) {
    // Without a path, cmd's `cd` and `pushd` show where the script stands; PowerShell's Set-Location goes home (7)
    // or stays (5.1), and Push-Location pushes where it stands.
    if (pusher && !batch && !target.stackName) place.stack.push(place.folder);
    else if (setter && !batch) place.folder = undefined;
    return true;
  }
  const next = resolveFolder(expandedPath(target.path, variables, batch), place.folder);
  if (pusher) {
    if (!target.stackName) place.stack.push(place.folder);
    place.folder = next;
  } else if (!(batch && target.otherDrive !== true && onOtherDrive(next, place.folder))) place.folder = next;
  return true;
}

/** Nothing known of where the script stands, nor of what it pushed. */
function lose(place: Place): void {
  place.folder = undefined;
  place.stack.length = 0;
  place.stackKnown = false;
}

interface Target {
  path?: string;
  /** PowerShell's `-StackName`: a stack of its own, not followed. */
  stackName?: boolean;
  /** cmd's `cd /d`, which changes the drive too. */
  otherDrive?: boolean;
}

/** Set-Location's, Push-Location's or Pop-Location's path: `-Path`, `-LiteralPath` or the one positional argument. */
function powershellTarget(args: string[]): Target | "unknown" {
  const target: Target = {};
  let positional = 0;
  for (let j = 0; j < args.length; j++) {
    const word = args[j];
    const colon = word.indexOf(":");
    const parameter = (colon > 0 && word.startsWith("-") ? word.slice(0, colon) : word).toLowerCase();
    const value = () => (colon > 0 && word.startsWith("-") ? word.slice(colon + 1) : (args[++j] ?? ""));
    if (parameter === "-path" || parameter === "-literalpath") target.path = value();
    else if (parameter === "-stackname") {
      value();
      target.stackName = true;
    } else if (!word.startsWith("-")) {
      positional++;
      target.path ??= word;
    }
  }
  // A second positional argument (`cd /d C:\temp`) is an error: the location is left, but not known to be.
  return positional > 1 ? "unknown" : target;
}

/** cmd's `cd [/d] path` (its spaces need no quotes), `pushd path`, `popd`: a stream's handle (`2>nul`) left out. */
function batchTarget(args: string[]): Target {
  const target: Target = {};
  const path: string[] = [];
  for (const word of args) {
    if (word.toLowerCase() === "/d") target.otherDrive = true;
    else path.push(word);
  }
  if (path.length > 1 && /^\d$/.test(path[path.length - 1])) path.pop();
  if (path.length > 0) target.path = path.join(" ");
  return target;
}

/**
 * The path a location command's argument names, its variables filled in where the script set them to a path spelt
 * out (a quoted string in PowerShell): any other value (a command's output, a long text) is left as a reference,
 * which the path's resolution does not follow.
 */
function expandedPath(word: string, variables: WindowsVariables, batch: boolean): string {
  if (hasUnknownValue(word) || (!batch && word.startsWith("'"))) return batch ? word.replace(/"/g, "") : unquoted(word);
  const spelt = variables
    .referencedValues(word)
    .every((v) => v.text.length <= MAX_FOLDER && (batch || /^\s*(["'])[^"'`]*\1\s*$/.test(v.text)));
  const text = spelt ? variables.expandReferences(word) : word;
  return batch ? text.replace(/"/g, "").trim() : unquoted(text.trim()).trim();
}

/** Whether cmd's `cd` without `/d` leaves the script where it stands: the path is on another drive than it. */
function onOtherDrive(next: Folder, folder: Folder): boolean {
  const to = next === undefined ? undefined : /^[A-Za-z]:/.exec(next)?.[0];
  const from = folder === undefined ? undefined : /^[A-Za-z]:/.exec(folder)?.[0];
  // From where the script starts, the drive is taken for the system drive's, which a path on it changes.
  return to !== undefined && from !== undefined && to.toLowerCase() !== from.toLowerCase();
}

/**
 * The folder or file `path` names from `folder`: itself where absolute, else joined to it. Undefined where it cannot
 * be known: relative to an unknown folder, holding what the reader does not follow, past the root of a folder the
 * environment names, or longer than MAX_FOLDER. Linear in the path's and the folder's length.
 */
export function resolveFolder(path: string, folder: Folder): Folder {
  if (path.length > MAX_FOLDER) return undefined;
  if (ROOT.test(path)) return normalized(path);
  if (folder === undefined) return undefined;
  if (/^[\\/]/.test(path)) {
    // The root of the drive the script stands on.
    const drive = /^[A-Za-z]:/.exec(folder)?.[0];
    return drive === undefined ? undefined : normalized(`${drive}${path}`);
  }
  return normalized(`${folder}\\${path}`);
}

/** An absolute path with its `.` and `..` steps taken; undefined where it cannot be followed. */
function normalized(path: string): Folder {
  const m = ROOT.exec(path);
  if (m === null) return undefined;
  const rest = path.slice(m[0].length);
  if (UNFOLLOWED.test(rest)) return undefined;
  const root = m[1] ?? m[2] ?? m[3];
  const steps: string[] = [];
  for (const step of rest.split(/[\\/]+/)) {
    if (step === "" || step === ".") continue;
    if (step !== "..") steps.push(step);
    else if (steps.length > 0) steps.pop();
    // Above a drive's root is the root; above a folder the environment names is a folder not known.
    else if (m[1] === undefined) return undefined;
  }
  const result = [root, ...steps].join("\\");
  return result.length > MAX_FOLDER ? undefined : result;
}

/** How many more parentheses a batch word opens than it closes: a block (`if exist x (`) left open over lines. */
function parenthesesOpened(word: string): number {
  let opened = 0;
  for (const c of word) {
    if (c === "(") opened++;
    else if (c === ")") opened--;
  }
  return opened;
}
