// Commands that set a login password: chpasswd, newusers, `passwd root`, `passwd --stdin` or passwd reading a pipe,
// `passwd -d` (an empty password), `useradd`/`usermod -p`. Read from a command's whole text, so that a wrapper or an
// odd spelling (`/usr/sbin/chpasswd`, `xargs chpasswd`) still counts.
import { ParsedCommand } from "./userdata-destinations";

/** chpasswd, newusers (a batch of accounts with passwords), `passwd root`, expect's `spawn passwd user`. */
const SHELL_PASSWORD = /\bchpasswd\b|\bnewusers\b|\bpasswd\s+root\b|\bspawn\s+(?:sudo\s+)?(?:\S*\/)?passwd\b/i;
/** `passwd … --stdin`, `useradd/usermod … -p|--password …`: the option may come anywhere after the command. */
const SHELL_PASSWORD_OPTIONS: [command: RegExp, option: RegExp][] = [
  [/\bpasswd\b/i, /--stdin/i],
  [/\buser(?:mod|add)\b/i, /\s(?:-p|--password)(?![\w-])/i],
];

/** Whether the command sets a password. */
export function setsPassword({ command, words, name, args }: ParsedCommand): boolean {
  if (SHELL_PASSWORD.test(command.text)) return true;
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
