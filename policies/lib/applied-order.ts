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

/** Every resource `from` depends on, directly or through the resources it depends on. */
function dependencyClosure(from: GenericResource, byUrn: ReadonlyMap<string, GenericResource>): Set<string> {
  const seen = new Set<string>();
  const queue = prerequisites(from);
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
  const before = new Set<string>();
  for (const s of settings) for (const urn of dependencyClosure(s, byUrn)) if (urn !== s.urn) before.add(urn);
  const last = settings.filter((s) => !before.has(s.urn));
  return last.length > 0 ? last : [...settings];
}
