// Keeps secret values out of everything the engine prints or writes. Policy packs still get the real values (they
// must see that a password is set); only what leaves the engine for people and files is redacted.
import type { StackConfig } from "./config";
import { SECRET_SIG, SIG_KEY } from "../lib/wire-values";
import { MAX_DECODED, MAX_QUOTED_LINE, secretMaskedPieces } from "../lib/secret-script-pieces";
import { SecretMatcher } from "./secret-matcher";
import { isSecretLiteralWord } from "../lib/secret-literal-words";

export const SECRET_MARKER = "[secret]";

/**
 * Shorter strings are not searched for in free text: a secret "1" or "on" would garble every message. They are still
 * redacted wherever they appear as a secret value. The CLI's display filter draws the same line (`len(secret) < 3`),
 * so a 4-digit PIN is cut from every name, URN, key and message, as `pulumi preview` cuts it.
 */
export const MIN_TEXT_SECRET = 3;

/** A secret flag's "true" is not searched for either (any case, as the CLI): every boolean would be cut. */
const isLiteral = isSecretLiteralWord;

/** A text as it reads inside a JSON string (quotes, backslashes, newlines escaped). */
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

/**
 * A multi-line secret as the engine's error paragraphs print it: its trimmed, non-empty lines joined with " "
 * (failure.ts `oneLine`) or " | " (text.ts `excerpt`, for a pack's stderr). Empty for a one-line secret.
 */
function joinedForms(secret: string): string[] {
  if (!secret.includes("\n")) return [];
  const lines = secret
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 1 ? [lines.join(" "), lines.join(" | ")] : lines;
}

/** Secrets shorter than this (in bytes) are not searched for base64-encoded: a short run of base64 is too common. */
const MIN_BASE64_SECRET = 8;

/**
 * A secret as it reads inside any larger base64 text: the secret starts at one of three byte offsets of a 3-byte
 * group, and the characters that encode only its own bytes are the same whatever surrounds it. Its first one or two
 * bytes (sharing a group with the bytes before) and last one or two (with the bytes after) are left out.
 */
function base64Alignments(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  if (bytes.length < MIN_BASE64_SECRET) return [];
  const forms: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    forms.push(bytes.subarray(skip, skip + whole).toString("base64"));
  }
  return forms;
}

/** A secret URL-encoded (a connection string's password), when that differs; a lone surrogate does not encode. */
function urlEncoded(secret: string): string | undefined {
  try {
    return encodeURIComponent(secret);
  } catch {
    return undefined;
  }
}

/**
 * Every way a secret may be printed: itself, joined onto one line as error paragraphs join it, each of those
 * JSON-escaped once and twice (JSON text inside a JSON string, as a container definition holds it), URL-encoded,
 * and its base64 in any alignment. Each is a plain substring search, so the matcher stays linear.
 */
function printedForms(secret: string): string[] {
  const forms: string[] = [];
  for (const plain of [secret, ...joinedForms(secret)]) {
    const once = jsonEscaped(plain);
    forms.push(plain, once, jsonEscaped(once));
  }
  const url = urlEncoded(secret);
  if (url !== undefined) forms.push(url);
  forms.push(...base64Alignments(secret));
  return forms;
}

/**
 * What `text` searches for: long-enough secrets in every printed form, and the marker itself, so that redacting
 * already redacted text (a baseline, a re-read message) leaves it as it is even when a secret is part of "[secret]".
 */
function needles(secrets: Iterable<string>): string[] {
  const found = new Set<string>([SECRET_MARKER]);
  for (const secret of secrets) {
    if (secret.length < MIN_TEXT_SECRET || isLiteral(secret)) continue;
    for (const form of printedForms(secret)) if (form.length >= MIN_TEXT_SECRET) found.add(form);
  }
  return [...found];
}

/**
 * Leading characters of a secret a message may end a quoted line with: a policy quotes at most `MAX_QUOTED_LINE`
 * characters of a script line, and the cut may fall inside a secret. Fewer are left, so that the ends of ordinary
 * cut lines are not cut (a secret shorter than this is only ever cut whole, as everywhere).
 */
export const MIN_CUT_SECRET_PREFIX = 4;

/**
 * Keys a secret object may hold that read as field names (`password`, `userName`, `db_password`, `API_KEY`): letters
 * and underscores only, lower-case first or upper-case throughout. They are not searched for, so that every
 * "password" in every message is not cut. Other keys (`TagKeyDelta94`, `web-01`, `Name`, a host or a path: data
 * used as a key) are secrets as the values are.
 */
const FIELD_NAME = /^(?:[a-z][A-Za-z]*(?:_[A-Za-z]+)*|[A-Z]+(?:_[A-Z]+)*)$/;

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

/** Secret documents (JSON or YAML text) parsed per secret, in characters: a huge value is not parsed at all. */
const MAX_DOCUMENT_CHARS = MAX_DECODED;
/** Deeper than any real document nests: a hostile one (`[[[[…`) is walked no further, without recursion. */
const MAX_DEPTH = 64;

/** Text that may be a JSON or YAML document (a run command, a component, a template), not a one-line password. */
const mayBeDocument = (text: string) => /^\s*[[{]/.test(text) || /\n/.test(text);

let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

/** The collections a secret document text holds, or undefined when it is no document (a parse error, a scalar). */
function parsedDocument(text: string): object | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      const doc = yaml().parseDocument(text, { logLevel: "silent", uniqueKeys: false });
      if (doc.errors.length > 0) return undefined;
      parsed = doc.toJS({ maxAliasCount: 100 });
    } catch {
      // not a document (or too deep for the parser): the string itself is the secret
      return undefined;
    }
  }
  return typeof parsed === "object" && parsed !== null ? parsed : undefined;
}

/** A template's `Fn::Join` (CloudFormation, ROS) of text parts: the joined text is what runs, line by line. */
function joinedText(value: object): string | undefined {
  const join = (value as Record<string, unknown>)["Fn::Join"];
  if (!Array.isArray(join) || typeof join[0] !== "string" || !Array.isArray(join[1])) return undefined;
  return join[1].filter((part): part is string => typeof part === "string").join(join[0]);
}

/**
 * A secret text, and the start of it a message quotes when it is a long line: a policy quotes at most
 * `MAX_QUOTED_LINE` characters of a script line, and the whole line is then not in the message to be found.
 */
function addQuotable(text: string, into: Set<string>): void {
  into.add(text);
  if (text.length > MAX_QUOTED_LINE && !text.includes("\n")) into.add(text.slice(0, MAX_QUOTED_LINE));
}

/**
 * Every string a secret holds, and what of each may be quoted apart: its script pieces, and the strings of the JSON
 * or YAML document it is. Walked with a stack, to a capped depth, each collection once (a YAML alias may repeat one).
 * The keys of a secret object are secret too (a tag key, a host name used as a key: a program may name a resource
 * after one), unless they read as field names; a document's keys (`runcmd`, `write_files`, `path`) are its schema's.
 */
function collectStrings(root: unknown, into: Set<string>): void {
  const stack: Array<[unknown, number, boolean]> = [[root, 0, false]];
  const seen = new Set<object>();
  let documentChars = MAX_DOCUMENT_CHARS;
  while (stack.length > 0) {
    const [value, depth, inDocument] = stack.pop()!;
    // A secret number (a PIN, an account id) prints as its digits.
    if (typeof value === "number" && Number.isFinite(value)) into.add(String(value));
    else if (typeof value === "string") {
      addQuotable(value, into);
      // A secret script is quoted a line at a time, and user data is often given base64 (maybe gzipped); cut short by
      // a cap the readers do not share, the lines they quote fail closed.
      for (const piece of secretMaskedPieces(value)) addQuotable(piece, into);
      // A document (config objects, a run command's YAML) may also appear decoded, a string of it at a time.
      if (depth < MAX_DEPTH && value.length <= documentChars && mayBeDocument(value)) {
        documentChars -= value.length;
        const doc = parsedDocument(value);
        if (doc !== undefined) stack.push([doc, depth + 1, true]);
      }
    } else if (typeof value === "object" && value !== null && depth < MAX_DEPTH && !seen.has(value)) {
      seen.add(value);
      // A secret wrapped again inside a secret: its wrapper's keys are the wire format's.
      if (isSecretValue(value)) {
        stack.push([value.value, depth + 1, inDocument]);
        continue;
      }
      const joined = joinedText(value);
      if (joined !== undefined) stack.push([joined, depth + 1, inDocument]);
      if (!inDocument && !Array.isArray(value)) {
        for (const key of Object.keys(value)) if (key !== SIG_KEY && !FIELD_NAME.test(key)) into.add(key);
      }
      for (const child of Object.values(value)) stack.push([child, depth + 1, inDocument]);
    }
  }
}

function collectSecrets(value: unknown, into: Set<string>): void {
  if (isSecretValue(value)) collectStrings(value.value, into);
  else if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, into));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => collectSecrets(v, into));
}

/** What secrets are learned from: a registration, or a baseline's resource. */
export interface SecretHolder {
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  options?: { additionalSecretOutputs?: string[] };
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

  /**
   * Secret-wrapped inputs, and inputs named in `additionalSecretOutputs` (the engine treats them as secret too), of
   * this run's registrations or of a baseline's resources (a hand-written or older baseline may hold secret wrappers).
   */
  addRegistrations(registrations: readonly SecretHolder[]): this {
    for (const reg of registrations) {
      collectSecrets(reg.inputs, this.secrets);
      // Stack and component outputs may carry secrets of their own (`pulumi.secret` exports).
      if (reg.outputs) collectSecrets(reg.outputs, this.secrets);
      // A hand-edited baseline may hold anything here.
      const named: unknown = reg.options?.additionalSecretOutputs;
      if (Array.isArray(named)) for (const key of named) collectStrings(reg.inputs[String(key)], this.secrets);
    }
    this.matcher = undefined;
    return this;
  }

  /** Free text with every known secret string replaced by the marker. */
  text(text: string): string {
    if (this.secrets.size === 0) return text;
    this.matcher ??= new SecretMatcher(needles(this.secrets), {
      cutLine: MAX_QUOTED_LINE,
      minPrefix: MIN_CUT_SECRET_PREFIX,
    });
    return this.matcher.replace(text, SECRET_MARKER);
  }

  /**
   * A copy of user data (inputs, outputs, tag maps; the value itself when nothing in it is secret) with secret
   * wrappers (and the inputs named in `secretKeys`) replaced by the marker, and known secrets cut from every string in
   * it, object keys included: a tag key or a resource name built from a secret, and numbers spelled as a secret (a
   * port read from secret config). Equal strings redact equally, so URNs still match their parents and dependencies.
   */
  value<T>(value: T, secretKeys: readonly string[] = []): T {
    if (secretKeys.length === 0 && this.unchanged(value)) return value;
    return this.redact(value, new Set(secretKeys), true) as T;
  }

  /**
   * A copy of one of the engine's own records (a log, a diagnostic, an exposure; the record itself when nothing in it
   * is secret) with secrets cut from its string values only: its field names and numbers (a source line) are the
   * engine's, and a secret that happens to equal one ("message", "urn") must not rename it.
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

  /**
   * Whether a number is spelled, in decimal, as a known secret of at least `MIN_TEXT_SECRET` characters: a port or
   * PIN read from secret config with `Number()`, a secret number passed through `apply`. The trade-off: an ordinary
   * number equal to such a secret (a secret 443 and every port 443) is cut too, as the same digits in text are;
   * a secret 22 stays unredacted, as shorter secret strings do in text.
   */
  private secretNumber(value: number): boolean {
    if (!Number.isFinite(value)) return false;
    const digits = String(value);
    return digits.length >= MIN_TEXT_SECRET && this.secrets.has(digits);
  }

  private redact(value: unknown, secretKeys: Set<string>, keys: boolean): unknown {
    if (isSecretValue(value)) return SECRET_MARKER;
    if (typeof value === "string") return this.text(value);
    // Numbers of user data only: the engine's own (a source line, a count) are not a program's values.
    if (typeof value === "number") return keys && this.secretNumber(value) ? SECRET_MARKER : value;
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
