// Super-servers start password-login servers too: xinetd runs each service of /etc/xinetd.d/ (and xinetd.conf) not
// marked `disable = yes`, inetd each uncommented line of /etc/inetd.conf (and /etc/inetd.d/). A service counts by its
// server (in.telnetd, in.rlogind, in.rshd, in.rexecd, Xvnc…), and in xinetd or update-inetd by its name too (telnet,
// login, shell, exec, vnc…). Each line is read once, in order; a block is judged where it closes. A VNC service bound
// to loopback (`bind = 127.0.0.1`, `only_from = localhost`) is let be, as a VNC daemon on loopback is.
import { ParsedCommand } from "./userdata-destinations";
import { Findings } from "./userdata-findings";
import { inputWrite } from "./userdata-input-writers";
import { daemonServer, isLoopback, LoginServer, loopbackExcepted } from "./userdata-login-servers";
import { spelledInput } from "./userdata-printed";
import { LineScan } from "./userdata-scan-context";
import { normalPath } from "./userdata-sshd-paths";

export type SuperServer = "xinetd" | "inetd";

const XINETD_FILE = /^\/etc\/(?:xinetd\.conf|xinetd\.d\/[^/]+)$/;
const INETD_FILE = /^\/etc\/(?:inetd\.conf|inetd\.d\/[^/]+)$/;

/** The services of /etc/services that are password-login servers, as both super-servers name them. */
const SERVICE_NAMES = new Map<string, LoginServer>([
  ["telnet", "telnet"],
  ["login", "r-services"],
  ["shell", "r-services"],
  ["exec", "r-services"],
]);
/** VNC's services have no fixed name (`vnc`, `vncserver`, `vnc-1024`, `xvnc`). */
const VNC_NAME = /^x?vnc/i;

/** Servers that run the program their next argument names: `/usr/sbin/tcpd /usr/sbin/in.telnetd`, `busybox telnetd`. */
const WRAPPERS = new Set(["tcpd", "busybox", "busybox-extras"]);

/** inetd's socket types: a line of another shape is no entry. */
const SOCKET_TYPES = new Set(["stream", "dgram", "raw", "rdm", "seqpacket"]);

/** Which super-server reads a file named outright. */
export function superServerOf(path: string): SuperServer | undefined {
  const normal = normalPath(path);
  return XINETD_FILE.test(normal) ? "xinetd" : INETD_FILE.test(normal) ? "inetd" : undefined;
}

/** The password-login server a service is, by its server program (and that program's first argument) or name. */
function serviceServer(name: string, server: string | undefined, serverArgs: string[]): LoginServer | undefined {
  return programServer(server, serverArgs) ?? namedServer(name);
}

/** The server a service's name is on every system: /etc/services gives it its port. */
function namedServer(name: string): LoginServer | undefined {
  return SERVICE_NAMES.get(name) ?? (VNC_NAME.test(name) ? "vnc" : undefined);
}

/** The password-login server a program is, or the program a wrapper runs. */
function programServer(server: string | undefined, serverArgs: string[]): LoginServer | undefined {
  const program = server === undefined ? undefined : baseName(server);
  const run = program !== undefined && WRAPPERS.has(program) ? serverArgs[0] : program;
  return run === undefined ? undefined : daemonServer(baseName(run));
}

/**
 * An inetd entry's server: `telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd`, its fields split on
 * blanks; none for a comment (Debian's `#<off># telnet …` too) or a line of another shape. The entry names its program
 * outright, which is what counts (a telnet port served by a honeypot runs no login).
 */
export function inetdEntryServer(entry: string): LoginServer | undefined {
  const fields = entry.trim().split(/[ \t]+/);
  if (fields.length < 6 || fields[0].startsWith("#") || !SOCKET_TYPES.has(fields[1])) return undefined;
  return programServer(fields[5], fields.slice(6));
}

/** A service block being read: its `service` line, quoted, and the attributes that decide what it runs. */
interface XinetdService {
  name: string;
  line: string;
  server?: string;
  serverArgs: string[];
  disabled: boolean;
  /** `bind` (or `interface`) is a loopback address. */
  boundToLoopback: boolean;
  /** The clients `only_from` admits, when it is given. */
  onlyFrom?: string[];
}

/** `service NAME`, maybe with the block's opening brace. */
const SERVICE_HEADER = /^service[ \t]+([^\s{]+)[ \t]*(\{)?$/;
/** `key = value`, `key += value`: an attribute of a block. */
const ATTRIBUTE = /^(\w+)[ \t]*([+-]?=)[ \t]*([^\n]*)/;

/**
 * Reads xinetd's text line by line: `service NAME`, `{`, its attributes, `}`. A service is on unless it says
 * `disable = yes` (the last `disable` wins); a block that never closes is not read by xinetd either.
 */
export class XinetdReader {
  private service: XinetdService | undefined;
  private open = false;

  /** `evenDisabled`: a service `disable = yes` is read as on (see superServersNamedIn). */
  constructor(private readonly evenDisabled = false) {}

  /** Reads one line; returns the password-login server a block it closes runs, with the block's `service` line. */
  line(text: string): { server: LoginServer; line: string } | undefined {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return undefined;
    if (!this.open) {
      const header = SERVICE_HEADER.exec(trimmed);
      if (header) {
        this.service = { name: header[1], line: trimmed, serverArgs: [], disabled: false, boundToLoopback: false };
        this.open = header[2] !== undefined;
      } else if (trimmed === "{") this.open = true;
      return undefined;
    }
    if (trimmed === "}") return this.close();
    const attribute = ATTRIBUTE.exec(trimmed);
    const service = this.service;
    if (!attribute || service === undefined) return undefined;
    const [, key, op, value] = attribute;
    if (key === "server") service.server = value.trim();
    else if (key === "server_args") service.serverArgs = value.trim().split(/[ \t]+/);
    else if (key === "disable" && op === "=") service.disabled = value.trim() === "yes";
    else if (key === "bind" || key === "interface") service.boundToLoopback = isLoopback(value.trim());
    else if (key === "only_from" && op !== "-=") {
      const clients = value
        .trim()
        .split(/[ \t]+/)
        .filter((c) => c !== "");
      service.onlyFrom = op === "+=" ? [...(service.onlyFrom ?? []), ...clients] : clients;
    }
    return undefined;
  }

  private close(): { server: LoginServer; line: string } | undefined {
    const service = this.service;
    this.service = undefined;
    this.open = false;
    if (service === undefined || (service.disabled && !this.evenDisabled)) return undefined;
    const server = serviceServer(service.name, service.server, service.serverArgs);
    if (server === undefined || (loopbackExcepted(server) && loopbackOnly(service))) return undefined;
    return { server, line: service.line };
  }
}

/** A service only loopback reaches: bound there, or admitting loopback clients alone. */
function loopbackOnly({ boundToLoopback, onlyFrom }: XinetdService): boolean {
  return boundToLoopback || (onlyFrom !== undefined && onlyFrom.length > 0 && onlyFrom.every(isLoopback));
}

/** The servers a whole text of a super-server's file runs. */
export function superServersIn(kind: SuperServer, lines: readonly string[]): Set<LoginServer> {
  const servers = new Set<LoginServer>();
  const reader = kind === "xinetd" ? new XinetdReader() : undefined;
  for (const line of lines) {
    const server = reader ? reader.line(line)?.server : inetdEntryServer(line);
    if (server !== undefined) servers.add(server);
  }
  return servers;
}

/** Comment marks that switch an entry or a service's line off: `#`, Debian's `#<off>#`. */
const OFF_MARKS = /^[ \t]*(?:#<off>#|#)+[ \t]*/;

/**
 * The servers a text of a super-server's file names, on or off: its commented lines read as uncommented, its xinetd
 * services as enabled. What an edit the reader cannot replay may turn on.
 */
export function superServersNamedIn(kind: SuperServer, lines: readonly string[]): Set<LoginServer> {
  const servers = new Set<LoginServer>();
  const reader = kind === "xinetd" ? new XinetdReader(true) : undefined;
  for (const line of lines) {
    const on = line.replace(OFF_MARKS, "");
    const server = reader ? reader.line(on)?.server : inetdEntryServer(on);
    if (server !== undefined) servers.add(server);
  }
  return servers;
}

/** update-inetd's options that take the next word as their value. */
const UPDATE_INETD_OPTIONS = new Set(["--group", "--comment-chars", "--pattern", "--file"]);

/**
 * `update-inetd --enable telnet,login` (services by name) and `update-inetd --add "<entry>"`: the password-login
 * servers inetd is told to run. `--disable` and `--remove` run none.
 */
export function updateInetdEnabled({ name, args }: ParsedCommand): LoginServer[] {
  if (name !== "update-inetd") return [];
  const servers: LoginServer[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (UPDATE_INETD_OPTIONS.has(a)) i++;
    else if (a === "--enable") {
      for (const service of (args[++i] ?? "").split(",")) {
        const server = namedServer(service);
        if (server !== undefined) servers.push(server);
      }
    } else if (a === "--add") {
      // Debian's maintainer scripts spell the tabs of an entry as `\t`.
      const server = inetdEntryServer((args[++i] ?? "").replace(/\\t/g, "\t"));
      if (server !== undefined) servers.push(server);
    }
  }
  return servers;
}

/**
 * `echo '…' | tee -a /etc/inetd.conf`: the text an echo, printf or here-string gives tee or sponge, read as the
 * super-servers' files it writes read it. Added to xinetd's files (`tee -a`), it is handed to `scan` as text written
 * there, to be read after what was written before (see XinetdAppends), where the scan reads written text; written in
 * their place (tee without -a), it starts what is read there anew (text the reader does not know: none).
 */
export function superServersTeed(
  parsed: ParsedCommand,
  previous: ParsedCommand | undefined,
  scan?: Pick<LineScan, "written" | "found">,
): LoginServer[] {
  const write = inputWrite(parsed);
  // Nearly every command is no tee or sponge: it writes no super-server's file.
  if (write === undefined) return [];
  const { files } = write;
  const kinds = new Set(files.map(superServerOf).filter((k): k is SuperServer => k !== undefined));
  const text = kinds.size === 0 ? undefined : spelledInput(parsed, previous);
  const xinetd = files.filter((f) => superServerOf(f) === "xinetd");
  if (!write.appends && xinetd.length > 0 && scan?.written)
    // The services the text closes are this line's findings (below): the reader's, read anew, go nowhere.
    scan.written(text ?? "", xinetd, new Findings(), { appended: [], followOnly: true });
  if (text === undefined) return [];
  if (write.appends && scan?.written && kinds.delete("xinetd")) scan.written(text, xinetd, scan.found);
  const lines = text.split(/\r?\n/);
  return [...kinds].flatMap((kind) => [...superServersIn(kind, lines)]);
}

/** What a command on a line of a super-server's file (as the line scan reads it) turns on, and the line to quote. */
export interface SuperServerStart {
  server: LoginServer;
  line: string;
}

/**
 * Reads one command of text written to a super-server's file (`file`): an inetd entry at once, an xinetd block where
 * it closes, with the reader the scan of that file keeps (`state`: one per scan, so one per file written).
 */
export function superServerLine(file: string, { command }: ParsedCommand, state: object): SuperServerStart | undefined {
  const kind = superServerOf(file);
  if (kind === "inetd") {
    const server = inetdEntryServer(command.text);
    return server === undefined ? undefined : { server, line: command.text.trim() };
  }
  if (kind !== "xinetd") return undefined;
  let reader = xinetdReaders.get(state);
  if (reader === undefined) xinetdReaders.set(state, (reader = new XinetdReader()));
  return reader.line(command.text);
}

/** The reader of each scan of an xinetd file, which lives as long as that scan's state. */
const xinetdReaders = new WeakMap<object, XinetdReader>();

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
