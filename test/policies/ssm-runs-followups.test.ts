// Runs of Systems Manager documents the login rule follows beyond associations and tasks written in the program: a
// raw template's maintenance window tasks (and its associations' target parameter), EC2 Image Builder workflow
// RunCommand steps sending a Command document of the stack, runbooks started by another runbook's
// `aws:executeAutomation` step, and `aws:loop` bodies filled with each iterator value.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { countOf, planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, rule } from "./templates-fixtures";

const DOCUMENT = "aws:ssm/document:Document";
const ASSOCIATION = "aws:ssm/association:Association";
const WORKFLOW = "aws:imagebuilder/workflow:Workflow";

const OPEN_PASSWORDS = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const CLOSE_PASSWORDS = "echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config";
const SET_ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin {{ mode }}/' /etc/ssh/sshd_config";

type Step = Record<string, unknown>;

/** Schema 0.3 content: an `InstanceId` parameter, the parameters given, and the steps. */
const runbookContent = (steps: Step[], parameters: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: "0.3",
    parameters: { InstanceId: { type: "String" }, ...parameters },
    mainSteps: steps,
  });

/** An `aws:runCommand` step sending `documentName` with `parameters`. */
const runCommand = (parameters: unknown, documentName = "AWS-RunShellScript", name = "configure"): Step => ({
  name,
  action: "aws:runCommand",
  inputs: { DocumentName: documentName, InstanceIds: ["{{ InstanceId }}"], Parameters: parameters },
});

/** A runbook whose one step runs its `Commands` parameter (default harmless). */
const commandsContent = runbookContent([runCommand({ commands: "{{ Commands }}" })], {
  Commands: { type: "StringList", default: ["echo ready"] },
});

/** A runbook writing its target parameter where an sshd directive's value stands. */
const targetContent = runbookContent([
  runCommand({ commands: ["echo 'PasswordAuthentication {{ InstanceId }}' >> /etc/ssh/sshd_config"] }),
]);

const commandContent = JSON.stringify({
  schemaVersion: "2.2",
  parameters: { mode: { type: "String", default: "no" } },
  mainSteps: [{ action: "aws:runShellScript", name: "configure", inputs: { runCommand: [SET_ROOT_LOGIN] } }],
});

function document(name: string, documentType: string, content: unknown, resource = name): StackInput {
  return { type: DOCUMENT, name: resource, props: { name, documentType, documentFormat: "JSON", content } };
}

/** A Command document of the stack, named set-sshd, setting `PermitRootLogin {{ mode }}` (default no). */
const commandDocument = () => document("set-sshd", "Command", commandContent);

function association(name: string, documentName: string, parameters: unknown): StackInput {
  return {
    type: ASSOCIATION,
    name,
    props: {
      name: documentName,
      automationTargetParameterName: "InstanceId",
      targets: [{ key: "tag:Role", values: ["web"] }],
      parameters,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. CloudFormation maintenance window tasks and association target parameters.

const container = stacksNamed("ops");
const OPS = urnOf(CFN_STACK, "ops");
const userData = rule("disallow-userdata-login-weakening");

const templateTask = (TaskArn: unknown, TaskType: string, invocation: Record<string, unknown>) => ({
  Type: "AWS::SSM::MaintenanceWindowTask",
  Properties: {
    WindowId: "mw-0c50858d01EXAMPLE",
    TaskArn,
    TaskType,
    Priority: 1,
    MaxConcurrency: "1",
    MaxErrors: "1",
    Targets: [{ Key: "WindowTargetIds", Values: ["wt-1"] }],
    TaskInvocationParameters: invocation,
  },
});
const runCommandTask = (TaskArn: unknown, Parameters: unknown) =>
  templateTask(TaskArn, "RUN_COMMAND", { MaintenanceWindowRunCommandParameters: { Parameters } });
const automationTask = (TaskArn: unknown, Parameters: unknown) =>
  templateTask(TaskArn, "AUTOMATION", { MaintenanceWindowAutomationParameters: { Parameters } });

const templateDocument = (DocumentType: string, content: string) => ({
  Type: "AWS::SSM::Document",
  Properties: { DocumentType, Content: JSON.parse(content) },
});
const unknownParameter = { Parameters: { Extra: { Type: "String" } } };
const templateStack = (body: string, parameters?: Record<string, unknown>) => [
  container(CFN_STACK, body, parameters ? { parameters } : {}),
];

describe("a raw template's AWS::SSM::MaintenanceWindowTask", () => {
  planTable(userData, [
    {
      name: "RUN_COMMAND task of AWS-RunShellScript enabling password authentication",
      resources: templateStack(cfn({ Task: runCommandTask("AWS-RunShellScript", { commands: [OPEN_PASSWORDS] }) })),
      violations: 1,
      mentions: "template resource Task (AWS::SSM::MaintenanceWindowTask)",
    },
    {
      name: "RUN_COMMAND task of AWS-RunShellScript hardening sshd",
      resources: templateStack(cfn({ Task: runCommandTask("AWS-RunShellScript", { commands: [CLOSE_PASSWORDS] }) })),
      violations: 0,
    },
    {
      name: "a command from a template parameter unknown at preview is a note",
      resources: templateStack(
        cfn({ Task: runCommandTask("AWS-RunShellScript", { commands: [{ Ref: "Extra" }] }) }, unknownParameter),
        { Extra: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "commands given as one text, not a list",
      resources: templateStack(cfn({ Task: runCommandTask("AWS-RunShellScript", { commands: OPEN_PASSWORDS }) })),
      violations: 1,
    },
    {
      name: "TaskInvocationParameters from a template parameter unknown at preview is a note",
      resources: templateStack(
        cfn(
          {
            Task: {
              ...runCommandTask("AWS-RunShellScript", {}),
              Properties: {
                ...runCommandTask("AWS-RunShellScript", {}).Properties,
                TaskInvocationParameters: { Ref: "Extra" },
              },
            },
          },
          unknownParameter,
        ),
        { Extra: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "a task of the template's Command document passing mode yes",
      resources: templateStack(
        cfn({
          Doc: templateDocument("Command", commandContent),
          Task: runCommandTask({ Ref: "Doc" }, { mode: ["yes"] }),
        }),
      ),
      violations: 1,
      urn: OPS,
      mentions: "template resource Task (AWS::SSM::MaintenanceWindowTask)",
    },
    {
      name: "a task of the template's Command document passing mode no: the document's note goes away",
      resources: templateStack(
        cfn({
          Doc: templateDocument("Command", commandContent),
          Task: runCommandTask({ Ref: "Doc" }, { mode: ["no"] }),
        }),
      ),
      violations: 0,
    },
    {
      name: "the task's mode from a template parameter unknown at preview is a note",
      resources: templateStack(
        cfn(
          {
            Doc: templateDocument("Command", commandContent),
            Task: runCommandTask({ Ref: "Doc" }, { mode: [{ Ref: "Extra" }] }),
          },
          unknownParameter,
        ),
        { Extra: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "a task naming a Command document of the program by its name, passing mode yes",
      resources: [commandDocument(), ...templateStack(cfn({ Task: runCommandTask("set-sshd", { mode: ["yes"] }) }))],
      violations: 1,
      urn: OPS,
    },
    {
      name: "an AUTOMATION task passing weakening Commands to the template's runbook",
      resources: templateStack(
        cfn({
          Runbook: templateDocument("Automation", commandsContent),
          Task: automationTask({ Ref: "Runbook" }, { Commands: [OPEN_PASSWORDS] }),
        }),
      ),
      violations: 1,
      urn: OPS,
      mentions: "template resource Task (AWS::SSM::MaintenanceWindowTask)",
    },
    {
      name: "an AUTOMATION task passing hardening Commands",
      resources: templateStack(
        cfn({
          Runbook: templateDocument("Automation", commandsContent),
          Task: automationTask({ Ref: "Runbook" }, { Commands: [CLOSE_PASSWORDS] }),
        }),
      ),
      violations: 0,
    },
    {
      name: "a RUN_COMMAND task's parameters do not start a runbook: its harmless default stands",
      resources: templateStack(
        cfn({
          Runbook: templateDocument("Automation", commandsContent),
          Task: runCommandTask({ Ref: "Runbook" }, { Commands: [OPEN_PASSWORDS] }),
        }),
      ),
      violations: 0,
    },
  ]);
});

describe("a raw template's AWS::SSM::Association AutomationTargetParameterName", () => {
  const body = (target: unknown) =>
    cfn(
      {
        Runbook: templateDocument("Automation", targetContent),
        Run: {
          Type: "AWS::SSM::Association",
          Properties: {
            Name: { Ref: "Runbook" },
            ...(target === undefined ? {} : { AutomationTargetParameterName: target }),
            Targets: [{ Key: "tag:role", Values: ["web"] }],
          },
        },
      },
      unknownParameter,
    );

  planTable(userData, [
    {
      name: "the target parameter holds a target's ID, never a weakening line",
      resources: templateStack(body("InstanceId")),
      violations: 0,
    },
    {
      name: "with no target parameter the reference is given nothing: a note",
      resources: templateStack(body(undefined)),
      violations: 0,
      notes: 1,
    },
    {
      name: "the target parameter from a template parameter unknown at preview: a note",
      resources: templateStack(body({ Ref: "Extra" }), { Extra: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Image Builder workflow RunCommand steps sending a Command document of the stack.

/** A workflow whose one RunCommand step sends `documentName` with the YAML `parameters` lines given. */
const workflow = (documentName: string, parameters: string[], data?: unknown): StackInput => ({
  type: WORKFLOW,
  name: "build",
  props: {
    name: "build",
    version: "1.0.0",
    type: "BUILD",
    data:
      data ??
      [
        "name: build",
        "schemaVersion: 1.0",
        "steps:",
        "  - name: Configure",
        "    action: RunCommand",
        "    onFailure: Abort",
        "    inputs:",
        `      documentName: ${documentName}`,
        '      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"',
        ...parameters,
      ].join("\n"),
  },
});
const WORKFLOW_URN = urnOf(WORKFLOW, "build");
const modeParameters = (mode: string) => ["      parameters:", "        mode:", `          - "${mode}"`];

describe("an Image Builder workflow's RunCommand step sending a Command document of the stack", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "mode yes: a violation on the workflow",
      resources: [commandDocument(), workflow("set-sshd", modeParameters("yes"))],
      violations: 1,
      urn: WORKFLOW_URN,
      mentions: "content of set-sshd with these parameters permits root login",
    },
    {
      name: "mode no: the document's note goes away",
      resources: [commandDocument(), workflow("set-sshd", modeParameters("no"))],
      violations: 0,
    },
    {
      name: "mode left out takes the document's default no",
      resources: [commandDocument(), workflow("set-sshd", [])],
      violations: 0,
    },
    {
      name: "sent by ARN",
      resources: [
        commandDocument(),
        workflow("arn:aws:ssm:us-east-1:123456789012:document/set-sshd", modeParameters("yes")),
      ],
      violations: 1,
      urn: WORKFLOW_URN,
    },
    {
      name: "mode from a JSONPath is only known at run time: a note",
      resources: [
        commandDocument(),
        workflow("set-sshd", ["      parameters:", '        mode.$: "$.parameters.mode"']),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole parameters from a JSONPath: a note",
      resources: [commandDocument(), workflow("set-sshd", ['      parameters.$: "$.parameters.all"'])],
      violations: 0,
      notes: 1,
    },
    {
      name: "a step sending another document leaves the Command document unrun: its note stays",
      resources: [commandDocument(), workflow("other-document", modeParameters("yes"))],
      violations: 0,
      notes: 1,
    },
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. aws:executeAutomation steps starting another runbook of the stack.

const executeAutomation = (documentName: string, runtimeParameters: unknown, extra: Step = {}): Step => ({
  name: "startChild",
  action: "aws:executeAutomation",
  inputs: { DocumentName: documentName, RuntimeParameters: runtimeParameters, ...extra },
});

const child = () => document("child-runbook", "Automation", commandsContent, "child");
const parent = (steps: Step[], parameters: Record<string, unknown> = {}) =>
  document("parent-runbook", "Automation", runbookContent(steps, parameters), "parent");
const PARENT_URN = urnOf(DOCUMENT, "parent");
const forwarded = { ParentCommands: { type: "StringList", default: ["echo ready"] } };

describe("a runbook's aws:executeAutomation step starting a runbook of the stack", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "literal weakening RuntimeParameters: a violation on the parent runbook",
      resources: [child(), parent([executeAutomation("child-runbook", { Commands: [OPEN_PASSWORDS] })])],
      violations: 1,
      urn: PARENT_URN,
      mentions: "content of child with these parameters enables SSH password authentication",
    },
    {
      name: "literal hardening RuntimeParameters",
      resources: [child(), parent([executeAutomation("child-runbook", { Commands: [CLOSE_PASSWORDS] })])],
      violations: 0,
    },
    {
      name: "started by ARN",
      resources: [
        child(),
        parent([
          executeAutomation("arn:aws:ssm:us-east-1:123456789012:document/child-runbook", {
            Commands: [OPEN_PASSWORDS],
          }),
        ]),
      ],
      violations: 1,
      urn: PARENT_URN,
    },
    {
      name: "Commands forwarded from the parent's parameter, an association passing weakening ones",
      resources: [
        child(),
        parent([executeAutomation("child-runbook", { Commands: "{{ ParentCommands }}" })], forwarded),
        association("assoc", "parent-runbook", { ParentCommands: [OPEN_PASSWORDS] }),
      ],
      violations: 1,
      urn: urnOf(ASSOCIATION, "assoc"),
    },
    {
      name: "Commands forwarded, the association passing hardening ones",
      resources: [
        child(),
        parent([executeAutomation("child-runbook", { Commands: "{{ ParentCommands }}" })], forwarded),
        association("assoc", "parent-runbook", { ParentCommands: [CLOSE_PASSWORDS] }),
      ],
      violations: 0,
    },
    {
      name: "Commands forwarded, the association's value unknown at preview: a note",
      resources: [
        child(),
        parent([executeAutomation("child-runbook", { Commands: "{{ ParentCommands }}" })], forwarded),
        association("assoc", "parent-runbook", { ParentCommands: UNKNOWN }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "Commands forwarded from a parent the stack runs nowhere: a note on the parent",
      resources: [
        child(),
        parent([executeAutomation("child-runbook", { Commands: "{{ ParentCommands }}" })], {
          ParentCommands: { type: "StringList" },
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "RuntimeParameters one StringMap reference cannot be read: a note",
      resources: [child(), parent([executeAutomation("child-runbook", "{{ Everything }}")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "the child's target parameter given by TargetParameterName holds a target's ID",
      resources: [
        document("child-runbook", "Automation", targetContent, "child"),
        parent([
          executeAutomation("child-runbook", {}, { TargetParameterName: "InstanceId", Targets: [{ Key: "tag:Role" }] }),
        ]),
      ],
      violations: 0,
    },
    {
      name: "a Command document sent by the child, mode yes from the parent's literal",
      resources: [
        commandDocument(),
        document(
          "child-runbook",
          "Automation",
          runbookContent([runCommand({ mode: "{{ Mode }}" }, "set-sshd")], { Mode: { type: "String", default: "no" } }),
          "child",
        ),
        parent([executeAutomation("child-runbook", { Mode: "yes" })]),
      ],
      violations: 1,
      urn: PARENT_URN,
    },
  ]);

  it("a chain of three runbooks: the first one's association reaches the last one's commands", async () => {
    const middle = document(
      "middle-runbook",
      "Automation",
      runbookContent([executeAutomation("child-runbook", { Commands: "{{ MiddleCommands }}" })], {
        MiddleCommands: { type: "StringList", default: ["echo ready"] },
      }),
      "middle",
    );
    const first = parent([executeAutomation("middle-runbook", { MiddleCommands: "{{ ParentCommands }}" })], forwarded);
    const plan = (commands: string[]) => [
      child(),
      middle,
      first,
      association("assoc", "parent-runbook", { ParentCommands: commands }),
    ];
    const open = countOf(
      disallowUserdataLoginWeakening,
      await runPlan(disallowUserdataLoginWeakening, plan([OPEN_PASSWORDS])),
    );
    expect(open.violations.map((v) => v.urn)).toEqual([urnOf(ASSOCIATION, "assoc")]);
    expect(open.notes).toEqual([]);
    const closed = countOf(
      disallowUserdataLoginWeakening,
      await runPlan(disallowUserdataLoginWeakening, plan([CLOSE_PASSWORDS])),
    );
    expect(closed).toEqual({ violations: [], notes: [] });
  });

  it("two runbooks starting each other end, and what the stack cannot follow is a note", async () => {
    const ping = document(
      "ping",
      "Automation",
      runbookContent(
        [runCommand({ commands: "{{ Commands }}" }), executeAutomation("pong", { Commands: "{{ Commands }}" })],
        { Commands: { type: "StringList" } },
      ),
      "ping",
    );
    const pong = document(
      "pong",
      "Automation",
      runbookContent([executeAutomation("ping", { Commands: "{{ Commands }}" })], {
        Commands: { type: "StringList" },
      }),
      "pong",
    );
    const { violations, notes } = countOf(
      disallowUserdataLoginWeakening,
      await runPlan(disallowUserdataLoginWeakening, [ping, pong]),
    );
    expect(violations).toEqual([]);
    expect(notes.length).toBeGreaterThan(0);
  });

  it("many runbooks starting one another: read in bounded time, a weakening association still found", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `runbook-${i}`);
    const startsAll = (self: string) =>
      runbookContent(
        [
          runCommand({ commands: "{{ Commands }}" }),
          ...names
            .filter((n) => n !== self)
            .map((n) => ({ ...executeAutomation(n, { Commands: "{{ Commands }}" }), name: `start-${n}` })),
        ],
        { Commands: { type: "StringList", default: ["echo ready"] } },
      );
    const plan = names.flatMap((n) => [
      document(n, "Automation", startsAll(n)),
      association(`run-${n}`, n, { Commands: [n === "runbook-0" ? OPEN_PASSWORDS : CLOSE_PASSWORDS] }),
    ]);
    const { violations } = countOf(disallowUserdataLoginWeakening, await runPlan(disallowUserdataLoginWeakening, plan));
    expect(violations.map((v) => v.urn)).toContain(urnOf(ASSOCIATION, "run-runbook-0"));
  });

  it("a runbook that starts itself ends, and the values it feeds itself are a note, not a pass", async () => {
    const selfStarting = document(
      "child-runbook",
      "Automation",
      runbookContent(
        [
          runCommand({ commands: "{{ Commands }}" }),
          executeAutomation("child-runbook", { Commands: "{{ Next }}", Next: "{{ Commands }}" }),
        ],
        { Commands: { type: "StringList", default: ["echo ready"] }, Next: { type: "StringList", default: [""] } },
      ),
      "child",
    );
    const ds = await runPlan(disallowUserdataLoginWeakening, [
      selfStarting,
      association("assoc", "child-runbook", { Commands: [CLOSE_PASSWORDS], Next: [OPEN_PASSWORDS] }),
    ]);
    const { violations, notes } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations.map((v) => v.urn)).toEqual([urnOf(ASSOCIATION, "assoc")]);
    expect(notes.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. aws:loop bodies and their iterator values.

/** A loop named `each` over `iterators`, its body setting `PermitRootLogin <reference>`. */
const loopRunbook = (iterators: unknown, reference: string, parameters: Record<string, unknown> = {}) =>
  document(
    "loop-runbook",
    "Automation",
    runbookContent(
      [
        {
          name: "each",
          action: "aws:loop",
          inputs: {
            Iterators: iterators,
            Steps: [
              runCommand({
                commands: [`sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin ${reference}/' /etc/ssh/sshd_config`],
              }),
            ],
          },
        },
      ],
      parameters,
    ),
    "loop",
  );
const NAMED = "{{ each.CurrentIteratorValue }}";
const GENERIC = "{{ aws:loop.CurrentIteratorValue }}";
const modes = (defaultModes?: string[]) => ({
  Modes: defaultModes ? { type: "StringList", default: defaultModes } : { type: "StringList" },
});

describe("aws:loop bodies filled with each iterator value", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "literal Iterators, one of them yes, {{ each.CurrentIteratorValue }}",
      resources: [loopRunbook(["no", "yes"], NAMED)],
      violations: 1,
      mentions: "permits root login",
    },
    {
      name: "literal Iterators, one of them yes, {{ aws:loop.CurrentIteratorValue }}",
      resources: [loopRunbook(["no", "yes"], GENERIC)],
      violations: 1,
    },
    {
      name: "literal Iterators, all no",
      resources: [loopRunbook(["no", "no"], NAMED)],
      violations: 0,
    },
    {
      name: "Iterators from the runbook's Modes, an association passing yes among them",
      resources: [
        loopRunbook("{{ Modes }}", NAMED, modes(["no"])),
        association("assoc", "loop-runbook", { Modes: ["no", "yes"] }),
      ],
      violations: 1,
      urn: urnOf(ASSOCIATION, "assoc"),
    },
    {
      name: "Iterators from Modes, the association passing only no",
      resources: [
        loopRunbook("{{ Modes }}", GENERIC, modes(["no"])),
        association("assoc", "loop-runbook", { Modes: ["no", "no"] }),
      ],
      violations: 0,
    },
    {
      name: "Iterators from Modes, the association leaving them out: the default yes",
      resources: [loopRunbook("{{ Modes }}", NAMED, modes(["yes"])), association("assoc", "loop-runbook", {})],
      violations: 1,
      urn: urnOf(ASSOCIATION, "assoc"),
    },
    {
      name: "Iterators from Modes unknown at preview: a note",
      resources: [
        loopRunbook("{{ Modes }}", NAMED, modes(["no"])),
        association("assoc", "loop-runbook", { Modes: UNKNOWN }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "Iterators from Modes, the runbook run nowhere in the stack: a note",
      resources: [loopRunbook("{{ Modes }}", NAMED, modes(["no"]))],
      violations: 0,
      notes: 1,
    },
    {
      name: "each literal item a whole command, one of them weakening",
      resources: [
        document(
          "loop-runbook",
          "Automation",
          runbookContent([
            {
              name: "each",
              action: "aws:loop",
              inputs: { Iterators: ["echo ready", OPEN_PASSWORDS], Steps: [runCommand({ commands: [NAMED] })] },
            },
          ]),
          "loop",
        ),
      ],
      violations: 1,
      mentions: "enables SSH password authentication",
    },
    {
      name: "each item of Modes a whole command, the runbook's own weakening default",
      resources: [
        document(
          "loop-runbook",
          "Automation",
          runbookContent(
            [
              {
                name: "each",
                action: "aws:loop",
                inputs: { Iterators: "{{ Modes }}", Steps: [runCommand({ commands: [GENERIC] })] },
              },
            ],
            modes([OPEN_PASSWORDS]),
          ),
          "loop",
        ),
      ],
      violations: 1,
    },
    {
      name: "a loop sending a Command document of the stack each literal mode: yes among them",
      resources: [
        commandDocument(),
        document(
          "loop-runbook",
          "Automation",
          runbookContent([
            {
              name: "each",
              action: "aws:loop",
              inputs: { Iterators: ["no", "yes"], Steps: [runCommand({ mode: NAMED }, "set-sshd")] },
            },
          ]),
          "loop",
        ),
      ],
      violations: 1,
      urn: urnOf(DOCUMENT, "loop"),
    },
    {
      name: "a loop over Modes sending a Command document of the stack each mode, yes among the association's",
      resources: [
        commandDocument(),
        document(
          "loop-runbook",
          "Automation",
          runbookContent(
            [
              {
                name: "each",
                action: "aws:loop",
                inputs: { Iterators: "{{ Modes }}", Steps: [runCommand({ mode: [NAMED] }, "set-sshd")] },
              },
            ],
            modes(["no"]),
          ),
          "loop",
        ),
        association("assoc", "loop-runbook", { Modes: ["no", "yes"] }),
      ],
      violations: 1,
      urn: urnOf(ASSOCIATION, "assoc"),
      mentions: "content of set-sshd with these parameters permits root login",
    },
    {
      name: "the same loop, the association passing only no",
      resources: [
        commandDocument(),
        document(
          "loop-runbook",
          "Automation",
          runbookContent(
            [
              {
                name: "each",
                action: "aws:loop",
                inputs: { Iterators: "{{ Modes }}", Steps: [runCommand({ mode: GENERIC }, "set-sshd")] },
              },
            ],
            modes(["yes"]),
          ),
          "loop",
        ),
        association("assoc", "loop-runbook", { Modes: ["no"] }),
      ],
      violations: 0,
    },
    {
      name: "loops within loops: the inner body sees both items",
      resources: [
        document(
          "loop-runbook",
          "Automation",
          runbookContent([
            {
              name: "outer",
              action: "aws:loop",
              inputs: {
                Iterators: ["PermitRootLogin", "PasswordAuthentication"],
                Steps: [
                  {
                    name: "inner",
                    action: "aws:loop",
                    inputs: {
                      Iterators: ["no", "yes"],
                      Steps: [
                        runCommand({
                          commands: [
                            "echo '{{ outer.CurrentIteratorValue }} {{ inner.CurrentIteratorValue }}' >> /etc/ssh/sshd_config",
                          ],
                        }),
                      ],
                    },
                  },
                ],
              },
            },
          ]),
          "loop",
        ),
      ],
      violations: 2,
    },
    {
      name: "two loops within each other over the same Modes: every pair of items is read",
      resources: [
        document(
          "loop-runbook",
          "Automation",
          runbookContent(
            [
              {
                name: "outer",
                action: "aws:loop",
                inputs: {
                  Iterators: "{{ Modes }}",
                  Steps: [
                    {
                      name: "inner",
                      action: "aws:loop",
                      inputs: {
                        Iterators: "{{ Modes }}",
                        Steps: [
                          runCommand({
                            commands: [
                              "echo '{{ outer.CurrentIteratorValue }} {{ inner.CurrentIteratorValue }}' >> /etc/ssh/sshd_config",
                            ],
                          }),
                        ],
                      },
                    },
                  ],
                },
              },
            ],
            modes(["no"]),
          ),
          "loop",
        ),
        association("assoc", "loop-runbook", { Modes: ["PermitRootLogin", "yes"] }),
      ],
      violations: 1,
      urn: urnOf(ASSOCIATION, "assoc"),
    },
    {
      name: "each item of another step's output a whole command, the runbook run nowhere: a note",
      resources: [
        document(
          "loop-runbook",
          "Automation",
          runbookContent([
            {
              name: "each",
              action: "aws:loop",
              inputs: { Iterators: "{{ describe.Lines }}", Steps: [runCommand({ commands: [NAMED] })] },
            },
          ]),
          "loop",
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "Iterators from another step's output are only known at run time: a note",
      resources: [loopRunbook("{{ describe.Modes }}", GENERIC), association("assoc", "loop-runbook", {})],
      violations: 0,
      notes: 1,
    },
  ]);

  it("each iterator value runs the whole command: a weakening one is quoted", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [
      loopRunbook("{{ Modes }}", NAMED, modes(["no"])),
      association("assoc", "loop-runbook", { Modes: ["no", "yes"] }),
    ]);
    const { violations, notes } = countOf(disallowUserdataLoginWeakening, ds);
    expect(notes).toEqual([]);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("PermitRootLogin yes");
  });
});
