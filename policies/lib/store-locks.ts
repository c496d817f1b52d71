// Which lock resources configure which store (bucket or vault) of the stack. A lock configures one store: when it
// surely names one, it names no other. A lock that may name a store (its target unknown at preview but built from
// what the store's name is built from, or a vault lock whose region may differ) keeps the verdict open: a note when
// the store passes with it and fails without it. A lock whose unknown target is linked to nothing names no store
// (failing closed): it may configure any bucket or vault, inside the stack or out.
import { GenericResource } from "../../lib/reachability";
import { unverifiable } from "./findings";
import { namedList } from "./named-list";
import { StackFinding } from "./stack-rule";
import { storeCandidates, StoreLink } from "./store-lock-index";

export { namedBy } from "./store-lock-index";

export interface StoreLocks {
  sure: GenericResource[];
  possible: GenericResource[];
}

export function assignLocks(
  stores: readonly GenericResource[],
  locks: readonly GenericResource[],
  link: StoreLink,
): Map<string, StoreLocks> {
  const byStore = new Map(stores.map((s): [string, StoreLocks] => [s.urn, { sure: [], possible: [] }]));
  // Most rules find no lock of a kind in a stack: nothing to index then.
  if (locks.length === 0) return byStore;
  const entries = stores.map((s) => byStore.get(s.urn) as StoreLocks);
  // A link made by namedBy is indexed; any other is asked of every store.
  const every = stores.map((_, i) => i);
  const candidatesOf = storeCandidates(stores, link) ?? (() => every);
  for (const lock of locks) {
    const positions = candidatesOf(lock);
    const links = positions.map((i) => link(lock, stores[i]));
    const named = links.includes("yes");
    positions.forEach((i, n) => {
      if (links[n] === "yes") entries[i].sure.push(lock);
      else if (links[n] === "maybe" && !named) entries[i].possible.push(lock);
    });
  }
  return byStore;
}

type Verdict = "pass" | "note" | "violation";
const verdictOf = (f: StackFinding | undefined): Verdict => (f ? (f.unverifiable ? "note" : "violation") : "pass");

/**
 * The store's finding when the locks that may be its own do not change the verdict; otherwise `doubt`, the note that
 * says which locks could not be matched at preview.
 */
export function judgedWithPossibleLocks(
  locks: StoreLocks | undefined,
  judge: (locks: GenericResource[]) => StackFinding | undefined,
  doubt: (possible: GenericResource[]) => StackFinding,
): StackFinding | undefined {
  const { sure, possible } = locks ?? { sure: [], possible: [] };
  const certain = judge(sure);
  if (possible.length === 0) return certain;
  const withPossible = judge([...sure, ...possible]);
  // Failing either way, the locks built like the store's name are most likely its own: their problems say what to fix.
  return verdictOf(certain) === verdictOf(withPossible) ? withPossible : doubt(possible);
}

/** "lock configuration a" or "lock configurations a, b, c and 4 more", for messages. */
export const lockNames = (kind: string, locks: readonly GenericResource[]) => namedList(kind, locks);

/** The note on an evidence bucket that only locks built from the same source as its name may lock. */
export function possibleBucketLockNote(
  bucket: GenericResource,
  kind: string,
  possible: readonly GenericResource[],
): StackFinding {
  return {
    urn: bucket.urn,
    ...unverifiable(
      `the bucket of ${lockNames(kind, possible)}`,
      `it may be evidence bucket ${bucket.name}, whose name is built from the same resource`,
    ),
  };
}
