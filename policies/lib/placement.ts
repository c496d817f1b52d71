// Whether two regional resources are in one place (provider-region.ts), as a link for names that are unique per
// account and region (backup vaults): a region unknown at preview or left to the provider's environment, or an
// account the providers' inputs cannot tell, may or may not be the other's.
import { Link } from "./links";
import { Place } from "./provider-region";

export type { Place } from "./provider-region";
export { samePlace } from "./provider-region";

/** A place as a link: a regional name names a resource only in its own place. */
export const placeLink = (p: Place): Link => (p === "same" ? "yes" : p === "maybe" ? "maybe" : "no");
