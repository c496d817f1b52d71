// sshd directives that let root in without root's authorized_keys: a user CA (TrustedUserCAKeys: any certificate it
// signs for principal `root` logs in as root), a program that prints keys or principals (AuthorizedKeysCommand,
// AuthorizedPrincipalsCommand: what it prints for root lets root in), host-based login (HostbasedAuthentication: a
// host root's ~/.shosts or ~/.rhosts lists logs in as root, as IgnoreRhosts allows; sshd never reads
// /etc/hosts.equiv or /etc/ssh/shosts.equiv for root). Each is a practice of its own (SSH certificates; EC2 Instance
// Connect ships an AuthorizedKeysCommand), so each is a note, not a violation, and none while root login is refused:
// `PermitRootLogin no` written to sshd_config or a drop-in, before or after, undoes it (see Restorations). Matching is
// one pass over the text with a pattern that names each keyword: linear in its length.
import { Findings } from "./userdata-findings";

/** The directives, each with its value: the rest of its line, up to a quote or a comment. */
const SIDE_DOOR =
  /(TrustedUserCAKeys|AuthorizedKeysCommand|AuthorizedPrincipalsCommand|HostbasedAuthentication)(?:[ \t]*=[ \t]*|[ \t]+)["']?([^"'#\r\n]*)/gi;
/** What a report says about each: how root gets in through it. */
const HOW: Record<string, string> = {
  trustedusercakeys: "any certificate the CA signs for principal root logs in as root, without root's authorized_keys",
  authorizedkeyscommand: "the keys the command prints for root log in as root, without root's authorized_keys",
  authorizedprincipalscommand: "certificates with the principals the command prints for root log in as root",
  hostbasedauthentication: "a host root's ~/.shosts or ~/.rhosts lists logs in as root, without a key",
};
/** Values that turn the directive off. */
const OFF = /^(?:none|no|false|off|0)$/i;
/** A value is quoted in a report up to this length. */
const MAX_VALUE = 200;
/** Past this length the text is not searched: real settings are a few lines (a whole sshd_config is a few KB). */
const MAX_TEXT = 256 * 1024;

/** What restores root login being refused: PermitRootLogin no anywhere in sshd's configuration, at any time. */
const UNLESS_ROOT_REFUSED = { directives: ["PermitRootLogin"], byDropIns: true, dropInsAnyTime: true };

/**
 * The side doors text sets, as `Keyword value` and how root gets in: for each keyword its first value not commented
 * out (sshd keeps the first it reads), none when that turns it off. One pass: the text between matches is read once.
 */
export function rootSideDoors(text: string): { directive: string; how: string }[] {
  // Nearly every text names none of them: the pattern is not run for it.
  if (text.length > MAX_TEXT || !/TrustedUserCAKeys|Authorized(?:Keys|Principals)Command|Hostbased/i.test(text))
    return [];
  const seen = new Set<string>();
  const found: { directive: string; how: string }[] = [];
  let commented = false;
  let p = 0;
  SIDE_DOOR.lastIndex = 0;
  for (let m = SIDE_DOOR.exec(text); m !== null; m = SIDE_DOOR.exec(text)) {
    for (; p < m.index; p++) {
      const c = text[p];
      if (c === "#") commented = true;
      else if (c === "\n" || c === "\r" || (c === "\\" && text[p + 1] === "n")) commented = false;
    }
    if (!startsSetting(text, m.index)) continue;
    const keyword = m[1].toLowerCase();
    // The value ends where an escaped newline does (`echo -e "TrustedUserCAKeys /ca.pub\\nPort 22"`); quoted short.
    const value = m[2].split("\\n")[0].trim().slice(0, MAX_VALUE);
    if (commented || value === "" || seen.has(keyword)) continue;
    seen.add(keyword);
    const first = value.split(/[ \t]+/)[0];
    if (keyword === "hostbasedauthentication" ? !/^(?:yes|true|on|1)$/i.test(first) : OFF.test(first)) continue;
    found.push({ directive: `${m[1]} ${value}`, how: HOW[keyword] });
  }
  return found;
}

/**
 * Notes each side door `written` opens (text a command writes, or a line of sshd's configuration), on `line`: root
 * may log in through it unless root login is refused. `unlessSshdReads`: the file it sits in, which sshd reads only if
 * made to (see Findings.add).
 */
export function noteRootSideDoors(written: string, line: string, found: Findings, unlessSshdReads?: string): void {
  for (const { directive, how } of rootSideDoors(written))
    found.add("root-login", line, {
      note: `${directive}: ${how}; set "PermitRootLogin no" to keep root out`,
      unverifiable: true,
      unlessSshdReads,
      unlessHardened: UNLESS_ROOT_REFUSED,
    });
}

/**
 * Whether the directive at `at` starts a setting: first on its line but for blanks (a line ends at a newline or an
 * escaped `\n`, as echo -e and printf write), or given to sshd by `-o` (`sshd -o TrustedUserCAKeys=…`). Prose naming
 * it sets nothing. Reads back over the blanks before it only: those of two matches never overlap.
 */
function startsSetting(text: string, at: number): boolean {
  let p = at;
  while (p > 0 && (text[p - 1] === " " || text[p - 1] === "\t")) p--;
  if (p === 0 || text[p - 1] === "\n" || text[p - 1] === "\r") return true;
  if (text[p - 1] === "n" && text[p - 2] === "\\") return true;
  return text[p - 1] === "o" && text[p - 2] === "-" && (p === at || p - 2 === 0 || /\s/.test(text[p - 3]));
}
