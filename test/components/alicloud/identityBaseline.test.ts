import { childrenOf, one, settle, thrown } from "./mocks";
import { IdentityBaseline } from "../../../components/alicloud/identityBaseline";

describe("IdentityBaseline", () => {
  beforeAll(async () => {
    new IdentityBaseline("ram");
    await settle();
  });

  it("sets the password policy: ≥14 characters, lockout after 5, no reuse of 24, 90-day expiry", () => {
    expect(one("ram", "alicloud:ram/passwordPolicy:PasswordPolicy").inputs).toEqual({
      minimumPasswordLength: 14,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      maxLoginAttemps: 5,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      hardExpiry: false,
      passwordNotContainUserName: true,
      minimumPasswordDifferentCharacter: 6,
    });
  });

  it("makes MFA mandatory at login with the current field, not the deprecated one", () => {
    const pref = one("ram", "alicloud:ram/securityPreference:SecurityPreference").inputs;
    expect(pref).toMatchObject({
      mfaOperationForLogin: "mandatory",
      operationForRiskLogin: "enforceVerify",
      enableSaveMfaTicket: false,
      allowUserToManageAccessKeys: false,
      maxIdleDaysForAccessKeys: 90,
      maxIdleDaysForUsers: 90,
    });
    expect(pref.enforceMfaForLogin).toBeUndefined();
  });

  it("rejects every weakening at once, creating nothing", () => {
    const message = thrown(
      () =>
        new IdentityBaseline("bad", {
          minimumPasswordLength: 8,
          maxLoginAttempts: 10,
          passwordReusePrevention: 0,
          maxPasswordAgeDays: 0,
          maxIdleDaysForAccessKeys: 1000,
          loginNetworkMasks: ["0.0.0.0/0"],
        }),
    );
    expect(message).toContain('argument "minimumPasswordLength" is 8; allowed: an integer from 14 to 32');
    expect(message).toContain('argument "maxLoginAttempts" is 10; allowed: an integer from 1 to 5');
    for (const arg of [
      "passwordReusePrevention",
      "maxPasswordAgeDays",
      "maxIdleDaysForAccessKeys",
      "loginNetworkMasks[0]",
    ]) {
      expect(message).toContain(`argument "${arg}"`);
    }
    expect(message).toContain("6 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });
});
