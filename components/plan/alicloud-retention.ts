// Retention and naming rules for the kit's Alibaba Cloud evidence stores (SLS, OSS). China's Cybersecurity Law
// Art. 21(3) asks for network logs kept six months; CIS Alibaba Cloud 2.23 asks for 365 days.
import { Problems } from "../validation";

/** Six months: the legal floor for network logs. */
export const MIN_LOG_RETENTION_DAYS = 180;
/** One year: the kit's default (CIS Alibaba Cloud v2.0 2.23). */
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/** SLS keeps data forever at 3650. */
export const MAX_LOG_RETENTION_DAYS = 3650;
/** OSS WORM accepts 1 to 25,550 days (70 years). */
export const MAX_WORM_DAYS = 25550;

/** Adds a problem unless `value` is an integer day count in [min, max]. */
export function checkDays(
  problems: Problems,
  argument: string,
  value: unknown,
  min: number,
  max: number,
  why: string,
): boolean {
  return problems.check(
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
    argument,
    value,
    `an integer number of days from ${min} to ${max}`,
    `set ${argument} to at least ${min} (${why})`,
  );
}

/** Log retention: 180..3650 days. */
export function checkLogRetention(problems: Problems, argument: string, value: unknown): boolean {
  return checkDays(
    problems,
    argument,
    value,
    MIN_LOG_RETENTION_DAYS,
    MAX_LOG_RETENTION_DAYS,
    "network and audit logs are kept at least six months",
  );
}

const SLS_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const LOGSTORE_NAME = /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/;
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** SLS project names: 3-63 characters, lower-case letters, digits and hyphens, alphanumeric at both ends. */
export function checkSlsProjectName(problems: Problems, argument: string, value: unknown): boolean {
  return problems.check(
    typeof value === "string" && SLS_NAME.test(value),
    argument,
    value,
    "3-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit",
    "choose a stable name such as acme-prod-flowlogs (renaming replaces the project and its logs)",
  );
}

/** Logstore names: 3-63 characters, lower-case letters, digits, hyphens and underscores. */
export function checkLogstoreName(problems: Problems, argument: string, value: unknown): boolean {
  return problems.check(
    typeof value === "string" && LOGSTORE_NAME.test(value),
    argument,
    value,
    "3-63 lower-case letters, digits, hyphens or underscores, starting and ending with a letter or digit",
    "choose a stable name such as vpc-flowlog",
  );
}

/** OSS bucket names: 3-63 characters, lower-case letters, digits and hyphens, alphanumeric at both ends. */
export function checkOssBucketName(problems: Problems, argument: string, value: unknown): boolean {
  return problems.check(
    typeof value === "string" && OSS_BUCKET.test(value),
    argument,
    value,
    "3-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit (globally unique)",
    "choose a stable, globally unique name such as acme-prod-evidence (renaming replaces the bucket)",
  );
}
