// Backups ransomware cannot delete: a vault under Vault Lock in compliance mode, a daily and weekly plan, and a copy
// to a locked vault in another region. The case's recovery took 8 hours from backups that had survived.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkDays, shortenedRetentionWarning } from "../plan/retention";
import { checkKnownArguments, checkPlainArguments, Problems } from "../validation";
import { pinMessage } from "../pinnedMessage";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { awsContext, AwsContext } from "./context";
import { serviceTrustPolicy } from "./iam";
import { createServiceKey } from "./kmsKey";
import { backupName, checkDerivedNames } from "./derivedNames";
import { checkOnceKnown } from "./deferredCheck";
import { checkArnPlace } from "./arnPlace";
import { ACCOUNT_PATTERN, PARTITION_PATTERN } from "../../lib/aws-names";
import { CallerTagRule, checkCallerTagsOnceKnown, checkPlainCallerTags } from "./callerTagCheck";
import { IMMUTABLE_BACKUP_TAG_LIMITS } from "./callerTagLimits";
import { ChildGate } from "../childGate";

export interface ImmutableBackupArgs {
  /** Provider of the copy region (a different region from this component's). Required. */
  copyProvider: pulumi.ProviderResource;
  /** Vault name; default `<name>` (stable: vaults under lock cannot be deleted and recreated). */
  vaultName?: string;
  /**
   * Days during which the lock may still be removed, 3 (AWS minimum) to 30 (the most the policy pack's
   * require-backup-vault-lock-compliance accepts by default); above 3 logs a warning. Default 3. After that the lock is
   * permanent: nobody, root included, can delete recovery points early or shorten retention.
   */
  changeableForDays?: number;
  /** Shortest retention a recovery point may have, at least 7. Default 7. */
  minRetentionDays?: number;
  /** Longest retention, at least dailyRetentionDays/weeklyRetentionDays. Default 365. */
  maxRetentionDays?: number;
  /** Retention of daily recovery points. Default 35. */
  dailyRetentionDays?: number;
  /** Retention of weekly recovery points (and of the cross-region copies). Default 90. */
  weeklyRetentionDays?: number;
  /** Resources tagged `key=value` are backed up. Default backup=true. */
  selectionTag?: { key: string; value: string };
  /**
   * ARN of a managed policy set as the permissions boundary of the role the backups run as, where the organisation
   * requires one on every role (a transformation adding it is undone: the role is held like the plan). It must still
   * allow what AWSBackupServiceRolePolicyForBackup and ...ForRestores grant, or backups stop.
   */
  permissionsBoundary?: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof ImmutableBackupArgs, true> = {
  copyProvider: true,
  vaultName: true,
  changeableForDays: true,
  minRetentionDays: true,
  maxRetentionDays: true,
  dailyRetentionDays: true,
  weeklyRetentionDays: true,
  selectionTag: true,
  permissionsBoundary: true,
  tags: true,
};
/** Arguments that set the lock and the plan: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = [
  "vaultName",
  "changeableForDays",
  "minRetentionDays",
  "maxRetentionDays",
  "dailyRetentionDays",
  "weeklyRetentionDays",
  "selectionTag",
] as const;
/**
 * The longest grace period require-backup-vault-lock-compliance accepts by default (its maxChangeableForDays,
 * policies/rules/require-backup-vault-lock-compliance.ts): a longer one leaves the lock removable too long.
 */
export const PACK_MAX_CHANGEABLE_FOR_DAYS = 30;
export const BACKUP_DEFAULTS = { changeableForDays: 3, dailyRetentionDays: 35, weeklyRetentionDays: 90 } as const;
const COPY_SUFFIX = "-copy";
/** AWS Backup vault names are 2-50 characters; the copy vault adds COPY_SUFFIX to this one. */
const VAULT_NAME = new RegExp(`^[A-Za-z0-9_-]{2,${50 - COPY_SUFFIX.length}}$`);
/** A managed policy's ARN, the account's own or AWS's: what IAM takes as a permissions boundary. */
const POLICY_ARN = new RegExp(`^arn:${PARTITION_PATTERN}:iam::(?:${ACCOUNT_PATTERN}|aws):policy/[\\w+=,.@/-]{1,512}$`);

/** The caller's tags, the only ones on the vaults, the plan and the backup role. */
const IMMUTABLE_BACKUP_TAGS: CallerTagRule = { limits: IMMUTABLE_BACKUP_TAG_LIMITS, ownTags: [] };

function vaultNameOf(name: string, args: ImmutableBackupArgs): string {
  return args.vaultName ?? name;
}

function validate(name: string, args: ImmutableBackupArgs): void {
  const problems = new Problems("ImmutableBackup");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  problems.check(
    aws.Provider.isInstance(args.copyProvider),
    "copyProvider",
    args.copyProvider,
    "an aws.Provider for a second region",
    'pass new aws.Provider("backup-copy", { region: "<another region>" })',
  );
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, IMMUTABLE_BACKUP_TAGS);
  const changeable = args.changeableForDays ?? BACKUP_DEFAULTS.changeableForDays;
  checkDays(problems, "changeableForDays", changeable, 3, 36500, "omit it for 3 days");
  // A lock the pack refuses would be created first and block the stack after; refused here instead.
  problems.check(
    typeof changeable !== "number" || changeable <= PACK_MAX_CHANGEABLE_FOR_DAYS,
    "changeableForDays",
    changeable,
    `at most ${PACK_MAX_CHANGEABLE_FOR_DAYS} days: the policy pack's require-backup-vault-lock-compliance refuses a ` +
      `lock that can be removed for longer (its maxChangeableForDays, ${PACK_MAX_CHANGEABLE_FOR_DAYS} by default)`,
    `omit it for ${BACKUP_DEFAULTS.changeableForDays} days, or give at most ${PACK_MAX_CHANGEABLE_FOR_DAYS}`,
  );
  const min = args.minRetentionDays ?? 7;
  const max = args.maxRetentionDays ?? 365;
  checkDays(problems, "minRetentionDays", min, 7, 36500, "omit it for 7 days");
  checkDays(problems, "maxRetentionDays", max, Math.max(min, 7), 36500, "make it at least minRetentionDays");
  const fix = `keep it between minRetentionDays (${min}) and maxRetentionDays (${max})`;
  checkDays(
    problems,
    "dailyRetentionDays",
    args.dailyRetentionDays ?? BACKUP_DEFAULTS.dailyRetentionDays,
    min,
    max,
    fix,
  );
  checkDays(
    problems,
    "weeklyRetentionDays",
    args.weeklyRetentionDays ?? BACKUP_DEFAULTS.weeklyRetentionDays,
    min,
    max,
    fix,
  );
  // The name is checked as it will be used, the default (the component's name) included, with room for the copy's.
  const vaultName = vaultNameOf(name, args);
  const vaultOk = problems.check(
    typeof vaultName === "string" && VAULT_NAME.test(vaultName),
    "vaultName",
    vaultName,
    `2–${50 - COPY_SUFFIX.length} letters, digits, - or _ (the copy vault appends "${COPY_SUFFIX}")`,
    "choose a simple stable name",
  );
  // The plan and selection names come from the component's name too; a default vault name already refused says it.
  if (vaultOk || args.vaultName !== undefined) {
    checkDerivedNames(
      problems,
      name,
      [backupName("AWS Backup plan name", `${name}-plan`), backupName("AWS Backup selection name", `${name}-by-tag`)],
      "rename the component (at most 43 characters; pass vaultName to keep a vault's name)",
    );
  }
  const tag = args.selectionTag;
  if (tag !== undefined) {
    problems.check(
      typeof tag === "object" &&
        tag !== null &&
        [tag.key, tag.value].every((v) => typeof v === "string" && v.length > 0 && v.trim() === v),
      "selectionTag",
      tag,
      "{ key, value }: non-empty strings without surrounding spaces",
      'omit it for backup=true, or give both, e.g. { key: "backup", value: "true" }',
    );
  }
  // A value given now is checked now; an Output once known, with its partition (checkBoundaryPartition).
  const boundary = args.permissionsBoundary;
  if (boundary !== undefined && !pulumi.Output.isInstance(boundary) && !(boundary instanceof Promise)) {
    checkBoundaryForm(problems, boundary);
  }
  problems.throwIfAny();
}

function checkBoundaryForm(problems: Problems, boundary: unknown): boolean {
  return problems.check(
    typeof boundary === "string" && POLICY_ARN.test(boundary),
    "permissionsBoundary",
    boundary,
    "the ARN of a managed policy (arn:aws:iam::<account>:policy/<name>)",
    "pass the boundary policy's arn, e.g. boundary.arn, or omit it",
  );
}

/**
 * IAM takes a boundary only from the role's own partition: one of another partition fails the role, and so every
 * backup, at deployment. Checked once the provider's partition (and an Output boundary) is known.
 */
function checkBoundaryPartition(problems: Problems, boundary: unknown, partition: string): void {
  if (boundary === undefined || !checkBoundaryForm(problems, boundary)) return;
  checkArnPlace(problems, "permissionsBoundary", boundary, {
    partition,
    why: "the backup role's partition, the provider's: IAM sets no boundary of another partition",
    fix: `pass a policy of the ${partition} partition, e.g. arn:${partition}:iam::<account>:policy/<name>, or omit it`,
  });
}

/** Warnings for arguments that make the backups easier to lose than the defaults do. */
function weakeningWarnings(args: ImmutableBackupArgs): string[] {
  const warnings: string[] = [];
  const changeable = args.changeableForDays ?? BACKUP_DEFAULTS.changeableForDays;
  if (changeable > BACKUP_DEFAULTS.changeableForDays) {
    warnings.push(
      `changeableForDays is ${changeable}, above the default ${BACKUP_DEFAULTS.changeableForDays}: for that long ` +
        "anyone with the right permissions can remove the Vault Lock and delete the backups",
    );
  }
  for (const argument of ["dailyRetentionDays", "weeklyRetentionDays"] as const) {
    const shortened = shortenedRetentionWarning(
      argument,
      args[argument] ?? BACKUP_DEFAULTS[argument],
      BACKUP_DEFAULTS[argument],
    );
    if (shortened) warnings.push(shortened);
  }
  return warnings;
}

/**
 * The copy must land in another region, or one regional compromise takes both copies. Returns the copy region; the
 * error names both regions and keeps its message when Pulumi reports it for the children that wait on it.
 */
export function checkCopyRegion(name: string, vaultRegion: string, copyRegion: string): string {
  if (vaultRegion === copyRegion) {
    throw pinMessage(
      new Error(
        `ImmutableBackup ${name}: argument "copyProvider" is in region "${copyRegion}", the same as the vault; ` +
          "allowed: a provider for a different region; " +
          `fix: the vault is in "${vaultRegion}" (the component's provider): give copyProvider another region, ` +
          'e.g. new aws.Provider("backup-copy", { region: "<another region>" })',
      ),
    );
  }
  return copyRegion;
}

interface LockedVault {
  vault: aws.backup.Vault;
  lock: aws.backup.VaultLockConfiguration;
}

function lockedVault(
  name: string,
  vaultName: string,
  context: AwsContext,
  args: ImmutableBackupArgs,
  opts: pulumi.CustomResourceOptions,
): LockedVault {
  const key = createServiceKey(
    `${name}-key`,
    { description: `${vaultName}: backup vault`, context, serviceStatements: [] },
    opts,
  );
  const keep = { ...opts, retainOnDelete: true };
  const vault = new aws.backup.Vault(
    name,
    { name: vaultName, kmsKeyArn: key.arn, forceDestroy: false, tags: args.tags },
    keep,
  );
  const lock = new aws.backup.VaultLockConfiguration(
    `${name}-lock`,
    {
      backupVaultName: vault.name,
      changeableForDays: args.changeableForDays ?? BACKUP_DEFAULTS.changeableForDays,
      minRetentionDays: args.minRetentionDays ?? 7,
      maxRetentionDays: args.maxRetentionDays ?? 365,
    },
    keep,
  );
  return { vault, lock };
}

export class ImmutableBackup extends pulumi.ComponentResource {
  readonly vaultName: pulumi.Output<string>;
  readonly vaultArn: pulumi.Output<string>;
  readonly copyVaultArn: pulumi.Output<string>;
  readonly planId: pulumi.Output<string>;

  constructor(name: string, args: ImmutableBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:ImmutableBackup", name, {}, gate.options(guardEvidence(`ImmutableBackup ${name}`, opts)));
    guardInheritedTransformations(`ImmutableBackup ${name}`, this);
    for (const warning of weakeningWarnings(args)) pulumi.log.warn(`ImmutableBackup ${name}: ${warning}`, this);
    const parent = { parent: this };
    const vaultName = vaultNameOf(name, args);

    // The copy must land in another region, or one regional compromise takes both copies. A provider of the vault's
    // region then creates nothing (a compliance-mode lock is permanent after changeableForDays), with
    // `pulumi up --skip-preview` too.
    const context = awsContext(`ImmutableBackup ${name}`, this, opts?.provider);
    const copyContext = awsContext(`ImmutableBackup ${name} (copyProvider)`, this, args.copyProvider);
    const distinctRegions = pulumi
      .all([context.region, copyContext.region])
      .apply(([here, there]) => checkCopyRegion(name, here, there));
    // The boundary's partition must be the role's.
    const boundaryChecked = checkOnceKnown(
      `ImmutableBackup ${name}`,
      { boundary: args.permissionsBoundary, partition: context.partition },
      (problems, known) => checkBoundaryPartition(problems, known.boundary, known.partition),
    );
    // Tags given as an Output, or holding one, are checked once known.
    const tagsChecked = checkCallerTagsOnceKnown(`ImmutableBackup ${name}`, args.tags, IMMUTABLE_BACKUP_TAGS);
    // Every child, the retained keys and vaults included, waits for all three checks through its dependsOn (the gate),
    // never through its values: one unknown at preview leaves the vault names, key policies and trust policy known.
    const checks: pulumi.Output<unknown>[] = [distinctRegions, boundaryChecked, ...(tagsChecked ? [tagsChecked] : [])];
    gate.waitFor(pulumi.all(checks));

    const primary = lockedVault(`${name}-vault`, vaultName, context, args, parent);
    const copy = lockedVault(`${name}-copy-vault`, `${vaultName}${COPY_SUFFIX}`, copyContext, args, {
      parent: this,
      provider: args.copyProvider,
    });
    this.vaultName = primary.vault.name;
    this.vaultArn = primary.vault.arn;
    this.copyVaultArn = copy.vault.arn;

    const daily = args.dailyRetentionDays ?? BACKUP_DEFAULTS.dailyRetentionDays;
    const weekly = args.weeklyRetentionDays ?? BACKUP_DEFAULTS.weeklyRetentionDays;
    const copyAction = (deleteAfter: number) => [
      { destinationVaultArn: this.copyVaultArn, lifecycle: { deleteAfter } },
    ];
    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: `${name}-plan`,
        rules: [
          {
            ruleName: "daily",
            targetVaultName: primary.vault.name,
            schedule: "cron(0 3 * * ? *)",
            startWindow: 60,
            completionWindow: 360,
            lifecycle: { deleteAfter: daily },
            copyActions: copyAction(daily),
          },
          {
            ruleName: "weekly",
            targetVaultName: primary.vault.name,
            schedule: "cron(0 4 ? * SUN *)",
            startWindow: 60,
            completionWindow: 720,
            lifecycle: { deleteAfter: weekly },
            copyActions: copyAction(weekly),
          },
        ],
        tags: args.tags,
      },
      // Writes the recovery points: transformations may only tag it, like the vaults (../evidenceGuard.ts).
      evidenceWriter({ parent: this, dependsOn: [primary.lock, copy.lock] }),
    );
    this.planId = plan.id;

    // AWS Backup runs the selection's jobs (and restores) as this role: a transformation that swaps its trust, swaps or
    // narrows its policies, or adds a boundary or a deny stops every backup without a word here, so the role and its
    // attachments are writers too. They inherit the component's provider: a transformation may still give them one.
    const role = new aws.iam.Role(
      `${name}-backup-role`,
      {
        assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", context.accountId),
        permissionsBoundary: args.permissionsBoundary,
        tags: args.tags,
      },
      evidenceWriter(parent),
    );
    for (const [suffix, policy] of [
      ["backup", "AWSBackupServiceRolePolicyForBackup"],
      ["restore", "AWSBackupServiceRolePolicyForRestores"],
    ]) {
      new aws.iam.RolePolicyAttachment(
        `${name}-backup-role-${suffix}`,
        {
          role: role.name,
          policyArn: pulumi.interpolate`arn:${context.partition}:iam::aws:policy/service-role/${policy}`,
        },
        evidenceWriter(parent),
      );
    }
    const tag = args.selectionTag ?? { key: "backup", value: "true" };
    new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${name}-by-tag`,
        planId: plan.id,
        iamRoleArn: role.arn,
        selectionTags: [{ type: "STRINGEQUALS", key: tag.key, value: tag.value }],
      },
      evidenceWriter(parent),
    );

    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      copyVaultArn: this.copyVaultArn,
      planId: this.planId,
    });
  }
}
