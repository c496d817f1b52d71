// ECR registry scanning filters (filterType WILDCARD): a filter without `*` matches every repository name that
// contains it; with `*` it must match the whole name, each `*` standing for any run of characters.
import { matchesEverything, wildcardMatches } from "./wildcard";

export function ecrFilterMatches(filter: string, name: string): boolean {
  return filter.includes("*") ? wildcardMatches(filter, name) : filter !== "" && name.includes(filter);
}

/** True when the filter matches every repository name, so the name itself need not be known. */
export const ecrFilterMatchesEverything = matchesEverything;
