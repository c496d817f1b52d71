// WAFv2 in front of the web tier: OWASP core and exploit rule sets, IP reputation, a per-IP rate limit and a block on
// scanner User-Agents. The case began with open-source scanners finding the hosts; this drops them at the edge.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { pinMessage, withPinnedMessage } from "../pinnedMessage";
import { checkLogRetention, DEFAULT_LOG_RETENTION_DAYS, shortenedRetentionWarning } from "../plan/retention";
import { SCANNER_USER_AGENTS, uncoveredScannerTokens } from "../plan/scanners";
import { managedRuleGroupNames, scannerUserAgentStatement } from "../plan/waf";
import {
  checkBoolean,
  checkKnownArguments,
  checkList,
  checkPlainArguments,
  checkRequiredInput,
  isPlain,
  Problems,
  validateArgs,
} from "../validation";
import { ACCOUNT_PATTERN, PARTITION_PATTERN, REGION_PATTERN } from "../../lib/aws-names";
import { checkDerivedNames, logGroupName, webAclName } from "./derivedNames";
import { guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { awsContext } from "./context";
import { createServiceKey, logsServiceStatement } from "./kmsKey";
import { createEvidenceLogGroup } from "./evidenceLogGroup";
import { CallerTagRule, checkCallerTagsOnceKnown, checkPlainCallerTags } from "./callerTagCheck";
import { WEB_FIREWALL_TAG_LIMITS } from "./callerTagLimits";
import { ChildGate } from "../childGate";
import {
  checkOriginIngress,
  createOriginIngressRules,
  OriginIngressOptions,
  ruleQuotaWarning,
} from "./cloudFrontOriginLock";
import {
  checkOriginRequestGate,
  createOriginRequestGate,
  GatesByListener,
  OriginRequestGate,
  OriginRequestGateArgs,
  refusingDefaultAction,
  rememberGate,
  sharedListenerWarning,
} from "./originRequestGate";

export type { OriginRequestGate, OriginRequestGateArgs } from "./originRequestGate";

export type WafScope = "REGIONAL" | "CLOUDFRONT";

export interface WebFirewallArgs {
  /** "REGIONAL" (ALB, API Gateway; default) or "CLOUDFRONT" (then pass a us-east-1 provider in opts). */
  scope?: WafScope;
  /** Requests per 5 minutes one IP may make before it is blocked. Default 1000; 10 to 2,000,000,000 allowed by WAF; above the default logs a warning. */
  rateLimit?: number;
  /** Also block anonymising networks (VPNs, Tor, hosting providers). Default false: it blocks some real users. */
  blockAnonymousIps?: boolean;
  /** Scanner User-Agent tokens to block. Default SCANNER_USER_AGENTS. An empty list turns the rule off (warned). */
  blockedUserAgents?: string[];
  /**
   * ARNs of the resources to protect. REGIONAL: in the web ACL's region, an Application Load Balancer, API Gateway
   * REST API stage, AppSync GraphQL API, Cognito user pool, App Runner service or Verified Access instance.
   * CLOUDFRONT: Amplify apps only (of one region; a distribution sets webAclId itself). Plain strings are checked
   * before anything is created; Outputs are passed as they come.
   */
  associateArns?: pulumi.Input<string>[];
  /** WAF log retention, at least 180 days. Default 365. */
  logRetentionDays?: number;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const SCOPES: readonly WafScope[] = ["REGIONAL", "CLOUDFRONT"];
/** The caller's tags, the only ones on the web ACL, its log group and the origin rules. */
const WEB_FIREWALL_TAGS: CallerTagRule = { limits: WEB_FIREWALL_TAG_LIMITS, ownTags: [] };
export const MIN_RATE_LIMIT = 10;
export const DEFAULT_RATE_LIMIT = 1000;
export const MAX_RATE_LIMIT = 2_000_000_000;

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof WebFirewallArgs, true> = {
  scope: true,
  rateLimit: true,
  blockAnonymousIps: true,
  blockedUserAgents: true,
  associateArns: true,
  logRetentionDays: true,
  tags: true,
};
/** Arguments that decide the rules: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = ["scope", "rateLimit", "logRetentionDays"] as const;

const ARN_PARTITION = `arn:${PARTITION_PATTERN}`;
/** The region, captured: what the association is checked against. */
const ARN_REGION = `(${REGION_PATTERN})`;
const ARN_ACCOUNT = ACCOUNT_PATTERN;
const ARN_ID = "[^/\\s]+";

const arnForms = (forms: string[]) => forms.map((form) => new RegExp(`^${ARN_PARTITION}:${form}$`));

/**
 * What a regional web ACL attaches to (AWS WAF API reference, AssociateWebACL, ResourceArn), each capturing its
 * region. Anything else (a Network or Gateway Load Balancer, a CloudFront distribution, an HTTP API) fails at
 * deployment, after the web ACL, its log group and key exist.
 */
const REGIONAL_ARNS: readonly RegExp[] = arnForms([
  `elasticloadbalancing:${ARN_REGION}:${ARN_ACCOUNT}:loadbalancer/app/${ARN_ID}/${ARN_ID}`,
  `apigateway:${ARN_REGION}::/restapis/${ARN_ID}/stages/${ARN_ID}`,
  `appsync:${ARN_REGION}:${ARN_ACCOUNT}:apis/${ARN_ID}`,
  `cognito-idp:${ARN_REGION}:${ARN_ACCOUNT}:userpool/${ARN_ID}`,
  `apprunner:${ARN_REGION}:${ARN_ACCOUNT}:service/${ARN_ID}/${ARN_ID}`,
  `ec2:${ARN_REGION}:${ARN_ACCOUNT}:verified-access-instance/${ARN_ID}`,
]);

/**
 * An Amplify app takes only a global (CLOUDFRONT) web ACL: the Amplify Hosting guide ("Firewall support") says a
 * regional web ACL is not compatible with Amplify, and that apps sharing one web ACL must all be in one region.
 */
const CLOUDFRONT_ARNS: readonly RegExp[] = arnForms([`amplify:${ARN_REGION}:${ARN_ACCOUNT}:apps/${ARN_ID}`]);

const ASSOCIABLE_KINDS =
  "the ARN of a resource a regional web ACL attaches to: an Application Load Balancer " +
  "(arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>), an API Gateway REST API stage " +
  "(arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>), an AppSync GraphQL API " +
  "(arn:aws:appsync:<region>:<account>:apis/<id>), a Cognito user pool (…:cognito-idp:<region>:<account>:userpool/<id>), " +
  "an App Runner service (…:apprunner:<region>:<account>:service/<name>/<id>) or a Verified Access instance " +
  "(…:ec2:<region>:<account>:verified-access-instance/<id>)";

const CLOUDFRONT_KINDS = "the ARN of an Amplify app (arn:aws:amplify:<region>:<account>:apps/<id>)";

function regionIn(forms: readonly RegExp[], arn: string): string | undefined {
  for (const form of forms) {
    const match = form.exec(arn);
    if (match) return match[1];
  }
  return undefined;
}

/** The region of an ARN a web ACL of `scope` can be associated with, or undefined when it is not one. */
export function associableArnRegion(arn: string, scope: WafScope = "REGIONAL"): string | undefined {
  return regionIn(scope === "CLOUDFRONT" ? CLOUDFRONT_ARNS : REGIONAL_ARNS, arn);
}

/** What to do with an ARN the scope's web ACL cannot be associated with. */
function unassociableFix(scope: WafScope, arn: string): string {
  if (scope === "CLOUDFRONT") {
    return associableArnRegion(arn, "REGIONAL") !== undefined
      ? "a regional resource takes a REGIONAL web ACL: give it a WebFirewall of scope REGIONAL in its region"
      : "set webAclId on the CloudFront distribution instead; only Amplify apps are associated through associateArns";
  }
  return associableArnRegion(arn, "CLOUDFRONT") !== undefined
    ? "an Amplify app takes only a global web ACL: use scope CLOUDFRONT (with a us-east-1 provider) for it, in a " +
        "WebFirewall of its own"
    : "pass the resource's own ARN (e.g. alb.arn or stage.arn); a Network or Gateway Load Balancer, a CloudFront " +
        "distribution and an API Gateway HTTP API take no regional web ACL: front them with an ALB or REST API, " +
        "or use scope CLOUDFRONT with the distribution's webAclId";
}

/** Checks each plain associateArns entry's kind for the scope, and that they share one region. */
function checkAssociateArns(problems: Problems, scope: WafScope, arns: readonly unknown[]): void {
  let first: { index: number; region: string } | undefined;
  arns.forEach((arn, i) => {
    // Empty and padded entries are reported by checkRequiredInput.
    if (typeof arn !== "string" || arn === "" || arn.trim() !== arn) return;
    const region = associableArnRegion(arn, scope);
    if (
      !problems.check(
        region !== undefined,
        `associateArns[${i}]`,
        arn,
        `${scope === "CLOUDFRONT" ? CLOUDFRONT_KINDS : ASSOCIABLE_KINDS}, or an Output of one`,
        unassociableFix(scope, arn),
      )
    ) {
      return;
    }
    first ??= { index: i, region: region! };
    problems.check(
      first.region === region,
      `associateArns[${i}]`,
      arn,
      scope === "CLOUDFRONT"
        ? `an Amplify app of one region, like associateArns[${first.index}] (${first.region}): apps sharing a web ` +
            "ACL must be in one region"
        : `a resource in the web ACL's one region, like associateArns[${first.index}] (${first.region})`,
      scope === "CLOUDFRONT"
        ? "give the Amplify apps of each region their own WebFirewall"
        : "give each region its own WebFirewall, with that region's provider",
    );
  });
}

/** Throws when a plain associateArns entry is in another region than the web ACL (known once the provider answers). */
export function checkAssociationRegions(
  name: string,
  arns: ReadonlyMap<number, { arn: string; region: string }>,
  region: string,
): string {
  // Pinned: run inside an apply, the error would otherwise reach the user wrapped at every input that waits on it.
  withPinnedMessage(() =>
    validateArgs(`WebFirewall ${name}`, (problems) => {
      for (const [i, { arn, region: arnRegion }] of arns) {
        problems.check(
          arnRegion === region,
          `associateArns[${i}]`,
          arn,
          `a resource in the web ACL's region (${region}): a regional web ACL attaches only to resources of its region`,
          `create this WebFirewall with a provider of region ${arnRegion}, or associate a resource of ${region}`,
        );
      }
    }),
  );
  return region;
}

/** WAF requires the "aws-waf-logs-" prefix on its log destinations. */
const wafLogGroupNameOf = (name: string) => `aws-waf-logs-${name}`;

function validate(name: string, args: WebFirewallArgs): void {
  const problems = new Problems("WebFirewall");
  // Metric names (`<name>-<rule>`, up to 255) allow all the web ACL's name does, and more.
  checkDerivedNames(
    problems,
    name,
    [webAclName(`${name}-acl`), logGroupName(wafLogGroupNameOf(name))],
    "rename the component",
  );
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  const scope = args.scope ?? "REGIONAL";
  problems.check(SCOPES.includes(scope), "scope", scope, SCOPES.join(", "), 'use "REGIONAL" for ALBs and APIs');
  const rate = args.rateLimit ?? DEFAULT_RATE_LIMIT;
  problems.check(
    Number.isInteger(rate) && rate >= MIN_RATE_LIMIT && rate <= MAX_RATE_LIMIT,
    "rateLimit",
    rate,
    `an integer from ${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT} requests per 5 minutes`,
    "omit rateLimit for 1000",
  );
  checkBoolean(problems, "blockAnonymousIps", args.blockAnonymousIps);
  if (checkList(problems, "blockedUserAgents", args.blockedUserAgents)) {
    (args.blockedUserAgents ?? []).forEach((ua, i) =>
      problems.check(
        typeof ua === "string" && ua.trim() === ua && ua.length >= 3 && ua.length <= 200,
        `blockedUserAgents[${i}]`,
        ua,
        "a token of 3 to 200 characters without surrounding spaces (a padded token matches almost nothing)",
        "remove it or give the tool's distinctive User-Agent token",
      ),
    );
  }
  if (checkList(problems, "associateArns", args.associateArns)) {
    const seen = new Set<unknown>();
    (args.associateArns ?? []).forEach((arn, i) => {
      if (!checkRequiredInput(problems, `associateArns[${i}]`, arn) || !isPlain(arn)) return;
      // WAF holds one association per resource: a repeated ARN fails at deployment.
      problems.check(!seen.has(arn), `associateArns[${i}]`, arn, "each ARN once", `remove the second "${arn}"`);
      seen.add(arn);
    });
    // An unknown scope is reported above; its entries are not judged against it.
    if (SCOPES.includes(scope)) checkAssociateArns(problems, scope, args.associateArns ?? []);
  }
  checkLogRetention(problems, "logRetentionDays", args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS);
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, WEB_FIREWALL_TAGS);
  problems.throwIfAny();
}

/** A CLOUDFRONT WebACL must be created in us-east-1; returns the scope, or throws naming the fix. */
export function checkCloudFrontRegion(name: string, region: string): WafScope {
  if (region !== "us-east-1") {
    throw pinMessage(
      new Error(
        `WebFirewall ${name}: argument "scope" is "CLOUDFRONT" but the provider's region is "${region}"; ` +
          'allowed: CLOUDFRONT only with a us-east-1 provider; fix: pass { provider: new aws.Provider("us-east-1", ' +
          '{ region: "us-east-1" }) } in the options, or use scope "REGIONAL"',
      ),
    );
  }
  return "CLOUDFRONT";
}

function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

export class WebFirewall extends pulumi.ComponentResource {
  readonly webAcl: aws.wafv2.WebAcl;
  readonly webAclArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  private readonly firewallName: string;
  private readonly scope: WafScope;
  private readonly tags: pulumi.Output<Record<string, string>>;
  private readonly originLabels = new Set<string>();
  private readonly gateLabels = new Set<string>();
  private readonly gatesByListener: GatesByListener = new Map();

  constructor(name: string, args: WebFirewallArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:WebFirewall", name, {}, gate.options(guardEvidence(`WebFirewall ${name}`, opts)));
    guardInheritedTransformations(`WebFirewall ${name}`, this);
    const parent = { parent: this };
    const scope = args.scope ?? "REGIONAL";
    // Plain associateArns are checked against the provider's region once it answers; every child waits on that
    // check (the key's policy through the region, the rest through the tags), so a wrong region creates nothing.
    const found = awsContext(`WebFirewall ${name}`, this, opts?.provider);
    const arnRegions = new Map<number, { arn: string; region: string }>();
    // A CLOUDFRONT web ACL is global: the Amplify apps it protects may be of any one region.
    (scope === "REGIONAL" ? (args.associateArns ?? []) : []).forEach((arn, i) => {
      const region = typeof arn === "string" ? associableArnRegion(arn) : undefined;
      if (region) arnRegions.set(i, { arn: arn as string, region });
    });
    const region = found.region.apply((r) => checkAssociationRegions(name, arnRegions, r));
    // Tags given as an Output, or holding one, are checked once known: every child, those of the methods too, waits
    // for it through its dependsOn (the gate), so the key policy and the scope stay known at preview.
    const tagsChecked = checkCallerTagsOnceKnown(`WebFirewall ${name}`, args.tags, WEB_FIREWALL_TAGS);
    if (tagsChecked) gate.waitFor(tagsChecked);
    const context = { ...found, region };
    const tags = pulumi.all([args.tags ?? {}, region]).apply(([t]) => t);
    this.firewallName = name;
    this.scope = scope;
    this.tags = tags;
    // CloudFront WebACLs exist only in us-east-1: the ACL waits for the provider's region to be checked.
    const checkedScope =
      scope === "CLOUDFRONT" ? context.region.apply((region) => checkCloudFrontRegion(name, region)) : scope;
    const userAgents = args.blockedUserAgents ?? [...SCANNER_USER_AGENTS];
    if (userAgents.length === 0) {
      pulumi.log.warn(`WebFirewall ${name}: blockedUserAgents is empty, scanner User-Agents are not blocked`, this);
    } else {
      const dropped = uncoveredScannerTokens(userAgents);
      if (dropped.length > 0) {
        pulumi.log.warn(
          `WebFirewall ${name}: blockedUserAgents leaves out ${dropped.length} of the default scanner tokens ` +
            `(${dropped.join(", ")}); those scanners are not blocked`,
          this,
        );
      }
    }
    const rateLimit = args.rateLimit ?? DEFAULT_RATE_LIMIT;
    if (rateLimit > DEFAULT_RATE_LIMIT) {
      pulumi.log.warn(
        `WebFirewall ${name}: rateLimit ${rateLimit} is above the default ${DEFAULT_RATE_LIMIT} requests per IP in ` +
          "5 minutes, so password guessing and scanning get that much more room before the block",
        this,
      );
    }

    const shortened = shortenedRetentionWarning(
      "logRetentionDays",
      args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      DEFAULT_LOG_RETENTION_DAYS,
    );
    if (shortened) pulumi.log.warn(`WebFirewall ${name}: ${shortened}`, this);

    const managed = managedRuleGroupNames({ blockAnonymousIps: args.blockAnonymousIps ?? false }).map((group, i) => ({
      name: group,
      priority: i,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
      visibilityConfig: visibility(`${name}-${group}`),
    }));
    const rules: aws.types.input.wafv2.WebAclRule[] = [
      ...managed,
      {
        name: "rate-limit-per-ip",
        priority: managed.length,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: "IP" } },
        visibilityConfig: visibility(`${name}-rate-limit`),
      },
    ];
    if (userAgents.length > 0) {
      rules.push({
        name: "block-scanner-user-agents",
        priority: managed.length + 1,
        action: { block: {} },
        statement: scannerUserAgentStatement(userAgents),
        visibilityConfig: visibility(`${name}-scanner-user-agents`),
      });
    }

    this.webAcl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        name: `${name}-acl`,
        scope: checkedScope,
        description: "Managed OWASP/exploit rules, IP reputation, per-IP rate limit, scanner User-Agent block",
        defaultAction: { allow: {} },
        rules,
        visibilityConfig: visibility(`${name}-acl`),
        tags,
      },
      parent,
    );
    this.webAclArn = this.webAcl.arn;

    const logGroupName = wafLogGroupNameOf(name);
    const key = createServiceKey(
      `${name}-waf-logs-key`,
      { description: `${name}: WAF logs`, context, serviceStatements: [logsServiceStatement(context, [logGroupName])] },
      parent,
    );
    const logGroup = createEvidenceLogGroup(
      `${name}-waf-logs`,
      { name: logGroupName, retentionInDays: args.logRetentionDays, kmsKeyId: key.arn, tags },
      this,
    );
    this.logGroupName = logGroup.name;
    new aws.wafv2.WebAclLoggingConfiguration(
      `${name}-logging`,
      {
        resourceArn: this.webAcl.arn,
        logDestinationConfigs: [logGroup.arn],
        // Credentials never belong in logs.
        redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
      },
      parent,
    );

    (args.associateArns ?? []).forEach(
      (arn, i) =>
        new aws.wafv2.WebAclAssociation(
          `${name}-association-${i}`,
          { resourceArn: arn, webAclArn: this.webAcl.arn },
          parent,
        ),
    );

    this.registerOutputs({ webAclArn: this.webAclArn, logGroupName: this.logGroupName });
  }

  /**
   * Locks the origin of a CLOUDFRONT web ACL: ingress rules on the origin ALB's security group (`securityGroupId`)
   * that admit only CloudFront's origin-facing servers (the AWS-managed prefix list
   * `com.amazonaws.global.cloudfront.origin-facing`, looked up in the ALB's region), TCP on each of `options.ports`
   * (default 443). Pass `options.provider` when the ALB is in another region than the WebFirewall (us-east-1).
   * The lock holds only if the group has no other ingress from the internet: remove any 0.0.0.0/0 or ::/0 rule.
   * The prefix list admits every CloudFront distribution, another account's too, so anyone can still reach the
   * origin through a distribution of their own: pair this with `originRequestGate` on the ALB's listener (the secret
   * header only this stack's distribution sends). No warning is logged without the gate, since the gate may be made
   * after these rules, or the origin may check the header itself. Throws, before anything is created, on a REGIONAL
   * scope and on bad arguments.
   *
   * ```ts
   * waf.originIngressRules("web-alb", albGroup.id, { provider: albRegion });
   * const listener = new aws.lb.Listener("web-alb", {
   *   loadBalancerArn: alb.arn, port: 443, protocol: "HTTPS", certificateArn,
   *   defaultActions: [WebFirewall.originGateDefaultAction()], // 403 without the header
   * }, { provider: albRegion });
   * const gate = waf.originRequestGate("web-alb", {
   *   listenerArn: listener.arn,
   *   targetGroupArn: targetGroup.arn,
   *   secret: config.requireSecret("originVerifySecret"),
   *   provider: albRegion,
   * });
   * // the distribution's origin (domainName: alb.dnsName): customHeaders: [gate.customHeader]
   * ```
   */
  originIngressRules(
    label: string,
    securityGroupId: pulumi.Input<string>,
    options: OriginIngressOptions = {},
  ): aws.vpc.SecurityGroupIngressRule[] {
    const ports = checkOriginIngress({
      component: { name: this.firewallName, scope: this.scope, usedLabels: this.originLabels },
      label,
      securityGroupId,
      options,
    });
    this.originLabels.add(label);
    const quota = ruleQuotaWarning(ports);
    if (quota) pulumi.log.warn(`WebFirewall ${this.firewallName}: originIngressRules("${label}"): ${quota}`, this);
    return createOriginIngressRules(this, {
      component: this.firewallName,
      label,
      securityGroupId,
      ports,
      tags: this.tags,
      provider: options.provider,
    });
  }

  /**
   * The listener default action `originRequestGate` hands out (a fixed 403), for the listener itself: it is made
   * before the gate, which needs its ARN.
   */
  static originGateDefaultAction(): OriginRequestGate["defaultAction"] {
    return refusingDefaultAction();
  }

  /**
   * Lets through the origin ALB's listener only requests from this stack's distribution: a listener rule forwarding
   * to `args.targetGroupArn` the requests whose header `args.headerName` (default "X-Origin-Verify") carries
   * `args.secret`, at `args.priority` (default 1). Put `customHeader` in the distribution origin's `customHeaders`,
   * and `defaultAction` (a fixed 403; `WebFirewall.originGateDefaultAction()` gives the same to the listener, which
   * is made before the gate) as the listener's only default action. Every other rule of that listener must carry the
   * same header condition, or it is a way around the gate. The secret must be a Pulumi secret (a plain string is
   * refused: it would sit in the state in clear) of 32 to 128 visible characters without `*` or `?`, checked once
   * known; it stays secret in the state. Throws, before anything is created, on a REGIONAL scope and on bad arguments.
   *
   * A listener's rule priorities are unique, so AWS would refuse a second gate at a taken priority half-way through a
   * deployment: when `args.listenerArn` is a plain string, a priority (after the default) an earlier successful call
   * of this WebFirewall took on the same listener is refused here. An Output listener ARN is not known until
   * deployment, so it is not guessed at: two gates whose listeners are Outputs are accepted, and AWS decides. A
   * second gate on the same plain listener at another priority is accepted with one warning naming both labels: the
   * listener then forwards requests carrying either secret header, which is right while rotating the secret (the new
   * gate is added before the distribution switches, the old one removed after) and a second way in otherwise.
   */
  originRequestGate(label: string, args: OriginRequestGateArgs): OriginRequestGate {
    const checked = checkOriginRequestGate({
      component: {
        name: this.firewallName,
        scope: this.scope,
        usedLabels: this.gateLabels,
        gatesByListener: this.gatesByListener,
      },
      label,
      args,
    });
    this.gateLabels.add(label);
    const gate = createOriginRequestGate(this, { ...checked, component: this.firewallName, label, tags: this.tags });
    // Only a call that got this far holds its priority.
    const earlier = rememberGate(this.gatesByListener, label, checked);
    if (earlier.length > 0) {
      const warning = sharedListenerWarning(label, checked.listenerArn as string, earlier);
      pulumi.log.warn(`WebFirewall ${this.firewallName}: ${warning}`, this);
    }
    return gate;
  }
}
