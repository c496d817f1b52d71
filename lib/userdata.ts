// User-data inspection: the case's attacker brute-forced SSH passwords and planted root keys, so any boot script
// that turns password or root login on, sets passwords, or writes root's authorized_keys is a finding.
import { gunzipSync } from "zlib";

export type LoginWeaknessKind = "password-authentication" | "root-login" | "root-authorized-keys" | "password-set";

export interface LoginWeakness {
  kind: LoginWeaknessKind;
  /** The offending line, trimmed, so a message can quote it. */
  line: string;
}

/** Tested on trimmed text, so nothing follows the padding (a trailing `\s*` would overlap the class's newlines). */
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

/** Returns user data as text whether it was given plain, base64 or gzip+base64 (cloud-init accepts all three). */
export function decodeUserData(raw: string): string {
  if (typeof raw !== "string") return "";
  const compact = raw.trim();
  if (compact.length < 4 || !BASE64.test(compact)) return raw;
  const bytes = Buffer.from(compact.replace(/\s+/g, ""), "base64");
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString("utf8");
    } catch {
      return raw;
    }
  }
  const text = bytes.toString("utf8");
  // Plain words like "true" are valid base64 too: accept the decoding only when it yields readable text.
  return isReadable(text) ? text : raw;
}

function isReadable(text: string): boolean {
  if (text.length === 0 || text.includes("\uFFFD")) return false;
  const printable = text.replace(/[^\x20-\x7E\t\r\n]/g, "").length;
  return printable / text.length > 0.95 && /\s/.test(text);
}

const YES = String.raw`(?:yes|true|on|1)`;
/**
 * The `keyword [=] value` separator: blanks around an `=`, or a run of blanks holding a space or a tab (sshd splits on
 * both). Spelt so that each blank has one way to match — blanks other than space/tab up to the first space or tab,
 * then any blanks; the overlapping spelling `\s*[ \t=]\s*` retries every split of a long run, quadratic in its length.
 */
const SEPARATOR = String.raw`(?:\s*=\s*|[^\S \t]*[ \t]\s*)`;

/** sshd_config directives, whether written directly, appended by echo/tee, or set by a sed expression. */
const PASSWORD_AUTH = new RegExp(
  String.raw`\b(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication)${SEPARATOR}["']?${YES}\b`,
  "i",
);
const ROOT_LOGIN = new RegExp(
  String.raw`\bPermitRootLogin${SEPARATOR}["']?(?:yes|without-password|prohibit-password|forced-commands-only)\b`,
  "i",
);
/** `prohibit-password` still lets root in with a key (the case planted one), so only an explicit `no` is safe. */
const CLOUD_INIT_PWAUTH = new RegExp(String.raw`^\s*ssh_pwauth\s*:\s*["']?${YES}["']?\s*(?:#.*)?$`, "i");
const CLOUD_INIT_ROOT = /^\s*disable_root\s*:\s*["']?(?:false|no|off|0)["']?\s*(?:#.*)?$/i;
/** `chpasswd:` module, the top-level default-user `password:`, and per-user password keys under `users:`. */
const CLOUD_INIT_CHPASSWD =
  /^(?:\s*chpasswd\s*:|password\s*:|\s+(?:-\s+)?(?:plain_text_passwd|hashed_passwd|passwd)\s*:)/i;
const SHELL_PASSWORD = /\bchpasswd\b|\bpasswd\s+root\b/i;
/** `passwd … --stdin` and `usermod … -p …`: the option may come anywhere after the command on its line. */
const SHELL_PASSWORD_OPTIONS: [command: RegExp, option: RegExp][] = [
  [/\bpasswd\b/i, /--stdin/i],
  [/\busermod\b/i, /\s-p\s/i],
];
const ROOT_KEYS = /(?:\/root\/\.ssh\/authorized_keys|~root\/\.ssh\/authorized_keys)/;
const ROOT_KEYS_WRITE =
  /(?:>>?|\btee\b|\bcp\b|\bmv\b|\binstall\b|\bcat\b|\bcurl\b|\bwget\b|\bssh-copy-id\b|\bln\b|path\s*:)/i;

function isComment(line: string): boolean {
  return /^\s*#/.test(line) && !/^\s*#cloud-config/.test(line);
}

/**
 * Lines of a boot script or cloud-config that weaken login. A sed expression that rewrites a directive counts by
 * what it writes (the replacement), so `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` is safe.
 */
export function findLoginWeaknesses(text: string): LoginWeakness[] {
  const found: LoginWeakness[] = [];
  const add = (kind: LoginWeaknessKind, line: string) => {
    if (!found.some((f) => f.kind === kind && f.line === line)) found.push({ kind, line });
  };
  const lines = text.split(/\r?\n/);
  for (const raw of lines) {
    if (isComment(raw)) continue;
    const line = raw.trim();
    // Each command of a `a && b || c` chain counts by what it writes.
    const effective = line
      .split(/&&|\|\|/)
      .map((part) => sedReplacements(part) ?? part)
      .join("\n");
    if (PASSWORD_AUTH.test(effective)) add("password-authentication", line);
    if (ROOT_LOGIN.test(effective)) add("root-login", line);
    if (CLOUD_INIT_PWAUTH.test(raw)) add("password-authentication", line);
    if (CLOUD_INIT_ROOT.test(raw)) add("root-login", line);
    if (CLOUD_INIT_CHPASSWD.test(raw) || setsPassword(line)) add("password-set", line);
    if (ROOT_KEYS.test(line) && ROOT_KEYS_WRITE.test(line)) add("root-authorized-keys", line);
  }
  return found;
}

function setsPassword(line: string): boolean {
  return (
    SHELL_PASSWORD.test(line) || SHELL_PASSWORD_OPTIONS.some(([command, option]) => follows(line, command, option))
  );
}

/**
 * Whether `option` occurs after `command` in a line (which holds no newline). Only the first command is looked at:
 * it leaves the most room after it, and searching the rest once per command would be quadratic.
 */
function follows(line: string, command: RegExp, option: RegExp): boolean {
  const found = command.exec(line);
  return found !== null && option.test(line.slice(found.index + found[0].length));
}

/**
 * For a sed command, the text it writes: the replacements of its `s` commands and the text of `a`/`c`/`i`
 * commands (a deletion writes nothing). Other lines return undefined and are read as they are.
 */
function sedReplacements(line: string): string | undefined {
  if (!/\bsed\b/.test(line)) return undefined;
  const out: string[] = [];
  // An `s` command starts an expression: after a quote, blank, `;` or `{`, never inside a word like "yes/".
  const start = /(?:^|['"\s;{])s([/|#@,])/g;
  for (let m = start.exec(line); m; m = start.exec(line)) {
    const end = sedCommandEnd(line, m.index + m[0].length, m[1]);
    if (end) out.push(line.slice(end.replacement, end.close));
    start.lastIndex = end ? end.close + 1 : m.index + 1;
  }
  // `sed -i '/^PasswordAuthentication/c PasswordAuthentication yes'` and `a`/`i` commands write their text verbatim.
  const verbatim = /\/\s*[aci]\\?\s+([^'"]+)/.exec(line);
  if (verbatim) out.push(verbatim[1]);
  return out.join("\n");
}

/**
 * Where the `s` command whose pattern starts at `from` ends, as the regex `((?:\\.|(?!d).)*)d((?:\\.|(?!d).)*)d`
 * (d the delimiter) finds it: pattern and replacement run to a delimiter, a backslash escaping the next character or
 * standing for itself. That regex retries each way of reading a run of backslashes, exponential in its length; here
 * each part visits a position once, in the order the regex tries them, and the replacement's visits are shared by
 * every candidate end of the pattern (they fail alike).
 */
function sedCommandEnd(
  line: string,
  from: number,
  delimiter: string,
): { replacement: number; close: number } | undefined {
  const replacementSeen = new Set<number>();
  let close = -1;
  const pattern = sedPartEnd(line, from, delimiter, new Set<number>(), (p) => {
    if (line[p] !== delimiter) return false;
    close = sedPartEnd(line, p + 1, delimiter, replacementSeen, (q) => line[q] === delimiter);
    return close >= 0;
  });
  return pattern < 0 ? undefined : { replacement: pattern + 1, close };
}

/**
 * The first position at which a greedy `(?:\\.|(?!d).)*` started at `from` may stop and `accept` holds, in
 * backtracking order: from each position, first everything after an escape pair, then everything after a single
 * character, then stopping there. Positions in `seen` were explored before, and failed, so they are skipped.
 * Returns -1 when there is none.
 */
function sedPartEnd(
  line: string,
  from: number,
  delimiter: string,
  seen: Set<number>,
  accept: (position: number) => boolean,
): number {
  if (seen.has(from)) return -1;
  seen.add(from);
  const positions = [from];
  const steps = [0];
  while (positions.length > 0) {
    const top = positions.length - 1;
    const p = positions[top];
    const step = steps[top]++;
    if (step === 2) {
      positions.pop();
      steps.pop();
      if (accept(p)) return p;
      continue;
    }
    let next = -1;
    if (step === 0 && line[p] === "\\" && inLine(line[p + 1])) next = p + 2; // an escape pair
    if (step === 1 && inLine(line[p]) && line[p] !== delimiter) next = p + 1; // one character
    if (next >= 0 && !seen.has(next)) {
      seen.add(next);
      positions.push(next);
      steps.push(0);
    }
  }
  return -1;
}

/** What `.` matches: a character that is not a line terminator. */
function inLine(c: string | undefined): boolean {
  return c !== undefined && !/[\n\r\u2028\u2029]/.test(c);
}
