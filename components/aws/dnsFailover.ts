// Cross-region DNS failover: Route 53 checks the primary over HTTPS and answers with the secondary, in another
// region, when it fails. A lesson of the case: one region's outage (or ransom) must not take the service down.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withPinnedMessage } from "../pinnedMessage";
import { isAwsRegionId } from "../../lib/aws-names";
import { ChildGate } from "../childGate";
import { answeredInvoke } from "../invokeAnswer";
import { checkOnceKnown } from "./deferredCheck";
import { checkAlarmActions } from "./alarmActions";
import { healthCheckAlarmRegionOf, healthCheckMetricsRegion } from "./healthCheckMetricsRegion";

export { healthCheckAlarmRegionOf };
import { isPublicCidr, parseCidr } from "../../lib/cidr";
import { cidrNotationProblem } from "../plan/cidr";
import {
  checkKnownArguments,
  checkList,
  checkPlain,
  checkPlainArguments,
  checkRequiredInput,
  isPlain,
  Problems,
  validateArgs,
} from "../validation";

export interface FailoverEndpoint {
  /** Region the endpoint runs in; primary and secondary must differ. */
  region: pulumi.Input<string>;
  /** Alias target, e.g. an ALB's dnsName and zoneId (an A alias record). */
  alias?: { name: pulumi.Input<string>; zoneId: pulumi.Input<string> };
  /** Static IPv4 addresses (an A record). */
  ipAddresses?: pulumi.Input<string>[];
  /** Host name (a CNAME record). */
  cname?: pulumi.Input<string>;
  /** Host name the health check calls. Default: the alias name or the CNAME; for IPs each address is checked. */
  healthCheckFqdn?: pulumi.Input<string>;
}

export interface DnsFailoverArgs {
  zoneId: pulumi.Input<string>;
  /** Record name, e.g. "app.example.com". */
  recordName: pulumi.Input<string>;
  primary: FailoverEndpoint;
  secondary: FailoverEndpoint;
  /** Path the HTTPS health check requests. Default "/health". */
  healthCheckPath?: string;
  /** Text the response must contain (HTTPS_STR_MATCH). Default none. */
  searchString?: string;
  /** Consecutive failures before an endpoint is unhealthy, 1–10. Default 3. */
  failureThreshold?: number;
  /**
   * SNS topics notified when the primary fails. Default none, which logs a warning: the alarm then pages no one. The
   * alarm lives where Route 53 publishes health-check metrics in the provider's partition (us-east-1, cn-northwest-1
   * or us-gov-west-1), so each ARN must be of that partition and region: CloudWatch runs no action of another region.
   * Checked once the provider's region is known, as is an Output once it is.
   */
  alarmActions?: pulumi.Input<string>[];
  /** TTL of non-alias records. Default 60 s, so failover is quick. */
  ttl?: number;
}

type Kind = "alias" | "ipAddresses" | "cname";

function kindOf(e: FailoverEndpoint): Kind[] {
  return (["alias", "ipAddresses", "cname"] as Kind[]).filter((k) => e?.[k] !== undefined);
}

function recordType(kind: Kind): "A" | "CNAME" {
  return kind === "cname" ? "CNAME" : "A";
}

/** Throws when a region is not written as an id, or both endpoints are in one (inside apply when regions are Outputs). */
export function checkRegionsDiffer(name: string, primary: string, secondary: string): void {
  // Pinned: run inside an apply, the error would otherwise reach the user wrapped at every input that waits on it.
  withPinnedMessage(() =>
    validateArgs(`DnsFailover ${name}`, (problems) => checkRegions(problems, primary, secondary)),
  );
}

function checkRegions(problems: Problems, primary: unknown, secondary: unknown): void {
  const written = [checkRegionId(problems, "primary", primary), checkRegionId(problems, "secondary", secondary)];
  if (written.every(Boolean)) checkRegionPair(problems, primary as string, secondary as string);
}

/**
 * Both endpoints once every Output in them is known, checked as plain ones are: regions, addresses, host names, and
 * targets shared by both sides. Plain values passed already; these checks catch what arrived as Outputs.
 */
function checkKnownEndpoints(problems: Problems, primary: FailoverEndpoint, secondary: FailoverEndpoint): void {
  checkRegions(problems, primary.region, secondary.region);
  for (const [side, e] of [
    ["primary", primary],
    ["secondary", secondary],
  ] as const) {
    for (const key of ["cname", "healthCheckFqdn"] as const) {
      if (e[key] !== undefined) checkRequiredInput(problems, `${side}.${key}`, e[key]);
    }
    if (Array.isArray(e.ipAddresses)) checkAddresses(problems, side, e.ipAddresses);
  }
  checkDistinctTargets(problems, primary, secondary);
}

/** An availability zone ("us-east-1a") or a capitalised id would pass as "another region" and fail over to the same. */
function checkRegionId(problems: Problems, side: "primary" | "secondary", region: unknown): boolean {
  return problems.check(
    isAwsRegionId(region),
    `${side}.region`,
    region,
    'an AWS region id, e.g. "us-east-1" (not a zone, lower case)',
    `pass the region the ${side} endpoint runs in`,
  );
}

function checkRegionPair(problems: Problems, primary: string, secondary: string): void {
  problems.check(
    primary !== secondary,
    "secondary.region",
    secondary,
    `a region other than primary.region (${primary})`,
    "run the secondary endpoint in another region",
  );
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps these lists complete. */
const KNOWN_ARGUMENTS: Record<keyof DnsFailoverArgs, true> = {
  zoneId: true,
  recordName: true,
  primary: true,
  secondary: true,
  healthCheckPath: true,
  searchString: true,
  failureThreshold: true,
  alarmActions: true,
  ttl: true,
};
const KNOWN_ENDPOINT_ARGUMENTS: Record<keyof FailoverEndpoint, true> = {
  region: true,
  alias: true,
  ipAddresses: true,
  cname: true,
  healthCheckFqdn: true,
};
export const DEFAULT_TTL = 60;
export const DEFAULT_FAILURE_THRESHOLD = 3;
/** Route 53's largest TTL. */
export const MAX_TTL = 2_147_483_647;
/** Arguments that shape the records and checks: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = ["primary", "secondary", "healthCheckPath", "searchString", "failureThreshold", "ttl"] as const;

/** Is `ip` a public IPv4 address written plainly? Route 53 refuses to health-check private or reserved ones. */
function isPublicIpv4Address(ip: unknown): boolean {
  return (
    typeof ip === "string" &&
    !ip.includes("/") &&
    parseCidr(ip)?.family === "ipv4" &&
    cidrNotationProblem(`${ip}/32`) === undefined &&
    isPublicCidr(ip)
  );
}

function checkEndpoint(problems: Problems, side: "primary" | "secondary", e: FailoverEndpoint): void {
  checkKnownArguments(problems, e, Object.keys(KNOWN_ENDPOINT_ARGUMENTS), `${side}.`);
  checkRequiredInput(problems, `${side}.region`, e.region);
  for (const key of ["cname", "healthCheckFqdn"] as const) {
    if (e[key] !== undefined) checkRequiredInput(problems, `${side}.${key}`, e[key]);
  }
  if (e.alias !== undefined && checkPlain(problems, `${side}.alias`, e.alias)) {
    problems.check(
      typeof e.alias === "object" && e.alias !== null && e.alias.name !== undefined && e.alias.zoneId !== undefined,
      `${side}.alias`,
      e.alias,
      "{ name, zoneId } of the target, e.g. an ALB's dnsName and zoneId",
      "give both the target's DNS name and its hosted zone id",
    );
  }
  if (e.ipAddresses !== undefined && checkList(problems, `${side}.ipAddresses`, e.ipAddresses)) {
    problems.check(
      e.ipAddresses.length > 0,
      `${side}.ipAddresses`,
      e.ipAddresses,
      "at least one address",
      "list the endpoint's public IPv4 addresses",
    );
    checkAddresses(problems, side, e.ipAddresses);
  }
}

/** Each address given as a value; those given as Outputs are checked once known (checkKnownEndpoints). */
function checkAddresses(problems: Problems, side: "primary" | "secondary", ips: readonly unknown[]): void {
  const seen = new Set<unknown>();
  ips.forEach((ip, i) => {
    if (!isPlain(ip)) return;
    problems.check(
      isPublicIpv4Address(ip) && !seen.has(ip),
      `${side}.ipAddresses[${i}]`,
      ip,
      "distinct public IPv4 addresses without a prefix (an A record; Route 53 checks only public addresses)",
      "give the endpoint's public address, e.g. 203.0.113.10",
    );
    seen.add(ip);
  });
}

/** A host name as DNS compares it: case and a trailing dot aside. */
const hostKey = (host: unknown) => (typeof host === "string" ? host.toLowerCase().replace(/\.$/, "") : undefined);

/** Both sides answering with the same host or address is no failover: the secondary fails with the primary. */
function checkDistinctTargets(problems: Problems, primary: FailoverEndpoint, secondary: FailoverEndpoint): void {
  if (typeof primary !== "object" || primary === null || typeof secondary !== "object" || secondary === null) return;
  const fix = "point the secondary at the other region's own endpoint";
  for (const [argument, a, b] of [
    ["secondary.cname", primary.cname, secondary.cname],
    ["secondary.alias.name", primary.alias?.name, secondary.alias?.name],
  ] as const) {
    const key = hostKey(b);
    problems.check(key === undefined || key !== hostKey(a), argument, b, "a target other than the primary's", fix);
  }
  if (Array.isArray(primary.ipAddresses) && Array.isArray(secondary.ipAddresses)) {
    const shared = new Set(primary.ipAddresses.filter((ip) => typeof ip === "string"));
    secondary.ipAddresses.forEach((ip, i) =>
      problems.check(
        typeof ip !== "string" || !shared.has(ip),
        `secondary.ipAddresses[${i}]`,
        ip,
        "an address the primary does not list",
        fix,
      ),
    );
  }
}

function validate(args: DnsFailoverArgs): void {
  const problems = new Problems("DnsFailover");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  checkRequiredInput(problems, "zoneId", args.zoneId);
  checkRequiredInput(problems, "recordName", args.recordName);
  if (checkList(problems, "alarmActions", args.alarmActions)) {
    // The alarm's region follows the provider's partition, known only after super: here the form only.
    checkAlarmActions(problems, "alarmActions", args.alarmActions);
  }
  const kinds: Partial<Record<"primary" | "secondary", Kind>> = {};
  for (const side of ["primary", "secondary"] as const) {
    const k = kindOf(args[side]);
    if (
      problems.check(
        k.length === 1,
        side,
        k.length === 0 ? args[side] : k,
        "exactly one of alias, ipAddresses, cname",
        `give ${side} one target`,
      )
    ) {
      kinds[side] = k[0];
    }
    if (typeof args[side] === "object" && args[side] !== null) checkEndpoint(problems, side, args[side]);
  }
  if (kinds.primary && kinds.secondary) {
    problems.check(
      recordType(kinds.primary) === recordType(kinds.secondary),
      "secondary",
      kinds.secondary,
      `a target of the same record type as the primary (${recordType(kinds.primary)})`,
      "use alias or ipAddresses on both sides, or cname on both",
    );
  }
  const threshold = args.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  problems.check(
    Number.isInteger(threshold) && threshold >= 1 && threshold <= 10,
    "failureThreshold",
    threshold,
    "an integer from 1 to 10",
    "omit it for 3",
  );
  const path = args.healthCheckPath ?? "/health";
  problems.check(
    typeof path === "string" && path.startsWith("/") && path.length <= 255,
    "healthCheckPath",
    path,
    "a path starting with /",
    'e.g. "/health"',
  );
  if (args.searchString !== undefined) {
    problems.check(
      typeof args.searchString === "string" && args.searchString.length > 0 && args.searchString.length <= 255,
      "searchString",
      args.searchString,
      "1–255 characters",
      "shorten it or omit it",
    );
  }
  const ttl = args.ttl ?? DEFAULT_TTL;
  problems.check(
    Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL,
    "ttl",
    ttl,
    `an integer number of seconds from 0 to ${MAX_TTL}`,
    `omit it for ${DEFAULT_TTL}`,
  );
  checkDistinctTargets(problems, args.primary, args.secondary);
  // Regions given as Outputs are checked the same way once they resolve (checkRegionsDiffer).
  const [primaryRegion, secondaryRegion] = [args.primary?.region, args.secondary?.region];
  const written = [primaryRegion, secondaryRegion].map(
    // Missing, empty and padded regions are reported by checkRequiredInput.
    (region, i) =>
      typeof region !== "string" ||
      region.trim() !== region ||
      region === "" ||
      checkRegionId(problems, i === 0 ? "primary" : "secondary", region),
  );
  if (written.every(Boolean) && typeof primaryRegion === "string" && typeof secondaryRegion === "string") {
    checkRegionPair(problems, primaryRegion, secondaryRegion);
  }
  problems.throwIfAny();
}

export class DnsFailover extends pulumi.ComponentResource {
  readonly primaryHealthCheckId: pulumi.Output<string>;
  readonly secondaryHealthCheckId: pulumi.Output<string>;
  readonly fqdn: pulumi.Output<string>;

  constructor(name: string, args: DnsFailoverArgs, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(args);
    const gate = new ChildGate();
    super("hardening:aws:DnsFailover", name, {}, gate.options(opts));
    const parent = { parent: this };
    const hasTtl = kindOf(args.primary)[0] !== "alias" || kindOf(args.secondary)[0] !== "alias";
    if (hasTtl && (args.ttl ?? DEFAULT_TTL) > DEFAULT_TTL) {
      pulumi.log.warn(
        `DnsFailover ${name}: ttl ${args.ttl} is above the default ${DEFAULT_TTL} seconds, so resolvers keep ` +
          "answering with a failed primary that much longer",
        this,
      );
    }
    const threshold = args.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    if (threshold > DEFAULT_FAILURE_THRESHOLD) {
      pulumi.log.warn(
        `DnsFailover ${name}: failureThreshold ${threshold} is above the default ${DEFAULT_FAILURE_THRESHOLD}, so a ` +
          "failed primary keeps answering for that many more 30-second checks",
        this,
      );
    }
    // Regions, targets and alarm actions given as Outputs are checked once known, and the alarm actions against the
    // alarm's region once the provider's is; every child (checks, records, alarm) waits for the check through its
    // dependsOn (the gate), so its own values (record name, tags, description) stay known.
    // Through an unconfigured provider (../invokeAnswer.ts) the alarm's region and actions are checked at deployment.
    const stackRegion = answeredInvoke(
      `DnsFailover ${name}`,
      "getRegion",
      ["region"],
      aws.getRegionOutput({}, { parent: this, provider: opts?.provider }),
    ).region;
    const checked = checkOnceKnown(
      `DnsFailover ${name}`,
      { primary: args.primary, secondary: args.secondary, alarmActions: args.alarmActions, stackRegion },
      (problems, known) => {
        checkKnownEndpoints(problems, known.primary, known.secondary);
        const alarmRegion = healthCheckMetricsRegion(problems, known.stackRegion);
        if (alarmRegion !== undefined) checkAlarmActions(problems, "alarmActions", known.alarmActions, alarmRegion);
      },
    );
    // Route 53 publishes the health checks' metrics in one region of the partition: the alarm must be there.
    const alarmRegion = stackRegion.apply(healthCheckAlarmRegionOf);
    gate.waitFor(checked);
    const actions = args.alarmActions ?? [];
    if (actions.length === 0) {
      pulumi.log.warn(
        `DnsFailover ${name}: alarmActions is ${args.alarmActions === undefined ? "not given" : "empty"}, so the ` +
          "alarm on the primary's health check notifies no one when traffic fails over; fix: pass alarmActions " +
          "with the on-call SNS topic's ARN",
        this,
      );
    }

    type Endpoint = Pick<aws.route53.HealthCheckArgs, "fqdn" | "ipAddress">;
    const probe = (side: "primary" | "secondary", suffix: string, endpoint: Endpoint) =>
      new aws.route53.HealthCheck(
        `${name}-${side}-check${suffix}`,
        {
          type: args.searchString ? "HTTPS_STR_MATCH" : "HTTPS",
          ...endpoint,
          port: 443,
          resourcePath: args.healthCheckPath ?? "/health",
          searchString: args.searchString,
          failureThreshold: args.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD,
          requestInterval: 30,
          enableSni: true,
          measureLatency: true,
          tags: { Name: `${name}-${side}${suffix}` },
        },
        parent,
      );
    const healthCheck = (side: "primary" | "secondary") => {
      const e = args[side];
      const target = e.healthCheckFqdn ?? e.alias?.name ?? e.cname;
      if (target !== undefined) return probe(side, "", { fqdn: target });
      const ips = e.ipAddresses!;
      if (ips.length === 1) return probe(side, "", { ipAddress: ips[0] });
      // The record answers with every address, so the side is healthy only while each of them answers: one check
      // per address, joined by a calculated check that needs all of them.
      const perAddress = ips.map((ip, i) => probe(side, `-${i + 1}`, { ipAddress: ip }));
      return new aws.route53.HealthCheck(
        `${name}-${side}-check`,
        {
          type: "CALCULATED",
          childHealthchecks: perAddress.map((c) => c.id),
          childHealthThreshold: perAddress.length,
          tags: { Name: `${name}-${side}` },
        },
        parent,
      );
    };
    const checks = { primary: healthCheck("primary"), secondary: healthCheck("secondary") };

    for (const side of ["primary", "secondary"] as const) {
      const e = args[side];
      const kind = kindOf(e)[0];
      new aws.route53.Record(
        `${name}-${side}`,
        {
          zoneId: args.zoneId,
          name: args.recordName,
          type: recordType(kind),
          setIdentifier: `${name}-${side}`,
          failoverRoutingPolicies: [{ type: side === "primary" ? "PRIMARY" : "SECONDARY" }],
          healthCheckId: checks[side].id,
          ...(kind === "alias"
            ? { aliases: [{ name: e.alias!.name, zoneId: e.alias!.zoneId, evaluateTargetHealth: true }] }
            : { ttl: args.ttl ?? DEFAULT_TTL, records: kind === "cname" ? [e.cname!] : e.ipAddresses! }),
        },
        parent,
      );
    }

    new aws.cloudwatch.MetricAlarm(
      `${name}-primary-unhealthy`,
      {
        region: alarmRegion,
        alarmDescription: `${name}: primary endpoint failed its health check; traffic fails over`,
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: checks.primary.id },
        statistic: "Minimum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
      },
      parent,
    );

    this.primaryHealthCheckId = checks.primary.id;
    this.secondaryHealthCheckId = checks.secondary.id;
    this.fqdn = pulumi.output(args.recordName);
    this.registerOutputs({
      primaryHealthCheckId: this.primaryHealthCheckId,
      secondaryHealthCheckId: this.secondaryHealthCheckId,
      fqdn: this.fqdn,
    });
  }
}
