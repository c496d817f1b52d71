// The check of EC2 Image Builder workflows for the login rule: the shell their RunCommand steps send to the build or
// test instance (lib/ec2-image-builder-workflows.ts), and for the stack part, the Command documents of the stack they
// send, as runs of those documents (ssm-runbook-steps.ts). A workflow given by `uri` lives in S3, its text not in the
// program.
import { workflowDocumentSteps, workflowPowerShell, workflowShell } from "../../lib/ec2-image-builder-workflows";
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { windowsScriptFindings } from "../../lib/windows-script-findings";
import { Finding, unverifiable } from "./findings";
import { Check } from "./rule";
import { scriptsFindings } from "./script-findings";
import { DocumentSender } from "./ssm-runbook-steps";

export const IMAGE_BUILDER_WORKFLOW = "aws:imagebuilder/workflow:Workflow";

const DATA = "data";

/**
 * The shell a workflow's RunCommand steps run, and the PowerShell those sending AWS-RunPowerShellScript run (read by
 * the Windows reader); a step naming its document, or giving the shell runner's commands,
 * from a JSONPath (a workflow parameter an image pipeline sets, a step's output) cannot be verified.
 */
export function ec2ImageBuilderWorkflowCheck(): Check<unknown> {
  return (p) => {
    const data = p[DATA];
    if (isUnknown(data)) return [unverifiable(DATA)];
    if (typeof data !== "string") return [];
    const shell = workflowShell(data);
    const powerShell = workflowPowerShell(data);
    if (!shell || !powerShell) return [unverifiable(DATA, "it does not parse as JSON or YAML")];
    // A step naming its document from a JSONPath is dynamic to both readings: noted once.
    const notes: Finding[] = [...new Set([...shell.dynamic, ...powerShell.dynamic])].map((step) =>
      unverifiable(`${DATA}`, `step ${step} takes its document or commands from a JSONPath at run time`),
    );
    return [...notes, ...scriptsFindings(DATA, shell.scripts), ...windowsScriptFindings(DATA, powerShell.scripts)];
  };
}

/** Workflow values are literal or from a JSONPath: none is a `{{ name }}` the workflow fills. */
const literalValues = () => () => undefined;

/** The workflows of the stack whose text is known, as senders of the Command documents their RunCommand steps name. */
export function workflowSenders(resources: readonly GenericResource[]): DocumentSender[] {
  return resources.flatMap((resource) => {
    const data = resource.inputs[DATA];
    if (resource.type !== IMAGE_BUILDER_WORKFLOW || typeof data !== "string" || isUnknown(data)) return [];
    const steps = workflowDocumentSteps(data);
    return steps
      ? [{ resource, steps, values: () => [{ urn: resource.urn, parameters: {}, read: literalValues }] }]
      : [];
  });
}
