import { requireIamPasswordPolicyStrength } from "../../policies/rules/require-iam-password-policy-strength";
import { requireRamMfaForLogin } from "../../policies/rules/require-ram-mfa-for-login";
import { requireRamPasswordPolicyStrength } from "../../policies/rules/require-ram-password-policy-strength";
import { Case, run, table, UNKNOWN } from "./harness";
import { combinedTable } from "./combined-table";

const IAM = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const RAM = "alicloud:ram/passwordPolicy:PasswordPolicy";
const RAM_ACCOUNT = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
const PREF = "alicloud:ram/securityPreference:SecurityPreference";
const LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const SSO_DIRECTORY = "alicloud:cloudsso/directory:Directory";

describe("require-iam-password-policy-strength", () => {
  table(requireIamPasswordPolicyStrength, [
    { name: "CIS policy", type: IAM, props: { minimumPasswordLength: 14, passwordReusePrevention: 24 }, violations: 0 },
    {
      name: "short passwords",
      type: IAM,
      props: { minimumPasswordLength: 8, passwordReusePrevention: 24 },
      violations: 1,
    },
    { name: "no reuse prevention", type: IAM, props: { minimumPasswordLength: 16 }, violations: 1 },
    { name: "defaults", type: IAM, props: {}, violations: 2 },
  ] as Case[]);
  it("accepts a configured reuse minimum", async () => {
    const props = { minimumPasswordLength: 14, passwordReusePrevention: 5 };
    expect(await run(requireIamPasswordPolicyStrength, IAM, props, { config: { reusePrevention: 5 } })).toHaveLength(0);
  });
});

describe("require-ram-password-policy-strength", () => {
  table(requireRamPasswordPolicyStrength, [
    {
      name: "strong policy",
      type: RAM,
      props: { minimumPasswordLength: 14, maxLoginAttemps: 5, passwordReusePrevention: 5 },
      violations: 0,
    },
    {
      name: "lockout at 3",
      type: RAM,
      props: { minimumPasswordLength: 20, maxLoginAttemps: 3, passwordReusePrevention: 24 },
      violations: 0,
    },
    {
      name: "lockout disabled (0)",
      type: RAM,
      props: { minimumPasswordLength: 14, maxLoginAttemps: 0, passwordReusePrevention: 5 },
      violations: 1,
    },
    {
      name: "lockout after 10",
      type: RAM,
      props: { minimumPasswordLength: 14, maxLoginAttemps: 10, passwordReusePrevention: 5 },
      violations: 1,
    },
    { name: "provider defaults", type: RAM, props: {}, violations: 3 },
    {
      name: "unknown length is a note",
      type: RAM,
      props: { minimumPasswordLength: UNKNOWN, maxLoginAttemps: 5, passwordReusePrevention: 5 },
      violations: 0,
      notes: 1,
    },
    // The older resource spells the lockout maxLoginAttempts and defaults it to 5, length to 12, reuse to 0.
    {
      name: "account policy, strong",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 },
      violations: 0,
    },
    {
      name: "account policy, lockout left at its default of 5",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 16, passwordReusePrevention: 10 },
      violations: 0,
    },
    {
      name: "account policy as in the case: 8 characters, lockout off",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 8, maxLoginAttempts: 0, passwordReusePrevention: 5 },
      violations: 2,
    },
    {
      name: "account policy, lockout after 10",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 14, maxLoginAttempts: 10, passwordReusePrevention: 5 },
      violations: 1,
      mentions: "maxLoginAttempts is 10",
    },
    {
      name: "account policy, typo field of the other resource is not a lockout",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 14, maxLoginAttempts: 0, maxLoginAttemps: 5, passwordReusePrevention: 5 },
      violations: 1,
      mentions: "maxLoginAttempts",
    },
    {
      name: "account policy defaults (length 12, no reuse prevention)",
      type: RAM_ACCOUNT,
      props: {},
      violations: 2,
    },
    {
      name: "account policy, unknown lockout is a note",
      type: RAM_ACCOUNT,
      props: { minimumPasswordLength: 14, maxLoginAttempts: UNKNOWN, passwordReusePrevention: 5 },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
  it("applies a configured lockout limit to the account policy", async () => {
    const props = { minimumPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 };
    const ds = await run(requireRamPasswordPolicyStrength, RAM_ACCOUNT, props, { config: { maxLoginAttempts: 3 } });
    expect(ds.map((d) => d.message.split("\n").pop())).toEqual([
      "maxLoginAttempts is 5: lockout must trigger within 3 failed logins (0 disables it; default 5) — breaks case step 1 (SSH brute-forced in 137 s)",
    ]);
  });
});

describe("require-ram-mfa-for-login", () => {
  combinedTable(requireRamMfaForLogin, [
    { name: "mandatory", type: PREF, props: { mfaOperationForLogin: "mandatory" }, violations: 0 },
    { name: "independent", type: PREF, props: { mfaOperationForLogin: "independent" }, violations: 1 },
    { name: "adaptive", type: PREF, props: { mfaOperationForLogin: "adaptive" }, violations: 1 },
    { name: "deprecated flag true", type: PREF, props: { enforceMfaForLogin: true }, violations: 0 },
    { name: "deprecated flag false", type: PREF, props: { enforceMfaForLogin: false }, violations: 1 },
    { name: 'deprecated flag as the string "true"', type: PREF, props: { enforceMfaForLogin: "true" }, violations: 0 },
    { name: "nothing set", type: PREF, props: { allowUserToChangePassword: true }, violations: 1 },
    {
      name: "mandatory beside a contrary deprecated flag",
      type: PREF,
      props: { mfaOperationForLogin: "mandatory", enforceMfaForLogin: false },
      violations: 1,
      mentions: "enforceMfaForLogin is false",
    },
    {
      name: "mandatory beside the deprecated flag true",
      type: PREF,
      props: { mfaOperationForLogin: "mandatory", enforceMfaForLogin: "true" },
      violations: 0,
    },
    {
      name: "mandatory beside a deprecated flag unknown at preview",
      type: PREF,
      props: { mfaOperationForLogin: "mandatory", enforceMfaForLogin: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "new field wins over deprecated",
      type: PREF,
      props: { mfaOperationForLogin: "independent", enforceMfaForLogin: true },
      violations: 1,
    },
    {
      name: "login profile opting out of MFA",
      type: LOGIN,
      props: { userName: "ops", mfaBindRequired: false },
      violations: 1,
      mentions: "mfaBindRequired is false",
    },
    { name: 'login profile opting out as "false"', type: LOGIN, props: { mfaBindRequired: "false" }, violations: 1 },
    {
      name: "login profile requiring MFA",
      type: LOGIN,
      props: { userName: "ops", mfaBindRequired: true },
      violations: 0,
    },
    {
      name: "login profile leaving mfaBindRequired unset (the provider's default is false)",
      type: LOGIN,
      props: { userName: "ops" },
      violations: 1,
      mentions: "mfaBindRequired is not set (default false)",
    },
    {
      name: "login profile with mfaBindRequired null (unset as an engine may send it)",
      type: LOGIN,
      props: { userName: "ops", mfaBindRequired: null },
      violations: 1,
      mentions: "mfaBindRequired is not set (default false)",
    },
    {
      name: "login profile MFA unknown at preview",
      type: LOGIN,
      props: { mfaBindRequired: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      // The opt-out counts only under a "Byuser" directory, which the stack does not show.
      name: "CloudSSO user opting out of MFA, no directory in the stack: a note",
      type: "alicloud:cloudsso/user:User",
      props: { userName: "ops", mfaAuthenticationSettings: "Disabled" },
      violations: 0,
      notes: 1,
    },
    {
      name: "CloudSSO user keeping MFA",
      type: "alicloud:cloudsso/user:User",
      props: { userName: "ops", mfaAuthenticationSettings: "Enabled" },
      violations: 0,
    },
    {
      name: "empty mfaOperationForLogin with the deprecated flag true (the provider sends only the flag)",
      type: PREF,
      props: { mfaOperationForLogin: "", enforceMfaForLogin: true },
      violations: 0,
    },
  ] as Case[]);
});

describe("require-ram-mfa-for-login: CloudSSO directories", () => {
  const advance = (v: unknown) => ({ mfaAuthenticationSettingInfo: { mfaAuthenticationAdvanceSettings: v } });
  const saml = (ssoStatus: unknown) => ({ samlIdentityProviderConfiguration: { ssoStatus } });
  combinedTable(requireRamMfaForLogin, [
    { name: "directory with the defaults", type: SSO_DIRECTORY, props: { directoryName: "corp" }, violations: 0 },
    {
      name: "MFA enabled for every user, spelled in lower case",
      type: SSO_DIRECTORY,
      props: { mfaAuthenticationStatus: "enabled", ...advance("Enabled") },
      violations: 0,
    },
    {
      name: "MFA switched off",
      type: SSO_DIRECTORY,
      props: { mfaAuthenticationStatus: "Disabled" },
      violations: 1,
      mentions: 'mfaAuthenticationStatus is "Disabled"',
    },
    { name: "MFA left to each user", type: SSO_DIRECTORY, props: advance("ByUser"), violations: 1, mentions: "ByUser" },
    { name: "MFA on risky logins only", type: SSO_DIRECTORY, props: advance("OnlyRiskyLogin"), violations: 1 },
    {
      name: "MFA off in both fields",
      type: SSO_DIRECTORY,
      props: { mfaAuthenticationStatus: "Disabled", ...advance("Disabled") },
      violations: 2,
    },
    {
      name: "MFA off behind SAML single sign-on (no password sign-in)",
      type: SSO_DIRECTORY,
      props: { ...advance("Disabled"), ...saml("Enabled") },
      violations: 0,
    },
    {
      name: "MFA off with SAML configured but single sign-on disabled",
      type: SSO_DIRECTORY,
      props: { ...advance("Disabled"), ...saml("Disabled") },
      violations: 1,
    },
    {
      name: "MFA off while single sign-on is unknown at preview",
      type: SSO_DIRECTORY,
      props: { ...advance("Disabled"), ...saml(UNKNOWN) },
      violations: 0,
      notes: 1,
    },
    { name: "MFA policy unknown at preview", type: SSO_DIRECTORY, props: advance(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "MFA setting block unknown at preview",
      type: SSO_DIRECTORY,
      props: { mfaAuthenticationSettingInfo: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("require-ram-password-policy-strength: CloudSSO directories", () => {
  const policy = (passwordPolicy: unknown, more: Record<string, unknown> = {}) => ({ passwordPolicy, ...more });
  const strong = { minPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 };
  table(requireRamPasswordPolicyStrength, [
    { name: "strong password policy", type: SSO_DIRECTORY, props: policy(strong), violations: 0 },
    {
      // CloudSSO's defaults: 8 characters and 1 remembered password (cloudsso-password-defaults.ts).
      name: "no password policy set: the defaults are too weak",
      type: SSO_DIRECTORY,
      props: { directoryName: "corp" },
      violations: 2,
    },
    {
      name: "lockout switched off (0)",
      type: SSO_DIRECTORY,
      props: policy({ ...strong, maxLoginAttempts: 0 }),
      violations: 1,
      mentions: "passwordPolicy.maxLoginAttempts is 0",
    },
    {
      name: "lockout after 10 failures",
      type: SSO_DIRECTORY,
      props: policy({ ...strong, maxLoginAttempts: 10 }),
      violations: 1,
    },
    {
      name: "8-character passwords",
      type: SSO_DIRECTORY,
      props: policy({ ...strong, minPasswordLength: 8 }),
      violations: 1,
      mentions: "passwordPolicy.minPasswordLength is 8",
    },
    {
      name: "one remembered password",
      type: SSO_DIRECTORY,
      props: policy({ ...strong, passwordReusePrevention: 1 }),
      violations: 1,
    },
    {
      name: "weak policy behind SAML single sign-on (no password sign-in)",
      type: SSO_DIRECTORY,
      props: policy(
        { maxLoginAttempts: 0, minPasswordLength: 8 },
        { samlIdentityProviderConfiguration: { ssoStatus: "Enabled" } },
      ),
      violations: 0,
    },
    {
      name: "weak policy while single sign-on is unknown at preview",
      type: SSO_DIRECTORY,
      props: policy({ maxLoginAttempts: 0 }, { samlIdentityProviderConfiguration: { ssoStatus: UNKNOWN } }),
      violations: 0,
      notes: 1,
    },
    {
      name: "lockout unknown at preview",
      type: SSO_DIRECTORY,
      props: policy({ ...strong, maxLoginAttempts: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});
