// Log retention rules shared by every log group and evidence store of the kit.
import { Problems } from "../validation";

/** China Cybersecurity Law Art. 21(3) requires network logs for at least six months; 180 days is the floor. */
export const MIN_LOG_RETENTION_DAYS = 180;
/** Default retention: one year, enough to investigate an intrusion found months later (CIS Alibaba 2.23). */
export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** The values CloudWatch Logs accepts for `retentionInDays`. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Checks a CloudWatch Logs retention: an accepted value and at least MIN_LOG_RETENTION_DAYS. */
export function checkLogRetention(problems: Problems, argument: string, days: unknown): void {
  const allowed = CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_LOG_RETENTION_DAYS);
  problems.check(
    typeof days === "number" && allowed.includes(days),
    argument,
    days,
    `one of ${allowed.join(", ")} (at least ${MIN_LOG_RETENTION_DAYS} days: network logs are kept 6 months)`,
    `omit ${argument} for ${DEFAULT_LOG_RETENTION_DAYS} days, or pick one of the allowed values`,
  );
}

/** Checks a retention in days for locked evidence (Object Lock, Backup): an integer within [min, max]. */
export function checkDays(
  problems: Problems,
  argument: string,
  days: unknown,
  min: number,
  max: number,
  fix: string,
): void {
  problems.check(
    typeof days === "number" && Number.isInteger(days) && days >= min && days <= max,
    argument,
    days,
    `an integer from ${min} to ${max}`,
    fix,
  );
}

/**
 * The warning for a retention set below the kit's default: allowed, but evidence of an intrusion found late is gone
 * sooner. Undefined when `days` is the default or longer.
 */
export function shortenedRetentionWarning(argument: string, days: number, defaultDays: number): string | undefined {
  if (days >= defaultDays) return undefined;
  return (
    `${argument} is ${days} days, below the default ${defaultDays}: evidence of an intrusion found later than that ` +
    "is gone; omit it to keep the default"
  );
}
