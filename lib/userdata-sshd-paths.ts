// Which files sshd reads as its configuration. Two readings, each chosen so that it never hides a weakening: a file
// excuses keyboard-interactive (AuthenticationMethods) only when it surely is sshd's, while a setting written to a
// file that may be sshd's counts.
import { posix } from "path";

/** The files stock sshd reads: sshd_config and the drop-ins its `Include /etc/ssh/sshd_config.d/*.conf` names. */
const SSHD_CONFIG = /^\/etc\/ssh\/(?:sshd_config|sshd_config\.d\/[^/]+\.conf)$/;
/** Anything named like sshd's configuration, wherever it lives (`/usr/etc/ssh/sshd_config`, a drop-in's backup). */
const SSHD_CONFIG_NAME = /(?:^|\/)sshd_config(?:\.d\/[^/]+)?$/;
/** Under /etc/ssh, every file but the client's configuration may be included by sshd_config. */
const SSH_DIRECTORY = /^\/etc\/ssh\/(?!ssh_config(?:$|\.d\/))/;

export function isSshdConfigPath(path: string): boolean {
  const normal = normalPath(path);
  // Both of SSHD_CONFIG's forms start so: most paths are told apart without the pattern.
  return normal.startsWith("/etc/ssh/sshd_config") && SSHD_CONFIG.test(normal);
}

/** sshd_config itself, read whatever becomes of the drop-ins. */
export function isMainSshdConfigPath(path: string): boolean {
  return normalPath(path) === "/etc/ssh/sshd_config";
}

export function maybeSshdConfigPath(path: string): boolean {
  const normal = normalPath(path);
  // Each pattern needs its literal: most paths are told apart without either.
  return (
    (normal.includes("sshd_config") && SSHD_CONFIG_NAME.test(normal)) ||
    (normal.startsWith("/etc/ssh/") && SSH_DIRECTORY.test(normal))
  );
}

/** Repeated slashes collapsed, as the kernel reads a path: a leading `//` too (`//root` is `/root` on Linux). */
export function normalPath(path: string): string {
  return path.includes("//") ? path.replace(/\/{2,}/g, "/") : path;
}

/** A `.` or `..` step (`/root/./.ssh`, `/home/x/../../root/.ssh`). */
const DOT_STEP = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * A path as the kernel reads it: repeated slashes collapsed (see normalPath) and `.` and `..` steps taken; a
 * trailing slash kept, a relative path left relative (`~/../x` is `x`: `~` is a step like any other here).
 */
export function resolvedPath(path: string): string {
  // Collapsed again after normalize: a leading `//` is the one POSIX lets an implementation keep.
  return DOT_STEP.test(path) ? normalPath(posix.normalize(path)) : normalPath(path);
}

/**
 * A file named outright (absolute or under a home, no other variable, no pattern) that sshd does not read unless
 * made to: the client's configuration, a log, a template under /opt.
 */
export function isInertPath(path: string): boolean {
  return /^(?:~\w*|\$HOME|\$\{HOME\})?\/[^$`*?[\]{}]*$/.test(path) && !maybeSshdConfigPath(path);
}

/** Text shown at login and never run: the message of the day and the pre-login banners. */
const DISPLAYED = /^\/etc\/(?:motd|issue|issue\.net|motd\.d\/[^/]+)$/;

/**
 * A file whose text is only shown (`echo "Reminder: PermitRootLogin yes is forbidden" > /etc/motd`): no line of it
 * runs, so any of it counts only as a setting, if sshd is made to read it.
 */
export function isDisplayedPath(path: string): boolean {
  return DISPLAYED.test(normalPath(path));
}
