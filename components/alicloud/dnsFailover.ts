// Cross-region failover with Alibaba Cloud DNS GTM. The case's recovery took 8 hours in one region; with a second
// region answering when health checks fail, the service stays reachable while the primary is isolated and rebuilt.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { HealthCheckOptions, checkFailoverRegions, checkHealthCheck, monitorExtendInfo } from "../plan/alicloud-gtm";
import { Problems, isPlain } from "../validation";
import { isPublicCidr, parseCidr } from "../../lib/cidr";
import { ArgProblems, argumentKeys, warnIfWeaker } from "./args";
import { ChildGate } from "./childGate";
import { checkOnceKnown } from "./deferredCheck";
import { DEFAULT_HEALTH_CHECK, warnWeakerHealthCheck } from "./dnsHealthCheck";

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

const DNS_FAILOVER_ARGS = argumentKeys<DnsFailoverArgs>({
  gtmInstanceId: true,
  userDomainName: true,
  alertGroups: true,
  primary: true,
  secondary: true,
  healthCheck: true,
  healthCheckIntervalSeconds: true,
  probeNodes: true,
  ttl: true,
});
/** Read at construction; ids, the domain, alert groups and each pool's addresses may be Outputs. */
const PLAIN_ARGS: (keyof DnsFailoverArgs)[] = [
  "primary",
  "secondary",
  "healthCheck",
  "healthCheckIntervalSeconds",
  "probeNodes",
  "ttl",
];
const CODE = /^[0-9A-Za-z_-]+$/;

/** Given and not an empty string (which would silently fall back to "not given"). */
function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** GTM pools here are IPV4 pools probed from the internet: each address one public IPv4 host. */
function checkPoolAddress(problems: Problems, argument: string, address: unknown): void {
  const parsed = typeof address === "string" && !address.includes("/") ? parseCidr(address) : undefined;
  problems.check(
    parsed?.family === "ipv4" && address === parsed.text && isPublicCidr(address as string),
    argument,
    address,
    "a public IPv4 address without prefix or spaces (the pools are IPV4 and probed from the internet)",
    "pass the internet-facing load balancer's address; a private address always fails its health check",
  );
}

/**
 * Each pool address, by argument (`primary.addresses[0]`), is a public IPv4 host listed once across both pools.
 * Run on the plain addresses at construction and on all of them once the Outputs among them are known.
 */
function checkPoolAddresses(problems: Problems, addresses: Record<string, unknown>): void {
  const seen = new Map<unknown, string>();
  for (const [argument, address] of Object.entries(addresses)) {
    checkPoolAddress(problems, argument, address);
    problems.check(
      !seen.has(address),
      argument,
      address,
      `an address not already listed (${seen.get(address)})`,
      "each region answers with its own front end; a shared address cannot fail over",
    );
    seen.set(address, argument);
  }
}

export class DnsFailover extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly primaryPoolId: pulumi.Output<string>;
  public readonly secondaryPoolId: pulumi.Output<string>;
  public readonly accessStrategyId: pulumi.Output<string>;

  constructor(name: string, given: DnsFailoverArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new ArgProblems(`DnsFailover "${name}"`);
    problems.knownKeys(given ?? {}, DNS_FAILOVER_ARGS);
    const args = problems.plain(given ?? ({} as DnsFailoverArgs), PLAIN_ARGS);
    const health: HealthCheckOptions = args.healthCheck ?? DEFAULT_HEALTH_CHECK;
    const interval = args.healthCheckIntervalSeconds ?? 60;
    const ttl = args.ttl ?? 60;
    checkFailoverRegions(problems, args.primary, args.secondary);
    const addressArgs: Record<string, pulumi.Input<string>> = {};
    for (const role of ["primary", "secondary"] as const) {
      const addresses = args[role]?.addresses;
      if (
        problems.check(
          Array.isArray(addresses) && addresses.length > 0,
          `${role}.addresses`,
          addresses,
          "at least one address",
          `pass the ${role} region's public front-end address`,
        )
      ) {
        addresses.forEach((address, i) => (addressArgs[`${role}.addresses[${i}]`] = address));
      }
    }
    // Addresses given as Outputs (the load balancer's) are checked once known, below.
    checkPoolAddresses(
      problems,
      Object.fromEntries(Object.entries(addressArgs).filter(([, address]) => isPlain(address))),
    );
    if (
      problems.check(
        typeof health === "object" && health !== null,
        "healthCheck",
        health,
        "{ protocol, port, path?, host?, failureRate }",
        "omit it for HTTPS 443 /",
      )
    ) {
      checkHealthCheck(problems, "healthCheck", health);
    }
    problems.check(
      [15, 60, 300, 900, 1800, 3600].includes(interval),
      "healthCheckIntervalSeconds",
      interval,
      "one of 15, 60, 300, 900, 1800, 3600",
      "use 60 (standard edition) or 15 (ultimate edition)",
    );
    problems.check(
      interval !== 15 || hasValue(args.gtmInstanceId),
      "healthCheckIntervalSeconds",
      interval,
      "60 or more with the standard-edition instance this component creates",
      "use 60, or pass gtmInstanceId of an ultimate-edition instance for 15-second checks",
    );
    problems.check(
      Number.isInteger(ttl) && ttl >= 1 && ttl <= 600,
      "ttl",
      ttl,
      "an integer from 1 to 600 seconds",
      "use 60 so clients follow a failover quickly",
    );
    problems.check(
      hasValue(args.gtmInstanceId) || hasValue(args.userDomainName),
      "userDomainName",
      args.userDomainName,
      "the DNS domain GTM publishes under, when no gtmInstanceId is given",
      'pass userDomainName, e.g. "example.com", or an existing gtmInstanceId',
    );
    problems.notBlank("gtmInstanceId", args.gtmInstanceId, "omit it to create an instance, or pass an instance id");
    const nodes = args.probeNodes ?? DEFAULT_PROBE_NODES;
    if (
      problems.check(
        Array.isArray(nodes) && nodes.length > 0,
        "probeNodes",
        nodes,
        "at least one probe node",
        "omit to use the defaults",
      )
    ) {
      nodes.forEach((node, i) =>
        problems.check(
          typeof node?.cityCode === "string" &&
            CODE.test(node.cityCode) &&
            typeof node?.ispCode === "string" &&
            CODE.test(node.ispCode),
          `probeNodes[${i}]`,
          node,
          '{ cityCode, ispCode } as non-empty strings without spaces, e.g. { cityCode: "503", ispCode: "465" }',
          "copy the codes from the GTM console or alicloud.dns.getGtmInstanceSystemCnames, as strings",
        ),
      );
      problems.distinct(
        "probeNodes",
        nodes.map((n) => `${n?.cityCode}/${n?.ispCode}`),
      );
    }
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    const gate = new ChildGate();
    super("hardening:alicloud:DnsFailover", name, {}, gate.options(opts));
    const subject = `DnsFailover "${name}"`;
    // The same checks on every address once the Outputs among them are known; every child waits for them (the gate),
    // so a private or shared address creates no GTM instance, pool or strategy.
    if (Object.values(addressArgs).some((address) => !isPlain(address))) {
      gate.waitFor(checkOnceKnown(subject, addressArgs, checkPoolAddresses));
    }
    warnWeakerHealthCheck(this, subject, health);
    const slower = "clients follow a failover that much later";
    warnIfWeaker(this, subject, "ttl", ttl, 60, "higher", `resolvers keep the failed answer longer: ${slower}`);
    warnIfWeaker(
      this,
      subject,
      "healthCheckIntervalSeconds",
      interval,
      60,
      "higher",
      `a failure is seen later: ${slower}`,
    );

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
