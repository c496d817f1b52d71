// CloudSSO directories: their users sign in to the CloudSSO portal, and from there to the accounts' consoles, with a
// password and the directory's MFA setting (unless SAML single sign-on replaces passwords).
import { isUnknown } from "../../lib/values";
import { directoryBlocks, MALFORMED_BLOCK } from "./cloudsso-blocks";
import { at } from "./expect";
import { Finding, unverifiable, violation } from "./findings";
import { Proof } from "./proof";
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
const SETTING_INFO = "mfaAuthenticationSettingInfo";
const POLICY = `${SETTING_INFO}.mfaAuthenticationAdvanceSettings`;

/** A directory MFA field: unset or "Enabled" requires MFA of every user, whatever the user's own setting. */
const forEveryUser = (v: unknown): Proof => (isUnknown(v) ? "unknown" : unset(v) || is(v, "Enabled") ? "yes" : "no");

export function cloudSsoMfaFindings(raw: Record<string, unknown>): Finding[] {
  const { props: p, malformed } = directoryBlocks(raw);
  const passwords = signsInWithPasswords(p);
  if (passwords === "no") return [];
  const findings: Finding[] = [];
  const status = p[STATUS];
  const policy = at(p, POLICY);
  if (isUnknown(status)) findings.push(unverifiable(STATUS));
  else if (forEveryUser(status) === "no")
    findings.push(
      violation(`${STATUS} is ${shown(status)}: CloudSSO users sign in with a password alone; use "Enabled"`),
    );
  if (malformed.includes(SETTING_INFO)) findings.push(unverifiable(SETTING_INFO, MALFORMED_BLOCK));
  else if (isUnknown(policy)) findings.push(unverifiable(POLICY));
  else if (forEveryUser(policy) === "no")
    findings.push(
      violation(`${POLICY} is ${shown(policy)}: MFA is not required at every CloudSSO sign-in; use "Enabled"`),
    );
  // Only a weak setting matters while single sign-on may yet replace password sign-in.
  if (passwords === "unknown" && findings.some((f) => !f.unverifiable))
    return [unverifiable(SSO_STATUS, "whether password sign-in is on")];
  return findings;
}

/**
 * Whether the directory requires MFA of every user at sign-in, so that a user's own mfaAuthenticationSettings does
 * not matter: a user's own setting applies only under the directory's "Byuser" policy (GetMFAAuthenticationSettingInfo:
 * "Byuser: User-specific settings are applied", see UpdateUserMFAAuthenticationSettings); "Enabled" (the default)
 * requires MFA of all, and SAML single sign-on leaves MFA to the identity provider, with no CloudSSO password to
 * pair it with.
 */
export function cloudSsoMfaForEveryUser(raw: Record<string, unknown>): Proof {
  const { props: p, malformed } = directoryBlocks(raw);
  const passwords = signsInWithPasswords(p);
  if (passwords === "no") return "yes";
  const policy = malformed.includes(SETTING_INFO) ? "unknown" : forEveryUser(at(p, POLICY));
  const status = forEveryUser(p[STATUS]);
  const settings: Proof =
    status === "no" || policy === "no" ? "no" : status === "yes" && policy === "yes" ? "yes" : "unknown";
  // Single sign-on unknown: it may replace passwords, so only "yes" from the settings stands on its own.
  return passwords === "unknown" && settings !== "yes" ? "unknown" : settings;
}
