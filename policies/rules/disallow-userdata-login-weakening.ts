import {
  commandLines,
  documentShellLines,
  isAutomationDocumentType,
  isCommandDocumentType,
  isRunShellScriptDocument,
} from "../../lib/ssm-commands";
import { decodeUserData, findLoginWeaknesses, weaknessContext } from "../../lib/userdata";
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

const EXPLAIN: Record<string, string> = {
  "password-authentication": "enables SSH password authentication",
  "root-login": "permits root login",
  "root-authorized-keys": "writes /root/.ssh/authorized_keys",
  "password-set": "sets a login password",
};

/** The weaknesses of a script, quoted, under the name of the field that carries it, with where a line was written. */
function scriptFindings(field: string, script: string): Finding[] {
  return findLoginWeaknesses(script).map((w) =>
    violation(`${field} ${EXPLAIN[w.kind]}: "${w.line.slice(0, 120)}"${weaknessContext(w)}`),
  );
}

/**
 * One user-data value, plain or base64 (gzip included), MIME and cloud-config alike: decodeUserData reads base64
 * when the text is base64 and the text itself otherwise, so fields documented as either need no flag.
 */
function userDataFindings(field: string, v: unknown): Finding[] {
  if (isUnknown(v)) return [unverifiable(field)];
  return typeof v === "string" ? scriptFindings(field, decodeUserData(v)) : [];
}

/** Reads every user-data field the resource has. */
function userDataCheck(fields: string[]): Check<unknown> {
  return (p) => fields.flatMap((field) => userDataFindings(field, p[field]));
}

/** Spot fleets carry plain user data in each launch specification; any of them may be the one that weakens login. */
function spotFleetCheck(): Check<unknown> {
  return (p) => {
    const specs = p.launchSpecifications;
    if (isUnknown(specs)) return [unverifiable("launchSpecifications")];
    return list(specs).flatMap((spec, i) => {
      const field = `launchSpecifications[${i}]`;
      if (isUnknown(spec)) return [unverifiable(field)];
      return userDataFindings(`${field}.userData`, obj(spec)?.userData);
    });
  };
}

/** Cloud Assistant command types that run on Windows: their content is not a shell script. */
const WINDOWS_COMMAND_TYPES = new Set(["runbatscript", "runpowershellscript"]);

/**
 * Cloud Assistant pushes `commandContent` (base64) to running instances as root, another way to rewrite sshd_config.
 * Shell scripts (`RunShellScript`, or a type not known at preview) are read; Windows scripts are not.
 */
function cloudAssistantCheck(): Check<unknown> {
  const content = userDataCheck(["commandContent"]);
  return (p, ctx) => {
    const type = p.type;
    if (typeof type === "string" && !isUnknown(type) && WINDOWS_COMMAND_TYPES.has(type.toLowerCase())) return [];
    return content(p, ctx);
  };
}

/**
 * Systems Manager Command documents run their `aws:runShellScript` steps as root, like Cloud Assistant, and
 * Automation runbooks send AWS-RunShellScript from `aws:runCommand` steps. A type only known at apply may be either;
 * content that does not parse then cannot be read, else it is no command.
 */
function ssmDocumentCheck(): Check<unknown> {
  return (p) => {
    const type = p.documentType;
    const steps = {
      command: isUnknown(type) || isCommandDocumentType(type),
      automation: isUnknown(type) || isAutomationDocumentType(type),
    };
    if (!steps.command && !steps.automation) return [];
    const content = p.content;
    if (isUnknown(content)) return [unverifiable("content")];
    if (typeof content !== "string") return [];
    const lines = documentShellLines(content, steps);
    if (!lines) return [unverifiable("content", "it does not parse as JSON or YAML")];
    return scriptFindings("content", lines.join("\n"));
  };
}

/** An association of AWS-RunShellScript runs `parameters.commands`; a document named only at apply may be it. */
function ssmAssociationCheck(): Check<unknown> {
  return (p) => {
    if (!isUnknown(p.name) && !isRunShellScriptDocument(p.name)) return [];
    const field = "parameters.commands";
    if (isUnknown(p.parameters)) return [unverifiable("parameters")];
    const commands = obj(p.parameters)?.commands;
    if (containsUnknown(commands)) return [unverifiable(field)];
    return scriptFindings(field, commandLines(commands).join("\n"));
  };
}

/**
 * A maintenance window's RUN_COMMAND task of AWS-RunShellScript runs the `commands` parameter on every target, on a
 * schedule. Parameters arrive as `[{name, values}]`; a task type or document known only at apply may be this one.
 */
function ssmMaintenanceWindowTaskCheck(): Check<unknown> {
  return (p) => {
    const type = p.taskType;
    if (!isUnknown(type) && typeof type === "string" && type.toUpperCase() !== "RUN_COMMAND") return [];
    if (!isUnknown(p.taskArn) && !isRunShellScriptDocument(p.taskArn)) return [];
    const field = "taskInvocationParameters.runCommandParameters.parameters";
    const invocation = p.taskInvocationParameters;
    const runCommand = isUnknown(invocation) ? invocation : obj(invocation)?.runCommandParameters;
    const parameters = isUnknown(runCommand) ? runCommand : obj(runCommand)?.parameters;
    if (isUnknown(parameters)) return [unverifiable(field)];
    return list(parameters).flatMap((entry, i) => {
      const parameter = obj(entry);
      if (isUnknown(entry) || isUnknown(parameter?.name)) return [unverifiable(`${field}[${i}]`)];
      if (parameter?.name !== "commands") return [];
      if (containsUnknown(parameter.values)) return [unverifiable(`${field}[${i}].values`)];
      return scriptFindings(`${field}[${i}].values`, commandLines(parameter.values).join("\n"));
    });
  };
}

/** Case step 2: the attacker rewrote sshd_config and planted keys under /root/.ssh. */
export const disallowUserdataLoginWeakening = defineResourceRule<unknown>({
  metadata: {
    name: "disallow-userdata-login-weakening",
    description:
      "User data must not enable SSH password authentication or root login, set passwords (chpasswd, passwd from a pipe or --stdin, useradd/usermod -p, cloud-init password keys) or write root's authorized_keys, on instances, launch templates, launch configurations and scaling configurations of both clouds, AWS spot fleets and Lightsail instances, or Alibaba Cloud Container Service node pools and edge clusters, ENS instances, CDDC hosts and EFLO nodes, node groups, attachments and hyper nodes; nor may run-command shell scripts (Alibaba Cloud Cloud Assistant commands, AWS Systems Manager Command documents, Automation runbooks sending AWS-RunShellScript, AWS-RunShellScript associations and maintenance window tasks).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Delete the lines quoted in the message from the boot script (userData, preUserData, a spot fleet's launch specification), cloud-config, Cloud Assistant command, Systems Manager document step or association commands.",
      "Set PasswordAuthentication no and PermitRootLogin no (cloud-init: ssh_pwauth: false, disable_root: true).",
      "Give operators named accounts with keys from the key pair or a certificate authority, never root.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "4.3" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
      { framework: "AWS FSBP", id: "EC2.8" },
    ],
    caseStep: 2,
  },
  checks: {
    "aws:ec2/instance:Instance": userDataCheck(["userData", "userDataBase64"]),
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": userDataCheck(["userData", "userDataBase64"]),
    "aws:ec2/launchTemplate:LaunchTemplate": userDataCheck(["userData"]),
    "aws:ec2/launchConfiguration:LaunchConfiguration": userDataCheck(["userData", "userDataBase64"]),
    "alicloud:ecs/instance:Instance": userDataCheck(["userData"]),
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": userDataCheck(["userData", "userdata"]),
    "alicloud:ecs/launchTemplate:LaunchTemplate": userDataCheck(["userData", "userdata"]),
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": userDataCheck(["userData"]),
    "alicloud:ecs/command:Command": cloudAssistantCheck(),
    // Lightsail and spot fleets take plain text, Container Service and ENS base64, EFLO does not say: all read alike.
    "aws:lightsail/instance:Instance": userDataCheck(["userData"]),
    "aws:ec2/spotFleetRequest:SpotFleetRequest": spotFleetCheck(),
    "alicloud:cs/nodePool:NodePool": userDataCheck(["userData", "preUserData"]),
    "alicloud:ens/instance:Instance": userDataCheck(["userData"]),
    // userDataEncoded says whether userData is base64. It is not consulted: decoding reads either, and a plain script
    // that weakens login has spaces, which base64 has not, so it is never taken for base64.
    "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost": userDataCheck(["userData"]),
    "alicloud:eflo/node:Node": userDataCheck(["userData"]),
    "alicloud:eflo/nodeGroup:NodeGroup": userDataCheck(["userData"]),
    "alicloud:eflo/hyperNode:HyperNode": userDataCheck(["userData"]),
    "alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment": userDataCheck(["userData"]),
    "alicloud:cs/edgeKubernetes:EdgeKubernetes": userDataCheck(["userData"]),
    // Run-command scripts on AWS, the counterpart of Cloud Assistant.
    "aws:ssm/document:Document": ssmDocumentCheck(),
    "aws:ssm/association:Association": ssmAssociationCheck(),
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": ssmMaintenanceWindowTaskCheck(),
  },
});
