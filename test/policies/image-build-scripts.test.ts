// Scripts baked into images (EC2 Image Builder components and recipes, Alibaba Cloud Image Builder components and
// image templates) and run-command scripts beyond Command documents (Session Manager shell profiles, OOS templates):
// each may rewrite sshd_config or plant root's keys, the case's step 2, on every instance it reaches.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, run, table, UNKNOWN } from "./harness";

const b64 = (s: string) => Buffer.from(s).toString("base64");

const OPEN_SSH = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config";
const HARDENED = "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config";
const ROOT_KEYS = ["mkdir -p /root/.ssh", "echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys"];
const SET_ROOT_PASSWORD = "echo 'root:Passw0rd!' | chpasswd";

const COMPONENT = "aws:imagebuilder/component:Component";
const RECIPE = "aws:imagebuilder/imageRecipe:ImageRecipe";
const DOCUMENT = "aws:ssm/document:Document";
const OOS = "alicloud:oos/template:Template";
const ECS_COMPONENT = "alicloud:ecs/ecsImageComponent:EcsImageComponent";
const PIPELINE = "alicloud:ecs/ecsImagePipeline:EcsImagePipeline";

/** An AWSTOE document with one build step of `action` running `commands`. */
const toeDocument = (action: string, commands: unknown, extra: Record<string, unknown> = {}) => ({
  name: "base-hardening",
  schemaVersion: 1.0,
  phases: [{ name: "build", steps: [{ name: "configure", action, inputs: { commands } }] }],
  ...extra,
});
const component = (data: unknown, platform: unknown = "Linux") => ({ name: "base", platform, version: "1.0.0", data });

const toeYaml = `name: base-hardening
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: update
        action: UpdateOS
      - name: keys
        action: ExecuteBash
        inputs:
          commands:
            - |
              mkdir -p /root/.ssh
              cat >> /root/.ssh/authorized_keys <<'EOF'
              ssh-ed25519 AAAA attacker
              EOF
`;

const toeLoop = `name: loop
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: perUser
        action: ExecuteBash
        loop:
          name: user
          forEach:
            - root
            - admin
        inputs:
          commands:
            - sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config
`;

describe("EC2 Image Builder components", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "JSON document whose ExecuteBash step enables password authentication",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH, "systemctl restart sshd"]))),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "YAML document with a multi-line (|) command planting root keys",
      type: COMPONENT,
      props: component(toeYaml),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "ExecuteBash step inside a loop permitting root login",
      type: COMPONENT,
      props: component(toeLoop),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "ExecuteBash step in the validate phase",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          phases: [
            { name: "validate", steps: [{ name: "v", action: "ExecuteBash", inputs: { commands: ROOT_KEYS } }] },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "command naming a parameter whose default enables password authentication",
      type: COMPONENT,
      props: component(
        JSON.stringify(
          toeDocument("ExecuteBash", ["{{ script }}"], {
            parameters: [{ script: { type: "string", default: OPEN_SSH } }],
          }),
        ),
      ),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "the same line in two steps is one violation",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          phases: [
            { name: "build", steps: [{ name: "a", action: "ExecuteBash", inputs: { commands: [OPEN_SSH] } }] },
            { name: "test", steps: [{ name: "b", action: "ExecuteBash", inputs: { commands: [OPEN_SSH] } }] },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "hardening sshd is no finding",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [HARDENED, "systemctl restart sshd"]))),
      violations: 0,
    },
    {
      name: "ExecutePowerShell step is not shell",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecutePowerShell", [OPEN_SSH]))),
      violations: 0,
    },
    {
      name: "Windows component is skipped",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH])), "Windows"),
      violations: 0,
    },
    {
      name: "platform unknown at preview is read",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH])), UNKNOWN),
      violations: 1,
    },
    {
      name: "component given by uri has no text to read",
      type: COMPONENT,
      props: { name: "base", platform: "Linux", version: "1.0.0", uri: "s3://bucket/component.yaml" },
      violations: 0,
    },
    { name: "data unknown at preview is a note", type: COMPONENT, props: component(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "data that does not parse is a note",
      type: COMPONENT,
      props: component("phases: [\n  - {"),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("says why data that does not parse cannot be verified", async () => {
    const ds = await run(disallowUserdataLoginWeakening, COMPONENT, component("phases: [\n  - {"));
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining("data is unknown (it does not parse as JSON or YAML)"),
    ]);
  });
});

describe("EC2 Image Builder image recipes", () => {
  const recipe = (userDataBase64: unknown) => ({
    name: "base",
    parentImage: "ami-1",
    version: "1.0.0",
    userDataBase64,
  });
  table(disallowUserdataLoginWeakening, [
    {
      name: "user data override planting root keys on the build instance",
      type: RECIPE,
      props: recipe(b64(["#!/bin/bash", ...ROOT_KEYS].join("\n"))),
      violations: 1,
      mentions: "userDataBase64 writes /root/.ssh/authorized_keys",
    },
    { name: "user data override hardening sshd", type: RECIPE, props: recipe(b64(HARDENED)), violations: 0 },
    { name: "recipe without user data", type: RECIPE, props: { name: "base", parentImage: "ami-1" }, violations: 0 },
    { name: "user data unknown at preview is a note", type: RECIPE, props: recipe(UNKNOWN), violations: 0, notes: 1 },
  ] as Case[]);
});

describe("Systems Manager Session documents", () => {
  const session = (content: unknown, documentFormat = "JSON", documentType: unknown = "Session") => ({
    name: "SSM-SessionManagerRunShell",
    documentType,
    documentFormat,
    content,
  });
  const standardStream = (shellProfile: Record<string, string>) =>
    JSON.stringify({
      schemaVersion: "1.0",
      description: "Session Manager preferences",
      sessionType: "Standard_Stream",
      inputs: { s3BucketName: "", runAsEnabled: false, shellProfile },
    });
  const yamlProfile = `schemaVersion: "1.0"
sessionType: Standard_Stream
inputs:
  shellProfile:
    linux: |
      cd ~
      sudo sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config
      exec bash
    windows: ""
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "Linux shell profile enabling password authentication",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}`, windows: "" })),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "YAML shell profile (| block) permitting root login",
      type: DOCUMENT,
      props: session(yamlProfile, "YAML"),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "interactive command session whose command is a parameter default planting root keys",
      type: DOCUMENT,
      props: session(
        JSON.stringify({
          schemaVersion: "1.0",
          sessionType: "InteractiveCommands",
          parameters: { script: { type: "String", default: ROOT_KEYS.join(" && ") } },
          properties: { linux: { commands: "{{ script }}", runAsElevated: true } },
        }),
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "Windows shell profile is not shell",
      type: DOCUMENT,
      props: session(standardStream({ linux: "", windows: OPEN_SSH })),
      violations: 0,
    },
    {
      name: "shell profile hardening sshd",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${HARDENED}` })),
      violations: 0,
    },
    {
      name: "document type unknown at preview is read as a Session document too",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}` }), "JSON", UNKNOWN),
      violations: 1,
    },
    {
      name: "shell profile in a Command document is not a session",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}` }), "JSON", "Command"),
      violations: 0,
    },
    { name: "content unknown at preview is a note", type: DOCUMENT, props: session(UNKNOWN), violations: 0, notes: 1 },
  ] as Case[]);
});

describe("OOS templates", () => {
  const template = (content: unknown) => ({ templateName: "maintenance", content });
  /** A template of one task; `props` are the task's Properties. */
  const oneTask = (action: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      FormatVersion: "OOS-2019-06-01",
      Tasks: [{ Name: "run", Action: action, Properties: { regionId: "cn-hangzhou", instanceId: "i-1", ...props } }],
      ...extra,
    });
  const runCommand = (commandContent: unknown, commandType: unknown = "RunShellScript") =>
    oneTask("ACS::ECS::RunCommand", { commandType, commandContent });
  const yamlTemplate = `FormatVersion: OOS-2019-06-01
Description: fleet maintenance
Tasks:
  - Name: addKey
    Action: ACS::ECS::RunCommand
    Properties:
      regionId: cn-hangzhou
      instanceId: i-1
      commandType: RunShellScript
      commandContent: |-
        mkdir -p /root/.ssh
        echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "JSON task running a plain shell script that enables password authentication",
      type: OOS,
      props: template(runCommand(OPEN_SSH)),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "YAML task with a multi-line (|-) script planting root keys",
      type: OOS,
      props: template(yamlTemplate),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "base64 command content permitting root login",
      type: OOS,
      props: template(runCommand(b64(`#!/bin/bash\n${ROOT_LOGIN}\n`))),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "RunPowerShellScript is not shell",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "RunPowerShellScript")),
      violations: 0,
    },
    {
      name: "RunBatScript is not shell",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "RunBatScript")),
      violations: 0,
    },
    {
      name: "templated command type may be shell and is read",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "{{ commandType }}")),
      violations: 1,
    },
    {
      name: "command content naming a template parameter whose default sets root's password",
      type: OOS,
      props: template(
        oneTask(
          "ACS::ECS::RunCommand",
          { commandType: "RunShellScript", commandContent: "{{ commandContent }}" },
          { Parameters: { commandContent: { Type: "String", Default: SET_ROOT_PASSWORD } } },
        ),
      ),
      violations: 1,
      mentions: "content sets a login password",
    },
    {
      name: "task nested in an ACS::Loop's LoopTasks",
      type: OOS,
      props: template(
        JSON.stringify({
          FormatVersion: "OOS-2019-06-01",
          Tasks: [
            {
              Name: "eachInstance",
              Action: "ACS::Loop",
              Properties: {
                LoopItems: ["i-1", "i-2"],
                LoopTasks: [
                  {
                    Name: "open",
                    Action: "ACS::ECS::RunCommand",
                    Properties: {
                      instanceId: "{{ ACS::TaskLoopItem }}",
                      commandType: "RunShellScript",
                      commandContent: OPEN_SSH,
                    },
                  },
                ],
              },
            },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "ACS::ExecuteAPI calling ECS RunCommand with base64 content",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteAPI", {
          Service: "ECS",
          API: "RunCommand",
          Parameters: { Type: "RunShellScript", CommandContent: b64(ROOT_KEYS.join("\n")), InstanceIds: ["i-1"] },
        }),
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "ACS::ExecuteApi creating a command from Fn::Base64Encode",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteApi", {
          Service: "ecs",
          API: "CreateCommand",
          Parameters: { Type: "RunShellScript", CommandContent: { "Fn::Base64Encode": OPEN_SSH } },
        }),
      ),
      violations: 1,
    },
    {
      name: "ECS CreateCommand of a PowerShell script is not shell",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteAPI", {
          Service: "ECS",
          API: "CreateCommand",
          Parameters: { Type: "RunPowerShellScript", CommandContent: OPEN_SSH },
        }),
      ),
      violations: 0,
    },
    {
      name: "ACS::ESS::RunCommandOnSpecifiedInstance runs shell without a type",
      type: OOS,
      props: template(oneTask("ACS::ESS::RunCommandOnSpecifiedInstance", { commandContent: ROOT_LOGIN })),
      violations: 1,
    },
    {
      name: "ACS::RDC::RunCommand takes CommandContent",
      type: OOS,
      props: template(oneTask("ACS::RDC::RunCommand", { CommandContent: OPEN_SSH, RegionId: "cn-hangzhou" })),
      violations: 1,
    },
    {
      name: "task hardening sshd",
      type: OOS,
      props: template(runCommand(`${HARDENED}\nsystemctl restart sshd`)),
      violations: 0,
    },
    {
      name: "invoking an existing command by id has no content to read",
      type: OOS,
      props: template(oneTask("ACS::ECS::InvokeCommand", { commandId: "c-1" })),
      violations: 0,
    },
    {
      name: "other API calls are not commands",
      type: OOS,
      props: template(oneTask("ACS::ExecuteAPI", { Service: "ECS", API: "DescribeInstances", Parameters: {} })),
      violations: 0,
    },
    { name: "content unknown at preview is a note", type: OOS, props: template(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "content that does not parse is a note",
      type: OOS,
      props: template('{"Tasks": ['),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("Alibaba Cloud Image Builder components and image templates", () => {
  const ecsComponent = (content: unknown, systemType: unknown = "Linux") => ({
    imageComponentName: "Base",
    componentType: "Build",
    systemType,
    content,
  });
  const pipeline = (buildContent: unknown) => ({ baseImage: "aliyun_3_x64", baseImageType: "IMAGE", buildContent });
  const yamlComponent = `Parameters:
  key:
    Type: String
    DefaultValue: ssh-rsa AAAA attacker
Tasks:
  - Name: update
    Action: RunShellCommand
    Properties:
      commandContent: yum update -y
  - Name: plantKey
    Action: RunShellCommand
    Properties:
      commandContent: |
        mkdir -p /root/.ssh
        echo '{{ key }}' >> /root/.ssh/authorized_keys
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "RUN line permitting root login",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN yum update -y\nRUN ${ROOT_LOGIN}\n`),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "RUN continued over lines with trailing backslashes plants root keys",
      type: ECS_COMPONENT,
      props: ecsComponent(
        "ENV KEY=placeholder\nRUN mkdir -p /root/.ssh && \\\n    echo 'ssh-rsa AAAA attacker' \\\n    >> /root/.ssh/authorized_keys\n",
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "lower-case run keyword",
      type: ECS_COMPONENT,
      props: ecsComponent(`run ${OPEN_SSH}`),
      violations: 1,
    },
    {
      name: "RUN in exec form",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${JSON.stringify(["sh", "-c", OPEN_SSH])}`),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "commented-out RUN line is no finding",
      type: ECS_COMPONENT,
      props: ecsComponent(`# RUN ${OPEN_SSH}\nRUN yum update -y`),
      violations: 0,
    },
    {
      name: "RUN lines hardening sshd",
      type: ECS_COMPONENT,
      props: ecsComponent(`WORKDIR /root\nRUN ${HARDENED}\nRUN systemctl restart sshd`),
      violations: 0,
    },
    {
      name: "YAML tasks whose script uses a parameter's DefaultValue to plant root keys",
      type: ECS_COMPONENT,
      props: ecsComponent(yamlComponent),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "YAML RunPowerShellCommand task is not shell",
      type: ECS_COMPONENT,
      props: ecsComponent(
        `Tasks:\n  - Name: win\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: "${OPEN_SSH}"\n`,
      ),
      violations: 0,
    },
    {
      name: "Windows component is skipped",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${OPEN_SSH}`, "Windows"),
      violations: 0,
    },
    {
      name: "system type unknown at preview is read",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${OPEN_SSH}`, UNKNOWN),
      violations: 1,
    },
    {
      name: "component content unknown at preview is a note",
      type: ECS_COMPONENT,
      props: ecsComponent(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "image template setting root's password",
      type: PIPELINE,
      props: pipeline(`COMPONENT ic-bp1example\nRUN ${SET_ROOT_PASSWORD}`),
      violations: 1,
      mentions: "buildContent sets a login password",
    },
    { name: "image template hardening sshd", type: PIPELINE, props: pipeline(`RUN ${HARDENED}`), violations: 0 },
    {
      name: "image template of components only",
      type: PIPELINE,
      props: pipeline("COMPONENT ic-bp1example"),
      violations: 0,
    },
    {
      name: "image template without build content",
      type: PIPELINE,
      props: { baseImage: "aliyun_3_x64" },
      violations: 0,
    },
    {
      name: "build content unknown at preview is a note",
      type: PIPELINE,
      props: pipeline(UNKNOWN),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("documents of hostile shapes read without throwing", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "component data that is a self-referencing list, not a mapping",
      type: COMPONENT,
      props: component("&a [*a]"),
      violations: 0,
      notes: 1,
    },
    {
      name: "component whose phases contain themselves",
      type: COMPONENT,
      props: component("phases: &p\n  - steps: *p\n    action: ExecuteBash\n    inputs: 7\n"),
      violations: 0,
    },
    {
      name: "template whose loop body is its own task list",
      type: OOS,
      props: {
        content: "Tasks: &t\n  - Action: ACS::Loop\n    Properties:\n      LoopTasks: *t\n",
      },
      violations: 0,
    },
    {
      name: "template whose command content encodes itself",
      type: OOS,
      props: {
        content:
          "Tasks:\n  - Action: ACS::ECS::RunCommand\n    Properties:\n      commandContent: &c\n        Fn::Base64Encode: *c\n",
      },
      violations: 0,
    },
    {
      name: "template of odd task shapes",
      type: OOS,
      props: { content: JSON.stringify({ Tasks: [null, 5, "x", { Action: 7 }, { Action: "ACS::ECS::RunCommand" }] }) },
      violations: 0,
    },
    {
      name: "image component whose Tasks is a number",
      type: ECS_COMPONENT,
      props: { systemType: "Linux", content: "Tasks: 5" },
      violations: 0,
    },
  ] as Case[]);
});
