// Pulumi property paths (`ignoreChanges`, `replaceOnChanges`): `a.b`, `tags["Name"]`, `["key.with.dot"]`,
// `ingress[0].cidr`, `ingress[*].cidr`; "*" matches any key or index. Parsed and applied as the CLI does
// (sdk/go/common/resource/property_path.go: ParsePropertyPath, Contains, Reset).

/** A key, an array index, or "*" for any of either. */
export type PathSegment = string | number;

export const WILDCARD = "*";

export class PropertyPathError extends Error {}

/** A quoted key `"..."` starting at `at` (the quote); `\"` is an escaped quote. */
function quotedKey(path: string, at: number): { key: string; end: number } {
  let key = "";
  for (let i = at + 1; i < path.length; i++) {
    if (path[i] === '"') return { key, end: i + 1 };
    if (path[i] === "\\" && path[i + 1] === '"') {
      key += '"';
      i++;
    } else key += path[i];
  }
  throw new PropertyPathError("missing closing quote in property name");
}

/** The bracketed segment starting at `at` (the "["), and where the text after its "]" begins. */
function bracketed(path: string, at: number): { segment: PathSegment; end: number } {
  if (path[at + 1] === '"') {
    const { key, end } = quotedKey(path, at + 1);
    if (path[end] !== "]") throw new PropertyPathError("missing closing bracket in property access");
    return { segment: key, end: end + 1 };
  }
  const close = path.indexOf("]", at);
  if (close < 0) throw new PropertyPathError("missing closing bracket in array index");
  const text = path.slice(at + 1, close);
  if (text === WILDCARD) return { segment: WILDCARD, end: close + 1 };
  if (!/^[+-]?\d+$/.test(text)) throw new PropertyPathError(`invalid array index "${text}"`);
  return { segment: Number(text), end: close + 1 };
}

/** The segments of a property path; throws PropertyPathError on a malformed one, as the CLI's parser does. */
export function parsePropertyPath(path: string): PathSegment[] {
  if (path === "") throw new PropertyPathError("empty property path");
  if (path.startsWith(".")) throw new PropertyPathError("expected property path to start with a name or index");
  const segments: PathSegment[] = [];
  let at = 0;
  while (at < path.length) {
    if (path[at] === ".") {
      at++;
      if (at === path.length) throw new PropertyPathError("expected property path to end with a name or index");
    } else if (path[at] === "[") {
      const { segment, end } = bracketed(path, at);
      segments.push(segment);
      at = end;
    } else {
      let end = at;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
      segments.push(path.slice(at, end));
      at = end;
    }
  }
  return segments;
}

/** Whether `pattern` covers `path` (a path at or below it); "*" matches any one key or index. */
export function pathContains(pattern: PathSegment[], path: PathSegment[]): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((p, i) => p === WILDCARD || p === path[i]);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The paths of every leaf that differs between two values, as a provider's detailed diff names them: objects and
 * arrays are walked key by key and index by index; anything else that differs is a leaf.
 */
export function differingPaths(before: unknown, after: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) =>
      k in before && k in after ? differingPaths(before[k], after[k], [...prefix, k]) : [[...prefix, k]],
    );
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) =>
      i < before.length && i < after.length ? differingPaths(before[i], after[i], [...prefix, i]) : [[...prefix, i]],
    ).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/**
 * Sets what `path` locates in `after` back to its value in `before` (in place), as the CLI's Reset does for
 * `ignoreChanges`; false when an element of the path is missing on one side only, which the CLI refuses.
 */
export function resetPath(before: unknown, after: unknown, path: PathSegment[]): boolean {
  const [key, ...rest] = path;
  if (key === undefined) return false;
  if (key === WILDCARD) return resetEvery(before, after, rest);
  if (typeof key === "number") {
    if (!Array.isArray(before) || !Array.isArray(after)) return !Array.isArray(before) && !Array.isArray(after);
    const inBefore = key >= 0 && key < before.length;
    const inAfter = key >= 0 && key < after.length;
    if (!inBefore && !inAfter) return key >= 0 && !rest.length;
    if (!inBefore || !inAfter) return false;
    if (!rest.length) {
      after[key] = before[key];
      return true;
    }
    return resetPath(before[key], after[key], rest);
  }
  if (!rest.length) {
    const has = isObject(before) && key in before;
    if (has && !isObject(after)) return false;
    if (has) (after as Record<string, unknown>)[key] = (before as Record<string, unknown>)[key];
    else if (isObject(after)) delete after[key];
    return true;
  }
  if (!isObject(before) || !isObject(after)) return !isObject(before) && !isObject(after);
  if (!(key in after)) return !(key in before);
  if (!(key in before)) return resetPath(undefined, after[key], rest);
  return resetPath(before[key], after[key], rest);
}

/** A "*" segment: every key or index of `after` reset (both sides must hold the same keys or length). */
function resetEvery(before: unknown, after: unknown, rest: PathSegment[]): boolean {
  if (!rest.length) {
    if (isObject(after)) {
      if (!isObject(before)) return true;
      for (const k of Object.keys(after)) if (!(k in before)) delete after[k];
      Object.assign(after, before);
      return true;
    }
    if (!Array.isArray(after)) return false;
    if (!Array.isArray(before)) return true;
    if (before.length !== after.length) return false;
    after.splice(0, after.length, ...before);
    return true;
  }
  if (isObject(before) && isObject(after)) {
    return Object.keys(before).every((k) => k in after && resetPath(before[k], after[k], rest));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return before.length === after.length && before.every((v, i) => resetPath(v, after[i], rest));
  }
  return false;
}
