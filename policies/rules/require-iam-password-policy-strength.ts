import { isUnknown, num } from "../../lib/values";
import { atLeast, expectAll } from "../lib/expect";
import { Finding } from "../lib/findings";
import { IAM_ACCOUNT_PASSWORD_POLICY, IAM_USER_LOGIN_PROFILE } from "../lib/identity-types";
import { shorterThanRequired, ungovernedHolders, unseenPasswordPolicies } from "../lib/password-proofs";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";

interface PasswordConfig {
  minimumLength: number;
  reusePrevention: number;
}

/** The provider generates a login profile's password with passwordLength characters (20 when unset). */
const GENERATED_LENGTH = 20;

/** The generated password's length, when known: a null is unset; a value unknown at preview or not a number is not. */
function generatedLength(v: unknown): number | undefined {
  if (v === undefined || v === null) return GENERATED_LENGTH;
  return isUnknown(v) ? undefined : num(v);
}

const loginProfile = (p: Record<string, unknown>, minimum: number): Finding[] =>
  shorterThanRequired(
    "passwordLength (the generated password)",
    generatedLength(p.passwordLength),
    minimum,
    "the account password policy",
  );

/** Case step 1: short, reused passwords fall to brute force in minutes. */
const passwordPolicyRule = defineResourceRule<PasswordConfig>({
  metadata: {
    name: "require-iam-password-policy-strength",
    description:
      "The AWS IAM account password policy must require at least 14 characters and prevent reuse of the last 24 passwords.",
    details:
      "The AWS IAM account password policy must require at least 14 characters and prevent reuse of the last 24 passwords. An IAM user login profile whose generated password (passwordLength, 20 when unset), or a CloudFormation AWS::IAM::User's LoginProfile Password, is shorter than minimumLength proves the policy accepts such passwords; login profiles in a stack that declares no account password policy of their account (as their providers\' inputs tell; one that may be in another account does not count) get one note for the stack, since that policy cannot be judged (a violation when failing closed).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set minimumPasswordLength to 14 or more.",
      "Set passwordReusePrevention to 24 (or the configured minimum).",
      "Prefer federated sign-in with MFA over IAM user passwords.",
      "Leave an iam.UserLoginProfile's passwordLength unset (20) or at least minimumLength, and declare the account password policy in the same stack.",
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
    [IAM_USER_LOGIN_PROFILE]: (p, { config }) => loginProfile(p, config.minimumLength),
    [IAM_ACCOUNT_PASSWORD_POLICY]: (p, { config }) =>
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

export const requireIamPasswordPolicyStrength = withStackChecks(passwordPolicyRule, {
  types: [],
  check: ({ resources }) =>
    unseenPasswordPolicies([
      {
        policy: "the IAM account password policy",
        what: "login profile",
        holders: ungovernedHolders(
          resources.filter((r) => r.type === IAM_USER_LOGIN_PROFILE),
          resources.filter((r) => r.type === IAM_ACCOUNT_PASSWORD_POLICY),
        ),
        declare: "declare an iam.AccountPasswordPolicy meeting this rule in the stack, on a provider of their account",
      },
    ]),
});
