// require-imdsv2 where a launch replaces what its launch template or account default relied on (the endpoint, the
// image), where two account defaults share an account (the last applied wins), and the CloudFormation forms of EKS
// node groups, Elastic Beanstalk and SageMaker notebooks.
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { planTable } from "./combined-table";
import { Case, mandatory, runStack, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { CFN_STACK, cfnJson, rule } from "./templates-fixtures";

const EC2 = "aws:ec2/instance:Instance";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const AMI = "aws:ec2/ami:Ami";
const DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const ALI = "alicloud:ecs/instance:Instance";
const ALI_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const LT_URN = urnOf(LT, "lt");
const ALI_LT_URN = urnOf(ALI_LT, "lt");
const AMI_URN = urnOf(AMI, "image");
const EU = "urn:pulumi:test::kit::pulumi:providers:aws::eu";
const US = "urn:pulumi:test::kit::pulumi:providers:aws::us";

/** The stack's launch template "lt" with these metadata options (and image, when given). */
const template = (metadataOptions?: unknown, more: Record<string, unknown> = {}): StackInput => ({
  type: LT,
  name: "lt",
  props: { ...(metadataOptions === undefined ? {} : { metadataOptions }), ...more },
});

/** An instance "web" launched from "lt" (named by an id unknown at preview) with these metadata options. */
const fromTemplate = (metadataOptions?: unknown, more: Record<string, unknown> = {}, type = EC2): StackInput => ({
  type,
  name: "web",
  props: {
    launchTemplate: { id: UNKNOWN, version: "$Latest" },
    ...(metadataOptions === undefined ? {} : { metadataOptions }),
    ...more,
  },
  propertyDependencies: { launchTemplate: [LT_URN] },
  dependencies: [LT_URN],
});

const aliTemplate = (props: Record<string, unknown>): StackInput => ({
  type: ALI_LT,
  name: "lt",
  props: { imageId: "ubuntu_22_04_x64_20G_alibase_20240130.vhd", ...props },
});
const aliFromTemplate = (props: Record<string, unknown>): StackInput => ({
  type: ALI,
  name: "web",
  props: { launchTemplateId: UNKNOWN, ...props },
  propertyDependencies: { launchTemplateId: [ALI_LT_URN] },
  dependencies: [ALI_LT_URN],
});

const ON = { httpEndpoint: "enabled" };
const OFF = { httpEndpoint: "disabled" };

describe("require-imdsv2: a launch that turns on the endpoint its launch template switches off", () => {
  planTable(requireImdsv2, [
    // Known bad: the launch takes the template's tokens, which are not required.
    {
      name: "AWS: tokens left out by both",
      resources: [template(OFF), fromTemplate(ON)],
      violations: 1,
      mentions: "web turns on the metadata endpoint lt switches off",
      urn: urnOf(EC2, "web"),
    },
    {
      name: "AWS: the template's tokens optional",
      resources: [template({ ...OFF, httpTokens: "optional" }), fromTemplate(ON)],
      violations: 1,
      mentions: '"optional"',
      urn: urnOf(EC2, "web"),
    },
    {
      name: "AWS: the endpoint in another case, from a spot request",
      resources: [template({ httpEndpoint: "DISABLED" }), fromTemplate({ httpEndpoint: "Enabled" }, {}, SPOT)],
      violations: 1,
      urn: urnOf(SPOT, "web"),
    },
    {
      name: "AWS: the template named by its known id",
      resources: [
        template(OFF, { id: "lt-0abc" }),
        { type: EC2, name: "web", props: { launchTemplate: { id: "lt-0abc" }, metadataOptions: ON } },
      ],
      violations: 1,
    },
    {
      name: "AWS: account defaults that only switch the endpoint off do not help",
      resources: [
        { type: DEFAULTS, name: "imds", props: OFF },
        template(OFF, {}),
        { ...fromTemplate(ON), dependencies: [LT_URN, urnOf(DEFAULTS, "imds")] },
      ],
      violations: 1,
    },
    {
      name: "Alibaba: tokens left out by both",
      resources: [aliTemplate(OFF), aliFromTemplate(ON)],
      violations: 1,
      mentions: "not set (defaults to optional)",
      urn: urnOf(ALI, "web"),
    },
    {
      name: "Alibaba: the template named by its launchTemplateName",
      resources: [
        aliTemplate({ ...OFF, launchTemplateName: "web-template" }),
        { type: ALI, name: "web", props: { launchTemplateName: "web-template", ...ON } },
      ],
      violations: 1,
    },
    // Known good.
    {
      name: "AWS: the template requires tokens",
      resources: [template({ ...OFF, httpTokens: "required" }), fromTemplate(ON)],
      violations: 0,
    },
    {
      name: "AWS: the launch requires tokens itself",
      resources: [template(OFF), fromTemplate({ ...ON, httpTokens: "required" })],
      violations: 0,
    },
    {
      name: "AWS: the launch leaves the endpoint to the template",
      resources: [template(OFF), fromTemplate({ httpPutResponseHopLimit: 1 })],
      violations: 0,
    },
    {
      name: "AWS: tokens left out by both, account defaults requiring them in force",
      resources: [
        { type: DEFAULTS, name: "imds", props: { httpTokens: "required" } },
        { ...template(OFF), dependencies: [urnOf(DEFAULTS, "imds")] },
        fromTemplate(ON),
      ],
      violations: 0,
    },
    {
      name: "Alibaba: the template requires tokens",
      resources: [aliTemplate({ ...OFF, httpTokens: "required" }), aliFromTemplate(ON)],
      violations: 0,
    },
    {
      name: "a template that fails on its own is reported once, on the template",
      resources: [template({ ...ON, httpTokens: "optional" }), fromTemplate(ON)],
      violations: 1,
      mentions: 'metadataOptions.httpTokens is "optional"',
    },
    // Unknown: never a pass.
    {
      name: "the template's tokens unknown at preview",
      resources: [template({ ...OFF, httpTokens: UNKNOWN }), fromTemplate(ON)],
      violations: 0,
      notes: 1,
    },
    {
      name: "a template the stack does not declare",
      resources: [{ type: EC2, name: "web", props: { launchTemplate: { id: "lt-0outside" }, metadataOptions: ON } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba: a template the stack does not declare",
      resources: [{ type: ALI, name: "web", props: { launchTemplateId: "lt-0outside", ...ON } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "the launch's endpoint unknown at preview",
      resources: [template(OFF), fromTemplate({ httpEndpoint: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});

/** An AMI of the stack registered with this imdsSupport; `plainImage` leaves it out. */
const image = (imdsSupport: unknown = "v2.0", name = "image"): StackInput => ({
  type: AMI,
  name,
  props: { name, rootDeviceName: "/dev/xvda", imdsSupport },
});
const plainImage: StackInput = { ...image(), props: { name: "other", rootDeviceName: "/dev/xvda" }, name: "other" };
/** "lt" launching the stack's AMI (its id unknown at preview) and leaving tokens out. */
const imageTemplate = (metadataOptions?: unknown): StackInput => ({
  ...template(metadataOptions, { imageId: UNKNOWN }),
  propertyDependencies: { imageId: [AMI_URN] },
  dependencies: [AMI_URN],
});

describe("require-imdsv2: a launch that replaces the image its launch template's IMDSv2 default comes from", () => {
  planTable(requireImdsv2, [
    {
      name: "an image from outside the stack",
      resources: [image(), imageTemplate(), fromTemplate(undefined, { ami: "ami-0plainal2" })],
      violations: 1,
      mentions: "web names an image of its own (ami)",
      urn: urnOf(EC2, "web"),
    },
    {
      name: "another AMI of the stack without imdsSupport",
      resources: [
        image(),
        plainImage,
        imageTemplate(),
        {
          ...fromTemplate(undefined, { ami: UNKNOWN }),
          propertyDependencies: { launchTemplate: [LT_URN], ami: [urnOf(AMI, "other")] },
        },
      ],
      violations: 1,
    },
    {
      name: "the same AMI (known good)",
      resources: [
        image(),
        imageTemplate(),
        {
          ...fromTemplate(undefined, { ami: UNKNOWN }),
          propertyDependencies: { launchTemplate: [LT_URN], ami: [AMI_URN] },
        },
      ],
      violations: 0,
    },
    {
      name: "the template requires tokens itself (known good)",
      resources: [
        image(),
        imageTemplate({ httpTokens: "required" }),
        fromTemplate(undefined, { ami: "ami-0plainal2" }),
      ],
      violations: 0,
    },
    {
      name: "a template the stack does not declare cannot be read: a note",
      resources: [{ type: EC2, name: "web", props: { launchTemplate: { id: "lt-0outside" }, ami: "ami-0plainal2" } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "the replacing AMI's imdsSupport unknown at preview",
      resources: [
        image(),
        image(UNKNOWN, "other"),
        imageTemplate(),
        {
          ...fromTemplate(undefined, { ami: UNKNOWN }),
          propertyDependencies: { launchTemplate: [LT_URN], ami: [urnOf(AMI, "other")] },
        },
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

const accountDefault = (name: string, props: Record<string, unknown>, after: string[] = [], provider?: string) => ({
  type: DEFAULTS,
  name,
  props,
  dependencies: after.map((d) => urnOf(DEFAULTS, d)),
  ...(provider ? { provider } : {}),
});
/** An instance leaving tokens out (with these metadata options), launched after the named defaults. */
const instanceAfter = (after: string[], metadataOptions?: unknown, more: Partial<StackInput> = {}): StackInput => ({
  type: EC2,
  name: "web",
  props: { ami: "ami-0plainal2", ...(metadataOptions === undefined ? {} : { metadataOptions }) },
  dependencies: after.map((d) => urnOf(DEFAULTS, d)),
  ...more,
});

describe("require-imdsv2: account defaults that switch the endpoint off, and a launch that turns it on", () => {
  planTable(requireImdsv2, [
    {
      name: "an instance",
      resources: [accountDefault("imds", OFF), instanceAfter(["imds"], ON)],
      violations: 1,
      mentions: "switches the metadata endpoint off, which web turns back on",
    },
    {
      name: "a launch template, the defaults' tokens optional",
      resources: [
        accountDefault("imds", { ...OFF, httpTokens: "optional" }),
        { ...template(ON), dependencies: [urnOf(DEFAULTS, "imds")] },
      ],
      violations: 1,
      urn: LT_URN,
    },
    {
      name: "the defaults' endpoint unknown does not matter once the launch turns it on",
      resources: [accountDefault("imds", { httpEndpoint: UNKNOWN }), instanceAfter(["imds"], ON)],
      violations: 1,
    },
    {
      name: "the defaults require tokens too (known good)",
      resources: [accountDefault("imds", { ...OFF, httpTokens: "required" }), instanceAfter(["imds"], ON)],
      violations: 0,
    },
    {
      name: "the launch leaves the endpoint to the defaults (known good)",
      resources: [accountDefault("imds", OFF), instanceAfter(["imds"], { httpPutResponseHopLimit: 1 })],
      violations: 0,
    },
    {
      name: "an AMI registered with imdsSupport v2.0 decides the tokens (known good)",
      resources: [
        image(),
        accountDefault("imds", OFF),
        {
          ...instanceAfter(["imds"], ON),
          props: { ami: UNKNOWN, metadataOptions: ON },
          propertyDependencies: { ami: [AMI_URN] },
          dependencies: [urnOf(DEFAULTS, "imds"), AMI_URN],
        },
      ],
      violations: 0,
    },
    {
      name: "the defaults' tokens unknown at preview",
      resources: [accountDefault("imds", { ...OFF, httpTokens: UNKNOWN }), instanceAfter(["imds"], ON)],
      violations: 0,
      notes: 1,
    },
  ]);
});

const REQUIRED = { httpTokens: "required" };
const OPTIONAL = { httpTokens: "optional" };

describe("require-imdsv2: two account defaults in one account, the last applied wins", () => {
  planTable(requireImdsv2, [
    {
      name: "optional applied after required, the instance after both",
      resources: [accountDefault("d1", REQUIRED), accountDefault("d2", OPTIONAL, ["d1"]), instanceAfter(["d2"])],
      violations: 1,
      mentions: "the account default d2, the last set before web launches",
    },
    {
      name: "no preference applied after required",
      resources: [
        accountDefault("d1", REQUIRED),
        accountDefault("d2", { httpTokens: "no-preference" }, ["d1"]),
        instanceAfter(["d2"]),
      ],
      violations: 1,
    },
    {
      name: "optional not ordered against the instance: it may be applied last",
      resources: [accountDefault("d1", REQUIRED), accountDefault("d2", OPTIONAL), instanceAfter(["d1"])],
      violations: 1,
      mentions: "not ordered against web",
    },
    {
      name: "optional applied last outranks the AMI's default",
      resources: [
        image(),
        accountDefault("d1", REQUIRED),
        accountDefault("d2", OPTIONAL, ["d1"]),
        {
          ...instanceAfter(["d2"]),
          props: { ami: UNKNOWN },
          propertyDependencies: { ami: [AMI_URN] },
          dependencies: [urnOf(DEFAULTS, "d2"), AMI_URN],
        },
      ],
      violations: 1,
    },
    // Known good.
    {
      name: "required applied after optional",
      resources: [accountDefault("d1", OPTIONAL), accountDefault("d2", REQUIRED, ["d1"]), instanceAfter(["d2"])],
      violations: 0,
    },
    {
      name: "both require tokens, one not ordered",
      resources: [accountDefault("d1", REQUIRED), accountDefault("d2", REQUIRED), instanceAfter(["d1"])],
      violations: 0,
    },
    {
      name: "optional applied only after the instance launches",
      resources: [
        accountDefault("d1", REQUIRED),
        { ...accountDefault("d2", OPTIONAL), dependencies: [urnOf(EC2, "web")] },
        instanceAfter(["d1"]),
      ],
      violations: 0,
    },
    {
      name: "optional in another region's provider",
      resources: [
        accountDefault("d1", REQUIRED, [], EU),
        accountDefault("d2", OPTIONAL, [], US),
        instanceAfter(["d1"], undefined, { provider: EU }),
      ],
      violations: 0,
    },
    {
      name: "optional in another region under the same provider (the resource's region argument)",
      resources: [
        accountDefault("use1", REQUIRED),
        { ...accountDefault("euw1", OPTIONAL), props: { ...OPTIONAL, region: "eu-west-1" } },
        instanceAfter(["use1"]),
      ],
      violations: 0,
    },
    {
      name: "a launch in another region than the required default it depends on",
      resources: [
        accountDefault("use1", REQUIRED),
        { ...instanceAfter(["use1"]), props: { ami: "ami-0abc", region: "eu-west-1" } },
      ],
      violations: 1,
    },
    // Unknown.
    {
      name: "a second default not ordered, its tokens unknown at preview",
      resources: [accountDefault("d1", REQUIRED), accountDefault("d2", { httpTokens: UNKNOWN }), instanceAfter(["d1"])],
      violations: 0,
      notes: 1,
    },
  ]);
});

const imds = rule("require-imdsv2");
const cfn = (type: string, props: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({
  type: CFN_STACK,
  props: { templateBody: cfnJson(type, props, parameters) },
});
const NODEGROUP = "AWS::EKS::Nodegroup";
const nodeGroup = { ClusterName: "c", NodeRole: "arn:aws:iam::1:role/n", Subnets: ["subnet-1"] };
const ENVIRONMENT = "AWS::ElasticBeanstalk::Environment";
const disableImdsV1 = (value: unknown) => ({
  ApplicationName: "app",
  SolutionStackName: "64bit Amazon Linux 2023 v4.0.0 running Python 3.11",
  OptionSettings: [{ Namespace: "aws:autoscaling:launchconfiguration", OptionName: "DisableIMDSv1", Value: value }],
});
const NOTEBOOK = "AWS::SageMaker::NotebookInstance";
const notebook = (config?: unknown) => ({
  InstanceType: "ml.t3.medium",
  RoleArn: "arn:aws:iam::1:role/s",
  ...(config === undefined ? {} : { InstanceMetadataServiceConfiguration: config }),
});
const PARAMETER = { P: { Type: "String" } };

describe("require-imdsv2 reads CloudFormation node groups, Beanstalk and SageMaker notebooks", () => {
  table(imds, [
    {
      name: "node group on Amazon Linux 2 without a launch template",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: "AL2_x86_64" }),
      violations: 1,
      mentions: 'template resource Res (AWS::EKS::Nodegroup): amiType is "AL2_x86_64" without a launchTemplate',
    },
    {
      name: "node group on Windows without a launch template",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: "WINDOWS_CORE_2022_x86_64" }),
      violations: 1,
    },
    {
      name: "node group on Amazon Linux 2 from a launch template (judged as a resource of its own)",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: "AL2_x86_64", LaunchTemplate: { Id: "lt-1", Version: "1" } }),
      violations: 0,
    },
    {
      name: "node group on Amazon Linux 2023",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: "AL2023_x86_64_STANDARD" }),
      violations: 0,
    },
    {
      name: "node group AmiType from a parameter without a value",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: { Ref: "P" } }, PARAMETER),
      violations: 0,
      notes: 1,
    },
    {
      name: "Beanstalk environment with DisableIMDSv1 false",
      ...cfn(ENVIRONMENT, disableImdsV1("false")),
      violations: 1,
      mentions: 'template resource Res (AWS::ElasticBeanstalk::Environment): settings[0] sets DisableIMDSv1 to "false"',
    },
    {
      name: "Beanstalk configuration template with DisableIMDSv1 false",
      ...cfn("AWS::ElasticBeanstalk::ConfigurationTemplate", disableImdsV1(false)),
      violations: 1,
    },
    {
      name: "Beanstalk environment with DisableIMDSv1 true",
      ...cfn(ENVIRONMENT, disableImdsV1("true")),
      violations: 0,
    },
    {
      name: "Beanstalk DisableIMDSv1 from a parameter without a value",
      ...cfn(ENVIRONMENT, disableImdsV1({ Ref: "P" }), PARAMETER),
      violations: 0,
      notes: 1,
    },
    {
      name: "Beanstalk OptionSettings from a parameter list",
      ...cfn(
        ENVIRONMENT,
        { ApplicationName: "app", OptionSettings: { Ref: "P" } },
        { P: { Type: "CommaDelimitedList" } },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "SageMaker notebook answering IMDSv1",
      ...cfn(NOTEBOOK, notebook({ MinimumInstanceMetadataServiceVersion: "1" })),
      violations: 1,
      mentions: "template resource Res (AWS::SageMaker::NotebookInstance)",
    },
    {
      name: "SageMaker notebook without the configuration (defaults to 1)",
      ...cfn(NOTEBOOK, notebook()),
      violations: 1,
      mentions: "defaults to 1",
    },
    {
      name: "SageMaker notebook requiring IMDSv2",
      ...cfn(NOTEBOOK, notebook({ MinimumInstanceMetadataServiceVersion: "2" })),
      violations: 0,
    },
    {
      name: "SageMaker notebook version from a parameter without a value",
      ...cfn(NOTEBOOK, notebook({ MinimumInstanceMetadataServiceVersion: { Ref: "P" } }), PARAMETER),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

// The translation carries what the other rules read of a node group too: its remote access.
describe("disallow-internet-admin-ports reads a CloudFormation node group's remote access", () => {
  table(rule("disallow-internet-admin-ports"), [
    {
      name: "an SSH key without source security groups opens port 22 to the internet",
      ...cfn(NODEGROUP, { ...nodeGroup, AmiType: "AL2023_x86_64_STANDARD", RemoteAccess: { Ec2SshKey: "k" } }),
      violations: 1,
      mentions: "remoteAccess",
    },
    {
      name: "source security groups limit it",
      ...cfn(NODEGROUP, {
        ...nodeGroup,
        AmiType: "AL2023_x86_64_STANDARD",
        RemoteAccess: { Ec2SshKey: "k", SourceSecurityGroups: ["sg-1"] },
      }),
      violations: 0,
    },
  ] as Case[]);
});

describe("require-imdsv2's stack part: a CloudFormation instance and the launch template of its body", () => {
  const body = (metadataOptions?: Record<string, unknown>) =>
    JSON.stringify({
      AWSTemplateFormatVersion: "2010-09-09",
      Resources: {
        L: {
          Type: "AWS::EC2::LaunchTemplate",
          Properties: { LaunchTemplateData: { ImageId: "ami-1", MetadataOptions: { HttpEndpoint: "disabled" } } },
        },
        I: {
          Type: "AWS::EC2::Instance",
          Properties: {
            LaunchTemplate: { LaunchTemplateId: { Ref: "L" }, Version: { "Fn::GetAtt": ["L", "LatestVersionNumber"] } },
            ...(metadataOptions ? { MetadataOptions: metadataOptions } : {}),
          },
        },
      },
    });
  it.each([
    ["turns on the endpoint the template switches off", { HttpEndpoint: "enabled" }, 1],
    ["turns it on and requires tokens", { HttpEndpoint: "enabled", HttpTokens: "required" }, 0],
    ["leaves the endpoint to the template", undefined, 0],
  ])("%s", async (_n, options, expected) => {
    const ds = await runStack(imds as never, [
      { type: CFN_STACK, name: "deploy", props: { templateBody: body(options) } },
    ]);
    expect(mandatory(ds)).toHaveLength(expected);
    for (const d of mandatory(ds)) {
      expect(d.message).toContain("template resource I (AWS::EC2::Instance)");
      expect(d.urn).toBe(urnOf(CFN_STACK, "deploy"));
    }
  });
});
