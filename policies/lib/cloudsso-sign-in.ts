// How users of a CloudSSO directory sign in: with a CloudSSO password (the directory's password policy and MFA
// setting apply) unless SAML single sign-on is enabled, which turns password sign-in off in favour of the identity
// provider's own checks.
import { at } from "./expect";
import { Proof } from "./proof";
import { is } from "./text-values";
import { isUnknown } from "../../lib/values";

export const CLOUDSSO_DIRECTORY = "alicloud:cloudsso/directory:Directory";
export const SSO_STATUS = "samlIdentityProviderConfiguration.ssoStatus";

/** Whether the directory's users sign in with CloudSSO passwords. */
export function signsInWithPasswords(p: Record<string, unknown>): Proof {
  const sso = at(p, SSO_STATUS);
  if (isUnknown(sso)) return "unknown";
  return is(sso, "Enabled") ? "no" : "yes";
}
