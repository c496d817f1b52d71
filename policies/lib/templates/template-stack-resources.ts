// The stack part of a wrapped rule (require-imdsv2 judges launches that leave tokens to the account's metadata
// defaults across the stack) sees the resources a template deploys beside the program's: each takes the container's
// dependencies and provider, since the template launches it after what the container depends on, in its account.
import { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { rawProps } from "../../../lib/values";
import { EmbeddedResource } from "./embedded-resource";
import { TemplateContainer } from "./template-containers";
import { aboutTemplateResource } from "./template-messages";
import { readTemplateResources } from "./template-reading";

type ValidateStack = StackValidationPolicy["validateStack"];

export function withTemplateStackResources(
  validateStack: ValidateStack,
  containers: ReadonlyMap<string, TemplateContainer>,
): ValidateStack {
  return (args, report) => {
    const embedded: PolicyResource[] = [];
    const origins = new Map<string, { container: PolicyResource; resource: EmbeddedResource }>();
    for (const c of args.resources) {
      const container = containers.get(c.type);
      if (!container) continue;
      for (const r of readTemplateResources(container, rawProps(c.props)).resources) {
        const urn = `${c.urn}/${r.logicalId}${r.where ? `/${r.where}` : ""}`;
        origins.set(urn, { container: c, resource: r });
        embedded.push({ ...c, type: r.type, name: `${c.name}/${r.logicalId}`, urn, props: r.props });
      }
    }
    if (embedded.length === 0) return validateStack(args, report);
    // Findings about a template resource are reported on its container, named after it.
    const reportThrough = ((message: unknown, urn?: string) => {
      const origin = urn === undefined ? undefined : origins.get(urn);
      if (!origin) return report(message as never, urn);
      return aboutTemplateResource(report, origin.resource, origin.container.urn)(message as never, urn);
    }) as ReportViolation;
    return validateStack({ ...args, resources: [...args.resources, ...embedded] }, reportThrough);
  };
}
