// Whose API activity an audit trail records: its own account's, as its provider's inputs tell (provider-accounts.ts),
// or every account's when it is an organization trail (isOrganizationTrail on CloudTrail and ActionTrail,
// organizationEnabled on a CloudTrail Lake store): such a trail can only be created in the organization's management
// account and records all its member accounts too.
import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown } from "../../lib/values";
import { unwrap } from "../../lib/reachability/resource";
import { Proof } from "./proof";
import { providerInput, sameAccount } from "./provider-accounts";

const ORGANIZATION_SWITCHES = ["isOrganizationTrail", "organizationEnabled"];

/** Whether the trail records the whole organization; unknown at preview is neither. */
export function organizationWide(trail: GenericResource): Proof {
  const values = ORGANIZATION_SWITCHES.map((f) => unwrap(trail.inputs[f]));
  if (values.some((v) => bool(v) === true)) return "yes";
  return values.some(isUnknown) ? "unknown" : "no";
}

/**
 * Alibaba Cloud providers take an accountId for some service calls. The provider does not check it against the
 * credentials, so two different ids do not prove two accounts, but they do put the shared account in doubt.
 */
function declaredAccountsDiffer(a: GenericResource, b: GenericResource): boolean {
  const [ia, ib] = [a, b].map((r) => unwrap(providerInput(r, "accountId")));
  const known = (v: unknown) => typeof v === "string" && v !== "" && !isUnknown(v);
  return a.provider !== b.provider && (isUnknown(ia) || isUnknown(ib) || (known(ia) && known(ib) && ia !== ib));
}

/** Whether the two resources' providers act in one account: sameAccount, with Alibaba Cloud's accountId as doubt. */
export function accountOf(a: GenericResource, b: GenericResource): "same" | "maybe" | "other" {
  const account = sameAccount(a, b);
  return account === "same" && declaredAccountsDiffer(a, b) ? "maybe" : account;
}

/** Whether `trail` records the API activity of the account `resource` lives in. */
export function trailAccount(trail: GenericResource, resource: GenericResource): "same" | "maybe" | "other" {
  const organization = organizationWide(trail);
  if (organization === "yes") return "same";
  const account = accountOf(trail, resource);
  return account === "other" && organization === "unknown" ? "maybe" : account;
}

/** "provider b", or "the default provider" when the engine named none. */
export const providerName = (r: GenericResource): string =>
  r.provider ? `provider ${r.provider.split("::").pop()}` : "the default provider";

/** Why a trail may or may not record a resource's account, for notes. */
export function trailAccountDoubt(trail: GenericResource, resource: GenericResource): string {
  const both = `${providerName(trail)} and ${providerName(resource)}`;
  const account = sameAccount(trail, resource);
  const why =
    account === "other"
      ? `${providerName(trail)} acts in another account`
      : account === "same"
        ? `${both} declare different accountIds, or one unknown at preview (the provider does not check it against the credentials)`
        : `${both} may act in different accounts (their allowedAccountIds, assumeRole or profile differ or are unknown at preview)`;
  const field = ORGANIZATION_SWITCHES.find((f) => isUnknown(unwrap(trail.inputs[f])));
  return field ? `${why}, and whether the trail records the whole organization (${field}) is unknown at preview` : why;
}
