// The fields of a PolicyPack policy that come from a rule's metadata, the same for resource and stack rules.
import { EnforcementLevel, PolicyConfigSchema, Severity } from "@pulumi/policy";
import { COMMON_SCHEMA } from "./config";
import { RuleMetadata } from "./metadata";

export interface PolicyFields {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  remediationSteps: string;
  tags: string[];
  configSchema: PolicyConfigSchema;
}

/** Rule-specific config keys are added to the ones every rule accepts (failClosed, exemptions). */
export function policyFields(metadata: RuleMetadata, configSchema?: PolicyConfigSchema["properties"]): PolicyFields {
  return {
    name: metadata.name,
    description: metadata.description,
    enforcementLevel: metadata.enforcementLevel,
    severity: metadata.severity,
    remediationSteps: metadata.remediationSteps.join("\n"),
    tags: metadata.controls.map((c) => `${c.framework} ${c.id}`),
    configSchema: { properties: { ...COMMON_SCHEMA, ...configSchema } },
  };
}
