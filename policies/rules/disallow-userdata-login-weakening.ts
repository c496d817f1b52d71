import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

const EXPLAIN: Record<string, string> = {
  "password-authentication": "enables SSH password authentication",
  "root-login": "permits root login",
  "root-authorized-keys": "writes /root/.ssh/authorized_keys",
  "password-set": "sets a login password",
};

/** Reads every user-data field the resource has, plain or base64 (gzip included), MIME and cloud-config alike. */
function userDataCheck(fields: string[]): Check<unknown> {
  return (p) => {
    const findings: Finding[] = [];
    for (const field of fields) {
      const v = p[field];
      if (v === undefined || v === null) continue;
      if (isUnknown(v)) {
        findings.push(unverifiable(field));
        continue;
      }
      if (typeof v !== "string") continue;
      for (const w of findLoginWeaknesses(decodeUserData(v)))
        findings.push(violation(`${field} ${EXPLAIN[w.kind]}: "${w.line.slice(0, 120)}"`));
    }
    return findings;
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

/** Case step 2: the attacker rewrote sshd_config and planted keys under /root/.ssh. */
export const disallowUserdataLoginWeakening = defineResourceRule<unknown>({
  metadata: {
    name: "disallow-userdata-login-weakening",
    description:
      "User data must not enable SSH password authentication or root login, set passwords (chpasswd, passwd from a pipe or --stdin, useradd/usermod -p, cloud-init password keys) or write root's authorized_keys, on instances, launch templates, launch configurations and scaling configurations of both clouds; nor may Alibaba Cloud Cloud Assistant shell commands.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Delete the lines quoted in the message from the boot script, cloud-config or Cloud Assistant command.",
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
  },
});
