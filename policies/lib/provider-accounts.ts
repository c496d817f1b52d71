// Whose account a resource lives in, as far as its provider's inputs tell: AnalyzeStack sends each resource's
// provider with the provider's inputs. Providers that sign in the same way (no allowedAccountIds, assumeRole or
// profile telling them apart) are taken to reach one account; the credentials themselves are never read.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";

/** A resource with its provider's inputs, when the engine sent them (template resources and old tests have none). */
export interface ProvidedResource extends GenericResource {
  providerInputs?: Record<string, unknown>;
}

/** One input of the resource's provider, unwrapped; undefined when absent or not sent. */
export const providerInput = (r: GenericResource, key: string): unknown =>
  unwrap((r as ProvidedResource).providerInputs?.[key]);

/** The inputs that choose the account a provider acts in. */
const ACCOUNT_INPUTS = ["allowedAccountIds", "assumeRole", "assumeRoles", "assumeRoleWithWebIdentity", "profile"];

/** Provider inputs reach the engine as strings for lists and objects (JSON) in some SDKs: read both forms. */
function decoded(v: unknown): unknown {
  if (typeof v !== "string" || isUnknown(v) || !/^\s*[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The account ids the provider may act in (allowedAccountIds), when it names them all and they are known. */
export function allowedAccounts(r: GenericResource): string[] | undefined {
  const ids = decoded(providerInput(r, "allowedAccountIds"));
  if (!Array.isArray(ids) || ids.length === 0) return undefined;
  const known = ids.map(unwrap).filter((id): id is string => typeof id === "string" && !isUnknown(id));
  return known.length === ids.length ? known : undefined;
}

/**
 * "same" when both share a provider or nothing in their providers' inputs sets them apart, "other" when their
 * allowed accounts cannot overlap, else "maybe" (an assumed role or profile differs, or is unknown at preview).
 */
export function sameAccount(a: GenericResource, b: GenericResource): "same" | "maybe" | "other" {
  if (a.provider === b.provider) return "same";
  const [ia, ib] = [allowedAccounts(a), allowedAccounts(b)];
  if (ia && ib && !ia.some((id) => ib.includes(id))) return "other";
  const identity = (r: GenericResource) =>
    JSON.stringify(ACCOUNT_INPUTS.map((k) => decoded(providerInput(r, k)) ?? null));
  const unknown = (r: GenericResource) => ACCOUNT_INPUTS.some((k) => isUnknown(providerInput(r, k)));
  if (unknown(a) || unknown(b)) return "maybe";
  return identity(a) === identity(b) ? "same" : "maybe";
}
