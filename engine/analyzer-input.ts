// A registration as the analyzer protocol presents it to policy packs: with its provider and resource options.
import { defaultProviderName, defaultProviderPackage, packageConfig } from "./default-providers";
import type { Registration } from "./model";
import type { AnalyzerInput } from "./policy-host";
import { parseProviderRef } from "./urn";

/** A package version a default provider serves, as resources and invokes ask for it. */
export interface ProviderUse {
  pkg: string;
  version: string;
}

/**
 * The provider the engine creates for a package without an explicit one (never registered offline): its inputs are
 * the package's config and version, its name `default[_version]` (pkg/resource/deploy/default_providers.go).
 */
function defaultProvider(
  use: ProviderUse,
  urnPrefix: string,
  config: Record<string, string>,
): NonNullable<AnalyzerInput["provider"]> {
  const type = `pulumi:providers:${use.pkg}`;
  const inputs: Record<string, unknown> = {
    ...(use.version ? { version: use.version } : {}),
    ...packageConfig(use.pkg, config),
  };
  const name = defaultProviderName(use.version);
  return { urn: `${urnPrefix}::${type}::${name}`, type, name, inputs };
}

const urnPrefixOf = (urn: string) => urn.split("::").slice(0, 2).join("::");

/** The package a custom resource needs a default provider for, or undefined when it has an explicit one. */
function defaultUse(reg: Registration, byUrn: Map<string, Registration>): ProviderUse | undefined {
  const ref = parseProviderRef(reg.provider);
  if (ref && byUrn.has(ref.urn)) return undefined;
  const pkg = defaultProviderPackage(reg.type, reg.custom);
  return pkg ? { pkg, version: reg.version } : undefined;
}

/**
 * The default provider resources the engine would register, once each, in first-use order. The CLI analyzes them
 * like any other resource, so packs see them in Analyze and AnalyzeStack.
 */
export function defaultProviderResources(
  registrations: Registration[],
  byUrn: Map<string, Registration>,
  invokeUses: ProviderUse[],
  config: Record<string, string>,
): AnalyzerInput[] {
  if (!registrations.length) return [];
  const urnPrefix = urnPrefixOf(registrations[0].urn);
  const uses = [...registrations.map((r) => defaultUse(r, byUrn)), ...invokeUses];
  const providers = new Map<string, AnalyzerInput>();
  for (const use of uses) {
    if (!use) continue;
    const p = defaultProvider(use, urnPrefix, config);
    if (providers.has(p.urn)) continue;
    providers.set(p.urn, {
      ...p,
      parent: "",
      dependencies: [],
      propertyDependencies: {},
      options: { aliases: [] },
    });
  }
  return [...providers.values()];
}

export interface AnalyzerInputOptions {
  /** For AnalyzeStack, which the CLI calls with each resource's outputs: a component's are what it registered. */
  stack?: boolean;
  /** The baseline URN this resource took over through an alias: the one alias the engine reports. */
  claimedAlias?: string;
}

export function analyzerInput(
  reg: Registration,
  byUrn: Map<string, Registration>,
  config: Record<string, string>,
  opts: AnalyzerInputOptions = {},
): AnalyzerInput {
  let provider: AnalyzerInput["provider"];
  const ref = parseProviderRef(reg.provider);
  const explicit = ref && byUrn.get(ref.urn);
  if (explicit) provider = { urn: explicit.urn, type: explicit.type, name: explicit.name, inputs: explicit.inputs };
  else {
    const use = defaultUse(reg, byUrn);
    if (use) provider = defaultProvider(use, urnPrefixOf(reg.urn), config);
  }
  return {
    urn: reg.urn,
    type: reg.type,
    name: reg.name,
    inputs: opts.stack && !reg.custom ? (reg.outputs ?? {}) : reg.inputs,
    parent: reg.parent,
    dependencies: reg.dependencies,
    propertyDependencies: reg.propertyDependencies,
    provider,
    options: {
      // The engine reports only the alias that matched the previous state: none for a new stack.
      aliases: opts.claimedAlias ? [opts.claimedAlias] : [],
      protect: reg.options.protect,
      ignoreChanges: reg.options.ignoreChanges,
      additionalSecretOutputs: reg.options.additionalSecretOutputs,
      deleteBeforeReplace: reg.options.deleteBeforeReplace,
      customTimeouts: reg.options.customTimeouts,
    },
  };
}
