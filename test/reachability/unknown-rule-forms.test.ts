// Forms the model cannot read at preview: a security group's whole ingress list (or one inline rule), a rule's type,
// an interface's IPv6 address count or list. Each may open a port, so what it may admit is reported as unverified (a
// note, mandatory with failClosed), labelled with what was unknown; the same resources with known safe values, and an
// unknown list on a group nothing internet-facing carries, report nothing.
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { aliPublic } from "./alicloud-public-host";
import { StackBuilder, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const RULES = "(rules unknown at preview)";
const ONE_RULE = "(rule unknown at preview)";
const TYPE = "(rule type unknown at preview)";
const COUNT = "(ipv6AddressCount unknown at preview)";
const ADDRESSES = "(ipv6Addresses unknown at preview)";
const INTERFACES = "(networkInterfaces unknown at preview)";

interface HostOptions {
  /** Inputs of the instance beyond its subnet and group (IPv6 fields). */
  instance?: Record<string, unknown>;
  /** No EIP: the host is internet-facing over IPv6 only, if at all. */
  noPublicV4?: boolean;
  /** Subnet: private (no route to the internet gateway). */
  privateSubnet?: boolean;
  /** Separate rule resources on the group. */
  rules?: (b: StackBuilder, sg: GenericResource, v: Vpc) => void;
}

/** A dual-stack VPC (0.0.0.0/0 and ::/0 → igw) with one instance carrying one group whose inline list is `ingress`. */
function awsHost(ingress: unknown, opts: HostOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: true });
  // The fixture's public subnet assigns IPv6 on creation: this one leaves it to the instance.
  const subnet = opts.privateSubnet
    ? v.privateSubnet
    : b.add(T.subnet, "public-b", { vpcId: ref(v.vpc), cidrBlock: "10.0.2.0/24", assignIpv6AddressOnCreation: false });
  if (!opts.privateSubnet) b.add(T.rta, "public-b", { subnetId: ref(subnet), routeTableId: ref(v.publicRtb) });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ...(ingress === undefined ? {} : { ingress }) });
  opts.rules?.(b, sg, v);
  const web = b.add(T.instance, "web", { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)], ...opts.instance });
  if (!opts.noPublicV4 && !opts.privateSubnet) b.add(T.eip, "web-ip", { instance: ref(web) });
  return b;
}

/** A host whose group has one separate `SecurityGroupRule` of `inputs`. */
function awsHostWithRule(inputs: Record<string, unknown>, opts: HostOptions = {}) {
  return awsHost([], {
    ...opts,
    rules: (b, sg) => b.add(T.sgRule, "rule", { securityGroupId: ref(sg), ...inputs }),
  });
}

/** A host with no public IPv4 address whose group admits SSH from anywhere over IPv6 only. */
function v6OnlyHost(instance: Record<string, unknown>) {
  return awsHost([tcp(22, { ipv6CidrBlocks: ["::/0"] })], { noPublicV4: true, instance });
}

/** An ENI (with `eni` inputs) attached to an instance with no public IPv4 address; its group admits SSH over IPv6. */
function awsEniHost(eni: Record<string, unknown>) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: true });
  const subnet = b.add(T.subnet, "public-b", { vpcId: ref(v.vpc), cidrBlock: "10.0.2.0/24" });
  b.add(T.rta, "public-b", { subnetId: ref(subnet), routeTableId: ref(v.publicRtb) });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] });
  const ni = b.add("aws:ec2/networkInterface:NetworkInterface", "web-eni", {
    subnetId: ref(subnet),
    securityGroups: [ref(sg)],
    ...eni,
  });
  b.add(T.instance, "web", { networkInterfaces: [{ networkInterfaceId: ref(ni), deviceIndex: 0 }] });
  return b;
}

/** An auto-scaling group whose launch template's interfaces are `networkInterfaces`; its group admits IPv6 SSH. */
function awsScalingGroup(networkInterfaces: unknown) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: true });
  const subnet = b.add(T.subnet, "public-b", { vpcId: ref(v.vpc), cidrBlock: "10.0.2.0/24" });
  b.add(T.rta, "public-b", { subnetId: ref(subnet), routeTableId: ref(v.publicRtb) });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] });
  const lt = b.add(T.lt, "web", { vpcSecurityGroupIds: [ref(sg)], networkInterfaces });
  b.add(T.asg, "web", { launchTemplate: { id: ref(lt) }, vpcZoneIdentifiers: [ref(subnet)] });
  return b;
}

/** An internet-facing ALB whose group's inline list is `ingress`, forwarding 443 to a private host on `port`. */
function awsBalancer(ingress: unknown, port: number) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const lbSg = b.add(T.sg, "lb", { vpcId: ref(v.vpc), ingress });
  const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(port, { cidrBlocks: ["10.0.0.0/16"] })] });
  const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
  const lb = b.add(T.lb, "alb", { internal: false, securityGroups: [ref(lbSg)], subnets: [ref(v.publicSubnet)] });
  const tg = b.add(T.tg, "tg", { port, protocol: "HTTP", vpcId: ref(v.vpc) });
  b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
  b.add(T.listener, "https", {
    loadBalancerArn: ref(lb),
    port: 443,
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  return b;
}

/** Only "cannot be verified" advisories are notes, and with failClosed each note says it is failing closed. */
const probes = probesWith({ onlyUnverifiedNotes: true, failClosedSaysSo: true });

describe("disallow-internet-admin-ports-except-bastions: unknown rule forms", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    // Rule lists and rules unknown at preview: any port from any address of both families.
    {
      name: "a group's whole ingress list unknown on a host with an EIP: every admin port over IPv4",
      build: () => awsHost(UNKNOWN),
      violations: 0,
      notes: 5,
      label: RULES,
    },
    {
      name: "a group's whole ingress list unknown on a dual-stack host: both families",
      build: () => awsHost(UNKNOWN, { instance: { ipv6AddressCount: 1 } }),
      violations: 0,
      notes: 10,
      label: RULES,
    },
    {
      name: "a whole ingress list unknown as the array sentinel",
      build: () => awsHost("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"),
      violations: 0,
      notes: 5,
      label: RULES,
    },
    {
      name: "one inline rule unknown beside a known HTTPS rule",
      build: () => awsHost([tcp(443, { cidrBlocks: ["0.0.0.0/0"] }), UNKNOWN]),
      violations: 0,
      notes: 5,
      label: ONE_RULE,
    },
    {
      name: "an unknown list beside a known SSH rule resource: the known rule stays a violation",
      build: () => awsHost(UNKNOWN, { rules: (b, sg) => b.add(T.sgRule, "ssh", sshRule(sg, "ingress")) }),
      violations: 1,
      notes: 5,
    },
    {
      name: "known safe list (HTTPS only): nothing",
      build: () => awsHost([tcp(443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })]),
      violations: 0,
    },
    {
      name: "an empty list: nothing",
      build: () => awsHost([]),
      violations: 0,
    },
    {
      name: "an unknown list on a host in a private subnet without a public address: nothing",
      build: () => awsHost(UNKNOWN, { privateSubnet: true }),
      violations: 0,
    },
    {
      name: "an unknown list on a group no host carries: nothing",
      build: () => {
        const b = awsHost([]);
        b.add(T.sg, "spare", { vpcId: "vpc-0abc", ingress: UNKNOWN });
        return b;
      },
      violations: 0,
    },
    // The balancer is an ALB, which carries only HTTP: WinRM (5985) is the admin port it can reach, SSH it cannot.
    {
      name: "an unknown list on an internet-facing balancer's group: its listener and target rows are unverified",
      build: () => awsBalancer(UNKNOWN, 5985),
      violations: 0,
      notes: 1,
      label: RULES,
    },
    {
      name: "a known HTTPS-only balancer group forwarding to 5985 (WinRM): a violation (unchanged)",
      build: () => awsBalancer([tcp(443, { cidrBlocks: ["0.0.0.0/0"] })], 5985),
      violations: 1,
    },
    // A rule resource whose type is unknown at preview may be ingress.
    {
      name: "SecurityGroupRule of unknown type admitting 22 from anywhere",
      build: () => awsHostWithRule({ type: UNKNOWN, ...tcp(22, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
      notes: 1,
      label: TYPE,
    },
    {
      name: "SecurityGroupRule of unknown type admitting all protocols over IPv6 on a dual-stack host",
      build: () =>
        awsHostWithRule(
          { type: UNKNOWN, protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] },
          { instance: { ipv6AddressCount: 1 } },
        ),
      violations: 0,
      notes: 5,
      label: TYPE,
    },
    {
      name: "SecurityGroupRule of unknown type and unknown CIDR: one note naming both",
      build: () => awsHostWithRule({ type: UNKNOWN, ...tcp(22, { cidrBlocks: [UNKNOWN] }) }),
      violations: 0,
      notes: 1,
      label: "(CIDR unknown at preview) (rule type unknown at preview)",
    },
    {
      name: "SecurityGroupRule of known type egress admitting 22 from anywhere: nothing",
      build: () => awsHostWithRule({ type: "egress", ...tcp(22, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of unknown type admitting 22 from the VPC only: nothing",
      build: () => awsHostWithRule({ type: UNKNOWN, ...tcp(22, { cidrBlocks: ["10.0.0.0/16"] }) }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of unknown type admitting 443 from anywhere: nothing",
      build: () => awsHostWithRule({ type: UNKNOWN, ...tcp(443, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of known type ingress admitting 22 from anywhere: a violation (unchanged)",
      build: () => awsHostWithRule({ type: "ingress", ...tcp(22, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 1,
    },
    // Alibaba Cloud rules of unknown type: an accept may be ingress, a drop may be egress and closes nothing.
    {
      name: "Alicloud accept of unknown type for 22 from anywhere",
      build: () => aliPublic({ ssh: { type: UNKNOWN, portRange: "22/22", cidrIp: "0.0.0.0/0" } }),
      violations: 0,
      notes: 1,
      label: TYPE,
    },
    {
      name: "Alicloud drop of unknown type does not close a known accept of 22",
      build: () =>
        aliPublic({
          ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
          drop: { type: UNKNOWN, policy: "drop", portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 },
        }),
      violations: 1,
    },
    {
      name: "Alicloud known ingress drop still closes a known accept of 22: nothing",
      build: () =>
        aliPublic({
          ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
          drop: { policy: "drop", portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 },
        }),
      violations: 0,
    },
    {
      name: "Alicloud accept of unknown type from the VPC: nothing",
      build: () => aliPublic({ ssh: { type: UNKNOWN, portRange: "22/22", cidrIp: "172.16.0.0/16" } }),
      violations: 0,
    },
    {
      name: "Alicloud accept of known type egress for 22 from anywhere: nothing",
      build: () => aliPublic({ ssh: { type: "egress", portRange: "22/22", cidrIp: "0.0.0.0/0" } }),
      violations: 0,
    },
    // IPv6 addresses unknown at preview: the host may have one.
    {
      name: "instance ipv6AddressCount unknown, group admits SSH over IPv6",
      build: () => v6OnlyHost({ ipv6AddressCount: UNKNOWN }),
      violations: 0,
      notes: 1,
      label: COUNT,
    },
    {
      name: "instance ipv6AddressCount unknown as the number sentinel",
      build: () => v6OnlyHost({ ipv6AddressCount: "3eeb2bf0-c639-47a8-9e75-3b44932eb421" }),
      violations: 0,
      notes: 1,
      label: COUNT,
    },
    {
      name: "instance ipv6Addresses list unknown",
      build: () => v6OnlyHost({ ipv6Addresses: UNKNOWN }),
      violations: 0,
      notes: 1,
      label: ADDRESSES,
    },
    {
      name: "instance ipv6Addresses naming one address unknown at preview: it has one (a violation)",
      build: () => v6OnlyHost({ ipv6Addresses: [UNKNOWN] }),
      violations: 1,
    },
    {
      name: "instance ipv6AddressCount 1: a violation (unchanged)",
      build: () => v6OnlyHost({ ipv6AddressCount: 1 }),
      violations: 1,
    },
    {
      name: "instance ipv6AddressCount 0: nothing",
      build: () => v6OnlyHost({ ipv6AddressCount: 0 }),
      violations: 0,
    },
    {
      name: "instance with no IPv6 fields: nothing",
      build: () => v6OnlyHost({}),
      violations: 0,
    },
    {
      name: "ipv6AddressCount unknown but the group admits SSH over IPv4 only, no public IPv4: nothing",
      build: () =>
        awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], {
          noPublicV4: true,
          instance: { ipv6AddressCount: UNKNOWN },
        }),
      violations: 0,
    },
    {
      name: "ipv6AddressCount unknown in a subnet that assigns IPv6 on creation: the subnet's address (a violation)",
      build: () => {
        const b = new StackBuilder();
        const v = vpcWithSubnets(b, { ipv6: true });
        const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] });
        b.add(T.instance, "web", {
          subnetId: ref(v.publicSubnet),
          vpcSecurityGroupIds: [ref(sg)],
          ipv6AddressCount: UNKNOWN,
        });
        return b;
      },
      violations: 1,
    },
    {
      name: "network interface ipv6AddressCount unknown, attached to an instance",
      build: () => awsEniHost({ ipv6AddressCount: UNKNOWN }),
      violations: 0,
      notes: 1,
      label: COUNT,
    },
    {
      name: "network interface ipv6Addresses unknown, attached to an instance",
      build: () => awsEniHost({ ipv6Addresses: UNKNOWN }),
      violations: 0,
      notes: 1,
      label: ADDRESSES,
    },
    {
      name: "network interface ipv6AddressCount 0: nothing",
      build: () => awsEniHost({ ipv6AddressCount: 0 }),
      violations: 0,
    },
    {
      name: "launch template interface ipv6AddressCount unknown on an auto-scaling group",
      build: () => awsScalingGroup([{ deviceIndex: 0, ipv6AddressCount: UNKNOWN }]),
      violations: 0,
      notes: 1,
      label: COUNT,
    },
    {
      name: "launch template interfaces unknown as a whole on an auto-scaling group",
      build: () => awsScalingGroup(UNKNOWN),
      violations: 0,
      notes: 1,
      label: INTERFACES,
    },
    {
      name: "launch template interface ipv6AddressCount 0: nothing",
      build: () => awsScalingGroup([{ deviceIndex: 0, ipv6AddressCount: 0 }]),
      violations: 0,
    },
    {
      name: "launch template interface ipv6AddressCount 2: a violation (unchanged)",
      build: () => awsScalingGroup([{ deviceIndex: 0, ipv6AddressCount: 2 }]),
      violations: 1,
    },
    // A NACL rule whose direction is unknown: a deny may guard egress, so it closes nothing.
    {
      name: "NACL deny of 22 with unknown egress does not close a known SSH opening",
      build: () => naclDenyOfSsh(UNKNOWN),
      violations: 1,
    },
    {
      name: "NACL ingress deny of 22 closes it: nothing",
      build: () => naclDenyOfSsh(false),
      violations: 0,
    },
  ]);
});

function sshRule(sg: GenericResource, type: unknown) {
  return { securityGroupId: ref(sg), type, ...tcp(22, { cidrBlocks: ["0.0.0.0/0"] }) };
}

/** A host admitting SSH from anywhere behind a NACL whose deny of 22 has `egress`, then allows everything. */
function naclDenyOfSsh(egress: unknown) {
  const b = awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
  const vpc = b.resources.find((r) => r.type === T.vpc)!;
  const subnet = b.resources.find((r) => r.name === "public-b" && r.type === T.subnet)!;
  const nacl = b.add(T.nacl, "edge", { vpcId: ref(vpc), subnetIds: [ref(subnet)] });
  const entry = { networkAclId: ref(nacl), cidrBlock: "0.0.0.0/0" };
  b.add(T.naclRule, "deny-ssh", { ...entry, egress, ruleNumber: 10, ruleAction: "deny", ...tcp(22, {}) });
  b.add(T.naclRule, "allow-all", { ...entry, egress: false, ruleNumber: 100, ruleAction: "allow", protocol: "-1" });
  return b;
}

describe("disallow-internet-database-and-high-risk-ports: unknown rule forms", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "a group's whole ingress list unknown on a host with an EIP: every high-risk port, one note",
      build: () => awsHost(UNKNOWN),
      violations: 0,
      notes: 1,
      label: RULES,
    },
    {
      name: "SecurityGroupRule of unknown type admitting 3306 from anywhere",
      build: () => awsHostWithRule({ type: UNKNOWN, ...tcp(3306, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
      notes: 1,
      label: TYPE,
    },
    {
      name: "ipv6AddressCount unknown, group admits 6379 over IPv6",
      build: () =>
        awsHost([tcp(6379, { ipv6CidrBlocks: ["::/0"] })], {
          noPublicV4: true,
          instance: { ipv6AddressCount: UNKNOWN },
        }),
      violations: 0,
      notes: 1,
      label: COUNT,
    },
    {
      name: "known 6379 over IPv6 with ipv6AddressCount 1: a violation (unchanged)",
      build: () =>
        awsHost([tcp(6379, { ipv6CidrBlocks: ["::/0"] })], { noPublicV4: true, instance: { ipv6AddressCount: 1 } }),
      violations: 1,
    },
    {
      name: "known safe list (HTTPS only): nothing",
      build: () => awsHost([tcp(443, { cidrBlocks: ["0.0.0.0/0"] })]),
      violations: 0,
    },
    {
      name: "an unknown list on a private host without a public address: nothing",
      build: () => awsHost(UNKNOWN, { privateSubnet: true }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of known type egress admitting 3306 from anywhere: nothing",
      build: () => awsHostWithRule({ type: "egress", ...tcp(3306, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: unknown rule forms", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "a group's whole ingress list unknown on a private host: may admit SSH from anywhere (one note per host)",
      build: () => awsHost(UNKNOWN, { privateSubnet: true }),
      violations: 0,
      notes: 1,
      label: RULES,
    },
    {
      name: "SecurityGroupRule of unknown type admitting 22 from the VPC",
      build: () =>
        awsHostWithRule({ type: UNKNOWN, ...tcp(22, { cidrBlocks: ["10.0.0.0/16"] }) }, { privateSubnet: true }),
      violations: 0,
      notes: 1,
      label: TYPE,
    },
    {
      name: "SecurityGroupRule of unknown type admitting 22 from the bastion's group: nothing",
      build: () =>
        awsHost([], {
          privateSubnet: true,
          rules: (b, sg, v) => {
            const bastionSg = b.add(T.sg, "bastion", { vpcId: ref(v.vpc), tags: { "hardening:role": "bastion" } });
            b.add(T.sgRule, "from-bastion", {
              securityGroupId: ref(sg),
              type: UNKNOWN,
              ...tcp(22, { sourceSecurityGroupId: ref(bastionSg) }),
            });
          },
        }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of known type egress admitting 22 from the VPC: nothing",
      build: () =>
        awsHostWithRule({ type: "egress", ...tcp(22, { cidrBlocks: ["10.0.0.0/16"] }) }, { privateSubnet: true }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule of known type ingress admitting 22 from the VPC: a violation (unchanged)",
      build: () =>
        awsHostWithRule({ type: "ingress", ...tcp(22, { cidrBlocks: ["10.0.0.0/16"] }) }, { privateSubnet: true }),
      violations: 1,
    },
    {
      name: "known list admitting 22 from the VPC only on 443: nothing",
      build: () => awsHost([tcp(443, { cidrBlocks: ["10.0.0.0/16"] })], { privateSubnet: true }),
      violations: 0,
    },
    {
      name: "an unknown list on a group no host carries: nothing",
      build: () => {
        const b = awsHost([], { privateSubnet: true });
        b.add(T.sg, "spare", { vpcId: "vpc-0abc", ingress: UNKNOWN });
        return b;
      },
      violations: 0,
    },
  ]);
});

describe("internet exposures through unknown rule forms", () => {
  const rows = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));

  it("an unknown list stands as every port and protocol from any address of both families, unverified", () => {
    const out = rows(awsHost(UNKNOWN, { instance: { ipv6AddressCount: 1 } }));
    expect(out.map((e) => [e.family, e.protocol, e.ports, e.source, e.unverified])).toEqual([
      ["ipv4", "all", { from: 0, to: 65535 }, "0.0.0.0/0", true],
      ["ipv6", "all", { from: 0, to: 65535 }, "::/0", true],
    ]);
    for (const e of out) expect(renderPath(e)).toContain(`sg:web rule web ingress ${RULES} → instance:web:all`);
  });

  it("a rule of unknown type keeps its own ports and source, and only its rows are unverified", () => {
    const b = awsHostWithRule({ type: UNKNOWN, ...tcp(22, { cidrBlocks: ["198.51.100.0/24"] }) });
    b.add(T.sgRule, "https", openRuleOnWeb(b, "ingress", 443));
    const out = rows(b);
    expect(out.map((e) => [e.ports.from, e.source, e.unverified ?? false])).toEqual([
      [22, "198.51.100.0/24", true],
      [443, "0.0.0.0/0", false],
    ]);
    expect(renderPath(out[0])).toContain(`sg:web rule rule ${TYPE}`);
  });

  it("an IPv6 address unknown at preview names the field in the path and flags only the IPv6 rows", () => {
    const out = rows(
      awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })], {
        instance: { ipv6AddressCount: UNKNOWN },
      }),
    );
    expect(out.map((e) => [e.family, e.unverified ?? false])).toEqual([
      ["ipv4", false],
      ["ipv6", true],
    ]);
    expect(renderPath(out[1])).toContain(`ipv6:web ${COUNT}`);
  });
});

/** A `SecurityGroupRule` on the stack's group "web" admitting `port` from anywhere. */
function openRuleOnWeb(b: StackBuilder, type: unknown, port: number) {
  const sg = b.resources.find((r) => r.type === T.sg && r.name === "web")!;
  return { securityGroupId: ref(sg), type, ...tcp(port, { cidrBlocks: ["0.0.0.0/0"] }) };
}
