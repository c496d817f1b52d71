import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown } from "../../lib/values";
import { cloudSsoMfaFindings, cloudSsoMfaForEveryUser } from "../lib/cloudsso-mfa";
import { CLOUDSSO_DIRECTORY } from "../lib/cloudsso-sign-in";
import { unverifiable, violation } from "../lib/findings";
import { CLOUDSSO_USER, RAM_LOGIN_PROFILE as LOGIN_PROFILE, RAM_MFA_RULE } from "../lib/identity-types";
import { directoriesOfUser } from "../lib/cloudsso-members";
import { judgedWithDoubt } from "../lib/doubtful-scope";
import { namedList } from "../lib/named-list";
import { sameAccount } from "../lib/provider-accounts";
import { mfaAtLogin } from "../lib/ram-mfa";
import { providerName, trailAccountDoubt } from "../lib/trail-accounts";
import { is, shown } from "../lib/text-values";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";
import { StackFinding } from "../lib/stack-rule";

const PREFERENCE = "alicloud:ram/securityPreference:SecurityPreference";
const USER_MFA = "mfaAuthenticationSettings";

/**
 * Under the default "independent" preference a login profile's flag alone decides, and false (also the default when
 * unset) says "this user needs no MFA"; a "mandatory" preference of the profile's own account overrides it. An account
 * may hold several preferences (the last applied wins): the opt-out passes only when every one of them is mandatory.
 * The deprecated enforceMfaForLogin true, with mfaOperationForLogin unset, counts as mandatory (ram-mfa.ts).
 */
function profileVerdict(profile: GenericResource, preferences: readonly GenericResource[]): StackFinding[] {
  const { urn, name } = profile;
  const flag = profile.inputs.mfaBindRequired;
  const modes = preferences.map((p) => mfaAtLogin(p.inputs));
  if (modes.length > 0 && modes.every((m) => m.kind === "mandatory")) return [];
  if (isUnknown(flag)) return [{ urn, ...unverifiable("mfaBindRequired") }];
  if (bool(flag) === true) return [];
  const unknown = modes.find((m) => m.kind === "unknown");
  if (unknown && !modes.some((m) => m.kind === "optional"))
    return [{ urn, ...unverifiable(unknown.field, `whether the security preference overrides ${name}'s opt-out`) }];
  const fix = preferences.length === 0 ? "add a ram.SecurityPreference with" : "set";
  return [
    {
      urn,
      ...violation(
        `login profile ${name}: mfaBindRequired is ${optOut(flag)}: this RAM user may log in with a password alone; set it to true, or ${fix} mfaOperationForLogin "mandatory"`,
      ),
    },
  ];
}

/**
 * A preference governs only its own account's users (provider-accounts.ts): one surely elsewhere is ignored, and one
 * that may be elsewhere turns a verdict it would change into a note, as an audit trail's does (trail-accounts.ts).
 */
function loginProfileFindings(profile: GenericResource, preferences: GenericResource[]): StackFinding[] {
  const accounts = preferences.map((p) => ({ p, account: sameAccount(p, profile) }));
  const inAccount = accounts.filter((a) => a.account === "same").map((a) => a.p);
  const perhaps = accounts.filter((a) => a.account === "maybe").map((a) => a.p);
  return judgedWithDoubt(
    inAccount,
    perhaps,
    (applying) => profileVerdict(profile, applying),
    () => [
      {
        urn: profile.urn,
        ...unverifiable(
          `the account of ${namedList("security preference", perhaps)} (${providerName(perhaps[0])})`,
          `whether it governs login profile ${profile.name} (${providerName(profile)}): ${trailAccountDoubt(perhaps[0], profile)}`,
        ),
      },
    ],
  );
}

/**
 * A CloudSSO user's own MFA setting counts only under a directory that leaves MFA to each user ("Byuser"); unset (or
 * null) it is "Enabled". Only the directories the user belongs to count (cloudsso-members.ts): "Disabled" passes only
 * when each of them requires MFA of all its users (cloudsso-mfa.ts), and with none in the stack it is a note, like a
 * password policy the stack does not declare. A disabled user cannot sign in.
 */
function cloudSsoUserFindings(user: GenericResource, stackDirectories: GenericResource[]): StackFinding[] {
  const { urn, name } = user;
  const directories = directoriesOfUser(user, stackDirectories);
  if (is(user.inputs.status, "Disabled")) return [];
  const covers = directories.map((d) => cloudSsoMfaForEveryUser(d.inputs));
  if (covers.length > 0 && covers.every((c) => c === "yes")) return [];
  const setting = user.inputs[USER_MFA];
  if (isUnknown(setting)) return [{ urn, ...unverifiable(USER_MFA) }];
  if (!is(setting, "Disabled")) return [];
  // The opt-out counts only under a "Byuser" directory, which a directory outside the stack may or may not be.
  if (covers.length === 0)
    return [
      {
        urn,
        ...unverifiable(
          "the directory's MFA setting",
          `${name}'s ${USER_MFA} "Disabled" applies only if its directory leaves MFA to each user ("Byuser"), and that directory is not in this stack: declare it and set directoryId from its id, or set ${USER_MFA} to "Enabled"`,
        ),
      },
    ];
  if (covers.includes("unknown") && !covers.includes("no"))
    return [{ urn, ...unverifiable("the directory's MFA setting", `whether it overrides ${name}'s opt-out`) }];
  return [
    {
      urn,
      ...violation(
        `CloudSSO user ${name}: ${USER_MFA} is ${shown(setting)}: this user may sign in with a password alone; use "Enabled", or require MFA of every user in the directory (mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings "Enabled", the default)`,
      ),
    },
  ];
}

/** Null is how an engine may send an unset input: the provider's default, false, applies then. */
const optOut = (flag: unknown) => (flag === undefined || flag === null ? "not set (default false)" : shown(flag));

/** Case step 6: "MFA and no root remote login" was a lesson of the case. */
const preferenceRule = defineResourceRule<unknown>({
  metadata: {
    name: RAM_MFA_RULE,
    description:
      "RAM console logins must require MFA, by the security preference or each user's login profile, and CloudSSO directories and users signing in with passwords must not turn MFA off.",
    details:
      'The RAM security preference must make MFA mandatory for console logins (mfaOperationForLogin "mandatory" in any case, with no contrary enforceMfaForLogin false beside it; the deprecated enforceMfaForLogin true is accepted when the new field is unset), and every RAM user\'s login profile must require MFA (mfaBindRequired true; unset means false) unless every security preference of its account in the stack makes it mandatory, which overrides the user\'s flag (checked across the stack; a preference whose account may differ from the profile\'s, by their providers\' inputs, leaves a note). A CloudSSO directory signing users in with passwords (SAML single sign-on not enabled) must not turn MFA off: mfaAuthenticationStatus and mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings unset or "Enabled" (not Disabled, ByUser or OnlyRiskyLogin), and a CloudSSO user must not opt out (mfaAuthenticationSettings "Disabled") unless its directory requires MFA of all its users (checked across the stack; a user belongs to a declared directory only through its id, as a property dependency, and with its directory not in the stack the opt-out is a note, as it counts only under a "Byuser" directory). RAM login profiles in ROS templates (ALIYUN::RAM::User LoginProfile, ALIYUN::RAM::LoginProfile unless Inactive) are judged like the program\'s.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set mfaOperationForLogin: "mandatory" on the ram.SecurityPreference.',
      "Remove the deprecated enforceMfaForLogin.",
      'On a ram.LoginProfile, set mfaBindRequired: true, or keep a ram.SecurityPreference with mfaOperationForLogin "mandatory" in the stack, on a provider of the same account.',
      'On a cloudsso.Directory, leave mfaAuthenticationStatus and mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings unset or set them to "Enabled" (or sign users in through SAML single sign-on with MFA at the identity provider).',
      'On a cloudsso.User, leave mfaAuthenticationSettings unset or "Enabled", and set directoryId from the declared cloudsso.Directory\'s id.',
      "In a ROS template, set MFABindRequired: true in ALIYUN::RAM::User's LoginProfile and on ALIYUN::RAM::LoginProfile.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "1.4" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 6,
  },
  checks: {
    [PREFERENCE]: (p) => {
      const mfa = mfaAtLogin(p);
      if (mfa.kind === "unknown") return [unverifiable(mfa.field)];
      return mfa.kind === "optional" ? [violation(mfa.why)] : [];
    },
    [CLOUDSSO_DIRECTORY]: cloudSsoMfaFindings,
  },
});

export const requireRamMfaForLogin = withStackChecks(preferenceRule, {
  types: [LOGIN_PROFILE, CLOUDSSO_USER],
  check: ({ resources }) => {
    const preferences = resources.filter((r) => r.type === PREFERENCE);
    const directories = resources.filter((r) => r.type === CLOUDSSO_DIRECTORY);
    return [
      ...resources.filter((r) => r.type === LOGIN_PROFILE).flatMap((r) => loginProfileFindings(r, preferences)),
      ...resources.filter((r) => r.type === CLOUDSSO_USER).flatMap((r) => cloudSsoUserFindings(r, directories)),
    ];
  },
});
