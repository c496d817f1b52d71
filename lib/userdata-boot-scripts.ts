// Files that run as root after the first boot: rc.local, systemd units, cron, login scripts, cloud-init's own
// per-boot scripts and configuration. User data that writes them persists past its own run, as the case's attacker
// did, so what it writes there is scanned as the commands it will run.
import type { Findings } from "./userdata-findings";
import type { ScanWritten } from "./userdata-scan-context";
import { normalPath } from "./userdata-sshd-paths";
import { shellQuote } from "./userdata-words";

/** How a boot-time file holds its commands. */
export type BootScriptFormat =
  "shell" | "systemd-unit" | "system-crontab" | "user-crontab" | "anacrontab" | "cloud-config";

/** What `crontab -` (or `crontab` reading a pipe) installs: the user's crontab, named for messages. */
export function crontabInput(user: string): string {
  return user === "root" ? "crontab -" : `crontab -u ${user} -`;
}

const FORMATS: [path: RegExp, format: BootScriptFormat][] = [
  [/^\/etc\/(?:rc\.d\/)?rc\.local$/, "shell"],
  [/^\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/, "shell"],
  [/^\/etc\/profile\.d\/[^/]+$/, "shell"],
  [/^\/etc\/(?:profile|bashrc|bash\.bashrc)$/, "shell"],
  [/^(?:\/root|~root|~|\$HOME|\$\{HOME\})\/\.(?:bashrc|bash_profile|bash_login|profile)$/, "shell"],
  [/^\/etc\/cron\.(?:hourly|daily|weekly|monthly)\/[^/]+$/, "shell"],
  [/^\/var\/lib\/cloud\/scripts\/per-(?:boot|instance|once)\/[^/]+$/, "shell"],
  [/^\/(?:etc|run|lib|usr\/lib|usr\/local\/lib)\/systemd\/(?:system|user)\/.+$/, "systemd-unit"],
  [/^\/etc\/(?:crontab|cron\.d\/[^/]+)$/, "system-crontab"],
  [/^\/var\/spool\/cron\/(?:crontabs\/)?[^/]+$/, "user-crontab"],
  [/^crontab (?:-u \S+ )?-$/, "user-crontab"],
  [/^\/etc\/anacrontab$/, "anacrontab"],
  [/^\/etc\/cloud\/(?:cloud\.cfg|cloud\.cfg\.d\/[^/]+)$/, "cloud-config"],
];

/** What pieces of one line written to a boot-time file are joined to, at most, as ScriptsRunLater joins them. */
const MAX_JOINED = 16 * 1024;
/** Why a line written to a boot-time file in pieces was not read whole (see Findings.leftUnread). */
const PAST_JOINED = `a line written to a boot-time file in pieces past ${MAX_JOINED / 1024} KB`;

/** The line a boot-time file was left inside, and the findings its text was written with. */
interface OpenLine {
  text: string;
  found: Findings;
}

/**
 * Text written to boot-time files in pieces (`printf 'rm -f /etc/ssh/sshd_con' > /etc/rc.local; printf 'fig.d/…\n'
 * >> /etc/rc.local`), joined as the file holds them, as the texts of a file run later are: the line a piece leaves
 * open (printf with no last `\n`) is held back until the text added next completes it, and read whole then; read as
 * it is once the file is written over another way, past the bound on what is joined (noted unread), or at the end
 * (see finish). Everything else is handed on as it is. One per scan of a text: its lines write in order.
 */
export class BootScriptPieces {
  /** The lines left open, by file. */
  private readonly open = new Map<string, OpenLine>();

  constructor(
    private readonly written: ScanWritten,
    private readonly leftUnread: (why: string) => void,
  ) {}

  /** Where the scan hands text written to files: see the class. */
  readonly write: ScanWritten = (text, files, found, mode) => {
    // A removal, a copy or a write only followed names the files; nothing is joined to it.
    if (mode === undefined || files.length === 0 || Object.keys(mode).some((key) => !PLAIN_MODE.has(key))) {
      if (this.open.size > 0) for (const file of files) this.close(normalPath(file));
      return this.written(text, files, found, mode);
    }
    let others: string[] | undefined;
    let joined: Map<string, string[]> | undefined;
    let appended: Set<string> | undefined;
    for (const file of files) {
      if (bootScriptFormat(file) === undefined) {
        (others ??= []).push(file);
        continue;
      }
      const key = normalPath(file);
      const adds = (appended ??= new Set(mode.appended.map(normalPath))).has(key);
      if (!adds) this.close(key);
      const read = this.piece(key, text, found, mode.endsMidLine === true);
      if (read === "") continue;
      joined ??= new Map<string, string[]>();
      const to = joined.get(read);
      if (to === undefined) joined.set(read, [file]);
      else to.push(file);
    }
    if (others !== undefined) this.written(text, others, found, mode);
    if (joined !== undefined) for (const [read, to] of joined) this.written(read, to, found, mode);
  };

  /** The scan is over: the lines left open are read as they are. */
  finish(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  /**
   * What to read of `text` added to the boot-time file `key`: with the line it left open before it, up to its last
   * line when that is left open in turn (held back for the next piece).
   */
  private piece(key: string, text: string, found: Findings, endsMidLine: boolean): string {
    const held = this.open.get(key);
    this.open.delete(key);
    const whole = held === undefined ? text : held.text + text;
    if (!endsMidLine) return whole;
    // Looked for in the piece only, not in the line held: a line written a character at a time stays linear.
    const inPiece = text.lastIndexOf("\n");
    const end = inPiece < 0 ? 0 : whole.length - text.length + inPiece + 1;
    const rest = end === 0 ? whole : text.slice(inPiece + 1);
    if (rest.length > MAX_JOINED) {
      this.leftUnread(PAST_JOINED);
      return whole;
    }
    if (rest !== "") this.open.set(key, { text: rest, found });
    return whole.slice(0, end);
  }

  /** `key` is written over another way, or the scan ends: the line it was left inside is read as it is. */
  private close(key: string): void {
    const held = this.open.get(key);
    if (held === undefined) return;
    this.open.delete(key);
    this.written(held.text, [key], held.found, { appended: [] });
  }
}

/** The fields of a plain write's mode (see WriteMode): any other marks a removal, a copy or a write only followed. */
const PLAIN_MODE = new Set(["appended", "endsMidLine"]);

/** The format of a boot-time file, or undefined for a file nothing runs. */
export function bootScriptFormat(path: string): BootScriptFormat | undefined {
  const normal = normalPath(path);
  return FORMATS.find(([pattern]) => pattern.test(normal))?.[1];
}

/**
 * The commands a boot-time file runs, as shell text: a script is itself; a unit's are its Exec lines; a crontab's
 * are its lines after the schedule (and the user, in the system's); cloud-config is read as such by the caller.
 */
export function bootCommands(format: BootScriptFormat, text: string): string {
  switch (format) {
    case "systemd-unit":
      return unitCommands(text);
    case "system-crontab":
      return cronCommands(text, { times: 5, nicknames: true, user: true });
    case "user-crontab":
      return cronCommands(text, { times: 5, nicknames: true, user: false });
    case "anacrontab":
      return cronCommands(text, { times: 3, nicknames: false, user: false });
    default:
      return text;
  }
}

const EXEC = /^\s*Exec(?:Start|StartPre|StartPost|Condition|Reload|Stop|StopPost)\s*=\s*(.*)$/;
/** `Environment=OPTIONS=…`: sshd.service runs `sshd -D $OPTIONS` (Ubuntu: `$SSHD_OPTS`) with what is set here. */
const ENVIRONMENT_LINE = /^\s*Environment\s*=\s*(.*)$/;

/**
 * `ExecStart=-/bin/sh -c '…'`: the command after systemd's prefixes (`-@:+!`), lines continued by `\` joined. An
 * `Environment=` line is read as a shell assignment of its value, quoted whole: its words are values, never commands.
 */
function unitCommands(text: string): string {
  const commands: string[] = [];
  for (const line of joinContinuations(text.split(/\r?\n/))) {
    const m = EXEC.exec(line);
    if (m) commands.push(m[1].replace(/^[-@:+!]+/, ""));
    const environment = m ? null : ENVIRONMENT_LINE.exec(line);
    if (environment) commands.push(`Environment=${shellQuote(environment[1])}`);
  }
  return commands.join("\n");
}

function joinContinuations(lines: string[]): string[] {
  const joined: string[] = [];
  let pending = "";
  for (const line of lines) {
    if (line.endsWith("\\")) pending += `${line.slice(0, -1)} `;
    else {
      joined.push(pending + line);
      pending = "";
    }
  }
  if (pending !== "") joined.push(pending);
  return joined;
}

const ENVIRONMENT = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/;

/** A crontab's layout: how many time fields, whether `@reboot`-style nicknames replace them, whether a user follows. */
interface CronLayout {
  times: number;
  nicknames: boolean;
  user: boolean;
}

/**
 * A crontab's commands: each line without its schedule and user. An unescaped `%` starts the command's input, whose
 * lines are read as commands too: reading more hides nothing.
 */
function cronCommands(text: string, layout: CronLayout): string {
  const commands: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || ENVIRONMENT.test(line)) continue;
    const schedule = layout.nicknames && line.startsWith("@") ? 1 : layout.times;
    const command = skipFields(line, schedule + (layout.user ? 1 : 0));
    if (command !== "") commands.push(command.replace(/\\?%/g, (m) => (m === "%" ? "\n" : "%")));
  }
  return commands.join("\n");
}

/** The text after the first `count` blank-separated fields, "" when there are not so many. */
function skipFields(line: string, count: number): string {
  let at = 0;
  for (let field = 0; field < count; field++) {
    while (at < line.length && line[at] !== " " && line[at] !== "\t") at++;
    while (at < line.length && (line[at] === " " || line[at] === "\t")) at++;
    if (at >= line.length) return "";
  }
  return line.slice(at);
}
