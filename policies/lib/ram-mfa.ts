// Whether a RAM security preference makes MFA mandatory at every console login: mfaOperationForLogin "mandatory",
// or, when that is unset, the deprecated enforceMfaForLogin true (the API's former spelling of the same setting).
import { bool, isUnknown } from "../../lib/values";
import { is, shown } from "./text-values";

export type MfaAtLogin = { kind: "mandatory" } | { kind: "unknown"; field: string } | { kind: "optional"; why: string };

export function mfaAtLogin(p: Record<string, unknown>): MfaAtLogin {
  const mode = p.mfaOperationForLogin;
  if (isUnknown(mode)) return { kind: "unknown", field: "mfaOperationForLogin" };
  if (is(mode, "mandatory")) {
    // The provider sends both fields in one call and the API documents the old one as still valid: a contrary old
    // flag leaves the outcome to the order the API applies them in.
    if (isUnknown(p.enforceMfaForLogin)) return { kind: "unknown", field: "enforceMfaForLogin" };
    if (bool(p.enforceMfaForLogin) === false)
      return {
        kind: "optional",
        why: 'enforceMfaForLogin is false beside mfaOperationForLogin "mandatory": the deprecated flag may switch MFA off; remove enforceMfaForLogin',
      };
    return { kind: "mandatory" };
  }
  // Null is how an engine may send an unset input, and the provider never sends an empty string (it reads the field
  // with GetOk, for which "" is unset): the deprecated flag still decides then.
  if (mode !== undefined && mode !== null && mode !== "")
    return { kind: "optional", why: `mfaOperationForLogin is ${shown(mode)}: MFA is not required for every login` };
  if (isUnknown(p.enforceMfaForLogin)) return { kind: "unknown", field: "enforceMfaForLogin" };
  if (bool(p.enforceMfaForLogin) === true) return { kind: "mandatory" };
  return {
    kind: "optional",
    why: 'mfaOperationForLogin is not set (defaults to "independent"): RAM users may log in without MFA',
  };
}
