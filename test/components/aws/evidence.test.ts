import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { AuditTrail } from "../../../components/aws/auditTrail";
import { filterRuleBlocks, MirrorFilterRule, TrafficForensics } from "../../../components/aws/trafficForensics";
import { FLOW_LOG_V5_FIELDS } from "../../../components/plan/flowLogFormat";

function expectLockedEvidenceBucket(bucketName: string, prefix: string) {
  const bucket = one("aws:s3/bucket:Bucket");
  expect(bucket.inputs).toMatchObject({ bucket: bucketName, objectLockEnabled: true });
  expect(bucket.inputs.forceDestroy).toBeUndefined();
  expect(bucket.inputs.tags["hardening:evidence"]).toBe("true");
  expect(one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs).toMatchObject({
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
  });
  expect(one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
  const sse = one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
  expect(sse.inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({
    sseAlgorithm: "aws:kms",
    kmsMasterKeyId: `arn:aws:mock:us-east-1:123456789012:kms/key/${prefix}`,
  });
  expect(one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const policy = JSON.parse(one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
  expect(policy.Statement[0]).toEqual({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
  return policy;
}

describe("TrafficForensics", () => {
  beforeAll(async () => {
    reset();
    new TrafficForensics("forensics", {
      vpcId: "vpc-1",
      mirroring: { targetEniId: "eni-sensor", sourceEniIds: ["eni-app-0", "eni-app-1"] },
    });
    await settle();
  });

  it("writes every v5 field of ALL traffic to an object-locked, KMS-encrypted, private evidence bucket", () => {
    const policy = expectLockedEvidenceBucket("forensics-evidence-123456789012", "forensics-evidence-key");
    const flow = one("aws:ec2/flowLog:FlowLog");
    expect(flow.inputs).toMatchObject({
      vpcId: "vpc-1",
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: "arn:aws:s3:::forensics-evidence-123456789012",
    });
    expect(flow.inputs.logFormat.split(" ")).toEqual(FLOW_LOG_V5_FIELDS.map((f) => "${" + f + "}"));
    expect(FLOW_LOG_V5_FIELDS).toContain("pkt-srcaddr");
    expect(FLOW_LOG_V5_FIELDS).toContain("traffic-path");
    const write = policy.Statement.find((s: any) => s.Sid === "LogDeliveryWrite");
    expect(write).toEqual({
      Sid: "LogDeliveryWrite",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::forensics-evidence-123456789012/AWSLogs/123456789012/*",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012", "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
  });

  it("mirrors the given ENIs to the sensor through an accept-all filter, IPv4 and IPv6", () => {
    expect(one("aws:ec2/trafficMirrorTarget:TrafficMirrorTarget").inputs.networkInterfaceId).toBe("eni-sensor");
    const rules = ofType("aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule").map((r) => r.inputs);
    const rule = (trafficDirection: string, ruleNumber: number, any: string) =>
      expect.objectContaining({
        trafficDirection,
        ruleNumber,
        ruleAction: "accept",
        sourceCidrBlock: any,
        destinationCidrBlock: any,
      });
    expect(rules).toEqual([
      rule("ingress", 100, "0.0.0.0/0"),
      rule("ingress", 110, "::/0"),
      rule("egress", 100, "0.0.0.0/0"),
      rule("egress", 110, "::/0"),
    ]);
    expect(rules.every((r) => r.protocol === undefined && r.destinationPortRange === undefined)).toBe(true);
    const sessions = ofType("aws:ec2/trafficMirrorSession:TrafficMirrorSession").map((s) => s.inputs);
    expect(sessions.map((s) => [s.networkInterfaceId, s.trafficMirrorTargetId, s.trafficMirrorFilterId])).toEqual([
      ["eni-app-0", "forensics-mirror-target-id", "forensics-mirror-filter-id"],
      ["eni-app-1", "forensics-mirror-target-id", "forensics-mirror-filter-id"],
    ]);
  });

  it("warns for each direction the given filter rules do not mirror", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      reset();
      const mirroring = (filterRules: MirrorFilterRule[]) => ({
        targetEniId: "eni-s",
        sourceEniIds: ["eni-a"],
        filterRules,
      });
      new TrafficForensics("none", { vpcId: "vpc-1", mirroring: mirroring([]) });
      new TrafficForensics("rejects", {
        vpcId: "vpc-1",
        mirroring: mirroring([
          { direction: "ingress", ruleNumber: 10, action: "accept", protocol: 6 },
          { direction: "egress", ruleNumber: 10, action: "reject" },
        ]),
      });
      new TrafficForensics("default", { vpcId: "vpc-1", mirroring: { targetEniId: "eni-s", sourceEniIds: ["eni-a"] } });
      await settle();
      const messages = warn.mock.calls.map((c) => String(c[0])).filter((m) => /filterRules/.test(m));
      expect(messages.map((m) => /TrafficForensics (\S+): .*accept no (\S+) traffic/.exec(m)?.slice(1))).toEqual([
        ["none", "ingress"],
        ["none", "egress"],
        ["rejects", "egress"],
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("rejects short retention and ambiguous or empty mirroring, creating nothing", async () => {
    reset();
    const e = validationErrorOf(
      () =>
        new TrafficForensics("bad", {
          vpcId: "vpc-1",
          retentionDays: 30,
          mirroring: {
            targetEniId: "eni-1",
            targetNlbArn:
              "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/sensor/0123456789abcdef",
            sourceEniIds: [],
            filterRules: [
              { direction: "ingress", ruleNumber: 10, action: "accept" },
              { direction: "ingress", ruleNumber: 10, action: "reject" },
              {
                direction: "egress",
                ruleNumber: 20,
                action: "accept",
                sourceCidrBlock: "::/0",
                destinationCidrBlock: "10.0.0.0/8",
              },
              { direction: "egress", ruleNumber: 30, action: "accept", sourceCidrBlock: "not-a-cidr" },
            ],
          },
        }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual([
      "retentionDays",
      "mirroring.targetNlbArn/targetEniId",
      "mirroring.sourceEniIds",
      "mirroring.filterRules[1]",
      "mirroring.filterRules[2].sourceCidrBlock/destinationCidrBlock",
      // A block that is no CIDR is named by its own field, not as a mix of families.
      "mirroring.filterRules[3].sourceCidrBlock",
    ]);
    await settle();
    expect(recorded).toEqual([]);
  });

  it("completes a rule's omitted block with the whole of the other block's family", () => {
    const blocks = (sourceCidrBlock?: string, destinationCidrBlock?: string) =>
      filterRuleBlocks({
        direction: "ingress",
        ruleNumber: 1,
        action: "accept",
        sourceCidrBlock,
        destinationCidrBlock,
      });
    expect(blocks()).toEqual({ source: "0.0.0.0/0", destination: "0.0.0.0/0" });
    expect(blocks("2001:db8::/32")).toEqual({ source: "2001:db8::/32", destination: "::/0" });
    expect(blocks(undefined, "10.0.0.0/8")).toEqual({ source: "0.0.0.0/0", destination: "10.0.0.0/8" });
    expect(blocks("10.0.0.0/8", "::/0")).toBeUndefined();
  });
});

describe("AuditTrail", () => {
  beforeAll(async () => {
    reset();
    new AuditTrail("audit");
    await settle();
  });

  it("is multi-region, validated, KMS-encrypted and copied to CloudWatch Logs for 365 days", () => {
    const trail = one("aws:cloudtrail/trail:Trail");
    expect(trail.inputs).toMatchObject({
      name: "audit-trail",
      s3BucketName: "audit-trail-123456789012",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: "arn:aws:mock:us-east-1:123456789012:kms/key/audit-trail-key",
      cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/hardening/audit/cloudtrail:*",
    });
    expect(one("aws:cloudwatch/logGroup:LogGroup").inputs).toMatchObject({
      name: "/hardening/audit/cloudtrail",
      retentionInDays: 365,
    });
  });

  it("stores files in a locked bucket whose policy admits only this trail", () => {
    const policy = expectLockedEvidenceBucket("audit-trail-123456789012", "audit-trail-key");
    const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail";
    expect(policy.Statement.slice(1)).toEqual([
      {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: "arn:aws:s3:::audit-trail-123456789012",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::audit-trail-123456789012/AWSLogs/123456789012/*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
    ]);
    const rolePolicy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
    expect(rolePolicy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/hardening/audit/cloudtrail:log-stream:*",
      },
    ]);
  });

  it("rejects retention below 180 days in both stores at once", () => {
    const e = validationErrorOf(() => new AuditTrail("bad", { retentionDays: 90, logRetentionDays: 30 }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["retentionDays", 90],
      ["logRetentionDays", 30],
    ]);
    expect(e.message).toMatch(/fix: omit retentionDays for 365 days/);
  });
});
