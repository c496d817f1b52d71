// The resource shape the model reads: what AnalyzeStack's resources and the offline engine's plan both map to.
import { boolValue, numValue } from "../scalar-values";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../wire-values";

export interface GenericResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Input property name → URNs of the resources whose outputs flowed into it. */
  propertyDependencies: Record<string, string[]>;
  dependencies: string[];
  /** URN of the provider the resource is managed with (its region and account), when the engine names one. */
  provider?: string;
}

/** Sentinels the engine and @pulumi/policy use for values not known until the resource exists. */
const UNKNOWN_SENTINELS = new Set<unknown>([
  UNKNOWN, // string (the engine sends this one for every type)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
]);

export { UNKNOWN };

export function isUnknown(v: unknown): boolean {
  return UNKNOWN_SENTINELS.has(v);
}

/** Secrets reach the engine as signature objects; the model only needs their plain value. */
export function unwrap(v: unknown): unknown {
  if (v !== null && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) {
    return (v as Record<string, unknown>).value;
  }
  return v;
}

/** A property of an object, unwrapped; `undefined` for absent values and non-objects. */
export function prop(obj: unknown, key: string): unknown {
  const o = unwrap(obj);
  if (o === null || typeof o !== "object" || Array.isArray(o)) return undefined;
  return unwrap((o as Record<string, unknown>)[key]);
}

export function str(v: unknown): string | undefined {
  const u = unwrap(v);
  return typeof u === "string" && !isUnknown(u) ? u : undefined;
}

export function num(v: unknown): number | undefined {
  return numValue(unwrap(v));
}

/** true / false when known; "unknown" for the sentinel; undefined when absent. */
export function bool(v: unknown): boolean | "unknown" | undefined {
  const u = unwrap(v);
  return isUnknown(u) ? "unknown" : boolValue(u);
}

/** Array elements (unwrapped); an unknown array reads as one unknown element so callers still resolve it. */
export function list(v: unknown): unknown[] {
  const u = unwrap(v);
  if (Array.isArray(u)) return u.map(unwrap);
  if (isUnknown(u)) return [u];
  return [];
}

/** A value that may be one item or a list of items (cidrIpv4 vs cidrBlocks). */
export function items(v: unknown): unknown[] {
  const u = unwrap(v);
  if (u === undefined || u === null) return [];
  return Array.isArray(u) ? list(u) : [u];
}

export function tags(r: GenericResource): Record<string, string> {
  const t = unwrap(r.inputs.tags);
  const out: Record<string, string> = {};
  if (t && typeof t === "object" && !Array.isArray(t)) {
    for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
      const s = str(v);
      if (s !== undefined) out[k] = s;
    }
  }
  return out;
}

/** True, or unknown at preview: a policy must not pass on a value it cannot see. */
export function mayBeTrue(v: unknown): boolean {
  const b = bool(v);
  return b === true || b === "unknown";
}
