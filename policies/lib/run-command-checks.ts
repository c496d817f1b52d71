// Checks of run-command scripts, which run as root on running instances: Alibaba Cloud Cloud Assistant commands and
// OOS templates, AWS Systems Manager documents, associations and maintenance window tasks. Each is another way to
// rewrite sshd_config or plant root's keys, the case's step 2.
import { templateShellScripts } from "../../lib/oos-templates";
import { decodeUserData } from "../../lib/userdata";
import { commandLines } from "../../lib/ssm-commands";
import { shellParameters } from "../../lib/ssm-remote-scripts";
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { isWindowsCommandType } from "../../lib/windows-scripts";
import { windowsDocumentFindings, windowsTaskFindings } from "../../lib/windows-ssm-runs";
import { commandReading, FIELD } from "./cloud-assistant-commands";
import { invokedFindings } from "./command-parameters";
import { unverifiable } from "./findings";
import { Check } from "./rule";
import { documentFindings, scriptFindings, userDataCheck } from "./script-findings";
import { ssmDocumentFindings, ssmDocumentReading } from "./ssm-command-documents";
import { taskRunCommandParameters } from "./ssm-run-parameters";

/**
 * Cloud Assistant pushes `commandContent` (base64) to running instances as root, another way to rewrite sshd_config.
 * Shell scripts (`RunShellScript`, or a type not known at preview) are read; Windows scripts are not. With custom
 * parameters on, only what the text does whatever the values is judged here: lines on `{{ name }}` references are
 * judged with each invocation's values by the rule's stack part (cloud-assistant-invocations.ts).
 */
export function cloudAssistantCheck(): Check<unknown> {
  const content = userDataCheck([FIELD]);
  return (p, ctx) => {
    if (isWindowsCommandType(p.type)) return [];
    return commandReading(p)?.own ?? content(p, ctx);
  };
}

/**
 * EFLO (Lingjun) invocations run `commandContent` (plain or base64) as root on the nodes they list, with `parameters`
 * filling its `{{ name }}` references (names in any case). A parameter unknown at preview leaves its reference in
 * place: a note, once, whether or not it stands where a directive is named.
 */
export function efloInvocationCheck(): Check<unknown> {
  return (p) => {
    const content = p.commandContent;
    if (isUnknown(content)) return [unverifiable("commandContent")];
    if (typeof content !== "string") return [];
    return invokedFindings("commandContent", decodeUserData(content), p.parameters);
  };
}

/**
 * OOS templates run Cloud Assistant commands from their tasks (ACS::ECS::RunCommand and its kin, ECS RunCommand
 * through ACS::ExecuteAPI), as root on every instance they target.
 */
export function oosTemplateCheck(): Check<unknown> {
  return (p) => documentFindings("content", p.content, templateShellScripts);
}

/**
 * Systems Manager documents that run shell (see ssm-command-documents.ts), and their PowerShell steps, read by the
 * Windows reader (windows-ssm-runs.ts). A Command document's notes on its
 * `{{ name }}` references wait for the values each association or maintenance window task of the stack passes: the
 * rule's stack part judges them (ssm-document-runs.ts).
 */
export function ssmDocumentCheck(): Check<unknown> {
  return (p) => [...(ssmDocumentReading(p)?.own ?? ssmDocumentFindings(p)), ...windowsDocumentFindings(p)];
}

/**
 * An association of AWS-RunShellScript runs `parameters.commands`, one of AWS-RunRemoteScript its
 * `parameters.commandLine`; a document named only at apply may be either.
 */
export function ssmAssociationCheck(): Check<unknown> {
  return (p) => {
    const names = shellParameters(p.name);
    if (names.length === 0) return [];
    if (isUnknown(p.parameters)) return [unverifiable("parameters")];
    return names.flatMap((name) => {
      const field = `parameters.${name}`;
      const value = obj(p.parameters)?.[name];
      if (containsUnknown(value)) return [unverifiable(field)];
      return scriptFindings(field, commandLines(value).join("\n"));
    });
  };
}

/**
 * A maintenance window's RUN_COMMAND task of AWS-RunShellScript runs the `commands` parameter on every target, on a
 * schedule, one of AWS-RunRemoteScript its `commandLine`, one of AWS-RunPowerShellScript its `commands` as PowerShell
 * (read by the Windows reader). Parameters arrive as `[{name, values}]`; a task type or
 * document known only at apply may be either.
 */
export function ssmMaintenanceWindowTaskCheck(): Check<unknown> {
  return (p) => {
    const type = p.taskType;
    if (!isUnknown(type) && typeof type === "string" && type.toUpperCase() !== "RUN_COMMAND") return [];
    const field = "taskInvocationParameters.runCommandParameters.parameters";
    const parameters = taskRunCommandParameters(p);
    const windows = windowsTaskFindings(p.taskArn, parameters, field);
    if (windows) return windows;
    const names = shellParameters(p.taskArn);
    if (names.length === 0) return [];
    if (isUnknown(parameters)) return [unverifiable(field)];
    return list(parameters).flatMap((entry, i) => {
      const parameter = obj(entry);
      if (isUnknown(entry) || isUnknown(parameter?.name)) return [unverifiable(`${field}[${i}]`)];
      if (typeof parameter?.name !== "string" || !names.includes(parameter.name)) return [];
      if (containsUnknown(parameter.values)) return [unverifiable(`${field}[${i}].values`)];
      return scriptFindings(`${field}[${i}].values`, commandLines(parameter.values).join("\n"));
    });
  };
}
