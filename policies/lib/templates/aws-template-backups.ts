// CloudFormation AWS Backup vaults and plans, translated to the Pulumi AWS provider's shapes the backup rules read: a
// vault, its inline LockConfiguration and AccessPolicy as a lock configuration and a vault policy of their own (as the
// provider splits them) naming the vault, a logically air-gapped vault (its retention bounds its lock's) with its
// AccessPolicy, and a plan's rules with their target vault, lifecycle and copy actions.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, templateBlock, Translation } from "./embedded-resource";
import { isTemplateReference } from "./template-references";

/**
 * What the vault's lock and policy name it by: its BackupVaultName when the template spells it out, else the
 * reference to the vault itself, which links to the vault's id (a name from a parameter or `Fn::Sub` of the stack's
 * name is only known at deployment, and a lock of a template vault can only be that vault's).
 */
function vaultNaming(name: unknown, self: string): unknown {
  return typeof name === "string" && !isUnknown(name) && !isTemplateReference(name) ? name : self;
}

/** Left out, ChangeableForDays makes a governance-mode lock, as the provider's changeableForDays does. */
const lockProps = (lock: Record<string, unknown>, vaultName: unknown) =>
  defined({
    backupVaultName: vaultName,
    changeableForDays: lock.ChangeableForDays,
    minRetentionDays: lock.MinRetentionDays,
    maxRetentionDays: lock.MaxRetentionDays,
  });

/** A LockConfiguration unknown at preview (an undecided `Fn::If`) is a lock whose every setting is unknown. */
const UNKNOWN_LOCK = { ChangeableForDays: UNKNOWN, MinRetentionDays: UNKNOWN, MaxRetentionDays: UNKNOWN };

const vault: Translation = (read, self) => {
  const name = read("BackupVaultName");
  const naming = vaultNaming(name, self);
  const lock = read("LockConfiguration");
  const policy = read("AccessPolicy");
  return [
    {
      type: "aws:backup/vault:Vault",
      props: defined({ name, kmsKeyArn: read("EncryptionKeyArn"), tags: read("BackupVaultTags") }),
    },
    ...(lock === undefined || lock === null
      ? []
      : [
          {
            type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
            props: lockProps(isUnknown(lock) ? UNKNOWN_LOCK : (obj(lock) ?? {}), naming),
            where: "LockConfiguration",
          },
        ]),
    ...(policy === undefined || policy === null
      ? []
      : [
          {
            type: "aws:backup/vaultPolicy:VaultPolicy",
            props: { backupVaultName: naming, policy },
            where: "AccessPolicy",
          },
        ]),
  ];
};

/**
 * A logically air-gapped vault is always locked in compliance mode, its MinRetentionDays and MaxRetentionDays the
 * lock's bounds (the provider's minRetentionDays and maxRetentionDays); its AccessPolicy is a vault policy of its own.
 */
const airGappedVault: Translation = (read, self) => {
  const name = read("BackupVaultName");
  const policy = read("AccessPolicy");
  return [
    {
      type: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
      props: defined({
        name,
        minRetentionDays: read("MinRetentionDays"),
        maxRetentionDays: read("MaxRetentionDays"),
        tags: read("BackupVaultTags"),
      }),
    },
    ...(policy === undefined || policy === null
      ? []
      : [
          {
            type: "aws:backup/vaultPolicy:VaultPolicy",
            props: { backupVaultName: vaultNaming(name, self), policy },
            where: "AccessPolicy",
          },
        ]),
  ];
};

/** `Lifecycle` ({ DeleteAfterDays, MoveToColdStorageAfterDays }) as the provider's `lifecycle` block. */
const lifecycle = (value: unknown): unknown =>
  templateBlock(value, (l) =>
    defined({
      deleteAfter: l.DeleteAfterDays,
      coldStorageAfter: l.MoveToColdStorageAfterDays,
      optInToArchiveForSupportedResources: l.OptInToArchiveForSupportedResources,
    }),
  );

function copyActions(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((action) =>
    isUnknown(action)
      ? UNKNOWN
      : defined({
          destinationVaultArn: obj(action)?.DestinationBackupVaultArn,
          lifecycle: lifecycle(obj(action)?.Lifecycle),
        }),
  );
}

/** One `BackupPlanRule` entry as a `rules` entry of `aws.backup.Plan`; one unknown at preview stays unknown. */
function planRule(rule: unknown): unknown {
  if (isUnknown(rule)) return UNKNOWN;
  const r = obj(rule) ?? {};
  return defined({
    ruleName: r.RuleName,
    targetVaultName: r.TargetBackupVault,
    schedule: r.ScheduleExpression,
    enableContinuousBackup: r.EnableContinuousBackup,
    lifecycle: lifecycle(r.Lifecycle),
    copyActions: copyActions(r.CopyActions),
  });
}

const plan: Translation = (read) => {
  const rules = read(["BackupPlan", "BackupPlanRule"]);
  return [
    {
      type: "aws:backup/plan:Plan",
      props: defined({
        name: read(["BackupPlan", "BackupPlanName"]),
        rules: rules === undefined || isUnknown(rules) ? rules : list(rules).map(planRule),
        tags: read("BackupPlanTags"),
      }),
    },
  ];
};

export const AWS_BACKUP_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::Backup::BackupVault", vault],
  ["AWS::Backup::LogicallyAirGappedBackupVault", airGappedVault],
  ["AWS::Backup::BackupPlan", plan],
]);
