// Windows scripts read by disallow-userdata-login-weakening: EC2 `<powershell>`/`<script>` user data, Alibaba Cloud
// `[powershell]`/`[bat]` user data, Cloud Assistant RunPowerShellScript/RunBatScript commands and Windows EC2 Image
// Builder components. Script text lives only in these strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, table, UNKNOWN } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ECS = "alicloud:ecs/instance:Instance";
const COMMAND = "alicloud:ecs/command:Command";
const COMPONENT = "aws:imagebuilder/component:Component";
const ASSOCIATION = "aws:ssm/association:Association";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const START = "Start-Service sshd\nSet-Service -Name sshd -StartupType 'Automatic'";
const HARDEN = `(Get-Content ${CONFIG}) -replace '#?PasswordAuthentication yes', 'PasswordAuthentication no' | Set-Content ${CONFIG}`;
const NET_USER_LITERAL = "net user ops Winter2024! /add";
const SECURE_LITERAL = `$pw = ConvertTo-SecureString "Winter2024!" -AsPlainText -Force\nNew-LocalUser -Name ops -Password $pw`;
const FROM_SECRETS_MANAGER = [
  "$secret = (Get-SECSecretValue -SecretId prod/ops).SecretString",
  "$pw = ConvertTo-SecureString $secret -AsPlainText -Force",
  "Set-LocalUser -Name Administrator -Password $pw",
].join("\n");
const FROM_PARAMETER_STORE =
  "net user Administrator (Get-SSMParameterValue -Name /prod/admin -WithDecryption $true).Parameters[0].Value";
const GENERATED = [
  "Add-Type -AssemblyName System.Web",
  "$pw = [System.Web.Security.Membership]::GeneratePassword(24, 5)",
  "([adsi]'WinNT://./Administrator,user').SetPassword($pw)",
].join("\n");

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const instance = (userData: string): Record<string, unknown> => ({ ami: "ami-1", userData });
const command = (type: string, script: string): Record<string, unknown> => ({ type, commandContent: b64(script) });
/** A Windows AWSTOE component whose build phase runs each script as an ExecutePowerShell step. */
const component = (scripts: string[], platform: unknown = "Windows"): Record<string, unknown> => ({
  platform,
  version: "1.0.0",
  data: JSON.stringify({
    name: "win-base",
    schemaVersion: 1.0,
    phases: [
      {
        name: "build",
        steps: scripts.map((s, i) => ({
          name: `s${i}`,
          action: "ExecutePowerShell",
          inputs: { commands: s.split("\n") },
        })),
      },
    ],
  }),
});

describe("disallow-userdata-login-weakening reads Windows user data", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "net user with a password written in the script",
      type: EC2,
      props: instance(ps(NET_USER_LITERAL)),
      violations: 1,
      mentions: "sets a login password",
    },
    {
      name: "ConvertTo-SecureString of a literal, given to New-LocalUser (base64 user data)",
      type: EC2,
      props: { userDataBase64: b64(ps(SECURE_LITERAL)) },
      violations: 1,
      mentions: "New-LocalUser",
    },
    {
      name: "Set-LocalUser with the literal inline",
      type: LAUNCH_TEMPLATE,
      props: {
        userData: b64(
          ps("Set-LocalUser -Name Administrator -Password (ConvertTo-SecureString 'Winter2024!' -AsPlainText -Force)"),
        ),
      },
      violations: 1,
    },
    {
      name: "ADSI SetPassword of a literal",
      type: EC2,
      props: instance(ps('([adsi]"WinNT://./Administrator,user").SetPassword("Winter2024!")')),
      violations: 1,
    },
    {
      name: "batch <script> setting a variable, then net user with it",
      type: EC2,
      props: instance("<script>\nset PW=Winter2024!\nnet user ops %PW% /add\n</script>"),
      violations: 1,
    },
    { name: "net user NAME /add sets no password", type: EC2, props: instance(ps("net user ops /add")), violations: 0 },
    { name: "net user NAME * prompts for it", type: EC2, props: instance(ps("net user ops *")), violations: 0 },
    {
      name: "a password from Secrets Manager is a note",
      type: EC2,
      props: instance(ps(FROM_SECRETS_MANAGER)),
      violations: 0,
      notes: 1,
    },
    {
      name: "a password from Parameter Store is a note",
      type: EC2,
      props: instance(ps(FROM_PARAMETER_STORE)),
      violations: 0,
      notes: 1,
    },
    {
      name: "a password from a batch environment variable is a note",
      type: EC2,
      props: instance("<script>net user ops %OPS_PASSWORD% /add</script>"),
      violations: 0,
      notes: 1,
    },
    { name: "a generated password is no finding", type: EC2, props: instance(ps(GENERATED)), violations: 0 },
    {
      name: "a commented-out net user is no finding",
      type: EC2,
      props: instance(ps(`# ${NET_USER_LITERAL}`, `<#\n${NET_USER_LITERAL}\n#>`, "Write-Host ready")),
      violations: 0,
    },
    {
      name: "PasswordAuthentication yes appended to sshd_config",
      type: EC2,
      props: instance(ps(`Add-Content -Path ${CONFIG} -Value "PasswordAuthentication yes"`, START)),
      violations: 1,
      mentions: "enables SSH password authentication",
    },
    {
      name: "cmd echo of PasswordAuthentication yes into %ProgramData%",
      type: EC2,
      props: instance("<script>\necho PasswordAuthentication yes>> %ProgramData%\\ssh\\sshd_config\n</script>"),
      violations: 1,
    },
    {
      name: "-replace uncommenting PasswordAuthentication yes",
      type: EC2,
      props: instance(
        ps(
          `(Get-Content ${CONFIG}) -replace '#PasswordAuthentication yes','PasswordAuthentication yes' | Set-Content ${CONFIG}`,
        ),
      ),
      violations: 1,
    },
    {
      name: "OpenSSH server installed and started, PasswordAuthentication no never written",
      type: EC2,
      props: instance(ps(INSTALL, START)),
      violations: 1,
      mentions: "OpenSSH.Server",
    },
    {
      name: "sshd restarted without ever writing PasswordAuthentication no: a stopped server starts",
      type: EC2,
      props: instance(ps("Restart-Service -Name sshd -Force")),
      violations: 1,
      mentions: "Restart-Service",
    },
    {
      name: "sshd restarted after PasswordAuthentication no is written",
      type: EC2,
      props: instance(ps(HARDEN, "Restart-Service sshd")),
      violations: 0,
    },
    {
      name: "another service restarted is no finding",
      type: EC2,
      props: instance(ps("Restart-Service -Name sshd-agent-proxy, W32Time")),
      violations: 0,
    },
    {
      name: "OpenSSH server installed, started and hardened with -replace",
      type: EC2,
      props: instance(ps(INSTALL, HARDEN, START)),
      violations: 0,
    },
    {
      name: "OpenSSH server hardened through a path variable and a here-string",
      type: EC2,
      props: instance(
        ps(
          INSTALL,
          '$config = "$env:ProgramData\\ssh\\sshd_config"',
          '$lines = @"\n#PasswordAuthentication yes\nPasswordAuthentication no\n"@',
          "Set-Content -Path $config -Value $lines",
          START,
        ),
      ),
      violations: 0,
    },
    {
      name: "sshd_config copied from a share: the server's password login cannot be verified",
      type: EC2,
      props: instance(ps(INSTALL, `Copy-Item \\\\fs\\baseline\\sshd_config ${CONFIG}`, START)),
      violations: 0,
      notes: 1,
    },
    {
      name: "OpenSSH client only is no finding",
      type: EC2,
      props: instance(ps("Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0")),
      violations: 0,
    },
    {
      name: "reading sshd_config for PasswordAuthentication yes writes nothing",
      type: EC2,
      props: instance(
        ps(`if (Select-String -Path ${CONFIG} -Pattern 'PasswordAuthentication yes') { Write-Host open }`),
      ),
      violations: 0,
    },
    {
      name: "PermitRootLogin means nothing on Windows",
      type: EC2,
      props: instance(ps(`Add-Content -Path ${CONFIG} -Value "PermitRootLogin yes"`, HARDEN)),
      violations: 0,
    },
    {
      name: "Linux paths in Windows user data land under C:\\etc",
      type: EC2,
      props: instance(ps("echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config")),
      violations: 0,
    },
    {
      name: "a shell script mentioning <powershell> later is still shell",
      type: EC2,
      props: instance("#!/bin/bash\n# <powershell>\necho 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\n"),
      violations: 1,
    },
    {
      name: "user data unknown at preview is a note",
      type: EC2,
      props: instance(UNKNOWN as never),
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba Cloud [powershell] user data with a literal password",
      type: ECS,
      props: { userData: b64(`[powershell]\n${SECURE_LITERAL}\n`) },
      violations: 1,
    },
    {
      name: "Alibaba Cloud [bat] user data with a literal password",
      type: ECS,
      props: { userData: b64(`[bat]\r\n${NET_USER_LITERAL}\r\n`) },
      violations: 1,
    },
    {
      name: "Alibaba Cloud [bat] user data adding an account without a password",
      type: ECS,
      props: { userData: b64("[bat]\nnet user ops /add\nnet localgroup administrators ops /add\n") },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening reads Windows Cloud Assistant commands", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "RunPowerShellScript setting a literal password",
      type: COMMAND,
      props: command("RunPowerShellScript", SECURE_LITERAL),
      violations: 1,
      mentions: "commandContent",
    },
    {
      name: "RunBatScript with net user and a literal password",
      type: COMMAND,
      props: command("RunBatScript", NET_USER_LITERAL),
      violations: 1,
    },
    {
      name: "RunPowerShellScript installing OpenSSH without hardening",
      type: COMMAND,
      props: command("RunPowerShellScript", `${INSTALL}\n${START}`),
      violations: 1,
    },
    {
      name: "RunPowerShellScript installing OpenSSH with hardening",
      type: COMMAND,
      props: command("RunPowerShellScript", `${INSTALL}\n${HARDEN}\n${START}`),
      violations: 0,
    },
    {
      name: "RunBatScript adding an account without a password",
      type: COMMAND,
      props: command("RunBatScript", "net user ops /add"),
      violations: 0,
    },
    {
      name: "a {{ password }} parameter is a note",
      type: COMMAND,
      props: { ...command("RunBatScript", "net user ops {{ password }} /add"), enableParameter: true },
      violations: 0,
      notes: 1,
    },
    {
      name: "Windows command content unknown at preview is a note",
      type: COMMAND,
      props: { type: "RunPowerShellScript", commandContent: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "a shell command is still read as shell",
      type: COMMAND,
      props: command("RunShellScript", "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config"),
      violations: 1,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening reads Windows Image Builder components", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "ExecutePowerShell step setting a literal password",
      type: COMPONENT,
      props: component([SECURE_LITERAL]),
      violations: 1,
      mentions: "data",
    },
    {
      name: "OpenSSH installed in one step, never hardened",
      type: COMPONENT,
      props: component([INSTALL, START]),
      violations: 1,
    },
    {
      name: "OpenSSH installed in one step, hardened in a later one",
      type: COMPONENT,
      props: component([INSTALL, HARDEN, START]),
      violations: 0,
    },
    {
      name: "a password from Secrets Manager is a note",
      type: COMPONENT,
      props: component([FROM_SECRETS_MANAGER]),
      violations: 0,
      notes: 1,
    },
    {
      name: "a Windows component's ExecuteBash step is not read as shell",
      type: COMPONENT,
      props: {
        platform: "Windows",
        data: JSON.stringify({
          phases: [
            { name: "build", steps: [{ name: "x", action: "ExecuteBash", inputs: { commands: ["chpasswd"] } }] },
          ],
        }),
      },
      violations: 0,
    },
    {
      name: "Windows component data unknown at preview is a note",
      type: COMPONENT,
      props: { platform: "Windows", data: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "Windows component data that does not parse is a note",
      type: COMPONENT,
      props: { platform: "Windows", data: "phases: [unclosed" },
      violations: 0,
      notes: 1,
    },
    {
      name: "a platform unknown at preview is read as Linux, as before",
      type: COMPONENT,
      props: component([NET_USER_LITERAL], UNKNOWN),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening reads AWS-RunPowerShellScript associations", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "commands setting a literal password",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: { commands: SECURE_LITERAL } },
      violations: 1,
      mentions: "parameters.commands",
    },
    {
      name: "by ARN, installing OpenSSH without hardening",
      type: ASSOCIATION,
      props: {
        name: "arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript",
        parameters: { commands: `${INSTALL}\n${START}` },
      },
      violations: 1,
    },
    {
      name: "installing OpenSSH with hardening",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: { commands: [INSTALL, HARDEN, START].join("\n") } },
      violations: 0,
    },
    {
      name: "a password from Parameter Store is a note",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: { commands: FROM_PARAMETER_STORE } },
      violations: 0,
      notes: 1,
    },
    {
      name: "commands unknown at preview are a note",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: { commands: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    {
      name: "parameters unknown at preview are a note",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "AWS-RunShellScript is still read as shell",
      type: ASSOCIATION,
      props: { name: "AWS-RunShellScript", parameters: { commands: "echo 'root:x' | chpasswd" } },
      violations: 1,
    },
  ] as Case[]);
});
