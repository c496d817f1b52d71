// Spot fleet requests, EC2 Fleets and EMR clusters are hosts: the groups and subnets their launch specifications,
// template configs or `ec2Attributes` name, the address each asks for (or the subnet's), and what is unknown at
// preview standing as an unverified address (a note, never a silent pass).
import { UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import { fleetRegistrations } from "../../lib/reachability/aws/fleet-registrations";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const FLEET = "aws:ec2/fleet:Fleet";
const EMR = "aws:emr/cluster:Cluster";
const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";

type Placement = "public" | "private";

const subnetOf = (v: Vpc, where: Placement) => (where === "public" ? v.publicSubnet : v.privateSubnet);

interface SpecOptions {
  where?: Placement;
  ingress?: unknown[];
  /** Left out when undefined. */
  associatePublicIpAddress?: unknown;
  ipv6?: boolean;
}

/** A spot fleet with one launch specification in `where`, its group admitting `ingress`. */
function specFleet(opts: SpecOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  const sg = b.add(T.sg, "fleet", {
    vpcId: ref(v.vpc),
    ingress: opts.ingress ?? [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
  });
  b.add(SPOT_FLEET, "fleet", {
    iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
    targetCapacity: 2,
    launchSpecifications: [
      {
        ami: "ami-1",
        instanceType: "t3.micro",
        subnetId: ref(subnetOf(v, opts.where ?? "public")),
        vpcSecurityGroupIds: [ref(sg)],
        ...(opts.associatePublicIpAddress === undefined
          ? {}
          : { associatePublicIpAddress: opts.associatePublicIpAddress }),
      },
    ],
  });
  return { b, v, sg };
}

/** A private spot fleet whose group admits SSH only from a bastion's group (or from `source` instead). */
function privateFleetBehindBastion(source?: Record<string, unknown>) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const bastionSg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [tcp(22, { cidrBlocks: ["203.0.113.0/24"] })],
  });
  b.add(T.instance, "bastion", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(bastionSg)],
    associatePublicIpAddress: true,
    tags: { "hardening:role": "bastion" },
  });
  const sg = b.add(T.sg, "fleet", {
    vpcId: ref(v.vpc),
    ingress: [tcp(22, source ?? { securityGroups: [ref(bastionSg)] })],
  });
  b.add(SPOT_FLEET, "fleet", {
    iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
    targetCapacity: 2,
    launchSpecifications: [
      { ami: "ami-1", instanceType: "t3.micro", subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] },
    ],
  });
  return b;
}

interface TemplateOptions {
  type?: typeof SPOT_FLEET | typeof FLEET;
  where?: Placement;
  /** The template's interface asks for a public address. */
  publicAddress?: boolean;
  /** The whole `launchTemplateConfigs` list is unknown at preview (its dependencies still name the template). */
  unknownConfigs?: boolean;
}

/** A fleet launching from a launch template whose interface carries an SSH-open group, into an override subnet. */
function templateFleet(opts: TemplateOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "fleet", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] });
  const lt = b.add(T.lt, "fleet-lt", {
    imageId: "ami-1",
    networkInterfaces: [
      { securityGroups: [ref(sg)], ...(opts.publicAddress ? { associatePublicIpAddress: "true" } : {}) },
    ],
  });
  const type = opts.type ?? SPOT_FLEET;
  const spec =
    type === SPOT_FLEET ? { id: ref(lt), version: "$Latest" } : { launchTemplateId: ref(lt), version: "$Latest" };
  const fleet = b.add(type, "fleet", {
    ...(type === SPOT_FLEET
      ? { iamFleetRole: "arn:aws:iam::123456789012:role/fleet", targetCapacity: 2 }
      : { targetCapacitySpecification: { defaultTargetCapacityType: "spot", totalTargetCapacity: 2 } }),
    launchTemplateConfigs: [
      { launchTemplateSpecification: spec, overrides: [{ subnetId: ref(subnetOf(v, opts.where ?? "public")) }] },
    ],
  });
  if (opts.unknownConfigs) fleet.inputs.launchTemplateConfigs = UNKNOWN;
  return b;
}

interface EmrOptions {
  where?: Placement;
  /** Ingress of the additional master group. */
  masterIngress?: unknown[];
  /** Ingress of the EMR-managed slave group. */
  slaveIngress?: unknown[];
  /** The whole `ec2Attributes` block unknown at preview (its dependencies still name the groups and subnet). */
  unknownAttributes?: boolean;
}

function emrCluster(opts: EmrOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const managed = b.add(T.sg, "emr-master", {
    vpcId: ref(v.vpc),
    ingress: [tcp(8443, { cidrBlocks: ["10.0.0.0/16"] })],
  });
  const slave = b.add(T.sg, "emr-slave", { vpcId: ref(v.vpc), ingress: opts.slaveIngress ?? [] });
  const extra = b.add(T.sg, "emr-ssh", {
    vpcId: ref(v.vpc),
    ingress: opts.masterIngress ?? [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
  });
  const cluster = b.add(EMR, "analytics", {
    releaseLabel: "emr-7.0.0",
    serviceRole: "arn:aws:iam::123456789012:role/emr",
    ec2Attributes: {
      instanceProfile: "arn:aws:iam::123456789012:instance-profile/emr",
      subnetId: ref(subnetOf(v, opts.where ?? "public")),
      emrManagedMasterSecurityGroup: ref(managed),
      emrManagedSlaveSecurityGroup: ref(slave),
      additionalMasterSecurityGroups: ref(extra),
    },
  });
  if (opts.unknownAttributes) cluster.inputs.ec2Attributes = UNKNOWN;
  return b;
}

/**
 * A private fleet registered with an internet ALB's target group `admin` that forwards to `targetPort` (its group
 * admits the VPC). An ALB carries only HTTP, so WinRM (5985) is the admin port it can put on the internet.
 */
function fleetBehindAlb(targetPort = 22) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const lbSg = b.add(T.sg, "alb", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
  const sg = b.add(T.sg, "fleet", { vpcId: ref(v.vpc), ingress: [tcp(targetPort, { cidrBlocks: ["10.0.0.0/16"] })] });
  const lb = b.add(T.lb, "alb", { securityGroups: [ref(lbSg)], subnets: [ref(v.publicSubnet)] });
  const tg = b.add(T.tg, "admin", { port: targetPort, protocol: "HTTP", vpcId: ref(v.vpc) });
  b.add(T.listener, "https", {
    loadBalancerArn: ref(lb),
    port: 443,
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  const fleet = b.add(SPOT_FLEET, "fleet", {
    iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
    targetCapacity: 2,
    targetGroupArns: [ref(tg)],
    launchSpecifications: [
      { ami: "ami-1", instanceType: "t3.micro", subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] },
    ],
  });
  return { b, tg, fleet };
}

describe("disallow-internet-admin-ports-except-bastions: spot fleet launch specifications", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: a public address in a public subnet, SSH open to the internet",
      build: () => specFleet({ associatePublicIpAddress: true }).b,
      violations: 1,
      says: "public-ip:fleet → rtb:public → subnet:public-a → nacl:default allow → sg:fleet rule",
    },
    {
      name: "bad: the address choice unknown at preview counts as public",
      build: () => specFleet({ associatePublicIpAddress: UNKNOWN }).b,
      violations: 1,
    },
    {
      name: "bad: a port range 20-30 covers SSH",
      build: () =>
        specFleet({
          associatePublicIpAddress: true,
          ingress: [{ protocol: "tcp", fromPort: 20, toPort: 30, cidrBlocks: ["0.0.0.0/0"] }],
        }).b,
      violations: 1,
    },
    {
      name: "bad: protocol -1 opens every port, every admin port",
      build: () =>
        specFleet({
          associatePublicIpAddress: true,
          ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        }).b,
      violations: 5,
    },
    {
      name: "bad: IPv6 from ::/0 through the subnet's IPv6 address, no IPv4 address asked for",
      build: () => specFleet({ ipv6: true, ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] }).b,
      violations: 1,
      says: "::/0",
    },
    {
      name: "bad: SSH opened by a separate rule resource",
      build: () => {
        const { b, sg } = specFleet({ associatePublicIpAddress: true, ingress: [] });
        b.add(T.sgRule, "fleet-ssh", {
          type: "ingress",
          securityGroupId: ref(sg),
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrBlocks: ["0.0.0.0/0"],
        });
        return b;
      },
      violations: 1,
    },
    {
      name: "good: the same fleet in a private subnet (NAT route only)",
      build: () => specFleet({ associatePublicIpAddress: true, where: "private" }).b,
      violations: 0,
    },
    {
      name: "good: no address asked for, the public subnet maps none",
      build: () => specFleet().b,
      violations: 0,
    },
    {
      name: "good: false and unset alike leave it to the subnet, which maps none",
      build: () => specFleet({ associatePublicIpAddress: false }).b,
      violations: 0,
    },
    {
      name: "good: public, but SSH only from an office block",
      build: () => specFleet({ associatePublicIpAddress: true, ingress: [tcp(22, { cidrBlocks: ["10.0.0.0/8"] })] }).b,
      violations: 0,
    },
    {
      name: "note: the launch specifications unknown at preview may ask for an address",
      build: () => {
        const { b } = specFleet({ associatePublicIpAddress: true });
        const fleet = b.resources.find((r) => r.type === SPOT_FLEET)!;
        fleet.inputs.launchSpecifications = UNKNOWN;
        return b;
      },
      violations: 0,
      notes: 1,
      label: "public-ip:fleet (launchSpecifications unknown at preview)",
    },
    {
      name: "note: one launch specification unknown at preview",
      build: () => {
        const { b } = specFleet({ associatePublicIpAddress: false });
        const fleet = b.resources.find((r) => r.type === SPOT_FLEET)!;
        fleet.inputs.launchSpecifications = [UNKNOWN];
        return b;
      },
      violations: 0,
      notes: 1,
      label: "launchSpecifications[0] unknown at preview",
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: fleets launched from templates", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: spot fleet template config, the template asks for a public address, public override subnet",
      build: () => templateFleet({ publicAddress: true }),
      violations: 1,
      says: "public-ip:fleet-lt",
    },
    {
      name: "bad: ec2.Fleet through a launch template with a public address",
      build: () => templateFleet({ type: FLEET, publicAddress: true }),
      violations: 1,
      says: "public-ip:fleet-lt",
    },
    {
      name: "good: ec2.Fleet, the template asks for an address but the override subnet is private",
      build: () => templateFleet({ type: FLEET, publicAddress: true, where: "private" }),
      violations: 0,
    },
    {
      name: "good: spot fleet template with no address, public subnet mapping none",
      build: () => templateFleet(),
      violations: 0,
    },
    {
      name: "note: ec2.Fleet's template configs unknown at preview",
      build: () => templateFleet({ type: FLEET, unknownConfigs: true }),
      violations: 0,
      notes: 1,
      label: "public-ip:fleet (launchTemplateConfigs unknown at preview)",
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: EMR clusters", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: master in a public subnet, an additional master group admits 22 from anywhere",
      build: () => emrCluster(),
      violations: 1,
      says: "public-ip:analytics (EMR node in a public subnet) → rtb:public → subnet:public-a → nacl:default allow → sg:emr-ssh rule",
    },
    {
      name: "bad: core nodes in a public subnet get addresses too; their managed group opens SSH",
      build: () => emrCluster({ masterIngress: [], slaveIngress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] }),
      violations: 1,
      says: "sg:emr-slave",
    },
    {
      name: "good: the same cluster in a private subnet",
      build: () => emrCluster({ where: "private" }),
      violations: 0,
    },
    {
      name: "good: public subnet, SSH only from the VPC",
      build: () => emrCluster({ masterIngress: [tcp(22, { cidrBlocks: ["10.0.0.0/16"] })] }),
      violations: 0,
    },
    {
      name: "bad: ec2Attributes unknown at preview still names its groups and subnet through dependencies",
      build: () => emrCluster({ unknownAttributes: true }),
      violations: 1,
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: fleets behind balancers", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: an internet ALB's target group forwards to 5985 (WinRM) on the fleet",
      build: () => fleetBehindAlb(5985).b,
      violations: 1,
      says: "tg:admin",
    },
    {
      name: "good: the target group forwards to 8080",
      build: () => fleetBehindAlb(8080).b,
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: fleets and EMR", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "good: a private spot fleet admits SSH only from the bastion's group",
      build: () => privateFleetBehindBastion(),
      violations: 0,
    },
    {
      name: "bad: a private spot fleet admits SSH from a VPC block",
      build: () => privateFleetBehindBastion({ cidrBlocks: ["10.0.0.0/16"] }),
      violations: 1,
      mentions: "fleet",
    },
    {
      name: "bad: a private EMR master admits SSH from the VPC",
      build: () => emrCluster({ where: "private", masterIngress: [tcp(22, { cidrBlocks: ["10.0.0.0/16"] })] }),
      violations: 1,
      mentions: "analytics",
    },
  ]);
});

describe("fleet and EMR hosts in the model", () => {
  it("a spot fleet host unites its specifications' subnets and groups", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const a = b.add(T.sg, "a", { vpcId: ref(v.vpc) });
    const c = b.add(T.sg, "c", { vpcId: ref(v.vpc) });
    const fleet = b.add(SPOT_FLEET, "fleet", {
      name: "fleet",
      launchSpecifications: [
        { ami: "ami-1", subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(a)] },
        { ami: "ami-1", subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(c)] },
      ],
    });
    const host = buildNetworkModel(b.resources).hosts.get(fleet.urn)!;
    expect(host.subnets.sort()).toEqual([v.publicSubnet.urn, v.privateSubnet.urn].sort());
    expect(host.securityGroups.sort()).toEqual([a.urn, c.urn].sort());
    expect(host.publicV4).toEqual([]);
  });

  it("a launch specification's subnetId may list several subnets, separated by commas", () => {
    const b = new StackBuilder();
    const fleet = b.add(SPOT_FLEET, "fleet", {
      launchSpecifications: [{ ami: "ami-1", subnetId: "subnet-0a1, subnet-0b2", associatePublicIpAddress: true }],
    });
    const host = buildNetworkModel(b.resources).hosts.get(fleet.urn)!;
    expect(host.externalSubnets).toEqual(["subnet-0a1", "subnet-0b2"]);
    expect(host.defaultSubnet).toBe(false);
    expect(host.publicV4.map((a) => a.label)).toEqual(["public-ip:fleet"]);
  });

  it("a launch specification naming no group, or one of an auto-scaling group's templates, adds the default group", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const dflt = b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", { vpcId: ref(v.vpc) });
    const named = b.add(T.sg, "named", { vpcId: ref(v.vpc) });
    const fleet = b.add(SPOT_FLEET, "fleet", {
      launchSpecifications: [
        { ami: "ami-1", subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(named)] },
        { ami: "ami-1", subnetId: ref(v.privateSubnet) },
      ],
    });
    const withGroup = b.add(T.lt, "with-group", { vpcSecurityGroupIds: [ref(named)] });
    const without = b.add(T.lt, "without", { imageId: "ami-1" });
    const asg = b.add(T.asg, "mixed", {
      vpcZoneIdentifiers: [ref(v.privateSubnet)],
      mixedInstancesPolicy: {
        launchTemplate: {
          launchTemplateSpecification: { launchTemplateId: ref(withGroup) },
          overrides: [{ launchTemplateSpecification: { launchTemplateId: ref(without) } }],
        },
      },
    });
    const m = buildNetworkModel(b.resources);
    expect(m.hosts.get(fleet.urn)!.securityGroups.sort()).toEqual([named.urn, dflt.urn].sort());
    expect(m.hosts.get(asg.urn)!.securityGroups.sort()).toEqual([named.urn, dflt.urn].sort());
  });

  it("a template config without an override subnet launches where the template's interface says", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const lt = b.add(T.lt, "lt", { networkInterfaces: [{ subnetId: ref(v.privateSubnet) }] });
    const fleet = b.add(FLEET, "fleet", {
      launchTemplateConfigs: [{ launchTemplateSpecification: { launchTemplateId: ref(lt), version: "1" } }],
    });
    const host = buildNetworkModel(b.resources).hosts.get(fleet.urn)!;
    expect(host.subnets).toEqual([v.privateSubnet.urn]);
    expect(host.defaultSubnet).toBe(false);
  });

  it("EMR reads comma-separated additional groups and leaves the service-access group off the nodes", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const one = b.add(T.sg, "one", { name: "emr-one", vpcId: ref(v.vpc) });
    const two = b.add(T.sg, "two", { name: "emr-two", vpcId: ref(v.vpc) });
    b.add(T.sg, "service", { name: "emr-service", vpcId: ref(v.vpc) });
    const cluster = b.add(EMR, "analytics", {
      ec2Attributes: {
        subnetIds: ["subnet-outside"],
        additionalMasterSecurityGroups: "emr-one, emr-two",
        serviceAccessSecurityGroup: "emr-service",
      },
    });
    const host = buildNetworkModel(b.resources).hosts.get(cluster.urn)!;
    expect(host.securityGroups.sort()).toEqual([one.urn, two.urn].sort());
    expect(host.externalSubnets).toEqual(["subnet-outside"]);
  });

  it("a spot fleet's target groups and classic ELBs list it as theirs", () => {
    const { b, tg, fleet } = fleetBehindAlb(22);
    const elb = b.add(CLASSIC_ELB, "legacy", {
      listeners: [{ lbPort: 22, instancePort: 22, lbProtocol: "tcp", instanceProtocol: "tcp" }],
    });
    fleet.inputs.loadBalancers = [UNKNOWN];
    fleet.propertyDependencies.loadBalancers = [elb.urn];
    const registered = fleetRegistrations(buildNetworkModel(b.resources));
    expect(registered.targetGroups.get(tg.urn)).toEqual([fleet.urn]);
    expect(registered.classicLbs.get(elb.urn)).toEqual([fleet.urn]);
  });

  it("a fleet in a private subnet has no internet row of its own", () => {
    const rows = internetExposures(buildNetworkModel(specFleet({ where: "private" }).b.resources));
    expect(rows.filter((e) => e.name === "fleet")).toEqual([]);
  });
});
