// Systems Manager Command documents judged with the values the runs of the stack pass (the stack part of
// disallow-userdata-login-weakening): an association whose `name` is the document, a maintenance window RUN_COMMAND
// task whose `taskArn` is. Each run's values (the document's defaults for names it leaves out) fill the document's
// `{{ name }}` references; a weakening they make is reported on the run. The document's own findings come from the
// resource part; a document no run of the stack names keeps its notes on references (see template-runs.ts).
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { ParameterReader, runFindings } from "./command-parameters";
import { CONTENT, SSM_DOCUMENT, ssmDocumentReading, SsmDocumentReading } from "./ssm-command-documents";
import { associationValues, taskRunCommandParameters, taskValues } from "./ssm-run-parameters";
import { refersTo, StackFinding } from "./stack-rule";
import { templateRunFindings } from "./template-runs";

export const SSM_ASSOCIATION = "aws:ssm/association:Association";
export const SSM_MAINTENANCE_WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";

/** A run, and how its parameters are read. */
interface DocumentRun {
  urn: string;
  parameters: unknown;
  read: (defaults: Record<string, unknown> | undefined) => ParameterReader;
}

/**
 * `key` names the document: a property dependency at preview, or its known name or ARN, an ARN ending in
 * `:document/<name>` included.
 */
function namesDocument(from: GenericResource, key: string, document: GenericResource): boolean {
  if (refersTo(from, key, document, ["name", "arn"])) return true;
  const v = from.inputs[key];
  const name = document.inputs.name;
  return typeof v === "string" && typeof name === "string" && name !== "" && v.endsWith(`:document/${name}`);
}

/** Only RUN_COMMAND tasks send Command documents; a type only known at apply may be one. */
function runsCommand(task: GenericResource): boolean {
  const type = task.inputs.taskType;
  return isUnknown(type) || (typeof type === "string" && type.toUpperCase() === "RUN_COMMAND");
}

function runsOf(document: GenericResource, resources: readonly GenericResource[]): DocumentRun[] {
  return resources.flatMap((r): DocumentRun[] => {
    if (r.type === SSM_ASSOCIATION && namesDocument(r, "name", document))
      return [{ urn: r.urn, parameters: r.inputs.parameters, read: associationValues }];
    if (r.type === SSM_MAINTENANCE_WINDOW_TASK && runsCommand(r) && namesDocument(r, "taskArn", document))
      return [{ urn: r.urn, parameters: taskRunCommandParameters(r.inputs), read: taskValues }];
    return [];
  });
}

function documentRunFindings(document: GenericResource, reading: SsmDocumentReading, run: DocumentRun) {
  const label = `${CONTENT} of ${document.name} with these parameters`;
  const template = { field: CONTENT, label, script: reading.script, own: reading.own };
  return runFindings(template, run.parameters, run.read(reading.parameters));
}

/** Findings for every Command document whose steps reference parameters, and the runs of the stack that fill them. */
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
