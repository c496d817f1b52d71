// ActionTrail for every region and every event, delivered to a WORM-locked OSS bucket and an SLS logstore. The
// case's investigators needed the RAM sub-account audit logs; an operator with stolen credentials cannot erase these.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { answeredInvoke } from "../invokeAnswer";
import { withPinnedMessage } from "../pinnedMessage";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  MAX_WORM_DAYS,
  checkDays,
  checkLogRetention,
  checkOssBucketName,
  checkSlsProjectName,
} from "../plan/alicloud-retention";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import { ChildGate } from "./childGate";
import { assertProviderRegions, providerRegion } from "./zones";
import { createLogSink } from "./logSink";
import { createWormBucket } from "./wormBucket";

export interface AuditTrailArgs {
  /** Trail name; stable (ActionTrail writes to logstore `actiontrail_<trailName>`). Default `${name}-trail`. */
  trailName?: string;
  /** OSS bucket receiving the trail (globally unique, stable). Required. */
  bucketName: string;
  /** WORM retention of trail objects, 180-25550 days. Default 365. */
  bucketRetentionDays?: number;
  /** Lock the WORM policy (irreversible, default true); false warns and leaves it InProgress for 24 h. */
  lockWorm?: boolean;
  /** SLS project the trail delivers to; stable. Default `${name}-actiontrail`. */
  logProjectName?: string;
  /** Days the logstore keeps events, 180-3650. Default 365. */
  logRetentionDays?: number;
  /** Region of the SLS project (for its ARN). Default: the provider's region (`getRegionsOutput({ current: true })`). */
  region?: pulumi.Input<string>;
  kmsKeyId?: pulumi.Input<string>;
  tags?: Record<string, string>;
}

const TRAIL_NAME = /^[a-z][a-z0-9_-]{5,35}$/;
const TRAIL_DEFAULT_DAYS = 365;
const RETENTION_WHY = "RAM activity older than that cannot be investigated";
const AUDIT_TRAIL_ARGS = argumentKeys<AuditTrailArgs>({
  trailName: true,
  bucketName: true,
  bucketRetentionDays: true,
  lockWorm: true,
  logProjectName: true,
  logRetentionDays: true,
  region: true,
  kmsKeyId: true,
  tags: true,
});
/** Read at construction; the region and the key may be Outputs. */
const PLAIN_ARGS: (keyof AuditTrailArgs)[] = [
  "trailName",
  "bucketName",
  "bucketRetentionDays",
  "lockWorm",
  "logProjectName",
  "logRetentionDays",
  "tags",
];

export class AuditTrail extends pulumi.ComponentResource {
  public readonly trailId: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly logProjectName: pulumi.Output<string>;
  public readonly logStoreName: pulumi.Output<string>;

  constructor(name: string, given: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    const subject = `AuditTrail "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, AUDIT_TRAIL_ARGS);
    const args = problems.plain(given ?? ({} as AuditTrailArgs), PLAIN_ARGS);
    const trailName = args.trailName ?? `${name}-trail`;
    const projectName = args.logProjectName ?? `${name}-actiontrail`;
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const wormDays = args.bucketRetentionDays ?? TRAIL_DEFAULT_DAYS;
    problems.check(
      typeof trailName === "string" && TRAIL_NAME.test(trailName),
      "trailName",
      trailName,
      "6-36 characters: a lower-case letter, then lower-case letters, digits, hyphens or underscores",
      'pass trailName, e.g. "acme_prod_trail"',
    );
    checkOssBucketName(problems, "bucketName", args.bucketName);
    checkDays(problems, "bucketRetentionDays", wormDays, 180, MAX_WORM_DAYS, "audit logs are kept six months or more");
    checkSlsProjectName(problems, "logProjectName", projectName);
    checkLogRetention(problems, "logRetentionDays", retention);
    problems.boolean("lockWorm", args.lockWorm);
    problems.notBlank("region", args.region, "omit it to use the provider's region, or pass a region id");
    problems.notBlank("kmsKeyId", args.kmsKeyId, "omit it to create a key with rotation, or pass a key id");
    checkTags(problems, "tags", args.tags, 2);
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:alicloud:AuditTrail", name, {}, gate.options(guardEvidence(subject, opts)));
    guardInheritedTransformations(subject, this);
    warnIfWeaker(this, subject, "logRetentionDays", retention, DEFAULT_LOG_RETENTION_DAYS, "lower", RETENTION_WHY);
    warnIfWeaker(this, subject, "bucketRetentionDays", wormDays, TRAIL_DEFAULT_DAYS, "lower", RETENTION_WHY);

    const lockWorm = args.lockWorm ?? true;
    if (!lockWorm) {
      pulumi.log.warn(
        `AuditTrail "${name}": lockWorm is false; the trail bucket's WORM policy can be deleted for 24 hours.`,
        this,
      );
    }
    const tags = { ...(args.tags ?? {}), "hardening:component": "AuditTrail" };
    const parent = { parent: this };

    // The project is made in the provider's region: a `region` naming another would point the trail at a project
    // that is not there, found only when the trail is created. Every child waits for this check (the gate adds it to
    // its dependsOn), so a mismatch creates nothing: no retained project, logstore, key, bucket or WORM policy.
    const region = pulumi.all([args.region, providerRegion(subject, parent)]).apply(([given, actual]) =>
      withPinnedMessage(() => {
        if (given !== undefined && given !== "") {
          const provider = "the component's provider";
          const role = "where the SLS project is made";
          assertProviderRegions(subject, [{ argument: "region", declared: given, provider, actual, role }]);
        }
        return given || actual;
      }),
    );
    gate.waitFor(region);

    const trailBucket = createWormBucket(this, `${name}-bucket`, {
      bucketName: args.bucketName,
      wormDays,
      lockWorm,
      kmsKeyId: args.kmsKeyId,
      tags: { ...tags, "hardening:evidence": "true" },
    });
    // ActionTrail delivers into `actiontrail_<trail>`; creating it first fixes its retention instead of the default.
    const { project, store } = createLogSink(this, `${name}-trail`, {
      projectName,
      logstoreName: `actiontrail_${trailName}`,
      retentionDays: retention,
      description: `ActionTrail events (${trailName})`,
      tags,
    });
    const account = answeredInvoke(subject, "getAccount", ["id"], alicloud.getAccountOutput(parent));
    const slsProjectArn = pulumi.interpolate`acs:log:${region}:${account.id}:project/${project.projectName}`;

    const trail = new alicloud.actiontrail.Trail(
      `${name}-trail`,
      {
        trailName,
        trailRegion: "All",
        eventRw: "All",
        status: "Enable",
        isOrganizationTrail: false,
        ossBucketName: trailBucket.bucket.bucket,
        ossKeyPrefix: "actiontrail",
        slsProjectArn,
      },
      // Writes the evidence: transformations may only tag it, like the bucket and logstore (../evidenceGuard.ts).
      evidenceWriter({ parent: this, dependsOn: [store, trailBucket.worm] }),
    );

    this.trailId = trail.id;
    this.bucketName = trailBucket.bucket.bucket;
    this.logProjectName = project.projectName;
    this.logStoreName = store.logstoreName;
    this.registerOutputs({ trailId: this.trailId, bucketName: this.bucketName, logProjectName: this.logProjectName });
  }
}
