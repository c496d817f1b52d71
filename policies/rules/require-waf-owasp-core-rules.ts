import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";
import { NAMES_SCHEMA } from "../lib/config";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { aclRules, attachedTo, GROUP_ASSOCIATION, PlacedRule, WEB_ACL, WEB_ACL_RULE } from "../lib/wafv2-acl-rules";
import { allowAheadFindings } from "../lib/wafv2-allow-ahead";
import { labelBlockProof } from "../lib/wafv2-label-blocks";
import { field } from "../lib/wafv2-fields";
import { limitsForScope, RequestLimits } from "../lib/wafv2-front-end-limits";
import { Proof } from "../lib/proof";
import { IP_SET } from "../lib/wafv2-ip-sets";
import { REGEX_SET } from "../lib/wafv2-regex-sets";
import { RULE_GROUP } from "../lib/wafv2-rule-groups";
import { GroupUse, unknownUse, usesInAssociation, usesInRule } from "../lib/wafv2-managed-groups";
import { defenseRuleFindings } from "../lib/wafv3-rule-findings";
import { templateLookup } from "../lib/wafv3-templates";
import { CORE_SCENES, DEFENSE_RULE, DEFENSE_TEMPLATE } from "../lib/wafv3-types";
import { shown } from "../lib/text-values";
import { wildcardMatches } from "../lib/wildcard";
import { appendAll } from "../../lib/arrays";

interface WafConfig {
  requiredManagedGroups: string[];
  protectedRules: string[];
}

/**
 * Core rule set rules that stop the injection classes of the case (XSS, local and remote file inclusion), the
 * body-size rule without which larger bodies pass the others uninspected (WAF reads only the first 8-64 KB), the
 * scanner User-Agent rules that answer case step 1 (the scanning that found the way in), and the SSRF rules that keep
 * requests for the instance metadata address (the instance's credentials) from reaching the application. Counting or
 * allowing one of them leaves the group "enabled" but blind to that attack; teams that must relax one (e.g. uploads
 * and SizeRestrictions_BODY with a label-matching block rule) configure the list.
 */
const PROTECTED_RULES = [
  "CrossSiteScripting_*",
  "GenericLFI_*",
  "GenericRFI_*",
  "SizeRestrictions_BODY",
  "UserAgent_BadBots_HEADER",
  "NoUserAgent_HEADER",
  "EC2MetaDataSSRF_*",
];

/** The WebACL's rules wherever they live, and the group uses among them and its rule group associations. */
interface AclContents {
  rules: PlacedRule[];
  uses: GroupUse[];
  /** What the front end of the ACL's scope lets through. */
  limits: RequestLimits;
}

function contentsOf(acl: GenericResource, res: Resolver): AclContents | Finding {
  const rules = aclRules(acl, res);
  if (rules === "invalid ruleJson") return violation("ruleJson is not a JSON list of rules");
  const limits = limitsForScope(field(acl.inputs, "scope"));
  const uses = [
    ...rules.flatMap((r) => (isUnknown(r.rule) ? [unknownUse(r.source)] : usesInRule(r.rule, { ...r, limits }))),
    ...attachedTo(acl, res, GROUP_ASSOCIATION).flatMap((a) => usesInAssociation(a.inputs)),
  ];
  return { rules, uses, limits };
}

/** The group must block with its protected rules intact in at least one use that no allow-all rule runs before. */
function judge(group: string, acl: AclContents, protectedRules: string[]): Finding[] {
  const { uses, limits } = acl;
  // A rule counted in the group but blocked by its label after the group is blocked all the same.
  const reblocked = (u: GroupUse, n: string) => labelBlockProof(group, n, acl.rules, u.priority, limits);
  const weakenedBy = (u: GroupUse, unblocked: (p: Proof) => boolean) =>
    u.weakenedRules.filter((n) => protectedRules.some((p) => wildcardMatches(p, n)) && unblocked(reblocked(u, n)));
  const weakened = (u: GroupUse) => weakenedBy(u, (p) => p !== "yes");
  const mine = uses.filter((u) => u.name === group && u.vendor === "AWS");
  const blocking = mine.filter((u) => !u.countsOnly && !u.unknown && !u.narrowed);
  const intact = blocking.filter((u) => weakened(u).length === 0);
  const priorities = intact.map((u) => u.priority);
  if (intact.length > 0) return allowAheadFindings(group, acl.rules, priorities, limits);
  const unsure = uses.find((u) => u.unknown && (u.name === undefined || u.name === group));
  if (unsure?.unknown) return [unverifiable(unsure.unknown, `whether ${group} blocks`)];
  // Weakened only where a later label block may or may not restore the block (a value unknown at preview).
  const doubtful = blocking.find((u) => weakenedBy(u, (p) => p === "no").length === 0);
  if (doubtful)
    return [unverifiable(`a label block rule after ${group}`, `whether it blocks ${weakened(doubtful).join(", ")}`)];
  if (blocking.length > 0) {
    const names = [...new Set(blocking.flatMap(weakened))].join(", ");
    return [violation(`${group} overrides ${names} to count or allow: those attacks are not blocked`)];
  }
  if (mine.some((u) => u.narrowed && !u.countsOnly))
    return [
      violation(
        `${group} has a scopeDownStatement that limits it to chosen requests (or none): every other request passes uninspected; write the exception as a notStatement around the requests to spare (one path, an office IP set)`,
      ),
    ];
  if (mine.length > 0) return [violation(`${group} is only counted (overrideAction count): it blocks nothing`)];
  return [violation(`no rule uses the AWS managed group ${group} (inline, WebAclRule or WebAclRuleGroupAssociation)`)];
}

function defenseTemplate(p: Record<string, unknown>): Finding[] {
  if (isUnknown(p.defenseScene)) return [unverifiable("defenseScene")];
  const scene = p.defenseScene;
  if (typeof scene !== "string" || !CORE_SCENES.has(scene)) return [];
  if (isUnknown(p.status)) return [unverifiable("status")];
  const status = typeof p.status === "string" || typeof p.status === "number" ? String(p.status) : shown(p.status);
  return status === "1" ? [] : [violation(`core web protection template (${scene}) is disabled (status ${status})`)];
}

/**
 * Case step 6: a cloud WAF with the OWASP core rule set was a lesson of the case. A stack rule because the rule set
 * may be attached by separate WebAclRule / WebAclRuleGroupAssociation resources.
 */
export const requireWafOwaspCoreRules = defineStackRule<WafConfig>({
  metadata: {
    name: "require-waf-owasp-core-rules",
    description:
      "Web ACLs must apply the managed OWASP core rules in blocking mode, with no override, scope-down or earlier allow-everything rule that lets requests bypass them.",
    details:
      "A WAFv2 WebACL must use the AWS managed core rule set (AWSManagedRulesCommonRuleSet, the OWASP Top 10 group) in blocking mode, inline or through WebAclRule / WebAclRuleGroupAssociation resources (checked across the stack), without a scopeDownStatement that limits it to chosen requests (a notStatement sparing a path or an IP set is accepted; a positive statement such as a header, host or path, a NOT around something every request matches, or a NOT around a whole class of requests such as a method or the body's presence or size, is not), without its XSS, file-inclusion, body-size, scanner User-Agent (UserAgent_BadBots_HEADER, NoUserAgent_HEADER) or EC2 metadata SSRF (EC2MetaDataSSRF_*) rules overridden to count or allow (unless a block rule after the group matches every request carrying the rule's label, as the label match alone, an OR including it, or an AND whose other members only spare requests, and no allow-everything rule runs between the group and it), and with no rule that allows every request (e.g. a URI path size >= 0, or below the front end's limit: 8,192 bytes for CLOUDFRONT, 16,384 for REGIONAL; a path starting with /, a regex such as .*, a method match covering every standard method (GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE), IP sets covering all of IPv4 and IPv6, a regex pattern set holding such a regex, or a rule group holding such an allow rule that the reference, inline or a WebAclRuleGroupAssociation's ruleGroupReference, does not override to count) at a lower priority number, which would end evaluation before the core rules see anything; a rule group outside the stack referenced ahead of the core rule set may hold such a rule and is a note (a violation when failing closed); on Alibaba Cloud WAF 3.0, a core protection template (waf_group / waf_base) must be enabled, its core protection rules must block rather than only observe (config.ruleAction monitor, or wafBaseConfigs setting every system rule to all_monitor or all_off), and no enabled whitelist rule in an enabled template may skip core protection (bypassTags waf or regular) for every request, at all times and for all traffic, with conditions that all hold for any request (e.g. URL or URLPath containing or starting with /, a URL regex such as .*, IP in blocks covering all of IPv4 and IPv6); whitelists scoped to an address or a path, or skipping only listed rule IDs or types (regular_rule / regular_type), are not reported. WAFv2 web ACLs, rule groups and IP and regex pattern sets deployed by raw CloudFormation templates are judged too.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add a rule with statement.managedRuleGroupStatement { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } and overrideAction { none: {} }, or an aws.wafv2.WebAclRuleGroupAssociation with that managedRuleGroup and webAclArn set to the WebACL\'s arn.',
      "Do not override the rule set's CrossSiteScripting_*, GenericLFI_*, GenericRFI_*, SizeRestrictions_BODY, UserAgent_BadBots_HEADER, NoUserAgent_HEADER or EC2MetaDataSSRF_* rules to count or allow; narrow a false positive with a scope-down notStatement around the requests to spare, one path or an IP set (a positive scope-down, or a NOT around a method or the body's size, leaves whole classes of requests uninspected), or count the rule and block its label (e.g. awswaf:managed:aws:core-rule-set:SizeRestrictions_Body) in a rule after the group, as the label alone, an OR with it, or an AND with a notStatement sparing only the path that needs it, with no allow-everything rule between the two.",
      "An allow rule ends evaluation: give a rule that allows every request (including one on a URI path size below the front end's URL limit or on every HTTP method) a higher priority number than the core rule set, or scope it (an office IP set, one health-check path) so that other clients still reach the core rules; reference a rule group from outside the stack after the core rule set, or manage it in the stack so that its rules can be checked.",
      'Alibaba Cloud: set status "1" on the wafv3.DefenseTemplate whose defenseScene is waf_group, and config.ruleAction "block" on its wafv3.DefenseRule (not "monitor", and no wafBaseConfigs entry setting the system rules to all_monitor or all_off).',
      'Alibaba Cloud whitelists: give a whitelist-scene wafv3.DefenseRule a condition only trusted requests meet (an office IP, one health-check path), or skip only the rules that misfire (bypassTags ["regular_rule"] with bypassRegularRules) instead of "waf" or "regular" for every request.',
      "Attach logging too (see require-waf-logging).",
    ],
    controls: [
      { framework: "AWS FSBP", id: "WAF.10" },
      { framework: "MLPS 2.0 L3", id: "8.1.3.3 (intrusion prevention)" },
    ],
    caseStep: 6,
    resourceTypes: [
      WEB_ACL,
      WEB_ACL_RULE,
      GROUP_ASSOCIATION,
      IP_SET,
      REGEX_SET,
      RULE_GROUP,
      DEFENSE_TEMPLATE,
      DEFENSE_RULE,
    ],
  },
  configSchema: {
    requiredManagedGroups: { ...NAMES_SCHEMA, description: "AWS managed groups every WebACL must use." },
    protectedRules: {
      ...NAMES_SCHEMA,
      description:
        "Rules of the required groups that must not be overridden to count or allow unless a later rule blocks their label (* matches any text). Default: CrossSiteScripting_*, GenericLFI_*, GenericRFI_*, SizeRestrictions_BODY, UserAgent_BadBots_HEADER, NoUserAgent_HEADER, EC2MetaDataSSRF_*.",
    },
  },
  parseConfig: (r) => ({
    requiredManagedGroups: r.strings("requiredManagedGroups", ["AWSManagedRulesCommonRuleSet"]),
    protectedRules: r.strings("protectedRules", PROTECTED_RULES),
  }),
  // Like the resource rule it was: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    const findings: StackFinding[] = [];
    const res = new Resolver(resources);
    for (const acl of res.ofType(WEB_ACL)) {
      const contents = contentsOf(acl, res);
      const found =
        "uses" in contents
          ? config.requiredManagedGroups.flatMap((g) => judge(g, contents, config.protectedRules))
          : [contents];
      appendAll(
        findings,
        found.map((f) => ({ ...f, urn: acl.urn })),
      );
    }
    for (const t of res.ofType(DEFENSE_TEMPLATE))
      appendAll(
        findings,
        defenseTemplate(t.inputs).map((f) => ({ ...f, urn: t.urn })),
      );
    const templateOf = templateLookup(res);
    for (const r of res.ofType(DEFENSE_RULE))
      appendAll(
        findings,
        defenseRuleFindings(r, templateOf(r)).map((f) => ({ ...f, urn: r.urn })),
      );
    return findings;
  },
});
