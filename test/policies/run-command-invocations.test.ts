// Cloud Assistant commands with custom parameters, judged with the values each ecs.EcsInvocation of the stack passes:
// a weakening only the values make lands on the invocation, the command's own text on the command, and a command no
// invocation of the stack runs keeps its note (it may be invoked from outside).
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { combinedTable, countOf, planTable, runPlan } from "./combined-table";
import { Case, run, runStack, StackInput, UNKNOWN, urnOf } from "./harness";

const COMMAND = "alicloud:ecs/command:Command";
const INVOCATION = "alicloud:ecs/ecsInvocation:EcsInvocation";
const base64 = (s: string) => Buffer.from(s).toString("base64");

const SET_ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin {{mode}}/' /etc/ssh/sshd_config";
const APPEND_LINE = "echo '{{ line }}' >> /etc/ssh/sshd_config";
const OPEN_ROOT = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config";

const commandUrn = (name = "cmd") => urnOf(COMMAND, name);
const invocationUrn = (name: string) => urnOf(INVOCATION, name);

function command(content: string, extra: Record<string, unknown> = {}, name = "cmd"): StackInput {
  return {
    type: COMMAND,
    name,
    props: {
      name: "set-sshd",
      type: "RunShellScript",
      commandContent: base64(content),
      enableParameter: true,
      ...extra,
    },
  };
}

/** An invocation at preview: the command's id is unknown and flows in through a property dependency. */
function invocation(name: string, parameters: unknown, of = commandUrn()): StackInput {
  return {
    type: INVOCATION,
    name,
    props: { commandId: UNKNOWN, instanceIds: ["i-bp1abc"], parameters },
    propertyDependencies: { commandId: [of] },
  };
}

/** After deployment (or for a command imported by id): linked by the command's known id alone. */
function deployedInvocation(name: string, commandId: string, parameters: unknown): StackInput {
  return { type: INVOCATION, name, props: { commandId, instanceIds: ["i-bp1abc"], parameters } };
}

/** The command of `content` (with `commandInputs`) and one invocation `inv` passing `parameters`, at preview. */
const invokedOnce = (content: string, parameters: unknown, commandInputs: Record<string, unknown> = {}) => [
  command(content, commandInputs),
  invocation("inv", parameters),
];

/** The command id a deployed command reports. */
const DEPLOYED_ID = "c-hz0jd2kq5k6";

/** The deployed SET_ROOT_LOGIN command and one invocation `inv` of the id `invokedId` passing `parameters`. */
const deployedOnce = (invokedId: string, parameters: unknown) => [
  command(SET_ROOT_LOGIN, { id: DEPLOYED_ID }),
  deployedInvocation("inv", invokedId, parameters),
];

describe("Cloud Assistant invocations fill their command's parameters", () => {
  planTable(disallowUserdataLoginWeakening, [
    {
      name: "mode=yes permits root login, on the invocation",
      resources: invokedOnce(SET_ROOT_LOGIN, { mode: "yes" }),
      violations: 1,
      mentions: "permits root login",
      urn: invocationUrn("inv"),
    },
    {
      name: "mode=no passes, and the command's note goes away",
      resources: invokedOnce(SET_ROOT_LOGIN, { mode: "no" }),
      violations: 0,
    },
    {
      name: "mode unknown at preview is a note on the invocation",
      resources: invokedOnce(SET_ROOT_LOGIN, { mode: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole parameters map unknown at preview is a note",
      resources: invokedOnce(SET_ROOT_LOGIN, UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "two invocations, one passing yes: one violation on that one",
      resources: [command(SET_ROOT_LOGIN), invocation("hardened", { mode: "no" }), invocation("open", { mode: "yes" })],
      violations: 1,
      urn: invocationUrn("open"),
    },
    {
      name: "two invocations, both passing yes: one violation each",
      resources: [command(SET_ROOT_LOGIN), invocation("a", { mode: "yes" }), invocation("b", { mode: "yes" })],
      violations: 2,
    },
    {
      name: "linked by the command's known id after deployment, passing yes",
      resources: deployedOnce(DEPLOYED_ID, { mode: "yes" }),
      violations: 1,
      urn: invocationUrn("inv"),
    },
    {
      name: "linked by the command's known id after deployment, passing no",
      resources: deployedOnce(DEPLOYED_ID, { mode: "no" }),
      violations: 0,
    },
    {
      name: "an invocation of another command's id leaves this command's note",
      resources: deployedOnce("c-other", { mode: "yes" }),
      violations: 0,
      notes: 1,
    },
    {
      name: "sed on a parameter the invocation leaves out is a note on the invocation",
      resources: invokedOnce(SET_ROOT_LOGIN, { other: "x" }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a value that closes the sed quote and appends its own line",
      resources: invokedOnce(SET_ROOT_LOGIN, {
        mode: "no/' /etc/ssh/sshd_config; echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config; echo '",
      }),
      violations: 1,
      urn: invocationUrn("inv"),
    },
    {
      name: "a name given in another case is read as the reference's value",
      resources: invokedOnce(SET_ROOT_LOGIN, { Mode: "yes" }),
      violations: 1,
    },
    {
      name: "an invocation whose unknown commandId flows from another resource leaves the command's note",
      resources: [command(SET_ROOT_LOGIN), invocation("inv", { mode: "yes" }, urnOf(COMMAND, "elsewhere"))],
      violations: 0,
      notes: 1,
    },
    {
      name: "a parameter appended to sshd_config holding PasswordAuthentication yes",
      resources: invokedOnce(APPEND_LINE, { line: "PasswordAuthentication yes" }),
      violations: 1,
      mentions: "enables SSH password authentication",
      urn: invocationUrn("inv"),
    },
    {
      name: "a parameter appended to sshd_config holding a hardened line",
      resources: invokedOnce(APPEND_LINE, { line: "PasswordAuthentication no" }),
      violations: 0,
    },
    {
      name: "a hardened line followed by a weakening one in the same value",
      resources: invokedOnce(APPEND_LINE, { line: "PermitRootLogin no\nPasswordAuthentication yes" }),
      violations: 1,
      urn: invocationUrn("inv"),
    },
    {
      name: "an appended line the invocation leaves out is a note on the invocation",
      resources: invokedOnce(APPEND_LINE, {}),
      violations: 0,
      notes: 1,
    },
    {
      name: "a parameter only printed to the log, unknown at preview, is still a note",
      resources: invokedOnce("echo 'deploying {{version}}'", { version: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a parameter only printed to the log, known",
      resources: invokedOnce("echo 'deploying {{version}}'", { version: "PermitRootLogin yes" }),
      violations: 0,
    },
    {
      name: "the command's own weakening is reported once, on the command",
      resources: invokedOnce(`${OPEN_ROOT}\necho '{{version}}'`, { version: "1.2" }),
      violations: 1,
    },
    {
      name: "custom parameters unknown at preview: the invocation's values are judged",
      resources: invokedOnce(SET_ROOT_LOGIN, { mode: "yes" }, { enableParameter: UNKNOWN }),
      violations: 1,
      urn: invocationUrn("inv"),
    },
    {
      name: "custom parameters off: the reference is literal text, the invocation's values unused",
      resources: invokedOnce(APPEND_LINE, { line: "PermitRootLogin yes" }, { enableParameter: false }),
      violations: 0,
    },
    {
      name: "a Windows command is not read, whatever its invocation passes",
      resources: invokedOnce(SET_ROOT_LOGIN, { mode: "yes" }, { type: "RunPowerShellScript" }),
      violations: 0,
    },
    {
      name: "a command whose content is unknown at preview keeps its one note",
      resources: [
        { ...command(""), props: { type: "RunShellScript", enableParameter: true, commandContent: UNKNOWN } },
        invocation("inv", { mode: "yes" }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "two commands, one invoked: the other keeps its note",
      resources: [command(SET_ROOT_LOGIN), command(APPEND_LINE, {}, "other"), invocation("inv", { mode: "no" })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("Cloud Assistant commands with no invocation in the stack (as before the join)", () => {
  combinedTable(disallowUserdataLoginWeakening, [
    {
      name: "sed on a parameter is a note",
      type: COMMAND,
      props: command(SET_ROOT_LOGIN).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "a parameter appended to sshd_config is a note",
      type: COMMAND,
      props: command(APPEND_LINE).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "custom parameters unknown at preview, appended to sshd_config, is a note",
      type: COMMAND,
      props: command(APPEND_LINE, { enableParameter: UNKNOWN }).props,
      violations: 0,
      notes: 1,
    },
    {
      name: "a Windows command is not read",
      type: COMMAND,
      props: command(SET_ROOT_LOGIN, { type: "RunBatScript" }).props,
      violations: 0,
    },
    {
      name: "a known weakening beside a parameter appended to sshd_config: a violation and a note",
      type: COMMAND,
      props: command(`${OPEN_ROOT}\n${APPEND_LINE}`).props,
      violations: 1,
      notes: 1,
    },
    {
      name: "an invocation alone runs nothing the stack shows",
      type: INVOCATION,
      props: invocation("res", { mode: "yes" }).props,
      violations: 0,
    },
  ] as Case[]);
});

describe("where the findings land", () => {
  it("a value unknown at preview is noted on the invocation, not on the command", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, invokedOnce(SET_ROOT_LOGIN, { mode: UNKNOWN }));
    const { notes, violations } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations).toEqual([]);
    expect(notes.map((n) => n.urn)).toEqual([invocationUrn("inv")]);
  });

  it("a command with no invocation is noted on itself", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, [command(APPEND_LINE)]);
    const { notes } = countOf(disallowUserdataLoginWeakening, ds);
    expect(notes.map((n) => n.urn)).toEqual([commandUrn()]);
    expect(notes[0].message).toContain("line");
  });

  it("the invocation's violation names the command and quotes the filled line", async () => {
    const ds = await runPlan(disallowUserdataLoginWeakening, invokedOnce(SET_ROOT_LOGIN, { mode: "yes" }));
    const { violations } = countOf(disallowUserdataLoginWeakening, ds);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("commandContent of cmd with these parameters");
    expect(violations[0].message).toContain("PermitRootLogin yes");
  });

  it("the command's own weakening comes from the resource part alone, not again on its invocation", async () => {
    const plan = invokedOnce(`${OPEN_ROOT}\necho '{{version}}'`, { version: "1.2" });
    const own = await run(disallowUserdataLoginWeakening, COMMAND, plan[0].props, { name: "cmd" });
    expect(countOf(disallowUserdataLoginWeakening, own).violations).toHaveLength(1);
    expect(await runStack(disallowUserdataLoginWeakening as never, plan)).toEqual([]);
  });

  it("failing closed, the note on an unknown value blocks the invocation", async () => {
    const ds = await runStack(disallowUserdataLoginWeakening as never, invokedOnce(SET_ROOT_LOGIN, { mode: UNKNOWN }), {
      failClosed: true,
    });
    expect(ds.filter((d) => d.level === "mandatory").map((d) => d.urn)).toEqual([invocationUrn("inv")]);
  });
});
