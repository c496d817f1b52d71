// Where a regional AWS resource lives: its own `region` argument (provider 7) or else its provider's region, in the
// provider's account. Settings such as registry scanning or GuardDuty apply per account and region, and names such
// as backup vaults' are unique per account and region.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { providerInput, sameAccount } from "./provider-accounts";

/** A region: named, unknown at preview, or left to the provider's environment (no region in the plan). */
type Region = { known: string } | "unknown" | "unseen";

function readRegion(v: unknown): Region | undefined {
  const u = unwrap(v);
  if (isUnknown(u)) return "unknown";
  return typeof u === "string" && u !== "" ? { known: u } : undefined;
}

/** The resource's own region argument, else its provider's region input, else the provider's environment. */
function regionState(r: GenericResource): Region {
  return readRegion(r.inputs.region) ?? readRegion(providerInput(r, "region")) ?? "unseen";
}

const ownRegionAbsent = (r: GenericResource) => readRegion(r.inputs.region) === undefined;

/** The region the resource lives in, when the plan shows it (its own argument or its provider's). */
export function regionOf(r: GenericResource): string | undefined {
  const region = regionState(r);
  return typeof region === "object" ? region.known : undefined;
}

/** A key for the resource's place: resources with equal keys are in one place. */
export const placeKey = (r: GenericResource) =>
  JSON.stringify([r.provider ?? "", ownRegionAbsent(r) ? null : (regionOf(r) ?? "unknown")]);

/** "same" for certain, "maybe" when a region or account is unknown at preview or left to the provider, else "other". */
export type Place = "same" | "maybe" | "other";

function sameRegion(a: GenericResource, b: GenericResource): Place {
  // One provider and no region argument on either: the provider's region, whatever it is.
  if (a.provider === b.provider && ownRegionAbsent(a) && ownRegionAbsent(b)) return "same";
  const [ra, rb] = [regionState(a), regionState(b)];
  if (typeof ra === "object" && typeof rb === "object") return ra.known === rb.known ? "same" : "other";
  return "maybe";
}

/** Whether two resources share an account and region. */
export function samePlace(a: GenericResource, b: GenericResource): Place {
  const places = [sameRegion(a, b), sameAccount(a, b)];
  if (places.includes("other")) return "other";
  return places.includes("maybe") ? "maybe" : "same";
}

/** Why two resources may or may not share a place, for notes ("" when the place is certain). */
export function placeDoubt(a: GenericResource, b: GenericResource): string {
  if (samePlace(a, b) !== "maybe") return "";
  if (sameRegion(a, b) === "same")
    return "their providers may act in different accounts (assumed roles, profile or credentials differ)";
  const [ra, rb] = [regionState(a), regionState(b)];
  if (ra === "unknown" || rb === "unknown") return "a region is unknown at preview";
  return "a region is left to the provider's environment, which the plan does not show";
}

/**
 * The same place, or under one provider with a region unknown at preview (taken to be the provider's, assumed
 * shared): for settings that cover what shares their place.
 */
export function sameProviderRegion(a: GenericResource, b: GenericResource): boolean {
  const place = samePlace(a, b);
  return place === "same" || (place === "maybe" && a.provider === b.provider);
}
