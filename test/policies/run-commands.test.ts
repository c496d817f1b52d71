// Scripts that run as root on more compute: boot scripts of Container Service, ENS, CDDC, EFLO, Lightsail and spot
// fleets, and AWS Systems Manager Run Command (the counterpart of Cloud Assistant). Each may rewrite sshd_config or
// plant root's keys, the case's step 2.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, Diagnostic, run, table, UNKNOWN } from "./harness";

const b64 = (s: string) => Buffer.from(s).toString("base64");

const openSsh = "#!/bin/bash\necho 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\nsystemctl restart sshd\n";
const rootKeys = "#!/bin/bash\nmkdir -p /root/.ssh\necho 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys\n";
const hardened = "#!/bin/bash\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config\n";

/** One row each: a bad script, a good one and one unknown at preview, for a field of a type. */
function bootScriptCases(type: string, field: string, encode: (s: string) => string, base = {}): Case[] {
  return [
    {
      name: `${type} ${field} enabling password authentication`,
      type,
      props: { ...base, [field]: encode(openSsh) },
      violations: 1,
      mentions: `${field} enables SSH password authentication`,
    },
    { name: `${type} ${field} hardening sshd`, type, props: { ...base, [field]: encode(hardened) }, violations: 0 },
    {
      name: `${type} ${field} unknown at preview is a note`,
      type,
      props: { ...base, [field]: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ];
}

const plain = (s: string) => s;

describe("disallow-userdata-login-weakening on more compute", () => {
  table(disallowUserdataLoginWeakening, [
    // Container Service and ENS document base64; EFLO does not say; Lightsail takes plain text.
    ...bootScriptCases("alicloud:cs/nodePool:NodePool", "userData", b64, { clusterId: "c" }),
    ...bootScriptCases("alicloud:cs/nodePool:NodePool", "preUserData", b64, { clusterId: "c" }),
    ...bootScriptCases("alicloud:ens/instance:Instance", "userData", b64, { instanceType: "ens.sn1.small" }),
    ...bootScriptCases("alicloud:eflo/node:Node", "userData", b64, { machineType: "efg1.nvga1" }),
    ...bootScriptCases("alicloud:eflo/nodeGroup:NodeGroup", "userData", plain, { nodeGroupName: "g" }),
    ...bootScriptCases("alicloud:eflo/hyperNode:HyperNode", "userData", b64, { machineType: "efg1.nvga1" }),
    ...bootScriptCases("aws:lightsail/instance:Instance", "userData", plain, { blueprintId: "amazon_linux_2023" }),
    ...bootScriptCases("alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost", "userData", b64, {
      userDataEncoded: true,
    }),
    {
      name: "CDDC host plain user data (userDataEncoded false) planting root keys",
      type: "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost",
      props: { userData: rootKeys, userDataEncoded: false },
      violations: 1,
      mentions: "userData writes /root/.ssh/authorized_keys",
    },
  ] as Case[]);
});

const FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const spec = (userData: unknown) => ({ ami: "ami-1", instanceType: "t3.micro", userData });

describe("spot fleet launch specifications", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "only the second of two specifications is bad",
      type: FLEET,
      props: { launchSpecifications: [spec(hardened), spec(rootKeys)] },
      violations: 1,
      mentions: "launchSpecifications[1].userData writes /root/.ssh/authorized_keys",
    },
    {
      name: "specifications with hardened or no user data",
      type: FLEET,
      props: { launchSpecifications: [spec(hardened), { ami: "ami-1" }] },
      violations: 0,
    },
    { name: "launch templates instead of specifications", type: FLEET, props: { targetCapacity: 2 }, violations: 0 },
    {
      name: "the list unknown at preview is a note",
      type: FLEET,
      props: { launchSpecifications: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("names the unknown element or user data", async () => {
    const ds = await run(disallowUserdataLoginWeakening, FLEET, {
      launchSpecifications: [spec(hardened), UNKNOWN, spec(UNKNOWN)],
    });
    expectNotes(ds, ["launchSpecifications[1] is unknown", "launchSpecifications[2].userData is unknown"]);
  });
});

/** Asserts that the diagnostics are exactly advisory notes, one per expected text, in order. */
function expectNotes(ds: Diagnostic[], texts: string[]) {
  expect(ds.map((d) => d.level)).toEqual(texts.map(() => "advisory"));
  expect(ds.map((d) => d.message)).toEqual(texts.map((t) => expect.stringContaining(t)));
}

const DOCUMENT = "aws:ssm/document:Document";
const ASSOCIATION = "aws:ssm/association:Association";

/** A schema 2.2 Command document with one step of the given action. */
const schema22 = (action: string, runCommand: unknown) => ({
  schemaVersion: "2.2",
  description: "fleet maintenance",
  mainSteps: [{ action, name: "run", inputs: { runCommand } }],
});
const command = (content: string, documentFormat = "JSON") => ({ documentType: "Command", documentFormat, content });
const lines = (script: string) => script.trim().split("\n");

const yaml22 = `---
schemaVersion: "2.2"
description: fleet maintenance
mainSteps:
  - action: aws:runShellScript
    name: addKey
    inputs:
      runCommand:
        - mkdir -p /root/.ssh
        - echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys
`;

const schema12 = {
  schemaVersion: "1.2",
  description: "legacy",
  runtimeConfig: {
    "aws:runShellScript": { properties: [{ id: "0.aws:runShellScript", runCommand: lines(openSsh) }] },
  },
};

/** A composite Command document running AWS-RunShellScript (by name or ARN) with `commands` of its own. */
const runDocument = (documentPath: string, documentParameters: unknown) => ({
  schemaVersion: "2.2",
  mainSteps: [
    {
      action: "aws:runDocument",
      name: "shell",
      inputs: { documentType: "SSMDocument", documentPath, documentParameters },
    },
  ],
});

const withDefaultParameter = {
  schemaVersion: "2.2",
  parameters: { commands: { type: "StringList", default: lines(rootKeys) } },
  mainSteps: [{ action: "aws:runShellScript", name: "run", inputs: { runCommand: ["{{ commands }}"] } }],
};

describe("Systems Manager Command documents and associations", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "schema 2.2 JSON enabling password authentication",
      type: DOCUMENT,
      props: command(JSON.stringify(schema22("aws:runShellScript", lines(openSsh)))),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "schema 2.2 YAML planting root keys",
      type: DOCUMENT,
      props: command(yaml22, "YAML"),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "schema 1.2 JSON enabling password authentication",
      type: DOCUMENT,
      props: command(JSON.stringify(schema12, null, 2)),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "runCommand given as one string",
      type: DOCUMENT,
      props: command(JSON.stringify(schema22("aws:runShellScript", rootKeys))),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "runCommand naming a parameter whose default plants root keys",
      type: DOCUMENT,
      props: command(JSON.stringify(withDefaultParameter)),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "hardening script",
      type: DOCUMENT,
      props: command(JSON.stringify(schema22("aws:runShellScript", lines(hardened)))),
      violations: 0,
    },
    {
      name: "aws:runDocument of AWS-RunShellScript enabling password authentication",
      type: DOCUMENT,
      props: command(JSON.stringify(runDocument("AWS-RunShellScript", { commands: lines(openSsh) }))),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "aws:runDocument by ARN, its parameters given as JSON text, planting root keys",
      type: DOCUMENT,
      props: command(
        JSON.stringify(
          runDocument(
            "arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
            JSON.stringify({ commands: lines(rootKeys) }),
          ),
        ),
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "aws:runDocument of AWS-RunShellScript hardening sshd",
      type: DOCUMENT,
      props: command(JSON.stringify(runDocument("AWS-RunShellScript", { commands: lines(hardened) }))),
      violations: 0,
    },
    {
      name: "aws:runDocument of another document is not read here",
      type: DOCUMENT,
      props: command(JSON.stringify(runDocument("AWS-ConfigureAWSPackage", { commands: lines(openSsh) }))),
      violations: 0,
    },
    {
      name: "PowerShell step is not shell",
      type: DOCUMENT,
      props: command(JSON.stringify(schema22("aws:runPowerShellScript", lines(openSsh)))),
      violations: 0,
    },
    {
      name: "document type unknown at preview is read as a Command document",
      type: DOCUMENT,
      props: { ...command(JSON.stringify(schema22("aws:runShellScript", lines(openSsh)))), documentType: UNKNOWN },
      violations: 1,
    },
    {
      name: "aws:runShellScript step in an Automation document (not an Automation action) is not read",
      type: DOCUMENT,
      props: { ...command(JSON.stringify(schema22("aws:runShellScript", lines(openSsh)))), documentType: "Automation" },
      violations: 0,
    },
    {
      name: "content unknown at preview is a note",
      type: DOCUMENT,
      props: command(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "malformed content of a Command document is a note",
      type: DOCUMENT,
      props: command('{"schemaVersion": "2.2", "mainSteps": [', "JSON"),
      violations: 0,
      notes: 1,
    },
    {
      name: "malformed content of a Session document is a note (sessions run shell profiles)",
      type: DOCUMENT,
      props: { ...command("mainSteps: [\n  - {", "YAML"), documentType: "Session" },
      violations: 0,
      notes: 1,
    },
    {
      name: "malformed content of a Policy document is ignored",
      type: DOCUMENT,
      props: { ...command("mainSteps: [\n  - {", "YAML"), documentType: "Policy" },
      violations: 0,
    },
    {
      name: "steps of odd shapes report nothing",
      type: DOCUMENT,
      props: command(JSON.stringify({ mainSteps: [null, 5, { action: "aws:runShellScript", inputs: 7 }] })),
      violations: 0,
    },
    {
      name: "association of AWS-RunShellScript planting root keys",
      type: ASSOCIATION,
      props: { name: "AWS-RunShellScript", parameters: { commands: rootKeys } },
      violations: 1,
      mentions: "parameters.commands writes /root/.ssh/authorized_keys",
    },
    {
      name: "association of AWS-RunShellScript by ARN",
      type: ASSOCIATION,
      props: { name: "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript", parameters: { commands: openSsh } },
      violations: 1,
    },
    {
      name: "association of AWS-RunShellScript hardening sshd",
      type: ASSOCIATION,
      props: { name: "AWS-RunShellScript", parameters: { commands: hardened } },
      violations: 0,
    },
    {
      name: "association of AWS-RunPowerShellScript is not shell",
      type: ASSOCIATION,
      props: { name: "AWS-RunPowerShellScript", parameters: { commands: openSsh } },
      violations: 0,
    },
    {
      name: "association commands unknown at preview is a note",
      type: ASSOCIATION,
      props: { name: "AWS-RunShellScript", parameters: { commands: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    {
      name: "association of a document named only at apply is read",
      type: ASSOCIATION,
      props: { name: UNKNOWN, parameters: { commands: rootKeys } },
      violations: 1,
    },
  ] as Case[]);

  it("says why malformed content cannot be verified", async () => {
    const ds = await run(disallowUserdataLoginWeakening, DOCUMENT, command("mainSteps: [\n  - {", "YAML"));
    expectNotes(ds, ["content is unknown (it does not parse as JSON or YAML)"]);
  });
});

describe("disallow-userdata-login-weakening messages say where a line was written and why it counts", () => {
  it("names the boot script that will run a written line", async () => {
    const script =
      "#!/bin/bash\ncat >> /etc/rc.local <<'EOF'\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\nEOF\n";
    const ds = await run(disallowUserdataLoginWeakening, "aws:ec2/instance:Instance", { userData: script });
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringMatching(/userData permits root login: ".*" via \/etc\/rc\.local/),
    ]);
  });

  it("explains that uncommenting activates the image's commented default", async () => {
    const script = "#!/bin/bash\nsed -i '/^#PasswordAuthentication/s/^#//' /etc/ssh/sshd_config\n";
    const ds = await run(disallowUserdataLoginWeakening, "aws:ec2/instance:Instance", { userData: script });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toMatch(
      /enables SSH password authentication: .*commented default "PasswordAuthentication yes"/,
    );
  });
});

describe("disallow-userdata-login-weakening on edge clusters and EFLO node group attachments", () => {
  table(disallowUserdataLoginWeakening, [
    ...bootScriptCases("alicloud:cs/edgeKubernetes:EdgeKubernetes", "userData", b64, { workerVswitchIds: ["vsw-1"] }),
    ...bootScriptCases("alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment", "userData", plain, { nodeId: "n-1" }),
  ] as Case[]);
});

const WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const windowTask = (commands: unknown, extra: Record<string, unknown> = {}) => ({
  windowId: "mw-1",
  taskType: "RUN_COMMAND",
  taskArn: "AWS-RunShellScript",
  taskInvocationParameters: {
    runCommandParameters: {
      parameters: [
        { name: "workingDirectory", values: ["/"] },
        { name: "commands", values: commands },
      ],
    },
  },
  ...extra,
});

describe("disallow-userdata-login-weakening on maintenance window tasks", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "RUN_COMMAND task of AWS-RunShellScript opening SSH passwords",
      type: WINDOW_TASK,
      props: windowTask(openSsh.split("\n")),
      violations: 1,
      mentions:
        "taskInvocationParameters.runCommandParameters.parameters[1].values enables SSH password authentication",
    },
    { name: "task hardening sshd", type: WINDOW_TASK, props: windowTask([hardened]), violations: 0 },
    { name: "commands unknown at preview", type: WINDOW_TASK, props: windowTask([UNKNOWN]), violations: 0, notes: 1 },
    {
      name: "parameters unknown at preview",
      type: WINDOW_TASK,
      props: windowTask([], { taskInvocationParameters: { runCommandParameters: { parameters: UNKNOWN } } }),
      violations: 0,
      notes: 1,
    },
    {
      name: "task of a document known only at apply is read",
      type: WINDOW_TASK,
      props: windowTask([rootKeys], { taskArn: UNKNOWN }),
      violations: 1,
    },
    {
      name: "AUTOMATION task is not a shell",
      type: WINDOW_TASK,
      props: windowTask([openSsh], { taskType: "AUTOMATION" }),
      violations: 0,
    },
    {
      name: "RUN_COMMAND of AWS-RunPowerShellScript is not a shell",
      type: WINDOW_TASK,
      props: windowTask([openSsh], { taskArn: "AWS-RunPowerShellScript" }),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening on Automation runbooks sending AWS-RunShellScript", () => {
  /** A schema 0.3 runbook with one aws:runCommand step sending `documentName` with these `commands`. */
  const runbook = (documentName: string, commands: unknown, extra: Record<string, unknown> = {}) => ({
    documentType: "Automation",
    documentFormat: "JSON",
    content: JSON.stringify({
      schemaVersion: "0.3",
      mainSteps: [
        {
          name: "patch",
          action: "aws:runCommand",
          inputs: { DocumentName: documentName, InstanceIds: ["{{ InstanceId }}"], Parameters: { commands } },
        },
      ],
      ...extra,
    }),
  });
  table(disallowUserdataLoginWeakening, [
    {
      name: "runbook step running AWS-RunShellScript that plants root's keys",
      type: DOCUMENT,
      props: runbook("AWS-RunShellScript", lines(rootKeys)),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "runbook step whose commands come from a parameter default",
      type: DOCUMENT,
      props: runbook("AWS-RunShellScript", "{{ script }}", {
        parameters: { script: { type: "String", default: openSsh } },
      }),
      violations: 1,
    },
    {
      name: "runbook of a document type known only at apply is read",
      type: DOCUMENT,
      props: { ...runbook("AWS-RunShellScript", lines(openSsh)), documentType: UNKNOWN },
      violations: 1,
    },
    {
      name: "runbook step hardening sshd",
      type: DOCUMENT,
      props: runbook("AWS-RunShellScript", [hardened]),
      violations: 0,
    },
    {
      name: "runbook step running AWS-RunPowerShellScript is not a shell",
      type: DOCUMENT,
      props: runbook("AWS-RunPowerShellScript", lines(openSsh)),
      violations: 0,
    },
    {
      name: "aws:runCommand in a Command document is not a step of its own",
      type: DOCUMENT,
      props: { ...runbook("AWS-RunShellScript", lines(openSsh)), documentType: "Command" },
      violations: 0,
    },
  ] as Case[]);
});
