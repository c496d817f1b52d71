// HardenedVpc in one zone: allowed as an explicit choice, weaker than the default two zones, so it is announced with
// a warning naming the argument (AWS's twin refuses fewer than 2 zones). And the reserved blocks a VPC cannot use,
// shared with AWS (plan/vpcCidrSpace.ts), refused before anything exists.
import * as pulumi from "@pulumi/pulumi";
import { ofType, recorded, settle, thrown } from "./mocks";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const zoneWarnings = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => /zone's outage/.test(m));

describe("a single zone warns, naming the argument and the risk", () => {
  it("zoneCount: 1 builds one zone's vSwitches and warns", async () => {
    new HardenedVpc("onezone", { zoneCount: 1 });
    await settle();
    expect(ofType("onezone", "alicloud:vpc/switch:Switch").map((s) => s.inputs.zoneId)).toEqual([
      "cn-hangzhou-h",
      "cn-hangzhou-h",
    ]);
    expect(zoneWarnings()).toHaveLength(1);
    const [message] = zoneWarnings();
    expect(message).toContain('HardenedVpc "onezone": zoneCount is 1, weaker than the default 2');
    expect(message).toContain("that zone's outage takes the whole network down");
    expect(message).toContain("list two zones, or omit zones and zoneCount");
  });

  it("zones listing one zone warns, naming zones and the zone", async () => {
    new HardenedVpc("onelisted", { zones: ["cn-hangzhou-j"], natGateway: false });
    await settle();
    expect(zoneWarnings()).toEqual([
      expect.stringContaining('HardenedVpc "onelisted": zones lists one zone (["cn-hangzhou-j"])'),
    ]);
  });

  it.each([
    ["the default", {}],
    ["zoneCount: 2", { zoneCount: 2 }],
    ["zoneCount: 3", { zoneCount: 3 }],
    ["two listed zones", { zones: ["cn-hangzhou-h", "cn-hangzhou-i"] }],
  ])("%s does not warn", async (label, args) => {
    new HardenedVpc(`multi-${label.replace(/[^a-z0-9]/gi, "").toLowerCase()}`, args);
    await settle();
    expect(zoneWarnings()).toEqual([]);
  });

  it("a refused zoneCount reports its error, and neither warns nor registers anything", async () => {
    const message = thrown(() => new HardenedVpc("nozone", { zoneCount: 0 }));
    expect(message).toContain('argument "zoneCount" is 0');
    await settle();
    expect(recorded.filter((r) => r.name.startsWith("nozone"))).toEqual([]);
    expect(zoneWarnings()).toEqual([]);
  });
});

describe("cidrBlock in space Alibaba Cloud or every network reserves is refused", () => {
  it.each([
    ["Alibaba Cloud's service range", "100.64.0.0/16", "100.64.0.0/10"],
    ["multicast", "224.0.0.0/16", "224.0.0.0/4"],
    ["loopback", "127.0.0.0/16", "127.0.0.0/8"],
    ["link-local", "169.254.0.0/16", "169.254.0.0/16"],
    ['"this network"', "0.0.0.0/16", "0.0.0.0/8"],
    ["class E", "240.0.0.0/16", "240.0.0.0/4"],
  ])("%s: %s", async (label, cidrBlock, block) => {
    const name = `reserved-${label.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
    const before = recorded.length;
    const message = thrown(() => new HardenedVpc(name, { cidrBlock }));
    expect(message).toContain(`argument "cidrBlock" is "${cidrBlock}"`);
    expect(message).toContain(block);
    expect(message).toMatch(/fix: .*use private space, e\.g\. "10\.20\.0\.0\/16"/);
    await settle();
    expect(recorded.length).toBe(before);
  });

  it.each(["10.0.0.0/16", "172.16.0.0/16", "192.168.0.0/16", "100.128.0.0/16"])("%s is accepted", async (cidrBlock) => {
    const name = `space-${cidrBlock.split(".").slice(0, 2).join("-")}`;
    new HardenedVpc(name, { cidrBlock });
    await settle();
    expect(ofType(name, "alicloud:vpc/network:Network").map((n) => n.inputs.cidrBlock)).toEqual([cidrBlock]);
  });
});
