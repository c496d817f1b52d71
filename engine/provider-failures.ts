// A provider that cannot be configured fails everything it serves. The CLI reports the provider's error once, on the
// provider; the registrations and invokes it fails point to that error instead of repeating it.
import type { EngineLog } from "./model";

const SEE_ABOVE = "could not be configured: see its error above";

/**
 * A shared config file the provider's SDK fails on while loading it, whatever the region: the provider cannot be
 * configured. `line` is 1-based, when one line is at fault; `fix` says what to change.
 */
export interface ConfigFileProblem {
  file: string;
  line?: number;
  failure: string;
  fix: string;
}

/** The failure of a provider of `pkg` whose SDK cannot read a shared config file, against the provider. */
export function configFileFailure(pkg: string, providerName: string, problem: ConfigFileProblem): string {
  const where = problem.line ? `${problem.file}, line ${problem.line}` : problem.file;
  return (
    `pulumi:providers:${pkg} resource '${providerName}' has a problem: ` +
    `the provider's SDK cannot read ${where}: ${problem.failure}. ${problem.fix}`
  );
}

/** What a registration or invoke served by the unconfigured provider fails with. */
export function unconfiguredProviderNote(pkg: string, name: string, explicit: boolean): string {
  return explicit ? `the ${pkg} provider '${name}' ${SEE_ABOVE}` : `the default ${pkg} provider ${SEE_ABOVE}`;
}

/** Whether a logged error only points to a provider's own (the SDK quotes the note inside its registration error). */
export function pointsToProvider(message: string): boolean {
  return message.includes(SEE_ABOVE);
}

/** Whether `urn` names a provider resource (`…::pulumi:providers:PKG::NAME`, under a parent or not). */
export function isProviderUrn(urn: string | undefined): boolean {
  const type = urn?.split("::")[2]?.split("$").pop();
  return !!type?.startsWith("pulumi:providers:");
}

/**
 * A failure's errors with each provider's failure said once: the first provider's error in full, the others named,
 * and the pointers to them dropped. `extra` is the sentence naming the other providers, if any.
 */
export function providerFailuresOnce(errors: EngineLog[]): { errors: EngineLog[]; extra?: string } {
  const providers = errors.filter((l) => isProviderUrn(l.urn));
  if (!providers.length) return { errors };
  const others = providers.slice(1);
  const kept = errors.filter((l) => !others.includes(l) && !pointsToProvider(l.message));
  if (!others.length) return { errors: kept };
  const names = others.map((l) => `'${l.urn!.split("::").pop()}'`).join(", ");
  const extra = `${others.length === 1 ? "Provider" : "Providers"} ${names} could not be configured either: see the errors above.`;
  return { errors: kept, extra };
}
