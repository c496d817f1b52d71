// A lock that names its store by one of its inputs (linkOf), as a link that store-locks.ts can index: stores by the
// known values of their name fields, by the sources those fields are built from and by urn. A lock is then linked only
// with the stores it may name, not with every store of the stack (a stack holds thousands of buckets and locks).
import { GenericResource } from "../../lib/reachability";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown } from "../../lib/values";
import { bothLinks, Link, linkOf } from "./links";

export type StoreLink = (lock: GenericResource, store: GenericResource) => Link;

interface Naming {
  keyOf: (lock: GenericResource) => string;
  fields: readonly string[];
}

// Keyed by the link function, so callers keep passing a plain function wherever a link is expected.
const namings = new WeakMap<StoreLink, Naming>();

/**
 * The link of a lock naming a store by its `key` input, equal to one of the store's `fields` (linkOf), and also in
 * the place `within` links them to, when given (a vault's name is unique per account and region).
 */
export function namedBy(
  key: string | ((lock: GenericResource) => string),
  fields: readonly string[],
  within?: StoreLink,
): StoreLink {
  const keyOf = typeof key === "string" ? () => key : key;
  const link: StoreLink = within
    ? (lock, store) => bothLinks(linkOf(lock, keyOf(lock), store, fields), within(lock, store))
    : (lock, store) => linkOf(lock, keyOf(lock), store, fields);
  namings.set(link, { keyOf, fields });
  return link;
}

const knownText = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

function add<K>(index: Map<K, number[]>, key: K, position: number): void {
  const positions = index.get(key);
  if (positions) positions.push(position);
  else index.set(key, [position]);
}

/**
 * For a link made by `namedBy`, the positions in `stores` of the stores a lock may name: every store it links with
 * "yes" or "maybe" is among them (linkOf answers "no" for the rest). Undefined for any other link.
 */
export function storeCandidates(
  stores: readonly GenericResource[],
  link: StoreLink,
): ((lock: GenericResource) => number[]) | undefined {
  const naming = namings.get(link);
  if (!naming) return undefined;
  const byValue = new Map<string, number[]>();
  const bySource = new Map<string, number[]>();
  const byUrn = new Map<string, number[]>();
  const showsName: boolean[] = [];
  stores.forEach((store, i) => {
    add(byUrn, store.urn, i);
    showsName[i] = false;
    for (const field of naming.fields) {
      const value = unwrap(store.inputs[field]);
      if (knownText(value)) {
        add(byValue, value, i);
        showsName[i] = true;
      }
      for (const source of store.propertyDependencies[field] ?? []) add(bySource, source, i);
    }
  });
  // A store listed twice (two fields, or a source named twice) is linked once.
  const seen = new Uint32Array(stores.length);
  let round = 0;
  return (lock) => {
    round++;
    const found: number[] = [];
    const take = (positions: readonly number[] | undefined, only?: (i: number) => boolean) => {
      for (const i of positions ?? []) {
        if (seen[i] === round || (only && !only(i))) continue;
        seen[i] = round;
        found.push(i);
      }
    };
    const key = naming.keyOf(lock);
    const value = unwrap(lock.inputs[key]);
    const sources = lock.propertyDependencies[key] ?? [];
    if (knownText(value)) {
      // A store showing a name is named by an equal value only; one showing none, by a dependency on it.
      take(byValue.get(value));
      for (const source of sources) take(byUrn.get(source), (i) => !showsName[i]);
    } else if (isUnknown(value) || value === undefined || value === null) {
      for (const source of sources) take(byUrn.get(source));
      // Unknown: also the stores whose name is built from a source of the lock's.
      if (isUnknown(value)) for (const source of sources) take(bySource.get(source));
    }
    return found;
  };
}
