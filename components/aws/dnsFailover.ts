// Cross-region DNS failover: Route 53 checks the primary over HTTPS and answers with the secondary, in another
// region, when it fails. A lesson of the case: one region's outage (or ransom) must not take the service down.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../validation";

export interface FailoverEndpoint {
  /** Region the endpoint runs in; primary and secondary must differ. */
  region: pulumi.Input<string>;
  /** Alias target, e.g. an ALB's dnsName and zoneId (an A alias record). */
  alias?: { name: pulumi.Input<string>; zoneId: pulumi.Input<string> };
  /** Static IPv4 addresses (an A record). */
  ipAddresses?: pulumi.Input<string>[];
  /** Host name (a CNAME record). */
  cname?: pulumi.Input<string>;
  /** Host name the health check calls. Default: the alias name or the CNAME; for IPs the first address is checked. */
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
  /** SNS topics notified when the primary fails. Default none. */
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

/** Throws when both endpoints are in one region (used inside apply when regions are Outputs). */
export function checkRegionsDiffer(name: string, primary: string, secondary: string): void {
  if (primary === secondary) {
    throw new Error(
      `DnsFailover ${name}: argument "secondary.region" is "${secondary}", the same as "primary.region"; ` +
        "allowed: a different region; fix: run the secondary endpoint in another region",
    );
  }
}

function validate(args: DnsFailoverArgs): void {
  const problems = new Problems("DnsFailover");
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
  const threshold = args.failureThreshold ?? 3;
  problems.check(
    Number.isInteger(threshold) && threshold >= 1 && threshold <= 10,
    "failureThreshold",
    threshold,
    "an integer from 1 to 10",
    "omit it for 3",
  );
  const path = args.healthCheckPath ?? "/health";
  problems.check(
    path.startsWith("/") && path.length <= 255,
    "healthCheckPath",
    path,
    "a path starting with /",
    'e.g. "/health"',
  );
  if (args.searchString !== undefined) {
    problems.check(
      args.searchString.length > 0 && args.searchString.length <= 255,
      "searchString",
      args.searchString,
      "1–255 characters",
      "shorten it or omit it",
    );
  }
  if (typeof args.primary?.region === "string" && typeof args.secondary?.region === "string") {
    problems.check(
      args.primary.region !== args.secondary.region,
      "secondary.region",
      args.secondary.region,
      `a region other than primary.region (${args.primary.region})`,
      "run the secondary endpoint in another region",
    );
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
    super("hardening:aws:DnsFailover", name, {}, opts);
    const parent = { parent: this };
    // Regions given as Outputs are checked once known; the records wait for the check.
    const regionsChecked = pulumi
      .all([args.primary.region, args.secondary.region])
      .apply(([p, s]) => checkRegionsDiffer(name, p, s));

    const healthCheck = (side: "primary" | "secondary") => {
      const e = args[side];
      const target = e.healthCheckFqdn ?? e.alias?.name ?? e.cname;
      return new aws.route53.HealthCheck(
        `${name}-${side}-check`,
        {
          type: args.searchString ? "HTTPS_STR_MATCH" : "HTTPS",
          ...(target !== undefined
            ? { fqdn: target }
            : { ipAddress: pulumi.output(e.ipAddresses!).apply((ips) => ips[0]) }),
          port: 443,
          resourcePath: args.healthCheckPath ?? "/health",
          searchString: args.searchString,
          failureThreshold: args.failureThreshold ?? 3,
          requestInterval: 30,
          enableSni: true,
          measureLatency: true,
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
          name: pulumi.all([args.recordName, regionsChecked]).apply(([n]) => n),
          type: recordType(kind),
          setIdentifier: `${name}-${side}`,
          failoverRoutingPolicies: [{ type: side === "primary" ? "PRIMARY" : "SECONDARY" }],
          healthCheckId: checks[side].id,
          ...(kind === "alias"
            ? { aliases: [{ name: e.alias!.name, zoneId: e.alias!.zoneId, evaluateTargetHealth: true }] }
            : { ttl: args.ttl ?? 60, records: kind === "cname" ? [e.cname!] : e.ipAddresses! }),
        },
        parent,
      );
    }

    // Route 53 publishes health-check metrics in us-east-1 only.
    new aws.cloudwatch.MetricAlarm(
      `${name}-primary-unhealthy`,
      {
        region: "us-east-1",
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
        alarmActions: args.alarmActions ?? [],
        okActions: args.alarmActions ?? [],
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
