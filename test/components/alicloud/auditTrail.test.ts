import * as pulumi from "@pulumi/pulumi";
import { childrenOf, one, options, recordOptions, settle, thrown } from "./mocks";
import { AuditTrail } from "../../../components/alicloud/auditTrail";

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

  it("warns when the WORM lock is turned off", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new AuditTrail("trial", { bucketName: "acme-trial-trail", lockWorm: false });
    await settle();
    expect(one("trial", "alicloud:oss/bucketWorm:BucketWorm").inputs.status).toBe("InProgress");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("lockWorm is false"), expect.anything());
    warn.mockRestore();
  });
});
