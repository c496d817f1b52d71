// Cross-region failover with Alibaba Cloud DNS GTM. The case's recovery took 8 hours in one region; with a second
// region answering when health checks fail, the service stays reachable while the primary is isolated and rebuilt.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { HealthCheckOptions, checkFailoverRegions, checkHealthCheck, monitorExtendInfo } from "../plan/alicloud-gtm";
import { Problems } from "../validation";

export interface FailoverPool {
  /** Region the addresses live in, e.g. "cn-hangzhou"; the two pools must differ. */
  region: string;
  /**
   * Public IPv4 addresses of the region's front end (e.g. the load balancer's address). A list of inputs, not an
   * input list, so each entry's mode (SMART: health checks decide) is known at preview even when addresses are not.
   */
  addresses: pulumi.Input<string>[];
}

export interface IspCityNode {
  cityCode: string;
  ispCode: string;
}

export interface DnsFailoverArgs {
  /** Existing GTM instance id; default: a new `dns.GtmInstance` (subscription, standard edition). */
  gtmInstanceId?: pulumi.Input<string>;
  /** Domain (in Alibaba Cloud DNS) under which GTM publishes its CNAME, e.g. "example.com". Required for a new instance. */
  userDomainName?: pulumi.Input<string>;
  /** Alert contact groups notified on failover. Default none. */
  alertGroups?: pulumi.Input<string>[];
  primary: FailoverPool;
  secondary: FailoverPool;
  /** Health check applied to both pools. Default HTTPS 443 "/", failing when 50 % of probes fail. */
  healthCheck?: HealthCheckOptions;
  /** Probe interval in seconds: 60 or more on the standard edition. Default 60. */
  healthCheckIntervalSeconds?: number;
  /** Probe nodes. Default: three mainland nodes (codes as in the provider's examples). */
  probeNodes?: IspCityNode[];
  /** DNS TTL of answers, seconds. Default 60 so clients follow a failover within a minute. */
  ttl?: number;
}

export const DEFAULT_PROBE_NODES: IspCityNode[] = [
  { cityCode: "503", ispCode: "465" },
  { cityCode: "357", ispCode: "465" },
  { cityCode: "738", ispCode: "465" },
];

export class DnsFailover extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly primaryPoolId: pulumi.Output<string>;
  public readonly secondaryPoolId: pulumi.Output<string>;
  public readonly accessStrategyId: pulumi.Output<string>;

  constructor(name: string, args: DnsFailoverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hardening:alicloud:DnsFailover", name, {}, opts);

    const health: HealthCheckOptions = args.healthCheck ?? {
      protocol: "HTTPS",
      port: 443,
      path: "/",
      failureRate: 50,
    };
    const interval = args.healthCheckIntervalSeconds ?? 60;
    const ttl = args.ttl ?? 60;
    const problems = new Problems(`DnsFailover "${name}"`);
    checkFailoverRegions(problems, args.primary, args.secondary);
    for (const role of ["primary", "secondary"] as const) {
      const addresses = args[role]?.addresses;
      problems.check(
        Array.isArray(addresses) && addresses.length > 0,
        `${role}.addresses`,
        addresses,
        "at least one address",
        `pass the ${role} region's public front-end address`,
      );
    }
    checkHealthCheck(problems, "healthCheck", health);
    problems.check(
      [15, 60, 300, 900, 1800, 3600].includes(interval),
      "healthCheckIntervalSeconds",
      interval,
      "one of 15, 60, 300, 900, 1800, 3600",
      "use 60 (standard edition) or 15 (ultimate edition)",
    );
    problems.check(
      Number.isInteger(ttl) && ttl >= 1 && ttl <= 600,
      "ttl",
      ttl,
      "an integer from 1 to 600 seconds",
      "use 60 so clients follow a failover quickly",
    );
    problems.check(
      args.gtmInstanceId !== undefined || args.userDomainName !== undefined,
      "userDomainName",
      args.userDomainName,
      "the DNS domain GTM publishes under, when no gtmInstanceId is given",
      'pass userDomainName, e.g. "example.com", or an existing gtmInstanceId',
    );
    const nodes = args.probeNodes ?? DEFAULT_PROBE_NODES;
    problems.check(nodes.length > 0, "probeNodes", nodes, "at least one probe node", "omit to use the defaults");
    problems.throwIfAny();

    const parent = { parent: this };
    this.instanceId = args.gtmInstanceId
      ? pulumi.output(args.gtmInstanceId)
      : new alicloud.dns.GtmInstance(
          `${name}-gtm`,
          {
            instanceName: `${name}-gtm`,
            paymentType: "Subscription",
            period: 1,
            renewalStatus: "AutoRenewal",
            renewPeriod: 1,
            packageEdition: "standard",
            healthCheckTaskCount: 100,
            smsNotificationCount: 1000,
            publicCnameMode: "SYSTEM_ASSIGN",
            publicUserDomainName: args.userDomainName,
            cnameType: "PUBLIC",
            strategyMode: "GEO",
            ttl,
            alertGroups: args.alertGroups,
            alertConfigs: [
              { noticeType: "ADDR_ALERT", smsNotice: true, emailNotice: true, dingtalkNotice: false },
              { noticeType: "ADDR_POOL_GROUP_UNAVAILABLE", smsNotice: true, emailNotice: true, dingtalkNotice: false },
              {
                noticeType: "ACCESS_STRATEGY_POOL_GROUP_SWITCH",
                smsNotice: true,
                emailNotice: true,
                dingtalkNotice: false,
              },
            ],
          },
          parent,
        ).id;

    const pool = (role: "primary" | "secondary", p: FailoverPool) => {
      const addressPool = new alicloud.dns.AddressPool(
        `${name}-${role}-pool`,
        {
          instanceId: this.instanceId,
          addressPoolName: `${name}-${role}-${p.region}`,
          type: "IPV4",
          lbaStrategy: "ALL_RR",
          addresses: p.addresses.map((address) => ({
            address,
            mode: "SMART",
            attributeInfo: JSON.stringify({ lineCodeRectifyType: "AUTO", lineCodes: ["default"] }),
            remark: `${role} (${p.region})`,
          })),
        },
        parent,
      );
      new alicloud.dns.MonitorConfig(
        `${name}-${role}-health`,
        {
          addrPoolId: addressPool.id,
          protocolType: health.protocol,
          monitorExtendInfo: monitorExtendInfo(health),
          interval,
          timeout: 5000,
          evaluationCount: 2,
          ispCityNodes: nodes,
        },
        parent,
      );
      return addressPool;
    };
    const primary = pool("primary", args.primary);
    const secondary = pool("secondary", args.secondary);

    const strategy = new alicloud.dns.AccessStrategy(
      `${name}-strategy`,
      {
        instanceId: this.instanceId,
        strategyName: `${name}-failover`,
        strategyMode: "GEO",
        accessMode: "AUTO",
        lines: [{ lineCode: "default" }],
        defaultAddrPoolType: "IPV4",
        defaultAddrPools: [{ addrPoolId: primary.id, lbaWeight: 1 }],
        defaultLbaStrategy: "ALL_RR",
        defaultMinAvailableAddrNum: 1,
        failoverAddrPoolType: "IPV4",
        failoverAddrPools: [{ addrPoolId: secondary.id, lbaWeight: 1 }],
        failoverLbaStrategy: "ALL_RR",
        failoverMinAvailableAddrNum: 1,
      },
      parent,
    );

    this.primaryPoolId = primary.id;
    this.secondaryPoolId = secondary.id;
    this.accessStrategyId = strategy.id;
    this.registerOutputs({
      instanceId: this.instanceId,
      primaryPoolId: this.primaryPoolId,
      secondaryPoolId: this.secondaryPoolId,
      accessStrategyId: this.accessStrategyId,
    });
  }
}
