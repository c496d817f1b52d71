// `cd /root/.ssh` then `cat key.pub >> authorized_keys`, `cd /etc/ssh/sshd_config.d && rm -f 00-hardening-kit.conf`:
// a relative name is read from where the script stands. Only the directories that hold what the checks look at are
// followed (root's home and .ssh, /etc/ssh and its drop-ins); any other directory, or one the text does not show
// (`cd "$dir"`, `cd -`, `popd`), leaves the script nowhere known.
import { argumentsOf } from "./userdata-words";
import { ParsedCommand } from "./userdata-destinations";
import { withoutTrailingSlashes } from "./trailing-slashes";

const ROOT = String.raw`(?:/root|~root|~|\$HOME|\$\{HOME\})`;
const CHANGES_DIRECTORY = new Set(["cd", "pushd", "popd"]);

/** A directory the script may stand in, as a `cd` names it, and the relative names the checks read there. */
interface Followed {
  path: string;
  named: RegExp;
  /** Named through root's home (`~`, $HOME): another account's when the script runs as one. */
  home?: boolean;
  relative: RegExp;
}

const FOLLOWED: readonly Followed[] = [
  {
    path: "/root",
    named: new RegExp(String.raw`^${ROOT}/*$`),
    home: true,
    relative: /^(?:\.\/+)*(\.ssh(?:\/.*)?|\.bashrc|\.bash_profile|\.bash_login|\.profile)$/,
  },
  {
    path: "/root/.ssh",
    named: new RegExp(String.raw`^${ROOT}/+\.ssh/*$`),
    home: true,
    relative: /^(?:\.\/+)*(authorized_keys2?)$/,
  },
  { path: "/etc/ssh", named: /^\/etc\/ssh\/*$/, relative: /^(?:\.\/+)*(sshd_config(?:\.d(?:\/.*)?)?)$/ },
  {
    path: "/etc/ssh/sshd_config.d",
    named: /^\/etc\/ssh\/sshd_config\.d\/*$/,
    relative: /^(?:\.\/+)*([^/\s$`]+\.conf|\*)$/,
  },
];

/** Where the script stands, when it is one of the followed directories. */
export type WorkingDirectory = string;

/** Whether the command changes the working directory: read only for these, once per command. */
export function changesDirectory(name: string): boolean {
  return CHANGES_DIRECTORY.has(name);
}

/**
 * Where the script stands after `cd`, `pushd` or `popd`, given where it stood; `user`: the account other than root
 * the script runs as, whose home `~` and a bare `cd` go to.
 */
export function changedDirectory(
  { name, args }: ParsedCommand,
  current: WorkingDirectory | undefined,
  user: string | undefined,
): WorkingDirectory | undefined {
  if (name === "popd") return undefined;
  const operands = args.filter((a) => !/^-[LPe@]+$/.test(a));
  if (operands.length === 0) return name === "cd" && user === undefined ? "/root" : undefined;
  const target = operands[0];
  const named = FOLLOWED.find((d) => d.named.test(target));
  if (named) return user !== undefined && named.home && !target.startsWith("/root") ? undefined : named.path;
  if (current === undefined || target.startsWith("/")) return undefined;
  const relative = withoutTrailingSlashes(target.replace(/^(?:\.\/+)+/, ""));
  if (relative === "." || relative === "") return current;
  const path = relative === ".." ? current.slice(0, current.lastIndexOf("/")) : `${current}/${relative}`;
  return FOLLOWED.some((d) => d.path === path) ? path : undefined;
}

/** The command with the relative names the checks read in `directory` made absolute; the same command if none. */
export function fromDirectory(parsed: ParsedCommand, directory: WorkingDirectory): ParsedCommand {
  const followed = FOLLOWED.find((d) => d.path === directory);
  if (!followed) return parsed;
  let text = parsed.command.text;
  let changed = false;
  const spelt = new Set<string>();
  const words = parsed.words.map((word) => {
    const m = word.op ? null : followed.relative.exec(word.text);
    if (!m) return word;
    changed = true;
    // The command's text names the file as the words do: the checks that look for sshd's folder in the text first
    // (`echo "UseDNS no" > 00-hardening-kit.conf` after `cd /etc/ssh/sshd_config.d`) see it. A few names are enough
    // for that: each is sought through the whole text, so a hostile command's thousands are not.
    if (spelt.size < MAX_SPELT && !spelt.has(word.text)) {
      spelt.add(word.text);
      text = spellAbsolute(text, word.text, `${directory}/${m[1]}`);
    }
    return { ...word, text: `${directory}/${m[1]}` };
  });
  if (!changed) return parsed;
  const command = text === parsed.command.text ? parsed.command : { ...parsed.command, text };
  return { ...parsed, command, words, args: argumentsOf(words, parsed.at) };
}

/**
 * The command's text with the relative name `relative` spelt `absolute` where it stands as a name of its own (not
 * inside a longer name: `a.conf` in `xa.conf` or `a.conf.bak` stays). Names quoted are replaced inside their quotes.
 */
function spellAbsolute(text: string, relative: string, absolute: string): string {
  if (relative === "" || !text.includes(relative)) return text;
  let out = "";
  let from = 0;
  for (let at = text.indexOf(relative); at >= 0; at = text.indexOf(relative, at + relative.length)) {
    const before = at === 0 ? "" : text[at - 1];
    const after = text[at + relative.length] ?? "";
    if (NAME_CHARACTER.test(before) || NAME_CHARACTER.test(after)) continue;
    out += text.slice(from, at) + absolute;
    from = at + relative.length;
  }
  return out + text.slice(from);
}

/** Relative names spelt absolute in a command's text, at most (see fromDirectory). */
const MAX_SPELT = 8;

/** A character that may continue a file's name: what stands next to a name of its own is none of these. */
const NAME_CHARACTER = /[\w.\/~-]/;

/**
 * Where the script stands for the files its working copies are named by (`cd /tmp; grep -v … sshd_config > x`): any
 * directory a `cd` or `pushd` names outright, or relative to one known, `.` and `..` read; undefined where the text
 * does not show it (`cd "$dir"`, `cd -`, popd).
 */
export function standingDirectory(
  parsed: ParsedCommand,
  current: string | undefined,
  user: string | undefined,
): string | undefined {
  const followed = changedDirectory(parsed, current, user);
  if (followed !== undefined || parsed.name === "popd") return followed;
  const target = parsed.args.filter((a) => !/^-[LPe@]+$/.test(a) && a !== "--")[0];
  if (target === undefined || /[$`*?[~\\]/.test(target) || target === "-") return undefined;
  if (!target.startsWith("/") && current === undefined) return undefined;
  return resolvedPath(target.startsWith("/") ? target : `${current}/${target}`);
}

/** A relative file name read from where the script stands; an absolute one, or any where that is not known, as written. */
export function fromStanding(file: string, directory: string | undefined): string {
  if (directory === undefined || file === "" || file === "-" || /^[/~$]/.test(file)) return file;
  return resolvedPath(`${directory}/${file}`);
}

/** An absolute path with `.`, `..` and repeated slashes read, as the kernel reads them; a trailing slash kept. */
function resolvedPath(path: string): string {
  const parts: string[] = [];
  const segments = path.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  const folder = /\/\.{0,2}$/.test(path) && parts.length > 0 ? "/" : "";
  return `/${parts.join("/")}${folder}`;
}
