// EC2 Image Builder components (AWSTOE documents) run their steps as root on the build instance, and what those
// steps change is baked into every image built from the component: sshd_config rewritten or root's keys planted once
// ship in every AMI. Documents may be hostile: nothing here throws, whatever their shape.
import { stepIterations } from "./ec2-image-builder-loops";
import { stepScripts } from "./ec2-image-builder-steps";
import { scriptsInOrder } from "./script-sequence";
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { referencedScripts } from "./template-references";
import { splicedDeep, whenNotSpliced } from "./template-substitution";
import { list, obj } from "./values";

/** Image Builder runs build and validate on the build instance, then test on an instance launched from the image. */
const PHASE_ORDER = ["build", "validate", "test"];

/**
 * The shell text of a component's `data` (YAML, or JSON) as the scripts to read: its steps in the order they run
 * (see ec2-image-builder-steps), each looped step once per item, with the parameter defaults and constant values
 * they reference spliced in; then the values that are lists of lines as scripts of their own. Undefined when `data` is not a JSON or YAML
 * mapping.
 */
export function componentShellScripts(data: string): string[] | undefined {
  const doc = parseMapping(data);
  if (!doc) return undefined;
  const variables = documentVariables(doc);
  const valueOf = (name: string) => variables.get(name);
  const steps = stepsInRunOrder(doc).flatMap(stepIterations);
  const scripts = stepScripts(steps.map((step) => ({ ...step, inputs: splicedDeep(step.inputs, valueOf) })));
  return [...scriptsInOrder(scripts), ...referencedScripts(stepScripts(steps), whenNotSpliced(valueOf))];
}

/**
 * Steps by phase, as Image Builder runs the phases whatever order the document lists them in, each phase's steps in
 * order; then any step-like mapping found elsewhere (a hostile shape), wherever it sits, so that none goes unread.
 */
function stepsInRunOrder(doc: Record<string, unknown>): Record<string, unknown>[] {
  const rank = (phase: unknown) => {
    const at = PHASE_ORDER.indexOf(lowerName(obj(phase)?.name) ?? "");
    return at < 0 ? PHASE_ORDER.length : at;
  };
  const phases = [...list(doc.phases)].sort((a, b) => rank(a) - rank(b));
  const ordered = new Set(
    phases
      .flatMap((phase) => list(obj(phase)?.steps))
      .map(obj)
      .filter((step) => step !== undefined),
  );
  for (const mapping of mappingsIn(doc)) if (mapping.action !== undefined) ordered.add(mapping);
  return [...ordered];
}

/**
 * AWSTOE declares parameters and constants as lists of one-key mappings, `- name: { type, default }` and
 * `- name: { type, value }`: each name's default or value.
 */
function documentVariables(doc: Record<string, unknown>): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const entry of [...list(doc.parameters), ...list(doc.constants)])
    for (const [name, spec] of Object.entries(obj(entry) ?? {}))
      variables.set(name, obj(spec)?.default ?? obj(spec)?.value);
  return variables;
}
