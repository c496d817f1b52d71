import { isUnknown, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule, Remedy } from "../lib/rule";

/** Session tokens required, or the metadata endpoint switched off altogether. */
function tokenFindings(where: string, opts: Record<string, unknown> | undefined): Finding[] {
  if (opts?.httpEndpoint === "disabled") return [];
  const tokens = opts?.httpTokens;
  if (isUnknown(tokens) || isUnknown(opts?.httpEndpoint)) return [unverifiable(`${where}httpTokens`)];
  if (tokens === "required") return [];
  return [
    violation(
      `${where}httpTokens is ${tokens === undefined ? "not set (defaults to optional)" : `"${tokens}"`}: IMDSv1 stays open`,
    ),
  ];
}

const awsCheck: Check<unknown> = (p) => {
  if (isUnknown(p.metadataOptions)) return [unverifiable("metadataOptions")];
  // Without its own metadataOptions an instance takes the launch template's, which this rule checks as a resource.
  if (p.metadataOptions === undefined && p.launchTemplate !== undefined && p.launchTemplate !== null) return [];
  return tokenFindings("metadataOptions.", obj(p.metadataOptions));
};
const alicloudCheck: Check<unknown> = (p) => tokenFindings("", p);
/** ESS scaling configurations have no httpTokens: IMDSv1 stays open unless the endpoint is off. */
const essCheck: Check<unknown> = (p) => {
  if (isUnknown(p.httpEndpoint)) return [unverifiable("httpEndpoint")];
  if (p.httpEndpoint === "disabled") return [];
  return [
    violation(
      "a scaling configuration cannot require metadata tokens, so IMDSv1 stays open: launch the group from a " +
        'launch template with httpTokens "required" (scaling group launchTemplateId), or set httpEndpoint "disabled"',
    ),
  ];
};

const awsRemedy: Remedy<unknown> = (p) =>
  isUnknown(p.metadataOptions) ? undefined : { metadataOptions: { ...obj(p.metadataOptions), httpTokens: "required" } };
const alicloudRemedy: Remedy<unknown> = () => ({ httpTokens: "required" });

/** Case step 1: a foothold on a host must not hand out the instance's cloud credentials. */
export const requireImdsv2 = defineResourceRule<unknown>({
  metadata: {
    name: "require-imdsv2",
    description:
      "Instances and launch templates must require metadata session tokens (IMDSv2; Alibaba Cloud httpTokens: required) or disable the metadata endpoint.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'AWS: set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }.',
      'Alibaba Cloud: set httpTokens: "required" on the instance or launch template; auto scaling groups launch from such a template (launchTemplateId), as scaling configurations cannot require tokens.',
      "Or run the pack with this policy at enforcementLevel remediate to set it automatically.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.8" },
      { framework: "CIS AWS v3.0", id: "5.6" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 1,
    autoRemediation: true,
  },
  checks: {
    "aws:ec2/instance:Instance": awsCheck,
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": awsCheck,
    "aws:ec2/launchTemplate:LaunchTemplate": awsCheck,
    "aws:ec2/launchConfiguration:LaunchConfiguration": awsCheck,
    "alicloud:ecs/instance:Instance": alicloudCheck,
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": alicloudCheck,
    "alicloud:ecs/launchTemplate:LaunchTemplate": alicloudCheck,
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": essCheck,
  },
  remedies: {
    "aws:ec2/instance:Instance": awsRemedy,
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": awsRemedy,
    "aws:ec2/launchTemplate:LaunchTemplate": awsRemedy,
    "aws:ec2/launchConfiguration:LaunchConfiguration": awsRemedy,
    "alicloud:ecs/instance:Instance": alicloudRemedy,
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": alicloudRemedy,
    "alicloud:ecs/launchTemplate:LaunchTemplate": alicloudRemedy,
  },
});
