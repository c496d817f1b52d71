// The whole pack over template containers: templates it cannot read get one note for the pack, a huge template is
// read up to a bound and says so, other resource types are judged as before, and @pulumi/policy's own Analyze
// handler reports template findings as it reports the program's.
import { resourcePolicies } from "../../policies/catalog";
import { MAX_TEMPLATE_RESOURCES } from "../../policies/lib/templates/template-reading";
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic, run, UNKNOWN } from "./harness";
import { CFN_STACK, CFN_STACK_SET, cfnJson, ROS_STACK, ROS_STACK_GROUP, rosJson, rule } from "./templates-fixtures";

async function runPack(type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}) {
  const out: Diagnostic[] = [];
  for (const p of resourcePolicies) out.push(...(await run(p, type, props, { config })));
  return out;
}

const notes = (ds: Diagnostic[]) => ds.filter((d) => d.message.includes("cannot be verified at preview"));

describe("templates the pack cannot read", () => {
  it.each([
    ["a CloudFormation templateUrl", CFN_STACK, { templateUrl: "https://s3.amazonaws.com/b/t.yaml" }, "(templateUrl)"],
    ["a stack set's templateUrl", CFN_STACK_SET, { templateUrl: "https://s3.amazonaws.com/b/t.yaml" }, "(templateUrl)"],
    ["a ROS templateUrl", ROS_STACK, { templateUrl: "oss://bucket/t.json" }, "(templateUrl)"],
    ["a ROS stack group's stored template", ROS_STACK_GROUP, { templateId: "tmpl-1" }, "(templateId)"],
    ["a templateUrl unknown at preview", CFN_STACK, { templateUrl: UNKNOWN }, "(templateUrl)"],
    ["a body unknown at preview", CFN_STACK, { templateBody: UNKNOWN }, "templateBody is unknown"],
    ["a body that does not parse", CFN_STACK, { templateBody: "Resources: [unclosed" }, "does not parse"],
    [
      "a body without Resources",
      ROS_STACK,
      { templateBody: '{"ROSTemplateFormatVersion": "2015-09-01"}' },
      "does not parse",
    ],
    ["a macro", CFN_STACK, { templateBody: '{"Transform": "MyMacro", "Resources": {}}' }, 'Transform "MyMacro"'],
    [
      "a loop of resources",
      CFN_STACK,
      { templateBody: '{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::Sg": []}}' },
      "in a loop",
    ],
  ])("%s: one advisory note for the pack", async (_name, type, props, mentions) => {
    const ds = await runPack(type, props);
    expect(ds.map((d) => d.level)).toEqual(ds.map(() => "advisory"));
    expect(notes(ds).filter((d) => d.message.includes(mentions))).toHaveLength(1);
    expect(ds.every((d) => d.policy === "disallow-internet-admin-ports")).toBe(true);
  });

  it("fails closed by the pack's policy, and by another policy's own failClosed", async () => {
    const props = { templateUrl: "https://s3.amazonaws.com/b/t.yaml" };
    const own = await run(rule("disallow-internet-admin-ports"), CFN_STACK, props, { config: { failClosed: true } });
    expect(own.map((d) => d.level)).toEqual(["mandatory"]);
    const other = await run(rule("disallow-userdata-login-weakening"), CFN_STACK, props, {
      config: { failClosed: true },
    });
    expect(other.map((d) => d.level)).toEqual(["mandatory"]);
    expect(await run(rule("disallow-userdata-login-weakening"), CFN_STACK, props)).toEqual([]);
  });

  it("a known serverless transform and a clean template say nothing", async () => {
    const body = JSON.stringify({
      Transform: "AWS::Serverless-2016-10-31",
      Resources: { Bucket: { Type: "AWS::S3::Bucket" } },
    });
    expect(await runPack(CFN_STACK, { templateBody: body })).toEqual([]);
  });
});

describe("bounds", () => {
  it("reads a huge template up to the bound and says so", async () => {
    const open = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" };
    const resources = Object.fromEntries(
      Array.from({ length: MAX_TEMPLATE_RESOURCES + 20 }, (_, i) => [
        `Sg${i}`,
        { Type: "AWS::EC2::SecurityGroupIngress", Properties: open },
      ]),
    );
    const ds = await run(rule("disallow-internet-admin-ports"), CFN_STACK, {
      templateBody: JSON.stringify({ Resources: resources }),
    });
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(MAX_TEMPLATE_RESOURCES);
    expect(notes(ds).filter((d) => d.message.includes(`first ${MAX_TEMPLATE_RESOURCES} resources`))).toHaveLength(1);
  });

  it("reads a ROS group of thousands of entries up to the bound", async () => {
    const entries = Array.from({ length: 2000 }, () => ({
      IpProtocol: "tcp",
      PortRange: "22/22",
      SourceCidrIp: "0.0.0.0/0",
    }));
    const ds = await run(rule("disallow-internet-admin-ports"), ROS_STACK, {
      templateBody: rosJson("ALIYUN::ECS::SecurityGroup", { SecurityGroupIngress: entries }),
    });
    // The group itself is one of the resources read; its entries fill the rest of the bound.
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(MAX_TEMPLATE_RESOURCES - 1);
    expect(notes(ds)).toHaveLength(1);
  });
});

describe("other resource types", () => {
  it("are judged exactly as the unwrapped rule judges them", async () => {
    const { disallowInternetAdminPorts } = await import("../../policies/rules/disallow-internet-admin-ports");
    const type = "aws:ec2/securityGroupRule:SecurityGroupRule";
    const props = { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] };
    expect(await run(rule("disallow-internet-admin-ports"), type, props)).toEqual(
      await run(disallowInternetAdminPorts, type, props),
    );
  });

  it("list the container types in the wrapped rules' metadata", () => {
    for (const name of [
      "disallow-internet-admin-ports",
      "disallow-ecs-password-login",
      "disallow-public-managed-databases",
    ])
      expect(rule(name).metadata.resourceTypes).toEqual(
        expect.arrayContaining([CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP]),
      );
    expect(rule("require-imdsv2").metadata.resourceTypes).toEqual(
      expect.arrayContaining([CFN_STACK, CFN_STACK_SET, ROS_STACK, ROS_STACK_GROUP]),
    );
  });
});

describe("through @pulumi/policy's Analyze handler", () => {
  const analyze = (type: string, props: Record<string, unknown>) => analyzeThroughHandler(type, "deploy", props);

  const CASE_TEMPLATE = `
ROSTemplateFormatVersion: "2015-09-01"
Parameters:
  AdminPassword:
    Type: String
    NoEcho: true
Resources:
  Group:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - { IpProtocol: tcp, PortRange: 22/22, SourceCidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, PortRange: 3306/3306, SourceCidrIp: 0.0.0.0/0 }
  Server:
    Type: ALIYUN::ECS::Instance
    Properties:
      ImageId: centos_7
      Password: !Ref AdminPassword
      UserData: !Sub |
        #!/bin/bash
        echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config
  Db:
    Type: ALIYUN::RDS::DBInstance
    Properties:
      Engine: MySQL
      SecurityIPList: 0.0.0.0/0
`;

  it("blocks the case written as one ROS template, every weakness by its rule", async () => {
    const ds = await analyze(ROS_STACK, {
      templateBody: CASE_TEMPLATE,
      parameters: [{ parameterKey: "AdminPassword", parameterValue: "Passw0rd!" }],
    });
    const mandatory = ds.filter((d: Diagnostic) => d.level === "mandatory");
    expect([...new Set(mandatory.map((d: Diagnostic) => d.policy))].sort()).toEqual([
      "disallow-ecs-password-login",
      "disallow-internet-admin-ports",
      "disallow-public-high-risk-ports",
      "disallow-public-managed-databases",
      "disallow-userdata-login-weakening",
      "require-imdsv2",
    ]);
    expect(mandatory.every((d: Diagnostic) => d.message.includes("template resource "))).toBe(true);
    // Port 22 is on the high-risk list too (FSBP EC2.19), beside 3306.
    expect(mandatory.filter((d: Diagnostic) => d.policy === "disallow-public-high-risk-ports")).toHaveLength(2);
  });

  it("keeps notes advisory with the note lead first", async () => {
    const body = cfnJson(
      "AWS::EC2::SecurityGroupIngress",
      {
        IpProtocol: "tcp",
        FromPort: 22,
        ToPort: 22,
        CidrIp: { Ref: "Source" },
      },
      { Source: { Type: "String" } },
    );
    const ds = await analyze(CFN_STACK, { templateBody: body });
    // Both port rules read 22 (it is on the high-risk list too).
    expect(ds.map((d: Diagnostic) => d.policy)).toEqual([
      "disallow-internet-admin-ports",
      "disallow-public-high-risk-ports",
    ]);
    for (const d of ds) {
      expect(d.level).toBe("advisory");
      expect(d.message).toMatch(
        /^cannot be verified at preview: template resource Res \(AWS::EC2::SecurityGroupIngress\)/,
      );
    }
  });
});

describe("the bound itself", () => {
  it("reads a template of exactly the bound without a note", async () => {
    const open = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" };
    const resources = Object.fromEntries(
      Array.from({ length: MAX_TEMPLATE_RESOURCES }, (_, i) => [
        `Sg${i}`,
        { Type: "AWS::EC2::SecurityGroupIngress", Properties: open },
      ]),
    );
    const ds = await run(rule("disallow-internet-admin-ports"), CFN_STACK, {
      templateBody: JSON.stringify({ Resources: resources }),
    });
    expect(ds).toHaveLength(MAX_TEMPLATE_RESOURCES);
    expect(notes(ds)).toEqual([]);
  });
});
