// CloudOps Orchestration Service (OOS) templates run Cloud Assistant commands on ECS instances as root: the Alibaba
// Cloud counterpart of Automation runbooks sending AWS-RunShellScript, and one more way to rewrite sshd_config or
// plant root's keys. Templates may be hostile: nothing here throws, whatever their shape.
import { decodeUserData } from "./userdata";
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { ownEntry, referencedScripts } from "./template-references";
import { spliced, whenNotSpliced } from "./template-substitution";
import { obj } from "./values";
import { isWindowsCommandType, windowsCommandLanguage, WindowsScript } from "./windows-scripts";

/** Where an action's task keeps its script and the script's Cloud Assistant type. */
interface CommandProperties {
  content: string;
  /** Absent when the action only runs shell (or picks the type from the instance's OS). */
  type?: string;
}

const CLOUD_ASSISTANT: CommandProperties = { content: "commandContent", type: "commandType" };
const UNTYPED: CommandProperties = { content: "commandContent" };
/** The RDC (Alibaba Cloud DevOps) actions take capitalised properties and run shell scripts. */
const RDC: CommandProperties = { content: "CommandContent" };

/** Public cloud-product actions that run a command's content on ECS instances, by lower-cased name. */
const COMMAND_ACTIONS: ReadonlyMap<string, CommandProperties> = new Map([
  ["acs::ecs::runcommand", CLOUD_ASSISTANT],
  ["acs::ecs::runcommandforlongtime", CLOUD_ASSISTANT],
  ["acs::ess::runcommand", CLOUD_ASSISTANT],
  ["acs::ecs::smcverifyinstancebyruncommand", CLOUD_ASSISTANT],
  ["acs::ecs::elegantruncommandinslbdefaultservergroup", CLOUD_ASSISTANT],
  ["acs::ecs::elegantruncommandinslbvservergroup", CLOUD_ASSISTANT],
  ["acs::ess::runcommandonspecifiedinstance", UNTYPED],
  ["acs::ecs::downloadfileandruncommand", UNTYPED],
  ["acs::ecs::downloadossfileandruncommand", UNTYPED],
  ["acs::ess::downloadfileandruncommand", UNTYPED],
  ["acs::ess::downloadossfileandruncommand", UNTYPED],
  ["acs::rdc::runcommand", RDC],
  ["acs::rdc::newruncommand", RDC],
  ["acs::rdc::runcommandbystaragent", RDC],
  ["acs::rdc::runcommandbydevops", RDC],
]);

/** `ACS::ExecuteAPI` calling ECS's RunCommand or CreateCommand runs (or stores to run) `Parameters.CommandContent`. */
const EXECUTE_API = "acs::executeapi";
const ECS_COMMAND_APIS = new Set(["runcommand", "createcommand"]);
const EXECUTE_API_COMMAND: CommandProperties = { content: "CommandContent", type: "Type" };

/** Templates encode scripts inline with this function; the text it encodes is the script. */
const BASE64_ENCODE = "Fn::Base64Encode";
/** Templates build scripts from lines with this function: `[delimiter, [parts]]`. */
const JOIN = "Fn::Join";
/** Nesting of functions followed; deeper (or an alias cycle) is not a script. */
const MAX_ENCODINGS = 4;
/** A part of a join that is not text (a function of values known at run time): a word that weakens nothing. */
const RUN_TIME_VALUE = "__value__";

/**
 * The shell scripts of a template's `content` (JSON or YAML): the `commandContent` of every task that runs one on
 * ECS instances and is not of a Windows command type, wherever the task sits (Tasks, an ACS::Loop's LoopTasks),
 * each plain, base64 or joined by Fn::Join, with the defaults of the template parameters they reference spliced in,
 * then the defaults that are lists of lines as scripts of their own. Undefined when the content is not a JSON or YAML mapping.
 */
export function templateShellScripts(content: string): string[] | undefined {
  const doc = parseMapping(content);
  if (!doc) return undefined;
  const scripts = mappingsIn(doc.Tasks).flatMap((task) => {
    const script = taskShellScript(task);
    return script === undefined ? [] : [decodeUserData(script)];
  });
  const parameters = obj(doc.Parameters);
  const defaultOf = (name: string) => obj(ownEntry(parameters, name))?.Default;
  const defaults = referencedScripts(scripts, whenNotSpliced(defaultOf));
  return [...scripts.map((script) => spliced(script, defaultOf)), ...defaults.map(decodeUserData)];
}

/** The script a task runs on instances, unless its command type is a Windows one; undefined for other tasks. */
function taskShellScript(task: Record<string, unknown>): string | undefined {
  const command = taskCommand(task);
  return command && !isWindowsCommandType(command.type) ? command.script : undefined;
}

/** The script a task runs on instances and the command type it is given (undefined when none); undefined for others. */
function taskCommand(task: Record<string, unknown>): { script: string; type: unknown } | undefined {
  const properties = obj(task.Properties);
  const where = commandProperties(lowerName(task.Action), properties);
  const holder = where === EXECUTE_API_COMMAND ? obj(properties?.Parameters) : properties;
  if (!where || !holder) return undefined;
  const script = encodedText(holder[where.content], 0);
  return script === undefined ? undefined : { script, type: where.type && holder[where.type] };
}

/**
 * The Windows scripts of a template's `content`: the `commandContent` of every task whose command type is
 * RunPowerShellScript or RunBatScript, in the language it names, with the defaults of the template parameters it
 * references spliced in. Undefined when the content is not a JSON or YAML mapping.
 */
export function templateWindowsScripts(content: string): WindowsScript[] | undefined {
  const doc = parseMapping(content);
  if (!doc) return undefined;
  const parameters = obj(doc.Parameters);
  const defaultOf = (name: string) => obj(ownEntry(parameters, name))?.Default;
  return mappingsIn(doc.Tasks).flatMap((task) => {
    const command = taskCommand(task);
    const language = command && windowsCommandLanguage(command.type);
    return command && language ? [{ language, text: spliced(decodeUserData(command.script), defaultOf) }] : [];
  });
}

function commandProperties(
  action: string | undefined,
  properties: Record<string, unknown> | undefined,
): CommandProperties | undefined {
  if (action === undefined || !properties) return undefined;
  if (action !== EXECUTE_API) return COMMAND_ACTIONS.get(action);
  const callsEcsCommand =
    lowerName(properties.Service) === "ecs" && ECS_COMMAND_APIS.has(lowerName(properties.API) ?? "");
  return callsEcsCommand ? EXECUTE_API_COMMAND : undefined;
}

/**
 * A property's text: a string, the string inside `Fn::Base64Encode` (encoded at run time, so plain here), or the
 * parts of an `Fn::Join` joined by its delimiter.
 */
function encodedText(v: unknown, depth: number): string | undefined {
  if (typeof v === "string") return v;
  const fn = obj(v);
  if (!fn || depth >= MAX_ENCODINGS) return undefined;
  if (Object.hasOwn(fn, BASE64_ENCODE)) return encodedText(fn[BASE64_ENCODE], depth + 1);
  if (Object.hasOwn(fn, JOIN)) return joinedText(fn[JOIN], depth + 1);
  return undefined;
}

function joinedText(args: unknown, depth: number): string | undefined {
  if (!Array.isArray(args) || typeof args[0] !== "string" || !Array.isArray(args[1])) return undefined;
  return args[1].map((part: unknown) => encodedText(part, depth) ?? RUN_TIME_VALUE).join(args[0]);
}
