// Windows OpenSSH server and password login. Its sshd reads %ProgramData%\ssh\sshd_config, whose stock text leaves
// PasswordAuthentication at its default, yes: a script that writes `PasswordAuthentication yes` there turns
// password login on, and one that installs or starts the server without ever writing `PasswordAuthentication no`
// leaves it on, so the server's passwords can be brute-forced as the case's were. PermitRootLogin means nothing to
// Windows (there is no root) and is not read.
import { LoginWeakness } from "./userdata-findings";
import { SourcedText } from "./windows-templates";
import { MAX_FILLED_VALUE, WrittenTexts } from "./windows-written-texts";
import { VariableValue, WindowsVariables } from "./windows-variables";
import { appendAll } from "./arrays";
import { globalMatches } from "./global-matches";
import { filledFolders, writtenPaths } from "./windows-authorized-keys";
import { endsCommand } from "./windows-words";
import { commandName, wildcardMatches } from "./windows-commands";
import {
  Folder,
  resolveFolder,
  ScriptProcess,
  StatementFolders,
  WorkingDirectories,
} from "./windows-working-directory";

/** sshd's configuration, not sshd_config_default or a backup, nor the Linux path (C:\etc\ssh on Windows). */
const SSHD_CONFIG = /(?<![\w.-])sshd_config(?![\w.-])/i;
const LINUX_SSHD_CONFIG = /\/etc\/ssh\/sshd_config(?![\w.-])/gi;
/** Commands and redirections (`>>` is two `>` words) that write a file with text the statement gives. */
const WRITERS = new Set(["add-content", "set-content", "out-file", "tee-object", "ac", "sc", "tee", ">"]);
const DOTNET_WRITE = /\]::(?:write|append)all(?:text|lines)\s*\(/i;
/** Commands that put a file in place from elsewhere, whose text the statement does not give. */
const PLACERS = new Set([
  "copy-item",
  "copy",
  "cp",
  "move-item",
  "move",
  "mv",
  "xcopy",
  "robocopy",
  "invoke-webrequest",
  "iwr",
  "curl",
  "curl.exe",
  "wget",
  "read-s3object",
  "start-bitstransfer",
  "rename-item",
  "rni",
  "ren",
  "rename",
]);
/** Windows' own downloaders (certutil -urlcache, bitsadmin /transfer), by name without `.exe`. */
const NATIVE_PLACERS = new Set(["certutil", "bitsadmin"]);
/** WebClient's downloads: `(New-Object Net.WebClient).DownloadFile(URL, PATH)`. */
const DOWNLOAD_CALL = /\.downloadfile(?:async|taskasync)?\s*\(/i;
/** Commands that may fill a folder with files they do not name (windows-authorized-keys.ts filledFolders). */
const FILLERS = /copy|cp\b|move|mv\b|mi\b|robocopy|expand-archive|extracttodirectory|\btar\b/i;
/**
 * Operators and parameters whose operand is a pattern compared or replaced, not text written: `-replace 'A','B'`
 * writes B, never A; `Select-String -Pattern A` and `findstr /c:A` read.
 */
const PATTERN_OPERAND =
  /(?:-[ic]?(?:replace|match|notmatch|like|notlike|eq|ne|contains|notcontains|split)|-pattern|\.(?:replace|contains|startswith|endswith|indexof)\s*\(|\/c:)\s*/gi;
/** A PasswordAuthentication directive and its value: a word, or a variable or placeholder's start. */
const DIRECTIVE = /PasswordAuthentication(?:[ \t]|=)+["']?([$%!{]*\w*)/gi;
/** The sshd service's name as a word, not sshd_config or sshd.exe's folder. */
const SSHD_SERVICE = /(?<![\w.-])sshd(?![\w.\\/-])/i;

export class WindowsSshd {
  private readonly enabling: string[] = [];
  private readonly unknownValues: string[] = [];
  private hardened = false;
  private placedFromElsewhere = false;
  /** `PasswordAuthentication no` went only to a file sshd does not read (a copy elsewhere, `"$c.bak"`). */
  private noWrittenElsewhere = false;
  /** `PasswordAuthentication no` went to sshd's configuration only after a `Match` line: for that block alone. */
  private noInMatch = false;
  /**
   * Where a line appended to sshd's configuration lands: in the `Match` block the file ends with (the stock file's
   * `Match Group administrators`, or one the script wrote), globally, or unknown (a file put in place from elsewhere).
   */
  private configEnd: "match" | "global" | "unknown" = "match";
  /** The directives' scopes each variable's text writes: read once per assignment (see valuesHeld). */
  private readonly heldScopes = new WeakMap<VariableValue, Scoped>();
  private serverStarted: string | undefined;
  /** How many statements were read: the order of the service's starts and of the hardening. */
  private statements = 0;
  /** The last statement that starts (or restarts) the service now, and when. */
  private lastStart?: { statement: string; at: number };
  /** When `PasswordAuthentication no` was first written where it holds. */
  private hardenedAt?: number;
  private readonly pathValues = new WeakMap<VariableValue, boolean>();
  /** The directives' values each variable's text writes: read once per assignment, however often it is written. */
  private readonly heldValues = new WeakMap<VariableValue, string[]>();
  /** Where each script stands, for the files it writes by a relative name. */
  private readonly folders = new WorkingDirectories();
  /** What the script wrote to other files, for the templates it fills in and copies over sshd's configuration. */
  private readonly files = new WrittenTexts((path, variables, folder) => this.isConfig(path, variables, folder));

  /** Reads one statement, whose variables are those of the script it is in. */
  read(statement: string, words: string[], variables: WindowsVariables, process?: ScriptProcess): void {
    const lower = statement.toLowerCase();
    this.serverStarted ??= startsServer(lower) ? statement : undefined;
    const at = this.statements++;
    if (startsNow(lower)) this.lastStart = { statement, at };
    // Followed in every statement, before one naming no sshd_config is left.
    const folders = this.folders.follow(words, variables, process);
    const referenced = variables.referencedValues(statement);
    // Before the statement's own writes: a template it reads and writes anew is read as it was.
    const sourced = this.files.sourced(statement, variables, referenced, folders.at(0));
    const copied = this.files.copied(words, variables, folders.at(0));
    const lowerWords = words.map((w) => w.toLowerCase());
    const writes = lowerWords.some((w) => WRITERS.has(w)) || DOTNET_WRITE.test(statement);
    if (writes || lowerWords.some((w) => PLACERS.has(w)) || statement.includes(">")) {
      const kind = { writes, appends: appendsTo(words, statement), ownText: () => withoutPatterns(statement) };
      this.files.remember(statement, words, variables, referenced, folders.at(0), kind, sourced, copied);
    }
    if (!this.namesConfig(statement, referenced)) {
      // A folder copied or unpacked into %ProgramData%\ssh brings an sshd_config the script does not spell.
      if (FILLERS.test(lower) && this.fillsServiceFolder(statement, words, variables, folders.at(words.length))) {
        this.placedFromElsewhere = true;
        this.configEnd = "unknown";
      }
      return;
    }
    // Downloads by Windows' own tools and .NET's WebClient too (windows-authorized-keys.ts reads where they write).
    const places =
      lowerWords.some((w) => PLACERS.has(w) || NATIVE_PLACERS.has(commandName(w).replace(/\.exe$/, ""))) ||
      lower.includes("-outfile") ||
      DOWNLOAD_CALL.test(statement);
    if (!writes && !places) return;
    // An edit in place: what its replacements make of the stock lines, `$1 no` after `(PasswordAuthentication)` too.
    const stock = sourced.readsConfig === true && writes ? this.files.editedStock(statement, referenced) : undefined;
    const values = [
      directiveValues(withoutPatterns(statement)),
      ...referenced.map((v) => this.valuesHeld(v)),
      ...sourced.texts.map(directiveValues),
      ...copied.texts.map(directiveValues),
      stock === undefined ? [] : directiveValues(stock),
    ].flat();
    const copiesKnown = copied.texts.length > 0 && !copied.unknown;
    // A file put in place over sshd's configuration, not the configuration renamed or copied away.
    const placesConfig = places && !copiesKnown && this.placesConfig(statement, words, variables, folders.at(0));
    if (values.length === 0 && (placesConfig || sourced.unknown)) this.placedFromElsewhere = true;
    // `no` hardens only where it is written to the configuration (not to a scratch file the statement also names),
    // and before any `Match` line (not appended after the stock file's `Match Group administrators`).
    const written = this.writeToConfig(words, variables, folders, sourced, copied, stock);
    // A file put in place from elsewhere ends as that file does, which the script does not say.
    if (places && !writes) this.configEnd = "unknown";
    for (const value of values) {
      if (value === "yes") this.enabling.push(statement);
      else if (value === "no") {
        const hardens = written.globalNo;
        this.hardened ||= hardens;
        if (hardens) this.hardenedAt ??= at;
        if (written.matchNo) this.noInMatch ||= !hardens;
        else this.noWrittenElsewhere ||= !hardens;
      } else if (/^[$%!]|^\{\{/.test(value)) this.unknownValues.push(statement);
    }
  }

  /** A built-in task that installs and starts the server (EC2Launch v2 `enableOpenSsh`), quoted as given. */
  startedByTask(task: string): void {
    this.serverStarted ??= task;
  }

  weaknesses(): LoginWeakness[] {
    const found: LoginWeakness[] = this.enabling.map((s) => ({ kind: "password-authentication", line: quotable(s) }));
    for (const s of this.unknownValues) {
      const note = "the value written to sshd_config comes from outside the script";
      found.push({ kind: "password-authentication", line: quotable(s), note, unverifiable: true });
    }
    // The running server read its configuration when it started: one started before the hardening and not restarted
    // after it allows passwords until it restarts (the next boot, or a restart the script does not make).
    const start = this.lastStart;
    if (this.hardenedAt !== undefined && start !== undefined && start.at < this.hardenedAt && found.length === 0) {
      const note =
        "sshd is started before the script writes PasswordAuthentication no and not restarted after it, so the running server allows passwords until it restarts: restart sshd after writing sshd_config";
      found.push({ kind: "password-authentication", line: quotable(start.statement), note });
    }
    const started = this.serverStarted;
    if (started === undefined || this.hardened || found.length > 0) return found;
    if (this.placedFromElsewhere) {
      const note =
        "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, and the script puts sshd_config in place from elsewhere";
      return [{ kind: "password-authentication", line: quotable(started), note, unverifiable: true }];
    }
    if (this.noInMatch) {
      const note =
        "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only after a Match line (appended to the stock file, it lands in its closing Match Group administrators block), so it holds for that block alone: write it before the first Match line";
      return [{ kind: "password-authentication", line: quotable(started), note }];
    }
    const note = this.noWrittenElsewhere
      ? "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only to a file the service does not read: write it to %ProgramData%\\ssh\\sshd_config"
      : "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script never writes";
    return [{ kind: "password-authentication", line: quotable(started), note }];
  }

  /**
   * The commands of the statement (a pipeline, its redirections included) that write sshd's configuration: whether
   * one writes `PasswordAuthentication no` where it holds globally (`globalNo`), or only after a `Match` line
   * (`matchNo`), and where the file now ends. A command counts where it writes files, each of them the
   * configuration. One pass over the words; variables' values read once per assignment.
   */
  private writeToConfig(
    words: string[],
    variables: WindowsVariables,
    folders: StatementFolders,
    sourced: SourcedText,
    copied: SourcedText,
    editedStock: string | undefined,
  ): { globalNo: boolean; matchNo: boolean } {
    let globalNo = false;
    let matchNo = false;
    let from = 0;
    for (let i = 0; i <= words.length; i++) {
      if (i < words.length && (!endsCommand(words[i]) || words[i] === "|" || words[i] === ">")) continue;
      const command = words.slice(from, i);
      const folder = folders.at(from);
      from = i + 1;
      const text = command.join(" ");
      const destinations = writtenPaths(text, command);
      if (destinations.length === 0) continue;
      const writer = command.some((w) => WRITERS.has(w.toLowerCase())) || DOTNET_WRITE.test(text);
      const config = (d: string) => this.isConfig(d, variables, folder);
      // A copy names its destination, and the file it makes there when the destination is a folder.
      if (writer ? !destinations.every(config) : !destinations.some(config)) continue;
      if (!writer && copied.texts.length > 0 && !copied.unknown) {
        // A copy of a file the script wrote: its text, as the script wrote it.
        const scoped = scopes(copied.texts.join("\n"), false);
        for (const { value, scope } of scoped.values) {
          if (value === "no" && scope === "match") matchNo = true;
          else if (value === "no") globalNo = true;
        }
        this.configEnd = scoped.end === "match" ? "match" : scoped.end === "file" ? "unknown" : "global";
        continue;
      }
      if (!writer) {
        // A copy or download: what it puts there is the file's whole text, `no` in it as before.
        this.configEnd = "unknown";
        const held = variables.referencedValues(text).map((v) => this.valuesHeld(v));
        if ([directiveValues(withoutPatterns(text)), ...held].flat().includes("no")) globalNo = true;
        continue;
      }
      // An edit in place (`-replace '#PasswordAuthentication yes', 'PasswordAuthentication no'`) puts the line where
      // the stock file had it, before its Match block; the file read back in (`Get-Content`) is where it stood.
      const held = (reference: string) => this.referenceScopes(reference, variables);
      // A template read and filled in is written as it came out, its lines where the template had them.
      const scoped =
        sourced.texts.length > 0
          ? scopes(sourced.texts.join("\n"), false)
          : scopes(withoutPatterns(text), REPLACES.test(text), held);
      // The stock lines as the edit leaves them, where the stock file has them (before its Match block).
      if (editedStock !== undefined) appendAll(scoped.values, scopes(editedStock, false).values);
      const before = this.configEnd;
      const start = appendsTo(command, text) ? before : "global";
      const resolve = (scope: Scope) => (scope === "start" ? start : scope === "file" ? before : scope);
      for (const { value, scope } of scoped.values) {
        if (value !== "no") continue;
        // Appended to a file put in place from elsewhere, where it lands is unknown: it counts, as before.
        if (resolve(scope) === "match") matchNo = true;
        else globalNo = true;
      }
      // Text the reader does not know leaves the file ending it does not know either.
      this.configEnd = sourced.unknown ? "unknown" : resolve(scoped.end);
    }
    return { globalNo, matchNo };
  }

  /**
   * The scopes of the directives the variable `reference` (as written: `$c`, `${c}`, `%c%`) holds, if the script set
   * it: read once per assignment, so a text written often costs its values only.
   */
  private referenceScopes(reference: string, variables: WindowsVariables): Scoped | undefined {
    const [value] = variables.referencedValues(reference);
    if (value === undefined) return undefined;
    let held = this.heldScopes.get(value);
    if (held === undefined) {
      held = scopes(withoutPatterns(value.text), REPLACES.test(value.text));
      this.heldScopes.set(value, held);
    }
    return held;
  }

  /**
   * Whether the statement fills %ProgramData%\ssh with files it does not name (a folder copied, an archive unpacked:
   * windows-authorized-keys.ts filledFolders), spelt out, through a variable the script set, or relative to where the
   * script is known to stand (`folder`).
   */
  private fillsServiceFolder(statement: string, words: string[], variables: WindowsVariables, folder: Folder): boolean {
    return filledFolders(statement, words).some((filled) => {
      const referenced = variables.referencedValues(filled);
      if (referenced.some((value) => value.text.length > MAX_FILLED_VALUE)) return false;
      const expanded = referenced.length > 0 ? variables.expandReferences(filled) : filled;
      const path = `${expanded.replace(/["']/g, "").trim()}\\sshd_config`;
      if (ABSOLUTE_PATH.test(path)) return SERVICE_CONFIG.test(resolveFolder(path, undefined) ?? path);
      const resolved = folder === undefined ? undefined : resolveFolder(path, folder);
      return resolved !== undefined && SERVICE_CONFIG.test(resolved);
    });
  }

  /**
   * Whether a statement that copies, moves, renames or downloads puts a file where sshd reads its configuration; a
   * statement whose destinations the reader cannot tell is taken to.
   */
  private placesConfig(statement: string, words: string[], variables: WindowsVariables, folder: Folder): boolean {
    const destinations = writtenPaths(statement, words);
    return destinations.length === 0 || destinations.some((d) => this.isConfig(d, variables, folder));
  }

  /** The statement names sshd's configuration, itself or through a variable holding its path. */
  private namesConfig(statement: string, referenced: VariableValue[]): boolean {
    return namesWindowsConfig(statement) || referenced.some((value) => this.holdsPath(value));
  }

  /**
   * Whether a file written to is sshd's configuration: spelt out, or a variable holding its path, alone; with more
   * around it (`"$c.bak"`, `"$dir\\sshd_config.old"`), the path it makes is read, as PowerShell expands it.
   * A relative path is read from `folder`, where the command writing it stands.
   */
  private isConfig(destination: string, variables: WindowsVariables, folder: Folder): boolean {
    if (namesWindowsConfig(destination)) return readBySshd(destination, folder);
    const referenced = variables.referencedValues(destination);
    if (!referenced.some((value) => this.holdsPath(value))) return false;
    if (ONE_REFERENCE.test(destination)) return referenced.some((v) => this.holdsPath(v) && readBySshd(v.text, folder));
    // Filling a long value into every destination would cost its length per statement: such a path hardens nothing.
    if (referenced.some((value) => value.text.length > MAX_FILLED_VALUE)) return false;
    const path = variables.expandReferences(destination);
    return namesWindowsConfig(path) && readBySshd(path, folder);
  }

  /**
   * Whether a variable's value names sshd's configuration, however long (an array of paths): looked at once per
   * assignment, so a long value used often costs nothing more.
   */
  private holdsPath(value: VariableValue): boolean {
    let holds = this.pathValues.get(value);
    if (holds === undefined) {
      holds = namesWindowsConfig(value.text);
      this.pathValues.set(value, holds);
    }
    return holds;
  }

  /**
   * The directives' values a variable's text writes, read once per assignment: a statement writing it again costs
   * only its values, so a hostile script writing one long text many times stays linear.
   */
  private valuesHeld(value: VariableValue): string[] {
    let values = this.heldValues.get(value);
    if (values === undefined) {
      // Only what read() tells apart, once each: yes, no, and a value from outside (its first).
      const all = directiveValues(withoutPatterns(value.text));
      const outside = all.find((v) => /^[$%!]|^\{\{/.test(v));
      values = [...(all.includes("yes") ? ["yes"] : []), ...(all.includes("no") ? ["no"] : [])];
      if (outside !== undefined) values.push(outside);
      this.heldValues.set(value, values);
    }
    return values;
  }
}

/** A destination that is one variable and nothing more: `$c`, `"$c"`, `${c}`, `$script:c`. */
const ONE_REFERENCE = /^(["']?)\$(?:\{[^{}$]*\}|(?:(?:script|global|local|private):)?[A-Za-z_]\w*)\1$/;

/** An absolute Windows path: a drive, a share, or a folder the environment names. */
const ABSOLUTE_PATH = /^(?:[A-Za-z]:[\\/]|[\\/]{2}|\$env:|\$\{env:|%[^%\s]+%)/i;
/** Where Windows OpenSSH reads sshd_config: %ProgramData%\ssh (C:\ProgramData, or %ALLUSERSPROFILE% that names it). */
const SERVICE_CONFIG = /(?:programdata|allusersprofile)\}?%?[\\/]+ssh[\\/]+sshd_config$/i;

/**
 * Whether sshd reads a file named sshd_config at this path: the service's own, under %ProgramData%\ssh, spelt out
 * or a relative name read from `folder`, where the script stands (windows-working-directory.ts). An sshd_config
 * written anywhere else (`C:\temp\sshd_config`, `$env:TEMP\sshd_config`, `sshd_config` after `cd C:\temp`) is a copy
 * sshd never reads.
 */
function readBySshd(path: string, folder: Folder): boolean {
  const plain = path.replace(/["']/g, "").trim();
  if (ABSOLUTE_PATH.test(plain)) return SERVICE_CONFIG.test(plain);
  // Where the script stands is unknown (its start, or a folder the reader cannot know, such as a variable from
  // outside), a relative name is taken for the service's, as before: fail-open, but only for hardening written there.
  // So is a relative path that cannot be followed from a known folder (`$x\sshd_config`).
  const resolved = folder === undefined ? undefined : resolveFolder(plain, folder);
  return resolved === undefined || SERVICE_CONFIG.test(resolved);
}

function namesWindowsConfig(text: string): boolean {
  return SSHD_CONFIG.test(text.replace(LINUX_SSHD_CONFIG, ""));
}

/** Installing the OpenSSH server, or starting its service (now or at boot). */
function startsServer(lower: string): boolean {
  const installs =
    (lower.includes("openssh.server") &&
      (lower.includes("add-windowscapability") || lower.includes("add-capability"))) ||
    lower.includes("install-sshd.ps1") ||
    (lower.includes("choco") && lower.includes("openssh") && lower.includes("sshserverfeature")) ||
    (lower.includes("winget") && lower.includes("microsoft.openssh")) ||
    (lower.includes("msiexec") && lower.includes("openssh"));
  if (installs) return true;
  // The service cmdlets take wildcards (`Start-Service ssh*`, `Get-Service s* | Start-Service`): one that may match
  // sshd names it; net and sc take names only.
  if (!SSHD_SERVICE.test(lower)) {
    const cmdlet = wildcardCmdlet(lower);
    if (cmdlet === "set-service") return lower.includes("automatic") || lower.includes("running");
    return cmdlet !== undefined;
  }
  // Restart-Service starts a stopped service too (Windows Server 2025 ships sshd installed, not running).
  if (/(?<![\w-])(?:re)?start-service\b|\bnet(?:\.exe)?\s+start\b/.test(lower)) return true;
  if (lower.includes("set-service")) return lower.includes("automatic") || lower.includes("running");
  return /\bsc(?:\.exe)?\s+start\b/.test(lower) || (/\bsc(?:\.exe)?\s+config\b/.test(lower) && lower.includes("auto"));
}

/**
 * Starting the service now, not at the next boot: Start-Service, Restart-Service (a name or a wildcard that may match
 * sshd), `net start sshd`, `sc start sshd`, `Set-Service sshd -Status Running`.
 */
function startsNow(lower: string): boolean {
  if (!SSHD_SERVICE.test(lower)) {
    const cmdlet = wildcardCmdlet(lower);
    return (
      cmdlet === "start-service" ||
      cmdlet === "restart-service" ||
      (cmdlet === "set-service" && lower.includes("running"))
    );
  }
  if (/(?<![\w-])(?:re)?start-service\b|\bnet(?:\.exe)?\s+start\b|\bsc(?:\.exe)?\s+start\b/.test(lower)) return true;
  return lower.includes("set-service") && lower.includes("running");
}

/** The service cmdlets whose names' arguments take wildcards; those that start or set a service. */
const SERVICE_CMDLETS = new Set(["get-service", "start-service", "restart-service", "set-service"]);
const SERVICE_CHANGERS = new Set(["start-service", "restart-service", "set-service"]);

/**
 * The cmdlet that starts or sets the services a wildcard that may match `sshd` names, if one does: given it
 * (`Start-Service -Name ssh*`), or piped them by Get-Service (`Get-Service ssh* | Start-Service`). Other wildcards of
 * the statement (`dir *`) name files. One pass over the statement, each wildcard matched against `sshd` in one pass.
 */
function wildcardCmdlet(lower: string): string | undefined {
  if (!lower.includes("*") && !lower.includes("?")) return undefined;
  let piped = false;
  for (const piece of lower.split(/([;|&\n])/)) {
    if (piece.length === 1 && /[;|&\n]/.test(piece)) {
      if (piece !== "|") piped = false;
      continue;
    }
    const words = piece.trim().split(/[\s,]+/);
    const cmdlet = words[0].replace(/^[(.&]+/, "");
    if (piped && SERVICE_CHANGERS.has(cmdlet)) return cmdlet;
    const matches = SERVICE_CMDLETS.has(cmdlet) && words.slice(1).some(wildcardMatchesSshd);
    if (matches && SERVICE_CHANGERS.has(cmdlet)) return cmdlet;
    piped = matches && cmdlet === "get-service";
  }
  return undefined;
}

/** Whether a service name with wildcards (`ssh*`, `-name:s?hd`), quotes off, matches `sshd`. */
function wildcardMatchesSshd(word: string): boolean {
  const pattern = word.replace(/^-(?:name|include):/, "").replace(/["']/g, "");
  return /[*?]/.test(pattern) && /^[\w*?-]+$/.test(pattern) && wildcardMatches(pattern, "sshd");
}

/** The text without the quoted operands of pattern operators, which are matched, not written. */
function withoutPatterns(text: string): string {
  let out = "";
  let from = 0;
  PATTERN_OPERAND.lastIndex = 0;
  for (let m = PATTERN_OPERAND.exec(text); m !== null; m = PATTERN_OPERAND.exec(text)) {
    const open = m.index + m[0].length;
    const quote = text[open];
    if (quote !== '"' && quote !== "'") continue;
    const close = text.indexOf(quote, open + 1);
    const end = close < 0 ? text.length : close + 1;
    out += text.slice(from, m.index);
    from = end;
    PATTERN_OPERAND.lastIndex = end;
  }
  return out + text.slice(from);
}

/** The values of the directives the text sets, lower-cased; commented-out lines (`#PasswordAuthentication`) skipped. */
function directiveValues(text: string): string[] {
  const values: string[] = [];
  for (const m of globalMatches(DIRECTIVE, text)) {
    const value = valueOf(text, m);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** A directive's value, lower-cased (`yes`, `no`, or as written); undefined where the line is commented out. */
function valueOf(text: string, m: RegExpMatchArray): string | undefined {
  let before = (m.index ?? 0) - 1;
  while (before >= 0 && (text[before] === " " || text[before] === "\t")) before--;
  if (text[before] === "#") return undefined;
  const value = m[1].toLowerCase();
  return value.startsWith("yes") ? "yes" : value.startsWith("no") ? "no" : value;
}

/**
 * Where a directive written to sshd_config holds: where the text starts (`start`: the file's end when appended, the
 * file's start when it is written anew), where the file read back in ended (`file`), globally (before any Match line,
 * or after `Match all`, which every connection matches), or in a `Match` block for some connections only.
 */
type Scope = "start" | "file" | "global" | "match";
/** The directives' values a text writes with their scopes (yes, no, the first from outside; each once), and its end. */
interface Scoped {
  values: { value: string; scope: Scope }[];
  end: Scope;
}
/** A `Match` line: at a line's start, a string's, an array item's or an echo's; its criteria up to the line's end. */
const MATCH_LINE = /(?:^|[\r\n'"(,@]|`[nr]|\\n|\becho)[ \t]*Match[ \t]+([^\r\n'"`<>|&;)]*)/gi;
/** The configuration read back in, for the text written around it: Get-Content and its aliases, .NET's reads. */
const READS_FILE = /(?<![\w-])(?:get-content|gc|cat|type)(?![\w-])|::readall(?:text|lines)\s*\(/gi;
/** An edit in place of the text read back in. */
const REPLACES = /-[ic]?replace\b|\.replace\s*\(/i;
/** The writers that append: Add-Content, `>>`, .NET's AppendAll…; Out-File and Tee-Object append with -Append. */
const APPENDERS = new Set(["add-content", "ac"]);
const APPENDING = new Set(["out-file", "tee-object", "tee"]);

/** Whether a command (its words, redirections included) appends to the file it writes rather than writing it anew. */
function appendsTo(command: string[], text: string): boolean {
  // Each command of the pipeline (`'…' | Out-File -Append F`): the writer is one of them.
  for (let i = 0; i < command.length; i++) {
    if (i > 0 && command[i - 1] !== "|") continue;
    const name = commandName(command[i]);
    if (APPENDERS.has(name)) return true;
    if (!APPENDING.has(name)) continue;
    for (let j = i + 1; j < command.length && command[j] !== "|"; j++) if (/^-ap/i.test(command[j])) return true;
  }
  if (/\]::appendall(?:text|lines)\s*\(/i.test(text)) return true;
  return command.some((w, i) => w === ">" && command[i + 1] === ">");
}

/** A variable's reference: PowerShell's `$name`, `${name}`, `$script:name`; batch's `%name%` and `!name!`. */
const REFERENCE = /\$(?:\{[^{}$]*\}|(?:(?:script|global|local|private):)?[A-Za-z_]\w*)|%[^%\s]+%|![^!\s]+!/g;

/**
 * The scopes of the directives `text` (its pattern operands taken out) writes, in one pass: each directive's scope
 * is that of the last `Match` line, or file read back in, before it (`start` when none); a variable referenced
 * (`held` tells what it holds, read once per assignment) writes its directives where it stands. An edit in place
 * (`inPlace`: `-replace`, `.Replace(`) leaves the lines where they were, the directive put where the stock file's
 * commented line was: before its Match block.
 */
function scopes(text: string, inPlace: boolean, held?: (reference: string) => Scoped | undefined): Scoped {
  const events: { at: number; scope?: Scope; held?: Scoped }[] = [];
  for (const m of globalMatches(MATCH_LINE, text))
    events.push({ at: m.index ?? 0, scope: /^all\s*$/i.test(m[1]) ? "global" : "match" });
  if (!inPlace) for (const m of globalMatches(READS_FILE, text)) events.push({ at: m.index ?? 0, scope: "file" });
  if (held !== undefined)
    for (const m of globalMatches(REFERENCE, text)) {
      const scoped = held(m[0]);
      if (scoped !== undefined) events.push({ at: m.index ?? 0, held: scoped });
    }
  events.sort((a, b) => a.at - b.at);
  const found = new Map<string, { value: string; scope: Scope }>();
  const add = (value: string, scope: Scope) => {
    const kind = /^[$%!]|^\{\{/.test(value) ? "outside" : value;
    if ((kind === "yes" || kind === "no" || kind === "outside") && !found.has(`${kind} ${scope}`))
      found.set(`${kind} ${scope}`, { value, scope });
  };
  let next = 0;
  let scope: Scope = inPlace ? "file" : "start";
  const pass = (upTo: number) => {
    for (; next < events.length && events[next].at < upTo; next++) {
      const event = events[next];
      if (event.held === undefined) scope = event.scope ?? scope;
      else {
        const from = inPlace ? "global" : scope;
        const shift = (s: Scope): Scope => (s === "start" ? from : s);
        for (const v of event.held.values) add(v.value, shift(v.scope));
        scope = shift(event.held.end);
      }
    }
  };
  for (const m of globalMatches(DIRECTIVE, text)) {
    pass(m.index ?? 0);
    const value = valueOf(text, m);
    if (value !== undefined) add(value, inPlace ? "global" : scope);
  }
  pass(Infinity);
  return { values: [...found.values()], end: scope };
}

/** A statement's first line, as a message quotes it. */
function quotable(statement: string): string {
  return statement.split("\n")[0].trim();
}
