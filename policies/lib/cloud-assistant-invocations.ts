// Cloud Assistant commands judged with the values their invocations pass (the stack part of
// disallow-userdata-login-weakening). An ecs.EcsInvocation runs the command its `commandId` names on `instanceIds`,
// filling the command's `{{ name }}` references from `parameters`. A weakening that only the values make is reported
// on the invocation, the resource a fix must change (the same command may run elsewhere with hardened values); the
// command's own text is judged by the resource part. A command that no invocation of the stack runs keeps its notes:
// it may be invoked from outside.
import { GenericResource } from "../../lib/reachability";
import { COMMAND, commandReading, CommandReading, FIELD, uninvokedFindings } from "./cloud-assistant-commands";
import { runFindings } from "./command-parameters";
import { refersTo, StackFinding } from "./stack-rule";
import { templateRunFindings } from "./template-runs";

export const ECS_INVOCATION = "alicloud:ecs/ecsInvocation:EcsInvocation";

/** Invocations linked to a command: a property dependency at preview, or the command's known id after deployment. */
function invocationsOf(command: GenericResource, invocations: readonly GenericResource[]): GenericResource[] {
  return invocations.filter((i) => refersTo(i, "commandId", command, ["id"]));
}

/** What one invocation runs, less what the command's text does whatever the values (reported on the command). */
function invocationFindings(command: GenericResource, reading: CommandReading, invocation: GenericResource) {
  const label = `${FIELD} of ${command.name} with these parameters`;
  return runFindings({ field: FIELD, label, script: reading.script, own: reading.own }, invocation.inputs.parameters);
}

/** Findings for every shell command with custom parameters (on, or unknown at preview) and its invocations. */
export function cloudAssistantInvocationFindings(resources: readonly GenericResource[]): StackFinding[] {
  const invocations = resources.filter((r) => r.type === ECS_INVOCATION);
  return resources
    .filter((r) => r.type === COMMAND)
    .flatMap((command) => {
      const reading = commandReading(command.inputs);
      if (!reading?.takesParameters) return [];
      return templateRunFindings(
        command,
        invocationsOf(command, invocations),
        () => uninvokedFindings(reading),
        (invocation) => invocationFindings(command, reading, invocation),
      );
    });
}
