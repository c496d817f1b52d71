// Evidence of what crossed the network. The case's investigation relied on VPC traffic mirroring and 1.2 TB of raw
// evidence: here the flow log (ALL) goes to SLS, chosen ENIs are mirrored to a sensor, and captures land in a WORM,
// KMS-encrypted, versioned OSS bucket that survives `pulumi destroy` and cannot be altered by a ransomware operator.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  MAX_WORM_DAYS,
  checkDays,
  checkLogRetention,
  checkLogstoreName,
  checkOssBucketName,
  checkSlsProjectName,
} from "../plan/alicloud-retention";
import { isPlain, Problems } from "../validation";
import { checkCidrForm } from "../plan/alicloud-cidr";
import {
  describeMirrorGap,
  isWholeFamily,
  mirrorGaps,
  MirrorRuleReading,
  MirrorWords,
  mirrorsEverything as mirrorsEveryPacket,
} from "../plan/mirrorFilters";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import { ChildGate } from "./childGate";
import { checkOnceKnown } from "./deferredCheck";
import { checkDerivedNames, mirrorSessionName } from "./derivedNames";
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
const RESOURCE_TYPES = ["VPC", "VSwitch", "NetworkInterface"];
const RULE_KEYS = argumentKeys<MirrorFilterRule>({
  protocol: true,
  sourceCidrBlock: true,
  destinationCidrBlock: true,
  sourcePortRange: true,
  destinationPortRange: true,
  action: true,
  priority: true,
});
const TRAFFIC_FORENSICS_ARGS = argumentKeys<TrafficForensicsArgs>({
  flowLogResourceType: true,
  flowLogResourceId: true,
  logProjectName: true,
  logStoreName: true,
  logRetentionDays: true,
  sourceEniIds: true,
  target: true,
  ingressRules: true,
  egressRules: true,
  evidenceBucketName: true,
  evidenceRetentionDays: true,
  lockWorm: true,
  kmsKeyId: true,
  tags: true,
});
/** Read at construction; the flow log's resource, the ENIs, the target id and the key may be Outputs. */
const PLAIN_ARGS: (keyof TrafficForensicsArgs)[] = [
  "flowLogResourceType",
  "logProjectName",
  "logStoreName",
  "logRetentionDays",
  "ingressRules",
  "egressRules",
  "evidenceBucketName",
  "evidenceRetentionDays",
  "lockWorm",
  "tags",
];
const EVIDENCE_DEFAULT_DAYS = 365;
const RETENTION_WHY = "an intrusion found later than that has no traffic evidence left";

/** "-1/-1" (every port) or "from/to" with 1 <= from <= to <= 65535. */
function isPortRange(value: unknown): boolean {
  if (value === "-1/-1") return true;
  const m = typeof value === "string" ? /^(\d{1,5})\/(\d{1,5})$/.exec(value) : null;
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= 65535;
}

function checkMirrorRule(problems: Problems, argument: string, r: MirrorFilterRule): void {
  const keys = new ArgProblems("rule");
  keys.knownKeys(r, RULE_KEYS, `${argument}.`);
  problems.addAll(keys.list);
  problems.check(
    PROTOCOLS.includes(r.protocol),
    `${argument}.protocol`,
    r.protocol,
    PROTOCOLS.join(", "),
    'use "ALL" to capture everything',
  );
  problems.check(
    r.action === "accept" || r.action === "drop",
    `${argument}.action`,
    r.action,
    "accept or drop",
    'use "accept" to mirror matching packets',
  );
  // Traffic mirror filters match IPv4 only (the provider has no IPv6 field).
  checkCidrForm(problems, `${argument}.sourceCidrBlock`, r.sourceCidrBlock, { family: "ipv4", bareAddress: false });
  checkCidrForm(problems, `${argument}.destinationCidrBlock`, r.destinationCidrBlock, {
    family: "ipv4",
    bareAddress: false,
  });
  const portless = r.protocol === "ALL" || r.protocol === "ICMP";
  for (const field of ["sourcePortRange", "destinationPortRange"] as const) {
    problems.check(
      portless ? r[field] === "-1/-1" : isPortRange(r[field]),
      `${argument}.${field}`,
      r[field],
      portless ? `"-1/-1" with protocol ${r.protocol}` : '"-1/-1" or "from/to" within 1-65535, e.g. "22/22"',
      portless ? 'use "-1/-1"' : 'write the range as "from/to"',
    );
  }
}

function checkMirrorRules(problems: Problems, argument: string, rules: unknown): void {
  if (
    !problems.check(
      Array.isArray(rules) && rules.length > 0 && rules.length <= 10,
      argument,
      rules,
      "a list of 1 to 10 rules",
      "omit the argument to mirror everything",
    )
  ) {
    return;
  }
  const priorities = new Set<unknown>();
  (rules as unknown[]).forEach((r, i) => {
    if (
      !problems.check(
        typeof r === "object" && r !== null && !Array.isArray(r),
        `${argument}[${i}]`,
        r,
        "a rule object { protocol, sourceCidrBlock, destinationCidrBlock, ports, action, priority }",
        "start from MIRROR_ALL and change what you need",
      )
    ) {
      return;
    }
    const rule = r as MirrorFilterRule;
    checkMirrorRule(problems, `${argument}[${i}]`, rule);
    problems.check(
      Number.isInteger(rule.priority) && rule.priority >= 1 && rule.priority <= 10 && !priorities.has(rule.priority),
      `${argument}[${i}].priority`,
      rule.priority,
      "a unique integer from 1 to 10",
      "give each rule its own priority",
    );
    priorities.add(rule.priority);
  });
}

/** Alibaba Cloud mirror filters match IPv4 only. */
const ALICLOUD_MIRROR_WORDS: MirrorWords = { everything: () => "0.0.0.0/0 to 0.0.0.0/0" };

/** A validated rule as the shared predicate (../plan/mirrorFilters.ts) reads it. */
function ruleReading(argument: string, r: MirrorFilterRule, index: number): MirrorRuleReading {
  return {
    label: `${argument}[${index}] (priority ${r.priority}: ${r.action} ${r.protocol} ${r.sourceCidrBlock} to ${r.destinationCidrBlock})`,
    accepts: r.action === "accept",
    order: r.priority,
    family: "IPv4",
    // Protocol ALL takes only "-1/-1" ports (checked above): every port.
    matchesAll: r.protocol === "ALL" && isWholeFamily(r.sourceCidrBlock) && isWholeFamily(r.destinationCidrBlock),
  };
}

/** True when an accept of every packet is evaluated ahead of every drop: the direction is captured in full. */
export function mirrorsEverything(rules: readonly MirrorFilterRule[], argument = "rules"): boolean {
  return mirrorsEveryPacket(
    rules.map((r, i) => ruleReading(argument, r, i)),
    ["IPv4"],
  );
}

/** What keeps a direction from being captured in full, naming the rules, or undefined when nothing does. */
function partialMirrorReason(argument: string, rules: readonly MirrorFilterRule[]): string | undefined {
  const gaps = mirrorGaps(
    rules.map((r, i) => ruleReading(argument, r, i)),
    ["IPv4"],
  );
  return gaps.length === 0 ? undefined : gaps.map((g) => describeMirrorGap(g, ALICLOUD_MIRROR_WORDS)).join("; ");
}

/** The fields a filter rule takes: nothing else a caller's object carries reaches the resource. */
function ruleInputs(r: MirrorFilterRule): MirrorFilterRule {
  return {
    protocol: r.protocol,
    sourceCidrBlock: r.sourceCidrBlock,
    destinationCidrBlock: r.destinationCidrBlock,
    sourcePortRange: r.sourcePortRange,
    destinationPortRange: r.destinationPortRange,
    action: r.action,
    priority: r.priority,
  };
}

/**
 * The ENIs a session mirrors: each given, each once, none the sensor ENI the session mirrors to (its own copies
 * would be mirrored back to it). Run on the plain ids at construction and on all of them once known.
 */
function checkMirrorSources(
  problems: ArgProblems,
  eniIds: readonly unknown[],
  target: { type?: unknown; id?: unknown } | undefined,
): void {
  eniIds.forEach((id, i) =>
    problems.present(`sourceEniIds[${i}]`, id, "pass the ENI id (e.g. instance.networkInterfaceId)"),
  );
  problems.distinct("sourceEniIds", eniIds);
  if (target?.type !== "NetworkInterface" || !isPlain(target.id)) return;
  eniIds.forEach((id, i) =>
    problems.check(
      !isPlain(id) || id !== target.id,
      `sourceEniIds[${i}]`,
      id,
      `an ENI other than the mirror target (target.id is ${JSON.stringify(target.id)})`,
      "mirror the watched instances' ENIs to a separate sensor ENI; a sensor mirrored into itself loops its own copies",
    ),
  );
}

export class TrafficForensics extends pulumi.ComponentResource {
  public readonly flowLogId: pulumi.Output<string>;
  public readonly mirrorFilterId: pulumi.Output<string>;
  public readonly mirrorSessionId: pulumi.Output<string>;
  public readonly evidenceBucketName: pulumi.Output<string>;
  public readonly logProjectName: pulumi.Output<string>;

  constructor(name: string, given: TrafficForensicsArgs, opts?: pulumi.ComponentResourceOptions) {
    const subject = `TrafficForensics "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, TRAFFIC_FORENSICS_ARGS);
    const args = problems.plain(given ?? ({} as TrafficForensicsArgs), PLAIN_ARGS);
    const projectName = args.logProjectName ?? `${name}-forensics`;
    const storeName = args.logStoreName ?? "traffic-flowlog";
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const wormDays = args.evidenceRetentionDays ?? EVIDENCE_DEFAULT_DAYS;
    const ingress = args.ingressRules ?? [MIRROR_ALL];
    const egress = args.egressRules ?? [MIRROR_ALL];
    problems.check(
      args.flowLogResourceType === undefined || RESOURCE_TYPES.includes(args.flowLogResourceType),
      "flowLogResourceType",
      args.flowLogResourceType,
      RESOURCE_TYPES.join(", "),
      'use "VPC" to log every vSwitch (the default)',
    );
    problems.present("flowLogResourceId", args.flowLogResourceId, "pass the id of the VPC (or vSwitch, ENI) to log");
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
    if (
      problems.check(
        Array.isArray(args.sourceEniIds) && args.sourceEniIds.length > 0 && args.sourceEniIds.length <= 10,
        "sourceEniIds",
        args.sourceEniIds,
        "1 to 10 ENI ids per session",
        "pass the primary ENIs of the instances to watch",
      )
    ) {
      // ENI ids given as Outputs are checked once known, below.
      checkMirrorSources(problems, args.sourceEniIds, args.target);
    }
    problems.check(
      args.target?.type === "NetworkInterface" || args.target?.type === "SLB",
      "target.type",
      args.target?.type,
      "NetworkInterface or SLB",
      "point the session at a sensor ENI or an internal SLB in front of sensors",
    );
    problems.present("target.id", args.target?.id, "pass the sensor ENI's or the internal SLB's id");
    checkMirrorRules(problems, "ingressRules", ingress);
    checkMirrorRules(problems, "egressRules", egress);
    problems.boolean("lockWorm", args.lockWorm);
    problems.notBlank("kmsKeyId", args.kmsKeyId, "omit it to create a key with rotation, or pass a key id");
    checkTags(problems, "tags", args.tags, 2);
    checkDerivedNames(
      problems,
      name,
      [mirrorSessionName(`${name}-session`)],
      'rename the component: a letter first, then letters, digits, "-" or "_", e.g. "forensics"',
    );
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:alicloud:TrafficForensics", name, {}, gate.options(guardEvidence(subject, opts)));
    guardInheritedTransformations(subject, this);
    // The same checks once the ENI ids and the target id given as Outputs are known; every child waits for them (the
    // gate), so a session mirroring the sensor into itself creates nothing, the retained stores included.
    const sources = { sourceEniIds: args.sourceEniIds, targetId: args.target.id };
    if (!isPlain(sources.targetId) || sources.sourceEniIds.some((id) => !isPlain(id))) {
      gate.waitFor(
        checkOnceKnown(subject, sources, (checks, known) => {
          checks.present("target.id", known.targetId, "pass the sensor ENI's or the internal SLB's id");
          checkMirrorSources(checks, known.sourceEniIds, { type: args.target.type, id: known.targetId });
        }),
      );
    }
    const flowLogType = args.flowLogResourceType ?? "VPC";
    if (flowLogType !== "VPC") {
      pulumi.log.warn(
        `${subject}: flowLogResourceType is "${flowLogType}", narrower than the default "VPC": traffic of the ` +
          `VPC's other ${flowLogType === "VSwitch" ? "vSwitches" : "network interfaces"} is not recorded, and ` +
          'an intruder moving there leaves no flow record; fix: omit it (or pass "VPC" and the VPC id)',
        this,
      );
    }
    for (const [argument, rules] of [
      ["ingressRules", ingress],
      ["egressRules", egress],
    ] as const) {
      const partial = partialMirrorReason(argument, rules);
      if (!rules.some((r) => r.action === "accept")) {
        pulumi.log.warn(
          `TrafficForensics "${name}": ${argument} only drop, so no traffic in that direction is mirrored; ` +
            "omit the argument to mirror everything",
          this,
        );
      } else if (partial) {
        pulumi.log.warn(
          `${subject}: ${argument} do not accept all traffic ahead of every drop (${partial}), so packets they ` +
            "leave out are not captured as evidence; omit the argument to mirror everything",
          this,
        );
      }
    }
    warnIfWeaker(this, subject, "logRetentionDays", retention, DEFAULT_LOG_RETENTION_DAYS, "lower", RETENTION_WHY);
    warnIfWeaker(this, subject, "evidenceRetentionDays", wormDays, EVIDENCE_DEFAULT_DAYS, "lower", RETENTION_WHY);

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
      resourceType: flowLogType,
      resourceId: args.flowLogResourceId,
      projectName,
      logstoreName: storeName,
      retentionDays: retention,
      sinkDescription: `Traffic evidence of ${name}`,
      description: "All accepted and dropped traffic, kept as evidence",
      tags,
    });

    // The filter, its rules and the session decide which packets reach the sensor: like the flow log, each is an
    // evidence writer, which transformations may only tag (../evidenceGuard.ts).
    const filter = new alicloud.vpc.TrafficMirrorFilter(
      `${name}-filter`,
      {
        trafficMirrorFilterName: `${name}-filter`,
        trafficMirrorFilterDescription: "What the forensic sensor receives",
        tags,
      },
      evidenceWriter(parent),
    );
    ingress.forEach(
      (r, i) =>
        new alicloud.vpc.TrafficMirrorFilterIngressRule(
          `${name}-ingress-${i}`,
          { trafficMirrorFilterId: filter.id, ...ruleInputs(r) },
          evidenceWriter(parent),
        ),
    );
    egress.forEach(
      (r, i) =>
        new alicloud.vpc.TrafficMirrorFilterEgressRule(
          `${name}-egress-${i}`,
          { trafficMirrorFilterId: filter.id, ...ruleInputs(r) },
          evidenceWriter(parent),
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
      evidenceWriter(parent),
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
