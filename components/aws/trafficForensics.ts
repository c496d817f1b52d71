// Evidence of who talked to whom: every flow with every v5 field in a write-once bucket, plus packet mirroring of
// chosen interfaces to a sensor. The case's investigation stood on VPC traffic mirroring and 1.2 TB of raw evidence.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../../lib/cidr";
import { flowLogFormat } from "../plan/flowLogFormat";
import { cidrNotationProblem } from "../plan/cidr";
import {
  cidrFamily,
  describeMirrorGap,
  isWholeFamily,
  MirrorFamily,
  mirrorGaps,
  MirrorRuleReading,
  MirrorWords,
} from "../plan/mirrorFilters";
import { checkDays, shortenedRetentionWarning } from "../plan/retention";
import { checkKnownArguments, checkList, checkPlain, checkRequiredInput, isPlain, Problems } from "../validation";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { awsContext } from "./context";
import { checkBucketName, createEvidenceBucket, EVIDENCE_TAG } from "./evidenceBucket";
import { createServiceKey } from "./kmsKey";
import { bucketName, checkDerivedNames } from "./derivedNames";
import { ChildGate } from "../childGate";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
import { checkMirrorTargetNlb } from "./mirrorTargetArn";
import { CallerTagRule, checkCallerTagsOnceKnown, checkPlainCallerTags } from "./callerTagCheck";
import { TRAFFIC_FORENSICS_TAG_LIMITS } from "./callerTagLimits";

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
  /**
   * ENIs whose packets are mirrored, one session each; never the sensor's own targetEniId. Ids given as Outputs are
   * checked once known, before the target, filter and sessions are created.
   */
  sourceEniIds: pulumi.Input<string>[];
  /**
   * Filter rules. Default: accept all traffic in both directions. Rules that leave any packet out (a narrower
   * protocol, port or block, one family only, a reject ahead of the accept-all) log a warning naming the rule.
   */
  filterRules?: MirrorFilterRule[];
  /** VXLAN network id for the sessions. Default 4711. */
  virtualNetworkId?: number;
}

export interface TrafficForensicsArgs {
  vpcId: pulumi.Input<string>;
  /**
   * Evidence bucket name; default `<name>-evidence-<account id>` (stable, so refactors never replace it). Given as an
   * Output, it is checked once known, before the key and the bucket are created.
   */
  bucketName?: pulumi.Input<string>;
  /** Object Lock COMPLIANCE retention of every flow-log object, 180–3650 days. Default 365. */
  retentionDays?: number;
  /** Packet mirroring. Omitted, no packet is recorded (flow logs only) and a warning is logged. */
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

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps these lists complete. */
const KNOWN_ARGUMENTS: Record<keyof TrafficForensicsArgs, true> = {
  vpcId: true,
  bucketName: true,
  retentionDays: true,
  mirroring: true,
  tags: true,
};
const KNOWN_MIRRORING_ARGUMENTS: Record<keyof TrafficMirroringArgs, true> = {
  targetNlbArn: true,
  targetEniId: true,
  sourceEniIds: true,
  filterRules: true,
  virtualNetworkId: true,
};
const DIRECTIONS = ["ingress", "egress"];
const ACTIONS = ["accept", "reject"];
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 365;

/** Globally unique without an argument: the component's name and the account. */
const defaultBucketNameOf = (name: string, accountId: string) => `${name}-evidence-${accountId}`;

/**
 * The caller's tags beside the bucket's evidence tag and the flow log's Name, one own tag on each of those resources
 * (the mirror resources add none): a caller's copy of both leaves each resource its caller's tags alone.
 */
const TRAFFIC_FORENSICS_TAGS: CallerTagRule = {
  limits: TRAFFIC_FORENSICS_TAG_LIMITS,
  ownTags: [[EVIDENCE_TAG], ["Name"]],
};

function validate(name: string, args: TrafficForensicsArgs): void {
  const problems = new Problems("TrafficForensics");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (args.bucketName === undefined) {
    // The default bucket name appends the 12-digit account id.
    checkDerivedNames(
      problems,
      name,
      [bucketName(defaultBucketNameOf(name, "123456789012"))],
      "pass bucketName, or rename the component (lower-case, at most 41 characters)",
    );
  }
  checkRequiredInput(problems, "vpcId", args.vpcId);
  checkBucketName(problems, "bucketName", args.bucketName);
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, TRAFFIC_FORENSICS_TAGS);
  if (checkPlain(problems, "retentionDays", args.retentionDays)) {
    checkDays(
      problems,
      "retentionDays",
      args.retentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
      180,
      3650,
      "omit retentionDays for 365 days",
    );
  }
  const m = args.mirroring;
  if (
    m !== undefined &&
    checkPlain(problems, "mirroring", m) &&
    checkKnownArguments(problems, m, Object.keys(KNOWN_MIRRORING_ARGUMENTS), "mirroring.")
  ) {
    checkMirroring(problems, m);
  }
  problems.throwIfAny();
}

function checkMirroring(problems: Problems, m: TrafficMirroringArgs): void {
  problems.check(
    (m.targetNlbArn === undefined) !== (m.targetEniId === undefined),
    "mirroring.targetNlbArn/targetEniId",
    { targetNlbArn: m.targetNlbArn, targetEniId: m.targetEniId },
    "exactly one of targetNlbArn and targetEniId",
    "give the sensor NLB's ARN or the sensor ENI's id, not both",
  );
  if (m.targetNlbArn !== undefined && checkRequiredInput(problems, "mirroring.targetNlbArn", m.targetNlbArn)) {
    // Its place is known only with the provider's region: checked again then (checkKnownMirroring).
    if (typeof m.targetNlbArn === "string") checkMirrorTargetNlb(problems, m.targetNlbArn);
  }
  if (m.targetEniId !== undefined) checkRequiredInput(problems, "mirroring.targetEniId", m.targetEniId);
  if (
    checkList(problems, "mirroring.sourceEniIds", m.sourceEniIds) &&
    problems.check(
      Array.isArray(m.sourceEniIds) && m.sourceEniIds.length > 0,
      "mirroring.sourceEniIds",
      m.sourceEniIds,
      "at least one ENI id",
      "list the interfaces to mirror, or omit mirroring",
    )
  ) {
    checkSourceEnis(problems, m.targetEniId, m.sourceEniIds);
  }
  if (checkList(problems, "mirroring.filterRules", m.filterRules)) {
    const seen = new Set<string>();
    (m.filterRules ?? []).forEach((r, i) => {
      const at = `mirroring.filterRules[${i}]`;
      if (
        !problems.check(
          typeof r === "object" && r !== null,
          at,
          r,
          "a filter rule object",
          "write the rule as an object",
        )
      ) {
        return;
      }
      const key = `${r.direction}/${r.ruleNumber}`;
      problems.check(
        DIRECTIONS.includes(r.direction) &&
          Number.isInteger(r.ruleNumber) &&
          r.ruleNumber >= 1 &&
          r.ruleNumber <= 32766 &&
          !seen.has(key),
        at,
        r,
        "direction ingress/egress and a rule number 1–32766 unique per direction",
        "fix the direction or pick another rule number",
      );
      seen.add(key);
      problems.check(
        ACTIONS.includes(r.action),
        `${at}.action`,
        r.action,
        ACTIONS.join(", "),
        'use "accept" or "reject"',
      );
      if (r.protocol !== undefined) {
        problems.check(
          Number.isInteger(r.protocol) && r.protocol >= 0 && r.protocol <= 255,
          `${at}.protocol`,
          r.protocol,
          "an IP protocol number from 0 to 255 (6 TCP, 17 UDP)",
          "give the protocol number, or omit it for every protocol",
        );
      }
      if (r.destinationPortRange !== undefined)
        checkPortRange(problems, `${at}.destinationPortRange`, r.destinationPortRange);
      // Each block on its own first (no CIDR at all, or one written loosely), then the pair's families.
      let blocksParse = true;
      for (const side of ["sourceCidrBlock", "destinationCidrBlock"] as const) {
        if (r[side] === undefined) continue;
        if (!parseCidr(r[side] as string)) {
          blocksParse = false;
          problems.add(
            `${at}.${side}`,
            r[side],
            "an IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16 or ::/0",
            "correct the block, or omit it for every address of the other block's family",
          );
          continue;
        }
        const notation = cidrNotationProblem(r[side]);
        if (notation) {
          problems.add(`${at}.${side}`, r[side], `a CIDR as AWS stores it (here: ${notation.reason})`, notation.fix);
        }
      }
      problems.check(
        !blocksParse || filterRuleBlocks(r) !== undefined,
        `${at}.sourceCidrBlock/destinationCidrBlock`,
        { sourceCidrBlock: r.sourceCidrBlock, destinationCidrBlock: r.destinationCidrBlock },
        "CIDR blocks of one family (IPv4 with IPv4, IPv6 with IPv6)",
        "write two rules, one per family, e.g. 0.0.0.0/0 → 0.0.0.0/0 and ::/0 → ::/0",
      );
    });
  }
  if (!checkPlain(problems, "mirroring.virtualNetworkId", m.virtualNetworkId)) return;
  problems.check(
    m.virtualNetworkId === undefined ||
      (Number.isInteger(m.virtualNetworkId) && m.virtualNetworkId >= 1 && m.virtualNetworkId <= 16777215),
    "mirroring.virtualNetworkId",
    m.virtualNetworkId,
    "an integer from 1 to 16777215",
    "omit it for 4711",
  );
}

/**
 * One session per ENI with session number 1: AWS refuses a second one on the same interface, and a session whose
 * source is the sensor's own interface (mirrored into itself). Entries given as Outputs are skipped here and checked
 * once known (checkKnownMirroring).
 */
function checkSourceEnis(problems: Problems, targetEniId: unknown, sourceEniIds: readonly unknown[]): void {
  const seenEnis = new Set<string>();
  sourceEniIds.forEach((eni, i) => {
    const at = `mirroring.sourceEniIds[${i}]`;
    if (!checkRequiredInput(problems, at, eni) || typeof eni !== "string") return;
    problems.check(!seenEnis.has(eni), at, eni, "each ENI once", `remove the second "${eni}"`);
    seenEnis.add(eni);
    problems.check(
      eni !== targetEniId,
      at,
      eni,
      `an interface other than the sensor's (mirroring.targetEniId is ${JSON.stringify(targetEniId)}): AWS refuses ` +
        "a session that mirrors an interface into itself",
      `remove "${eni}" from sourceEniIds, or mirror into a separate sensor interface`,
    );
  });
}

/**
 * Mirroring's ids given as Outputs, once known: the checks plain values had, sensor and sources alike, and the sensor
 * NLB's place against the stack's (`stack`, the provider's partition and region).
 */
function checkKnownMirroring(
  problems: Problems,
  m: pulumi.Unwrap<TrafficMirroringArgs>,
  stack?: { partition: string; region: string },
): void {
  if (m.targetNlbArn !== undefined && checkRequiredInput(problems, "mirroring.targetNlbArn", m.targetNlbArn)) {
    checkMirrorTargetNlb(problems, m.targetNlbArn, stack);
  }
  if (m.targetEniId !== undefined) checkRequiredInput(problems, "mirroring.targetEniId", m.targetEniId);
  checkSourceEnis(problems, m.targetEniId, m.sourceEniIds);
}

function checkPortRange(problems: Problems, argument: string, range: { fromPort: number; toPort: number }): void {
  const port = (p: unknown) => Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 65535;
  problems.check(
    typeof range === "object" &&
      range !== null &&
      port(range.fromPort) &&
      port(range.toPort) &&
      range.fromPort <= range.toPort,
    argument,
    range,
    "{ fromPort, toPort }: integers from 0 to 65535, fromPort ≤ toPort",
    "correct the ports, or omit the range for every port",
  );
}

/** Directions in which the given filter rules mirror nothing (no accept rule at all). */
export function unmirroredDirections(rules: readonly MirrorFilterRule[]): ("ingress" | "egress")[] {
  return (["ingress", "egress"] as const).filter(
    (direction) => !rules.some((r) => r.direction === direction && r.action === "accept"),
  );
}

/** AWS filters match IPv4 and IPv6: a dual-stack host's IPv6 traffic must not go unseen. */
const MIRRORED_FAMILIES: readonly MirrorFamily[] = ["IPv4", "IPv6"];
const AWS_MIRROR_WORDS: MirrorWords = {
  everything: (family) => (family === "IPv4" ? "0.0.0.0/0 to 0.0.0.0/0" : "::/0 to ::/0"),
};

/** A validated rule as the shared predicate reads it; its label names the argument and what the rule matches. */
function ruleReading(r: MirrorFilterRule, index: number): MirrorRuleReading {
  // Validated before: the blocks parse and are of one family.
  const blocks = filterRuleBlocks(r)!;
  const everyProtocol = r.protocol === undefined || r.protocol === 0;
  const ports = r.destinationPortRange;
  const what = [
    everyProtocol ? "every protocol" : `protocol ${r.protocol}`,
    ...(ports ? [`ports ${ports.fromPort}-${ports.toPort}`] : []),
    `${blocks.source} to ${blocks.destination}`,
  ].join(", ");
  return {
    label: `mirroring.filterRules[${index}] (${r.direction} rule ${r.ruleNumber}: ${r.action} ${what})`,
    accepts: r.action === "accept",
    order: r.ruleNumber,
    family: cidrFamily(blocks.source)!,
    // A port range binds TCP and UDP only, so even 0-65535 leaves portless protocols (ICMP, GRE, ESP) out.
    matchesAll:
      everyProtocol && ports === undefined && isWholeFamily(blocks.source) && isWholeFamily(blocks.destination),
  };
}

/** The warning for a direction the rules mirror only in part, or undefined when it is mirrored in full. */
export function partialMirrorWarning(
  rules: readonly MirrorFilterRule[],
  direction: "ingress" | "egress",
): string | undefined {
  const readings = rules.flatMap((r, i) => (r.direction === direction ? [ruleReading(r, i)] : []));
  const gaps = mirrorGaps(readings, MIRRORED_FAMILIES);
  if (gaps.length === 0) return undefined;
  return (
    `mirroring.filterRules do not mirror all ${direction} traffic: ` +
    `${gaps.map((g) => describeMirrorGap(g, AWS_MIRROR_WORDS)).join("; ")}. ` +
    gapConsequences(new Set(gaps.map((g) => g.family))).join(" ") +
    " fix: accept every protocol and port from 0.0.0.0/0 to 0.0.0.0/0 and from ::/0 to ::/0 ahead of every reject, " +
    "or omit filterRules to mirror everything"
  );
}

/**
 * What the packets left out cost, per family, as require-effective-traffic-mirroring judges it: IPv4 always; IPv6
 * only for a source with IPv6 addresses, which the component cannot see (sourceEniIds are ids, not interfaces).
 */
function gapConsequences(families: ReadonlySet<MirrorFamily>): string[] {
  const said: string[] = [];
  if (families.has("IPv4")) {
    said.push(
      "IPv4 packets left out leave no evidence, and require-effective-traffic-mirroring fails the stack when they " +
        "include remote-login or database traffic from the internet;",
    );
  }
  if (families.has("IPv6")) {
    said.push(
      "IPv6 packets left out cost nothing on IPv4-only sources, but a dual-stack source's IPv6 traffic then leaves " +
        "no evidence, and require-effective-traffic-mirroring fails the stack for a source with IPv6 addresses " +
        "(ipv6AddressCount, ipv6Addresses, or a subnet with assignIpv6AddressOnCreation) when they include " +
        "remote-login or database traffic; whether sourceEniIds have IPv6 addresses is not known here;",
    );
  }
  return said;
}

export class TrafficForensics extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly flowLogId: pulumi.Output<string>;
  readonly mirrorSessionIds: pulumi.Output<string[]>;

  constructor(name: string, args: TrafficForensicsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:TrafficForensics", name, {}, gate.options(guardEvidence(`TrafficForensics ${name}`, opts)));
    guardInheritedTransformations(`TrafficForensics ${name}`, this);
    const parent = { parent: this };
    const tags = pulumi.output(args.tags ?? {});
    const m = args.mirroring;
    // A bucket name and mirror ids given as Outputs (an instance's primaryNetworkInterfaceId) are checked once known.
    // Every child, the retained key and bucket first, waits for the check (the gate adds it to its dependsOn), so a
    // name S3 refuses or a self-mirror creates nothing; their own values stay known at preview.
    // The sensor NLB's partition and region are compared with the provider's, once known.
    const context = awsContext(`TrafficForensics ${name}`, this, opts?.provider);
    const checked = checkOnceKnown(
      `TrafficForensics ${name}`,
      {
        bucketName: args.bucketName,
        mirroring: m && { targetNlbArn: m.targetNlbArn, targetEniId: m.targetEniId, sourceEniIds: m.sourceEniIds },
        stack: m?.targetNlbArn === undefined ? undefined : { partition: context.partition, region: context.region },
      },
      (problems, known) => {
        checkBucketName(problems, "bucketName", known.bucketName);
        if (known.mirroring) checkKnownMirroring(problems, known.mirroring, known.stack);
      },
    );
    // So do tags given as an Output or holding one.
    const tagsChecked = checkCallerTagsOnceKnown(`TrafficForensics ${name}`, args.tags, TRAFFIC_FORENSICS_TAGS);
    gate.waitFor(tagsChecked ? pulumi.all([checked, tagsChecked]) : checked);
    const shortened = shortenedRetentionWarning(
      "retentionDays",
      args.retentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
      DEFAULT_EVIDENCE_RETENTION_DAYS,
    );
    if (shortened) pulumi.log.warn(`TrafficForensics ${name}: ${shortened}`, this);
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
        bucketName:
          args.bucketName === undefined
            ? context.accountId.apply((account) => defaultBucketNameOf(name, account))
            : isPlain(args.bucketName)
              ? args.bucketName // checked up front: stays known at preview whatever else waits
              : afterCheck(checked, args.bucketName),
        kmsKeyArn: key.arn,
        retentionDays: args.retentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
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
      evidenceWriter({ parent: this, dependsOn: evidence.ready }),
    );
    this.flowLogId = flowLog.id;

    const sessions: aws.ec2.TrafficMirrorSession[] = [];
    if (!m) {
      pulumi.log.warn(
        `TrafficForensics ${name}: mirroring is not given, so no packet is recorded: the flow logs show who talked ` +
          "to whom, never what was sent; fix: pass mirroring: { targetEniId (or targetNlbArn), sourceEniIds } with " +
          "the interfaces of the hosts to watch",
        this,
      );
    }
    if (m) {
      const rules = m.filterRules ?? ACCEPT_ALL_FILTER_RULES;
      const unmirrored = unmirroredDirections(rules);
      for (const direction of unmirrored) {
        pulumi.log.warn(
          `TrafficForensics ${name}: mirroring.filterRules accept no ${direction} traffic, so none is mirrored to ` +
            "the sensor; omit filterRules to mirror everything",
          this,
        );
      }
      for (const direction of (["ingress", "egress"] as const).filter((d) => !unmirrored.includes(d))) {
        const partial = partialMirrorWarning(rules, direction);
        if (partial) pulumi.log.warn(`TrafficForensics ${name}: ${partial}`, this);
      }
      const target = new aws.ec2.TrafficMirrorTarget(
        `${name}-mirror-target`,
        {
          description: `${name} packet sensor`,
          networkLoadBalancerArn: m.targetNlbArn,
          networkInterfaceId: m.targetEniId,
          tags,
        },
        evidenceWriter(parent),
      );
      const filter = new aws.ec2.TrafficMirrorFilter(
        `${name}-mirror-filter`,
        { description: `${name} mirror filter`, tags },
        evidenceWriter(parent),
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
          evidenceWriter(parent),
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
            evidenceWriter(parent),
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
