// Systems Manager Command documents and Automation runbooks judged with the values the runs of the stack pass (the
// stack part of disallow-userdata-login-weakening): an association whose `name` is the document, a maintenance window
// task whose `taskArn` is (RUN_COMMAND for a Command document, AUTOMATION for a runbook), for a Command document a
// runbook's `aws:runCommand` step or an Image Builder workflow's RunCommand step that sends it, and for a runbook
// another runbook's `aws:executeAutomation` step that starts it (ssm-runbook-steps.ts). Each run's values (the
// document's defaults for names it leaves out) fill the document's `{{ name }}` references, and its lists the
// `aws:loop` bodies iterating over them (ssm-loop-runs.ts); a weakening they make is reported on the run. The
// document's own findings come from the resource part; a document no run of the stack names keeps its notes on
// references (see template-runs.ts). Documents' PowerShell is read by the Windows reader with each run's values too.
import { GenericResource } from "../../lib/reachability";
import { ShellSteps, shellStepsOf } from "../../lib/ssm-commands";
import { isUnknown, obj, UNKNOWN } from "../../lib/values";
import { runFindings } from "./command-parameters";
import { workflowSenders } from "./image-builder-workflows";
import { CONTENT, SSM_DOCUMENT, ssmDocumentReading, SsmDocumentReading } from "./ssm-command-documents";
import { iteratedRun } from "./ssm-loop-runs";
import {
  associationValues,
  DocumentRun,
  TaskInvocation,
  taskRunCommandParameters,
  taskValues,
} from "./ssm-run-parameters";
import { DocumentSender, isNameOf, runbookSenders, sentRuns, StackRunbook, stackRunbooks } from "./ssm-runbook-steps";
import { refersTo, StackFinding } from "./stack-rule";
import { windowsDocumentReading, windowsRunFindings } from "../../lib/windows-ssm-runs";
import { templateRunFindings, withTemplateSecrets } from "./template-runs";

export const SSM_ASSOCIATION = "aws:ssm/association:Association";
export const SSM_MAINTENANCE_WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";

/** `key` names the document: a property dependency at preview, or its known name or ARN. */
function namesDocument(from: GenericResource, key: string, document: GenericResource): boolean {
  return refersTo(from, key, document, ["name", "arn"]) || isNameOf(from.inputs[key], document);
}

/**
 * Which invocation parameters a task gives the document: RUN_COMMAND tasks send Command documents, AUTOMATION tasks
 * start runbooks. A task type only known at apply may be either the document's type allows; when both (the
 * document's type is unknown too), the task's own `automationParameters` say it starts a runbook.
 */
function taskInvocation(task: GenericResource, steps: ShellSteps): TaskInvocation | undefined {
  const type = task.inputs.taskType;
  if (isUnknown(type)) {
    if (steps.command && steps.automation) {
      const automation = obj(task.inputs.taskInvocationParameters)?.automationParameters;
      return automation === undefined ? "runCommandParameters" : "automationParameters";
    }
    if (steps.command) return "runCommandParameters";
    return steps.automation ? "automationParameters" : undefined;
  }
  const upper = typeof type === "string" ? type.toUpperCase() : "";
  if (upper === "RUN_COMMAND" && steps.command) return "runCommandParameters";
  return upper === "AUTOMATION" && steps.automation ? "automationParameters" : undefined;
}

/** The associations and maintenance window tasks of the stack that run the document. */
function directRunsOf(document: GenericResource, resources: readonly GenericResource[]): DocumentRun[] {
  const steps = shellStepsOf(document.inputs.documentType);
  return resources.flatMap((r): DocumentRun[] => {
    if (r.type === SSM_ASSOCIATION && namesDocument(r, "name", document)) {
      // Only a runbook's association gives its targets' IDs to a parameter.
      const target = steps.automation ? r.inputs.automationTargetParameterName : undefined;
      return [{ urn: r.urn, parameters: r.inputs.parameters, read: (d) => associationValues(d, target) }];
    }
    if (r.type !== SSM_MAINTENANCE_WINDOW_TASK || !namesDocument(r, "taskArn", document)) return [];
    const invocation = taskInvocation(r, steps);
    return invocation
      ? [{ urn: r.urn, parameters: taskRunCommandParameters(r.inputs, invocation), read: taskValues }]
      : [];
  });
}

/** More runs than this sent to one document through steps are read as one run with any values. */
const MAX_SENT_RUNS = 64;

/** What the runs of every document are found from: the stack's resources, its runbooks and workflows read once. */
interface StackSenders {
  resources: readonly GenericResource[];
  runbooks: readonly StackRunbook[];
  workflows: readonly DocumentSender[];
}

/** A run by anyone, outside the stack or through steps not followed: every value unknown, findings on the document. */
const anyRun = (document: GenericResource): DocumentRun => ({
  urn: document.urn,
  parameters: UNKNOWN,
  read: associationValues,
});

/**
 * The runs of each document, found once: direct runs, and the steps of the stack that run the document (for a
 * document that may be a Command document, runbook `aws:runCommand` steps and workflow RunCommand steps sending it;
 * for one that may be a runbook, `aws:executeAutomation` steps starting it), each sender's own runs followed in turn.
 * A runbook met again while its runs are being found (runbooks starting each other) is read with its direct runs and
 * any values besides; so is a document more than `MAX_SENT_RUNS` runs reach through steps.
 */
function runsFinder(stack: StackSenders): (document: GenericResource) => DocumentRun[] {
  const found = new Map<GenericResource, DocumentRun[]>();
  const finding = new Set<GenericResource>();
  const runsOf = (document: GenericResource): DocumentRun[] => {
    const known = found.get(document);
    if (known) return known;
    const direct = directRunsOf(document, stack.resources);
    if (finding.has(document)) return [...direct, anyRun(document)];
    finding.add(document);
    const steps = shellStepsOf(document.inputs.documentType);
    const others = stack.runbooks.filter((r) => r.resource !== document);
    const sent = [
      ...(steps.command ? sentRuns(document, runbookSenders(others, "runCommand", runsOf)) : []),
      ...(steps.command ? sentRuns(document, stack.workflows) : []),
      ...(steps.automation ? sentRuns(document, runbookSenders(stack.runbooks, "executeAutomation", runsOf)) : []),
    ];
    finding.delete(document);
    const runs = sent.length > MAX_SENT_RUNS ? [...direct, anyRun(document)] : [...direct, ...sent];
    found.set(document, runs);
    return runs;
  };
  return runsOf;
}

function documentRunFindings(document: GenericResource, reading: SsmDocumentReading, run: DocumentRun) {
  const label = `${CONTENT} of ${document.name} with these parameters`;
  const read = run.read(reading.parameters);
  const iterated = iteratedRun(reading.script, run.parameters, read);
  const template = { field: CONTENT, label, script: iterated.script, own: reading.own };
  return runFindings(template, run.parameters, iterated.read);
}

/**
 * Findings for every Command document and runbook whose shell steps reference parameters, and the runs of the stack
 * that fill them.
 */
export function ssmDocumentRunFindings(resources: readonly GenericResource[]): StackFinding[] {
  const documents = resources.filter((r) => r.type === SSM_DOCUMENT);
  const runsOf = runsFinder({ resources, runbooks: stackRunbooks(documents), workflows: workflowSenders(resources) });
  const shell = documents.flatMap((document) => {
    const reading = ssmDocumentReading(document.inputs);
    if (!reading) return [];
    return templateRunFindings(
      document,
      runsOf(document),
      () => reading.onReferences,
      (run) => documentRunFindings(document, reading, run),
    );
  });
  return [...shell, ...documents.flatMap((document) => windowsDocumentRunFindings(document, runsOf))];
}

/**
 * What the runs of the stack make a document's PowerShell do beyond its own reading (the resource part's, defaults
 * filled in), on each run; a run from outside the stack is that reading.
 */
function windowsDocumentRunFindings(
  document: GenericResource,
  runsOf: (document: GenericResource) => DocumentRun[],
): StackFinding[] {
  const reading = windowsDocumentReading(document.inputs);
  if (!reading) return [];
  const label = `${CONTENT} of ${document.name} with these parameters`;
  return runsOf(document)
    .filter((run) => run.urn !== document.urn)
    .flatMap((run) => {
      const values = isUnknown(run.parameters) ? () => UNKNOWN : run.read(reading.parameters)(run.parameters);
      const findings = withTemplateSecrets(document, windowsRunFindings(reading, values, label));
      return findings.map((finding) => ({ urn: run.urn, ...finding }));
    });
}
