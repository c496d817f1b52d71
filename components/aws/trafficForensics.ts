// Evidence of who talked to whom: every flow with every v5 field in a write-once bucket, plus packet mirroring of
// chosen interfaces to a sensor. The case's investigation stood on VPC traffic mirroring and 1.2 TB of raw evidence.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../../lib/cidr";
import { flowLogFormat } from "../plan/flowLogFormat";
import { checkDays } from "../plan/retention";
import { Problems } from "../validation";
import { awsContext } from "./context";
import { createEvidenceBucket } from "./evidenceBucket";
import { createServiceKey } from "./kmsKey";

export interface MirrorFilterRule {
  direction: "ingress" | "egress";
  ruleNumber: number;
  action: "accept" | "reject";
  /** IP protocol number; omit for all protocols. */
  protocol?: number;
  /** Both blocks are of one family (AWS refuses a mix); an omitted one is the whole of the other's family. */
  sourceCidrBlock?: string;
  destinationCidrBlock?: string;
  destinationPortRange?: { fromPort: number; toPort: number };
}

export interface TrafficMirroringArgs {
  /** Sensor target: an NLB ARN or a sensor ENI id (exactly one). */
  targetNlbArn?: pulumi.Input<string>;
  targetEniId?: pulumi.Input<string>;
  /** ENIs whose packets are mirrored, one session each. */
  sourceEniIds: pulumi.Input<string>[];
  /** Filter rules. Default: accept all traffic in both directions; a direction with no accept rule logs a warning. */
  filterRules?: MirrorFilterRule[];
  /** VXLAN network id for the sessions. Default 4711. */
  virtualNetworkId?: number;
}

export interface TrafficForensicsArgs {
  vpcId: pulumi.Input<string>;
  /** Evidence bucket name; default `<name>-evidence-<account id>` (stable, so refactors never replace it). */
  bucketName?: pulumi.Input<string>;
  /** Object Lock COMPLIANCE retention of every flow-log object, 180–3650 days. Default 365. */
  retentionDays?: number;
  /** Packet mirroring; default none. */
  mirroring?: TrafficMirroringArgs;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const ANY = { ipv4: "0.0.0.0/0", ipv6: "::/0" } as const;

/** Every packet in both directions, IPv4 and IPv6: dual-stack hosts must not keep their IPv6 traffic unseen. */
export const ACCEPT_ALL_FILTER_RULES: readonly MirrorFilterRule[] = (["ingress", "egress"] as const).flatMap(
  (direction) => [
    { direction, ruleNumber: 100, action: "accept", sourceCidrBlock: ANY.ipv4, destinationCidrBlock: ANY.ipv4 },
    { direction, ruleNumber: 110, action: "accept", sourceCidrBlock: ANY.ipv6, destinationCidrBlock: ANY.ipv6 },
  ],
);

/** The rule's blocks as AWS receives them, or undefined when a block is not a CIDR or the families differ. */
export function filterRuleBlocks(r: MirrorFilterRule): { source: string; destination: string } | undefined {
  const source = r.sourceCidrBlock === undefined ? undefined : parseCidr(r.sourceCidrBlock);
  const destination = r.destinationCidrBlock === undefined ? undefined : parseCidr(r.destinationCidrBlock);
  if ((r.sourceCidrBlock !== undefined && !source) || (r.destinationCidrBlock !== undefined && !destination))
    return undefined;
  const family = source?.family ?? destination?.family ?? "ipv4";
  if (source && destination && source.family !== destination.family) return undefined;
  return { source: source?.text ?? ANY[family], destination: destination?.text ?? ANY[family] };
}

function validate(args: TrafficForensicsArgs): void {
  const problems = new Problems("TrafficForensics");
  checkDays(problems, "retentionDays", args.retentionDays ?? 365, 180, 3650, "omit retentionDays for 365 days");
  const m = args.mirroring;
  if (m) {
    problems.check(
      (m.targetNlbArn === undefined) !== (m.targetEniId === undefined),
      "mirroring.targetNlbArn/targetEniId",
      { targetNlbArn: m.targetNlbArn, targetEniId: m.targetEniId },
      "exactly one of targetNlbArn and targetEniId",
      "give the sensor NLB's ARN or the sensor ENI's id, not both",
    );
    problems.check(
      Array.isArray(m.sourceEniIds) && m.sourceEniIds.length > 0,
      "mirroring.sourceEniIds",
      m.sourceEniIds,
      "at least one ENI id",
      "list the interfaces to mirror, or omit mirroring",
    );
    const seen = new Set<string>();
    (m.filterRules ?? []).forEach((r, i) => {
      const key = `${r.direction}/${r.ruleNumber}`;
      problems.check(
        (r.direction === "ingress" || r.direction === "egress") &&
          Number.isInteger(r.ruleNumber) &&
          r.ruleNumber >= 1 &&
          r.ruleNumber <= 32766 &&
          !seen.has(key),
        `mirroring.filterRules[${i}]`,
        r,
        "direction ingress/egress and a rule number 1–32766 unique per direction",
        "fix the direction or pick another rule number",
      );
      seen.add(key);
      problems.check(
        filterRuleBlocks(r) !== undefined,
        `mirroring.filterRules[${i}].sourceCidrBlock/destinationCidrBlock`,
        { sourceCidrBlock: r.sourceCidrBlock, destinationCidrBlock: r.destinationCidrBlock },
        "CIDR blocks of one family (IPv4 with IPv4, IPv6 with IPv6)",
        "write two rules, one per family, e.g. 0.0.0.0/0 → 0.0.0.0/0 and ::/0 → ::/0",
      );
    });
    problems.check(
      m.virtualNetworkId === undefined ||
        (Number.isInteger(m.virtualNetworkId) && m.virtualNetworkId >= 1 && m.virtualNetworkId <= 16777215),
      "mirroring.virtualNetworkId",
      m.virtualNetworkId,
      "an integer from 1 to 16777215",
      "omit it for 4711",
    );
  }
  problems.throwIfAny();
}

/** Directions in which the given filter rules mirror nothing (no accept rule at all). */
export function unmirroredDirections(rules: readonly MirrorFilterRule[]): ("ingress" | "egress")[] {
  return (["ingress", "egress"] as const).filter(
    (direction) => !rules.some((r) => r.direction === direction && r.action === "accept"),
  );
}

export class TrafficForensics extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly flowLogId: pulumi.Output<string>;
  readonly mirrorSessionIds: pulumi.Output<string[]>;

  constructor(name: string, args: TrafficForensicsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(args);
    super("hardening:aws:TrafficForensics", name, {}, opts);
    const parent = { parent: this };
    const tags = pulumi.output(args.tags ?? {});
    const context = awsContext(this, opts?.provider);
    const sourceAccount = { StringEquals: { "aws:SourceAccount": context.accountId } };

    const key = createServiceKey(
      `${name}-evidence-key`,
      {
        description: `${name}: flow-log evidence`,
        context,
        serviceStatements: [
          {
            Sid: "LogDeliveryEncrypts",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Encrypt", "kms:Decrypt"],
            Resource: "*",
            Condition: sourceAccount,
          },
        ],
      },
      parent,
    );
    const evidence = createEvidenceBucket(
      `${name}-evidence`,
      {
        bucketName: args.bucketName ?? pulumi.interpolate`${name}-evidence-${context.accountId}`,
        kmsKeyArn: key.arn,
        retentionDays: args.retentionDays ?? 365,
        tags,
        serviceStatements: (bucketArn) => [
          {
            Sid: "LogDeliveryWrite",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${context.accountId}/*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": context.accountId, "s3:x-amz-acl": "bucket-owner-full-control" },
            },
          },
          {
            Sid: "LogDeliveryAclCheck",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: sourceAccount,
          },
        ],
      },
      parent,
    );
    this.bucketName = evidence.bucket.bucket;
    this.bucketArn = evidence.bucket.arn;

    const flowLog = new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: args.vpcId,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: evidence.bucket.arn,
        logFormat: flowLogFormat(),
        maxAggregationInterval: 60,
        destinationOptions: { fileFormat: "plain-text", perHourPartition: true, hiveCompatiblePartitions: false },
        tags: tags.apply((t) => ({ ...t, Name: `${name}-flow-log` })),
      },
      { parent: this, dependsOn: evidence.ready },
    );
    this.flowLogId = flowLog.id;

    const sessions: aws.ec2.TrafficMirrorSession[] = [];
    const m = args.mirroring;
    if (m) {
      const rules = m.filterRules ?? ACCEPT_ALL_FILTER_RULES;
      for (const direction of unmirroredDirections(rules)) {
        pulumi.log.warn(
          `TrafficForensics ${name}: mirroring.filterRules accept no ${direction} traffic, so none is mirrored to ` +
            "the sensor; omit filterRules to mirror everything",
          this,
        );
      }
      const target = new aws.ec2.TrafficMirrorTarget(
        `${name}-mirror-target`,
        {
          description: `${name} packet sensor`,
          networkLoadBalancerArn: m.targetNlbArn,
          networkInterfaceId: m.targetEniId,
          tags,
        },
        parent,
      );
      const filter = new aws.ec2.TrafficMirrorFilter(
        `${name}-mirror-filter`,
        { description: `${name} mirror filter`, tags },
        parent,
      );
      rules.forEach((r) => {
        // Validated above: every rule has blocks of one family.
        const blocks = filterRuleBlocks(r)!;
        new aws.ec2.TrafficMirrorFilterRule(
          `${name}-mirror-${r.direction}-${r.ruleNumber}`,
          {
            trafficMirrorFilterId: filter.id,
            trafficDirection: r.direction,
            ruleNumber: r.ruleNumber,
            ruleAction: r.action,
            protocol: r.protocol,
            sourceCidrBlock: blocks.source,
            destinationCidrBlock: blocks.destination,
            destinationPortRange: r.destinationPortRange,
          },
          parent,
        );
      });
      m.sourceEniIds.forEach((eni, i) =>
        sessions.push(
          new aws.ec2.TrafficMirrorSession(
            `${name}-mirror-session-${i}`,
            {
              networkInterfaceId: eni,
              trafficMirrorTargetId: target.id,
              trafficMirrorFilterId: filter.id,
              sessionNumber: 1,
              virtualNetworkId: m.virtualNetworkId ?? 4711,
              tags,
            },
            parent,
          ),
        ),
      );
    }
    this.mirrorSessionIds = pulumi.output(sessions.map((s) => s.id));

    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      flowLogId: this.flowLogId,
      mirrorSessionIds: this.mirrorSessionIds,
    });
  }
}
