// The account a provider acts in, as far as its inputs tell. A provider allowed in exactly one account
// (allowedAccountIds) refuses to run in any other; one that assumes a role acts in the role's account, which the role's
// ARN names (arn:<partition>:iam::<account>:role/x on AWS, acs:ram::<uid>:role/x on Alibaba Cloud). Alibaba Cloud's
// accountId input is only declared: the provider does not check it against the credentials.
import { isUnknown, prop, unwrap } from "../../lib/reachability/resource";

export interface ProviderAccount {
  /** The account the inputs name: the only one the provider can act in when `certain`, else only declared. */
  account?: string;
  /** Whether the provider cannot act in any account but `account`. */
  certain: boolean;
  /** Every account the provider may act in, when its inputs bound them and they are known. */
  within?: string[];
}

/** Provider inputs reach the engine as strings for lists and objects (JSON) in some SDKs: read both forms. */
export function decoded(v: unknown): unknown {
  const u = unwrap(v);
  if (typeof u !== "string" || isUnknown(u) || !/^\s*[[{]/.test(u)) return u;
  try {
    return JSON.parse(u);
  } catch {
    return u;
  }
}

/** Whether a value, or anything inside it, is unknown at preview. */
export function hasUnknown(v: unknown): boolean {
  const d = decoded(v);
  if (isUnknown(d)) return true;
  if (d === null || typeof d !== "object") return false;
  return Object.values(d as Record<string, unknown>).some(hasUnknown);
}

/** The account ids of allowedAccountIds, when it names them all and they are known. */
export function allowedIds(inputs: Record<string, unknown> | undefined): string[] | undefined {
  const ids = decoded(inputs?.allowedAccountIds);
  if (!Array.isArray(ids) || ids.length === 0) return undefined;
  const known = ids.map(unwrap).filter((id): id is string => typeof id === "string" && !isUnknown(id));
  return known.length === ids.length ? known : undefined;
}

/**
 * The role whose credentials the provider acts with: the last of assumeRoles (a chain; @pulumi/aws 7), else the older
 * single assumeRole, else the web-identity or OIDC role that gives the base credentials.
 */
const ROLE_INPUTS = ["assumeRoles", "assumeRole", "assumeRoleWithWebIdentity", "assumeRoleWithOidc"];

function actingRole(inputs: Record<string, unknown>): unknown {
  for (const key of ROLE_INPUTS) {
    const v = decoded(inputs[key]);
    const role = Array.isArray(v) ? v[v.length - 1] : v;
    if (role !== undefined && role !== null && role !== "") return role;
  }
  return undefined;
}

const ROLE_ARN_ACCOUNT = [/^arn:[a-z0-9-]+:iam::(\d{12}):role\//, /^acs:ram::(\d+):role\//i];

/** The account a role ARN names, when it is known and well formed. */
export function roleArnAccount(arn: unknown): string | undefined {
  const a = unwrap(arn);
  if (typeof a !== "string") return undefined;
  return ROLE_ARN_ACCOUNT.map((re) => re.exec(a.trim())?.[1]).find((id) => id !== undefined);
}

/** The account of a provider with these inputs (undefined when the engine sent none). */
export function accountOfProvider(inputs: Record<string, unknown> | undefined): ProviderAccount {
  if (!inputs) return { certain: false };
  const role = roleArnAccount(prop(decoded(actingRole(inputs)), "roleArn"));
  const within = role ? [role] : allowedIds(inputs);
  if (within && new Set(within).size === 1) return { account: within[0], certain: true, within };
  const declared = unwrap(inputs.accountId);
  const account = typeof declared === "string" && declared !== "" && !isUnknown(declared) ? declared : undefined;
  return { ...(account ? { account } : {}), certain: false, ...(within ? { within } : {}) };
}
