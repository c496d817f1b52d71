// Systems Manager Command documents and Automation runbooks judged with the values the runs of the stack pass (the
// stack part of disallow-userdata-login-weakening): an association whose `name` is the document, a maintenance window
// task whose `taskArn` is (RUN_COMMAND for a Command document, AUTOMATION for a runbook), and for a Command document a
// runbook's `aws:runCommand` step that sends it (ssm-runbook-steps.ts). Each run's values (the document's defaults for
// names it leaves out) fill the document's `{{ name }}` references; a weakening they make is reported on the run. The
// document's own findings come from the resource part; a document no run of the stack names keeps its notes on
// references (see template-runs.ts).
import { GenericResource } from "../../lib/reachability";
import { ShellSteps, shellStepsOf } from "../../lib/ssm-commands";
import { isUnknown, obj } from "../../lib/values";
import { runFindings } from "./command-parameters";
import { CONTENT, SSM_DOCUMENT, ssmDocumentReading, SsmDocumentReading } from "./ssm-command-documents";
import {
  associationValues,
  DocumentRun,
  TaskInvocation,
  taskRunCommandParameters,
  taskValues,
} from "./ssm-run-parameters";
import { isNameOf, runbookStepRuns } from "./ssm-runbook-steps";
import { refersTo, StackFinding } from "./stack-rule";
import { templateRunFindings } from "./template-runs";

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

/** Direct runs, and for a document that may be a Command document, the runbook steps of the stack that send it. */
function runsOf(document: GenericResource, resources: readonly GenericResource[]): DocumentRun[] {
  const direct = directRunsOf(document, resources);
  if (!shellStepsOf(document.inputs.documentType).command) return direct;
  return [...direct, ...runbookStepRuns(document, resources, (runbook) => directRunsOf(runbook, resources))];
}

function documentRunFindings(document: GenericResource, reading: SsmDocumentReading, run: DocumentRun) {
  const label = `${CONTENT} of ${document.name} with these parameters`;
  const template = { field: CONTENT, label, script: reading.script, own: reading.own };
  return runFindings(template, run.parameters, run.read(reading.parameters));
}

/**
 * Findings for every Command document and runbook whose shell steps reference parameters, and the runs of the stack
 * that fill them.
 */
export function ssmDocumentRunFindings(resources: readonly GenericResource[]): StackFinding[] {
  return resources
    .filter((r) => r.type === SSM_DOCUMENT)
    .flatMap((document) => {
      const reading = ssmDocumentReading(document.inputs);
      if (!reading) return [];
      return templateRunFindings(
        document,
        runsOf(document, resources),
        () => reading.onReferences,
        (run) => documentRunFindings(document, reading, run),
      );
    });
}
