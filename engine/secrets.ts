// Keeps secret values out of everything the engine prints or writes. Policy packs still get the real values (they
// must see that a password is set); only what leaves the engine for people and files is redacted.
import type { StackConfig } from "./config";
import { SECRET_SIG, SIG_KEY } from "./wire-values";
import type { Registration } from "./model";
import { secretScriptPieces } from "../lib/secret-script-pieces";
import { SecretMatcher } from "./secret-matcher";

export const SECRET_MARKER = "[secret]";

/**
 * Shorter strings are not searched for in free text: a secret "1" or "on" would garble every message. They are still
 * redacted wherever they appear as a secret value. The CLI's display filter draws the same line (`len(secret) < 3`),
 * so a 4-digit PIN is cut from every name, URN, key and message, as `pulumi preview` cuts it.
 */
export const MIN_TEXT_SECRET = 3;

/** A secret flag's "true" is not searched for either (any case, as the CLI): every boolean would be cut. */
const LITERALS = new Set(["true", "false", "null"]);
const isLiteral = (s: string) => LITERALS.has(s.toLowerCase());

/** A secret as it reads inside a JSON string (quotes, backslashes, newlines escaped), when that differs. */
function jsonEscaped(secret: string): string | undefined {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped !== secret ? escaped : undefined;
}

/**
 * What `text` searches for: long-enough secrets, their JSON-escaped forms, and the marker itself, so that redacting
 * already redacted text (a baseline, a re-read message) leaves it as it is even when a secret is part of "[secret]".
 */
function needles(secrets: Iterable<string>): string[] {
  const found = [...secrets].filter((s) => s.length >= MIN_TEXT_SECRET && !isLiteral(s));
  return [SECRET_MARKER, ...found, ...found.map(jsonEscaped).filter((s): s is string => s !== undefined)];
}

/** Whether a secret wrapper sits anywhere in the value. */
function holdsSecretValue(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecretValue);
  for (const key in value) if (holdsSecretValue((value as Record<string, unknown>)[key])) return true;
  return false;
}

export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

function collectStrings(value: unknown, into: Set<string>): void {
  // A secret number (a PIN, an account id) prints as its digits.
  if (typeof value === "number" && Number.isFinite(value)) into.add(String(value));
  else if (typeof value === "string") {
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
    this.matcher ??= new SecretMatcher(needles(this.secrets));
    return this.matcher.replace(text, SECRET_MARKER);
  }

  /**
   * A copy of user data (inputs, outputs, tag maps; the value itself when nothing in it is secret) with secret
   * wrappers (and the inputs named in `secretKeys`) replaced by the marker, and known secrets cut from every string in
   * it, object keys included: a tag key or a resource name built from a secret. Equal strings redact equally, so URNs
   * still match their parents and dependencies.
   */
  value<T>(value: T, secretKeys: readonly string[] = []): T {
    if (secretKeys.length === 0 && this.unchanged(value)) return value;
    return this.redact(value, new Set(secretKeys), true) as T;
  }

  /**
   * A copy of one of the engine's own records (a log, a diagnostic, an exposure; the record itself when nothing in it
   * is secret) with secrets cut from its values only: its field names are the engine's, and a secret that happens to
   * equal one ("message", "urn") must not rename it.
   */
  fields<T>(record: T): T {
    if (this.unchanged(record)) return record;
    return this.redact(record, EMPTY, false) as T;
  }

  /**
   * Whether redacting would change nothing (no secret known, no secret wrapper inside): the value is then returned
   * as it is, since copying a large plan only to print it costs as much as the rest of the report.
   */
  private unchanged(value: unknown): boolean {
    return this.secrets.size === 0 && !holdsSecretValue(value);
  }

  private redact(value: unknown, secretKeys: Set<string>, keys: boolean): unknown {
    if (isSecretValue(value)) return SECRET_MARKER;
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.redact(v, EMPTY, keys));
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value);
    const names = keys
      ? distinctKeys(
          entries.map(([k]) => k),
          (k) => this.text(k),
        )
      : entries.map(([k]) => k);
    // fromEntries keeps a "__proto__" key an ordinary key.
    return Object.fromEntries(
      entries.map(([k, v], i) => [names[i], secretKeys.has(k) ? SECRET_MARKER : this.redact(v, EMPTY, keys)]),
    );
  }
}

/**
 * Redacted keys, one per key: keys that redact alike ("owner-alpha", "owner-bravo" → "owner-[secret]") are all kept,
 * the second and later (in sorted order of the original keys, so the numbering does not follow insertion order)
 * numbered "#2", "#3"… past any key already taken.
 */
export function distinctKeys(keys: string[], redact: (key: string) => string): string[] {
  const redacted = keys.map(redact);
  const taken = new Set(redacted);
  const names: string[] = [...redacted];
  const claimed = new Set<string>();
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  // A key the redaction left as it is keeps its name: only redacted keys are renumbered.
  for (const i of order.filter((i) => redacted[i] === keys[i])) claimed.add(names[i]);
  for (const i of order.filter((i) => redacted[i] !== keys[i])) {
    if (!claimed.has(redacted[i])) {
      claimed.add(redacted[i]);
      continue;
    }
    let n = 2;
    while (taken.has(`${redacted[i]}#${n}`) || claimed.has(`${redacted[i]}#${n}`)) n++;
    names[i] = `${redacted[i]}#${n}`;
    claimed.add(names[i]);
  }
  return names;
}

const EMPTY = new Set<string>();
