// The origin request gate's secret: it must arrive as a Pulumi secret, and its text, checked once known, must be one
// an ALB header condition compares exactly. Messages give its kind and length, never its text.
import { isPlain, Problems, showValue, validateArgs } from "../validation";

/** Below this a secret is guessable; 32 characters of hex already hold 128 bits. */
export const MIN_SECRET_LENGTH = 32;
/** An ALB header condition compares strings of at most 128 characters. */
export const MAX_SECRET_LENGTH = 128;
/** Visible ASCII, the characters a header value keeps unchanged through CloudFront and the ALB. */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** What stands for the secret in a message: its kind and length, never its text. */
export function describeSecret(value: unknown): string {
  if (typeof value === "string") return `(secret: ${value.length} characters)`;
  if (value === null) return "(secret: null)";
  return `(secret: ${/^[aeiou]/.test(typeof value) ? "an" : "a"} ${typeof value})`;
}

/** What stands for a value that may be the secret, given where no argument takes it. */
export function describeHidden(value: unknown): string {
  return typeof value === "string" ? `(not shown: ${value.length} characters, it may be the secret)` : showValue(value);
}

/** The secret must arrive as an Output (or Promise): a plain value sits in the program and in the state in clear. */
export function checkSecret(problems: Problems, secret: unknown): void {
  if (!isPlain(secret)) return;
  if (secret === undefined) {
    problems.add(
      "secret",
      undefined,
      'a Pulumi secret Output, e.g. new pulumi.Config().requireSecret("originVerifySecret")',
      "set it with `pulumi config set --secret originVerifySecret <32 to 128 random characters>` and pass " +
        'config.requireSecret("originVerifySecret")',
    );
    return;
  }
  problems.add(
    "secret",
    describeSecret(secret),
    'a Pulumi secret Output, e.g. new pulumi.Config().requireSecret("originVerifySecret"), not a plain value',
    'read it with config.requireSecret("originVerifySecret") (set with `pulumi config set --secret`): a plain ' +
      "string would be stored in clear in the state",
  );
}

/**
 * Checks the secret's text once it is known (inside apply, so the rule and the distribution wait for it). Messages
 * give its length, never its text.
 */
export function checkSecretValue(subject: string, value: unknown): void {
  validateArgs(subject, (problems) => {
    const shown = describeSecret(value);
    if (!problems.check(typeof value === "string", "secret", shown, "a string", "pass a secret string")) return;
    const text = value as string;
    problems.check(
      text.length >= MIN_SECRET_LENGTH && text.length <= MAX_SECRET_LENGTH,
      "secret",
      shown,
      `${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters (an ALB header condition compares at most ` +
        `${MAX_SECRET_LENGTH})`,
      "set a new random value of 32 to 128 characters, e.g. 64 hex digits, with `pulumi config set --secret`",
    );
    problems.check(
      VISIBLE_ASCII.test(text) && !/[*?]/.test(text),
      "secret",
      shown,
      "visible ASCII characters without spaces, * or ? (the ALB reads * and ? as wildcards, so a secret holding " +
        "them matches other values)",
      "set a new random value of hex digits or letters and digits",
    );
  });
}
