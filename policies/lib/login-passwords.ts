// Whether a login password field is set: the one reading every password rule shares.
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown } from "../../lib/values";

/**
 * A set password field (even one only known at apply) means the host's sshd accepts passwords. Pulumi YAML sends an
 * all-digit password as a number, which the provider turns into the string it sets. A secret is still a password:
 * @pulumi/policy unwraps secrets before a check runs, and a signature object that reaches one anyway counts as its value.
 */
export function isLoginPassword(v: unknown): boolean {
  const value = unwrap(v);
  return isUnknown(value) || (typeof value === "string" && value !== "") || typeof value === "number";
}

/**
 * The length of a password the plan shows, in characters; undefined when it is unset, empty or unknown at preview.
 * Only the length is ever read, so no message can quote the password.
 */
export function knownPasswordLength(v: unknown): number | undefined {
  const value = unwrap(v);
  if (typeof value === "number" && Number.isFinite(value)) return String(value).length;
  if (typeof value !== "string" || value === "" || isUnknown(value)) return undefined;
  return [...value].length;
}
