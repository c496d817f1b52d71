// Which package needs a default provider, and whether `pulumi:disable-default-providers` forbids the engine to create
// one (pkg/resource/deploy/source_eval.go, shouldDenyRequest; the wording is diag.GetDefaultProviderDenied).

export const DISABLE_DEFAULT_PROVIDERS = "pulumi:disable-default-providers";

/** The package whose default provider a custom resource falls back to; none for components and `pulumi:` types. */
export function defaultProviderPackage(type: string, custom: boolean): string | undefined {
  if (!custom || type.startsWith("pulumi:")) return undefined;
  return type.split(":")[0];
}

/** The default provider's name for a package version: `default[_version]` (pkg/resource/deploy/default_providers.go). */
export function defaultProviderName(version: string): string {
  return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

/** A package's stack config as its default provider's inputs: `aws:region` → `region`. */
export function packageConfig(pkg: string, config: Record<string, string>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
  }
  return inputs;
}

/** Whether a provider reference names a provider resource ("urn::id"), rather than asking for the default one. */
export function isExplicitProviderRef(ref: string | undefined): boolean {
  return !!ref && ref.includes("::");
}

/**
 * Whether the stack config forbids a default provider for `pkg`. The value is the JSON list `pulumi config` stores;
 * an empty string disables nothing, "*" disables every package but `pulumi`. A malformed list throws, as it fails the
 * registration under the CLI.
 */
export function defaultProviderDisabled(pkg: string, config: Record<string, string>): boolean {
  const raw = config[DISABLE_DEFAULT_PROVIDERS];
  if (pkg === "pulumi" || raw === undefined || raw === "") return false;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (e) {
    throw new Error(`Failed to parse ${raw}: ${(e as Error).message}`);
  }
  if (!Array.isArray(list)) throw new Error(`Failed to parse ${raw}: expected a list of package names`);
  return list.some((entry, i) => {
    if (typeof entry !== "string") throw new Error(`${DISABLE_DEFAULT_PROVIDERS}[${i}] must be a string`);
    const barred = entry.trim();
    return barred === "*" || barred === pkg;
  });
}

/** The engine's refusal; `subject` is the resource URN, or the invoke token for invokes. */
export function defaultProviderDenied(pkg: string, subject: string): string {
  return `Default provider for '${pkg}' disabled. '${subject}' must use an explicit provider.`;
}
