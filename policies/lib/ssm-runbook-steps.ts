// Steps of the stack that run a document of the stack, as runs of it: an Automation runbook's `aws:runCommand` step
// sends a Command document with the step's `Parameters`, its `aws:executeAutomation` step starts a runbook with its
// `RuntimeParameters`, an EC2 Image Builder workflow's RunCommand step sends a Command document
// (image-builder-workflows.ts). A runbook step's values may reference the runbook's own parameters (`{{ Mode }}`):
// those are filled with the values of each run of the runbook in the stack; a runbook the stack runs nowhere may be
// started with any values, so its references are unknown. Findings land on the sender's run, or on the sender when
// the stack runs it nowhere.
import { GenericResource } from "../../lib/reachability";
import { DocumentStep, RunbookSteps, runbookSteps, shellStepsOf } from "../../lib/ssm-commands";
import { valueIterations, withItems } from "../../lib/ssm-loops";
import { isUnknown, obj, UNKNOWN } from "../../lib/values";
import { invokedScript, ParameterReader } from "./command-parameters";
import { associationValues, DocumentRun } from "./ssm-run-parameters";

/** `value` names the document: its known name, or an ARN ending in `:document/<name>`. */
export function isNameOf(value: unknown, document: GenericResource): boolean {
  const name = document.inputs.name;
  if (typeof value !== "string" || typeof name !== "string" || name === "" || isUnknown(name)) return false;
  return value === name || value.endsWith(`:document/${name}`);
}

/** One way a sender's own references get values: a run of the stack, or anyone's (unknown). */
export interface SenderValues {
  urn: string;
  parameters: unknown;
  read: ParameterReader;
}

/** A resource of the stack whose steps run other documents, and the ways its own references get values. */
export interface DocumentSender {
  resource: GenericResource;
  steps: DocumentStep[];
  values: () => SenderValues[];
}

/** The runs of `document` that the senders' steps naming it make, once for each way each sender gets its values. */
export function sentRuns(document: GenericResource, senders: readonly DocumentSender[]): DocumentRun[] {
  return senders.flatMap((sender) => {
    const steps = sender.steps.filter((step) => isNameOf(step.documentName, document));
    if (steps.length === 0) return [];
    return sender.values().flatMap((given) => steps.flatMap((step) => iteratedSteps(step, given)));
  });
}

/** A runbook of the stack as it reads: its steps that run other documents, and its declared parameters. */
export interface StackRunbook {
  resource: GenericResource;
  steps: RunbookSteps;
}

/** The runbooks of the stack (documents that may be Automation runbooks, content known), each parsed once. */
export function stackRunbooks(documents: readonly GenericResource[]): StackRunbook[] {
  return documents.flatMap((resource) => {
    const content = resource.inputs.content;
    if (!shellStepsOf(resource.inputs.documentType).automation) return [];
    if (typeof content !== "string" || isUnknown(content)) return [];
    const steps = runbookSteps(content);
    return steps ? [{ resource, steps }] : [];
  });
}

/**
 * The runbooks as senders of one kind of step; `runsOfRunbook` gives a runbook's own runs. A runbook no run of the
 * stack starts may be started with any values.
 */
export function runbookSenders(
  runbooks: readonly StackRunbook[],
  kind: "runCommand" | "executeAutomation",
  runsOfRunbook: (runbook: GenericResource) => DocumentRun[],
): DocumentSender[] {
  return runbooks.map(({ resource, steps }) => ({
    resource,
    steps: steps[kind],
    values: () => {
      const runs = runsOfRunbook(resource);
      return runs.length > 0
        ? runs.map((run) => ({ urn: run.urn, parameters: run.parameters, read: run.read(steps.parameters) }))
        : [anyValues(resource.urn, steps.parameters)];
    },
  }));
}

/** Values anyone may give: every reference unknown, findings landing on `urn`. */
function anyValues(urn: string, defaults: Record<string, unknown> | undefined): SenderValues {
  return { urn, parameters: UNKNOWN, read: associationValues(defaults) };
}

/**
 * The step once per iteration of the loops it stands in whose lists the sender's run gives (lib/ssm-loops.ts), each a
 * run of its document.
 */
function iteratedSteps(step: DocumentStep, given: SenderValues): DocumentRun[] {
  const itemsOf = isUnknown(given.parameters) ? () => UNKNOWN : given.read(given.parameters);
  return valueIterations(step.parameters, itemsOf).map((iteration) =>
    stepRun({ ...step, parameters: withItems(step.parameters, iteration) }, given),
  );
}

/**
 * The step as a run of its document: an association's reading of its parameters, once filled (a runbook started per
 * target gives each target's ID to the step's target parameter).
 */
function stepRun(step: DocumentStep, given: SenderValues): DocumentRun {
  return {
    urn: given.urn,
    parameters: filledParameters(step.parameters, given),
    read: (defaults) => associationValues(defaults, step.targetParameter),
  };
}

/**
 * The step's parameters with the sender's references filled as each of its runs fills them. A value one of whose
 * references is unknown is unknown; parameters that are not a mapping (one StringMap reference) are unknown.
 */
function filledParameters(parameters: unknown, given: SenderValues): unknown {
  if (parameters === undefined || parameters === null) return undefined;
  const mapping = obj(parameters);
  if (!mapping) return UNKNOWN;
  return Object.fromEntries(Object.entries(mapping).map(([name, value]) => [name, filledValue(value, given)]));
}

function filledValue(value: unknown, given: SenderValues): unknown {
  const filledLine = (line: unknown) => {
    if (typeof line !== "string") return line;
    const invoked = invokedScript(line, given.parameters, given.read);
    return invoked.unknown.length > 0 ? UNKNOWN : invoked.script;
  };
  return Array.isArray(value) ? value.map(filledLine) : filledLine(value);
}
