// CloudFormation services that launch EC2 instances of their own, in the Pulumi AWS provider's shapes: EKS clusters
// (where their API endpoint answers), EKS managed node groups (AMI type, launch template, remote access), Elastic Beanstalk environments and configuration templates
// (tier, configuration template, option settings) and SageMaker notebook instances (the oldest metadata service
// version they answer). A block unknown at preview stays unknown, as the rules read the same value in a program.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { defined, templateBlock, Translation } from "./embedded-resource";

/** A node group's `LaunchTemplate` ({ Id, Name, Version }): the template its nodes launch from. */
const nodeGroupTemplate = (value: unknown) =>
  templateBlock(value, (t) => defined({ id: t.Id, name: t.Name, version: t.Version }));

/** `RemoteAccess`: the SSH key the nodes take and the groups allowed to reach them. */
const remoteAccess = (value: unknown) =>
  templateBlock(value, (r) => defined({ ec2SshKey: r.Ec2SshKey, sourceSecurityGroupIds: r.SourceSecurityGroups }));

const nodeGroup: Translation = (read) => [
  {
    type: "aws:eks/nodeGroup:NodeGroup",
    props: defined({
      clusterName: read("ClusterName"),
      nodeGroupName: read("NodegroupName"),
      amiType: read("AmiType"),
      version: read("Version"),
      releaseVersion: read("ReleaseVersion"),
      launchTemplate: nodeGroupTemplate(read("LaunchTemplate")),
      remoteAccess: remoteAccess(read("RemoteAccess")),
    }),
  },
];

/**
 * `OptionSettings` ([{ Namespace, OptionName, Value, ResourceName }]) as the provider's `settings`; an entry unknown
 * at preview may set any option, and so may a whole list a parameter gives.
 */
function optionSettings(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  if (!Array.isArray(value)) return UNKNOWN;
  return value.map((s) =>
    isUnknown(s)
      ? UNKNOWN
      : defined({
          namespace: obj(s)?.Namespace,
          name: obj(s)?.OptionName,
          value: obj(s)?.Value,
          resource: obj(s)?.ResourceName,
        }),
  );
}

const beanstalkEnvironment: Translation = (read) => [
  {
    type: "aws:elasticbeanstalk/environment:Environment",
    props: defined({
      application: read("ApplicationName"),
      name: read("EnvironmentName"),
      templateName: read("TemplateName"),
      // The provider names the tier alone ("WebServer", "Worker"); CloudFormation gives { Name, Type, Version }.
      tier: templateBlock(read("Tier"), (t) => t.Name),
      solutionStackName: read("SolutionStackName"),
      platformArn: read("PlatformArn"),
      settings: optionSettings(read("OptionSettings")),
    }),
  },
];

const beanstalkConfigurationTemplate: Translation = (read) => [
  {
    type: "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
    props: defined({
      application: read("ApplicationName"),
      environmentId: read("EnvironmentId"),
      solutionStackName: read("SolutionStackName"),
      settings: optionSettings(read("OptionSettings")),
    }),
  },
];

const notebookInstance: Translation = (read) => [
  {
    type: "aws:sagemaker/notebookInstance:NotebookInstance",
    props: defined({
      name: read("NotebookInstanceName"),
      instanceType: read("InstanceType"),
      roleArn: read("RoleArn"),
      instanceMetadataServiceConfiguration: templateBlock(read("InstanceMetadataServiceConfiguration"), (c) =>
        defined({ minimumInstanceMetadataServiceVersion: c.MinimumInstanceMetadataServiceVersion }),
      ),
    }),
  },
];

/**
 * An EKS cluster's `ResourcesVpcConfig`: where its API endpoint answers (the public endpoint is on unless
 * EndpointPublicAccess is false, and admits PublicAccessCidrs, 0.0.0.0/0 when left out, as in the provider).
 */
const cluster: Translation = (read) => [
  {
    type: "aws:eks/cluster:Cluster",
    props: defined({
      name: read("Name"),
      version: read("Version"),
      roleArn: read("RoleArn"),
      vpcConfig: templateBlock(read("ResourcesVpcConfig"), (c) =>
        defined({
          endpointPublicAccess: c.EndpointPublicAccess,
          endpointPrivateAccess: c.EndpointPrivateAccess,
          publicAccessCidrs: c.PublicAccessCidrs,
          subnetIds: c.SubnetIds,
          securityGroupIds: c.SecurityGroupIds,
        }),
      ),
    }),
  },
];

export const AWS_MANAGED_COMPUTE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EKS::Cluster", cluster],
  ["AWS::EKS::Nodegroup", nodeGroup],
  ["AWS::ElasticBeanstalk::Environment", beanstalkEnvironment],
  ["AWS::ElasticBeanstalk::ConfigurationTemplate", beanstalkConfigurationTemplate],
  ["AWS::SageMaker::NotebookInstance", notebookInstance],
]);
