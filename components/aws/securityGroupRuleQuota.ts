// The account's security group rule quota, as a component argument: what a security group the component plans must
// fit. A group past the real quota fails at deployment, after the resources created before it exist.
import { checkPlain, Problems } from "../validation";

/** The argument that sets the quota in force. */
export const SG_QUOTA_ARGUMENT = "securityGroupRuleQuota";

/**
 * Amazon VPC quotas, "Inbound or outbound rules per security group" (Service Quotas L-0EA8095F): 60 by default, a
 * one-way quota "enforced separately for IPv4 and IPv6 rules". Adjustable, but the quota multiplied by "Security
 * groups per network interface" cannot exceed 1,000, so 1000 is the most any account gets (with one group per
 * interface).
 */
export const SECURITY_GROUP_RULE_QUOTA = {
  defaultRules: 60,
  maxRules: 1000,
  quotaName: '"Inbound or outbound rules per security group" quota (Service Quotas, Amazon VPC, L-0EA8095F)',
} as const;

/**
 * Checks `securityGroupRuleQuota` and returns the quota to count against: the value when usable, else the default
 * (so the counts still run, against what every account has).
 */
export function checkSecurityGroupRuleQuota(problems: Problems, value: unknown): number {
  const { defaultRules, maxRules, quotaName } = SECURITY_GROUP_RULE_QUOTA;
  if (value === undefined) return defaultRules;
  if (!checkPlain(problems, SG_QUOTA_ARGUMENT, value)) return defaultRules;
  const ok = typeof value === "number" && Number.isInteger(value) && value >= defaultRules && value <= maxRules;
  problems.check(
    ok,
    SG_QUOTA_ARGUMENT,
    value,
    `an integer from ${defaultRules} (AWS's default) to ${maxRules} (the most AWS grants: the quota times the ` +
      `security groups per network interface may not exceed ${maxRules})`,
    `omit ${SG_QUOTA_ARGUMENT} for the default ${defaultRules}, or pass the number of rules the account's ` +
      `${quotaName} was raised to in this region`,
  );
  return ok ? (value as number) : defaultRules;
}

/** The warning for a quota above the default: it holds only once the account's quota was raised. */
export function raisedSecurityGroupQuotaWarning(value: number): string | undefined {
  const { defaultRules, quotaName } = SECURITY_GROUP_RULE_QUOTA;
  if (value <= defaultRules) return undefined;
  return (
    `${SG_QUOTA_ARGUMENT} is ${value}, above AWS's default of ${defaultRules} rules per security group: the ` +
    `account's ${quotaName} must have been raised to at least ${value} in this region first, or the deployment ` +
    "fails when it writes the security group"
  );
}
