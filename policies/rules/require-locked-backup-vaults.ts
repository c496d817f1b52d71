import { isUnknown, num } from "../../lib/values";
import { unverifiable } from "../lib/findings";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

/** Case step 4: without a compliance-mode lock an attacker with admin rights deletes the recovery points first. */
export const requireLockedBackupVaults = defineStackRule({
  metadata: {
    name: "require-locked-backup-vaults",
    description:
      "Every AWS Backup vault must have a backup.VaultLockConfiguration in compliance mode (changeableForDays set) in the stack, and no governance-mode one beside it (the last applied wins); require-backup-vault-lock-compliance judges the lock's settings.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add an aws.backup.VaultLockConfiguration with backupVaultName set to the vault's name.",
      "Set changeableForDays (at least 3) so the lock is in compliance mode, and minRetentionDays.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.9 (data backup and recovery)" }],
    caseStep: 4,
    resourceTypes: [VAULT, LOCK],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const locks = resources.filter((r) => r.type === LOCK);
    return resources
      .filter((r) => r.type === VAULT)
      .flatMap((vault): StackFinding[] => {
        const { urn, name } = vault;
        const modes = locks
          .filter((l) => refersTo(l, "backupVaultName", vault, ["name", "id"]))
          .map((l) => l.inputs.changeableForDays);
        if (modes.length === 0)
          return [{ urn, message: `backup vault ${name} has no vault lock: recovery points can be deleted early` }];
        // Without changeableForDays AWS creates a governance-mode lock, which an administrator can remove. A vault has
        // one lock configuration, so when several resources set it the last one applied wins: each must be compliance.
        const governance = modes.filter((d) => num(d) === undefined && !isUnknown(d)).length;
        if (governance === modes.length)
          return [
            { urn, message: `backup vault ${name} has only a governance-mode lock: an administrator can remove it` },
          ];
        if (governance > 0)
          return [
            {
              urn,
              message: `backup vault ${name} has ${governance} governance-mode lock configuration(s) among its ${modes.length}: whichever is applied last wins`,
            },
          ];
        if (modes.some(isUnknown))
          return [{ urn, ...unverifiable("changeableForDays", `lock mode of backup vault ${name}`) }];
        return [];
      });
  },
});
