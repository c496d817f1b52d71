// Whether a command writes root's authorized_keys. Only the destination counts: copying root's keys elsewhere,
// counting them or truncating them plants nothing.
import { sedReplacements } from "./userdata-sed";
import { argumentsOf, commandName, Word } from "./userdata-words";

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

/** Whether the command (its words, the command word at `at`) writes root's authorized_keys. */
export function writesRootKeys(words: Word[], at: number): boolean {
  const name = commandName(words, at);
  if (!EMPTY.has(name) && redirectsToRootKeys(words)) return true;
  const args = argumentsOf(words, at);
  if (name === "tee") return args.some((a) => !a.startsWith("-") && isRootKeysPath(a));
  if (COPIES.has(name)) return copiesToRootKeys(args);
  if (name === "curl") return optionValues(args, "-o", "--output").some(isRootKeysPath);
  if (name === "wget") return optionValues(args, "-O", "--output-document").some(isRootKeysPath);
  if (name === "dd") return args.some((a) => a.startsWith("of=") && isRootKeysPath(a.slice(3)));
  if (name === "sed") return sedWritesRootKeys(args);
  return false;
}

/** `sed -i SCRIPT FILE…` or `sed -i -e SCRIPT… FILE…` on root's keys that writes text; a deletion plants nothing. */
function sedWritesRootKeys(args: string[]): boolean {
  if (!args.some((a) => /^-[A-Za-z]*i/.test(a) || a.startsWith("--in-place"))) return false;
  const expressions = optionValues(args, "-e", "--expression");
  const operands = args.filter((a) => !a.startsWith("-") && !expressions.includes(a));
  const scripts = expressions.length > 0 ? expressions : operands.slice(0, 1);
  const files = expressions.length > 0 ? operands : operands.slice(1);
  return files.some(isRootKeysPath) && scripts.some((s) => (sedReplacements(`sed '${s}'`) ?? "").trim() !== "");
}

function redirectsToRootKeys(words: Word[]): boolean {
  return words.some((w, i) => w.op !== undefined && WRITES.has(w.op) && isRootKeysPath(words[i + 1]?.text ?? ""));
}

/** `cp src… dest`, `cp -t dest src…`: a destination that is root's keys, or root's .ssh for a file named so. */
function copiesToRootKeys(args: string[]): boolean {
  const target = optionValues(args, "-t", "--target-directory");
  const operands = args.filter((a) => !a.startsWith("-"));
  if (target.length === 0 && operands.length < 2) return false;
  const dest = target[0] ?? operands[operands.length - 1];
  const sources = target.length > 0 ? operands : operands.slice(0, -1);
  return isRootKeysPath(dest) || (ROOT_SSH_DIR.test(dest) && sources.some((s) => KEYS_FILE.test(s)));
}

/** Values of a short option (`-o x`, `-ox`) and its long form (`--output x`, `--output=x`). */
function optionValues(args: string[], short: string, long: string): string[] {
  const values: string[] = [];
  args.forEach((a, i) => {
    if (a === short || a === long) values.push(args[i + 1] ?? "");
    else if (a.startsWith(`${long}=`)) values.push(a.slice(long.length + 1));
    else if (a.startsWith(short) && !a.startsWith("--")) values.push(a.slice(short.length));
  });
  return values;
}
