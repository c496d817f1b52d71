// AnalyzeStack's resources as the reachability model reads them: raw inputs (unknowns visible, never thrown)
// and dependencies as URNs.
import { PolicyResource } from "@pulumi/policy";
import { rawProps } from "../../lib/values";
import { GenericResource } from "../../lib/reachability";

export function toGenericResources(resources: readonly PolicyResource[]): GenericResource[] {
  return resources.map((r) => {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, deps] of Object.entries(r.propertyDependencies ?? {}))
      propertyDependencies[k] = deps.map((d) => d.urn);
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: rawProps(r.props),
      propertyDependencies,
      dependencies: (r.dependencies ?? []).map((d) => d.urn),
      ...(r.provider?.urn ? { provider: r.provider.urn } : {}),
    };
  });
}
