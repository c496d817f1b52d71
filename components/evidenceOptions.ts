// The resource options a transformation may change on a guarded child (an evidence store or an evidence writer).
// Options decide as much as properties do: `provider` moves a copy vault or a replica bucket into the primary's
// region, `import` or `id` adopt another resource, `ignoreChanges` hides drift, `deletedWith`, `replaceOnChanges` and
// `deleteBeforeReplace` change how it goes away. So every option is kept as the component set it, except those that
// cannot weaken the evidence: Pulumi options added later are kept too until they are judged here.
import * as pulumi from "@pulumi/pulumi";
import { same } from "./structuralCopy";

/**
 * How an option may change: `free` any way (timeouts, display, hooks that run beside the operation); `grow` only by
 * additions (an extra dependency, alias or secret output; what the component listed stays); `grow-tags` only by
 * additions that name tags (ignoring tag drift, since tags are the caller's anyway); `strengthen` only towards true
 * (`protect`, `retainOnDelete`: turning one on is fine, turning the component's off is not).
 */
const CHANGEABLE: Record<string, "free" | "grow" | "grow-tags" | "strengthen"> = {
  customTimeouts: "free",
  hideDiffs: "free",
  hooks: "free",
  dependsOn: "grow",
  aliases: "grow",
  additionalSecretOutputs: "grow",
  ignoreChanges: "grow-tags",
  protect: "strengthen",
  retainOnDelete: "strengthen",
};

/** A property path within the tags (`tags`, `tags.team`, `tagsAll`…), the one setting a transformation may own. */
const TAG_PATH = /^tags(All)?([.[].*)?$/;

/** The entries of a list option (a single value is a list of one). */
function entries(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A list option as it may stand: what `was` listed and the additions the rule admits; undefined if `now` may stay. */
function grownList(rule: "grow" | "grow-tags", was: unknown, now: unknown): unknown[] | undefined {
  const kept = entries(was);
  const added = entries(now).filter((n) => !kept.some((k) => same(k, n)));
  const admitted = rule === "grow" ? added : added.filter((a) => typeof a === "string" && TAG_PATH.test(a));
  const keepsAll = kept.every((k) => entries(now).some((n) => same(k, n)));
  return keepsAll && admitted.length === added.length ? undefined : [...kept, ...admitted];
}

/**
 * The options `after` a transformation, with every change the rules above refuse put back as `before` had it, and
 * the names of the options put back.
 */
export function keepOptions(
  before: pulumi.ResourceOptions,
  after: pulumi.ResourceOptions,
): { opts: pulumi.ResourceOptions; undone: string[] } {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const opts: Record<string, unknown> = { ...after };
  const undone: string[] = [];
  const putBack = (key: string, value: unknown) => {
    if (value === undefined) delete opts[key];
    else opts[key] = value;
    undone.push(key);
  };
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const rule = CHANGEABLE[key];
    if (rule === "free" || same(was[key], now[key])) continue;
    if (rule === "strengthen") {
      if (was[key] === true && now[key] !== true) putBack(key, true);
    } else if (rule === "grow" || rule === "grow-tags") {
      const list = grownList(rule, was[key], now[key]);
      if (list !== undefined) putBack(key, list.length > 0 || key in was ? list : undefined);
    } else {
      putBack(key, was[key]);
    }
  }
  return { opts: opts as pulumi.ResourceOptions, undone };
}
