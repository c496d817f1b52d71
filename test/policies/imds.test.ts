import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { combinedTable, planTable } from "./combined-table";
import { Case, remediate, UNKNOWN, urnOf } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ECS = "alicloud:ecs/instance:Instance";
const ESS = "alicloud:ess/scalingConfiguration:ScalingConfiguration";

describe("require-imdsv2", () => {
  combinedTable(requireImdsv2, [
    {
      name: "EC2 without metadata options",
      type: EC2,
      props: { ami: "a" },
      violations: 1,
      mentions: "defaults to optional",
    },
    {
      name: "EC2 from a launch template tied to no template of the stack is a note",
      type: EC2,
      props: { instanceType: "t3.micro", launchTemplate: { id: UNKNOWN, version: "$Latest" } },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 own optional tokens override its launch template",
      type: EC2,
      props: { launchTemplate: { id: "lt-1" }, metadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    { name: "EC2 optional tokens", type: EC2, props: { metadataOptions: { httpTokens: "optional" } }, violations: 1 },
    {
      name: "EC2 required tokens",
      type: EC2,
      props: { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } },
      violations: 0,
    },
    {
      name: "EC2 endpoint disabled",
      type: EC2,
      props: { metadataOptions: { httpEndpoint: "disabled" } },
      violations: 0,
    },
    {
      name: "EC2 required with unknown AMI",
      type: EC2,
      props: { ami: UNKNOWN, metadataOptions: { httpTokens: "required" } },
      violations: 0,
    },
    {
      name: "EC2 unknown tokens is a note",
      type: EC2,
      props: { metadataOptions: { httpTokens: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    { name: "EC2 unknown options is a note", type: EC2, props: { metadataOptions: UNKNOWN }, violations: 0, notes: 1 },
    {
      name: "launch template optional",
      type: LT,
      props: { metadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    {
      name: "launch template required",
      type: LT,
      props: { metadataOptions: { httpTokens: "required" } },
      violations: 0,
    },
    {
      name: "launch configuration without options",
      type: "aws:ec2/launchConfiguration:LaunchConfiguration",
      props: {},
      violations: 1,
    },
    { name: "ECS without httpTokens", type: ECS, props: { imageId: "x" }, violations: 1 },
    { name: "ECS required", type: ECS, props: { httpTokens: "required" }, violations: 0 },
    {
      name: "ECS launch template optional",
      type: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
      props: { httpTokens: "optional" },
      violations: 1,
    },
    {
      name: "ESS scaling configuration with the metadata endpoint on (no tokens possible)",
      type: ESS,
      props: { scalingGroupId: "sg", imageId: "img", instanceType: "ecs.g6.large", keyName: "kp" },
      violations: 1,
      mentions: "launch template",
    },
    {
      name: "ESS scaling configuration with the endpoint disabled",
      type: ESS,
      props: { httpEndpoint: "disabled" },
      violations: 0,
    },
    {
      name: "ESS scaling configuration with an unknown endpoint is a note",
      type: ESS,
      props: { httpEndpoint: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("remediates by requiring tokens and keeping other options", async () => {
    expect(await remediate(requireImdsv2, EC2, { ami: "a", metadataOptions: { httpPutResponseHopLimit: 2 } })).toEqual({
      ami: "a",
      metadataOptions: { httpPutResponseHopLimit: 2, httpTokens: "required" },
    });
    expect(await remediate(requireImdsv2, ECS, { imageId: "x" })).toEqual({ imageId: "x", httpTokens: "required" });
    expect(await remediate(requireImdsv2, EC2, { metadataOptions: UNKNOWN })).toBeUndefined();
  });
});

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const nodeGroup = { clusterName: "c", nodeRoleArn: "arn:aws:iam::1:role/n", subnetIds: ["s"] };

describe("require-imdsv2: EKS managed node groups", () => {
  combinedTable(requireImdsv2, [
    {
      name: "Amazon Linux 2 nodes on EKS's generated launch template",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: "AL2_x86_64" },
      violations: 1,
      mentions: 'amiType is "AL2_x86_64" without a launchTemplate',
    },
    {
      name: "Windows nodes on EKS's generated launch template (lower case)",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: "windows_full_2019_x86_64" },
      violations: 1,
    },
    {
      name: "Amazon Linux 2 nodes from a launch template outside the stack: a note",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: "AL2_x86_64", launchTemplate: { id: UNKNOWN, version: "1" } },
      violations: 0,
      notes: 1,
    },
    {
      name: "Amazon Linux 2023 nodes require tokens through their AMI",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: "AL2023_x86_64_STANDARD" },
      violations: 0,
    },
    {
      name: "Bottlerocket nodes",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: "BOTTLEROCKET_x86_64" },
      violations: 0,
    },
    {
      name: "amiType and version left to EKS, the cluster outside the stack: a note",
      type: NODE_GROUP,
      props: nodeGroup,
      violations: 0,
      notes: 1,
      mentions: "outside the stack",
    },
    {
      name: "amiType unknown at preview is a note",
      type: NODE_GROUP,
      props: { ...nodeGroup, amiType: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("require-imdsv2 remediation with secrets", () => {
  it("keeps secret inputs secret in the remediated copy", async () => {
    const { Secret, unknownCheckingProxy } = require("@pulumi/policy");
    const { secretsPreservingProxy } = require("@pulumi/policy/secret");
    const props = unknownCheckingProxy(secretsPreservingProxy({ ami: "a", userData: new Secret("#!/bin/sh\n") }));
    const out = await requireImdsv2.remediateResource!({
      type: EC2,
      name: "web",
      urn: "u",
      props,
      getConfig: () => ({}),
    } as never);
    expect(out!.userData).toBeInstanceOf(Secret);
    expect(out!.metadataOptions).toEqual({ httpTokens: "required" });
  });
});

// The account's instance metadata defaults ----------------------------------------------------------------------

const DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const DEFAULTS_URN = urnOf(DEFAULTS, "imds");
const accountDefaults = (props: Record<string, unknown> = { httpTokens: "required" }, provider?: string) => ({
  type: DEFAULTS,
  name: "imds",
  props,
  ...(provider ? { provider } : {}),
});
/** A launch that leaves tokens out, depending on the defaults unless `dependencies` says otherwise. */
const launch = (type: string, name: string, dependencies = [DEFAULTS_URN], props: Record<string, unknown> = {}) => ({
  type,
  name,
  props: { instanceType: "t3.micro", ...props },
  dependencies,
});
const EU = "urn:pulumi:test::kit::pulumi:providers:aws::eu";
const US = "urn:pulumi:test::kit::pulumi:providers:aws::us";

describe("require-imdsv2: the account's instance metadata defaults", () => {
  planTable(requireImdsv2, [
    // Known good: the account default requires tokens and is in place before the launch.
    {
      name: "an instance depending on defaults that require tokens",
      resources: [accountDefaults(), launch(EC2, "web")],
      violations: 0,
    },
    {
      name: "a launch template and a launch configuration depending on them",
      resources: [
        accountDefaults(),
        launch(LT, "lt", [DEFAULTS_URN], { metadataOptions: { httpPutResponseHopLimit: 1 } }),
        launch("aws:ec2/launchConfiguration:LaunchConfiguration", "lc"),
      ],
      violations: 0,
    },
    {
      name: "a dependency through another resource counts",
      resources: [
        accountDefaults(),
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: {}, dependencies: [DEFAULTS_URN] },
        launch(EC2, "web", [urnOf("aws:ec2/securityGroup:SecurityGroup", "sg")]),
      ],
      violations: 0,
    },
    {
      name: "defaults that switch the endpoint off",
      resources: [accountDefaults({ httpEndpoint: "disabled" }), launch(EC2, "web")],
      violations: 0,
    },
    {
      name: "defaults and instance under the same explicit provider",
      resources: [accountDefaults(undefined, EU), { ...launch(EC2, "web"), provider: EU }],
      violations: 0,
    },
    // Known bad.
    {
      name: "no account defaults in the stack",
      resources: [launch(EC2, "web", [])],
      violations: 1,
      mentions: "not set (defaults to optional)",
    },
    {
      name: "defaults that leave tokens optional",
      resources: [accountDefaults({ httpTokens: "optional" }), launch(EC2, "web")],
      violations: 1,
      mentions: "not set (defaults to optional)",
    },
    {
      name: "the instance does not depend on the defaults: it may launch first",
      resources: [accountDefaults(), launch(EC2, "web", [])],
      violations: 1,
      mentions: "make web depend on imds (dependsOn)",
    },
    {
      name: "defaults of another region's provider",
      resources: [accountDefaults(undefined, US), { ...launch(EC2, "web"), provider: EU }],
      violations: 1,
    },
    {
      name: "explicit optional tokens override the account default",
      resources: [
        accountDefaults(),
        launch(EC2, "web", [DEFAULTS_URN], { metadataOptions: { httpTokens: "optional" } }),
      ],
      violations: 1,
      mentions: '"optional"',
    },
    {
      name: "a spot fleet's launch specifications stay reported (kept as the resource part judges them)",
      resources: [
        accountDefaults(),
        launch("aws:ec2/spotFleetRequest:SpotFleetRequest", "fleet", [DEFAULTS_URN], {
          launchSpecifications: [{ ami: "a" }],
        }),
      ],
      violations: 1,
    },
    // Unknown at preview.
    {
      name: "defaults whose tokens are unknown: a note",
      resources: [accountDefaults({ httpTokens: UNKNOWN }), launch(EC2, "web")],
      violations: 0,
      notes: 1,
    },
    {
      name: "the instance's metadata options unknown: the resource part's note only",
      resources: [accountDefaults(), launch(EC2, "web", [DEFAULTS_URN], { metadataOptions: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});
