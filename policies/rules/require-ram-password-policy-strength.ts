import { GenericResource } from "../../lib/reachability";
import { isUnknown, num } from "../../lib/values";
import { directoryBlocks, MALFORMED_BLOCK } from "../lib/cloudsso-blocks";
import { atLeast, Expectation, expectAll } from "../lib/expect";
import { directoriesOfUser } from "../lib/cloudsso-members";
import { CLOUDSSO_PASSWORD_DEFAULTS } from "../lib/cloudsso-password-defaults";
import { CLOUDSSO_DIRECTORY, signsInWithPasswords, SSO_STATUS } from "../lib/cloudsso-sign-in";
import { unverifiable } from "../lib/findings";
import {
  CLOUDSSO_USER,
  RAM_ACCOUNT_PASSWORD_POLICY,
  RAM_LOGIN_PROFILE,
  RAM_PASSWORD_POLICY,
  RAM_PASSWORD_RULE,
} from "../lib/identity-types";
import { isLoginPassword, knownPasswordLength } from "../lib/login-passwords";
import { shorterThanRequired, ungovernedHolders, unseenPasswordPolicies } from "../lib/password-proofs";
import { Check, defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";
import { StackContext } from "../lib/stack-rule";
import { is } from "../lib/text-values";

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

const CLOUDSSO_POLICY = "passwordPolicy";

/** A CloudSSO password field: unset (or null) keeps the directory's documented default, judged like a set value. */
function cloudSsoField(
  field: keyof typeof CLOUDSSO_PASSWORD_DEFAULTS,
  ok: (n: number) => boolean,
  risk: string,
  fix: string,
): Expectation {
  const fallback = CLOUDSSO_PASSWORD_DEFAULTS[field];
  return {
    path: `${CLOUDSSO_POLICY}.${field}`,
    ok: (v) => ok(orDefault(v, fallback)),
    problem: () => `${risk} (CloudSSO's default is ${fallback}); ${fix}`,
  };
}

/**
 * A CloudSSO directory's password policy, judged while its users sign in with passwords rather than SAML single
 * sign-on: a field the program sets is judged as set, an unset one (or an unset passwordPolicy) by CloudSSO's
 * documented default, which allows 8-character passwords and refuses only the previous one.
 */
const cloudSsoDirectory: Check<RamPasswordConfig> = (raw, { config: c }) => {
  const { props: p, malformed } = directoryBlocks(raw);
  const passwords = signsInWithPasswords(p);
  if (passwords === "no") return [];
  // One note for a whole block unknown at preview (or written in a shape that cannot be read), not one per field.
  const findings = malformed.includes(CLOUDSSO_POLICY)
    ? [unverifiable(CLOUDSSO_POLICY, MALFORMED_BLOCK)]
    : isUnknown(p[CLOUDSSO_POLICY])
      ? [unverifiable(CLOUDSSO_POLICY)]
      : expectAll(p, [
          cloudSsoField(
            "minPasswordLength",
            (n) => n >= c.minimumLength,
            `passwords shorter than ${c.minimumLength} characters are allowed`,
            `set it to ${c.minimumLength} or more`,
          ),
          cloudSsoField(
            "maxLoginAttempts",
            (n) => n >= 1 && n <= c.maxLoginAttempts,
            `lockout must trigger within ${c.maxLoginAttempts} failed logins (0 disables it)`,
            `set it between 1 and ${c.maxLoginAttempts}`,
          ),
          cloudSsoField(
            "passwordReusePrevention",
            (n) => n >= c.reusePrevention,
            `fewer than ${c.reusePrevention} previous passwords are remembered`,
            `set it to ${c.reusePrevention} or more`,
          ),
        ]);
  if (passwords === "unknown" && findings.some((f) => !f.unverifiable))
    return [unverifiable(SSO_STATUS, "whether password sign-in is on")];
  return findings;
};

/** A password the plan sets: shorter than the minimum, it proves the policy it was accepted under is too weak. */
const passwordUnder =
  (policy: string): Check<RamPasswordConfig> =>
  (p, { config }) =>
    shorterThanRequired("password", knownPasswordLength(p.password), config.minimumLength, policy);

const RAM_POLICY = "the RAM account password policy";
const CLOUDSSO_DIRECTORY_POLICY = "the CloudSSO directory's password policy";

/** A CloudSSO user that may sign in with a password: one is set, and the user is not disabled. */
const signsInToCloudSso = (u: GenericResource) =>
  isLoginPassword(u.inputs.password) && !is(u.inputs.status, "Disabled");

/**
 * Passwords set under a policy the stack does not declare: one note, since that policy cannot be judged. A RAM
 * password policy governs its own account's login profiles; a CloudSSO directory only its own users.
 */
function unseenPolicies({ resources }: StackContext<unknown>) {
  const ofType = (...types: string[]) => resources.filter((r) => types.includes(r.type));
  const ramHolders = ungovernedHolders(
    ofType(RAM_LOGIN_PROFILE).filter((r) => isLoginPassword(r.inputs.password)),
    ofType(RAM_PASSWORD_POLICY, RAM_ACCOUNT_PASSWORD_POLICY),
  );
  const directories = ofType(CLOUDSSO_DIRECTORY);
  const ssoHolders = ofType(CLOUDSSO_USER).filter(
    (r) => signsInToCloudSso(r) && directoriesOfUser(r, directories).length === 0,
  );
  return unseenPasswordPolicies([
    {
      policy: RAM_POLICY,
      what: "login profile",
      holders: ramHolders,
      declare: "declare a ram.PasswordPolicy meeting this rule in the stack, on a provider of their account",
    },
    {
      policy: CLOUDSSO_DIRECTORY_POLICY,
      what: "CloudSSO user",
      holders: ssoHolders,
      declare:
        "declare their cloudsso.Directory with a passwordPolicy meeting this rule in the stack, and set their directoryId from its id",
    },
  ]);
}

/** Case step 1: the attacker's password guessing met no lockout. */
const passwordPolicyRule = defineResourceRule<RamPasswordConfig>({
  metadata: {
    name: RAM_PASSWORD_RULE,
    description:
      "The RAM password policy, and that of a CloudSSO directory with password sign-in, must require at least 14 characters, lock out after at most 5 failed logins and prevent password reuse.",
    details:
      "The RAM password policy must require at least 14 characters, lock out after at most 5 failed logins (1-5; 0 disables lockout) and prevent password reuse, on both the PasswordPolicy and the older AccountPasswordPolicy resource; a CloudSSO directory whose users sign in with passwords (SAML single sign-on not enabled) must meet the same thresholds in its passwordPolicy (minPasswordLength, maxLoginAttempts, passwordReusePrevention), where a field left unset keeps CloudSSO's documented default (8 characters, lockout after 5 failures, 1 remembered password), so an unset minPasswordLength or passwordReusePrevention fails. A password the plan sets on a RAM login profile or a CloudSSO user that is shorter than minimumLength proves the policy it was accepted under allows such passwords; login profiles with passwords in a stack that declares no RAM password policy of their account (as their providers\' inputs tell; one that may be in another account does not count), or CloudSSO users with passwords whose directory the stack does not declare (a user belongs to a declared directory only through its id, as a property dependency), get one note for the stack, since that policy cannot be judged (a violation when failing closed).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set minimumPasswordLength to 14 or more.",
      "Set the lockout between 1 and 5: maxLoginAttemps (PasswordPolicy's spelling) or maxLoginAttempts (AccountPasswordPolicy).",
      "Set passwordReusePrevention to 5 or more.",
      "CloudSSO: in the directory's passwordPolicy set minPasswordLength to 14 or more and passwordReusePrevention to 5 or more (CloudSSO's defaults, 8 and 1, are too weak), and keep maxLoginAttempts between 1 and 5 (unset keeps the default, 5); or sign users in through SAML single sign-on.",
      "Give ram.LoginProfile and cloudsso.User passwords of at least minimumLength characters, and declare the RAM password policy (and the CloudSSO directory) they are set under in the same stack.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "1.11" },
      { framework: "CIS Alibaba Cloud v2.0", id: "1.12" },
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
    [RAM_PASSWORD_POLICY]: (p, { config }) =>
      expectAll(p, expectations(config, "maxLoginAttemps", { lengthDefault: 8, lockoutDefault: 0 })),
    [RAM_ACCOUNT_PASSWORD_POLICY]: (p, { config }) =>
      expectAll(p, expectations(config, "maxLoginAttempts", { lengthDefault: 12, lockoutDefault: 5 })),
    [CLOUDSSO_DIRECTORY]: cloudSsoDirectory,
    [RAM_LOGIN_PROFILE]: passwordUnder(RAM_POLICY),
    [CLOUDSSO_USER]: passwordUnder(CLOUDSSO_DIRECTORY_POLICY),
  },
});

export const requireRamPasswordPolicyStrength = withStackChecks(passwordPolicyRule, {
  types: [],
  check: unseenPolicies,
});
