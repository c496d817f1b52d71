// The line scan of boot scripts and config text (sshd_config, cloud-config that did not parse): each command of a
// line counts by what it writes, so a directive that grep only looks for, or root's keys copied away, is no finding.
import { Findings } from "./userdata-findings";
import { isRootKeysPath, writesRootKeys } from "./userdata-root-keys";
import { sedReplacements } from "./userdata-sed";
import { argumentsOf, Command, commandIndex, commandName, shellWords, splitCommands, Word } from "./userdata-words";

const YES = String.raw`(?:yes|true|on|1)`;
/**
 * The `keyword [=] value` separator: blanks around an `=`, or a run of blanks holding a space or a tab (sshd splits on
 * both). Spelt so that each blank has one way to match — blanks other than space/tab up to the first space or tab,
 * then any blanks; the overlapping spelling `\s*[ \t=]\s*` retries every split of a long run, quadratic in its length.
 */
const SEPARATOR = String.raw`(?:\s*=\s*|[^\S \t]*[ \t]\s*)`;

/** sshd_config directives, whether written directly, appended by echo/tee, or set by a sed expression. */
const PASSWORD_AUTH = new RegExp(String.raw`\bPasswordAuthentication${SEPARATOR}["']?${YES}\b`, "i");
/** Keyboard-interactive usually prompts for the password, unless AuthenticationMethods makes it a second factor. */
const KEYBOARD_AUTH = new RegExp(
  String.raw`\b(?:KbdInteractiveAuthentication|ChallengeResponseAuthentication)${SEPARATOR}["']?${YES}\b`,
  "i",
);
/** `prohibit-password` still lets root in with a key (the case planted one), so only an explicit `no` is safe. */
const ROOT_LOGIN = new RegExp(
  String.raw`\bPermitRootLogin${SEPARATOR}["']?(?:yes|without-password|prohibit-password|forced-commands-only)\b`,
  "i",
);
/** The value runs to the end of the line, a quote or a comment; nothing follows the greedy class, so no backtracking. */
const AUTHENTICATION_METHODS = new RegExp(String.raw`\bAuthenticationMethods${SEPARATOR}["']?([^"'#\r\n]*)`, "gi");

/** An sshd Match block: directives after it bind only the matched connections, up to `Match all`. */
const MATCH = /\bMatch[ \t]+(\S+)/;

/** Fallback for cloud-configs that do not parse as YAML. */
const CLOUD_INIT_PWAUTH = new RegExp(String.raw`^\s*ssh_pwauth\s*:\s*["']?${YES}["']?\s*(?:#.*)?$`, "i");
const CLOUD_INIT_ROOT = /^\s*disable_root\s*:\s*["']?(?:false|no|off|0)["']?\s*(?:#.*)?$/i;
/** `chpasswd:` module, the top-level default-user `password:`, and per-user password keys under `users:`. */
const CLOUD_INIT_CHPASSWD =
  /^(?:\s*chpasswd\s*:|password\s*:|\s+(?:-\s+)?(?:plain_text_passwd|hashed_passwd|passwd)\s*:)/i;
const CLOUD_INIT_ROOT_KEYS = /^\s*(?:-\s+)?path\s*:\s*["']?(\S+?)["']?\s*$/;

const SHELL_PASSWORD = /\bchpasswd\b|\bpasswd\s+root\b/i;
/** `passwd … --stdin`, `useradd/usermod … -p|--password …`: the option may come anywhere after the command. */
const SHELL_PASSWORD_OPTIONS: [command: RegExp, option: RegExp][] = [
  [/\bpasswd\b/i, /--stdin/i],
  [/\buser(?:mod|add)\b/i, /\s(?:-p|--password)(?![\w-])/i],
];
/** Commands that only read or log their arguments: a directive among them is searched for, not written. */
const READ_ONLY = new Set(["grep", "egrep", "fgrep", "zgrep", "test", "[", "[[", "logger"]);
/** `sh -c '…'`, `su -c '…'` and `eval …` run their argument as a command line, scanned to this depth. */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "su", "runuser"]);
const MAX_NESTING = 2;

function isComment(line: string): boolean {
  return /^\s*#/.test(line) && !/^\s*#cloud-config/.test(line);
}

/** Where a scan is in the sshd_config text it reads. */
interface ScanState {
  inMatch: boolean;
}

/** Scans text line by line; `cloudInitKeys` also reads cloud-config keys off the lines (for unparsed configs). */
export function scanLines(text: string, found: Findings, cloudInitKeys = true): void {
  const state: ScanState = { inMatch: false };
  for (const raw of text.split(/\r?\n/)) {
    if (isComment(raw)) continue;
    const line = raw.trim();
    if (line === "") continue;
    if (cloudInitKeys) scanCloudInitKeys(raw, line, found);
    scanCommandLine(line, line, found, state, 0);
  }
}

function scanCloudInitKeys(raw: string, line: string, found: Findings): void {
  if (CLOUD_INIT_PWAUTH.test(raw)) found.add("password-authentication", line);
  if (CLOUD_INIT_ROOT.test(raw)) found.add("root-login", line);
  if (CLOUD_INIT_CHPASSWD.test(raw)) found.add("password-set", line);
  const path = CLOUD_INIT_ROOT_KEYS.exec(raw);
  if (path && isRootKeysPath(path[1])) found.add("root-authorized-keys", line);
}

/** Each command of a `a; b && c || d | e` line counts by what it writes; findings quote the whole `line`. */
function scanCommandLine(text: string, line: string, found: Findings, state: ScanState, depth: number): void {
  const commands = splitCommands(text).map((command) => {
    const words = shellWords(command.text);
    const at = commandIndex(words);
    return { command, words, at, name: commandName(words, at) };
  });
  const toConfig = pipelinesWritingSshdConfig(commands);
  commands.forEach(({ command, words, at, name }, i) => {
    if (writesRootKeys(words, at)) found.add("root-authorized-keys", line);
    const script = nestedScript(name, argumentsOf(words, at));
    if (script !== undefined && depth < MAX_NESTING) scanCommandLine(script, line, found, state, depth + 1);
    else if (!READ_ONLY.has(name)) {
      const config = toConfig[i] || isDirectiveLine(words, name);
      scanWrites(command, words, name, { line, found, state, config });
    }
  });
}

/** sshd's configuration: sshd_config, or a drop-in under sshd_config.d. */
const SSHD_CONFIG = /(?:^|\/)sshd_config(?:\.d\/[^/]+)?$/;

/** For each command, whether its pipeline (`echo … | tee -a f`) writes sshd's configuration. */
function pipelinesWritingSshdConfig(commands: { command: Command; words: Word[]; at: number; name: string }[]) {
  const result = commands.map(({ words, at, name }) => writesSshdConfig(words, at, name));
  // A pipeline's commands share its destination: spread it backwards, then forwards, over the piped links.
  for (let i = commands.length - 2; i >= 0; i--) if (commands[i + 1].command.piped) result[i] ||= result[i + 1];
  for (let i = 1; i < commands.length; i++) if (commands[i].command.piped) result[i] ||= result[i - 1];
  return result;
}

/** A redirection, a tee or an in-place sed whose destination is sshd's configuration. */
function writesSshdConfig(words: Word[], at: number, name: string): boolean {
  if (words.some((w, i) => w.op?.startsWith(">") && SSHD_CONFIG.test(words[i + 1]?.text ?? ""))) return true;
  if (name !== "tee" && name !== "sed") return false;
  return argumentsOf(words, at).some((a) => !a.startsWith("-") && SSHD_CONFIG.test(a));
}

/** A line of sshd_config itself (as in a here-document or a written file): the directive is the first word. */
function isDirectiveLine(words: Word[], name: string): boolean {
  return /^AuthenticationMethods$/i.test(name) || /^AuthenticationMethods=/i.test(words[0]?.text ?? "");
}

/**
 * The command line a command runs: eval's arguments joined (eval parses them again), the script of a shell's `-c`,
 * or for `runuser -u user -- cmd…` the command after `--`, each word quoted back. Undefined for other commands.
 */
function nestedScript(name: string, args: string[]): string | undefined {
  if (name === "eval") return args.join(" ");
  if (!SHELLS.has(name)) return undefined;
  const script = inlineScript(args);
  const dashes = args.indexOf("--");
  if (script !== undefined || name !== "runuser" || dashes < 0) return script;
  return args
    .slice(dashes + 1)
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
    .join(" ");
}

/** The argument of `-c` (also bundled, as in `-lc`), the script a shell runs. */
function inlineScript(args: string[]): string | undefined {
  const i = args.findIndex((a) => /^-[a-z]*c$/.test(a));
  return i >= 0 ? args[i + 1] : undefined;
}

/** Directives and passwords a command writes or sets. */
function scanWrites(
  command: Command,
  words: Word[],
  name: string,
  { line, found, state, config }: { line: string; found: Findings; state: ScanState; config: boolean },
): void {
  const written = sedReplacements(command.text) ?? command.text;
  const password = PASSWORD_AUTH.test(written);
  const keyboard = KEYBOARD_AUTH.test(written);
  if (password || keyboard) found.add("password-authentication", line, !password);
  if (ROOT_LOGIN.test(written)) found.add("root-login", line);
  const match = MATCH.exec(written);
  if (match) state.inMatch = match[1].toLowerCase() !== "all";
  if (config) for (const value of uncommented(written)) found.authenticationMethods(value, !state.inMatch);
  if (setsPassword(command, words, name)) found.add("password-set", line);
}

/**
 * The values of the AuthenticationMethods directives in written text that no `#` comments out: none on their line
 * before them (a line ends at a newline or an escaped `\n`, as echo -e and printf write). One pass: the text
 * between matches is read once.
 */
function uncommented(written: string): string[] {
  const values: string[] = [];
  let commented = false;
  let p = 0;
  for (const m of written.matchAll(AUTHENTICATION_METHODS)) {
    for (; p < m.index; p++) {
      const c = written[p];
      if (c === "#") commented = true;
      else if (c === "\n" || c === "\r" || (c === "\\" && written[p + 1] === "n")) commented = false;
    }
    if (!commented) values.push(m[1]);
  }
  return values;
}

function setsPassword(command: Command, words: Word[], name: string): boolean {
  if (SHELL_PASSWORD.test(command.text)) return true;
  if (SHELL_PASSWORD_OPTIONS.some(([cmd, option]) => follows(command.text, cmd, option))) return true;
  // passwd reads the new password from its input when that is a pipe or a redirection, not a terminal.
  return name === "passwd" && (command.piped || words.some((w) => w.op?.startsWith("<")));
}

/**
 * Whether `option` occurs after `command` in a command's text (which holds no newline). Only the first occurrence
 * is looked at: it leaves the most room after it, and searching the rest once per occurrence would be quadratic.
 */
function follows(text: string, command: RegExp, option: RegExp): boolean {
  const found = command.exec(text);
  return found !== null && option.test(text.slice(found.index + found[0].length));
}
