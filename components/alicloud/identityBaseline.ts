// The account's RAM login baseline: long passwords, lockout after a few failures, no reuse, expiry, and MFA
// mandatory at console login. The case's passwords fell to a 137-second brute force; MFA and lockout end that.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Problems } from "../validation";
import { coversInternet, isPublicCidr, parseCidr } from "../../lib/cidr";
import { checkCidrForm } from "../plan/alicloud-cidr";
import { ArgProblems, argumentKeys, warnIfWeaker } from "./args";

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

const DEFAULTS = {
  minimumPasswordLength: 14,
  maxLoginAttempts: 5,
  passwordReusePrevention: 24,
  maxPasswordAgeDays: 90,
  minimumPasswordDifferentCharacter: 6,
  maxIdleDaysForAccessKeys: 90,
  maxIdleDaysForUsers: 90,
  loginSessionDurationHours: 6,
};

/** Arguments whose stricter direction is not the only one allowed: the looser side is announced. */
const WEAKENINGS: [keyof typeof DEFAULTS, "lower" | "higher", string][] = [
  ["passwordReusePrevention", "lower", "an old, possibly leaked password can come back sooner"],
  ["minimumPasswordDifferentCharacter", "lower", "simpler passwords fall faster to brute force"],
  ["maxIdleDaysForAccessKeys", "higher", "a forgotten access key stays usable longer"],
  ["maxIdleDaysForUsers", "higher", "a forgotten console login stays usable longer"],
  ["loginSessionDurationHours", "higher", "a stolen console session stays valid longer"],
];

const IDENTITY_ARGS = argumentKeys<IdentityBaselineArgs>({
  minimumPasswordLength: true,
  maxLoginAttempts: true,
  passwordReusePrevention: true,
  maxPasswordAgeDays: true,
  minimumPasswordDifferentCharacter: true,
  maxIdleDaysForAccessKeys: true,
  maxIdleDaysForUsers: true,
  loginSessionDurationHours: true,
  loginNetworkMasks: true,
});

/** RAM takes at most 40 masks, 512 characters joined with ";". */
const MAX_MASKS = 40;
const MAX_MASKS_LENGTH = 512;

/** Each mask a CIDR in exact form, listed once, and the list narrower than the whole internet. */
function checkLoginNetworkMasks(problems: Problems, masks: readonly string[]): void {
  masks.forEach((mask, i) => checkCidrForm(problems, `loginNetworkMasks[${i}]`, mask));
  const seen = new Set<string>();
  masks.forEach((mask, i) => {
    problems.check(!seen.has(mask), `loginNetworkMasks[${i}]`, mask, "each mask once", "remove the duplicate");
    seen.add(mask);
  });
  // A list that adds up to every address restricts nothing while looking like a restriction.
  const cover = coversInternet(masks.filter((m) => typeof m === "string"));
  masks.forEach((mask, i) => {
    const family = parseCidr(mask)?.family;
    if (family && cover[family] && isPublicCidr(mask)) {
      problems.add(
        `loginNetworkMasks[${i}]`,
        mask,
        "masks that together do not cover the whole internet",
        "list the office/VPN ranges only, or omit the argument",
      );
    }
  });
  problems.check(
    masks.length <= MAX_MASKS && masks.join(";").length <= MAX_MASKS_LENGTH,
    "loginNetworkMasks",
    masks.length,
    `at most ${MAX_MASKS} masks and ${MAX_MASKS_LENGTH} characters joined with ";"`,
    "merge adjacent ranges",
  );
}

function intIn(v: unknown, min: number, max: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

export class IdentityBaseline extends pulumi.ComponentResource {
  public readonly passwordPolicyId: pulumi.Output<string>;
  public readonly securityPreferenceId: pulumi.Output<string>;

  constructor(name: string, given: IdentityBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const subject = `IdentityBaseline "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, IDENTITY_ARGS);
    const args = problems.plain(given ?? {}, IDENTITY_ARGS as (keyof IdentityBaselineArgs)[]);
    const v = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) v[key] = args[key] ?? DEFAULTS[key];
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
    const masks = args.loginNetworkMasks ?? [];
    if (
      problems.check(
        Array.isArray(masks),
        "loginNetworkMasks",
        masks,
        "a list of CIDRs",
        'pass e.g. ["203.0.113.0/24"], or omit the argument',
      )
    ) {
      checkLoginNetworkMasks(problems, masks);
    }
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    super("hardening:alicloud:IdentityBaseline", name, {}, opts);
    for (const [arg, direction, consequence] of WEAKENINGS) {
      warnIfWeaker(this, subject, arg, v[arg], DEFAULTS[arg], direction, consequence);
    }

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
        loginNetworkMasks: masks.length ? masks.join(";") : undefined,
      },
      { parent: this },
    );

    this.passwordPolicyId = policy.id;
    this.securityPreferenceId = preference.id;
    this.registerOutputs({ passwordPolicyId: this.passwordPolicyId, securityPreferenceId: this.securityPreferenceId });
  }
}
