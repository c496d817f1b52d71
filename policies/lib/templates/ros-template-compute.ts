// ROS launch templates, auto scaling and the network the reachability model places ROS instances in: VPCs,
// vSwitches, elastic IPs and their associations. Field for field onto the Pulumi Alicloud provider's shapes. The
// balancer server groups scaling groups join are read in ros-scaling-backends.ts.
import { defined, idList, tagMap, Translated, Translation } from "./embedded-resource";
import { ROS_SCALING_BACKEND_TRANSLATIONS, serverGroupAttachments } from "./ros-scaling-backends";

/**
 * The provider's launch template has no password field; instances launched from it take the template's Password.
 * A password is judged as on the instances it launches (an instance set: the same password on every instance).
 */
function launchedPassword(password: unknown, imageId: unknown): Translated[] {
  if (password === undefined) return [];
  return [
    {
      type: "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
      props: defined({ password, imageId }),
      where: "Password",
      hint: "every instance launched from the template takes this password",
    },
  ];
}

const launchTemplate: Translation = (read) => [
  {
    type: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
    props: defined({
      launchTemplateName: read("LaunchTemplateName"),
      imageId: read("ImageId"),
      keyPairName: read("KeyPairName"),
      passwordInherit: read("PasswordInherit"),
      userData: read("UserData", "script"),
      securityGroupId: read("SecurityGroupId"),
      securityGroupIds: read("SecurityGroupIds"),
      vswitchId: read("VSwitchId"),
      vpcId: read("VpcId"),
      internetMaxBandwidthOut: read("InternetMaxBandwidthOut"),
      httpTokens: read("HttpTokens"),
      httpEndpoint: read("HttpEndpoint"),
    }),
  },
  ...launchedPassword(read("Password"), read("ImageId")),
];

const scalingConfiguration: Translation = (read) => [
  {
    type: "alicloud:ess/scalingConfiguration:ScalingConfiguration",
    props: defined({
      scalingGroupId: read("ScalingGroupId"),
      imageId: read("ImageId"),
      keyName: read("KeyPairName"),
      password: read("Password"),
      passwordInherit: read("PasswordInherit"),
      userData: read("UserData", "script"),
      securityGroupId: read("SecurityGroupId"),
      securityGroupIds: read("SecurityGroupIds"),
      internetMaxBandwidthOut: read("InternetMaxBandwidthOut"),
      httpEndpoint: read("HttpEndpoint"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * The group's CLB balancers (`LoadBalancerIds`: its instances become their default backends) and launch template;
 * its ALB and NLB server groups (`ServerGroups`) are attachments of their own (ros-scaling-backends.ts).
 */
const scalingGroup: Translation = (read, self) => [
  {
    type: "alicloud:ess/scalingGroup:ScalingGroup",
    props: defined({
      vswitchIds: idList(read("VSwitchId"), read("VSwitchIds")),
      loadbalancerIds: read("LoadBalancerIds"),
      launchTemplateId: read("LaunchTemplateId"),
    }),
  },
  ...serverGroupAttachments(read("ServerGroups"), self, "ServerGroups"),
];

const vpc: Translation = (read) => [
  {
    type: "alicloud:vpc/network:Network",
    props: defined({
      cidrBlock: read("CidrBlock"),
      vpcName: read("VpcName"),
      enableIpv6: read("EnableIpv6"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const vswitch: Translation = (read) => [
  {
    type: "alicloud:vpc/switch:Switch",
    props: defined({
      vpcId: read("VpcId"),
      cidrBlock: read("CidrBlock"),
      zoneId: read("ZoneId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const eip: Translation = (read) => [
  { type: "alicloud:ecs/eipAddress:EipAddress", props: defined({ bandwidth: read("Bandwidth") }) },
];

const eipAssociation: Translation = (read) => [
  {
    type: "alicloud:ecs/eipAssociation:EipAssociation",
    props: defined({ allocationId: read("AllocationId"), instanceId: read("InstanceId") }),
  },
];

export const ROS_COMPUTE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::LaunchTemplate", launchTemplate],
  ["ALIYUN::ESS::ScalingConfiguration", scalingConfiguration],
  ["ALIYUN::ESS::ScalingGroup", scalingGroup],
  ...ROS_SCALING_BACKEND_TRANSLATIONS,
  ["ALIYUN::ECS::VPC", vpc],
  ["ALIYUN::ECS::VSwitch", vswitch],
  ["ALIYUN::VPC::EIP", eip],
  ["ALIYUN::VPC::EIPAssociation", eipAssociation],
  ["ALIYUN::ECS::EIP", eip],
  ["ALIYUN::ECS::EIPAssociation", eipAssociation],
]);
