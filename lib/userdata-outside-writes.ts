// The files a command fills with text, and where that text comes from: copies (cp, mv, install, ln, rsync, scp, a
// bind mount), downloads that write a file (curl -o, wget -O or -P, aws s3 cp/mv/sync, ossutil cp, aliyun oss cp,
// gsutil cp/rsync, gcloud storage cp), output redirections and tee or sponge, and archives extracted (tar -x -C,
// unzip -d). The origin is the files the text is read from, or text from outside whatever the files (a download, a
// program's output); none where the script spells the text itself (echo, a here-document, a decoder's input), which
// the other checks read. Whether a file's text is the script's own is for the caller to tell. A download named after
// a URL the script does not spell lands under that value's name, which the caller reads as any name. A repository
// cloned (`git clone URL DIR`) fills its folder as an archive extracted there does.
import { extractionOf } from "./userdata-archives";
import { cloneOf } from "./userdata-clones";
import { copyArguments, copyOperands } from "./userdata-copies";
import { decoderOf } from "./userdata-decoders";
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { hereDocuments } from "./userdata-heredoc";
import { inputWrite } from "./userdata-input-writers";
import { hereStrings, isPrinter } from "./userdata-printed";
import { normalPath } from "./userdata-sshd-paths";
import { isBareExec, optionValues, Word } from "./userdata-words";
import { withoutTrailingSlashesOrDot } from "./trailing-slashes";

/**
 * Files whose text lands (`via`: the command or archive they go through, for the note; `verbatim`: the text lands as
 * the files hold it, concatenated, as a copy or a plain cat writes it), or text named outright.
 */
export type Origin = { files: string[]; via?: string; verbatim?: boolean; link?: boolean } | { described: string };

/** A file or folder a command fills, and where the text comes from (undefined: the script spells it). */
export interface Fill {
  path: string;
  append: boolean;
  origin?: Origin;
  /**
   * The command makes `path` a folder of its own (a repository cloned): it fills no file of that name, only the
   * folder's files, so it counts where `path` is a folder sshd reads.
   */
  newFolder?: boolean;
}

/** Folders a file copied without a new name lands in: sshd's configuration folders, and /etc for the account files. */
const FOLDERS = new Set(["/etc", "/etc/ssh", "/etc/ssh/sshd_config.d", "/usr/etc/ssh"]);
/** Names of standard input as a file: what it feeds is read where it is spelt. */
const STDIN = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);
/**
 * Commands that write nothing, or only what the reader reads elsewhere: `: > f` empties f, sshd -T prints the
 * configuration it reads, and a group or block redirected (`} > f`) is read as its commands' output is.
 */
const SPELT = new Set(["", ":", "true", "sshd", "}", ")", "done", "fi", "esac"]);
/** A short option, whose value the next word may be (`awk -f prog`, `sort -o out`): no file read. */
const OPTION = /^-[A-Za-z]$/;
/** A program's name, as a command's first word spells it. */
const COMMAND_NAME = /^[\w./+-]+$/;
/** Commands whose output is what they read, filtered: their files, or their input. */
const FILTERS = new Set([
  ...["cat", "tac", "sed", "awk", "gawk", "mawk", "nawk", "perl", "grep", "egrep", "fgrep", "envsubst", "dd"],
  ...["sort", "uniq", "head", "tail", "tr", "cut", "tee", "sponge", "column", "fold", "nl", "paste", "expand"],
]);
/** Commands that download. */
const DOWNLOADERS = new Set(["curl", "wget", "aws", "gsutil", "gcloud", "ossutil", "ossutil64", "aliyun"]);
/** Filters whose output is what they read, unchanged: plain cat, tee and sponge passing their input on. */
const PASS_THROUGH = new Set(["cat", "tee", "sponge"]);
/** Copies that write a file's text whole where they put it. */
const WHOLE_COPIES = new Set(["cp", "mv", "install", "rsync"]);
/** dd's operands that change nothing of what it copies. */
const DD_PLAIN = /^(?:if|of|bs|status)=/;
/** A remote object or URL. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*):\/\//i;
/** A value the shell or a template fills in when it runs: `$SRC`, a command's output, `{{ src }}`. */
const UNKNOWN = /[$`]|\{\{/;
/** wget's and curl's long options whose value is the next word, so that it is not read as a URL. */
const LONG_VALUES = new Set([
  ...["--output-document", "--directory-prefix", "--output-file", "--append-output", "--header", "--user"],
  ...["--password", "--user-agent", "--referer", "--output", "--output-dir", "--data", "--url"],
]);
/** Short options that take a value: curl's, wget's (a group reaching one ends there). */
const CURL_VALUES = "AbcCdDeEFHKmoPQrtTuUwxXyYz";
const WGET_VALUES = "aABDeiIlOoPQRtTUwX";
/** Output redirections of standard output, and whether each appends. */
const REDIRECTS: Record<string, boolean> = { ">": false, ">|": false, "&>": false, ">>": true, "&>>": true };

/**
 * What command `i` of a line fills, with where the text comes from; `ownCommand`: a function the script defines, whose
 * output is its commands', read where they run.
 */
export function fills(commands: ParsedCommand[], i: number, ownCommand: (name: string) => boolean): Fill[] {
  const parsed = commands[i];
  if (isBareExec(parsed.words)) return [];
  const found = [
    ...redirected(commands, i, ownCommand),
    ...inputWritten(commands, i, ownCommand),
    ...copied(parsed),
    ...downloaded(parsed),
  ];
  const archive = extractionOf(parsed.name, parsed.args);
  if (archive) {
    const { folder, file } = archive;
    const piped = file === undefined || STDIN.has(file);
    const origin = piped ? inputOrigin(commands, i, ownCommand) : { files: [file] };
    found.push({ path: folder, append: false, origin: origin && { ...origin, via: "the archive" } });
  }
  const clone = cloneOf(parsed.name, parsed.args);
  if (clone)
    found.push({
      path: clone.folder,
      append: false,
      origin: { described: `the repository ${clone.repository}` },
      newFolder: true,
    });
  return found;
}

/** `cmd > f`, `cmd >> f`: what the command prints. */
function redirected(commands: ParsedCommand[], i: number, ownCommand: (name: string) => boolean): Fill[] {
  const { words } = commands[i];
  const targets = stdoutTargets(words);
  if (targets.length === 0) return [];
  const origin = outputOrigin(commands, i, ownCommand);
  return targets.map(({ path, append }) => ({ path, append, origin }));
}

/** tee, sponge, `dd of=`, `cp /dev/stdin f`: what the command reads. */
function inputWritten(commands: ParsedCommand[], i: number, ownCommand: (name: string) => boolean): Fill[] {
  const parsed = commands[i];
  const { name, args } = parsed;
  const writes = inputWrite(parsed);
  const files = writes ? writes.files.filter((f) => f !== "-" && f !== "/dev/stdout") : [];
  if (name === "dd") for (const a of args) if (a.startsWith("of=")) files.push(a.slice(3));
  const copy = name === "cp" || name === "install" ? copyOperands(name, copyArguments(name, args)) : undefined;
  if (copy?.sources.length === 1 && STDIN.has(copy.sources[0])) files.push(copy.destination);
  if (files.length === 0) return [];
  const ddFrom = name === "dd" ? args.find((a) => a.startsWith("if=")) : undefined;
  const read =
    ddFrom === undefined ? inputOrigin(commands, i, ownCommand) : { files: [ddFrom.slice(3)], verbatim: true };
  // dd copies its input whole only without options that skip, convert or append (`conv=notrunc`, `oflag=append`).
  const plain = name !== "dd" || args.every((a) => DD_PLAIN.test(a));
  const origin = read && "files" in read ? { ...read, verbatim: plain && read.verbatim === true } : read;
  return files.map((path) => ({ path, append: writes?.appends === true, origin }));
}

/**
 * cp, mv, install, ln, rsync, scp, a bind mount: each source where it lands. A link shows its target's text (`link`),
 * and a symbolic link's relative target is found from the link's folder, not from where the script stands.
 */
function copied({ name, args }: ParsedCommand): Fill[] {
  const link = name === "ln";
  const verbatim = WHOLE_COPIES.has(name) || link;
  // `ln -sr` names its target from where the script stands, as a copy does, and writes it relative itself.
  const symbolic = link && hasFlag(args, "--symbolic", "s") && !hasFlag(args, "--relative", "r");
  const operands = copyArguments(name, args);
  const copy = copyOperands(name, operands);
  if (!copy) return [];
  const named = (copy.folders?.operands ?? copy.sources).filter((s) => !STDIN.has(s));
  const last = operands.filter((a) => !a.startsWith("-")).pop();
  // Several sources, or `-t dir`, go into the destination as a folder.
  const into = isFolder(copy.destination) || named.length > 1 || last !== copy.destination;
  const contents = copy.folders?.contentsOnly === true;
  return named.map((source) => {
    const path = into && !contents ? inFolder(copy.destination, source) : copy.destination;
    const file = symbolic ? linkTarget(path, source) : source;
    return { path, append: false, origin: source === "/dev/null" ? undefined : { files: [file], verbatim, link } };
  });
}

/** Whether `args` hold the long option, or the short one alone or in a group of letters. */
function hasFlag(args: string[], long: string, letter: string): boolean {
  return args.some((a) => a === long || (/^-[A-Za-z]+$/.test(a) && a.includes(letter)));
}

/** The file a symbolic link at `path` points to: a relative target is named from the link's folder (`..` climbs). */
function linkTarget(path: string, target: string): string {
  const folder = path.lastIndexOf("/");
  if (/^[/~$]/.test(target) || folder < 0) return target;
  if (!path.startsWith("/")) return `${path.slice(0, folder + 1)}${target}`;
  const parts = path.slice(0, folder).split("/");
  for (const part of target.split("/"))
    if (part === "..") parts.length = Math.max(parts.length - 1, 1);
    else if (part !== "." && part !== "") parts.push(part);
  return parts.join("/") || "/";
}

/** A download written to a file: curl, wget, and the object stores' copy commands. */
function downloaded(parsed: ParsedCommand): Fill[] {
  const { name, args } = parsed;
  if (!DOWNLOADERS.has(name)) return [];
  const url = args.find((a) => REMOTE.test(a));
  const origin = downloadOrigin(args);
  const at = (path: string) => ({ path, append: false, origin });
  if (name === "curl") {
    const outputs = optionValues(args, "-o", "--output", CURL_VALUES).filter((f) => f !== "-");
    const remoteName = args.some((a) => a === "--remote-name" || /^-[A-Za-z]*O/.test(a));
    const folder = optionValues(args, "--output-dir", "--output-dir", "")[0] ?? ".";
    if (remoteName) outputs.push(url !== undefined ? inFolder(folder, url) : unknownName(folder, args, CURL_VALUES));
    return outputs.filter((f) => f !== "").map(at);
  }
  if (name === "wget") {
    const named = optionValues(args, "-O", "--output-document", WGET_VALUES);
    const prefix = optionValues(args, "-P", "--directory-prefix", WGET_VALUES)[0] ?? ".";
    // Without -O, wget names the file after the URL, in its prefix or where the script stands.
    if (named.length === 0)
      named.push(url !== undefined ? inFolder(prefix, url) : unknownName(prefix, args, WGET_VALUES));
    return named.filter((f) => f !== "-" && f !== "").map(at);
  }
  const copy = storeCopy(parsed);
  if (!copy) return [];
  const { source, destination, recursive } = copy;
  const path = recursive ? destination : isFolder(destination) ? inFolder(destination, source) : destination;
  return [{ path, append: false, origin: { described: `a download of ${source}` } }];
}

/**
 * Where a download named after a URL the script does not spell (`wget -P /etc/ssh "$SRC"`) lands: in the folder,
 * under the URL's last part, which the caller reads as any name where it is unknown; "" when no operand is such a URL.
 */
function unknownName(folder: string, args: string[], valueLetters: string): string {
  const url = operands(args, valueLetters).find((a) => UNKNOWN.test(a));
  return url === undefined ? "" : inFolder(folder, url);
}

/** A downloader's operands: no option, nor an option's value. */
function operands(args: string[], valueLetters: string): string[] {
  const found: string[] = [];
  for (let j = 0; j < args.length; j++) {
    const a = args[j];
    if (a === "--") return [...found, ...args.slice(j + 1)];
    if (a.startsWith("--")) j += LONG_VALUES.has(a) ? 1 : 0;
    else if (a.length > 1 && a.startsWith("-")) j += valueLetters.includes(a[a.length - 1]) ? 1 : 0;
    else found.push(a);
  }
  return found;
}

function downloadOrigin(args: string[]): Origin {
  const url = args.find((a) => REMOTE.test(a));
  return { described: url === undefined ? "a download" : `a download of ${url}` };
}

/** Object stores' subcommands that copy, and those that copy folders whole. */
const STORE_COPIES = new Set(["cp", "mv", "sync", "rsync"]);
const STORE_SYNCS = new Set(["sync", "rsync"]);

/**
 * `aws s3 cp s3://b/k dest`, `ossutil64 cp oss://b/k dest`, `aliyun oss cp …`, `gsutil -m cp gs://b/k dest`,
 * `gcloud storage cp …`: the remote source and the local destination; undefined for an upload or another command.
 */
function storeCopy({
  name,
  args,
}: ParsedCommand): { source: string; destination: string; recursive: boolean } | undefined {
  const group = name === "aws" ? "s3" : name === "aliyun" ? "oss" : name === "gcloud" ? "storage" : undefined;
  const from = group === undefined ? 0 : args.indexOf(group) + 1;
  if (group !== undefined && from === 0) return undefined;
  const at = args.findIndex((a, j) => j >= from && !a.startsWith("-"));
  if (at < 0 || !STORE_COPIES.has(args[at])) return undefined;
  const rest = args.slice(at + 1);
  // A source the script does not spell (`aws s3 cp "$OBJ" /etc/ssh/`) is remote when the destination is local.
  const first = rest.findIndex((a) => !a.startsWith("-"));
  const unknown = first >= 0 && UNKNOWN.test(rest[first]) ? first : -1;
  const url = rest.findIndex((a) => REMOTE.test(a));
  const remote = url >= 0 ? url : unknown;
  const destination = remote < 0 ? undefined : rest.slice(remote + 1).find((a) => !a.startsWith("-"));
  if (destination === undefined || REMOTE.test(destination) || destination === "-") return undefined;
  const recursive = STORE_SYNCS.has(args[at]) || rest.some((a) => a === "--recursive" || /^-[A-Za-z]*[rR]$/.test(a));
  return { source: rest[remote], destination, recursive };
}

/** What each command of a line prints, once worked out: a long pipeline is followed back once, not per stage. */
const OUTPUTS = new WeakMap<ParsedCommand, Origin | null>();

/**
 * Where a command's output comes from: what it reads when it filters (its files, or back up its pipe), else the
 * command itself. Followed back in a loop: a pipeline may be long.
 */
function outputOrigin(commands: ParsedCommand[], i: number, ownCommand: (name: string) => boolean): Origin | undefined {
  const filters: ParsedCommand[] = [];
  let origin: Origin | undefined;
  for (let j = i; ; j--) {
    const parsed = commands[j];
    const known = OUTPUTS.get(parsed);
    if (known !== undefined) {
      origin = known ?? undefined;
      break;
    }
    const own = ownOutput(parsed, ownCommand);
    if (own !== PIPE) {
      origin = own;
      OUTPUTS.set(parsed, own ?? null);
      break;
    }
    if (!parsed.command.piped || j === 0) {
      OUTPUTS.set(parsed, null);
      break;
    }
    filters.push(parsed);
  }
  // Back down the pipe, the files named as read through the first filter after them; verbatim while each passes them
  // on as they are.
  for (let k = filters.length - 1; k >= 0; k--) {
    if (origin && "files" in origin && (origin.via === undefined || (origin.verbatim && !passesOn(filters[k]))))
      origin = {
        files: origin.files,
        via: origin.via ?? `the output of ${filters[k].name}`,
        verbatim: passesOn(filters[k]) && origin.verbatim,
      };
    OUTPUTS.set(filters[k], origin ?? null);
  }
  return origin;
}

/** A filter that reads only its pipe. */
const PIPE = Symbol("pipe");

/** What a command prints, by itself: PIPE when it passes on what its pipe brings. */
function ownOutput(parsed: ParsedCommand, ownCommand: (name: string) => boolean): Origin | undefined | typeof PIPE {
  const { name, args, words } = parsed;
  if (SPELT.has(name) || isPrinter(name) || decoderOf(parsed) || ownCommand(name)) return undefined;
  if (DOWNLOADERS.has(name)) return downloadOrigin(args);
  // A word no program is named by (`*` of a crontab line run as a script) prints nothing the reader can name.
  if (!FILTERS.has(name)) return COMMAND_NAME.test(name) ? { described: `the output of ${name}` } : undefined;
  const files = inputFiles(parsed);
  if (files.length > 0) return { files, via: `the output of ${name}`, verbatim: passesOn(parsed) };
  // Here-documents and here-strings are read where they are spelt.
  return hereDocuments(words).length > 0 || hereStrings(words).length > 0 ? undefined : PIPE;
}

/** Where what a command reads comes from: `< f`, the command piping to it, or the script's own text or input. */
function inputOrigin(commands: ParsedCommand[], i: number, ownCommand: (name: string) => boolean): Origin | undefined {
  const { words, command } = commands[i];
  if (hereDocuments(words).length > 0 || hereStrings(words).length > 0) return undefined;
  const from = stdinSources(words);
  if (from.length > 0) return { files: from, verbatim: true };
  return command.piped && i > 0 ? outputOrigin(commands, i - 1, ownCommand) : undefined;
}

/** The files a filter reads: cat's operands, a stream editor's files, else the paths it names, and `< f`. */
function inputFiles(parsed: ParsedCommand): string[] {
  const { name, args, words } = parsed;
  // tee and sponge name the files they write, not read.
  if (inputWrite(parsed)) return stdinSources(words);
  const operands =
    name === "cat" || name === "tac"
      ? args.filter((a) => !a.startsWith("-") || a === "-")
      : name === "dd"
        ? args.filter((a) => a.startsWith("if=")).map((a) => a.slice(3))
        : (streamEdit(name, args)?.files ?? args.filter((a, j) => /^[/~]/.test(a) && !OPTION.test(args[j - 1] ?? "")));
  return [...operands.filter((f) => !STDIN.has(f)), ...stdinSources(words)];
}

/** A filter that prints what it reads as it is: cat with no option (`-n` numbers the lines), tee, sponge. */
function passesOn({ name, args }: ParsedCommand): boolean {
  return PASS_THROUGH.has(name) && (name !== "cat" || args.every((a) => !a.startsWith("-")));
}

function stdinSources(words: Word[]): string[] {
  const files: string[] = [];
  for (let j = 0; j + 1 < words.length; j++)
    if (words[j].op === "<" && (words[j].fd === undefined || words[j].fd === 0)) files.push(words[j + 1].text);
  return files;
}

function stdoutTargets(words: Word[]): { path: string; append: boolean }[] {
  const targets: { path: string; append: boolean }[] = [];
  for (let j = 0; j + 1 < words.length; j++) {
    const { op, fd } = words[j];
    if (op === undefined || !(op in REDIRECTS) || (fd !== undefined && fd !== 1)) continue;
    targets.push({ path: words[j + 1].text, append: REDIRECTS[op] });
  }
  return targets;
}

/** A destination named as a folder (`dir/`, `dir/.`) or one of the folders a copy lands in unrenamed. */
function isFolder(path: string): boolean {
  return /\/\.?$/.test(path) || FOLDERS.has(normalPath(path));
}

/** Where `source` lands in `folder`, under its own name. */
function inFolder(folder: string, source: string): string {
  const path = REMOTE.test(source) ? source.replace(/[?#].*$/, "") : source;
  const name = withoutTrailingSlashesOrDot(path);
  return `${withoutTrailingSlashesOrDot(folder)}/${name.slice(name.lastIndexOf("/") + 1)}`;
}
