// The values a Systems Manager association or maintenance window task gives a document's parameters: a RUN_COMMAND
// task a Command document's, an AUTOMATION task a runbook's. An association passes `parameters`, a map of name to
// text (the provider's type; the API's is a list of text per name, so a list is read too), a task `[{ name, values }]`.
// A parameter the run leaves out takes the document's `default`. `{{ssm:name}}` (and `{{ssm-secure:name}}`) in a value is read from Parameter Store at run
// time: unknown here.
import { parameterDefault } from "../../lib/ssm-commands";
import { containsUnknown, isUnknown, list, obj, UNKNOWN } from "../../lib/values";
import { ParameterReader } from "./command-parameters";

const PARAMETER_STORE = /\{\{\s*ssm(?:-secure)?:[^}]*\}\}/i;

/** A value as a Command document receives it: text as is, a list as its lines, unknown when only known at run time. */
function runValue(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (containsUnknown(v)) return UNKNOWN;
  const text = Array.isArray(v) ? v.filter((x) => typeof x !== "object").join("\n") : v;
  return typeof text === "string" && PARAMETER_STORE.test(text) ? UNKNOWN : text;
}

/** Names the run gives (own keys only: a document may name `constructor`), else the document's default. */
function withDefaults(
  given: Map<string, unknown>,
  defaults: Record<string, unknown> | undefined,
  othersUnknown: boolean,
): (name: string) => unknown {
  return (name) => {
    if (given.has(name)) return runValue(given.get(name));
    return othersUnknown ? UNKNOWN : runValue(parameterDefault(defaults, name));
  };
}

/**
 * What a runbook's target parameter holds in each execution: the ID of one target (an instance, a resource group's
 * member), never a line of shell.
 */
const TARGET_ID = "i-0123456789abcdef0";

/**
 * An association's `parameters`: names are case-sensitive, as Systems Manager matches them. An association of a
 * runbook with targets runs it once per target, giving the target's ID to `automationTargetParameterName`.
 */
export function associationValues(
  defaults: Record<string, unknown> | undefined,
  targetParameter?: unknown,
): ParameterReader {
  return (parameters) => {
    const given = new Map(Object.entries(obj(parameters) ?? {}));
    if (typeof targetParameter === "string" && targetParameter !== "" && !isUnknown(targetParameter))
      given.set(targetParameter, TARGET_ID);
    return withDefaults(given, defaults, false);
  };
}

/**
 * A task's `[{ name, values }]`; an entry or name unknown at preview may be any parameter the others leave out.
 * A name given twice takes its last entry.
 */
export function taskValues(defaults: Record<string, unknown> | undefined): ParameterReader {
  return (parameters) => {
    const entries = list(parameters);
    const othersUnknown = entries.some((e) => isUnknown(e) || isUnknown(obj(e)?.name));
    const named = entries.map(obj).filter((e) => typeof e?.name === "string" && !isUnknown(e.name));
    const given = new Map(named.map((e) => [e?.name as string, e?.values]));
    return withDefaults(given, defaults, othersUnknown);
  };
}

/** Where a task's invocation parameters sit: RUN_COMMAND tasks' and AUTOMATION tasks'. */
export type TaskInvocation = "runCommandParameters" | "automationParameters";

/**
 * A task's `taskInvocationParameters.<invocation>.parameters` (`runCommandParameters` unless told): the unknown marker
 * when it or an object holding it is unknown at preview.
 */
export function taskRunCommandParameters(
  p: Record<string, unknown>,
  invocation: TaskInvocation = "runCommandParameters",
): unknown {
  const parameters = p.taskInvocationParameters;
  const block = isUnknown(parameters) ? parameters : obj(parameters)?.[invocation];
  return isUnknown(block) ? block : obj(block)?.parameters;
}

/** A run of a document: where its findings land, the parameters it passes, and how they are read. */
export interface DocumentRun {
  urn: string;
  parameters: unknown;
  read: (defaults: Record<string, unknown> | undefined) => ParameterReader;
}
