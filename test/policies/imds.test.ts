import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { Case, remediate, table, UNKNOWN } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ECS = "alicloud:ecs/instance:Instance";
const ESS = "alicloud:ess/scalingConfiguration:ScalingConfiguration";

describe("require-imdsv2", () => {
  table(requireImdsv2, [
    {
      name: "EC2 without metadata options",
      type: EC2,
      props: { ami: "a" },
      violations: 1,
      mentions: "defaults to optional",
    },
    {
      name: "EC2 from a launch template takes the template's metadata options",
      type: EC2,
      props: { instanceType: "t3.micro", launchTemplate: { id: UNKNOWN, version: "$Latest" } },
      violations: 0,
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
