// A second account with root's user id 0 (`useradd -o -u 0 toor`, `usermod -u 0 admin`): it logs in as root under
// another name with any password or key it gets, the case's root access kept where no check of root's own looks.
import { ParsedCommand, parseCommands } from "./userdata-destinations";
import { normalPath } from "./userdata-sshd-paths";
import { withoutTrailingSlashes } from "./trailing-slashes";

/** The options of each account tool that take a value as the next word (`--opt=value` is one word anyway). */
const LONG_VALUED =
  "--base-dir --comment --home-dir --home --expiredate --inactive --gid --groups --skel --key --password --prefix --root --shell --uid --selinux-user --login";
const options = (...lists: string[]): ReadonlySet<string> => new Set(lists.join(" ").split(" "));
// A Map: command names are the script's text (`constructor` is one).
const VALUED = new Map<string, ReadonlySet<string>>([
  ["useradd", options("-b -c -d -e -f -g -G -k -K -p -P -R -s -u -Z", LONG_VALUED)],
  ["usermod", options("-c -d -e -f -g -G -l -p -P -R -s -u -v -V -w -W -Z", LONG_VALUED)],
  ["adduser", options("--home --shell --ingroup --gecos --gid --uid --conf --firstuid --lastuid")],
]);
const isZero = (value: string | undefined) => value !== undefined && /^0+$/.test(value);

/** The account a useradd, usermod or adduser gives user id 0, other than root itself; undefined otherwise. */
export function rootAccountMade({ name, args }: ParsedCommand): string | undefined {
  const read = accountToolArguments(name, args);
  if (read === undefined) return undefined;
  const uidZero = read.options.some(([option, value]) => (option === "--uid" || option === "-u") && isZero(value));
  const account = read.operands[0];
  return uidZero && account !== "root" ? (account ?? "an account") : undefined;
}

/**
 * An account tool's options that take a value, each with its value, and its operands, as getopt reads them: `--opt=v`
 * or `--opt v`, short options grouped (`-om`), a value glued (`-u0`) or the next word (`-ou 0`); adduser has long
 * options only. Undefined for any other command.
 */
function accountToolArguments(
  name: string,
  args: readonly string[],
): { options: [string, string | undefined][]; operands: string[] } | undefined {
  const valued = VALUED.get(name);
  if (valued === undefined) return undefined;
  const options: [string, string | undefined][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--")) {
      const [option, value] = arg.split("=", 2);
      options.push([option, value ?? (valued.has(option) ? args[++i] : undefined)]);
    } else if (arg.startsWith("-") && name !== "adduser") {
      for (let c = 1; c < arg.length; c++) {
        if (!valued.has(`-${arg[c]}`)) continue;
        options.push([`-${arg[c]}`, c + 1 < arg.length ? arg.slice(c + 1) : args[++i]]);
        break;
      }
    } else if (!arg.startsWith("-")) operands.push(arg);
  }
  return { options, operands };
}

/** A home the script spells out: absolute, no variable, substitution or pattern. */
const LITERAL_HOME = /^\/[^$`*?[\]{}\s]*$/;
/** Lines looked at for usermod, at most: each is split into commands. */
const MAX_USERMOD_LINES = 64;

/**
 * The keys files of the home `usermod -d /opt/r root` (`--home`, `-d/opt/r`, `--home=/opt/r`) gives root: sshd reads
 * root's keys from `~/.ssh` of the home /etc/passwd names at login, so `/opt/r/.ssh/authorized_keys` then plants a
 * key for root. One bounded rule: root's home is the last `-d`/`--home` a usermod of root gives, read from any text
 * the scan reads, wherever it stands (as AuthorizedKeysFile lines are, see userdata-keys-files); none when that home
 * is not spelt out (`-d "$H"`).
 */
export function rootHomeKeysFiles(text: string): string[] {
  // Nearly every text holds no usermod: its lines are not split.
  if (!text.includes("usermod")) return [];
  let home: string | undefined;
  let looked = 0;
  for (const line of text.split("\n")) {
    if (!line.includes("usermod")) continue;
    if (++looked > MAX_USERMOD_LINES) break;
    for (const parsed of parseCommands(line)) {
      const given = rootHomeGiven(parsed);
      if (given !== undefined) home = given;
    }
  }
  if (home === undefined || !LITERAL_HOME.test(home)) return [];
  const base = withoutTrailingSlashes(home);
  return [`${base}/.ssh/authorized_keys`, `${base}/.ssh/authorized_keys2`].map(normalPath);
}

/** The home a usermod gives root (`-d`, `--home`), as spelt; undefined for any other command or account. */
function rootHomeGiven({ name, args }: ParsedCommand): string | undefined {
  const read = name === "usermod" ? accountToolArguments(name, args) : undefined;
  if (read === undefined || read.operands[read.operands.length - 1] !== "root") return undefined;
  let home: string | undefined;
  for (const [option, value] of read.options) if (option === "-d" || option === "--home") home = value;
  return home;
}
