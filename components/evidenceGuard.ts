// Transformations reach every child of a component, evidence stores included: those given to the component, those of
// enclosing components and those registered for the whole stack. They may tag an evidence store, but not undo what
// keeps evidence alive: a child created with retainOnDelete keeps it, and its other settings (forceDestroy, Object Lock,
// retention, key deletion) stay as the component made them, even when a transformation edits them in place.
// Engine-side transforms registered for the whole stack (`pulumi.runtime.registerResourceTransform`) or on an
// enclosing component run outside this process and stay out of reach: review those separately.
import * as pulumi from "@pulumi/pulumi";

/** The only property a transformation may change on an evidence store. */
const FREE_PROPERTIES = new Set(["tags"]);

interface Transformed {
  props: pulumi.Inputs;
  opts: pulumi.ResourceOptions;
}

/** Plain objects and arrays, the only values a transformation can edit in place without replacing them. */
function isStructure(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of plain objects and arrays, all levels deep; Outputs, resources and other instances are kept as they are. */
function snapshot<T>(value: T): T {
  if (Array.isArray(value)) return value.map(snapshot) as T;
  if (!isStructure(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)])) as T;
}

/** Equal as a snapshot sees it: structures compared field by field, anything else by identity. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isStructure(a) || !isStructure(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The result a transformation may have on a child: unchanged for ordinary children; for a retained child (an evidence
 * store) its retainOnDelete and every property but tags are restored, and `warn` is told what was undone. `before`
 * is a snapshot taken before the transformation ran, so edits made in place show (see `guardTransformation`).
 */
export function keepEvidence(
  before: Transformed,
  after: Transformed | undefined,
  warn: (undone: string[]) => void,
): Transformed | undefined {
  if (after === undefined || before.opts.retainOnDelete !== true) return after;
  const undone: string[] = [];
  const props: pulumi.Inputs = { ...after.props };
  for (const key of new Set([...Object.keys(before.props), ...Object.keys(after.props)])) {
    if (FREE_PROPERTIES.has(key) || same(before.props[key], after.props[key])) continue;
    undone.push(key);
    if (key in before.props) props[key] = before.props[key];
    else delete props[key];
  }
  if (after.opts.retainOnDelete !== true) undone.push("retainOnDelete");
  if (undone.length > 0) warn(undone);
  return { props, opts: { ...after.opts, retainOnDelete: true } };
}

function message(subject: string, child: string, undone: string[]): string {
  return (
    `${subject}: a transformation tried to change ${undone.join(", ")} of evidence store ${child}; ` +
    "that was undone (evidence stores may only be tagged)"
  );
}

/** Marks transformations already wrapped, so a list is never guarded twice. */
const GUARDED = Symbol("evidence-guarded");
type Guarded<T> = T & { [GUARDED]?: true };

function guardTransformation(subject: string, transformation: pulumi.ResourceTransformation) {
  if ((transformation as Guarded<typeof transformation>)[GUARDED]) return transformation;
  const guarded: Guarded<pulumi.ResourceTransformation> = (args) => {
    const before = { props: snapshot(args.props), opts: { ...args.opts } };
    // Returning nothing keeps the arguments as they now are, edits made in place included.
    const after = transformation(args) ?? { props: args.props, opts: args.opts };
    return keepEvidence(before, after, (undone) => pulumi.log.warn(message(subject, args.name, undone), args.resource));
  };
  guarded[GUARDED] = true;
  return guarded;
}

function guardTransform(subject: string, transform: pulumi.ResourceTransform): pulumi.ResourceTransform {
  return async (args) => {
    const before = { props: snapshot(args.props), opts: { ...args.opts } };
    const after = (await transform(args)) ?? { props: args.props, opts: args.opts };
    return keepEvidence(before, after, (undone) => pulumi.log.warn(message(subject, args.name, undone)));
  };
}

/**
 * The component's options with its own `transformations` and `transforms` wrapped by keepEvidence. Options without
 * any are returned as given, so URNs and registrations stay as they were.
 */
export function guardEvidence(
  subject: string,
  opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ComponentResourceOptions | undefined {
  if (!opts || (!opts.transformations?.length && !opts.transforms?.length)) return opts;
  return {
    ...opts,
    transformations: opts.transformations?.map((t) => guardTransformation(subject, t)),
    transforms: opts.transforms?.map((t) => guardTransform(subject, t)),
  };
}

/**
 * Guards the transformations the component's children inherit: besides its own, those of enclosing components and
 * of the stack (`pulumi.runtime.registerStackTransformation`), which run after its own. Call right after `super`,
 * before the first child. The SDK keeps the inherited list on the component (`__transformations`); an SDK without
 * that list leaves nothing to guard here.
 */
export function guardInheritedTransformations(subject: string, component: pulumi.ComponentResource): void {
  const holder = component as unknown as { __transformations?: pulumi.ResourceTransformation[] };
  if (!Array.isArray(holder.__transformations) || holder.__transformations.length === 0) return;
  holder.__transformations = holder.__transformations.map((t) => guardTransformation(subject, t));
}
