// Block-level helpers over lib/cidr, memoised: a stack repeats the same few blocks across thousands of rules,
// and parsing dominates otherwise. CIDR blocks are nested or disjoint, so an intersection is the narrower one.
import { cidrContains, isPublicCidr, parseCidr } from "../cidr";
import type { Family } from "./exposure";

const containsCache = new Map<string, boolean>();
const publicCache = new Map<string, boolean>();
const familyCache = new Map<string, Family | undefined>();
const LIMIT = 100_000;

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  if (cache.size >= LIMIT) cache.clear();
  const v = compute();
  cache.set(key, v);
  return v;
}

export function contains(outer: string, inner: string): boolean {
  if (outer === inner) return parseFamily(outer) !== undefined;
  return remember(containsCache, `${outer} ${inner}`, () => cidrContains(outer, inner));
}

export function isPublic(cidr: string): boolean {
  return remember(publicCache, cidr, () => isPublicCidr(cidr));
}

function parseFamily(cidr: string): Family | undefined {
  return remember(familyCache, cidr, () => parseCidr(cidr)?.family);
}

export function familyOf(cidr: string): Family | undefined {
  return parseFamily(cidr);
}

export function intersectCidr(a: string, b: string): string | undefined {
  if (contains(a, b)) return b;
  if (contains(b, a)) return a;
  return undefined;
}
