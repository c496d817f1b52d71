// require-ram-mfa-for-login across accounts and directories: a "mandatory" security preference overrides only its own
// account's login profiles (the deprecated enforceMfaForLogin true alone counts as mandatory), and a CloudSSO
// directory governs only the users whose directoryId is its id.
import { planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { rule } from "./templates-fixtures";

const policy = rule("require-ram-mfa-for-login");

const PREFERENCE = "alicloud:ram/securityPreference:SecurityPreference";
const LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const DIRECTORY = "alicloud:cloudsso/directory:Directory";
const SSO_USER = "alicloud:cloudsso/user:User";
const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:alicloud::";

/** Providers by the account their assumed role names; `pending` assumes a role only known at apply. */
const providers: Record<string, Record<string, unknown>> = {
  in1: { region: "cn-hangzhou", assumeRole: { roleArn: "acs:ram::1111111111111111:role/x" } },
  alsoIn1: { region: "cn-shanghai", assumeRole: '{"roleArn":"acs:ram::1111111111111111:role/deploy"}' },
  in2: { region: "cn-hangzhou", assumeRole: { roleArn: "acs:ram::2222222222222222:role/x" } },
  pending: { region: "cn-hangzhou", assumeRole: { roleArn: UNKNOWN } },
};
const on = (provider: string, r: StackInput): StackInput => ({
  ...r,
  provider: PROVIDER + provider,
  providerProps: providers[provider],
});

const preference = (props: Record<string, unknown>, name = "pref"): StackInput => ({
  type: PREFERENCE,
  name,
  props,
});
const MANDATORY = { mfaOperationForLogin: "mandatory" };
const profile = (mfaBindRequired: unknown, name = "lp"): StackInput => ({
  type: LOGIN,
  name,
  props: { userName: name, mfaBindRequired },
});

describe("require-ram-mfa-for-login: a security preference overrides only its own account's login profiles", () => {
  planTable(policy, [
    {
      name: "mandatory preference in account 1111, opted-out profile in account 2222",
      resources: [on("in1", preference(MANDATORY)), on("in2", profile(false))],
      violations: 1,
      mentions: "login profile lp: mfaBindRequired is false",
      urn: urnOf(LOGIN, "lp"),
    },
    {
      name: "the same with the profile's flag unset",
      resources: [on("in1", preference(MANDATORY)), on("in2", profile(undefined))],
      violations: 1,
      mentions: "not set (default false)",
    },
    {
      name: "mandatory preference and opted-out profile in one account, through two providers",
      resources: [on("in1", preference(MANDATORY)), on("alsoIn1", profile(false))],
      violations: 0,
    },
    {
      name: "mandatory preference in its account and an optional one in another account",
      resources: [
        on("in1", preference(MANDATORY, "own")),
        on("in2", preference({ mfaOperationForLogin: "independent" }, "other")),
        on("in1", profile(false)),
      ],
      // The other account's preference is reported on its own; the profile is covered by its account's.
      violations: 1,
      mentions: 'mfaOperationForLogin is "independent"',
    },
    {
      name: "profile's flag unknown at preview, the only mandatory preference in another account",
      resources: [on("in1", preference(MANDATORY)), on("in2", profile(UNKNOWN))],
      violations: 0,
      notes: 1,
    },
    {
      name: "profile requiring MFA, preference in another account",
      resources: [on("in1", preference(MANDATORY)), on("in2", profile(true))],
      violations: 0,
    },
    {
      // Which account the pending role is in is not known: whether the preference applies is a note.
      name: "mandatory preference whose account is unknown at preview",
      resources: [on("pending", preference(MANDATORY)), on("in2", profile(false))],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [on("pending", preference(MANDATORY)), on("in2", profile(false))],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "optional preference whose account is unknown, profile opted out: a violation either way",
      resources: [on("pending", preference({ mfaOperationForLogin: "adaptive" })), on("in2", profile(false))],
      violations: 2,
    },
  ]);

  it("names the preference whose account may differ, and why", async () => {
    const ds = await runPlan(policy, [on("pending", preference(MANDATORY)), on("in2", profile(false))]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("the account of security preference pref (provider pending)");
    expect(ds[0].message).toContain("whether it governs login profile lp (provider in2)");
    expect(ds[0].message).toContain("may act in different accounts");
  });
});

describe("require-ram-mfa-for-login: the deprecated enforceMfaForLogin true alone is mandatory in its account", () => {
  // The API documents mfaOperationForLogin as replacing EnforceMFAForLogin, which stays valid (true is "mandatory"),
  // and the provider sends the flag alone when the new field is unset or empty.
  const DEPRECATED = { enforceMfaForLogin: true };
  planTable(policy, [
    { name: "deprecated flag alone", resources: [preference(DEPRECATED)], violations: 0 },
    {
      name: 'deprecated flag as the string "true" beside an empty mode',
      resources: [preference({ enforceMfaForLogin: "true", mfaOperationForLogin: "" })],
      violations: 0,
    },
    {
      name: "deprecated flag beside a null mode",
      resources: [preference({ enforceMfaForLogin: true, mfaOperationForLogin: null }), profile(false)],
      violations: 0,
    },
    {
      name: "deprecated flag alone excuses an opted-out profile of its account",
      resources: [on("in1", preference(DEPRECATED)), on("alsoIn1", profile(false))],
      violations: 0,
    },
    {
      name: "the same with both on the default provider",
      resources: [preference(DEPRECATED), profile(undefined)],
      violations: 0,
    },
    {
      name: "deprecated flag alone in account 1111, opted-out profile in account 2222",
      resources: [on("in1", preference(DEPRECATED)), on("in2", profile(false))],
      violations: 1,
      mentions: 'add a ram.SecurityPreference with mfaOperationForLogin "mandatory"',
      urn: urnOf(LOGIN, "lp"),
    },
    {
      name: "deprecated flag whose account is unknown at preview, opted-out profile: a note",
      resources: [on("pending", preference(DEPRECATED)), on("in2", profile(false))],
      violations: 0,
      notes: 1,
    },
    {
      name: "deprecated flag false alone, opted-out profile: both reported",
      resources: [preference({ enforceMfaForLogin: false }), profile(false)],
      violations: 2,
    },
    {
      name: 'deprecated flag true under an "independent" mode: the mode decides',
      resources: [preference({ enforceMfaForLogin: true, mfaOperationForLogin: "independent" }), profile(false)],
      violations: 2,
      mentions: "mfaOperationForLogin",
    },
    {
      name: "deprecated flag beside an optional preference of the same account",
      resources: [
        preference(DEPRECATED, "old"),
        preference({ mfaOperationForLogin: "adaptive" }, "new"),
        profile(false),
      ],
      violations: 2,
    },
    {
      name: "the new field mandatory with the old flag true beside it",
      resources: [preference({ ...MANDATORY, enforceMfaForLogin: true }), profile(false)],
      violations: 0,
    },
    {
      name: "deprecated flag unknown at preview",
      resources: [preference({ enforceMfaForLogin: UNKNOWN }), profile(true)],
      violations: 0,
      notes: 1,
    },
    {
      name: "deprecated flag unknown at preview, opted-out profile",
      resources: [preference({ enforceMfaForLogin: UNKNOWN }), profile(false)],
      violations: 0,
      notes: 2,
    },
  ]);

  it("under an \"independent\" mode reports the preference's mode and the profile's opt-out", async () => {
    const independent = preference({ enforceMfaForLogin: true, mfaOperationForLogin: "independent" });
    const ds = await runPlan(policy, [independent, profile(false)]);
    const messages = ds.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('mfaOperationForLogin is "independent"'),
        expect.stringContaining("login profile lp: mfaBindRequired is false"),
      ]),
    );
  });
});

describe("require-ram-mfa-for-login: a CloudSSO directory governs only its own users", () => {
  const directory = (props: Record<string, unknown> = {}): StackInput => ({
    type: DIRECTORY,
    name: "corp",
    props: { directoryName: "corp", ...props },
  });
  const byUser = { mfaAuthenticationSettingInfo: { mfaAuthenticationAdvanceSettings: "Byuser" } };
  const user = (directoryId: unknown, linked: boolean, mfa: unknown = "Disabled"): StackInput => ({
    type: SSO_USER,
    name: "ops",
    props: { directoryId, userName: "ops", mfaAuthenticationSettings: mfa },
    ...(linked ? { propertyDependencies: { directoryId: [urnOf(DIRECTORY, "corp")] } } : {}),
  });

  planTable(policy, [
    {
      name: "user of an existing directory (literal id) opting out beside a declared directory: a note",
      resources: [directory(), user("d-00existing", false)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [directory(), user("d-00existing", false)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "user whose directoryId is unknown and linked to nothing: a note",
      resources: [directory(), user(UNKNOWN, false)],
      violations: 0,
      notes: 1,
    },
    {
      name: "user of the declared directory (its id at preview) opting out under MFA for everyone",
      resources: [directory(), user(UNKNOWN, true)],
      violations: 0,
    },
    {
      name: "user of the declared directory (its id known after deployment) opting out under MFA for everyone",
      resources: [directory(), user("d-0123456789", true)],
      violations: 0,
    },
    {
      name: "user of the declared Byuser directory opting out: both reported",
      resources: [directory(byUser), user(UNKNOWN, true)],
      violations: 2,
    },
    {
      name: "user of an existing directory keeping MFA beside a Byuser directory: the directory alone",
      resources: [directory(byUser), user("d-00existing", false, "Enabled")],
      violations: 1,
      mentions: "mfaAuthenticationAdvanceSettings",
    },
  ]);
});
