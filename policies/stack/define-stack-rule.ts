// Turns a stack rule's metadata and one check over the whole stack into a StackValidationPolicy with the same
// conventions as the resource rules: config validated by ConfigReader, per-resource exemptions, fail-closed
// handling of findings that cannot be verified at preview, and each violation attached to the resource's URN.
import { PolicyConfigSchema, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { buildNetworkModel, GenericResource, NetworkModel } from "../../lib/reachability";
import { reportingCaseStep } from "../lib/case-step";
import { COMMON_SCHEMA, ConfigReader } from "../lib/config";
import { findExemption, isExpired } from "../lib/exemptions";
import { RuleMetadata } from "../lib/metadata";
import { packSettings } from "../lib/settings";
import { toGenericResources } from "./resources";

export interface StackFinding {
  /** The resource a fix must change. */
  urn: string;
  message: string;
  unverifiable?: boolean;
}

export interface StackContext<C> {
  resources: GenericResource[];
  /** Built on first use and shared by the rule's queries. */
  model(): NetworkModel;
  config: C;
}

export interface StackRuleSpec<C> {
  metadata: RuleMetadata;
  configSchema?: PolicyConfigSchema["properties"];
  parseConfig?: (reader: ConfigReader) => C;
  check: (ctx: StackContext<C>) => StackFinding[];
}

export type HardeningStackPolicy = StackValidationPolicy & { metadata: RuleMetadata };

export function defineStackRule<C = Record<string, never>>(spec: StackRuleSpec<C>): HardeningStackPolicy {
  const { metadata } = spec;
  const validateStack: StackValidationPolicy["validateStack"] = (args, reportRaw) => {
    const report = reportingCaseStep(reportRaw, metadata.caseStep);
    const raw = args.getConfig<Record<string, unknown>>() ?? {};
    const reader = new ConfigReader(metadata.name, raw);
    const common = reader.common();
    const config = spec.parseConfig ? spec.parseConfig(reader) : ({} as C);
    const resources = toGenericResources(args.resources);
    let model: NetworkModel | undefined;
    const findings = spec.check({ resources, config, model: () => (model ??= buildNetworkModel(resources)) });
    const names = new Map(resources.map((r) => [r.urn, r.name]));
    const failClosed = common.failClosed ?? packSettings().failClosed;
    for (const f of findings) {
      const exemption = findExemption(common.exemptions, f.urn, names.get(f.urn) ?? "");
      if (exemption && !isExpired(exemption)) {
        advise(
          report,
          metadata.name,
          f.urn,
          `exempted until ${exemption.expires} by ${exemption.owner}: ${exemption.reason} (would report: ${f.message})`,
        );
        continue;
      }
      const expired = exemption ? ` (exemption expired on ${exemption.expires}, owner ${exemption.owner})` : "";
      if (!f.unverifiable) report(f.message + expired, f.urn);
      else if (failClosed) report(`${f.message}; failing closed${expired}`, f.urn);
      else advise(report, metadata.name, f.urn, f.message);
    }
  };
  return {
    name: metadata.name,
    description: metadata.description,
    enforcementLevel: metadata.enforcementLevel,
    severity: metadata.severity,
    remediationSteps: metadata.remediationSteps.join("\n"),
    tags: metadata.controls.map((c) => `${c.framework} ${c.id}`),
    configSchema: { properties: { ...COMMON_SCHEMA, ...spec.configSchema } },
    validateStack,
    metadata,
  };
}

/** Advisory regardless of the policy's level: notes must never block a deployment. */
function advise(report: ReportViolation, policyName: string, urn: string, message: string) {
  report({ name: policyName, message, urn, enforcementLevel: "advisory" } as unknown as string, urn);
}
