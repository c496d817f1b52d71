// A Systems Manager document's shell steps, and for a Command document or Automation runbook whose steps reference
// its parameters (`{{ name }}`), which findings are its own and which wait for the values each run passes. An
// association or maintenance window task replaces a parameter's default with its value; the rule's stack part judges
// those runs (ssm-document-runs.ts).
import {
  documentShell,
  documentShellLines,
  isAutomationDocumentType,
  isCommandDocumentType,
  referencedDefaultLines,
  shellStepsOf,
} from "../../lib/ssm-commands";
import { iteratorParameter } from "../../lib/ssm-loops";
import { isUnknown } from "../../lib/values";
import { ReferenceSplit, referenceNames, splitOnReferences } from "./command-parameters";
import { Finding, unverifiable } from "./findings";
import { documentFindings } from "./script-findings";

export const SSM_DOCUMENT = "aws:ssm/document:Document";
export const CONTENT = "content";

/**
 * A document read as a whole, each referenced parameter's default read beside the steps: Command documents run
 * their `aws:runShellScript` steps as root, Automation runbooks send AWS-RunShellScript from `aws:runCommand` steps,
 * Session documents run a shell profile or commands at the start of every session. A type only known at apply may
 * be any of them; content that does not parse then cannot be read, else it is no command.
 */
export function ssmDocumentFindings(p: Record<string, unknown>): Finding[] {
  const steps = shellStepsOf(p.documentType);
  if (!steps.command && !steps.automation && !steps.session) return [];
  return documentFindings(CONTENT, p.content, (text) => {
    const lines = documentShellLines(text, steps);
    return lines && [lines.join("\n")];
  });
}

export interface SsmDocumentReading extends ReferenceSplit {
  /** The shell steps' lines, references as written. */
  script: string;
  /** The document's `parameters`, whose defaults stand for the names a run leaves out. */
  parameters: Record<string, unknown> | undefined;
}

/**
 * A Command document or Automation runbook (or one of a type only known at apply) whose shell steps reference
 * parameters; undefined for any other document. Its findings on lines that hold a reference wait for each run's values; everything else it
 * reports is its own, what a weakening default does included: that runs wherever a run leaves the parameter out
 * (the console, the CLI, another stack), and a fix changes the document.
 */
export function ssmDocumentReading(p: Record<string, unknown>): SsmDocumentReading | undefined {
  const type = p.documentType;
  if (!isUnknown(type) && !isCommandDocumentType(type) && !isAutomationDocumentType(type)) return undefined;
  if (typeof p.content !== "string" || isUnknown(p.content)) return undefined;
  const shell = documentShell(p.content, shellStepsOf(type));
  const script = shell?.lines.join("\n") ?? "";
  if (!shell || referenceNames(script).length === 0) return undefined;
  // The whole reading appends the defaults after the steps: emptied, the steps keep them.
  const defaults = referencedDefaultLines(shell.lines, shell.parameters);
  const split = splitOnReferences(CONTENT, script, ssmDocumentFindings(p), defaults);
  return { script, parameters: shell.parameters, ...split, onReferences: withRunTimeItems(script, split.onReferences) };
}

/**
 * A loop over another step's output (lib/ssm-loops.ts) runs items no run of the stack gives: when the document's
 * reading notes nothing else, it is noted, wherever its reference stands.
 */
function withRunTimeItems(script: string, onReferences: Finding[]): Finding[] {
  const runTime = referenceNames(script).filter((name) => iteratorParameter(name) === null);
  if (runTime.length === 0 || onReferences.some((f) => f.unverifiable)) return onReferences;
  return [unverifiable(`${CONTENT} loop items ${runTime.join(", ")}`, "another step's output"), ...onReferences];
}
