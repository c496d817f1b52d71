// What a failed preview still shows, as `pulumi preview` shows the partial plan and the diagnostics before its error:
// the resources registered so far (each as a first preview would plan it) and what the program and packs said.
// No policy ran to completion, so there are no policy results and no exposures.
import type { PackLog } from "./logs";
import type { EngineLog, PlannedResource } from "./model";
import type { PackInfo } from "./policy-host";
import type { PreviewResult } from "./preview";
import { planSteps } from "./steps";

export interface PartialRun {
  stack: string;
  project: string;
  /** Redacted resources, in registration order. */
  resources: (PlannedResource & { read?: boolean })[];
  /** Redacted program and engine messages. */
  logs: EngineLog[];
  packLogs?: PackLog[];
  programOutput: string;
  programErrors: string;
  packs?: PackInfo[];
  programMs?: number;
}

export function partialResult(run: PartialRun): PreviewResult {
  // Without a baseline every resource is a create, a read or an import: nothing can be refused.
  const plan = planSteps(run.resources.map((r) => ({ ...r, aliases: [], read: r.read ?? false })));
  const resources = run.resources.map(({ read: _read, ...r }) => ({ ...r, ...plan.steps.get(r.urn)! }));
  return {
    stack: run.stack,
    project: run.project,
    resources,
    steps: plan.counts,
    baseline: false,
    deleted: [],
    diagnostics: [],
    summary: { resources: resources.length, mandatory: 0, advisory: 0 },
    exposures: [],
    outputs: {},
    logs: run.logs,
    packLogs: run.packLogs ?? [],
    programOutput: run.programOutput,
    programErrors: run.programErrors,
    remediations: [],
    packs: run.packs ?? [],
    timings: { programMs: run.programMs ?? 0, policyMs: 0 },
  };
}

/** A preview that failed before any program ran (its config, its baseline): only the stack's name is known. */
export function emptyResult(stack: string, project = ""): PreviewResult {
  return partialResult({ stack, project, resources: [], logs: [], programOutput: "", programErrors: "" });
}
