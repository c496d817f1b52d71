// ACK dedicated clusters' SSH listener (enableSsh: SSH to the masters on the API server's internet SLB, open to any
// address), and ACK clusters declared in ROS templates, judged for their API server and that listener with ROS's
// own defaults.
import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { Case, mandatory, run, table, UNKNOWN } from "./harness";
import { ROS_STACK, rosJson, rule } from "./templates-fixtures";

const ACK_DEDICATED = "alicloud:cs/kubernetes:Kubernetes";
const ACK_MANAGED = "alicloud:cs/managedKubernetes:ManagedKubernetes";
const SSH = "enableSsh (SSH to the master nodes through the API server's internet SLB)";

describe("disallow-internet-admin-ports: an ACK dedicated cluster's SSH over the internet SLB", () => {
  table(disallowInternetAdminPorts, [
    // Known bad: the SLB is internet-facing unless turned off.
    {
      name: "enableSsh with the SLB's default",
      type: ACK_DEDICATED,
      props: { enableSsh: true },
      violations: 1,
      mentions: SSH,
    },
    {
      name: "enableSsh as a string",
      type: ACK_DEDICATED,
      props: { enableSsh: "true" },
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "enableSsh with the internet SLB on",
      type: ACK_DEDICATED,
      props: { enableSsh: true, slbInternetEnabled: true },
      violations: 1,
      mentions: "22",
    },
    // Known good.
    { name: "enableSsh left out (false)", type: ACK_DEDICATED, props: { slbInternetEnabled: true }, violations: 0 },
    { name: "enableSsh false", type: ACK_DEDICATED, props: { enableSsh: false }, violations: 0 },
    { name: 'enableSsh "false"', type: ACK_DEDICATED, props: { enableSsh: "false" }, violations: 0 },
    {
      name: "enableSsh with no internet SLB",
      type: ACK_DEDICATED,
      props: { enableSsh: true, slbInternetEnabled: false },
      violations: 0,
    },
    // Unknown at preview: a note naming the field.
    { name: "enableSsh unknown", type: ACK_DEDICATED, props: { enableSsh: UNKNOWN }, violations: 0, notes: 1 },
    {
      name: "enableSsh with the SLB flag unknown",
      type: ACK_DEDICATED,
      props: { enableSsh: true, slbInternetEnabled: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "enableSsh unknown with no internet SLB",
      type: ACK_DEDICATED,
      props: { enableSsh: UNKNOWN, slbInternetEnabled: false },
      violations: 0,
    },
    // Managed clusters have no such listener (the provider removed enableSsh from them).
    { name: "managed cluster", type: ACK_MANAGED, props: { enableSsh: true }, violations: 0 },
  ]);

  it("names the field that is unknown", async () => {
    const found = await run(disallowInternetAdminPorts, ACK_DEDICATED, {
      enableSsh: true,
      slbInternetEnabled: UNKNOWN,
    });
    expect(found.map((d) => d.message).join("\n")).toContain("slbInternetEnabled");
  });

  it("is not freed by allowCidrs, since the listener admits any address", async () => {
    const config = { allowCidrs: ["203.0.113.0/24"] };
    expect(
      mandatory(await run(disallowInternetAdminPorts, ACK_DEDICATED, { enableSsh: true }, { config })),
    ).toHaveLength(1);
  });

  it("is off when the ports list leaves out 22", async () => {
    const config = { ports: [3389] };
    expect(await run(disallowInternetAdminPorts, ACK_DEDICATED, { enableSsh: true }, { config })).toHaveLength(0);
  });
});

describe("disallow-public-high-risk-ports: a dedicated cluster's SSH listener and its API server", () => {
  table(disallowPublicHighRiskPorts, [
    {
      name: "SSH and the API server on the internet SLB",
      type: ACK_DEDICATED,
      props: { enableSsh: true },
      violations: 2,
    },
    { name: "the API server alone", type: ACK_DEDICATED, props: {}, violations: 1, mentions: "6443" },
    {
      name: "no internet SLB",
      type: ACK_DEDICATED,
      props: { enableSsh: true, slbInternetEnabled: false },
      violations: 0,
    },
  ]);
});

describe("ACK clusters in ROS templates", () => {
  const ros = (type: string, properties: Record<string, unknown>, parameters: Record<string, unknown> = {}) => ({
    templateBody: rosJson(type, { Name: "prod", ...properties }, parameters),
  });
  const highRisk = rule("disallow-public-high-risk-ports");
  const admin = rule("disallow-internet-admin-ports");

  describe("API servers", () => {
    table(highRisk, [
      // ROS leaves managed, dedicated and serverless API servers private unless told.
      {
        name: "managed cluster left at ROS's default",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", {}),
        violations: 0,
      },
      {
        name: "managed cluster with EndpointPublicAccess",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", { EndpointPublicAccess: true }),
        violations: 1,
        mentions: "ALIYUN::CS::ManagedKubernetesCluster",
      },
      {
        name: 'managed cluster with EndpointPublicAccess "true"',
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", { EndpointPublicAccess: "true" }),
        violations: 1,
      },
      {
        name: "managed cluster with EndpointPublicAccess false",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", { EndpointPublicAccess: false }),
        violations: 0,
      },
      {
        name: "managed cluster whose EndpointPublicAccess is a parameter without a value",
        type: ROS_STACK,
        props: ros(
          "ALIYUN::CS::ManagedKubernetesCluster",
          { EndpointPublicAccess: { Ref: "Public" } },
          { Public: { Type: "Boolean" } },
        ),
        violations: 0,
        notes: 1,
      },
      {
        name: "managed cluster whose EndpointPublicAccess parameter defaults to true",
        type: ROS_STACK,
        props: ros(
          "ALIYUN::CS::ManagedKubernetesCluster",
          { EndpointPublicAccess: { Ref: "Public" } },
          { Public: { Type: "Boolean", Default: true } },
        ),
        violations: 1,
      },
      {
        name: "dedicated cluster left at ROS's default",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", {}),
        violations: 0,
      },
      {
        name: "dedicated cluster with EndpointPublicAccess",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", { EndpointPublicAccess: true }),
        violations: 1,
      },
      // Edge and ASK clusters open the API server unless told not to.
      {
        name: "edge cluster left at ROS's default",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedEdgeKubernetesCluster", { NumOfNodes: 1 }),
        violations: 1,
        mentions: "defaults to true",
      },
      {
        name: "edge cluster with EndpointPublicAccess false",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedEdgeKubernetesCluster", { NumOfNodes: 1, EndpointPublicAccess: false }),
        violations: 0,
      },
      {
        name: "serverless cluster left at ROS's default",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ServerlessKubernetesCluster", {}),
        violations: 0,
      },
      {
        name: "serverless cluster with EndpointPublicAccess",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ServerlessKubernetesCluster", { EndpointPublicAccess: true }),
        violations: 1,
        mentions: "internet EIP",
      },
      {
        name: "ASK cluster left at ROS's default",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ASKCluster", {}),
        violations: 1,
        mentions: "ROS opens the API server",
      },
      {
        name: "ASK cluster with EndpointPublicAccess false",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ASKCluster", { EndpointPublicAccess: false }),
        violations: 0,
      },
    ] as Case[]);
  });

  describe("a dedicated cluster's SshFlags", () => {
    table(admin, [
      {
        name: "SshFlags with a public API server",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", { SshFlags: true, EndpointPublicAccess: true }),
        violations: 1,
        mentions: "enableSsh",
      },
      {
        name: "SshFlags with ROS's private API server",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", { SshFlags: true }),
        violations: 0,
      },
      {
        name: "SshFlags false with a public API server",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", { SshFlags: false, EndpointPublicAccess: true }),
        violations: 0,
      },
      {
        name: "SshFlags from a parameter without a value, public API server",
        type: ROS_STACK,
        props: ros(
          "ALIYUN::CS::KubernetesCluster",
          { SshFlags: { Ref: "Ssh" }, EndpointPublicAccess: true },
          { Ssh: { Type: "Boolean" } },
        ),
        violations: 0,
        notes: 1,
      },
    ] as Case[]);
  });

  describe("node logins", () => {
    table(rule("disallow-ecs-password-login"), [
      {
        name: "edge cluster with a LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedEdgeKubernetesCluster", { NumOfNodes: 1, LoginPassword: "Sup3r-Secret!" }),
        violations: 1,
        mentions: "LoginPassword",
      },
      {
        name: "edge cluster with a key pair",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedEdgeKubernetesCluster", { NumOfNodes: 1, KeyPair: "ops" }),
        violations: 0,
      },
      // Pools a cluster creates with itself.
      {
        name: "managed cluster whose second NodePools entry has a LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", {
          NodePools: [
            { ScalingGroup: { SystemDiskSize: 40, KeyPair: "ops" } },
            { ScalingGroup: { SystemDiskSize: 40, LoginPassword: "Sup3r-Secret!" } },
          ],
        }),
        violations: 1,
        mentions: "NodePools[1].ScalingGroup",
      },
      {
        name: "dedicated cluster with a NodePools entry holding a LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::KubernetesCluster", {
          KeyPair: "ops",
          NodePools: [{ ScalingGroup: { SystemDiskSize: 40, LoginPassword: "Sup3r-Secret!" } }],
        }),
        violations: 1,
      },
      {
        name: "managed cluster whose NodePools use key pairs",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", {
          NodePools: [{ ScalingGroup: { SystemDiskSize: 40, KeyPair: "ops" } }],
        }),
        violations: 0,
      },
      {
        name: "managed cluster with a Windows NodePools entry's LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", {
          NodePools: [{ ScalingGroup: { SystemDiskSize: 40, ImageType: "Windows", LoginPassword: "Sup3r-Secret!" } }],
        }),
        violations: 0,
      },
      {
        name: "managed cluster of Windows workers (OsType) with a LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", { OsType: "Windows", LoginPassword: "Sup3r-Secret!" }),
        violations: 0,
      },
      {
        name: "managed cluster whose NodePools come from a Json parameter without a value",
        type: ROS_STACK,
        props: ros(
          "ALIYUN::CS::ManagedKubernetesCluster",
          { NodePools: { Ref: "Pools" } },
          { Pools: { Type: "Json" } },
        ),
        violations: 1,
        mentions: "NodePools",
      },
      {
        name: "managed cluster whose NodePools Json parameter holds a LoginPassword",
        type: ROS_STACK,
        props: ros(
          "ALIYUN::CS::ManagedKubernetesCluster",
          { NodePools: { Ref: "Pools" } },
          { Pools: { Type: "Json", Default: JSON.stringify([{ ScalingGroup: { LoginPassword: "Sup3r-Secret!" } }]) } },
        ),
        violations: 1,
      },
      // The API server's translation carries no login: one finding, from the nodes.
      {
        name: "public managed cluster with a LoginPassword",
        type: ROS_STACK,
        props: ros("ALIYUN::CS::ManagedKubernetesCluster", {
          EndpointPublicAccess: true,
          LoginPassword: "Sup3r-Secret!",
        }),
        violations: 1,
      },
    ] as Case[]);
  });

  it("leaves the clusters' API server translations to the port rules", async () => {
    const props = ros("ALIYUN::CS::ManagedEdgeKubernetesCluster", { NumOfNodes: 1, KeyPair: "ops" });
    expect(await run(rule("require-imdsv2"), ROS_STACK, props)).toHaveLength(0);
    expect(await run(rule("disallow-userdata-login-weakening"), ROS_STACK, props)).toHaveLength(0);
  });
});
