// Windows scripts that resources carry beyond user data and Cloud Assistant commands, read by the Windows reader:
// EC2 Image Builder workflows' RunCommand steps sending AWS-RunPowerShellScript, OOS templates and executions whose
// RunCommand tasks name RunPowerShellScript or RunBatScript, Alibaba Cloud Image Builder components of system type
// Windows, Windows container recipes' RUN lines and spot fleets' Windows launch specifications; and two reader gaps
// (a bare word given to ConvertTo-SecureString, a flow-style users entry in a cloud-config that does not parse).
// Every message is checked for the password the script spells. Script text lives only in these strings; nothing here
// runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { run, UNKNOWN } from "./harness";

const WORKFLOW = "aws:imagebuilder/workflow:Workflow";
const OOS_TEMPLATE = "alicloud:oos/template:Template";
const OOS_EXECUTION = "alicloud:oos/execution:Execution";
const ECS_COMPONENT = "alicloud:ecs/ecsImageComponent:EcsImageComponent";
const CONTAINER_RECIPE = "aws:imagebuilder/containerRecipe:ContainerRecipe";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const EC2 = "aws:ec2/instance:Instance";

/** Distinctive, so that finding it in a message can only mean a leak. */
const PW = "W1nterS3cret!";
const NET_USER = `net user ops ${PW} /add`;
const SECURE_INLINE = `Set-LocalUser -Name Administrator -Password (ConvertTo-SecureString '${PW}' -AsPlainText -Force)`;
const FROM_SECRETS = "net user ops (Get-SECSecretValue -SecretId prod/ops).SecretString";
const HARMLESS = "Write-Host 'configuring the build'";
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
const INSTALL_SSHD = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const START_SSHD = "Start-Service sshd";
const HARDEN_SSHD = `Set-Content -Path ${CONFIG} -Value "PasswordAuthentication no"`;
const LINUX_OPEN = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";

interface Row {
  name: string;
  type: string;
  props: Record<string, unknown>;
  violations: number;
  notes?: number;
  /** Text every violation's message holds. */
  mentions?: string;
}

/** Each row's counts, what its violations mention, and no message quoting the password. */
function rows(title: string, all: Row[]) {
  describe(title, () => {
    it.each(all.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
      const ds = await run(disallowUserdataLoginWeakening, row.type, row.props);
      const notes = ds.filter((d) => d.message.startsWith("cannot be verified"));
      const violations = ds.filter((d) => d.level === "mandatory" && !d.message.startsWith("cannot be verified"));
      expect({ violations: violations.length, notes: notes.length }).toEqual({
        violations: row.violations,
        notes: row.notes ?? 0,
      });
      if (row.mentions) for (const d of violations) expect(d.message).toContain(row.mentions);
      for (const d of ds) expect(d.message).not.toContain(PW);
    });
  });
}

// EC2 Image Builder workflows.
const workflowStep = (name: string, inputs: Record<string, unknown>) => ({ name, action: "RunCommand", inputs });
const powerShellStep = (name: string, commands: string[]) =>
  workflowStep(name, { documentName: "AWS-RunPowerShellScript", parameters: { commands } });
const workflow = (...steps: unknown[]) => ({
  name: "windows-build",
  version: "1.0.0",
  type: "BUILD",
  data: JSON.stringify({
    name: "windows-build",
    schemaVersion: 1.0,
    steps: [{ name: "Launch", action: "LaunchInstance", inputs: { waitFor: "ssmAgent" } }, ...steps],
  }),
});

rows("EC2 Image Builder workflows sending AWS-RunPowerShellScript", [
  {
    name: "net user with a password written in the step",
    type: WORKFLOW,
    props: workflow(powerShellStep("Users", [NET_USER])),
    violations: 1,
    mentions: "data sets a login password written in the script",
  },
  {
    name: "the document named by ARN",
    type: WORKFLOW,
    props: workflow(
      workflowStep("Users", {
        documentName: "arn:aws:ssm:us-east-1::document/AWS-RunPowerShellScript",
        parameters: { commands: [SECURE_INLINE] },
      }),
    ),
    violations: 1,
  },
  {
    name: "OpenSSH installed in one step and started in a later one, never hardened",
    type: WORKFLOW,
    props: workflow(powerShellStep("Install", [INSTALL_SSHD]), powerShellStep("Start", [START_SSHD])),
    violations: 1,
    mentions: "enables SSH password authentication",
  },
  {
    name: "OpenSSH installed, then hardened by a later step, passes",
    type: WORKFLOW,
    props: workflow(powerShellStep("Install", [INSTALL_SSHD]), powerShellStep("Harden", [HARDEN_SSHD, START_SSHD])),
    violations: 0,
  },
  {
    name: "a step that sets no password passes",
    type: WORKFLOW,
    props: workflow(powerShellStep("Hello", [HARMLESS])),
    violations: 0,
  },
  {
    name: "a password from Secrets Manager is a note",
    type: WORKFLOW,
    props: workflow(powerShellStep("Users", [FROM_SECRETS])),
    violations: 0,
    notes: 1,
  },
  {
    name: "commands from a JSONPath at run time are a note",
    type: WORKFLOW,
    props: workflow(
      workflowStep("Users", {
        documentName: "AWS-RunPowerShellScript",
        parameters: { "commands.$": "$.parameters.commands" },
      }),
    ),
    violations: 0,
    notes: 1,
  },
  {
    name: "a document named from a JSONPath is noted once, not once per reader",
    type: WORKFLOW,
    props: workflow(workflowStep("Any", { "documentName.$": "$.parameters.document" })),
    violations: 0,
    notes: 1,
  },
  {
    name: "PowerShell and shell steps in one workflow are each read by their reader",
    type: WORKFLOW,
    props: workflow(
      powerShellStep("Users", [NET_USER]),
      workflowStep("Linux", { documentName: "AWS-RunShellScript", parameters: { commands: [LINUX_OPEN] } }),
    ),
    violations: 2,
  },
  { name: "data unknown at preview is a note", type: WORKFLOW, props: { data: UNKNOWN }, violations: 0, notes: 1 },
]);

// OOS templates and executions.
const task = (properties: Record<string, unknown>, action = "ACS::ECS::RunCommand") => ({
  Name: "run",
  Action: action,
  Properties: { regionId: "cn-hangzhou", instanceId: "i-1", ...properties },
});
const oosContent = (tasks: unknown[], parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ FormatVersion: "OOS-2019-06-01", Parameters: parameters, Tasks: tasks });
const windowsTask = (commandContent: unknown, commandType = "RunPowerShellScript") =>
  task({ commandType, commandContent });

rows("OOS templates whose RunCommand tasks are Windows commands", [
  {
    name: "RunPowerShellScript with a password written in it",
    type: OOS_TEMPLATE,
    props: { templateName: "win-users", content: oosContent([windowsTask(SECURE_INLINE)]) },
    violations: 1,
    mentions: "content sets a login password written in the script",
  },
  {
    name: "RunBatScript setting a variable, then net user with it",
    type: OOS_TEMPLATE,
    props: {
      templateName: "win-users",
      content: oosContent([windowsTask(`set PW=${PW}\nnet user ops %PW% /add`, "RunBatScript")]),
    },
    violations: 1,
  },
  {
    name: "base64 command content is decoded",
    type: OOS_TEMPLATE,
    props: {
      templateName: "win-users",
      content: oosContent([windowsTask({ "Fn::Base64Encode": NET_USER })]),
    },
    violations: 1,
  },
  {
    name: "a password from a template parameter's default is spliced in",
    type: OOS_TEMPLATE,
    props: {
      templateName: "win-users",
      content: oosContent([windowsTask("net user ops {{ password }} /add")], {
        password: { Type: "String", Default: PW },
      }),
    },
    violations: 1,
  },
  {
    name: "ACS::ExecuteAPI calling RunCommand with Type RunPowerShellScript",
    type: OOS_TEMPLATE,
    props: {
      templateName: "win-users",
      content: oosContent([
        {
          Name: "api",
          Action: "ACS::ExecuteAPI",
          Properties: {
            Service: "ECS",
            API: "RunCommand",
            Parameters: { Type: "RunPowerShellScript", CommandContent: NET_USER },
          },
        },
      ]),
    },
    violations: 1,
  },
  {
    name: "a Windows task that sets no password passes",
    type: OOS_TEMPLATE,
    props: { templateName: "win-hello", content: oosContent([windowsTask(HARMLESS)]) },
    violations: 0,
  },
  {
    name: "a Windows password from Secrets Manager is a note",
    type: OOS_TEMPLATE,
    props: { templateName: "win-users", content: oosContent([windowsTask(FROM_SECRETS)]) },
    violations: 0,
    notes: 1,
  },
  {
    name: "shell and Windows tasks in one template are each read by their reader",
    type: OOS_TEMPLATE,
    props: {
      templateName: "mixed",
      content: oosContent([windowsTask(NET_USER), task({ commandType: "RunShellScript", commandContent: LINUX_OPEN })]),
    },
    violations: 2,
  },
  {
    name: "content unknown at preview is one note",
    type: OOS_TEMPLATE,
    props: { templateName: "win-users", content: UNKNOWN },
    violations: 0,
    notes: 1,
  },
]);

rows("OOS executions of Windows commands", [
  {
    name: "ACS-ECS-BulkyRunCommand with RunPowerShellScript parameters",
    type: OOS_EXECUTION,
    props: {
      templateName: "ACS-ECS-BulkyRunCommand",
      parameters: JSON.stringify({ commandType: "RunPowerShellScript", commandContent: SECURE_INLINE }),
    },
    violations: 1,
    mentions: "parameters sets a login password written in the script",
  },
  {
    name: "RunBatScript parameters as a mapping",
    type: OOS_EXECUTION,
    props: {
      templateName: "ACS-ECS-BulkyRunCommand",
      parameters: { commandType: "RunBatScript", commandContent: NET_USER },
    },
    violations: 1,
  },
  {
    name: "Windows parameters that set no password pass",
    type: OOS_EXECUTION,
    props: {
      templateName: "ACS-ECS-BulkyRunCommand",
      parameters: { commandType: "RunPowerShellScript", commandContent: HARMLESS },
    },
    violations: 0,
  },
  {
    name: "its own Windows template content, a parameter spliced in, is quoted once",
    type: OOS_EXECUTION,
    props: {
      templateContent: oosContent([windowsTask("{{ script }}")], { script: { Type: "String" } }),
      parameters: { commandType: "RunPowerShellScript", script: NET_USER },
    },
    violations: 1,
    mentions: "templateContent",
  },
  {
    name: "parameters unknown at preview are a note",
    type: OOS_EXECUTION,
    props: { templateName: "ACS-ECS-BulkyRunCommand", parameters: UNKNOWN },
    violations: 0,
    notes: 1,
  },
]);

// Alibaba Cloud Image Builder components of system type Windows.
const ecsComponent = (content: unknown, systemType: unknown = "Windows") => ({
  componentType: "Build",
  systemType,
  content,
});
const powerShellTasks = (scripts: string[], parameters = "") =>
  [
    ...(parameters === "" ? [] : [parameters]),
    "Tasks:",
    ...scripts.flatMap((script, i) => [
      `  - Name: task${i}`,
      "    Action: RunPowerShellCommand",
      "    Properties:",
      `      commandContent: ${JSON.stringify(script)}`,
    ]),
  ].join("\n");

rows("Alibaba Cloud Image Builder components for Windows", [
  {
    name: "a RunPowerShellCommand task with a password written in it",
    type: ECS_COMPONENT,
    props: ecsComponent(powerShellTasks([NET_USER])),
    violations: 1,
    mentions: "content sets a login password written in the script",
  },
  {
    name: "a parameter's DefaultValue spliced into the task",
    type: ECS_COMPONENT,
    props: ecsComponent(
      powerShellTasks(
        ["net user ops {{ pw }} /add"],
        ["Parameters:", "  pw:", "    Type: String", `    DefaultValue: "${PW}"`].join("\n"),
      ),
    ),
    violations: 1,
  },
  {
    name: "OpenSSH installed and started by later tasks, never hardened",
    type: ECS_COMPONENT,
    props: ecsComponent(powerShellTasks([INSTALL_SSHD, START_SSHD])),
    violations: 1,
    mentions: "enables SSH password authentication",
  },
  {
    name: "OpenSSH installed, then hardened, passes",
    type: ECS_COMPONENT,
    props: ecsComponent(powerShellTasks([INSTALL_SSHD, HARDEN_SSHD, START_SSHD])),
    violations: 0,
  },
  {
    name: "RUN lines on Windows (a syntax documented for Linux only) do not hide a password",
    type: ECS_COMPONENT,
    props: ecsComponent(`RUN ${NET_USER}`),
    violations: 1,
  },
  {
    name: "a Windows task that sets no password passes",
    type: ECS_COMPONENT,
    props: ecsComponent(powerShellTasks([HARMLESS])),
    violations: 0,
  },
  {
    name: "a Linux component's PowerShell task is not read as shell",
    type: ECS_COMPONENT,
    props: ecsComponent(powerShellTasks([NET_USER]), "Linux"),
    violations: 0,
  },
  {
    name: "content unknown at preview is a note",
    type: ECS_COMPONENT,
    props: ecsComponent(UNKNOWN),
    violations: 0,
    notes: 1,
  },
]);

// Windows container recipes.
const recipe = (dockerfileTemplateData: unknown) => ({
  name: "win-container",
  version: "1.0.0",
  containerType: "DOCKER",
  parentImage: "mcr.microsoft.com/windows/servercore:ltsc2022",
  platformOverride: "Windows",
  targetRepository: { repositoryName: "win", service: "ECR" },
  components: [],
  dockerfileTemplateData,
});
const dockerfile = (...lines: string[]) =>
  ["FROM {{{ imagebuilder:parentImage }}}", ...lines, "{{{ imagebuilder:environments }}}"].join("\n");

rows("Windows container recipes", [
  {
    name: "RUN in cmd (the default shell) with a password written in it",
    type: CONTAINER_RECIPE,
    props: recipe(dockerfile(`RUN ${NET_USER}`)),
    violations: 1,
    mentions: "dockerfileTemplateData sets a login password written in the script",
  },
  {
    name: "RUN in PowerShell after SHELL",
    type: CONTAINER_RECIPE,
    props: recipe(
      dockerfile('SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]', `RUN ${SECURE_INLINE}`),
    ),
    violations: 1,
  },
  {
    name: "exec-form RUN naming powershell",
    type: CONTAINER_RECIPE,
    props: recipe(dockerfile(`RUN ${JSON.stringify(["powershell.exe", "-NoProfile", "-Command", SECURE_INLINE])}`)),
    violations: 1,
  },
  {
    name: "a RUN continued with the backtick escape",
    type: CONTAINER_RECIPE,
    props: recipe(
      ["# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", "RUN net user ops `", `    ${PW} /add`].join(
        "\n",
      ),
    ),
    violations: 1,
  },
  {
    name: "RUN lines that set no password pass",
    type: CONTAINER_RECIPE,
    props: recipe(dockerfile("RUN mkdir C:\\app", `RUN powershell -Command ${HARMLESS}`)),
    violations: 0,
  },
  {
    name: "a SHELL of another interpreter leaves its RUN lines unread",
    type: CONTAINER_RECIPE,
    props: recipe(dockerfile('SHELL ["C:\\\\tools\\\\python.exe", "-c"]', "RUN print('net user')")),
    violations: 0,
  },
  {
    name: "a Linux-looking RUN in a Windows image is not read as shell",
    type: CONTAINER_RECIPE,
    props: recipe(dockerfile(`RUN ${LINUX_OPEN}`)),
    violations: 0,
  },
  {
    name: "a Dockerfile unknown at preview is a note",
    type: CONTAINER_RECIPE,
    props: recipe(UNKNOWN),
    violations: 0,
    notes: 1,
  },
]);

// Spot fleets.
const spec = (userData: unknown) => ({ ami: "ami-1", instanceType: "m5.large", userData });
const fleet = (...specs: unknown[]) => ({
  iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
  targetCapacity: 1,
  launchSpecifications: specs,
});
const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;

rows("spot fleets' Windows launch specifications", [
  {
    name: "PowerShell user data with a password written in it",
    type: SPOT_FLEET,
    props: fleet(spec(ps(NET_USER))),
    violations: 1,
    mentions: "launchSpecifications[0].userData sets a login password written in the script",
  },
  {
    name: "a Windows and a Linux specification, each read by its reader",
    type: SPOT_FLEET,
    props: fleet(spec(`#!/bin/bash\n${LINUX_OPEN}`), spec(ps(NET_USER))),
    violations: 2,
  },
  {
    name: "Windows user data that sets no password passes",
    type: SPOT_FLEET,
    props: fleet(spec(ps(HARMLESS))),
    violations: 0,
  },
  {
    name: "a batch block's Linux-looking line is not read as shell",
    type: SPOT_FLEET,
    props: fleet(spec(`<script>\n${LINUX_OPEN}\n</script>`)),
    violations: 0,
  },
  {
    name: "a Windows password from Secrets Manager is a note",
    type: SPOT_FLEET,
    props: fleet(spec(ps(FROM_SECRETS))),
    violations: 0,
    notes: 1,
  },
  {
    name: "a specification unknown at preview is a note",
    type: SPOT_FLEET,
    props: fleet(spec(ps(HARMLESS)), UNKNOWN),
    violations: 0,
    notes: 1,
  },
  {
    name: "specifications unknown at preview are a note",
    type: SPOT_FLEET,
    props: { targetCapacity: 1, launchSpecifications: UNKNOWN },
    violations: 0,
    notes: 1,
  },
]);

// Reader gaps.
rows("ConvertTo-SecureString given a bare word", [
  {
    name: "New-ADUser -AccountPassword (ConvertTo-SecureString Pw -AsPlainText -Force)",
    type: EC2,
    props: { userData: ps(`New-ADUser -Name ops -AccountPassword (ConvertTo-SecureString ${PW} -AsPlainText -Force)`) },
    violations: 1,
    mentions: "New-ADUser",
  },
  {
    name: "-String given by name, then the variable to Set-ADAccountPassword",
    type: EC2,
    props: {
      userData: ps(
        `$secure = ConvertTo-SecureString -AsPlainText -Force -String ${PW}`,
        "Set-ADAccountPassword -Identity ops -Reset -NewPassword $secure",
      ),
    },
    violations: 1,
  },
  {
    name: "a bare variable from the environment is a note",
    type: EC2,
    props: {
      userData: ps("New-ADUser -Name ops -AccountPassword (ConvertTo-SecureString $env:OPS_PW -AsPlainText -Force)"),
    },
    violations: 0,
    notes: 1,
  },
  {
    name: "a password read at the prompt is a note",
    type: EC2,
    props: { userData: ps("New-ADUser -Name ops -AccountPassword (Read-Host -AsSecureString 'Password')") },
    violations: 0,
    notes: 1,
  },
  {
    name: "an encrypted standard string (no -AsPlainText) from a variable is no literal",
    type: EC2,
    props: { userData: ps("New-ADUser -Name ops -AccountPassword (ConvertTo-SecureString $encrypted -Key $key)") },
    violations: 0,
    notes: 1,
  },
]);

/** A cloud-config made unparseable by a duplicate key, so that it is read line by line. */
const brokenCloudConfig = (...lines: string[]) =>
  ["#cloud-config", ...lines, "packages: [git]", "packages: [vim]"].join("\n");

rows("flow-style users in a cloud-config that does not parse", [
  {
    name: "users: [{name, plain_text_passwd}]",
    type: EC2,
    props: { userData: brokenCloudConfig(`users: [{name: ops, plain_text_passwd: ${PW}}]`) },
    violations: 1,
    mentions: "sets a login password",
  },
  {
    name: "a list item in flow style, the password quoted",
    type: EC2,
    props: { userData: brokenCloudConfig("users:", `  - {name: ops, passwd: "${PW}"}`) },
    violations: 1,
  },
  {
    name: "lock_passwd is no password",
    type: EC2,
    props: { userData: brokenCloudConfig("users: [{name: ops, lock_passwd: true}]") },
    violations: 0,
  },
  {
    name: "an empty password key sets none",
    type: EC2,
    props: { userData: brokenCloudConfig('users: [{name: ops, plain_text_passwd: ""}]') },
    violations: 0,
  },
  {
    name: "a shell line printing such text is no key",
    type: EC2,
    props: { userData: `#!/bin/bash\necho "users: [{name: ops, passwd: ${PW}}]"` },
    violations: 0,
  },
]);
