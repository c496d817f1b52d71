import { num } from "../../lib/values";
import { atLeast, Expectation, expectAll } from "../lib/expect";
import { CLOUDSSO_DIRECTORY, signsInWithPasswords, SSO_STATUS } from "../lib/cloudsso-sign-in";
import { unverifiable } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

interface RamPasswordConfig {
  minimumLength: number;
  maxLoginAttempts: number;
  reusePrevention: number;
}

/** A setting as the provider applies it: unset (or null) means the default, numeric strings are numbers. */
const orDefault = (v: unknown, fallback: number) => (v === undefined || v === null ? fallback : (num(v) ?? NaN));

/** The two resources spell the lockout field differently and default differently. */
function expectations(
  c: RamPasswordConfig,
  lockoutField: string,
  defaults: { lengthDefault: number; lockoutDefault: number },
): Expectation[] {
  const lockout = (v: unknown) => orDefault(v, defaults.lockoutDefault);
  return [
    {
      path: "minimumPasswordLength",
      ok: (v) => orDefault(v, defaults.lengthDefault) >= c.minimumLength,
      problem: () =>
        `passwords shorter than ${c.minimumLength} characters are allowed (default ${defaults.lengthDefault})`,
    },
    {
      path: lockoutField,
      ok: (v) => lockout(v) >= 1 && lockout(v) <= c.maxLoginAttempts,
      problem: () =>
        `lockout must trigger within ${c.maxLoginAttempts} failed logins (0 disables it; default ${defaults.lockoutDefault})`,
    },
    {
      path: "passwordReusePrevention",
      ok: atLeast(c.reusePrevention),
      problem: () => `fewer than ${c.reusePrevention} previous passwords are remembered (default 0)`,
    },
  ];
}

/** Null is how an engine may send an unset input. */
const unset = (v: unknown) => v === undefined || v === null;

/**
 * A CloudSSO directory's password policy, judged on the values it sets (the directory's own defaults are not in
 * the provider's schema), and only while its users sign in with passwords rather than SAML single sign-on.
 */
const cloudSsoDirectory: Check<RamPasswordConfig> = (p, { config: c }) => {
  const passwords = signsInWithPasswords(p);
  if (passwords === "no") return [];
  const set = (ok: (n: number) => boolean) => (v: unknown) => unset(v) || ok(num(v) ?? NaN);
  const findings = expectAll(p, [
    {
      path: "passwordPolicy.minPasswordLength",
      ok: set((n) => n >= c.minimumLength),
      problem: () => `passwords shorter than ${c.minimumLength} characters are allowed`,
    },
    {
      path: "passwordPolicy.maxLoginAttempts",
      ok: set((n) => n >= 1 && n <= c.maxLoginAttempts),
      problem: () => `lockout must trigger within ${c.maxLoginAttempts} failed logins (0 disables it)`,
    },
    {
      path: "passwordPolicy.passwordReusePrevention",
      ok: set((n) => n >= c.reusePrevention),
      problem: () => `fewer than ${c.reusePrevention} previous passwords are remembered`,
    },
  ]);
  if (passwords === "unknown" && findings.some((f) => !f.unverifiable))
    return [unverifiable(SSO_STATUS, "whether password sign-in is on")];
  return findings;
};

/** Case step 1: the attacker's password guessing met no lockout. */
export const requireRamPasswordPolicyStrength = defineResourceRule<RamPasswordConfig>({
  metadata: {
    name: "require-ram-password-policy-strength",
    description:
      "The RAM password policy must require at least 14 characters, lock out after at most 5 failed logins (1-5; 0 disables lockout) and prevent password reuse, on both the PasswordPolicy and the older AccountPasswordPolicy resource; a CloudSSO directory whose users sign in with passwords (SAML single sign-on not enabled) must not set a weaker passwordPolicy (minPasswordLength, maxLoginAttempts, passwordReusePrevention).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set minimumPasswordLength to 14 or more.",
      "Set the lockout between 1 and 5: maxLoginAttemps (PasswordPolicy's spelling) or maxLoginAttempts (AccountPasswordPolicy).",
      "Set passwordReusePrevention to 5 or more.",
      "CloudSSO: in the directory's passwordPolicy keep minPasswordLength at 14 or more, maxLoginAttempts between 1 and 5 and passwordReusePrevention at 5 or more (or leave them unset).",
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
      expectAll(p, expectations(config, "maxLoginAttemps", { lengthDefault: 8, lockoutDefault: 0 })),
    "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy": (p, { config }) =>
      expectAll(p, expectations(config, "maxLoginAttempts", { lengthDefault: 12, lockoutDefault: 5 })),
    [CLOUDSSO_DIRECTORY]: cloudSsoDirectory,
  },
});
