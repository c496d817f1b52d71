// WAF 3.0 in front of the web tier: core web protection (OWASP classes), HTTP-flood protection and a per-IP rate
// limit, and a block list of scanner and attack-tool User-Agents (the case began with open-source scanners).
// WAF logs go to SLS through the SLS audit service (`log.Audit`, `waf_enabled`/`waf_ttl`): the provider has no
// per-domain WAF 3.0 log-delivery resource, so the account-wide collection is the available switch.
// The origin is locked by default: a whitelist ACL of WAF's back-to-origin blocks for the origin's listeners
// (originLock.ts for classic SLB, albOriginLock.ts and albListenerLock.ts for ALB), since an origin that answers
// anyone lets scanners go around the WAF.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { SCANNER_USER_AGENTS } from "../plan/scanners";
import {
  DEFAULT_RATE_LIMIT,
  RateLimitOptions,
  checkRateLimit,
  checkUaTokens,
  rateLimitLoosening,
  uaBlockRules,
} from "../plan/alicloud-waf";
import { DEFAULT_LOG_RETENTION_DAYS, checkLogRetention } from "../plan/alicloud-retention";
import { Problems } from "../validation";
import { IpFamily } from "../../lib/cidr";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import { OriginAcls, OriginListenerAcl, checkOriginLock, createOriginAcls, listenerAcl } from "./originLock";
import { albOriginBlocks, DEFAULT_ORIGIN_KINDS, OriginKind } from "../plan/alicloud-origin-kinds";
import { OriginAlbAcl, OriginAlbListenerAclConfig, albListenerAclConfig, createOriginAlbAcl } from "./albOriginLock";
import { AlbListenerLockOptions, checkAlbListenerLock, createAlbListenerLock, LOCK_METHOD } from "./albListenerLock";

export type { AlbListenerLockOptions } from "./albListenerLock";

export interface WafProtectedDomain {
  /** Host name clients use, e.g. "www.example.com". */
  domain: string;
  /** Origin addresses (the internet-facing load balancer), e.g. [slb.address]. */
  backends: pulumi.Input<pulumi.Input<string>[]>;
  /** Default [443] when `certId` is set, else none. */
  httpsPorts?: number[];
  /** Default [80]. */
  httpPorts?: number[];
  /** SSL certificate id (Certificate Management Service) for HTTPS listeners. */
  certId?: pulumi.Input<string>;
}

export interface WebFirewallArgs {
  /** Domains WAF protects; at least one. */
  domains: WafProtectedDomain[];
  /** Existing WAF 3.0 instance id; default: a new `wafv3.Instance` (pay-as-you-go). */
  instanceId?: pulumi.Input<string>;
  /** User-Agent substrings blocked by custom rules. Default SCANNER_USER_AGENTS (shared with AWS). */
  blockedUserAgents?: readonly string[];
  /** Per-client-IP limit. Default 1000 requests per 60 s, blocked for 600 s. */
  rateLimit?: RateLimitOptions;
  /** Days WAF logs are kept in SLS, 180-3650. Default 365. */
  logRetentionDays?: number;
  /**
   * Turn on the account's SLS audit collection of WAF logs (`log.Audit`). Default true. The audit service is one per
   * account: set false when another stack already manages it, and keep its `waf_ttl` ≥ 180 there.
   */
  manageLogCollection?: boolean;
  /**
   * WAF 3.0's back-to-origin CIDR blocks (WAF console: Website Configuration > CNAME Record > Back-to-origin CIDR
   * Blocks; no data source returns them). The origin whitelist admits these only. Required unless `originLock` is
   * false; exact CIDR form, no block wider than public /16 (IPv6 /32), never the internet.
   */
  backToOriginCidrs?: string[];
  /**
   * Make the origin whitelists (`slb.Acl` per address family, `alb.Acl`: see `originKinds`) for the origin's
   * listeners. Default true. False (the origin is locked another way) makes none and logs a warning.
   */
  originLock?: boolean;
  /**
   * Kinds of origin load balancer to make whitelists for: "slb" (classic SLB listeners, `originListenerAcl()`), "alb"
   * (ALB listeners, `lockAlbListener()`: one `alb.Acl` of the IPv4 blocks, since ALB ACLs hold no IPv6).
   * Default ["slb"].
   */
  originKinds?: OriginKind[];
  /** Provider of the origin load balancer's region, where the whitelist is made. Default: the component's. */
  originProvider?: pulumi.ProviderResource;
  tags?: Record<string, string>;
}

const HOST = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const WEB_FIREWALL_ARGS = argumentKeys<WebFirewallArgs>({
  domains: true,
  instanceId: true,
  blockedUserAgents: true,
  rateLimit: true,
  logRetentionDays: true,
  manageLogCollection: true,
  backToOriginCidrs: true,
  originLock: true,
  originKinds: true,
  originProvider: true,
  tags: true,
});
const DOMAIN_KEYS = argumentKeys<WafProtectedDomain>({
  domain: true,
  backends: true,
  httpsPorts: true,
  httpPorts: true,
  certId: true,
});
/** Read at construction; the instance id may be an Output, and so may each domain's backends and certificate. */
const PLAIN_ARGS: (keyof WebFirewallArgs)[] = [
  "domains",
  "blockedUserAgents",
  "rateLimit",
  "logRetentionDays",
  "manageLogCollection",
  "backToOriginCidrs",
  "originLock",
  "originKinds",
  "tags",
];

function checkPorts(problems: Problems, argument: string, ports: unknown): void {
  if (ports === undefined) return;
  if (!problems.check(Array.isArray(ports), argument, ports, "a list of ports", "pass e.g. [443]")) return;
  (ports as unknown[]).forEach((port, i) =>
    problems.check(
      typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535,
      `${argument}[${i}]`,
      port,
      "an integer port from 1 to 65535",
      "use the port clients connect to, e.g. 443",
    ),
  );
  const seen = new Set<unknown>();
  (ports as unknown[]).forEach((port, i) => {
    problems.check(!seen.has(port), `${argument}[${i}]`, port, "each port once", "remove the duplicate");
    seen.add(port);
  });
}

/** One protected host: its name, origins, and listeners that exist and hold a certificate where they need one. */
function checkDomain(problems: Problems, argument: string, given: WafProtectedDomain): void {
  // Its own list, so an Output where a literal is needed silences the rest of this entry only.
  const own = new ArgProblems("domain");
  own.knownKeys(given, DOMAIN_KEYS, `${argument}.`);
  const d = own.plain(given, ["domain", "httpPorts", "httpsPorts"], `${argument}.`);
  own.check(
    typeof d.domain === "string" && HOST.test(d.domain),
    `${argument}.domain`,
    d.domain,
    "a lower-case DNS host name such as www.example.com",
    "correct the host name",
  );
  if (Array.isArray(d.backends)) {
    own.check(
      d.backends.length > 0,
      `${argument}.backends`,
      d.backends,
      "at least one origin address",
      "pass the load balancer address",
    );
    d.backends.forEach((b, i) =>
      own.check(
        b !== "" && b !== undefined && b !== null && (typeof b !== "string" || b === b.trim()),
        `${argument}.backends[${i}]`,
        b,
        "an origin IP address or host name without spaces",
        "pass the load balancer address",
      ),
    );
  } else {
    own.check(
      d.backends !== undefined && d.backends !== null && typeof d.backends === "object",
      `${argument}.backends`,
      d.backends,
      "a list of origin addresses (or an Output of one)",
      "pass e.g. [slb.address]",
    );
  }
  checkPorts(own, `${argument}.httpPorts`, d.httpPorts);
  checkPorts(own, `${argument}.httpsPorts`, d.httpsPorts);
  if (Array.isArray(d.httpsPorts) && d.httpsPorts.length > 0) {
    own.check(
      d.certId !== undefined && d.certId !== "",
      `${argument}.certId`,
      d.certId,
      "a certificate id when httpsPorts are listened on",
      "upload the certificate to Certificate Management Service and pass its id",
    );
  }
  const http = d.httpPorts ?? [80];
  const https = d.httpsPorts ?? (d.certId ? [443] : []);
  if (Array.isArray(http) && Array.isArray(https)) {
    own.check(
      http.length + https.length > 0,
      `${argument}.httpPorts`,
      http,
      "at least one listener port across httpPorts and httpsPorts",
      "listen on 443 with a certificate (httpsPorts and certId), or keep the default [80]",
    );
    const both = http.filter((p) => https.includes(p));
    own.check(
      both.length === 0,
      `${argument}.httpsPorts`,
      https,
      "ports not also listed in httpPorts",
      "list each port in one of httpPorts or httpsPorts",
    );
  }
  problems.addAll(own.list);
}

export class WebFirewall extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly domainIds: pulumi.Output<string>[];
  public readonly templateIds: Record<"webCore" | "cc" | "customAcl", pulumi.Output<number>>;
  /** Protected-object names (`<domain>-waf`) the templates bind. */
  public readonly protectedResources: string[];
  /** The SLB origin whitelists by address family; undefined when `originLock` is false or originKinds lacks "slb". */
  public readonly originAcls: OriginAcls | undefined;
  /** The ALB origin whitelist; undefined when `originLock` is false or originKinds lacks "alb". */
  public readonly originAlbAcl: alicloud.alb.Acl | undefined;
  private readonly firewallName: string;
  private readonly subject: string;
  /** The kinds of origin whitelist made; undefined when the lock is off. */
  private readonly originKinds: readonly OriginKind[] | undefined;
  private readonly originAlb: OriginAlbAcl | undefined;
  private readonly albListenerLabels = new Set<string>();
  private readonly albListenerIds = new Set<string>();
  private aclConfigWarned = false;

  constructor(name: string, given: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    const subject = `WebFirewall "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, WEB_FIREWALL_ARGS);
    const args = problems.plain(given ?? ({} as WebFirewallArgs), PLAIN_ARGS);
    const uas = args.blockedUserAgents ?? SCANNER_USER_AGENTS;
    const rate = args.rateLimit ?? DEFAULT_RATE_LIMIT;
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (
      problems.check(
        Array.isArray(args.domains) && args.domains.length > 0,
        "domains",
        args.domains,
        "at least one { domain, backends }",
        'pass the public host names, e.g. [{ domain: "www.example.com", backends: [slb.address] }]',
      )
    ) {
      const seen = new Set<string>();
      args.domains.forEach((d, i) => {
        if (
          !problems.check(
            typeof d === "object" && d !== null && !Array.isArray(d),
            `domains[${i}]`,
            d,
            "an object { domain, backends, httpPorts?, httpsPorts?, certId? }",
            "describe the protected host as an object",
          )
        ) {
          return;
        }
        checkDomain(problems, `domains[${i}]`, d);
        problems.check(
          !seen.has(d.domain),
          `domains[${i}].domain`,
          d.domain,
          "each domain once",
          "remove the duplicate",
        );
        seen.add(d.domain);
      });
    }
    checkUaTokens(problems, "blockedUserAgents", uas as unknown[]);
    if (Array.isArray(uas)) problems.distinct("blockedUserAgents", uas);
    checkRateLimit(problems, "rateLimit", rate);
    checkLogRetention(problems, "logRetentionDays", retention);
    problems.boolean("manageLogCollection", args.manageLogCollection);
    problems.notBlank("instanceId", args.instanceId, "omit it to create a WAF 3.0 instance, or pass an instance id");
    checkTags(problems, "tags", args.tags, 1);
    checkOriginLock(problems, name, args);
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    super("hardening:alicloud:WebFirewall", name, {}, guardEvidence(`WebFirewall "${name}"`, opts));
    guardInheritedTransformations(`WebFirewall "${name}"`, this);
    this.firewallName = name;
    this.subject = subject;
    const looser = rateLimitLoosening(rate);
    if (looser) {
      pulumi.log.warn(`WebFirewall "${name}": rateLimit is looser than the default (${looser})`, this);
    }
    const dropped = SCANNER_USER_AGENTS.filter((token) => !uas.includes(token));
    if (dropped.length > 0) {
      pulumi.log.warn(
        `${subject}: blockedUserAgents leaves out ${dropped.length} of the default scanner User-Agents ` +
          `(${dropped.slice(0, 5).join(", ")}${dropped.length > 5 ? ", ..." : ""}); ` +
          "add to [...SCANNER_USER_AGENTS] instead of replacing it",
        this,
      );
    }
    warnIfWeaker(
      this,
      subject,
      "logRetentionDays",
      retention,
      DEFAULT_LOG_RETENTION_DAYS,
      "lower",
      "attacks found later than that leave no WAF record",
    );

    const tags = { ...(args.tags ?? {}), "hardening:component": "WebFirewall" };
    const parent = { parent: this };

    if (args.originLock === false) {
      pulumi.log.warn(
        `${subject}: originLock is false; no origin whitelist is made, so anyone who finds the origin's address ` +
          "reaches it around the WAF unless its listeners admit WAF's back-to-origin blocks only",
        this,
      );
    }
    this.originKinds = args.originLock === false ? undefined : (args.originKinds ?? DEFAULT_ORIGIN_KINDS);
    const kinds = this.originKinds ?? [];
    // The SLB whitelists keep their names and order: stacks made before ALB origins were covered change nothing.
    this.originAcls = kinds.includes("slb")
      ? createOriginAcls(this, name, args.backToOriginCidrs!, tags, args.originProvider)
      : undefined;
    if (kinds.includes("alb")) {
      const { held, leftOut } = albOriginBlocks(args.backToOriginCidrs!);
      if (leftOut.length > 0) {
        pulumi.log.warn(
          `${subject}: the ALB origin whitelist holds the IPv4 blocks only (ALB access control lists take no IPv6 ` +
            `entries), not ${leftOut.join(", ")}; restrict a dual-stack ALB's IPv6 side with its security group`,
          this,
        );
      }
      this.originAlb = createOriginAlbAcl(this, name, held, tags, args.originProvider);
    }
    this.originAlbAcl = this.originAlb?.acl;

    this.instanceId = args.instanceId
      ? pulumi.output(args.instanceId)
      : new alicloud.wafv3.Instance(`${name}-instance`, {}, parent).id;

    const domains = args.domains.map(
      (d, i) =>
        new alicloud.wafv3.Domain(
          `${name}-domain-${i}`,
          {
            instanceId: this.instanceId,
            domain: d.domain,
            accessType: "share",
            listen: {
              httpPorts: d.httpPorts ?? [80],
              httpsPorts: d.httpsPorts ?? (d.certId ? [443] : []),
              certId: d.certId,
              tlsVersion: d.certId ? "tlsv1.2" : undefined,
              enableTlsv3: d.certId ? true : undefined,
              xffHeaderMode: 0,
              protectionResource: "share",
            },
            redirect: {
              backends: d.backends,
              loadbalance: "iphash",
              connectTimeout: 5,
              readTimeout: 120,
              writeTimeout: 120,
              keepalive: true,
              retry: true,
            },
            tags,
          },
          parent,
        ),
    );
    this.domainIds = domains.map((d) => d.domainId);
    this.protectedResources = args.domains.map((d) => `${d.domain}-waf`);

    const template = (key: string, scene: string, description: string) =>
      new alicloud.wafv3.DefenseTemplate(
        `${name}-${key}-template`,
        {
          instanceId: this.instanceId,
          defenseTemplateName: `${name}-${key}`,
          defenseScene: scene,
          templateType: "user_custom",
          templateOrigin: "custom",
          status: "1",
          description,
          resources: this.protectedResources,
        },
        { parent: this, dependsOn: domains },
      );
    const webCore = template("web-core", "waf_group", "Core web protection: SQLi, XSS, RCE, traversal, webshells");
    const cc = template("cc", "cc", "HTTP flood protection");
    const customAcl = template("custom-acl", "custom_acl", "Scanner User-Agent blocks and per-IP rate limit");
    this.templateIds = {
      webCore: webCore.defenseTemplateId,
      cc: cc.defenseTemplateId,
      customAcl: customAcl.defenseTemplateId,
    };

    const rule = (key: string, t: alicloud.wafv3.DefenseTemplate, scene: string, config: Record<string, unknown>) =>
      new alicloud.wafv3.DefenseRule(
        `${name}-${key}`,
        {
          instanceId: this.instanceId,
          defenseType: "template",
          templateId: t.defenseTemplateId,
          defenseScene: scene,
          defenseOrigin: "custom",
          ruleName: `${name}-${key}`,
          ruleStatus: 1,
          config,
        },
        parent,
      );
    // Core protection in blocking mode with automatic rule updates: new attack signatures apply without a deploy.
    rule("web-core-rule", webCore, "waf_group", { ruleAction: "block", autoUpdate: true });
    rule("cc-rule", cc, "cc", { mode: 0 });
    rule("rate-limit-rule", customAcl, "custom_acl", {
      conditions: [{ key: "URLPath", opValue: "prefix-match", values: "/" }],
      ruleAction: "block",
      ccStatus: 1,
      ccEffect: "rule",
      rateLimit: {
        target: "remoteAddr",
        interval: rate.intervalSeconds,
        threshold: rate.threshold,
        ttl: rate.blockSeconds,
      },
    });
    uaBlockRules(uas).forEach((plan) =>
      rule(plan.suffix, customAcl, "custom_acl", { conditions: plan.conditions, ruleAction: plan.ruleAction }),
    );

    if (args.manageLogCollection ?? true) {
      const account = alicloud.getAccountOutput(parent);
      new alicloud.log.Audit(
        `${name}-waf-logs`,
        {
          aliuid: account.id,
          displayName: `${name}-waf-logs`,
          variableMap: { waf_enabled: "true", waf_ttl: String(retention) },
        },
        { parent: this, retainOnDelete: true },
      );
    } else {
      pulumi.log.warn(
        `WebFirewall "${name}": manageLogCollection is false; WAF logs reach SLS only if another stack enables the ` +
          `SLS audit collection with waf_ttl ≥ 180.`,
        this,
      );
    }

    this.registerOutputs({
      instanceId: this.instanceId,
      domainIds: this.domainIds,
      originAclIds: Object.fromEntries(Object.entries(this.originAcls ?? {}).map(([family, acl]) => [family, acl.id])),
      originAlbAclId: this.originAlbAcl?.id,
    });
  }

  /**
   * Access control for a listener of the origin load balancer: spread it into each web `alicloud.slb.Listener`
   * (`{ ...waf.originListenerAcl(), frontendPort: 443, ... }`) so the listener admits WAF's back-to-origin blocks only.
   * `ipVersion`: the load balancer's address family (default IPv4). Throws when there is no such whitelist.
   */
  originListenerAcl(ipVersion: IpFamily = "ipv4"): OriginListenerAcl {
    return listenerAcl(this.subject, this.originAcls, ipVersion, this.originKinds);
  }

  /**
   * Binds the ALB origin whitelist (WAF's IPv4 back-to-origin blocks) to one web listener of the origin, as an
   * `alicloud.alb.ListenerAclAttachment` of type "White" named `<component>-origin-alb-listener-<label>`; call it for
   * every web listener of the ALB, each with its own label. It is made with `options.provider`, else the provider of
   * the whitelist (`originProvider`, else the component's): an ALB ACL binds only to listeners of its own region. It
   * waits for the whitelist's entries, so the listener is never bound to an empty whitelist. Throws, before anything is
   * created, unless originKinds holds "alb", and on bad arguments. Leave the listener's `aclConfig` unset: the two
   * forms would fight over its ACLs.
   *
   * ```ts
   * const listener = new alicloud.alb.Listener("web-443", { loadBalancerId: alb.id, listenerPort: 443, ... },
   *   { provider: albRegion });
   * waf.lockAlbListener("web-443", listener.id, { provider: albRegion });
   * ```
   */
  lockAlbListener(
    label: string,
    listenerId: pulumi.Input<string>,
    options: AlbListenerLockOptions = {},
  ): alicloud.alb.ListenerAclAttachment {
    const whitelist = checkAlbListenerLock({
      component: {
        subject: this.subject,
        made: this.originAlb,
        kinds: this.originKinds,
        usedLabels: this.albListenerLabels,
        lockedListeners: this.albListenerIds,
      },
      label,
      listenerId,
      options,
    });
    this.albListenerLabels.add(label);
    if (typeof listenerId === "string") this.albListenerIds.add(listenerId);
    return createAlbListenerLock(this, {
      component: this.firewallName,
      label,
      listenerId,
      whitelist,
      provider: options?.provider,
    });
  }

  /**
   * The `aclConfig` of each web `alicloud.alb.Listener` of an ALB origin (`{ aclConfig:
   * waf.originAlbListenerAclConfig(), ... }`): a whitelist of WAF's IPv4 back-to-origin blocks, named once its entries
   * are in place. Throws unless originKinds holds "alb". Logs one warning per component, on its first use.
   *
   * @deprecated Use `lockAlbListener(label, listener.id)`: the provider deprecates the listener's `aclConfig` (since
   * 1.163.0, in favour of `alb.ListenerAclAttachment`), warns at every `pulumi up`, and will remove it.
   */
  originAlbListenerAclConfig(): OriginAlbListenerAclConfig {
    const config = albListenerAclConfig(this.subject, this.originAlb, this.originKinds);
    if (!this.aclConfigWarned) {
      this.aclConfigWarned = true;
      pulumi.log.warn(
        `${this.subject}: originAlbListenerAclConfig() is deprecated: it fills the ALB listener's aclConfig, which ` +
          "the provider deprecates (since 1.163.0) and will remove; drop aclConfig from the listener and call " +
          `${LOCK_METHOD}(label, listener.id) instead, which binds the same whitelist through an alb.ListenerAclAttachment`,
        this,
      );
    }
    return config;
  }
}
