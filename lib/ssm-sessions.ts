// Systems Manager Session documents run shell too: a Standard_Stream session's shell profile runs at the start of
// every Session Manager session (as ssm-user, who has sudo), and an InteractiveCommands or NonInteractiveCommands
// session runs its Linux commands. Either may rewrite sshd_config or plant root's keys on every instance reached.
import { obj, strings } from "./values";

/** Session Manager starts sessions from "Session" documents. */
export function isSessionDocumentType(type: unknown): boolean {
  return typeof type === "string" && type.toLowerCase() === "session";
}

/** `inputs.shellProfile.linux` and `properties.linux.commands`, each a string (or a list of lines). */
export function sessionShellLines(doc: Record<string, unknown>): string[] {
  const profile = obj(obj(doc.inputs)?.shellProfile)?.linux;
  const commands = obj(obj(doc.properties)?.linux)?.commands;
  return [...strings(profile), ...strings(commands)];
}
