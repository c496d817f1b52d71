// Copies and comparisons of the plain objects and arrays a transformation can edit in place: the evidence guard
// snapshots a child's arguments before a transformation runs and compares them after.

/** Plain objects and arrays, the only values a transformation can edit in place without replacing them. */
export function isStructure(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of plain objects and arrays, all levels deep; Outputs, resources and other instances are kept as they are. */
export function snapshot<T>(value: T): T {
  if (Array.isArray(value)) return value.map(snapshot) as T;
  if (!isStructure(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)])) as T;
}

/** Equal as a snapshot sees it: structures compared field by field, anything else by identity. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isStructure(a) || !isStructure(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
