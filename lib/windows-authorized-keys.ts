// Keys planted for an administrator on Windows, the counterpart of root's authorized_keys (userdata-root-keys.ts):
// Windows OpenSSH reads the keys of every member of Administrators from
// %ProgramData%\ssh\administrators_authorized_keys, and an administrator's own from their profile's
// .ssh\authorized_keys. User data runs as SYSTEM and run commands as SYSTEM or an administrator, so the profile of
// whoever runs the script ($env:USERPROFILE, $HOME, `~`) is counted as an administrator's. An `AuthorizedKeysFile`
// written to sshd_config makes the files it names keys files too. Only the destination counts: reading the keys,
// copying them elsewhere or changing their ACL (icacls) plants nothing. A relative destination is read where the
// command stands (windows-working-directory.ts), as written where that is unknown.
import { LoginWeakness } from "./userdata-findings";
import { WindowsLanguage } from "./windows-scripts";
import { VariableValue, WindowsVariables } from "./windows-variables";
import { endsCommand, unquoted } from "./windows-words";
import { appendAll } from "./arrays";
import { globalMatches } from "./global-matches";
import { boundArguments, commandName, wildcardMatches, windowsCommands } from "./windows-commands";
import { Folder, ScriptProcess, WorkingDirectories } from "./windows-working-directory";

/** The file sshd reads for Administrators, wherever the script builds its path (not a `.bak` beside it). */
const ADMINISTRATORS_KEYS = /(?<![\w.-])administrators_authorized_keys(?![\w.-])/i;
/** A profile whose keys are an administrator's: Administrator's, SYSTEM's, or the running account's. */
const ADMIN_PROFILE = new RegExp(
  [
    String.raw`[\\/]users[\\/]+administrator(?![\w.-])`,
    "systemprofile",
    String.raw`\$env:userprofile|\$\{env:userprofile\}|%userprofile%`,
    String.raw`\$home\b|\$\{home\}`,
    String.raw`(?:^|[\s"'(,])~(?=[\\/])`,
  ].join("|"),
  "i",
);
const PROFILE_KEYS = /\.ssh[\\/]+authorized_keys(?![\w.-])/i;
/** Cmdlets and redirections (`>>` is two `>` words) that write a file named among their arguments. */
const WRITERS = new Set(["add-content", "set-content", "out-file", "tee-object", "ac", "sc", "tee", "new-item", "ni"]);
/** Writers' parameters naming the file; otherwise their first positional argument does (Add-Content PATH VALUE). */
const PATH_PARAMETERS = new Set(["-path", "-filepath", "-literalpath", "-pspath", "-lp"]);
/** Writers' switches, which take no value; their other parameters take the word after them. */
const SWITCHES = new Set(["-force", "-append", "-nonewline", "-noclobber", "-passthru", "-whatif", "-confirm"]);
/** Commands that put a file in place: the last positional argument, or `-Destination`, is where. */
const COPIERS = new Set(["copy-item", "copy", "cp", "cpi", "move-item", "move", "mv", "mi", "xcopy", "robocopy"]);
const COPY_VALUED = new Set(["-destination", "-path", "-literalpath"]);
/** Commands that rename a file in its folder: `Rename-Item PATH NEWNAME`, batch's `ren PATH NEWNAME`. */
const RENAMERS = new Set(["rename-item", "rni", "ren", "rename"]);
const RENAME_VALUED = new Set(["-path", "-literalpath", "-newname"]);
const COPY_SWITCHES = new Set(["-recurse", "-container", "-y"]);
/** Downloaders, each writing where its output parameter says. */
const DOWNLOADERS = new Set([
  "invoke-webrequest",
  "iwr",
  "invoke-restmethod",
  "irm",
  "curl",
  "curl.exe",
  "wget",
  "wget.exe",
  "read-s3object",
  "start-bitstransfer",
]);
const OUTPUT_PARAMETERS = new Set(["-outfile", "-file", "-destination", "-o", "--output"]);
/** Start-BitsTransfer's parameters that take a value (`-Source`, `-Destination` also by position). */
const BITS_VALUED = new Set([
  "-source",
  "-destination",
  "-displayname",
  "-description",
  "-priority",
  "-transfertype",
  "-credential",
  "-authentication",
  "-proxyusage",
  "-proxylist",
  "-proxyauthentication",
  "-proxycredential",
  "-retryinterval",
  "-retrytimeout",
  "-maxdownloadtime",
  "-transferpolicy",
  "-certstorelocation",
  "-certstorename",
  "-certhash",
  "-customheaders",
]);
/** Windows' own tools that fetch or decode a file, by name without `.exe`: where each puts it. */
const NATIVE_WRITERS = new Map<string, (args: string[]) => string[]>([
  ["certutil", certutilDestinations],
  ["bitsadmin", bitsadminDestinations],
]);
/**
 * .NET's calls that write a file, found up to their opening parenthesis, each with the argument (0 or 1) naming the
 * file: their arguments are read by callArgument.
 */
const DOTNET_WRITERS: [RegExp, number][] = [
  [/\]::(?:write|append)all(?:text|lines|bytes)\s*\(/gi, 0],
  [/\]::(?:copy|move)\s*\(/gi, 1],
  // A writer opened on the file writes it: [IO.File]::CreateText/AppendText/OpenWrite/Create, a StreamWriter.
  [
    /(?:\bfile\]::(?:createtext|appendtext|openwrite|create)|\bstreamwriter\]::new|\bnew-object\s+(?:-typename\s+)?(?:system\.)?io\.streamwriter(?:\s+-argumentlist)?)\s*\(/gi,
    0,
  ],
  // WebClient's downloads: (New-Object Net.WebClient).DownloadFile(URL, PATH).
  [/\.downloadfile(?:async|taskasync)?\s*\(/gi, 1],
];
/** `New-Object IO.StreamWriter PATH`, its argument one word without parentheses. */
const NEW_STREAMWRITER_WORD =
  /\bnew-object\s+(?:-typename\s+)?(?:system\.)?io\.streamwriter\s+(?:-argumentlist\s+)?('[^']*'|"[^"]*"|[^\s,()'"]+)/gi;
/** .NET's archive extraction into a folder: ZipFile's ExtractToDirectory(ZIP, FOLDER). */
const DOTNET_EXTRACT = /\]::extracttodirectory\s*\(/gi;
/** A file's name that says it is one, not a folder: an extension (not `.d`), or one of OpenSSH's own files. */
const NAMED_AS_FILE =
  /(?:\.(?!d$)\w{1,5}|(?:^|[\\/])(?:sshd?_config|ssh_host_\w+|(?:administrators_)?authorized_keys|known_hosts|moduli))$/i;
/** The folder OpenSSH's service reads its files from, as normalPath spells it. */
const SERVICE_SSH_FOLDER =
  /^(?:c:\\programdata|%allusersprofile%|\$env:allusersprofile|\$\{env:allusersprofile\})\\ssh$/;
const PROFILE_SSH_FOLDER = /(?:^|\\)\.ssh$/;
const FOLDER_NOTE =
  "what the script copies or unpacks into that folder is not in the script: a keys file among it plants keys";
/** sshd's configuration (the Windows one: no Linux path), and the keys files an AuthorizedKeysFile line names. */
const SSHD_CONFIG = /(?<![\w.-])sshd_config(?![\w.-])/i;
/** The directive's value runs to the end of its line, a quote, or an operator of the statement that writes it. */
const AUTHORIZED_KEYS_FILE = /AuthorizedKeysFile(?:[ \t]|=)+([^\r\n'"`<>|&;)]*)/gi;
/** A variable or placeholder, not sshd's own tokens (`%h` the user's home, `%u` and `%U` the user, `%%`). */
const FROM_OUTSIDE = /^[$!]|^%(?![%hUu](?:[\\/]|$))|\{\{/;
/**
 * A path is short: a value this long is filled into other texts; a longer one is read once, where it is assigned,
 * for the file it names (`LongPath`), and a write to it is judged by that.
 */
const MAX_PATH_TEXT = 1024;
/**
 * A path relative to where its command stands: not a drive's, a provider's (`HKLM:`) or a share's, nor one starting
 * with what may name a folder of its own (a variable, `~`, a placeholder).
 */
const RELATIVE = /^(?![\w-]*:)(?!__programdata__)[\w.]/i;
/** A word that is one variable reference (`$p`, `${p}`, `%p%`), quotes taken off. */
const REFERENCE_WORD = /^(?:\$(?:\{([^{}$]*)\}|([A-Za-z_]\w*))|%([^%\s]+)%)$/;
/** One quoted string with no quote or backtick inside: its text is what it holds. */
const PLAIN_STRING = /^(["'])([^"'`]*)\1$/;
const PAST_PATH_TEXT = `files written to paths built from variables past ${MAX_PATH_TEXT} characters`;
/** The longest path Windows takes (`\\?\` paths): a longer one names no file. */
const MAX_WINDOWS_PATH = 32767;
/** The longest name a step of a path may have (NTFS): a path with a longer one names no file. */
const MAX_PATH_STEP = 255;
/**
 * What a reading may add of the keys files variables' texts name to the statements that write them (each value read
 * once, its files' names charged each time it is written): past it, what is left is unread.
 */
const EXPANSION_BUDGET = 1 << 20;
/** Destinations remembered for a later AuthorizedKeysFile line: past this, the earliest are kept. */
const MAX_DESTINATIONS = 4096;

const PROFILE_NOTE = "the script runs as SYSTEM or an administrator, whose profile's keys these are";

/**
 * A path a statement names, as written, and the word its command starts at: none for .NET's calls, which read a
 * relative path from the process's directory, not the location the script sets.
 */
interface NamedPath {
  path: string;
  at?: number;
}

/** What the reader needs of a path: its form as compared, and whether it is a keys file by its name. */
interface PathFacts {
  normal: string;
  administrators: boolean;
  profile: boolean;
}

/** A short value, filled into other texts: whether it names sshd's configuration, or has a step too long for a file. */
interface ShortPath {
  text: string;
  sshdConfig: boolean;
  noFile: boolean;
}

/**
 * A variable's value not filled into other texts (longer than MAX_PATH_TEXT, or holding such a value or one the
 * filling left out), read once where it is assigned: the file it names, whether it names sshd's configuration,
 * whether part of it is left unread (`partial`), its length all filled in, and whether, however that part is filled
 * in, it names no file (`noFile`: too long, or a step too long).
 */
interface LongPath {
  facts: PathFacts;
  sshdConfig: boolean;
  partial: boolean;
  length: number;
  noFile: boolean;
}

/**
 * What filling variables into a text left out: whether it left out values, whether one named sshd's configuration,
 * the text's length were they all filled in, and whether a value in it has a step too long for a file.
 */
interface LeftOut {
  any: boolean;
  sshdConfig: boolean;
  length: number;
  noFile: boolean;
}

export class WindowsAuthorizedKeys {
  /** Short values, to fill into other texts, and whether each names sshd's configuration (found once). */
  private readonly paths = new Map<string, ShortPath>();
  private readonly longPaths = new Map<string, LongPath>();
  private readonly keysFiles = new Set<string>();
  private readonly written = new Map<string, string>();
  private readonly found: LoginWeakness[] = [];
  private expansionLeft = EXPANSION_BUDGET;
  /** The keys files each variable's text names, and their names' length: read once per assignment. */
  private readonly heldFiles = new WeakMap<VariableValue, { files: string[]; cost: number }>();
  /** Why the first content the bounds kept from the reading was left unread. */
  private unreadReason?: string;
  /** Whether a destination past MAX_DESTINATIONS went unremembered: a keys file named later may be it. */
  private dropped = false;
  /** Where each script (or process it starts) stands, for destinations named relative to it. */
  private readonly folders = new WorkingDirectories();

  /**
   * Reads one statement of a script in `language`, its words as windows-words.ts splits them, run by `process` (its
   * script's own when not given).
   */
  read(
    statement: string,
    words: string[],
    variables: WindowsVariables,
    language: WindowsLanguage,
    process?: ScriptProcess,
  ): void {
    const line = statement.split("\n")[0].trim();
    // Followed in every statement, so that each move is seen.
    const folders = this.folders.follow(words, variables, process);
    const standing = (named: NamedPath) => (named.at === undefined ? undefined : folders.at(named.at));
    for (const destination of namedDestinations(statement, words)) {
      const { facts, partial } = this.target(destination.path, standing(destination));
      const kind = this.keysKind(facts);
      if (kind === "profile") this.found.push({ kind: "root-authorized-keys", line, note: PROFILE_NOTE });
      else if (kind !== undefined) this.found.push({ kind: "root-authorized-keys", line });
      // A path part of which is left unread may be a keys file: the write is unread.
      else if (partial) this.unreadReason ??= PAST_PATH_TEXT;
      else if (this.written.size < MAX_DESTINATIONS) this.written.set(facts.normal, line);
      else if (!this.written.has(facts.normal)) this.dropped = true;
    }
    // A folder filled with files the script does not name, in the keys' folder, may plant them, as on Linux a folder
    // copied or unpacked into root's .ssh does (userdata-root-keys.ts).
    for (const folder of namedFolders(statement, words)) {
      const { facts, partial } = this.target(folder.path, standing(folder));
      if (SERVICE_SSH_FOLDER.test(facts.normal))
        this.found.push({ kind: "root-authorized-keys", line, note: FOLDER_NOTE });
      else if (PROFILE_SSH_FOLDER.test(facts.normal) && ADMIN_PROFILE.test(facts.normal))
        this.found.push({ kind: "root-authorized-keys", line, note: `${FOLDER_NOTE}; ${PROFILE_NOTE}` });
      else if (partial) this.unreadReason ??= PAST_PATH_TEXT;
    }
    this.readKeysFileDirective(statement, words, line, variables);
    this.assign(statement, language);
  }

  weaknesses(): LoginWeakness[] {
    return this.found;
  }

  /** Why the first content the bounds kept from the reading was left unread, if any was. */
  unread(): string | undefined {
    return this.unreadReason;
  }

  /**
   * The file a destination as written names, its variables filled in and, where relative, read from `folder` (where
   * its command stands, when known): a lone variable holding a long value is the value read where it was assigned;
   * `partial` when a value was left out of it.
   */
  private target(destination: string, folder: Folder): { facts: PathFacts; partial: boolean } {
    // A path Windows does not take (too long, or a step too long) names no file: the write fails.
    const long = this.longPathOf(unquoted(destination.trim()));
    if (long !== undefined) return { facts: long.facts, partial: long.partial && !long.noFile };
    const leftOut = newLeftOut();
    const facts = pathFacts(inFolder(this.expand(destination, leftOut), folder));
    return { facts, partial: leftOut.any && !noFile(leftOut) };
  }

  /** The long value a word that is one variable reference names, if it does. */
  private longPathOf(word: string): LongPath | undefined {
    if (this.longPaths.size === 0) return undefined;
    const m = REFERENCE_WORD.exec(word);
    return m ? this.longPaths.get(String(m[1] ?? m[2] ?? m[3]).toLowerCase()) : undefined;
  }

  /** `administrators` for the Administrators' file (or one sshd was pointed at), `profile` for a profile's keys. */
  private keysKind(facts: PathFacts): "administrators" | "profile" | undefined {
    if (facts.administrators || this.keysFiles.has(facts.normal)) return "administrators";
    return facts.profile ? "profile" : undefined;
  }

  /**
   * `AuthorizedKeysFile` written to sshd_config: the files it names hold keys sshd takes, one the script wrote
   * earlier included. A value from outside the script is a note.
   */
  private readKeysFileDirective(statement: string, words: string[], line: string, variables: WindowsVariables): void {
    const lowerWords = words.map((w) => w.toLowerCase());
    if (!lowerWords.some((w) => WRITERS.has(w) || w === ">") && !/\]::(?:write|append)all/i.test(statement)) return;
    const leftOut = newLeftOut();
    const own = this.expand(statement, leftOut);
    if (!SSHD_CONFIG.test(own) && !leftOut.sshdConfig) return;
    // A configuration held in a variable (a here-string) is written with it, within what a reading may add.
    const files = keysFilesIn(own);
    for (const value of variables.referencedValues(statement)) {
      const held = this.filesHeld(value);
      if (held.cost > this.expansionLeft) {
        this.unreadReason ??= `keys files named in variables written past ${EXPANSION_BUDGET >> 20} MB in all`;
        continue;
      }
      this.expansionLeft -= held.cost;
      appendAll(files, held.files);
    }
    for (const file of files) {
      if (FROM_OUTSIDE.test(file)) {
        const note = "the keys file written to sshd_config comes from outside the script";
        this.found.push({ kind: "root-authorized-keys", line, note, unverifiable: true });
        continue;
      }
      const path = normalPath(file);
      if (path === "" || isStockKeysFile(path)) continue;
      this.keysFiles.add(path);
      const earlier = this.written.get(path);
      if (earlier !== undefined) this.found.push({ kind: "root-authorized-keys", line: earlier });
      else if (this.dropped)
        this.unreadReason ??= `files written past ${MAX_DESTINATIONS} destinations, one maybe the keys file sshd is pointed at`;
    }
  }

  /** The keys files a variable's text names in AuthorizedKeysFile lines, each once: read once per assignment. */
  private filesHeld(value: VariableValue): { files: string[]; cost: number } {
    let held = this.heldFiles.get(value);
    if (held === undefined) {
      const files = [...new Set(keysFilesIn(value.text))];
      held = { files, cost: files.reduce((n, file) => n + file.length + 1, 0) };
      this.heldFiles.set(value, held);
    }
    return held;
  }

  /**
   * Remembers a variable's text (a path), its own variables filled in: a short one to fill into other texts, a longer
   * one, or one a value was left out of, read once here for the file it names (`LongPath`).
   */
  private assign(statement: string, language: WindowsLanguage): void {
    const m =
      language === "powershell"
        ? /^(?:\[[^\]]*\]\s*)?\$(?:(?:script|global|local|private):)?([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(
            statement,
          )
        : /^@?set\s+"?([^=\s"/]+)=([\s\S]*?)"?$/i.exec(statement);
    if (!m) return;
    const name = m[1].toLowerCase();
    // A copy of a long value (`$q = $p`) is that value.
    const copied = this.longPathOf(unquoted(m[2].trim()));
    // PowerShell's value of one plain string is its text, without the quotes (`"$d$n"` joins the texts).
    const string = language === "powershell" ? PLAIN_STRING.exec(m[2].trim()) : null;
    const leftOut = newLeftOut();
    const value = copied === undefined ? this.expand(string?.[2] ?? m[2], leftOut) : "";
    this.paths.delete(name);
    this.longPaths.delete(name);
    const sshdConfig = leftOut.sshdConfig || SSHD_CONFIG.test(value);
    // Without a value left out, the text is all there: its own steps tell whether it names a file, and a long one
    // may be a short path once its `.` and `..` steps are taken.
    const whole = leftOut.any ? undefined : value.length <= MAX_PATH_TEXT ? value : withoutDotSteps(value);
    if (whole !== undefined) leftOut.noFile = hasLongStep(whole);
    if (copied !== undefined) this.longPaths.set(name, copied);
    else if (whole !== undefined && whole.length <= MAX_PATH_TEXT)
      this.paths.set(name, { text: whole, sshdConfig, noFile: leftOut.noFile });
    else {
      const facts = pathFacts(value);
      this.longPaths.set(name, {
        facts,
        sshdConfig,
        partial: leftOut.any,
        length: leftOut.length,
        noFile: noFile(leftOut),
      });
    }
  }

  /**
   * The text with the variables the script set to short texts written in, once: no rescan of what is filled in, and
   * no more filled in than the text's own length and a path's, so a hostile `$a$a$a…` cannot make it quadratic. What
   * it leaves out (a long value, or one past that length) is told in `leftOut`.
   */
  private expand(text: string, leftOut?: LeftOut): string {
    if (leftOut !== undefined) leftOut.length = text.length;
    if (this.paths.size === 0 && this.longPaths.size === 0) return text;
    let budget = text.length + MAX_PATH_TEXT;
    return text.replace(/\$(?:\{([^{}$]*)\}|([A-Za-z_]\w*))|%([^%\s]+)%/g, (whole: string, braced, plain, batch) => {
      const name = String(braced ?? plain ?? batch).toLowerCase();
      const value = this.paths.get(name);
      const long = value === undefined ? this.longPaths.get(name) : undefined;
      if (leftOut !== undefined) {
        leftOut.length += (value?.text.length ?? long?.length ?? whole.length) - whole.length;
        leftOut.noFile ||= value?.noFile ?? long?.noFile ?? false;
      }
      if (long !== undefined && leftOut !== undefined) {
        leftOut.any = true;
        leftOut.sshdConfig ||= long.sshdConfig;
      }
      if (value === undefined) return whole;
      if (value.text.length > budget) {
        if (leftOut !== undefined) {
          leftOut.any = true;
          leftOut.sshdConfig ||= value.sshdConfig;
        }
        return whole;
      }
      budget -= value.text.length;
      return value.text;
    });
  }
}

/**
 * Where a statement writes files, as written (its variables not filled in): writers' paths, copies' and downloads'
 * destinations, redirections, .NET's writers and copiers.
 */
export function writtenPaths(statement: string, words: string[]): string[] {
  return namedDestinations(statement, words).map((named) => named.path);
}

/**
 * The files a statement's copies and moves (not robocopy's folders) take their text from, as written: what a copy
 * puts in place is its source's text.
 */
export function copiedFiles(words: string[]): string[] {
  const found: string[] = [];
  for (const { word, args } of windowsCommands(words)) {
    const name = unquoted(word).toLowerCase();
    if (COPIERS.has(name) && name !== "robocopy") appendAll(found, copyOperands(args).sources);
    const renamed = RENAMERS.has(name) ? renamedPath(args) : undefined;
    if (renamed !== undefined) found.push(renamed.from);
  }
  return found;
}

/** writtenPaths, each with the word its command starts at. */
function namedDestinations(statement: string, words: string[]): NamedPath[] {
  const found: NamedPath[] = [];
  let command: string[] = [];
  let start = 0;
  const finish = (next: number) => {
    for (const path of commandDestinations(command)) found.push({ path, at: start });
    command = [];
    start = next;
  };
  for (let i = 0; i < words.length; i++) {
    if (words[i] === ">") {
      if (words[i + 1] === ">") i++;
      if (i + 1 < words.length && !endsCommand(words[i + 1])) found.push({ path: words[++i], at: start });
    } else if (endsCommand(words[i])) finish(i + 1);
    else command.push(words[i]);
  }
  finish(words.length);
  for (const [call, argument] of DOTNET_WRITERS)
    for (const path of callArguments(call, statement, argument)) found.push({ path });
  for (const m of globalMatches(NEW_STREAMWRITER_WORD, statement)) found.push({ path: m[1] });
  return found;
}

/**
 * The folders a statement fills with files its text does not name, as written: a folder copied or moved (its
 * contents land in the destination, or it lands there under its own name, or becomes the destination when there is
 * none), files a wildcard picks, robocopy without a file list, an archive unpacked (Expand-Archive, ExtractToDirectory).
 * Copying a file named as one (`sshd_config`, `app.zip`) fills nothing: writtenPaths names where it lands.
 */
export function filledFolders(statement: string, words: string[]): string[] {
  return namedFolders(statement, words).map((named) => named.path);
}

/** filledFolders, each with the word its command starts at. */
function namedFolders(statement: string, words: string[]): NamedPath[] {
  const found: NamedPath[] = [];
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    if (i > start)
      for (const path of commandFolders(toolName(words[start]), words.slice(start + 1, i)))
        found.push({ path, at: start });
    start = i + 1;
  }
  for (const path of callArguments(DOTNET_EXTRACT, statement, 1)) found.push({ path });
  return found;
}

/**
 * The argument `index` (from 0) of each call `opener` finds in `text` (up to its parenthesis), trimmed: quotes (a
 * URL may hold a comma) and parentheses nested in it kept whole. One pass: each call's arguments are scanned to the
 * parenthesis closing them, and the next call looked for past them.
 */
function callArguments(opener: RegExp, text: string, index: number): string[] {
  const found: string[] = [];
  const from = opener.lastIndex;
  for (let m = opener.exec(text); m !== null; m = opener.exec(text)) {
    let start = m.index + m[0].length;
    let argument = 0;
    let depth = 0;
    let quote: string | undefined;
    let at = start;
    for (; at < text.length; at++) {
      const c = text[at];
      if (quote !== undefined) {
        // PowerShell escapes with a backtick in double quotes.
        if (c === "`" && quote === '"') at++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "(") depth++;
      else if (c === ")" && depth > 0) depth--;
      else if (c === ")" || (c === "," && depth === 0)) {
        if (argument === index || c === ")") break;
        argument++;
        start = at + 1;
      }
    }
    if (argument === index) found.push(text.slice(start, at).trim());
    opener.lastIndex = Math.max(at, opener.lastIndex);
  }
  opener.lastIndex = from;
  return found;
}

/** The folders one command fills with files it does not name (see filledFolders). */
function commandFolders(name: string, args: string[]): string[] {
  if (name === "tar") return tarFolders(args);
  if (name === "expand-archive") {
    const bound = boundArguments(args, EXPAND_VALUED, ["-path", "-destinationpath"]);
    const folder = bound.get("-destinationpath");
    if (folder !== undefined) return [folder];
    // Without a destination, a folder named after the archive where the command stands (`ssh.zip` → `.\ssh`).
    const archive = bound.get("-path") ?? bound.get("-literalpath");
    const stem = archive === undefined ? "" : baseName(archive).replace(/\.[^.]*$/, "");
    return stem === "" || /[$%*?]/.test(stem) ? [] : [`.\\${stem}`];
  }
  if (name === "robocopy") {
    // robocopy SOURCE DESTINATION [FILE…]: without a file, every file of the source; a wildcard, those it picks.
    const [, folder, ...files] = copyOperands(args).positional;
    return folder !== undefined && (files.length === 0 || files.some(picksKeys)) ? [folder] : [];
  }
  if (!COPIERS.has(name)) return [];
  const { destination, sources } = copyOperands(args);
  if (destination === undefined) return [];
  const lower = args.map((a) => a.toLowerCase());
  // Copy-Item -Recurse, xcopy /E or /S copy folders; a move takes a folder with it unasked.
  const recursive =
    MOVERS.has(name) || lower.some((a) => a === "-recurse" || (name === "xcopy" && (a === "/e" || a === "/s")));
  const folders: string[] = [];
  for (const source of sources) {
    // A folder written with a separator after it (`C:\temp\ssh\`) is named by its last step.
    const base = baseName(withoutTrailingSeparators(unquoted(source)));
    if (hasWildcard(base)) {
      if (picksKeys(base)) folders.push(destination);
    } else if (recursive && !NAMED_AS_FILE.test(base) && base !== "")
      folders.push(destination, `${unquoted(destination)}\\${base}`);
  }
  return [...new Set(folders)];
}

/**
 * tar.exe (bsdtar, shipped with Windows) extracting (`-xf A`, `xf A`, `--extract`): the folder `-C`/`--directory`
 * names, or without one `.`, where it stands.
 */
function tarFolders(args: string[]): string[] {
  let extracts = false;
  const folders: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = unquoted(args[i]);
    if (word === "--extract" || word === "--get" || (i === 0 && /^[a-z]*x[a-z]*$/i.test(word))) extracts = true;
    else if (/^-[a-z]+$/i.test(word) && !word.startsWith("--")) {
      if (word.includes("x")) extracts = true;
      // `-C DIR`, bundled last (`-xfC`? no: `-C` takes the next word wherever it is in the bundle's end).
      if (word.endsWith("C")) folders.push(args[++i] ?? "");
    } else if (/^--directory=/i.test(word)) folders.push(word.slice(word.indexOf("=") + 1));
    else if (word.toLowerCase() === "--directory" || word.toLowerCase() === "--cd") folders.push(args[++i] ?? "");
  }
  if (!extracts) return [];
  return folders.length === 0 ? ["."] : folders.filter((folder) => folder !== "");
}

/** Expand-Archive's parameters that take a value. */
const EXPAND_VALUED = new Set(["-path", "-literalpath", "-destinationpath"]);
/** Copiers that move: what they take, a folder included, is gone from where it was. */
const MOVERS = new Set(["move-item", "move", "mv", "mi"]);

/** A command's name without its folder or `.exe` (`C:\Windows\System32\certutil.exe` is certutil). */
function toolName(word: string): string {
  return commandName(word).replace(/\.exe$/, "");
}

/** The path without the separators it ends with, by a loop: `/[\\/]+$/` would try each run of them anew. */
function withoutTrailingSeparators(path: string): string {
  let end = path.length;
  while (end > 0 && (path[end - 1] === "\\" || path[end - 1] === "/")) end--;
  return path.slice(0, end);
}

function hasWildcard(word: string): boolean {
  return /[*?]/.test(word);
}

/**
 * Whether a wildcard may pick a keys file (`*`, `*keys`; cmd's and robocopy's `*.*` picks every file), not one
 * that cannot (`*.pub`, `ssh_host_*`).
 */
function picksKeys(word: string): boolean {
  const pattern = unquoted(word);
  if (!hasWildcard(pattern)) return false;
  return (
    pattern === "*.*" ||
    wildcardMatches(pattern, "administrators_authorized_keys") ||
    wildcardMatches(pattern, "authorized_keys")
  );
}

/** `certutil -urlcache [-split] [-f] URL FILE` and `certutil -decode IN FILE`: the file written. */
function certutilDestinations(args: string[]): string[] {
  const positional = args.filter((a) => !/^[-/]/.test(a));
  const writes = args.some((a) => /^[-/](?:urlcache|decode(?:hex)?)$/i.test(a));
  return writes && positional.length >= 2 ? [positional[1]] : [];
}

/**
 * `bitsadmin /transfer JOB [/download] [/priority P] REMOTE LOCAL [REMOTE LOCAL…]` and `bitsadmin /addfile JOB
 * REMOTE LOCAL`: each local file (an upload writes none).
 */
function bitsadminDestinations(args: string[]): string[] {
  const lower = args.map((a) => a.toLowerCase());
  const verb = lower.findIndex((a) => a === "/transfer" || a === "/addfile");
  if (verb < 0 || lower.includes("/upload")) return [];
  const positional: string[] = [];
  for (let i = verb + 1; i < args.length; i++) {
    if (lower[i] === "/priority" || lower[i] === "/aclflags") i++;
    else if (!lower[i].startsWith("/")) positional.push(args[i]);
  }
  // The job's name, then remote and local names in pairs.
  return positional.slice(1).filter((_, i) => i % 2 === 1);
}

function newLeftOut(): LeftOut {
  return { any: false, sshdConfig: false, length: 0, noFile: false };
}

/** A path as `folder` reads it: joined to it where relative (see RELATIVE), as it is where absolute or `folder` unknown. */
function inFolder(path: string, folder: Folder): string {
  if (folder === undefined) return path;
  const bare = unquoted(unquoted(path.trim()));
  return RELATIVE.test(bare) ? `${folder}\\${bare}` : path;
}

/** Whether a text filled in as `leftOut` tells names no file, however its values left out are filled in. */
function noFile(leftOut: LeftOut): boolean {
  return leftOut.noFile || leftOut.length > MAX_WINDOWS_PATH;
}

/** Whether a step of the path (between separators) is longer than a file's name may be. One pass. */
function hasLongStep(path: string): boolean {
  let step = 0;
  for (let i = 0; i < path.length; i++) {
    step = path[i] === "\\" || path[i] === "/" ? 0 : step + 1;
    if (step > MAX_PATH_STEP) return true;
  }
  return false;
}

/** A path's facts (see PathFacts), its `.` and `..` steps taken. */
function pathFacts(path: string): PathFacts {
  const stepped = withoutDotSteps(path);
  return {
    normal: normalPath(path),
    administrators: isAdministratorsKeys(stepped),
    profile: PROFILE_KEYS.test(stepped) && ADMIN_PROFILE.test(stepped),
  };
}

/**
 * The path with its `.` steps left out and each `..` taking the step before it, as Windows resolves them
 * (`C:\ProgramData\ssh\.\x\..\administrators_authorized_keys`); a `..` after a variable or `~` stays. One pass.
 */
function withoutDotSteps(path: string): string {
  if (!/(?:^|[\\/])\.{1,2}(?:[\\/]|$)/.test(path)) return path;
  const steps: string[] = [];
  for (const step of path.split(/[\\/]+/)) {
    if (step === ".") continue;
    const last = steps[steps.length - 1];
    if (step === ".." && last !== undefined && last !== ".." && !/[$%~:]/.test(last) && steps.length > 1) steps.pop();
    else steps.push(step);
  }
  return steps.join("\\");
}

/** The files one command (its words, no operators) writes: a writer's path, a copier's or downloader's destination. */
function commandDestinations(command: string[]): string[] {
  const name = unquoted(command[0] ?? "").toLowerCase();
  const args = command.slice(1);
  // New-Item without -Value makes an empty file: it plants nothing.
  if ((name === "new-item" || name === "ni") && !args.some((w) => w.toLowerCase().startsWith("-value"))) return [];
  if (WRITERS.has(name)) return writerPath(args);
  const native = NATIVE_WRITERS.get(toolName(command[0] ?? ""));
  if (native !== undefined) return native(args);
  // Start-BitsTransfer takes -Source and -Destination by position too.
  if (name === "start-bitstransfer") {
    const bound = boundArguments(args, BITS_VALUED, ["-source", "-destination"]);
    const destination = bound.get("-destination");
    return destination === undefined ? [] : [destination];
  }
  if (DOWNLOADERS.has(name)) return args.filter((_, i) => OUTPUT_PARAMETERS.has(previous(args, i)));
  if (RENAMERS.has(name)) {
    const renamed = renamedPath(args);
    return renamed === undefined ? [] : [renamed.to];
  }
  if (!COPIERS.has(name)) return [];
  const { positional, destination, sources } = copyOperands(args);
  if (name === "robocopy") {
    // robocopy SOURCE DESTINATION FILE…: each file lands in the destination folder.
    const [, folder, ...files] = positional;
    return folder === undefined ? [] : files.map((file) => `${unquoted(folder)}\\${baseName(file)}`);
  }
  if (destination === undefined || sources.length === 0) return [];
  // A folder destination receives the sources under their own names.
  return [destination, ...sources.map((source) => `${unquoted(destination)}\\${baseName(source)}`)];
}

/**
 * A rename's file and the path it takes: the new name (a name, or a path Rename-Item accepts only in the same folder)
 * in the file's folder. Undefined when either is missing.
 */
function renamedPath(args: string[]): { from: string; to: string } | undefined {
  const bound = boundArguments(args, RENAME_VALUED, ["-path", "-newname"]);
  const from = bound.get("-path") ?? bound.get("-literalpath");
  const name = bound.get("-newname");
  if (from === undefined || name === undefined || from === "" || name === "") return undefined;
  const bare = unquoted(from);
  const folder = bare.slice(0, Math.max(bare.lastIndexOf("\\"), bare.lastIndexOf("/")) + 1);
  return { from, to: `${folder}${baseName(name)}` };
}

/** A copy's operands: `-Destination`, else the last positional argument; `-Path`, `-LiteralPath` or the others. */
function copyOperands(args: string[]): { positional: string[]; destination?: string; sources: string[] } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i].toLowerCase();
    // Batch options (`/Y`) and switches take no value; PowerShell's other parameters take the next word.
    if (word.startsWith("/")) continue;
    if (!word.startsWith("-")) positional.push(args[i]);
    else if (COPY_VALUED.has(word)) named.set(word, args[++i] ?? "");
    else if (!SWITCHES.has(word) && !COPY_SWITCHES.has(word)) i++;
  }
  const path = named.get("-path") ?? named.get("-literalpath");
  const given = named.get("-destination");
  const last = positional.length > (path === undefined ? 1 : 0) ? positional.length - 1 : -1;
  const destination = given ?? (last < 0 ? undefined : positional[last]);
  const others = given === undefined && last >= 0 ? positional.slice(0, last) : positional;
  return { positional, destination, sources: path === undefined ? others : [path, ...others] };
}

/** The file a writer cmdlet writes: its path parameter (`-Path P`, `-Path:P`), else its first positional argument. */
function writerPath(args: string[]): string[] {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].toLowerCase();
    const colon = word.indexOf(":");
    if (colon > 0 && word.startsWith("-")) {
      if (PATH_PARAMETERS.has(word.slice(0, colon))) return [args[i].slice(colon + 1)];
    } else if (PATH_PARAMETERS.has(word)) return args[i + 1] === undefined ? [] : [args[i + 1]];
    else if (!word.startsWith("-")) positional.push(args[i]);
    else if (!SWITCHES.has(word)) i++;
  }
  return positional.slice(0, 1);
}

/** The Administrators' keys file: in an ssh folder, a folder the script does not spell, or the working one. */
function isAdministratorsKeys(path: string): boolean {
  const m = ADMINISTRATORS_KEYS.exec(path);
  if (!m) return false;
  const folder = unquoted(path.slice(0, m.index).trim()).replace(/^["']/, "");
  return !/[\\/]/.test(folder) || /ssh[\\/]+$/i.test(folder) || /[$%]/.test(folder);
}

/** Whether a `#` starts the line before `at` (blanks between): a commented-out directive. */
/** The files the AuthorizedKeysFile lines of `text` name, lines commented out skipped. */
function keysFilesIn(text: string): string[] {
  const files: string[] = [];
  for (const m of globalMatches(AUTHORIZED_KEYS_FILE, text))
    if (!commentedOut(text, m.index)) appendAll(files, m[1].trim().split(/\s+/));
  return files;
}

function commentedOut(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && (text[before] === " " || text[before] === "\t")) before--;
  return text[before] === "#";
}

function previous(args: string[], i: number): string {
  return i > 0 ? args[i - 1].toLowerCase() : "";
}

function baseName(path: string): string {
  const bare = unquoted(path);
  return bare.slice(Math.max(bare.lastIndexOf("\\"), bare.lastIndexOf("/")) + 1);
}

/**
 * A path as sshd and the file system compare it: no quotes, backslashes, case folded, ProgramData spelt out, `.` and
 * `..` steps taken.
 */
function normalPath(path: string): string {
  const normal = unquoted(unquoted(path.trim()))
    .toLowerCase()
    .replace(/__programdata__|\$env:programdata|\$\{env:programdata\}|%programdata%/g, "c:\\programdata")
    .replace(/\//g, "\\")
    .replace(/\\{2,}/g, "\\")
    .replace(/\\$/, "");
  return withoutDotSteps(normal).replace(/\\$/, "");
}

/** The stock keys files: the profile's own and the Administrators' file (already counted by name). */
function isStockKeysFile(path: string): boolean {
  return path === ".ssh\\authorized_keys" || path === "%h\\.ssh\\authorized_keys" || isAdministratorsKeys(path);
}
