// Alibaba Cloud IPv6 egress-only rules (vpc.Ipv6EgressRule): an address with internet bandwidth is reachable from the
// internet until an egress-only rule covers it; then it may only open connections outward. A rule that may cover
// the address but cannot be shown to (its instanceId or instanceType unknown at preview) leaves a note, never a pass.
import { UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A } from "./alicloud-fixtures";
import { aliPublic } from "./alicloud-public-host";
import { probes } from "./stack-probes";
import { StackBuilder, knownRef, ref } from "./stack-builder";

const V6 = {
  gateway: "alicloud:vpc/ipv6Gateway:Ipv6Gateway",
  bandwidth: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
  address: "alicloud:vpc/ipv6Address:Ipv6Address",
  egressOnly: "alicloud:vpc/ipv6EgressRule:Ipv6EgressRule",
  eni: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
  eniAttachment: "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment",
};

const SSH6 = { ssh6: { ipv6CidrIp: "::/0", portRange: "22/22" } };

interface Stack {
  b: StackBuilder;
  gateway: GenericResource;
  web: GenericResource;
  bw: GenericResource;
}

/** The public host of the network tables, asking for one IPv6 address, and an IPv6 gateway in its VPC. */
function host(rules: Record<string, Record<string, unknown>>) {
  let gateway!: GenericResource;
  const b = aliPublic(rules, (b, n) => {
    gateway = b.add(V6.gateway, "gw", { vpcId: ref(n.vpc), ipv6GatewayName: "gw" });
  });
  const web = b.resources.find((r) => r.type === A.instance)!;
  web.inputs.ipv6AddressCount = 1;
  return { b, gateway, web };
}

/** That host with bandwidth bought on the address read from it (the provider's getIpv6Addresses form). */
function exposed(rules: Record<string, Record<string, unknown>> = SSH6): Stack {
  const { b, gateway, web } = host(rules);
  return { b, gateway, web, bw: bandwidth(b, "bw", gateway, ref(web)) };
}

function bandwidth(b: StackBuilder, name: string, gateway: GenericResource, ipv6AddressId: unknown) {
  return b.add(V6.bandwidth, name, { ipv6GatewayId: ref(gateway), ipv6AddressId, bandwidth: 20 });
}

/** An egress-only rule (the provider's example form unless `inputs` say otherwise). */
function egressOnly(s: Stack, instanceId: unknown, inputs: Record<string, unknown> = { instanceType: "Ipv6Address" }) {
  return s.b.add(V6.egressOnly, "eo", { instanceId, ipv6GatewayId: ref(s.gateway), ...inputs });
}

/** A second host "db" in the same group, with bandwidth "db-bw" on its own address. */
function withSecondHost(s: Stack) {
  const web = s.web;
  const db = s.b.add(A.instance, "db", { ...web.inputs, ipv6AddressCount: 1, internetMaxBandwidthOut: 0 });
  db.propertyDependencies = { ...web.propertyDependencies };
  db.dependencies = [...web.dependencies];
  return { db, dbBw: bandwidth(s.b, "db-bw", s.gateway, ref(db)) };
}

/** A vpc.Ipv6Address with a known id, held by the instance; bandwidth names it by `addressRef`. */
function addressForm(addressRef: (addr: GenericResource) => unknown) {
  const b = aliPublic(SSH6);
  const vswitch = b.resources.find((r) => r.type === A.vswitch)!;
  const vpc = b.resources.find((r) => r.type === A.vpc)!;
  const gateway = b.add(V6.gateway, "gw", { vpcId: ref(vpc) });
  const addr = b.add(V6.address, "web-v6", {
    vswitchId: ref(vswitch),
    ipv6Address: "2408:4005:300::10",
    id: "ipv6-bp1web",
  });
  const web = b.resources.find((r) => r.type === A.instance)!;
  web.inputs.ipv6Addresses = ["2408:4005:300::10"];
  const s: Stack = { b, gateway, web, bw: bandwidth(b, "bw", gateway, addressRef(addr)) };
  return { s, addr };
}

/** An ENI with SSH open over IPv6, attached to the host, with bandwidth on the ENI's address. */
function eniForm(): Stack {
  const s = host({});
  const vswitch = s.b.resources.find((r) => r.type === A.vswitch)!;
  const vpc = s.b.resources.find((r) => r.type === A.vpc)!;
  const eniSg = s.b.add(A.sg, "data", { vpcId: ref(vpc) });
  s.b.add(A.rule, "ssh6", { type: "ingress", ipProtocol: "tcp", securityGroupId: ref(eniSg), ...SSH6.ssh6 });
  const eni = s.b.add(V6.eni, "data", { vswitchId: ref(vswitch), securityGroupIds: [ref(eniSg)], ipv6AddressCount: 1 });
  s.b.add(V6.eniAttachment, "data", { instanceId: ref(s.web), networkInterfaceId: ref(eni) });
  return { ...s, bw: bandwidth(s.b, "bw", s.gateway, ref(eni)) };
}

const UNKNOWN_ID = "egress-only rule eo instanceId unknown at preview";

describe("disallow-internet-admin-ports-except-bastions: Alibaba Cloud IPv6 egress-only rules", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    // Known bad: the address stays reachable.
    {
      name: "bad: bandwidth on the host's address, SSH from ::/0, no egress-only rule",
      build: () => exposed().b,
      violations: 1,
      says: "::/0 → ipv6-gateway:gw ipv6-bandwidth:bw → vswitch:vsw",
    },
    {
      name: "bad: an egress-only rule on another host's address (property dependencies) leaves this one open",
      build: () => {
        const s = exposed();
        const { dbBw } = withSecondHost(s);
        egressOnly(s, ref(dbBw));
        return s.b;
      },
      violations: 1,
      says: "ecs:web:22",
    },
    {
      name: "bad: an egress-only rule naming another address by known id",
      build: () => {
        const { s } = addressForm((addr) => ref(addr));
        egressOnly(s, "ipv6-bp1other");
        return s.b;
      },
      violations: 1,
    },
    {
      name: "bad: an egress-only rule on the address closes IPv6 only: SSH from 0.0.0.0/0 over public IPv4 stays",
      build: () => {
        const s = exposed({ ...SSH6, ssh4: { cidrIp: "0.0.0.0/0", portRange: "22/22" } });
        egressOnly(s, ref(s.bw));
        return s.b;
      },
      violations: 1,
      says: "0.0.0.0/0 → public-ip",
    },
    {
      name: "bad: every port (-1/-1, all protocols) from ::/0 and a rule of a kind other than Ipv6Address",
      build: () => {
        const s = exposed({ all6: { ipv6CidrIp: "::/0", portRange: "-1/-1", ipProtocol: "all" } });
        egressOnly(s, ref(s.bw), { instanceType: "Instance" });
        return s.b;
      },
      violations: 5,
    },
    {
      name: "bad: an ENI's address with bandwidth, its own group admitting SSH from ::/0",
      build: () => eniForm().b,
      violations: 1,
      says: "ipv6-bandwidth:bw → eni:data",
    },
    // Known good: the rule covers the address.
    {
      name: "good: egress-only rule reading instanceId from the bandwidth (the provider's example)",
      build: () => {
        const s = exposed();
        egressOnly(s, ref(s.bw));
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: instanceType left to its default",
      build: () => {
        const s = exposed();
        egressOnly(s, ref(s.bw), {});
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: instanceType in another case (IPv6Address)",
      build: () => {
        const s = exposed();
        egressOnly(s, ref(s.bw), { instanceType: "IPv6Address" });
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: egress-only rule naming the vpc.Ipv6Address the bandwidth names (property dependencies)",
      build: () => {
        const { s, addr } = addressForm((a) => ref(a));
        egressOnly(s, ref(addr));
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: rule and bandwidth name the address by the same known id",
      build: () => {
        const { s } = addressForm((a) => knownRef(a, "ipv6-bp1web"));
        egressOnly(s, "ipv6-bp1web");
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: a known id equal to the address the bandwidth links by dependency",
      build: () => {
        const { s } = addressForm((a) => ref(a));
        egressOnly(s, "ipv6-bp1web");
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: instanceId read from the instance, which holds this one address only",
      build: () => {
        const s = exposed();
        egressOnly(s, ref(s.web));
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: instanceId read from the instance holding only the vpc.Ipv6Address the bandwidth names",
      build: () => {
        const { s } = addressForm((a) => ref(a));
        egressOnly(s, ref(s.web));
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: an ENI's address with bandwidth, covered by an egress-only rule",
      build: () => {
        const s = eniForm();
        egressOnly(s, ref(s.bw));
        return s.b;
      },
      violations: 0,
    },
    {
      name: "good: a covering rule beside one whose instanceId is unknown",
      build: () => {
        const s = exposed();
        egressOnly(s, UNKNOWN);
        s.b.add(V6.egressOnly, "eo-web", { instanceId: ref(s.bw), ipv6GatewayId: ref(s.gateway) });
        return s.b;
      },
      violations: 0,
    },
    // Unknown at preview: a note, not a pass.
    {
      name: "unknown: instanceId unknown with no dependency may name any address",
      build: () => {
        const s = exposed();
        egressOnly(s, UNKNOWN);
        return s.b;
      },
      violations: 0,
      notes: 1,
      label: UNKNOWN_ID,
    },
    {
      name: "unknown: instanceId read from the instance holding the address and another one",
      build: () => {
        const s = exposed();
        s.web.inputs.ipv6AddressCount = 2;
        egressOnly(s, ref(s.web));
        return s.b;
      },
      violations: 0,
      notes: 1,
      label: UNKNOWN_ID,
    },
    {
      name: "unknown: instanceId read from the instance whose attached ENI asks for IPv6 addresses too",
      build: () => {
        const s = exposed();
        const vswitch = s.b.resources.find((r) => r.type === A.vswitch)!;
        const eni = s.b.add(V6.eni, "data", { vswitchId: ref(vswitch), ipv6AddressCount: 1 });
        s.b.add(V6.eniAttachment, "data", { instanceId: ref(s.web), networkInterfaceId: ref(eni) });
        egressOnly(s, ref(s.web));
        return s.b;
      },
      violations: 0,
      notes: 1,
      label: UNKNOWN_ID,
    },
    {
      name: "unknown: instanceId depending on two bandwidths: each address may be the one",
      build: () => {
        const s = exposed();
        const { dbBw } = withSecondHost(s);
        const rule = egressOnly(s, UNKNOWN);
        rule.propertyDependencies.instanceId = [s.bw.urn, dbBw.urn];
        rule.dependencies.push(s.bw.urn, dbBw.urn);
        return s.b;
      },
      violations: 0,
      notes: 2,
      label: UNKNOWN_ID,
    },
    {
      name: "unknown: instanceType unknown on a rule naming the address",
      build: () => {
        const s = exposed();
        egressOnly(s, ref(s.bw), { instanceType: UNKNOWN });
        return s.b;
      },
      violations: 0,
      notes: 1,
      label: "egress-only rule eo instanceType unknown at preview",
    },
  ]);
});

describe("internet exposures through an egress-only rule", () => {
  const rows = (s: Stack) =>
    internetExposures(buildNetworkModel(s.b.resources)).map((e) => [e.family, e.unverified ?? false]);

  it("a covered address has no IPv6 row; an uncertain one keeps it, unverified", () => {
    const covered = exposed();
    egressOnly(covered, ref(covered.bw));
    expect(rows(covered)).toEqual([]);
    const uncertain = exposed();
    egressOnly(uncertain, UNKNOWN);
    expect(rows(uncertain)).toEqual([["ipv6", true]]);
  });

  it("a host with an uncertain and then a certain address keeps the certain one", () => {
    const s = exposed();
    const { dbBw } = withSecondHost(s);
    const addr = s.b.add(V6.address, "web-v6", { ipv6Address: "2408:4005:300::10" });
    s.web.inputs.ipv6Addresses = ["2408:4005:300::10"];
    bandwidth(s.b, "bw-2", s.gateway, ref(addr));
    // May name web's first address or db's: both uncertain; web's second address stays certain.
    const rule = egressOnly(s, UNKNOWN);
    rule.propertyDependencies.instanceId = [s.bw.urn, dbBw.urn];
    const out = internetExposures(buildNetworkModel(s.b.resources));
    const byHost = (name: string) => out.filter((e) => e.name === name);
    expect(byHost("web").map((e) => e.unverified ?? false)).toEqual([false]);
    expect(byHost("db").map((e) => e.unverified ?? false)).toEqual([true]);
  });
});
