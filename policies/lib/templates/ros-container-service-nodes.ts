// ROS Container Service (ACK) node logins, translated to the Pulumi Alicloud provider's node pool: a node pool's
// scaling group (ALIYUN::CS::ClusterNodePool ScalingGroup) and the nodes a cluster starts itself (LoginPassword of
// ALIYUN::CS::ManagedKubernetesCluster, its workers, ALIYUN::CS::KubernetesCluster, its masters and workers, and
// ALIYUN::CS::ManagedEdgeKubernetesCluster, its Linux workers).
// Only the login and the image are read, for the password rule alone: the nodes' network and metadata settings are
// judged where the program or template declares them.
import { isUnknown } from "../../../lib/values";
import { ECS_PASSWORD_LOGIN } from "../../rules/disallow-ecs-password-login";
import { defined, Translated, Translation } from "./embedded-resource";

const NODE_POOL = "alicloud:cs/nodePool:NodePool";

/** A scaling group only known at deployment may set any login: its password is taken as set, as a parameter's is. */
const clusterNodePool: Translation = (read) => {
  const pool: Translated = {
    type: NODE_POOL,
    props: defined({
      clusterId: read("ClusterId"),
      password: read(["ScalingGroup", "LoginPassword"]),
      keyName: read(["ScalingGroup", "KeyPair"]),
      imageId: read(["ScalingGroup", "ImageId"]),
      imageType: read(["ScalingGroup", "ImageType"]),
      platform: read(["ScalingGroup", "Platform"]),
    }),
    where: "ScalingGroup",
    judgedBy: [ECS_PASSWORD_LOGIN],
  };
  return [isUnknown(read("ScalingGroup")) ? { ...pool, hint: "ScalingGroup is only known at deployment" } : pool];
};

/**
 * A cluster's own nodes, as the node pool they form, when it sets a login password. A managed cluster's nodes are
 * workers of its Platform (Windows workers take no key pair); a dedicated cluster's masters run Linux whatever the
 * workers run, so its Platform is not read, and an edge cluster has no Platform.
 */
const clusterNodes =
  (platformDecides: boolean): Translation =>
  (read) => {
    const password = read("LoginPassword");
    if (password === undefined) return [];
    return [
      {
        type: NODE_POOL,
        props: defined({
          password,
          keyName: read("KeyPair"),
          platform: platformDecides ? read("Platform") : undefined,
        }),
        where: "LoginPassword",
        hint: "the cluster's nodes take this password",
        judgedBy: [ECS_PASSWORD_LOGIN],
      },
    ];
  };

export const ROS_CONTAINER_SERVICE_NODE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::CS::ClusterNodePool", clusterNodePool],
  ["ALIYUN::CS::ManagedKubernetesCluster", clusterNodes(true)],
  ["ALIYUN::CS::KubernetesCluster", clusterNodes(false)],
  ["ALIYUN::CS::ManagedEdgeKubernetesCluster", clusterNodes(false)],
]);
