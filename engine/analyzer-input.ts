// A registration as the analyzer protocol presents it to policy packs: with its provider and resource options.
import type { Registration } from "./model";
import type { AnalyzerInput } from "./policy-host";
import { parseProviderRef } from "./urn";

/** The provider the engine would create for resources without an explicit one (never registered offline). */
function defaultProvider(reg: Registration, config: Record<string, string>): AnalyzerInput["provider"] {
  const pkg = reg.type.split(":")[0];
  const type = `pulumi:providers:${pkg}`;
  const inputs: Record<string, unknown> = reg.version ? { version: reg.version } : {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
  }
  const urnPrefix = reg.urn.split("::").slice(0, 2).join("::");
  const name = reg.version ? `default_${reg.version.replace(/[.-]/g, "_")}` : "default";
  return { urn: `${urnPrefix}::${type}::${name}`, type, name, inputs };
}

export function analyzerInput(
  reg: Registration,
  byUrn: Map<string, Registration>,
  config: Record<string, string>,
): AnalyzerInput {
  let provider: AnalyzerInput["provider"];
  const ref = parseProviderRef(reg.provider);
  const explicit = ref && byUrn.get(ref.urn);
  if (explicit) provider = { urn: explicit.urn, type: explicit.type, name: explicit.name, inputs: explicit.inputs };
  else if (reg.custom && !reg.type.startsWith("pulumi:")) provider = defaultProvider(reg, config);
  return {
    urn: reg.urn,
    type: reg.type,
    name: reg.name,
    inputs: reg.inputs,
    parent: reg.parent,
    dependencies: reg.dependencies,
    propertyDependencies: reg.propertyDependencies,
    provider,
    options: {
      aliases: reg.aliases,
      protect: reg.options.protect,
      ignoreChanges: reg.options.ignoreChanges,
      additionalSecretOutputs: reg.options.additionalSecretOutputs,
    },
  };
}
