import { bool, isUnknown } from "../../lib/values";
import { unverifiable, violation } from "../lib/findings";
import { defineResourceRule } from "../lib/rule";

/** Case step 6: "MFA and no root remote login" was a lesson of the case. */
export const requireRamMfaForLogin = defineResourceRule<unknown>({
  metadata: {
    name: "require-ram-mfa-for-login",
    description:
      'The RAM security preference must make MFA mandatory for console logins (mfaOperationForLogin "mandatory"; the deprecated enforceMfaForLogin true is accepted when the new field is unset), and no RAM user\'s login profile may opt out of MFA (mfaBindRequired false).',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set mfaOperationForLogin: "mandatory" on the ram.SecurityPreference.',
      "Remove the deprecated enforceMfaForLogin.",
      "On a ram.LoginProfile, set mfaBindRequired: true or leave it unset so that the account's preference decides.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "1.3" },
      { framework: "CIS Alibaba Cloud v2.0", id: "1.4" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 6,
  },
  checks: {
    "alicloud:ram/securityPreference:SecurityPreference": (p) => {
      const mode = p.mfaOperationForLogin;
      if (isUnknown(mode)) return [unverifiable("mfaOperationForLogin")];
      if (mode === "mandatory") return [];
      // Null is how an engine may send an unset input: the deprecated flag still decides then.
      if (mode === undefined || mode === null) {
        if (isUnknown(p.enforceMfaForLogin)) return [unverifiable("enforceMfaForLogin")];
        if (bool(p.enforceMfaForLogin) === true) return [];
        return [
          violation('mfaOperationForLogin is not set (defaults to "independent"): RAM users may log in without MFA'),
        ];
      }
      return [violation(`mfaOperationForLogin is "${String(mode)}": MFA is not required for every login`)];
    },
    // Under the default "independent" preference this flag alone decides; false says "this user needs no MFA".
    "alicloud:ram/loginProfile:LoginProfile": (p) => {
      if (isUnknown(p.mfaBindRequired)) return [unverifiable("mfaBindRequired")];
      return bool(p.mfaBindRequired) === false
        ? [violation("mfaBindRequired is false: this RAM user may log in with a password alone")]
        : [];
    },
  },
});
