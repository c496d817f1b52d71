// Security Center (threatdetection) settings and their documented values, kept apart from the component so the checks
// can be tested without mocks. Values follow the Security Center API (CreateAntiBruteForceRule,
// CreateFileProtectRule), which the provider's comments cut off after "Valid values:".
import { Problems } from "../validation";

/** Minutes in which failed logons are counted (`span`). A longer window catches slower guessing: it is stricter. */
export const SPAN_MINUTES = [1, 2, 5, 10, 15] as const;
/** Failed logons that trigger the block (`failCount`). */
export const FAIL_COUNTS = [2, 3, 4, 5, 10, 50, 80, 100] as const;
/** Minutes the source stays blocked (`forbiddenTime`); 52560000 is the API's "permanent" (100 years). */
export const FORBIDDEN_MINUTES = [5, 15, 30, 60, 120, 360, 720, 1440, 10080, 52560000] as const;
/** File operations the core file protection rule watches (CreateFileProtectRule `FileOps`). READ is left out: noise. */
export const FILE_OPS = ["WRITE", "DELETE", "RENAME", "CHMOD"] as const;
/** Alert levels of a file protection rule: 1 reminder (blue), 2 suspicious (yellow), 3 high-risk (red); 0 is none. */
export const ALERT_LEVELS = [1, 2, 3] as const;

export const BRUTE_FORCE_DEFAULTS = {
  /** 5 failures within 10 minutes: xhydra's 137-second run trips it within its first seconds. */
  failCount: 5,
  spanMinutes: 10,
  /** Six hours: long enough to stop a scanner, short enough that an office NAT that mistyped is not locked out for good. */
  forbiddenTimeMinutes: 360,
};

/** The case's persistence (GUIDE §1 step 2): sshd's configuration and root's keys. */
export const PROTECTED_PATHS = [
  "/etc/ssh/sshd_config",
  "/etc/ssh/sshd_config.d/*",
  "/root/.ssh/authorized_keys",
  "/root/.ssh/*",
] as const;

/** Patterns that match every path: an allow-list entry like this lets any process write, a watch on it is noise. */
const EVERYTHING = /^\/?\**$|^\/\*+(\/\*+)*$/;

/**
 * A path Security Center matches on the host: absolute, no whitespace or `..` (the agent compares the path as
 * written, so a relative or dotted form never matches what the kernel reports), and not a pattern for everything.
 */
export function checkHostPath(problems: Problems, argument: string, path: unknown, what: string): void {
  if (
    !problems.check(
      typeof path === "string" && path.startsWith("/"),
      argument,
      path,
      `an absolute ${what} path starting with "/"`,
      'write the full path, e.g. "/etc/ssh/sshd_config"',
    )
  ) {
    return;
  }
  const p = path as string;
  problems.check(
    !/\s/.test(p) && !p.split("/").includes(".."),
    argument,
    p,
    `a ${what} path without whitespace or ".." segments`,
    "write the path as the host reports it",
  );
  problems.check(
    !EVERYTHING.test(p),
    argument,
    p,
    `a ${what} path narrower than every path on the host`,
    "name the directory or file, e.g. /opt/app/*",
  );
}

/** A list of host paths, each once. */
export function checkHostPaths(problems: Problems, argument: string, paths: unknown, what: string): void {
  if (
    !problems.check(
      Array.isArray(paths),
      argument,
      paths,
      `a list of absolute ${what} paths`,
      `pass e.g. ["/opt/app/*"], or omit ${argument}`,
    )
  ) {
    return;
  }
  const seen = new Set<unknown>();
  (paths as unknown[]).forEach((p, i) => {
    checkHostPath(problems, `${argument}[${i}]`, p, what);
    problems.check(!seen.has(p), `${argument}[${i}]`, p, "each path once", "remove the duplicate");
    seen.add(p);
  });
}

/** One of the documented values. */
export function checkOneOf(
  problems: Problems,
  argument: string,
  value: unknown,
  allowed: readonly number[],
  fix: string,
): boolean {
  return problems.check(
    typeof value === "number" && allowed.includes(value),
    argument,
    value,
    `one of ${allowed.join(", ")}`,
    fix,
  );
}

/** Security Center agent UUIDs, as the console and `getAssets` list them. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isAgentUuid(value: unknown): boolean {
  return typeof value === "string" && UUID.test(value);
}
