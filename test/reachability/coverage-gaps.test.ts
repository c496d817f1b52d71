// Coverage the stack rules must not lose to a less common form: compute started by Lightsail, spot requests, instance
// sets or simple application servers still needs a trail; an adopted default VPC still needs a flow log; an
// Alibaba Cloud flow log that is Inactive or limited to internet-gateway paths records too little.
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { UNKNOWN } from "../../lib/reachability";
import { A } from "./alicloud-fixtures";
import { T } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

describe("require-audit-trail-for-compute on less common compute", () => {
  const policy = requireAuditTrailForCompute;

  it.each([
    ["aws:lightsail/instance:Instance"],
    ["aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    ["aws:ec2/spotFleetRequest:SpotFleetRequest"],
    ["aws:ec2/launchConfiguration:LaunchConfiguration"],
    ["aws:eks/nodeGroup:NodeGroup"],
    ["aws:elasticbeanstalk/environment:Environment"],
  ])("%s without a CloudTrail trail", async (type) => {
    const b = new StackBuilder();
    const host = b.add(type, "host", {});
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([host.urn]);
    b.add(T.trail, "org", { s3BucketName: "trail" });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it.each([
    ["alicloud:ecs/ecsInstanceSet:EcsInstanceSet"],
    ["alicloud:simpleapplicationserver/instance:Instance"],
    ["alicloud:ens/instance:Instance"],
    ["alicloud:cs/nodePool:NodePool"],
    ["alicloud:ecs/launchTemplate:LaunchTemplate"],
  ])("%s without an ActionTrail trail", async (type) => {
    const b = new StackBuilder();
    const host = b.add(type, "host", {});
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([host.urn]);
    // Only a trail delivering to an OSS bucket counts; one delivering nowhere does not.
    b.add(A.trail, "org", {});
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([host.urn]);
    b.add(A.trail, "account", { ossBucketName: "acme-audit" });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });
});

describe("require-vpc-flow-logs-all-traffic on default VPCs and Alibaba Cloud collection settings", () => {
  const policy = requireVpcFlowLogsAllTraffic;
  const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";

  it("requires a flow log on an adopted default VPC and accepts one linked to it", async () => {
    const b = new StackBuilder();
    const vpc = b.add(DEFAULT_VPC, "default", {});
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((r) => r.urn)).toEqual([vpc.urn]);
    const group = b.add(T.logGroup, "flow", { retentionInDays: 365 });
    b.add(T.flowLog, "flow", { vpcId: ref(vpc), logDestination: ref(group), trafficType: "ALL" });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  function aliFlow(extra: Record<string, unknown>) {
    const b = new StackBuilder();
    const vpc = b.add(A.vpc, "vpc", {});
    const store = b.add(A.logStore, "flow", { projectName: "audit", logstoreName: "vpc-flow", retentionPeriod: 365 });
    b.add(A.flowLog, "flow", {
      resourceType: "VPC",
      resourceId: ref(vpc),
      trafficType: "All",
      projectName: "audit",
      logStoreName: ref(store),
      ...extra,
    });
    return b.resources;
  }

  it("rejects an Inactive flow log and accepts an Active one", async () => {
    expect(mandatory(await runStackPolicy(policy, aliFlow({ status: "Inactive" })))[0].message).toContain(
      "status is Inactive",
    );
    expect(await runStackPolicy(policy, aliFlow({ status: "Active" }))).toEqual([]);
    expect(await runStackPolicy(policy, aliFlow({}))).toEqual([]);
  });

  it("rejects collection limited to internet-gateway paths; all paths pass", async () => {
    expect(
      mandatory(await runStackPolicy(policy, aliFlow({ trafficPaths: ["internetGateway"] })))[0].message,
    ).toContain("trafficPaths is internetGateway, must include all");
    expect(await runStackPolicy(policy, aliFlow({ trafficPaths: ["all"] }))).toEqual([]);
  });

  it("reports an unknown status or path list as advisory", async () => {
    for (const extra of [{ status: UNKNOWN }, { trafficPaths: UNKNOWN }]) {
      const out = await runStackPolicy(policy, aliFlow(extra));
      expect(out).toHaveLength(1);
      expect(out[0].advisory).toBe(true);
    }
  });
});
