// The parameters whose text AWS's shell runners run as root on Linux instances: AWS-RunShellScript's `commands`, and
// AWS-RunRemoteScript's `commandLine`, which a shell step runs after downloading a script (from S3 or GitHub, not in
// the plan; the line itself is, and may rewrite sshd_config as well as any script).
import { isUnknown } from "./values";

const RUN_SHELL_SCRIPT = "AWS-RunShellScript";
const RUN_REMOTE_SCRIPT = "AWS-RunRemoteScript";

/** AWS's shell runner, by name or by ARN (`arn:aws:ssm:…::document/AWS-RunShellScript`). */
export function isRunShellScriptDocument(name: unknown): boolean {
  return typeof name === "string" && (name === RUN_SHELL_SCRIPT || name.endsWith(`:document/${RUN_SHELL_SCRIPT}`));
}

/** AWS-RunRemoteScript, by name or by ARN (`arn:aws:ssm:…::document/AWS-RunRemoteScript`). */
export function isRunRemoteScriptDocument(name: unknown): boolean {
  return typeof name === "string" && (name === RUN_REMOTE_SCRIPT || name.endsWith(`:document/${RUN_REMOTE_SCRIPT}`));
}

/** The shell parameters of the document an association or task names; one unknown at preview may be either runner. */
export function shellParameters(document: unknown): string[] {
  if (isUnknown(document)) return ["commands", "commandLine"];
  if (isRunShellScriptDocument(document)) return ["commands"];
  return isRunRemoteScriptDocument(document) ? ["commandLine"] : [];
}
