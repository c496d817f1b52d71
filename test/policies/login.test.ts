import { gzipSync } from "zlib";
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, table, UNKNOWN } from "./harness";

const ECS = "alicloud:ecs/instance:Instance";
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("disallow-ecs-password-login", () => {
  table(disallowEcsPasswordLogin, [
    { name: "instance with password", type: ECS, props: { imageId: "i", password: "Passw0rd!" }, violations: 1 },
    {
      name: "instance with secret password unknown at preview",
      type: ECS,
      props: { password: UNKNOWN },
      violations: 1,
    },
    { name: "instance with KMS password", type: ECS, props: { kmsEncryptedPassword: "abc" }, violations: 1 },
    { name: "instance inheriting the image password", type: ECS, props: { passwordInherit: true }, violations: 1 },
    { name: "instance with key pair", type: ECS, props: { keyName: "ops", imageId: "i" }, violations: 0 },
    { name: "instance with empty password", type: ECS, props: { keyName: "ops", password: "" }, violations: 0 },
    {
      name: "Simple Application Server with a root password",
      type: "alicloud:simpleapplicationserver/instance:Instance",
      props: { planId: "p", imageId: "i", period: 1, password: "Passw0rd!" },
      violations: 1,
    },
    {
      name: "Simple Application Server without a password (key pair attached separately)",
      type: "alicloud:simpleapplicationserver/instance:Instance",
      props: { planId: "p", imageId: "i", period: 1 },
      violations: 0,
    },
    {
      name: "instance with unknown passwordInherit is a note",
      type: ECS,
      props: { passwordInherit: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "scaling configuration with password",
      type: "alicloud:ess/scalingConfiguration:ScalingConfiguration",
      props: { password: "x" },
      violations: 1,
    },
    {
      name: "instance set with password",
      type: "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
      props: { password: "x" },
      violations: 1,
    },
    {
      name: "launch template inheriting password",
      type: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
      props: { passwordInherit: true },
      violations: 1,
    },
    {
      name: "legacy launch template with key",
      type: "alicloud:ecs/launchTemplate:LaunchTemplate",
      props: { keyPairName: "ops" },
      violations: 0,
    },
  ] as Case[]);
});

const openSsh =
  "#!/bin/bash\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config\nsystemctl restart sshd\n";
const rootKeys = "#!/bin/bash\nmkdir -p /root/.ssh\necho 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys\n";
const cloudInit = "#cloud-config\nssh_pwauth: true\nchpasswd:\n  list: |\n    root:Passw0rd\n  expire: false\n";
const hardened =
  "#!/bin/bash\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config\n";

const readOnlyChecks =
  "#!/bin/bash\nif grep -qE '^PermitRootLogin yes' /etc/ssh/sshd_config; then sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' /etc/ssh/sshd_config; fi\ncp /root/.ssh/authorized_keys /home/ops/.ssh/authorized_keys\n";
const dropIn = `#cloud-config\nwrite_files:\n  - path: /etc/ssh/sshd_config.d/10-pw.conf\n    encoding: b64\n    content: ${b64("PasswordAuthentication yes\n")}\n`;

/** A one-part MIME document whose part is base64, as cloud-init's make-mime writes it. */
function mime(script: string): string {
  const part = `Content-Type: text/x-shellscript; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n${b64(script)}\n`;
  return `Content-Type: multipart/mixed; boundary="==BOUNDARY=="\nMIME-Version: 1.0\n\n--==BOUNDARY==\n${part}--==BOUNDARY==--\n`;
}

const COMMAND = "alicloud:ecs/command:Command";
/** A Cloud Assistant command as @pulumi/alicloud sends it: the script base64 in commandContent. */
const shellCommand = (script: string) => ({ name: "c", type: "RunShellScript", commandContent: b64(script) });

describe("disallow-userdata-login-weakening", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "AWS instance plain user data enabling passwords",
      type: "aws:ec2/instance:Instance",
      props: { userData: openSsh },
      violations: 1,
      mentions: "password authentication",
    },
    {
      name: "AWS instance userDataBase64 planting root keys",
      type: "aws:ec2/instance:Instance",
      props: { userDataBase64: b64(rootKeys) },
      violations: 1,
      mentions: "authorized_keys",
    },
    {
      name: "AWS launch template base64 cloud-config",
      type: "aws:ec2/launchTemplate:LaunchTemplate",
      props: { userData: b64(cloudInit) },
      violations: 2,
    },
    {
      name: "AWS launch configuration gzip",
      type: "aws:ec2/launchConfiguration:LaunchConfiguration",
      props: { userDataBase64: gzipSync(openSsh).toString("base64") },
      violations: 1,
    },
    {
      name: "AWS instance gzip user data inflating past the reader's cap",
      type: "aws:ec2/instance:Instance",
      props: { userDataBase64: gzipSync(`${openSsh}${"#".repeat(4 << 20)}\n`).toString("base64") },
      violations: 1,
      mentions: "content past what the pack reads",
    },
    {
      name: "Alicloud instance root login",
      type: "alicloud:ecs/instance:Instance",
      props: { userData: "#!/bin/sh\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n" },
      violations: 1,
    },
    {
      name: "Alicloud launch template base64 chpasswd",
      type: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
      props: { userData: b64("echo 'root:x' | chpasswd\n") },
      violations: 1,
    },
    {
      name: "Alicloud scaling configuration passwd --stdin",
      type: "alicloud:ess/scalingConfiguration:ScalingConfiguration",
      props: { userData: "echo x | passwd --stdin root" },
      violations: 1,
    },
    { name: "hardened script", type: "aws:ec2/instance:Instance", props: { userData: hardened }, violations: 0 },
    {
      name: "hardened script base64 on Alicloud",
      type: "alicloud:ecs/instance:Instance",
      props: { userData: b64(hardened) },
      violations: 0,
    },
    { name: "no user data", type: "aws:ec2/instance:Instance", props: { ami: "ami-1" }, violations: 0 },
    {
      name: "unknown user data is a note",
      type: "aws:ec2/instance:Instance",
      props: { userData: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "Alicloud base64 script with Chinese comments",
      type: "alicloud:ecs/instance:Instance",
      props: { userData: b64(`#!/bin/bash\n# 开启 root 登录\n${openSsh.split("\n")[1]}\n`) },
      violations: 1,
      mentions: "password authentication",
    },
    {
      name: "AWS launch template MIME multi-part with a base64 part",
      type: "aws:ec2/launchTemplate:LaunchTemplate",
      props: { userData: b64(mime(rootKeys)) },
      violations: 1,
      mentions: "authorized_keys",
    },
    {
      name: "Alicloud launch template cloud-config writing an encoded sshd drop-in",
      type: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
      props: { userData: b64(dropIn) },
      violations: 1,
      mentions: "password authentication",
    },
    {
      name: "grep before a hardening sed",
      type: "alicloud:ecs/instance:Instance",
      props: { userData: readOnlyChecks },
      violations: 0,
    },
    { name: "Cloud Assistant shell script", type: COMMAND, props: shellCommand(openSsh), violations: 1 },
    {
      name: "Cloud Assistant command of unset type",
      type: COMMAND,
      props: { commandContent: b64(rootKeys) },
      violations: 1,
      mentions: "commandContent",
    },
    {
      name: "Cloud Assistant command of a type unknown at preview",
      type: COMMAND,
      props: { ...shellCommand(openSsh), type: UNKNOWN },
      violations: 1,
    },
    { name: "Cloud Assistant hardening script", type: COMMAND, props: shellCommand(hardened), violations: 0 },
    {
      name: "Cloud Assistant batch script is not shell",
      type: COMMAND,
      props: { ...shellCommand(openSsh), type: "RunBatScript" },
      violations: 0,
    },
    {
      name: "Cloud Assistant PowerShell script is not shell",
      type: COMMAND,
      props: { ...shellCommand(openSsh), type: "RunPowerShellScript" },
      violations: 0,
    },
    {
      name: "Cloud Assistant command of odd shapes reports nothing",
      type: COMMAND,
      props: { type: 5, commandContent: 12 },
      violations: 0,
    },
    {
      name: "Cloud Assistant content unknown at preview is a note",
      type: COMMAND,
      props: { type: "RunShellScript", commandContent: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});
