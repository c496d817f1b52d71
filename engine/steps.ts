// The steps `pulumi preview` would show against a previous preview: which registrations are new, unchanged, updated,
// and which resources of the baseline nothing claims any more (deleted).
import type { Baseline, BaselineResource } from "./baseline";
import { replacingInputs } from "./create-only";
import { importIdOf } from "./imports";
import type { PlannedResource } from "./model";

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

/** `ignoreChanges` paths removed (plain dotted paths; "*" ignores everything). */
function withoutIgnored(inputs: Record<string, unknown>, ignore: string[] = []): Record<string, unknown> {
  if (!ignore.length) return inputs;
  if (ignore.includes("*")) return {};
  const copy = JSON.parse(JSON.stringify(inputs));
  for (const path of ignore) {
    const keys = path.split(".");
    let at = copy;
    for (const k of keys.slice(0, -1)) at = at?.[k];
    if (at && typeof at === "object") delete at[keys[keys.length - 1]];
  }
  return copy;
}

function changedInputs(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => canonical(before[k]) !== canonical(after[k]));
}

export interface SteppedResource extends PlannedResource {
  aliases: string[];
  read: boolean;
}

function diffStep(r: SteppedResource, old: BaselineResource): ResourceStep {
  const ignore = r.options?.ignoreChanges;
  const changed = changedInputs(withoutIgnored(old.inputs, ignore), withoutIgnored(r.inputs, ignore));
  const aliasOf = old.urn === r.urn ? {} : { aliasOf: old.urn };
  if (!changed.length) return { step: "same", ...aliasOf };
  const mayReplace = replacingInputs(r.type, changed, r.options?.replaceOnChanges);
  return { step: "update", ...aliasOf, changed, ...(mayReplace.length ? { mayReplace } : {}) };
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

/** Inputs must already be redacted the way the baseline's were, so secrets compare as equal markers. */
export function planSteps(resources: SteppedResource[], baseline?: Baseline): StepPlan {
  const counts: StepCounts = { create: 0, same: 0, update: 0, delete: 0, read: 0, mayReplace: 0 };
  const steps = new Map<string, ResourceStep>();
  const claims = claimBaseline(resources, baseline);
  const claimed = new Set([...claims.values()].map((r) => r.urn));
  for (const r of resources) {
    const old = claims.get(r.urn);
    const step: ResourceStep = r.read
      ? { step: "read" }
      : (importStep(r, old) ?? (old ? diffStep(r, old) : { step: "create" }));
    steps.set(r.urn, step);
    counts[step.step] = (counts[step.step] ?? 0) + 1;
    if (step.mayReplace && step.step === "update") counts.mayReplace++;
    if (step.mayReplace && step.step === "import") counts.importReplace = (counts.importReplace ?? 0) + 1;
  }
  const owned = (baseline?.resources ?? []).filter((r) => r.step !== "read");
  const deleted = owned
    .filter((r) => !claimed.has(r.urn))
    .map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? "",
      retained: r.options?.retainOnDelete === true,
    }));
  counts.delete = deleted.length;
  return { baseline: baseline !== undefined, steps, deleted, counts };
}
