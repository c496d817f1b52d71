// What a report needs to know about a policy, looked up by name so packs other than the kit's own still render.
import type { EnforcementLevel, Severity } from "../model";

export interface RuleMetadata {
  name: string;
  displayName?: string;
  /** One sentence for the kit's rules (each message repeats it); a foreign pack's may be longer. */
  description?: string;
  /** The scope beyond the description (the kit's rules): SARIF's fullDescription and help carry it. */
  details?: string;
  enforcementLevel?: EnforcementLevel;
  severity?: Severity;
  /** Markdown allowed: the steps that fix a violation. */
  remediation?: string;
  /** Framework controls the policy serves, e.g. "CIS Alibaba Cloud v2.0 4.3", "MLPS 2.0 8.1.4.4". */
  controls?: string[];
  /** The step of the case (GUIDE §1) the policy breaks, e.g. 1 or "1, 6". */
  caseStep?: number | string;
  tags?: string[];
  url?: string;
}

/** Returns what is known about a policy of a pack; undefined when nothing is. */
export type RuleMetadataLookup = (policyName: string, policyPackName: string) => RuleMetadata | undefined;

/** The fields of an `@pulumi/policy` policy (and of GetAnalyzerInfo's PolicyInfo) that carry metadata. */
export interface PolicyLike {
  name: string;
  description?: string;
  displayName?: string;
  enforcementLevel?: EnforcementLevel;
  severity?: Severity;
  remediationSteps?: string;
  tags?: string[];
  url?: string;
  framework?: { name?: string; version?: string; reference?: string; specification?: string };
  /** Not part of @pulumi/policy: read when a pack adds them. */
  controls?: unknown;
  caseStep?: unknown;
  remediation?: unknown;
}

/**
 * A lookup over policy objects: the pack's own policies, or the PolicyInfo list an analyzer returned. Optional
 * `controls` / `caseStep` fields on the objects are used when present.
 */
export function lookupFromPolicies(policies: readonly PolicyLike[], packName?: string): RuleMetadataLookup {
  const byName = new Map(policies.map((policy) => [policy.name, policy]));
  return (policyName, policyPackName) => {
    if (packName !== undefined && policyPackName !== packName) return undefined;
    const policy = byName.get(policyName);
    return policy ? metadataOf(policy) : undefined;
  };
}

function metadataOf(policy: PolicyLike): RuleMetadata {
  const controls = stringList(policy.controls);
  const framework = policy.framework;
  if (framework?.name) {
    const label = [framework.name, framework.version, framework.reference].filter(Boolean).join(" ");
    if (!controls.includes(label)) controls.unshift(label);
  }
  const caseStep = policy.caseStep;
  return {
    name: policy.name,
    displayName: policy.displayName,
    description: policy.description,
    enforcementLevel: policy.enforcementLevel,
    severity: policy.severity,
    remediation: policy.remediationSteps ?? (typeof policy.remediation === "string" ? policy.remediation : undefined),
    controls,
    caseStep: typeof caseStep === "number" || typeof caseStep === "string" ? caseStep : undefined,
    tags: policy.tags,
    url: policy.url,
  };
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
}

/** Tries each lookup in turn: e.g. the kit's catalog first, then what the analyzer said about foreign policies. */
export function firstOf(...lookups: RuleMetadataLookup[]): RuleMetadataLookup {
  return (policyName, policyPackName) => {
    for (const lookup of lookups) {
      const found = lookup(policyName, policyPackName);
      if (found) return found;
    }
    return undefined;
  };
}

/** What the analyzers said about themselves (GetAnalyzerInfo, as the engine keeps it in PreviewResult.packs). */
export function lookupFromPacks(
  packs: readonly { name: string; policies: readonly PolicyLike[] }[],
): RuleMetadataLookup {
  return firstOf(...packs.map((pack) => lookupFromPolicies(pack.policies, pack.name)));
}

/**
 * The part of a diagnostic that is about this resource: analyzers prefix the policy's description to each message,
 * which reports already show once per rule.
 */
export function violationText(message: string, meta: RuleMetadata | undefined): string {
  const description = meta?.description?.trim();
  if (!description || !message.startsWith(description)) return message;
  const rest = message.slice(description.length).trim();
  return rest || message;
}
