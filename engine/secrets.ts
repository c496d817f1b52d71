// Keeps secret values out of everything the engine prints or writes. Policy packs still get the real values (they
// must see that a password is set); only what leaves the engine for people and files is redacted.
import type { StackConfig } from "./config";
import { SECRET_SIG, SIG_KEY } from "./wire-values";
import type { Registration } from "./model";
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
 */
function collectStrings(root: unknown, into: Set<string>): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  const seen = new Set<object>();
  let documentChars = MAX_DOCUMENT_CHARS;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
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
        if (doc !== undefined) stack.push([doc, depth + 1]);
      }
    } else if (typeof value === "object" && value !== null && depth < MAX_DEPTH && !seen.has(value)) {
      seen.add(value);
      const joined = joinedText(value);
      if (joined !== undefined) stack.push([joined, depth + 1]);
      for (const child of Object.values(value)) stack.push([child, depth + 1]);
    }
  }
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
