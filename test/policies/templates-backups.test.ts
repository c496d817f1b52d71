// AWS Backup vaults and plans declared in CloudFormation templates are judged as the program's are: a template vault
// needs a compliance-mode LockConfiguration keeping recovery points the minimum, a template plan keeps them that long
// and targets a locked vault; `{"Ref": vault}` names the template's vault, whatever its name.
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { Case, run, runStack, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, CFN_STACK_SET, rule as catalogRule } from "./templates-fixtures";

/** The rule as the pack runs it, reading templates. */
const requireBackupVaultLockCompliance = catalogRule("require-backup-vault-lock-compliance");
const stack = stacksNamed("backups");
const STACK_URN = urnOf(CFN_STACK, "backups");
/** Condition C, on a parameter without a value: undecided at preview. */
const UNDECIDED = {
  Parameters: { Env: { Type: "String" } },
  Conditions: { C: { "Fn::Equals": [{ Ref: "Env" }, "x"] } },
};
const COMPLIANCE = { ChangeableForDays: 3, MinRetentionDays: 7, MaxRetentionDays: 365 };
const vault = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::Backup::BackupVault",
  Properties: { BackupVaultName: "acme-recovery", ...props },
});
const lockedVault = (lock: Record<string, unknown> = COMPLIANCE) => vault({ LockConfiguration: lock });
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
const inStack = (resources: Parameters<typeof cfn>[0], extra: Record<string, unknown> = {}, props = {}) =>
  stack(CFN_STACK, cfn(resources, extra), props);
const resourceRow = (name: string, body: string, violations: number, more: Partial<Case> = {}): Case => ({
  name,
  type: CFN_STACK,
  props: { templateBody: body },
  violations,
  ...more,
});

describe("require-backup-vault-lock-compliance reads CloudFormation backup vaults and plans", () => {
  table(requireBackupVaultLockCompliance, [
    // Known bad.
    resourceRow("a vault locked one day", cfn({ Vault: lockedVault({ ...COMPLIANCE, MinRetentionDays: 1 }) }), 1, {
      mentions: "template resource Vault (AWS::Backup::BackupVault) LockConfiguration: minRetentionDays is 1",
    }),
    resourceRow(
      "a LockConfiguration without ChangeableForDays (governance mode)",
      cfn({ Vault: lockedVault({ MinRetentionDays: 30 }) }),
      1,
      { mentions: "governance mode" },
    ),
    resourceRow(
      "a plan keeping recovery points one day",
      cfn({ Vault: lockedVault(), Plan: plan(planRule({ Ref: "Vault" }, { Lifecycle: { DeleteAfterDays: 1 } })) }),
      1,
      { mentions: "template resource Plan (AWS::Backup::BackupPlan): rules[0] (daily).lifecycle.deleteAfter is 1" },
    ),
    resourceRow(
      "a plan copying to a vault whose copies are kept three days",
      cfn({
        Plan: plan(
          planRule("acme-recovery", {
            CopyActions: [
              {
                DestinationBackupVaultArn: "arn:aws:backup:eu-west-1:1:backup-vault:x",
                Lifecycle: { DeleteAfterDays: 3 },
              },
            ],
          }),
        ),
      }),
      1,
      { mentions: "copyActions[0].lifecycle.deleteAfter is 3" },
    ),
    resourceRow(
      "DeleteAfterDays from a parameter defaulting to 1",
      cfn(
        { Plan: plan(planRule("acme-recovery", { Lifecycle: { DeleteAfterDays: { Ref: "Days" } } })) },
        { Parameters: { Days: { Type: "Number", Default: 1 } } },
      ),
      1,
    ),
    // Known good.
    resourceRow(
      "a locked vault and a plan keeping 35 days in it",
      cfn({ Vault: lockedVault(), Plan: plan(planRule({ Ref: "Vault" })) }),
      0,
    ),
    resourceRow("a vault without a lock (require-locked-backup-vaults flags it)", cfn({ Vault: vault() }), 0),
    resourceRow(
      "a plan rule without a lifecycle keeps recovery points forever",
      cfn({ Plan: plan(planRule("v", { Lifecycle: undefined })) }),
      0,
    ),
    // Unknown at preview.
    resourceRow(
      "MinRetentionDays from a parameter without a value is a note",
      cfn(
        { Vault: lockedVault({ ...COMPLIANCE, MinRetentionDays: { Ref: "Min" } }) },
        { Parameters: { Min: { Type: "Number" } } },
      ),
      0,
      { notes: 1 },
    ),
    resourceRow(
      "a LockConfiguration behind an undecided condition: its settings are notes",
      cfn({ Vault: vault({ LockConfiguration: { "Fn::If": ["C", COMPLIANCE, { Ref: "AWS::NoValue" }] } }) }, UNDECIDED),
      0,
      { notes: 2 },
    ),
    resourceRow(
      "rules from an undecided condition are a note",
      cfn(
        {
          Plan: {
            Type: "AWS::Backup::BackupPlan",
            Properties: { BackupPlan: { BackupPlanName: "p", BackupPlanRule: { "Fn::If": ["C", [], []] } } },
          },
        },
        UNDECIDED,
      ),
      0,
      { notes: 1 },
    ),
    resourceRow(
      "a copy action from an undecided condition is a note",
      cfn(
        { Plan: plan(planRule("v", { CopyActions: [{ "Fn::If": ["C", { DestinationBackupVaultArn: "a" }, {}] }] })) },
        UNDECIDED,
      ),
      0,
      { notes: 1 },
    ),
  ]);

  it("reads YAML templates with short-form functions, and StackSets", async () => {
    const yaml = [
      "Parameters:",
      "  Days: { Type: Number, Default: 2 }",
      "Resources:",
      "  Vault:",
      "    Type: AWS::Backup::BackupVault",
      "    Properties:",
      "      BackupVaultName: !Sub '${AWS::StackName}-vault'",
      "      LockConfiguration: { MinRetentionDays: 30 }",
      "  Plan:",
      "    Type: AWS::Backup::BackupPlan",
      "    Properties:",
      "      BackupPlan:",
      "        BackupPlanName: nightly",
      "        BackupPlanRule:",
      "          - { RuleName: daily, TargetBackupVault: !Ref Vault, Lifecycle: { DeleteAfterDays: !Ref Days } }",
    ].join("\n");
    const lockFinding = expect.stringContaining(
      "template resource Vault (AWS::Backup::BackupVault) LockConfiguration: changeableForDays is not set",
    );
    const stackFindings = await run(requireBackupVaultLockCompliance, CFN_STACK, { templateBody: yaml });
    expect(stackFindings.map((d) => d.message.split("\n").pop())).toEqual([
      lockFinding,
      expect.stringContaining(
        "template resource Plan (AWS::Backup::BackupPlan): rules[0] (daily).lifecycle.deleteAfter is 2: recovery points are deleted after 2 days",
      ),
    ]);
    // A StackSet's instances may override the parameter's default: the days are only known at deployment.
    const setFindings = await run(requireBackupVaultLockCompliance, CFN_STACK_SET, { templateBody: yaml });
    expect(setFindings.map((d) => d.message.split("\n").pop())).toEqual([
      lockFinding,
      expect.stringMatching(/^cannot be verified at preview: template resource Plan .*deleteAfter is unknown/),
    ]);
  });
});

describe("require-locked-backup-vaults reads CloudFormation backup vaults and plans", () => {
  const PROGRAM_VAULT = "aws:backup/vault:Vault";
  const PROGRAM_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
  const programVault: StackInput = { type: PROGRAM_VAULT, name: "recovery", props: { name: "acme-program-vault" } };
  const programLock = (backupVaultName: string): StackInput => ({
    type: PROGRAM_LOCK,
    name: "recovery-lock",
    props: { backupVaultName, changeableForDays: 3, minRetentionDays: 7 },
  });

  stackTable(requireLockedBackupVaults, [
    // Known bad.
    {
      name: "a template vault without a LockConfiguration",
      resources: [inStack({ Vault: vault() })],
      violations: 1,
      urn: STACK_URN,
      mentions: "template resource Vault (AWS::Backup::BackupVault): backup vault backups/Vault has no vault lock",
    },
    {
      name: "a template vault whose LockConfiguration has no ChangeableForDays (governance mode)",
      resources: [inStack({ Vault: lockedVault({ MinRetentionDays: 30 }) })],
      violations: 1,
      urn: STACK_URN,
      mentions: "has only a governance-mode lock",
    },
    {
      name: "a template plan writing by Ref to its unlocked template vault: the vault is flagged, once",
      resources: [inStack({ Vault: vault(), Plan: plan(planRule({ Ref: "Vault" })) })],
      violations: 1,
      mentions: "backup vault backups/Vault has no vault lock",
    },
    {
      name: "an AccessPolicy letting everyone delete recovery points",
      resources: [
        inStack({
          Vault: vault({
            LockConfiguration: COMPLIANCE,
            AccessPolicy: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" }],
            },
          }),
        }),
      ],
      violations: 1,
      urn: STACK_URN,
      mentions: "backup:DeleteRecoveryPoint",
    },
    // Known good.
    {
      name: "a locked template vault and a plan writing to it by Ref",
      resources: [inStack({ Vault: lockedVault(), Plan: plan(planRule({ Ref: "Vault" })) })],
      violations: 0,
    },
    {
      name: "a vault named only at deployment (Fn::Sub of the stack name), locked, and a plan to it by Ref",
      resources: [
        inStack({
          Vault: vault({ BackupVaultName: { "Fn::Sub": "${AWS::StackName}-vault" }, LockConfiguration: COMPLIANCE }),
          Plan: plan(planRule({ Ref: "Vault" })),
        }),
      ],
      violations: 0,
    },
    {
      name: "a plan writing to its locked template vault by name",
      resources: [inStack({ Vault: lockedVault(), Plan: plan(planRule("acme-recovery")) })],
      violations: 0,
    },
    {
      name: "a template vault locked by a lock configuration of the program, named as the vault",
      resources: [inStack({ Vault: vault() }), programLock("acme-recovery")],
      violations: 0,
    },
    {
      name: "a template plan writing to a locked program vault by name",
      resources: [
        programVault,
        programLock("acme-program-vault"),
        inStack({ Plan: plan(planRule("acme-program-vault")) }),
      ],
      violations: 0,
    },
    {
      name: "a template plan writing to a locked program vault through a parameter the program feeds",
      resources: [
        programVault,
        programLock("acme-program-vault"),
        stack(
          CFN_STACK,
          cfn({ Plan: plan(planRule({ Ref: "VaultName" })) }, { Parameters: { VaultName: { Type: "String" } } }),
          { parameters: { VaultName: UNKNOWN } },
          { propertyDependencies: { parameters: [urnOf(PROGRAM_VAULT, "recovery")] } },
        ),
      ],
      violations: 0,
    },
    // Tricky and unknown at preview.
    {
      name: "a template plan writing to an unlocked program vault through a fed parameter: the vault is flagged",
      resources: [
        programVault,
        stack(
          CFN_STACK,
          cfn({ Plan: plan(planRule({ Ref: "VaultName" })) }, { Parameters: { VaultName: { Type: "String" } } }),
          { parameters: { VaultName: UNKNOWN } },
          { propertyDependencies: { parameters: [urnOf(PROGRAM_VAULT, "recovery")] } },
        ),
      ],
      violations: 1,
      urn: urnOf(PROGRAM_VAULT, "recovery"),
    },
    {
      name: "a template plan writing to the account's Default vault is a note",
      resources: [inStack({ Plan: plan(planRule("Default")) })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the Default vault fails closed when configured",
      resources: [inStack({ Plan: plan(planRule("Default")) })],
      violations: 1,
      urn: STACK_URN,
      config: { failClosed: true },
    },
    {
      // Fn::GetAtt BackupVaultArn names the vault (template-references.ts), as Ref does.
      name: "a copy to the template vault by Fn::GetAtt BackupVaultArn links to it",
      resources: [
        inStack({
          Vault: lockedVault(),
          Plan: plan(
            planRule(
              { Ref: "Vault" },
              {
                CopyActions: [
                  {
                    DestinationBackupVaultArn: { "Fn::GetAtt": ["Vault", "BackupVaultArn"] },
                    // Within the lock's MaxRetentionDays: a copy kept forever would fail (backup-plan-lock-bounds).
                    Lifecycle: { DeleteAfterDays: 35 },
                  },
                ],
              },
            ),
          ),
        }),
      ],
      violations: 0,
      notes: 0,
    },
    {
      name: "a LockConfiguration behind an undecided condition: the lock mode is a note",
      resources: [
        inStack(
          { Vault: vault({ LockConfiguration: { "Fn::If": ["C", COMPLIANCE, { Ref: "AWS::NoValue" }] } }) },
          UNDECIDED,
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a target vault from an undecided condition, linked to no vault, is a note",
      resources: [
        inStack(
          { Vault: lockedVault(), Plan: plan(planRule({ "Fn::If": ["C", { Ref: "Vault" }, "Default"] })) },
          UNDECIDED,
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a template vault and a program lock naming another vault: the vault has no lock",
      resources: [inStack({ Vault: vault() }), programLock("acme-other")],
      violations: 1,
      urn: STACK_URN,
    },
  ] as StackCase[]);

  it("reports on the stack, naming the template resource, the plan and the rule", async () => {
    const body = cfn({
      Vault: lockedVault(),
      Plan: plan(
        planRule("Default", {
          CopyActions: [{ DestinationBackupVaultArn: { "Fn::ImportValue": "shared-vault-arn" } }],
        }),
      ),
    });
    const ds = await runStack(requireLockedBackupVaults, [stack(CFN_STACK, body)]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([
      ["advisory", STACK_URN],
      ["advisory", STACK_URN],
    ]);
    expect(ds[0].message).toContain(
      'template resource Plan (AWS::Backup::BackupPlan): the lock of backup vault "Default" is unknown',
    );
    expect(ds[1].message).toContain(
      "template resource Plan (AWS::Backup::BackupPlan): rules[0].copyActions[0].destinationVaultArn of backup plan backups/Plan is unknown",
    );
  });
});
