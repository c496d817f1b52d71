// The account a command runs as, when user data (run as root) hands it to another: `sudo -u ops …`,
// `su - ops -c …`, `runuser -l ops -c …`, `runuser -u ops -- …`. There `~` and $HOME are that account's home, not
// root's: a key added to `~/.ssh/authorized_keys` is the operator's, as the platform's scripts mean it.
import { ParsedCommand } from "./userdata-destinations";
import { Word } from "./userdata-words";

/** su's and runuser's options that take a value as the next word. */
const SU_VALUE_OPTIONS = new Set(["-c", "--command", "-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w"]);
/** A login name, as the accounts the kit's checks accept (a digit first would be a uid). */
const LOGIN = /^[a-z_][a-z0-9_.-]*\$?$/i;

/**
 * The account other than root that the command (or a script it runs) runs as; undefined for root or when the text
 * does not say. Read only for sudo, su and runuser: any other command runs as root.
 */
export function otherUser({ words, at, name, args }: ParsedCommand): string | undefined {
  const user = name === "su" || name === "runuser" ? suUser(args) : sudoUser(words, at);
  return user !== undefined && user !== "root" && LOGIN.test(user) ? user : undefined;
}

/** `su [options] [-] [user] [args]`, `runuser -u user -- cmd`: the user, or undefined (root). */
function suUser(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-u" || a === "--user") return args[i + 1];
    if (a.startsWith("--user=")) return a.slice(7);
    if (a === "--") return undefined;
    if (SU_VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** The user a `sudo` before the command names (`-u ops`, `-uops`, `--user=ops`); the last sudo's wins. */
function sudoUser(words: Word[], at: number): string | undefined {
  let user: string | undefined;
  let inSudo = false;
  for (let i = 0; i < at; i++) {
    const { text, op } = words[i];
    if (op) {
      i++;
      continue;
    }
    if (text === "sudo" || text.endsWith("/sudo")) {
      inSudo = true;
      user = undefined;
    } else if (!inSudo || !text.startsWith("-")) inSudo = false;
    else if (text.startsWith("--user")) user = text === "--user" ? words[++i]?.text : text.slice(7);
    else {
      // `-u ops`, `-iu ops`, `-uops`: the letter u takes the rest of its word, or the next word.
      const bundled = /^-[A-Za-z]*?u(.*)$/.exec(text);
      if (bundled) user = bundled[1] === "" ? words[++i]?.text : bundled[1];
    }
  }
  return user;
}

/** `~`, `~/…`, $HOME and ${HOME} as a word or a path's start, to be read as `~user`. */
const HOME = /(^|[\s'"=:])(?:~(?=[/\s'"]|$)|\$HOME\b|\$\{HOME\})/gm;

/** A script run as `user`: its home references name that user's home (`~user`), which is not root's. */
export function asUser(script: string, user: string): string {
  return script.includes("~") || script.includes("HOME") ? script.replace(HOME, `$1~${user}`) : script;
}
