// AnalyzeStack's resources as the reachability model reads them: raw inputs (unknowns visible, never thrown),
// dependencies as URNs, and the inputs of the provider each is managed with (its region and account).
import { PolicyResource } from "@pulumi/policy";
import { rawProps } from "../../lib/values";
import { ProvidedResource } from "../lib/provider-accounts";

export function toGenericResources(resources: readonly PolicyResource[]): ProvidedResource[] {
  return resources.map((r): ProvidedResource => {
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
      ...(r.provider?.urn ? { provider: r.provider.urn, providerInputs: rawProps(r.provider.props) } : {}),
    };
  });
}
