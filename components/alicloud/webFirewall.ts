// WAF 3.0 in front of the web tier: core web protection (OWASP classes), HTTP-flood protection and a per-IP rate
// limit, and a block list of scanner and attack-tool User-Agents (the case began with open-source scanners).
// WAF logs go to SLS through the SLS audit service (`log.Audit`, `waf_enabled`/`waf_ttl`): the provider has no
// per-domain WAF 3.0 log-delivery resource, so the account-wide collection is the available switch.
// The origin is locked by default: a whitelist ACL of WAF's back-to-origin blocks for the origin's listeners
// (originLock.ts for classic SLB, albOriginLock.ts and albListenerLock.ts for ALB), since an origin that answers
// anyone lets scanners go around the WAF.
// Arguments and their checks: webFirewallArgs.ts (each protected host: wafProtectedDomain.ts); the defense templates
// and rules: wafDefenseRules.ts.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { answeredInvoke } from "../invokeAnswer";
import { IpFamily } from "../../lib/cidr";
import { OriginAcls, OriginListenerAcl, createOriginAcls, listenerAcl } from "./originLock";
import { albOriginBlocks, DEFAULT_ORIGIN_KINDS, OriginKind } from "../plan/alicloud-origin-kinds";
import { OriginAlbAcl, OriginAlbListenerAclConfig, albListenerAclConfig, createOriginAlbAcl } from "./albOriginLock";
import { AlbListenerLockOptions, checkAlbListenerLock, createAlbListenerLock, LOCK_METHOD } from "./albListenerLock";
import { createWafDefense, WafTemplateIds } from "./wafDefenseRules";
import { validateWebFirewallArgs, warnWeakerArguments, WebFirewallArgs } from "./webFirewallArgs";

export type { AlbListenerLockOptions } from "./albListenerLock";
export type { WafProtectedDomain } from "./wafProtectedDomain";
export type { WebFirewallArgs } from "./webFirewallArgs";

export class WebFirewall extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly domainIds: pulumi.Output<string>[];
  public readonly templateIds: WafTemplateIds;
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
    const checked = validateWebFirewallArgs(name, given);
    const { args } = checked;
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    super("hardening:alicloud:WebFirewall", name, {}, guardEvidence(`WebFirewall "${name}"`, opts));
    guardInheritedTransformations(`WebFirewall "${name}"`, this);
    this.firewallName = name;
    this.subject = subject;
    warnWeakerArguments(this, subject, checked);

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

    this.templateIds = createWafDefense(this, name, {
      instanceId: this.instanceId,
      protectedResources: this.protectedResources,
      domains,
      rateLimit: checked.rateLimit,
      blockedUserAgents: checked.blockedUserAgents,
    });

    if (args.manageLogCollection ?? true) {
      const account = answeredInvoke(subject, "getAccount", ["id"], alicloud.getAccountOutput(parent));
      // It writes the WAF logs and sets how long SLS keeps them. Retained on delete, it is held as an evidence store
      // (../evidenceGuard.ts; the component's own `transforms` included): transformations cannot turn waf_enabled
      // off or shorten waf_ttl, and it has no tags for them to change.
      new alicloud.log.Audit(
        `${name}-waf-logs`,
        {
          aliuid: account.id,
          displayName: `${name}-waf-logs`,
          variableMap: { waf_enabled: "true", waf_ttl: String(checked.logRetentionDays) },
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
