import { isUnknown, num } from "../../lib/values";
import { GenericResource } from "../../lib/reachability";
import { planLockBounds } from "../lib/backup-plan-lock-bounds";
import { AIR_GAPPED_VAULT, BACKUP_PLAN, BACKUP_VAULT as VAULT, unseenPlanVaults } from "../lib/backup-plan-vaults";
import { unverifiable } from "../lib/findings";
import { HBR_POLICY, HBR_VAULT, HBR_VAULT_USERS, unseenHbrVaults } from "../lib/hbr-plan-vaults";
import { placeLink, samePlace } from "../lib/placement";
import { placeDoubt } from "../lib/provider-region";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { assignLocks, judgedWithPossibleLocks, lockNames, namedBy } from "../lib/store-locks";
import { BACKUP_UNLOCKING_ACTIONS, openStorePolicies, StorePolicies } from "../lib/store-policy-grants";

const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";

/**
 * Vault names are unique per account and region: a lock names a vault when the names match and it is managed in the
 * same place (account and region).
 */
const locksVault = namedBy("backupVaultName", ["name", "id"], (lock, vault) => placeLink(samePlace(lock, vault)));

/** Access policies of backup vaults (an air-gapped vault's too), named like locks name their vault. */
const VAULT_POLICIES: StorePolicies = {
  kind: "backup vault",
  policyTypes: [VAULT_POLICY],
  link: locksVault,
  actions: BACKUP_UNLOCKING_ACTIONS,
  harm: "anyone may remove the lock in its grace period, shorten retention or delete recovery points and the vault",
};

/** Why a lock may or may not be the vault's, for the note. */
function doubt(lock: GenericResource, vault: GenericResource): string {
  if (isUnknown(lock.inputs.backupVaultName))
    return `it may be backup vault ${vault.name}, whose name is built from the same resource`;
  return `it may lock backup vault ${vault.name} or a vault of the same name elsewhere: ${placeDoubt(lock, vault)}`;
}

/** The vault's finding from the locks that configure it. */
function lockFinding(vault: GenericResource, locks: readonly GenericResource[]): StackFinding | undefined {
  const { urn, name } = vault;
  const modes = locks.map((l) => l.inputs.changeableForDays);
  if (modes.length === 0)
    return { urn, message: `backup vault ${name} has no vault lock: recovery points can be deleted early` };
  // Without changeableForDays AWS creates a governance-mode lock, which an administrator can remove. A vault has one
  // lock configuration, so when several resources set it the last one applied wins: each must be compliance.
  const governance = modes.filter((d) => num(d) === undefined && !isUnknown(d)).length;
  if (governance === modes.length)
    return { urn, message: `backup vault ${name} has only a governance-mode lock: an administrator can remove it` };
  if (governance > 0)
    return {
      urn,
      message: `backup vault ${name} has ${governance} governance-mode lock configuration(s) among its ${modes.length}: whichever is applied last wins`,
    };
  if (modes.some(isUnknown)) return { urn, ...unverifiable("changeableForDays", `lock mode of backup vault ${name}`) };
  return undefined;
}

/**
 * Case step 4: without a compliance-mode lock an attacker with admin rights deletes the recovery points first. Vaults
 * and plans declared in CloudFormation templates are judged as the program's are.
 */
export const requireLockedBackupVaults = defineStackRule({
  metadata: {
    name: "require-locked-backup-vaults",
    description:
      "Every AWS Backup vault must have a compliance-mode lock in the stack, backup plans must write to locked vaults, and vault policies must not let everyone weaken them.",
    details:
      "Every AWS Backup vault must have a backup.VaultLockConfiguration in compliance mode (changeableForDays set) in the stack, and no governance-mode one beside it (the last applied wins); require-backup-vault-lock-compliance judges the lock's settings. A lock locks a vault whose name it names in the same place (account and region, as the providers and region arguments show them; a place the plan cannot show is a note); a lock whose name is only known at deployment and is built from the same resource as the vault's is a note. A backup plan rule whose targetVaultName or copy action's destinationVaultArn is not a vault of the stack (a logically air-gapped vault counts: it is always locked in compliance mode), the account's Default vault (created without a lock) above all, or is unknown at preview and linked to no vault of it, is a note naming the plan, rule and vault, a violation when failing closed: the engine cannot see that vault's lock. Alibaba Cloud HBR backup plans and backup policy rules writing to a vaultId that is not an hbr.Vault of the stack are notes the same way. A backup.VaultPolicy of a vault of the stack (named like a lock names it) must not let everyone (Principal \"*\", {\"AWS\": \"*\"}, NotPrincipal) delete or change the vault lock, delete or shorten recovery points, delete the vault or change its policy, unless a Condition names the principals (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount…) or an unconditional Deny on everyone takes it back; a condition not read is a note. Vaults (their LockConfiguration a lock of their own, their AccessPolicy a vault policy) and backup plans declared in CloudFormation templates (aws.cloudformation.Stack, StackSet) are judged as the program's are: a template vault without a LockConfiguration, or with one without ChangeableForDays (governance mode), is a violation on its stack; a plan's TargetBackupVault {\"Ref\": vault} names that template vault. A plan rule or copy action whose lifecycle is outside the minimum and maximum retention days of its target vault's lock (or of an air-gapped vault's own) is a violation, since the vault then fails every job; an unknown bound or lifecycle is a note.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add an aws.backup.VaultLockConfiguration with backupVaultName set to the vault's name.",
      "Set changeableForDays (at least 3) so the lock is in compliance mode, and minRetentionDays.",
      "Point backup plan rules (targetVaultName, copyActions destinationVaultArn) at vaults of the stack locked this way, e.g. the kit's ImmutableBackup component, never at the Default vault; or exempt the plan once the outside vault's lock is confirmed.",
      "Remove vault policy statements that allow everyone to delete the lock, recovery points or the vault, or name the principals (an account or role ARN) or narrow them with a Condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.9 (data backup and recovery)" }],
    caseStep: 4,
    resourceTypes: [
      VAULT,
      LOCK,
      VAULT_POLICY,
      BACKUP_PLAN,
      AIR_GAPPED_VAULT,
      HBR_VAULT,
      ...HBR_VAULT_USERS,
      HBR_POLICY,
    ],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  // Vaults (a LockConfiguration is the vault's own lock), vault policies and plans of CloudFormation templates.
  readsTemplateResources: true,
  check: ({ resources }) => {
    const vaults = resources.filter((r) => r.type === VAULT);
    const locksOf = assignLocks(
      vaults,
      resources.filter((r) => r.type === LOCK),
      locksVault,
    );
    const vaultFindings = vaults.flatMap((vault): StackFinding[] => {
      const finding = judgedWithPossibleLocks(
        locksOf.get(vault.urn),
        (locks) => lockFinding(vault, locks),
        (possible) => ({
          urn: vault.urn,
          ...unverifiable(`the vault of ${lockNames("lock configuration", possible)}`, doubt(possible[0], vault)),
        }),
      );
      return finding ? [finding] : [];
    });
    // A plan's vault of the stack is judged above; the others only show as notes.
    const policyStores = resources.filter((r) => r.type === VAULT || r.type === AIR_GAPPED_VAULT);
    return [
      ...vaultFindings,
      ...openStorePolicies(policyStores, () => true, resources, VAULT_POLICIES),
      ...unseenPlanVaults(resources),
      ...planLockBounds(resources, locksOf),
      ...unseenHbrVaults(resources),
    ];
  },
});
