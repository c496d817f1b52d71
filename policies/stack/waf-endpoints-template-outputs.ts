// A WAF's link to what it fronts, taken from an output of a raw template's container (unknown at preview, or a value
// no program resource carries): it may name any resource that template deploys, and which one cannot be read from
// the program. The rule leaves each such resource an open question, neither fronted nor unprotected.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { TEMPLATE_CONTAINERS } from "../lib/templates/template-containers";
import { deployedBy } from "../lib/templates/template-references";

/** The `types` resources deployed by the template containers among `sources` (a value's dependencies). */
export function deployedByContainersAmong(
  res: Resolver,
  sources: readonly string[],
  types: readonly string[],
): GenericResource[] {
  const containers = sources.filter((u) => TEMPLATE_CONTAINERS.has(res.get(u)?.type ?? ""));
  if (containers.length === 0) return [];
  return res.ofType(...types).filter((r) => containers.some((c) => deployedBy(r.inputs.id, c)));
}

/** A value's dependencies: the property's own, or the resource-wide list when an older SDK sent none per property. */
export function sourcesOf(r: GenericResource, property: string): string[] {
  const byProp = r.propertyDependencies;
  return Object.keys(byProp).length > 0 ? (byProp[property] ?? []) : r.dependencies;
}
