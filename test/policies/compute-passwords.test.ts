// Login passwords on the Alibaba Cloud compute beyond ECS: Container Service nodes, ENS, CDDC hosts and EFLO nodes
// are SSH-reachable Linux hosts, so a password (or the image's preset one) opens them to the case's brute force.
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { Case, run, table, UNKNOWN } from "./harness";

const NODE_POOL = "alicloud:cs/nodePool:NodePool";
const KUBERNETES = "alicloud:cs/kubernetes:Kubernetes";
const ENS = "alicloud:ens/instance:Instance";
const CDDC = "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost";
const EFLO_NODE = "alicloud:eflo/node:Node";
const EFLO_NODE_GROUP = "alicloud:eflo/nodeGroup:NodeGroup";
const EFLO_HYPER_NODE = "alicloud:eflo/hyperNode:HyperNode";

const pool = { clusterId: "c", nodePoolName: "workers", vswitchIds: ["vsw-1"], instanceTypes: ["ecs.g7.large"] };
const ens = { instanceType: "ens.sn1.small", paymentType: "PayAsYouGo", ensRegionId: "cn-hangzhou-telecom" };
const cddc = { engine: "mysql", ecsClassCode: "ecs.c6.large", dedicatedHostGroupId: "dhg-1", vswitchId: "vsw-1" };
const efloNode = { machineType: "efg1.nvga1", nodeGroupId: "ng-1" };
const efloGroup = {
  clusterId: "c",
  imageId: "i",
  machineType: "efg1.nvga1",
  nodeGroupName: "g",
  az: "cn-wulanchabu-a",
};

/** The message names the field and the key-based login to use instead. */
const passwordSet = (field: string, keyLogin: string) =>
  `${field} is set: password login is enabled; use ${keyLogin} instead`;
const inheritSet = (keyLogin: string) =>
  `passwordInherit is true: the image's preset password enables password login; use ${keyLogin} instead`;

describe("disallow-ecs-password-login on more compute", () => {
  table(disallowEcsPasswordLogin, [
    {
      name: "node pool with a password",
      type: NODE_POOL,
      props: { ...pool, password: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("password", "keyName"),
    },
    {
      name: "node pool with a KMS-encrypted password",
      type: NODE_POOL,
      props: { ...pool, kmsEncryptedPassword: "ciphertext" },
      violations: 1,
      mentions: passwordSet("kmsEncryptedPassword", "keyName"),
    },
    { name: "node pool with a key pair", type: NODE_POOL, props: { ...pool, keyName: "ops" }, violations: 0 },
    {
      name: "node pool password only known at apply is still a password",
      type: NODE_POOL,
      props: { ...pool, password: UNKNOWN },
      violations: 1,
      mentions: passwordSet("password", "keyName"),
    },
    {
      name: "Kubernetes cluster with a password",
      type: KUBERNETES,
      props: { masterVswitchIds: ["vsw-1"], password: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("password", "keyName"),
    },
    {
      name: "Kubernetes cluster with a key pair",
      type: KUBERNETES,
      props: { masterVswitchIds: ["vsw-1"], keyName: "ops" },
      violations: 0,
    },
    {
      name: "Kubernetes cluster with a KMS password only known at apply",
      type: KUBERNETES,
      props: { masterVswitchIds: ["vsw-1"], kmsEncryptedPassword: UNKNOWN },
      violations: 1,
      mentions: passwordSet("kmsEncryptedPassword", "keyName"),
    },
    {
      name: "ENS instance with a password",
      type: ENS,
      props: { ...ens, password: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("password", "keyPairName"),
    },
    {
      name: "ENS instance inheriting the image password",
      type: ENS,
      props: { ...ens, passwordInherit: true },
      violations: 1,
      mentions: inheritSet("keyPairName"),
    },
    {
      name: "ENS instance with a key pair and passwordInherit false",
      type: ENS,
      props: { ...ens, keyPairName: "ops", passwordInherit: false },
      violations: 0,
    },
    {
      name: "ENS instance with passwordInherit unknown at preview is a note",
      type: ENS,
      props: { ...ens, keyPairName: "ops", passwordInherit: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "CDDC host with an OS password",
      type: CDDC,
      props: { ...cddc, osPassword: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("osPassword", "keyPairName"),
    },
    {
      name: "CDDC host inheriting the image password (the provider's string form)",
      type: CDDC,
      props: { ...cddc, passwordInherit: "true" },
      violations: 1,
      mentions: inheritSet("keyPairName"),
    },
    {
      name: "CDDC host with the password left to set later (empty string)",
      type: CDDC,
      props: { ...cddc, osPassword: "", passwordInherit: "false", keyPairName: "ops" },
      violations: 0,
    },
    {
      name: "CDDC host with passwordInherit unknown at preview is a note",
      type: CDDC,
      props: { ...cddc, passwordInherit: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "EFLO node group with a login password",
      type: EFLO_NODE_GROUP,
      props: { ...efloGroup, loginPassword: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("loginPassword", "keyPairName"),
    },
    {
      name: "EFLO node group with a key pair",
      type: EFLO_NODE_GROUP,
      props: { ...efloGroup, keyPairName: "ops" },
      violations: 0,
    },
    {
      name: "EFLO node group login password only known at apply",
      type: EFLO_NODE_GROUP,
      props: { ...efloGroup, loginPassword: UNKNOWN },
      violations: 1,
    },
    {
      name: "EFLO node with a login password points at the node group's key pair",
      type: EFLO_NODE,
      props: { ...efloNode, loginPassword: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("loginPassword", "the node group's keyPairName"),
    },
    { name: "EFLO node without a password", type: EFLO_NODE, props: efloNode, violations: 0 },
    {
      name: "EFLO node login password only known at apply",
      type: EFLO_NODE,
      props: { ...efloNode, loginPassword: UNKNOWN },
      violations: 1,
    },
    {
      name: "EFLO hyper node with a login password",
      type: EFLO_HYPER_NODE,
      props: { ...efloNode, loginPassword: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet("loginPassword", "the node group's keyPairName"),
    },
    { name: "EFLO hyper node without a password", type: EFLO_HYPER_NODE, props: efloNode, violations: 0 },
    {
      name: "EFLO hyper node login password only known at apply",
      type: EFLO_HYPER_NODE,
      props: { ...efloNode, loginPassword: UNKNOWN },
      violations: 1,
    },
  ] as Case[]);

  it("reads only the fields each service has: passwordInherit is not an EFLO or Container Service field", async () => {
    for (const type of [NODE_POOL, KUBERNETES, EFLO_NODE, EFLO_NODE_GROUP, EFLO_HYPER_NODE]) {
      expect(await run(disallowEcsPasswordLogin, type, { passwordInherit: true })).toEqual([]);
    }
  });

  it("reports each password field of one resource", async () => {
    const ds = await run(disallowEcsPasswordLogin, NODE_POOL, { password: "a", kmsEncryptedPassword: "b" });
    expect(ds.map((d) => d.message.split("\n")[1])).toEqual([
      expect.stringContaining(passwordSet("password", "keyName")),
      expect.stringContaining(passwordSet("kmsEncryptedPassword", "keyName")),
    ]);
  });
});

/** A password field and its key-based alternative: a set password, a key login and a password known only at apply. */
function passwordCases(type: string, field: string, keyLogin: string, base: Record<string, unknown>): Case[] {
  return [
    {
      name: `${type} with ${field}`,
      type,
      props: { ...base, [field]: "Passw0rd!" },
      violations: 1,
      mentions: passwordSet(field, keyLogin),
    },
    { name: `${type} without ${field}`, type, props: base, violations: 0 },
    {
      name: `${type} with ${field} known at apply`,
      type,
      props: { ...base, [field]: UNKNOWN },
      violations: 1,
      mentions: passwordSet(field, keyLogin),
    },
  ];
}

describe("disallow-ecs-password-login on edge clusters, node group attachments, CDDC Tair-PMem hosts, RDS Custom and E-HPC", () => {
  table(disallowEcsPasswordLogin, [
    ...passwordCases("alicloud:cs/edgeKubernetes:EdgeKubernetes", "password", "keyName", {
      workerVswitchIds: ["vsw-1"],
      keyName: "ops",
    }),
    ...passwordCases(
      "alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment",
      "loginPassword",
      "the node group's keyPairName",
      { clusterId: "c", nodeGroupId: "ng-1", nodeId: "n-1" },
    ),
    ...passwordCases(
      "alicloud:cddc/dedicatedHost:DedicatedHost",
      "osPassword",
      "no host password (log in through the CDDC console's managed access)",
      { engine: "Tair-PMem", hostClass: "x", vswitchId: "vsw-1" },
    ),
    ...passwordCases("alicloud:rds/custom:Custom", "password", "keyPairName", {
      instanceType: "mysql.x4.xlarge.6cm",
      keyPairName: "ops",
    }),
    ...passwordCases("alicloud:ehpc/cluster:Cluster", "password", "keyPairName", {
      clusterType: "Standard",
      keyPairName: "ops",
    }),
  ] as Case[]);
});

describe("disallow-ecs-password-login on a CDDC passwordInherit of any case", () => {
  table(disallowEcsPasswordLogin, [
    {
      name: "CDDC host inheriting the image password with passwordInherit True",
      type: CDDC,
      props: { ...cddc, passwordInherit: "True" },
      violations: 1,
      mentions: inheritSet("keyPairName"),
    },
    {
      name: "CDDC host with passwordInherit FALSE",
      type: CDDC,
      props: { ...cddc, passwordInherit: "FALSE", keyPairName: "ops" },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-ecs-password-login reads E-HPC 2.0 cluster credentials", () => {
  const CLUSTER_V2 = "alicloud:ehpc/clusterV2:ClusterV2";
  const base = { clusterName: "hpc", clusterCategory: "Standard" };
  table(disallowEcsPasswordLogin, [
    {
      name: "root password in clusterCredentials",
      type: CLUSTER_V2,
      props: { ...base, clusterCredentials: { password: "Passw0rd!" } },
      violations: 1,
      mentions: passwordSet("clusterCredentials.password", "clusterCredentials.keyPairName"),
    },
    {
      name: "root password known only at apply",
      type: CLUSTER_V2,
      props: { ...base, clusterCredentials: { password: UNKNOWN } },
      violations: 1,
    },
    {
      name: "key pair in clusterCredentials",
      type: CLUSTER_V2,
      props: { ...base, clusterCredentials: { keyPairName: "ops" } },
      violations: 0,
    },
    {
      name: "credentials block unknown at preview is a note",
      type: CLUSTER_V2,
      props: { ...base, clusterCredentials: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("disallow-ecs-password-login on E-HPC users, system disk attachments and E-MapReduce clusters", () => {
  table(disallowEcsPasswordLogin, [
    ...passwordCases("alicloud:ehpc/user:User", "password", "keyPairName", {
      clusterId: "ehpc-1",
      group: "users",
      userName: "ops",
    }),
    // Attaching a system disk resets the root password to the one given.
    ...passwordCases("alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment", "password", "keyPairName", {
      diskId: "d-1",
      instanceId: "i-1",
      bootable: true,
    }),
    ...passwordCases("alicloud:ecs/diskAttachment:DiskAttachment", "password", "keyPairName", {
      diskId: "d-1",
      instanceId: "i-1",
      bootable: true,
    }),
    // E-MapReduce's master nodes take root's SSH password from masterPwd, reachable when isOpenPublicIp is set.
    ...passwordCases("alicloud:emr/cluster:Cluster", "masterPwd", "keyPairName", {
      name: "emr",
      emrVer: "EMR-3.22.0",
      clusterType: "HADOOP",
      isOpenPublicIp: true,
      keyPairName: "ops",
    }),
    {
      name: "system disk attached with a key pair",
      type: "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment",
      props: { diskId: "d-1", instanceId: "i-1", bootable: true, keyPairName: "ops" },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-ecs-password-login on Bastionhost host accounts", () => {
  const HOST_ACCOUNT = "alicloud:bastionhost/hostAccount:HostAccount";
  const account = { hostAccountName: "root", hostId: "15", instanceId: "bastionhost-cn-tl3xxxxxx" };
  const ssh = { ...account, protocolName: "SSH" };
  /** A secret as the engine sends it, before @pulumi/policy unwraps it. */
  const secret = (value: unknown) => ({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    value,
  });
  const sshPassword =
    'password is set on SSH host account "root" of host "15": the host accepts SSH password login; use privateKey (with passPhrase for an encrypted key) instead and set PasswordAuthentication no';
  table(disallowEcsPasswordLogin, [
    {
      name: "SSH account with a password",
      type: HOST_ACCOUNT,
      props: { ...ssh, password: "Passw0rd!" },
      violations: 1,
      mentions: sshPassword,
    },
    {
      name: "SSH account with a private key",
      type: HOST_ACCOUNT,
      props: { ...ssh, privateKey: "LS0tLS1CRUdJTi==" },
      violations: 0,
    },
    {
      name: "SSH account with an encrypted private key and its passphrase",
      type: HOST_ACCOUNT,
      props: { ...ssh, privateKey: "LS0tLS1CRUdJTi==", passPhrase: "unlock" },
      violations: 0,
    },
    {
      name: "SSH account with a private key and a password: the password still opens the host",
      type: HOST_ACCOUNT,
      props: { ...ssh, privateKey: "LS0tLS1CRUdJTi==", password: "Passw0rd!" },
      violations: 1,
      mentions: sshPassword,
    },
    {
      name: "SSH in lower case",
      type: HOST_ACCOUNT,
      props: { ...ssh, protocolName: "ssh", password: "Passw0rd!" },
      violations: 1,
    },
    {
      name: "SSH account with a password only known at apply",
      type: HOST_ACCOUNT,
      props: { ...ssh, password: UNKNOWN },
      violations: 1,
      mentions: sshPassword,
    },
    {
      name: "SSH account with a password sent as a secret",
      type: HOST_ACCOUNT,
      props: { ...ssh, password: secret("Passw0rd!") },
      violations: 1,
      mentions: sshPassword,
    },
    {
      name: "SSH account with an all-digit password sent as a number",
      type: HOST_ACCOUNT,
      props: { ...ssh, password: 12345678 },
      violations: 1,
    },
    { name: "SSH account with an empty password", type: HOST_ACCOUNT, props: { ...ssh, password: "" }, violations: 0 },
    { name: "SSH account with a null password", type: HOST_ACCOUNT, props: { ...ssh, password: null }, violations: 0 },
    {
      name: "SSH account with an empty secret password",
      type: HOST_ACCOUNT,
      props: { ...ssh, password: secret("") },
      violations: 0,
    },
    {
      name: "SSH account whose host and name are only known at apply",
      type: HOST_ACCOUNT,
      props: { ...ssh, hostId: UNKNOWN, hostAccountName: UNKNOWN, password: "Passw0rd!" },
      violations: 1,
      mentions: "host account (hostAccountName known after apply) of host (hostId known after apply)",
    },
    // Windows takes no key pair: the rule lets Windows logins keep their password.
    {
      name: "RDP account with a password",
      type: HOST_ACCOUNT,
      props: { ...account, protocolName: "RDP", password: "Passw0rd!" },
      violations: 0,
    },
    {
      name: "protocol unknown at preview with a password is a note",
      type: HOST_ACCOUNT,
      props: { ...account, protocolName: UNKNOWN, password: "Passw0rd!" },
      violations: 0,
      notes: 1,
    },
    {
      name: "protocol unknown at preview without a password",
      type: HOST_ACCOUNT,
      props: { ...account, protocolName: UNKNOWN, privateKey: "LS0tLS1CRUdJTi==" },
      violations: 0,
    },
    {
      name: "protocol the provider refuses, with a password, is a note",
      type: HOST_ACCOUNT,
      props: { ...account, protocolName: "Telnet", password: "Passw0rd!" },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("names the protocol and the account in the note", async () => {
    const [note] = await run(disallowEcsPasswordLogin, HOST_ACCOUNT, {
      ...account,
      protocolName: UNKNOWN,
      password: "x",
    });
    expect(note.level).toBe("advisory");
    expect(note.message).toContain(
      'cannot be verified at preview: protocolName is unknown (host account "root" of host "15" sets a password, which is SSH password login if it is SSH)',
    );
  });

  it("fails closed on a protocol unknown at preview when configured to", async () => {
    const props = { ...account, protocolName: UNKNOWN, password: "Passw0rd!" };
    const ds = await run(disallowEcsPasswordLogin, HOST_ACCOUNT, props, { config: { failClosed: true } });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain("protocolName is unknown");
    expect(ds[0].message).toContain("; failing closed");
    const sshDs = await run(
      disallowEcsPasswordLogin,
      HOST_ACCOUNT,
      { ...ssh, privateKey: "k" },
      { config: { failClosed: true } },
    );
    expect(sshDs).toEqual([]);
  });

  it("reads a secret password on the other compute too", async () => {
    const ds = await run(disallowEcsPasswordLogin, NODE_POOL, { ...pool, password: secret("Passw0rd!") });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain(passwordSet("password", "keyName"));
  });
});
