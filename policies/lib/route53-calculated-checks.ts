// A Route 53 CALCULATED health check is unhealthy only when fewer than childHealthThreshold of its children are
// healthy. Children that cannot fail (disabled, inverted, healthy on silence...) stay healthy through the outage,
// so the parent can fail only if more than (children - threshold) of them can.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, num } from "../../lib/values";
import { Finding, unverifiable } from "./findings";
import { resourcesNamed } from "./id-list-links";
import type { Faults } from "./route53-health-check-faults";
import { is } from "./text-values";

/** The stack's health checks a calculated check names in childHealthchecks (never itself), and how many it names
 * that the stack does not hold or that cannot be told apart. */
export function childrenOf(
  parent: GenericResource,
  checks: GenericResource[],
): { children: GenericResource[]; unresolved: number } {
  const others = checks.filter((c) => c.urn !== parent.urn);
  const flowing = parent.propertyDependencies.childHealthchecks ?? [];
  const { named, unresolved } = resourcesNamed(list(parent.inputs.childHealthchecks), others, flowing);
  return { children: named, unresolved };
}

/**
 * Judges a calculated check by its children, each judged by `faultsOf`: a problem when too few of them can fail
 * for the parent ever to go unhealthy; a note when children outside the stack or unknown at preview decide it.
 * childHealthThreshold 0 and unknown thresholds are judged elsewhere (alwaysHealthy).
 */
export function calculatedChildren(
  hc: GenericResource,
  checks: GenericResource[],
  problems: string[],
  faultsOf: (child: GenericResource) => Faults,
): Finding[] {
  const { type, childHealthThreshold, childHealthchecks } = hc.inputs;
  if (!is(type, "CALCULATED")) return [];
  const threshold = num(childHealthThreshold);
  if (threshold === undefined || threshold <= 0) return [];
  if (isUnknown(childHealthchecks)) return [unverifiable(`${hc.name}.childHealthchecks`)];
  const total = list(childHealthchecks).length;
  // A threshold above the number of children makes Route 53 treat the check as always unhealthy: it can fail.
  if (threshold > total) return [];
  const needed = total - threshold + 1;
  const { children, unresolved } = childrenOf(hc, checks);
  const cannot: string[] = [];
  let canFail = 0;
  let undecided = unresolved;
  for (const child of children) {
    const faults = faultsOf(child);
    if (faults.problems.length > 0) cannot.push(`${child.name} ${faults.problems[0]}`);
    else if (faults.notes.length > 0) undecided += 1;
    else canFail += 1;
  }
  if (canFail >= needed) return [];
  const counts = `needs ${threshold} of its ${total} child checks healthy, so at least ${needed} must be able to fail`;
  if (canFail + undecided >= needed)
    return [
      unverifiable(
        `${hc.name}.childHealthchecks`,
        `${counts}; ${canFail} can, ${undecided} outside the stack or unknown at preview`,
      ),
    ];
  const why = cannot.length > 0 ? ` (${cannot.join("; ")})` : "";
  problems.push(
    `is a calculated check that ${counts}, but only ${canFail} can${why}: it stays healthy while the endpoints are down; fix the child checks or raise childHealthThreshold`,
  );
  return [];
}
