// Backups ransomware cannot reach: daily ECS snapshots copied to a second region, optional HBR plans into a WORM
// vault, and a WORM-locked OSS bucket replicated to a WORM-locked bucket in a second region. The case recovered in
// 8 h from backups; these are the backups an intruder with the console cannot delete or encrypt.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { withPinnedMessage } from "../pinnedMessage";
import { MAX_WORM_DAYS, checkDays, checkOssBucketName } from "../plan/alicloud-retention";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import { ChildGate } from "./childGate";
import { autoSnapshotPolicyName, checkDerivedNames } from "./derivedNames";
import { createWormBucket } from "./wormBucket";
import { assertProviderRegions, providerRegion } from "./zones";

export interface ImmutableBackupArgs {
  /** Region of the primary provider, e.g. "cn-hangzhou" (used to reject a "second" region equal to it). */
  primaryRegion: string;
  /** Second region, e.g. "cn-shanghai": snapshot copies and the replica bucket live there. */
  secondaryRegion: string;
  /** Provider for `secondaryRegion`; every second-region child is created with it. */
  secondaryProvider: pulumi.ProviderResource;
  /** Primary backup bucket (globally unique, stable). */
  bucketName: string;
  /** Replica bucket in the second region (globally unique, stable). */
  replicaBucketName: string;
  /** WORM retention of backup objects in both buckets, 7-25550 days. Default 30. */
  retentionDays?: number;
  /** Lock both WORM policies (irreversible, default true); false warns and leaves them InProgress for 24 h. */
  lockWorm?: boolean;
  /**
   * Disks the snapshot policy covers (system and data disks of the estate). Default none (policy only); with neither
   * this nor `hbrInstanceIds` nothing is snapshotted or backed up, which warns.
   */
  diskIds?: pulumi.Input<string>[];
  /** Snapshot hours (0-23, local time). Default [2]. */
  snapshotHours?: number[];
  /** Days snapshots (and their cross-region copies) are kept, 7-65536. Default 30. */
  snapshotRetentionDays?: number;
  /** ECS instances backed up file-level by HBR into a WORM vault. Default none. */
  hbrInstanceIds?: pulumi.Input<string>[];
  /** KMS key in the primary region for the primary bucket; default: a new key. */
  kmsKeyId?: pulumi.Input<string>;
  /** KMS key in the second region for the replica; default: a new key there. */
  replicaKmsKeyId?: pulumi.Input<string>;
  tags?: Record<string, string>;
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const DEFAULT_BACKUP_DAYS = 30;
const BACKUP_WHY = "an intrusion that stays hidden longer than that leaves no clean copy to restore";
const IMMUTABLE_BACKUP_ARGS = argumentKeys<ImmutableBackupArgs>({
  primaryRegion: true,
  secondaryRegion: true,
  secondaryProvider: true,
  bucketName: true,
  replicaBucketName: true,
  retentionDays: true,
  lockWorm: true,
  diskIds: true,
  snapshotHours: true,
  snapshotRetentionDays: true,
  hbrInstanceIds: true,
  kmsKeyId: true,
  replicaKmsKeyId: true,
  tags: true,
});
/** Read at construction; the provider is a resource, and disk, instance and key ids may be Outputs. */
const PLAIN_ARGS: (keyof ImmutableBackupArgs)[] = [
  "primaryRegion",
  "secondaryRegion",
  "bucketName",
  "replicaBucketName",
  "retentionDays",
  "lockWorm",
  "snapshotHours",
  "snapshotRetentionDays",
  "tags",
];

export class ImmutableBackup extends pulumi.ComponentResource {
  public readonly snapshotPolicyId: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly replicaBucketName: pulumi.Output<string>;
  public readonly replicationId: pulumi.Output<string>;
  public readonly vaultId?: pulumi.Output<string>;

  constructor(name: string, given: ImmutableBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    const subject = `ImmutableBackup "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, IMMUTABLE_BACKUP_ARGS);
    const args = problems.plain(given ?? ({} as ImmutableBackupArgs), PLAIN_ARGS);
    const wormDays = args.retentionDays ?? DEFAULT_BACKUP_DAYS;
    const snapshotDays = args.snapshotRetentionDays ?? DEFAULT_BACKUP_DAYS;
    const hours = args.snapshotHours ?? [2];
    const okP = problems.check(
      typeof args.primaryRegion === "string" && REGION.test(args.primaryRegion),
      "primaryRegion",
      args.primaryRegion,
      "an Alibaba Cloud region id such as cn-hangzhou",
      "pass the primary provider's region",
    );
    const okS = problems.check(
      typeof args.secondaryRegion === "string" && REGION.test(args.secondaryRegion),
      "secondaryRegion",
      args.secondaryRegion,
      "an Alibaba Cloud region id such as cn-shanghai",
      "pass the second region's id",
    );
    if (okP && okS) {
      problems.check(
        args.primaryRegion !== args.secondaryRegion,
        "secondaryRegion",
        args.secondaryRegion,
        `a region other than primaryRegion (${args.primaryRegion})`,
        "choose another region so one regional incident cannot reach both copies",
      );
    }
    problems.check(
      pulumi.CustomResource.isInstance(args.secondaryProvider) &&
        (args.secondaryProvider as unknown as { pkg?: string }).pkg === "alicloud",
      "secondaryProvider",
      pulumi.Resource.isInstance(args.secondaryProvider)
        ? "(a resource that is not an alicloud.Provider)"
        : args.secondaryProvider,
      "an alicloud.Provider for secondaryRegion",
      "create new alicloud.Provider(..., { region: secondaryRegion }) and pass it",
    );
    checkOssBucketName(problems, "bucketName", args.bucketName);
    checkOssBucketName(problems, "replicaBucketName", args.replicaBucketName);
    problems.check(
      args.bucketName !== args.replicaBucketName,
      "replicaBucketName",
      args.replicaBucketName,
      "a name different from bucketName",
      "suffix the replica's name with its region",
    );
    checkDays(problems, "retentionDays", wormDays, 7, MAX_WORM_DAYS, "backups must outlive an undetected intrusion");
    checkDays(problems, "snapshotRetentionDays", snapshotDays, 7, 65536, "snapshots must outlive detection time");
    if (
      problems.check(
        Array.isArray(hours) &&
          hours.length > 0 &&
          hours.every((h) => typeof h === "number" && Number.isInteger(h) && h >= 0 && h <= 23),
        "snapshotHours",
        hours,
        "a non-empty list of hours 0-23",
        "use e.g. [2]",
      )
    ) {
      problems.distinct("snapshotHours", hours);
    }
    for (const argument of ["diskIds", "hbrInstanceIds"] as const) {
      const ids = args[argument];
      if (ids === undefined) continue;
      if (problems.check(Array.isArray(ids), argument, ids, "a list of ids (each may be an Output)", "pass a list")) {
        ids.forEach((id, i) => problems.present(`${argument}[${i}]`, id, "pass the id, or drop the entry"));
        problems.distinct(argument, ids);
      }
    }
    problems.boolean("lockWorm", args.lockWorm);
    problems.notBlank("kmsKeyId", args.kmsKeyId, "omit it to create a key, or pass a key id");
    problems.notBlank("replicaKmsKeyId", args.replicaKmsKeyId, "omit it to create a key, or pass a key id");
    checkTags(problems, "tags", args.tags, 3);
    checkDerivedNames(
      problems,
      name,
      [autoSnapshotPolicyName(`${name}-daily`)],
      'rename the component: a letter first, then letters, digits, "-" or "_", e.g. "backups"',
    );
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:alicloud:ImmutableBackup", name, {}, gate.options(guardEvidence(subject, opts)));
    guardInheritedTransformations(subject, this);
    warnIfWeaker(this, subject, "retentionDays", wormDays, DEFAULT_BACKUP_DAYS, "lower", BACKUP_WHY);
    warnIfWeaker(this, subject, "snapshotRetentionDays", snapshotDays, DEFAULT_BACKUP_DAYS, "lower", BACKUP_WHY);

    const lockWorm = args.lockWorm ?? true;
    if (!lockWorm) {
      pulumi.log.warn(
        `ImmutableBackup "${name}": lockWorm is false; the backup buckets' WORM policies can be deleted for 24 hours.`,
        this,
      );
    }
    const diskIds = args.diskIds ?? [];
    const hbrInstances = args.hbrInstanceIds ?? [];
    if (diskIds.length === 0 && hbrInstances.length === 0) {
      pulumi.log.warn(
        `${subject}: diskIds and hbrInstanceIds are not given (or empty), so no disk is snapshotted and no instance ` +
          "is backed up: only what is written to the backup bucket is kept; fix: pass diskIds (the estate's system " +
          "and data disks) and/or hbrInstanceIds (instances HBR backs up into the WORM vault)",
        this,
      );
    }
    const tags = { ...(args.tags ?? {}), "hardening:component": "ImmutableBackup", "hardening:backup": "true" };
    const parent = { parent: this };

    // primaryRegion and secondaryRegion are only names: the providers decide where things are made. Every child
    // waits until both agree (the gate adds the check to its dependsOn: the snapshot policy, the HBR vault and plans,
    // both buckets and the keys the bucket helper makes), so a standby provider of the primary's region (both copies
    // in one region) creates nothing, with `pulumi up --skip-preview` too.
    const regionsChecked = pulumi
      .all([
        providerRegion(subject, parent),
        providerRegion(`${subject} (secondaryProvider)`, { parent: this, provider: args.secondaryProvider }),
      ])
      .apply(([primaryActual, secondaryActual]) =>
        withPinnedMessage(() =>
          assertProviderRegions(subject, [
            {
              argument: "primaryRegion",
              declared: args.primaryRegion,
              provider: "the component's provider",
              actual: primaryActual,
              apartFrom: { provider: "secondaryProvider", region: secondaryActual },
            },
            {
              argument: "secondaryRegion",
              declared: args.secondaryRegion,
              provider: "secondaryProvider",
              actual: secondaryActual,
              apartFrom: { provider: "the component's provider", region: primaryActual },
            },
          ]),
        ),
      );
    gate.waitFor(regionsChecked);

    const policy = new alicloud.ecs.AutoSnapshotPolicy(
      `${name}-snapshots`,
      {
        autoSnapshotPolicyName: `${name}-daily`,
        timePoints: hours.map(String),
        repeatWeekdays: ["1", "2", "3", "4", "5", "6", "7"],
        retentionDays: snapshotDays,
        enableCrossRegionCopy: true,
        targetCopyRegions: [args.secondaryRegion],
        copiedSnapshotsRetentionDays: snapshotDays,
        tags,
      },
      { parent: this, retainOnDelete: true },
    );
    // The attachments and the HBR plans choose what is backed up: transformations may only tag them, like the
    // policy and the vault (../evidenceGuard.ts).
    diskIds.forEach(
      (diskId, i) =>
        new alicloud.ecs.EcsAutoSnapshotPolicyAttachment(
          `${name}-snapshots-disk-${i}`,
          { autoSnapshotPolicyId: policy.id, diskId },
          evidenceWriter(parent),
        ),
    );

    if (hbrInstances.length > 0) {
      const vault = new alicloud.hbr.Vault(
        `${name}-vault`,
        {
          vaultName: `${name}-vault`,
          description: "WORM backup vault",
          vaultType: "STANDARD",
          wormEnabled: true,
          encryptType: "HBR_PRIVATE",
          tags,
        },
        { parent: this, retainOnDelete: true },
      );
      hbrInstances.forEach(
        (instanceId, i) =>
          new alicloud.hbr.EcsBackupPlan(
            `${name}-hbr-${i}`,
            {
              ecsBackupPlanName: `${name}-hbr-${i}`,
              instanceId,
              vaultId: vault.id,
              backupType: "COMPLETE",
              paths: ["/"],
              exclude: JSON.stringify(["/proc", "/sys", "/dev", "/run", "/tmp"]),
              schedule: "I|1700000000|P1D",
              retention: String(wormDays),
            },
            evidenceWriter(parent),
          ),
      );
      this.vaultId = vault.id;
    }

    const primary = createWormBucket(this, `${name}-bucket`, {
      bucketName: args.bucketName,
      wormDays,
      lockWorm,
      kmsKeyId: args.kmsKeyId,
      tags,
    });
    const replica = createWormBucket(this, `${name}-replica`, {
      bucketName: args.replicaBucketName,
      wormDays,
      lockWorm,
      kmsKeyId: args.replicaKmsKeyId,
      tags: { ...tags, "hardening:replica-of": args.bucketName },
      provider: args.secondaryProvider,
    });
    // PUT only: new objects and versions are copied; a delete in the primary is never replayed on the replica.
    const replication = new alicloud.oss.BucketReplication(
      `${name}-replication`,
      {
        bucket: primary.bucket.bucket,
        action: "PUT",
        historicalObjectReplication: "enabled",
        destination: {
          bucket: replica.bucket.bucket,
          location: `oss-${args.secondaryRegion}`,
          transferType: "internal",
        },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        encryptionConfiguration: { replicaKmsKeyId: replica.kmsKeyId },
      },
      { parent: this, dependsOn: [primary.worm, replica.worm], retainOnDelete: true },
    );

    this.snapshotPolicyId = policy.id;
    this.bucketName = primary.bucket.bucket;
    this.replicaBucketName = replica.bucket.bucket;
    this.replicationId = replication.id;
    this.registerOutputs({
      snapshotPolicyId: this.snapshotPolicyId,
      bucketName: this.bucketName,
      replicaBucketName: this.replicaBucketName,
      replicationId: this.replicationId,
    });
  }
}
