// ECR registry scanning (aws.ecr.RegistryScanningConfiguration): one configuration per registry and region, which
// each PutRegistryScanningConfiguration replaces whole. Of several in one region the last applied is in force, and
// the engine orders only what depends on what, so each one no other depends on may be that last one.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";
import { lastAppliedOrder } from "./applied-order";
import { Finding, unverifiable } from "./findings";
import { namedList } from "./named-list";
import { placeDoubt, placeKey, samePlace } from "./provider-region";

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

/** The configurations that may be in force where a resource lives, in each way its place may turn out. */
export interface Placement {
  /** Each way: first the configurations surely of the place, then with those that may be, all of them or one each. */
  cases: InForce[];
  /** The configurations that may or may not share the place (a region or account the plan does not show). */
  doubtful: GenericResource[];
}

/** Above this many doubtful configurations only "none of them" and "all of them" are tried. */
const MAX_SINGLE_CASES = 8;

/**
 * The registry's configurations that may be in force where a resource lives (its account and region), worked out
 * once per place.
 */
export function configurationsInForce(
  configurations: readonly GenericResource[],
  byUrn: ReadonlyMap<string, GenericResource>,
): (r: GenericResource) => Placement {
  const places = new Map<string, Placement>();
  const appliedLast = lastAppliedOrder(byUrn);
  const inPlace = (regional: GenericResource[]): InForce => ({ inForce: appliedLast(regional), regional });
  return (r) => {
    const key = placeKey(r);
    let place = places.get(key);
    if (!place) {
      const where = configurations.map((c) => ({ c, place: samePlace(r, c) }));
      const sure = where.filter((w) => w.place === "same").map((w) => w.c);
      const doubtful = where.filter((w) => w.place === "maybe").map((w) => w.c);
      const cases = [inPlace(sure)];
      if (doubtful.length > 0) cases.push(inPlace([...sure, ...doubtful]));
      if (doubtful.length > 1 && doubtful.length <= MAX_SINGLE_CASES)
        for (const d of doubtful) cases.push(inPlace([...sure, d]));
      place = { cases, doubtful };
      places.set(key, place);
    }
    return place;
  };
}

type Verdict = "pass" | "note" | "violation";
const verdictOf = (findings: readonly Finding[]): Verdict =>
  findings.some((f) => !f.unverifiable) ? "violation" : findings.length > 0 ? "note" : "pass";

/**
 * One verdict over the ways a place may turn out: the same in all of them stands (said as with every doubtful
 * configuration in the place); otherwise `doubt`, the note that the configurations' place decides it.
 */
export function judgedInEveryPlacement(
  placement: Placement,
  judge: (place: InForce) => Finding[],
  doubt: (doubtful: readonly GenericResource[]) => Finding,
): Finding[] {
  const results = placement.cases.map(judge);
  const verdicts = new Set(results.map(verdictOf));
  if (verdicts.size === 1) return results[results.length - 1];
  if (!verdicts.has("violation")) return results.find((r) => r.length > 0) ?? [];
  return [doubt(placement.doubtful)];
}

/** The note when the registry scanning that reaches `what` depends on where the doubtful configurations are. */
export function placeNote(what: GenericResource, doubtful: readonly GenericResource[]): Finding {
  return unverifiable(
    `the account and region of ${namedList("registry scanning configuration", doubtful)}`,
    `whether ${doubtful.length > 1 ? "they scan" : "it scans"} ${what.name}: ${placeDoubt(what, doubtful[0])}; set the region on the provider or the resources`,
  );
}

/** Said after a finding when several configurations share the region: which of them may be the one in force. */
export function lastAppliedNote(inForce: readonly GenericResource[], regional: readonly GenericResource[]): string {
  if (regional.length < 2) return "";
  const names = inForce.map((c) => c.name).join(", ");
  return inForce.length > 1
    ? ` (registry scanning configurations ${names} share the region and none depends on the others: whichever is applied last replaces the rest)`
    : ` (${names} is applied last of the region's registry scanning configurations and replaces the rest)`;
}
