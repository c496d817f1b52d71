// Reading WAFv2 rule objects wherever they come from: the provider's camelCase inputs or the API's PascalCase
// (WebAcl.ruleJson), so keys are matched case-insensitively.
import { isUnknown, num, obj } from "../../lib/values";

export function field(o: Record<string, unknown> | undefined, key: string): unknown {
  if (!o) return undefined;
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

export const has = (o: Record<string, unknown> | undefined, key: string): boolean => field(o, key) !== undefined;

/** A rule's priority (lower runs first); "unknown" at preview; undefined when absent or not a number. */
export type Priority = number | "unknown";

export function priorityOf(rule: Record<string, unknown> | undefined): Priority | undefined {
  const p = field(rule, "priority");
  return isUnknown(p) ? "unknown" : num(p);
}

/** The one key of a union-like object (a statement, a fieldToMatch), lower-cased; undefined when not exactly one. */
export function onlyKey(o: unknown): string | undefined {
  const keys = Object.entries(obj(o) ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k]) => k.toLowerCase());
  return keys.length === 1 ? keys[0] : undefined;
}
