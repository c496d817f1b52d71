// WebFirewall's arguments, their defaults and their validation: every problem reported at once, before anything is
// created; and the warnings for arguments weaker than the defaults, logged once the component exists.
import * as pulumi from "@pulumi/pulumi";
import { SCANNER_USER_AGENTS } from "../plan/scanners";
import {
  DEFAULT_RATE_LIMIT,
  RateLimitOptions,
  checkRateLimit,
  checkUaTokens,
  rateLimitLoosening,
} from "../plan/alicloud-waf";
import { DEFAULT_LOG_RETENTION_DAYS, checkLogRetention } from "../plan/alicloud-retention";
import { OriginKind } from "../plan/alicloud-origin-kinds";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import { checkOriginLock } from "./originLock";
import { checkDomain, WafProtectedDomain } from "./wafProtectedDomain";

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

/** The checked arguments, with the defaults of the settings the component reads while it plans. */
export interface CheckedWebFirewallArgs {
  /** The arguments as given, less any that arrived as an Output where a plain value is needed (each an error). */
  args: WebFirewallArgs;
  blockedUserAgents: readonly string[];
  rateLimit: RateLimitOptions;
  logRetentionDays: number;
}

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

/** Checks every argument; throws one ValidationError naming all problems, or returns the checked settings. */
export function validateWebFirewallArgs(name: string, given: WebFirewallArgs): CheckedWebFirewallArgs {
  const problems = new ArgProblems(`WebFirewall "${name}"`);
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
      problems.check(!seen.has(d.domain), `domains[${i}].domain`, d.domain, "each domain once", "remove the duplicate");
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
  return { args, blockedUserAgents: uas, rateLimit: rate, logRetentionDays: retention };
}

/** Announces a looser rate limit, default scanner tokens left out and a shorter log retention. */
export function warnWeakerArguments(
  component: pulumi.Resource,
  subject: string,
  checked: CheckedWebFirewallArgs,
): void {
  const looser = rateLimitLoosening(checked.rateLimit);
  if (looser) {
    pulumi.log.warn(`${subject}: rateLimit is looser than the default (${looser})`, component);
  }
  const dropped = SCANNER_USER_AGENTS.filter((token) => !checked.blockedUserAgents.includes(token));
  if (dropped.length > 0) {
    pulumi.log.warn(
      `${subject}: blockedUserAgents leaves out ${dropped.length} of the default scanner User-Agents ` +
        `(${dropped.slice(0, 5).join(", ")}${dropped.length > 5 ? ", ..." : ""}); ` +
        "add to [...SCANNER_USER_AGENTS] instead of replacing it",
      component,
    );
  }
  warnIfWeaker(
    component,
    subject,
    "logRetentionDays",
    checked.logRetentionDays,
    DEFAULT_LOG_RETENTION_DAYS,
    "lower",
    "attacks found later than that leave no WAF record",
  );
}
