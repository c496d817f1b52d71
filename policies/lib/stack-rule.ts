// Stack rules: checks that need two resources at once (a WebACL and its logging configuration). Links come from
// property dependencies at preview (new ids and ARNs are unknown) and from equal known values after deployment.
import { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { isUnknown, rawProps } from "../../lib/values";
import { reportingCaseStep } from "./case-step";
import { COMMON_SCHEMA, ConfigReader } from "./config";
import { findExemption, isExpired } from "./exemptions";
import { RuleMetadata } from "./metadata";
import { packSettings } from "./settings";

export interface StackFinding {
  urn: string;
  name: string;
  message: string;
  unverifiable?: boolean;
}

export interface StackResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  source: PolicyResource;
}

export interface StackRuleSpec {
  metadata: RuleMetadata;
  check: (resources: StackResource[]) => StackFinding[];
}

export type HardeningStackPolicy = StackValidationPolicy & { metadata: RuleMetadata };

/**
 * True when `from` refers to `to` through `key`: a property dependency (preview), or an equal known value of
 * `key` on `from` and any of `toFields` on `to` (after deployment, or for existing resources).
 */
export function refersTo(from: StackResource, key: string, to: StackResource, toFields: string[]): boolean {
  const deps = from.source.propertyDependencies?.[key] ?? [];
  if (deps.some((d) => d.urn === to.urn)) return true;
  const v = from.props[key];
  if (typeof v !== "string" || v === "" || isUnknown(v)) return false;
  return toFields.some((f) => to.props[f] === v);
}

export function defineStackRule(spec: StackRuleSpec): HardeningStackPolicy {
  const { metadata } = spec;
  return {
    name: metadata.name,
    description: metadata.description,
    enforcementLevel: metadata.enforcementLevel,
    severity: metadata.severity,
    remediationSteps: metadata.remediationSteps.join("\n"),
    tags: metadata.controls.map((c) => `${c.framework} ${c.id}`),
    configSchema: { properties: { ...COMMON_SCHEMA } },
    metadata,
    validateStack: (args: StackValidationArgs, reportRaw: ReportViolation) => {
      const report = reportingCaseStep(reportRaw, metadata.caseStep);
      const common = new ConfigReader(metadata.name, args.getConfig<Record<string, unknown>>() ?? {}).common();
      const resources = args.resources
        .filter((r) => metadata.resourceTypes.includes(r.type))
        .map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: rawProps(r.props), source: r }));
      const failClosed = common.failClosed ?? packSettings().failClosed;
      for (const f of spec.check(resources)) {
        const exemption = findExemption(common.exemptions, f.urn, f.name);
        if (exemption && !isExpired(exemption)) {
          advise(
            report,
            metadata.name,
            `exempted until ${exemption.expires} by ${exemption.owner}: ${exemption.reason} (would report: ${f.message})`,
            f.urn,
          );
          continue;
        }
        if (exemption)
          report(
            `exemption expired on ${exemption.expires} (owner ${exemption.owner}): fix the resource or renew it`,
            f.urn,
          );
        if (!f.unverifiable || failClosed) report(f.message, f.urn);
        else advise(report, metadata.name, f.message, f.urn);
      }
    },
  };
}

function advise(report: ReportViolation, name: string, message: string, urn: string) {
  report({ name, message, urn, enforcementLevel: "advisory" } as unknown as string);
}
