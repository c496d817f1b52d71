// A raw template's Systems Manager Command document and the associations that run it (`Name: !Ref Doc`): the login
// rule fills the document's `{{ mode }}` with the values each association passes, as for the same resources written
// in the program, and reads AWS-RunShellScript associations' commands.
import { planTable } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { cfn, stacksNamed } from "./template-bodies";
import { CFN_STACK, rule } from "./templates-fixtures";

const userData = rule("disallow-userdata-login-weakening");
const container = stacksNamed("ops");
const OPS = urnOf(CFN_STACK, "ops");

const SET_PASSWORDS =
  "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication {{ mode }}/' /etc/ssh/sshd_config";
const OPEN_PASSWORDS = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
const CLOSE_PASSWORDS = "echo 'PasswordAuthentication no' > /etc/ssh/sshd_config.d/10-hardening.conf";

/** Schema 2.2 content running `commands`, with a `mode` parameter defaulting to no. */
const content = (commands: string[]) => ({
  schemaVersion: "2.2",
  parameters: { mode: { type: "String", default: "no" } },
  mainSteps: [{ action: "aws:runShellScript", name: "configure", inputs: { runCommand: commands } }],
});

const documentOf = (Content: unknown, more: Record<string, unknown> = {}) => ({
  Type: "AWS::SSM::Document",
  Properties: { DocumentType: "Command", Content, ...more },
});
const association = (Name: unknown, Parameters?: Record<string, unknown>) => ({
  Type: "AWS::SSM::Association",
  Properties: { Name, ...(Parameters ? { Parameters } : {}), Targets: [{ Key: "tag:role", Values: ["web"] }] },
});

const SET_MODE = documentOf(content([SET_PASSWORDS, "systemctl restart sshd"]));
const stack = (templateBody: string, parameters?: Record<string, unknown>): StackInput[] => [
  container(CFN_STACK, templateBody, parameters ? { parameters } : {}),
];

/** The same document and association in YAML short forms; `content` is the document's Content block. */
const yamlBody = (contentBlock: string[], mode: string) =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    "Resources:",
    "  Doc:",
    "    Type: AWS::SSM::Document",
    "    Properties:",
    "      DocumentType: Command",
    "      DocumentFormat: YAML",
    ...contentBlock,
    "  Run:",
    "    Type: AWS::SSM::Association",
    "    Properties:",
    "      Name: !Ref Doc",
    "      Parameters:",
    "        mode:",
    `          - !Sub '${mode}'`,
    "      Targets:",
    "        - Key: InstanceIds",
    "          Values: ['*']",
  ].join("\n");

/** The document's body, indented under `Content`. */
const documentLines = [
  "        schemaVersion: '2.2'",
  "        parameters:",
  "          mode: { type: String, default: 'no' }",
  "        mainSteps:",
  "          - action: aws:runShellScript",
  "            name: configure",
  "            inputs:",
  "              runCommand:",
  `                - "${SET_PASSWORDS.replace(/\\/g, "\\\\")}"`,
];

/** Content written as a YAML mapping. */
const yamlMapping = ["      Content:", ...documentLines];

/** Content written as YAML text, as the provider holds it. */
const yamlText = ["      Content: |", ...documentLines];

describe("AWS::SSM::Document run by the template's AWS::SSM::Association", () => {
  planTable(userData, [
    {
      name: "association passing mode yes",
      resources: stack(cfn({ Doc: SET_MODE, Run: association({ Ref: "Doc" }, { mode: ["yes"] }) })),
      violations: 1,
      urn: OPS,
      mentions: "template resource Run (AWS::SSM::Association)",
    },
    {
      name: "association passing mode no",
      resources: stack(cfn({ Doc: SET_MODE, Run: association({ Ref: "Doc" }, { mode: ["no"] }) })),
      violations: 0,
    },
    {
      name: "association leaving mode to its default no",
      resources: stack(cfn({ Doc: SET_MODE, Run: association({ Ref: "Doc" }) })),
      violations: 0,
    },
    {
      name: "one association of two passing yes",
      resources: stack(
        cfn({
          Doc: SET_MODE,
          Safe: association({ Ref: "Doc" }, { mode: ["no"] }),
          Open: association({ Ref: "Doc" }, { mode: ["yes"] }),
        }),
      ),
      violations: 1,
      mentions: "template resource Open (AWS::SSM::Association)",
    },
    {
      name: "association naming the document by its Name",
      resources: stack(
        cfn({
          Doc: { ...SET_MODE, Properties: { ...SET_MODE.Properties, Name: "set-sshd" } },
          Run: association("set-sshd", { mode: ["yes"] }),
        }),
      ),
      violations: 1,
      urn: OPS,
    },
    {
      name: "mode from a template parameter the program gives yes",
      resources: stack(
        cfn(
          { Doc: SET_MODE, Run: association({ Ref: "Doc" }, { mode: [{ Ref: "Mode" }] }) },
          { Parameters: { Mode: { Type: "String" } } },
        ),
        { Mode: "yes" },
      ),
      violations: 1,
    },
    {
      name: "mode from a template parameter unknown at preview",
      resources: stack(
        cfn(
          { Doc: SET_MODE, Run: association({ Ref: "Doc" }, { mode: [{ Ref: "Mode" }] }) },
          { Parameters: { Mode: { Type: "String" } } },
        ),
        { Mode: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "content given as JSON text",
      resources: stack(
        cfn({
          Doc: documentOf(JSON.stringify(content([SET_PASSWORDS])), { DocumentFormat: "JSON" }),
          Run: association({ Ref: "Doc" }, { mode: ["yes"] }),
        }),
      ),
      violations: 1,
    },
    {
      name: "YAML short forms, content as a mapping, mode yes",
      resources: stack(yamlBody(yamlMapping, "yes")),
      violations: 1,
      urn: OPS,
    },
    {
      name: "YAML short forms, content as a mapping, mode no",
      resources: stack(yamlBody(yamlMapping, "no")),
      violations: 0,
    },
    {
      name: "YAML short forms, content as YAML text, mode yes",
      resources: stack(yamlBody(yamlText, "yes")),
      violations: 1,
    },
    {
      name: "YAML short forms, content as YAML text, mode no",
      resources: stack(yamlBody(yamlText, "no")),
      violations: 0,
    },
  ]);
});

describe("AWS::SSM::Association running AWS-RunShellScript", () => {
  planTable(userData, [
    {
      name: "commands enabling password login",
      resources: stack(cfn({ Run: association("AWS-RunShellScript", { commands: ["set -e", OPEN_PASSWORDS] }) })),
      violations: 1,
      mentions: "parameters.commands",
    },
    {
      name: "commands hardening sshd",
      resources: stack(cfn({ Run: association("AWS-RunShellScript", { commands: ["set -e", CLOSE_PASSWORDS] }) })),
      violations: 0,
    },
    {
      name: "a command from a parameter unknown at preview",
      resources: stack(
        cfn(
          { Run: association("AWS-RunShellScript", { commands: [CLOSE_PASSWORDS, { Ref: "Extra" }] }) },
          { Parameters: { Extra: { Type: "String" } } },
        ),
        { Extra: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
  ]);
});
