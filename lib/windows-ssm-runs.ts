// Systems Manager runs PowerShell on Windows instances: associations and maintenance window tasks of
// AWS-RunPowerShellScript (their `commands`), Command documents' `aws:runPowerShellScript` steps (schema 2.x
// mainSteps, schema 1.2 runtimeConfig, composite `aws:runDocument` steps of AWS-RunPowerShellScript) and Automation
// `aws:runCommand` steps sending AWS-RunPowerShellScript. Read by the Windows reader, as their shell counterparts are
// by the shell reader (run-command-checks.ts), walked alike (ssm-commands.ts). A document's `{{ name }}` references
// are filled with their defaults, as when a run leaves them out; a line that is a reference alone runs whatever
// commands a run gives: a note, as runs' values are not joined here.
import { commandLines, documentRunnerLines, parameterDefault, shellStepsOf, StepRunner } from "./ssm-commands";
import { containsUnknown, isUnknown, list, obj } from "./values";
import { WindowsFinding, windowsScriptFindings } from "./windows-script-findings";

const RUN_POWERSHELL_SCRIPT = "AWS-RunPowerShellScript";
const COMMANDS = "commands";
const FIELD = `parameters.${COMMANDS}`;
const CONTENT = "content";
const POWERSHELL_RUNNER: StepRunner = {
  action: "aws:runpowershellscript",
  sentParameters: (name) => (isRunPowerShellScriptDocument(name) ? [COMMANDS] : []),
};
/** A `{{ name }}` reference to a document parameter (not `{{ssm:…}}`, read from Parameter Store at run time). */
const REFERENCE = /\{\{\s*([\w.-]+)\s*\}\}/g;
const REFERENCE_TEST = /\{\{\s*[\w.-]+\s*\}\}/;
/** What values may add to a document's text: past it, references stay as written (a note where they matter). */
const DEFAULTS_BUDGET = 1 << 20;
/** A line that is one `{{ name }}` reference and nothing else. */
const WHOLE_LINE_REFERENCE = /^\s*\{\{\s*([\w.:-]+)\s*\}\}\s*$/;

/** AWS's PowerShell runner, by name or by ARN (`arn:aws:ssm:…::document/AWS-RunPowerShellScript`). */
export function isRunPowerShellScriptDocument(name: unknown): boolean {
  return (
    typeof name === "string" && (name === RUN_POWERSHELL_SCRIPT || name.endsWith(`:document/${RUN_POWERSHELL_SCRIPT}`))
  );
}

/**
 * The findings of an association of AWS-RunPowerShellScript; undefined for any other association (a document named
 * only at apply included), for the shell reader to read. Commands unknown at preview cannot be verified.
 */
export function windowsAssociationFindings(p: Record<string, unknown>): WindowsFinding[] | undefined {
  if (!isRunPowerShellScriptDocument(p.name)) return undefined;
  const commands = isUnknown(p.parameters) ? p.parameters : obj(p.parameters)?.commands;
  if (containsUnknown(commands))
    return [{ message: `cannot be verified at preview: ${FIELD} is unknown`, unverifiable: true }];
  return windowsScriptFindings(FIELD, [{ language: "powershell", text: commandLines(commands).join("\n") }]);
}

/** A document's PowerShell as written, `{{ name }}` references in place, and the parameters it declares. */
export interface WindowsDocumentReading {
  text: string;
  parameters: Record<string, unknown> | undefined;
}

/**
 * The PowerShell of a Command document or Automation runbook (a type only known at apply may be either); undefined
 * when it has none, or its content is unknown at preview or does not parse (which the shell reading reports).
 */
export function windowsDocumentReading(p: Record<string, unknown>): WindowsDocumentReading | undefined {
  const steps = shellStepsOf(p.documentType);
  if ((!steps.command && !steps.automation) || typeof p.content !== "string" || isUnknown(p.content)) return undefined;
  const read = documentRunnerLines(p.content, { ...steps, session: false }, POWERSHELL_RUNNER);
  if (!read || read.lines.length === 0) return undefined;
  return { text: read.lines.join("\n"), parameters: read.parameters };
}

/** The findings of a document's PowerShell (see `windowsDocumentReading`), its references filled with defaults. */
export function windowsDocumentFindings(p: Record<string, unknown>): WindowsFinding[] {
  const reading = windowsDocumentReading(p);
  if (!reading) return [];
  const given = new Set(reading.text.split("\n").flatMap((line) => WHOLE_LINE_REFERENCE.exec(line)?.[1] ?? []));
  const notes = [...given].map((name) => ({
    message: `cannot be verified at preview: ${CONTENT} runs the PowerShell commands each run gives {{ ${name} }}`,
    unverifiable: true,
  }));
  return [...readPowerShell(CONTENT, filled(reading.text, defaultsOf(reading))), ...notes];
}

/**
 * What one run of the document does that its own reading (defaults filled in) does not, labelled `label`: `values`
 * gives each name's value as the run passes it (its default when it passes none; the unknown marker when only
 * known at run time, which leaves the reference in place).
 */
export function windowsRunFindings(
  reading: WindowsDocumentReading,
  values: (name: string) => unknown,
  label: string,
): WindowsFinding[] {
  if (!REFERENCE_TEST.test(reading.text)) return [];
  const own = new Set(readPowerShell(CONTENT, filled(reading.text, defaultsOf(reading))).map((f) => f.message));
  const text = filled(reading.text, (name) => {
    const value = values(name);
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
  });
  const keys = readPowerShell(CONTENT, text).map((f) => f.message);
  return readPowerShell(label, text).filter((_, i) => !own.has(keys[i]));
}

function readPowerShell(field: string, { text, unread }: FilledText): WindowsFinding[] {
  return windowsScriptFindings(field, [{ language: "powershell", text }], unread);
}

/** A parameter's default as Systems Manager fills it in: text as is, a list's items as lines. */
function defaultsOf(reading: WindowsDocumentReading): (name: string) => string | undefined {
  return (name) => {
    const value = parameterDefault(reading.parameters, name);
    return typeof value === "string" ? value : Array.isArray(value) ? commandLines(value).join("\n") : undefined;
  };
}

/** A document's text with its references filled in, and why some were left as written, if the budget left any. */
interface FilledText {
  text: string;
  unread?: string;
}

/**
 * The text with each reference that `value` gives a value replaced by it, as Systems Manager fills them in; the
 * others stay as written. What is filled in is bounded: past the budget, references stay, and what they would run
 * is unread.
 */
function filled(text: string, value: (name: string) => string | undefined): FilledText {
  let budget = DEFAULTS_BUDGET;
  let unread: string | undefined;
  const done = text.replace(REFERENCE, (whole, name: string) => {
    const given = value(name);
    if (given === undefined) return whole;
    if (given.length > budget) {
      unread ??= `parameter values filled into the document past ${DEFAULTS_BUDGET >> 20} MB in all`;
      return whole;
    }
    budget -= given.length;
    return given;
  });
  return unread === undefined ? { text: done } : { text: done, unread };
}

/**
 * The findings of a maintenance window task of AWS-RunPowerShellScript, given its run-command `parameters`
 * (`[{ name, values }]`, `field` naming them); undefined for a task of any other document.
 */
export function windowsTaskFindings(
  taskArn: unknown,
  parameters: unknown,
  field: string,
): WindowsFinding[] | undefined {
  if (!isRunPowerShellScriptDocument(taskArn)) return undefined;
  if (isUnknown(parameters))
    return [{ message: `cannot be verified at preview: ${field} is unknown`, unverifiable: true }];
  return list(parameters).flatMap((entry, i) => {
    const parameter = obj(entry);
    const where = `${field}[${i}]`;
    if (isUnknown(entry) || isUnknown(parameter?.name))
      return [{ message: `cannot be verified at preview: ${where} is unknown`, unverifiable: true }];
    if (parameter?.name !== COMMANDS) return [];
    if (containsUnknown(parameter.values))
      return [{ message: `cannot be verified at preview: ${where}.values is unknown`, unverifiable: true }];
    const text = commandLines(parameter.values).join("\n");
    return windowsScriptFindings(`${where}.values`, [{ language: "powershell", text }]);
  });
}
