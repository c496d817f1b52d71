// An offline `pulumi preview`: runs the program against a local monitor, then the policy packs over the analyzer protocol.
import * as path from "path";
import { ConfigError, loadStackConfig, readProject, type ProjectFile, type StackConfig } from "./config";
import { mapLimit } from "./concurrency";
import type { Exposure } from "./exposures";
import { inheritAliases } from "./aliases";
import { analyzerInput, defaultProviderResources } from "./analyzer-input";
import { BaselineError, readBaseline, type Baseline, type BaselineResource } from "./baseline";
import { PreviewError, programFailure, unansweredInvokeWarning } from "./failure";
import type { EngineLog, PlannedResource, PolicyDiagnostic, Registration } from "./model";
import { LocalListener } from "./local-listener";
import type { LocalMonitor } from "./monitor";
import { PolicyConfigError, readPolicyConfigFile, type PolicyPackConfigFile } from "./policy-config";
import type { PackLog } from "./logs";
import { partialResult } from "./partial-result";
import type { AnalyzerInput, PackInfo, PolicyHost } from "./policy-host";
import { PolicyPackError } from "./policy-pack-error";
import { alsoUnanswered } from "./policy-timeout";
import { resolveProgram, runProgram } from "./program";
import type { EarlyProgram } from "./program-early-start";
import { Redactor } from "./secrets";
import { stackOutputs } from "./stack-outputs";
import {
  claimBaseline,
  planFailure,
  planSteps,
  type DeletedResource,
  type ResourceStep,
  type StepCounts,
} from "./steps";

export { PreviewError } from "./failure";

export interface PreviewOptions {
  stack: string;
  /** The organization `pulumi.getOrganization()` returns (`--stack org/stack`); default "organization". */
  organization?: string;
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
  /** How long one call to a pack may take, in milliseconds (default: the policy host's, 5 minutes). */
  policyTimeoutMs?: number;
  /** Analyze calls in flight per pack. */
  analyzeConcurrency?: number;
  onProgress?: (message: string) => void;
  /** A previous `--json` document (or its path): resources are then planned as create/same/update/delete. */
  baseline?: Baseline | string;
  /** The program's process, started before the configuration was read (`startProgramEarly`): the program runs in it. */
  earlyProgram?: EarlyProgram;
}

export interface AppliedRemediation {
  urn: string;
  policyPackName: string;
  policyName: string;
  description: string;
  diagnostic: string;
}

/** A planned resource with the step a real preview would take for it. */
export type PreviewResource = PlannedResource & ResourceStep;

/**
 * Everything in a result is redacted: secret inputs read "[secret]" and known secret strings are cut from every
 * string — URNs, names, parents, dependencies, the keys of inputs and outputs, messages, logs and program output —
 * as the CLI filters its display. The result's own field names are never cut. Only the policy packs saw the real
 * values.
 */
export interface PreviewResult {
  stack: string;
  project: string;
  resources: PreviewResource[];
  /** Step counts; all creates unless a baseline was given. */
  steps: StepCounts;
  /** Whether steps were computed against a baseline. */
  baseline: boolean;
  /** Baseline resources nothing claims any more. */
  deleted: DeletedResource[];
  diagnostics: PolicyDiagnostic[];
  summary: { resources: number; mandatory: number; advisory: number };
  exposures: Exposure[];
  /** The stack's exports (redacted; unknown ones hold the engine's unknown sentinel). */
  outputs: Record<string, unknown>;
  /** Messages the program logged (warnings from components keep their URN). */
  logs: EngineLog[];
  /** What the program printed to stdout. */
  programOutput: string;
  /** What the program printed to stderr (`console.error`); the CLI shows it under the stack's diagnostics too. */
  programErrors: string;
  remediations: AppliedRemediation[];
  packs: PackInfo[];
  /** What the policy packs logged or printed (redacted); the CLI shows it among the diagnostics. */
  packLogs?: PackLog[];
  timings: { programMs: number; policyMs: number };
}

function packConfig(entry: PolicyPackConfigFile | string | undefined): PolicyPackConfigFile | undefined {
  return typeof entry === "string" ? readPolicyConfigFile(entry) : entry;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

export function planned(reg: Registration): PlannedResource {
  const { urn, type, name, parent, inputs, dependencies, propertyDependencies, sourcePosition, options } = reg;
  return {
    urn,
    type,
    name,
    parent,
    inputs,
    dependencies,
    propertyDependencies,
    ...(sourcePosition ? { sourcePosition } : {}),
    options,
  };
}

/**
 * A resource as it may be printed: secret inputs marked, known secrets cut from its URN, name, parent, dependencies
 * and from the keys of its inputs (user data), never from the names of its own fields.
 */
function printable(reg: Registration, redactor: Redactor): PlannedResource {
  const { inputs, propertyDependencies, ...rest } = planned(reg);
  return {
    ...redactor.fields(rest),
    inputs: redactor.value(inputs, reg.options.additionalSecretOutputs),
    // Keyed by input name.
    propertyDependencies: redactor.value(propertyDependencies),
  };
}

/** A baseline redacted as this run's resources are, so both compare equal (an older engine's is not yet redacted). */
function redactedBaseline(baseline: Baseline, redactor: Redactor): Baseline {
  return {
    ...baseline,
    resources: baseline.resources.map((r) => {
      const { inputs, propertyDependencies, ...rest } = r as BaselineResource & { propertyDependencies?: unknown };
      return {
        ...redactor.fields(rest),
        inputs: redactor.value(inputs),
        ...(propertyDependencies !== undefined ? { propertyDependencies: redactor.value(propertyDependencies) } : {}),
      };
    }),
  };
}

function loadBaseline(baseline: Baseline | string | undefined, root: string, stack: string): Baseline | undefined {
  if (baseline === undefined) return undefined;
  try {
    const doc = typeof baseline === "string" ? readBaseline(path.resolve(root, baseline)) : baseline;
    if (doc.stack !== stack) {
      throw new BaselineError(
        `the baseline is a preview of stack "${doc.stack}", not "${stack}": pass one of ${stack}`,
      );
    }
    return doc;
  } catch (e) {
    if (e instanceof BaselineError) throw new PreviewError(e.message, "config");
    throw e;
  }
}

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const root = path.resolve(options.cwd ?? process.cwd());
  let project, config;
  try {
    project = readProject(root);
    config = loadStackConfig(root, project, options.stack, { ...process.env, ...options.env });
  } catch (e) {
    if (e instanceof ConfigError) throw new PreviewError(e.message, "config");
    throw e;
  }
  const baseline = loadBaseline(options.baseline, root, options.stack);
  const redactor = Redactor.forConfig(config);
  // A baseline's secret inputs (a hand-written or older one holds them wrapped) are printed among deleted resources.
  if (baseline) redactor.addRegistrations(baseline.resources);
  const progress = (message: string) => options.onProgress?.(redactor.text(message));
  try {
    return await preview(options, { root, project, config, baseline, redactor, progress });
  } catch (e) {
    // Error paragraphs quote program and pack output, and name resources, any of which may carry a secret.
    if (e instanceof Error) e.message = redactor.text(e.message);
    if (e instanceof PreviewError && e.resource) (e as { resource: string }).resource = redactor.text(e.resource);
    throw e;
  }
}

interface PreviewContext {
  root: string;
  project: ProjectFile;
  config: StackConfig;
  baseline?: Baseline;
  redactor: Redactor;
  progress: (message: string) => void;
}

async function preview(options: PreviewOptions, context: PreviewContext): Promise<PreviewResult> {
  const { root, project, config, baseline, redactor, progress } = context;
  // Pack configs are read first: a bad one fails the preview before anything starts.
  let packs: { dir: string; config?: PolicyPackConfigFile }[];
  try {
    packs = (options.policyPacks ?? []).map((d, i) => ({
      dir: path.resolve(root, d),
      config: packConfig(options.policyPackConfigs?.[i]),
    }));
  } catch (e) {
    if (e instanceof PolicyConfigError) throw new PreviewError(e.message, "policy");
    throw e;
  }
  // The program starts first, against a socket that holds its connections until the monitor's gRPC server (loaded
  // below, while the program loads its own modules) takes them.
  const listener = await LocalListener.open();
  let monitor: LocalMonitor | undefined;
  const hosts: PolicyHost[] = [];
  // Set once the program has run: what a failure from then on still prints and writes.
  let soFar: (() => PreviewResult) | undefined;
  // Stops the program if the preview fails before the program is done.
  const programStop = new AbortController();
  let programDone = false;
  let packsStarting: Promise<PromiseSettledResult<PolicyHost>[]> | undefined;
  try {
    progress(`running program for stack ${options.stack}`);
    const programStart = Date.now();
    const running = runProgram({
      root,
      program: options.program ? path.resolve(root, options.program) : resolveProgram(root, project),
      project: project.name,
      stack: options.stack,
      organization: options.organization,
      monitorAddress: listener.address,
      config,
      parallel: options.parallel,
      env: options.env,
      signal: programStop.signal,
      early: options.earlyProgram,
    }).finally(() => (programDone = true));
    // Stopped runs reject; a failure before the run is awaited is reported by what threw, not by this rejection.
    running.catch(() => undefined);
    const { LocalMonitor: Monitor }: typeof import("./monitor") = require("./monitor");
    monitor = new Monitor({
      project: project.name,
      stack: options.stack,
      config: config.values,
      env: { ...process.env, ...options.env },
      // Secret invoke arguments: an invoke's error or the program may print them before anything registers them.
      onSecrets: (values) => redactor.addValues(values),
    });
    await monitor.start(listener);
    // Packs start while the program runs: their start-up is the slowest fixed cost.
    const { startPolicyPack }: typeof import("./policy-host") = require("./policy-host");
    packsStarting = Promise.allSettled(
      packs.map(({ dir, config: packConfiguration }) =>
        startPolicyPack(dir, {
          config: packConfiguration,
          env: options.env,
          callTimeoutMs: options.policyTimeoutMs,
          stack: { stack: options.stack, project: project.name, config: config.values, secretKeys: config.secretKeys },
        }),
      ),
    );
    // The reachability model loads while the program starts, off the path to its first resource.
    const { computeExposures }: typeof import("./exposures") = require("./exposures");
    const run = await running;
    const programMs = Date.now() - programStart;
    const logs = monitor.logs;
    const registrations = monitor.finish();
    redactor.addRegistrations(registrations);
    soFar = () =>
      partialResult({
        stack: options.stack,
        project: project.name,
        resources: registrations.map((reg) => ({ ...printable(reg, redactor), read: reg.read })),
        logs: redactor.fields(logs),
        programOutput: redactor.text(run.stdout),
        programErrors: redactor.text(run.stderr),
        packs: hosts.map((h) => h.info()),
        programMs,
      });
    const started = await packsStarting;
    for (const s of started) if (s.status === "fulfilled") hosts.push(s.value);
    if (run.exitCode !== 0 || monitor.logs.some((l) => l.severity === "error")) {
      throw programFailure(run, monitor.logs, registrations, monitor.failedRegistrations);
    }
    // The program caught these rejections and went on: offline, it took a path `pulumi preview` may not take.
    for (const token of monitor.unansweredInvokes) {
      monitor.logs.push({ severity: "warning", message: unansweredInvokeWarning(token), urn: "" });
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
    const aliases = inheritAliases(registrations);
    const claims = claimBaseline(
      registrations.map((r) => ({ urn: r.urn, aliases: aliases.get(r.urn) ?? [], read: r.read })),
      baseline,
    );
    const claimedAlias = (reg: Registration) => {
      const old = claims.get(reg.urn)?.urn;
      return old !== reg.urn ? old : undefined;
    };
    // Default providers are resources to the engine: the CLI analyzes them before the resources that use them.
    const providers = defaultProviderResources(registrations, byUrn, monitor.invokeProviders, config.values);
    const analyzed: { input: () => AnalyzerInput; reg?: Registration }[] = [
      ...providers.map((p) => ({ input: () => p })),
      ...registrations
        .filter((r) => !r.read)
        .map((reg) => ({
          reg,
          input: () => analyzerInput(reg, byUrn, config.values, { claimedAlias: claimedAlias(reg) }),
        })),
    ];
    const diagnostics: PolicyDiagnostic[] = [];
    const remediations: AppliedRemediation[] = [];
    for (const host of hosts) {
      progress(`analyzing ${analyzed.length} resources with ${host.info().name}`);
      const unanswered = new Set<string>();
      const results = await mapLimit(analyzed, options.analyzeConcurrency ?? 32, async ({ input: make, reg }) => {
        const input = make();
        unanswered.add(input.urn);
        try {
          if (host.remediates) {
            const remediated = await host.remediate(input);
            for (const r of remediated.remediations) remediations.push({ urn: input.urn, ...r });
            if (remediated.inputs !== input.inputs) {
              input.inputs = remediated.inputs;
              if (reg) reg.inputs = remediated.inputs;
            }
          }
          const found = await host.analyze(input);
          unanswered.delete(input.urn);
          return found;
        } catch (e) {
          unanswered.delete(input.urn);
          throw new PreviewError(
            `policy pack ${host.info().name} failed while analyzing ${input.urn}: ${(e as any).details ?? (e as Error).message}` +
              alsoUnanswered(e, unanswered),
            "policy",
            input.urn,
          );
        }
      });
      diagnostics.push(...results.flat());
      progress(`analyzing the stack with ${host.info().name}`);
      const stackInputs = [
        ...providers,
        ...registrations.map((r) =>
          analyzerInput(r, byUrn, config.values, { stack: true, claimedAlias: claimedAlias(r) }),
        ),
      ];
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
    // Remediations may have added inputs: learn their secrets before anything is redacted.
    redactor.addRegistrations(registrations);
    const packLogs: PackLog[] = [];
    for (const host of hosts) {
      for (const l of await host.finish((text) => redactor.text(text))) {
        packLogs.push({ ...l, policyPack: host.info().name });
      }
    }
    const exposures = computeExposures(registrations.map(planned));
    const redacted = registrations.map((reg) => printable(reg, redactor));
    // Steps compare printed URNs with the baseline's, which a `--json` document holds redacted (or, from an older
    // engine, not yet: redacting it again makes both forms match).
    const plan = planSteps(
      redacted.map((r, i) => ({
        ...r,
        aliases: redactor.fields(aliases.get(registrations[i].urn) ?? []),
        read: registrations[i].read,
      })),
      baseline && redactedBaseline(baseline, redactor),
    );
    const resources = redacted.map((r) => ({ ...r, ...plan.steps.get(r.urn)! }));
    const result: PreviewResult = {
      stack: options.stack,
      project: project.name,
      resources,
      steps: plan.counts,
      baseline: plan.baseline,
      deleted: plan.deleted,
      diagnostics: redactor.fields(diagnostics),
      summary: {
        resources: resources.length,
        mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
      },
      exposures: redactor.fields(exposures),
      outputs: stackOutputs(registrations, redactor),
      logs: redactor.fields([...monitor.logs, ...plan.logs]),
      programOutput: redactor.text(run.stdout),
      programErrors: redactor.text(run.stderr),
      remediations: remediations.map((r) => redactor.fields(r)),
      packLogs: packLogs.map(({ severity, message, policyPack }) => redactor.fields({ severity, message, policyPack })),
      packs: hosts.map((h) => h.info()),
      timings: { programMs, policyMs: Date.now() - policyStart },
    };
    // Steps the CLI refuses (a protected resource deleted or replaced) fail the preview as they fail `pulumi preview`,
    // which still shows the whole plan and the refusals among the diagnostics.
    const refused = planFailure(plan.logs);
    if (refused) {
      refused.partial = result;
      throw refused;
    }
    return result;
  } catch (e) {
    if (e instanceof PreviewError && !e.partial && soFar) e.partial = soFar();
    throw e;
  } finally {
    if (!programDone) programStop.abort();
    // Packs still starting when the preview failed are closed once started.
    if (packsStarting && hosts.length === 0) {
      for (const s of await packsStarting) if (s.status === "fulfilled") s.value.close();
    }
    for (const host of hosts) host.close();
    monitor?.stop();
    // Closing twice is harmless; the monitor may have failed before it took the listener.
    listener.close();
  }
}
