// Which parts of an EventBridge pattern a sample event cannot judge: a field whose value the sample leaves open
// (ANY_VALUE: an account id, a finding's resource) or one it does not list under the event's detail, where a service
// may send more than the sample knows. The pattern without those parts says whether the rest already misses, so a
// message can tell "filters on a field the policy cannot judge" from "matches no such event".
import { EventPattern, SampleEvent, SampleValue } from "./event-patterns";

export interface Unjudged {
  /** The pattern with every part the sample cannot judge taken out (as if it matched). */
  judged: EventPattern;
  /** Dotted paths of those parts, each once. */
  fields: string[];
  /** Leaves that compare a JSON literal in the event with a string ("false" for false), which EventBridge never matches. */
  typeMismatches: string[];
}

export function unjudgedParts(pattern: EventPattern, sample: SampleEvent): Unjudged {
  const fields = new Set<string>();
  const typeMismatches = new Set<string>();
  const judged = strip(pattern, sample, "", fields, typeMismatches);
  return { judged, fields: [...fields], typeMismatches: [...typeMismatches] };
}

function strip(
  pattern: EventPattern,
  event: SampleValue | undefined,
  path: string,
  fields: Set<string>,
  typeMismatches: Set<string>,
): EventPattern {
  const out: EventPattern = {};
  for (const [field, rule] of Object.entries(pattern)) {
    if (field === "$or") {
      out.$or = (rule as EventPattern[]).map((b) => strip(b, event, path, fields, typeMismatches));
      continue;
    }
    const at = path ? `${path}.${field}` : field;
    const value = fieldOf(event, field);
    // The envelope's fields are fixed by EventBridge; below it the service may send fields the sample leaves out.
    const open = path !== "";
    if (Array.isArray(rule)) {
      if (leafUnjudged(rule, value, open)) fields.add(at);
      else out[field] = rule;
      const mismatch = literalAsString(rule, value);
      if (mismatch)
        typeMismatches.add(`${at} holds the JSON value ${mismatch}, which the string "${mismatch}" does not match`);
      continue;
    }
    if (typeof value === "symbol" || (value === undefined && open)) {
      fields.add(at);
      continue;
    }
    out[field] =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? strip(rule as EventPattern, value, at, fields, typeMismatches)
        : rule;
  }
  return out;
}

/** A leaf the sample cannot decide: the value is left open (or unlisted), and only its actual value would settle it. */
function leafUnjudged(matchers: unknown[], value: SampleValue | undefined, open: boolean): boolean {
  // A present value: `exists: true` already matches it, and `exists: false` alone never does.
  if (typeof value === "symbol")
    return !matchers.some((m) => isExists(m, true)) && !matchers.every((m) => isExists(m, false));
  // An unlisted field reads as absent, which `exists: false` already matches.
  return value === undefined && open && !matchers.some((m) => isExists(m, false));
}

/** "false" for a leaf that lists the string "false" against the JSON literal false (likewise true, null, numbers). */
function literalAsString(matchers: unknown[], value: SampleValue | undefined): string | undefined {
  if (value === null || typeof value === "boolean" || typeof value === "number") {
    const text = String(value);
    if (matchers.includes(text) && !matchers.includes(value)) return text;
  }
  return undefined;
}

function isExists(m: unknown, want: boolean): boolean {
  return m !== null && typeof m === "object" && !Array.isArray(m) && (m as Record<string, unknown>).exists === want;
}

function fieldOf(event: SampleValue | undefined, field: string): SampleValue | undefined {
  if (event === null || typeof event !== "object" || Array.isArray(event)) return undefined;
  return Object.prototype.hasOwnProperty.call(event, field) ? event[field] : undefined;
}
