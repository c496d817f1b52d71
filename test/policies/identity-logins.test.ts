// Console sign-ins beside the account settings that govern them: CloudSSO users' own MFA opt-outs, passwords the plan
// sets that prove a weak password policy, and policies a stack's logins depend on but do not declare.
import { StackValidationPolicy } from "@pulumi/policy";
import { requireIamPasswordPolicyStrength } from "../../policies/rules/require-iam-password-policy-strength";
import { requireRamMfaForLogin } from "../../policies/rules/require-ram-mfa-for-login";
import { requireRamPasswordPolicyStrength } from "../../policies/rules/require-ram-password-policy-strength";
import { planTable, runPlan } from "./combined-table";
import { run, runStack, StackInput, UNKNOWN, urnOf } from "./harness";

const DIRECTORY = "alicloud:cloudsso/directory:Directory";
const SSO_USER = "alicloud:cloudsso/user:User";
const LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const RAM_POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
const RAM_ACCOUNT_POLICY = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
const IAM_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const IAM_LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";

const WEAK = "Passw0rd!";
const LONG = "correct-horse-battery-staple";
const STRONG_RAM = { minimumPasswordLength: 14, maxLoginAttemps: 5, passwordReusePrevention: 5 };
const STRONG_SSO = { passwordPolicy: { minPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 } };

/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

/** A user of directory d-1, which the stack does not declare (a literal id links to no declared directory). */
const user = (props: Record<string, unknown>, name = "ops"): StackInput => ({
  type: SSO_USER,
  name,
  props: { directoryId: "d-1", userName: name, ...props },
});
/** A user of the declared directory `directoryName`: its directoryId is that directory's id (cloudsso-members.ts). */
const member = (props: Record<string, unknown>, directoryName = "corp"): StackInput => ({
  ...user(props),
  propertyDependencies: { directoryId: [urnOf(DIRECTORY, directoryName)] },
});
const directory = (props: Record<string, unknown> = {}, name = "corp"): StackInput => ({
  type: DIRECTORY,
  name,
  props: { directoryName: name, ...STRONG_SSO, ...props },
});
const advance = (v: unknown) => ({ mfaAuthenticationSettingInfo: { mfaAuthenticationAdvanceSettings: v } });
const profile = (props: Record<string, unknown>, name = "lp"): StackInput => ({
  type: LOGIN,
  name,
  props: { userName: name, password: LONG, mfaBindRequired: true, ...props },
});
const one = (type: string, props: Record<string, unknown>, name = "res"): StackInput => ({ type, name, props });

describe("require-ram-mfa-for-login: CloudSSO users opting out of MFA", () => {
  planTable(requireRamMfaForLogin, [
    {
      // The opt-out counts only under a "Byuser" directory, which the stack does not show.
      name: "user opting out, directory outside the stack: a note",
      resources: [user({ mfaAuthenticationSettings: "Disabled" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "user opting out in lower case, directory outside the stack: a note",
      resources: [user({ mfaAuthenticationSettings: "disabled" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "user of directory d-123 opting out, no directory in the stack: a note",
      resources: [
        {
          type: SSO_USER,
          name: "u",
          props: { directoryId: "d-123", userName: "u", mfaAuthenticationSettings: "Disabled" },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [
        {
          type: SSO_USER,
          name: "u",
          props: { directoryId: "d-123", userName: "u", mfaAuthenticationSettings: "Disabled" },
        },
      ],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "user opting out in lower case under a Byuser directory",
      resources: [directory(advance("Byuser")), member({ mfaAuthenticationSettings: "disabled" })],
      violations: 2,
    },
    { name: "user requiring MFA", resources: [user({ mfaAuthenticationSettings: "Enabled" })], violations: 0 },
    { name: "user setting unset (default Enabled)", resources: [user({})], violations: 0 },
    { name: "user setting null", resources: [user({ mfaAuthenticationSettings: null })], violations: 0 },
    {
      name: "user setting unknown at preview",
      resources: [user({ mfaAuthenticationSettings: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "disabled user opting out (cannot sign in)",
      resources: [user({ mfaAuthenticationSettings: "Disabled", status: "Disabled" })],
      violations: 0,
    },
    {
      name: "opt-out under a directory requiring MFA of everyone (the default)",
      resources: [directory(), member({ mfaAuthenticationSettings: "Disabled" })],
      violations: 0,
    },
    {
      name: 'opt-out under a directory stating "Enabled"',
      resources: [directory(advance("Enabled")), member({ mfaAuthenticationSettings: "Disabled" })],
      violations: 0,
    },
    {
      name: "opt-out under a directory leaving MFA to each user",
      resources: [directory(advance("Byuser")), member({ mfaAuthenticationSettings: "Disabled" })],
      violations: 2,
    },
    {
      name: "user requiring MFA under a directory leaving it to each user (the directory alone is reported)",
      resources: [directory(advance("Byuser")), member({ mfaAuthenticationSettings: "Enabled" })],
      violations: 1,
      mentions: "mfaAuthenticationAdvanceSettings",
    },
    {
      name: "opt-out with one of two directories leaving MFA to each user",
      resources: [
        directory({}, "a"),
        directory(advance("ByUser"), "b"),
        member({ mfaAuthenticationSettings: "Disabled" }, "b"),
      ],
      violations: 2,
    },
    {
      name: "opt-out under a directory whose MFA is switched off",
      resources: [
        directory({ mfaAuthenticationStatus: "Disabled" }),
        member({ mfaAuthenticationSettings: "Disabled" }),
      ],
      violations: 2,
    },
    {
      name: "opt-out under a directory signing in through SAML single sign-on",
      resources: [
        directory({ ...advance("Byuser"), samlIdentityProviderConfiguration: { ssoStatus: "Enabled" } }),
        member({ mfaAuthenticationSettings: "Disabled" }),
      ],
      violations: 0,
    },
    {
      name: "opt-out under a directory whose MFA policy is unknown at preview",
      resources: [directory(advance(UNKNOWN)), member({ mfaAuthenticationSettings: "Disabled" })],
      violations: 0,
      notes: 2,
    },
    {
      name: "opt-out under a directory whose MFA block is written as a list of one",
      resources: [
        directory({ mfaAuthenticationSettingInfo: [{ mfaAuthenticationAdvanceSettings: "Enabled" }] }),
        member({ mfaAuthenticationSettings: "Disabled" }),
      ],
      violations: 0,
    },
  ]);
});

describe("require-ram-mfa-for-login: an empty mfaOperationForLogin is unset", () => {
  const PREF = "alicloud:ram/securityPreference:SecurityPreference";
  planTable(requireRamMfaForLogin, [
    {
      name: "empty mode beside the deprecated flag true",
      resources: [one(PREF, { mfaOperationForLogin: "", enforceMfaForLogin: true })],
      violations: 0,
    },
    {
      name: 'empty mode beside the deprecated flag "TRUE"',
      resources: [one(PREF, { mfaOperationForLogin: "", enforceMfaForLogin: "TRUE" })],
      violations: 0,
    },
    {
      name: "empty mode beside the deprecated flag false",
      resources: [one(PREF, { mfaOperationForLogin: "", enforceMfaForLogin: false })],
      violations: 1,
    },
    { name: "empty mode alone", resources: [one(PREF, { mfaOperationForLogin: "" })], violations: 1 },
    {
      name: "empty mode beside a deprecated flag unknown at preview",
      resources: [one(PREF, { mfaOperationForLogin: "", enforceMfaForLogin: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "empty mode with the flag true overrides a login profile's opt-out",
      resources: [
        one(PREF, { mfaOperationForLogin: "", enforceMfaForLogin: true }),
        profile({ mfaBindRequired: false }),
      ],
      violations: 0,
    },
  ]);
});

describe("CloudSSO directory blocks written as a list of one", () => {
  planTable(requireRamMfaForLogin, [
    {
      name: "MFA off inside a list",
      resources: [one(DIRECTORY, { mfaAuthenticationSettingInfo: [{ mfaAuthenticationAdvanceSettings: "Disabled" }] })],
      violations: 1,
    },
    {
      name: "MFA on inside a list",
      resources: [one(DIRECTORY, { mfaAuthenticationSettingInfo: [{ mfaAuthenticationAdvanceSettings: "Enabled" }] })],
      violations: 0,
    },
    { name: "empty list (unset)", resources: [one(DIRECTORY, { mfaAuthenticationSettingInfo: [] })], violations: 0 },
    {
      name: "list holding an entry unknown at preview",
      resources: [one(DIRECTORY, { mfaAuthenticationSettingInfo: [UNKNOWN] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a plain string instead of the block",
      resources: [one(DIRECTORY, { mfaAuthenticationSettingInfo: "Disabled" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a list of two",
      resources: [
        one(DIRECTORY, {
          mfaAuthenticationSettingInfo: [
            { mfaAuthenticationAdvanceSettings: "Enabled" },
            { mfaAuthenticationAdvanceSettings: "Disabled" },
          ],
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "MFA off behind single sign-on written as a list",
      resources: [
        one(DIRECTORY, {
          ...advance("Disabled"),
          samlIdentityProviderConfiguration: [{ ssoStatus: "Enabled" }],
        }),
      ],
      violations: 0,
    },
  ]);

  planTable(requireRamPasswordPolicyStrength, [
    {
      name: "weak password policy inside a list",
      resources: [one(DIRECTORY, { passwordPolicy: [{ minPasswordLength: 8, passwordReusePrevention: 1 }] })],
      violations: 2,
    },
    {
      name: "strong password policy inside a list",
      resources: [one(DIRECTORY, { passwordPolicy: [STRONG_SSO.passwordPolicy] })],
      violations: 0,
    },
    {
      name: "password policy as a plain string",
      resources: [one(DIRECTORY, { passwordPolicy: "strong" })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-ram-password-policy-strength: passwords the plan sets", () => {
  planTable(requireRamPasswordPolicyStrength, [
    {
      name: "login profile with a 9-character password",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: WEAK })],
      violations: 1,
      mentions: "password is 9 characters, fewer than the 14 this rule requires: the RAM account password policy",
    },
    {
      name: "login profile with a long password",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({})],
      violations: 0,
    },
    {
      name: "login profile with a 13-character password (boundary)",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: "abcdefghijk1!" })],
      violations: 1,
    },
    {
      name: "login profile with a 14-character password (boundary)",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: "abcdefghijkl1!" })],
      violations: 0,
    },
    {
      name: "short password sent as a secret",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: secret(WEAK) })],
      violations: 1,
    },
    {
      name: "all-digit password sent as a number",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: 12345678 })],
      violations: 1,
    },
    {
      name: "password unknown at preview",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: UNKNOWN })],
      violations: 0,
    },
    {
      name: "secret password unknown at preview",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({ password: secret(UNKNOWN) })],
      violations: 0,
    },
    {
      name: "CloudSSO user with a 9-character password",
      resources: [directory(), member({ password: WEAK })],
      violations: 1,
      mentions: "the CloudSSO directory's password policy",
    },
    {
      name: "CloudSSO user with a long password",
      resources: [directory(), member({ password: LONG })],
      violations: 0,
    },
    { name: "CloudSSO user without a password", resources: [directory(), member({})], violations: 0 },
  ]);

  it("never quotes the password", async () => {
    const ds = await runPlan(requireRamPasswordPolicyStrength, [profile({ password: WEAK }), user({ password: WEAK })]);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) expect(d.message).not.toContain(WEAK);
  });

  it("judges against the configured minimum", async () => {
    const props = { userName: "lp", password: WEAK };
    const violations = async (config: Record<string, unknown>) =>
      (await run(requireRamPasswordPolicyStrength, LOGIN, props, { config })).filter((d) => d.level === "mandatory");
    expect(await violations({ minimumLength: 8 })).toHaveLength(0);
    expect(await violations({ minimumLength: 10 })).toHaveLength(1);
  });
});

describe("require-iam-password-policy-strength: generated login passwords", () => {
  const strong = one(IAM_POLICY, { minimumPasswordLength: 14, passwordReusePrevention: 24 }, "pp");
  const login = (props: Record<string, unknown>) => one(IAM_LOGIN, { user: "ops", ...props }, "lp");
  planTable(requireIamPasswordPolicyStrength, [
    {
      name: "8-character generated password",
      resources: [strong, login({ passwordLength: 8 })],
      violations: 1,
      mentions: "passwordLength (the generated password) is 8 characters",
    },
    { name: "length as a string", resources: [strong, login({ passwordLength: "8" })], violations: 1 },
    { name: "13 characters (boundary)", resources: [strong, login({ passwordLength: 13 })], violations: 1 },
    { name: "14 characters (boundary)", resources: [strong, login({ passwordLength: 14 })], violations: 0 },
    { name: "length unset (the provider's 20)", resources: [strong, login({})], violations: 0 },
    { name: "length null (unset)", resources: [strong, login({ passwordLength: null })], violations: 0 },
    { name: "length unknown at preview", resources: [strong, login({ passwordLength: UNKNOWN })], violations: 0 },
  ]);

  it("judges the provider's 20 against a stricter configured minimum", async () => {
    const ds = await run(
      requireIamPasswordPolicyStrength,
      IAM_LOGIN,
      { user: "ops" },
      { config: { minimumLength: 24 } },
    );
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(1);
  });
});

describe("password policies the stack's logins depend on but do not declare", () => {
  planTable(requireRamPasswordPolicyStrength, [
    { name: "login profile without a RAM password policy", resources: [profile({})], violations: 0, notes: 1 },
    {
      name: "login profile beside a PasswordPolicy",
      resources: [one(RAM_POLICY, STRONG_RAM, "pp"), profile({})],
      violations: 0,
    },
    {
      name: "login profile beside an AccountPasswordPolicy",
      resources: [
        one(RAM_ACCOUNT_POLICY, { minimumPasswordLength: 14, passwordReusePrevention: 5 }, "pp"),
        profile({}),
      ],
      violations: 0,
    },
    {
      name: "several login profiles: one note",
      resources: [profile({}, "a"), profile({}, "b"), profile({}, "c"), profile({}, "d")],
      violations: 0,
      notes: 1,
    },
    {
      name: "login profile and CloudSSO user, neither policy declared: one note",
      resources: [profile({}), user({ password: LONG })],
      violations: 0,
      notes: 1,
    },
    {
      name: "CloudSSO user with a password, no directory",
      resources: [user({ password: LONG })],
      violations: 0,
      notes: 1,
    },
    {
      name: "CloudSSO user with a password unknown at preview, no directory",
      resources: [user({ password: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "CloudSSO user without a password, no directory", resources: [user({})], violations: 0 },
    {
      name: "disabled CloudSSO user with a password, no directory",
      resources: [user({ password: LONG, status: "Disabled" })],
      violations: 0,
    },
    { name: "CloudSSO user beside its directory", resources: [directory(), member({ password: LONG })], violations: 0 },
  ]);

  planTable(requireIamPasswordPolicyStrength, [
    {
      name: "IAM login profile without an account policy",
      resources: [one(IAM_LOGIN, { user: "ops" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "IAM login profile beside the account policy",
      resources: [
        one(IAM_POLICY, { minimumPasswordLength: 14, passwordReusePrevention: 24 }, "pp"),
        one(IAM_LOGIN, { user: "ops" }),
      ],
      violations: 0,
    },
  ]);

  it("names the policy and every login (up to three), attached to the first", async () => {
    const resources = [profile({}, "a"), profile({}, "b"), profile({}, "c"), profile({}, "d")];
    const ds = await runStack(requireRamPasswordPolicyStrength as unknown as StackValidationPolicy, resources);
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("advisory");
    expect(ds[0].urn).toBe("urn:pulumi:test::hardening-kit::alicloud:ram/loginProfile:LoginProfile::a");
    expect(ds[0].message).toContain(
      "cannot be verified at preview: the RAM account password policy is not in this stack, and login profiles a, b, c and 1 more sign in with passwords it governs",
    );
  });

  it("is a violation when failing closed", async () => {
    const policy = requireIamPasswordPolicyStrength as unknown as StackValidationPolicy;
    const ds = await runStack(policy, [one(IAM_LOGIN, { user: "ops" })], { failClosed: true });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain("the IAM account password policy is not in this stack");
    expect(ds[0].message).toContain("; failing closed");
  });
});
