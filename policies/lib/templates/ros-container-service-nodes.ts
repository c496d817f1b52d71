// ROS Container Service (ACK) node logins, translated to the Pulumi Alicloud provider's node pool: a node pool's
// scaling group (ALIYUN::CS::ClusterNodePool ScalingGroup, and a cluster's NodePools[].ScalingGroup) and the nodes a
// cluster starts itself (LoginPassword of ALIYUN::CS::ManagedKubernetesCluster, its workers,
// ALIYUN::CS::KubernetesCluster, its masters and workers, and ALIYUN::CS::ManagedEdgeKubernetesCluster, its Linux
// workers).
// Only the login and the image are read, for the password rule alone: the nodes' network and metadata settings are
// judged where the program or template declares them.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { ECS_PASSWORD_LOGIN } from "../../rules/disallow-ecs-password-login";
import { defined, PropertyReader, Translated, Translation } from "./embedded-resource";

const NODE_POOL = "alicloud:cs/nodePool:NodePool";

/** A node pool's scaling group block as the provider's node pool; `where` names it in messages. */
function scalingGroupPool(group: unknown, where: string, clusterId?: unknown): Translated {
  const field = (name: string) => (isUnknown(group) ? UNKNOWN : obj(group)?.[name]);
  const pool: Translated = {
    type: NODE_POOL,
    props: defined({
      clusterId,
      password: field("LoginPassword"),
      keyName: field("KeyPair"),
      imageId: field("ImageId"),
      imageType: field("ImageType"),
      platform: field("Platform"),
    }),
    where,
    judgedBy: [ECS_PASSWORD_LOGIN],
  };
  // A scaling group only known at deployment may set any login: its password is taken as set, as a parameter's is.
  return isUnknown(group) ? { ...pool, hint: `${where} is only known at deployment` } : pool;
}

const clusterNodePool: Translation = (read) => [
  scalingGroupPool(read("ScalingGroup"), "ScalingGroup", read("ClusterId")),
];

/** The pools a cluster creates with itself (`NodePools[].ScalingGroup`); a list only known at deployment is one. */
function clusterPools(read: PropertyReader): Translated[] {
  const pools = read("NodePools");
  if (pools === undefined) return [];
  if (isUnknown(pools) || !Array.isArray(pools)) return [scalingGroupPool(UNKNOWN, "NodePools")];
  return pools.map((p, i) =>
    scalingGroupPool(isUnknown(p) ? UNKNOWN : obj(p)?.ScalingGroup, `NodePools[${i}].ScalingGroup`),
  );
}

/**
 * A cluster's own nodes, as the node pool they form, when it sets a login password, then the pools it creates with
 * itself (`pools`). A managed cluster's nodes are workers of its OsType or Platform (Windows workers take no key
 * pair); a dedicated cluster's masters run Linux whatever the workers run, so its OS is not read, and an edge cluster
 * has none.
 */
const clusterNodes =
  (osDecides: boolean, pools: boolean): Translation =>
  (read) => {
    const password = read("LoginPassword");
    const own: Translated[] =
      password === undefined
        ? []
        : [
            {
              type: NODE_POOL,
              props: defined({
                password,
                keyName: read("KeyPair"),
                imageType: osDecides ? read("OsType") : undefined,
                platform: osDecides ? read("Platform") : undefined,
              }),
              where: "LoginPassword",
              hint: "the cluster's nodes take this password",
              judgedBy: [ECS_PASSWORD_LOGIN],
            },
          ];
    return pools ? [...own, ...clusterPools(read)] : own;
  };

export const ROS_CONTAINER_SERVICE_NODE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::CS::ClusterNodePool", clusterNodePool],
  ["ALIYUN::CS::ManagedKubernetesCluster", clusterNodes(true, true)],
  ["ALIYUN::CS::KubernetesCluster", clusterNodes(false, true)],
  ["ALIYUN::CS::ManagedEdgeKubernetesCluster", clusterNodes(false, false)],
]);
