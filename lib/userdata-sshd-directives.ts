// The sshd_config directives the user-data checks read, and the values that weaken login. Shared by every reader
// of text that may end up in sshd's configuration: a line of it, an echo, a sed replacement, a simulated stock line.
import { LoginWeaknessKind } from "./userdata-findings";

const YES = String.raw`(?:yes|true|on|1)`;
/**
 * The `keyword [=] value` separator: blanks around an `=`, or a run of blanks holding a space or a tab (sshd splits on
 * both). Spelt so that each blank has one way to match — blanks other than space/tab up to the first space or tab,
 * then any blanks; the overlapping spelling `\s*[ \t=]\s*` retries every split of a long run, quadratic in its length.
 */
const SEPARATOR = String.raw`(?:\s*=\s*|[^\S \t]*[ \t]\s*)`;
/**
 * A directive as a word of its own: after a non-word character or the start, or right after sshd's `-o` glued to it
 * (`-oPermitRootLogin=yes` in an `OPTIONS=` line of /etc/sysconfig/sshd or a unit's `Environment=`), where no word
 * boundary separates them. The directive comes first and the look-behind after it, so that the engine still scans
 * for the directive's letters: a leading `(?:\b|(?<=-o))` tries every position, 25 times slower on long scripts.
 */
const word = (directive: string) => String.raw`${directive}(?<=(?:^|[^\w]|-o)${directive})`;

/** The directives whose value the checks read (and `Match`/`Include`, which change what the others apply to). */
export const DIRECTIVE =
  /\b(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication|PermitRootLogin|PermitEmptyPasswords|AuthenticationMethods)\b/i;

/** sshd_config directives, whether written directly, appended by echo/tee, or set by a sed expression. */
export const PASSWORD_AUTH = new RegExp(String.raw`${word("PasswordAuthentication")}${SEPARATOR}["']?${YES}\b`, "i");
/** An account with an empty password logs in with none: a password login anyone can make. */
export const EMPTY_PASSWORDS = new RegExp(String.raw`${word("PermitEmptyPasswords")}${SEPARATOR}["']?${YES}\b`, "i");
/** Keyboard-interactive usually prompts for the password, unless AuthenticationMethods makes it a second factor. */
export const KEYBOARD_AUTH = new RegExp(
  String.raw`${word("(?:KbdInteractiveAuthentication|ChallengeResponseAuthentication)")}${SEPARATOR}["']?${YES}\b`,
  "i",
);
/** `prohibit-password` still lets root in with a key (the case planted one), so only an explicit `no` is safe. */
export const ROOT_LOGIN = new RegExp(
  String.raw`${word("PermitRootLogin")}${SEPARATOR}["']?(?:yes|without-password|prohibit-password|forced-commands-only)\b`,
  "i",
);
/**
 * A directive of the table whose value comes from outside the script: a variable it never sets (`$MODE`, `${MODE}`),
 * a command's output, a template's placeholder (`{{ mode }}`). The match starts with the directive; its group is the value.
 */
const VALUE_FROM_ELSEWHERE = new RegExp(
  String.raw`${word("(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication|PermitRootLogin|PermitEmptyPasswords)")}${SEPARATOR}["']?(\{\{[^}\r\n]*\}\}|[$\x60][^\s"'#]*)`,
  "i",
);

/** The directive and value, when text sets a directive of the table to what the script cannot tell. */
export function valueFromElsewhere(text: string): { directive: string; value: string } | undefined {
  // Nearly every setting written holds none of these: the pattern is not run for it.
  if (!text.includes("$") && !text.includes("{{") && !text.includes("`")) return undefined;
  const m = VALUE_FROM_ELSEWHERE.exec(text);
  return m ? { directive: /^\w+/.exec(m[0])?.[0] ?? "", value: m[1] } : undefined;
}

/** The value runs to the end of the line, a quote or a comment; nothing follows the greedy class, so no backtracking. */
export const AUTHENTICATION_METHODS = new RegExp(
  String.raw`\bAuthenticationMethods${SEPARATOR}["']?([^"'#\r\n]*)`,
  "gi",
);
/**
 * Where sshd looks for users' keys, and for the certificate principals a user accepts (with TrustedUserCAKeys, a
 * principal listed for root lets a certificate log in as root, as a key would): the rest of its line (several
 * patterns may follow one keyword). One pattern for both: every text the scan reads is searched once.
 */
export const AUTHORIZED_KEYS_FILE = new RegExp(
  String.raw`\bAuthorized(?:Keys|Principals)File${SEPARATOR}["']?([^"'#\r\n]*)`,
  "gi",
);
/** The files an `Include` makes sshd read: the rest of its line (several patterns may follow one keyword). */
export const INCLUDE = new RegExp(String.raw`\bInclude${SEPARATOR}["']?([^"'#\r\n]*)`, "gi");

/** An sshd Match block: directives after it bind only the matched connections, up to `Match all`. */
export const MATCH = /\bMatch[ \t]+(\S+)/;

/**
 * A line of sshd_config syntax (`Keyword value`, `Keyword=value`) rather than a command: the directives of the table,
 * and those that let root in without root's keys (see userdata-root-side-doors).
 */
const SETTING_LINE =
  /^(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication|PermitRootLogin|PermitEmptyPasswords|AuthenticationMethods|Match|Include|TrustedUserCAKeys|AuthorizedKeysCommand|AuthorizedPrincipalsCommand|HostbasedAuthentication)(?:=|$)/i;

export function isSettingWord(word: string): boolean {
  return SETTING_LINE.test(word);
}

/** Each directive's value pattern, compiled once: the directives are the few of sshd's stock lines. */
const VALUE_PATTERNS = new Map<string, RegExp>();

/** The value text gives a directive of the table (`PermitRootLogin no` gives "no"), or undefined when none. */
export function directiveValue(text: string, directive: string): string | undefined {
  let pattern = VALUE_PATTERNS.get(directive);
  if (pattern === undefined) {
    pattern = new RegExp(String.raw`\b${directive}${SEPARATOR}["']?([^\s"'#]+)`, "i");
    VALUE_PATTERNS.set(directive, pattern);
  }
  return pattern.exec(text)?.[1];
}

export interface DirectiveWeakness {
  kind: LoginWeaknessKind;
  /** Only keyboard-interactive (or challenge-response) was enabled: MFA may excuse it. */
  keyboardOnly: boolean;
}

/** The login weaknesses that text, read as sshd_config, turns on: password and keyboard-interactive, root login. */
export function weaknessesIn(text: string): DirectiveWeakness[] {
  const found: DirectiveWeakness[] = [];
  const password = PASSWORD_AUTH.test(text) || EMPTY_PASSWORDS.test(text);
  if (password || KEYBOARD_AUTH.test(text)) found.push({ kind: "password-authentication", keyboardOnly: !password });
  if (ROOT_LOGIN.test(text)) found.push({ kind: "root-login", keyboardOnly: false });
  return found;
}

/** The directives whose hardening the user data may restore after taking hardened settings away. */
const RESTORABLE = [
  "PasswordAuthentication",
  "PermitRootLogin",
  "KbdInteractiveAuthentication",
  "ChallengeResponseAuthentication",
];
const SET_TO_NO = RESTORABLE.map((d) => [d, new RegExp(String.raw`\b${d}${SEPARATOR}["']?no\b`, "i")] as const);

/** The directives a replaced sshd_config leaves to sshd's default unless its text sets them. */
const DEFAULTED = ["PasswordAuthentication", "PermitRootLogin"];

/** Of PasswordAuthentication and PermitRootLogin, those text gives a value, whichever. */
export function directivesSet(text: string): string[] {
  return DEFAULTED.filter((directive) => directiveValue(text, directive) !== undefined);
}

/** The directives text sets to no: `PasswordAuthentication no`, `PermitRootLogin no`, keyboard-interactive's. */
export function directivesSetToNo(text: string): string[] {
  return SET_TO_NO.filter(([, pattern]) => pattern.test(text)).map(([directive]) => directive);
}

/** The kind of weakness a hardened directive (PasswordAuthentication or PermitRootLogin) turns on. */
export function kindOf(directive: string): LoginWeaknessKind {
  return directive === "PermitRootLogin" ? "root-login" : "password-authentication";
}
