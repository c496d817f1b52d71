// Checks of run-command scripts, which run as root on running instances: Alibaba Cloud Cloud Assistant commands and
// OOS templates, AWS Systems Manager documents, associations and maintenance window tasks. Each is another way to
// rewrite sshd_config or plant root's keys, the case's step 2.
import { templateShellScripts } from "../../lib/oos-templates";
import { decodeUserData } from "../../lib/userdata";
import {
  commandLines,
  documentShellLines,
  isAutomationDocumentType,
  isCommandDocumentType,
  ShellSteps,
} from "../../lib/ssm-commands";
import { shellParameters } from "../../lib/ssm-remote-scripts";
import { isSessionDocumentType } from "../../lib/ssm-sessions";
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { isWindowsCommandType } from "../../lib/windows-scripts";
import { commandReading, FIELD } from "./cloud-assistant-commands";
import { invokedFindings } from "./command-parameters";
import { unverifiable } from "./findings";
import { Check } from "./rule";
import { documentFindings, scriptFindings, userDataCheck } from "./script-findings";

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
 * Systems Manager Command documents run their `aws:runShellScript` steps as root, like Cloud Assistant; Automation
 * runbooks send AWS-RunShellScript from `aws:runCommand` steps; Session documents run a shell profile or commands
 * at the start of every session. A type only known at apply may be any of them; content that does not parse then
 * cannot be read, else it is no command.
 */
export function ssmDocumentCheck(): Check<unknown> {
  return (p) => {
    const type = p.documentType;
    const steps: ShellSteps = {
      command: isUnknown(type) || isCommandDocumentType(type),
      automation: isUnknown(type) || isAutomationDocumentType(type),
      session: isUnknown(type) || isSessionDocumentType(type),
    };
    if (!steps.command && !steps.automation && !steps.session) return [];
    return documentFindings("content", p.content, (text) => {
      const lines = documentShellLines(text, steps);
      return lines && [lines.join("\n")];
    });
  };
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
 * schedule, one of AWS-RunRemoteScript its `commandLine`. Parameters arrive as `[{name, values}]`; a task type or
 * document known only at apply may be either.
 */
export function ssmMaintenanceWindowTaskCheck(): Check<unknown> {
  return (p) => {
    const type = p.taskType;
    if (!isUnknown(type) && typeof type === "string" && type.toUpperCase() !== "RUN_COMMAND") return [];
    const names = shellParameters(p.taskArn);
    if (names.length === 0) return [];
    const field = "taskInvocationParameters.runCommandParameters.parameters";
    const invocation = p.taskInvocationParameters;
    const runCommand = isUnknown(invocation) ? invocation : obj(invocation)?.runCommandParameters;
    const parameters = isUnknown(runCommand) ? runCommand : obj(runCommand)?.parameters;
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
