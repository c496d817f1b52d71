// Taking away a hardened sshd drop-in (the kit's, or the one Ubuntu's cloud images ship): removing it (`rm`,
// `unlink`, `find … -delete`), moving it where sshd does not read it, emptying it or writing other text over it
// (`echo "UseDNS no" > F`, write_files without append: undone when that text sets the directives to no again), or
// doing the same to the directory of drop-ins. sshd then falls back to sshd_config's values and its own defaults:
// password authentication on, root login with a key.
import { ParsedCommand } from "./userdata-destinations";
import { copyOperands } from "./userdata-copies";
import { truncation } from "./userdata-emptied-files";
import { Findings } from "./userdata-findings";
import { filesRewritten } from "./userdata-rewrites";
import { isSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { withoutTrailingSlashes } from "./trailing-slashes";
import { kindOf } from "./userdata-sshd-directives";

/** The directory of drop-ins. */
const DROP_IN_DIRECTORY = "/etc/ssh/sshd_config.d";
/** Glob patterns longer than this are not matched against a drop-in's name. */
const MAX_GLOB = 256;

/** A drop-in that hardens login, and what sshd falls back to without it. */
export interface HardenedDropIn {
  name: string;
  /** The directives it sets to no whose default is weak: each is a finding unless the user data sets it again. */
  directives: ("PasswordAuthentication" | "PermitRootLogin")[];
  /** What a report says about a command that takes it away. */
  note: string;
}

const KIT_NAME = "00-hardening-kit.conf";
const UBUNTU_NAME = "60-cloudimg-settings.conf";

/** What a report says about a command that takes the kit's drop-in away (components/plan/sshd.ts writes it). */
export const DROP_IN_TAKEN_AWAY = `takes the kit's hardened drop-in ${DROP_IN_DIRECTORY}/${KIT_NAME} away: sshd falls back to password authentication and root login with a key`;

/**
 * The kit's drop-in first: taking the directory away takes both, and the kit's says more. Ubuntu's cloud images ship
 * `PasswordAuthentication no` in theirs, under `#PasswordAuthentication yes` in sshd_config. cloud-init's
 * 50-cloud-init.conf is not one: it holds what `ssh_pwauth` asked for, yes on some clouds, and hardening removes it.
 */
const HARDENED_DROP_INS: readonly HardenedDropIn[] = [
  { name: KIT_NAME, directives: ["PasswordAuthentication", "PermitRootLogin"], note: DROP_IN_TAKEN_AWAY },
  {
    name: UBUNTU_NAME,
    directives: ["PasswordAuthentication"],
    note: `takes Ubuntu's hardened drop-in ${DROP_IN_DIRECTORY}/${UBUNTU_NAME} ("PasswordAuthentication no") away: sshd falls back to password authentication`,
  },
];

/** Commands that may take a file away: removers, mv, and those that write nothing (`: > file`). */
const TAKERS = new Set(["rm", "unlink", "shred", "truncate", "find", "mv", "", ":", "true"]);

/**
 * The hardened drop-in a command takes away, the kit's when it takes several; undefined for nearly every command.
 * Replacing its text with text the script spells (`echo > F`, `echo "UseDNS no" > F`, `cat /dev/null > F`,
 * `dd if=/dev/null of=F`, `tee F < /dev/null`, a here-document through cat) takes its settings away as emptying it
 * does: the new text is read as the file's after this, and what it sets to no again restores them (see
 * Restorations). Text from elsewhere is not judged here: userdata-outside-text reports it as unverifiable.
 */
export function hardenedDropInTakenAway(parsed: ParsedCommand): HardenedDropIn | undefined {
  // Nearly every command names no sshd_config: filesRewritten returns at once for them.
  const rewritten = filesRewritten(parsed);
  // One look for nearly every command: neither a taker, a copy of /dev/null nor a rewrite.
  if (!TAKERS.has(parsed.name) && !parsed.args.includes("/dev/null") && rewritten.length === 0) return undefined;
  return HARDENED_DROP_INS.find(
    (dropIn) => takesDropInAway(parsed, dropIn.name) || rewritten.some((f) => reachesDropIn(f, dropIn.name, false)),
  );
}

/** The hardened drop-in a file written whole (cloud-config's write_files, not appended) replaces, if any. */
export function hardenedDropInAt(path: string): HardenedDropIn | undefined {
  return HARDENED_DROP_INS.find((dropIn) => reachesDropIn(path, dropIn.name, false));
}

/** Without a hardened drop-in, what it set to no is on unless the user data sets it to no itself. */
export function reportHardenedDropInTakenAway(
  { directives, note }: HardenedDropIn,
  line: string,
  found: Findings,
): void {
  for (const directive of directives)
    found.add(kindOf(directive), line, {
      note,
      unlessHardened: { directives: [directive], byDropIns: true },
    });
}

/** Whether a command takes the drop-in `dropIn` (a name in the directory of drop-ins) away. */
function takesDropInAway({ words, name, args }: ParsedCommand, dropIn: string): boolean {
  // Operands and options are read only for the commands that remove or truncate: nearly every command is another.
  switch (name) {
    case "rm":
    case "unlink": {
      const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === "--recursive");
      return operandsOf(args).some((p) => reachesDropIn(p, dropIn, recursive));
    }
    case "shred":
      return (
        args.some((a) => /^-[a-zA-Z]*u/.test(a) || a.startsWith("--remove")) &&
        operandsOf(args).some((p) => reachesDropIn(p, dropIn, false))
      );
    case "truncate":
      // Grown (`-s +100`), it keeps its text. `-s 100` cuts the kit's inside "PasswordAuthentication no".
      return truncation(args) !== "grows" && operandsOf(args).some((p) => reachesDropIn(p, dropIn, false));
    case "find":
      return args.includes("-delete") && operandsOf(args).some((p) => reachesDropIn(p, dropIn, true));
    case "mv":
      return movesDropInAway(args, dropIn);
    default:
      // `: > drop-in`, `cp /dev/null drop-in`: emptied.
      return emptiesDropIn(words, name, dropIn) || copiesNullOver(name, args, dropIn);
  }
}

function operandsOf(args: string[]): string[] {
  return args.filter((a) => !a.startsWith("-"));
}

/**
 * Whether a path (maybe a glob) reaches the drop-in named `dropIn`: names it, names a pattern it matches in its
 * directory, or, when `directory`, names the directory of drop-ins itself (removed with what it holds).
 */
function reachesDropIn(path: string, dropIn: string, directory: boolean): boolean {
  const normal = withoutTrailingSlashes(normalPath(path));
  if (normal === `${DROP_IN_DIRECTORY}/${dropIn}` || (directory && normal === DROP_IN_DIRECTORY)) return true;
  const slash = normal.lastIndexOf("/");
  if (normal.slice(0, slash) !== DROP_IN_DIRECTORY) return false;
  const name = normal.slice(slash + 1);
  const group = braceGroup(name);
  if (group === undefined) return globReaches(name, dropIn);
  const { before, alternatives, after } = group;
  if (alternatives.length <= MAX_ALTERNATIVES)
    return alternatives.some((alternative) => globReaches(`${before}${alternative}${after}`, dropIn));
  // Past the bound the names are not built, each repeating what surrounds the group: the drop-in's name is cut where
  // the group stands, and each alternative is matched against what is left, once.
  if (GLOB.test(before) || GLOB.test(after)) return globReaches(`${before}*${after}`, dropIn);
  const fits = dropIn.length >= before.length + after.length && dropIn.startsWith(before) && dropIn.endsWith(after);
  const middle = dropIn.slice(before.length, dropIn.length - after.length);
  return fits && alternatives.some((alternative) => globReaches(alternative, middle));
}

/**
 * Whether a name (maybe a glob) matches `dropIn`. Runs of stars match what one does; a glob still past MAX_GLOB is
 * not matched: it may name the drop-in, and a reader that cannot tell takes it so.
 */
function globReaches(name: string, dropIn: string): boolean {
  const glob = name.replace(/\*+/g, "*");
  return glob.length > MAX_GLOB ? GLOB.test(glob) : globMatches(glob, dropIn);
}

/** A shell glob's special characters. */
const GLOB = /[*?[]/;

/** Alternatives of a brace group expanded into names, at most this many. */
const MAX_ALTERNATIVES = 32;

/**
 * `{50-cloud-init,60-cloudimg-settings}.conf`: the one brace group in a name (the shell expands it before the command
 * sees it), its alternatives and what surrounds it; undefined when it has none.
 */
function braceGroup(name: string): { before: string; alternatives: string[]; after: string } | undefined {
  // Found by index, not by a pattern: `[^{}]*,[^{}]*` backtracks over a long run of commas.
  const open = name.indexOf("{");
  const close = open < 0 ? -1 : name.indexOf("}", open);
  if (close < 0 || name.indexOf("{", open + 1) >= 0 || name.indexOf("}", close + 1) >= 0) return undefined;
  const alternatives = name.slice(open + 1, close).split(",");
  if (alternatives.length < 2) return undefined;
  return { before: name.slice(0, open), alternatives, after: name.slice(close + 1) };
}

/** `mv` of the drop-in, or of its directory, to a name sshd does not read. */
function movesDropInAway(args: string[], dropIn: string): boolean {
  const copy = copyOperands("mv", args);
  if (!copy) return false;
  const moved = copy.sources.filter((s) => reachesDropIn(s, dropIn, true));
  if (moved.length === 0) return false;
  // Into another drop-in name sshd reads (`mv 00-hardening-kit.conf 01-hardening-kit.conf`) it still applies.
  const destination = normalPath(copy.destination);
  const target =
    destination.endsWith("/") || destination === DROP_IN_DIRECTORY ? `${destination}/${dropIn}` : destination;
  return !isSshdConfigPath(target);
}

/** A command that writes nothing, its output sent to the drop-in: `: >`, `true >`, a bare redirection. */
function emptiesDropIn(words: ParsedCommand["words"], name: string, dropIn: string): boolean {
  if (name !== "" && name !== ":" && name !== "true") return false;
  return words.some(
    (w, i) =>
      (w.op === ">" || w.op === ">|" || w.op === "&>") && reachesDropIn(words[i + 1]?.text ?? "", dropIn, false),
  );
}

function copiesNullOver(name: string, args: string[], dropIn: string): boolean {
  // Nearly every command copies no /dev/null: it is not taken apart once per drop-in.
  if (!args.includes("/dev/null")) return false;
  const copy = copyOperands(name, args);
  return copy !== undefined && copy.sources.includes("/dev/null") && reachesDropIn(copy.destination, dropIn, false);
}

/**
 * Whether a shell glob (`*`, `?`, `[…]`) matches a name, by the classic two-pointer walk: time linear in the name
 * times the pattern, however many stars.
 */
export function globMatches(glob: string, name: string): boolean {
  if (glob.length > MAX_GLOB) return false;
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const step = g < glob.length ? globStep(glob, g, name[n]) : 0;
    if (glob[g] === "*") {
      star = g++;
      resume = n;
    } else if (step > 0) {
      g += step;
      n++;
    } else if (star >= 0) {
      g = star + 1;
      n = ++resume;
    } else return false;
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}

/** How many pattern characters match `c` at `g` (a literal, `?` or a bracket expression), or 0. */
function globStep(glob: string, g: number, c: string): number {
  const p = glob[g];
  if (p === "?") return 1;
  if (p !== "[") return p === c ? 1 : 0;
  const close = glob.indexOf("]", g + 2);
  if (close < 0) return c === "[" ? 1 : 0;
  const negated = glob[g + 1] === "!" || glob[g + 1] === "^";
  const members = glob.slice(g + (negated ? 2 : 1), close);
  let found = false;
  for (let i = 0; i < members.length; i++) {
    if (members[i + 1] === "-" && i + 2 < members.length) {
      found ||= members[i] <= c && c <= members[i + 2];
      i += 2;
    } else found ||= members[i] === c;
  }
  return found !== negated ? close - g + 1 : 0;
}
