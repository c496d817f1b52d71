// EC2 Image Builder workflows (`data`, a YAML document of `steps`) order a build or test stage. Their RunCommand
// steps send a Systems Manager Command document to the build or test instance (Image Builder calls SendCommand), so
// one sending AWS-RunShellScript (or AWS-RunRemoteScript) runs its `commands` (or `commandLine`) as root there, and
// on a build instance what they change is baked into the image; one sending AWS-RunPowerShellScript runs its
// `commands` on a Windows build instance, read by the Windows reader. The other actions run Image Builder's own service
// steps (LaunchInstance, ExecuteComponents, which runs the recipe's components read on their own, CreateImage, …) or
// a Step Functions state machine (ExecuteStateMachine), no shell the document holds. Documents may be hostile:
// nothing here throws.
import { scriptsInOrder } from "./script-sequence";
import { commandLines, DocumentStep } from "./ssm-commands";
import { shellParameters } from "./ssm-remote-scripts";
import { lowerName, parseMapping } from "./structured-documents";
import { list, obj, UNKNOWN } from "./values";
import { WindowsScript } from "./windows-scripts";
import { isRunPowerShellScriptDocument } from "./windows-ssm-runs";

const RUN_COMMAND = "runcommand";
/** An input named `key.$` takes its value at run time from a JSONPath (`$.parameters.x`, `$.stepOutputs.y.z`). */
const DYNAMIC = ".$";
/** AWS-RunPowerShellScript's script parameter. */
const COMMANDS = "commands";

export interface WorkflowShell {
  /** The shell-running steps' lines, joined in step order as one build's steps are (see script-sequence). */
  scripts: string[];
  /** Steps whose document or shell parameters are only given at run time (a JSONPath input). */
  dynamic: string[];
}

/** The shell a workflow's RunCommand steps send; undefined when `data` is not a JSON or YAML mapping. */
export function workflowShell(data: string): WorkflowShell | undefined {
  const shell = runCommandLines(data, shellParameters);
  return shell && { ...shell, scripts: scriptsInOrder(shell.scripts) };
}

/** The PowerShell a workflow's RunCommand steps send with AWS-RunPowerShellScript, one script per step, in order. */
export interface WorkflowPowerShell {
  scripts: WindowsScript[];
  /** Steps of AWS-RunPowerShellScript whose commands are only given at run time (a JSONPath input). */
  dynamic: string[];
}

/** The PowerShell a workflow's RunCommand steps send; undefined when `data` is not a JSON or YAML mapping. */
export function workflowPowerShell(data: string): WorkflowPowerShell | undefined {
  const read = runCommandLines(data, (document) => (isRunPowerShellScriptDocument(document) ? [COMMANDS] : []));
  return read && { ...read, scripts: read.scripts.map((text) => ({ language: "powershell", text })) };
}

/**
 * The lines of each RunCommand step sending a document whose script parameters `parametersOf` names, one text per
 * step; steps naming their document from a JSONPath, or taking those parameters from one, are `dynamic`.
 */
function runCommandLines(
  data: string,
  parametersOf: (document: unknown) => string[],
): { scripts: string[]; dynamic: string[] } | undefined {
  const doc = parseMapping(data);
  if (!doc) return undefined;
  const read = { scripts: [] as string[], dynamic: [] as string[] };
  list(doc.steps).forEach((raw, i) => {
    const step = obj(raw);
    if (lowerName(step?.action) !== RUN_COMMAND) return;
    const inputs = obj(step?.inputs) ?? {};
    const name = typeof step?.name === "string" ? step.name : `steps[${i}]`;
    if (Object.hasOwn(inputs, `documentName${DYNAMIC}`)) return void read.dynamic.push(name);
    const names = parametersOf(inputs.documentName);
    if (names.length === 0) return;
    if (Object.hasOwn(inputs, `parameters${DYNAMIC}`)) return void read.dynamic.push(name);
    const parameters = obj(inputs.parameters) ?? {};
    if (names.some((n) => Object.hasOwn(parameters, `${n}${DYNAMIC}`))) read.dynamic.push(name);
    const lines = names.flatMap((n) => commandLines(Object.hasOwn(parameters, n) ? parameters[n] : undefined));
    if (lines.length > 0) read.scripts.push(lines.join("\n"));
  });
  return read;
}

/**
 * A workflow's RunCommand steps as steps sending the document they name (a document named from a JSONPath is not
 * known here), with their `parameters`: a parameter (or the whole map) from a JSONPath is only known at run time.
 * Undefined when `data` is not a JSON or YAML mapping.
 */
export function workflowDocumentSteps(data: string): DocumentStep[] | undefined {
  const doc = parseMapping(data);
  if (!doc) return undefined;
  return list(doc.steps).flatMap((raw): DocumentStep[] => {
    const step = obj(raw);
    const inputs = obj(step?.inputs) ?? {};
    if (lowerName(step?.action) !== RUN_COMMAND || Object.hasOwn(inputs, `documentName${DYNAMIC}`)) return [];
    if (Object.hasOwn(inputs, `parameters${DYNAMIC}`))
      return [{ documentName: inputs.documentName, parameters: UNKNOWN }];
    const given = obj(inputs.parameters);
    if (!given) return [{ documentName: inputs.documentName, parameters: inputs.parameters }];
    // A JSONPath input overrides the literal one of the same name.
    const entries = Object.entries(given);
    const literal = entries.filter(([name]) => !name.endsWith(DYNAMIC));
    const dynamic = entries
      .filter(([name]) => name.endsWith(DYNAMIC))
      .map(([name]): [string, unknown] => [name.slice(0, -DYNAMIC.length), UNKNOWN]);
    return [{ documentName: inputs.documentName, parameters: Object.fromEntries([...literal, ...dynamic]) }];
  });
}
