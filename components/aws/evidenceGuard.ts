// Transformations given to a component reach every child, evidence stores included. They may tag them, but not undo
// what keeps evidence alive: the children created with retainOnDelete keep it, and their other settings (forceDestroy,
// Object Lock, retention, key deletion) stay as the component made them. Stack-wide transformations and those of
// enclosing components run after these and are out of a component's reach: review those separately.
import * as pulumi from "@pulumi/pulumi";

/** The only property a transformation may change on an evidence store. */
const FREE_PROPERTIES = new Set(["tags"]);

interface Transformed {
  props: pulumi.Inputs;
  opts: pulumi.ResourceOptions;
}

/**
 * The result a transformation may have on a child: unchanged for ordinary children; for a retained child (an evidence
 * store) its retainOnDelete and every property but tags are restored, and `warn` is told what was undone.
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
    if (FREE_PROPERTIES.has(key) || before.props[key] === after.props[key]) continue;
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
    transformations: opts.transformations?.map(
      (transformation): pulumi.ResourceTransformation =>
        (args) =>
          keepEvidence(args, transformation(args), (undone) =>
            pulumi.log.warn(message(subject, args.name, undone), args.resource),
          ),
    ),
    transforms: opts.transforms?.map(
      (transform): pulumi.ResourceTransform =>
        async (args) =>
          keepEvidence(args, await transform(args), (undone) => pulumi.log.warn(message(subject, args.name, undone))),
    ),
  };
}
