// Whether two regional resources are in one place (provider-region.ts), told in three states for names that are
// unique per account and region (backup vaults): a region one of them leaves to its provider may or may not be the
// region the other names.
import { GenericResource, isUnknown, unwrap } from "../../lib/reachability/resource";
import { Link } from "./links";
import { regionOf, sameProviderRegion } from "./provider-region";

/** "same" for certain, "maybe" when one region is the provider's (unseen) or unknown at preview, else "other". */
export type Place = "same" | "maybe" | "other";

export function samePlace(a: GenericResource, b: GenericResource): Place {
  if (a.provider !== b.provider) return "other";
  if (regionUnknown(a) || regionUnknown(b)) return "maybe";
  if (regionOf(a) === regionOf(b)) return "same";
  return sameProviderRegion(a, b) ? "maybe" : "other";
}

/** A place as a link: a regional name names a resource only in its own place. */
export const placeLink = (p: Place): Link => (p === "same" ? "yes" : p === "maybe" ? "maybe" : "no");

const regionUnknown = (r: GenericResource) => isUnknown(unwrap(r.inputs.region));
