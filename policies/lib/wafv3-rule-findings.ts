// Findings for one WAF 3.0 defense rule against core web protection: a whitelist that skips it for every request,
// or a core protection rule that only observes. Violations when proven; otherwise at most one note, and only when a
// value unknown at preview could still make the rule one of those.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { PartsVerdict } from "./proof-parts";
import { monitorOnly } from "./wafv3-monitor-only";
import { RuleTemplate } from "./wafv3-templates";
import { whitelistBypass } from "./wafv3-whitelist-bypass";

function ruleName(rule: GenericResource): string {
  const name = rule.inputs.ruleName;
  return typeof name === "string" && name !== "" && !isUnknown(name) ? name : rule.name;
}

export function defenseRuleFindings(rule: GenericResource, template: RuleTemplate): Finding[] {
  const name = ruleName(rule);
  const where = `${name} (template ${template.name})`;
  const bypass = whitelistBypass(rule.inputs, template.enabled);
  const monitor = monitorOnly(rule.inputs);
  const violations: Finding[] = [];
  if (bypass.verdict === "yes") {
    const skipped = `skips core web protection (bypassTags "${bypass.tag}") for every request`;
    violations.push(violation(`whitelist rule ${where} ${skipped}: the core rules inspect nothing`));
  }
  if (monitor.verdict === "yes")
    violations.push(violation(`core web protection rule ${where} only observes (${monitor.how}): it blocks nothing`));
  if (violations.length > 0) return violations;
  const note = (v: PartsVerdict, why: string) => unverifiable(`${v.unknown.join(", ")} of rule ${where}`, why);
  if (bypass.verdict === "unknown") return [note(bypass, "whether it skips core web protection for every request")];
  if (monitor.verdict === "unknown") return [note(monitor, "whether core web protection blocks")];
  return [];
}
