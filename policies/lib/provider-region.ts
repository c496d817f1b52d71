// Where a regional AWS resource lives: the provider it is managed with (account and default region) and, in
// provider 7, its own `region` argument. Settings such as registry scanning or GuardDuty apply per account and region.
import { GenericResource } from "../../lib/reachability";
import { str } from "../../lib/reachability/resource";

/** The resource's own region argument, when known. */
export const regionOf = (r: GenericResource): string | undefined => str(r.inputs.region);

/**
 * Same provider, and the same region where both name one: a region left out (or unknown at preview) is taken to
 * be the provider's, assumed shared.
 */
export function sameProviderRegion(a: GenericResource, b: GenericResource): boolean {
  const [ra, rb] = [regionOf(a), regionOf(b)];
  return a.provider === b.provider && (ra === undefined || rb === undefined || ra === rb);
}
