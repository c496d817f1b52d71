// Secret masking in the pack's messages (policies/lib/secret-values.ts): what it must not blank (the parts of a
// one-line secret only as whole tokens, never a one-line script's words nor the literal words), a deeply nested
// secret document, and the script lines of a secret JSON or YAML document quoted as the readers parse them (unescaped,
// one-line JSON, `Fn::Join` of lines). Through the SDK's own Analyze handler with the pack's decode hook.
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { maskSecrets, secretValuesIn } from "../../policies/lib/secret-values";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { secret, stackAnalyzedBySdk } from "./secret-wire";

const EC2 = "aws:ec2/instance:Instance";
const LOGIN_RULE = "disallow-userdata-login-weakening";
const MASK = "[secret]";

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
/** What a message says after the policy's description, which names settings in its own words. */
const finding = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);
/** A text as masked with the secrets of `value` given as a secret. */
const maskedWith = (value: unknown, text: string) => maskSecrets(text, secretValuesIn({ v: secret(value) }));

describe("what a secret's one-line parts do not blank", () => {
  it("a PowerShell one-line script's words: the finding names userData and masks the line", async () => {
    const script = "<powershell>net user admin Sup3r-Secret-Pw /add</powershell>";
    const [d] = (await analyzeThroughHandler(EC2, "res", { ami: "a", userData: secret(script) })).filter(
      (d) => d.policy === LOGIN_RULE,
    );
    expect(finding(d)).toMatch(/^userData sets a login password/);
    expect(finding(d)).not.toContain("Sup3r-Secret-Pw");
    expect(finding(d)).toContain(MASK);
  });

  it("a one-line script's words do not blank another rule's plain finding on the resource", async () => {
    const props = { ami: "a", metadataOptions: { httpTokens: "optional" } };
    const userData = "echo open optional step case login";
    const open = await analyzeThroughHandler(EC2, "res", { ...props, userData });
    const masked = await analyzeThroughHandler(EC2, "res", { ...props, userData: secret(userData) });
    const imds = (ds: Diagnostic[]) => ds.filter((d) => d.policy === "require-imdsv2").map((d) => d.message);
    expect(imds(open).length).toBeGreaterThan(0);
    expect(imds(open).some((m) => m.includes('"optional"'))).toBe(true);
    expect(imds(masked)).toEqual(imds(open));
  });

  it.each([
    ["a path segment, a longer word, a word holding it", "allow root true 0.0.0.0/0", "/root/.ssh, rootfs, shallow"],
    ["the literal words the engine never searches for", "allow root true 0.0.0.0/0", "encrypted is true"],
    ["a part inside a longer address", "10.0.0.0/8 0.0.0.0", "admits 0.0.0.0/0"],
    ["a connection string's keys", "Server=db.internal;User Id=app;Password=Pw-9931", "IAM User policy"],
    ["a sentence's words", "echo open optional step case login", 'httpTokens is "optional": IMDSv1 stays open'],
    ["a semicolon-separated script's words", "useradd deploy; passwd deploy", "deploy keys on the host"],
  ])("%s", (_, value, text) => {
    expect(maskedWith(value, text)).toBe(text);
  });

  it.each([
    ["an entry standing alone", "allow root 0.0.0.0/0", 'user "root" logs in', 'user "[secret]" logs in'],
    ["an entry at the end of a sentence", "10.0.0.0/8 0.0.0.0", "admits 0.0.0.0.", "admits [secret]."],
    [
      "a connection string's values",
      "Server=db.internal;User Id=app;Password=Pw-9931",
      "db.internal:5432",
      "[secret]:5432",
    ],
  ])("still masks %s", (_, value, text, expected) => {
    expect(maskedWith(value, text)).toBe(expected);
  });
});

describe("a secret template nested thousands deep", () => {
  const deep = "[".repeat(5000) + '"deep-tag-4711"' + "]".repeat(5000);
  const body = `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": ${deep}}}}}`;

  it("is analyzed without overflowing the stack", async () => {
    const ds = await analyzeThroughHandler("aws:cloudformation/stack:Stack", "res", { templateBody: secret(body) });
    expect(Array.isArray(ds)).toBe(true);
  });

  it("has its deepest string collected", () => {
    expect(secretValuesIn({ templateBody: secret(body) })).toContain("deep-tag-4711");
  });
});

const MARKER = "quokkamarker";
const ROOT_LINE = `echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # ${MARKER}`;
const SED_LINE = `sed -i 's/^#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config # ${MARKER}`;
const HIDDEN = [MARKER, "PermitRootLogin yes"];

const ssmCommand = (runCommand: string[]) => ({
  schemaVersion: "2.2",
  description: "d",
  mainSteps: [{ action: "aws:runShellScript", name: "r", inputs: { runCommand } }],
});
const oosRunCommand = (commandContent: string) => ({
  FormatVersion: "OOS-2019-06-01",
  Tasks: [
    {
      Name: "run",
      Action: "ACS::ECS::RunCommand",
      Properties: { regionId: "cn-hangzhou", instanceId: "i-1", commandType: "RunShellScript", commandContent },
    },
  ],
});
const cfnInstance = (line: string) => ({
  Resources: {
    Host: {
      Type: "AWS::EC2::Instance",
      Properties: { ImageId: "ami-1", UserData: { "Fn::Base64": { "Fn::Join": ["\n", ["#!/bin/bash", line]] } } },
    },
  },
});
const rosInstance = (line: string) => ({
  ROSTemplateFormatVersion: "2015-09-01",
  Resources: {
    Host: {
      Type: "ALIYUN::ECS::Instance",
      Properties: {
        ImageId: "m-1",
        InstanceType: "ecs.g6.large",
        UserData: { "Fn::Join": ["\n", ["#!/bin/bash", line]] },
      },
    },
  },
});

const SSM = "aws:ssm/document:Document";
const OOS = "alicloud:oos/template:Template";
const COMPONENT = "aws:imagebuilder/component:Component";
const CFN = "aws:cloudformation/stack:Stack";
const ROS = "alicloud:ros/stack:Stack";
const ssm = (content: string) => ({ name: "d", documentType: "Command", documentFormat: "JSON", content });
const ssmYaml = (content: string) => ({ name: "d", documentType: "Command", documentFormat: "YAML", content });
const component = (data: string) => ({ name: "base", platform: "Linux", version: "1.0.0", data });

const YAML_SSM = `schemaVersion: "2.2"
description: d
mainSteps:
  - action: aws:runShellScript
    name: r
    inputs:
      runCommand:
        - "${ROOT_LINE}"
`;
const YAML_COMPONENT = `name: doc
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: s
        action: ExecuteBash
        inputs:
          commands:
            - "${ROOT_LINE}"
`;
const YAML_PLAIN_ITEM = `schemaVersion: "2.2"
description: d
mainSteps:
  - action: aws:runShellScript
    name: r
    inputs:
      runCommand:
        - ${SED_LINE.replace(" # ", " && echo ")}
`;
const YAML_OOS = `FormatVersion: OOS-2019-06-01
Tasks:
  - Name: run
    Action: ACS::ECS::RunCommand
    Properties:
      regionId: cn-hangzhou
      instanceId: i-1
      commandType: RunShellScript
      commandContent: "${ROOT_LINE}"
`;
const YAML_CFN = `Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData:
        Fn::Base64:
          Fn::Join:
            - "\\n"
            - - "#!/bin/bash"
              - "${ROOT_LINE}"
`;

describe("a secret document's script lines are masked as the readers quote them", () => {
  it.each([
    ["SSM Command document, one-line JSON", SSM, ssm(JSON.stringify(ssmCommand([ROOT_LINE])))],
    [
      "SSM Command document, pretty JSON, a line holding quotes",
      SSM,
      ssm(JSON.stringify(ssmCommand([ROOT_LINE.replace(/'/g, '"')]), null, 2)),
    ],
    [
      "SSM Command document, pretty JSON, a line holding a tab",
      SSM,
      ssm(JSON.stringify(ssmCommand([ROOT_LINE.replace(" >> ", "\t>> ")]), null, 2)),
    ],
    ["OOS template, one-line JSON", OOS, { templateName: "m", content: JSON.stringify(oosRunCommand(ROOT_LINE)) }],
    [
      "CloudFormation template, one-line JSON, Fn::Join of lines",
      CFN,
      { templateBody: JSON.stringify(cfnInstance(ROOT_LINE)) },
    ],
    ["ROS template, one-line JSON, Fn::Join of lines", ROS, { templateBody: JSON.stringify(rosInstance(ROOT_LINE)) }],
    ["SSM Command document, YAML runCommand item", SSM, ssmYaml(YAML_SSM)],
    ["SSM Command document, YAML plain list item", SSM, ssmYaml(YAML_PLAIN_ITEM)],
    ["Image Builder component, YAML commands item", COMPONENT, component(YAML_COMPONENT)],
    ["OOS template, YAML commandContent", OOS, { templateName: "m", content: YAML_OOS }],
    ["CloudFormation template, YAML Fn::Base64 of Fn::Join", CFN, { templateBody: YAML_CFN }],
  ])("%s", async (_, type, props: Record<string, unknown>) => {
    const field = Object.keys(props).find((k) => ["content", "templateBody", "data"].includes(k))!;
    const open = await analyzeThroughHandler(type, "res", props);
    const masked = await analyzeThroughHandler(type, "res", { ...props, [field]: secret(props[field]) });
    // The finding is not lost, and the plain document's message quotes what the secret one must not.
    expect(open.filter((d) => d.policy === LOGIN_RULE).length).toBeGreaterThan(0);
    expect(open.some((d) => finding(d).includes(MARKER))).toBe(true);
    expect(verdicts(masked)).toEqual(verdicts(open));
    expect(masked.flatMap((d) => HIDDEN.filter((needle) => finding(d).includes(needle)))).toEqual([]);
    expect(masked.filter((d) => d.policy === LOGIN_RULE).every((d) => d.message.includes(MASK))).toBe(true);
  });
});

/** A Command document running `line` in one step of `action`, its one parameter filled by a plain association. */
const DOCUMENT_RUNS = [
  {
    shell: "a shell",
    action: "aws:runShellScript",
    line: `sed -i 's/^#PermitRootLogin.*/PermitRootLogin {{ value }}/' /etc/ssh/sshd_config # ${MARKER}`,
    filled: "yes",
    hidden: HIDDEN,
    quoted: "permits root login",
    maskedQuote: `permits root login: "${MASK}"`,
  },
  {
    shell: "a PowerShell",
    action: "aws:runPowerShellScript",
    line: `winrm set winrm/config/service/auth '@{Basic="{{ value }}"}' # ${MARKER}`,
    filled: "true",
    // A PowerShell statement is quoted without its trailing comment: the command itself is what must not show.
    hidden: [MARKER, "winrm/config/service/auth"],
    quoted: "WinRM Basic",
    maskedQuote: `clear-text passwords: "${MASK}"`,
  },
];

describe.each(DOCUMENT_RUNS)(
  "$shell secret document filled by a plain association: the finding on the association quotes no filled line",
  ({ action, line, filled, hidden, quoted, maskedQuote }) => {
    const document = {
      schemaVersion: "2.2",
      description: "d",
      parameters: { value: { type: "String", default: "no" } },
      mainSteps: [{ action, name: "r", inputs: { runCommand: [line] } }],
    };
    const stack = (content: unknown) => [
      { type: SSM, name: "doc", props: { name: "set-it", documentType: "Command", documentFormat: "JSON", content } },
      {
        type: "aws:ssm/association:Association",
        name: "assoc",
        props: { name: "set-it", parameters: { value: filled } },
      },
    ];

    it.each([
      ["pretty JSON", JSON.stringify(document, null, 2)],
      ["one-line JSON", JSON.stringify(document)],
    ])("%s", async (_, content) => {
      const open = await stackAnalyzedBySdk(disallowUserdataLoginWeakening, stack(content));
      const masked = await stackAnalyzedBySdk(disallowUserdataLoginWeakening, stack(secret(content)));
      expect(open.some((m) => m.includes(hidden[1]) && m.includes(quoted))).toBe(true);
      expect(masked.length).toBe(open.length);
      expect(masked.flatMap((m) => hidden.filter((needle) => m.includes(needle)))).toEqual([]);
      expect(masked.some((m) => m.includes(maskedQuote))).toBe(true);
    });
  },
);
