// Config values as the Pulumi CLI reads and hands them to a program: YAML with exact int64s, then one string a key.
import { parse } from "yaml";
import { ConfigError } from "./config-error";

/** YAML as the CLI's decoder sees it: integers stay exact (BigInt), as Go decodes them into int64. */
export function parseYamlFile(text: string, file: string): unknown {
  try {
    return parse(text, { intAsBigInt: true });
  } catch (e) {
    // The parser's message quotes source lines, which may hold plaintext values: keep its first line only.
    const reason = (e as Error).message.split("\n")[0];
    throw new ConfigError(`could not unmarshal '${file}': ${reason}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The CLI's `isSecureValue`: a map with exactly one key, `secure`, whose value is a string. */
export function isSecureValue(value: unknown): value is { secure: string } {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "secure" && typeof value.secure === "string";
}

/** The CLI's `hasSecureValue`: a secure value anywhere inside an object or array makes the whole key secret. */
export function containsSecureValue(value: unknown): boolean {
  if (isSecureValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecureValue);
  if (isPlainObject(value)) return Object.values(value).some(containsSecureValue);
  return false;
}

// Go's encoding/json escapes these for HTML safety; the program's JSON.parse reads them back unchanged.
const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
}

/** JSON as Go's json.Marshal writes it: sorted object keys, int64s exact, HTML characters escaped. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ConfigError(`${value} is not a number JSON can carry`);
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (value instanceof Date) return goString(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(",")}}`;
}

/** The PULUMI_CONFIG text of one value: scalars as their text, objects and arrays as JSON. */
export function encodeConfigValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return value.toString();
  return goJson(value);
}

/** True for values the CLI stores as an object (JSON text the program reads with getObject). */
export function isObjectValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

/** A short name for the shape of a value, for error messages that must not quote it. */
export function describeValueType(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (typeof value === "bigint") return "an integer";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "string") return "a string";
  if (Array.isArray(value)) return "an array";
  return "an object";
}
