// The case's account settings: short passwords, no lockout, and MFA left to each user.
import * as alicloud from "@pulumi/alicloud";

export function caseIdentity(): void {
  // Steps 1 and 6: 8-character passwords and no lockout make guessing cheap (CIS Alibaba 1.11, 1.14).
  new alicloud.ram.AccountPasswordPolicy("case-password-policy", {
    minimumPasswordLength: 8,
    requireSymbols: false,
    requireNumbers: false,
    requireUppercaseCharacters: false,
    requireLowercaseCharacters: true,
    maxLoginAttempts: 0,
    passwordReusePrevention: 0,
  });
  // Step 6 (lesson: MFA): console logins without a second factor (CIS Alibaba 1.3/1.4).
  new alicloud.ram.SecurityPreference("case-security-preference", {
    mfaOperationForLogin: "independent",
    enableSaveMfaTicket: true,
  });
}
