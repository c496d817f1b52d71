// Network ACL rule quotas, counted from the entries a component plans: the check and the resources cannot disagree.
// Both clouds count rules per ACL, per direction and per address family; an ACL past its quota fails at deployment,
// after the VPC and the retained flow-log stores exist, so components refuse such arguments before creating anything.
import { isPlain, Problems, unresolvedProblem, ValidationProblem } from "../validation";

export type AddressFamily = "IPv4" | "IPv6";
export const ADDRESS_FAMILIES: readonly AddressFamily[] = ["IPv4", "IPv6"];
export type AclDirection = "inbound" | "outbound";

/** One cloud's quota of rules per network ACL, per direction and address family. */
export interface AclRuleQuota {
  /** What every account starts with. */
  defaultRules: number;
  /** The highest quota the cloud grants, when it documents one. */
  maxRules?: number;
  /** Rules the cloud adds to every ACL itself and counts against the quota, per family and direction. */
  implicitRules: number;
  /** What those rules are, for messages. */
  implicitRuleName?: string;
  /** The quota as the cloud names it where it is raised, for messages. */
  quotaName: string;
}

/** The argument that sets the quota in force. */
export const QUOTA_ARGUMENT = "naclRuleQuota";

/** Rules of one family in a planned list, with the ones the cloud adds itself. */
export function rulesOfFamily<T>(
  rules: readonly T[],
  familyOf: (rule: T) => AddressFamily,
  family: AddressFamily,
  quota: AclRuleQuota,
): number {
  return rules.filter((rule) => familyOf(rule) === family).length + quota.implicitRules;
}

function allowedQuotas(quota: AclRuleQuota): string {
  return quota.maxRules === undefined
    ? `an integer of at least ${quota.defaultRules} (the default; no documented maximum)`
    : `an integer from ${quota.defaultRules} (the default) to ${quota.maxRules} (the highest quota granted)`;
}

/**
 * Checks `naclRuleQuota` and returns the quota to count against: the value when usable, else the default (so the
 * counts still run and report against what every account has).
 */
export function checkRuleQuotaArgument(problems: Problems, value: unknown, quota: AclRuleQuota): number {
  if (value === undefined) return quota.defaultRules;
  if (!isPlain(value)) {
    const p = unresolvedProblem(QUOTA_ARGUMENT, value);
    problems.add(p.argument, p.value, p.allowed, p.fix);
    return quota.defaultRules;
  }
  const ok =
    typeof value === "number" &&
    Number.isSafeInteger(value) &&
    value >= quota.defaultRules &&
    (quota.maxRules === undefined || value <= quota.maxRules);
  problems.check(
    ok,
    QUOTA_ARGUMENT,
    value,
    allowedQuotas(quota),
    `omit ${QUOTA_ARGUMENT} for the default, or pass the number of rules the account's ${quota.quotaName} was ` +
      "raised to",
  );
  return ok ? (value as number) : quota.defaultRules;
}

/** The warning for a quota above the default: it is only true once the account's quota was raised. */
export function raisedQuotaWarning(value: number, quota: AclRuleQuota): string | undefined {
  if (value <= quota.defaultRules) return undefined;
  return (
    `${QUOTA_ARGUMENT} is ${value}, above the default of ${quota.defaultRules} rules per network ACL: the account's ` +
    `${quota.quotaName} must have been raised to at least ${value} in this region first, or the deployment fails ` +
    "when it writes the network ACL"
  );
}

/** One direction and family of one planned ACL, with and without the entries one argument adds. */
export interface AclFamilyCount {
  /** e.g. "the public subnets' network ACL". */
  acl: string;
  direction: AclDirection;
  family: AddressFamily;
  /** Rules as planned (the cloud's own included). */
  rules: number;
  /** Rules left without the argument's entries of this family. */
  without: number;
  /** The argument's entries of this family. */
  entries: number;
}

/** How many of the argument's entries fit a quota: every entry adds the same number of rules. */
function entriesThatFit(count: AclFamilyCount, limit: number): number {
  const perEntry = (count.rules - count.without) / count.entries;
  return Math.max(0, Math.floor((limit - count.without) / perEntry));
}

/**
 * The problem of an argument whose entries push an ACL past `limit`. `what` names one entry ("admin source",
 * "public port"), `shrink` says how to need fewer ("summarise them into fewer blocks"), `also` offers other ways.
 */
export function overflowProblem(
  argument: string,
  value: unknown,
  count: AclFamilyCount,
  limit: number,
  quota: AclRuleQuota,
  wording: { what: string; shrink: string; also?: string },
): ValidationProblem {
  const fit = entriesThatFit(count, limit);
  const isDefault = limit === quota.defaultRules;
  const inForce = isDefault
    ? `the default quota of ${limit} rules per network ACL`
    : `${QUOTA_ARGUMENT}'s ${limit} rules per network ACL`;
  const own = quota.implicitRules > 0 && quota.implicitRuleName ? ` (${quota.implicitRuleName} included)` : "";
  const allowed =
    `at most ${fit} ${count.family} ${wording.what}s: ${count.entries} make ${count.acl} hold ${count.rules} ` +
    `${count.direction} ${count.family} rules${own}, above ${inForce} (counted per direction and address family)`;
  const fitsIn = isDefault ? "the default quota" : `${QUOTA_ARGUMENT} ${limit}`;
  const also = wording.also ? `, ${wording.also}` : "";
  const max = quota.maxRules;
  let fix: string;
  if (max !== undefined && count.rules > max) {
    // No quota holds them all: only fewer entries do.
    const atMax =
      limit < max
        ? ` and ${entriesThatFit(count, max)} the highest quota granted (${max})`
        : `, the highest quota granted`;
    fix = `at most ${fit} ${count.family} ${wording.what}s fit ${fitsIn}${atMax}: ${wording.shrink}${also}`;
  } else {
    fix =
      `at most ${fit} ${count.family} ${wording.what}s fit ${fitsIn}: ${wording.shrink}${also}, or raise the ` +
      `account's ${quota.quotaName} to ${count.rules} and pass ${QUOTA_ARGUMENT}: ${count.rules}`;
  }
  return { argument, value, allowed, fix };
}

/** The problem of an ACL past the quota whatever the caller passes: only a higher quota holds it. */
export function fixedOverflowProblem(count: AclFamilyCount, limit: number, quota: AclRuleQuota): ValidationProblem {
  return {
    argument: QUOTA_ARGUMENT,
    value: limit,
    allowed:
      `at least ${count.rules}: ${count.acl} holds ${count.rules} ${count.direction} ${count.family} rules ` +
      "whatever the arguments",
    fix: `raise the account's ${quota.quotaName} to ${count.rules} and pass ${QUOTA_ARGUMENT}: ${count.rules}`,
  };
}
