import { atLeast, expectAll } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

interface RamPasswordConfig {
  minimumLength: number;
  maxLoginAttempts: number;
  reusePrevention: number;
}

/** Case step 1: the attacker's password guessing met no lockout. */
export const requireRamPasswordPolicyStrength = defineResourceRule<RamPasswordConfig>({
  metadata: {
    name: "require-ram-password-policy-strength",
    description:
      "The RAM password policy must require at least 14 characters, lock out after at most 5 failed logins (maxLoginAttemps 1-5; 0 disables lockout) and prevent password reuse.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set minimumPasswordLength to 14 or more.",
      "Set maxLoginAttemps (the provider's spelling) between 1 and 5.",
      "Set passwordReusePrevention to 5 or more.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "1.11" },
      { framework: "CIS Alibaba Cloud v2.0", id: "1.13" },
      { framework: "CIS Alibaba Cloud v2.0", id: "1.14" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 1,
  },
  configSchema: {
    minimumLength: { type: "integer", minimum: 8, maximum: 32, description: "Minimum password length (14)." },
    maxLoginAttempts: {
      type: "integer",
      minimum: 1,
      maximum: 32,
      description: "Most failed logins before lockout (5).",
    },
    reusePrevention: { type: "integer", minimum: 1, maximum: 24, description: "Remembered passwords (5)." },
  },
  parseConfig: (r) => ({
    minimumLength: r.integer("minimumLength", 14, 8, 32),
    maxLoginAttempts: r.integer("maxLoginAttempts", 5, 1, 32),
    reusePrevention: r.integer("reusePrevention", 5, 1, 24),
  }),
  checks: {
    "alicloud:ram/passwordPolicy:PasswordPolicy": (p, { config }) =>
      expectAll(p, [
        {
          path: "minimumPasswordLength",
          ok: atLeast(config.minimumLength),
          problem: () => `passwords shorter than ${config.minimumLength} characters are allowed (default 8)`,
        },
        {
          path: "maxLoginAttemps",
          ok: (v) => typeof v === "number" && v >= 1 && v <= config.maxLoginAttempts,
          problem: () =>
            `lockout must trigger within ${config.maxLoginAttempts} failed logins (0 or unset disables it)`,
        },
        {
          path: "passwordReusePrevention",
          ok: atLeast(config.reusePrevention),
          problem: () => `fewer than ${config.reusePrevention} previous passwords are remembered (default 0)`,
        },
      ]),
  },
});
