// A second account with root's user id 0 (`useradd -o -u 0 toor`, `usermod -u 0 admin`): it logs in as root under
// another name with any password or key it gets, the case's root access kept where no check of root's own looks.
import { ParsedCommand } from "./userdata-destinations";

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
  const valued = VALUED.get(name);
  if (valued === undefined) return undefined;
  let uidZero = false;
  let account: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--")) {
      const [option, value] = arg.split("=", 2);
      const given = value ?? (valued.has(option) ? args[++i] : undefined);
      if (option === "--uid") uidZero ||= isZero(given);
    } else if (arg.startsWith("-") && name !== "adduser") {
      // Short options as getopt reads them: grouped flags (`-om`), a value glued (`-u0`) or the next word (`-ou 0`).
      for (let c = 1; c < arg.length; c++) {
        if (!valued.has(`-${arg[c]}`)) continue;
        const given = c + 1 < arg.length ? arg.slice(c + 1) : args[++i];
        if (arg[c] === "u") uidZero ||= isZero(given);
        break;
      }
    } else if (!arg.startsWith("-")) account ??= arg;
  }
  return uidZero && account !== "root" ? (account ?? "an account") : undefined;
}
