// User-data inspection: the case's attacker brute-forced SSH passwords and planted root keys, so any boot script
// that turns password or root login on, sets passwords, or writes root's authorized_keys is a finding.
import { gunzipSync } from "zlib";

export type LoginWeaknessKind = "password-authentication" | "root-login" | "root-authorized-keys" | "password-set";

export interface LoginWeakness {
  kind: LoginWeaknessKind;
  /** The offending line, trimmed, so a message can quote it. */
  line: string;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

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

/** sshd_config directives, whether written directly, appended by echo/tee, or set by a sed expression. */
const PASSWORD_AUTH = new RegExp(
  String.raw`\b(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication)\s*[ =]\s*["']?${YES}\b`,
  "i",
);
const ROOT_LOGIN = /\bPermitRootLogin\s*[ =]\s*["']?(?:yes|without-password|prohibit-password|forced-commands-only)\b/i;
/** `prohibit-password` still lets root in with a key (the case planted one), so only an explicit `no` is safe. */
const CLOUD_INIT_PWAUTH = new RegExp(String.raw`^\s*ssh_pwauth\s*:\s*["']?${YES}["']?\s*(?:#.*)?$`, "i");
const CLOUD_INIT_ROOT = /^\s*disable_root\s*:\s*["']?(?:false|no|off|0)["']?\s*(?:#.*)?$/i;
/** `chpasswd:` module, the top-level default-user `password:`, and per-user password keys under `users:`. */
const CLOUD_INIT_CHPASSWD =
  /^(?:\s*chpasswd\s*:|password\s*:|\s+(?:-\s+)?(?:plain_text_passwd|hashed_passwd|passwd)\s*:)/i;
const SHELL_PASSWORD = /(?:\bchpasswd\b|\bpasswd\b[^\n]*--stdin|\busermod\b[^\n]*\s-p\s|\bpasswd\s+root\b)/i;
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
    if (CLOUD_INIT_CHPASSWD.test(raw) || SHELL_PASSWORD.test(line)) add("password-set", line);
    if (ROOT_KEYS.test(line) && ROOT_KEYS_WRITE.test(line)) add("root-authorized-keys", line);
  }
  return found;
}

/**
 * For a sed command, the text it writes: the replacements of its `s` commands and the text of `a`/`c`/`i`
 * commands (a deletion writes nothing). Other lines return undefined and are read as they are.
 */
function sedReplacements(line: string): string | undefined {
  if (!/\bsed\b/.test(line)) return undefined;
  const out: string[] = [];
  // An `s` command starts an expression: after a quote, blank, `;` or `{`, never inside a word like "yes/".
  const re = /(?:^|['"\s;{])s([/|#@,])((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[3]);
  // `sed -i '/^PasswordAuthentication/c PasswordAuthentication yes'` and `a`/`i` commands write their text verbatim.
  const verbatim = /\/\s*[aci]\\?\s+([^'"]+)/.exec(line);
  if (verbatim) out.push(verbatim[1]);
  return out.join("\n");
}
