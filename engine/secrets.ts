// Keeps secret values out of everything the engine prints or writes. Policy packs still get the real values (they
// must see that a password is set); only what leaves the engine for people and files is redacted.
import type { StackConfig } from "./config";
import { SECRET_SIG, SIG_KEY } from "./grpc";
import type { Registration } from "./model";
import { secretScriptPieces } from "./secret-lines";
import { SecretMatcher } from "./secret-matcher";

export const SECRET_MARKER = "[secret]";

/**
 * Shorter strings are not searched for in free text: a secret "1" or "on" would garble every message. They are still
 * redacted wherever they appear as a secret value.
 */
export const MIN_TEXT_SECRET = 4;

/** A secret flag's "true" is not searched for either: every boolean in the output would be cut. */
const LITERALS = new Set(["true", "false", "null"]);

export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    into.add(value);
    // A secret script is quoted a line at a time, and user data is often given base64 (maybe gzipped).
    for (const piece of secretScriptPieces(value)) into.add(piece);
    // A JSON-encoded secret (config objects) may also appear decoded.
    if (/^[[{]/.test(value)) {
      try {
        collectStrings(JSON.parse(value), into);
      } catch {
        // not JSON: the string itself is the secret
      }
    }
  } else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => collectStrings(v, into));
}

function collectSecrets(value: unknown, into: Set<string>): void {
  if (isSecretValue(value)) collectStrings(value.value, into);
  else if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, into));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => collectSecrets(v, into));
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private matcher?: SecretMatcher;

  /** Secret config values: keys in PULUMI_CONFIG_SECRET_KEYS, including `secure:` stand-ins. */
  static forConfig(config: StackConfig): Redactor {
    const redactor = new Redactor();
    redactor.addValues(config.secretKeys.map((k) => config.values[k]));
    return redactor;
  }

  /** Plain strings known to be secret. */
  addValues(values: unknown[]): this {
    for (const v of values) collectStrings(v, this.secrets);
    this.matcher = undefined;
    return this;
  }

  /** Secret-wrapped inputs, and inputs named in `additionalSecretOutputs` (the engine treats them as secret too). */
  addRegistrations(registrations: Registration[]): this {
    for (const reg of registrations) {
      collectSecrets(reg.inputs, this.secrets);
      // Stack and component outputs may carry secrets of their own (`pulumi.secret` exports).
      if (reg.outputs) collectSecrets(reg.outputs, this.secrets);
      for (const key of reg.options.additionalSecretOutputs ?? []) collectStrings(reg.inputs[key], this.secrets);
    }
    this.matcher = undefined;
    return this;
  }

  /** Free text with every known secret string replaced by the marker. */
  text(text: string): string {
    if (this.secrets.size === 0) return text;
    this.matcher ??= new SecretMatcher(
      [...this.secrets].filter((s) => s.length >= MIN_TEXT_SECRET && !LITERALS.has(s)),
    );
    return this.matcher.replace(text, SECRET_MARKER);
  }

  /** A copy of a value with secret wrappers replaced by the marker (keys kept) and secrets removed from strings. */
  value<T>(value: T, secretKeys: readonly string[] = []): T {
    return this.redact(value, new Set(secretKeys)) as T;
  }

  private redact(value: unknown, secretKeys: Set<string>): unknown {
    if (isSecretValue(value)) return SECRET_MARKER;
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.redact(v, EMPTY));
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKeys.has(k) ? SECRET_MARKER : this.redact(v, EMPTY);
    return out;
  }
}

const EMPTY = new Set<string>();
