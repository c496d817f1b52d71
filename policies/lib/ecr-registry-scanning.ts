// ECR registry scanning (aws.ecr.RegistryScanningConfiguration): one configuration per registry and region, which
// each PutRegistryScanningConfiguration replaces whole. Of several in one region the last applied is in force, and
// the engine orders only what depends on what, so each one no other depends on may be that last one.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";
import { mayBeAppliedLast } from "./applied-order";
import { regionOf, sameProviderRegion } from "./provider-region";

export const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";

export type Coverage = "covered" | "not covered" | "unknown";

/** How one repository filter reads the repositories in question: all of them, not all, or cannot tell. */
export type FilterReading = (pattern: string) => Coverage;

export const isEnhanced = (r: GenericResource) =>
  typeof r.inputs.scanType === "string" && r.inputs.scanType.toUpperCase() === "ENHANCED";

/** Whether one of the configuration's rules scans the repositories in question as they are pushed. */
export function scanningCoverage(configuration: GenericResource, reads: FilterReading): Coverage {
  const { scanType, rules } = configuration.inputs;
  if (isUnknown(scanType) || isUnknown(rules)) return "unknown";
  // Enhanced scanning scans on push or continuously; basic scanning's MANUAL frequency scans nothing by itself.
  const scanning = isEnhanced(configuration) ? ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"] : ["SCAN_ON_PUSH"];
  let unknown = false;
  for (const rule of list(rules)) {
    const frequency = obj(rule)?.scanFrequency;
    const filters = obj(rule)?.repositoryFilters;
    if (isUnknown(rule) || isUnknown(frequency) || isUnknown(filters)) unknown = true;
    if (typeof frequency !== "string" || !scanning.includes(frequency.toUpperCase())) continue;
    for (const f of list(filters)) {
      const pattern = isUnknown(f) ? f : obj(f)?.filter;
      if (isUnknown(pattern)) unknown = true;
      if (typeof pattern !== "string" || isUnknown(pattern)) continue;
      const read = reads(pattern);
      if (read === "covered") return "covered";
      if (read === "unknown") unknown = true;
    }
  }
  return unknown ? "unknown" : "not covered";
}

export interface InForce {
  /** The configurations of the place that may be applied last, one of which is in force. */
  inForce: GenericResource[];
  /** Every configuration of the place. */
  regional: GenericResource[];
}

/**
 * The registry's configurations that may be in force where a resource lives (its provider and region), worked out
 * once per place.
 */
export function configurationsInForce(
  configurations: readonly GenericResource[],
  byUrn: ReadonlyMap<string, GenericResource>,
): (r: GenericResource) => InForce {
  const places = new Map<string, InForce>();
  return (r) => {
    const key = JSON.stringify([r.provider ?? "", regionOf(r) ?? ""]);
    let place = places.get(key);
    if (!place) {
      const regional = configurations.filter((c) => sameProviderRegion(r, c));
      place = { inForce: mayBeAppliedLast(regional, byUrn), regional };
      places.set(key, place);
    }
    return place;
  };
}

/** Said after a finding when several configurations share the region: which of them may be the one in force. */
export function lastAppliedNote(inForce: readonly GenericResource[], regional: readonly GenericResource[]): string {
  if (regional.length < 2) return "";
  const names = inForce.map((c) => c.name).join(", ");
  return inForce.length > 1
    ? ` (registry scanning configurations ${names} share the region and none depends on the others: whichever is applied last replaces the rest)`
    : ` (${names} is applied last of the region's registry scanning configurations and replaces the rest)`;
}
