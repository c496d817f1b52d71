import { bool, isUnknown } from "../../lib/values";
import { valuesAt } from "../lib/field-paths";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule, HardeningResourcePolicy } from "../lib/rule";
import { HOST_ACCOUNT, hostAccountPasswordLogin } from "../lib/bastionhost-host-accounts";
import { STACK_IMAGES, stackImagesNamed } from "../lib/custom-image-names";
import { isLoginPassword } from "../lib/login-passwords";
import { namedList } from "../lib/named-list";
import { withStackChecks } from "../lib/stack-checks";
import { HardeningStackPolicy, StackContext, StackFinding } from "../lib/stack-rule";
import { shown } from "../lib/text-values";

/** The rule's name: template translations that carry only a login (ROS clones, ACK nodes) are judged by it alone. */
export const ECS_PASSWORD_LOGIN = "disallow-ecs-password-login";

/** Where a resource takes a login password, and the key-based login its message names as the fix. */
interface PasswordLogin {
  /**
   * Fields whose value becomes the login password; a dotted path reads a nested block (`clusterCredentials.password`)
   * and `[]` each element of a list (`nodes[].loginPassword`).
   */
  passwords: string[];
  /** The resource can take the image's preset password (`passwordInherit`). */
  inherits: boolean;
  /** What to use instead, e.g. "keyName". */
  keyLogin: string;
  /** How the resource says its hosts run Windows, which takes no key pair (see `ECS_IMAGE`, `NODE_POOL_IMAGE`). */
  windows?: WindowsHosts;
}

/** Windows hosts log in with a password only: their password is not judged here (RDP is, by the port rules). */
interface WindowsHosts {
  runs: (p: Record<string, unknown>) => boolean;
  /** Said after a finding, when Windows the rule cannot see (a custom image) needs an exemption. */
  hint?: string;
}

/**
 * Alibaba Cloud's public Windows images (win2019_…, win2022_…) take no key pair: a password is their only login.
 * Custom images (m-…) do not say their OS and keep being judged; an instance of a custom Windows image takes an
 * exemption. Image ids starting "win" are Alibaba's own; names are free text for custom images, so a name counts only
 * in the full shape of a public Windows image (win2022_21H2_x64_dtc_en-us_40G_alibase_20240125.vhd).
 */
const WINDOWS_IMAGE_ID = /^win/i;
const PUBLIC_WINDOWS_IMAGE_NAME = /^win20\d\d[a-z0-9]*_[\w.-]*_alibase_\d{8}\.vhd$/i;
const given = (v: unknown) => v !== undefined && v !== null && v !== "";
const matches = (pattern: RegExp, v: unknown) => typeof v === "string" && pattern.test(v);

/** Scaling configurations may name the image (imageName) instead; the API ignores the name when an id is set. */
const publicWindowsName = (p: Record<string, unknown>) =>
  !given(p.imageId) && matches(PUBLIC_WINDOWS_IMAGE_NAME, p.imageName);

/** The stack part re-judges a name a custom image of the stack may take (windowsNameTakenByStackImage). */
function publicWindowsImage(p: Record<string, unknown>): boolean {
  if (given(p.imageId)) return matches(WINDOWS_IMAGE_ID, p.imageId);
  return publicWindowsName(p);
}
const ECS_IMAGE: WindowsHosts = {
  runs: publicWindowsImage,
  hint: " (a custom Windows image, which takes no key pair, needs an exemption)",
};

/** Container Service node pools say their OS by imageType (platform before it, now deprecated). */
const WINDOWS_NODE_OS = /^windows(core)?$/i;
const NODE_POOL_IMAGE: WindowsHosts = {
  runs: (p) => matches(WINDOWS_NODE_OS, given(p.imageType) ? p.imageType : p.platform),
};

/** The login passwords the resource sets, each a violation (a note when its block is unknown at preview). */
function passwordFieldFindings(p: Record<string, unknown>, { passwords, keyLogin }: PasswordLogin, hint: string) {
  const findings: Finding[] = [];
  for (const f of passwords.flatMap((path) => valuesAt(p, path))) {
    if ("unknownBlock" in f) findings.push(unverifiable(f.path));
    else if (isLoginPassword(f.value))
      findings.push(violation(`${f.path} is set: password login is enabled; use ${keyLogin} instead${hint}`));
  }
  return findings;
}

function passwordLoginCheck(login: PasswordLogin): Check<unknown> {
  const { inherits, keyLogin, windows } = login;
  const fix = `use ${keyLogin} instead`;
  return (p) => {
    const findings = windows?.runs(p) ? [] : passwordFieldFindings(p, login, windows?.hint ?? "");
    if (!inherits) return findings;
    if (isUnknown(p.passwordInherit)) findings.push(unverifiable("passwordInherit"));
    else if (bool(p.passwordInherit) === true)
      findings.push(violation(`passwordInherit is true: the image's preset password enables password login; ${fix}`));
    return findings;
  };
}

const PASSWORD_AND_KMS = ["password", "kmsEncryptedPassword"];
/** EFLO nodes and hyper nodes have no key field of their own: they log in with their node group's. */
const EFLO_NODE_GROUP_KEY = "the node group's keyPairName";

/** Where an image's name, not its id, may say the hosts run Windows (ECS_IMAGE). */
const ECS_IMAGE_HOSTS: Record<string, PasswordLogin> = {
  "alicloud:ecs/instance:Instance": {
    passwords: PASSWORD_AND_KMS,
    inherits: true,
    keyLogin: "keyName",
    windows: ECS_IMAGE,
  },
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": {
    passwords: PASSWORD_AND_KMS,
    inherits: true,
    keyLogin: "keyPairName",
    windows: ECS_IMAGE,
  },
  "alicloud:ess/scalingConfiguration:ScalingConfiguration": {
    passwords: PASSWORD_AND_KMS,
    inherits: true,
    keyLogin: "keyName",
    windows: ECS_IMAGE,
  },
};

/**
 * A public Windows image's name that a custom image of the stack also bears (or that is the image's own output) may
 * start the hosts from that custom image: its passwords are judged unless the image's own platform is Windows. A
 * custom image whose platform or name is unknown at preview leaves the exemption unconfirmed (a note), and only while
 * the host sets a password.
 */
function windowsNameTakenByStackImage({ resources }: StackContext<unknown>): StackFinding[] {
  return resources.flatMap((host) => {
    const login = ECS_IMAGE_HOSTS[host.type];
    if (!login || !publicWindowsName(host.inputs)) return [];
    const at = (f: Finding): StackFinding => ({ urn: host.urn, ...f });
    const { images, windows, unnamed } = stackImagesNamed(host, resources);
    const name = shown(host.inputs.imageName);
    const named = `imageName ${name} is also the name of ${namedList("custom image", images)} in this stack`;
    if (images.length > 0 && windows === "no") {
      const hint = ` (${named}, whose platform is not Windows; a custom Windows image needs platform "Windows Server …" or an exemption)`;
      return passwordFieldFindings(host.inputs, login, hint).map(at);
    }
    if (passwordFieldFindings(host.inputs, login, "").length === 0) return [];
    if (images.length > 0 && windows === "unknown")
      return [at(unverifiable("the custom image's platform", `${named}, which may run Windows`))];
    if (unnamed.length > 0) {
      const which = `the name of ${namedList("custom image", unnamed)}`;
      const why = `it may be ${name}, and the image does not say it runs Windows`;
      return [at(unverifiable(which, why))];
    }
    return [];
  });
}

/** Case step 1: the attacker brute-forced SSH passwords in 137 seconds. */
const passwordLoginRule = defineResourceRule<unknown>({
  metadata: {
    name: ECS_PASSWORD_LOGIN,
    description:
      "Alibaba Cloud compute and Bastionhost SSH host accounts must not set or inherit a login password but use key pairs, except Windows hosts, which take no key pair.",
    details:
      "Alibaba Cloud compute must not set a login password (password, kmsEncryptedPassword, osPassword, loginPassword) or inherit the image's password: ECS instances, instance sets, launch templates, scaling configurations, Simple Application Server, Container Service node pools and clusters (edge included), ENS instances, CDDC dedicated hosts, RDS Custom instances, E-HPC clusters (both versions) and users, E-MapReduce clusters (masterPwd, the master nodes' SSH password), system disk attachments (which reset the root password) and EFLO clusters, nodes, node groups (and the nodes they list), attachments and hyper nodes; use key pairs. ECS instances, instance sets and scaling configurations of an Alibaba Cloud public Windows image (imageId win…; without an imageId, an imageName in the public image's full form, win2022_…_alibase_….vhd, unless a custom image of the stack (ecs.Image, ImageImport, ImageCopy) bears that name or gives it as its output, when only the custom image's own platform or osType saying Windows exempts it) and Container Service node pools of imageType Windows or WindowsCore, which take no key pair, may set a password (RDP stays closed to the internet by the port rules). Bastionhost host accounts of protocol SSH must not set a password (the host then accepts SSH password login; use privateKey); RDP host accounts may, as Windows images may.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Remove password / kmsEncryptedPassword / osPassword / loginPassword / masterPwd / passwordInherit from the resource.",
      "Set keyName (ECS instances, scaling configurations, Container Service node pools and clusters) or keyPairName (instance sets, launch templates, ENS instances, CDDC hosts, RDS Custom, E-HPC clusters and users, E-MapReduce clusters, disk attachments, EFLO node groups) to a key pair; EFLO nodes, attachments and hyper nodes log in with their node group's key pair, and EFLO clusters take nodes through node groups with a key pair instead of per-node passwords; attach a key pair to Simple Application Server instances instead of a password.",
      "Give Bastionhost SSH host accounts a privateKey (with passPhrase for an encrypted key) instead of a password, and set PasswordAuthentication no on the host.",
      "Keep PasswordAuthentication no in sshd_config (the kit's bastion user data does this).",
      "A custom Windows image (imageId m-…) cannot be told from a Linux one: exempt the instance, with a reason, owner and expiry, in the policy config.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.1" }],
    caseStep: 1,
  },
  checks: {
    ...Object.fromEntries(Object.entries(ECS_IMAGE_HOSTS).map(([type, login]) => [type, passwordLoginCheck(login)])),
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": passwordLoginCheck({
      passwords: [],
      inherits: true,
      keyLogin: "keyPairName",
    }),
    "alicloud:ecs/launchTemplate:LaunchTemplate": passwordLoginCheck({
      passwords: [],
      inherits: true,
      keyLogin: "keyPairName",
    }),
    // Lightweight servers run the same sshd with the password set here; the provider has no key-pair field.
    "alicloud:simpleapplicationserver/instance:Instance": passwordLoginCheck({
      passwords: ["password"],
      inherits: true,
      keyLogin: "a key pair attached to the server",
    }),
    // Container Service worker nodes are ECS instances that take the pool's or cluster's login.
    "alicloud:cs/nodePool:NodePool": passwordLoginCheck({
      passwords: PASSWORD_AND_KMS,
      inherits: false,
      keyLogin: "keyName",
      windows: NODE_POOL_IMAGE,
    }),
    "alicloud:cs/kubernetes:Kubernetes": passwordLoginCheck({
      passwords: PASSWORD_AND_KMS,
      inherits: false,
      keyLogin: "keyName",
    }),
    "alicloud:ens/instance:Instance": passwordLoginCheck({
      passwords: ["password"],
      inherits: true,
      keyLogin: "keyPairName",
    }),
    // An empty osPassword means "set it later", which the provider documents; passwordInherit is the string "true".
    "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost": passwordLoginCheck({
      passwords: ["osPassword"],
      inherits: true,
      keyLogin: "keyPairName",
    }),
    // Node groups and clusters also take a password per node they list.
    "alicloud:eflo/nodeGroup:NodeGroup": passwordLoginCheck({
      passwords: ["loginPassword", "nodes[].loginPassword"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    "alicloud:eflo/node:Node": passwordLoginCheck({
      passwords: ["loginPassword"],
      inherits: false,
      keyLogin: EFLO_NODE_GROUP_KEY,
    }),
    "alicloud:eflo/hyperNode:HyperNode": passwordLoginCheck({
      passwords: ["loginPassword"],
      inherits: false,
      keyLogin: EFLO_NODE_GROUP_KEY,
    }),
    "alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment": passwordLoginCheck({
      passwords: ["loginPassword"],
      inherits: false,
      keyLogin: EFLO_NODE_GROUP_KEY,
    }),
    "alicloud:eflo/cluster:Cluster": passwordLoginCheck({
      passwords: ["nodeGroups[].nodes[].loginPassword"],
      inherits: false,
      keyLogin: "separate eflo.NodeGroup resources with keyPairName",
    }),
    "alicloud:cs/edgeKubernetes:EdgeKubernetes": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyName",
    }),
    // Hosts the customer logs in to: CDDC Tair-PMem hosts, RDS Custom instances, E-HPC cluster nodes.
    "alicloud:cddc/dedicatedHost:DedicatedHost": passwordLoginCheck({
      passwords: ["osPassword"],
      inherits: false,
      keyLogin: "no host password (log in through the CDDC console's managed access)",
    }),
    "alicloud:rds/custom:Custom": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    "alicloud:ehpc/clusterV2:ClusterV2": passwordLoginCheck({
      passwords: ["clusterCredentials.password"],
      inherits: false,
      keyLogin: "clusterCredentials.keyPairName",
    }),
    "alicloud:ehpc/cluster:Cluster": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    // E-HPC cluster users log in to the nodes over SSH with this password.
    "alicloud:ehpc/user:User": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    // E-MapReduce (the first version) logs in to the master nodes, public IP or not, as root with this password.
    "alicloud:emr/cluster:Cluster": passwordLoginCheck({
      passwords: ["masterPwd"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    // Attaching a system disk resets the root (administrator) password to this one.
    "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    "alicloud:ecs/diskAttachment:DiskAttachment": passwordLoginCheck({
      passwords: ["password"],
      inherits: false,
      keyLogin: "keyPairName",
    }),
    // The bastion's credential for a host: an SSH password means the host's sshd takes passwords.
    [HOST_ACCOUNT]: hostAccountPasswordLogin,
  },
});

/**
 * The stack part is built on first use: the template readers import ECS_PASSWORD_LOGIN from this file, and the stack
 * rule's modules import those readers, so building it while this module loads would read them half initialised.
 */
let withImages: HardeningStackPolicy | undefined;
const stackPart = () =>
  (withImages ??= withStackChecks(passwordLoginRule, {
    types: Object.keys(STACK_IMAGES),
    check: windowsNameTakenByStackImage,
  }));

export const disallowEcsPasswordLogin: HardeningResourcePolicy & HardeningStackPolicy = {
  ...passwordLoginRule,
  metadata: {
    ...passwordLoginRule.metadata,
    resourceTypes: [...passwordLoginRule.metadata.resourceTypes, ...Object.keys(STACK_IMAGES)],
  },
  validateStack: (args, report) => stackPart().validateStack(args, report),
};
