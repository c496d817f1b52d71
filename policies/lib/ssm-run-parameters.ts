// The values a Systems Manager association or maintenance window RUN_COMMAND task gives a Command document's
// parameters. An association passes `parameters`, a map of name to text (the provider's type; the API's is a list of
// text per name, so a list is read too), a task `[{ name, values }]`. A parameter the run leaves out takes the
// document's `default`. `{{ssm:name}}` (and `{{ssm-secure:name}}`) in a value is read from Parameter Store at run
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

/** An association's `parameters`: names are case-sensitive, as Systems Manager matches them. */
export function associationValues(defaults: Record<string, unknown> | undefined): ParameterReader {
  return (parameters) => withDefaults(new Map(Object.entries(obj(parameters) ?? {})), defaults, false);
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

/**
 * A task's `taskInvocationParameters.runCommandParameters.parameters`: the unknown marker when it or an object
 * holding it is unknown at preview.
 */
export function taskRunCommandParameters(p: Record<string, unknown>): unknown {
  const invocation = p.taskInvocationParameters;
  const runCommand = isUnknown(invocation) ? invocation : obj(invocation)?.runCommandParameters;
  return isUnknown(runCommand) ? runCommand : obj(runCommand)?.parameters;
}
