// The kit's own pack as report metadata: every policy in the catalog, with its controls, case step and remediation.
import { allPolicies } from "../../policies/catalog";
import type { RuleMetadata as KitRuleMetadata } from "../../policies/lib/metadata";
import { firstOf, lookupFromPacks, type PolicyLike, type RuleMetadata, type RuleMetadataLookup } from "./ruleMetadata";

/** The name the pack registers (policies/index.ts), which diagnostics carry as policyPackName. */
export const KIT_PACK_NAME = "hardening-kit";

export function fromKitMetadata(meta: KitRuleMetadata): RuleMetadata {
  const steps = meta.remediationSteps ?? [];
  return {
    name: meta.name,
    description: meta.description,
    details: meta.details,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    remediation: steps.length > 1 ? steps.map((step, i) => `${i + 1}. ${step}`).join("\n") : steps[0],
    controls: (meta.controls ?? []).map((c) => `${c.framework} ${c.id}`),
    caseStep: meta.caseStep,
  };
}

/** Every policy of the catalog, for SARIF's rule list (including policies nothing violated). */
export function kitRules(): RuleMetadata[] {
  return allPolicies.map((policy) => {
    const meta = (policy as { metadata?: KitRuleMetadata }).metadata;
    return meta ? fromKitMetadata(meta) : { name: policy.name, description: policy.description };
  });
}

export function kitRuleLookup(): RuleMetadataLookup {
  const byName = new Map(kitRules().map((rule) => [rule.name, rule]));
  return (policyName, policyPackName) => (policyPackName === KIT_PACK_NAME ? byName.get(policyName) : undefined);
}

/** The kit's catalog first (full metadata), then each pack's own descriptions (foreign packs). */
export function reportLookup(
  packs: readonly { name: string; policies: readonly PolicyLike[] }[] = [],
): RuleMetadataLookup {
  return firstOf(kitRuleLookup(), lookupFromPacks(packs));
}
