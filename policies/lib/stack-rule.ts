// Stack rules: one check over the whole planned stack, with the same conventions as the resource rules (config
// validated by ConfigReader, per-resource exemptions, fail-closed handling of findings that cannot be verified at
// preview) and each violation attached to the URN of the resource a fix must change. Correlating rules link
// resources through property dependencies at preview (new ids and ARNs are unknown) and through equal known values
// after deployment; reachability rules query the network model.
import { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { GenericResource, NetworkModel } from "../../lib/reachability";
import { toGenericResources } from "../stack/resources";
import { reportingOnContainers } from "./templates/template-stack-resources";
import { reportingCaseStep } from "./case-step";
import { ConfigReader } from "./config";
import { linkOf } from "./links";
import { Finding } from "./findings";
import { RuleMetadata } from "./metadata";
import { policyFields } from "./policy-object";
import { ExpiredExemptionStyle, reportFindings } from "./report-findings";
import { maskingReporterByUrn, resourceSecretsByUrn } from "./secret-values";
import { stackViewOf } from "./stack-view";

export interface StackFinding extends Finding {
  /** The resource a fix must change. */
  urn: string;
}

export interface StackContext<C> {
  /** The program's resources; with `readsTemplateResources`, then those its raw templates deploy. */
  resources: GenericResource[];
  /** Built on first use and shared by the rule's queries and by the other stack rules of the request. */
  model(): NetworkModel;
  config: C;
}

export interface StackRuleSpec<C> {
  metadata: RuleMetadata;
  configSchema?: PolicyConfigSchema["properties"];
  parseConfig?: (reader: ConfigReader) => C;
  check: (ctx: StackContext<C>) => StackFinding[];
  /**
   * The rule judges what raw templates deploy as the program's own resources (template-stack-resources.ts): they
   * join `ctx.resources`, and findings about them land on their container. Off by default: a rule reads them once
   * the types it correlates are translated (a template resource half translated would look unsafe or safe wrongly).
   */
  readsTemplateResources?: boolean;
  /**
   * How an expired exemption shows (default "suffix": appended to each of the resource's findings); "notice"
   * reports it as a violation of its own before the finding, as the resource rules do.
   */
  expiredExemption?: ExpiredExemptionStyle;
}

export type HardeningStackPolicy = StackValidationPolicy & { metadata: RuleMetadata };

/**
 * True when `from` surely refers to `to` through `key` (links.ts): an equal known value, or a property dependency
 * where the value, or every field of `to` it could equal, is unknown.
 */
export function refersTo(from: GenericResource, key: string, to: GenericResource, toFields: string[]): boolean {
  return linkOf(from, key, to, toFields) === "yes";
}

export function defineStackRule<C = Record<string, never>>(spec: StackRuleSpec<C>): HardeningStackPolicy {
  const { metadata } = spec;
  const validateStack: StackValidationPolicy["validateStack"] = (args, reportRaw) => {
    const report = reportingCaseStep(reportRaw, metadata.caseStep);
    const reader = new ConfigReader(metadata.name, args.getConfig<Record<string, unknown>>() ?? {});
    const common = reader.common();
    const config = spec.parseConfig ? spec.parseConfig(reader) : ({} as C);
    const resources = toGenericResources(args.resources);
    // The network model holds what raw templates deploy too; findings about those are reported on their container.
    // Built once per request for every stack rule (stack-view.ts); each rule still gets a resource list of its own.
    const view = stackViewOf(resources);
    const findings = spec.check({
      resources: spec.readsTemplateResources ? ownList(view.modelled().resources, resources) : resources,
      config,
      model: view.model,
    });
    if (findings.length === 0) return;
    const names = view.names();
    const expired = spec.expiredExemption ?? "suffix";
    const { placed } = view.modelled();
    const secretsOfUrn = resourceSecretsByUrn(args.resources, placed);
    const reporter = {
      report: reportingOnContainers(maskingReporterByUrn(report, secretsOfUrn), placed),
      policyName: metadata.name,
      common,
      expired,
    };
    // Exemptions are looked up per finding, so each gets its own note or expiry; each masks its resource's secrets.
    for (const f of findings) {
      const subject = { urn: f.urn, name: names.get(f.urn) ?? "", reportUrn: f.urn, secrets: secretsOfUrn(f.urn) };
      reportFindings(reporter, subject, [f]);
    }
  };
  return { ...policyFields(metadata, spec.configSchema), validateStack, metadata };
}

/** The shared list when it is the rule's own list (no template resources), else a copy the rule may keep. */
function ownList(modelled: readonly GenericResource[], own: GenericResource[]): GenericResource[] {
  return modelled.length === own.length ? own : [...modelled];
}
