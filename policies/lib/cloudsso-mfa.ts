// CloudSSO directories: their users sign in to the CloudSSO portal, and from there to the accounts' consoles, with a
// password and the directory's MFA setting (unless SAML single sign-on replaces passwords).
import { isUnknown } from "../../lib/values";
import { at } from "./expect";
import { Finding, unverifiable, violation } from "./findings";
import { is, shown } from "./text-values";
import { signsInWithPasswords, SSO_STATUS } from "./cloudsso-sign-in";

/**
 * Null is how an engine may send an unset input: the directory's default applies then, MFA for every user at
 * password sign-in ("Enable ... This is the default value",
 * https://www.alibabacloud.com/help/en/cloudsso/latest/manage-mfa; SetMFAAuthenticationStatus: CloudSSO enables MFA
 * automatically when password sign-in is on).
 */
const unset = (v: unknown) => v === undefined || v === null;

const STATUS = "mfaAuthenticationStatus";
const POLICY = "mfaAuthenticationSettingInfo.mfaAuthenticationAdvanceSettings";

export function cloudSsoMfaFindings(p: Record<string, unknown>): Finding[] {
  const passwords = signsInWithPasswords(p);
  if (passwords === "no") return [];
  const findings: Finding[] = [];
  const status = p[STATUS];
  const policy = at(p, POLICY);
  if (isUnknown(status)) findings.push(unverifiable(STATUS));
  else if (!unset(status) && !is(status, "Enabled"))
    findings.push(
      violation(`${STATUS} is ${shown(status)}: CloudSSO users sign in with a password alone; use "Enabled"`),
    );
  if (isUnknown(policy)) findings.push(unverifiable(POLICY));
  else if (!unset(policy) && !is(policy, "Enabled"))
    findings.push(
      violation(`${POLICY} is ${shown(policy)}: MFA is not required at every CloudSSO sign-in; use "Enabled"`),
    );
  // Only a weak setting matters while single sign-on may yet replace password sign-in.
  if (passwords === "unknown" && findings.some((f) => !f.unverifiable))
    return [unverifiable(SSO_STATUS, "whether password sign-in is on")];
  return findings;
}
