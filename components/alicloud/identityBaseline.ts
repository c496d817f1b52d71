// The account's RAM login baseline: long passwords, lockout after a few failures, no reuse, expiry, and MFA
// mandatory at console login. The case's passwords fell to a 137-second brute force; MFA and lockout end that.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Problems } from "../validation";

export interface IdentityBaselineArgs {
  /** Minimum password length, 14-32. Default 14 (CIS Alibaba Cloud v2.0 1.11). */
  minimumPasswordLength?: number;
  /** Failed logins before a one-hour lockout, 1-5. Default 5 (CIS 1.14; MLPS 8.1.4.1). */
  maxLoginAttempts?: number;
  /** Previous passwords that cannot be reused, 5-24. Default 24. */
  passwordReusePrevention?: number;
  /** Days a password is valid, 1-90. Default 90. */
  maxPasswordAgeDays?: number;
  /** Minimum distinct characters, 0-8. Default 6. */
  minimumPasswordDifferentCharacter?: number;
  /** Days an unused access key stays enabled: 90, 180, 365 or 730. Default 90. */
  maxIdleDaysForAccessKeys?: number;
  /** Days an unused console login stays enabled: 90, 180, 365 or 730. Default 90. */
  maxIdleDaysForUsers?: number;
  /** Console session length in hours, 1-24. Default 6. */
  loginSessionDurationHours?: number;
  /** Restrict console logins to these networks ("a.b.c.d/n;..."); default: unrestricted (MFA still required). */
  loginNetworkMasks?: string[];
}

const IDLE_DAYS = [90, 180, 365, 730];

function intIn(v: unknown, min: number, max: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

export class IdentityBaseline extends pulumi.ComponentResource {
  public readonly passwordPolicyId: pulumi.Output<string>;
  public readonly securityPreferenceId: pulumi.Output<string>;

  constructor(name: string, args: IdentityBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("hardening:alicloud:IdentityBaseline", name, {}, opts);

    const v = {
      minimumPasswordLength: args.minimumPasswordLength ?? 14,
      maxLoginAttempts: args.maxLoginAttempts ?? 5,
      passwordReusePrevention: args.passwordReusePrevention ?? 24,
      maxPasswordAgeDays: args.maxPasswordAgeDays ?? 90,
      minimumPasswordDifferentCharacter: args.minimumPasswordDifferentCharacter ?? 6,
      maxIdleDaysForAccessKeys: args.maxIdleDaysForAccessKeys ?? 90,
      maxIdleDaysForUsers: args.maxIdleDaysForUsers ?? 90,
      loginSessionDurationHours: args.loginSessionDurationHours ?? 6,
    };
    const problems = new Problems(`IdentityBaseline "${name}"`);
    const range = (arg: keyof typeof v, min: number, max: number, fix: string) =>
      problems.check(intIn(v[arg], min, max), arg, v[arg], `an integer from ${min} to ${max}`, fix);
    range("minimumPasswordLength", 14, 32, "use 14 or more characters (CIS Alibaba Cloud 1.11)");
    range("maxLoginAttempts", 1, 5, "lock accounts after at most 5 failures (CIS Alibaba Cloud 1.14)");
    range("passwordReusePrevention", 5, 24, "remember at least the last 5 passwords");
    range("maxPasswordAgeDays", 1, 90, "expire passwords within 90 days");
    range("minimumPasswordDifferentCharacter", 0, 8, "use e.g. 6");
    range("loginSessionDurationHours", 1, 24, "use e.g. 6");
    for (const arg of ["maxIdleDaysForAccessKeys", "maxIdleDaysForUsers"] as const) {
      problems.check(IDLE_DAYS.includes(v[arg]), arg, v[arg], IDLE_DAYS.join(", "), "use 90");
    }
    (args.loginNetworkMasks ?? []).forEach((mask, i) =>
      problems.check(
        /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(mask) && mask !== "0.0.0.0/0" && mask !== "::/0",
        `loginNetworkMasks[${i}]`,
        mask,
        "a CIDR narrower than the whole internet",
        "list office/VPN ranges, or omit the argument",
      ),
    );
    problems.throwIfAny();

    const policy = new alicloud.ram.PasswordPolicy(
      `${name}-password-policy`,
      {
        minimumPasswordLength: v.minimumPasswordLength,
        requireLowercaseCharacters: true,
        requireUppercaseCharacters: true,
        requireNumbers: true,
        requireSymbols: true,
        // The provider spells this field "maxLoginAttemps".
        maxLoginAttemps: v.maxLoginAttempts,
        passwordReusePrevention: v.passwordReusePrevention,
        maxPasswordAge: v.maxPasswordAgeDays,
        hardExpiry: false,
        passwordNotContainUserName: true,
        minimumPasswordDifferentCharacter: v.minimumPasswordDifferentCharacter,
      },
      { parent: this },
    );
    const preference = new alicloud.ram.SecurityPreference(
      `${name}-security-preference`,
      {
        mfaOperationForLogin: "mandatory",
        operationForRiskLogin: "enforceVerify",
        enableSaveMfaTicket: false,
        allowUserToChangePassword: true,
        allowUserToManageMfaDevices: true,
        allowUserToManageAccessKeys: false,
        allowUserToManagePersonalDingTalk: false,
        maxIdleDaysForAccessKeys: v.maxIdleDaysForAccessKeys,
        maxIdleDaysForUsers: v.maxIdleDaysForUsers,
        loginSessionDuration: v.loginSessionDurationHours,
        loginNetworkMasks: args.loginNetworkMasks?.length ? args.loginNetworkMasks.join(";") : undefined,
      },
      { parent: this },
    );

    this.passwordPolicyId = policy.id;
    this.securityPreferenceId = preference.id;
    this.registerOutputs({ passwordPolicyId: this.passwordPolicyId, securityPreferenceId: this.securityPreferenceId });
  }
}
