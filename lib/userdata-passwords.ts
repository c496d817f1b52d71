// Commands that set a login password: chpasswd, newusers, `passwd root`, `passwd --stdin` or passwd reading a pipe,
// `passwd -d` (an empty password), `useradd`/`usermod -p`. Read from a command's whole text, so that a wrapper or an
// odd spelling (`/usr/sbin/chpasswd`, `xargs chpasswd`) still counts.
import { ParsedCommand } from "./userdata-destinations";
import { spelledInput } from "./userdata-printed";

/** chpasswd, newusers (a batch of accounts with passwords), expect's `spawn passwd user`. */
const SHELL_PASSWORD = /\bchpasswd\b|\bnewusers\b|\bspawn\s+(?:sudo\s+)?(?:\S*\/)?passwd\b/i;
/** `passwd root`; not as `getent passwd root`, which names the account database: it reads root's entry. */
const PASSWD_ROOT = /\bpasswd\s+root\b/i;
/** `passwd … --stdin`, `useradd/usermod … -p|--password …`: the option may come anywhere after the command. */
const SHELL_PASSWORD_OPTIONS: [command: RegExp, option: RegExp][] = [
  [/\bpasswd\b/i, /--stdin/i],
  [/\buser(?:mod|add)\b/i, /\s(?:-p|--password)(?![\w-])/i],
];

/**
 * Whether the command sets a password. `previous`, the command before it on its line, may pipe it what it reads: a
 * locked field (`echo 'svc:!' | chpasswd -e`) sets none.
 */
export function setsPassword(parsed: ParsedCommand, previous?: ParsedCommand): boolean {
  if (locksOnly(parsed, previous)) return false;
  const { command, words, name, args } = parsed;
  if (SHELL_PASSWORD.test(command.text)) return true;
  if (name !== "getent" && PASSWD_ROOT.test(command.text)) return true;
  if (SHELL_PASSWORD_OPTIONS.some(([cmd, option]) => follows(command.text, cmd, option))) return true;
  if (name !== "passwd") return false;
  // `passwd -d` leaves the account an empty password.
  if (args.some((a) => a === "--delete" || /^-[a-zA-Z]*d/.test(a))) return true;
  // passwd reads the new password from its input when that is a pipe or a redirection, not a terminal.
  return command.piped || words.some((w) => w.op?.startsWith("<"));
}

/**
 * Whether `option` occurs after `command` in a command's text. Only the first occurrence is looked at: it leaves the
 * most room after it, and searching the rest once per occurrence would be quadratic.
 */
function follows(text: string, command: RegExp, option: RegExp): boolean {
  const found = command.exec(text);
  return found !== null && option.test(text.slice(found.index + found[0].length));
}

/** A password field that locks the account: `!`, `*`, or a hash behind `!` (what `passwd -l` leaves). */
function isLockedField(field: string): boolean {
  return field.startsWith("!") || field.startsWith("*");
}

/**
 * `chpasswd -e` given only locked fields, `useradd`/`usermod -p` given a locked one: the account gets no password it
 * logs in with. Without -e, chpasswd takes `!` for the password itself.
 */
function locksOnly(parsed: ParsedCommand, previous: ParsedCommand | undefined): boolean {
  const { name, args } = parsed;
  if (name === "chpasswd") {
    if (!args.some((a) => a === "--encrypted" || /^-[a-z]*e[a-z]*$/.test(a))) return false;
    const lines = (spelledInput(parsed, previous) ?? "").split(/\r?\n/).map((l) => l.trim());
    const accounts = lines.filter((l) => l !== "");
    return accounts.length > 0 && accounts.every((l) => /^[^:\s]+:[!*]/.test(l));
  }
  if (name !== "useradd" && name !== "usermod") return false;
  const values = passwordOptionValues(args);
  return values.length > 0 && values.every(isLockedField);
}

/** The values of `-p` / `--password` (`-pVALUE`, `--password=VALUE` too). */
function passwordOptionValues(args: string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-p" || a === "--password") values.push(args[++i] ?? "");
    else if (a.startsWith("--password=")) values.push(a.slice("--password=".length));
    else if (/^-p./.test(a)) values.push(a.slice(2));
  }
  return values;
}
