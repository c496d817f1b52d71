// disallow-ecs-password-login after review: an image name only counts as Windows in a public Windows image's full form
// (custom image names are free text, and an image id decides over a name); Windows node pools take no key pair, like
// public Windows images; ROS subscription instances, instance clones and Container Service node logins are read.
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { Case, table, UNKNOWN } from "./harness";
import { ROS_STACK, ROS_STACK_GROUP, rosJson, rule } from "./templates-fixtures";

const INSTANCE = "alicloud:ecs/instance:Instance";
const SCALING_CONFIGURATION = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const NODE_POOL = "alicloud:cs/nodePool:NodePool";

const PUBLIC_WINDOWS = "win2022_21H2_x64_dtc_en-us_40G_alibase_20240125.vhd";
const OLDER_PUBLIC_WINDOWS = "win2012r2_9600_x64_dtc_en-us_40G_alibase_20200312.vhd";
const PUBLIC_LINUX = "ubuntu_22_04_x64_20G_alibase_20240130.vhd";
const PASSWORD = "Sup3rSecret!x";

const scaling = { scalingGroupId: "asg-1", instanceType: "ecs.g7.large", securityGroupId: "sg-1" };
const pool = { clusterId: "c", nodePoolName: "workers", vswitchIds: ["vsw-1"], instanceTypes: ["ecs.g7.large"] };

const passwordSet = (field: string) => `${field} is set: password login is enabled; use keyName instead`;

describe("scaling configurations: an image name is Windows only in a public Windows image's form", () => {
  table(disallowEcsPasswordLogin, [
    {
      name: "custom image name starting with win (winery-centos7)",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: "winery-centos7", password: PASSWORD },
      violations: 1,
      mentions: passwordSet("password"),
    },
    {
      name: "custom image name windows-compatible-centos",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: "windows-compatible-centos", password: PASSWORD },
      violations: 1,
    },
    {
      name: "custom image name with a Windows year but not the public form",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: "win2022_centos7_hardened", password: PASSWORD },
      violations: 1,
    },
    {
      name: "custom image name windows-server-2022",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: "windows-server-2022", password: PASSWORD },
      violations: 1,
    },
    {
      name: "Linux custom image id beside a Windows-looking name: the id decides",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: "m-linux1", imageName: "windows-compatible-centos", password: PASSWORD },
      violations: 1,
    },
    {
      name: "Linux image id beside a public Windows image name: the id decides",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: PUBLIC_LINUX, imageName: PUBLIC_WINDOWS, kmsEncryptedPassword: "AQIC" },
      violations: 1,
      mentions: passwordSet("kmsEncryptedPassword"),
    },
    {
      name: "image id unknown at preview beside a public Windows image name",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: UNKNOWN, imageName: PUBLIC_WINDOWS, password: PASSWORD },
      violations: 1,
    },
    {
      name: "image name unknown at preview",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: UNKNOWN, password: PASSWORD },
      violations: 1,
    },
    {
      name: "public Windows image name",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: PUBLIC_WINDOWS, password: PASSWORD },
      violations: 0,
    },
    {
      name: "older public Windows image name (win2012r2)",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: OLDER_PUBLIC_WINDOWS, password: UNKNOWN },
      violations: 0,
    },
    {
      name: "public Windows image name in upper case",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: PUBLIC_WINDOWS.toUpperCase(), password: PASSWORD },
      violations: 0,
    },
    {
      name: "empty image id: the public Windows image name decides",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: "", imageName: PUBLIC_WINDOWS, password: PASSWORD },
      violations: 0,
    },
    {
      name: "null image id: the public Windows image name decides",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: null, imageName: PUBLIC_WINDOWS, password: PASSWORD },
      violations: 0,
    },
    {
      name: "public Windows image id beside a custom name: the id decides",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageId: PUBLIC_WINDOWS, imageName: "winery-centos7", password: PASSWORD },
      violations: 0,
    },
    {
      name: "public Windows image name still may not inherit the image's password",
      type: SCALING_CONFIGURATION,
      props: { ...scaling, imageName: PUBLIC_WINDOWS, passwordInherit: true },
      violations: 1,
      mentions: "passwordInherit is true",
    },
    {
      name: "instance of a public Windows image id keeps its exemption",
      type: INSTANCE,
      props: { imageId: PUBLIC_WINDOWS, password: PASSWORD },
      violations: 0,
    },
  ] as Case[]);
});

describe("Windows node pools take no key pair, as public Windows images", () => {
  table(disallowEcsPasswordLogin, [
    {
      name: "imageType Windows with a password",
      type: NODE_POOL,
      props: { ...pool, imageType: "Windows", password: PASSWORD },
      violations: 0,
    },
    {
      name: "imageType WindowsCore with a KMS-encrypted password",
      type: NODE_POOL,
      props: { ...pool, imageType: "WindowsCore", kmsEncryptedPassword: "AQIC" },
      violations: 0,
    },
    {
      name: "imageType in lower case",
      type: NODE_POOL,
      props: { ...pool, imageType: "windowscore", password: PASSWORD },
      violations: 0,
    },
    {
      name: "deprecated platform Windows without an imageType",
      type: NODE_POOL,
      props: { ...pool, platform: "Windows", password: PASSWORD },
      violations: 0,
    },
    {
      name: "Linux imageType with a password",
      type: NODE_POOL,
      props: { ...pool, imageType: "AliyunLinux3", password: PASSWORD },
      violations: 1,
      mentions: passwordSet("password"),
    },
    {
      name: "Custom imageType beside platform Windows: the imageType decides",
      type: NODE_POOL,
      props: { ...pool, imageType: "Custom", platform: "Windows", imageId: "m-1", password: PASSWORD },
      violations: 1,
    },
    {
      name: "imageType that only starts with Windows",
      type: NODE_POOL,
      props: { ...pool, imageType: "WindowsCompatibleLinux", password: PASSWORD },
      violations: 1,
    },
    {
      name: "imageType unknown at preview with a password",
      type: NODE_POOL,
      props: { ...pool, imageType: UNKNOWN, password: PASSWORD },
      violations: 1,
    },
    {
      name: "Linux node pool with a key pair",
      type: NODE_POOL,
      props: { ...pool, imageType: "AliyunLinux3", keyName: "ops" },
      violations: 0,
    },
  ] as Case[]);
});

describe("ROS templates: subscription instances, instance clones and Container Service node logins", () => {
  const passwords = rule("disallow-ecs-password-login");
  const rosStack = (type: string, properties: unknown, parameters?: Record<string, unknown>) => ({
    templateBody: rosJson(type, properties, parameters),
  });
  const scalingGroup = { VSwitchIds: ["vsw-1"], InstanceTypes: ["ecs.g7.large"], SystemDiskSize: 40 };
  const cluster = { Name: "k", VpcId: "vpc-1", VSwitchIds: ["vsw-1"] };
  table(passwords, [
    {
      name: "PrepayInstance with a Password",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::PrepayInstance", {
        ImageId: PUBLIC_LINUX,
        PeriodType: "Monthly",
        Password: PASSWORD,
      }),
      violations: 1,
      mentions: `template resource Res (ALIYUN::ECS::PrepayInstance): ${passwordSet("password")}`,
    },
    {
      name: "PrepayInstance inheriting the image's password",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::PrepayInstance", { ImageId: PUBLIC_LINUX, PasswordInherit: true }),
      violations: 1,
      mentions: "passwordInherit is true",
    },
    {
      name: "PrepayInstance with a key pair",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::PrepayInstance", { ImageId: PUBLIC_LINUX, KeyPairName: "ops" }),
      violations: 0,
    },
    {
      name: "PrepayInstance of a public Windows image with a Password",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::PrepayInstance", { ImageId: PUBLIC_WINDOWS, Password: PASSWORD }),
      violations: 0,
    },
    {
      name: "InstanceClone with a Password runs the source's image, which the template does not show",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceClone", { SourceInstanceId: "i-1", Password: PASSWORD }),
      violations: 1,
      mentions: "the source instance's image (SourceInstanceId)",
    },
    {
      name: "InstanceClone with a Password from a parameter without a value",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::ECS::InstanceClone",
        { SourceInstanceId: "i-1", ImageId: PUBLIC_LINUX, Password: { Ref: "Pw" } },
        { Pw: { Type: "String", NoEcho: true } },
      ),
      violations: 1,
      mentions: "template resource Res (ALIYUN::ECS::InstanceClone)",
    },
    {
      name: "InstanceClone onto a public Windows image with a Password",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceClone", {
        SourceInstanceId: "i-1",
        ImageId: PUBLIC_WINDOWS,
        Password: PASSWORD,
      }),
      violations: 0,
    },
    {
      name: "InstanceClone with a key pair only",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceClone", { SourceInstanceId: "i-1", KeyPairName: "ops" }),
      violations: 0,
    },
    {
      name: "InstanceGroupClone with a Password",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceGroupClone", { SourceInstanceId: "i-1", MaxAmount: 2, Password: PASSWORD }),
      violations: 1,
      mentions: "template resource Res (ALIYUN::ECS::InstanceGroupClone)",
    },
    {
      // Read for the network model (its IPv6 addresses), the clone sets no login.
      name: "InstanceGroupClone asking only for IPv6 addresses",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceGroupClone", {
        SourceInstanceId: "i-1",
        MaxAmount: 2,
        SecurityGroupId: "sg-1",
        Ipv6AddressCount: 1,
      }),
      violations: 0,
    },
    {
      name: "PrepayInstanceGroupClone with a Password and a key pair",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::PrepayInstanceGroupClone", {
        SourceInstanceId: "i-1",
        KeyPairName: "ops",
        Password: PASSWORD,
      }),
      violations: 1,
    },
    {
      name: "ManagedKubernetesCluster with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ManagedKubernetesCluster", { ...cluster, LoginPassword: PASSWORD }),
      violations: 1,
      mentions: `template resource Res (ALIYUN::CS::ManagedKubernetesCluster) LoginPassword: ${passwordSet("password")}`,
    },
    {
      name: "ManagedKubernetesCluster with a LoginPassword from a parameter without a value",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::CS::ManagedKubernetesCluster",
        { ...cluster, LoginPassword: { Ref: "Pw" } },
        { Pw: { Type: "String", NoEcho: true } },
      ),
      violations: 1,
    },
    {
      name: "ManagedKubernetesCluster with a KeyPair",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ManagedKubernetesCluster", { ...cluster, KeyPair: "ops" }),
      violations: 0,
    },
    {
      name: "ManagedKubernetesCluster of Windows workers with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ManagedKubernetesCluster", {
        ...cluster,
        Platform: "Windows",
        LoginPassword: PASSWORD,
      }),
      violations: 0,
    },
    {
      name: "KubernetesCluster with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::KubernetesCluster", { ...cluster, LoginPassword: PASSWORD }),
      violations: 1,
      mentions: "template resource Res (ALIYUN::CS::KubernetesCluster) LoginPassword",
    },
    {
      name: "KubernetesCluster of Windows workers: its Linux masters take the LoginPassword too",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::KubernetesCluster", { ...cluster, Platform: "Windows", LoginPassword: PASSWORD }),
      violations: 1,
    },
    {
      name: "ClusterNodePool with ScalingGroup.LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, LoginPassword: PASSWORD },
      }),
      violations: 1,
      mentions: `template resource Res (ALIYUN::CS::ClusterNodePool) ScalingGroup: ${passwordSet("password")}`,
    },
    {
      name: "ClusterNodePool with ScalingGroup.KeyPair",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, KeyPair: "ops" },
      }),
      violations: 0,
    },
    {
      name: "ClusterNodePool of ImageType Windows with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, ImageType: "Windows", LoginPassword: PASSWORD },
      }),
      violations: 0,
    },
    {
      name: "ClusterNodePool of Platform WindowsCore with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, Platform: "WindowsCore", LoginPassword: PASSWORD },
      }),
      violations: 0,
    },
    {
      name: "ClusterNodePool of a Linux ImageType beside Platform Windows: the ImageType decides",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, ImageType: "AliyunLinux3", Platform: "Windows", LoginPassword: PASSWORD },
      }),
      violations: 1,
    },
    {
      name: "ClusterNodePool whose whole ScalingGroup is a parameter without a value",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::CS::ClusterNodePool",
        { ClusterId: "c", ScalingGroup: { Ref: "Sg" } },
        { Sg: { Type: "Json" } },
      ),
      violations: 1,
      mentions: "ScalingGroup is only known at deployment",
    },
    {
      name: "ClusterNodePool with a LoginPassword that is not text",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", { ClusterId: "c", ScalingGroup: "not-a-block" }),
      violations: 0,
    },
    {
      name: "ClusterNodePool in a stack group with a LoginPassword",
      type: ROS_STACK_GROUP,
      props: rosStack("ALIYUN::CS::ClusterNodePool", {
        ClusterId: "c",
        ScalingGroup: { ...scalingGroup, LoginPassword: PASSWORD },
      }),
      violations: 1,
    },
    // A Json parameter holds the scaling group as JSON text (or a Default written as the object).
    {
      name: "ClusterNodePool whose ScalingGroup is a Json parameter holding a LoginPassword",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::CS::ClusterNodePool",
        { ClusterId: "c", ScalingGroup: { Ref: "Group" } },
        { Group: { Type: "Json", Default: JSON.stringify({ ...scalingGroup, LoginPassword: PASSWORD }) } },
      ),
      violations: 1,
    },
    {
      name: "ClusterNodePool whose ScalingGroup is a Json parameter's object Default holding a LoginPassword",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::CS::ClusterNodePool",
        { ClusterId: "c", ScalingGroup: { Ref: "Group" } },
        { Group: { Type: "Json", Default: { ...scalingGroup, LoginPassword: PASSWORD } } },
      ),
      violations: 1,
    },
    {
      name: "ClusterNodePool whose ScalingGroup is a Json parameter with a key pair",
      type: ROS_STACK,
      props: rosStack(
        "ALIYUN::CS::ClusterNodePool",
        { ClusterId: "c", ScalingGroup: { Ref: "Group" } },
        { Group: { Type: "Json", Default: JSON.stringify({ ...scalingGroup, KeyPair: "ops" }) } },
      ),
      violations: 0,
    },
    {
      name: "ECS Instance with a Password is still caught",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::Instance", { ImageId: PUBLIC_LINUX, Password: PASSWORD }),
      violations: 1,
    },
  ] as Case[]);
});

describe("login-only ROS translations are the password rule's alone", () => {
  const imds = rule("require-imdsv2");
  const rosStack = (type: string, properties: unknown) => ({ templateBody: rosJson(type, properties) });
  // A clone's or a node's metadata settings are not in what the translation carries: no other rule judges it.
  table(imds, [
    {
      name: "ClusterNodePool logging in with a key pair",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ClusterNodePool", { ClusterId: "c", ScalingGroup: { KeyPair: "ops" } }),
      violations: 0,
    },
    {
      name: "InstanceClone with a key pair and PasswordInherit false",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::InstanceClone", {
        SourceInstanceId: "i-1",
        KeyPairName: "ops",
        PasswordInherit: false,
      }),
      violations: 0,
    },
    {
      name: "ManagedKubernetesCluster with a LoginPassword",
      type: ROS_STACK,
      props: rosStack("ALIYUN::CS::ManagedKubernetesCluster", { Name: "k", LoginPassword: PASSWORD }),
      violations: 0,
    },
    {
      name: "a ROS Instance leaving tokens out is still judged",
      type: ROS_STACK,
      props: rosStack("ALIYUN::ECS::Instance", { ImageId: PUBLIC_LINUX }),
      violations: 1,
    },
  ] as Case[]);
});
