// EC2 Image Builder workflows: a RunCommand step sends a Systems Manager document to the build or test instance,
// and one sending AWS-RunShellScript (or AWS-RunRemoteScript) runs its commands there as root, baked into the image
// on a build instance. Image Builder's own service steps and ExecuteStateMachine run no shell of the document's.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, run, table, UNKNOWN } from "./harness";

const WORKFLOW = "aws:imagebuilder/workflow:Workflow";

const OPEN_PASSWORDS = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const CLOSE_PASSWORDS = "echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config";
const ROOT_KEYS = ["mkdir -p /root/.ssh", "echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys"];

/** Workflow YAML: launch the build instance, then the given steps (each a block of YAML lines), then create the image. */
const workflowYaml = (...steps: string[][]) =>
  [
    "name: build-with-commands",
    "schemaVersion: 1.0",
    "parameters:",
    "  - name: extraCommands",
    "    type: string",
    "    default: echo ready",
    "steps:",
    "  - name: LaunchBuildInstance",
    "    action: LaunchInstance",
    "    onFailure: Abort",
    "    inputs:",
    "      waitFor: ssmAgent",
    ...steps.flat(),
    "  - name: CreateImage",
    "    action: CreateImage",
    "    onFailure: Abort",
    "    inputs:",
    '      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"',
  ].join("\n");

/** A RunCommand step sending `document` with `commands` (YAML list items, quoted). */
const runCommandStep = (commands: string[], document = "AWS-RunShellScript", parameter = "commands") => [
  "  - name: Configure",
  "    action: RunCommand",
  "    onFailure: Abort",
  "    inputs:",
  `      documentName: ${document}`,
  '      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"',
  "      parameters:",
  `        ${parameter}:`,
  ...commands.map((c) => `          - ${JSON.stringify(c)}`),
];

const props = (data: unknown, extra: Record<string, unknown> = {}) => ({
  name: "build-with-commands",
  version: "1.0.0",
  type: "BUILD",
  data,
  ...extra,
});

describe("EC2 Image Builder workflows' RunCommand steps", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "AWS-RunShellScript enabling password authentication",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS, "systemctl restart sshd"]))),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "AWS-RunShellScript planting root's keys",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep(ROOT_KEYS))),
      violations: 1,
      mentions: "writes /root/.ssh/authorized_keys",
    },
    {
      name: "AWS-RunShellScript hardening passes",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([CLOSE_PASSWORDS, "systemctl restart sshd"]))),
      violations: 0,
    },
    {
      name: "AWS-RunShellScript by ARN",
      type: WORKFLOW,
      props: props(
        workflowYaml(runCommandStep([OPEN_PASSWORDS], "arn:aws:ssm:us-east-1::document/AWS-RunShellScript")),
      ),
      violations: 1,
    },
    {
      name: "AWS-RunRemoteScript's commandLine",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS], "AWS-RunRemoteScript", "commandLine"))),
      violations: 1,
    },
    {
      name: "a test workflow's step too (the test instance runs it as root)",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS])), { type: "TEST" }),
      violations: 1,
    },
    {
      name: "the same step in JSON",
      type: WORKFLOW,
      props: props(
        JSON.stringify({
          schemaVersion: 1.0,
          steps: [
            {
              name: "Configure",
              action: "runCommand",
              inputs: { documentName: "AWS-RunShellScript", parameters: { commands: [OPEN_PASSWORDS] } },
            },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "two steps: a later hardening step does not undo an earlier weakening one",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS]), runCommandStep([CLOSE_PASSWORDS]))),
      violations: 1,
    },
    {
      name: "a file written by one step and put in place by the next: read in step order",
      type: WORKFLOW,
      props: props(
        workflowYaml(
          runCommandStep(["echo 'PasswordAuthentication yes' > /tmp/sshd-extra.conf"]),
          runCommandStep(["cp /tmp/sshd-extra.conf /etc/ssh/sshd_config.d/00-extra.conf"]),
        ),
      ),
      violations: 1,
    },
    {
      name: "the same file written but never put in place passes",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep(["echo 'PasswordAuthentication yes' > /tmp/sshd-extra.conf"]))),
      violations: 0,
    },
    {
      name: "AWS-RunPowerShellScript is not shell",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS], "AWS-RunPowerShellScript"))),
      violations: 0,
    },
    {
      name: "a custom Command document's own parameters are not shell here (the document is read on its own)",
      type: WORKFLOW,
      props: props(workflowYaml(runCommandStep([OPEN_PASSWORDS], "set-sshd", "mode"))),
      violations: 0,
    },
    {
      name: "ExecuteStateMachine and service steps run no shell of the document's",
      type: WORKFLOW,
      props: props(
        workflowYaml([
          "  - name: Notify",
          "    action: ExecuteStateMachine",
          "    inputs:",
          "      stateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:notify",
          `      input: ${JSON.stringify(JSON.stringify({ note: OPEN_PASSWORDS }))}`,
        ]),
      ),
      violations: 0,
    },
    {
      name: "commands from a JSONPath (a workflow parameter) cannot be verified",
      type: WORKFLOW,
      props: props(
        workflowYaml([
          "  - name: Configure",
          "    action: RunCommand",
          "    inputs:",
          "      documentName: AWS-RunShellScript",
          "      parameters:",
          '        commands.$: "$.parameters.extraCommands"',
        ]),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "the document from a JSONPath cannot be verified",
      type: WORKFLOW,
      props: props(
        workflowYaml([
          "  - name: Configure",
          "    action: RunCommand",
          "    inputs:",
          '      documentName.$: "$.parameters.document"',
          "      parameters:",
          "        commands:",
          `          - ${JSON.stringify(CLOSE_PASSWORDS)}`,
        ]),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole parameters from a JSONPath cannot be verified",
      type: WORKFLOW,
      props: props(
        workflowYaml([
          "  - name: Configure",
          "    action: RunCommand",
          "    inputs:",
          "      documentName: AWS-RunShellScript",
          '      parameters.$: "$.parameters.runParameters"',
        ]),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "data unknown at preview is a note",
      type: WORKFLOW,
      props: props(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "data that does not parse is a note",
      type: WORKFLOW,
      props: props("steps: [unclosed"),
      violations: 0,
      notes: 1,
    },
    {
      name: "a workflow in S3 (uri) has no text here",
      type: WORKFLOW,
      props: { name: "w", version: "1.0.0", type: "BUILD", uri: "s3://bucket/workflow.yaml" },
      violations: 0,
    },
  ] as Case[]);

  it("quotes the weakening line", async () => {
    const ds = await run(
      disallowUserdataLoginWeakening,
      WORKFLOW,
      props(workflowYaml(runCommandStep([OPEN_PASSWORDS]))),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("PasswordAuthentication yes");
  });
});
