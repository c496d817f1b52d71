import { bool, isUnknown, num } from "../../lib/values";
import { expectAll, isTrue } from "../lib/expect";
import { unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

interface VaultLockConfig {
  minRetentionDays: number;
  maxChangeableForDays: number;
}

/** forceDestroy deletes every recovery point when the vault is destroyed: exactly what a ransomware crew wants. */
const awsVault: Check<VaultLockConfig> = (p) => {
  if (isUnknown(p.forceDestroy)) return [unverifiable("forceDestroy")];
  return bool(p.forceDestroy) === true
    ? [violation("forceDestroy is true: destroying the vault deletes its recovery points")]
    : [];
};

/** @pulumi/alicloud 3.108 exposes HBR immutable backup as wormEnabled (default off). */
const hbrVault: Check<VaultLockConfig> = (p) =>
  expectAll(p, [
    {
      path: "wormEnabled",
      ok: isTrue,
      problem: () => "backups are not immutable and can be deleted by an administrator",
    },
  ]);

/** Whether the lock is in compliance mode and leaves its grace period (when it can still be deleted) soon enough. */
function gracePeriod(v: unknown, max: number): string | undefined {
  const days = num(v);
  if (days === undefined || days < 3) return "the lock is in governance mode and can be removed by an administrator";
  if (days > max) return `an administrator can remove the lock for ${days} days; keep the grace period at most ${max}`;
  return undefined;
}

const awsLock: Check<VaultLockConfig> = (p, { config }) =>
  expectAll(p, [
    {
      path: "changeableForDays",
      ok: (v) => gracePeriod(v, config.maxChangeableForDays) === undefined,
      problem: () => gracePeriod(p.changeableForDays, config.maxChangeableForDays) ?? "",
    },
    {
      path: "minRetentionDays",
      ok: (v) => (num(v) ?? 0) >= config.minRetentionDays,
      problem: () => `recovery points may be deleted before ${config.minRetentionDays} days`,
    },
  ]);

/** Case step 4/5: recovery took 8 hours from backups; ransomware crews delete backups first. */
export const requireBackupVaultLockCompliance = defineResourceRule<VaultLockConfig>({
  metadata: {
    name: "require-backup-vault-lock-compliance",
    description:
      "AWS Backup vault locks must be in compliance mode (changeableForDays set) with a grace period of at most maxChangeableForDays (30 by default; the lock can be deleted until it ends) and a minimum retention, so no one, including an attacker with admin rights, can delete recovery points early; AWS Backup vaults must not set forceDestroy; Alibaba Cloud HBR vaults must enable immutable backup (wormEnabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set changeableForDays (at least 3, at most the configured maxChangeableForDays) to create the lock in compliance mode; after that grace period it cannot be removed.",
      "Set minRetentionDays to at least the configured minimum (7 by default).",
      "Remove forceDestroy (or set it to false) on aws.backup.Vault.",
      "Set wormEnabled: true on alicloud.hbr.Vault.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.9 (data backup and recovery)" }],
    caseStep: 4,
  },
  configSchema: {
    minRetentionDays: { type: "integer", minimum: 1, description: "Smallest acceptable minRetentionDays (7)." },
    maxChangeableForDays: {
      type: "integer",
      minimum: 3,
      description: "Longest acceptable changeableForDays, the grace period in which the lock can be deleted (30).",
    },
  },
  parseConfig: (r) => ({
    minRetentionDays: r.integer("minRetentionDays", 7, 1, 36500),
    maxChangeableForDays: r.integer("maxChangeableForDays", 30, 3, 36500),
  }),
  checks: {
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": awsLock,
    "aws:backup/vault:Vault": awsVault,
    "alicloud:hbr/vault:Vault": hbrVault,
  },
});
