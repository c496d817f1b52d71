// ROS (Alibaba Cloud Resource Orchestration Service) resource types the pack judges, translated to the Pulumi
// Alicloud provider's shapes: security groups with their ingress (inline, or separate in ros-ingress-rules.ts) and
// egress (ros-egress-rules.ts) as one rule resource per entry, ECS instances, instance groups and subscription
// instances (password, user data, public bandwidth, IPv6 addresses, vSwitch, groups),
// with instance clones in ros-instance-clones.ts, Container Service node logins in ros-container-service-nodes.ts and
// their API servers in ros-kubernetes-api-servers.ts;
// data stores in ros-template-databases.ts, launch templates, scaling and the network in ros-template-compute.ts, IPv6
// gateways and bandwidth in ros-ipv6-internet.ts, flow logs, log stores and trails in ros-template-logging.ts, OSS
// buckets in ros-oss-buckets.ts, load balancers in ros-template-load-balancers.ts (SLB),
// ros-template-application-load-balancers.ts (ALB) and ros-nlb.ts (NLB), anti-brute-force rules in
// ros-template-threat-detection.ts, RAM users' console logins in ros-template-identity.ts.
import { ALI } from "../../../lib/reachability/alicloud/tokens";
import { defined, idList, joinTranslations, tagMap, Translated, Translation } from "./embedded-resource";
import { ROS_COMPUTE_TRANSLATIONS } from "./ros-template-compute";
import { ROS_CONTAINER_SERVICE_NODE_TRANSLATIONS } from "./ros-container-service-nodes";
import { ROS_INSTANCE_CLONE_TRANSLATIONS } from "./ros-instance-clones";
import { instanceIpv6 } from "./ros-instance-ipv6";
import { ROS_IPV6_INTERNET_TRANSLATIONS } from "./ros-ipv6-internet";
import { ROS_KUBERNETES_API_SERVER_TRANSLATIONS } from "./ros-kubernetes-api-servers";
import { ROS_DATABASE_TRANSLATIONS } from "./ros-template-databases";
import { ROS_APPLICATION_LOAD_BALANCER_TRANSLATIONS } from "./ros-template-application-load-balancers";
import { ROS_LOAD_BALANCER_TRANSLATIONS } from "./ros-template-load-balancers";
import { ROS_LOGGING_TRANSLATIONS } from "./ros-template-logging";
import { ROS_OSS_BUCKET_TRANSLATIONS } from "./ros-oss-buckets";
import { ROS_NLB_TRANSLATIONS } from "./ros-nlb";
import { ROS_THREAT_DETECTION_TRANSLATIONS } from "./ros-template-threat-detection";
import { ROS_IDENTITY_TRANSLATIONS } from "./ros-template-identity";
import { ingressRules, ROS_INGRESS_RULE_TRANSLATIONS } from "./ros-ingress-rules";
import { egressRules, ROS_EGRESS_RULE_TRANSLATIONS } from "./ros-egress-rules";

/**
 * The group itself, then each inline entry (ingress, then egress: ros-egress-rules.ts) as a rule resource of its own
 * naming the group, as the rules read Alicloud groups. An ingress accept that a drop of the same group closes for
 * every port and source it names is left out (ros-inline-drops.ts); one only partly closed stays, and the network
 * model weighs it against the drops.
 */
const securityGroup: Translation = (read, self) => {
  const group: Translated = {
    type: "alicloud:ecs/securityGroup:SecurityGroup",
    props: defined({ vpcId: read("VpcId"), name: read("SecurityGroupName"), tags: tagMap(read("Tags")) }),
  };
  return [
    group,
    ...ingressRules(read("SecurityGroupIngress"), "SecurityGroupIngress", self),
    ...egressRules(read("SecurityGroupEgress"), "SecurityGroupEgress", self),
  ];
};

/**
 * ROS gives an instance a public address unless told not to: InternetMaxBandwidthOut defaults to 1 Mbit/s with
 * AllocatePublicIP true. AllocatePublicIP false leaves none; unknown, the bandwidth decides (unknown: public).
 */
function publicBandwidth(bandwidth: unknown, allocate: unknown): unknown {
  if (allocate === false || allocate === "false") return 0;
  return bandwidth ?? 1;
}

// ROS takes user data as plain text; the script reader decodes base64 too, so either form is read.
const ecsInstance: Translation = (read) => [
  {
    type: ALI.instance,
    props: defined({
      password: read("Password"),
      passwordInherit: read("PasswordInherit"),
      imageId: read("ImageId"),
      keyName: read("KeyPairName"),
      userData: read("UserData", "script"),
      launchTemplateId: read("LaunchTemplateId"),
      launchTemplateName: read("LaunchTemplateName"),
      internetMaxBandwidthOut: publicBandwidth(read("InternetMaxBandwidthOut"), read("AllocatePublicIP")),
      securityGroups: idList(read("SecurityGroupId"), read("SecurityGroupIds")),
      vswitchId: read("VSwitchId"),
      vpcId: read("VpcId"),
      privateIp: read("PrivateIpAddress"),
      ...instanceIpv6(read),
      httpTokens: read("HttpTokens"),
      httpEndpoint: read("HttpEndpoint"),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const ROS_TEMPLATE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::SecurityGroup", securityGroup],
  ...ROS_INGRESS_RULE_TRANSLATIONS,
  ...ROS_EGRESS_RULE_TRANSLATIONS,
  ["ALIYUN::ECS::Instance", ecsInstance],
  ["ALIYUN::ECS::InstanceGroup", ecsInstance],
  ["ALIYUN::ECS::PrepayInstance", ecsInstance],
  ...ROS_INSTANCE_CLONE_TRANSLATIONS,
  ...joinTranslations(ROS_CONTAINER_SERVICE_NODE_TRANSLATIONS, ROS_KUBERNETES_API_SERVER_TRANSLATIONS),
  ...ROS_COMPUTE_TRANSLATIONS,
  ...ROS_IPV6_INTERNET_TRANSLATIONS,
  ...ROS_DATABASE_TRANSLATIONS,
  ...ROS_LOGGING_TRANSLATIONS,
  ...ROS_OSS_BUCKET_TRANSLATIONS,
  ...ROS_LOAD_BALANCER_TRANSLATIONS,
  ...ROS_APPLICATION_LOAD_BALANCER_TRANSLATIONS,
  ...ROS_NLB_TRANSLATIONS,
  ...ROS_THREAT_DETECTION_TRANSLATIONS,
  ...ROS_IDENTITY_TRANSLATIONS,
]);
