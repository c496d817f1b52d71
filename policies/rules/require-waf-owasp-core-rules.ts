import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { NAMES_SCHEMA } from "../lib/config";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

interface WafConfig {
  requiredManagedGroups: string[];
}

/** Core web-protection scenes of WAF 3.0 (the OWASP-style rule engine), old and new names. */
const CORE_SCENES = new Set(["waf_group", "waf_base"]);

/** Managed groups referenced anywhere in a rule, whatever the nesting or casing (provider input or ruleJson). */
function managedGroups(
  node: unknown,
  out: { name: string; vendor: string }[] = [],
): { name: string; vendor: string }[] {
  if (Array.isArray(node)) node.forEach((n) => managedGroups(n, out));
  const o = obj(node);
  if (!o) return out;
  for (const [key, value] of Object.entries(o)) {
    const v = obj(value);
    if (/^managedRuleGroupStatement$/i.test(key) && v) {
      out.push({ name: String(v.name ?? v.Name ?? ""), vendor: String(v.vendorName ?? v.VendorName ?? "") });
    }
    managedGroups(value, out);
  }
  return out;
}

/** A rule whose group action is overridden to count only watches; it blocks nothing. */
function countsOnly(rule: Record<string, unknown>): boolean {
  const override = obj(rule.overrideAction ?? rule.OverrideAction);
  return !!override && (override.count !== undefined || override.Count !== undefined);
}

function parseRuleJson(v: unknown): unknown[] | "unknown" | "invalid" {
  if (v === undefined || v === null || v === "") return [];
  if (isUnknown(v)) return "unknown";
  try {
    const parsed = JSON.parse(String(v));
    return Array.isArray(parsed) ? parsed : "invalid";
  } catch {
    return "invalid";
  }
}

const webAcl: Check<WafConfig> = (p, { config }) => {
  if (isUnknown(p.rules)) return [unverifiable("rules")];
  const fromJson = parseRuleJson(p.ruleJson);
  if (fromJson === "unknown") return [unverifiable("ruleJson")];
  if (fromJson === "invalid") return [violation("ruleJson is not a JSON list of rules")];
  const rules = [...list(p.rules), ...fromJson].map((r) => obj(r) ?? {});
  const findings: Finding[] = [];
  for (const required of config.requiredManagedGroups) {
    const using = rules.filter((r) => managedGroups(r).some((g) => g.name === required && g.vendor === "AWS"));
    if (using.length === 0) {
      if (rules.some(containsUnknown)) findings.push(unverifiable("rules[]", `whether ${required} is used`));
      else findings.push(violation(`no rule uses the AWS managed group ${required}`));
    } else if (using.every(countsOnly)) {
      findings.push(violation(`${required} is only counted (overrideAction count): it blocks nothing`));
    }
  }
  return findings;
};

const defenseTemplate: Check<WafConfig> = (p) => {
  if (isUnknown(p.defenseScene)) return [unverifiable("defenseScene")];
  if (!CORE_SCENES.has(String(p.defenseScene))) return [];
  if (isUnknown(p.status)) return [unverifiable("status")];
  return String(p.status) === "1"
    ? []
    : [violation(`core web protection template (${String(p.defenseScene)}) is disabled (status ${String(p.status)})`)];
};

/** Case step 6: a cloud WAF with the OWASP core rule set was a lesson of the case. */
export const requireWafOwaspCoreRules = defineResourceRule<WafConfig>({
  metadata: {
    name: "require-waf-owasp-core-rules",
    description:
      "A WAFv2 WebACL must use the AWS managed core rule set (AWSManagedRulesCommonRuleSet, the OWASP Top 10 group) in blocking mode; an Alibaba Cloud WAF 3.0 core protection template (waf_group / waf_base) must be enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add a rule with statement.managedRuleGroupStatement { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } and overrideAction { none: {} }.',
      'Alibaba Cloud: set status "1" on the wafv3.DefenseTemplate whose defenseScene is waf_group.',
      "Attach logging too (see require-waf-logging).",
    ],
    controls: [
      { framework: "AWS FSBP", id: "WAF.10" },
      { framework: "MLPS 2.0 L3", id: "8.1.3 (boundary protection)" },
    ],
    caseStep: 6,
  },
  configSchema: {
    requiredManagedGroups: { ...NAMES_SCHEMA, description: "AWS managed groups every WebACL must use." },
  },
  parseConfig: (r) => ({ requiredManagedGroups: r.strings("requiredManagedGroups", ["AWSManagedRulesCommonRuleSet"]) }),
  checks: {
    "aws:wafv2/webAcl:WebAcl": webAcl,
    "alicloud:wafv3/defenseTemplate:DefenseTemplate": defenseTemplate,
  },
});
