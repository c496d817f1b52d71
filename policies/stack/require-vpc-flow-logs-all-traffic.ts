// Case step 5: the investigation depended on traffic records; the law asks network logs be kept ≥ 6 months.
import { GenericResource, Resolver, isUnknown, list, num, prop, str } from "../../lib/reachability/internals";
import { bool } from "../../lib/values";
import { reachesFlowLogs } from "../lib/flow-log-s3-keys";
import { flowLogBucket } from "../lib/flow-log-s3-links";
import { storesNamedBy } from "../lib/flow-log-stores";
import { ruleExpirations } from "../lib/lifecycle-expirations";
import { logGroupsNamedByArn } from "../lib/log-group-arns";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { shown } from "../lib/text-values";
import { appendAll } from "../../lib/arrays";
import { Link } from "../lib/links";

interface Config {
  minRetentionDays: number;
}

const T = {
  // The default VPC, once the stack adopts it, is a VPC like any other (FSBP EC2.6 covers it too).
  awsVpcs: ["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc"],
  awsFlowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  lifecycles: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  aliVpc: "alicloud:vpc/network:Network",
  aliFlowLog: "alicloud:vpc/flowLog:FlowLog",
  logStore: "alicloud:log/store:Store",
};

export const requireVpcFlowLogsAllTraffic = defineStackRule<Config>({
  metadata: {
    name: "require-vpc-flow-logs-all-traffic",
    description:
      "Every VPC must have an active flow log capturing all traffic to a destination that keeps it at least minRetentionDays (180 by default).",
    details:
      "Every VPC (an adopted default VPC too) has an active flow log capturing ALL traffic (accepted and rejected, on every Alibaba Cloud traffic path and, in a VPC with IPv6, both address families; an AWS custom logFormat keeping source and destination addresses) to a destination that keeps it at least 180 days: AWS CloudWatch log group retention (a log group named by reference, by name, or by a literal log-group ARN whose name, region and account are the group's), S3 lifecycle (every expiration of the enabled rules reaching the logs, a Bucket's expiration, a BucketV2's expirations or a lifecycle configuration's, expires them by age, never on a fixed expiration.date; rules filtered to other prefixes, to tags or to objects larger than any flow log file (75 MB) reach none), Alibaba Cloud log store retentionPeriod (a store named by its name counts only in the flow log's project). VPCs, flow logs and destinations deployed by raw CloudFormation or ROS templates are judged too.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add a flow log on the VPC itself with trafficType ALL (AWS) / All (Alibaba Cloud); on AWS keep ${srcaddr} and ${dstaddr} (or their pkt- forms) in a custom logFormat; on Alibaba Cloud keep status Active, leave trafficPaths unset (or all) and set ipVersion DualStack on a VPC with enableIpv6.",
      "Send it to a log group with retentionInDays ≥ 180 (or never expiring), an S3 bucket whose lifecycle keeps objects ≥ 180 days (expiration.days, not expiration.date), or a log store with retentionPeriod ≥ 180.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.6" },
      { framework: "CIS AWS v3.0", id: "3.7" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.5" },
      { framework: "PRC Cybersecurity Law", id: "21(3)" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
    ],
    caseStep: 5,
    resourceTypes: [
      ...T.awsVpcs,
      T.awsFlowLog,
      T.logGroup,
      ...T.buckets,
      ...T.lifecycles,
      T.aliVpc,
      T.aliFlowLog,
      T.logStore,
    ],
  },
  configSchema: {
    minRetentionDays: { type: "integer", minimum: 1, maximum: 3650, description: "Minimum days kept (default 180)." },
  },
  parseConfig: (r) => ({ minRetentionDays: r.integer("minRetentionDays", 180, 1, 3650) }),
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    const res = new Resolver(resources);
    const findings: StackFinding[] = [];
    const days = config.minRetentionDays;
    for (const vpc of res.ofType(...T.awsVpcs)) {
      const logs = res.ofType(T.awsFlowLog).filter((f) => res.one(f, "vpcId", f.inputs.vpcId, T.awsVpcs) === vpc.urn);
      appendAll(
        findings,
        verdict(
          vpc,
          logs.map((f) => awsFlowLog(res, f, days)),
        ),
      );
    }
    for (const vpc of res.ofType(T.aliVpc)) {
      // A resource type unknown at preview may be VPC: such a flow log on this VPC can only be a note.
      const logs = res
        .ofType(T.aliFlowLog)
        .filter((f) => isUnknown(f.inputs.resourceType) || (str(f.inputs.resourceType) ?? "").toUpperCase() === "VPC")
        .filter((f) => res.one(f, "resourceId", f.inputs.resourceId, [T.aliVpc]) === vpc.urn);
      appendAll(
        findings,
        verdict(
          vpc,
          logs.map((f) => aliFlowLog(res, f, days) ?? aliFamilies(vpc, f)),
        ),
      );
    }
    return findings;
  },
});

/** Per flow log: undefined when it satisfies the rule, else why not (and whether that is only unknown). */
type Problem = { why: string; unknown: boolean } | undefined;

function verdict(vpc: GenericResource, problems: Problem[]): StackFinding[] {
  if (problems.some((p) => p === undefined)) return [];
  if (problems.length === 0) return [{ urn: vpc.urn, message: `${vpc.name}: no flow log on this VPC` }];
  const unknown = problems.every((p) => p!.unknown);
  return [{ urn: vpc.urn, message: `${vpc.name}: ${problems.map((p) => p!.why).join("; ")}`, unverifiable: unknown }];
}

function trafficProblem(f: GenericResource, value: unknown, all: string): Problem {
  const t = str(value);
  if (t === undefined && value !== undefined)
    return { why: `${f.name}: trafficType is unknown at preview`, unknown: true };
  if ((t ?? "").toLowerCase() !== all.toLowerCase())
    return { why: `${f.name}: trafficType is ${t ?? "unset"}, must be ${all}`, unknown: false };
  return undefined;
}

function retentionProblem(what: string, value: unknown, min: number, neverExpires: (n: number) => boolean): Problem {
  const n = num(value);
  if (n === undefined && value !== undefined) return { why: `${what} retention is unknown at preview`, unknown: true };
  if (n !== undefined && !neverExpires(n) && n < min)
    return { why: `${what} keeps logs ${n} days, fewer than ${min}`, unknown: false };
  return undefined;
}

/**
 * A lifecycle expiration by age (days) or on a fixed date: from that date every object under the rule is deleted,
 * the day's flow logs too, so a date keeps nothing for the minimum.
 */
function expirationProblem(what: string, expiration: unknown, min: number): Problem {
  if (isUnknown(expiration)) return { why: `${what} lifecycle expiration is unknown at preview`, unknown: true };
  const date = prop(expiration, "date");
  if (isUnknown(date)) return { why: `${what} expiration.date is unknown at preview`, unknown: true };
  if (date !== undefined && date !== null && date !== "")
    return {
      why: `${what} expiration.date is ${shown(date)}: every log is deleted on that date, whatever its age; expire by days (at least ${min})`,
      unknown: false,
    };
  return retentionProblem(what, prop(expiration, "days"), min, () => false);
}

function awsFlowLog(res: Resolver, f: GenericResource, min: number): Problem {
  const traffic = trafficProblem(f, f.inputs.trafficType, "ALL") ?? formatProblem(f);
  if (traffic) return traffic;
  const kind = str(f.inputs.logDestinationType) ?? "cloud-watch-logs";
  const destProp = f.inputs.logDestination !== undefined ? "logDestination" : "logGroupName";
  if (kind === "s3") {
    // The bucket, and the folder the logs land under, when the destination's value or dependency tells it.
    const { urn: bucket, keyPrefix: keys } = flowLogBucket(res, f, destProp, T.buckets);
    if (!bucket)
      return { why: `${f.name}: S3 destination outside the stack, retention cannot be verified`, unknown: true };
    const b = res.get(bucket)!;
    // Disabled rules expire nothing: inline rules say so with enabled, lifecycle configurations with status.
    const rules = [
      ...list(b.inputs.lifecycleRules).filter((r) => bool(prop(r, "enabled")) !== false),
      ...res
        .ofType(...T.lifecycles)
        .filter((l) => res.one(l, "bucket", l.inputs.bucket, T.buckets) === bucket)
        .flatMap((l) =>
          list(l.inputs.rules).filter((r) => (str(prop(r, "status")) ?? "Enabled").toLowerCase() !== "disabled"),
        ),
    ];
    // Rules filtered to other prefixes (or to tags, or to objects larger than any log file) leave the logs alone.
    const problems: Problem[] = [];
    for (const r of rules) {
      const reach = reachesFlowLogs(r, keys);
      if (reach === "no") continue;
      for (const p of ruleExpirations(r).map((e) => expirationProblem(`bucket ${b.name}`, e, min))) {
        if (p && reach === "yes") problems.push(p);
        else if (p)
          problems.push({ why: `${p.why} if its rule's filter reaches the flow log's folder`, unknown: true });
      }
    }
    return problems.find((p) => !p!.unknown) ?? problems[0];
  }
  const group = res.one(f, destProp, f.inputs[destProp], [T.logGroup]);
  if (group) return logGroupProblem(res.get(group)!, min);
  return arnLogGroupProblem(f, f.inputs[destProp], res.ofType(T.logGroup), min);
}

/** 0 or absent: CloudWatch keeps the logs forever. */
const logGroupProblem = (g: GenericResource, min: number): Problem =>
  retentionProblem(`log group ${g.name}`, g.inputs.retentionInDays, min, (n) => n === 0);

/** A destination of the stack a flow log names by value, how surely, and what it keeps. */
interface NamedDestination {
  what: string;
  link: Link;
  why?: string;
  problem: Problem;
}

/**
 * Destinations named by value (`via`): judged when surely named; when only possibly (a place or project the plan does
 * not show), a note saying what the destination would keep, since the value may name one outside the stack.
 */
function namedProblem(f: GenericResource, via: string, named: NamedDestination[], outside: string): Problem {
  if (named.length === 0)
    return { why: `${f.name}: ${outside} outside the stack, retention cannot be verified`, unknown: true };
  if (named[0].link === "yes") return named.find((n) => n.problem)?.problem;
  const failing = named.find((n) => n.problem);
  if (failing) return { why: `${f.name}: ${failing.problem!.why} if ${via} names it: ${failing.why}`, unknown: true };
  const whats = named.map((n) => n.what).join(", ");
  return {
    why: `${f.name}: ${via} may name ${whats} of the stack or one outside it, retention cannot be verified: ${named[0].why}`,
    unknown: true,
  };
}

/**
 * A literal log group ARN names a log group of the stack by its name in the ARN's region and account: judged as that
 * group when the plan shows both places match.
 */
function arnLogGroupProblem(
  f: GenericResource,
  arn: unknown,
  groups: readonly GenericResource[],
  min: number,
): Problem {
  const named = logGroupsNamedByArn(arn, groups).map((n) => ({
    ...n,
    what: `log group ${n.group.name}`,
    problem: logGroupProblem(n.group, min),
  }));
  return namedProblem(f, str(arn) ?? "", named, "log group");
}

/**
 * A custom format must still say who talked to whom: the source and destination address of each flow (the packet
 * level fields serve as well). The default format carries both.
 */
function formatProblem(f: GenericResource): Problem {
  const format = f.inputs.logFormat;
  if (format === undefined || format === null || format === "") return undefined;
  if (str(format) === undefined) return { why: `${f.name}: logFormat is unknown at preview`, unknown: true };
  const has = (field: string) => str(format)!.includes("${" + field + "}");
  const missing = ["srcaddr", "dstaddr"].filter((a) => !has(a) && !has(`pkt-${a}`));
  if (missing.length === 0) return undefined;
  return { why: `${f.name}: logFormat leaves out ${missing.map((m) => "${" + m + "}").join(" and ")}`, unknown: false };
}

/** An Inactive flow log records nothing; one limited to internetGateway paths misses east-west (lateral) traffic. */
function aliCollection(f: GenericResource): Problem {
  const { status, trafficPaths } = f.inputs;
  if (str(status) === undefined && status !== undefined && status !== null)
    return { why: `${f.name}: status is unknown at preview`, unknown: true };
  if ((str(status) ?? "Active").toLowerCase() === "inactive")
    return { why: `${f.name}: status is Inactive, nothing is recorded`, unknown: false };
  // Absent means all paths; an unknown list (or entry) reads as undefined entries.
  const paths = list(trafficPaths).map(str);
  if (paths.some((p) => p === undefined))
    return { why: `${f.name}: trafficPaths is unknown at preview`, unknown: true };
  if (paths.length > 0 && !paths.some((p) => p!.toLowerCase() === "all"))
    return { why: `${f.name}: trafficPaths is ${paths.join(", ")}, must include all`, unknown: false };
  return undefined;
}

/** An Alibaba Cloud flow log collects IPv4 only unless ipVersion is DualStack: an IPv6 VPC's attacks would go unseen. */
function aliFamilies(vpc: GenericResource, f: GenericResource): Problem {
  const ipv6 = vpc.inputs.enableIpv6;
  if (!isUnknown(ipv6) && bool(ipv6) !== true) return undefined;
  const version = f.inputs.ipVersion;
  if (isUnknown(version)) return { why: `${f.name}: ipVersion is unknown at preview`, unknown: true };
  if ((str(version) ?? "").toLowerCase() === "dualstack") return undefined;
  const family = `ipVersion is ${version === undefined || version === null ? "unset (IPv4 only)" : shown(version)}`;
  if (isUnknown(ipv6))
    return {
      why: `${f.name}: ${family} and whether VPC ${vpc.name} carries IPv6 is unknown at preview`,
      unknown: true,
    };
  return { why: `${f.name}: ${family} while VPC ${vpc.name} enables IPv6, set ipVersion "DualStack"`, unknown: false };
}

function aliFlowLog(res: Resolver, f: GenericResource, min: number): Problem {
  if (isUnknown(f.inputs.resourceType))
    return {
      why: `${f.name}: resourceType is unknown at preview (a flow log on the VPC itself is needed)`,
      unknown: true,
    };
  const traffic = trafficProblem(f, f.inputs.trafficType, "All") ?? aliCollection(f);
  if (traffic) return traffic;
  const byRef = res.one(f, "logStoreName", f.inputs.logStoreName, [T.logStore]);
  if (byRef) return logStoreProblem(res.get(byRef)!, min);
  // Named by value: a store name is unique only within its project, which the plan may not show at preview.
  const named = storesNamedBy(f, res.ofType(T.logStore)).map((n) => ({
    ...n,
    what: `log store ${n.store.name}`,
    problem: logStoreProblem(n.store, min),
  }));
  return namedProblem(f, `logStoreName ${shown(f.inputs.logStoreName)}`, named, "log store");
}

/** The provider's default retention is 30 days; 3650 is its longest, read as never expiring. */
const logStoreProblem = (store: GenericResource, min: number): Problem =>
  retentionProblem(`log store ${store.name}`, store.inputs.retentionPeriod ?? 30, min, (n) => n >= 3650);
