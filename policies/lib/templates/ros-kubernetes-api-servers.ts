// ROS Container Service (ACK) clusters, for where their API server answers: `EndpointPublicAccess` puts it behind an
// internet SLB (an EIP on serverless clusters), and a dedicated cluster's `SshFlags` adds SSH to its masters on that
// SLB. Translated to the Pulumi Alicloud provider's cluster types, whose flags default otherwise: ROS leaves the API
// server private unless told (managed, dedicated and serverless clusters) while the provider opens it on managed and
// dedicated ones, and ROS opens it on edge and ASK clusters. The nodes' logins are read in
// ros-container-service-nodes.ts.
import { PUBLIC_HIGH_RISK_PORTS } from "../../rules/disallow-public-high-risk-ports";
import { INTERNET_ADMIN_PORTS } from "../../rules/disallow-internet-admin-ports";
import { defined, Translation } from "./embedded-resource";

const JUDGED_BY = [INTERNET_ADMIN_PORTS, PUBLIC_HIGH_RISK_PORTS];

const ACK_SLB_FLAG = "slbInternetEnabled";

/**
 * `type`'s flag `field` as the template sets it, or, when the template leaves it out, ROS's default where the
 * provider's differs (`rosDefault`; undefined: the provider's default is ROS's).
 */
const apiServer =
  (type: string, field: string, rosDefault: boolean | undefined, extra: Record<string, string> = {}): Translation =>
  (read) => {
    const given = read("EndpointPublicAccess");
    const defaulted = given === undefined && rosDefault !== undefined;
    return [
      {
        type,
        props: defined({
          [field]: defaulted ? rosDefault : given,
          ...Object.fromEntries(Object.entries(extra).map(([to, from]) => [to, read(from)])),
        }),
        ...(defaulted && rosDefault ? { hint: "EndpointPublicAccess is not set and ROS opens the API server" } : {}),
        judgedBy: JUDGED_BY,
      },
    ];
  };

export const ROS_KUBERNETES_API_SERVER_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  [
    "ALIYUN::CS::ManagedKubernetesCluster",
    apiServer("alicloud:cs/managedKubernetes:ManagedKubernetes", ACK_SLB_FLAG, false),
  ],
  [
    "ALIYUN::CS::KubernetesCluster",
    apiServer("alicloud:cs/kubernetes:Kubernetes", ACK_SLB_FLAG, false, { enableSsh: "SshFlags" }),
  ],
  [
    "ALIYUN::CS::ManagedEdgeKubernetesCluster",
    apiServer("alicloud:cs/edgeKubernetes:EdgeKubernetes", ACK_SLB_FLAG, undefined),
  ],
  [
    "ALIYUN::CS::ServerlessKubernetesCluster",
    apiServer("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "endpointPublicAccessEnabled", undefined),
  ],
  // ASK clusters open the API server to the internet unless told not to.
  [
    "ALIYUN::CS::ASKCluster",
    apiServer("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "endpointPublicAccessEnabled", true),
  ],
]);
