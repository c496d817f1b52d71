// Adversarial probes of the AWS forms of the case (@pulumi/aws 7.x): brokers, streams and migration instances given a
// public endpoint, AWS-RunRemoteScript command lines run as root on instances, and hosts the network model must see
// however the program writes them: spot instance requests, addresses and groups attached to an instance's primary
// interface (`primaryNetworkInterfaceId`), and auto-scaling groups launching from a mixed instances policy's
// templates. Each row is one way of writing a weakness, or its secure twin, with the verdict the pack must give.
import { UNKNOWN } from "../../lib/reachability";
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T } from "../reachability/aws-fixtures";
import { ref } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { Case, table } from "./harness";
import {
  fromAnywhere,
  fromBastion,
  fromVpc,
  group,
  mixedGroup,
  nlbForwardingToGroup,
  nlbForwardingToInstance,
  privateInstanceWithAttachedGroup,
  publicInstance,
  spotRequest,
  stack,
  template,
  templateAskingForAddress,
} from "./redteam-aws-host-builders";

const MQ = "aws:mq/broker:Broker";
const MSK = "aws:msk/cluster:Cluster";
const DMS_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const DMS_PROFILE = "aws:dms/instanceProfile:InstanceProfile";

const mskWith = (publicAccess: unknown) => ({
  clusterName: "events",
  kafkaVersion: "3.6.0",
  numberOfBrokerNodes: 3,
  brokerNodeGroupInfo: {
    instanceType: "kafka.m5.large",
    clientSubnets: ["subnet-a", "subnet-b", "subnet-c"],
    securityGroups: ["sg-kafka"],
    connectivityInfo: { publicAccess },
  },
});

const dataServices: Case[] = [
  // known-bad
  {
    name: "Amazon MQ broker with publiclyAccessible true",
    type: MQ,
    props: { brokerName: "orders", engineType: "RabbitMQ", publiclyAccessible: true },
    violations: 1,
    mentions: "publiclyAccessible",
  },
  {
    name: "Amazon MQ broker with publiclyAccessible as the string 'true'",
    type: MQ,
    props: { brokerName: "orders", engineType: "ActiveMQ", publiclyAccessible: "true" },
    violations: 1,
  },
  {
    name: "DMS replication instance with publiclyAccessible true",
    type: DMS_INSTANCE,
    props: { replicationInstanceId: "migrate", replicationInstanceClass: "dms.t3.micro", publiclyAccessible: true },
    violations: 1,
  },
  {
    name: "DMS replication instance that leaves publiclyAccessible to the API's default (true)",
    type: DMS_INSTANCE,
    props: { replicationInstanceId: "migrate", replicationInstanceClass: "dms.t3.micro" },
    violations: 1,
    mentions: "defaults to true",
  },
  {
    name: "DMS replication instance whose publiclyAccessible is unknown at preview",
    type: DMS_INSTANCE,
    props: { replicationInstanceId: "migrate", publiclyAccessible: UNKNOWN },
    violations: 0,
    notes: 1,
  },
  {
    name: "DMS instance profile that leaves publiclyAccessible to its default (true)",
    type: DMS_PROFILE,
    props: { instanceProfileName: "convert", subnetGroupIdentifier: "dms-subnets" },
    violations: 1,
    mentions: "defaults to true",
  },
  {
    name: "MSK cluster with public access through service-provided EIPs",
    type: MSK,
    props: mskWith({ type: "SERVICE_PROVIDED_EIPS" }),
    violations: 1,
    mentions: "SERVICE_PROVIDED_EIPS",
  },
  {
    name: "MSK cluster with the public access type in lower case",
    type: MSK,
    props: mskWith({ type: "service_provided_eips" }),
    violations: 1,
  },
  // known-good
  {
    name: "Amazon MQ broker kept private",
    type: MQ,
    props: { brokerName: "orders", engineType: "RabbitMQ", publiclyAccessible: false },
    violations: 0,
  },
  {
    name: "Amazon MQ broker without the flag (private by default)",
    type: MQ,
    props: { brokerName: "orders", engineType: "RabbitMQ" },
    violations: 0,
  },
  {
    name: "DMS replication instance with publiclyAccessible false",
    type: DMS_INSTANCE,
    props: { replicationInstanceId: "migrate", replicationInstanceClass: "dms.t3.micro", publiclyAccessible: false },
    violations: 0,
  },
  {
    name: "DMS instance profile with publiclyAccessible false",
    type: DMS_PROFILE,
    props: { instanceProfileName: "convert", publiclyAccessible: false },
    violations: 0,
  },
  {
    name: "MSK cluster with public access DISABLED",
    type: MSK,
    props: mskWith({ type: "DISABLED" }),
    violations: 0,
  },
  {
    name: "MSK cluster without a publicAccess block",
    type: MSK,
    props: { clusterName: "events", brokerNodeGroupInfo: { instanceType: "kafka.m5.large" } },
    violations: 0,
  },
  // unknown at preview
  {
    name: "Amazon MQ broker whose publiclyAccessible is unknown at preview",
    type: MQ,
    props: { brokerName: "orders", publiclyAccessible: UNKNOWN },
    violations: 0,
    notes: 1,
  },
  {
    name: "DMS instance profile whose publiclyAccessible is unknown at preview",
    type: DMS_PROFILE,
    props: { instanceProfileName: "convert", publiclyAccessible: UNKNOWN },
    violations: 0,
    notes: 1,
  },
  {
    name: "MSK cluster whose public access type is unknown at preview",
    type: MSK,
    props: mskWith({ type: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
  {
    name: "MSK cluster whose whole connectivityInfo is unknown at preview",
    type: MSK,
    props: {
      clusterName: "events",
      brokerNodeGroupInfo: { instanceType: "kafka.m5.large", connectivityInfo: UNKNOWN },
    },
    violations: 0,
    notes: 1,
  },
];

describe("red team: brokers, streams and migration instances with a public endpoint", () => {
  table(disallowPublicManagedDatabases, dataServices);
});

const ASSOCIATION = "aws:ssm/association:Association";
const WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const REMOTE_SCRIPT = "AWS-RunRemoteScript";
const OPEN_PASSWORDS = "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config";
const ROOT_KEY = "echo 'ssh-ed25519 AAAAC3Nza attacker' >> /root/.ssh/authorized_keys";
const fromGitHub = JSON.stringify({ owner: "example", repository: "ops", path: "scripts/setup.sh" });

/** An association running AWS-RunRemoteScript (or `document`) with this command line. */
const remoteAssociation = (commandLine: unknown, document: unknown = REMOTE_SCRIPT) => ({
  name: document,
  targets: [{ key: "tag:Role", values: ["web"] }],
  parameters: { sourceType: "GitHub", sourceInfo: fromGitHub, commandLine },
});

/** A RUN_COMMAND maintenance window task of AWS-RunRemoteScript with this command line. */
const remoteWindowTask = (commandLine: unknown[]) => ({
  windowId: "mw-1",
  taskType: "RUN_COMMAND",
  taskArn: REMOTE_SCRIPT,
  taskInvocationParameters: {
    runCommandParameters: {
      parameters: [
        { name: "sourceType", values: ["S3"] },
        { name: "sourceInfo", values: [JSON.stringify({ path: "https://s3.amazonaws.com/ops/setup.sh" })] },
        { name: "commandLine", values: commandLine },
      ],
    },
  },
});

const remoteScripts: Case[] = [
  // known-bad
  {
    name: "AWS-RunRemoteScript association whose command line turns on SSH passwords",
    type: ASSOCIATION,
    props: remoteAssociation(OPEN_PASSWORDS),
    violations: 1,
    mentions: "parameters.commandLine",
  },
  {
    name: "AWS-RunRemoteScript named by ARN, the command line planting a root key",
    type: ASSOCIATION,
    props: remoteAssociation(ROOT_KEY, `arn:aws:ssm:us-east-1::document/${REMOTE_SCRIPT}`),
    violations: 1,
  },
  {
    name: "association of a document known only at apply, with a weakening commandLine",
    type: ASSOCIATION,
    props: remoteAssociation(`bash setup.sh && ${OPEN_PASSWORDS}`, UNKNOWN),
    violations: 1,
  },
  {
    name: "maintenance window task of AWS-RunRemoteScript whose command line plants a root key",
    type: WINDOW_TASK,
    props: remoteWindowTask([ROOT_KEY]),
    violations: 1,
    mentions: "parameters[2].values",
  },
  // known-good
  {
    name: "AWS-RunRemoteScript association running the downloaded script",
    type: ASSOCIATION,
    props: remoteAssociation("bash setup.sh --harden"),
    violations: 0,
  },
  {
    name: "AWS-RunRemoteScript association whose command line hardens sshd",
    type: ASSOCIATION,
    props: remoteAssociation("echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config"),
    violations: 0,
  },
  {
    name: "another document's commandLine parameter is not read as shell",
    type: ASSOCIATION,
    props: remoteAssociation(OPEN_PASSWORDS, "AWS-RunPowerShellScript"),
    violations: 0,
  },
  {
    name: "maintenance window task of AWS-RunRemoteScript running the downloaded script",
    type: WINDOW_TASK,
    props: remoteWindowTask(["python3 setup.py"]),
    violations: 0,
  },
  // unknown at preview
  {
    name: "AWS-RunRemoteScript association whose command line is unknown at preview",
    type: ASSOCIATION,
    props: remoteAssociation(UNKNOWN),
    violations: 0,
    notes: 1,
  },
  {
    name: "maintenance window task of AWS-RunRemoteScript whose command line is unknown at preview",
    type: WINDOW_TASK,
    props: remoteWindowTask([UNKNOWN]),
    violations: 0,
    notes: 1,
  },
];

describe("red team: AWS-RunRemoteScript command lines run on instances", () => {
  table(disallowUserdataLoginWeakening, remoteScripts);
});

const probes = probesWith({ onlyUnverifiedNotes: true });

const adminProbes: Probe[] = [
  // known-bad
  {
    name: "spot instance request with a public address and SSH open to the internet",
    build: stack((b, v) => {
      spotRequest(b, v.publicSubnet, group(b, v, "spot", 22, fromAnywhere), "spot", {
        spotPrice: "0.03",
        associatePublicIpAddress: true,
      });
    }),
    violations: 1,
    mentions: "spot",
  },
  {
    name: "EIP association naming the instance's primary interface",
    build: stack((b, v) => {
      const app = publicInstance(b, v, group(b, v, "app", 22, fromAnywhere));
      const ip = b.add(T.eip, "app-ip", { domain: "vpc" });
      b.add(T.eipAssoc, "app-ip", { allocationId: ref(ip), networkInterfaceId: ref(app) });
    }),
    violations: 1,
    mentions: "eip:app-ip",
  },
  {
    name: "EIP whose networkInterface is the instance's primary interface",
    build: stack((b, v) => {
      const app = publicInstance(b, v, group(b, v, "app", 22, fromAnywhere));
      b.add(T.eip, "app-ip", { domain: "vpc", networkInterface: ref(app) });
    }),
    violations: 1,
    mentions: "eip:app-ip",
  },
  {
    name: "EIP association naming a spot instance",
    build: stack((b, v) => {
      const spot = spotRequest(b, v.publicSubnet, group(b, v, "spot", 22, fromAnywhere), "spot");
      const ip = b.add(T.eip, "spot-ip", { domain: "vpc" });
      b.add(T.eipAssoc, "spot-ip", { allocationId: ref(ip), instanceId: ref(spot) });
    }),
    violations: 1,
  },
  {
    name: "NLB forwarding 22 to a group attached to the instance's primary interface",
    build: stack((b, v) => {
      const app = privateInstanceWithAttachedGroup(b, v, group(b, v, "app", 22, fromVpc));
      nlbForwardingToInstance(b, v, 22, app);
    }),
    violations: 1,
  },
  {
    name: "NLB forwarding 22 to a mixed-instances group whose template's group admits the VPC range",
    build: stack((b, v) => {
      const lt = template(b, "workers", group(b, v, "workers", 22, fromVpc));
      const asg = mixedGroup(b, v, [lt]);
      nlbForwardingToGroup(b, v, 22, asg, "workers");
    }),
    violations: 1,
  },
  {
    name: "NLB forwarding 22 to a mixed-instances group whose override template's group admits the VPC range",
    build: stack((b, v, bastionSg) => {
      const main = template(b, "workers", group(b, v, "workers", 22, fromBastion(bastionSg)));
      const arm = template(b, "workers-arm", group(b, v, "workers-arm", 22, fromVpc));
      const asg = mixedGroup(b, v, [main, arm]);
      nlbForwardingToGroup(b, v, 22, asg, "workers");
    }),
    violations: 1,
  },
  {
    name: "mixed-instances group whose template asks for a public address, SSH open to the internet",
    build: stack((b, v) => {
      const lt = templateAskingForAddress(b, group(b, v, "workers", 22, fromAnywhere), "true");
      mixedGroup(b, v, [lt], { vpcZoneIdentifiers: [ref(v.publicSubnet)] });
    }),
    violations: 1,
    mentions: "public-ip:workers",
  },
  // known-good
  {
    name: "spot instance request without a public address",
    build: stack((b, v) => {
      spotRequest(b, v.publicSubnet, group(b, v, "spot", 22, fromAnywhere), "spot", {
        associatePublicIpAddress: false,
      });
    }),
    violations: 0,
  },
  {
    name: "EIP on the primary interface of an instance admitting SSH only from the bastion",
    build: stack((b, v, bastionSg) => {
      const app = publicInstance(b, v, group(b, v, "app", 22, fromBastion(bastionSg)));
      b.add(T.eip, "app-ip", { domain: "vpc", networkInterface: ref(app) });
    }),
    violations: 0,
  },
  {
    name: "NLB forwarding 22 to an instance whose attached group admits only the bastion",
    build: stack((b, v, bastionSg) => {
      const app = privateInstanceWithAttachedGroup(b, v, group(b, v, "app", 22, fromBastion(bastionSg)));
      nlbForwardingToInstance(b, v, 22, app);
    }),
    violations: 0,
  },
  {
    name: "NLB forwarding 22 to a mixed-instances group whose templates admit only the bastion",
    build: stack((b, v, bastionSg) => {
      const main = template(b, "workers", group(b, v, "workers", 22, fromBastion(bastionSg)));
      const arm = template(b, "workers-arm", group(b, v, "workers-arm", 22, fromBastion(bastionSg)));
      const asg = mixedGroup(b, v, [main, arm]);
      nlbForwardingToGroup(b, v, 22, asg, "workers");
    }),
    violations: 0,
  },
  // unknown at preview
  {
    name: "spot instance request whose associatePublicIpAddress is unknown at preview counts as public",
    build: stack((b, v) => {
      spotRequest(b, v.publicSubnet, group(b, v, "spot", 22, fromAnywhere), "spot", {
        associatePublicIpAddress: UNKNOWN,
      });
    }),
    violations: 1,
  },
  {
    name: "mixed-instances group whose template's address choice is unknown at preview counts as public",
    build: stack((b, v) => {
      const lt = templateAskingForAddress(b, group(b, v, "workers", 22, fromAnywhere), UNKNOWN);
      mixedGroup(b, v, [lt], { vpcZoneIdentifiers: [ref(v.publicSubnet)] });
    }),
    violations: 1,
  },
  {
    name: "NLB forwarding 22 to a group whose whole mixed instances policy is unknown at preview",
    build: stack((b, v) => {
      const lt = template(b, "workers", group(b, v, "workers", 22, fromVpc));
      const asg = b.add(T.asg, "workers", {
        vpcZoneIdentifiers: [ref(v.privateSubnet)],
        mixedInstancesPolicy: UNKNOWN,
      });
      // The policy is computed from the template's outputs: its dependencies still name the template.
      asg.propertyDependencies.mixedInstancesPolicy = [lt.urn];
      asg.dependencies.push(lt.urn);
      nlbForwardingToGroup(b, v, 22, asg, "workers");
    }),
    violations: 1,
  },
];

describe("red team: AWS hosts written as spot requests, primary interfaces and mixed-instances groups", () => {
  probes(disallowInternetAdminPortsExceptBastions, adminProbes);
});

const databaseProbes: Probe[] = [
  {
    name: "NLB forwarding 3306 to a mixed-instances group whose template's group admits the VPC range",
    build: stack((b, v) => {
      const lt = template(b, "db", group(b, v, "db", 3306, fromVpc));
      const asg = mixedGroup(b, v, [lt]);
      nlbForwardingToGroup(b, v, 3306, asg, "db");
    }),
    violations: 1,
    mentions: "3306",
  },
  {
    name: "spot instance with a public address and MySQL open to the internet",
    build: stack((b, v) => {
      spotRequest(b, v.publicSubnet, group(b, v, "db", 3306, fromAnywhere), "db", { associatePublicIpAddress: true });
    }),
    violations: 1,
  },
  {
    name: "spot instance with MySQL open only inside the VPC",
    build: stack((b, v) => {
      spotRequest(b, v.publicSubnet, group(b, v, "db", 3306, fromVpc), "db", { associatePublicIpAddress: true });
    }),
    violations: 0,
  },
];

describe("red team: database ports on spot instances and mixed-instances groups", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, databaseProbes);
});

const privateSshProbes: Probe[] = [
  {
    name: "private instance whose attached group admits SSH from the VPC range",
    build: stack((b, v) => {
      privateInstanceWithAttachedGroup(b, v, group(b, v, "app", 22, fromVpc));
    }),
    violations: 1,
  },
  {
    name: "private instance whose attached group admits SSH only from the bastion",
    build: stack((b, v, bastionSg) => {
      privateInstanceWithAttachedGroup(b, v, group(b, v, "app", 22, fromBastion(bastionSg)));
    }),
    violations: 0,
  },
  {
    name: "private spot instance admitting SSH from the VPC range",
    build: stack((b, v) => {
      spotRequest(b, v.privateSubnet, group(b, v, "spot", 22, fromVpc), "spot");
    }),
    violations: 1,
  },
  {
    name: "private spot instance admitting SSH only from the bastion",
    build: stack((b, v, bastionSg) => {
      spotRequest(b, v.privateSubnet, group(b, v, "spot", 22, fromBastion(bastionSg)), "spot");
    }),
    violations: 0,
  },
  {
    name: "mixed-instances group whose override template admits SSH from the VPC range",
    build: stack((b, v, bastionSg) => {
      const main = template(b, "workers", group(b, v, "workers", 22, fromBastion(bastionSg)));
      const arm = template(b, "workers-arm", group(b, v, "workers-arm", 22, fromVpc));
      mixedGroup(b, v, [main, arm]);
    }),
    violations: 1,
  },
  {
    name: "mixed-instances group whose templates admit SSH only from the bastion",
    build: stack((b, v, bastionSg) => {
      const main = template(b, "workers", group(b, v, "workers", 22, fromBastion(bastionSg)));
      mixedGroup(b, v, [main]);
    }),
    violations: 0,
  },
];

describe("red team: SSH to private AWS hosts written as spot requests, attached groups and mixed-instances groups", () => {
  probes(requireBastionOnlySshToPrivateHosts, privateSshProbes);
});
