// The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif) compiled with ajv 8 as draft-07.
import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "fs";

const SCHEMA_FILE = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

let validator: ValidateFunction | undefined;

/** Returns ajv's errors as readable lines; an empty list means the log is valid SARIF 2.1.0. */
export function sarifSchemaErrors(log: unknown): string[] {
  validator ??= compile();
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

function compile(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
  // The file is written for draft-04: only its `$schema` and top-level `id` differ from draft-07 here.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's language pattern is not valid with the `u` flag, hence unicodeRegExp: false.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => isUri(value, false));
  ajv.addFormat("uri-reference", (value: string) => isUri(value, true));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)) && /T/.test(value));
  return ajv.compile(schema);
}

/** RFC 3986 in practice: no spaces or raw non-ASCII, and parseable (relative references against a base). */
function isUri(value: string, allowRelative: boolean): boolean {
  if (/[\s"<>\\^`{|}\u0080-\uffff]/.test(value)) return false;
  try {
    new URL(value, allowRelative ? "http://base.invalid/" : undefined);
    return true;
  } catch {
    return false;
  }
}
