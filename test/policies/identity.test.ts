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
    { name: "login profile leaving MFA to the account", type: LOGIN, props: { userName: "ops" }, violations: 0 },
    {
      name: "login profile MFA unknown at preview",
      type: LOGIN,
      props: { mfaBindRequired: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});
