import { atLeast, expectAll } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

interface PasswordConfig {
  minimumLength: number;
  reusePrevention: number;
}

/** Case step 1: short, reused passwords fall to brute force in minutes. */
export const requireIamPasswordPolicyStrength = defineResourceRule<PasswordConfig>({
  metadata: {
    name: "require-iam-password-policy-strength",
    description:
      "The AWS IAM account password policy must require at least 14 characters and prevent reuse of the last 24 passwords.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set minimumPasswordLength to 14 or more.",
      "Set passwordReusePrevention to 24 (or the configured minimum).",
      "Prefer federated sign-in with MFA over IAM user passwords.",
    ],
    controls: [
      { framework: "CIS AWS v3.0", id: "1.8" },
      { framework: "CIS AWS v3.0", id: "1.9" },
      { framework: "AWS FSBP", id: "IAM.7" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 1,
  },
  configSchema: {
    minimumLength: { type: "integer", minimum: 8, maximum: 128, description: "Minimum password length (14)." },
    reusePrevention: { type: "integer", minimum: 1, maximum: 24, description: "Remembered passwords (24)." },
  },
  parseConfig: (r) => ({
    minimumLength: r.integer("minimumLength", 14, 8, 128),
    reusePrevention: r.integer("reusePrevention", 24, 1, 24),
  }),
  checks: {
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": (p, { config }) =>
      expectAll(p, [
        {
          path: "minimumPasswordLength",
          ok: atLeast(config.minimumLength),
          problem: () => `passwords shorter than ${config.minimumLength} characters are allowed`,
        },
        {
          path: "passwordReusePrevention",
          ok: atLeast(config.reusePrevention),
          problem: () => `fewer than ${config.reusePrevention} previous passwords are remembered`,
        },
      ]),
  },
});
