import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { UNKNOWN } from "../../lib/reachability";
import { A } from "./alicloud-fixtures";
import { T } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

describe("require-vpc-flow-logs-all-traffic", () => {
  const policy = requireVpcFlowLogsAllTraffic;

  function awsVpc(flow?: Record<string, unknown>, retentionInDays?: unknown) {
    const b = new StackBuilder();
    const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16" });
    if (flow) {
      const group = b.add(T.logGroup, "flow", retentionInDays === undefined ? {} : { retentionInDays });
      b.add(T.flowLog, "flow", { vpcId: ref(vpc), logDestination: ref(group), ...flow });
    }
    return { b, vpc };
  }

  it("requires a flow log on every VPC", async () => {
    const { b, vpc } = awsVpc();
    expect(mandatory(await runStackPolicy(policy, b.resources))).toEqual([
      expect.objectContaining({ urn: vpc.urn, message: expect.stringContaining("no flow log") }),
    ]);
  });

  it("accepts ALL traffic to a log group kept 365 days or forever, rejects 30 days and REJECT-only", async () => {
    expect(await runStackPolicy(policy, awsVpc({ trafficType: "ALL" }, 365).b.resources)).toEqual([]);
    expect(await runStackPolicy(policy, awsVpc({ trafficType: "ALL" }).b.resources)).toEqual([]);
    const short = mandatory(await runStackPolicy(policy, awsVpc({ trafficType: "ALL" }, 30).b.resources));
    expect(short[0].message).toContain("keeps logs 30 days, fewer than 180");
    const reject = mandatory(await runStackPolicy(policy, awsVpc({ trafficType: "REJECT" }, 365).b.resources));
    expect(reject[0].message).toContain("trafficType is REJECT, must be ALL");
    expect(
      await runStackPolicy(policy, awsVpc({ trafficType: "ALL" }, 30).b.resources, { minRetentionDays: 30 }),
    ).toEqual([]);
  });

  it("reports an unknown retention as advisory, and as a violation when failing closed", async () => {
    const { b } = awsVpc({ trafficType: "ALL" }, UNKNOWN);
    const out = await runStackPolicy(policy, b.resources);
    expect(out).toHaveLength(1);
    expect(out[0].advisory).toBe(true);
    expect(mandatory(await runStackPolicy(policy, b.resources, { failClosed: true }))).toHaveLength(1);
  });

  it("checks S3 destinations through the bucket's lifecycle", async () => {
    const b = new StackBuilder();
    const vpc = b.add(T.vpc, "main", {});
    const bucket = b.add("aws:s3/bucket:Bucket", "evidence", {});
    b.add("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "evidence", {
      bucket: ref(bucket),
      rules: [{ id: "expire", status: "Enabled", expiration: { days: 90 } }],
    });
    b.add(T.flowLog, "flow", {
      vpcId: ref(vpc),
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: ref(bucket),
    });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.message)).toEqual([expect.stringContaining("bucket evidence keeps logs 90 days")]);
  });

  it("checks Alibaba Cloud flow logs against the log store's retention (default 30 days)", async () => {
    const build = (retentionPeriod?: number) => {
      const b = new StackBuilder();
      const vpc = b.add(A.vpc, "vpc", {});
      const store = b.add(A.logStore, "flow", {
        projectName: "audit",
        logstoreName: "vpc-flow",
        ...(retentionPeriod ? { retentionPeriod } : {}),
      });
      b.add(A.flowLog, "flow", {
        resourceType: "VPC",
        resourceId: ref(vpc),
        trafficType: "All",
        projectName: "audit",
        logStoreName: ref(store),
      });
      return b;
    };
    expect(mandatory(await runStackPolicy(policy, build().resources))[0].message).toContain("keeps logs 30 days");
    expect(await runStackPolicy(policy, build(180).resources)).toEqual([]);
  });
});

describe("require-waf-on-internet-endpoints", () => {
  const policy = requireWafOnInternetEndpoints;

  it("requires a web ACL association on an internet-facing ALB, linked while its ARN is unknown", async () => {
    const b = new StackBuilder();
    const alb = b.add(T.lb, "web", { loadBalancerType: "application" });
    b.add(T.lb, "internal", { internal: true });
    b.add(T.lb, "nlb", { loadBalancerType: "network" });
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([alb.urn]);
    b.add(T.waf, "web", {
      resourceArn: ref(alb),
      webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y",
    });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("requires a WAF 3.0 domain in front of an internet Alibaba Cloud ALB", async () => {
    const b = new StackBuilder();
    const alb = b.add(A.alb, "web", { addressType: "Internet" });
    b.add(A.alb, "inner", { addressType: "Intranet" });
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([alb.urn]);
    b.add(A.wafDomain, "shop", { domain: "shop.example.com", redirect: { backends: [ref(alb)] } });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });
});

describe("require-audit-trail-for-compute", () => {
  const policy = requireAuditTrailForCompute;

  it("requires a trail when compute is created, per cloud", async () => {
    const b = new StackBuilder();
    const vm = b.add(T.instance, "web", {});
    const ecs = b.add(A.instance, "erp", {});
    expect(
      mandatory(await runStackPolicy(policy, b.resources))
        .map((r) => r.urn)
        .sort(),
    ).toEqual([vm.urn, ecs.urn].sort());
    b.add(T.trail, "org", { enableLogging: true, s3BucketName: "trail" });
    b.add(A.trail, "org", { status: "Disable" });
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([ecs.urn]);
    expect(await runStackPolicy(policy, b.resources, { providedExternally: true })).toEqual([]);
    expect(await runStackPolicy(policy, b.resources, { required: false })).toEqual([]);
  });

  it("does not ask stacks without compute for a trail", async () => {
    const b = new StackBuilder();
    b.add(T.vpc, "main", {});
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("rejects a bad config value with a message naming the key", async () => {
    const b = new StackBuilder();
    await expect(runStackPolicy(policy, b.resources, { required: "yes" })).rejects.toThrow(/config 'required'/);
  });
});
