import { isUnknown, list, num, obj } from "../../lib/values";
import { beanstalkImdsFindings } from "../lib/beanstalk-imds";
import { EKS_CLUSTER, eksClusterVersionFindings, eksNodeGroupImdsFindings } from "../lib/eks-node-group-imds";
import { unverifiable, violation } from "../lib/findings";
import { AMI } from "../lib/ami-imds-support";
import { ACCOUNT_DEFAULTS, accountDefaultFindings, imdsPlan } from "../lib/imds-account-defaults";
import { templateOverrideFindings } from "../lib/imds-template-overrides";
import { present, tokenFindings } from "../lib/metadata-tokens";
import { outsideTemplateLauncherFindings, TEMPLATE_LAUNCHER_TYPES } from "../lib/outside-launch-templates";
import { withStackChecks } from "../lib/stack-checks";
import { is } from "../lib/text-values";
import { Check, defineResourceRule, Remedy } from "../lib/rule";

/** Tokens in a nested block; a block unknown at preview may hold anything. */
function blockCheck(
  block: string,
  fromTemplate: (p: Record<string, unknown>) => boolean = () => false,
  accountDecides = false,
): Check<unknown> {
  return (p) => {
    const opts = p[block];
    if (isUnknown(opts)) return [unverifiable(block)];
    const o = obj(opts);
    return tokenFindings({
      where: `${block}.`,
      httpTokens: o?.httpTokens,
      httpEndpoint: o?.httpEndpoint,
      fromTemplate: fromTemplate(p),
      accountDecides,
    });
  };
}

// Without httpTokens of its own an instance takes the launch template's, which this rule checks as a resource;
// without either, the account's instance metadata defaults decide, which the stack part checks. A launch that
// replaces what its template's verdict rests on (the endpoint, the image) is judged across the stack as well.
const awsCheck = blockCheck("metadataOptions", (p) => present(p.launchTemplate), true);
const alicloudCheck: Check<unknown> = (p) =>
  tokenFindings({
    where: "",
    httpTokens: p.httpTokens,
    httpEndpoint: p.httpEndpoint,
    fromTemplate: present(p.launchTemplateId) || present(p.launchTemplateName),
  });

/** Resources that cannot require tokens themselves: only a launch template (or a switched-off endpoint) closes IMDSv1. */
const noTokens = (what: string, fix: string) =>
  violation(`${what} cannot require metadata tokens, so IMDSv1 stays open: ${fix}`);

const essCheck: Check<unknown> = (p) => {
  if (isUnknown(p.httpEndpoint)) return [unverifiable("httpEndpoint")];
  if (is(p.httpEndpoint, "disabled")) return [];
  return [
    noTokens(
      "a scaling configuration",
      'launch the group from a launch template with httpTokens "required" (scaling group launchTemplateId), or set httpEndpoint "disabled"',
    ),
  ];
};
const instanceSetCheck: Check<unknown> = (p) =>
  present(p.launchTemplateId) || present(p.launchTemplateName)
    ? []
    : [noTokens("an instance set", 'launch it from a launch template with httpTokens "required" (launchTemplateId)')];
const spotFleetCheck: Check<unknown> = (p) => {
  if (isUnknown(p.launchSpecifications)) return [unverifiable("launchSpecifications")];
  if (list(p.launchSpecifications).length === 0) return [];
  return [
    noTokens(
      "a spot fleet's launchSpecifications",
      'use launchTemplateConfigs with a launch template whose metadataOptions.httpTokens is "required"',
    ),
  ];
};

/** SageMaker notebooks name the oldest IMDS version they answer: "1" (the default) keeps IMDSv1. */
const notebookCheck: Check<unknown> = (p) => {
  const config = p.instanceMetadataServiceConfiguration;
  const v = isUnknown(config) ? config : obj(config)?.minimumInstanceMetadataServiceVersion;
  const where = "instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion";
  if (isUnknown(v)) return [unverifiable(where)];
  if ((num(v) ?? 1) >= 2) return [];
  return [
    violation(`${where} is ${v === undefined ? "not set (defaults to 1)" : JSON.stringify(v)}: IMDSv1 stays open`),
  ];
};

const beanstalkCheck: Check<unknown> = (p) => beanstalkImdsFindings(p);
const eksNodeGroupCheck: Check<unknown> = (p) => eksNodeGroupImdsFindings(p);

/** Sets httpTokens "required" in a nested block, keeping its other options. */
const blockRemedy =
  (block: string): Remedy<unknown> =>
  (p) =>
    isUnknown(p[block]) ? undefined : { [block]: { ...obj(p[block]), httpTokens: "required" } };
const awsRemedy = blockRemedy("metadataOptions");
const alicloudRemedy: Remedy<unknown> = () => ({ httpTokens: "required" });
const notebookRemedy: Remedy<unknown> = (p) =>
  isUnknown(p.instanceMetadataServiceConfiguration)
    ? undefined
    : {
        instanceMetadataServiceConfiguration: {
          ...obj(p.instanceMetadataServiceConfiguration),
          minimumInstanceMetadataServiceVersion: "2",
        },
      };

/** Case step 1: a foothold on a host must not hand out the instance's cloud credentials. */
const resourceRule = defineResourceRule<unknown>({
  metadata: {
    name: "require-imdsv2",
    description:
      "Everything that launches instances must require metadata session tokens (IMDSv2) or disable the metadata endpoint.",
    details:
      "Everything that launches instances must require metadata session tokens (IMDSv2) or disable the metadata endpoint: EC2 instances, spot requests and fleets, launch templates and configurations, Image Builder build instances, SageMaker notebooks, Elastic Beanstalk (DisableIMDSv1 not false), EKS managed node groups (an Amazon Linux 2 or Windows amiType needs a launch template, and so does a node group without amiType on Kubernetes below 1.30, where EKS picks Amazon Linux 2: its version, or when unset the version of its cluster in the stack; a version left to EKS, on a cluster without one or read from such a cluster, is EKS's default, 1.30 or later; a version that cannot be read is a note); Alibaba Cloud ECS instances, instance sets, launch templates, scaling configurations and ACK node pools (httpTokens: required). Settings left out defer to the launch template the resource launches from; a template the stack does not declare cannot be read, so a launch from it (instances, spot requests and fleets, auto scaling groups, node groups, instance sets, scaling groups) is a note, a violation when failing closed, unless AWS account defaults of the stack require tokens before it launches (a launch that turns on the endpoint the template switches off, or names an image of its own, is judged with its settings over the template's, across the stack); an EC2 instance, spot request, launch template or launch configuration without either takes the account's instance metadata defaults (ec2.InstanceMetadataDefaults with httpTokens required, or the endpoint off when the resource does not turn it on, under the same provider, which the resource must depend on so that it launches after them, and no other default of that account applied after them or unordered against the resource, since the last applied wins; checked across the stack) or, launched from an ec2.Ami of the stack registered with imdsSupport v2.0 and under no account default that says optional, the AMI's IMDSv2 default.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'AWS: set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } (Image Builder: instanceMetadataOptions); spot fleets launch from such a launch template (launchTemplateConfigs).',
      'Or set the account default once per region: new aws.ec2.InstanceMetadataDefaults("imds", { httpTokens: "required" }), and give every instance, launch template or launch configuration that leaves tokens out dependsOn: [imds].',
      'Or launch from an AMI the stack registers with new aws.ec2.Ami("image", { imdsSupport: "v2.0", ... }) (ami: image.id, or imageId: image.id on a launch template).',
      'SageMaker notebooks: set instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }; Elastic Beanstalk: set DisableIMDSv1 "true" (namespace aws:autoscaling:launchconfiguration); EKS managed node groups on Amazon Linux 2 or Windows, or without amiType below Kubernetes 1.30: launch from a launch template with httpTokens "required" (launchTemplate), or set an AL2023 or Bottlerocket amiType (or version 1.30 or later).',
      'A launch from a launch template outside the stack: declare the template in the stack with httpTokens "required", or set httpTokens "required" on the launch itself (AWS: or an account default requiring tokens that the launch depends on).',
      'Alibaba Cloud: set httpTokens: "required" on the instance or launch template (ACK node pools: instanceMetadataOptions); auto scaling groups and instance sets launch from such a template (launchTemplateId), as they cannot require tokens.',
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
    "aws:ec2/spotFleetRequest:SpotFleetRequest": spotFleetCheck,
    // Image Builder's build and test instances run the recipe's components with the instance profile.
    "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": blockCheck("instanceMetadataOptions"),
    "aws:sagemaker/notebookInstance:NotebookInstance": notebookCheck,
    "aws:elasticbeanstalk/environment:Environment": beanstalkCheck,
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": beanstalkCheck,
    "aws:eks/nodeGroup:NodeGroup": eksNodeGroupCheck,
    "alicloud:ecs/instance:Instance": alicloudCheck,
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": instanceSetCheck,
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": alicloudCheck,
    "alicloud:ecs/launchTemplate:LaunchTemplate": alicloudCheck,
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": essCheck,
    // ACK worker nodes are ECS instances; the provider documents optional as the default.
    "alicloud:cs/nodePool:NodePool": blockCheck("instanceMetadataOptions"),
  },
  remedies: {
    "aws:ec2/instance:Instance": awsRemedy,
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": awsRemedy,
    "aws:ec2/launchTemplate:LaunchTemplate": awsRemedy,
    "aws:ec2/launchConfiguration:LaunchConfiguration": awsRemedy,
    "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": blockRemedy("instanceMetadataOptions"),
    "aws:sagemaker/notebookInstance:NotebookInstance": notebookRemedy,
    "alicloud:ecs/instance:Instance": alicloudRemedy,
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": alicloudRemedy,
    "alicloud:ecs/launchTemplate:LaunchTemplate": alicloudRemedy,
    "alicloud:cs/nodePool:NodePool": blockRemedy("instanceMetadataOptions"),
  },
});

export const requireImdsv2 = withStackChecks(resourceRule, {
  types: [
    ACCOUNT_DEFAULTS,
    AMI,
    EKS_CLUSTER,
    ...TEMPLATE_LAUNCHER_TYPES.filter((t) => !resourceRule.metadata.resourceTypes.includes(t)),
  ],
  check: ({ resources }) => {
    const plan = imdsPlan(resources);
    return [
      ...accountDefaultFindings(plan),
      ...templateOverrideFindings(plan),
      ...outsideTemplateLauncherFindings(plan),
      ...eksClusterVersionFindings(plan.resources, plan.resolver),
    ];
  },
});
