import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown } from "../../lib/values";
import { cloudSsoMfaFindings } from "../lib/cloudsso-mfa";
import { CLOUDSSO_DIRECTORY } from "../lib/cloudsso-sign-in";
import { unverifiable, violation } from "../lib/findings";
import { mfaAtLogin } from "../lib/ram-mfa";
import { shown } from "../lib/text-values";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";
import { StackFinding } from "../lib/stack-rule";

const PREFERENCE = "alicloud:ram/securityPreference:SecurityPreference";
const LOGIN_PROFILE = "alicloud:ram/loginProfile:LoginProfile";

/**
 * Under the default "independent" preference a login profile's flag alone decides, and false (also the default when
 * unset) says "this user needs no MFA"; a "mandatory" preference overrides it. A stack may hold several accounts'
 * preferences, and which one a profile falls under is not in the plan: the opt-out passes only when every preference
 * in the stack is mandatory.
 */
function loginProfileFindings(profile: GenericResource, preferences: GenericResource[]): StackFinding[] {
  const { urn, name } = profile;
  const flag = profile.inputs.mfaBindRequired;
  const modes = preferences.map((p) => mfaAtLogin(p.inputs));
  if (modes.length > 0 && modes.every((m) => m.kind === "mandatory")) return [];
  if (isUnknown(flag)) return [{ urn, ...unverifiable("mfaBindRequired") }];
  if (bool(flag) === true) return [];
  const unknown = modes.find((m) => m.kind === "unknown");
  if (unknown && !modes.some((m) => m.kind === "optional"))
    return [{ urn, ...unverifiable(unknown.field, `whether the security preference overrides ${name}'s opt-out`) }];
  const fix = modes.length === 0 ? "add a ram.SecurityPreference with" : "set";
  return [
    {
      urn,
      ...violation(
        `login profile ${name}: mfaBindRequired is ${optOut(flag)}: this RAM user may log in with a password alone; set it to true, or ${fix} mfaOperationForLogin "mandatory"`,
      ),
    },
  ];
}

/** Null is how an engine may send an unset input: the provider's default, false, applies then. */
const optOut = (flag: unknown) => (flag === undefined || flag === null ? "not set (default false)" : shown(flag));

/** Case step 6: "MFA and no root remote login" was a lesson of the case. */
const preferenceRule = defineResourceRule<unknown>({
  metadata: {
    name: "require-ram-mfa-for-login",
    description:
      'The RAM security preference must make MFA mandatory for console logins (mfaOperationForLogin "mandatory" in any case, with no contrary enforceMfaForLogin false beside it; the deprecated enforceMfaForLogin true is accepted when the new field is unset), and every RAM user\'s login profile must require MFA (mfaBindRequired true; unset means false) unless every security preference in the stack makes it mandatory, which overrides the user\'s flag (checked across the stack). A CloudSSO directory signing users in with passwords (SAML single sign-on not enabled) must not turn MFA off: mfaAuthenticationStatus and mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings unset or "Enabled" (not Disabled, ByUser or OnlyRiskyLogin).',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set mfaOperationForLogin: "mandatory" on the ram.SecurityPreference.',
      "Remove the deprecated enforceMfaForLogin.",
      'On a ram.LoginProfile, set mfaBindRequired: true, or keep a ram.SecurityPreference with mfaOperationForLogin "mandatory" in the stack.',
      'On a cloudsso.Directory, leave mfaAuthenticationStatus and mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings unset or set them to "Enabled" (or sign users in through SAML single sign-on with MFA at the identity provider).',
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "1.3" },
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
  types: [LOGIN_PROFILE],
  check: ({ resources }) => {
    const preferences = resources.filter((r) => r.type === PREFERENCE);
    return resources.filter((r) => r.type === LOGIN_PROFILE).flatMap((r) => loginProfileFindings(r, preferences));
  },
});
