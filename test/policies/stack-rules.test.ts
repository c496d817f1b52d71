import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireGtmPoolMonitoring } from "../../policies/rules/require-gtm-pool-monitoring";
import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { mandatory, runStack, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ACL = "aws:wafv2/webAcl:WebAcl";
const LOG = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

describe("require-waf-logging", () => {
  const acl = { type: ACL, name: "edge", props: { scope: "REGIONAL", arn: UNKNOWN } };
  it("flags a WebACL without a logging configuration", async () => {
    const ds = mandatory(await runStack(requireWafLogging, [acl]));
    expect(ds.map((d) => d.urn)).toEqual([urnOf(ACL, "edge")]);
  });
  it("links logging at preview through property dependencies", async () => {
    const log = {
      type: LOG,
      name: "edge-logs",
      props: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] },
      propertyDependencies: { resourceArn: [urnOf(ACL, "edge")] },
    };
    expect(await runStack(requireWafLogging, [acl, log])).toEqual([]);
  });
  it("links logging after deployment through equal ARNs", async () => {
    const deployed = { ...acl, props: { arn: "arn:aws:wafv2:acl/edge" } };
    const log = { type: LOG, name: "l", props: { resourceArn: "arn:aws:wafv2:acl/edge" } };
    expect(await runStack(requireWafLogging, [deployed, log])).toEqual([]);
    const other = { type: LOG, name: "l", props: { resourceArn: "arn:aws:wafv2:acl/other" } };
    expect(mandatory(await runStack(requireWafLogging, [deployed, other]))).toHaveLength(1);
  });
});

describe("require-evidence-oss-worm", () => {
  const bucket = { type: "alicloud:oss/bucket:Bucket", name: "evidence", props: { bucket: "case-evidence" } };
  it("flags an evidence bucket without WORM and passes one with it", async () => {
    expect(mandatory(await runStack(requireEvidenceOssWorm, [bucket]))).toHaveLength(1);
    const worm = {
      type: "alicloud:oss/bucketWorm:BucketWorm",
      name: "w",
      props: { bucket: UNKNOWN, status: "Locked" },
      propertyDependencies: { bucket: [urnOf(bucket.type, "evidence")] },
    };
    expect(await runStack(requireEvidenceOssWorm, [bucket, worm])).toEqual([]);
  });
  it("ignores ordinary buckets", async () => {
    expect(await runStack(requireEvidenceOssWorm, [{ ...bucket, name: "site", props: { bucket: "www" } }])).toEqual([]);
  });
  it("requires the WORM policy to keep objects at least minRetentionDays (30)", async () => {
    const worm = (retentionPeriodInDays: unknown) => ({
      type: "alicloud:oss/bucketWorm:BucketWorm",
      name: "w",
      props: { bucket: UNKNOWN, status: "Locked", retentionPeriodInDays },
      propertyDependencies: { bucket: [urnOf(bucket.type, "evidence")] },
    });
    const short = mandatory(await runStack(requireEvidenceOssWorm, [bucket, worm(1)]));
    expect(short.map((d) => d.message)).toEqual([
      expect.stringContaining("WORM policy retains objects for 1 days, less than the minimum of 30"),
    ]);
    expect(await runStack(requireEvidenceOssWorm, [bucket, worm(30)])).toEqual([]);
    expect(await runStack(requireEvidenceOssWorm, [bucket, worm(1)], { minRetentionDays: 1 })).toEqual([]);
    const unknown = await runStack(requireEvidenceOssWorm, [bucket, worm(UNKNOWN)]);
    expect(unknown.map((d) => d.level)).toEqual(["advisory"]);
  });

  describe("ActionTrail destinations the stack does not show", () => {
    const TRAIL = "alicloud:actiontrail/trail:Trail";
    const OLD_TRAIL = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";
    const audit = { type: "alicloud:oss/bucket:Bucket", name: "audit", props: { bucket: "acme-audit" } };
    const lockedWorm = {
      type: "alicloud:oss/bucketWorm:BucketWorm",
      name: "audit-worm",
      props: { bucket: UNKNOWN, status: "Locked", retentionPeriodInDays: 180 },
      propertyDependencies: { bucket: [urnOf(audit.type, "audit")] },
    };
    const trail = (props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>) => ({
      type: TRAIL,
      name: "account-trail",
      props: { trailRegion: "All", eventRw: "All", ...props },
      ...(propertyDependencies ? { propertyDependencies } : {}),
    });
    const linkedToAudit = { ossBucketName: [urnOf(audit.type, "audit")] };

    stackTable(requireEvidenceOssWorm, [
      {
        name: "bucket in the stack with a locked 180-day WORM (as AuditTrail makes it)",
        resources: [audit, lockedWorm, trail({ ossBucketName: "acme-audit", slsProjectArn: "acs:log:::project/p" })],
        violations: 0,
      },
      {
        name: "bucket unknown at preview, linked to a bucket of the stack with a locked WORM",
        resources: [audit, lockedWorm, trail({ ossBucketName: UNKNOWN }, linkedToAudit)],
        violations: 0,
      },
      {
        name: "bucket unknown at preview, linked to a bucket of the stack without WORM: the bucket is flagged",
        resources: [audit, trail({ ossBucketName: UNKNOWN }, linkedToAudit)],
        violations: 1,
        urn: urnOf(audit.type, "audit"),
      },
      {
        name: "deployed bucket linked through its id",
        resources: [{ ...audit, props: { id: "acme-audit" } }, trail({ ossBucketName: "acme-audit" })],
        violations: 1,
        mentions: "evidence bucket audit has no WORM retention policy",
      },
      {
        name: "bucket outside the stack is a note",
        resources: [trail({ ossBucketName: "org-audit-logs" })],
        violations: 0,
        notes: 1,
      },
      {
        name: "older trail resource writing outside the stack is a note",
        resources: [{ type: OLD_TRAIL, name: "old", props: { ossBucketName: "org-audit-logs", eventRw: "All" } }],
        violations: 0,
        notes: 1,
      },
      {
        name: "bucket outside the stack fails closed when configured",
        resources: [trail({ ossBucketName: "org-audit-logs" })],
        violations: 1,
        mentions: "failing closed",
        config: { failClosed: true },
      },
      {
        name: "bucket unknown at preview and linked to nothing is a note, never a pass",
        resources: [audit, lockedWorm, trail({ ossBucketName: UNKNOWN })],
        violations: 0,
        notes: 1,
      },
      {
        name: "bucket unknown at preview fails closed when configured",
        resources: [trail({ ossBucketName: UNKNOWN })],
        violations: 1,
        config: { failClosed: true },
      },
      {
        name: "SLS-only trail: require-actiontrail-all-regions-events judges it, no bucket to note here",
        resources: [trail({ slsProjectArn: "acs:log:::project/p", ossBucketName: "" })],
        violations: 0,
      },
    ] as StackCase[]);

    it("names the trail, the bucket, why and the fix", async () => {
      const ds = await runStack(requireEvidenceOssWorm, [trail({ ossBucketName: "org-audit-logs" })]);
      expect(ds.map((d) => [d.level, d.urn])).toEqual([["advisory", urnOf(TRAIL, "account-trail")]]);
      expect(ds[0].message).toContain('the lock of bucket "org-audit-logs" is unknown');
      expect(ds[0].message).toContain("trail account-trail delivers its audit logs there, outside the stack");
      expect(ds[0].message).toContain("Locked oss.BucketWorm of at least 180 days (the kit's AuditTrail component");
      const unknown = await runStack(requireEvidenceOssWorm, [trail({ ossBucketName: UNKNOWN })]);
      expect(unknown[0].message).toContain("ossBucketName of trail account-trail is unknown");
    });

    it("honours an exemption of the trail", async () => {
      const exemptions = [
        { resource: "account-trail", reason: "organisation bucket, WORM locked", owner: "sec", expires: "2999-01-01" },
      ];
      const ds = await runStack(requireEvidenceOssWorm, [trail({ ossBucketName: "org-audit-logs" })], { exemptions });
      expect(ds.map((d) => d.level)).toEqual(["advisory"]);
      expect(ds[0].message).toContain("exempted until 2999-01-01");
    });
  });
});

describe("require-gtm-pool-monitoring", () => {
  const pool = { type: "alicloud:dns/addressPool:AddressPool", name: "primary", props: { addresses: [] } };
  const exemptionUntil = (expires: string) => ({
    resource: "primary",
    reason: "pool is probed by the external uptime monitor",
    owner: "sre",
    expires,
  });
  it("requires a monitor per pool", async () => {
    expect(mandatory(await runStack(requireGtmPoolMonitoring, [pool]))).toHaveLength(1);
    const monitor = {
      type: "alicloud:dns/monitorConfig:MonitorConfig",
      name: "m",
      props: { addrPoolId: UNKNOWN },
      propertyDependencies: { addrPoolId: [urnOf(pool.type, "primary")] },
    };
    expect(await runStack(requireGtmPoolMonitoring, [pool, monitor])).toEqual([]);
  });
  it("reports exemptions in use on stack rules too", async () => {
    const exemptions = [exemptionUntil("2999-01-01")];
    const ds = await runStack(requireGtmPoolMonitoring, [pool], { exemptions });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("exempted until 2999-01-01 by sre");
  });
  it("reports an expired exemption as a violation of its own before the finding", async () => {
    const exemptions = [exemptionUntil("2000-01-01")];
    const ds = mandatory(await runStack(requireGtmPoolMonitoring, [pool], { exemptions }));
    expect(ds.map((d) => [d.urn, d.message.split("\n")[1]])).toEqual([
      [
        urnOf(pool.type, "primary"),
        "exemption expired on 2000-01-01 (owner sre): fix the resource or renew it — breaks case step 6 (lessons: WAF, image scanning, DNS failover, MFA, no root login)",
      ],
      [
        urnOf(pool.type, "primary"),
        "address pool primary has no health check (MonitorConfig) — breaks case step 6 (lessons: WAF, image scanning, DNS failover, MFA, no root login)",
      ],
    ]);
  });
});
