// Systems Manager Automation runbooks (schema 0.3) whose `aws:runCommand` steps send AWS-RunShellScript to instances:
// their `commands`, often `{{ Commands }}` references to the runbook's own parameters, are filled with the values each
// association and AUTOMATION maintenance window task of the stack passes, as Command documents are. A step sending a
// Command document of the stack runs that document with the step's `Parameters`. `aws:executeScript` runs on AWS's
// side, not on instances.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { combinedTable, countOf, planTable, runPlan } from "./combined-table";
import { Case, StackInput, UNKNOWN, urnOf } from "./harness";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, rule } from "./templates-fixtures";

const DOCUMENT = "aws:ssm/document:Document";
const ASSOCIATION = "aws:ssm/association:Association";
const TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const RUNBOOK_NAME = "patch-and-configure";
const COMMAND_NAME = "set-sshd";

const OPEN_PASSWORDS = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const CLOSE_PASSWORDS = "echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config";
const ROOT_KEYS = "echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys";
const SET_ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin {{ mode }}/' /etc/ssh/sshd_config";

const runbookUrn = (name = "runbook") => urnOf(DOCUMENT, name);
const associationUrn = (name: string) => urnOf(ASSOCIATION, name);
const taskUrn = (name: string) => urnOf(TASK, name);

type Step = Record<string, unknown>;

/** An `aws:runCommand` step sending `documentName` with `parameters`. */
const runCommand = (parameters: unknown, documentName = "AWS-RunShellScript"): Step => ({
  name: "configure",
  action: "aws:runCommand",
  inputs: { DocumentName: documentName, InstanceIds: ["{{ InstanceId }}"], Parameters: parameters },
});

/** Schema 0.3 content: `InstanceId` (the target parameter) and the parameters given, and the steps. */
function runbookContent(steps: Step[], parameters: Record<string, unknown> = {}) {
  return JSON.stringify({
    schemaVersion: "0.3",
    description: "Configures instances",
    parameters: { InstanceId: { type: "String" }, ...parameters },
    mainSteps: steps,
  });
}

/** `commands: "{{ Commands }}"`: the lines come whole from the runbook's parameter. */
const commandsRunbook = (defaultCommands: string[] = ["echo ready"]) =>
  runbookContent([runCommand({ commands: "{{ Commands }}" })], {
    Commands: { type: "StringList", default: defaultCommands },
  });

/** `PasswordAuthentication {{ Mode }}` inside a list of commands. */
const modeRunbook = (defaultMode?: string) =>
  runbookContent(
    [
      runCommand({
        commands: [
          "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication {{ Mode }}/' /etc/ssh/sshd_config",
          "systemctl restart sshd",
        ],
      }),
    ],
    { Mode: defaultMode === undefined ? { type: "String" } : { type: "String", default: defaultMode } },
  );

/** The same runbook in YAML, `{{Commands}}` without blanks and `commands` a one-line string. */
const commandsYaml = [
  "schemaVersion: '0.3'",
  "parameters:",
  "  InstanceId:",
  "    type: String",
  "  Commands:",
  "    type: String",
  "    default: echo ready",
  "mainSteps:",
  "  - name: configure",
  "    action: aws:runCommand",
  "    inputs:",
  "      DocumentName: AWS-RunShellScript",
  "      InstanceIds: ['{{ InstanceId }}']",
  "      Parameters:",
  "        commands: '{{Commands}}'",
].join("\n");

/** A line writing the target parameter where an sshd directive's value stands. */
const targetRunbook = runbookContent([
  runCommand({ commands: ["echo 'PasswordAuthentication {{ InstanceId }}' >> /etc/ssh/sshd_config"] }),
]);

function runbook(content: string, extra: Record<string, unknown> = {}, name = "runbook"): StackInput {
  return {
    type: DOCUMENT,
    name,
    props: { name: RUNBOOK_NAME, documentType: "Automation", documentFormat: "JSON", content, ...extra },
  };
}

/** An association at preview starting the runbook on each tagged instance, its ID given to `InstanceId`. */
function association(name: string, parameters: unknown, extra: Record<string, unknown> = {}): StackInput {
  return {
    type: ASSOCIATION,
    name,
    props: {
      name: RUNBOOK_NAME,
      automationTargetParameterName: "InstanceId",
      targets: [{ key: "tag:Role", values: ["web"] }],
      ...(parameters === undefined ? {} : { parameters }),
      ...extra,
    },
    propertyDependencies: { name: [runbookUrn()] },
  };
}

/** A maintenance window task starting the runbook, its parameters as `[{ name, values }]`. */
function task(name: string, parameters: unknown, extra: Record<string, unknown> = {}): StackInput {
  return {
    type: TASK,
    name,
    props: {
      windowId: "mw-0c50858d01EXAMPLE",
      taskType: "AUTOMATION",
      taskArn: RUNBOOK_NAME,
      targets: [{ key: "WindowTargetIds", values: ["wt-1"] }],
      taskInvocationParameters: { automationParameters: { documentVersion: "$LATEST", parameters } },
      ...extra,
    },
    propertyDependencies: { taskArn: [runbookUrn()] },
  };
}

describe("associations fill an Automation runbook's commands", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "Commands passed as a list, enabling password authentication, on the association",
      resources: [runbook(commandsRunbook()), association("assoc", { Commands: [OPEN_PASSWORDS] })],
      violations: 1,
      mentions: "content of runbook with these parameters enables SSH password authentication",
      urn: associationUrn("assoc"),
    },
    {
      name: "Commands passed as text, planting root's keys",
      resources: [runbook(commandsRunbook()), association("assoc", { Commands: `mkdir -p /root/.ssh\n${ROOT_KEYS}` })],
      violations: 1,
      mentions: "writes /root/.ssh/authorized_keys",
      urn: associationUrn("assoc"),
    },
    {
      name: "hardening Commands pass",
      resources: [runbook(commandsRunbook()), association("assoc", { Commands: [CLOSE_PASSWORDS] })],
      violations: 0,
    },
    {
      name: "Commands left out take the harmless default",
      resources: [runbook(commandsRunbook()), association("assoc", {})],
      violations: 0,
    },
    {
      name: "Commands unknown at preview is a note on the association",
      resources: [runbook(commandsRunbook()), association("assoc", { Commands: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole parameters map unknown at preview is a note",
      resources: [runbook(commandsRunbook()), association("assoc", UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "Commands read from Parameter Store is a note",
      resources: [runbook(commandsRunbook()), association("assoc", { Commands: "{{ssm:/ops/commands}}" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a name in another case is no parameter of the runbook: the default stands",
      resources: [runbook(commandsRunbook()), association("assoc", { commands: [OPEN_PASSWORDS] })],
      violations: 0,
    },
    {
      name: "Mode=yes in a sed line, on the association",
      resources: [runbook(modeRunbook("no")), association("assoc", { Mode: "yes" })],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "Mode=no passes",
      resources: [runbook(modeRunbook("no")), association("assoc", { Mode: "no" })],
      violations: 0,
    },
    {
      name: "Mode with no default, left out by the association, is a note",
      resources: [runbook(modeRunbook()), association("assoc", {})],
      violations: 0,
      notes: 1,
    },
    {
      name: "YAML runbook, commands a string reference without blanks",
      resources: [
        runbook(commandsYaml, { documentFormat: "YAML" }),
        association("assoc", { Commands: OPEN_PASSWORDS }),
      ],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "YAML runbook, hardening commands",
      resources: [
        runbook(commandsYaml, { documentFormat: "YAML" }),
        association("assoc", { Commands: CLOSE_PASSWORDS }),
      ],
      violations: 0,
    },
    {
      name: "document type only known at apply: the association's values are judged",
      resources: [
        runbook(commandsRunbook(), { documentType: UNKNOWN }),
        association("assoc", { Commands: [OPEN_PASSWORDS] }),
      ],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "the target parameter holds a target's ID, never a weakening line",
      resources: [runbook(targetRunbook), association("assoc", {})],
      violations: 0,
    },
    {
      name: "with no target parameter, the same reference is given nothing: a note",
      resources: [runbook(targetRunbook), association("assoc", {}, { automationTargetParameterName: undefined })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the target parameter unknown at preview gives no value: a note",
      resources: [runbook(targetRunbook), association("assoc", {}, { automationTargetParameterName: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "two associations, one passing weakening commands: one violation on that one",
      resources: [
        runbook(commandsRunbook()),
        association("hardened", { Commands: [CLOSE_PASSWORDS] }),
        association("open", { Commands: [OPEN_PASSWORDS] }),
      ],
      violations: 1,
      urn: associationUrn("open"),
    },
  ]);
});

describe("AUTOMATION maintenance window tasks fill a runbook's commands", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "values enabling password authentication, on the task",
      resources: [runbook(commandsRunbook()), task("task", [{ name: "Commands", values: [OPEN_PASSWORDS] }])],
      violations: 1,
      urn: taskUrn("task"),
    },
    {
      name: "hardening values pass",
      resources: [runbook(commandsRunbook()), task("task", [{ name: "Commands", values: [CLOSE_PASSWORDS] }])],
      violations: 0,
    },
    {
      name: "values unknown at preview are a note",
      resources: [runbook(commandsRunbook()), task("task", [{ name: "Commands", values: UNKNOWN }])],
      violations: 0,
      notes: 1,
    },
    {
      name: "automationParameters unknown at preview is a note",
      resources: [runbook(commandsRunbook()), task("task", [], { taskInvocationParameters: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a task type only known at apply may start the runbook",
      resources: [
        runbook(commandsRunbook()),
        task("task", [{ name: "Commands", values: [OPEN_PASSWORDS] }], { taskType: UNKNOWN }),
      ],
      violations: 1,
      urn: taskUrn("task"),
    },
    {
      name: "a RUN_COMMAND task cannot start a runbook: the runbook stays unrun, its default harmless",
      resources: [
        runbook(commandsRunbook()),
        task("task", [{ name: "Commands", values: [OPEN_PASSWORDS] }], { taskType: "RUN_COMMAND" }),
      ],
      violations: 0,
    },
  ]);
});

describe("Automation runbooks read alone", () => {
  combinedTable(disallowUserdataLoginWeakening, [
    {
      name: "a weakening default is the runbook's own",
      type: DOCUMENT,
      props: runbook(commandsRunbook([OPEN_PASSWORDS])).props,
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "a harmless default passes",
      type: DOCUMENT,
      props: runbook(commandsRunbook()).props,
      violations: 0,
    },
    {
      name: "sed on a Mode with no default is a note",
      type: DOCUMENT,
      props: runbook(modeRunbook()).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "literal commands planting root's keys",
      type: DOCUMENT,
      props: runbook(runbookContent([runCommand({ commands: ["mkdir -p /root/.ssh", ROOT_KEYS] })])).props,
      violations: 1,
    },
    {
      name: "AWS-RunShellScript by ARN",
      type: DOCUMENT,
      props: runbook(
        runbookContent([
          runCommand({ commands: [OPEN_PASSWORDS] }, "arn:aws:ssm:us-east-1::document/AWS-RunShellScript"),
        ]),
      ).props,
      violations: 1,
    },
    {
      name: "AWS-RunRemoteScript's commandLine",
      type: DOCUMENT,
      props: runbook(
        runbookContent([runCommand({ sourceType: "S3", commandLine: OPEN_PASSWORDS }, "AWS-RunRemoteScript")]),
      ).props,
      violations: 1,
    },
    {
      name: "a step inside an aws:loop body",
      type: DOCUMENT,
      props: runbook(
        runbookContent([
          {
            name: "each",
            action: "aws:loop",
            inputs: { Iterators: "{{ InstanceIds }}", Steps: [runCommand({ commands: [OPEN_PASSWORDS] })] },
          },
        ]),
      ).props,
      violations: 1,
    },
    {
      name: "aws:executeScript runs on AWS's side, not on an instance",
      type: DOCUMENT,
      props: runbook(
        runbookContent([
          {
            name: "script",
            action: "aws:executeScript",
            inputs: {
              Runtime: "python3.11",
              Handler: "handler",
              Script: `def handler(e, c):\n  print("${OPEN_PASSWORDS}")`,
            },
          },
        ]),
      ).props,
      violations: 0,
    },
    {
      name: "a DocumentName given by a reference may be AWS-RunShellScript: its commands are read",
      type: DOCUMENT,
      props: runbook(runbookContent([runCommand({ commands: [OPEN_PASSWORDS] }, "{{ Runner }}")])).props,
      violations: 1,
    },
    {
      name: "AWS-RunPowerShellScript is not shell",
      type: DOCUMENT,
      props: runbook(runbookContent([runCommand({ commands: [OPEN_PASSWORDS] }, "AWS-RunPowerShellScript")])).props,
      violations: 0,
    },
    {
      name: "a Command-style aws:runShellScript step does not run in a runbook",
      type: DOCUMENT,
      props: runbook(
        runbookContent([{ name: "x", action: "aws:runShellScript", inputs: { runCommand: [OPEN_PASSWORDS] } }]),
      ).props,
      violations: 0,
    },
    {
      name: "content unknown at preview is a note",
      type: DOCUMENT,
      props: runbook(commandsRunbook(), { content: UNKNOWN }).props,
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

/** A Command document of the stack setting `PermitRootLogin {{ mode }}`, mode defaulting to no. */
function commandDocument(): StackInput {
  const content = {
    schemaVersion: "2.2",
    parameters: { mode: { type: "String", default: "no" } },
    mainSteps: [{ action: "aws:runShellScript", name: "configure", inputs: { runCommand: [SET_ROOT_LOGIN] } }],
  };
  return {
    type: DOCUMENT,
    name: "command",
    props: { name: COMMAND_NAME, documentType: "Command", content: JSON.stringify(content) },
  };
}

/** A runbook sending the Command document with `parameters`; its own `Mode` parameter defaulting to `defaultMode`. */
const sendingRunbook = (parameters: unknown, defaultMode = "no", documentName = COMMAND_NAME) =>
  runbook(runbookContent([runCommand(parameters, documentName)], { Mode: { type: "String", default: defaultMode } }));

describe("a runbook step sending a Command document of the stack", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "mode=yes literally: a violation on the runbook that passes it",
      resources: [commandDocument(), sendingRunbook({ mode: ["yes"] })],
      violations: 1,
      mentions: "content of command with these parameters permits root login",
      urn: runbookUrn(),
    },
    {
      name: "mode=no literally passes, and the document's note goes away",
      resources: [commandDocument(), sendingRunbook({ mode: ["no"] })],
      violations: 0,
    },
    {
      name: "mode left out takes the Command document's default no",
      resources: [commandDocument(), sendingRunbook({})],
      violations: 0,
    },
    {
      name: "sent by ARN",
      resources: [
        commandDocument(),
        sendingRunbook({ mode: "yes" }, "no", `arn:aws:ssm:us-east-1:123456789012:document/${COMMAND_NAME}`),
      ],
      violations: 1,
      urn: runbookUrn(),
    },
    {
      name: "mode from the runbook's Mode, the runbook run nowhere in the stack: a note on the runbook",
      resources: [commandDocument(), sendingRunbook({ mode: "{{ Mode }}" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "mode from Mode, an association passing yes: a violation on the association",
      resources: [commandDocument(), sendingRunbook({ mode: "{{ Mode }}" }), association("assoc", { Mode: "yes" })],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "mode from Mode, an association passing no",
      resources: [commandDocument(), sendingRunbook({ mode: "{{ Mode }}" }), association("assoc", { Mode: "no" })],
      violations: 0,
    },
    {
      name: "mode from Mode, an association leaving it out: the runbook's default yes",
      resources: [commandDocument(), sendingRunbook({ mode: "{{ Mode }}" }, "yes"), association("assoc", {})],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "mode from Mode, a task passing yes",
      resources: [
        commandDocument(),
        sendingRunbook({ mode: ["{{ Mode }}"] }),
        task("task", [{ name: "Mode", values: ["yes"] }]),
      ],
      violations: 1,
      urn: taskUrn("task"),
    },
    {
      name: "mode from Mode, the association's value unknown at preview: a note",
      resources: [commandDocument(), sendingRunbook({ mode: "{{ Mode }}" }), association("assoc", { Mode: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "Parameters a whole StringMap reference cannot be read: a note",
      resources: [commandDocument(), sendingRunbook("{{ Params }}")],
      violations: 0,
      notes: 1,
    },
    {
      name: "a step sending another document leaves the Command document unrun: its note stays",
      resources: [commandDocument(), sendingRunbook({ mode: "yes" }, "no", "other-document")],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("where the findings land", () => {
  it("a runbook with no run keeps its note on a reference with no default", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [runbook(modeRunbook())]);
    const { notes, violations } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations).toEqual([]);
    expect(notes.map((n) => n.urn)).toEqual([runbookUrn()]);
  });

  it("an association's weakening quotes the filled line and names the runbook", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [
      runbook(commandsRunbook()),
      association("assoc", { Commands: [OPEN_PASSWORDS] }),
    ]);
    const { violations, notes } = countOf(disallowUserdataLoginWeakening, ds);
    expect(notes).toEqual([]);
    expect(violations.map((v) => v.urn)).toEqual([associationUrn("assoc")]);
    expect(violations[0].message).toContain("PasswordAuthentication yes");
  });
});

describe("a raw template's runbook run by the template's association", () => {
  const container = stacksNamed("ops");
  /** The runbook as `Content` (an object), its association by `!Ref`, `Commands` given as the template's list. */
  const template = (commands: string[]) =>
    cfn({
      Runbook: {
        Type: "AWS::SSM::Document",
        Properties: { DocumentType: "Automation", Content: JSON.parse(commandsRunbook()) },
      },
      Run: {
        Type: "AWS::SSM::Association",
        Properties: {
          Name: { Ref: "Runbook" },
          Parameters: { Commands: commands },
          Targets: [{ Key: "tag:role", Values: ["web"] }],
        },
      },
    });

  planTable(rule("disallow-userdata-login-weakening"), [
    {
      name: "Commands enabling password authentication",
      resources: [container(CFN_STACK, template([OPEN_PASSWORDS]))],
      violations: 1,
      mentions: "template resource Run (AWS::SSM::Association)",
      urn: urnOf(CFN_STACK, "ops"),
    },
    {
      name: "hardening Commands",
      resources: [container(CFN_STACK, template([CLOSE_PASSWORDS]))],
      violations: 0,
    },
  ]);
});
