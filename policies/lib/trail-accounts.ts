// Whose API activity an audit trail records: its own account's, as its provider's inputs tell (provider-accounts.ts),
// or every account's when it is an organization trail (isOrganizationTrail on CloudTrail and ActionTrail,
// organizationEnabled on a CloudTrail Lake store): such a trail can only be created in the organization's management
// account and records all its member accounts too.
import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown } from "../../lib/values";
import { unwrap } from "../../lib/reachability/resource";
import { Proof } from "./proof";
import { accountDoubt, sameAccount } from "./provider-accounts";

const ORGANIZATION_SWITCHES = ["isOrganizationTrail", "organizationEnabled"];

/** Whether the trail records the whole organization; unknown at preview is neither. */
export function organizationWide(trail: GenericResource): Proof {
  const values = ORGANIZATION_SWITCHES.map((f) => unwrap(trail.inputs[f]));
  if (values.some((v) => bool(v) === true)) return "yes";
  return values.some(isUnknown) ? "unknown" : "no";
}

/** Whether `trail` records the API activity of the account `resource` lives in. */
export function trailAccount(trail: GenericResource, resource: GenericResource): "same" | "maybe" | "other" {
  const organization = organizationWide(trail);
  if (organization === "yes") return "same";
  const account = sameAccount(trail, resource);
  return account === "other" && organization === "unknown" ? "maybe" : account;
}

/** "provider b", or "the default provider" when the engine named none. */
export const providerName = (r: GenericResource): string =>
  r.provider ? `provider ${r.provider.split("::").pop()}` : "the default provider";

/** Why a trail may or may not record a resource's account, for notes. */
export function trailAccountDoubt(trail: GenericResource, resource: GenericResource): string {
  const both = `${providerName(trail)} and ${providerName(resource)}`;
  const why =
    sameAccount(trail, resource) === "other"
      ? `${providerName(trail)} acts in another account`
      : accountDoubt(trail, resource) === "declared"
        ? `${both} declare different accountIds, or one unknown at preview (the provider does not check it against the credentials)`
        : `${both} may act in different accounts (their allowedAccountIds, assumed roles, profile or credentials differ or are unknown at preview)`;
  const field = ORGANIZATION_SWITCHES.find((f) => isUnknown(unwrap(trail.inputs[f])));
  return field ? `${why}, and whether the trail records the whole organization (${field}) is unknown at preview` : why;
}
