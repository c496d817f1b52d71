// An Automation runbook's `aws:runCommand` step that sends a Command document of the stack runs that document with
// the step's `Parameters`, whose values may reference the runbook's own parameters (`{{ Mode }}`). Those are filled
// with the values of each run of the runbook in the stack (association, AUTOMATION task); a runbook the stack runs
// nowhere may be started with any values, so its references are unknown. Findings land on the runbook's run, or on
// the runbook when the stack runs it nowhere.
import { GenericResource } from "../../lib/reachability";
import { runbookRunCommandSteps, RunCommandStep, shellStepsOf } from "../../lib/ssm-commands";
import { isUnknown, obj, UNKNOWN } from "../../lib/values";
import { invokedScript, ParameterReader } from "./command-parameters";
import { associationValues, DocumentRun } from "./ssm-run-parameters";

/** `value` names the document: its known name, or an ARN ending in `:document/<name>`. */
export function isNameOf(value: unknown, document: GenericResource): boolean {
  const name = document.inputs.name;
  if (typeof value !== "string" || typeof name !== "string" || name === "" || isUnknown(name)) return false;
  return value === name || value.endsWith(`:document/${name}`);
}

/** One way the runbook's own parameters get values: a run of the stack, or anyone's (unknown). */
interface RunbookValues {
  urn: string;
  parameters: unknown;
  read: ParameterReader;
}

/**
 * The runs of `command` that runbooks of the stack make from `aws:runCommand` steps naming it. `runsOfRunbook` gives
 * a runbook's own runs (associations and tasks, never steps of other runbooks: no chain is followed).
 */
export function runbookStepRuns(
  command: GenericResource,
  resources: readonly GenericResource[],
  runsOfRunbook: (runbook: GenericResource) => DocumentRun[],
): DocumentRun[] {
  return resources.flatMap((runbook) => {
    if (runbook === command || runbook.type !== command.type) return [];
    if (!shellStepsOf(runbook.inputs.documentType).automation) return [];
    const content = runbook.inputs.content;
    if (typeof content !== "string" || isUnknown(content)) return [];
    const read = runbookRunCommandSteps(content);
    const steps = read?.steps.filter((step) => isNameOf(step.documentName, command)) ?? [];
    if (!read || steps.length === 0) return [];
    const runs = runsOfRunbook(runbook);
    const values: RunbookValues[] =
      runs.length > 0
        ? runs.map((run) => ({ urn: run.urn, parameters: run.parameters, read: run.read(read.parameters) }))
        : [{ urn: runbook.urn, parameters: UNKNOWN, read: associationValues(read.parameters) }];
    return values.flatMap((given) => steps.map((step) => stepRun(step, given)));
  });
}

/** The step as a run of its Command document: an association's reading of its `Parameters`, once filled. */
function stepRun(step: RunCommandStep, given: RunbookValues): DocumentRun {
  return { urn: given.urn, parameters: filledParameters(step.parameters, given), read: associationValues };
}

/**
 * The step's `Parameters` with the runbook's references filled as each run of the runbook fills them. A value one of
 * whose references is unknown is unknown; `Parameters` that is not a mapping (one StringMap reference) is unknown.
 */
function filledParameters(parameters: unknown, given: RunbookValues): unknown {
  if (parameters === undefined || parameters === null) return undefined;
  const mapping = obj(parameters);
  if (!mapping) return UNKNOWN;
  return Object.fromEntries(Object.entries(mapping).map(([name, value]) => [name, filledValue(value, given)]));
}

function filledValue(value: unknown, given: RunbookValues): unknown {
  const filledLine = (line: unknown) => {
    if (typeof line !== "string") return line;
    const invoked = invokedScript(line, given.parameters, given.read);
    return invoked.unknown.length > 0 ? UNKNOWN : invoked.script;
  };
  return Array.isArray(value) ? value.map(filledLine) : filledLine(value);
}
