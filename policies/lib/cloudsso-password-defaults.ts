// A CloudSSO directory's own password policy before anyone sets it, as the default-value column of CloudSSO's
// "Configure a password policy" guide lists it (https://www.alibabacloud.com/help/en/cloudsso/user-guide/set-password-policy,
// also https://help.aliyun.com/zh/cloudsso/user-guide/set-password-policy). The provider's passwordPolicy block and
// each of its fields are optional and computed: a field the program leaves unset is not sent, so the directory keeps
// this value.

/** Defaults of the fields the RAM password rule judges: length, lockout and reuse. */
export const CLOUDSSO_PASSWORD_DEFAULTS = {
  /** 8 characters (valid 8-32). */
  minPasswordLength: 8,
  /** Locked for an hour after 5 wrong passwords (0 turns lockout off). */
  maxLoginAttempts: 5,
  /** Only the previous password is refused (0 allows every old password). */
  passwordReusePrevention: 1,
} as const;
