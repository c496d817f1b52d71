// Shell lines that AWS Systems Manager Run Command sends to Linux instances as root: the AWS counterpart of Cloud
// Assistant, and another way to rewrite sshd_config or plant root's keys. Windows actions are not shell and are
// not read. Content may be hostile: nothing here throws, whatever its shape.
import { list, obj } from "./values";

/** The YAML parser loads on the first document read: most stacks have none, and the pack's start-up is timed. */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

const SHELL_ACTION = "aws:runshellscript";
const RUN_SHELL_SCRIPT = "AWS-RunShellScript";
/** `{{ commands }}`: a step's runCommand may name a document parameter whose default holds the script. */
const PARAMETER_REFERENCE = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Run Command sends "Command" documents to instances; other document types are not read here. */
export function isCommandDocumentType(type: unknown): boolean {
  return typeof type === "string" && type.toLowerCase() === "command";
}

/** An association's document is AWS's shell runner, by name or by ARN (`arn:aws:ssm:…::document/AWS-RunShellScript`). */
export function isRunShellScriptDocument(name: unknown): boolean {
  return typeof name === "string" && (name === RUN_SHELL_SCRIPT || name.endsWith(`:document/${RUN_SHELL_SCRIPT}`));
}

/** A `runCommand` or `commands` value as lines: a list of lines or one multi-line string; other shapes hold none. */
export function commandLines(v: unknown): string[] {
  return list(v).filter((line): line is string => typeof line === "string");
}

/**
 * The shell lines of a Command document's content (JSON or YAML, as `documentFormat` says; the YAML parser reads
 * both): schema 2.x `mainSteps[]` and schema 1.2 `runtimeConfig`, `aws:runShellScript` only, with the defaults of
 * the parameters those lines reference. Undefined when the content is not a JSON or YAML mapping.
 */
export function documentShellLines(content: string): string[] | undefined {
  const doc = parseDocument(content);
  if (!doc) return undefined;
  const lines = [...schema22Lines(doc), ...schema12Lines(doc)];
  return [...lines, ...referencedDefaults(lines, obj(doc.parameters))];
}

/** Duplicate keys keep the last value, as JSON parsers do; errors or a non-mapping mean no document. */
function parseDocument(content: string): Record<string, unknown> | undefined {
  try {
    const doc = yaml().parseDocument(content, { logLevel: "silent", uniqueKeys: false });
    if (doc.errors.length > 0) return undefined;
    return obj(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

/** Schema 2.0/2.2: `mainSteps: [{ action: aws:runShellScript, inputs: { runCommand } }]`. */
function schema22Lines(doc: Record<string, unknown>): string[] {
  return list(doc.mainSteps)
    .map(obj)
    .filter((step) => isShellAction(step?.action))
    .flatMap((step) => commandLines(obj(step?.inputs)?.runCommand));
}

/** Schema 1.2: `runtimeConfig: { aws:runShellScript: { properties: [{ runCommand }] } }`. */
function schema12Lines(doc: Record<string, unknown>): string[] {
  const runtime = obj(doc.runtimeConfig) ?? {};
  return Object.entries(runtime)
    .filter(([action]) => isShellAction(action))
    .flatMap(([, plugin]) => list(obj(plugin)?.properties))
    .flatMap((props) => commandLines(obj(props)?.runCommand));
}

function isShellAction(action: unknown): boolean {
  return typeof action === "string" && action.toLowerCase() === SHELL_ACTION;
}

/** Each referenced parameter's default once, however often the lines name it. */
function referencedDefaults(lines: string[], parameters: Record<string, unknown> | undefined): string[] {
  if (!parameters) return [];
  const names = new Set(lines.flatMap((line) => [...line.matchAll(PARAMETER_REFERENCE)].map((m) => m[1])));
  return [...names]
    .filter((name) => Object.hasOwn(parameters, name))
    .flatMap((name) => commandLines(obj(parameters[name])?.default));
}
