// Taking away the kit's hardened sshd drop-in: removing it (`rm`, `unlink`, `find … -delete`), moving it where sshd
// does not read it, emptying it, or doing the same to the directory of drop-ins. sshd then falls back to
// sshd_config's values and its own defaults: password authentication on, root login with a key.
import { ParsedCommand } from "./userdata-destinations";
import { copyOperands } from "./userdata-copies";
import { isSshdConfigPath, normalPath } from "./userdata-sshd-paths";

/** Where the kit puts its drop-in (components/plan/sshd.ts), and the directory of drop-ins. */
const DROP_IN_DIRECTORY = "/etc/ssh/sshd_config.d";
const DROP_IN_NAME = "00-hardening-kit.conf";
const DROP_IN = `${DROP_IN_DIRECTORY}/${DROP_IN_NAME}`;
/** Glob patterns longer than this are not matched against the drop-in's name. */
const MAX_GLOB = 256;

/** What a report says about a command that takes the drop-in away. */
export const DROP_IN_TAKEN_AWAY = `takes the kit's hardened drop-in ${DROP_IN} away: sshd falls back to password authentication and root login with a key`;

/** Whether a command takes the kit's drop-in away. */
export function takesDropInAway({ words, name, args }: ParsedCommand): boolean {
  // Operands and options are read only for the commands that remove or truncate: nearly every command is another.
  switch (name) {
    case "rm":
    case "unlink": {
      const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === "--recursive");
      return operandsOf(args).some((p) => reachesDropIn(p, recursive));
    }
    case "shred":
      return (
        args.some((a) => /^-[a-zA-Z]*u/.test(a) || a.startsWith("--remove")) &&
        operandsOf(args).some((p) => reachesDropIn(p, false))
      );
    case "truncate":
      return operandsOf(args).some((p) => reachesDropIn(p, false));
    case "find":
      return args.includes("-delete") && operandsOf(args).some((p) => reachesDropIn(p, true));
    case "mv":
      return movesDropInAway(args);
    default:
      // `: > drop-in`, `cp /dev/null drop-in`: emptied.
      return emptiesDropIn(words, name) || copiesNullOver(name, args);
  }
}

function operandsOf(args: string[]): string[] {
  return args.filter((a) => !a.startsWith("-"));
}

/**
 * Whether a path (maybe a glob) reaches the drop-in: names it, names a pattern it matches in its directory, or, when
 * `directory`, names the directory of drop-ins itself (removed with what it holds).
 */
function reachesDropIn(path: string, directory: boolean): boolean {
  const normal = normalPath(path).replace(/\/+$/, "");
  if (normal === DROP_IN || (directory && normal === DROP_IN_DIRECTORY)) return true;
  const slash = normal.lastIndexOf("/");
  return normal.slice(0, slash) === DROP_IN_DIRECTORY && globMatches(normal.slice(slash + 1), DROP_IN_NAME);
}

/** `mv` of the drop-in, or of its directory, to a name sshd does not read. */
function movesDropInAway(args: string[]): boolean {
  const copy = copyOperands("mv", args);
  if (!copy) return false;
  const moved = copy.sources.filter((s) => reachesDropIn(s, true));
  if (moved.length === 0) return false;
  // Into another drop-in name sshd reads (`mv 00-hardening-kit.conf 01-hardening-kit.conf`) it still applies.
  const destination = normalPath(copy.destination);
  const target =
    destination.endsWith("/") || destination === DROP_IN_DIRECTORY ? `${destination}/${DROP_IN_NAME}` : destination;
  return !isSshdConfigPath(target);
}

/** A command that writes nothing, its output sent to the drop-in: `: >`, `true >`, a bare redirection. */
function emptiesDropIn(words: ParsedCommand["words"], name: string): boolean {
  if (name !== "" && name !== ":" && name !== "true") return false;
  return words.some((w, i) => (w.op === ">" || w.op === ">|") && reachesDropIn(words[i + 1]?.text ?? "", false));
}

function copiesNullOver(name: string, args: string[]): boolean {
  const copy = copyOperands(name, args);
  return copy !== undefined && copy.sources.includes("/dev/null") && reachesDropIn(copy.destination, false);
}

/**
 * Whether a shell glob (`*`, `?`, `[…]`) matches a name, by the classic two-pointer walk: time linear in the name
 * times the pattern, however many stars.
 */
function globMatches(glob: string, name: string): boolean {
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
