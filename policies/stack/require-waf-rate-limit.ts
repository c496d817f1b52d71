import { Resolver } from "../../lib/reachability/internals";
import { violation } from "../lib/findings";
import { allHold, coverageFindings, RateCeiling, RateVerdict } from "../lib/rate-ceiling";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { aclRules, attachedTo, GROUP_ASSOCIATION, WEB_ACL, WEB_ACL_RULE } from "../lib/wafv2-acl-rules";
import type { AclRule } from "../lib/wafv2-allow-ahead";
import { ANTI_DDOS_GROUP } from "../lib/wafv2-anti-ddos";
import { managedAssociationRule } from "../lib/wafv2-association-rules";
import { reachedByEveryRequest } from "../lib/wafv2-rate-allow-ahead";
import { rateRuleVerdict } from "../lib/wafv2-rate-rules";
import { NO_RULE_GROUPS, RULE_GROUP } from "../lib/wafv2-rule-groups";
import { ccProtection } from "../lib/wafv3-cc-protection";
import { RESOURCE_GROUP, WAF_DOMAIN } from "../lib/wafv3-template-binding";
import { DEFENSE_RULE, DEFENSE_TEMPLATE } from "../lib/wafv3-types";
import { appendAll } from "../../lib/arrays";

/**
 * The components' defaults are 1,000 requests per client IP per 300 s on AWS and 1,000 per 60 s (5,000 per 300 s) on
 * Alibaba Cloud; the ceiling leaves room above both: 10,000 requests per 300 s, about 33 a second from one client.
 */
export const DEFAULT_CEILING: RateCeiling = { maxRequests: 10_000, windowSeconds: 300 };

const QUESTION = "whether a rate limit stops a flooding client";

/**
 * Case step 6: DDoS protection was a lesson of the case. A stack rule because the rate rule may sit in a WebAclRule
 * resource or a referenced rule group, the anti-DDoS managed group in a WebAclRuleGroupAssociation, and on Alibaba
 * Cloud in a template bound to the domain.
 */
export const requireWafRateLimit = defineStackRule<RateCeiling>({
  metadata: {
    name: "require-waf-rate-limit",
    description:
      "Every web ACL must stop a client that floods it (HTTP flood, layer-7 DDoS) with a per-client rate limit within the configured ceiling, or AWS's anti-DDoS managed rule group.",
    details:
      "Every web ACL must stop a client that floods it (HTTP flood / layer-7 DDoS) with a per-client rate limit: on AWS, a WAFv2 WebACL needs a rate-based rule (rateBasedStatement) with action block, captcha or challenge (count only labels), counting per client address (aggregateKeyType IP, the default, or CUSTOM_KEYS holding only the ip key; WAF counts each combination of keys apart and leaves out requests missing one, so a header, cookie, query argument, path, method, label or fingerprint key, alone or beside ip, lets a client that varies or drops it escape, and CONSTANT counts all clients together; FORWARDED_IP reads the first address of a header the client can write, trustworthy only behind a proxy that overwrites it, which the stack does not show: a note, and a violation with fallbackBehavior NO_MATCH, which never counts a request without a valid address there), inline, in ruleJson, as a WebAclRule resource or in a rule group of the stack that the reference neither counts as a whole (overrideAction count) nor overrides to count (ruleActionOverrides, excludedRules), whose limit, per evaluation window (evaluationWindowSec, default 300 s) normalised to the configured window, is at most the ceiling (default 10,000 requests per 300 s; e.g. 5,000 per 60 s is 25,000 per 300 s); a scopeDownStatement is accepted (flood limits per path are normal) unless no request matches it (e.g. a NOT around a path starting with /, or a path without the leading /), no rule that allows every request may run before it (a lower priority number; read as for the core rule set, a rule unknown at preview is a note), rule groups outside the stack are not read, and Shield Advanced protection does not replace the rule (it does not rate-limit single clients at layer 7). AWS's managed rule group AWSManagedRulesAntiDDoSRuleSet (inline, in ruleJson, as a WebAclRule or a WebAclRuleGroupAssociation) counts instead, when its rule's overrideAction is not count and its overrides (ruleActionOverrides to count or allow, excludedRules) leave DDoSRequests blocking, or ChallengeDDoSRequests or ChallengeAllDuringEvent challenging with managedRuleGroupConfigs awsManagedRulesAntiDdosRuleSet.clientSideActionConfig.challenge.usageOfAction ENABLED; an overrideAction, override or group name unknown at preview is a note. On Alibaba Cloud WAF 3.0, every wafv3 Domain needs an enabled defense template of scene cc that applies to it (its resources or resourceGroups list the protected object <domain>-waf, or it is the instance's default template, templateType user_default) with an enabled cc defense rule that does not only observe (ruleAction monitor), or an enabled custom_acl rule with ccStatus 1, a rateLimit within the same ceiling, counting per client address (target remoteAddr, the default; cookie.acw_tc, header, queryarg and cookie count values the client sends) and not tied to a response code, and an action that stops the client (block, captcha, captcha_strict, js), in an enabled template that applies to the domain or bound to the domain itself; rules limited to time windows or a canary share of traffic do not count. WAFv2 web ACLs and rule groups deployed by raw CloudFormation templates are judged too.",
    enforcementLevel: "mandatory",
    // Availability, not a breach: a flood takes the site down, and the limit also slows the scanning and password
    // guessing of the case, which the core rule set and the port rules stop outright.
    severity: "medium",
    remediationSteps: [
      "Use the kit's WebFirewall component, which adds the per-client-IP limit; keep its rateLimit argument at the default (AWS: 1000 requests per 5 minutes; Alibaba Cloud: { threshold: 1000, intervalSeconds: 60, blockSeconds: 600 }) or lower.",
      'AWS: add a rule with statement.rateBasedStatement { limit: 1000, aggregateKeyType: "IP" } and action { block: {} } (or captcha / challenge); if it sits in a rule group, reference the group with overrideAction { none: {} } and do not override that rule to count.',
      'AWS, or instead: add the managed rule group { vendorName: "AWS", name: "AWSManagedRulesAntiDDoSRuleSet" } with overrideAction { none: {} }, and do not override DDoSRequests (nor, with usageOfAction "ENABLED", ChallengeDDoSRequests and ChallengeAllDuringEvent) to count or allow.',
      "AWS: a limit per 60 s window allows five times as many requests per 300 s: compare limit × 300 / evaluationWindowSec with the ceiling, or raise the ceiling (maxRequestsPerWindow) only with a reason.",
      'AWS: count per client address: aggregateKeyType "IP", or "CUSTOM_KEYS" with customKeys [{ ip: {} }] alone; not a header, cookie, query argument or path key (a client varies or drops it), not "CONSTANT" (one budget for all clients), and not "FORWARDED_IP" unless a proxy in front of WAF overwrites the header (a client writes the first X-Forwarded-For address itself), never with fallbackBehavior "NO_MATCH".',
      'AWS: give a rule that allows every request (e.g. byteMatch uriPath STARTS_WITH "/") a higher priority number than the rate-based rule, or scope it to an office IP set or a health-check path; and keep a scopeDownStatement that requests match (not a NOT around a path starting with /).',
      'Alibaba Cloud: bind a wafv3.DefenseTemplate with defenseScene "cc" and status "1" to the domain (resources: ["<domain>-waf"]) with an enabled wafv3.DefenseRule of scene cc (config { mode: 0 }), or add a custom_acl rule with config { ccStatus: 1, ruleAction: "block", rateLimit: { target: "remoteAddr", interval: 60, threshold: 1000, ttl: 600 } } in an enabled template bound to the domain; a target of cookie.acw_tc, header, queryarg or cookie counts values the client sends.',
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.3.3 (intrusion prevention)" }],
    caseStep: 6,
    resourceTypes: [
      WEB_ACL,
      WEB_ACL_RULE,
      GROUP_ASSOCIATION,
      RULE_GROUP,
      WAF_DOMAIN,
      DEFENSE_TEMPLATE,
      DEFENSE_RULE,
      RESOURCE_GROUP,
    ],
  },
  configSchema: {
    maxRequestsPerWindow: {
      type: "integer",
      minimum: 1,
      description: `Most requests one client may send per windowSeconds before a rate rule stops it (default ${DEFAULT_CEILING.maxRequests}).`,
    },
    windowSeconds: {
      type: "integer",
      minimum: 1,
      maximum: 3600,
      description: `The window the ceiling counts in, seconds (default ${DEFAULT_CEILING.windowSeconds}); limits per other windows are scaled to it.`,
    },
  },
  parseConfig: (r) => ({
    maxRequests: r.integer("maxRequestsPerWindow", DEFAULT_CEILING.maxRequests, 1, Number.MAX_SAFE_INTEGER),
    windowSeconds: r.integer("windowSeconds", DEFAULT_CEILING.windowSeconds, 1, 3600),
  }),
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    const findings: StackFinding[] = [];
    const res = new Resolver(resources);
    for (const acl of res.ofType(WEB_ACL)) {
      const rules = aclRules(acl, res);
      // An association that attaches a managed group adds a rule aclRules leaves out: the anti-DDoS group may be it.
      const managed = attachedTo(acl, res, GROUP_ASSOCIATION).flatMap((a) => {
        const rule = managedAssociationRule(a.inputs);
        return rule === undefined ? [] : [{ rule, source: `WebAclRuleGroupAssociation ${a.name}` }];
      });
      // A candidate counts only if no rule ahead of it allows every request.
      const reached = (placed: readonly AclRule[], r: { rule: unknown; source: string }, v: RateVerdict | undefined) =>
        v === undefined ? [] : [allHold([() => v, () => reachedByEveryRequest(placed, r.rule, r.source)])];
      const found =
        rules === "invalid ruleJson"
          ? [violation("ruleJson is not a JSON list of rules")]
          : coverageFindings(
              [
                ...rules.flatMap((r) => reached(rules, r, rateRuleVerdict(r.rule, r.source, r.ruleGroups, config, r))),
                ...managed.flatMap((r) => reached(rules, r, rateRuleVerdict(r.rule, r.source, NO_RULE_GROUPS, config))),
              ],
              `no rate-based rule counting per client address with action block, captcha or challenge, a limit of at most ${config.maxRequests} requests per ${config.windowSeconds} s and no allow-everything rule ahead of it (inline, ruleJson, WebAclRule or a rule group of the stack), and no ${ANTI_DDOS_GROUP} managed rule group that blocks or challenges (not counted as a whole, its DDoSRequests or challenge rules not all overridden to count): one client can flood the site`,
              QUESTION,
            );
      appendAll(
        findings,
        found.map((f) => ({ ...f, urn: acl.urn })),
      );
    }
    const protection = ccProtection(res, config);
    for (const domain of res.ofType(WAF_DOMAIN)) {
      const host = typeof domain.inputs.domain === "string" ? ` ${domain.inputs.domain}` : "";
      const found = coverageFindings(
        [protection(domain)],
        `no HTTP flood protection applies to the WAF 3.0 domain${host} (an enabled cc template with a blocking cc rule, or an enabled custom_acl rule with a per-address rate limit of at most ${config.maxRequests} requests per ${config.windowSeconds} s)`,
        QUESTION,
      );
      appendAll(
        findings,
        found.map((f) => ({ ...f, urn: domain.urn })),
      );
    }
    return findings;
  },
});
