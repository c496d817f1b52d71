import * as pulumi from "@pulumi/pulumi";
import { childrenOf, one, ofType, options, recordOptions, settle, thrown } from "./mocks";
import { MIRROR_ALL, TrafficForensics } from "../../../components/alicloud/trafficForensics";

describe("TrafficForensics", () => {
  beforeAll(async () => {
    new TrafficForensics(
      "tf",
      {
        flowLogResourceId: "vpc-1",
        sourceEniIds: ["eni-a", "eni-b"],
        target: { type: "SLB", id: "lb-sensor" },
        evidenceBucketName: "acme-evidence",
      },
      { transformations: [recordOptions] },
    );
    await settle();
  });

  it("flow-logs ALL traffic into an SLS logstore kept 365 days", () => {
    expect(one("tf", "alicloud:vpc/flowLog:FlowLog").inputs).toMatchObject({
      resourceType: "VPC",
      resourceId: "vpc-1",
      trafficType: "All",
      projectName: "tf-forensics",
      logStoreName: "traffic-flowlog",
    });
    expect(one("tf", "alicloud:log/store:Store").inputs.retentionPeriod).toBe(365);
    expect(options.get("tf-flowlog-logs")?.retainOnDelete).toBe(true);
  });

  it("mirrors all traffic both ways from the ENIs to the sensor", () => {
    const all = {
      protocol: "ALL",
      sourceCidrBlock: "0.0.0.0/0",
      destinationCidrBlock: "0.0.0.0/0",
      sourcePortRange: "-1/-1",
      destinationPortRange: "-1/-1",
      action: "accept",
      priority: 1,
      trafficMirrorFilterId: "tf-filter-id",
    };
    expect(one("tf", "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule").inputs).toEqual(all);
    expect(one("tf", "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule").inputs).toEqual(all);
    expect(one("tf", "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession").inputs).toMatchObject({
      trafficMirrorFilterId: "tf-filter-id",
      trafficMirrorSourceIds: ["eni-a", "eni-b"],
      trafficMirrorTargetId: "lb-sensor",
      trafficMirrorTargetType: "SLB",
      enabled: true,
    });
  });

  it("keeps evidence in a versioned, KMS-encrypted, WORM-locked, private bucket that survives destroy", () => {
    const bucket = one("tf", "alicloud:oss/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({
      bucket: "acme-evidence",
      versioning: { status: "Enabled" },
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: "tf-evidence-key-id" },
      tags: { "hardening:evidence": "true" },
    });
    expect(bucket.inputs.forceDestroy).toBeUndefined();
    expect(one("tf", "alicloud:oss/bucketWorm:BucketWorm").inputs).toEqual({
      bucket: "acme-evidence",
      retentionPeriodInDays: 365,
      status: "Locked",
    });
    expect(one("tf", "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs.blockPublicAccess).toBe(
      true,
    );
    expect(one("tf", "alicloud:kms/key:Key").inputs).toMatchObject({
      automaticRotation: "Enabled",
      deletionProtection: "Enabled",
    });
    for (const name of ["tf-evidence", "tf-evidence-worm", "tf-evidence-key"]) {
      expect(options.get(name)?.retainOnDelete).toBe(true);
    }
  });

  it("rejects bad evidence settings and mirror rules together, creating nothing", () => {
    const message = thrown(
      () =>
        new TrafficForensics("bad", {
          flowLogResourceId: "vpc-1",
          sourceEniIds: [],
          target: { type: "Instance" as any, id: "i-1" },
          evidenceBucketName: "Bad_Bucket",
          evidenceRetentionDays: 7,
          logRetentionDays: 30,
          ingressRules: [
            {
              protocol: "ESP",
              sourceCidrBlock: "0.0.0.0/0",
              destinationCidrBlock: "0.0.0.0/0",
              sourcePortRange: "-1/-1",
              destinationPortRange: "-1/-1",
              action: "accept",
              priority: 11,
            },
          ],
        }),
    );
    for (const arg of [
      "sourceEniIds",
      "target.type",
      "evidenceBucketName",
      "evidenceRetentionDays",
      "logRetentionDays",
      "ingressRules[0].protocol",
      "ingressRules[0].priority",
    ]) {
      expect(message).toContain(`argument "${arg}"`);
    }
    expect(message).toContain("7 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });

  it("warns when a direction's rules only drop", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new TrafficForensics("dropper", {
      flowLogResourceId: "vpc-1",
      sourceEniIds: ["eni-a"],
      target: { type: "NetworkInterface", id: "eni-sensor" },
      evidenceBucketName: "acme-dropper-evidence",
      egressRules: [{ ...MIRROR_ALL, action: "drop" }],
    });
    await settle();
    const messages = warn.mock.calls.map((c) => String(c[0])).filter((m) => /only drop/.test(m));
    expect(messages).toEqual([expect.stringMatching(/^TrafficForensics "dropper": egressRules only drop/)]);
    warn.mockRestore();
  });

  it("warns and leaves WORM unlocked only when asked", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new TrafficForensics("trial", {
      flowLogResourceId: "vpc-1",
      sourceEniIds: ["eni-a"],
      target: { type: "NetworkInterface", id: "eni-sensor" },
      evidenceBucketName: "acme-trial-evidence",
      lockWorm: false,
    });
    await settle();
    expect(one("trial", "alicloud:oss/bucketWorm:BucketWorm").inputs.status).toBe("InProgress");
    expect(ofType("trial", "alicloud:oss/bucket:Bucket")).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("lockWorm is false"), expect.anything());
    warn.mockRestore();
  });
});
