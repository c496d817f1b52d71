// A bucket a VPC flow log writes to holds network evidence by its role: it needs Object Lock in COMPLIANCE mode with
// the general minimum retention (not a trail's), whatever its name or tags.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const LOGS_URN = urnOf(S3, "flow-logs");

const bucket: StackInput = { type: S3, name: "flow-logs", props: { bucket: "acme-flow-logs" } };
const flowLog = (props: Record<string, unknown>, extra: Partial<StackInput> = {}): StackInput => ({
  type: FLOW_LOG,
  name: "vpc-flow",
  props: { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "s3", ...props },
  ...extra,
});
const onBucket = { propertyDependencies: { logDestination: [LOGS_URN] } };
const lockFor = (days: number): StackInput => ({
  type: LOCK,
  name: "flow-logs-lock",
  props: { bucket: "acme-flow-logs", rule: { defaultRetention: { mode: "COMPLIANCE", days } } },
});

describe("require-evidence-s3-default-retention: buckets VPC flow logs write to", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "a flow log's S3 ARN names an unlocked bucket",
      resources: [bucket, flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs" })],
      violations: 1,
      urn: LOGS_URN,
      mentions: "evidence bucket flow-logs has no COMPLIANCE default retention",
    },
    {
      name: "the ARN with a folder",
      resources: [bucket, flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs/vpc/flows/" })],
      violations: 1,
    },
    {
      name: "the destination unknown at preview, linked by dependency",
      resources: [bucket, flowLog({ logDestination: UNKNOWN }, onBucket)],
      violations: 1,
    },
    {
      name: "the destination type unknown at preview, linked by dependency",
      resources: [bucket, flowLog({ logDestination: UNKNOWN, logDestinationType: UNKNOWN }, onBucket)],
      violations: 1,
    },
    {
      name: "after deployment, by the bucket's ARN",
      resources: [
        { ...bucket, props: { ...bucket.props, arn: "arn:aws:s3:::acme-flow-logs" } },
        flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs/flows/" }),
      ],
      violations: 1,
    },
    {
      name: "locked in COMPLIANCE mode for the general minimum (30 days, not a trail's 180)",
      resources: [bucket, lockFor(30), flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs" })],
      violations: 0,
    },
    {
      name: "locked for less than the configured minimum",
      resources: [bucket, lockFor(30), flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs" })],
      violations: 1,
      mentions: "less than the minimum of 90",
      config: { minRetentionDays: 90 },
    },
    {
      name: "a flow log to CloudWatch Logs makes no bucket evidence",
      resources: [bucket, flowLog({ logDestinationType: "cloud-watch-logs", logDestination: UNKNOWN }, onBucket)],
      violations: 0,
    },
    {
      name: "a flow log without a destination type (CloudWatch Logs) makes no bucket evidence",
      resources: [bucket, flowLog({ logDestinationType: undefined, logDestination: UNKNOWN }, onBucket)],
      violations: 0,
    },
    {
      name: "a flow log to `${bucket}-archive` makes no evidence of this bucket",
      resources: [bucket, flowLog({ logDestination: "arn:aws:s3:::acme-flow-logs-archive" }, onBucket)],
      violations: 0,
    },
  ] as StackCase[]);

  it("passes the TrafficForensics form: an evidence bucket locked 365 days receiving the flow log", async () => {
    const evidence: StackInput = {
      type: S3,
      name: "forensics-evidence",
      props: { bucket: UNKNOWN, objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
    };
    const lock: StackInput = {
      type: LOCK,
      name: "forensics-evidence-object-lock",
      props: { bucket: UNKNOWN, rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
      propertyDependencies: { bucket: [urnOf(S3, "forensics-evidence")] },
    };
    const log = flowLog(
      { logDestination: UNKNOWN },
      { propertyDependencies: { logDestination: [urnOf(S3, "forensics-evidence")] } },
    );
    expect(await runStack(requireEvidenceS3DefaultRetention, [evidence, lock, log])).toEqual([]);
  });
});
