// Alibaba Cloud network paths the red team found the model missing: an EIP bound to an ECI container group by an
// association, IPv6 internet bandwidth on a container group's address, DNAT entries forwarding to a HaVip's private
// address, DNAT entries whose internal port is unknown at preview, and the two public endpoints of an Elasticsearch
// instance, each behind a whitelist of its own. Each has known-bad, known-good and unknown-at-preview rows.
import { ALL_PORTS } from "../../lib/ports";
import { UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { Probe, probes } from "./stack-probes";

const ECI = "alicloud:eci/containerGroup:ContainerGroup";
const HAVIP = "alicloud:vpc/hAVip:HAVip";
const HAVIP_ATTACHMENT = "alicloud:vpc/hAVipAttachment:HAVipAttachment";
const ENI = "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface";
const ENI_ATTACHMENT = "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment";
const V6_GATEWAY = "alicloud:vpc/ipv6Gateway:Ipv6Gateway";
const V6_BANDWIDTH = "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth";
const V6_EGRESS_ONLY = "alicloud:vpc/ipv6EgressRule:Ipv6EgressRule";
const ES = "alicloud:elasticsearch/instance:Instance";

type Net = ReturnType<typeof aliNetwork>;

/** A stack on the shared network whose group `web` carries `rules` (by name), filled by `fill`. */
function stack(rules: Record<string, Record<string, unknown>>, fill: (b: StackBuilder, n: Net) => void) {
  return () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    for (const [name, inputs] of Object.entries(rules)) rule(b, n.sg, name, inputs);
    fill(b, n);
    return b;
  };
}

const SSH_ANYONE = { ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } };
const SSH_OFFICE = { ssh: { portRange: "22/22", cidrIp: "10.0.0.0/8" } };
const SSH_UNKNOWN_CIDR = { ssh: { portRange: "22/22", cidrIp: UNKNOWN } };
const SSH6_ANYONE = { ssh6: { portRange: "22/22", ipv6CidrIp: "::/0" } };
const EVERY_PORT_ANYONE = { all: { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" } };

/** A container group in the shared vSwitch behind the shared group. */
function containerGroup(b: StackBuilder, n: Net, inputs: Record<string, unknown> = {}) {
  return b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), ...inputs });
}

/** An EIP of the stack bound by an association to `instanceId`. */
function associate(b: StackBuilder, instanceId: unknown, inputs: Record<string, unknown> = {}) {
  const eip = b.add(A.eip, "api-ip", { bandwidth: "5" });
  return b.add(A.eipAssoc, "api-ip-assoc", { allocationId: ref(eip), instanceId, ...inputs });
}

const eipAssociationProbes: Probe[] = [
  {
    name: "known-bad: an EIP association naming the container group, SSH open to the internet",
    build: stack(SSH_ANYONE, (b, n) => associate(b, ref(containerGroup(b, n)))),
    violations: 1,
    mentions: "eip:api-ip",
  },
  {
    name: "known-bad: the association declares an instanceType of its own, the link still decides",
    build: stack(SSH_ANYONE, (b, n) => associate(b, ref(containerGroup(b, n)), { instanceType: "NetworkInterface" })),
    violations: 1,
    mentions: "eci:api:22",
  },
  {
    name: "known-bad: the association names the container group by its known id",
    build: stack(SSH_ANYONE, (b, n) =>
      associate(b, knownRef(containerGroup(b, n, { id: "eci-bp1api" }), "eci-bp1api")),
    ),
    violations: 1,
  },
  {
    name: "known-good: an EIP bound to the container group, SSH admitted only from a private block",
    build: stack(SSH_OFFICE, (b, n) => associate(b, ref(containerGroup(b, n)))),
    violations: 0,
  },
  {
    name: "known-good: the association names another resource, the container group stays private",
    build: stack(SSH_ANYONE, (b, n) => {
      containerGroup(b, n);
      associate(b, ref(b.add(A.nat, "nat", { vpcId: ref(n.vpc) })), { instanceType: "Nat" });
    }),
    violations: 0,
  },
  {
    name: "unknown: an EIP bound to the container group, SSH from a CIDR unknown at preview",
    build: stack(SSH_UNKNOWN_CIDR, (b, n) => associate(b, ref(containerGroup(b, n)))),
    violations: 0,
    notes: 1,
    label: "CIDR unknown at preview",
  },
];

/** A container group with IPv6 internet bandwidth bought on the address read from it. */
function containerGroupIpv6(b: StackBuilder, n: Net) {
  const gateway = b.add(V6_GATEWAY, "gw", { vpcId: ref(n.vpc) });
  const api = containerGroup(b, n);
  b.add(V6_BANDWIDTH, "bw", { ipv6GatewayId: ref(gateway), ipv6AddressId: ref(api), bandwidth: 20 });
  return { gateway, api };
}

function egressOnly(b: StackBuilder, gateway: GenericResource, instanceId: unknown) {
  b.add(V6_EGRESS_ONLY, "eo", { instanceId, instanceType: "Ipv6Address", ipv6GatewayId: ref(gateway) });
}

const ipv6Probes: Probe[] = [
  {
    name: "known-bad: IPv6 bandwidth on the container group's address, SSH open to ::/0",
    build: stack(SSH6_ANYONE, (b, n) => containerGroupIpv6(b, n)),
    violations: 1,
    mentions: "ipv6-bandwidth:bw",
  },
  {
    name: "known-good: an egress-only rule on the container group's only address closes it",
    build: stack(SSH6_ANYONE, (b, n) => {
      const { gateway, api } = containerGroupIpv6(b, n);
      egressOnly(b, gateway, ref(api));
    }),
    violations: 0,
  },
  {
    name: "known-good: IPv6 bandwidth, SSH open only to IPv4 addresses the group has no public one of",
    build: stack(SSH_ANYONE, (b, n) => containerGroupIpv6(b, n)),
    violations: 0,
  },
  {
    name: "unknown: an egress-only rule whose instanceId is unknown at preview may not cover the address",
    build: stack(SSH6_ANYONE, (b, n) => {
      const { gateway } = containerGroupIpv6(b, n);
      egressOnly(b, gateway, UNKNOWN);
    }),
    violations: 0,
    notes: 1,
    label: "egress-only rule eo instanceId unknown at preview",
  },
];

/** A HaVip with `attached` (the instances on it, private), NAT gateway and a DNAT entry to `internalIp`. */
function havipDnat(
  b: StackBuilder,
  n: Net,
  internalIp: (havip: GenericResource) => unknown,
  opts: { havip?: Record<string, unknown>; attach?: boolean; port?: string } = {},
) {
  const havip = b.add(HAVIP, "vip", { vswitchId: ref(n.vswitch), ...opts.havip });
  if (opts.attach !== false)
    for (const name of ["active", "standby"]) {
      const vm = b.add(A.instance, name, { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
      b.add(HAVIP_ATTACHMENT, `${name}-vip`, { haVipId: ref(havip), instanceId: ref(vm) });
    }
  const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
  const port = opts.port ?? "22";
  b.add(A.dnat, "ssh", {
    forwardTableId: ref(nat),
    externalIp: "47.96.1.20",
    externalPort: port,
    internalIp: internalIp(havip),
    internalPort: port,
    ipProtocol: "tcp",
  });
  return havip;
}

const havipProbes: Probe[] = [
  {
    name: "known-bad: DNAT to the HaVip's address (a property dependency) reaches both attached instances",
    build: stack(SSH_ANYONE, (b, n) => havipDnat(b, n, (vip) => ref(vip))),
    violations: 2,
    mentions: "dnat:ssh",
  },
  {
    name: "known-bad: DNAT to the HaVip's known ipAddress",
    build: stack(SSH_ANYONE, (b, n) => havipDnat(b, n, () => "172.16.0.50", { havip: { ipAddress: "172.16.0.50" } })),
    violations: 2,
  },
  {
    name: "known-bad: a HaVip attached to nothing of the stack: the forwarded port is a backend outside the plan",
    build: stack({}, (b, n) => havipDnat(b, n, (vip) => ref(vip), { attach: false })),
    violations: 1,
    mentions: "outside the stack",
  },
  {
    name: "known-good: DNAT to the HaVip, SSH admitted only from a private block",
    build: stack(SSH_OFFICE, (b, n) => havipDnat(b, n, (vip) => ref(vip))),
    violations: 0,
  },
  {
    name: "known-good: DNAT to the HaVip on a web port, SSH open but not forwarded",
    build: stack(SSH_ANYONE, (b, n) => havipDnat(b, n, (vip) => ref(vip), { port: "443" })),
    violations: 0,
  },
  {
    name: "known-good: DNAT to another address than the HaVip's known one",
    build: stack(SSH_ANYONE, (b, n) =>
      havipDnat(b, n, () => "172.16.0.60", { havip: { ipAddress: "172.16.0.50" }, port: "443" }),
    ),
    violations: 0,
  },
  {
    name: "unknown: DNAT to the HaVip, SSH from a CIDR unknown at preview",
    build: stack(SSH_UNKNOWN_CIDR, (b, n) => havipDnat(b, n, (vip) => ref(vip))),
    violations: 0,
    notes: 2,
    label: "CIDR unknown at preview",
  },
];

describe("EIPs bound to ECI container groups by an association", () => {
  probes(disallowInternetAdminPortsExceptBastions, eipAssociationProbes);
});

describe("IPv6 internet bandwidth on an ECI container group's address", () => {
  probes(disallowInternetAdminPortsExceptBastions, ipv6Probes);
});

describe("DNAT entries forwarding to a HaVip's private address", () => {
  probes(disallowInternetAdminPortsExceptBastions, havipProbes);

  it("reaches an ENI attached to the HaVip through the ENI's own group", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "10.0.0.0/8" });
    const eniGroup = b.add(A.sg, "eni-sg", { vpcId: ref(n.vpc) });
    rule(b, eniGroup, "eni-ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    const vm = b.add(A.instance, "active", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const eni = b.add(ENI, "data", { vswitchId: ref(n.vswitch), securityGroupIds: [ref(eniGroup)] });
    b.add(ENI_ATTACHMENT, "data-attach", { networkInterfaceId: ref(eni), instanceId: ref(vm) });
    const havip = b.add(HAVIP, "vip", { vswitchId: ref(n.vswitch) });
    b.add(HAVIP_ATTACHMENT, "vip-eni", { haVipId: ref(havip), instanceId: ref(eni), instanceType: "NetworkInterface" });
    const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
    b.add(A.dnat, "ssh", { forwardTableId: ref(nat), externalPort: "22", internalIp: ref(havip), internalPort: "22" });
    const rows = internetExposures(buildNetworkModel(b.resources)).filter((e) => e.via === "dnat");
    expect(rows.map((e) => [e.name, e.ports, e.path.join(" → ")])).toEqual([
      ["active", { from: 22, to: 22 }, expect.stringContaining("eni:data → vswitch:vsw")],
    ]);
    expect(rows[0].path.join(" → ")).toContain("sg:eni-sg");
  });
});

/** A DNAT entry to the private host "db" forwarding `externalPort` to `internalPort` (absent: the same port). */
function dnatTo(externalPort: unknown, internalPort?: unknown) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "all", EVERY_PORT_ANYONE.all);
  const db = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
  b.add(A.dnat, "fwd", {
    forwardTableId: ref(nat),
    externalIp: "47.96.1.20",
    externalPort,
    internalIp: ref(db),
    ...(internalPort === undefined ? {} : { internalPort }),
    ipProtocol: "tcp",
  });
  return b;
}

describe("DNAT entries whose internal port is unknown at preview", () => {
  it.each([
    ["an unknown internalPort", "22", UNKNOWN],
    ["no internalPort and an unknown externalPort it copies", UNKNOWN, undefined],
  ])("%s forwards to every port, unverified", (_n, external, internal) => {
    const [entry] = buildNetworkModel(dnatTo(external, internal).resources).dnat;
    expect(entry).toMatchObject({ internalPorts: ALL_PORTS, unverified: true });
  });

  it("an unknown internalPort to an address outside the stack is an unverified outside backend", () => {
    const b = dnatTo("22", UNKNOWN);
    const entryResource = b.resources.find((r) => r.type === A.dnat)!;
    entryResource.inputs.internalIp = "10.9.9.9";
    entryResource.propertyDependencies.internalIp = [];
    const [entry] = buildNetworkModel(b.resources).dnat;
    expect(entry).toMatchObject({
      internalPorts: ALL_PORTS,
      unverified: true,
      outside: expect.stringContaining("10.9.9.9"),
    });
  });

  it.each([
    ["known any to any", "any", "any", ALL_PORTS],
    ["an unknown externalPort to a known internalPort", UNKNOWN, "22", { from: 22, to: 22 }],
    ["a known range", "2200/2210", "22/32", { from: 22, to: 32 }],
  ])("%s stays a known forward", (_n, external, internal, ports) => {
    const [entry] = buildNetworkModel(dnatTo(external, internal).resources).dnat;
    expect(entry.internalPorts).toEqual(ports);
    expect(entry.unverified).toBeUndefined();
  });

  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "known-bad: a known externalPort any with internalPort any is judged on every admin port",
      build: () => dnatTo("any", "any"),
      violations: 5, // 22, 3389, 5900, 5985, 5986
    },
    {
      name: "known-good: a known forward of a web port",
      build: () => dnatTo("443", "443"),
      violations: 0,
    },
  ]);

  // The rows through a host of the stack carry `Dnat.unverified`, so they are notes.
  it("unknown: an unknown internalPort is a note on each admin port, not a violation", async () => {
    const { runStackPolicy } = await import("./policy-harness");
    const out = await runStackPolicy(disallowInternetAdminPortsExceptBastions, dnatTo("22", UNKNOWN).resources);
    expect({ violations: out.filter((r) => !r.advisory).length, notes: out.filter((r) => r.advisory).length }).toEqual({
      violations: 0,
      notes: 5,
    });
  });
});

/** An Elasticsearch instance with `inputs` in the shared vSwitch. */
function search(inputs: Record<string, unknown>) {
  return stack({}, (b, n) => {
    b.add(ES, "es", { vswitchId: ref(n.vswitch), password: "x", ...inputs });
  });
}

const elasticsearchProbes: Probe[] = [
  {
    name: "known-bad: the public endpoint turned on with 0.0.0.0/0 in publicWhitelists",
    build: search({ enablePublic: true, publicWhitelists: ["0.0.0.0/0"], enableKibanaPublicNetwork: false }),
    violations: 1,
    mentions: "public-endpoint:es → whitelist:0.0.0.0/0 → elasticsearch:es:9200",
  },
  {
    name: "known-bad: public Kibana (on by default) with 0.0.0.0/0 in kibanaWhitelists",
    build: search({ kibanaWhitelists: ["0.0.0.0/0"] }),
    violations: 1,
    mentions: "public-endpoint:es (kibana) → whitelist:0.0.0.0/0 → elasticsearch:es:5601",
  },
  {
    name: "known-bad: each endpoint judged by its own whitelist (an internet host on Kibana's only)",
    build: search({ enablePublic: true, publicWhitelists: ["10.0.0.0/8"], kibanaWhitelists: ["47.96.1.10"] }),
    violations: 1,
    mentions: "tcp/5601",
  },
  {
    name: "known-bad: both endpoints open, one finding each",
    build: search({ enablePublic: true, publicWhitelists: ["0.0.0.0/0"], kibanaWhitelists: ["0.0.0.0/0"] }),
    violations: 2,
  },
  {
    name: "known-good: both endpoints turned off, whatever their whitelists hold",
    build: search({
      enablePublic: false,
      publicWhitelists: ["0.0.0.0/0"],
      enableKibanaPublicNetwork: false,
      kibanaWhitelists: ["0.0.0.0/0"],
    }),
    violations: 0,
  },
  {
    name: "known-good: the public endpoint off by default, its whitelist open",
    build: search({ publicWhitelists: ["0.0.0.0/0"], kibanaWhitelists: ["192.168.0.0/16"] }),
    violations: 0,
  },
  {
    name: "known-good: both endpoints on with no whitelist written (the loopback default)",
    build: search({ enablePublic: true }),
    violations: 0,
  },
  {
    name: "unknown: enablePublic unknown at preview counts as on",
    build: search({ enablePublic: UNKNOWN, publicWhitelists: ["0.0.0.0/0"], enableKibanaPublicNetwork: false }),
    violations: 1,
    mentions: "tcp/9200",
  },
  {
    name: "unknown: a Kibana whitelist entry unknown at preview is a note",
    build: search({ kibanaWhitelists: ["10.0.0.0/8", UNKNOWN] }),
    violations: 0,
    notes: 1,
    label: "whitelist:(entry unknown at preview)",
  },
];

describe("Elasticsearch and Kibana public endpoints, each behind its own whitelist", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, elasticsearchProbes);
});
