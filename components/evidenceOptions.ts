// The resource options a transformation may change on a guarded child (an evidence store or an evidence writer).
// Options decide as much as properties do: `provider` moves a copy vault or a replica bucket into the primary's
// region, `id` reads another resource instead, `ignoreChanges` hides drift, `deletedWith`, `replaceOnChanges` and
// `deleteBeforeReplace` change how it goes away. So every option is kept as the component set it, except those that
// cannot weaken the evidence: Pulumi options added later are kept too until they are judged here.
// Two are judged by what the component gave: `provider`/`providers` may be set where the component gave neither (the
// child would inherit one anyway, so this is the explicit-provider pattern, not a move away from a provider the
// component chose), and `import` may be set where the component set none: the guard restores every property, and
// Pulumi refuses an import whose inputs differ from the resource's, so only the resource the component would create
// can be adopted.
import * as pulumi from "@pulumi/pulumi";
import { same } from "./structuralCopy";

/**
 * How an option may change: `free` any way (timeouts, display, hooks that run beside the operation); `grow` only by
 * additions (an extra dependency, alias or secret output; what the component listed stays); `grow-tags` only by
 * additions that name tags (ignoring tag drift, since tags are the caller's anyway); `strengthen` only towards true
 * (`protect`, `retainOnDelete`: turning one on is fine, turning the component's off is not); `set-once` only where the
 * component left it unset (`import`); `if-inherited` only where the component gave no `provider` nor `providers`.
 */
type Rule = "free" | "grow" | "grow-tags" | "strengthen" | "set-once" | "if-inherited";

const CHANGEABLE: Record<string, Rule> = {
  customTimeouts: "free",
  hideDiffs: "free",
  hooks: "free",
  dependsOn: "grow",
  aliases: "grow",
  additionalSecretOutputs: "grow",
  ignoreChanges: "grow-tags",
  protect: "strengthen",
  retainOnDelete: "strengthen",
  import: "set-once",
  provider: "if-inherited",
  providers: "if-inherited",
};

/** A property path within the tags (`tags`, `tags.team`, `tagsAll`…), the one setting a transformation may own. */
const TAG_PATH = /^tags(All)?([.[].*)?$/;

/** The entries of a list option (a single value is a list of one). */
function entries(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A list option as it may stand: what `was` listed and the additions the rule admits (undefined if `now` may stay),
 * and whether every addition was admitted (then only the component's entries were put back beside them).
 */
function grownList(
  rule: "grow" | "grow-tags",
  was: unknown,
  now: unknown,
): { list: unknown[] | undefined; additionsKept: boolean } {
  const kept = entries(was);
  const added = entries(now).filter((n) => !kept.some((k) => same(k, n)));
  const admitted = rule === "grow" ? added : added.filter((a) => typeof a === "string" && TAG_PATH.test(a));
  const keepsAll = kept.every((k) => entries(now).some((n) => same(k, n)));
  const additionsKept = admitted.length === added.length;
  return { list: keepsAll && additionsKept ? undefined : [...kept, ...admitted], additionsKept };
}

/** Whether the component placed the child on a provider of its choosing rather than letting it inherit one. */
function explicitProvider(opts: Record<string, unknown>): boolean {
  return opts.provider !== undefined || (opts.providers !== undefined && opts.providers !== null);
}

/**
 * The options `after` a transformation, with every change the rules above refuse put back as `before` had it; the
 * names of the options put back (`undone`) and of the list options whose additions stand but where the component's
 * own entries were put back beside them (`readded`).
 */
export function keepOptions(
  before: pulumi.ResourceOptions,
  after: pulumi.ResourceOptions,
): { opts: pulumi.ResourceOptions; undone: string[]; readded: string[] } {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const opts: Record<string, unknown> = { ...after };
  const undone: string[] = [];
  const readded: string[] = [];
  const putBack = (key: string, value: unknown, into = undone) => {
    if (value === undefined) delete opts[key];
    else opts[key] = value;
    into.push(key);
  };
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const rule = CHANGEABLE[key];
    if (rule === "free" || same(was[key], now[key])) continue;
    if (rule === "strengthen") {
      if (was[key] === true && now[key] !== true) putBack(key, true);
    } else if (rule === "grow" || rule === "grow-tags") {
      const { list, additionsKept } = grownList(rule, was[key], now[key]);
      if (list !== undefined)
        putBack(key, list.length > 0 || key in was ? list : undefined, additionsKept ? readded : undone);
    } else if (rule === "set-once" && was[key] === undefined) {
      continue;
    } else if (rule !== "if-inherited" || explicitProvider(was)) {
      putBack(key, was[key]);
    }
  }
  return { opts: opts as pulumi.ResourceOptions, undone, readded };
}
