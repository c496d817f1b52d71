import { buildNetworkModel, internalReach, internetExposures, renderPath } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

const exposures = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));
const onPort = (rows: ReturnType<typeof exposures>, port: number) =>
  rows.filter((e) => e.ports.from <= port && port <= e.ports.to);

describe("Alibaba Cloud exposure", () => {
  function publicEcs(rules: Record<string, Record<string, unknown>>, instance: Record<string, unknown> = {}) {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    for (const [name, inputs] of Object.entries(rules)) rule(b, n.sg, name, inputs);
    const ecs = b.add(A.instance, "web", {
      vswitchId: ref(n.vswitch),
      securityGroups: [ref(n.sg)],
      internetMaxBandwidthOut: 10,
      ...instance,
    });
    return { b, n, ecs };
  }

  it("finds SSH on an instance with public bandwidth (the case's servers)", () => {
    const { b, ecs } = publicEcs({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } });
    const rows = exposures(b);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urn: ecs.urn, ports: { from: 22, to: 22 } });
    expect(renderPath(rows[0])).toBe(
      "0.0.0.0/0 → public-ip:web (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule ssh (priority 1 accept) → ecs:web:22",
    );
  });

  it("a drop rule of higher or equal priority closes the port; a lower-priority drop does not", () => {
    const closed = publicEcs({
      ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 10 },
      "deny-ssh": { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
    });
    expect(exposures(closed.b)).toEqual([]);
    const tie = publicEcs({
      ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 5 },
      "deny-ssh": { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 5 },
    });
    expect(exposures(tie.b)).toEqual([]);
    const open = publicEcs({
      ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 },
      "deny-ssh": { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 50 },
    });
    expect(onPort(exposures(open.b), 22)).toHaveLength(1);
  });

  it("a drop of one port in a wide accept leaves the rest open", () => {
    const { b } = publicEcs({
      all: { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0", priority: 100 },
      "deny-ssh": { ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
    });
    const rows = exposures(b);
    // The all-protocol accept is split: tcp/22 is dropped, udp/22 stays open.
    expect(onPort(rows, 22).map((e) => e.protocol)).toEqual(["udp"]);
    expect(
      onPort(rows, 3389)
        .map((e) => e.protocol)
        .sort(),
    ).toEqual(["tcp", "udp"]);
    const tcpOnly = publicEcs({
      all: { ipProtocol: "tcp", portRange: "1/65535", cidrIp: "0.0.0.0/0", priority: 100 },
      "deny-ssh": { ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
    });
    const tcpRows = exposures(tcpOnly.b);
    expect(onPort(tcpRows, 22)).toEqual([]);
    expect(tcpRows.map((e) => [e.ports.from, e.ports.to])).toEqual([
      [1, 21],
      [23, 65535],
    ]);
  });

  it("finds exposure through an EIP association", () => {
    const { b, ecs } = publicEcs(
      { rdp: { portRange: "3389/3389", cidrIp: "0.0.0.0/0" } },
      { internetMaxBandwidthOut: 0 },
    );
    expect(exposures(b)).toEqual([]);
    const eip = b.add(A.eip, "web-eip", { bandwidth: "5" });
    b.add(A.eipAssoc, "web-eip", { allocationId: ref(eip), instanceId: ref(ecs) });
    const rows = exposures(b);
    expect(rows.map((e) => [e.urn, e.ports.from])).toEqual([[ecs.urn, 3389]]);
    expect(rows[0].path[0]).toBe("eip:web-eip");
  });

  it("finds a DNAT entry forwarding a public port to a private host", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b, "db");
    rule(b, n.sg, "mysql-any", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
    const db = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const nat = b.add(A.nat, "natgw", { vpcId: ref(n.vpc), vswitchId: ref(n.vswitch), natType: "Enhanced" });
    const eip = b.add(A.eip, "nat-eip", {});
    b.add(A.dnat, "mysql", {
      forwardTableId: ref(nat),
      externalIp: ref(eip),
      externalPort: "13306",
      internalIp: ref(db),
      internalPort: "3306",
      ipProtocol: "tcp",
    });
    const rows = exposures(b);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urn: db.urn, via: "dnat", ports: { from: 3306, to: 3306 } });
    expect(renderPath(rows[0])).toBe(
      "0.0.0.0/0 → eip:nat-eip:13306 → nat:natgw dnat:mysql → vswitch:vsw → nacl:default allow → sg:db rule mysql-any (priority 1 accept) → ecs:db:3306",
    );
  });

  it("an SLB listener forwarding to 22 on a default backend exposes SSH", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "from-vpc", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
    const ecs = b.add(A.instance, "app", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const slb = b.add(A.slb, "front", { addressType: "internet", loadBalancerSpec: "slb.s1.small" });
    b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
    b.add(A.slbListener, "tcp-2222", {
      loadBalancerId: ref(slb),
      frontendPort: 2222,
      backendPort: 22,
      protocol: "tcp",
    });
    const rows = exposures(b);
    const ssh = rows.find((e) => e.urn === ecs.urn)!;
    expect(ssh.ports).toEqual({ from: 22, to: 22 });
    expect(renderPath(ssh)).toBe(
      "0.0.0.0/0 → lb:front (internet-facing) → listener:tcp-2222:2222 → sg:web rule from-vpc (priority 1 accept) → ecs:app:22",
    );
    // The same listener on an intranet balancer exposes nothing.
    slb.inputs.addressType = "intranet";
    expect(exposures(b)).toEqual([]);
  });

  it("a network ACL drop on the vSwitch blocks the port", () => {
    const { b, n } = publicEcs({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } });
    b.add(A.acl, "acl", {
      vpcId: ref(n.vpc),
      ingressAclEntries: [
        { policy: "drop", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
      ],
      resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
    });
    expect(exposures(b)).toEqual([]);
  });

  it("an RDS whitelist open to the internet matters only with a public endpoint", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    const rds = b.add(A.rds, "orders", { engine: "MySQL", vswitchId: ref(n.vswitch), securityIps: ["0.0.0.0/0"] });
    expect(exposures(b)).toEqual([]);
    expect(internalReach(buildNetworkModel(b.resources))).toEqual([
      expect.objectContaining({ target: rds.urn, port: 3306, from: { kind: "whitelist", cidr: "0.0.0.0/0" } }),
    ]);
    b.add(A.rdsConnection, "orders-public", { instanceId: ref(rds), connectionPrefix: "orders" });
    const rows = exposures(b);
    expect(rows.map((e) => [e.urn, e.ports.from, e.source])).toEqual([[rds.urn, 3306, "0.0.0.0/0"]]);
  });
});
