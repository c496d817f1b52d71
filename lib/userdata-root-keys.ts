// Whether a command writes root's authorized_keys. Only the destination counts: copying root's keys elsewhere,
// counting them or truncating them plants nothing.
import { sedReplacements } from "./userdata-sed";
import { argumentsOf, commandName, isBareExec, Word } from "./userdata-words";

/** Root's home spelt out, or reached through `~` or $HOME: user data runs as root. */
const ROOT_HOME = String.raw`(?:/root|~root|~|\$HOME|\$\{HOME\})/+\.ssh`;
const ROOT_KEYS = new RegExp(String.raw`^${ROOT_HOME}/+authorized_keys2?$`);
const ROOT_SSH_DIR = new RegExp(String.raw`^${ROOT_HOME}/*$`);
const KEYS_FILE = /(?:^|\/)authorized_keys2?$/;

export function isRootKeysPath(path: string): boolean {
  return ROOT_KEYS.test(path);
}

const WRITES = new Set([">", ">>", "&>", "&>>", ">|", "<>"]);
/** Commands that write nothing through a redirection: `: > file` truncates it. */
const EMPTY = new Set(["", ":", "true"]);
/** Commands whose last argument is where they put their sources. */
const COPIES = new Set(["cp", "mv", "install", "ln", "rsync", "scp"]);
/** Those whose `-t` names the destination directory (rsync's `-t` keeps times, scp's is internal). */
const TARGET_OPTION = new Set(["cp", "mv", "install", "ln"]);
/** Short options that take a value, by command: in a group (`-Ho x`) such a letter takes the rest of the word. */
const CURL_VALUES = "AbcCdDeEFHKmoPQrtTuUwxXyYz";
const WGET_VALUES = "aABDeiIloOPQRtTUX";
const CP_VALUES = "St";
const SED_VALUES = "efl";

/** Whether the command (its words, the command word at `at`) writes root's authorized_keys. */
export function writesRootKeys(words: Word[], at: number): boolean {
  const name = commandName(words, at);
  // A command that writes nothing truncates the file; a bare `exec` sends every later command's output there.
  if ((!EMPTY.has(name) || isBareExec(words)) && redirectsToRootKeys(words)) return true;
  const args = argumentsOf(words, at);
  if (name === "tee") return args.some((a) => !a.startsWith("-") && isRootKeysPath(a));
  if (COPIES.has(name)) return copiesToRootKeys(args, TARGET_OPTION.has(name));
  if (name === "curl") return optionValues(args, "-o", "--output", CURL_VALUES).some(isRootKeysPath);
  if (name === "wget") return optionValues(args, "-O", "--output-document", WGET_VALUES).some(isRootKeysPath);
  if (name === "dd") return args.some((a) => a.startsWith("of=") && isRootKeysPath(a.slice(3)));
  if (name === "sed") return sedWritesRootKeys(args);
  return false;
}

/** `sed -i SCRIPT FILE…` or `sed -i -e SCRIPT… FILE…` on root's keys that writes text; a deletion plants nothing. */
function sedWritesRootKeys(args: string[]): boolean {
  if (!args.some((a) => /^-[A-Za-z]*i/.test(a) || a.startsWith("--in-place"))) return false;
  const expressions = optionValues(args, "-e", "--expression", SED_VALUES);
  const operands = args.filter((a) => !a.startsWith("-") && !expressions.includes(a));
  const scripts = expressions.length > 0 ? expressions : operands.slice(0, 1);
  const files = expressions.length > 0 ? operands : operands.slice(1);
  return files.some(isRootKeysPath) && scripts.some((s) => (sedReplacements(`sed '${s}'`) ?? "").trim() !== "");
}

function redirectsToRootKeys(words: Word[]): boolean {
  return words.some((w, i) => w.op !== undefined && WRITES.has(w.op) && isRootKeysPath(words[i + 1]?.text ?? ""));
}

/** `cp src… dest`, `cp -t dest src…`: a destination that is root's keys, or root's .ssh for a file named so. */
function copiesToRootKeys(args: string[], targetOption: boolean): boolean {
  const target = targetOption ? optionValues(args, "-t", "--target-directory", CP_VALUES) : [];
  const operands = args.filter((a) => !a.startsWith("-"));
  if (target.length === 0 && operands.length < 2) return false;
  const dest = target[0] ?? operands[operands.length - 1];
  const sources = target.length > 0 ? operands : operands.slice(0, -1);
  return isRootKeysPath(dest) || (ROOT_SSH_DIR.test(dest) && sources.some((s) => KEYS_FILE.test(s)));
}

/**
 * Values of a short option and its long form (`--output x`, `--output=x`). The short option may end a group of
 * letters and take the next word (`-o x`, `-fsSLo x`) or stand inside one and take the rest of it (`-ox`,
 * `-fsSLox`); a group reaching a letter of another option that takes a value (`valueLetters`) ends there, the rest
 * being that option's value. One pass over each word.
 */
function optionValues(args: string[], short: string, long: string, valueLetters: string): string[] {
  const values: string[] = [];
  const letter = short[1];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === long) values.push(args[i + 1] ?? "");
    else if (a.startsWith(`${long}=`)) values.push(a.slice(long.length + 1));
    else if (a.length > 1 && a[0] === "-" && a[1] !== "-") {
      const value = groupValue(a, letter, valueLetters);
      if (value !== undefined) values.push(value === "" ? (args[i + 1] ?? "") : value);
    }
  }
  return values;
}

/** In a group of short options, the value of `letter`'s option: "" when it takes the next word, else undefined. */
function groupValue(group: string, letter: string, valueLetters: string): string | undefined {
  for (let j = 1; j < group.length; j++) {
    const c = group[j];
    if (c === letter) return group.slice(j + 1);
    if (valueLetters.includes(c) || !/[A-Za-z0-9]/.test(c)) return undefined;
  }
  return undefined;
}
