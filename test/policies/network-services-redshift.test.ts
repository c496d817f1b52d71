// ECS services in awsvpc mode (their tasks are hosts: public with assignPublicIp in a subnet routed to an internet
// gateway) and Redshift clusters (databases: public with publiclyAccessible, on 5439 unless `port` says otherwise),
// under the network stack rules. One row per probe: the violations and notes each stack gives.
import { UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, Vpc, vpcWithSubnets } from "../reachability/aws-fixtures";
import { StackBuilder, knownRef, ref } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { tcp } from "../reachability/tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const ECS_SERVICE = "aws:ecs/service:Service";
const REDSHIFT = "aws:redshift/cluster:Cluster";
const REDSHIFT_SUBNETS = "aws:redshift/subnetGroup:SubnetGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

interface ServiceOptions {
  private?: boolean;
  /** networkConfiguration fields besides subnets and securityGroups. */
  network?: Record<string, unknown>;
  /** No security group: the VPC's default group (declared with `ingress`). */
  defaultGroup?: boolean;
  /** Replaces the whole networkConfiguration (left out when null). */
  config?: (v: Vpc, sg: unknown) => unknown;
}

/** A Fargate service in the public (or private) subnet behind one group admitting `ingress`. */
function serviceStack(ingress: Record<string, unknown>[], opts: ServiceOptions = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = opts.defaultGroup
    ? b.add(DEFAULT_SG, "default", { vpcId: ref(v.vpc), ingress })
    : b.add(T.sg, "api", { vpcId: ref(v.vpc), ingress });
  const subnet = opts.private ? v.privateSubnet : v.publicSubnet;
  const config = opts.config
    ? opts.config(v, ref(sg))
    : {
        subnets: [ref(subnet)],
        ...(opts.defaultGroup ? {} : { securityGroups: [ref(sg)] }),
        ...opts.network,
      };
  b.add(ECS_SERVICE, "api", {
    cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/main",
    launchType: "FARGATE",
    desiredCount: 2,
    ...(config === null ? {} : { networkConfiguration: config }),
  });
  return b;
}

const publicIp = { assignPublicIp: true };

/** A service whose whole networkConfiguration is unknown at preview, depending on the public subnet and the group. */
function unknownConfigStack(ingress: Record<string, unknown>[]): StackBuilder {
  const b = serviceStack(ingress, { network: publicIp });
  const service = b.resources.find((r) => r.type === ECS_SERVICE)!;
  service.inputs.networkConfiguration = UNKNOWN;
  return b;
}

const adminProbes: Probe[] = [
  // known-bad
  {
    name: "Fargate service with a public IP in a public subnet, 22 open to the world",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { network: publicIp }),
    violations: 1,
    mentions: "public-ip:api → rtb:public → subnet:public-a",
  },
  {
    name: "service open on every port (-1): each admin port",
    build: () =>
      serviceStack([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }], { network: publicIp }),
    violations: 5,
  },
  {
    name: "service naming no group: the VPC's default group opens 22",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { network: publicIp, defaultGroup: true }),
    violations: 1,
    mentions: "sg:default",
  },
  {
    name: "assignPublicIp unknown at preview counts as public",
    build: () => serviceStack([tcp(3389, { cidrBlocks: ["0.0.0.0/0"] })], { network: { assignPublicIp: UNKNOWN } }),
    violations: 1,
  },
  {
    name: "subnet id known as a dependency and the group's too",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      const sg = b.add(T.sg, "api", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] });
      b.add(ECS_SERVICE, "api", {
        networkConfiguration: {
          subnets: [knownRef(v.publicSubnet, "subnet-0pub")],
          securityGroups: [knownRef(sg, "sg-0api")],
          assignPublicIp: true,
        },
      });
      return b;
    },
    violations: 1,
  },
  // known-good
  {
    name: "assignPublicIp false in a public subnet",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { network: { assignPublicIp: false } }),
    violations: 0,
  },
  {
    name: "assignPublicIp absent in a private subnet",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { private: true }),
    violations: 0,
  },
  {
    name: "assignPublicIp true in a private subnet routed to a NAT gateway",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { private: true, network: publicIp }),
    violations: 0,
  },
  {
    name: "public service whose group admits 22 from the VPC only",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["10.0.0.0/16"] })], { network: publicIp }),
    violations: 0,
  },
  {
    name: "public service naming no group, the VPC default group not managed by the stack (subnet id known)",
    build: () =>
      serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], {
        config: (v) => ({ subnets: [knownRef(v.publicSubnet, "subnet-0pub")], assignPublicIp: true }),
      }),
    violations: 0,
  },
  {
    name: "service without networkConfiguration (bridge mode on container instances)",
    build: () => serviceStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], { config: () => null }),
    violations: 0,
  },
  // unknown values at preview
  {
    name: "group rule CIDR unknown at preview on a public service",
    build: () => serviceStack([tcp(22, { cidrBlocks: [UNKNOWN] })], { network: publicIp }),
    violations: 0,
    notes: 1,
    label: "CIDR unknown at preview",
  },
  {
    name: "whole networkConfiguration unknown at preview",
    build: () => unknownConfigStack([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]),
    violations: 0,
    notes: 1,
    label: "networkConfiguration unknown at preview",
  },
];

describe("disallow-internet-admin-ports-except-bastions: ECS services", () => {
  probes(disallowInternetAdminPortsExceptBastions, adminProbes);
});

describe("require-bastion-only-ssh-to-private-hosts: ECS services", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "private service admitting SSH from a CIDR block",
      build: () => serviceStack([tcp(22, { cidrBlocks: ["10.0.0.0/8"] })], { private: true }),
      violations: 1,
      mentions: "10.0.0.0/8",
    },
    {
      name: "private service admitting nothing on 22",
      build: () => serviceStack([tcp(8080, { cidrBlocks: ["10.0.0.0/8"] })], { private: true }),
      violations: 0,
    },
  ]);
});

interface ClusterOptions {
  private?: boolean;
  /** Redshift cluster inputs besides the subnet group and groups. */
  cluster?: Record<string, unknown>;
  /** Name the subnet group by its known name instead of a reference. */
  byName?: boolean;
}

/** A Redshift cluster in a subnet group of the public (or private) subnet behind one group admitting `ingress`. */
function redshiftStack(ingress: Record<string, unknown>[], opts: ClusterOptions = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "warehouse", { vpcId: ref(v.vpc), ingress });
  const subnets = b.add(REDSHIFT_SUBNETS, "warehouse", {
    name: "warehouse-subnets",
    subnetIds: [ref(opts.private ? v.privateSubnet : v.publicSubnet)],
  });
  b.add(REDSHIFT, "warehouse", {
    clusterIdentifier: "warehouse",
    nodeType: "ra3.xlplus",
    masterUsername: "admin",
    manageMasterPassword: true,
    clusterSubnetGroupName: opts.byName ? "warehouse-subnets" : ref(subnets),
    vpcSecurityGroupIds: [ref(sg)],
    ...opts.cluster,
  });
  return b;
}

const open5439 = [tcp(5439, { cidrBlocks: ["0.0.0.0/0"] })];
const publicCluster = { publiclyAccessible: true };

describe("disallow-internet-database-and-high-risk-ports: ECS services and Redshift clusters", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    // ECS services
    {
      name: "public Fargate service with 3306 open to the world",
      build: () => serviceStack([tcp(3306, { cidrBlocks: ["0.0.0.0/0"] })], { network: publicIp }),
      violations: 1,
      mentions: "3306",
    },
    {
      name: "public Fargate service with 3306 open over a port range 3300-3310",
      build: () =>
        serviceStack([{ protocol: "tcp", fromPort: 3300, toPort: 3310, cidrBlocks: ["0.0.0.0/0"] }], {
          network: publicIp,
        }),
      violations: 1,
    },
    {
      name: "private Fargate service with 3306 open to the world",
      build: () => serviceStack([tcp(3306, { cidrBlocks: ["0.0.0.0/0"] })], { private: true }),
      violations: 0,
    },
    // Redshift: known-bad
    {
      name: "public Redshift cluster in public subnets, 5439 open to the world",
      build: () => redshiftStack(open5439, { cluster: publicCluster }),
      violations: 1,
      mentions: "public-endpoint:warehouse → rtb:public → subnet:public-a",
    },
    {
      name: "public Redshift cluster, subnet group named by its known name",
      build: () => redshiftStack(open5439, { cluster: publicCluster, byName: true }),
      violations: 1,
      mentions: "redshift:warehouse:5439",
    },
    {
      name: "publiclyAccessible unknown at preview counts as public",
      build: () => redshiftStack(open5439, { cluster: { publiclyAccessible: UNKNOWN } }),
      violations: 1,
    },
    {
      name: "public Redshift cluster on its own port 5440",
      build: () =>
        redshiftStack([tcp(5440, { cidrBlocks: ["0.0.0.0/0"] })], { cluster: { ...publicCluster, port: 5440 } }),
      violations: 1,
      mentions: "5440",
    },
    {
      name: "public Redshift cluster behind a group open on every protocol (-1)",
      build: () =>
        redshiftStack([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }], {
          cluster: publicCluster,
        }),
      violations: 1,
    },
    {
      name: "public Redshift cluster open over IPv4 halves 0.0.0.0/1 and 128.0.0.0/1",
      build: () => redshiftStack([tcp(5439, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })], { cluster: publicCluster }),
      violations: 2,
    },
    // Redshift: known-good
    {
      name: "publiclyAccessible false",
      build: () => redshiftStack(open5439, { cluster: { publiclyAccessible: false } }),
      violations: 0,
    },
    {
      name: "publiclyAccessible absent (the provider's default is false)",
      build: () => redshiftStack(open5439),
      violations: 0,
    },
    {
      name: "public flag on a cluster in private subnets",
      build: () => redshiftStack(open5439, { cluster: publicCluster, private: true }),
      violations: 0,
    },
    {
      name: "public cluster whose group admits 5439 from the VPC only",
      build: () => redshiftStack([tcp(5439, { cidrBlocks: ["10.0.0.0/16"] })], { cluster: publicCluster }),
      violations: 0,
    },
    {
      name: "public cluster on 5440 whose group opens 5439 only",
      build: () => redshiftStack(open5439, { cluster: { ...publicCluster, port: 5440 } }),
      violations: 0,
    },
    // unknown values at preview
    {
      name: "public cluster whose group rule CIDR is unknown at preview",
      build: () => redshiftStack([tcp(5439, { cidrBlocks: [UNKNOWN] })], { cluster: publicCluster }),
      violations: 0,
      notes: 1,
      label: "CIDR unknown at preview",
    },
  ]);
});
