// Remote-access servers that log in with passwords, beside sshd: telnet and the r-services (rlogin, rsh, rexec) send
// them in clear text, VNC asks for a password alone (often cut to 8 characters), xrdp takes the system's passwords, and
// web consoles (Cockpit, Webmin, Shell In A Box, ttyd, GoTTY, WeTTY) put a login page for the system's accounts, or a
// shell with no login at all, on a web port.
// The case's attacker needed 137 s to brute-force SSH passwords; any of these opens the same door. A command counts
// when it installs a server package, enables or starts its service, or runs its daemon (VNC bound to loopback only,
// reachable through an SSH tunnel alone, excepted). Each command is read in one pass over its words.
import { ParsedCommand } from "./userdata-destinations";

export type LoginServer = "telnet" | "r-services" | "vnc" | "xrdp" | "web-console" | "dropbear";

/** Why each server weakens login, named as an operator knows it. */
const WHY: Record<LoginServer, string> = {
  telnet: "telnet: sends passwords in clear text",
  "r-services": "rlogin/rsh/rexec: send passwords in clear text",
  vnc: "VNC: password-only login, often cut to 8 characters",
  xrdp: "xrdp: logs in with the system's passwords",
  "web-console": "web console: a login page for the system's accounts and their passwords, or a shell with no login",
  dropbear: "Dropbear: an SSH server beside sshd that takes passwords, root's too, unless run with -s and -w (or -g)",
};

/** The server packages of the distributions' repositories (clients such as telnet, rsh or tigervnc are not). */
const PACKAGES = new Map<string, LoginServer>([
  ["telnet-server", "telnet"],
  ["telnetd", "telnet"],
  ["inetutils-telnetd", "telnet"],
  ["telnetd-ssl", "telnet"],
  ["rsh-server", "r-services"],
  ["rsh-redone-server", "r-services"],
  ["xrdp", "xrdp"],
  ["tigervnc-server", "vnc"],
  ["tigervnc-server-minimal", "vnc"],
  ["tigervnc-standalone-server", "vnc"],
  ["tigervnc-scraping-server", "vnc"],
  ["tightvncserver", "vnc"],
  ["vnc4server", "vnc"],
  ["x11vnc", "vnc"],
  ["realvnc-vnc-server", "vnc"],
  ["cockpit", "web-console"],
  ["cockpit-ws", "web-console"],
  ["webmin", "web-console"],
  ["shellinabox", "web-console"],
  ["ttyd", "web-console"],
  // Debian's dropbear pulls dropbear-bin (the daemon) and dropbear-run (its service); dropbear-initramfs, which
  // unlocks disks before boot with keys only, is not listed.
  ["dropbear", "dropbear"],
  ["dropbear-bin", "dropbear"],
  ["dropbear-run", "dropbear"],
]);
/** Longer than any name above: a spelling is looked up at its first separators only, whatever its length. */
const MAX_PACKAGE_NAME = 32;

/** Service units, without .service or .socket; a template by its name and `@` (`vncserver@:1` is `vncserver@`). */
const SERVICES = new Map<string, LoginServer>([
  ["telnet", "telnet"],
  ["telnet@", "telnet"],
  ["telnetd", "telnet"],
  ["rlogin", "r-services"],
  ["rsh", "r-services"],
  ["rexec", "r-services"],
  ["rlogin@", "r-services"],
  ["rsh@", "r-services"],
  ["rexec@", "r-services"],
  ["xrdp", "xrdp"],
  ["xrdp-sesman", "xrdp"],
  ["vncserver@", "vnc"],
  ["tigervncserver@", "vnc"],
  ["x11vnc", "vnc"],
  ["vncserver-x11-serviced", "vnc"],
  ["vncserver-virtuald", "vnc"],
  ["cockpit", "web-console"],
  ["webmin", "web-console"],
  ["shellinabox", "web-console"],
  ["shellinaboxd", "web-console"],
  ["ttyd", "web-console"],
  ["ttyd@", "web-console"],
  ["gotty", "web-console"],
  ["wetty", "web-console"],
  ["dropbear", "dropbear"],
]);

/** Daemons run directly (`busybox telnetd` is telnetd: busybox is read as a wrapper). */
const DAEMONS = new Map<string, LoginServer>([
  ["in.telnetd", "telnet"],
  ["telnetd", "telnet"],
  ["in.rlogind", "r-services"],
  ["in.rshd", "r-services"],
  ["in.rexecd", "r-services"],
  ["x11vnc", "vnc"],
  ["vncserver", "vnc"],
  ["tigervncserver", "vnc"],
  ["tightvncserver", "vnc"],
  ["Xvnc", "vnc"],
  ["Xtigervnc", "vnc"],
  ["x0vncserver", "vnc"],
  ["vncserver-x11", "vnc"],
  ["xrdp", "xrdp"],
  ["xrdp-sesman", "xrdp"],
  ["cockpit-ws", "web-console"],
  ["miniserv.pl", "web-console"],
  ["shellinaboxd", "web-console"],
  ["ttyd", "web-console"],
  ["gotty", "web-console"],
  ["wetty", "web-console"],
  ["dropbear", "dropbear"],
]);
/** Options with which a daemon stops a running server, asks it something or prints and exits. */
const NOT_STARTING = new Set([
  "-kill",
  "--kill",
  "-k",
  "-list",
  "-R",
  "-remote",
  "-Q",
  "-query",
  "-storepasswd",
  "-help",
  "--help",
  "-version",
  "--version",
]);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "lo"]);
/** 127.0.0.0/8, an address or a range within it. */
const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}(?:\/(?:[89]|[12]\d|3[0-2]))?$/;

/** Package managers: the subcommands that install, and the options that take the next word as their value. */
interface Installer {
  verbs: Set<string>;
  valueOptions: Set<string>;
  /** apt spells a release after a slash (`xrdp/bookworm-backports`); the others a repository or folder before it. */
  releaseAfterSlash?: boolean;
}
const RPM_OPTIONS = new Set(["-c", "--config", "-x", "--exclude", "--setopt", "--releasever", "--installroot"]);
const RPM_INSTALLER: Installer = {
  verbs: new Set(["install", "in", "reinstall", "localinstall", "install-n", "install-na", "install-nevra"]),
  valueOptions: new Set([...RPM_OPTIONS, "--enablerepo", "--disablerepo", "--repo", "--repoid", "-d", "-e"]),
};
const APT_INSTALLER: Installer = {
  verbs: new Set(["install", "reinstall"]),
  valueOptions: new Set(["-o", "--option", "-c", "--config-file", "-t", "--target-release"]),
  releaseAfterSlash: true,
};
const INSTALLERS = new Map<string, Installer>([
  ["yum", RPM_INSTALLER],
  ["dnf", RPM_INSTALLER],
  ["dnf5", RPM_INSTALLER],
  ["microdnf", RPM_INSTALLER],
  ["apt-get", APT_INSTALLER],
  ["apt", APT_INSTALLER],
  ["aptitude", APT_INSTALLER],
  [
    "zypper",
    {
      verbs: new Set(["install", "in"]),
      valueOptions: new Set(["-R", "--root", "-c", "--config", "-r", "--repo", "--from", "-t", "--type"]),
    },
  ],
  [
    "apk",
    {
      verbs: new Set(["add"]),
      valueOptions: new Set(["-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch"]),
    },
  ],
]);
const PACMAN_OPTIONS = new Set(["-r", "--root", "-b", "--dbpath", "--cachedir", "--config", "--ignore"]);
/** pacman -S letters that search, inspect, clean or only download: no install. */
const PACMAN_NOT_INSTALLING = /[sicglpw]/;

const PACKAGE_FILE_OPTIONS = new Set(["--root", "--dbpath", "--define", "--admindir", "--instdir"]);

const SYSTEMCTL_VERBS = new Set(["enable", "start", "restart", "reenable", "reload-or-restart"]);
const SYSTEMCTL_OPTIONS = new Set(["-H", "--host", "-M", "--machine", "-t", "--type", "-p", "--property"]);
const SERVICE_VERBS = new Set(["start", "restart"]);
const UPDATE_RC_VERBS = new Set(["enable", "defaults", "start"]);

/**
 * The password-login servers a command installs, enables, starts or runs; none for any other command (nearly all),
 * answered by one look-up of its name. `daemons` false: a daemon's name as a command does not count, as in a file
 * that may be configuration rather than a script (`exclude=telnet-server xrdp` in dnf.conf reads as running xrdp).
 */
export function startedLoginServers(parsed: ParsedCommand, daemons = true): LoginServer[] {
  const { name, args, words, at } = parsed;
  const installer = INSTALLERS.get(name);
  if (installer) return installed(args, installer);
  if (name === "pacman") return pacmanInstalled(args);
  if (name === "rpm" || name === "dpkg") return packageFilesInstalled(name, args);
  if (name === "systemctl") return systemctlStarted(args);
  if (name === "service" || name === "rc-service") return serviceStarted(args[0], args[1], SERVICE_VERBS);
  if (name === "chkconfig") return chkconfigEnabled(args);
  if (name === "update-rc.d") {
    const [unit, verb] = operands(args, new Set());
    return serviceStarted(unit, verb, UPDATE_RC_VERBS);
  }
  if (name === "rc-update") {
    const [verb, unit] = operands(args, new Set());
    return verb === "add" ? serviceStarted(unit, "start", SERVICE_VERBS) : [];
  }
  // `/etc/init.d/xrdp start`: the script is named for its service.
  if (/^\/etc\/(?:rc\.d\/)?init\.d\//.test(words[at]?.text ?? "")) return serviceStarted(name, args[0], SERVICE_VERBS);
  if (!daemons) return [];
  if (name === "busybox-extras") return daemonRun(args[0] ?? "", args.slice(1));
  return daemonRun(name, args);
}

/** A server package a spelling names: `xrdp`, `xrdp-0.9.22`, `xrdp=0.9.*`, `x11vnc.x86_64`, a file or URL of one. */
export function serverPackage(spelling: string, releaseAfterSlash = false): LoginServer | undefined {
  const release = releaseAfterSlash && !spelling.endsWith(".deb");
  const slash = release ? spelling.indexOf("/") : spelling.lastIndexOf("/");
  const file = release ? (slash < 0 ? spelling : spelling.slice(0, slash)) : spelling.slice(slash + 1);
  // A version, architecture qualifier or repository tag after these: `=1.2`, `>=1.2`, `:amd64`, `@testing`, `*`.
  const end = file.search(/[=<>~@:*?[]/);
  const bare = end < 0 ? file : file.slice(0, end);
  const whole = PACKAGES.get(bare);
  if (whole) return whole;
  // `name-1.2-3.el9.x86_64.rpm`, `name_1.2_amd64.deb`, `name.x86_64`: a version or architecture after the name.
  const limit = Math.min(bare.length, MAX_PACKAGE_NAME + 1);
  for (let i = 1; i < limit; i++) {
    const c = bare[i];
    const versionNext = c === "-" && /\d/.test(bare[i + 1] ?? "");
    if (versionNext || c === "_" || c === ".") {
      const server = PACKAGES.get(bare.slice(0, i));
      if (server) return server;
    }
  }
  return undefined;
}

/** The password-login server a daemon's program name runs (`in.telnetd`, `Xvnc`), as a super-server names it too. */
export function daemonServer(program: string): LoginServer | undefined {
  return DAEMONS.get(program);
}

/**
 * Whether a server bound to loopback alone is let be: VNC and the web consoles, reachable then through an SSH tunnel
 * only. Telnet, the r-services and xrdp count wherever they listen.
 */
export function loopbackExcepted(server: LoginServer): boolean {
  return server === "vnc" || server === "web-console";
}

/** A loopback address, range or interface as servers spell it: `localhost`, `127.0.0.1`, `127.0.0.0/8`, `::1`, `lo`. */
export function isLoopback(address: string): boolean {
  return LOOPBACK.has(address) || LOOPBACK_V4.test(address);
}

/** The note of a finding: the servers and why, then what to do instead. */
export function loginServerNote(servers: Iterable<LoginServer>): string {
  const whys = [...new Set(servers)].map((s) => WHY[s]);
  return `${whys.join("; ")}; use SSH with keys through the bastion and remove the server`;
}

/** A package manager's install: its subcommand first among its operands, the packages after it. */
function installed(args: string[], { verbs, valueOptions, releaseAfterSlash }: Installer): LoginServer[] {
  const given = operands(args, valueOptions);
  const verb = given[0];
  if (verb === undefined || !verbs.has(verb)) return [];
  const packages = given.slice(1);
  // apt removes a package spelt with a trailing minus (`install xrdp-`), zypper one with a leading ! or ~.
  const kept = packages.filter((p) => !p.endsWith("-") && !p.startsWith("!") && !p.startsWith("~"));
  return present(kept.map((p) => serverPackage(p, releaseAfterSlash)));
}

/** `pacman -S`, `-Syu`, `--sync`: operands are packages; -Ss, -Si, -Sc, -Sw and the like install nothing. */
function pacmanInstalled(args: string[]): LoginServer[] {
  const sync = args.some(
    (a) => a === "--sync" || (a.startsWith("-S") && !a.startsWith("--") && !PACMAN_NOT_INSTALLING.test(a.slice(2))),
  );
  return sync ? present(operands(args, PACMAN_OPTIONS).map((p) => serverPackage(p))) : [];
}

/** `rpm -i|-U|--install|--upgrade file.rpm…`, `dpkg -i|--install file.deb…`: the files name their packages. */
function packageFilesInstalled(name: string, args: string[]): LoginServer[] {
  const install = name === "rpm" ? /^-[iU]|^--(?:install|upgrade)$/ : /^-[a-zA-Z]*i|^--install$/;
  if (!args.some((a) => install.test(a))) return [];
  return present(operands(args, PACKAGE_FILE_OPTIONS).map((p) => serverPackage(p)));
}

/** `systemctl [options] enable|start|… [--now] unit…`. */
function systemctlStarted(args: string[]): LoginServer[] {
  const given = operands(args, SYSTEMCTL_OPTIONS);
  const verb = given[0];
  return verb !== undefined && SYSTEMCTL_VERBS.has(verb) ? present(given.slice(1).map(serviceNamed)) : [];
}

/** `service X start`, `rc-service X restart`, `update-rc.d X defaults`: the unit, then the verb. */
function serviceStarted(unit: string | undefined, verb: string | undefined, verbs: Set<string>): LoginServer[] {
  return unit !== undefined && verb !== undefined && verbs.has(verb) ? present([serviceNamed(unit)]) : [];
}

/** `chkconfig [--level 35] telnet on`: xinetd's and SysV services alike. */
function chkconfigEnabled(args: string[]): LoginServer[] {
  const [unit, state] = operands(args, new Set(["--level"]));
  return serviceStarted(unit, state, new Set(["on"]));
}

/** A service unit's server: `telnet.socket`, `vncserver@:1.service`, a unit file's path. */
function serviceNamed(unit: string): LoginServer | undefined {
  const file = unit.slice(unit.lastIndexOf("/") + 1);
  const at = file.indexOf("@");
  const base = at >= 0 ? file.slice(0, at + 1) : file.replace(/\.(?:service|socket)$/, "");
  return SERVICES.get(base);
}

/** A daemon run directly, unless it only stops, asks or prints, or VNC or a web console listens on loopback alone. */
function daemonRun(name: string, args: string[]): LoginServer[] {
  const server = DAEMONS.get(name);
  // Dropbear's letters are its own (its -k and -R start a server): read apart.
  if (server === "dropbear") return dropbearKeysOnly(args) ? [] : [server];
  if (server === undefined || args.some((a) => NOT_STARTING.has(a))) return [];
  return loopbackExcepted(server) && loopbackOnly(args) ? [] : [server];
}

/**
 * `-localhost` (TigerVNC's and x11vnc's), `-localhost yes` or `-localhost=1`, `-listen localhost`, `-interface
 * 127.0.0.1`, Shell In A Box's `--localhost-only`, cockpit-ws's `--address 127.0.0.1`, ttyd's `-i lo`: the last
 * setting wins, as the servers read their options.
 */
function loopbackOnly(args: string[]): boolean {
  let loopback = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--/, "-");
    if (a === "-localhost") {
      const value = (args[i + 1] ?? "").toLowerCase();
      const isBoolean = /^(?:yes|no|true|false|on|off|1|0)$/.test(value);
      loopback = !isBoolean || /^(?:yes|true|on|1)$/.test(value);
      if (isBoolean) i++;
    } else if (a.startsWith("-localhost=")) loopback = /^(?:yes|true|on|1)$/i.test(a.slice("-localhost=".length));
    else if (a === "-localhost-only") loopback = true;
    else if (a === "-listen" || a === "-interface" || a === "-address" || a === "-i")
      loopback = isLoopback(args[++i] ?? "");
    else if (a.startsWith("-address=") || a.startsWith("-interface="))
      loopback = isLoopback(a.slice(a.indexOf("=") + 1));
  }
  return loopback;
}

/** Dropbear's options that take a value (the rest of their word, or the next word). */
const DROPBEAR_VALUES = new Set("bcdrpPIKWTGDA");

/**
 * Dropbear run with `-s` (no password logins) and `-w` (no root login) or `-g` (no password login for root): keys
 * only, or no root login at all. `-h` and `-V` print and exit. Letters may be grouped (`-swp 2222`), as its
 * parser reads them; a letter taking a value ends its group.
 */
function dropbearKeysOnly(args: string[]): boolean {
  let noPasswords = false;
  let noRootPasswords = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a.startsWith("--")) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === "h" || c === "V") return true;
      if (c === "s") noPasswords = true;
      else if (c === "w" || c === "g") noRootPasswords = true;
      else if (DROPBEAR_VALUES.has(c)) {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return noPasswords && noRootPasswords;
}

/**
 * The operands of a command: its words that are no options, nor the values of `valueOptions` (given as the next
 * word); `--` ends the options.
 */
function operands(args: string[], valueOptions: Set<string>): string[] {
  const found: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (options && a === "--") options = false;
    else if (options && a.startsWith("-") && a !== "-") {
      if (valueOptions.has(a)) i++;
    } else found.push(a);
  }
  return found;
}

function present<T>(values: (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}
