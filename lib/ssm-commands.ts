// Shell lines that AWS Systems Manager Run Command sends to Linux instances as root: the AWS counterpart of Cloud
// Assistant, and another way to rewrite sshd_config or plant root's keys. Windows actions are not shell: the same
// walk gives their lines to the Windows reader (windows-ssm-runs.ts). Content may be hostile: nothing here throws,
// whatever its shape.
import { iteratorParameter, withLoopBodies } from "./ssm-loops";
import { shellParameters } from "./ssm-remote-scripts";
import { isSessionDocumentType, sessionShellLines } from "./ssm-sessions";
import { parseMapping } from "./structured-documents";
import { ownEntry, referencedNames } from "./template-references";
import { hasReferences } from "./template-substitution";
import { isUnknown, list, obj, UNKNOWN } from "./values";

const SHELL_ACTION = "aws:runshellscript";
/** An Automation step that sends a Command document (by name in `inputs.DocumentName`) to instances. */
const RUN_COMMAND_ACTION = "aws:runcommand";
/** A Command document step that runs another document on the same instance (`inputs.documentPath`). */
const RUN_DOCUMENT_ACTION = "aws:rundocument";
/** An Automation step that starts another runbook (`inputs.DocumentName`) with `inputs.RuntimeParameters`. */
const EXECUTE_AUTOMATION_ACTION = "aws:executeautomation";

/** Run Command sends "Command" documents to instances. */
export function isCommandDocumentType(type: unknown): boolean {
  return typeof type === "string" && type.toLowerCase() === "command";
}

/** Automation runbooks run on AWS's side, but their `aws:runCommand` steps send Command documents to instances. */
export function isAutomationDocumentType(type: unknown): boolean {
  return typeof type === "string" && type.toLowerCase() === "automation";
}

/** Which steps a document's type lets run shell: a type only known at apply may be any of them. */
export interface ShellSteps {
  /** Command documents: `aws:runShellScript` steps (schema 2.x) and plugins (schema 1.2). */
  command: boolean;
  /** Automation runbooks: `aws:runCommand` steps sending AWS-RunShellScript with their own `commands`. */
  automation: boolean;
  /** Session documents: the shell profile and Linux commands a session runs (see ssm-sessions). */
  session: boolean;
}

/** The steps a document of this type runs; a type only known at apply may be any of them. */
export function shellStepsOf(type: unknown): ShellSteps {
  const any = isUnknown(type);
  return {
    command: any || isCommandDocumentType(type),
    automation: any || isAutomationDocumentType(type),
    session: any || isSessionDocumentType(type),
  };
}

/** Where the name matchers of AWS's shell runners lived first: read from here too. */
export { isRunShellScriptDocument } from "./ssm-remote-scripts";

/** A `runCommand` or `commands` value as lines: a list of lines or one multi-line string; other shapes hold none. */
export function commandLines(v: unknown): string[] {
  return list(v).filter((line): line is string => typeof line === "string");
}

/** A document's shell lines, `{{ name }}` references as written, and its `parameters` (name → { type, default }). */
export interface DocumentShell {
  lines: string[];
  parameters: Record<string, unknown> | undefined;
}

/**
 * The shell lines of a Command, Automation or Session document's content (JSON or YAML, as `documentFormat` says;
 * the YAML parser reads both): schema 2.x `mainSteps[]` and schema 1.2 `runtimeConfig`, `aws:runShellScript` only,
 * an Automation step's AWS-RunShellScript `commands`, a session's Linux shell profile and commands. Undefined when
 * the content is not a JSON or YAML mapping.
 */
export function documentShell(content: string, steps: ShellSteps): DocumentShell | undefined {
  const doc = parseMapping(content);
  if (!doc) return undefined;
  const lines = [...runnerLines(doc, steps, SHELL_RUNNER), ...(steps.session ? sessionShellLines(doc) : [])];
  return { lines, parameters: obj(doc.parameters) };
}

/**
 * What runs a document's lines on instances: its Command document plugin (`aws:runShellScript`,
 * `aws:runPowerShellScript`), and the parameters holding lines of each runner document that an Automation
 * `aws:runCommand` step or a composite `aws:runDocument` step sends (AWS-RunShellScript's `commands`).
 */
export interface StepRunner {
  /** The plugin's action, lower-cased. */
  action: string;
  sentParameters: (documentName: unknown) => string[];
}

const SHELL_RUNNER: StepRunner = { action: SHELL_ACTION, sentParameters: shellParameters };

/**
 * The lines a document's steps give one runner, walked as `documentShell` walks them for shell (sessions aside), and
 * the document's `parameters`. Undefined when the content is not a JSON or YAML mapping.
 */
export function documentRunnerLines(content: string, steps: ShellSteps, runner: StepRunner): DocumentShell | undefined {
  const doc = parseMapping(content);
  return doc && { lines: runnerLines(doc, steps, runner), parameters: obj(doc.parameters) };
}

function runnerLines(doc: Record<string, unknown>, steps: ShellSteps, runner: StepRunner): string[] {
  return [...mainStepLines(doc, steps, runner), ...(steps.command ? schema12Lines(doc, runner) : [])];
}

/** The shell lines of a document (see `documentShell`), with the defaults of the parameters those lines reference. */
export function documentShellLines(content: string, steps: ShellSteps): string[] | undefined {
  const shell = documentShell(content, steps);
  return shell && [...shell.lines, ...referencedDefaultLines(shell.lines, shell.parameters)];
}

/** A parameter's `default`, as the document declares it (text, a list of lines, or another value). */
export function parameterDefault(parameters: Record<string, unknown> | undefined, name: string): unknown {
  return obj(ownEntry(parameters, name))?.default;
}

/**
 * Schema 2.0/2.2: `mainSteps: [{ action: aws:runShellScript, inputs: { runCommand } }]`, and composite documents'
 * `aws:runDocument` of AWS-RunShellScript (or AWS-RunRemoteScript) with its `documentParameters` (a mapping, or JSON
 * or YAML text);
 * Automation (0.3): `mainSteps: [{ action: aws:runCommand, inputs: { DocumentName: AWS-RunShellScript,
 * Parameters: { commands } } }]` (AWS-RunRemoteScript's `commandLine` too), inside `aws:loop` bodies as well, each
 * iterator value written in (ssm-loops.ts);
 * `aws:executeScript` runs Python or PowerShell on AWS's side, not on instances, and is not read.
 */
function mainStepLines(doc: Record<string, unknown>, steps: ShellSteps, runner: StepRunner): string[] {
  const mainSteps = steps.automation ? withLoopBodies(list(doc.mainSteps)) : list(doc.mainSteps);
  return mainSteps.flatMap((raw) => {
    const step = obj(raw);
    const inputs = obj(step?.inputs);
    if (steps.command && isAction(step?.action, runner.action)) return commandLines(inputs?.runCommand);
    if (steps.command && isAction(step?.action, RUN_DOCUMENT_ACTION)) {
      const given = documentParameters(inputs?.documentParameters);
      return runner.sentParameters(inputs?.documentPath).flatMap((name) => commandLines(given?.[name]));
    }
    if (steps.automation && isRunCommandAction(step?.action))
      return runner
        .sentParameters(sentDocument(inputs?.DocumentName))
        .flatMap((name) => commandLines(obj(inputs?.Parameters)?.[name]));
    return [];
  });
}

/**
 * A runbook step that runs another document: an `aws:runCommand` step sends a Command document (`DocumentName`) with
 * its `Parameters`, an `aws:executeAutomation` step starts a runbook with its `RuntimeParameters`, once per target
 * when it names the parameter each target's ID is given (`TargetParameterName`).
 */
export interface DocumentStep {
  documentName: unknown;
  parameters: unknown;
  targetParameter?: unknown;
}

/** A runbook's steps that run other documents (loop bodies included) and its declared `parameters`. */
export interface RunbookSteps {
  runCommand: DocumentStep[];
  executeAutomation: DocumentStep[];
  parameters: Record<string, unknown> | undefined;
}

/** The steps of a runbook's content that run other documents; undefined when it does not parse. */
export function runbookSteps(content: string): RunbookSteps | undefined {
  const doc = parseMapping(content);
  if (!doc) return undefined;
  const steps = withLoopBodies(list(doc.mainSteps));
  const inputsOf = (action: string) =>
    steps.filter((step) => isAction(step.action, action)).map((step) => obj(step.inputs));
  return {
    runCommand: inputsOf(RUN_COMMAND_ACTION).map((i) => ({ documentName: i?.DocumentName, parameters: i?.Parameters })),
    executeAutomation: inputsOf(EXECUTE_AUTOMATION_ACTION).map((i) => ({
      documentName: i?.DocumentName,
      parameters: i?.RuntimeParameters,
      targetParameter: i?.TargetParameterName,
    })),
    parameters: obj(doc.parameters),
  };
}

/** A `DocumentName` given by a reference (`{{ Runner }}`) is only known when the runbook runs: it may be any runner. */
function sentDocument(name: unknown): unknown {
  return typeof name === "string" && hasReferences(name) ? UNKNOWN : name;
}

/** Schema 1.2: `runtimeConfig: { aws:runShellScript: { properties: [{ runCommand }] } }` (or the runner's plugin). */
function schema12Lines(doc: Record<string, unknown>, runner: StepRunner): string[] {
  const runtime = obj(doc.runtimeConfig) ?? {};
  return Object.entries(runtime)
    .filter(([action]) => isAction(action, runner.action))
    .flatMap(([, plugin]) => list(obj(plugin)?.properties))
    .flatMap((props) => commandLines(obj(props)?.runCommand));
}

function isRunCommandAction(action: unknown): boolean {
  return isAction(action, RUN_COMMAND_ACTION);
}

function isAction(action: unknown, name: string): boolean {
  return typeof action === "string" && action.toLowerCase() === name;
}

/** `documentParameters`, given as a mapping or as the JSON (or YAML) text of one. */
function documentParameters(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "string" ? parseMapping(v) : obj(v);
}

/**
 * Each referenced parameter's default once, however often the lines name it (`{{ commands }}`); a loop's iterator
 * reference stands for its list parameter's items (ssm-loops.ts).
 */
export function referencedDefaultLines(lines: string[], parameters: Record<string, unknown> | undefined): string[] {
  const names = referencedNames(lines).map((name) => iteratorParameter(name) ?? name);
  return [...new Set(names)].flatMap((name) => commandLines(parameterDefault(parameters, name)));
}
