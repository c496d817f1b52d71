import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";
import { NAMES_SCHEMA } from "../lib/config";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { aclRules, attachedTo, GROUP_ASSOCIATION, PlacedRule, WEB_ACL, WEB_ACL_RULE } from "../lib/wafv2-acl-rules";
import { allowAheadFindings } from "../lib/wafv2-allow-ahead";
import { blockedByLabel } from "../lib/wafv2-label-blocks";
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
 * Core rule set rules that stop the injection classes of the case (XSS, local and remote file inclusion) and the
 * body-size rule without which larger bodies pass the others uninspected (WAF reads only the first 8-64 KB). Counting
 * or allowing one of them leaves the group "enabled" but blind to that attack; teams that must relax one (e.g. uploads
 * and SizeRestrictions_BODY with a label-matching block rule) configure the list.
 */
const PROTECTED_RULES = ["CrossSiteScripting_*", "GenericLFI_*", "GenericRFI_*", "SizeRestrictions_BODY"];

/** The WebACL's rules wherever they live, and the group uses among them and its rule group associations. */
interface AclContents {
  rules: PlacedRule[];
  uses: GroupUse[];
}

function contentsOf(acl: GenericResource, res: Resolver): AclContents | Finding {
  const rules = aclRules(acl, res);
  if (rules === "invalid ruleJson") return violation("ruleJson is not a JSON list of rules");
  const uses = [
    ...rules.flatMap((r) => (isUnknown(r.rule) ? [unknownUse(r.source)] : usesInRule(r.rule, r))),
    ...attachedTo(acl, res, GROUP_ASSOCIATION).flatMap((a) => usesInAssociation(a.inputs)),
  ];
  return { rules, uses };
}

/** The group must block with its protected rules intact in at least one use that no allow-all rule runs before. */
function judge(group: string, acl: AclContents, protectedRules: string[]): Finding[] {
  const { uses } = acl;
  // A rule counted in the group but blocked by its label after the group is blocked all the same.
  const weakened = (u: GroupUse) =>
    u.weakenedRules.filter(
      (n) => protectedRules.some((p) => wildcardMatches(p, n)) && !blockedByLabel(group, n, acl.rules, u.priority),
    );
  const mine = uses.filter((u) => u.name === group && u.vendor === "AWS");
  const blocking = mine.filter((u) => !u.countsOnly && !u.unknown && !u.narrowed);
  const intact = blocking.filter((u) => weakened(u).length === 0);
  const priorities = intact.map((u) => u.priority);
  if (intact.length > 0) return allowAheadFindings(group, acl.rules, priorities);
  const unsure = uses.find((u) => u.unknown && (u.name === undefined || u.name === group));
  if (unsure?.unknown) return [unverifiable(unsure.unknown, `whether ${group} blocks`)];
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
      "A WAFv2 WebACL must use the AWS managed core rule set (AWSManagedRulesCommonRuleSet, the OWASP Top 10 group) in blocking mode, inline or through WebAclRule / WebAclRuleGroupAssociation resources (checked across the stack), without a scopeDownStatement that limits it to chosen requests (a notStatement sparing some requests is accepted; a positive statement such as a header, host or path, or a NOT around something every request matches, is not), without its XSS, file-inclusion or body-size rules overridden to count or allow (unless a block rule after the group matches the rule's label), and with no rule that allows every request (e.g. a URI path size >= 0, a path starting with /, a regex such as .*, IP sets covering all of IPv4 and IPv6, a regex pattern set holding such a regex, or a rule group holding such an allow rule that the reference, inline or a WebAclRuleGroupAssociation's ruleGroupReference, does not override to count) at a lower priority number, which would end evaluation before the core rules see anything; on Alibaba Cloud WAF 3.0, a core protection template (waf_group / waf_base) must be enabled, its core protection rules must block rather than only observe (config.ruleAction monitor, or wafBaseConfigs setting every system rule to all_monitor or all_off), and no enabled whitelist rule in an enabled template may skip core protection (bypassTags waf or regular) for every request, at all times and for all traffic, with conditions that all hold for any request (e.g. URL or URLPath containing or starting with /, a URL regex such as .*, IP in blocks covering all of IPv4 and IPv6); whitelists scoped to an address or a path, or skipping only listed rule IDs or types (regular_rule / regular_type), are not reported. WAFv2 web ACLs, rule groups and IP and regex pattern sets deployed by raw CloudFormation templates are judged too.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add a rule with statement.managedRuleGroupStatement { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } and overrideAction { none: {} }, or an aws.wafv2.WebAclRuleGroupAssociation with that managedRuleGroup and webAclArn set to the WebACL\'s arn.',
      "Do not override the rule set's CrossSiteScripting_*, GenericLFI_*, GenericRFI_* or SizeRestrictions_BODY rules to count or allow; narrow a false positive with a scope-down notStatement around the requests to spare (a positive scope-down leaves every other request uninspected), or count the rule and block its label (e.g. awswaf:managed:aws:core-rule-set:SizeRestrictions_Body) in a rule after the group, sparing only the path that needs it.",
      "An allow rule ends evaluation: give a rule that allows every request a higher priority number than the core rule set, or scope it (an office IP set, one health-check path) so that other clients still reach the core rules.",
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
      description: "Rules of the required groups that must not be overridden to count or allow (* matches any text).",
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
