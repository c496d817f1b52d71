// Block-level helpers over lib/cidr, memoised: a stack repeats the same few blocks across thousands of rules,
// and parsing dominates otherwise. CIDR blocks are nested or disjoint, so an intersection is the narrower one.
import { BoundedMemo } from "../bounded-memo";
import { cidrContains, isPublicCidr, parseCidr } from "../cidr";
import type { Family } from "./exposure";

const LIMIT = 100_000;
const containment = new BoundedMemo<string, boolean>(LIMIT);
const publicity = new BoundedMemo<string, boolean>(LIMIT);
const families = new BoundedMemo<string, Family | undefined>(LIMIT);

export function contains(outer: string, inner: string): boolean {
  if (outer === inner) return parseFamily(outer) !== undefined;
  return containment.through(`${outer} ${inner}`, () => cidrContains(outer, inner));
}

export function isPublic(cidr: string): boolean {
  return publicity.through(cidr, () => isPublicCidr(cidr));
}

function parseFamily(cidr: string): Family | undefined {
  return families.through(cidr, () => parseCidr(cidr)?.family);
}

export function familyOf(cidr: string): Family | undefined {
  return parseFamily(cidr);
}

export function intersectCidr(a: string, b: string): string | undefined {
  if (contains(a, b)) return b;
  if (contains(b, a)) return a;
  return undefined;
}
