import * as pulumi from "@pulumi/pulumi";
import { childrenOf, one, options, recordOptions, settle, thrown } from "./mocks";
import { AuditTrail } from "../../../components/alicloud/auditTrail";
import { assertProviderRegions } from "../../../components/alicloud/zones";

describe("AuditTrail", () => {
  beforeAll(async () => {
    new AuditTrail("audit", { bucketName: "acme-actiontrail" }, { transformations: [recordOptions] });
    await settle();
  });

  it("records all events of all regions, enabled", () => {
    expect(one("audit", "alicloud:actiontrail/trail:Trail").inputs).toMatchObject({
      trailName: "audit-trail",
      trailRegion: "All",
      eventRw: "All",
      status: "Enable",
      ossBucketName: "acme-actiontrail",
      slsProjectArn: "acs:log:cn-hangzhou:1234567890123456:project/audit-actiontrail",
    });
  });

  it("delivers into a WORM-locked bucket and a logstore kept 365 days, both retained", () => {
    expect(one("audit", "alicloud:oss/bucketWorm:BucketWorm").inputs).toEqual({
      bucket: "acme-actiontrail",
      retentionPeriodInDays: 365,
      status: "Locked",
    });
    expect(one("audit", "alicloud:log/store:Store").inputs).toMatchObject({
      logstoreName: "actiontrail_audit-trail",
      retentionPeriod: 365,
    });
    for (const name of ["audit-bucket", "audit-bucket-worm", "audit-trail-logs", "audit-trail-logstore"]) {
      expect(options.get(name)?.retainOnDelete).toBe(true);
    }
  });

  it("rejects short retention and bad names together, creating nothing", () => {
    const message = thrown(
      () =>
        new AuditTrail("bad", {
          trailName: "X",
          bucketName: "UPPER",
          bucketRetentionDays: 30,
          logRetentionDays: 7,
        }),
    );
    for (const arg of ["trailName", "bucketName", "bucketRetentionDays", "logRetentionDays"]) {
      expect(message).toContain(`argument "${arg}"`);
    }
    expect(message).toContain("4 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });

  it("points the trail at the project in the provider's region, a matching region given or not", async () => {
    new AuditTrail("named", { bucketName: "acme-named-trail", region: "cn-hangzhou" });
    await settle();
    expect(one("named", "alicloud:actiontrail/trail:Trail").inputs.slsProjectArn).toBe(
      "acs:log:cn-hangzhou:1234567890123456:project/named-actiontrail",
    );
  });

  it("refuses a region other than the provider's, naming both", () => {
    const pair = {
      argument: "region",
      declared: "cn-shanghai",
      provider: "the component's provider",
      actual: "cn-hangzhou",
    };
    expect(() => assertProviderRegions('AuditTrail "audit"', [pair])).toThrow(
      'AuditTrail "audit": 1 invalid argument:\n  1. argument "region" is "cn-shanghai"; allowed: the region of ' +
        "the component's provider (cn-hangzhou); fix: pass \"cn-hangzhou\" as region, or give the component's " +
        'provider region "cn-shanghai"',
    );
  });

  it("warns when the WORM lock is turned off", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new AuditTrail("trial", { bucketName: "acme-trial-trail", lockWorm: false });
    await settle();
    expect(one("trial", "alicloud:oss/bucketWorm:BucketWorm").inputs.status).toBe("InProgress");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("lockWorm is false"), expect.anything());
    warn.mockRestore();
  });
});
