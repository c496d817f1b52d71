// Adversarial probes of the baseline rules (identity, audit trails, immutable backups and evidence, public
// databases): each row is one way of writing a weakness (or its secure twin) that @pulumi/aws 7.48 or
// @pulumi/alicloud 3.108 accepts, with the verdict the rule must give. Rows the rules already got right stay here too.
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { requireActiontrailAllRegionsEvents } from "../../policies/rules/require-actiontrail-all-regions-events";
import { requireBackupVaultLockCompliance } from "../../policies/rules/require-backup-vault-lock-compliance";
import { requireCloudtrailMultiRegionValidation } from "../../policies/rules/require-cloudtrail-multi-region-validation";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireIamPasswordPolicyStrength } from "../../policies/rules/require-iam-password-policy-strength";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { requireRamMfaForLogin } from "../../policies/rules/require-ram-mfa-for-login";
import { requireRamPasswordPolicyStrength } from "../../policies/rules/require-ram-password-policy-strength";
import { Case, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { combinedTable } from "./combined-table";
import { stackTable } from "./stack-table";

const IAM = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const RAM = "alicloud:ram/passwordPolicy:PasswordPolicy";
const RAM_ACCOUNT = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
const PREF = "alicloud:ram/securityPreference:SecurityPreference";
const LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const CLOUDTRAIL = "aws:cloudtrail/trail:Trail";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";
const OLD_TRAIL = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";
const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const HBR = "alicloud:hbr/vault:Vault";
const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const S3_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const OBJECT_WORM = "alicloud:oss/bucketObjectWormConfiguration:BucketObjectWormConfiguration";
const RDS = "aws:rds/instance:Instance";
const ALI_RDS = "alicloud:rds/instance:Instance";
const TAIR = "alicloud:redis/tairInstance:TairInstance";
const KVSTORE = "alicloud:kvstore/instance:Instance";
const POLARDB = "alicloud:polardb/cluster:Cluster";
const MONGO = "alicloud:mongodb/instance:Instance";
const LINDORM_V2 = "alicloud:lindorm/instanceV2:InstanceV2";
const RDS_TEMPLATE = "alicloud:rds/whitelistTemplate:WhitelistTemplate";
const ELASTICSEARCH = "alicloud:elasticsearch/instance:Instance";
const OPENSEARCH = "aws:opensearch/domain:Domain";
const evidenceTags = { "hardening:evidence": "true" };

const strongIam = { minimumPasswordLength: 14, passwordReusePrevention: 24 };
const strongRam = { minimumPasswordLength: 14, maxLoginAttemps: 5, passwordReusePrevention: 5 };
const strongRamAccount = { minimumPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 };

describe("identity: IAM password policy", () => {
  table(requireIamPasswordPolicyStrength, [
    { name: "CIS policy", type: IAM, props: strongIam, violations: 0 },
    {
      name: "numbers as numeric strings",
      type: IAM,
      props: { minimumPasswordLength: "14", passwordReusePrevention: "24" },
      violations: 0,
    },
    { name: "length as the string 8", type: IAM, props: { ...strongIam, minimumPasswordLength: "8" }, violations: 1 },
    { name: "length one short (13)", type: IAM, props: { ...strongIam, minimumPasswordLength: 13 }, violations: 1 },
    { name: "reuse one short (23)", type: IAM, props: { ...strongIam, passwordReusePrevention: 23 }, violations: 1 },
    {
      name: "length null (provider default 6)",
      type: IAM,
      props: { ...strongIam, minimumPasswordLength: null },
      violations: 1,
    },
    { name: "length not a number", type: IAM, props: { ...strongIam, minimumPasswordLength: "long" }, violations: 1 },
    {
      name: "length true is not a length",
      type: IAM,
      props: { ...strongIam, minimumPasswordLength: true },
      violations: 1,
    },
    { name: "maximum length", type: IAM, props: { ...strongIam, minimumPasswordLength: 128 }, violations: 0 },
    { name: "nothing set", type: IAM, props: {}, violations: 2 },
    {
      name: "length unknown at preview is a note",
      type: IAM,
      props: { ...strongIam, minimumPasswordLength: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("identity: RAM password policies", () => {
  table(requireRamPasswordPolicyStrength, [
    { name: "PasswordPolicy strong", type: RAM, props: strongRam, violations: 0 },
    {
      name: "PasswordPolicy lockout as a string",
      type: RAM,
      props: { ...strongRam, maxLoginAttemps: "5" },
      violations: 0,
    },
    { name: "PasswordPolicy lockout after 1", type: RAM, props: { ...strongRam, maxLoginAttemps: 1 }, violations: 0 },
    { name: "PasswordPolicy lockout after 6", type: RAM, props: { ...strongRam, maxLoginAttemps: 6 }, violations: 1 },
    { name: "PasswordPolicy lockout 0 (off)", type: RAM, props: { ...strongRam, maxLoginAttemps: 0 }, violations: 1 },
    {
      name: "PasswordPolicy lockout null (default off)",
      type: RAM,
      props: { ...strongRam, maxLoginAttemps: null },
      violations: 1,
    },
    {
      name: "PasswordPolicy given the other resource's spelling (ignored: lockout stays off)",
      type: RAM,
      props: { minimumPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 },
      violations: 1,
      mentions: "maxLoginAttemps",
    },
    { name: "PasswordPolicy length 13", type: RAM, props: { ...strongRam, minimumPasswordLength: 13 }, violations: 1 },
    {
      name: "PasswordPolicy length as string 32",
      type: RAM,
      props: { ...strongRam, minimumPasswordLength: "32" },
      violations: 0,
    },
    { name: "PasswordPolicy reuse 4", type: RAM, props: { ...strongRam, passwordReusePrevention: 4 }, violations: 1 },
    { name: "PasswordPolicy defaults", type: RAM, props: {}, violations: 3 },
    { name: "AccountPasswordPolicy strong", type: RAM_ACCOUNT, props: strongRamAccount, violations: 0 },
    {
      name: "AccountPasswordPolicy lockout null keeps its default of 5",
      type: RAM_ACCOUNT,
      props: { ...strongRamAccount, maxLoginAttempts: null },
      violations: 0,
    },
    {
      name: "AccountPasswordPolicy lockout 0 as a string",
      type: RAM_ACCOUNT,
      props: { ...strongRamAccount, maxLoginAttempts: "0" },
      violations: 1,
    },
    {
      name: "AccountPasswordPolicy default length (12)",
      type: RAM_ACCOUNT,
      props: { maxLoginAttempts: 5, passwordReusePrevention: 5 },
      violations: 1,
    },
    {
      name: "AccountPasswordPolicy reuse unknown is a note",
      type: RAM_ACCOUNT,
      props: { ...strongRamAccount, passwordReusePrevention: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("identity: RAM MFA", () => {
  combinedTable(requireRamMfaForLogin, [
    { name: "mandatory", type: PREF, props: { mfaOperationForLogin: "mandatory" }, violations: 0 },
    { name: "adaptive (abnormal logins only)", type: PREF, props: { mfaOperationForLogin: "adaptive" }, violations: 1 },
    { name: "independent (the default)", type: PREF, props: { mfaOperationForLogin: "independent" }, violations: 1 },
    // An enumerated value in another case is the same setting (or rejected by the API): never a weakness.
    {
      name: "capitalised Mandatory is the same setting",
      type: PREF,
      props: { mfaOperationForLogin: "Mandatory" },
      violations: 0,
    },
    { name: "deprecated flag as TRUE", type: PREF, props: { enforceMfaForLogin: "TRUE" }, violations: 0 },
    { name: 'deprecated flag as "1"', type: PREF, props: { enforceMfaForLogin: "1" }, violations: 0 },
    { name: 'deprecated flag as "0"', type: PREF, props: { enforceMfaForLogin: "0" }, violations: 1 },
    {
      name: "new field null leaves the deprecated flag in charge",
      type: PREF,
      props: { mfaOperationForLogin: null, enforceMfaForLogin: true },
      violations: 0,
    },
    { name: "new field null and no flag", type: PREF, props: { mfaOperationForLogin: null }, violations: 1 },
    {
      name: "deprecated flag unknown, new field unset, is a note",
      type: PREF,
      props: { enforceMfaForLogin: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    { name: "mode unknown is a note", type: PREF, props: { mfaOperationForLogin: UNKNOWN }, violations: 0, notes: 1 },
    { name: "login profile opting out as False", type: LOGIN, props: { mfaBindRequired: "False" }, violations: 1 },
    { name: 'login profile opting out as "0"', type: LOGIN, props: { mfaBindRequired: "0" }, violations: 1 },
    { name: 'login profile requiring MFA as "1"', type: LOGIN, props: { mfaBindRequired: "1" }, violations: 0 },
  ] as Case[]);
});

const goodTrail = {
  s3BucketName: "trail-logs",
  isMultiRegionTrail: true,
  enableLogFileValidation: true,
};
const management = { field: "eventCategory", equals: ["Management"] };

describe("audit: CloudTrail", () => {
  combinedTable(requireCloudtrailMultiRegionValidation, [
    { name: "multi-region, validated, defaults elsewhere", type: CLOUDTRAIL, props: goodTrail, violations: 0 },
    {
      name: "booleans as strings in any case",
      type: CLOUDTRAIL,
      props: { ...goodTrail, isMultiRegionTrail: "True", enableLogFileValidation: "TRUE", enableLogging: "true" },
      violations: 0,
    },
    {
      name: "logging stopped as False",
      type: CLOUDTRAIL,
      props: { ...goodTrail, enableLogging: "False" },
      violations: 1,
    },
    { name: 'logging stopped as "0"', type: CLOUDTRAIL, props: { ...goodTrail, enableLogging: "0" }, violations: 1 },
    { name: "logging stopped", type: CLOUDTRAIL, props: { ...goodTrail, enableLogging: false }, violations: 1 },
    {
      name: "logging null (the default, on)",
      type: CLOUDTRAIL,
      props: { ...goodTrail, enableLogging: null },
      violations: 0,
    },
    {
      name: "global service events kept, as a string",
      type: CLOUDTRAIL,
      props: { ...goodTrail, includeGlobalServiceEvents: "True" },
      violations: 0,
    },
    { name: "single region", type: CLOUDTRAIL, props: { ...goodTrail, isMultiRegionTrail: false }, violations: 1 },
    {
      name: "multi-region as FALSE",
      type: CLOUDTRAIL,
      props: { ...goodTrail, isMultiRegionTrail: "FALSE" },
      violations: 1,
    },
    {
      name: "no log file validation",
      type: CLOUDTRAIL,
      props: { s3BucketName: "b", isMultiRegionTrail: true },
      violations: 1,
    },
    {
      name: "global service events (IAM, STS, sign-in) dropped",
      type: CLOUDTRAIL,
      props: { ...goodTrail, includeGlobalServiceEvents: false },
      violations: 1,
      mentions: "global services",
    },
    {
      name: "global service events dropped as a string",
      type: CLOUDTRAIL,
      props: { ...goodTrail, includeGlobalServiceEvents: "false" },
      violations: 1,
    },
    {
      name: "management events off as FALSE",
      type: CLOUDTRAIL,
      props: { ...goodTrail, eventSelectors: [{ includeManagementEvents: "FALSE" }] },
      violations: 1,
    },
    {
      name: "write-only selector",
      type: CLOUDTRAIL,
      props: { ...goodTrail, eventSelectors: [{ readWriteType: "WriteOnly" }] },
      violations: 1,
    },
    {
      name: "read-only and write-only selectors together record everything",
      type: CLOUDTRAIL,
      props: { ...goodTrail, eventSelectors: [{ readWriteType: "WriteOnly" }, { readWriteType: "ReadOnly" }] },
      violations: 0,
    },
    {
      name: "KMS events excluded",
      type: CLOUDTRAIL,
      props: { ...goodTrail, eventSelectors: [{ excludeManagementEventSources: ["kms.amazonaws.com"] }] },
      violations: 1,
    },
    {
      name: "advanced selector for management events",
      type: CLOUDTRAIL,
      props: { ...goodTrail, advancedEventSelectors: [{ fieldSelectors: [management] }] },
      violations: 0,
    },
    {
      name: "advanced selector keeping only read events",
      type: CLOUDTRAIL,
      props: {
        ...goodTrail,
        advancedEventSelectors: [{ fieldSelectors: [management, { field: "readOnly", equals: ["true"] }] }],
      },
      violations: 1,
    },
    {
      name: "advanced selector for data events only",
      type: CLOUDTRAIL,
      props: {
        ...goodTrail,
        advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }],
      },
      violations: 1,
    },
    {
      name: "advanced selector excluding an event source",
      type: CLOUDTRAIL,
      props: {
        ...goodTrail,
        advancedEventSelectors: [
          { fieldSelectors: [management, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }] },
        ],
      },
      violations: 1,
    },
    {
      name: "multi-region unknown at preview is a note",
      type: CLOUDTRAIL,
      props: { ...goodTrail, isMultiRegionTrail: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("audit: ActionTrail", () => {
  combinedTable(requireActiontrailAllRegionsEvents, [
    {
      name: "defaults delivering to OSS and SLS",
      type: ACTIONTRAIL,
      props: { ossBucketName: "acme-audit", slsProjectArn: "acs:log:::project/p" },
      violations: 0,
    },
    {
      name: "defaults delivering only to SLS: a logstore can be deleted and takes no WORM lock",
      type: ACTIONTRAIL,
      props: { slsProjectArn: "acs:log:::project/p" },
      violations: 1,
      mentions: "delivers only to SLS",
    },
    {
      name: "two regions in one string",
      type: ACTIONTRAIL,
      props: { trailRegion: "cn-hangzhou,cn-shanghai", ossBucketName: "acme-audit" },
      violations: 1,
    },
    {
      name: "read events only",
      type: ACTIONTRAIL,
      props: { eventRw: "Read", ossBucketName: "acme-audit" },
      violations: 1,
    },
    { name: "disabled", type: ACTIONTRAIL, props: { status: "Disable", ossBucketName: "acme-audit" }, violations: 1 },
    {
      name: "event region unknown is a note",
      type: ACTIONTRAIL,
      props: { trailRegion: UNKNOWN, ossBucketName: "acme-audit" },
      violations: 0,
      notes: 1,
    },
    {
      name: "older resource left at Write",
      type: OLD_TRAIL,
      props: { trailRegion: "All", ossBucketName: "acme-audit" },
      violations: 1,
    },
    {
      name: "older resource recording all",
      type: OLD_TRAIL,
      props: { eventRw: "All", ossBucketName: "acme-audit" },
      violations: 0,
    },
    {
      name: "defaults delivering nowhere: nothing keeps the events",
      type: ACTIONTRAIL,
      props: { trailName: "t" },
      violations: 1,
      mentions: "delivers nowhere",
    },
  ] as Case[]);
});

describe("immutable backups: vault locks", () => {
  table(requireBackupVaultLockCompliance, [
    { name: "compliance lock", type: VAULT_LOCK, props: { changeableForDays: 3, minRetentionDays: 30 }, violations: 0 },
    {
      name: "compliance lock with numbers as strings",
      type: VAULT_LOCK,
      props: { changeableForDays: "3", minRetentionDays: "30" },
      violations: 0,
    },
    {
      name: "grace period of a hundred years: removable like a governance lock",
      type: VAULT_LOCK,
      props: { changeableForDays: 36500, minRetentionDays: 30 },
      violations: 1,
      mentions: "grace period",
    },
    {
      name: "grace period of 30 days",
      type: VAULT_LOCK,
      props: { changeableForDays: 30, minRetentionDays: 30 },
      violations: 0,
    },
    {
      name: "governance lock",
      type: VAULT_LOCK,
      props: { minRetentionDays: 30 },
      violations: 1,
      mentions: "governance",
    },
    { name: "retention 6 days", type: VAULT_LOCK, props: { changeableForDays: 3, minRetentionDays: 6 }, violations: 1 },
    {
      name: "grace period unknown is a note",
      type: VAULT_LOCK,
      props: { changeableForDays: UNKNOWN, minRetentionDays: 30 },
      violations: 0,
      notes: 1,
    },
    { name: "vault forceDestroy as True", type: VAULT, props: { forceDestroy: "True" }, violations: 1 },
    { name: "vault forceDestroy as 0", type: VAULT, props: { forceDestroy: "0" }, violations: 0 },
    { name: "HBR vault WORM as TRUE", type: HBR, props: { vaultName: "v", wormEnabled: "TRUE" }, violations: 0 },
    { name: "HBR vault WORM as false", type: HBR, props: { vaultName: "v", wormEnabled: "false" }, violations: 1 },
  ] as Case[]);

  const vault: StackInput = { type: VAULT, name: "recovery", props: { name: "recovery-vault" } };
  const lockWith = (name: string, props: Record<string, unknown>): StackInput => ({
    type: VAULT_LOCK,
    name,
    props: { backupVaultName: UNKNOWN, minRetentionDays: 30, ...props },
    propertyDependencies: { backupVaultName: [urnOf(VAULT, "recovery")] },
  });
  stackTable(requireLockedBackupVaults, [
    {
      name: "vault with a compliance lock",
      resources: [vault, lockWith("l", { changeableForDays: 3 })],
      violations: 0,
    },
    {
      name: "compliance lock with the days as a string",
      resources: [vault, lockWith("l", { changeableForDays: "3" })],
      violations: 0,
    },
    { name: "vault without a lock", resources: [vault], violations: 1 },
    { name: "vault with only a governance lock", resources: [vault, lockWith("l", {})], violations: 1 },
    {
      name: "governance lock beside a compliance one (the last applied wins)",
      resources: [vault, lockWith("a", { changeableForDays: 3 }), lockWith("b", {})],
      violations: 1,
      mentions: "applied last",
    },
    {
      name: "lock naming another vault",
      resources: [vault, { type: VAULT_LOCK, name: "l", props: { backupVaultName: "other", changeableForDays: 3 } }],
      violations: 1,
    },
    {
      name: "lock linked by the vault's name",
      resources: [
        vault,
        { type: VAULT_LOCK, name: "l", props: { backupVaultName: "recovery-vault", changeableForDays: 3 } },
      ],
      violations: 0,
    },
    {
      name: "lock mode unknown is a note",
      resources: [vault, lockWith("l", { changeableForDays: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("evidence: bucket rule", () => {
  table(requireEvidenceBucketImmutability, [
    {
      name: "evidence bucket with Object Lock",
      type: S3,
      props: { tags: evidenceTags, objectLockEnabled: true },
      violations: 0,
    },
    {
      name: "Object Lock flag as a string",
      type: S3,
      props: { tags: evidenceTags, objectLockEnabled: "true" },
      violations: 0,
    },
    {
      name: "Object Lock left to a BucketObjectLockConfiguration (judged by the stack rule)",
      type: S3,
      props: { bucket: "case-evidence" },
      violations: 0,
    },
    {
      name: "forceDestroy as a string",
      type: S3,
      props: { tags: evidenceTags, objectLockEnabled: true, forceDestroy: "true" },
      violations: 1,
      mentions: "forceDestroy",
    },
    {
      name: "forceDestroy as True on BucketV2",
      type: S3V2,
      props: { bucket: "db-backups", forceDestroy: "True" },
      violations: 1,
    },
    {
      name: "BucketV2 inline GOVERNANCE default retention",
      type: S3V2,
      props: {
        bucket: "db-backups",
        objectLockEnabled: true,
        objectLockConfiguration: { rules: [{ defaultRetentions: [{ mode: "GOVERNANCE", days: 30 }] }] },
      },
      violations: 1,
      mentions: "GOVERNANCE",
    },
    {
      name: "Bucket inline GOVERNANCE default retention",
      type: S3,
      props: {
        bucket: "db-backups",
        objectLockConfiguration: {
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } },
        },
      },
      violations: 1,
    },
    {
      name: "ordinary bucket with forceDestroy",
      type: S3,
      props: { bucket: "web-assets", forceDestroy: "true" },
      violations: 0,
      resourceName: "site",
    },
    {
      name: "OSS evidence bucket forceDestroy as a string",
      type: OSS,
      props: { bucket: "case-evidence", forceDestroy: "true" },
      violations: 1,
    },
    {
      name: "WORM days as a string",
      type: WORM,
      props: { bucket: "b", status: "Locked", retentionPeriodInDays: "180" },
      violations: 0,
    },
    {
      name: "WORM 0 days",
      type: WORM,
      props: { bucket: "b", status: "Locked", retentionPeriodInDays: 0 },
      violations: 1,
    },
    {
      name: "WORM status in lower case never locks",
      type: WORM,
      props: { bucket: "b", status: "locked", retentionPeriodInDays: 180 },
      violations: 1,
    },
  ] as Case[]);
});

describe("evidence: S3 default retention across the stack", () => {
  const bucket: StackInput = { type: S3, name: "vault", props: { tags: evidenceTags, objectLockEnabled: true } };
  const lockOf = (name: string, defaultRetention: unknown, of: StackInput = bucket): StackInput => ({
    type: S3_LOCK,
    name,
    props: { bucket: UNKNOWN, rule: { defaultRetention } },
    propertyDependencies: { bucket: [urnOf(of.type, of.name)] },
  });
  const compliant = { mode: "COMPLIANCE", days: 30 };
  const trailBucket: StackInput = { type: S3, name: "trail-logs", props: { bucket: "acme-trail-logs" } };
  const trailTo = (b: StackInput): StackInput => ({
    type: CLOUDTRAIL,
    name: "trail",
    props: { s3BucketName: UNKNOWN, isMultiRegionTrail: true },
    propertyDependencies: { s3BucketName: [urnOf(b.type, b.name)] },
  });
  stackTable(requireEvidenceS3DefaultRetention, [
    { name: "COMPLIANCE 30 days", resources: [bucket, lockOf("l", compliant)], violations: 0 },
    { name: "days as a string", resources: [bucket, lockOf("l", { mode: "COMPLIANCE", days: "30" })], violations: 0 },
    { name: "one year", resources: [bucket, lockOf("l", { mode: "COMPLIANCE", years: 1 })], violations: 0 },
    {
      name: "Object Lock enabled only by the lock configuration (the provider's documented form)",
      resources: [{ type: S3, name: "vault", props: { bucket: "case-evidence" } }, lockOf("l", compliant)],
      violations: 0,
    },
    { name: "Object Lock on but no default retention", resources: [bucket], violations: 1 },
    { name: "GOVERNANCE", resources: [bucket, lockOf("l", { mode: "GOVERNANCE", days: 30 })], violations: 1 },
    { name: "COMPLIANCE for a week", resources: [bucket, lockOf("l", { mode: "COMPLIANCE", days: 7 })], violations: 1 },
    {
      name: "a weak lock configuration beside a compliant one (the last applied wins)",
      resources: [bucket, lockOf("a", compliant), lockOf("b", { mode: "GOVERNANCE", days: 1 })],
      violations: 1,
      mentions: "applied last",
    },
    {
      name: "compliant inline retention overridden by a separate configuration without a rule",
      resources: [
        {
          ...bucket,
          props: {
            ...bucket.props,
            objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: compliant } },
          },
        },
        {
          type: S3_LOCK,
          name: "l",
          props: { bucket: UNKNOWN },
          propertyDependencies: { bucket: [urnOf(S3, "vault")] },
        },
      ],
      violations: 1,
    },
    {
      name: "an unmarked bucket a CloudTrail trail writes to holds evidence",
      resources: [trailBucket, trailTo(trailBucket)],
      violations: 1,
      urn: urnOf(S3, "trail-logs"),
    },
    {
      name: "trail bucket with a COMPLIANCE retention of 180 days",
      resources: [trailBucket, trailTo(trailBucket), lockOf("l", { mode: "COMPLIANCE", days: 180 }, trailBucket)],
      violations: 0,
    },
    {
      name: "trail bucket kept one year",
      resources: [trailBucket, trailTo(trailBucket), lockOf("l", { mode: "COMPLIANCE", years: 1 }, trailBucket)],
      violations: 0,
    },
    {
      name: "trail bucket kept 30 days: audit logs gone before six months",
      resources: [trailBucket, trailTo(trailBucket), lockOf("l", compliant, trailBucket)],
      violations: 1,
      mentions: "30 days, less than the minimum of 180",
      urn: urnOf(S3, "trail-logs"),
    },
    {
      name: "trail bucket's minimum lowered in config",
      resources: [trailBucket, trailTo(trailBucket), lockOf("l", compliant, trailBucket)],
      violations: 0,
      config: { minTrailRetentionDays: 30 },
    },
    {
      name: "trail bucket linked by name after deployment",
      resources: [trailBucket, { type: CLOUDTRAIL, name: "t", props: { s3BucketName: "acme-trail-logs" } }],
      violations: 1,
    },
    {
      name: "ordinary bucket no trail writes to",
      resources: [{ type: S3, name: "site", props: { bucket: "web-assets" } }, trailTo(trailBucket)],
      violations: 0,
      // The trail's own bucket is not in this stack: its lock cannot be judged.
      notes: 1,
    },
    {
      name: "mode unknown is a note",
      resources: [bucket, lockOf("l", { mode: UNKNOWN, days: 30 })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("evidence: OSS WORM across the stack", () => {
  const bucket: StackInput = { type: OSS, name: "backups", props: { bucket: "acme-backup" } };
  const linked = (b: StackInput, field: string) => ({ [field]: [urnOf(b.type, b.name)] });
  const worm = (days: unknown, b: StackInput = bucket): StackInput => ({
    type: WORM,
    name: "worm",
    props: { bucket: UNKNOWN, status: "Locked", retentionPeriodInDays: days },
    propertyDependencies: linked(b, "bucket"),
  });
  const objectWorm = (props: Record<string, unknown>): StackInput => ({
    type: OBJECT_WORM,
    name: "object-worm",
    props: { bucketName: UNKNOWN, objectWormEnabled: "Enabled", ...props },
    propertyDependencies: linked(bucket, "bucketName"),
  });
  const compliance = (days: unknown) => ({ rule: { defaultRetention: { mode: "COMPLIANCE", days } } });
  const trailBucket: StackInput = { type: OSS, name: "audit-logs", props: { bucket: "acme-audit" } };
  stackTable(requireEvidenceOssWorm, [
    { name: "WORM policy of a year", resources: [bucket, worm(365)], violations: 0 },
    { name: "WORM days as a string", resources: [bucket, worm("365")], violations: 0 },
    { name: "WORM policy of a week", resources: [bucket, worm(7)], violations: 1 },
    { name: "no WORM at all", resources: [bucket], violations: 1 },
    { name: "object-level WORM, COMPLIANCE 30 days", resources: [bucket, objectWorm(compliance(30))], violations: 0 },
    {
      name: "object-level WORM counted in years",
      resources: [bucket, objectWorm({ rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } })],
      violations: 0,
    },
    { name: "object-level WORM of one day", resources: [bucket, objectWorm(compliance(1))], violations: 1 },
    {
      name: "object-level WORM switched off",
      resources: [bucket, objectWorm({ objectWormEnabled: "Disabled", ...compliance(30) })],
      violations: 1,
    },
    { name: "object-level WORM without a default retention", resources: [bucket, objectWorm({})], violations: 1 },
    {
      // One retention policy per bucket applies, the one created last: each must meet the minimum.
      name: "a short object-level WORM beside a long WORM policy",
      resources: [bucket, worm(365), objectWorm(compliance(1))],
      violations: 1,
    },
    {
      name: "object-level WORM days unknown is a note",
      resources: [bucket, objectWorm(compliance(UNKNOWN))],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unmarked bucket an ActionTrail trail writes to holds evidence",
      resources: [
        trailBucket,
        {
          type: ACTIONTRAIL,
          name: "trail",
          props: { ossBucketName: UNKNOWN },
          propertyDependencies: linked(trailBucket, "ossBucketName"),
        },
      ],
      violations: 1,
    },
    {
      name: "an older ActionTrail resource's bucket, linked by name",
      resources: [
        trailBucket,
        { type: OLD_TRAIL, name: "trail", props: { ossBucketName: "acme-audit", eventRw: "All" } },
      ],
      violations: 1,
    },
    {
      name: "trail bucket with a WORM policy",
      resources: [
        trailBucket,
        { type: ACTIONTRAIL, name: "trail", props: { ossBucketName: "acme-audit" } },
        worm(365, trailBucket),
      ],
      violations: 0,
    },
    {
      name: "trail bucket with a 30-day WORM policy: audit logs gone before six months",
      resources: [
        trailBucket,
        { type: ACTIONTRAIL, name: "trail", props: { ossBucketName: "acme-audit" } },
        worm(30, trailBucket),
      ],
      violations: 1,
      mentions: "30 days, less than the minimum of 180",
    },
    {
      name: "trail bucket with a 180-day object-level WORM",
      resources: [
        trailBucket,
        { type: ACTIONTRAIL, name: "trail", props: { ossBucketName: "acme-audit" } },
        { ...objectWorm(compliance(180)), propertyDependencies: linked(trailBucket, "bucketName") },
      ],
      violations: 0,
    },
    {
      name: "trail bucket with a 30-day object-level WORM",
      resources: [
        trailBucket,
        { type: ACTIONTRAIL, name: "trail", props: { ossBucketName: "acme-audit" } },
        { ...objectWorm(compliance(30)), propertyDependencies: linked(trailBucket, "bucketName") },
      ],
      violations: 1,
      mentions: "less than the minimum of 180",
    },
    {
      name: "evidence bucket no trail writes to keeps the general minimum",
      resources: [bucket, worm(30), { type: ACTIONTRAIL, name: "trail", props: { ossBucketName: "acme-audit" } }],
      violations: 0,
      // The trail's own bucket is not in this stack: its WORM lock cannot be judged.
      notes: 1,
    },
  ]);
});

const wl = (...entries: unknown[]) => ({ securityIps: entries });

describe("databases: whitelists and public endpoints", () => {
  table(disallowPublicManagedDatabases, [
    { name: "RDS whitelist 0.0.0.0/0", type: ALI_RDS, props: wl("0.0.0.0/0"), violations: 1 },
    { name: "RDS whitelist 0.0.0.0", type: ALI_RDS, props: wl("0.0.0.0"), violations: 1 },
    { name: "RDS whitelist %", type: ALI_RDS, props: wl("%"), violations: 1 },
    { name: "RDS whitelist *.*.*.*", type: ALI_RDS, props: wl("*.*.*.*"), violations: 1, mentions: "*.*.*.*" },
    { name: "RDS whitelist %.%.%.%", type: ALI_RDS, props: wl("%.%.%.%"), violations: 1 },
    { name: "RDS whitelist private wildcard 10.%.%.%", type: ALI_RDS, props: wl("10.%.%.%"), violations: 0 },
    { name: "RDS whitelist public wildcard 47.%.%.%", type: ALI_RDS, props: wl("47.%.%.%"), violations: 1 },
    { name: "RDS comma list with spaces", type: ALI_RDS, props: wl("10.0.0.0/8, 0.0.0.0/0"), violations: 1 },
    { name: "RDS blank-separated list", type: ALI_RDS, props: wl("10.0.0.0/8 0.0.0.0/0"), violations: 1 },
    { name: "RDS semicolon-separated list", type: ALI_RDS, props: wl("10.0.0.0/8;0.0.0.0/0"), violations: 1 },
    { name: "RDS newline-separated list", type: ALI_RDS, props: wl("10.0.0.0/8\n0.0.0.0/0"), violations: 1 },
    { name: "RDS host bits on a /0", type: ALI_RDS, props: wl("1.2.3.4/0"), violations: 1 },
    { name: "RDS internet in two halves", type: ALI_RDS, props: wl("0.0.0.0/1", "128.0.0.0/1"), violations: 1 },
    { name: "RDS IPv6 ::/0", type: ALI_RDS, props: wl("::/0"), violations: 1 },
    { name: "RDS IPv6 written out", type: ALI_RDS, props: wl("0:0:0:0:0:0:0:0/0"), violations: 1 },
    { name: "RDS all global unicast IPv6", type: ALI_RDS, props: wl("2000::/3"), violations: 1 },
    { name: "RDS IPv6 host", type: ALI_RDS, props: wl("2408:4000::1"), violations: 0 },
    { name: "RDS IPv6 unique local", type: ALI_RDS, props: wl("fd00::/8"), violations: 0 },
    { name: "RDS carrier-grade NAT (Alibaba services)", type: ALI_RDS, props: wl("100.64.0.0/10"), violations: 0 },
    { name: "RDS VPC ranges", type: ALI_RDS, props: wl("10.0.0.0/8", "172.16.0.0/12"), violations: 0 },
    { name: "RDS exact public host", type: ALI_RDS, props: wl("47.96.1.10"), violations: 0 },
    { name: "RDS empty entry", type: ALI_RDS, props: wl(""), violations: 0 },
    {
      name: "RDS known open entry beside an unknown one",
      type: ALI_RDS,
      props: wl("0.0.0.0/0", UNKNOWN),
      violations: 1,
    },
    {
      name: "RDS private entry beside an unknown one is a note",
      type: ALI_RDS,
      props: wl("10.0.0.0/8", UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "RDS whitelist unknown is a note",
      type: ALI_RDS,
      props: { securityIps: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    // The provider creates the instance with securityIps as its whitelist whatever modifyMode says.
    {
      name: "RDS modifyMode Delete still opens a new instance",
      type: ALI_RDS,
      props: { securityIps: ["0.0.0.0/0"], modifyMode: "Delete" },
      violations: 1,
    },
    {
      name: "Tair whitelist string with spaces",
      type: TAIR,
      props: { securityIps: "10.0.0.1, 0.0.0.0/0" },
      violations: 1,
    },
    { name: "Redis whitelist as a bare string", type: KVSTORE, props: { securityIps: "0.0.0.0/0" }, violations: 1 },
    {
      name: "PolarDB group appending an open entry",
      type: POLARDB,
      props: { dbClusterIpArrays: [{ dbClusterIpArrayName: "g", securityIps: ["0.0.0.0/0"], modifyMode: "Append" }] },
      violations: 1,
    },
    {
      name: "MongoDB group with a semicolon list",
      type: MONGO,
      props: { securityIpGroups: [{ securityIpGroupName: "g", securityIpList: "10.0.0.0/8;0.0.0.0/0" }] },
      violations: 1,
    },
    {
      name: "Lindorm V2 whitelist group open",
      type: LINDORM_V2,
      props: { whiteIpLists: [{ groupName: "default", ipList: "10.0.0.0/8,0.0.0.0/0" }] },
      violations: 1,
    },
    {
      name: "Lindorm V2 whitelist group on the VPC",
      type: LINDORM_V2,
      props: { whiteIpLists: [{ groupName: "default", ipList: "192.168.0.0/16" }] },
      violations: 0,
    },
    {
      name: "Lindorm V2 whitelist groups unknown is a note",
      type: LINDORM_V2,
      props: { whiteIpLists: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "RDS whitelist template",
      type: RDS_TEMPLATE,
      props: { ipWhiteList: "10.0.0.0/8,0.0.0.0/0" },
      violations: 1,
    },
    {
      name: "Elasticsearch public endpoint as a string flag",
      type: ELASTICSEARCH,
      props: { enablePublic: "true", publicWhitelists: ["0.0.0.0/0"], enableKibanaPublicNetwork: false },
      violations: 1,
    },
    { name: "AWS RDS public as True", type: RDS, props: { publiclyAccessible: "True" }, violations: 1 },
    { name: 'AWS RDS public as "1"', type: RDS, props: { publiclyAccessible: "1" }, violations: 1 },
    { name: "AWS RDS private as a string", type: RDS, props: { publiclyAccessible: "false" }, violations: 0 },
    {
      name: "OpenSearch domain open to AWS principal * with no condition",
      type: OPENSEARCH,
      props: {
        accessPolicies: JSON.stringify({
          Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "es:*", Resource: "*" }],
        }),
      },
      violations: 1,
    },
    {
      name: "OpenSearch domain whose SourceIp is the IPv6 internet",
      type: OPENSEARCH,
      props: {
        accessPolicies: {
          Statement: {
            Effect: "Allow",
            Principal: "*",
            Action: "es:ESHttpGet",
            Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.10/32", "::/0"] } },
          },
        },
      },
      violations: 1,
    },
    {
      name: "OpenSearch domain in a VPC",
      type: OPENSEARCH,
      props: {
        vpcOptions: { subnetIds: ["subnet-1"] },
        accessPolicies: { Statement: [{ Effect: "Allow", Principal: "*", Action: "es:*" }] },
      },
      violations: 0,
    },
  ] as Case[]);
});
