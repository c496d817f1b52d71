// ROS console logins of RAM users (ALIYUN::RAM::User's LoginProfile, ALIYUN::RAM::LoginProfile), translated to the
// Pulumi Alicloud provider's ram.LoginProfile for the MFA and password rules alone: nothing else of the user is read.
// MFABindRequired defaults to false in both, as on the provider's resource. ROS's ALIYUN::RAM::SecurityPreference
// has no MFA-at-login property (its documented properties are session, network mask and self-service settings), so
// a template cannot make MFA mandatory; a program's security preference in the stack still overrides these opt-outs.
import { isUnknown } from "../../../lib/values";
import { RAM_LOGIN_PROFILE, RAM_MFA_RULE, RAM_PASSWORD_RULE } from "../identity-types";
import { is } from "../text-values";
import { defined, Translated, Translation } from "./embedded-resource";

const JUDGED_BY = [RAM_MFA_RULE, RAM_PASSWORD_RULE];

const STATUS_HINT = "Status is unknown at preview; judged as Active, its default";

function loginProfile(props: Record<string, unknown>, where?: string, hint?: string): Translated {
  return {
    type: RAM_LOGIN_PROFILE,
    props: defined(props),
    judgedBy: JUDGED_BY,
    ...(where ? { where } : {}),
    ...(hint ? { hint } : {}),
  };
}

/** A user with a LoginProfile block gets console access; one without has none to judge. */
const ramUser: Translation = (read) => {
  const profile = read("LoginProfile");
  if (profile === undefined || profile === null) return [];
  return [
    loginProfile(
      {
        userName: read("UserName"),
        password: read(["LoginProfile", "Password"]),
        mfaBindRequired: read(["LoginProfile", "MFABindRequired"]),
        passwordResetRequired: read(["LoginProfile", "PasswordResetRequired"]),
      },
      "LoginProfile",
    ),
  ];
};

/** Status "Inactive" turns password sign-in off: no login to judge. */
const ramLoginProfile: Translation = (read) => {
  const status = read("Status");
  if (is(status, "Inactive")) return [];
  return [
    loginProfile(
      {
        userName: read("UserPrincipalName"),
        password: read("Password"),
        mfaBindRequired: read("MFABindRequired"),
        passwordResetRequired: read("PasswordResetRequired"),
      },
      undefined,
      isUnknown(status) ? STATUS_HINT : undefined,
    ),
  ];
};

export const ROS_IDENTITY_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::RAM::User", ramUser],
  ["ALIYUN::RAM::LoginProfile", ramLoginProfile],
]);
