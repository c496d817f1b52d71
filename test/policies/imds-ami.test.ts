// require-imdsv2 and AMIs registered with imdsSupport "v2.0": a launch from such an AMI of the stack that leaves
// httpTokens out gets IMDSv2 required by default; an explicit "optional" (on the launch, or as the account default)
// still opens IMDSv1, and an AMI the stack does not register or cannot be shown to be the one launched passes nothing.
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { planTable } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const AMI = "aws:ec2/ami:Ami";
const AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
const DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const AMI_URN = urnOf(AMI, "image");
const DEFAULTS_URN = urnOf(DEFAULTS, "imds");

/** The stack's AMI "image"; `imdsSupport` "v2.0" unless the row says otherwise (undefined: left out). */
const image = (props: Record<string, unknown> = { imdsSupport: "v2.0" }): StackInput => ({
  type: AMI,
  name: "image",
  props: { name: "image", rootDeviceName: "/dev/xvda", virtualizationType: "hvm", ...props },
});

/** A launch of `type` naming its image by `field`, read from the AMI (unknown at preview) unless `value` is given. */
function launch(
  type: string,
  field: "ami" | "imageId",
  more: Record<string, unknown> = {},
  value?: string,
  imageUrns = [AMI_URN],
): StackInput {
  return {
    type,
    name: "web",
    props: { instanceType: "t3.micro", [field]: value ?? UNKNOWN, ...more },
    propertyDependencies: value === undefined ? { [field]: imageUrns } : {},
    dependencies: value === undefined ? imageUrns : [],
  };
}

const instance = (more: Record<string, unknown> = {}) => launch(EC2, "ami", more);
const defaults = (httpTokens: unknown): StackInput => ({ type: DEFAULTS, name: "imds", props: { httpTokens } });

describe("require-imdsv2: launches from an AMI registered with imdsSupport v2.0", () => {
  planTable(requireImdsv2, [
    // Known good.
    { name: "an instance without metadataOptions", resources: [image(), instance()], violations: 0 },
    { name: "a launch template without metadataOptions", resources: [image(), launch(LT, "imageId")], violations: 0 },
    {
      name: "a launch template whose metadataOptions leave httpTokens out",
      resources: [image(), launch(LT, "imageId", { metadataOptions: { httpPutResponseHopLimit: 2 } })],
      violations: 0,
    },
    {
      name: "a launch configuration and a spot request",
      resources: [image(), launch(LC, "imageId"), { ...launch(SPOT, "ami"), name: "spot" }],
      violations: 0,
    },
    {
      name: "the instance names the AMI by its known id",
      resources: [image({ id: "ami-0abc1234", imdsSupport: "v2.0" }), launch(EC2, "ami", {}, "ami-0abc1234")],
      violations: 0,
    },
    {
      name: "imdsSupport in another case",
      resources: [image({ imdsSupport: "V2.0" }), instance()],
      violations: 0,
    },
    {
      name: "an account default with no preference on tokens leaves the AMI's default",
      resources: [image(), defaults(undefined), { ...instance(), dependencies: [AMI_URN, DEFAULTS_URN] }],
      violations: 0,
    },
    // Known bad.
    {
      name: "the instance sets httpTokens optional itself",
      resources: [image(), instance({ metadataOptions: { httpTokens: "optional" } })],
      violations: 1,
      mentions: '"optional"',
    },
    {
      name: "a launch template that sets httpTokens optional",
      resources: [image(), launch(LT, "imageId", { metadataOptions: { httpTokens: "optional" } })],
      violations: 1,
    },
    {
      name: "the AMI leaves imdsSupport out",
      resources: [image({}), instance()],
      violations: 1,
      mentions: "not set (defaults to optional)",
    },
    {
      name: "an AMI id from outside the stack",
      resources: [image({ id: "ami-0abc1234", imdsSupport: "v2.0" }), launch(EC2, "ami", {}, "ami-0external")],
      violations: 1,
    },
    {
      name: "the AMI id unknown at preview with no dependency",
      resources: [image(), launch(EC2, "ami", {}, undefined, [])],
      violations: 1,
    },
    {
      name: "the AMI id read from two AMIs: which one launches is not known",
      resources: [
        image(),
        { ...image(), name: "image-2" },
        launch(EC2, "ami", {}, undefined, [AMI_URN, urnOf(AMI, "image-2")]),
      ],
      violations: 1,
    },
    {
      name: "a launch template image from an SSM parameter",
      resources: [image(), launch(LT, "imageId", {}, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami")],
      violations: 1,
    },
    {
      name: "an AmiCopy (it cannot register imdsSupport)",
      resources: [
        { type: AMI_COPY, name: "image", props: { sourceAmiId: "ami-0abc", sourceAmiRegion: "us-east-1" } },
        { ...instance(), propertyDependencies: { ami: [urnOf(AMI_COPY, "image")] } },
      ],
      violations: 1,
    },
    {
      name: "an account default that says optional outranks the AMI (the launch depends on it)",
      resources: [image(), defaults("optional"), { ...instance(), dependencies: [AMI_URN, DEFAULTS_URN] }],
      violations: 1,
    },
    {
      name: "an account default that says optional may be set first (no dependency)",
      resources: [image(), defaults("optional"), instance()],
      violations: 1,
    },
    // Unknown at preview: never a pass.
    {
      name: "imdsSupport unknown at preview",
      resources: [image({ imdsSupport: UNKNOWN }), instance()],
      violations: 0,
      notes: 1,
    },
    {
      name: "an account default whose tokens are unknown may override the AMI",
      resources: [image(), defaults(UNKNOWN), instance()],
      violations: 0,
      notes: 1,
    },
  ]);
});
