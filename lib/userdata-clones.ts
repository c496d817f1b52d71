// `git clone URL DIR`: the folder a repository is checked out into, whose files come from outside the script. Read by
// the root-keys check (a repository checked out as root's .ssh plants its keys) and by the one that notes text from
// outside put into sshd's configuration folders.
import { appendAll } from "./arrays";

/** A repository checked out into a folder. */
export interface Clone {
  /** The repository as the script names it (a URL, a path, a value it does not set). */
  repository: string;
  /**
   * Where its files land: the folder named, or `<name>` (the repository's last part) where the script stands; from
   * git's `-C` when it gives one. A relative folder is the caller's to read from where the script stands.
   */
  folder: string;
}

/** git's options before the subcommand that take the next word (`git -C /srv clone …`, `git -c k=v clone …`). */
const GIT_VALUES = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--exec-path"]);
/** clone's options that take the next word; the `--name=value` spelling is one word. */
const CLONE_VALUES = new Set([
  ...["-b", "--branch", "-o", "--origin", "-u", "--upload-pack", "-c", "--config", "-j", "--jobs", "--depth"],
  ...["--reference", "--reference-if-able", "--separate-git-dir", "--shallow-since", "--shallow-exclude"],
  ...["--template", "--filter", "--server-option", "--bundle-uri", "--ref-format", "--revision"],
]);
/** Short options of clone that take a value: in a group (`-qb main`), the rest of the word or the next one. */
const CLONE_VALUE_LETTERS = "bocuj";
/** Clones that check nothing out: a bare or mirror repository, or `--no-checkout`, write no working files. */
const NO_WORKING_TREE = new Set(["--bare", "--mirror", "--no-checkout", "-n"]);

/** `git clone [options] REPOSITORY [DIR]`: the repository and where its files land; undefined for anything else. */
export function cloneOf(name: string, args: string[]): Clone | undefined {
  if (name !== "git") return undefined;
  let base: string | undefined;
  let at = 0;
  // git's own options, then the subcommand.
  for (; at < args.length && args[at].startsWith("-"); at++) {
    const a = args[at];
    if (!GIT_VALUES.has(a)) continue;
    const value = args[++at] ?? "";
    if (a === "-C" && value !== "") base = base === undefined || value.startsWith("/") ? value : `${base}/${value}`;
  }
  if (args[at] !== "clone") return undefined;
  const operands: string[] = [];
  for (let j = at + 1; j < args.length && operands.length < 2; j++) {
    const a = args[j];
    if (a === "--") {
      appendAll(operands, args.slice(j + 1, j + 3 - operands.length));
      break;
    }
    if (NO_WORKING_TREE.has(a)) return undefined;
    if (CLONE_VALUES.has(a)) j++;
    else if (/^-[A-Za-z]+$/.test(a)) j += takesNext(a) ? 1 : 0;
    else if (!a.startsWith("-")) operands.push(a);
  }
  const [repository, named] = operands;
  if (repository === undefined) return undefined;
  const folder = named ?? repositoryName(repository);
  if (folder === "") return undefined;
  return { repository, folder: base === undefined || folder.startsWith("/") ? folder : `${base}/${folder}` };
}

/** A group of short options whose value is the next word: one of the value letters with nothing after it. */
function takesNext(group: string): boolean {
  for (let j = 1; j < group.length; j++) if (CLONE_VALUE_LETTERS.includes(group[j])) return j === group.length - 1;
  return false;
}

/**
 * The folder git names after the repository: its last part, without a trailing `/`, `.git` or `/.git`
 * (`https://host/org/keys.git`, `host:org/keys`: keys).
 */
function repositoryName(repository: string): string {
  let end = repository.length;
  // Walked back rather than matched: a pattern anchored at the end costs a long run of slashes its square.
  while (end > 0 && repository[end - 1] === "/") end--;
  const path = repository.slice(0, end).replace(/\/?\.git$/, "");
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf(":"));
  return path.slice(cut + 1);
}
