// An auto-scaling group launched from a launch configuration (no launch template) is a host: the configuration's
// security groups and its address choice (`associatePublicIpAddress` true or unknown: public; false: none, whatever
// the subnet maps; unset: the subnet decides), in the group's subnets.
import { UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

interface Options {
  ingress?: unknown[];
  /** The configuration's own address choice; left out when undefined. */
  associatePublicIpAddress?: unknown;
  /** Whether the group's subnet maps a public address on launch. */
  mapping?: boolean;
  /** Name no group on the configuration (the VPC's default group applies). */
  noGroups?: boolean;
}

function launched(opts: Options = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const subnet = opts.mapping
    ? b.add(T.subnet, "public-mapping", { vpcId: ref(v.vpc), cidrBlock: "10.0.3.0/24", mapPublicIpOnLaunch: true })
    : v.publicSubnet;
  if (opts.mapping) b.add(T.rta, "public-mapping", { subnetId: ref(subnet), routeTableId: ref(v.publicRtb) });
  const ingress = opts.ingress ?? [tcp(22, { cidrBlocks: ["0.0.0.0/0"] }), tcp(3306, { cidrBlocks: ["0.0.0.0/0"] })];
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  const lc = b.add(LAUNCH_CONFIGURATION, "web", {
    imageId: "ami-1",
    instanceType: "t3.micro",
    ...(opts.noGroups ? {} : { securityGroups: [ref(sg)] }),
    ...(opts.associatePublicIpAddress === undefined ? {} : { associatePublicIpAddress: opts.associatePublicIpAddress }),
  });
  b.add(T.asg, "web", { launchConfiguration: ref(lc), vpcZoneIdentifiers: [ref(subnet)] });
  return b;
}

describe("disallow-internet-admin-ports-except-bastions: groups launched from a launch configuration", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: the configuration asks for a public address, its group opens SSH",
      build: () => launched({ associatePublicIpAddress: true }),
      violations: 1,
      says: "public-ip:web",
    },
    {
      name: "bad: the configuration's address choice unknown at preview counts as public",
      build: () => launched({ associatePublicIpAddress: UNKNOWN }),
      violations: 1,
    },
    {
      name: "bad: no choice of its own, in a subnet mapping public addresses",
      build: () => launched({ mapping: true }),
      violations: 1,
      says: "public-ip:public-mapping",
    },
    {
      name: "good: the configuration refuses a public address in a subnet that maps one",
      build: () => launched({ associatePublicIpAddress: false, mapping: true }),
      violations: 0,
    },
    {
      name: "good: no choice of its own, in a subnet mapping none",
      build: () => launched(),
      violations: 0,
    },
    {
      name: "good: public, but the group admits only HTTPS",
      build: () => launched({ associatePublicIpAddress: true, ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] }),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: groups launched from a launch configuration", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: MySQL open on a public configuration",
      build: () => launched({ associatePublicIpAddress: true }),
      violations: 1,
    },
    {
      name: "good: MySQL open only to the VPC",
      build: () => launched({ associatePublicIpAddress: true, ingress: [tcp(3306, { cidrBlocks: ["10.0.0.0/16"] })] }),
      violations: 0,
    },
  ]);
});
