import { isUnknown } from "../../lib/values";
import { expectAll } from "../lib/expect";
import { unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

interface VaultLockConfig {
  minRetentionDays: number;
}

/** forceDestroy deletes every recovery point when the vault is destroyed: exactly what a ransomware crew wants. */
const awsVault: Check<VaultLockConfig> = (p) => {
  if (isUnknown(p.forceDestroy)) return [unverifiable("forceDestroy")];
  return p.forceDestroy === true || p.forceDestroy === "true"
    ? [violation("forceDestroy is true: destroying the vault deletes its recovery points")]
    : [];
};

/** @pulumi/alicloud 3.108 exposes HBR immutable backup as wormEnabled (default off). */
const hbrVault: Check<VaultLockConfig> = (p) =>
  expectAll(p, [
    {
      path: "wormEnabled",
      ok: (v) => v === true || v === "true",
      problem: () => "backups are not immutable and can be deleted by an administrator",
    },
  ]);

/** Case step 4/5: recovery took 8 hours from backups; ransomware crews delete backups first. */
export const requireBackupVaultLockCompliance = defineResourceRule<VaultLockConfig>({
  metadata: {
    name: "require-backup-vault-lock-compliance",
    description:
      "AWS Backup vault locks must be in compliance mode (changeableForDays set) with a minimum retention, so no one, including an attacker with admin rights, can delete recovery points early; AWS Backup vaults must not set forceDestroy; Alibaba Cloud HBR vaults must enable immutable backup (wormEnabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set changeableForDays (at least 3) to create the lock in compliance mode; after that grace period it cannot be removed.",
      "Set minRetentionDays to at least the configured minimum (7 by default).",
      "Remove forceDestroy (or set it to false) on aws.backup.Vault.",
      "Set wormEnabled: true on alicloud.hbr.Vault.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.9 (data backup and recovery)" }],
    caseStep: 4,
  },
  configSchema: {
    minRetentionDays: { type: "integer", minimum: 1, description: "Smallest acceptable minRetentionDays (7)." },
  },
  parseConfig: (r) => ({ minRetentionDays: r.integer("minRetentionDays", 7, 1, 36500) }),
  checks: {
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": (p, ctx) =>
      expectAll(p, [
        {
          path: "changeableForDays",
          ok: (v) => typeof v === "number" && v >= 3,
          problem: () => "the lock is in governance mode and can be removed by an administrator",
        },
        {
          path: "minRetentionDays",
          ok: (v) => typeof v === "number" && v >= ctx.config.minRetentionDays,
          problem: () => `recovery points may be deleted before ${ctx.config.minRetentionDays} days`,
        },
      ]),
    "aws:backup/vault:Vault": awsVault,
    "alicloud:hbr/vault:Vault": hbrVault,
  },
});
