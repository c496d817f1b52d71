// Stack checks see the resources a template deploys beside the program's, placed in their container
// (template-placement.ts): the stack part of a wrapped rule (require-imdsv2 judges launches that leave tokens to the
// account's metadata defaults across the stack), the network model of the stack rules and the engine's exposure
// table, and the resources of stack rules that read them (`readsTemplateResources` in stack-rule.ts: flow logs, audit
// trails). Findings about a template resource are reported on its container, named after it.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import type { GenericResource } from "../../../lib/reachability";
import { rawProps } from "../../../lib/values";
import { inheritedDefaultTags } from "../provider-default-tags";
import { maskingReporterByUrn, rememberSecrets, resourceSecretsByUrn, secretsOf } from "../secret-values";
import type { EmbeddedResource } from "./embedded-resource";
import { TEMPLATE_CONTAINERS, TemplateContainer } from "./template-containers";
import { aboutTemplateResource } from "./template-messages";
import { parameterDependencies } from "./template-parameter-links";
import { PlacedTemplateResource, placeTemplateResources } from "./template-placement";

type ValidateStack = StackValidationPolicy["validateStack"];

/** A reporter that moves findings about placed template resources to their container and names them. */
export function reportingOnContainers(
  report: ReportViolation,
  placed: ReadonlyMap<string, PlacedTemplateResource>,
): ReportViolation {
  if (placed.size === 0) return report;
  return ((message: unknown, urn?: string) => {
    const origin = urn === undefined ? undefined : placed.get(urn);
    if (!origin) return report(message as never, urn);
    return aboutTemplateResource(report, origin.resource, origin.container.urn)(message as never, urn);
  }) as ReportViolation;
}

/**
 * Template resources take the container's dependencies and provider: the template launches them after what the
 * container depends on, in its account.
 */
export function withTemplateStackResources(
  validateStack: ValidateStack,
  containers: ReadonlyMap<string, TemplateContainer>,
  judges: (r: EmbeddedResource) => boolean = () => true,
): ValidateStack {
  return (args, report) => {
    if (!args.resources.some((r) => containers.has(r.type))) return validateStack(args, report);
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    const containerResources = args.resources.map((r) => ({ ...r, props: rawProps(r.props) }));
    const placed = placeTemplateResources(containerResources, containers).filter((p) => judges(p.resource));
    if (placed.length === 0) return validateStack(args, report);
    const embedded: PolicyResource[] = placed.map((p) => ({
      ...byUrn.get(p.container.urn)!,
      type: p.type,
      name: p.name,
      urn: p.urn,
      props: p.props,
    }));
    const origins = new Map(placed.map((p) => [p.urn, p]));
    // What a secret body deploys is as secret as it, here as on the resource path (template-resources.ts).
    for (const p of placed) rememberSecrets(p.props, secretsOf(rawProps(byUrn.get(p.container.urn)!.props)));
    const secretsOfUrn = resourceSecretsByUrn(args.resources);
    return validateStack(
      { ...args, resources: [...args.resources, ...embedded] },
      reportingOnContainers(maskingReporterByUrn(report, secretsOfUrn), origins),
    );
  };
}

export interface StackWithTemplates {
  /** The program's resources, then the template resources placed in their containers. */
  resources: GenericResource[];
  /** Placed template resources by urn. */
  placed: ReadonlyMap<string, PlacedTemplateResource>;
}

/**
 * The stack's resources as the network model reads them, template resources included. They link to each other by
 * the ids they carry and to the program's resources by known values, or, for a property whose whole value is a
 * parameter the program feeds with an output unknown at preview, by the container's `parameters` dependencies
 * (template-parameter-links.ts): other dependencies of the container say nothing about which template property a
 * program output flows into.
 */
export function withTemplateResources(resources: GenericResource[]): StackWithTemplates {
  // Every stack rule asks, and most stacks deploy no raw template: skip the copy the placement needs.
  if (!resources.some((r) => TEMPLATE_CONTAINERS.has(r.type))) return { resources, placed: new Map() };
  const placed = placeTemplateResources(resources.map((r) => ({ ...r, props: r.inputs })));
  if (placed.length === 0) return { resources, placed: new Map() };
  const containers = new Map(resources.map((r) => [r.urn, r]));
  const embedded = placed.map((p): GenericResource => {
    const container = containers.get(p.container.urn)!;
    return {
      urn: p.urn,
      type: p.type,
      name: p.name,
      inputs: p.props,
      propertyDependencies: parameterDependencies(p.resource.parameterFields, container),
      dependencies: [],
      ...(container.provider ? { provider: container.provider } : {}),
      // The container's provider tags the container, and the template's resources take its tags.
      ...inheritedDefaultTags(container),
    };
  });
  return { resources: [...resources, ...embedded], placed: new Map(placed.map((p) => [p.urn, p])) };
}
