// Alibaba Cloud IPv6 addresses are reachable only inside the VPC until internet bandwidth is bought for them on the
// VPC's IPv6 gateway (vpc.Ipv6InternetBandwidth). With bandwidth, a security group accepting ::/0 opens the port to
// the internet over IPv6; without it, the same group opens nothing to the internet.
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, rule } from "./alicloud-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";

const V6 = {
  gateway: "alicloud:vpc/ipv6Gateway:Ipv6Gateway",
  bandwidth: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
  address: "alicloud:vpc/ipv6Address:Ipv6Address",
  eni: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
  eniAttachment: "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment",
};
const ECI = "alicloud:eci/containerGroup:ContainerGroup";

interface Net {
  b: StackBuilder;
  vpc: GenericResource;
  vswitch: GenericResource;
  sg: GenericResource;
  gateway: GenericResource;
}

/** A dual-stack VPC with an IPv6 gateway and a group "web" holding `rules`. */
function network(rules: Record<string, Record<string, unknown>>): Net {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16", enableIpv6: true });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", ipv6CidrBlockMask: 64 });
  const sg = b.add(A.sg, "web", { vpcId: ref(vpc) });
  for (const [name, inputs] of Object.entries(rules)) rule(b, sg, name, inputs);
  const gateway = b.add(V6.gateway, "gw", { vpcId: ref(vpc), ipv6GatewayName: "gw" });
  return { b, vpc, vswitch, sg, gateway };
}

const fromAnyV6 = (portRange: string, more: Record<string, unknown> = {}) => ({
  ipv6CidrIp: "::/0",
  portRange,
  ...more,
});

function instance(n: Net, name = "web", inputs: Record<string, unknown> = { ipv6AddressCount: 1 }) {
  return n.b.add(A.instance, name, { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], ...inputs });
}

function bandwidth(n: Net, ipv6AddressId: unknown, gateway: unknown = ref(n.gateway)) {
  return n.b.add(V6.bandwidth, "bw", {
    ipv6GatewayId: gateway,
    ipv6AddressId,
    bandwidth: 20,
    internetChargeType: "PayByBandwidth",
  });
}

/** The provider's example: the address id read from getIpv6Addresses({ associatedInstanceId: instance.id }). */
function dataSourceForm(rules: Record<string, Record<string, unknown>>, inputs?: Record<string, unknown>) {
  const n = network(rules);
  bandwidth(n, ref(instance(n, "web", inputs)));
  return n.b;
}

/** A vpc.Ipv6Address the instance holds through `ipv6Addresses` (`held` reads the address into that list). */
function addressForm(rules: Record<string, Record<string, unknown>>, held: (addr: GenericResource) => unknown) {
  const n = network(rules);
  const addr = n.b.add(V6.address, "web-v6", { vswitchId: ref(n.vswitch), ipv6Address: "2408:4005:300::10" });
  instance(n, "web", { ipv6Addresses: [held(addr)] });
  bandwidth(n, ref(addr));
  return n.b;
}

/**
 * An ENI with its own group (admitting `eniRules`) attached to an instance whose group admits nothing, and bandwidth
 * for the address `addressId` reads (by default from the ENI).
 */
function eniForm(
  eniRules: Record<string, Record<string, unknown>>,
  attached = true,
  addressId: (eni: GenericResource) => unknown = ref,
) {
  const n = network({});
  const eniSg = n.b.add(A.sg, "data", { vpcId: ref(n.vpc) });
  for (const [name, inputs] of Object.entries(eniRules)) rule(n.b, eniSg, name, inputs);
  const eni = n.b.add(V6.eni, "data", {
    vswitchId: ref(n.vswitch),
    securityGroupIds: [ref(eniSg)],
    ipv6AddressCount: 1,
  });
  const host = instance(n, "web", {});
  if (attached) n.b.add(V6.eniAttachment, "data", { instanceId: ref(host), networkInterfaceId: ref(eni) });
  bandwidth(n, addressId(eni));
  return n.b;
}

const SSH6 = { ssh6: fromAnyV6("22/22") };

/** The bandwidth's address id read from all of `sources` at once (pulumi.all): its dependencies name each. */
function readFrom(bw: GenericResource, ...sources: GenericResource[]) {
  const urns = sources.map((r) => r.urn);
  bw.propertyDependencies.ipv6AddressId = urns;
  bw.dependencies.push(...urns);
}

/** An ECI container group in the vSwitch behind the group "web". */
function containerGroup(n: Net) {
  return n.b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg) });
}

/** Binds to the vSwitch an ACL that drops ::/0 on `dropped` TCP ports, then accepts everything over IPv6. */
function withAcl(b: StackBuilder, dropped: string) {
  const vpc = b.resources.find((r) => r.type === A.vpc)!;
  const vswitch = b.resources.find((r) => r.type === A.vswitch)!;
  b.add(A.acl, "edge", {
    vpcId: ref(vpc),
    ingressAclEntries: [
      { policy: "drop", protocol: "tcp", port: dropped, sourceCidrIp: "::/0" },
      { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "::/0" },
    ],
    resources: [{ resourceId: ref(vswitch), resourceType: "VSwitch" }],
  });
  return b;
}

describe("disallow-internet-admin-ports-except-bastions: Alibaba Cloud IPv6 with internet bandwidth", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: bandwidth on the instance's address (data-source form), SSH from ::/0",
      build: () => dataSourceForm(SSH6),
      violations: 1,
      says: "::/0 → ipv6-gateway:gw ipv6-bandwidth:bw → vswitch:vsw → nacl:default allow → sg:web rule ssh6 (priority 1 accept) → ecs:web:22",
    },
    {
      name: "bad: RDP from ::/0",
      build: () => dataSourceForm({ rdp6: fromAnyV6("3389/3389") }),
      violations: 1,
      says: "tcp/3389",
    },
    {
      name: "bad: every port (-1/-1, all protocols) from ::/0: every admin port",
      build: () => dataSourceForm({ all6: fromAnyV6("-1/-1", { ipProtocol: "all" }) }),
      violations: 5,
    },
    {
      name: "bad: a port range 1-1024 from ::/0 covers 22",
      build: () => dataSourceForm({ low6: fromAnyV6("1/1024") }),
      violations: 1,
    },
    {
      name: "bad: a vpc.Ipv6Address the instance holds (linked by property dependencies)",
      build: () => addressForm(SSH6, (addr) => ref(addr)),
      violations: 1,
      says: "ipv6-gateway:gw ipv6-bandwidth:bw ipv6:web-v6 → vswitch:vsw",
    },
    {
      name: "bad: a vpc.Ipv6Address the instance names by its known literal address",
      build: () => addressForm(SSH6, () => "2408:4005:300::10"),
      violations: 1,
      says: "ipv6:web-v6",
    },
    {
      name: "bad: an ENI with bandwidth, attached to an instance: its own group admits SSH",
      build: () => eniForm(SSH6),
      violations: 1,
      says: "ipv6-bandwidth:bw → eni:data → vswitch:vsw → nacl:default allow → sg:data rule ssh6 (priority 1 accept) → ecs:web:22",
    },
    {
      name: "bad: instance ipv6AddressCount unknown at preview: the bandwidth names its address",
      build: () => dataSourceForm(SSH6, { ipv6AddressCount: UNKNOWN }),
      violations: 1,
    },
    {
      name: "bad: gateway outside the stack (known id)",
      build: () => {
        const n = network(SSH6);
        bandwidth(n, ref(instance(n)), "ipv6gw-bp1existing");
        return n.b;
      },
      violations: 1,
      says: "ipv6-gateway:ipv6gw-bp1existing ipv6-bandwidth:bw",
    },
    {
      name: "bad: a drop of ::/0 on 22 at a lower priority than the accept leaves it open",
      build: () =>
        dataSourceForm({
          ssh6: fromAnyV6("22/22", { priority: 1 }),
          drop6: fromAnyV6("22/22", { policy: "drop", priority: 5 }),
        }),
      violations: 1,
    },
    {
      name: "bad: accept whose IPv6 CIDR is unknown at preview: a note",
      build: () => dataSourceForm({ ssh6: { ipv6CidrIp: UNKNOWN, portRange: "22/22" } }),
      violations: 0,
      notes: 1,
      says: "(CIDR unknown at preview)",
    },
    {
      name: "bad: the vSwitch's ACL drops ::/0 on 3389 only: SSH stays open",
      build: () => withAcl(dataSourceForm(SSH6), "3389/3389"),
      violations: 1,
      says: "nacl:edge allow entry[1]",
    },
    {
      name: "good: the vSwitch's ACL drops ::/0 on 22 before accepting the rest",
      build: () => withAcl(dataSourceForm(SSH6), "22/22"),
      violations: 0,
    },
    {
      name: "good: the same instance and gateway without Ipv6InternetBandwidth: the address is private",
      build: () => {
        const n = network(SSH6);
        instance(n);
        return n.b;
      },
      violations: 0,
    },
    {
      name: "good: IPv6 SSH from a unique-local block only",
      build: () => dataSourceForm({ ssh6: { ipv6CidrIp: "fc00::/7", portRange: "22/22" } }),
      violations: 0,
    },
    {
      name: "good: SSH accepted from 0.0.0.0/0 over IPv4 only, no public IPv4 address: nothing",
      build: () => dataSourceForm({ ssh4: { cidrIp: "0.0.0.0/0", portRange: "22/22" } }),
      violations: 0,
    },
    {
      name: "good: a drop of ::/0 on 22 at a higher priority closes it",
      build: () =>
        dataSourceForm({
          ssh6: fromAnyV6("22/22", { priority: 5 }),
          drop6: fromAnyV6("22/22", { policy: "drop", priority: 1 }),
        }),
      violations: 0,
    },
    {
      name: "good: IPv6 accept only on HTTPS",
      build: () => dataSourceForm({ https6: fromAnyV6("443/443") }),
      violations: 0,
    },
    {
      name: "good: public IPv4 bandwidth and a ::/0 rule but no IPv6 bandwidth: IPv6 stays private",
      build: () => {
        const n = network(SSH6);
        instance(n, "web", { ipv6AddressCount: 1, internetMaxBandwidthOut: 10 });
        return n.b;
      },
      violations: 0,
    },
    {
      name: "bad: the bandwidth names an instance whose attached ENI holds the IPv6 address: through the ENI",
      build: () => {
        const n = network({});
        const eniSg = n.b.add(A.sg, "data", { vpcId: ref(n.vpc) });
        rule(n.b, eniSg, "ssh6", fromAnyV6("22/22"));
        const eni = n.b.add(V6.eni, "data", {
          vswitchId: ref(n.vswitch),
          securityGroupIds: [ref(eniSg)],
          ipv6Addresses: [UNKNOWN],
        });
        const host = instance(n, "web", {});
        n.b.add(V6.eniAttachment, "data", { instanceId: ref(host), networkInterfaceId: ref(eni) });
        bandwidth(n, ref(host));
        return n.b;
      },
      violations: 1,
      says: "ipv6-bandwidth:bw → eni:data → vswitch:vsw",
    },
    {
      name: "good: the bandwidth names an instance that asks for no IPv6 address",
      build: () => dataSourceForm(SSH6, {}),
      violations: 0,
    },
    {
      name: "good: an Ipv6Address no instance or ENI holds",
      build: () => addressForm(SSH6, () => "2408:4005:300::99"),
      violations: 0,
    },
    {
      name: "good: an ENI with bandwidth attached to no instance reaches nothing",
      build: () => eniForm(SSH6, false),
      violations: 0,
    },
    {
      name: "bad: an address id unknown with no dependency may be the instance's: a note (was: nothing)",
      build: () => {
        const n = network(SSH6);
        instance(n);
        bandwidth(n, UNKNOWN);
        return n.b;
      },
      violations: 0,
      notes: 1,
      says: "ipv6-gateway:gw ipv6-bandwidth:bw (ipv6AddressId unknown at preview) → vswitch:vsw",
    },
    {
      name: "bad: that unknown id beside an ENI asking for IPv6, attached to the instance: a note through the ENI",
      build: () => eniForm(SSH6, true, () => UNKNOWN),
      violations: 0,
      notes: 1,
      says: "(ipv6AddressId unknown at preview) → eni:data",
    },
    {
      name: "bad: an unknown unlinked id on a gateway outside the stack: any holder of the stack, a note",
      build: () => {
        const n = network(SSH6);
        instance(n);
        bandwidth(n, UNKNOWN, "ipv6gw-bp1existing");
        return n.b;
      },
      violations: 0,
      notes: 1,
      says: "ipv6-gateway:ipv6gw-bp1existing ipv6-bandwidth:bw (ipv6AddressId unknown at preview)",
    },
    {
      name: "good: an unknown unlinked id, the only instance asking for no IPv6 address",
      build: () => {
        const n = network(SSH6);
        instance(n, "web", {});
        bandwidth(n, UNKNOWN);
        return n.b;
      },
      violations: 0,
    },
    {
      name: "good: an unknown unlinked id on a gateway of another VPC than the instance's",
      build: () => {
        const n = network(SSH6);
        instance(n);
        const other = n.b.add(A.vpc, "other", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
        const gw = n.b.add(V6.gateway, "gw-other", { vpcId: ref(other) });
        bandwidth(n, UNKNOWN, ref(gw));
        return n.b;
      },
      violations: 0,
    },
    {
      name: "good: a known address id naming nothing in the stack stays outside",
      build: () => {
        const n = network(SSH6);
        instance(n);
        bandwidth(n, "ipv6-bp1outside");
        return n.b;
      },
      violations: 0,
    },
    {
      name: "README linking: an address id depending on two instances may be either's: a note on each (was: nothing)",
      build: () => {
        const n = network(SSH6);
        const a = instance(n, "web");
        const c = instance(n, "web-2");
        // One id read from both (pulumi.all): an unknown string whose dependencies name two instances.
        readFrom(bandwidth(n, UNKNOWN), a, c);
        return n.b;
      },
      violations: 0,
      notes: 2,
      says: "ipv6-gateway:gw ipv6-bandwidth:bw (ipv6AddressId read from one of web, web-2) → vswitch:vsw",
    },
    {
      name: "bad: an address id depending on an instance and its attached ENI asking for IPv6: a note through the ENI",
      build: () => {
        const b = eniForm(SSH6, true, () => UNKNOWN);
        const [host, eni, bw] = [A.instance, V6.eni, V6.bandwidth].map((t) => b.resources.find((r) => r.type === t)!);
        readFrom(bw, host, eni);
        return b;
      },
      violations: 0,
      notes: 1,
      says: "(ipv6AddressId read from one of web, data) → eni:data",
    },
    {
      name: "good: an address id depending on two instances, neither asking for IPv6",
      build: () => {
        const n = network(SSH6);
        readFrom(bandwidth(n, UNKNOWN), instance(n, "web", {}), instance(n, "web-2", {}));
        return n.b;
      },
      violations: 0,
    },
    {
      name: "good: an address id depending on two instances, a third asking for IPv6 is not among them",
      build: () => {
        const n = network(SSH6);
        const closed = n.b.add(A.sg, "closed", { vpcId: ref(n.vpc) });
        const quiet = (name: string) => instance(n, name, { ipv6AddressCount: 1, securityGroups: [ref(closed)] });
        instance(n, "open");
        readFrom(bandwidth(n, UNKNOWN), quiet("a"), quiet("c"));
        return n.b;
      },
      violations: 0,
    },
    {
      name: "bad: an address id unknown with no dependency, an ECI container group in the VPC: a note (was: nothing)",
      build: () => {
        const n = network(SSH6);
        containerGroup(n);
        bandwidth(n, UNKNOWN);
        return n.b;
      },
      violations: 0,
      notes: 1,
      says: "ipv6-gateway:gw ipv6-bandwidth:bw (ipv6AddressId unknown at preview) → vswitch:vsw",
    },
    {
      name: "good: that ECI container group, the bandwidth on a gateway of another VPC",
      build: () => {
        const n = network(SSH6);
        containerGroup(n);
        const other = n.b.add(A.vpc, "other", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
        bandwidth(n, UNKNOWN, ref(n.b.add(V6.gateway, "gw-other", { vpcId: ref(other) })));
        return n.b;
      },
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: Alibaba Cloud IPv6 with internet bandwidth", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: MySQL from ::/0 on an address with bandwidth",
      build: () => dataSourceForm({ mysql6: fromAnyV6("3306/3306") }),
      violations: 1,
      says: "high-risk port 3306 reachable from the internet",
    },
    {
      name: "bad: Redis from ::/0 through an ENI's group",
      build: () => eniForm({ redis6: fromAnyV6("6379/6379") }),
      violations: 1,
    },
    {
      name: "good: MySQL from ::/0 without bandwidth",
      build: () => {
        const n = network({ mysql6: fromAnyV6("3306/3306") });
        instance(n);
        return n.b;
      },
      violations: 0,
    },
  ]);
});

describe("internet exposures over Alibaba Cloud IPv6", () => {
  it("an address with bandwidth is one IPv6 row; the instance's IPv4 rows are unchanged", () => {
    const b = dataSourceForm({ ssh6: fromAnyV6("22/22"), ssh4: { cidrIp: "0.0.0.0/0", portRange: "22/22" } });
    const out = internetExposures(buildNetworkModel(b.resources));
    expect(out.map((e) => [e.family, e.source, e.ports, e.unverified ?? false])).toEqual([
      ["ipv6", "::/0", { from: 22, to: 22 }, false],
    ]);
    expect(renderPath(out[0])).toContain("ipv6-bandwidth:bw");
  });
});
