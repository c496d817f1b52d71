import * as aws from "@pulumi/aws";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { DnsFailover, checkRegionsDiffer } from "../../../components/aws/dnsFailover";
import { checkCopyRegion, ImmutableBackup } from "../../../components/aws/immutableBackup";
import { IdentityBaseline, MFA_SELF_SERVICE_ACTIONS } from "../../../components/aws/identityBaseline";

describe("ImmutableBackup", () => {
  let copyProvider: aws.Provider;
  beforeAll(async () => {
    reset();
    copyProvider = new aws.Provider("copy", { region: "eu-west-1" });
    new ImmutableBackup("backup", { copyProvider });
    await settle();
  });

  it("locks both vaults in compliance mode and keeps them on delete", () => {
    const locks = ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration");
    expect(locks.map((l) => l.inputs)).toEqual([
      { backupVaultName: "backup", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 },
      { backupVaultName: "backup-copy", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 },
    ]);
    const vaults = ofType("aws:backup/vault:Vault");
    expect(vaults.map((v) => [v.inputs.name, v.inputs.forceDestroy])).toEqual([
      ["backup", false],
      ["backup-copy", false],
    ]);
    // The copy vault (and its key) are created with the second region's provider.
    expect(vaults[1].provider).toMatch(/::copy::/);
    expect(vaults[0].provider ?? "").not.toMatch(/::copy::/);
  });

  it("backs up daily and weekly, copying each recovery point to the other region", () => {
    const plan = one("aws:backup/plan:Plan");
    const copyArn = "arn:aws:mock:us-east-1:123456789012:backup/vault/backup-copy-vault";
    expect(
      plan.inputs.rules.map((r: any) => [
        r.ruleName,
        r.schedule,
        r.targetVaultName,
        r.lifecycle.deleteAfter,
        r.copyActions,
      ]),
    ).toEqual([
      ["daily", "cron(0 3 * * ? *)", "backup", 35, [{ destinationVaultArn: copyArn, lifecycle: { deleteAfter: 35 } }]],
      [
        "weekly",
        "cron(0 4 ? * SUN *)",
        "backup",
        90,
        [{ destinationVaultArn: copyArn, lifecycle: { deleteAfter: 90 } }],
      ],
    ]);
    expect(one("aws:backup/selection:Selection").inputs.selectionTags).toEqual([
      { type: "STRINGEQUALS", key: "backup", value: "true" },
    ]);
    const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
    expect(trust.Statement[0].Principal).toEqual({ Service: "backup.amazonaws.com" });
  });

  it("rejects retention outside the lock's bounds and a missing provider, all at once", async () => {
    reset();
    const e = validationErrorOf(
      () =>
        new ImmutableBackup("bad", {
          copyProvider: undefined as any,
          changeableForDays: 1,
          minRetentionDays: 30,
          maxRetentionDays: 60,
          dailyRetentionDays: 7,
          weeklyRetentionDays: 90,
        }),
    );
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["copyProvider", undefined],
      ["changeableForDays", 1],
      ["dailyRetentionDays", 7],
      ["weeklyRetentionDays", 90],
    ]);
    expect(e.message).toMatch(/weeklyRetentionDays" is 90; allowed: an integer from 30 to 60; fix: keep it between/);
    // The copy provider's region is only known from the provider; the copy vault ARN (and the plan) wait on this.
    expect(checkCopyRegion("b", "us-east-1", "eu-west-1")).toBe("eu-west-1");
    expect(() => checkCopyRegion("b", "eu-west-1", "eu-west-1")).toThrow(
      /argument "copyProvider" is in region "eu-west-1", the same as the vault; allowed: a provider for a different region; fix:/,
    );
    await settle();
    expect(recorded).toEqual([]);
  });
});

describe("DnsFailover", () => {
  beforeAll(async () => {
    reset();
    new DnsFailover("app", {
      zoneId: "Z1",
      recordName: "app.example.com",
      primary: { region: "us-east-1", alias: { name: "alb-1.us-east-1.elb.amazonaws.com", zoneId: "ZALB" } },
      secondary: { region: "eu-west-1", ipAddresses: ["198.51.100.10"] },
      searchString: "ok",
      failureThreshold: 2,
    });
    await settle();
  });

  it("checks both endpoints over HTTPS with the path, the string and the threshold", () => {
    const checks = ofType("aws:route53/healthCheck:HealthCheck").sort((a, b) => a.name.localeCompare(b.name));
    expect(checks.map((c) => c.inputs)).toEqual([
      expect.objectContaining({
        type: "HTTPS_STR_MATCH",
        fqdn: "alb-1.us-east-1.elb.amazonaws.com",
        port: 443,
        resourcePath: "/health",
        searchString: "ok",
        failureThreshold: 2,
      }),
      expect.objectContaining({ type: "HTTPS_STR_MATCH", ipAddress: "198.51.100.10", port: 443, failureThreshold: 2 }),
    ]);
  });

  it("answers PRIMARY (alias) and SECONDARY (A) records, each bound to its check", () => {
    const records = ofType("aws:route53/record:Record").sort((a, b) => a.name.localeCompare(b.name));
    expect(records.map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        name: "app.example.com",
        type: "A",
        failoverRoutingPolicies: [{ type: "PRIMARY" }],
        healthCheckId: "app-primary-check-id",
        aliases: [{ name: "alb-1.us-east-1.elb.amazonaws.com", zoneId: "ZALB", evaluateTargetHealth: true }],
      }),
      expect.objectContaining({
        name: "app.example.com",
        type: "A",
        failoverRoutingPolicies: [{ type: "SECONDARY" }],
        healthCheckId: "app-secondary-check-id",
        records: ["198.51.100.10"],
        ttl: 60,
      }),
    ]);
  });

  it("alarms in us-east-1 when the primary's check fails", () => {
    expect(one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs).toMatchObject({
      region: "us-east-1",
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: "app-primary-check-id" },
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
    });
  });

  it("rejects same-region endpoints, mixed record types and bad thresholds at once", async () => {
    reset();
    const e = validationErrorOf(
      () =>
        new DnsFailover("bad", {
          zoneId: "Z1",
          recordName: "x.example.com",
          primary: { region: "us-east-1", alias: { name: "a", zoneId: "z" }, cname: "b" },
          secondary: { region: "us-east-1", cname: "standby.example.net" },
          failureThreshold: 11,
          healthCheckPath: "health",
        }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual([
      "primary",
      "failureThreshold",
      "healthCheckPath",
      "secondary.region",
    ]);
    const mixed = validationErrorOf(
      () =>
        new DnsFailover("mixed", {
          zoneId: "Z1",
          recordName: "x.example.com",
          primary: { region: "us-east-1", ipAddresses: ["198.51.100.1"] },
          secondary: { region: "eu-west-1", cname: "standby.example.net" },
        }),
    );
    expect(mixed.message).toMatch(
      /argument "secondary" is "cname"; allowed: a target of the same record type as the primary \(A\)/,
    );
    expect(() => checkRegionsDiffer("d", "eu-west-1", "eu-west-1")).toThrow(/secondary.region" is "eu-west-1".*fix:/);
    // Regions that arrive as Outputs are held to the same form once they resolve.
    expect(() => checkRegionsDiffer("d", "us-east-1", "us-east-1a")).toThrow(
      /argument "secondary.region" is "us-east-1a"; allowed: an AWS region id.*; fix: pass the region/,
    );
    expect(() => checkRegionsDiffer("d", "us-east-1", "eu-west-1")).not.toThrow();
    await settle();
    expect(recorded).toEqual([]);
  });
});

describe("DnsFailover with several addresses", () => {
  beforeAll(async () => {
    reset();
    new DnsFailover("multi", {
      zoneId: "Z1",
      recordName: "multi.example.com",
      primary: { region: "us-east-1", ipAddresses: ["198.51.100.1", "198.51.100.2"] },
      secondary: { region: "eu-west-1", ipAddresses: ["203.0.113.9"] },
    });
    await settle();
  });

  it("checks every address the record answers with, and fails the side over when any of them fails", () => {
    const byName = new Map(ofType("aws:route53/healthCheck:HealthCheck").map((c) => [c.name, c.inputs]));
    expect([...byName.keys()].sort()).toEqual([
      "multi-primary-check",
      "multi-primary-check-1",
      "multi-primary-check-2",
      "multi-secondary-check",
    ]);
    expect(byName.get("multi-primary-check-1")).toEqual(
      expect.objectContaining({ type: "HTTPS", ipAddress: "198.51.100.1", port: 443 }),
    );
    expect(byName.get("multi-primary-check-2")).toEqual(
      expect.objectContaining({ type: "HTTPS", ipAddress: "198.51.100.2", port: 443 }),
    );
    expect(byName.get("multi-primary-check")).toEqual(
      expect.objectContaining({
        type: "CALCULATED",
        childHealthchecks: ["multi-primary-check-1-id", "multi-primary-check-2-id"],
        childHealthThreshold: 2,
      }),
    );
    // One address: one check, as before.
    expect(byName.get("multi-secondary-check")).toEqual(
      expect.objectContaining({ type: "HTTPS", ipAddress: "203.0.113.9" }),
    );
    const primary = ofType("aws:route53/record:Record").find((r) => r.name === "multi-primary")!;
    expect(primary.inputs).toEqual(
      expect.objectContaining({ healthCheckId: "multi-primary-check-id", records: ["198.51.100.1", "198.51.100.2"] }),
    );
  });
});

describe("IdentityBaseline in another partition", () => {
  it("writes the MFA self-service ARNs in the account's partition", async () => {
    reset();
    const china = new aws.Provider("china", { region: "cn-north-1" });
    new IdentityBaseline("cn", { humanGroupName: "engineers" }, { providers: [china] });
    await settle();
    const doc = JSON.parse(one("aws:iam/policy:Policy").inputs.policy);
    const selfService = doc.Statement.find((s: any) => s.Sid === "AllowManageOwnPasswordsAndMfa");
    expect(selfService.Resource).toEqual(["arn:aws-cn:iam::*:user/${aws:username}", "arn:aws-cn:iam::*:mfa/*"]);
  });
});

describe("IdentityBaseline", () => {
  beforeAll(async () => {
    reset();
    new IdentityBaseline("id", { humanGroupName: "engineers" });
    await settle();
  });

  it("sets a 14-character, 24-reuse, expiring password policy and EBS encryption by default", () => {
    expect(one("aws:iam/accountPasswordPolicy:AccountPasswordPolicy").inputs).toEqual({
      minimumPasswordLength: 14,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      hardExpiry: false,
    });
    expect(one("aws:ebs/encryptionByDefault:EncryptionByDefault").inputs).toEqual({ enabled: true });
    expect(ofType("aws:iam/group:Group")).toEqual([]);
  });

  it("denies everything but MFA self-service without MFA, attached to the given group", () => {
    const doc = JSON.parse(one("aws:iam/policy:Policy").inputs.policy);
    const deny = doc.Statement.find((s: any) => s.Effect === "Deny");
    expect(deny).toEqual({
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: MFA_SELF_SERVICE_ACTIONS,
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    });
    const selfService = doc.Statement.find((s: any) => s.Sid === "AllowManageOwnPasswordsAndMfa");
    expect(selfService.Resource).toEqual(["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:mfa/*"]);
    expect(MFA_SELF_SERVICE_ACTIONS).toEqual(expect.arrayContaining(["iam:EnableMFADevice", "sts:GetSessionToken"]));
    expect(MFA_SELF_SERVICE_ACTIONS.some((a) => a.endsWith("*"))).toBe(false);
    expect(one("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").inputs).toEqual({
      group: "engineers",
      policyArn: "arn:aws:mock:us-east-1:123456789012:iam/policy/id-require-mfa",
    });
  });

  it("rejects weak password settings, all at once", () => {
    const e = validationErrorOf(
      () =>
        new IdentityBaseline("weak", { minimumPasswordLength: 8, passwordReusePrevention: 3, maxPasswordAgeDays: 0 }),
    );
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["minimumPasswordLength", 8],
      ["passwordReusePrevention", 3],
      ["maxPasswordAgeDays", 0],
    ]);
  });
});
