// Evidence of what crossed the network. The case's investigation relied on VPC traffic mirroring and 1.2 TB of raw
// evidence: here the flow log (ALL) goes to SLS, chosen ENIs are mirrored to a sensor, and captures land in a WORM,
// KMS-encrypted, versioned OSS bucket that survives `pulumi destroy` and cannot be altered by a ransomware operator.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  MAX_WORM_DAYS,
  checkDays,
  checkLogRetention,
  checkLogstoreName,
  checkOssBucketName,
  checkSlsProjectName,
} from "../plan/alicloud-retention";
import { Problems } from "../validation";
import { createAllTrafficFlowLog } from "./flowLog";
import { createWormBucket } from "./wormBucket";

export interface MirrorFilterRule {
  /** "ALL", "TCP", "UDP" or "ICMP". */
  protocol: string;
  sourceCidrBlock: string;
  destinationCidrBlock: string;
  /** "-1/-1" for all ports (required with ALL/ICMP). */
  sourcePortRange: string;
  destinationPortRange: string;
  action: "accept" | "drop";
  /** 1-10, lower is evaluated first. */
  priority: number;
}

export interface TrafficForensicsArgs {
  /** The flow log's resource: "VPC", "VSwitch" or "NetworkInterface". Default "VPC". */
  flowLogResourceType?: "VPC" | "VSwitch" | "NetworkInterface";
  /** Id of that resource (e.g. the VPC id). */
  flowLogResourceId: pulumi.Input<string>;
  /** SLS project for the flow log; stable name. Default `${name}-forensics`. */
  logProjectName?: string;
  /** Default "traffic-flowlog". */
  logStoreName?: string;
  /** 180-3650 days. Default 365. */
  logRetentionDays?: number;
  /** ENIs whose traffic is mirrored (the instances' primary ENIs). At least one. */
  sourceEniIds: pulumi.Input<string>[];
  /** Where mirrored packets go: a sensor ENI or an internal SLB. */
  target: { type: "NetworkInterface" | "SLB"; id: pulumi.Input<string> };
  /** Ingress filter rules. Default: accept all traffic. */
  ingressRules?: MirrorFilterRule[];
  /** Egress filter rules. Default: accept all traffic. */
  egressRules?: MirrorFilterRule[];
  /** Evidence bucket (globally unique, stable). Required. */
  evidenceBucketName: string;
  /** WORM retention of evidence objects, 180-25550 days. Default 365. */
  evidenceRetentionDays?: number;
  /**
   * Lock the WORM policy (irreversible, the default). `false` leaves it InProgress (deletable for 24 h) for trials
   * and logs a warning.
   */
  lockWorm?: boolean;
  /** KMS key for the bucket; default: a new key with rotation and deletion protection. */
  kmsKeyId?: pulumi.Input<string>;
  tags?: Record<string, string>;
}

/** Everything, both directions: a capture that filters is a capture that misses the attacker's side channel. */
export const MIRROR_ALL: MirrorFilterRule = {
  protocol: "ALL",
  sourceCidrBlock: "0.0.0.0/0",
  destinationCidrBlock: "0.0.0.0/0",
  sourcePortRange: "-1/-1",
  destinationPortRange: "-1/-1",
  action: "accept",
  priority: 1,
};

const PROTOCOLS = ["ALL", "TCP", "UDP", "ICMP"];

function checkMirrorRules(problems: Problems, argument: string, rules: MirrorFilterRule[]): void {
  problems.check(rules.length > 0, argument, rules, "at least one rule", "omit the argument to mirror everything");
  const priorities = new Set<number>();
  rules.forEach((r, i) => {
    problems.check(
      PROTOCOLS.includes(r.protocol),
      `${argument}[${i}].protocol`,
      r.protocol,
      PROTOCOLS.join(", "),
      'use "ALL" to capture everything',
    );
    problems.check(
      Number.isInteger(r.priority) && r.priority >= 1 && r.priority <= 10 && !priorities.has(r.priority),
      `${argument}[${i}].priority`,
      r.priority,
      "a unique integer from 1 to 10",
      "give each rule its own priority",
    );
    priorities.add(r.priority);
    problems.check(
      r.action === "accept" || r.action === "drop",
      `${argument}[${i}].action`,
      r.action,
      "accept or drop",
      'use "accept" to mirror matching packets',
    );
  });
}

export class TrafficForensics extends pulumi.ComponentResource {
  public readonly flowLogId: pulumi.Output<string>;
  public readonly mirrorFilterId: pulumi.Output<string>;
  public readonly mirrorSessionId: pulumi.Output<string>;
  public readonly evidenceBucketName: pulumi.Output<string>;
  public readonly logProjectName: pulumi.Output<string>;

  constructor(name: string, args: TrafficForensicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hardening:alicloud:TrafficForensics", name, {}, opts);

    const projectName = args.logProjectName ?? `${name}-forensics`;
    const storeName = args.logStoreName ?? "traffic-flowlog";
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const wormDays = args.evidenceRetentionDays ?? 365;
    const ingress = args.ingressRules ?? [MIRROR_ALL];
    const egress = args.egressRules ?? [MIRROR_ALL];
    const problems = new Problems(`TrafficForensics "${name}"`);
    checkSlsProjectName(problems, "logProjectName", projectName);
    checkLogstoreName(problems, "logStoreName", storeName);
    checkLogRetention(problems, "logRetentionDays", retention);
    checkOssBucketName(problems, "evidenceBucketName", args.evidenceBucketName);
    checkDays(
      problems,
      "evidenceRetentionDays",
      wormDays,
      180,
      MAX_WORM_DAYS,
      "evidence must outlive an investigation",
    );
    problems.check(
      Array.isArray(args.sourceEniIds) && args.sourceEniIds.length > 0 && args.sourceEniIds.length <= 10,
      "sourceEniIds",
      args.sourceEniIds,
      "1 to 10 ENI ids per session",
      "pass the primary ENIs of the instances to watch",
    );
    problems.check(
      args.target?.type === "NetworkInterface" || args.target?.type === "SLB",
      "target.type",
      args.target?.type,
      "NetworkInterface or SLB",
      "point the session at a sensor ENI or an internal SLB in front of sensors",
    );
    checkMirrorRules(problems, "ingressRules", ingress);
    checkMirrorRules(problems, "egressRules", egress);
    problems.throwIfAny();
    for (const [argument, rules] of [
      ["ingressRules", ingress],
      ["egressRules", egress],
    ] as const) {
      if (!rules.some((r) => r.action === "accept")) {
        pulumi.log.warn(
          `TrafficForensics "${name}": ${argument} only drop, so no traffic in that direction is mirrored; ` +
            "omit the argument to mirror everything",
          this,
        );
      }
    }

    const lockWorm = args.lockWorm ?? true;
    if (!lockWorm) {
      pulumi.log.warn(
        `TrafficForensics "${name}": lockWorm is false; the evidence WORM policy stays InProgress and can be ` +
          `deleted for 24 hours. Lock it before relying on the evidence.`,
        this,
      );
    }
    const tags = { ...(args.tags ?? {}), "hardening:component": "TrafficForensics" };
    const parent = { parent: this };

    const { project, flowLog } = createAllTrafficFlowLog(this, name, {
      resourceType: args.flowLogResourceType ?? "VPC",
      resourceId: args.flowLogResourceId,
      projectName,
      logstoreName: storeName,
      retentionDays: retention,
      sinkDescription: `Traffic evidence of ${name}`,
      description: "All accepted and dropped traffic, kept as evidence",
      tags,
    });

    const filter = new alicloud.vpc.TrafficMirrorFilter(
      `${name}-filter`,
      {
        trafficMirrorFilterName: `${name}-filter`,
        trafficMirrorFilterDescription: "What the forensic sensor receives",
        tags,
      },
      parent,
    );
    ingress.forEach(
      (r, i) =>
        new alicloud.vpc.TrafficMirrorFilterIngressRule(
          `${name}-ingress-${i}`,
          { trafficMirrorFilterId: filter.id, ...r },
          parent,
        ),
    );
    egress.forEach(
      (r, i) =>
        new alicloud.vpc.TrafficMirrorFilterEgressRule(
          `${name}-egress-${i}`,
          { trafficMirrorFilterId: filter.id, ...r },
          parent,
        ),
    );
    const session = new alicloud.vpc.TrafficMirrorSession(
      `${name}-session`,
      {
        trafficMirrorSessionName: `${name}-session`,
        trafficMirrorSessionDescription: "Mirrors the watched ENIs to the sensor",
        trafficMirrorFilterId: filter.id,
        trafficMirrorSourceIds: args.sourceEniIds,
        trafficMirrorTargetId: args.target.id,
        trafficMirrorTargetType: args.target.type,
        priority: 1,
        enabled: true,
        tags,
      },
      parent,
    );

    const evidence = createWormBucket(this, `${name}-evidence`, {
      bucketName: args.evidenceBucketName,
      wormDays,
      lockWorm,
      kmsKeyId: args.kmsKeyId,
      tags: { ...tags, "hardening:evidence": "true" },
    });

    this.flowLogId = flowLog.id;
    this.mirrorFilterId = filter.id;
    this.mirrorSessionId = session.id;
    this.evidenceBucketName = evidence.bucket.bucket;
    this.logProjectName = project.projectName;
    this.registerOutputs({
      flowLogId: this.flowLogId,
      mirrorFilterId: this.mirrorFilterId,
      mirrorSessionId: this.mirrorSessionId,
      evidenceBucketName: this.evidenceBucketName,
    });
  }
}
