// A vault lock bounds every backup or copy job into its vault: a plan rule or copy action keeping recovery points
// shorter than the lock's minRetentionDays, longer than its maxRetentionDays, or forever when the lock has a maximum,
// fails its job, so backups stop. Each destination is compared with the lock of the vault it targets, by name, ARN or
// property dependency; what preview cannot show is a note.
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const AIR_GAPPED = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
const PLAN_URN = urnOf(PLAN, "nightly");
const LOCKED_ARN = "arn:aws:backup:us-east-1:111122223333:backup-vault:locked";

const vault = (name: string, props: Record<string, unknown> = {}): StackInput => ({
  type: VAULT,
  name,
  props: { name, ...props },
});
const lock = (vaultName: string, props: Record<string, unknown> = {}): StackInput => ({
  type: LOCK,
  name: `${vaultName}-lock`,
  props: { backupVaultName: vaultName, changeableForDays: 3, minRetentionDays: 30, maxRetentionDays: 365, ...props },
});
/** A vault locked for 30 to 365 days (or as `lockProps` say), both known. */
const locked = (name = "locked", lockProps: Record<string, unknown> = {}, vaultProps: Record<string, unknown> = {}) => [
  vault(name, vaultProps),
  lock(name, lockProps),
];
const rule = (target: unknown, lifecycle: unknown, extra: Record<string, unknown> = {}) => ({
  ruleName: "daily",
  targetVaultName: target,
  ...(lifecycle === undefined ? {} : { lifecycle }),
  ...extra,
});
const plan = (rules: unknown, dependsOn: string[] = []): StackInput => ({
  type: PLAN,
  name: "nightly",
  props: { name: "nightly", rules },
  propertyDependencies: { rules: dependsOn },
});

describe("require-locked-backup-vaults: plan lifecycles within the lock bounds of the vault they write to", () => {
  stackTable(requireLockedBackupVaults, [
    // Known bad.
    {
      name: "a rule keeping recovery points 10 days in a vault locked for at least 30",
      resources: [...locked(), plan([rule("locked", { deleteAfter: 10 })])],
      violations: 1,
      urn: PLAN_URN,
      mentions:
        "backup plan nightly rule daily (rules[0]) stores its recovery points in backup vault locked, whose lock configuration locked-lock keeps them at least 30 days (minRetentionDays), but lifecycle.deleteAfter is 10: AWS Backup fails the backup job",
    },
    {
      name: "the message gives the fix",
      resources: [...locked(), plan([rule("locked", { deleteAfter: 10 })])],
      violations: 1,
      mentions: "set rules[0].lifecycle.deleteAfter between 30 and 365",
    },
    {
      name: "a copy action by ARN keeping copies 10 days in a vault locked for at least 30",
      resources: [
        ...locked("locked", {}, { arn: LOCKED_ARN }),
        vault("source"),
        lock("source", { minRetentionDays: 7 }),
        plan([
          rule(
            "source",
            { deleteAfter: 14 },
            { copyActions: [{ destinationVaultArn: LOCKED_ARN, lifecycle: { deleteAfter: 10 } }] },
          ),
        ]),
      ],
      violations: 1,
      mentions: "(rules[0].copyActions[0]) copies its recovery points in backup vault locked",
    },
    {
      name: "a rule keeping recovery points longer than the lock's maxRetentionDays",
      resources: [...locked(), plan([rule("locked", { deleteAfter: 400 })])],
      violations: 1,
      mentions: "keeps them at most 365 days (maxRetentionDays), but lifecycle.deleteAfter is 400",
    },
    {
      name: "no lifecycle (kept forever) into a vault whose lock has a maximum",
      resources: [...locked(), plan([rule("locked", undefined)])],
      violations: 1,
      mentions: "lifecycle sets no deleteAfter (kept forever)",
    },
    {
      name: "deleteAfter -1 (AWS's keep indefinitely) into a vault whose lock has a maximum",
      resources: [...locked(), plan([rule("locked", { deleteAfter: -1 })])],
      violations: 1,
      mentions: "(maxRetentionDays)",
    },
    {
      name: "a target unknown at preview built from the locked vault alone",
      resources: [...locked(), plan([rule(UNKNOWN, { deleteAfter: 10 })], [urnOf(VAULT, "locked")])],
      violations: 1,
      mentions: "backup vault locked",
    },
    {
      name: "a logically air-gapped vault is its own lock",
      resources: [
        { type: AIR_GAPPED, name: "airgap", props: { name: "airgap", minRetentionDays: 30, maxRetentionDays: 90 } },
        plan([rule("airgap", { deleteAfter: 10 })]),
      ],
      violations: 1,
      mentions: "backup vault airgap, whose logically air-gapped lock keeps them at least 30 days",
    },
    {
      name: "each destination that fails is one violation (rule above max, copy below min)",
      resources: [
        ...locked("locked", {}, { arn: LOCKED_ARN }),
        plan([
          rule(
            "locked",
            { deleteAfter: 400 },
            { copyActions: [{ destinationVaultArn: LOCKED_ARN, lifecycle: { deleteAfter: 5 } }] },
          ),
        ]),
      ],
      violations: 2,
      urn: PLAN_URN,
    },
    // Known good.
    {
      name: "a rule inside the bounds, on both edges",
      resources: [
        ...locked(),
        plan([rule("locked", { deleteAfter: 30 }), rule("locked", { deleteAfter: 365 }, { ruleName: "yearly" })]),
      ],
      violations: 0,
    },
    {
      name: "no lifecycle into a vault whose lock has no maximum",
      resources: [...locked("locked", { maxRetentionDays: undefined }), plan([rule("locked", undefined)])],
      violations: 0,
    },
    {
      name: "10 days into a vault locked for at least 7",
      resources: [...locked("locked", { minRetentionDays: 7 }), plan([rule("locked", { deleteAfter: 10 })])],
      violations: 0,
    },
    {
      name: "a copy by ARN into a same-named vault of another account is not compared with the stack's lock",
      resources: [
        ...locked("locked", {}, { arn: LOCKED_ARN }),
        vault("near"),
        lock("near", { minRetentionDays: 7 }),
        plan([
          rule(
            "near",
            { deleteAfter: 10 },
            {
              copyActions: [
                {
                  destinationVaultArn: "arn:aws:backup:us-east-1:444455556666:backup-vault:locked",
                  lifecycle: { deleteAfter: 10 },
                },
              ],
            },
          ),
        ]),
      ],
      violations: 0,
      // The other account's vault is outside the stack: the existing note on its lock.
      notes: 1,
    },
    // Unknown at preview: notes.
    {
      name: "unknown deleteAfter into a locked vault",
      resources: [...locked(), plan([rule("locked", { deleteAfter: UNKNOWN })])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unknown lock minimum against a known deleteAfter",
      resources: [...locked("locked", { minRetentionDays: UNKNOWN }), plan([rule("locked", { deleteAfter: 10 })])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unknown target built from two vaults, one of whose locks refuses the lifecycle",
      resources: [
        ...locked(),
        vault("loose"),
        lock("loose", { minRetentionDays: 7, maxRetentionDays: undefined }),
        plan([rule(UNKNOWN, { deleteAfter: 10 })], [urnOf(VAULT, "locked"), urnOf(VAULT, "loose")]),
      ],
      violations: 0,
      notes: 1,
    },
    // A rule or plan unknown as a whole is require-backup-vault-lock-compliance's note, not a second one here.
    {
      name: "rules unknown as a whole, built from a locked vault",
      resources: [...locked(), plan(UNKNOWN, [urnOf(VAULT, "locked")])],
      violations: 0,
    },
    {
      name: "one rule unknown as a whole, built from a locked vault",
      resources: [...locked(), plan([UNKNOWN], [urnOf(VAULT, "locked")])],
      violations: 0,
    },
  ]);
});
