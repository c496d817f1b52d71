import { childrenOf, invokes, ofType, one, options, recordOptions, settle, thrown } from "./mocks";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";

describe("HardenedVpc", () => {
  beforeAll(async () => {
    new HardenedVpc(
      "net",
      { cidrBlock: "10.20.0.0/16", adminSourceCidrs: ["203.0.113.0/28"] },
      { transformations: [recordOptions] },
    );
    await settle();
  });

  it("carves public /24 and private /20 vSwitches over the invoked zones", () => {
    const switches = ofType("net", "alicloud:vpc/switch:Switch").map((s) => [
      s.name,
      s.inputs.cidrBlock,
      s.inputs.zoneId,
    ]);
    expect(switches).toEqual([
      ["net-private-0", "10.20.16.0/20", "cn-hangzhou-h"],
      ["net-private-1", "10.20.32.0/20", "cn-hangzhou-i"],
      ["net-public-0", "10.20.0.0/24", "cn-hangzhou-h"],
      ["net-public-1", "10.20.1.0/24", "cn-hangzhou-i"],
    ]);
    expect(invokes.some((i) => i.token === "alicloud:index/getZones:getZones")).toBe(true);
  });

  it("attaches an ACL to the public vSwitches that drops the admin ports from the internet after the admin accept", () => {
    const acl = one("net", "alicloud:vpc/networkAcl:NetworkAcl");
    expect(acl.inputs.ingressAclEntries.map((e: any) => [e.policy, e.protocol, e.port, e.sourceCidrIp])).toEqual([
      ["accept", "tcp", "22/22", "203.0.113.0/28"],
      ["drop", "tcp", "22/22", "0.0.0.0/0"],
      ["drop", "tcp", "3389/3389", "0.0.0.0/0"],
      ["drop", "tcp", "5900/5900", "0.0.0.0/0"],
      ["drop", "tcp", "5985/5985", "0.0.0.0/0"],
      ["drop", "tcp", "5986/5986", "0.0.0.0/0"],
      ["accept", "tcp", "80/80", "0.0.0.0/0"],
      ["accept", "tcp", "443/443", "0.0.0.0/0"],
      ["accept", "tcp", "1024/65535", "0.0.0.0/0"],
      ["accept", "udp", "1024/65535", "0.0.0.0/0"],
      ["accept", "all", "-1/-1", "10.20.0.0/16"],
      ["accept", "icmp", "-1/-1", "0.0.0.0/0"],
    ]);
    expect(acl.inputs.resources).toEqual([
      { resourceId: "net-public-0-id", resourceType: "VSwitch" },
      { resourceId: "net-public-1-id", resourceType: "VSwitch" },
    ]);
  });

  it("egresses private vSwitches through an enhanced NAT gateway with SNAT only", () => {
    const nat = one("net", "alicloud:vpc/natGateway:NatGateway");
    expect(nat.inputs).toMatchObject({ natType: "Enhanced", networkType: "internet", vswitchId: "net-public-0-id" });
    expect(one("net", "alicloud:ecs/eipAssociation:EipAssociation").inputs).toMatchObject({
      instanceType: "Nat",
      instanceId: "net-nat-id",
    });
    const snat = ofType("net", "alicloud:vpc/snatEntry:SnatEntry").map((s) => s.inputs);
    expect(snat.map((s) => [s.sourceVswitchId, s.snatTableId, s.snatIp])).toEqual([
      ["net-private-0-id", "stb-1", "198.51.100.7"],
      ["net-private-1-id", "stb-1", "198.51.100.7"],
    ]);
    expect(ofType("net", "alicloud:vpc/forwardEntry:ForwardEntry")).toEqual([]);
  });

  it("flow-logs ALL traffic of the VPC into a retained logstore kept 365 days", () => {
    const flow = one("net", "alicloud:vpc/flowLog:FlowLog");
    expect(flow.inputs).toMatchObject({
      resourceType: "VPC",
      resourceId: "net-vpc-id",
      trafficType: "All",
      projectName: "net-flowlog",
      logStoreName: "vpc-flowlog",
    });
    expect(one("net", "alicloud:log/store:Store").inputs.retentionPeriod).toBe(365);
    expect(options.get("net-flowlog-logs")?.retainOnDelete).toBe(true);
    expect(options.get("net-flowlog-logstore")?.retainOnDelete).toBe(true);
    // An IPv4-only VPC keeps the provider's default family.
    expect(flow.inputs.ipVersion).toBeUndefined();
  });

  it("adds ::/0 drops when IPv6 is enabled and skips the NAT when asked", async () => {
    new HardenedVpc("six", { enableIpv6: true, natGateway: false, zones: ["cn-hangzhou-j"] });
    await settle();
    const entries = one("six", "alicloud:vpc/networkAcl:NetworkAcl").inputs.ingressAclEntries;
    expect(entries.filter((e: any) => e.policy === "drop").map((e: any) => [e.port, e.sourceCidrIp])).toEqual([
      ["22/22", "0.0.0.0/0"],
      ["3389/3389", "0.0.0.0/0"],
      ["5900/5900", "0.0.0.0/0"],
      ["5985/5985", "0.0.0.0/0"],
      ["5986/5986", "0.0.0.0/0"],
      ["22/22", "::/0"],
      ["3389/3389", "::/0"],
      ["5900/5900", "::/0"],
      ["5985/5985", "::/0"],
      ["5986/5986", "::/0"],
    ]);
    expect(one("six", "alicloud:vpc/network:Network").inputs.enableIpv6).toBe(true);
    // Attacks over IPv6 reach the flow log too.
    expect(one("six", "alicloud:vpc/flowLog:FlowLog").inputs.ipVersion).toBe("DualStack");
    expect(ofType("six", "alicloud:vpc/natGateway:NatGateway")).toEqual([]);
    expect(ofType("six", "alicloud:vpc/switch:Switch").map((s) => s.inputs.zoneId)).toEqual([
      "cn-hangzhou-j",
      "cn-hangzhou-j",
    ]);
  });

  it("rejects every bad argument at once, before creating anything", () => {
    const message = thrown(
      () =>
        new HardenedVpc("bad", {
          cidrBlock: "10.20.0.1/16",
          adminSourceCidrs: ["0.0.0.0/0"],
          flowLogRetentionDays: 30,
          flowLogProjectName: "Bad_Name",
          zoneCount: 9,
          publicTcpPorts: [443, 22],
        }),
    );
    expect(message).toContain('HardenedVpc "bad": 6 invalid arguments');
    expect(message).toContain('argument "publicTcpPorts[1]" is 22');
    expect(message).toContain('argument "zoneCount" is 9');
    expect(message).toContain('argument "adminSourceCidrs[0]" is "0.0.0.0/0"');
    expect(message).toContain('argument "flowLogRetentionDays" is 30; allowed: an integer number of days from 180');
    expect(message).toContain('argument "flowLogProjectName" is "Bad_Name"');
    expect(message).toContain('argument "cidrBlock" is "10.20.0.1/16"');
    expect(message).toMatch(/fix: /);
    expect(childrenOf("bad")).toEqual([]);
  });

  it("rejects duplicate explicit zones", () => {
    const message = thrown(() => new HardenedVpc("dup", { zones: ["cn-hangzhou-h", "cn-hangzhou-h"] }));
    expect(message).toContain('argument "zones[1]" is "cn-hangzhou-h"');
    expect(childrenOf("dup")).toEqual([]);
  });

  it("rejects tiers that do not fit the VPC", () => {
    const message = thrown(() => new HardenedVpc("tight", { cidrBlock: "10.0.0.0/24", privatePrefix: 20 }));
    expect(message).toContain('argument "privatePrefix" is 20');
    expect(childrenOf("tight")).toEqual([]);
  });
});
