// CloudOps Orchestration Service (OOS) executions: an execution runs a template, a public one by name
// (ACS-ECS-BulkyRunCommand runs its `commandContent` parameter as root on every target) or its own
// `templateContent`, with `parameters` filling the template's `{{ name }}` references. Either way the script that
// rewrites sshd_config may sit in the parameters rather than in any template the stack declares.
import { templateShellScripts, templateWindowsScripts } from "../../lib/oos-templates";
import { parseMapping } from "../../lib/structured-documents";
import { decodeUserData } from "../../lib/userdata";
import { containsUnknown, isUnknown, obj } from "../../lib/values";
import { windowsScriptFindings } from "../../lib/windows-script-findings";
import { windowsCommandLanguage, WindowsScript } from "../../lib/windows-scripts";
import { Finding, unverifiable } from "./findings";
import { Check } from "./rule";
import { scriptsFindings } from "./script-findings";
import { appendAll } from "../../lib/arrays";

const MAX_DEPTH = 8;

/** Templates named like this run the script their parameters carry (ACS-ECS-BulkyRunCommand and its kin). */
const RUNS_COMMANDS = /command/i;

/** Every text inside the parameters: any of them may be the script a template runs. */
function texts(v: unknown, depth = 0): string[] {
  if (typeof v === "string") return [v];
  if (depth > MAX_DEPTH || v === null || typeof v !== "object") return [];
  return Object.values(v).flatMap((x) => texts(x, depth + 1));
}

/** The parameters as a mapping; undefined when they are no JSON or YAML mapping. */
function parsedParameters(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null || v === "") return {};
  if (typeof v === "string") return parseMapping(v);
  return obj(v);
}

/** The template's own content with each execution parameter given as the default of its reference. */
function contentWithParameters(doc: Record<string, unknown>, parameters: Record<string, unknown>): string {
  const declared = obj(doc.Parameters) ?? {};
  const filled: Record<string, unknown> = { ...declared };
  for (const [name, value] of Object.entries(parameters)) filled[name] = { ...obj(declared[name]), Default: value };
  return JSON.stringify({ ...doc, Parameters: filled });
}

/**
 * Scripts of an execution: every text of its parameters (read by the Windows reader when they say the command is a
 * Windows one), and the shell and Windows scripts of its own template content with the parameters spliced in. A
 * template name, parameters or content unknown at preview may run anything: a note when the template may run commands.
 */
export function oosExecutionCheck(): Check<unknown> {
  return (p) => {
    const findings: Finding[] = [];
    const content = p.templateContent;
    const mayRunCommands =
      isUnknown(p.templateName) ||
      (typeof p.templateName === "string" && RUNS_COMMANDS.test(p.templateName)) ||
      (content !== undefined && content !== null);
    const unknownParameters = isUnknown(p.parameters) || containsUnknown(p.parameters);
    const parameters = unknownParameters ? {} : parsedParameters(p.parameters);
    if (!parameters) return [unverifiable("parameters", "they do not parse as JSON or YAML")];
    const windows = windowsCommandLanguage(parameters.commandType) ?? windowsCommandLanguage(parameters.CommandType);
    // A command may be written plain or base64-encoded, as Cloud Assistant takes it.
    const scripts = texts(parameters).map(decodeUserData);
    const own: string[] = [];
    const ownWindows: WindowsScript[] = [];
    if (isUnknown(content)) findings.push(unverifiable("templateContent"));
    else if (typeof content === "string") {
      const doc = parseMapping(content);
      const filled = doc && contentWithParameters(doc, parameters);
      const read = filled && templateShellScripts(filled);
      if (!filled || !read) findings.push(unverifiable("templateContent", "it does not parse as JSON or YAML"));
      else {
        appendAll(own, read);
        appendAll(ownWindows, templateWindowsScripts(filled) ?? []);
      }
    }
    // A parameter spliced into the content is quoted once, where it runs.
    const ownFindings = [
      ...scriptsFindings("templateContent", own),
      ...windowsScriptFindings("templateContent", ownWindows),
    ];
    const quoted = new Set(ownFindings.map((f) => f.message.slice(f.message.indexOf(":"))));
    const parameterFindings = (
      windows
        ? windowsScriptFindings(
            "parameters",
            scripts.map((text) => ({ language: windows, text })),
          )
        : scriptsFindings("parameters", scripts)
    ).filter((f) => !quoted.has(f.message.slice(f.message.indexOf(":"))));
    const all = [...findings, ...parameterFindings, ...ownFindings];
    // Parameters unknown at preview still leave the template content's own scripts (and defaults) to read; they
    // may carry any script, a note unless one already says so.
    const noted = all.some((f) => f.unverifiable);
    return unknownParameters && mayRunCommands && !noted ? [unverifiable("parameters"), ...all] : all;
  };
}
