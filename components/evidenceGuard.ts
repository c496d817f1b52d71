// Transformations reach every child of a component, evidence stores included: those given to the component, those of
// enclosing components and those registered for the whole stack. They may tag an evidence store, but not undo what
// keeps evidence alive: a child created with retainOnDelete keeps it, and its other settings (forceDestroy, Object Lock,
// retention, key deletion) stay as the component made them, even when a transformation edits them in place. The
// children that write the evidence (trails, flow logs, backup plans and selections and the role they run as, mirror
// sessions and filters, findings exports), marked with `evidenceWriter`, are held the same way, so a transformation cannot turn a trail single-region or a backup plan's
// copies off. Their resource options too: see ./evidenceOptions.ts for the few that may change.
// Engine-side transforms registered for the whole stack (`pulumi.runtime.registerResourceTransform`) or on an
// enclosing component run outside this process and stay out of reach: review those separately.
import * as pulumi from "@pulumi/pulumi";
import { keepOptions } from "./evidenceOptions";
import { same, snapshot } from "./structuralCopy";

/** The only property a transformation may change on an evidence store or writer. */
const FREE_PROPERTIES = new Set(["tags"]);

/**
 * Marks the options of a child that writes evidence. A string key, since the providers' classes copy the options
 * they are given key by key (`pulumi.mergeOptions`) before any transformation sees them; Pulumi ignores it.
 */
const WRITER_MARK = "hardeningEvidenceWriter";

interface Transformed {
  props: pulumi.Inputs;
  opts: pulumi.ResourceOptions;
}

/** What a guarded child is to the evidence. */
type EvidenceRole = "store" | "writer";

/** The options of a child that writes evidence: transformations may only tag it, as they may an evidence store. */
export function evidenceWriter<T extends pulumi.CustomResourceOptions>(opts: T): T {
  return { ...opts, [WRITER_MARK]: true };
}

function roleOf(opts: pulumi.ResourceOptions): EvidenceRole | undefined {
  if (opts.retainOnDelete === true) return "store";
  return (opts as Record<string, unknown>)[WRITER_MARK] === true ? "writer" : undefined;
}

/** The options without the writer mark, which is not the transformation's to change. */
function unmarked(opts: pulumi.ResourceOptions): pulumi.ResourceOptions {
  const { [WRITER_MARK]: _mark, ...rest } = opts as Record<string, unknown>;
  return rest;
}

/** A snapshot of a transformation's arguments (see `snapshot`), taken before it runs. */
function snapshotArgs(args: Transformed): Transformed {
  return { props: snapshot(args.props), opts: snapshot(args.opts) };
}

/**
 * The result a transformation may have on a child: unchanged for ordinary children; for an evidence store (a child
 * created with retainOnDelete) or writer (marked by `evidenceWriter`) every property but tags is restored, and every
 * option but those ./evidenceOptions.ts lets change (retainOnDelete stays on), and `warn` is told what was undone.
 * `before` is a snapshot taken before the transformation ran, so edits made in place show (see `guardTransformation`).
 */
export function keepEvidence(
  before: Transformed,
  after: Transformed | undefined,
  warn: (undone: string[], role: EvidenceRole, readded: string[]) => void,
): Transformed | undefined {
  const role = roleOf(before.opts);
  if (after === undefined || role === undefined) return after;
  const undone: string[] = [];
  const props: pulumi.Inputs = { ...after.props };
  for (const key of new Set([...Object.keys(before.props), ...Object.keys(after.props)])) {
    if (FREE_PROPERTIES.has(key) || same(before.props[key], after.props[key])) continue;
    undone.push(key);
    if (key in before.props) props[key] = before.props[key];
    else delete props[key];
  }
  const options = keepOptions(unmarked(before.opts), unmarked(after.opts));
  undone.push(...options.undone);
  if (undone.length > 0 || options.readded.length > 0) warn(undone, role, options.readded);
  return { props, opts: role === "writer" ? evidenceWriter(options.opts) : options.opts };
}

/** What to do instead of the change that was undone, for the settings where another way exists. */
const FIXES: [keys: string[], fix: string][] = [
  [
    ["provider", "providers"],
    "the component chose this provider: move it through the component (provider/providers in its options, or its " +
      "provider arguments)",
  ],
  [["id", "import"], "to adopt an existing resource, use `pulumi import <type> <name> <id> --parent <component urn>`"],
  [["ignoreChanges"], "ignoreChanges may only add tag paths (tags, tags.<key>, tagsAll)"],
];

function message(subject: string, child: string, undone: string[], role: EvidenceRole, readded: string[]): string {
  const said: string[] = [];
  if (undone.length > 0) {
    const fixes = FIXES.filter(([keys]) => keys.some((k) => undone.includes(k))).map(([, fix]) => `; ${fix}`);
    said.push(
      `a transformation tried to change ${undone.join(", ")} of evidence ${role} ${child}; ` +
        `that was undone (evidence ${role}s may only be tagged)${fixes.join("")}`,
    );
  }
  if (readded.length > 0) {
    said.push(
      `a transformation dropped the component's own ${readded.join(", ")} entries of evidence ${role} ${child}; ` +
        "they were added back beside the transformation's",
    );
  }
  return `${subject}: ${said.join("; ")}`;
}

/** Marks transformations already wrapped, so a list is never guarded twice. */
const WRAPPED = Symbol("evidence-guarded");
type Wrapped<T> = T & { [WRAPPED]?: true };

function guardTransformation(subject: string, transformation: pulumi.ResourceTransformation) {
  if ((transformation as Wrapped<typeof transformation>)[WRAPPED]) return transformation;
  const guarded: Wrapped<pulumi.ResourceTransformation> = (args) => {
    const given = snapshotArgs(args);
    // Returning nothing keeps the arguments as they now are, edits made in place included.
    const after = transformation(args) ?? { props: args.props, opts: args.opts };
    return keepEvidence(given, after, (undone, role, readded) =>
      pulumi.log.warn(message(subject, args.name, undone, role, readded), args.resource),
    );
  };
  guarded[WRAPPED] = true;
  return guarded;
}

function guardTransform(subject: string, transform: pulumi.ResourceTransform): pulumi.ResourceTransform {
  return async (args) => {
    // The engine rebuilds the options it passes here, so only stores (retainOnDelete) are recognised, not writers.
    const given = snapshotArgs(args);
    const after = (await transform(args)) ?? { props: args.props, opts: args.opts };
    return keepEvidence(given, after, (undone, role, readded) =>
      pulumi.log.warn(message(subject, args.name, undone, role, readded)),
    );
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
