// The account files written outright: a line of /etc/shadow, or of /etc/passwd (whose second field may hold the hash
// itself), that gives an account a password it logs in with — a hash, or no password at all — sets a password as
// chpasswd would. A locked field (`!`, `*`) or passwd's `x` sets none.
import { normalPath } from "./userdata-sshd-paths";

const ACCOUNT_FILES = /^\/etc\/(?:shadow|gshadow|passwd)-?$/;
/** `name:password:` at a line's start; the name holds no blank or comment. */
const ACCOUNT_LINE = /^[ \t]*([^:\s#]+):([^:\n]*):/;

export function isAccountsFile(path: string): boolean {
  return ACCOUNT_FILES.test(normalPath(path));
}

/** The lines of account-file text that give an account a usable password, trimmed. */
export function passwordLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => {
      const field = ACCOUNT_LINE.exec(line)?.[2];
      return field !== undefined && field !== "x" && !/^[!*]/.test(field);
    })
    .map((line) => line.trim());
}
