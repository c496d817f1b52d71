import { bool, isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

/** A set password field (even one only known at apply) means the image's sshd accepts passwords. */
function passwordFindings(p: Record<string, unknown>, fields: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const f of fields) {
    const v = p[f];
    if (isUnknown(v) || (typeof v === "string" && v !== ""))
      findings.push(violation(`${f} is set: password login is enabled`));
  }
  if (isUnknown(p.passwordInherit)) findings.push(unverifiable("passwordInherit"));
  else if (bool(p.passwordInherit) === true)
    findings.push(violation("passwordInherit is true: the image's preset password enables password login"));
  return findings;
}

const withPassword: Check<unknown> = (p) => passwordFindings(p, ["password", "kmsEncryptedPassword"]);
const inheritOnly: Check<unknown> = (p) => passwordFindings(p, []);
const passwordOnly: Check<unknown> = (p) => passwordFindings(p, ["password"]);

/** Case step 1: the attacker brute-forced SSH passwords in 137 seconds. */
export const disallowEcsPasswordLogin = defineResourceRule<unknown>({
  metadata: {
    name: "disallow-ecs-password-login",
    description:
      "Alibaba Cloud ECS instances, instance sets, launch templates, scaling configurations and Simple Application Server instances must not set a login password (password, kmsEncryptedPassword) or inherit the image's password; use key pairs.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Remove password / kmsEncryptedPassword / passwordInherit from the resource.",
      "Set keyName (instances, scaling configurations) or keyPairName (launch templates) to an ECS key pair; attach a key pair to Simple Application Server instances instead of a password.",
      "Keep PasswordAuthentication no in sshd_config (the kit's bastion user data does this).",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "4.3" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 1,
  },
  checks: {
    "alicloud:ecs/instance:Instance": withPassword,
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": withPassword,
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": withPassword,
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": inheritOnly,
    "alicloud:ecs/launchTemplate:LaunchTemplate": inheritOnly,
    // Lightweight servers run the same sshd with the password set here.
    "alicloud:simpleapplicationserver/instance:Instance": passwordOnly,
  },
});
