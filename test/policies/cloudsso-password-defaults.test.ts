// CloudSSO directories judged by the password policy they end up with: a field the program leaves unset keeps
// CloudSSO's documented default (8 characters, lockout after 5 failures, 1 remembered password), so a directory
// signing users in with passwords must set length and reuse itself; the documented MFA default (on) needs nothing.
import { requireRamMfaForLogin } from "../../policies/rules/require-ram-mfa-for-login";
import { requireRamPasswordPolicyStrength } from "../../policies/rules/require-ram-password-policy-strength";
import { combinedTable } from "./combined-table";
import { Case, run, table, UNKNOWN } from "./harness";

const DIRECTORY = "alicloud:cloudsso/directory:Directory";
const STRONG = { minPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 };
const withPolicy = (passwordPolicy: unknown, more: Record<string, unknown> = {}) => ({
  directoryName: "corp",
  passwordPolicy,
  ...more,
});
const sso = (ssoStatus: unknown) => ({ samlIdentityProviderConfiguration: { ssoStatus } });

const violationsOf = async (props: Record<string, unknown>, config?: Record<string, unknown>) =>
  (await run(requireRamPasswordPolicyStrength, DIRECTORY, props, { config })).filter(
    (d) => d.level === "mandatory" && !d.message.startsWith("cannot be verified"),
  );

describe("CloudSSO password policy: unset fields keep CloudSSO's weak defaults", () => {
  table(requireRamPasswordPolicyStrength, [
    { name: "no passwordPolicy at all", type: DIRECTORY, props: { directoryName: "corp" }, violations: 2 },
    { name: "passwordPolicy null", type: DIRECTORY, props: withPolicy(null), violations: 2 },
    { name: "empty passwordPolicy", type: DIRECTORY, props: withPolicy({}), violations: 2 },
    {
      name: "only the lockout set",
      type: DIRECTORY,
      props: withPolicy({ maxLoginAttempts: 3 }),
      violations: 2,
      mentions: "is not set",
    },
    {
      name: "length set, reuse left at the default",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: 16 }),
      violations: 1,
      mentions: "passwordPolicy.passwordReusePrevention is not set",
    },
    {
      name: "reuse set, length left at the default",
      type: DIRECTORY,
      props: withPolicy({ passwordReusePrevention: 24 }),
      violations: 1,
      mentions: "passwordPolicy.minPasswordLength is not set",
    },
    {
      name: "null fields count as unset",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: null, maxLoginAttempts: null, passwordReusePrevention: null }),
      violations: 2,
    },
    {
      name: "password sign-in stated explicitly (single sign-on disabled)",
      type: DIRECTORY,
      props: { directoryName: "corp", ...sso("Disabled") },
      violations: 2,
    },
  ] as Case[]);

  it("names the field, CloudSSO's default and the fix", async () => {
    const messages = (await violationsOf({ directoryName: "corp" })).map((d) => d.message);
    expect(messages).toEqual([
      expect.stringContaining(
        "passwordPolicy.minPasswordLength is not set: passwords shorter than 14 characters are allowed (CloudSSO's default is 8); set it to 14 or more",
      ),
      expect.stringContaining(
        "passwordPolicy.passwordReusePrevention is not set: fewer than 5 previous passwords are remembered (CloudSSO's default is 1); set it to 5 or more",
      ),
    ]);
  });

  it("judges the default lockout (5) against a stricter configured limit", async () => {
    const props = withPolicy({ minPasswordLength: 14, passwordReusePrevention: 5 });
    expect(await violationsOf(props)).toHaveLength(0);
    const strict = await violationsOf(props, { maxLoginAttempts: 3 });
    expect(strict).toHaveLength(1);
    expect(strict[0].message).toContain(
      "passwordPolicy.maxLoginAttempts is not set: lockout must trigger within 3 failed logins (0 disables it) (CloudSSO's default is 5); set it between 1 and 3",
    );
  });

  it("passes the defaults when the configured thresholds are as weak as they are", async () => {
    expect(await violationsOf({ directoryName: "corp" }, { minimumLength: 8, reusePrevention: 1 })).toHaveLength(0);
  });
});

describe("CloudSSO password policy: weak values set", () => {
  table(requireRamPasswordPolicyStrength, [
    {
      name: "every field weak",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: 8, maxLoginAttempts: 0, passwordReusePrevention: 1 }),
      violations: 3,
    },
    {
      name: "lockout after 6 failures",
      type: DIRECTORY,
      props: withPolicy({ ...STRONG, maxLoginAttempts: 6 }),
      violations: 1,
      mentions: "passwordPolicy.maxLoginAttempts is 6",
    },
    {
      name: "13 characters as a string",
      type: DIRECTORY,
      props: withPolicy({ ...STRONG, minPasswordLength: "13" }),
      violations: 1,
      mentions: 'passwordPolicy.minPasswordLength is "13"',
    },
    {
      name: "reuse check off (0)",
      type: DIRECTORY,
      props: withPolicy({ ...STRONG, passwordReusePrevention: 0 }),
      violations: 1,
    },
    {
      name: "8 characters inside a passwordPolicy written as a list of one",
      type: DIRECTORY,
      props: withPolicy([{ ...STRONG, minPasswordLength: 8 }]),
      violations: 1,
      mentions: "passwordPolicy.minPasswordLength is 8",
    },
    {
      name: "weak policy with SAML configured but single sign-on disabled",
      type: DIRECTORY,
      props: withPolicy({ ...STRONG, minPasswordLength: 8 }, sso("Disabled")),
      violations: 1,
    },
  ] as Case[]);
});

describe("CloudSSO password policy: known good", () => {
  table(requireRamPasswordPolicyStrength, [
    { name: "strong values", type: DIRECTORY, props: withPolicy(STRONG), violations: 0 },
    {
      name: "strong values, lockout left at the default 5",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: 14, passwordReusePrevention: 5 }),
      violations: 0,
    },
    {
      name: "strong values as numeric strings",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: "20", maxLoginAttempts: "1", passwordReusePrevention: "24" }),
      violations: 0,
    },
    {
      name: "no passwordPolicy behind SAML single sign-on (no password sign-in)",
      type: DIRECTORY,
      props: { directoryName: "corp", ...sso("Enabled") },
      violations: 0,
    },
    {
      name: "weak passwordPolicy behind SAML single sign-on, spelled in lower case",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: 8, maxLoginAttempts: 0 }, sso("enabled")),
      violations: 0,
    },
  ] as Case[]);
});

describe("CloudSSO password policy: unknown at preview", () => {
  table(requireRamPasswordPolicyStrength, [
    { name: "whole passwordPolicy unknown", type: DIRECTORY, props: withPolicy(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "length unknown, the rest strong",
      type: DIRECTORY,
      props: withPolicy({ ...STRONG, minPasswordLength: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "length unknown, reuse left at the default",
      type: DIRECTORY,
      props: withPolicy({ minPasswordLength: UNKNOWN }),
      violations: 1,
      notes: 1,
      mentions: "passwordPolicy.passwordReusePrevention is not set",
    },
    {
      name: "single sign-on unknown, no passwordPolicy",
      type: DIRECTORY,
      props: { directoryName: "corp", ...sso(UNKNOWN) },
      violations: 0,
      notes: 1,
    },
    {
      name: "SAML block unknown, no passwordPolicy",
      type: DIRECTORY,
      props: { directoryName: "corp", samlIdentityProviderConfiguration: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "single sign-on unknown, strong values",
      type: DIRECTORY,
      props: withPolicy(STRONG, sso(UNKNOWN)),
      violations: 0,
    },
    {
      name: "single sign-on and passwordPolicy both unknown",
      type: DIRECTORY,
      props: withPolicy(UNKNOWN, sso(UNKNOWN)),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("says which value is unknown", async () => {
    const notes = async (props: Record<string, unknown>) =>
      (await run(requireRamPasswordPolicyStrength, DIRECTORY, props)).map((d) => d.message);
    expect(await notes(withPolicy(UNKNOWN))).toEqual([
      expect.stringContaining("cannot be verified at preview: passwordPolicy is unknown"),
    ]);
    expect(await notes({ directoryName: "corp", ...sso(UNKNOWN) })).toEqual([
      expect.stringContaining(
        "cannot be verified at preview: samlIdentityProviderConfiguration.ssoStatus is unknown (whether password sign-in is on)",
      ),
    ]);
  });
});

describe("CloudSSO MFA: the documented default (on) passes", () => {
  combinedTable(requireRamMfaForLogin, [
    { name: "password sign-in, MFA settings unset", type: DIRECTORY, props: { directoryName: "corp" }, violations: 0 },
    {
      name: "password sign-in stated explicitly, MFA settings unset",
      type: DIRECTORY,
      props: { directoryName: "corp", ...sso("Disabled") },
      violations: 0,
    },
    {
      name: "password sign-in, MFA switched off",
      type: DIRECTORY,
      props: { mfaAuthenticationStatus: "Disabled", ...sso("Disabled") },
      violations: 1,
    },
  ] as Case[]);
});
