// Every way a stack can start servers or containers, including the lightweight, bulk, container and serverless forms
// (Lightsail, spot requests and fleets, instance sets, simple application servers, Batch, Fargate, App Runner, EMR,
// ECI, Function Compute, SAE, E-HPC, EFLO nodes, RDS Custom). Rules that ask "does this stack run compute, and is
// what compute needs also here" (an audit trail, threat detection) read these lists.

export const AWS_COMPUTE = [
  "aws:ec2/instance:Instance",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
  "aws:ec2/spotFleetRequest:SpotFleetRequest",
  "aws:ec2/fleet:Fleet",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/launchConfiguration:LaunchConfiguration",
  "aws:autoscaling/group:Group",
  "aws:lightsail/instance:Instance",
  "aws:elasticbeanstalk/environment:Environment",
  "aws:ecs/service:Service",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:lambda/function:Function",
  "aws:batch/computeEnvironment:ComputeEnvironment",
  "aws:eks/fargateProfile:FargateProfile",
  "aws:lightsail/containerService:ContainerService",
  "aws:apprunner/service:Service",
  "aws:emr/cluster:Cluster",
];

export const ALI_COMPUTE = [
  "alicloud:ecs/instance:Instance",
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
  "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
  "alicloud:ecs/launchTemplate:LaunchTemplate",
  "alicloud:ess/scalingGroup:ScalingGroup",
  "alicloud:simpleapplicationserver/instance:Instance",
  "alicloud:ens/instance:Instance",
  "alicloud:cs/managedKubernetes:ManagedKubernetes",
  "alicloud:cs/kubernetes:Kubernetes",
  "alicloud:cs/edgeKubernetes:EdgeKubernetes",
  "alicloud:cs/serverlessKubernetes:ServerlessKubernetes",
  "alicloud:cs/nodePool:NodePool",
  "alicloud:fc/function:Function",
  "alicloud:fc/v2Function:V2Function",
  "alicloud:fc/v3Function:V3Function",
  "alicloud:eci/containerGroup:ContainerGroup",
  "alicloud:sae/application:Application",
  "alicloud:ehpc/cluster:Cluster",
  "alicloud:ehpc/clusterV2:ClusterV2",
  "alicloud:eflo/node:Node",
  "alicloud:rds/custom:Custom",
];

/** The compute a rule found, for messages: the first five names, then an ellipsis. */
export function computeNames(hosts: readonly { name: string }[]): string {
  const shown = hosts.slice(0, 5).map((h) => h.name);
  return shown.join(", ") + (hosts.length > 5 ? ", …" : "");
}
