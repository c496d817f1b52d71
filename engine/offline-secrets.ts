// Plaintext stand-ins for secure config values, which cannot be decrypted offline. Messages never quote the
// variable's text: it holds secrets.
import { ConfigError } from "./config-error";
import { describeValueType, goJson, isObjectValue } from "./config-values";

/** JSON object of "namespace:key" → plaintext, for secure values that cannot be decrypted offline. */
export const SECRETS_ENV = "PULUMI_OFFLINE_SECRETS";

const EXPECTED = `expected a JSON object such as {"ns:key": "plaintext"}`;

/** The stand-ins from the environment, or {} when the variable is unset. */
export function readStandIns(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const raw = env[SECRETS_ENV];
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      `${SECRETS_ENV} is not valid JSON (its text is not shown: it holds secrets); ${EXPECTED}. ` +
        `Check the quoting where the variable is set.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${SECRETS_ENV} is JSON but not an object; ${EXPECTED}`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The PULUMI_CONFIG text for a secure key from its stand-in. A plain secure value takes a string. A key whose object
 * holds secure values (the CLI hands the program the decrypted object as JSON) takes the whole object, as JSON text
 * or as a JSON object, and is written the way the CLI writes objects.
 */
export function standInText(key: string, standIn: unknown, objectShaped: boolean): string {
  if (!objectShaped) {
    if (typeof standIn === "string") return standIn;
    throw new ConfigError(
      `${SECRETS_ENV}: the stand-in for ${key} must be a JSON string (the decrypted text of its secure value); ` +
        `it is ${describeValueType(standIn)}`,
    );
  }
  let content = standIn;
  if (typeof standIn === "string") {
    try {
      content = JSON.parse(standIn);
    } catch {
      content = undefined;
    }
  }
  if (!isObjectValue(content)) {
    throw new ConfigError(
      `${SECRETS_ENV}: the stand-in for ${key} must be the whole decrypted object, as a JSON object or as its JSON ` +
        `text: ${key} is an object with secure values inside, which the program reads with getObject`,
    );
  }
  return goJson(content);
}
