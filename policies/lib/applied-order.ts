// Settings that replace each other (one per account and region, or one per vault): the last applied is in force.
// The engine orders only what depends on what, so of several such resources any one no other depends on may be
// applied last.
import { appendAll } from "../../lib/arrays";
import { GenericResource } from "../../lib/reachability";

/** What `r` waits for: its dependencies and the resources its inputs flowed from. */
function prerequisites(r: GenericResource): string[] {
  const all = [...r.dependencies];
  for (const urns of Object.values(r.propertyDependencies)) appendAll(all, urns);
  return all;
}

/** Every resource the given ones depend on, directly or through others: one walk for all of them. */
function dependedOn(from: readonly GenericResource[], byUrn: ReadonlyMap<string, GenericResource>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const r of from) appendAll(queue, prerequisites(r));
  while (queue.length > 0) {
    const urn = queue.pop()!;
    if (seen.has(urn)) continue;
    seen.add(urn);
    const next = byUrn.get(urn);
    if (next) appendAll(queue, prerequisites(next));
  }
  return seen;
}

/**
 * The settings that may be applied last: those no other of them depends on. All of them when that leaves none (a
 * dependency cycle, which the engine refuses, cannot order anything).
 */
export function mayBeAppliedLast(
  settings: readonly GenericResource[],
  byUrn: ReadonlyMap<string, GenericResource>,
): GenericResource[] {
  if (settings.length < 2) return [...settings];
  // Without cycles nothing depends on itself, so what any of them depends on is what the others depend on.
  const before = dependedOn(settings, byUrn);
  const last = settings.filter((s) => !before.has(s.urn));
  return last.length > 0 ? last : [...settings];
}

/** mayBeAppliedLast for one stack, worked out once for each set of settings (many resources share a place). */
export function lastAppliedOrder(
  byUrn: ReadonlyMap<string, GenericResource>,
): (settings: readonly GenericResource[]) => GenericResource[] {
  const known = new Map<string, GenericResource[]>();
  return (settings) => {
    const key = settings
      .map((s) => s.urn)
      .sort()
      .join("\n");
    let last = known.get(key);
    if (!last) {
      last = mayBeAppliedLast(settings, byUrn);
      known.set(key, last);
    }
    return last;
  };
}
