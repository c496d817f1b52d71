import { buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import { T, sshFromAnywhere, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";

function exposures(b: StackBuilder) {
  return internetExposures(buildNetworkModel(b.resources));
}

function onPort(rows: ReturnType<typeof exposures>, port: number) {
  return rows.filter((e) => e.ports.from <= port && port <= e.ports.to);
}

describe("AWS direct exposure", () => {
  it("finds SSH through an EIP, with the full path", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
    b.add(T.eip, "web-ip", { instance: ref(web), domain: "vpc" });
    const ssh = onPort(exposures(b), 22);
    expect(ssh).toHaveLength(1);
    expect(ssh[0]).toMatchObject({ urn: web.urn, protocol: "tcp", ports: { from: 22, to: 22 }, source: "0.0.0.0/0" });
    expect(renderPath(ssh[0])).toBe(
      "0.0.0.0/0 → igw:igw → eip:web-ip → rtb:public → subnet:public-a → nacl:default allow → sg:web rule web ingress[0] → instance:web:22",
    );
  });

  it("finds exposure through associatePublicIpAddress and through the subnet's mapPublicIpOnLaunch", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const a = b.add(T.instance, "a", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      associatePublicIpAddress: true,
    });
    const mapping = b.add(T.subnet, "public-b", { vpcId: ref(v.vpc), mapPublicIpOnLaunch: true });
    b.add(T.rta, "public-b", { subnetId: ref(mapping), routeTableId: ref(v.publicRtb) });
    const c = b.add(T.instance, "c", { subnetId: ref(mapping), vpcSecurityGroupIds: [ref(sg)] });
    const ssh = onPort(exposures(b), 22);
    expect(ssh.map((e) => e.urn).sort()).toEqual([a.urn, c.urn].sort());
    expect(ssh.find((e) => e.urn === c.urn)!.path).toContain("public-ip:public-b");
  });

  it("an explicit associatePublicIpAddress: false overrides the subnet default", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const mapping = b.add(T.subnet, "public-b", { vpcId: ref(v.vpc), mapPublicIpOnLaunch: true });
    b.add(T.rta, "public-b", { subnetId: ref(mapping), routeTableId: ref(v.publicRtb) });
    b.add(T.instance, "c", { subnetId: ref(mapping), vpcSecurityGroupIds: [ref(sg)], associatePublicIpAddress: false });
    expect(exposures(b)).toEqual([]);
  });

  it("is blocked by a missing internet route (private subnet routes to NAT only)", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const web = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
    b.add(T.eip, "web-ip", { instance: ref(web) });
    expect(exposures(b)).toEqual([]);
  });

  it("is blocked by a NACL deny with a lower rule number, other ports stay open", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
    b.add(T.eip, "web-ip", { instance: ref(web) });
    const nacl = b.add(T.nacl, "public", {
      vpcId: ref(v.vpc),
      subnetIds: [ref(v.publicSubnet)],
      ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
    });
    b.add(T.naclRule, "deny-ssh", {
      networkAclId: ref(nacl),
      ruleNumber: 90,
      egress: false,
      protocol: "tcp",
      ruleAction: "deny",
      fromPort: 22,
      toPort: 22,
      cidrBlock: "0.0.0.0/0",
    });
    const rows = exposures(b);
    expect(onPort(rows, 22)).toEqual([]);
    expect(onPort(rows, 443)).toHaveLength(1);
    expect(onPort(rows, 443)[0].path).toContain("nacl:public allow #100");
  });

  it("a NACL allow for a narrower block reports only that block", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
    b.add(T.eip, "web-ip", { instance: ref(web) });
    b.add(T.nacl, "public", {
      vpcId: ref(v.vpc),
      subnetIds: [ref(v.publicSubnet)],
      ingress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "198.51.100.0/24" },
      ],
    });
    const rows = exposures(b);
    expect(rows.map((e) => [e.ports.from, e.source])).toEqual([[22, "198.51.100.0/24"]]);
  });

  it("finds IPv6-only paths and ignores egress-only gateways", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b, { ipv6: true });
    const sg = b.add(T.sg, "v6", { vpcId: ref(v.vpc) });
    b.add(T.ingress, "ssh-v6", {
      securityGroupId: ref(sg),
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      cidrIpv6: "::/0",
    });
    const host = b.add(T.instance, "v6host", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      ipv6AddressCount: 1,
    });
    const rows = exposures(b);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urn: host.urn, family: "ipv6", source: "::/0", ports: { from: 22, to: 22 } });

    const e = new StackBuilder();
    const vpc = e.add(T.vpc, "v", {});
    const eigw = e.add(T.eigw, "eigw", { vpcId: ref(vpc) });
    const rtb = e.add(T.rtb, "rt", {
      vpcId: ref(vpc),
      routes: [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: ref(eigw) }],
    });
    const subnet = e.add(T.subnet, "s", { vpcId: ref(vpc), assignIpv6AddressOnCreation: true });
    e.add(T.rta, "s", { subnetId: ref(subnet), routeTableId: ref(rtb) });
    const sg2 = e.add(T.sg, "v6", {
      vpcId: ref(vpc),
      ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }],
    });
    e.add(T.instance, "h", { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg2)] });
    expect(exposures(e)).toEqual([]);
  });

  it("a self-reference does not hide 0.0.0.0/0 in the same group", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "mixed", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, self: true, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const h = b.add(T.instance, "pg", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      associatePublicIpAddress: true,
    });
    expect(onPort(exposures(b), 5432).map((e) => e.urn)).toEqual([h.urn]);
  });

  it("a publicly accessible RDS instance is exposed on its port only", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "db", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const group = b.add(T.rdsSubnets, "db", { subnetIds: [ref(v.publicSubnet)] });
    const db = b.add(T.rds, "orders", {
      engine: "postgres",
      dbSubnetGroupName: ref(group),
      vpcSecurityGroupIds: [ref(sg)],
      publiclyAccessible: true,
    });
    const rows = exposures(b);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urn: db.urn, ports: { from: 5432, to: 5432 } });
    expect(rows[0].path.at(-1)).toBe("rds:orders:5432");
  });

  it("links known ids as well as unknown ones, and leaves ambiguous references unlinked", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "known", {
      id: "sg-0abc",
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const web = b.add(T.instance, "web", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: ["sg-0abc"],
      associatePublicIpAddress: true,
    });
    expect(exposures(b).map((e) => e.urn)).toEqual([web.urn]);
    expect(sg.urn).toBeDefined();

    // Two subnets behind one unknown subnetId cannot be told apart: the instance is not placed in either.
    const c = new StackBuilder();
    const v2 = vpcWithSubnets(c);
    const sg2 = sshFromAnywhere(c, v2);
    const odd = c.add(T.instance, "odd", {
      subnetId: ref(v2.publicSubnet),
      vpcSecurityGroupIds: [ref(sg2)],
      associatePublicIpAddress: true,
    });
    odd.propertyDependencies.subnetId.push(v2.privateSubnet.urn);
    const m = buildNetworkModel(c.resources);
    expect(m.hosts.get(odd.urn)!.subnets).toEqual([]);

    // A known value that is also a dependency resolves through the dependency.
    const d = new StackBuilder();
    const v3 = vpcWithSubnets(d);
    const sg3 = sshFromAnywhere(d, v3);
    const h = d.add(T.instance, "h", {
      subnetId: knownRef(v3.publicSubnet, "subnet-123"),
      vpcSecurityGroupIds: [knownRef(sg3, "sg-123")],
      associatePublicIpAddress: true,
    });
    expect(onPort(exposures(d), 22).map((e) => e.urn)).toEqual([h.urn]);
  });
});

describe("AWS network interfaces", () => {
  it("an instance launched on an interface takes its subnet and groups, and an EIP on the interface reaches it", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = sshFromAnywhere(b, v);
    const eni = b.add("aws:ec2/networkInterface:NetworkInterface", "web-eni", {
      subnetId: ref(v.publicSubnet),
      securityGroups: [ref(sg)],
    });
    const web = b.add(T.instance, "web", { networkInterfaces: [{ networkInterfaceId: ref(eni), deviceIndex: 0 }] });
    expect(exposures(b)).toEqual([]);
    b.add(T.eipAssoc, "web-ip", { networkInterfaceId: ref(eni) });
    expect(onPort(exposures(b), 22).map((e) => e.urn)).toEqual([web.urn]);
  });
});
