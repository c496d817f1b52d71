// Repositories ECR creates by itself: a pull-through cache rule creates `<ecrRepositoryPrefix>/<upstream name>` on the
// first pull, and a repository creation template shapes those created on push or by replication under its prefix
// (ROOT: any name). They are created without scanOnPush (a template cannot set it), so only registry scanning of their
// region scans them: each configuration that may be in force must cover every name under the prefix.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list } from "../../lib/values";
import {
  Coverage,
  FilterReading,
  InForce,
  judgedInEveryPlacement,
  lastAppliedNote,
  Placement,
  placeNote,
  scanningCoverage,
} from "./ecr-registry-scanning";
import { Finding } from "./findings";
import { unverifiable } from "./findings";
import { StackFinding } from "./stack-rule";
import { matchesEverything, wildcardMatches } from "./wildcard";

export const PULL_THROUGH_CACHE_RULE = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";
export const CREATION_TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";

/**
 * Whether a filter matches every repository name beginning with `head`. With `*` the filter must match the whole
 * name, so it must end with `*` and match `head` itself (the final `*` then takes any rest); without `*` it matches
 * names containing it, so `head` must contain it.
 */
export function filterCoversNamesUnder(filter: string, head: string): boolean {
  if (matchesEverything(filter)) return true;
  if (filter.includes("*")) return filter.endsWith("*") && wildcardMatches(filter, head);
  return filter !== "" && head.includes(filter);
}

/** Reads filters against the names under a prefix; ROOT (or a prefix unknown at preview) stands for any name. */
function readsNamesUnder(prefix: unknown): FilterReading {
  return (pattern) => {
    if (matchesEverything(pattern)) return "covered";
    if (typeof prefix !== "string" || isUnknown(prefix)) return "unknown";
    if (prefix === "ROOT") return "not covered";
    return filterCoversNamesUnder(pattern, `${prefix}/`) ? "covered" : "not covered";
  };
}

interface Creator {
  r: GenericResource;
  prefix: unknown;
  /** "creates" when it surely creates repositories; "may create" when that is unknown at preview. */
  creates: "creates" | "may create";
  what: string;
}

/** A template for pull-through caching only is judged by the cache rules that create those repositories. */
function templateCreator(t: GenericResource): Creator | undefined {
  const appliedFors = t.inputs.appliedFors;
  const entries = list(appliedFors);
  const unknown = isUnknown(appliedFors) || entries.some(isUnknown);
  const others = entries.filter(
    (e) => typeof e === "string" && !isUnknown(e) && e.toUpperCase() !== "PULL_THROUGH_CACHE",
  );
  if (others.length === 0 && !unknown) return undefined;
  const how = others.length > 0 ? others.map(String).join(" and ") : "unknown (appliedFors)";
  return {
    r: t,
    prefix: t.inputs.prefix,
    creates: others.length > 0 ? "creates" : "may create",
    what: `repository creation template ${t.name} (applied for ${how})`,
  };
}

function creators(resources: readonly GenericResource[]): Creator[] {
  const caches = resources
    .filter((r) => r.type === PULL_THROUGH_CACHE_RULE)
    .map((r): Creator => ({
      r,
      prefix: r.inputs.ecrRepositoryPrefix,
      creates: "creates",
      what: `pull-through cache rule ${r.name}`,
    }));
  const templates = resources.filter((r) => r.type === CREATION_TEMPLATE).flatMap((t) => templateCreator(t) ?? []);
  return [...caches, ...templates];
}

const namesOf = (prefix: unknown) =>
  typeof prefix !== "string" || isUnknown(prefix)
    ? "under its prefix"
    : prefix === "ROOT"
      ? "of any name (prefix ROOT)"
      : `named ${prefix}/…`;

/** The creator's finding when the given configurations are those of its place. */
function underPlace(c: Creator, { inForce, regional }: InForce): Finding[] {
  const covers: Coverage[] = inForce.map((cfg) => scanningCoverage(cfg, readsNamesUnder(c.prefix)));
  const missed = inForce[covers.indexOf("not covered")];
  const unsure = inForce[covers.indexOf("unknown")];
  const repositories = `the repositories it ${c.creates} ${namesOf(c.prefix)}`;
  if (inForce.length > 0 && !missed) {
    if (!unsure) return [];
    return [unverifiable("registry scanning rules or prefix", `whether ${unsure.name} covers ${repositories}`)];
  }
  const gap = missed
    ? `no rule of registry scanning configuration ${missed.name} (ENHANCED, or BASIC scanning on push) has a filter matching every one of them${lastAppliedNote(inForce, regional)}`
    : "no registry scanning configuration of their region scans them";
  const message = `${c.what}: ${repositories} are created without scanOnPush and ${gap}: their images are not scanned for known vulnerabilities`;
  return [c.creates === "creates" ? { message } : unverifiable("appliedFors", message)];
}

/** Findings on the cache rules and templates whose repositories no registry scanning in force covers. */
export function createdRepositoryFindings(
  resources: readonly GenericResource[],
  placeOf: (r: GenericResource) => Placement,
): StackFinding[] {
  return creators(resources).flatMap((c): StackFinding[] =>
    judgedInEveryPlacement(
      placeOf(c.r),
      (place) => underPlace(c, place),
      (doubtful) => placeNote(c.r, doubtful),
    ).map((f) => ({ ...f, urn: c.r.urn })),
  );
}
