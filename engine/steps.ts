// The steps `pulumi preview` would show against a previous preview: which registrations are new, unchanged, updated,
// and which resources of the baseline nothing claims any more (deleted).
import type { Baseline, BaselineResource } from "./baseline";
import { replacingInputs } from "./create-only";
import { PreviewError } from "./failure";
import { importIdOf } from "./imports";
import type { EngineLog, PlannedResource } from "./model";
import {
  differingPaths,
  parsePropertyPath,
  pathContains,
  PropertyPathError,
  resetPath,
  type PathSegment,
} from "./property-paths";

export type Step = "create" | "same" | "update" | "read" | "import";

export interface ResourceStep {
  step: Step;
  /** For an import: the id of the existing cloud resource the engine adopts (the `import` option). */
  importId?: string;
  /** The baseline URN this resource took over through an alias. */
  aliasOf?: string;
  /** Top-level inputs that differ from the baseline. */
  changed?: string[];
  /** Changed inputs that likely force a replacement ("replace?"); for an import, why it replaces. */
  mayReplace?: string[];
}

export interface DeletedResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  /** retainOnDelete: the resource leaves the state but is not deleted in the cloud. */
  retained: boolean;
}

export interface StepCounts {
  create: number;
  same: number;
  update: number;
  delete: number;
  read: number;
  /** Resources adopted through the `import` option; present only when there are some. */
  import?: number;
  /** Imports that replace a resource the baseline already manages; present only when there are some. */
  importReplace?: number;
  /** Updates that touch an input known to force a replacement. */
  mayReplace: number;
}

export interface StepPlan {
  /** Whether a baseline was given; without one every resource is a create. */
  baseline: boolean;
  steps: Map<string, ResourceStep>;
  deleted: DeletedResource[];
  counts: StepCounts;
  /** What the CLI's step generator would report: errors fail the preview, warnings go to Diagnostics. */
  logs: EngineLog[];
}

export const DIFF_CAVEAT =
  "update vs replace needs the provider's Diff, which an offline preview lacks; " +
  '"replace?" marks changes of inputs well known to force a replacement';

/** Stable text of a value: key order does not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function changedInputs(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => canonical(before[k]) !== canonical(after[k]));
}

export interface SteppedResource extends PlannedResource {
  aliases: string[];
  read: boolean;
}

/** A step, and whether it certainly replaces the resource (not a "replace?" guess). */
interface PlannedStep {
  step: ResourceStep;
  replaces: boolean;
}

const log = (severity: EngineLog["severity"], urn: string, message: string): EngineLog => ({ severity, urn, message });

/** The inputs with every `ignoreChanges` path set back to the baseline's value, as the CLI does before diffing. */
function withoutIgnored(r: SteppedResource, old: BaselineResource, logs: EngineLog[]): Record<string, unknown> {
  const after = JSON.parse(JSON.stringify(r.inputs));
  const missing: string[] = [];
  for (const text of r.options?.ignoreChanges ?? []) {
    let path;
    try {
      path = parsePropertyPath(text);
    } catch (e) {
      if (!(e instanceof PropertyPathError)) throw e;
      // The CLI skips a path it cannot parse: changes under it still count.
      logs.push(log("warning", r.urn, `ignoreChanges path "${text}" is malformed (${e.message}); it ignores nothing`));
      continue;
    }
    if (!resetPath(old.inputs, after, path)) missing.push(text);
  }
  if (missing.length) {
    logs.push(
      log(
        "error",
        r.urn,
        "cannot ignore changes to the following properties because one or more elements of the path are missing: " +
          JSON.stringify(missing.join(", ")),
      ),
    );
  }
  return after;
}

/** The changed inputs a declared `replaceOnChanges` path covers: these replace the resource for certain. */
function declaredReplacements(
  r: SteppedResource,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  logs: EngineLog[],
): Set<string> {
  const patterns: PathSegment[][] = [];
  for (const text of r.options?.replaceOnChanges ?? []) {
    try {
      patterns.push(parsePropertyPath(text));
    } catch (e) {
      if (!(e instanceof PropertyPathError)) throw e;
      logs.push(log("error", r.urn, `replaceOnChanges path "${text}" is malformed: ${e.message}`));
    }
  }
  const differing = differingPaths(before, after);
  return new Set(
    differing.filter((path) => patterns.some((p) => pathContains(p, path))).map((path) => String(path[0])),
  );
}

function diffStep(r: SteppedResource, old: BaselineResource, logs: EngineLog[]): PlannedStep {
  const after = withoutIgnored(r, old, logs);
  const changed = changedInputs(old.inputs, after);
  const aliasOf = old.urn === r.urn ? {} : { aliasOf: old.urn };
  if (!changed.length) return { step: { step: "same", ...aliasOf }, replaces: false };
  const declared = declaredReplacements(r, old.inputs, after, logs);
  const guessed = new Set(replacingInputs(r.type, changed));
  const mayReplace = changed.filter((k) => declared.has(k) || guessed.has(k));
  return {
    step: { step: "update", ...aliasOf, changed, ...(mayReplace.length ? { mayReplace } : {}) },
    replaces: declared.size > 0,
  };
}

/** Why an import replaces a resource the baseline already manages (`mayReplace` of the step). */
export const IMPORT_REPLACES = "import";

/**
 * An import when the resource asks for one that its baseline did not already make (the CLI compares cloud ids, which
 * an offline preview lacks: the same `import` id stands for the same id). When the baseline holds the resource (made
 * by a create, or imported from another id), the CLI plans an import-replacement: the resource it manages is
 * replaced by the one imported.
 */
function importStep(r: SteppedResource, old?: BaselineResource): ResourceStep | undefined {
  const importId = importIdOf(r.options);
  if (!importId || importId === importIdOf(old?.options)) return undefined;
  return {
    step: "import",
    importId,
    ...(old && old.urn !== r.urn ? { aliasOf: old.urn } : {}),
    ...(old ? { mayReplace: [IMPORT_REPLACES] } : {}),
  };
}

/** Which baseline resource each registration takes over: by its own URN first, then its aliases, each claimed once. */
export function claimBaseline(
  resources: Pick<SteppedResource, "urn" | "aliases" | "read">[],
  baseline?: Baseline,
): Map<string, BaselineResource> {
  const claims = new Map<string, BaselineResource>();
  if (!baseline) return claims;
  const unclaimed = new Map(baseline.resources.filter((r) => r.step !== "read").map((r) => [r.urn, r]));
  for (const r of resources) {
    if (r.read) continue;
    const urn = [r.urn, ...r.aliases].find((u) => unclaimed.has(u));
    if (urn) {
      claims.set(r.urn, unclaimed.get(urn)!);
      unclaimed.delete(urn);
    }
  }
  return claims;
}

const protectedReplace = (urn: string) =>
  `unable to replace resource ${JSON.stringify(urn)}\n` +
  "as it is currently marked for protection. To unprotect the resource, " +
  "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`";

const protectedDelete = (urn: string) =>
  `resource ${JSON.stringify(urn)} cannot be deleted\n` +
  "because it is protected. To unprotect the resource, either remove the `protect` flag from the resource in your " +
  "Pulumi program and run `pulumi up`, or use the command:\n" +
  `\`pulumi state unprotect '${urn}'\``;

/**
 * The CLI refuses to replace a resource protected in both the state and the program (a protect removed in the same
 * update lets it through). Only a certain replacement fails; a "replace?" guess needs the provider's Diff to tell.
 */
function protectCheck(r: SteppedResource, old: BaselineResource, planned: PlannedStep, logs: EngineLog[]): void {
  if (!(old.options?.protect && r.options?.protect) || !planned.step.mayReplace) return;
  if (planned.replaces) {
    logs.push(log("error", r.urn, protectedReplace(r.urn)));
    return;
  }
  logs.push(
    log(
      "warning",
      r.urn,
      `changing ${planned.step.mayReplace.join(", ")} may replace this protected resource, which \`pulumi preview\` ` +
        "refuses; only the provider's diff can tell (replace? is a guess offline)",
    ),
  );
}

/** Inputs must already be redacted the way the baseline's were, so secrets compare as equal markers. */
export function planSteps(resources: SteppedResource[], baseline?: Baseline): StepPlan {
  const counts: StepCounts = { create: 0, same: 0, update: 0, delete: 0, read: 0, mayReplace: 0 };
  const steps = new Map<string, ResourceStep>();
  const logs: EngineLog[] = [];
  const claims = claimBaseline(resources, baseline);
  const claimed = new Set([...claims.values()].map((r) => r.urn));
  for (const r of resources) {
    const old = claims.get(r.urn);
    const imported = r.read ? undefined : importStep(r, old);
    const planned: PlannedStep = r.read
      ? { step: { step: "read" }, replaces: false }
      : imported
        ? { step: imported, replaces: imported.mayReplace !== undefined }
        : old
          ? diffStep(r, old, logs)
          : { step: { step: "create" }, replaces: false };
    if (old) protectCheck(r, old, planned, logs);
    const step = planned.step;
    steps.set(r.urn, step);
    counts[step.step] = (counts[step.step] ?? 0) + 1;
    if (step.mayReplace && step.step === "update") counts.mayReplace++;
    if (step.mayReplace && step.step === "import") counts.importReplace = (counts.importReplace ?? 0) + 1;
  }
  const owned = (baseline?.resources ?? []).filter((r) => r.step !== "read");
  const gone = owned.filter((r) => !claimed.has(r.urn));
  for (const r of gone) if (r.options?.protect) logs.push(log("error", r.urn, protectedDelete(r.urn)));
  const deleted = gone.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent ?? "",
    retained: r.options?.retainOnDelete === true,
  }));
  counts.delete = deleted.length;
  return { baseline: baseline !== undefined, steps, deleted, counts, logs };
}

/** The plan's errors as one failure naming each resource, as `pulumi preview` fails on them (exit 2). */
export function planFailure(logs: EngineLog[]): PreviewError | undefined {
  const errors = logs.filter((l) => l.severity === "error");
  if (!errors.length) return undefined;
  const lines = errors.map((e) => `${e.urn}:\n  error: ${e.message.replace(/\n/g, "\n  ")}`);
  return new PreviewError(
    `The preview failed: ${errors.length} planned step${errors.length > 1 ? "s are" : " is"} refused, ` +
      `as \`pulumi preview\` refuses ${errors.length > 1 ? "them" : "it"}:\n${lines.join("\n")}`,
    "program",
    errors[0].urn,
  );
}
