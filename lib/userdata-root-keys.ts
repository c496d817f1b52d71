// Whether a command writes root's authorized_keys. Only the destination counts: copying root's keys elsewhere,
// counting them or truncating them plants nothing.
import { extractionOf } from "./userdata-archives";
import { cloneOf } from "./userdata-clones";
import { Copy, copyOperands, FolderCopy } from "./userdata-copies";
import { streamEdit } from "./userdata-editors";
import { writtenText } from "./userdata-sed-edits";
import { ParsedCommand } from "./userdata-destinations";
import { inputWrite } from "./userdata-input-writers";
import { isBareExec, isWriteRedirection, optionValues, Word } from "./userdata-words";
import { ownValue } from "./own-value";
import { otherUser } from "./userdata-run-as";
import { fromStanding } from "./userdata-working-directory";
import { globMayMatch, mayNamePath } from "./userdata-path-patterns";
import { resolvedPath } from "./userdata-sshd-paths";
import { withoutTrailingSlashes } from "./trailing-slashes";

/** Root's home spelt out, or reached through `~` or $HOME: user data runs as root. */
const ROOT_HOME = String.raw`(?:/root|~root|~|\$HOME|\$\{HOME\})/+\.ssh`;
const ROOT_KEYS = new RegExp(String.raw`^${ROOT_HOME}/+authorized_keys2?$`);
const ROOT_SSH = new RegExp(String.raw`^${ROOT_HOME}/*$`);
/**
 * Repeated slashes (`//root/.ssh`, which Linux reads as `/root/.ssh`), `.` and `..` steps (`/root/./.ssh`,
 * `/home/x/../../root/.ssh`): the kernel resolves them, so the test does too.
 */
const resolvedTest =
  (pattern: RegExp) =>
  (path: string): boolean => {
    if (pattern.test(path)) return true;
    const resolved = resolvedPath(path);
    return resolved !== path && pattern.test(resolved);
  };
const ROOT_SSH_DIR = { test: resolvedTest(ROOT_SSH) };
const ROOT_HOME_DIR = { test: resolvedTest(/^(?:\/root|~root|~|\$HOME|\$\{HOME\})\/*$/) };
const KEYS_FILE = /(?:^|\/)authorized_keys2?$/;

const isRootKeys = resolvedTest(ROOT_KEYS);

export function isRootKeysPath(path: string): boolean {
  return isRootKeys(path);
}

/**
 * A keys file under a home the script does not know (`"$H/.ssh/authorized_keys"`, `$(getent passwd x | cut -d:
 * -f6)/.ssh/…`, a loop's unknown word): the value comes from outside the script and may be root's home.
 */
const KEYS_UNDER_UNKNOWN_HOME = /^(?:\$[A-Za-z_]\w*|\$\d|\$\{[^}]*\}|\$\([^]*\)|`[^`]*`)\/+\.ssh\/+authorized_keys2?$/;

/** Why such a write is reported: whose home it is is decided outside the script. */
export const UNKNOWN_HOME_NOTE =
  "the home directory comes from outside the script and may be root's: write the path out (e.g. /home/ubuntu/.ssh/authorized_keys)";

export function isKeysUnderUnknownHome(path: string): boolean {
  return KEYS_UNDER_UNKNOWN_HOME.test(path) && !isRootKeys(path);
}

/** Commands that write nothing through a redirection: `: > file` truncates it. */
const EMPTY = new Set(["", ":", "true"]);
/** Short options that take a value, by command: in a group (`-Ho x`) such a letter takes the rest of the word. */
const CURL_VALUES = "AbcCdDeEFHKmoPQrtTuUwxXyYz";
const WGET_VALUES = "aABDeiIloOPQRtTUX";

/** Whether a path is root's keys: the stock ones, or others sshd is told to read (see userdata-keys-files). */
export type RootKeysTest = (path: string) => boolean;

/**
 * Whether the command writes root's authorized_keys; `user`: the account the script runs as, when not root;
 * `directory`: where the script stands, when known, for a folder named relative to it (`tar xf k.tar` in root's .ssh).
 */
export function writesRootKeys(
  parsed: ParsedCommand,
  isKeysNamed: RootKeysTest = isRootKeysPath,
  user?: string,
  directory?: string,
): boolean {
  const { words, name, args } = parsed;
  const isKeys = namingKeys(isKeysNamed, directory);
  // A command that writes nothing truncates the file; a bare `exec` sends every later command's output there.
  if ((!EMPTY.has(name) || isBareExec(words)) && redirectsToRootKeys(words, isKeys)) return true;
  const writes = inputWrite(parsed);
  if (writes) return writes.files.some(isKeys);
  const copy = copyOperands(name, args);
  if (copy) return copiesToRootKeys(copy, isKeys, name === "mv");
  // An archive extracted, or a repository checked out, into root's .ssh: what it holds is not in the text, as a
  // folder copied there (`cp -r`) is not, and counts as a folder copied there does.
  const filled = extractionOf(name, args)?.folder ?? cloneOf(name, args)?.folder;
  if (filled !== undefined) return ROOT_SSH_DIR.test(fromStanding(filled, directory));
  if (name === "curl") return optionValues(args, "-o", "--output", CURL_VALUES).some(isKeys);
  if (name === "wget") return optionValues(args, "-O", "--output-document", WGET_VALUES).some(isKeys);
  if (name === "dd") return args.some((a) => a.startsWith("of=") && isKeys(a.slice(3)));
  // `ssh-copy-id root@host` appends to root's keys on the host (this one, or another of the fleet).
  if (name === "ssh-copy-id") return args.some((a) => /^root@/.test(a));
  if (IMPORTERS.has(name)) return importsRootKeys(parsed, isKeys, user);
  if (STORAGE_CLIS.has(name)) return downloadsRootKeys(args, isKeys);
  return editsRootKeys(name, args, isKeys) || codeWritesRootKeys(name, args);
}

/** Root's keys as spelt outright, for a pattern to be matched against (see namingKeys). */
const ROOT_KEYS_SPELT = ["/root", "~root", "~", "$HOME", "${HOME}"].flatMap((home) => [
  `${home}/.ssh/authorized_keys`,
  `${home}/.ssh/authorized_keys2`,
]);

/**
 * A destination as the shell reads it: a relative name from where the script stands (`cd //root/.ssh`, however
 * the directory was spelt), and a word the shell expands (`/root/.ssh/{authorized_keys,authorized_keys2}`,
 * `/root/.ssh/auth*`) for any file it may name: a write there may land in root's keys.
 */
function namingKeys(isKeys: RootKeysTest, directory: string | undefined): RootKeysTest {
  return (word) => mayNamePath(fromStanding(word, directory), isKeys, ROOT_KEYS_SPELT);
}

/** Ubuntu's key importers: they add the keys a GitHub or Launchpad account publishes to the running account's keys. */
const IMPORTERS = new Set(["ssh-import-id", "ssh-import-id-gh", "ssh-import-id-lp"]);

/**
 * `ssh-import-id gh:someone` run as root (as user data is) plants keys for root; `-o FILE` writes FILE instead, and
 * `-r` removes keys. Run as another account (`sudo -u ops`, `su - ops -c`), it adds that account's keys.
 */
function importsRootKeys(parsed: ParsedCommand, isKeys: RootKeysTest, user: string | undefined): boolean {
  const { args } = parsed;
  if (args.some((a) => a === "-r" || a === "--remove")) return false;
  const output = optionValues(args, "-o", "--output", "ou");
  if (output.length > 0) return output.some(isKeys);
  return user === undefined && otherUser(parsed) === undefined;
}

/** Object storage clients whose copy commands take the source first, then the destination. */
const STORAGE_CLIS = new Set(["aws", "ossutil", "ossutil64", "aliyun", "gsutil", "gcloud"]);
const BUCKET_URL = /^(?:s3|oss|gs):\/\//;

/**
 * `aws s3 cp s3://bucket/keys /root/.ssh/authorized_keys`, `ossutil cp oss://… /root/.ssh/`: root's keys (or .ssh)
 * named after a bucket's object is where the object lands; named before it, they are what is uploaded.
 */
function downloadsRootKeys(args: string[], isKeys: RootKeysTest): boolean {
  const bucket = args.findIndex((a) => BUCKET_URL.test(a));
  return bucket >= 0 && args.slice(bucket + 1).some((a) => isKeys(a) || ROOT_SSH_DIR.test(a));
}

/** `sed -i SCRIPT FILE…` (or `perl -pi -e …`) on root's keys that writes text; a deletion plants nothing. */
function editsRootKeys(name: string, args: string[], isKeys: RootKeysTest): boolean {
  const edit = streamEdit(name, args);
  return edit !== undefined && edit.inPlace && edit.files.some(isKeys) && writtenText(edit.script).trim() !== "";
}

/** Interpreters given code on the command line, and the letters of the options that give it. */
const INLINE_CODE: Record<string, string> = {
  python: "c",
  python2: "c",
  python3: "c",
  perl: "eE",
  ruby: "e",
  node: "e",
  php: "r",
};
/** Root's keys named in code, `~` expanded or not (`os.path.expanduser('~/.ssh/authorized_keys')`). */
const KEYS_IN_CODE = /(?:\/root|~|\$HOME|\$\{HOME\})\/+\.ssh\/+authorized_keys2?\b/;
/** What opens a file for writing or writes one, in those languages. */
const WRITES_IN_CODE = /write|append|['"][wa]\+?b?['"]|['"]\+?>/i;

/** The name without its version (`python3.11`, `ruby3.2`: python, ruby), but for a bare 2 or 3 (python2, python3). */
function interpreterName(name: string): string {
  // Most commands end in a letter: no version to take away.
  const last = name.charCodeAt(name.length - 1);
  if (!(last >= 48 && last <= 57)) return name;
  return name.replace(/\d+(?:\.\d+)*$/, (v) => (v === "2" || v === "3" ? v : ""));
}

/** `python3 -c "open('/root/.ssh/authorized_keys','a').write(…)"` and the like. */
function codeWritesRootKeys(name: string, args: string[]): boolean {
  const letters = ownValue(INLINE_CODE, interpreterName(name));
  // The option, maybe after others in its group (`perl -le`).
  const at =
    letters === undefined ? -1 : args.findIndex((a) => /^-[A-Za-z]+$/.test(a) && letters.includes(a.slice(-1)));
  const code = at < 0 ? undefined : args[at + 1];
  return code !== undefined && KEYS_IN_CODE.test(code) && WRITES_IN_CODE.test(code);
}

function redirectsToRootKeys(words: Word[], isKeys: RootKeysTest): boolean {
  return words.some((w, i) => isWriteRedirection(w.op) && isKeys(words[i + 1]?.text ?? ""));
}

/**
 * A copy whose destination is root's keys, or root's .ssh for a file named so. What a folder holds is not in the
 * text, so a folder copied into root's .ssh counts as planting keys: it lands inside the .ssh, or becomes it when
 * there is none yet (a container image's root often has none). mv moves a folder unasked (`moved`): any source not
 * named as a file may be one. Copied into root's home, it counts when it may be a .ssh, or when its contents land
 * there (`cp -rT`, `dir/.`, rsync's `dir/`).
 */
function copiesToRootKeys({ sources, destination, folders }: Copy, isKeys: RootKeysTest, moved: boolean): boolean {
  if (isKeys(destination)) return true;
  if (ROOT_SSH_DIR.test(destination))
    return (
      sources.some((s) => KEYS_FILE.test(s)) ||
      folders?.explicit === true ||
      isLinkBecoming(destination, folders) ||
      (moved && (folders?.operands ?? []).some((s) => s !== destination && !namedAsFile(s)))
    );
  return (
    folders !== undefined &&
    ROOT_HOME_DIR.test(destination) &&
    (folders.contentsOnly || folders.operands.some(mayBeSshFolder))
  );
}

/** A link named root's .ssh itself (no slash after it), which becomes the .ssh where there is none. */
function isLinkBecoming(destination: string, folders: FolderCopy | undefined): boolean {
  return folders?.mayBecomeDestination === true && !destination.endsWith("/");
}

/** The files ssh keeps in a .ssh besides the keys: moved there, they are files, not folders of keys. */
const SSH_FILES = new Set(["known_hosts", "known_hosts2", "config", "environment", "rc", "authorized_principals"]);
/** An extension a file name ends in (`.pub`, `.pem`, `.tar.gz`), but `.d`, which names folders. */
const EXTENSION = /^\w{1,5}$/;

/**
 * A source whose name says it is a file: a key (`id_ed25519`), another of ssh's files, or a name with an extension
 * (`deploy.pem`, `*.pub`). A folder's name seldom has one, `.d` aside; a dot file (`.ssh`) has none.
 */
function namedAsFile(source: string): boolean {
  const name = source.slice(source.lastIndexOf("/") + 1);
  if (SSH_FILES.has(name) || name.startsWith("id_")) return true;
  const dot = name.lastIndexOf(".");
  const extension = name.slice(dot + 1);
  return dot > 0 && extension !== "d" && EXTENSION.test(extension);
}

/** A source named .ssh, or a pattern that may match it (bash's with dotglob set; AWSTOE's matches leading dots). */
function mayBeSshFolder(source: string): boolean {
  const name = withoutTrailingSlashes(source).split("/").pop() ?? "";
  return name === ".ssh" || (/[*?[]/.test(name) && globMayMatch(name, ".ssh"));
}
