// OOS templates whose RunCommand tasks name a Windows command type (RunPowerShellScript, RunBatScript) run them on
// Windows instances: read by the Windows reader, as the shell reader reads the other tasks (oos-templates.ts).
// Content unknown at preview, or that does not parse, is noted by the shell reading; it is not noted twice.
import { templateWindowsScripts } from "./oos-templates";
import { isUnknown } from "./values";
import { WindowsFinding, windowsScriptFindings } from "./windows-script-findings";

/** The findings of a template's Windows tasks (its `content`), one script per task, run in order. */
export function windowsOosTemplateFindings(p: Record<string, unknown>): WindowsFinding[] {
  const content = p.content;
  if (typeof content !== "string" || isUnknown(content)) return [];
  return windowsScriptFindings("content", templateWindowsScripts(content) ?? []);
}
