// An offline `pulumi preview`: runs the program against a local monitor, then the policy packs over the analyzer protocol.
import * as path from "path";
import { ConfigError, loadStackConfig, readProject } from "./config";
import { mapLimit } from "./concurrency";
import { computeExposures, type Exposure } from "./exposures";
import { PreviewError, programFailure } from "./failure";
import type { EngineLog, PlannedResource, PolicyDiagnostic, Registration } from "./model";
import { LocalMonitor } from "./monitor";
import { PolicyConfigError, readPolicyConfigFile, type PolicyPackConfigFile } from "./policy-config";
import { PolicyPackError, startPolicyPack, type AnalyzerInput, type PackInfo, type PolicyHost } from "./policy-host";
import { resolveProgram, runProgram } from "./program";
import { parseProviderRef } from "./urn";

export { PreviewError } from "./failure";

export interface PreviewOptions {
  stack: string;
  /** Project root (holds Pulumi.yaml). Default: the current directory. */
  cwd?: string;
  /** Program entry; default: resolved from Pulumi.yaml / package.json (compiled twin under dist/ preferred). */
  program?: string;
  /** Policy pack directories; none → no policies. */
  policyPacks?: string[];
  /** Per pack (by position): a config object or the path of a `--policy-pack-config` JSON file. */
  policyPackConfigs?: (PolicyPackConfigFile | string | undefined)[];
  env?: NodeJS.ProcessEnv;
  parallel?: number;
  /** Analyze calls in flight per pack. */
  analyzeConcurrency?: number;
  onProgress?: (message: string) => void;
}

export interface AppliedRemediation {
  urn: string;
  policyPackName: string;
  policyName: string;
  description: string;
  diagnostic: string;
}

export interface PreviewResult {
  stack: string;
  project: string;
  resources: PlannedResource[];
  diagnostics: PolicyDiagnostic[];
  summary: { resources: number; mandatory: number; advisory: number };
  exposures: Exposure[];
  /** Messages the program logged (warnings from components keep their URN). */
  logs: EngineLog[];
  /** What the program printed to stdout. */
  programOutput: string;
  remediations: AppliedRemediation[];
  packs: PackInfo[];
  timings: { programMs: number; policyMs: number };
}

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

function analyzerInput(
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
    options: { aliases: reg.aliases },
  };
}

function packConfig(entry: PolicyPackConfigFile | string | undefined): PolicyPackConfigFile | undefined {
  return typeof entry === "string" ? readPolicyConfigFile(entry) : entry;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

export function planned(reg: Registration): PlannedResource {
  const { urn, type, name, parent, inputs, dependencies, propertyDependencies, sourcePosition } = reg;
  return {
    urn,
    type,
    name,
    parent,
    inputs,
    dependencies,
    propertyDependencies,
    ...(sourcePosition ? { sourcePosition } : {}),
  };
}

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const root = path.resolve(options.cwd ?? process.cwd());
  const progress = options.onProgress ?? (() => undefined);
  let project, config;
  try {
    project = readProject(root);
    config = loadStackConfig(root, project, options.stack, { ...process.env, ...options.env });
  } catch (e) {
    if (e instanceof ConfigError) throw new PreviewError(e.message, "config");
    throw e;
  }
  const monitor = new LocalMonitor({ project: project.name, stack: options.stack, config: config.values });
  const address = await monitor.start();
  const hosts: PolicyHost[] = [];
  try {
    // Packs start while the program runs: their start-up is the slowest fixed cost.
    const packDirs = (options.policyPacks ?? []).map((d) => path.resolve(root, d));
    const packsStarting = Promise.allSettled(
      packDirs.map((dir, i) =>
        startPolicyPack(dir, {
          config: packConfig(options.policyPackConfigs?.[i]),
          env: options.env,
          stack: { stack: options.stack, project: project.name, config: config.values, secretKeys: config.secretKeys },
        }),
      ),
    );
    progress(`running program for stack ${options.stack}`);
    const programStart = Date.now();
    const run = await runProgram({
      root,
      program: options.program ? path.resolve(root, options.program) : resolveProgram(root, project),
      project: project.name,
      stack: options.stack,
      monitorAddress: address,
      config,
      parallel: options.parallel,
      env: options.env,
    });
    const programMs = Date.now() - programStart;
    const registrations = monitor.finish();
    const started = await packsStarting;
    for (const s of started) if (s.status === "fulfilled") hosts.push(s.value);
    if (run.exitCode !== 0 || monitor.logs.some((l) => l.severity === "error")) {
      throw programFailure(run, monitor.logs, registrations, monitor.failedRegistrations);
    }
    const failedPack = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failedPack) {
      const reason = failedPack.reason;
      if (reason instanceof PolicyPackError || reason instanceof PolicyConfigError) {
        throw new PreviewError(reason.message, "policy");
      }
      throw reason;
    }

    const policyStart = Date.now();
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const analyzed = registrations.filter((r) => !r.read);
    const diagnostics: PolicyDiagnostic[] = [];
    const remediations: AppliedRemediation[] = [];
    for (const host of hosts) {
      progress(`analyzing ${analyzed.length} resources with ${host.info().name}`);
      const results = await mapLimit(analyzed, options.analyzeConcurrency ?? 32, async (reg) => {
        const input = analyzerInput(reg, byUrn, config.values);
        try {
          if (host.remediates) {
            const remediated = await host.remediate(input);
            for (const r of remediated.remediations) remediations.push({ urn: reg.urn, ...r });
            if (remediated.inputs !== input.inputs) reg.inputs = input.inputs = remediated.inputs;
          }
          return await host.analyze(input);
        } catch (e) {
          throw new PreviewError(
            `policy pack ${host.info().name} failed while analyzing ${reg.urn}: ${(e as any).details ?? (e as Error).message}`,
            "policy",
            reg.urn,
          );
        }
      });
      diagnostics.push(...results.flat());
      progress(`analyzing the stack with ${host.info().name}`);
      const stackInputs = registrations.map((r) => analyzerInput(r, byUrn, config.values));
      try {
        diagnostics.push(...(await host.analyzeStack(stackInputs)));
      } catch (e) {
        throw new PreviewError(
          `policy pack ${host.info().name} failed in its stack policies: ${(e as any).details ?? (e as Error).message}`,
          "policy",
        );
      }
    }
    diagnostics.sort((a, b) => (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9));
    const resources = registrations.map(planned);
    return {
      stack: options.stack,
      project: project.name,
      resources,
      diagnostics,
      summary: {
        resources: resources.length,
        mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
      },
      exposures: computeExposures(resources),
      logs: monitor.logs,
      programOutput: run.stdout,
      remediations,
      packs: hosts.map((h) => h.info()),
      timings: { programMs, policyMs: Date.now() - policyStart },
    };
  } finally {
    for (const host of hosts) host.close();
    monitor.stop();
  }
}
