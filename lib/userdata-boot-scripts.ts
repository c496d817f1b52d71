// Files that run as root after the first boot: rc.local, systemd units, cron, login scripts, cloud-init's own
// per-boot scripts and configuration. User data that writes them persists past its own run, as the case's attacker
// did, so what it writes there is scanned as the commands it will run.
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
