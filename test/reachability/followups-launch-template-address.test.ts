// A launch template whose whole `networkInterfaces` is unknown at preview hides its `associatePublicIpAddress`: what
// it launches (an auto-scaling group, or an instance making no address choice of its own) may get a public address.
// It stands, unverified (a note), unless the subnet already gives one. A known interface's choice is read for
// instances launched from the template as it is for auto-scaling groups.
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const INTERFACES = "(networkInterfaces unknown at preview)";

interface Options {
  /** The group's inline rules (default: SSH and MySQL from anywhere over IPv4). */
  ingress?: unknown[];
  /** Where the launched hosts sit: the public subnet (route to the gateway, no address on launch) by default. */
  subnet?: "public" | "public-mapping" | "private";
  /** The auto-scaling group, or an instance and its own inputs. */
  launcher?: "asg" | { instance: Record<string, unknown> };
  ipv6?: boolean;
}

/** A template whose interfaces are `networkInterfaces`, launched into a subnet of a VPC with an internet gateway. */
function launched(networkInterfaces: unknown, opts: Options = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  const subnet = subnetFor(b, v, opts.subnet ?? "public");
  const ingress = opts.ingress ?? [tcp(22, { cidrBlocks: ["0.0.0.0/0"] }), tcp(3306, { cidrBlocks: ["0.0.0.0/0"] })];
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  const lt = b.add(T.lt, "web", {
    vpcSecurityGroupIds: [ref(sg)],
    ...(networkInterfaces === undefined ? {} : { networkInterfaces }),
  });
  const launcher = opts.launcher ?? "asg";
  if (launcher === "asg") b.add(T.asg, "web", { launchTemplate: { id: ref(lt) }, vpcZoneIdentifiers: [ref(subnet)] });
  else b.add(T.instance, "web", { launchTemplate: { id: ref(lt) }, subnetId: ref(subnet), ...launcher.instance });
  return b;
}

function subnetFor(b: StackBuilder, v: ReturnType<typeof vpcWithSubnets>, kind: Options["subnet"]): GenericResource {
  if (kind === "private") return v.privateSubnet;
  if (kind === "public") return v.publicSubnet;
  const mapping = b.add(T.subnet, "public-mapping", {
    vpcId: ref(v.vpc),
    cidrBlock: "10.0.3.0/24",
    mapPublicIpOnLaunch: true,
  });
  b.add(T.rta, "public-mapping", { subnetId: ref(mapping), routeTableId: ref(v.publicRtb) });
  return mapping;
}

const instance = (inputs: Record<string, unknown> = {}) => ({ instance: inputs });

describe("disallow-internet-admin-ports-except-bastions: a template's interfaces unknown at preview", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: auto-scaling group, template interfaces unknown: SSH may be public (a note)",
      build: () => launched(UNKNOWN),
      violations: 0,
      notes: 1,
      says: `public-ip:web ${INTERFACES}`,
    },
    {
      name: "bad: auto-scaling group, template interfaces the array sentinel",
      build: () => launched("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"),
      violations: 0,
      notes: 1,
      says: INTERFACES,
    },
    {
      name: "bad: auto-scaling group, the template's first interface unknown",
      build: () => launched([UNKNOWN]),
      violations: 0,
      notes: 1,
      says: INTERFACES,
    },
    {
      name: "bad: instance from a template whose interfaces are unknown (a note)",
      build: () => launched(UNKNOWN, { launcher: instance() }),
      violations: 0,
      notes: 1,
      says: `public-ip:web ${INTERFACES}`,
    },
    {
      name: "bad: auto-scaling group, template interfaces unknown in a subnet mapping public IPs: one violation",
      build: () => launched(UNKNOWN, { subnet: "public-mapping" }),
      violations: 1,
      says: "public-ip:public-mapping",
    },
    {
      name: "bad: auto-scaling group, template interface associatePublicIpAddress true (unchanged)",
      build: () => launched([{ deviceIndex: 0, associatePublicIpAddress: true }]),
      violations: 1,
    },
    {
      name: "bad: auto-scaling group, template interface associatePublicIpAddress unknown counts as public (unchanged)",
      build: () => launched([{ deviceIndex: 0, associatePublicIpAddress: UNKNOWN }]),
      violations: 1,
    },
    {
      name: "bad: instance from a template whose interface asks for a public address",
      build: () => launched([{ deviceIndex: 0, associatePublicIpAddress: true }], { launcher: instance() }),
      violations: 1,
      says: "public-ip:web",
    },
    {
      name: "good: auto-scaling group, template interface associatePublicIpAddress false: nothing",
      build: () => launched([{ deviceIndex: 0, associatePublicIpAddress: false }]),
      violations: 0,
    },
    {
      name: "good: auto-scaling group, template without interfaces in a subnet not mapping public IPs: nothing",
      build: () => launched(undefined),
      violations: 0,
    },
    {
      name: "good: template interfaces unknown, hosts in a private subnet (no route to the gateway): nothing",
      build: () => launched(UNKNOWN, { subnet: "private" }),
      violations: 0,
    },
    {
      name: "good: template interfaces unknown, the group admits only HTTPS: nothing",
      build: () => launched(UNKNOWN, { ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] }),
      violations: 0,
    },
    {
      name: "good: instance from a template with unknown interfaces but associatePublicIpAddress false of its own",
      build: () => launched(UNKNOWN, { launcher: instance({ associatePublicIpAddress: false }) }),
      violations: 0,
    },
    {
      name: "good: instance from a public-address template but associatePublicIpAddress false of its own",
      build: () =>
        launched([{ deviceIndex: 0, associatePublicIpAddress: true }], {
          launcher: instance({ associatePublicIpAddress: false }),
        }),
      violations: 0,
    },
    {
      name: "good: instance from a template with an IPv6 address count in a subnet without an IPv6 route: nothing",
      build: () =>
        launched([{ deviceIndex: 0, ipv6AddressCount: 1 }], {
          ipv6: true,
          subnet: "private",
          launcher: instance(),
          ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })],
        }),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: a template's interfaces unknown at preview", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: auto-scaling group, template interfaces unknown, 3306 from anywhere: a note",
      build: () => launched(UNKNOWN),
      violations: 0,
      notes: 1,
      says: INTERFACES,
    },
    {
      name: "good: template interface associatePublicIpAddress false: nothing",
      build: () => launched([{ deviceIndex: 0, associatePublicIpAddress: false }]),
      violations: 0,
    },
  ]);
});

describe("internet exposures of hosts from a template with unknown interfaces", () => {
  const rows = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));

  it("names the template and the unknown field, and the row is unverified", () => {
    const out = rows(launched(UNKNOWN, { ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] }));
    expect(out.map((e) => [e.family, e.unverified])).toEqual([["ipv4", true]]);
    expect(renderPath(out[0])).toBe(
      `0.0.0.0/0 → igw:igw → public-ip:web ${INTERFACES} → rtb:public → subnet:public-a → nacl:default allow → sg:web rule web ingress[0] → asg:web:22`,
    );
  });

  it("an instance's own ipv6AddressCount of 0 replaces its template's interfaces unknown at preview", () => {
    const b = launched(UNKNOWN, {
      ipv6: true,
      subnet: "public-mapping",
      launcher: instance({ ipv6AddressCount: 0 }),
      ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })],
    });
    expect(rows(b)).toEqual([]);
  });

  it("an instance takes its template's IPv6 address when it names no interfaces of its own", () => {
    const b = launched([{ deviceIndex: 0, ipv6AddressCount: 1 }], {
      ipv6: true,
      subnet: "public-mapping",
      launcher: instance(),
      ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })],
    });
    expect(rows(b).map((e) => [e.family, e.unverified ?? false, renderPath(e).includes("ipv6:web")])).toEqual([
      ["ipv6", false, true],
    ]);
  });
});
