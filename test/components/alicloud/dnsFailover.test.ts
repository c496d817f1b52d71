import { childrenOf, one, ofType, settle, thrown } from "./mocks";
import { DnsFailover } from "../../../components/alicloud/dnsFailover";

describe("DnsFailover", () => {
  beforeAll(async () => {
    new DnsFailover("gtm", {
      userDomainName: "example.com",
      primary: { region: "cn-hangzhou", addresses: ["198.51.100.9"] },
      secondary: { region: "cn-shanghai", addresses: ["198.51.100.10"] },
    });
    await settle();
  });

  it("creates one address pool per region", () => {
    const pools = ofType("gtm", "alicloud:dns/addressPool:AddressPool").map((p) => p.inputs);
    expect(
      pools.map((p) => [p.addressPoolName, p.addresses.map((a: any) => a.address), p.addresses[0].remark]),
    ).toEqual([
      ["gtm-primary-cn-hangzhou", ["198.51.100.9"], "primary (cn-hangzhou)"],
      ["gtm-secondary-cn-shanghai", ["198.51.100.10"], "secondary (cn-shanghai)"],
    ]);
    expect(pools.every((p) => p.instanceId === "gtm-gtm-id" && p.type === "IPV4")).toBe(true);
    // SMART: health checks decide; ONLINE would pin the address up and defeat failover.
    expect(pools.flatMap((p) => p.addresses.map((a: any) => a.mode))).toEqual(["SMART", "SMART"]);
  });

  it("health-checks each pool over HTTPS", () => {
    const monitors = ofType("gtm", "alicloud:dns/monitorConfig:MonitorConfig").map((m) => m.inputs);
    expect(monitors.map((m) => m.addrPoolId)).toEqual(["gtm-primary-pool-id", "gtm-secondary-pool-id"]);
    for (const m of monitors) {
      expect(m).toMatchObject({ protocolType: "HTTPS", interval: 60, evaluationCount: 2 });
      expect(JSON.parse(m.monitorExtendInfo)).toMatchObject({ port: 443, failureRate: 50, path: "/" });
      expect(m.ispCityNodes.length).toBeGreaterThan(0);
    }
  });

  it("serves the primary pool and fails over to the secondary automatically", () => {
    expect(one("gtm", "alicloud:dns/accessStrategy:AccessStrategy").inputs).toMatchObject({
      accessMode: "AUTO",
      defaultAddrPools: [{ addrPoolId: "gtm-primary-pool-id", lbaWeight: 1 }],
      failoverAddrPools: [{ addrPoolId: "gtm-secondary-pool-id", lbaWeight: 1 }],
      defaultMinAvailableAddrNum: 1,
      failoverMinAvailableAddrNum: 1,
    });
    expect(one("gtm", "alicloud:dns/gtmInstance:GtmInstance").inputs).toMatchObject({
      publicUserDomainName: "example.com",
      ttl: 60,
    });
  });

  it("rejects two pools in one region and bad checks together, creating nothing", () => {
    const message = thrown(
      () =>
        new DnsFailover("bad", {
          primary: { region: "cn-hangzhou", addresses: ["198.51.100.9"] },
          secondary: { region: "cn-hangzhou", addresses: [] },
          healthCheck: { protocol: "HTTPS", port: 70000, failureRate: 50 },
          healthCheckIntervalSeconds: 5,
        }),
    );
    expect(message).toContain('argument "secondary.region" is "cn-hangzhou"; allowed: a region other than the primary');
    expect(message).toContain('argument "healthCheck.port" is 70000');
    expect(message).toContain('argument "healthCheckIntervalSeconds" is 5');
    expect(message).toContain('argument "userDomainName" is undefined');
    expect(message).toContain('argument "secondary.addresses" is []');
    expect(message).toContain("5 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });
});
