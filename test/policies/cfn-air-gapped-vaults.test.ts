// A CloudFormation AWS::Backup::LogicallyAirGappedBackupVault is judged as the program's
// aws.backup.LogicallyAirGappedVault: its MinRetentionDays against the configured minimum, its AccessPolicy as a vault
// policy, and a plan writing to it by `Ref` or `Fn::GetAtt` writes to a vault of the stack (always locked), within its
// retention bounds.
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { Case, table, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, rule as catalogRule } from "./templates-fixtures";

const requireBackupVaultLockCompliance = catalogRule("require-backup-vault-lock-compliance");
const stack = stacksNamed("backups");
const STACK_URN = urnOf(CFN_STACK, "backups");

const airGapped = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::Backup::LogicallyAirGappedBackupVault",
  Properties: { BackupVaultName: "acme-airgap", MinRetentionDays: 7, MaxRetentionDays: 365, ...props },
});
const planRule = (target: unknown, fields: Record<string, unknown> = {}) => ({
  RuleName: "daily",
  TargetBackupVault: target,
  ScheduleExpression: "cron(0 3 * * ? *)",
  Lifecycle: { DeleteAfterDays: 35 },
  ...fields,
});
const plan = (...rules: unknown[]) => ({
  Type: "AWS::Backup::BackupPlan",
  Properties: { BackupPlan: { BackupPlanName: "nightly", BackupPlanRule: rules } },
});
const inStack = (resources: Parameters<typeof cfn>[0]) => stack(CFN_STACK, cfn(resources));
/** A source vault the copy actions start from, locked like the air-gapped one. */
const lockedSource = {
  Type: "AWS::Backup::BackupVault",
  Properties: {
    BackupVaultName: "acme-source",
    LockConfiguration: { ChangeableForDays: 3, MinRetentionDays: 7, MaxRetentionDays: 365 },
  },
};
const OPEN_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" }],
};

describe("require-backup-vault-lock-compliance reads CloudFormation logically air-gapped vaults", () => {
  const row = (
    name: string,
    resources: Parameters<typeof cfn>[0],
    violations: number,
    more: Partial<Case> = {},
  ): Case => ({
    name,
    type: CFN_STACK,
    props: { templateBody: cfn(resources) },
    violations,
    ...more,
  });
  table(requireBackupVaultLockCompliance, [
    row("an air-gapped vault keeping recovery points one day", { AirGap: airGapped({ MinRetentionDays: 1 }) }, 1, {
      mentions: "template resource AirGap (AWS::Backup::LogicallyAirGappedBackupVault): minRetentionDays is 1",
    }),
    row("an air-gapped vault keeping them the minimum", { AirGap: airGapped() }, 0),
  ]);
});

describe("require-locked-backup-vaults reads CloudFormation logically air-gapped vaults", () => {
  stackTable(requireLockedBackupVaults, [
    // Known bad.
    {
      name: "a plan keeping 3 days in an air-gapped vault of at least 7, by Ref",
      resources: [
        inStack({
          AirGap: airGapped(),
          Plan: plan(planRule({ Ref: "AirGap" }, { Lifecycle: { DeleteAfterDays: 3 } })),
        }),
      ],
      violations: 1,
      urn: STACK_URN,
      mentions: "keeps them at least 7 days (minRetentionDays), but lifecycle.deleteAfter is 3",
    },
    {
      name: "a copy action by GetAtt BackupVaultArn kept longer than the air-gapped vault's maximum",
      resources: [
        inStack({
          AirGap: airGapped(),
          Source: lockedSource,
          Plan: plan(
            planRule("acme-source", {
              CopyActions: [
                {
                  DestinationBackupVaultArn: { "Fn::GetAtt": ["AirGap", "BackupVaultArn"] },
                  Lifecycle: { DeleteAfterDays: 400 },
                },
              ],
            }),
          ),
        }),
      ],
      violations: 1,
      mentions: "keeps them at most 365 days (maxRetentionDays), but lifecycle.deleteAfter is 400",
    },
    {
      name: "an air-gapped vault's AccessPolicy letting everyone delete recovery points",
      resources: [inStack({ AirGap: airGapped({ AccessPolicy: OPEN_POLICY }) })],
      violations: 1,
      urn: STACK_URN,
      mentions: "backup:DeleteRecoveryPoint",
    },
    // Known good: a vault of the stack, not a note on a vault outside it.
    {
      name: "a plan writing to the air-gapped vault by Ref",
      resources: [inStack({ AirGap: airGapped(), Plan: plan(planRule({ Ref: "AirGap" })) })],
      violations: 0,
    },
    {
      name: "a copy action to the air-gapped vault by GetAtt BackupVaultArn",
      resources: [
        inStack({
          AirGap: airGapped(),
          Source: lockedSource,
          Plan: plan(
            planRule("acme-source", {
              CopyActions: [
                {
                  DestinationBackupVaultArn: { "Fn::GetAtt": ["AirGap", "BackupVaultArn"] },
                  Lifecycle: { DeleteAfterDays: 35 },
                },
              ],
            }),
          ),
        }),
      ],
      violations: 0,
    },
    {
      name: "a plan writing to the air-gapped vault by its spelled-out name",
      resources: [inStack({ AirGap: airGapped(), Plan: plan(planRule("acme-airgap")) })],
      violations: 0,
    },
  ]);
});
