// Systems Manager associations of AWS-RunPowerShellScript run their `parameters.commands` as PowerShell on Windows
// instances: read by the Windows reader, as AWS-RunShellScript's are by the shell reader (run-command-checks.ts).
// Command documents' own aws:runPowerShellScript steps and maintenance window tasks are not read here.
import { commandLines } from "./ssm-commands";
import { containsUnknown, isUnknown, obj } from "./values";
import { WindowsFinding, windowsScriptFindings } from "./windows-script-findings";

const RUN_POWERSHELL_SCRIPT = "AWS-RunPowerShellScript";
const FIELD = "parameters.commands";

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
