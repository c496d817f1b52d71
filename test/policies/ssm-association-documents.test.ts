// Systems Manager Command documents of the stack, judged with the values each association and maintenance window
// task that runs them passes: a weakening only the values make lands on the run, the document's own text on the
// document, and a document no run of the stack names keeps its verdict (read with its defaults).
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { combinedTable, countOf, planTable, runPlan } from "./combined-table";
import { Case, run, runStack, StackInput, UNKNOWN, urnOf } from "./harness";

const DOCUMENT = "aws:ssm/document:Document";
const ASSOCIATION = "aws:ssm/association:Association";
const TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const DOCUMENT_NAME = "set-sshd";

const SET_ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin {{ mode }}/' /etc/ssh/sshd_config";
const OPEN_PASSWORDS = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const ROOT_KEYS = "echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys";
const OPEN_ROOT = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config";

const documentUrn = (name = "doc") => urnOf(DOCUMENT, name);
const associationUrn = (name: string) => urnOf(ASSOCIATION, name);
const taskUrn = (name: string) => urnOf(TASK, name);

/** Schema 2.2 content: one shell step, the parameters given. */
function content(runCommand: unknown, parameters: Record<string, unknown>) {
  return {
    schemaVersion: "2.2",
    description: "Sets sshd options",
    parameters,
    mainSteps: [{ action: "aws:runShellScript", name: "configure", inputs: { runCommand } }],
  };
}

const modeContent = (defaultMode = "no") =>
  JSON.stringify(
    content([SET_ROOT_LOGIN, "systemctl restart sshd"], { mode: { type: "String", default: defaultMode } }),
  );

/** The same document in YAML, `{{mode}}` without blanks. */
const modeYaml = [
  "schemaVersion: '2.2'",
  "description: Sets sshd options",
  "parameters:",
  "  mode:",
  "    type: String",
  "    default: 'no'",
  "mainSteps:",
  "  - action: aws:runShellScript",
  "    name: configure",
  "    inputs:",
  "      runCommand:",
  "        - sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin {{mode}}/' /etc/ssh/sshd_config",
  "        - systemctl restart sshd",
].join("\n");

/** `runCommand: "{{ commands }}"`: the lines come whole from the parameter. */
const commandsContent = (defaultCommands: string[] = ["echo ready"]) =>
  JSON.stringify(content("{{ commands }}", { commands: { type: "StringList", default: defaultCommands } }));

/** A weakening line whatever the value: the reference only names a ticket in a comment. */
const ticketContent = JSON.stringify(
  content([`${OPEN_PASSWORDS} # {{ ticket }}`], { ticket: { type: "String", default: "none" } }),
);

function document(text: string, extra: Record<string, unknown> = {}, name = "doc"): StackInput {
  return {
    type: DOCUMENT,
    name,
    props: { name: DOCUMENT_NAME, documentType: "Command", documentFormat: "JSON", content: text, ...extra },
  };
}

const targets = [{ key: "tag:Role", values: ["web"] }];

/** An association at preview: the document's name flows in through a property dependency. */
function association(name: string, parameters: unknown, of = documentUrn(), documentName: unknown = DOCUMENT_NAME) {
  const props = { name: documentName, targets, ...(parameters === undefined ? {} : { parameters }) };
  return { type: ASSOCIATION, name, props, propertyDependencies: { name: [of] } } satisfies StackInput;
}

/** After deployment (or for a document made elsewhere under that name): linked by the known name alone. */
function deployedAssociation(name: string, documentName: string, parameters: unknown): StackInput {
  return { type: ASSOCIATION, name, props: { name: documentName, targets, parameters } };
}

/** A maintenance window RUN_COMMAND task of the document, its parameters as `[{ name, values }]`. */
function task(name: string, parameters: unknown, extra: Record<string, unknown> = {}, of = documentUrn()): StackInput {
  return {
    type: TASK,
    name,
    props: {
      windowId: "mw-0c50858d01EXAMPLE",
      taskType: "RUN_COMMAND",
      taskArn: DOCUMENT_NAME,
      targets: [{ key: "WindowTargetIds", values: ["wt-1"] }],
      taskInvocationParameters: { runCommandParameters: { parameters } },
      ...extra,
    },
    propertyDependencies: { taskArn: [of] },
  };
}

describe("associations fill their Command document's parameters", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "mode=yes permits root login, on the association",
      resources: [document(modeContent()), association("assoc", { mode: "yes" })],
      violations: 1,
      mentions: "permits root login",
      urn: associationUrn("assoc"),
    },
    {
      name: "mode=no passes, and the document's note goes away",
      resources: [document(modeContent()), association("assoc", { mode: "no" })],
      violations: 0,
    },
    {
      name: "mode left out takes the default no",
      resources: [document(modeContent()), association("assoc", {})],
      violations: 0,
    },
    {
      name: "no parameters at all: the default no",
      resources: [document(modeContent()), association("assoc", undefined)],
      violations: 0,
    },
    {
      name: "mode left out takes the default yes, on the association",
      resources: [document(modeContent("yes")), association("assoc", {})],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "mode=no overrides a default of yes",
      resources: [document(modeContent("yes")), association("assoc", { mode: "no" })],
      violations: 0,
    },
    {
      name: "mode unknown at preview is a note on the association",
      resources: [document(modeContent()), association("assoc", { mode: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole parameters map unknown at preview is a note",
      resources: [document(modeContent()), association("assoc", UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "mode read from Parameter Store ({{ssm:/param}}) is a note",
      resources: [document(modeContent()), association("assoc", { mode: "{{ssm:/sshd/root-login}}" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "mode read from a SecureString ({{ ssm-secure:/param }}) is a note",
      resources: [document(modeContent()), association("assoc", { mode: "{{ ssm-secure:/sshd/root-login }}" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a name in another case is no parameter of the document: the default no stands",
      resources: [document(modeContent()), association("assoc", { Mode: "yes" })],
      violations: 0,
    },
    {
      name: "a value that closes the sed quote and appends its own line",
      resources: [
        document(modeContent()),
        association("assoc", {
          mode: "no/' /etc/ssh/sshd_config; echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config; echo '",
        }),
      ],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "YAML document, mode=yes",
      resources: [document(modeYaml, { documentFormat: "YAML" }), association("assoc", { mode: "yes" })],
      violations: 1,
      mentions: "permits root login",
      urn: associationUrn("assoc"),
    },
    {
      name: "YAML document, mode=no",
      resources: [document(modeYaml, { documentFormat: "YAML" }), association("assoc", { mode: "no" })],
      violations: 0,
    },
    {
      name: "YAML document, mode unknown at preview",
      resources: [document(modeYaml, { documentFormat: "YAML" }), association("assoc", { mode: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "document type only known at apply: its associations' values are judged",
      resources: [document(modeContent(), { documentType: UNKNOWN }), association("assoc", { mode: "yes" })],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "two associations, one passing yes: one violation on that one",
      resources: [
        document(modeContent()),
        association("hardened", { mode: "no" }),
        association("open", { mode: "yes" }),
      ],
      violations: 1,
      urn: associationUrn("open"),
    },
    {
      name: "two associations, both passing yes: one violation each",
      resources: [document(modeContent()), association("a", { mode: "yes" }), association("b", { mode: "yes" })],
      violations: 2,
    },
    {
      name: "linked by the document's known name after deployment, passing yes",
      resources: [document(modeContent()), deployedAssociation("assoc", DOCUMENT_NAME, { mode: "yes" })],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "linked by the document's known name after deployment, passing no",
      resources: [document(modeContent()), deployedAssociation("assoc", DOCUMENT_NAME, { mode: "no" })],
      violations: 0,
    },
    {
      name: "linked by the document's ARN after deployment, passing yes",
      resources: [
        document(modeContent()),
        deployedAssociation("assoc", `arn:aws:ssm:us-east-1:123456789012:document/${DOCUMENT_NAME}`, { mode: "yes" }),
      ],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "an association of another document leaves this document's note",
      resources: [document(modeContent()), deployedAssociation("assoc", "other-document", { mode: "yes" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "an association whose name flows from another resource leaves the document's note",
      resources: [
        document(modeContent()),
        association("assoc", { mode: "yes" }, urnOf(DOCUMENT, "elsewhere"), "other-document"),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the document's name unknown at preview, linked by property dependency",
      resources: [document(modeContent()), association("assoc", { mode: "yes" }, documentUrn(), UNKNOWN)],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "the document itself reading Parameter Store ({{ssm:/param}}) keeps its own note",
      resources: [
        document(
          JSON.stringify(
            content(
              ["echo 'PermitRootLogin {{ssm:/sshd/root-login}}' >> /etc/ssh/sshd_config", "echo '{{ version }}'"],
              {
                version: { type: "String" },
              },
            ),
          ),
        ),
        association("assoc", { version: "1.2" }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "two documents, one associated: the other keeps its note",
      resources: [
        document(modeContent()),
        document(modeContent(), { name: "unused" }, "other"),
        association("assoc", { mode: "no" }),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("parameters holding whole lines ({{ commands }})", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "commands passed as a list, enabling password authentication",
      resources: [document(commandsContent()), association("assoc", { commands: [OPEN_PASSWORDS] })],
      violations: 1,
      mentions: "enables SSH password authentication",
      urn: associationUrn("assoc"),
    },
    {
      name: "commands passed as text (the provider's type), enabling password authentication",
      resources: [
        document(commandsContent()),
        association("assoc", { commands: `#!/bin/bash\n${OPEN_PASSWORDS}\nsystemctl restart sshd` }),
      ],
      violations: 1,
      urn: associationUrn("assoc"),
    },
    {
      name: "commands planting root's keys",
      resources: [document(commandsContent()), association("assoc", { commands: ["mkdir -p /root/.ssh", ROOT_KEYS] })],
      violations: 1,
      mentions: "writes /root/.ssh/authorized_keys",
      urn: associationUrn("assoc"),
    },
    {
      name: "hardening commands",
      resources: [
        document(commandsContent()),
        association("assoc", { commands: ["echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config"] }),
      ],
      violations: 0,
    },
    {
      name: "commands read from Parameter Store is a note",
      resources: [document(commandsContent()), association("assoc", { commands: "{{ssm:/ops/commands}}" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "one line of the list unknown at preview is a note",
      resources: [document(commandsContent()), association("assoc", { commands: ["echo start", UNKNOWN] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a weakening line that also holds a reference is judged once, with the run's values",
      resources: [document(ticketContent), association("assoc", { ticket: "OPS-1" })],
      violations: 1,
      mentions: "content of doc with these parameters enables SSH password authentication",
      urn: associationUrn("assoc"),
    },
    {
      name: "a default planting root's keys stays the document's own, overridden or not",
      resources: [
        document(commandsContent(["mkdir -p /root/.ssh", ROOT_KEYS])),
        association("overrides", { commands: ["echo ready"] }),
        association("takes-default", {}),
      ],
      violations: 1,
      // The document's own wording ("content writes"), not a run's ("content of doc with these parameters").
      mentions: "content writes /root/.ssh/authorized_keys",
    },
  ]);
});

describe("maintenance window tasks fill their Command document's parameters", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "values [yes] permit root login, on the task",
      resources: [document(modeContent()), task("task", [{ name: "mode", values: ["yes"] }])],
      violations: 1,
      mentions: "permits root login",
      urn: taskUrn("task"),
    },
    {
      name: "values [no] pass",
      resources: [document(modeContent()), task("task", [{ name: "mode", values: ["no"] }])],
      violations: 0,
    },
    {
      name: "no parameters: the default no",
      resources: [document(modeContent()), task("task", [])],
      violations: 0,
    },
    {
      name: "values unknown at preview are a note on the task",
      resources: [document(modeContent()), task("task", [{ name: "mode", values: UNKNOWN }])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an entry whose name is unknown at preview may be mode: a note",
      resources: [document(modeContent()), task("task", [{ name: UNKNOWN, values: ["yes"] }])],
      violations: 0,
      notes: 1,
    },
    {
      name: "runCommandParameters unknown at preview is a note",
      resources: [document(modeContent()), task("task", [], { taskInvocationParameters: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "commands passed as values, enabling password authentication",
      resources: [document(commandsContent()), task("task", [{ name: "commands", values: [OPEN_PASSWORDS] }])],
      violations: 1,
      mentions: "enables SSH password authentication",
      urn: taskUrn("task"),
    },
    {
      name: "linked by the document's ARN after deployment",
      resources: [
        document(modeContent()),
        {
          ...task("task", [{ name: "mode", values: ["yes"] }]),
          props: {
            ...task("task", []).props,
            taskArn: `arn:aws:ssm:eu-west-1:123456789012:document/${DOCUMENT_NAME}`,
            taskInvocationParameters: { runCommandParameters: { parameters: [{ name: "mode", values: ["yes"] }] } },
          },
          propertyDependencies: {},
        },
      ],
      violations: 1,
      urn: taskUrn("task"),
    },
    {
      name: "a task type only known at apply may be RUN_COMMAND",
      resources: [document(modeContent()), task("task", [{ name: "mode", values: ["yes"] }], { taskType: UNKNOWN })],
      violations: 1,
      urn: taskUrn("task"),
    },
    {
      name: "an AUTOMATION task does not run the Command document: its note stays",
      resources: [
        document(modeContent()),
        task("task", [{ name: "mode", values: ["yes"] }], { taskType: "AUTOMATION" }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "an association and a task of one document, each judged with its own values",
      resources: [
        document(modeContent()),
        association("assoc", { mode: "no" }),
        task("task", [{ name: "mode", values: ["yes"] }]),
      ],
      violations: 1,
      urn: taskUrn("task"),
    },
  ]);
});

describe("Command documents with no run in the stack (as before the join)", () => {
  combinedTable(disallowUserdataLoginWeakening, [
    {
      name: "sed on a parameter defaulting to no is a note",
      type: DOCUMENT,
      props: document(modeContent()).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "sed on a parameter defaulting to yes is a note",
      type: DOCUMENT,
      props: document(modeContent("yes")).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "the YAML document is a note",
      type: DOCUMENT,
      props: document(modeYaml, { documentFormat: "YAML" }).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "a default planting root's keys is a violation",
      type: DOCUMENT,
      props: document(commandsContent(["mkdir -p /root/.ssh", ROOT_KEYS])).props,
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "a weakening line that also holds a reference is a violation",
      type: DOCUMENT,
      props: document(ticketContent).props,
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "harmless default commands pass",
      type: DOCUMENT,
      props: document(commandsContent()).props,
      violations: 0,
    },
    {
      name: "an association alone runs nothing the stack shows",
      type: ASSOCIATION,
      props: association("res", { mode: "yes" }).props,
      violations: 0,
    },
    {
      name: "a task alone runs nothing the stack shows",
      type: TASK,
      props: task("res", [{ name: "mode", values: ["yes"] }]).props,
      violations: 0,
    },
  ] as Case[]);
});

describe("where the findings land", () => {
  it("a value unknown at preview is noted on the association, not on the document", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [
      document(modeContent()),
      association("assoc", { mode: UNKNOWN }),
    ]);
    const { notes, violations } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations).toEqual([]);
    expect(notes.map((n) => n.urn)).toEqual([associationUrn("assoc")]);
    expect(notes[0].message).toContain("mode");
  });

  it("a document with no run is noted on itself", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [document(modeContent())]);
    const { notes } = countOf(disallowUserdataLoginWeakening, ds);
    expect(notes.map((n) => n.urn)).toEqual([documentUrn()]);
  });

  it("the association's violation names the document and quotes the filled line", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [
      document(modeContent()),
      association("assoc", { mode: "yes" }),
    ]);
    const { violations } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("content of doc with these parameters");
    expect(violations[0].message).toContain("PermitRootLogin yes");
  });

  it("the document's own weakening comes from the resource part alone, not again on its association", async () => {
    const text = JSON.stringify(
      content([OPEN_ROOT, "echo 'deploying {{ version }}'"], { version: { type: "String" } }),
    );
    const plan = [document(text), association("assoc", { version: "1.2" })];
    const own = await run(disallowUserdataLoginWeakening, DOCUMENT, plan[0].props, { name: "doc" });
    expect(countOf(disallowUserdataLoginWeakening, own).violations).toHaveLength(1);
    expect(await runStack(disallowUserdataLoginWeakening as never, plan)).toEqual([]);
  });

  it("failing closed, the note on a Parameter Store value blocks the association", async () => {
    const ds = await runStack(
      disallowUserdataLoginWeakening as never,
      [document(modeContent()), association("assoc", { mode: "{{ssm:/sshd/root-login}}" })],
      { failClosed: true },
    );
    expect(ds.filter((d) => d.level === "mandatory").map((d) => d.urn)).toEqual([associationUrn("assoc")]);
  });
});
