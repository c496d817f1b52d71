import { bool, isUnknown } from "../../lib/values";
import { unverifiable, violation } from "../lib/findings";
import { defineResourceRule } from "../lib/rule";

/** Case step 6: "MFA and no root remote login" was a lesson of the case. */
export const requireRamMfaForLogin = defineResourceRule<unknown>({
  metadata: {
    name: "require-ram-mfa-for-login",
    description:
      'The RAM security preference must make MFA mandatory for console logins (mfaOperationForLogin "mandatory"; the deprecated enforceMfaForLogin true is accepted when the new field is unset).',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set mfaOperationForLogin: "mandatory" on the ram.SecurityPreference.',
      "Remove the deprecated enforceMfaForLogin.",
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
      if (mode === undefined) {
        if (isUnknown(p.enforceMfaForLogin)) return [unverifiable("enforceMfaForLogin")];
        if (bool(p.enforceMfaForLogin) === true) return [];
        return [
          violation('mfaOperationForLogin is not set (defaults to "independent"): RAM users may log in without MFA'),
        ];
      }
      return [violation(`mfaOperationForLogin is "${String(mode)}": MFA is not required for every login`)];
    },
  },
});
