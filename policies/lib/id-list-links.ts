// The stack's resources a list of ids names (a calculated health check's children, the monitor templates of GTM
// health tasks): by equal known id after deployment, else the resources whose ids flow into the list at preview,
// when a new resource's id is still unknown.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";

const knownId = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

/**
 * One resource per entry where it can be told: entries naming a candidate's known id, then the candidates flowing
 * into the list that no known id matched, as many as the entries left. Entries still left (outside the stack) are
 * counted as unresolved; so are all of them when more candidates flow in than entries are left (ids combined
 * before they reach the list cannot be told apart).
 */
export function resourcesNamed(
  entries: unknown[],
  candidates: GenericResource[],
  flowing: string[],
): { named: GenericResource[]; unresolved: number } {
  const byId = (id: unknown) => (knownId(id) ? candidates.find((c) => c.inputs.id === id) : undefined);
  const matched = entries.map(byId).filter((c): c is GenericResource => c !== undefined);
  const pending = entries.length - matched.length;
  const rest = candidates.filter((c) => flowing.includes(c.urn) && !matched.includes(c));
  if (rest.length > pending) return { named: matched, unresolved: pending };
  return { named: [...matched, ...rest], unresolved: pending - rest.length };
}
