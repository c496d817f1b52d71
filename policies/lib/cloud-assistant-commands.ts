// A Cloud Assistant command (ecs.Command) pushes `commandContent` (base64) to running instances as root. With custom
// parameters on, its `{{ name }}` references take the values each invocation (ecs.EcsInvocation) passes: what the
// text does whatever the values is the command's own; what a reference decides is judged with each invocation.
import { decodeUserData } from "../../lib/userdata";
import { bool, isUnknown } from "../../lib/values";
import { windowsScriptFindings } from "../../lib/windows-script-findings";
import { isWindowsCommandType, windowsCommandLanguage } from "../../lib/windows-scripts";
import { ReferenceSplit, referenceNames, splitOnReferences, weakeningReferences } from "./command-parameters";
import { Finding, unverifiable } from "./findings";
import { Check } from "./rule";
import { scriptFindings } from "./script-findings";

export const COMMAND = "alicloud:ecs/command:Command";
export const FIELD = "commandContent";

export interface CommandReading extends ReferenceSplit {
  /** The decoded script, references as written. */
  script: string;
  /** Custom parameters on, or unknown at preview: references are filled by each invocation. */
  takesParameters: boolean;
}

/** A shell command's reading; undefined for Windows scripts (see withWindowsCommands) and content not known text. */
export function commandReading(p: Record<string, unknown>): CommandReading | undefined {
  if (isWindowsCommandType(p.type) || typeof p.commandContent !== "string" || isUnknown(p.commandContent))
    return undefined;
  const script = decodeUserData(p.commandContent);
  const literal = scriptFindings(FIELD, script);
  // Without custom parameters (the default) a reference is literal text.
  const takesParameters = isUnknown(p.enableParameter) || bool(p.enableParameter) === true;
  if (!takesParameters || referenceNames(script).length === 0)
    return { script, takesParameters, own: literal, onReferences: [] };
  return { script, takesParameters, ...splitOnReferences(FIELD, script, literal) };
}

/**
 * A command with custom parameters that no invocation of the stack runs may be invoked from anywhere with any
 * values: its lines on references are notes, or, when a reference stands alone where its text would set an sshd
 * option or root's keys (probed with a weakening line), one note naming the parameters.
 */
export function uninvokedFindings(reading: CommandReading): Finding[] {
  if (!reading.takesParameters) return [];
  if (reading.onReferences.length > 0) return reading.onReferences;
  const names = referenceNames(reading.script);
  if (!weakeningReferences(reading.script, names, scriptFindings("", reading.script))) return [];
  const message = `cannot be verified: ${FIELD} writes its parameters (${names.join(", ")}) where they set sshd options or root's keys, and each invocation gives their values; write the hardened lines themselves`;
  return [{ message, unverifiable: true }];
}

/**
 * Reads RunBatScript and RunPowerShellScript commands with the Windows reader (a password spelled in the script, or
 * Windows OpenSSH taking passwords), other commands with `shellCheck`. A Windows command's `{{ name }}` references
 * are read as values from outside the script: notes, whatever its invocations pass.
 */
export function withWindowsCommands(shellCheck: Check<unknown>): Check<unknown> {
  return (p, ctx) => windowsCommandFindings(p) ?? shellCheck(p, ctx);
}

function windowsCommandFindings(p: Record<string, unknown>): Finding[] | undefined {
  const language = windowsCommandLanguage(p.type);
  if (language === undefined) return undefined;
  if (isUnknown(p.commandContent)) return [unverifiable(FIELD)];
  if (typeof p.commandContent !== "string") return [];
  return windowsScriptFindings(FIELD, [{ language, text: decodeUserData(p.commandContent) }]);
}
