// Whose account a resource lives in, as far as its provider's inputs tell: AnalyzeStack sends each resource's
// provider with the provider's inputs. Providers pinned to one account (provider-account.ts) are compared by it;
// others that sign in the same way (no allowedAccountIds, assumeRole, profile or credential inputs telling them apart)
// are taken to reach one account; the credentials themselves are never checked.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { accountOfProvider, decoded, hasUnknown, ProviderAccount } from "./provider-account";

/** A resource with its provider's inputs, when the engine sent them (template resources and old tests have none). */
export interface ProvidedResource extends GenericResource {
  providerInputs?: Record<string, unknown>;
}

/** One input of the resource's provider, unwrapped; undefined when absent or not sent. */
export const providerInput = (r: GenericResource, key: string): unknown =>
  unwrap((r as ProvidedResource).providerInputs?.[key]);

/** The inputs that choose the account or the credentials a provider acts with (AWS and Alibaba Cloud). */
const IDENTITY_INPUTS = [
  "allowedAccountIds",
  "assumeRole",
  "assumeRoles",
  "assumeRoleWithWebIdentity",
  "assumeRoleWithOidc",
  "profile",
  "accessKey",
  "token",
  "securityToken",
  "sharedCredentialsFiles",
  "sharedCredentialsFile",
  "sharedConfigFiles",
  "ecsRoleName",
];

/** The account the resource's provider acts in, as its inputs tell (provider-account.ts). */
export const providerAccount = (r: GenericResource): ProviderAccount =>
  accountOfProvider((r as ProvidedResource).providerInputs);

/** JSON with keys sorted and empty values as absent, so equal inputs compare equal however they were written. */
function canonical(v: unknown): unknown {
  const d = decoded(v);
  if (d === undefined || d === null || d === "" || (Array.isArray(d) && d.length === 0)) return null;
  if (Array.isArray(d)) return d.map(canonical);
  if (typeof d !== "object") return d;
  const entries = Object.entries(d as Record<string, unknown>).map(([k, x]) => [k, canonical(x)] as const);
  return Object.fromEntries(entries.filter(([, x]) => x !== null).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

const identity = (r: GenericResource) =>
  JSON.stringify(
    IDENTITY_INPUTS.map((k) => {
      const v = canonical(providerInput(r, k));
      return k === "allowedAccountIds" && Array.isArray(v) ? [...v].sort() : v;
    }),
  );

/**
 * Why two providers not pinned to one account may act in different ones: "inputs" when their account or credential
 * inputs differ or are unknown at preview, "declared" when only Alibaba Cloud's accountIds differ (or one is unknown),
 * undefined when nothing sets them apart.
 */
export function accountDoubt(a: GenericResource, b: GenericResource): "inputs" | "declared" | undefined {
  const unknown = (r: GenericResource) => IDENTITY_INPUTS.some((k) => hasUnknown(providerInput(r, k)));
  if (unknown(a) || unknown(b) || identity(a) !== identity(b)) return "inputs";
  const [da, db] = [a, b].map((r) => providerInput(r, "accountId"));
  if (isUnknown(da) || isUnknown(db)) return "declared";
  const [ia, ib] = [providerAccount(a).account, providerAccount(b).account];
  return ia && ib && ia !== ib ? "declared" : undefined;
}

/**
 * "same" when both share a provider, are pinned to one account (a single allowedAccountIds, or an assumed role's
 * account) or nothing in their providers' inputs sets them apart; "other" when the accounts they may act in cannot
 * overlap; else "maybe" (an assumed role, profile, credentials or declared accountId differ, or are unknown at preview).
 */
export function sameAccount(a: GenericResource, b: GenericResource): "same" | "maybe" | "other" {
  if (a.provider === b.provider) return "same";
  const [pa, pb] = [providerAccount(a), providerAccount(b)];
  if (pa.within && pb.within && !pa.within.some((id) => pb.within?.includes(id))) return "other";
  if (pa.certain && pb.certain) return "same";
  return accountDoubt(a, b) ? "maybe" : "same";
}
