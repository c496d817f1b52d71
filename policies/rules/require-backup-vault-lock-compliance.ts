import { bool, isUnknown, list, num, obj } from "../../lib/values";
import { planRetention } from "../lib/backup-plan-retention";
import { expectAll, isTrue, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { hbrPlanRuleRetention, hbrPolicyRuleRetention } from "../lib/hbr-plan-retention";
import { Check, defineResourceRule } from "../lib/rule";
import { is } from "../lib/text-values";

/** HBR backup plans, each with its own retention in days. */
const HBR_PLANS = [
  "alicloud:hbr/ecsBackupPlan:EcsBackupPlan",
  "alicloud:hbr/ossBackupPlan:OssBackupPlan",
  "alicloud:hbr/nasBackupPlan:NasBackupPlan",
  "alicloud:hbr/otsBackupPlan:OtsBackupPlan",
  "alicloud:hbr/serverBackupPlan:ServerBackupPlan",
];

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

/** Each rule of an AWS Backup plan, and each of its copy actions, keeps what it makes at least the minimum. */
const awsPlan: Check<VaultLockConfig> = (p, { config }) => planRetention(p, config.minRetentionDays);

/** @pulumi/alicloud 3.108 exposes HBR immutable backup as wormEnabled (default off). */
const hbrVault: Check<VaultLockConfig> = (p) =>
  expectAll(p, [
    {
      path: "wormEnabled",
      ok: isTrue,
      problem: () => "backups are not immutable and can be deleted by an administrator",
    },
  ]);

/**
 * HBR keeps each backup for its plan's retention, WORM vault or not: a backup kept a day is gone before a hidden
 * intrusion is found, as AWS's lock minimum guards against. A plan's rules may keep theirs for their own retention,
 * and copies in another region for their destinationRetention: each is held to the same minimum.
 */
const hbrPlan: Check<VaultLockConfig> = (p, { config }) => [
  ...expectAll(p, [
    {
      path: "retention",
      ok: (v) => (num(v) ?? 0) >= config.minRetentionDays,
      problem: () => `backups are deleted before ${config.minRetentionDays} days`,
    },
  ]),
  ...hbrPlanRuleRetention(p, config.minRetentionDays),
];

/**
 * ECS backups of a UDM_ECS_ONLY policy stay with the instance's snapshots, in no vault: only the BACKUP rule's own
 * backup lock (immutable) keeps an administrator from deleting them.
 */
function ruleLock(p: Record<string, unknown>, rule: unknown, i: number): Finding[] {
  const r = obj(rule) ?? {};
  if (isUnknown(rule) || isUnknown(r.ruleType)) return [];
  if (!is(r.ruleType, "BACKUP") || isTrue(r.immutable)) return [];
  if (isUnknown(p.policyType)) return [unverifiable("policyType", `whether rules[${i}] needs a backup lock`)];
  if (!is(p.policyType, "UDM_ECS_ONLY")) return [];
  if (isUnknown(r.immutable)) return [unverifiable(`rules[${i}].immutable`)];
  return [
    violation(
      `rules[${i}].immutable is ${show(r.immutable)}: the ECS backups of this UDM_ECS_ONLY policy can be deleted by an administrator; set it to true`,
    ),
  ];
}

/** Each rule's retention and advanced retention (hbr-plan-retention.ts), and the backup lock of ECS-only policies. */
const hbrPolicy: Check<VaultLockConfig> = (p, { config }) => [
  ...hbrPolicyRuleRetention(p, config.minRetentionDays),
  ...(isUnknown(p.rules) ? [] : list(p.rules).flatMap((rule, i) => ruleLock(p, rule, i))),
];

/** Whether the lock is in compliance mode and leaves its grace period (when it can still be deleted) soon enough. */
function gracePeriod(v: unknown, max: number): string | undefined {
  const days = num(v);
  if (days === undefined || days < 3) return "the lock is in governance mode and can be removed by an administrator";
  if (days > max) return `an administrator can remove the lock for ${days} days; keep the grace period at most ${max}`;
  return undefined;
}

/** The lock's minimum retention: recovery points can be deleted (or expire) once it has passed. */
const minimumRetention = (config: VaultLockConfig) => ({
  path: "minRetentionDays",
  ok: (v: unknown) => (num(v) ?? 0) >= config.minRetentionDays,
  problem: () => `recovery points may be deleted before ${config.minRetentionDays} days`,
});

const awsLock: Check<VaultLockConfig> = (p, { config }) =>
  expectAll(p, [
    {
      path: "changeableForDays",
      ok: (v) => gracePeriod(v, config.maxChangeableForDays) === undefined,
      problem: () => gracePeriod(p.changeableForDays, config.maxChangeableForDays) ?? "",
    },
    minimumRetention(config),
  ]);

/**
 * A logically air-gapped vault is always locked in compliance mode with its own minRetentionDays as the lock's
 * minimum, so the same bar holds; its maxRetentionDays cannot be below that minimum (AWS refuses it).
 */
const airGappedVault: Check<VaultLockConfig> = (p, { config }) => expectAll(p, [minimumRetention(config)]);

/**
 * Case step 4/5: recovery took 8 hours from backups; ransomware crews delete backups first. Vaults, their locks and
 * plans declared in CloudFormation templates (aws.cloudformation.Stack, StackSet) are judged as the program's are.
 */
export const requireBackupVaultLockCompliance = defineResourceRule<VaultLockConfig>({
  metadata: {
    name: "require-backup-vault-lock-compliance",
    description:
      "AWS Backup vault locks must be in compliance mode with a short grace period, and AWS Backup and Alibaba Cloud HBR vaults and plans must keep backups at least minRetentionDays.",
    details:
      "AWS Backup vault locks must be in compliance mode (changeableForDays set) with a grace period of at most maxChangeableForDays (30 by default; the lock can be deleted until it ends) and a minimum retention of at least minRetentionDays, as must a logically air-gapped vault (always locked in compliance mode with its own minRetentionDays), so no one, including an attacker with admin rights, can delete recovery points early; AWS Backup vaults must not set forceDestroy; every rule of an AWS Backup plan must keep its recovery points (lifecycle.deleteAfter) and each copy action its copies (its own lifecycle.deleteAfter) at least minRetentionDays (left out, 0 or -1: kept forever): a shorter one deletes them early, and into a vault locked with a longer minimum retention the job fails, so backups stop; vaults (with their LockConfiguration) and plans declared in CloudFormation templates (aws.cloudformation.Stack, StackSet) are judged as the program's are; Alibaba Cloud HBR vaults must enable immutable backup (wormEnabled), HBR backup plans, each rule of a plan (an OTS plan's rules[].retention) and backup policy rules, with each of their advanced retention rules (retentionRules[].retention), must keep backups at least minRetentionDays (7 by default), and a plan rule or detail that copies backups to another region (doCopy; an ECS server plan's details[].destinationRetention) must keep the copies as long (left out: kept forever; a negative count such as -1 is documented nowhere and does not meet the minimum), and the BACKUP rules of a UDM_ECS_ONLY backup policy (ECS backups kept in no vault) must lock their backups (immutable).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set changeableForDays (at least 3, at most the configured maxChangeableForDays) to create the lock in compliance mode; after that grace period it cannot be removed.",
      "Set minRetentionDays to at least the configured minimum (7 by default) on the vault lock or the logically air-gapped vault.",
      "Remove forceDestroy (or set it to false) on aws.backup.Vault.",
      "Set lifecycle.deleteAfter on every aws.backup.Plan rule and on each of its copyActions to at least the configured minRetentionDays (and at least the minRetentionDays of the vault lock it writes to), or leave it out to keep recovery points forever.",
      "Set wormEnabled: true on alicloud.hbr.Vault.",
      "Set retention on HBR backup plans (and on each of their rules, and on hbr.Policy rules and their retentionRules) to at least the configured minRetentionDays, and destinationRetention of a plan copying backups to another region (doCopy) to at least that (not -1), or leave it out on a new plan to keep the copies forever.",
      'Set immutable: true on the BACKUP rules of an hbr.Policy with policyType "UDM_ECS_ONLY".',
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.9 (data backup and recovery)" }],
    caseStep: 4,
  },
  configSchema: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      description:
        "Smallest acceptable minRetentionDays of a vault lock or logically air-gapped vault, lifecycle.deleteAfter of an AWS Backup plan rule or copy action, and retention of an HBR backup plan, plan rule, backup policy rule or its retentionRules, and destinationRetention of HBR copies to another region (7).",
    },
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
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": airGappedVault,
    "aws:backup/plan:Plan": awsPlan,
    "alicloud:hbr/vault:Vault": hbrVault,
    ...Object.fromEntries(HBR_PLANS.map((t) => [t, hbrPlan])),
    "alicloud:hbr/policy:Policy": hbrPolicy,
  },
});
