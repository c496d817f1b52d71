// require-vpc-flow-logs-all-traffic on S3 destinations: every expiration of a lifecycle rule counts, whichever resource
// holds it (a Bucket's `expiration`, object or one-element list; a BucketV2's `expirations` list; a lifecycle
// configuration's rule); a rule limited to objects larger than any flow log file (75 MB) reaches none of them.
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { reachesFlowLogs } from "../../policies/lib/flow-log-s3-keys";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTableEveryNote } from "./stack-table-every-note";

const rule = requireVpcFlowLogsAllTraffic;
const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

/** 75 MiB, the larger reading of the 75 MB a flow log file holds at most. */
const LARGEST_FILE = 75 * 1024 * 1024;
const ONE_GIB = 1073741824;

/** A VPC and its ALL-traffic flow log to bucket `logs` of `type`, linked at preview by the ARN's dependency. */
function flowTo(type: string, bucketProps: Record<string, unknown>, extra: StackInput[] = []): StackInput[] {
  return [
    { type: VPC, name: "main", props: { cidrBlock: "10.0.0.0/16" } },
    { type, name: "logs", props: bucketProps },
    ...extra,
    {
      type: FLOW_LOG,
      name: "flow",
      props: { vpcId: UNKNOWN, trafficType: "ALL", logDestinationType: "s3", logDestination: UNKNOWN },
      propertyDependencies: { vpcId: [urnOf(VPC, "main")], logDestination: [urnOf(type, "logs")] },
    },
  ];
}

/** An inline rule of a BucketV2 with these fields. */
const v2Rule = (rule: Record<string, unknown>) => flowTo(BUCKET_V2, { lifecycleRules: [{ enabled: true, ...rule }] });

/** A lifecycle configuration of bucket `logs` (a Bucket) with one enabled rule. */
const configured = (rule: Record<string, unknown>, type = LIFECYCLE) =>
  flowTo(BUCKET, {}, [
    {
      type,
      name: "logs",
      props: { bucket: UNKNOWN, rules: [{ id: "expire", status: "Enabled", ...rule }] },
      propertyDependencies: { bucket: [urnOf(BUCKET, "logs")] },
    },
  ]);

const SHORT = "bucket logs keeps logs 1 days, fewer than 180";

describe("1. a BucketV2's inline expirations are judged as a Bucket's expiration is", () => {
  stackTableEveryNote(rule, [
    {
      name: "Bucket: expiration { days: 1 } (the form already judged)",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: true, expiration: { days: 1 } }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "BucketV2: expirations [{ days: 1 }]",
      resources: v2Rule({ expirations: [{ days: 1 }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "BucketV2: a long expiration first, a short one second",
      resources: v2Rule({ expirations: [{ days: 365 }, { days: 1 }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "BucketV2: enabled given as the string true",
      resources: flowTo(BUCKET_V2, { lifecycleRules: [{ enabled: "true", expirations: [{ days: 1 }] }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "BucketV2: expirations on a fixed date",
      resources: v2Rule({ expirations: [{ date: "2027-01-01" }] }),
      violations: 1,
      mentions: 'expiration.date is "2027-01-01"',
    },
    {
      // The flow log's folder is unknown at preview (its ARN is): another prefix may or may not reach the logs.
      name: "BucketV2: a rule filtered to another prefix",
      resources: v2Rule({ prefix: "elb/", expirations: [{ days: 1 }] }),
      violations: 0,
      notes: 1,
      noteMentions: "if its rule's filter reaches the flow log's folder",
    },
    {
      name: "BucketV2: a rule filtered to the flow logs' own prefix",
      resources: v2Rule({ prefix: "AWSLogs/", expirations: [{ days: 1 }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "BucketV2: a rule filtered to tags",
      resources: v2Rule({ tags: { class: "scratch" }, expirations: [{ days: 1 }] }),
      violations: 0,
    },
    {
      name: "BucketV2: the rule disabled",
      resources: flowTo(BUCKET_V2, { lifecycleRules: [{ enabled: false, expirations: [{ days: 1 }] }] }),
      violations: 0,
    },
    {
      name: "BucketV2: a second, disabled rule expiring after 1 day beside an enabled one keeping 365",
      resources: flowTo(BUCKET_V2, {
        lifecycleRules: [
          { enabled: true, expirations: [{ days: 365 }] },
          { enabled: false, expirations: [{ days: 1 }] },
        ],
      }),
      violations: 0,
    },
    {
      name: "BucketV2: expirations [{ days: 365 }]",
      resources: v2Rule({ expirations: [{ days: 365 }] }),
      violations: 0,
    },
    { name: "BucketV2: no lifecycle rules", resources: flowTo(BUCKET_V2, {}), violations: 0 },
    {
      // Flow log files are written once: only deleting one makes a noncurrent version, so neither form is judged.
      name: "BucketV2: only noncurrentVersionExpirations of 1 day",
      resources: v2Rule({ noncurrentVersionExpirations: [{ days: 1 }] }),
      violations: 0,
    },
    {
      name: "Bucket: only noncurrentVersionExpiration of 1 day",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: true, noncurrentVersionExpiration: { days: 1 } }] }),
      violations: 0,
    },
    {
      name: "BucketV2: the expirations list unknown at preview",
      resources: v2Rule({ expirations: UNKNOWN }),
      violations: 0,
      notes: 1,
      noteMentions: "bucket logs lifecycle expiration is unknown at preview",
    },
    {
      name: "the same, failing closed",
      resources: v2Rule({ expirations: UNKNOWN }),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "BucketV2: one expiration entry's days unknown at preview",
      resources: v2Rule({ expirations: [{ days: UNKNOWN }] }),
      violations: 0,
      notes: 1,
      noteMentions: "retention is unknown at preview",
    },
    {
      name: "BucketV2: a short expiration outweighs an unknown one",
      resources: v2Rule({ expirations: [UNKNOWN, { days: 1 }] }),
      violations: 1,
      mentions: SHORT,
    },
  ]);
});

describe("1b. a Bucket's expiration given as a one-element list reads as the object", () => {
  stackTableEveryNote(rule, [
    {
      name: "Bucket: expiration [{ days: 1 }]",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: true, expiration: [{ days: 1 }] }] }),
      violations: 1,
      mentions: SHORT,
    },
    {
      name: "Bucket: expiration [{ date }]",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: true, expiration: [{ date: "2027-01-01" }] }] }),
      violations: 1,
      mentions: "expiration.date",
    },
    {
      name: "Bucket: expiration [{ days: 400 }]",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: true, expiration: [{ days: 400 }] }] }),
      violations: 0,
    },
    {
      name: "Bucket: expiration [{ days: 1 }] in a disabled rule",
      resources: flowTo(BUCKET, { lifecycleRules: [{ enabled: false, expiration: [{ days: 1 }] }] }),
      violations: 0,
    },
    {
      name: "lifecycle configuration: expiration [{ days: 1 }]",
      resources: configured({ expiration: [{ days: 1 }] }),
      violations: 1,
      mentions: SHORT,
    },
  ]);
});

describe("4. a lifecycle rule for objects larger than any flow log file reaches none of them", () => {
  stackTableEveryNote(rule, [
    {
      name: "objectSizeGreaterThan 1 GiB, expiring after 7 days",
      resources: configured({ filter: { objectSizeGreaterThan: ONE_GIB }, expiration: { days: 7 } }),
      violations: 0,
    },
    {
      name: "the same size as a string",
      resources: configured({ filter: { objectSizeGreaterThan: String(ONE_GIB) }, expiration: { days: 7 } }),
      violations: 0,
    },
    {
      name: "the same in a BucketLifecycleConfigurationV2",
      resources: configured({ filter: { objectSizeGreaterThan: ONE_GIB }, expiration: { days: 7 } }, LIFECYCLE_V2),
      violations: 0,
    },
    {
      name: "inside an and filter with the flow logs' prefix",
      resources: configured({
        filter: { and: { prefix: "AWSLogs/", objectSizeGreaterThan: ONE_GIB } },
        expiration: { days: 7 },
      }),
      violations: 0,
    },
    {
      name: "exactly the largest file's size: no file is larger",
      resources: configured({ filter: { objectSizeGreaterThan: LARGEST_FILE }, expiration: { days: 7 } }),
      violations: 0,
    },
    {
      name: "objectSizeGreaterThan 1 byte below the largest file",
      resources: configured({ filter: { objectSizeGreaterThan: LARGEST_FILE - 1 }, expiration: { days: 7 } }),
      violations: 1,
      mentions: "bucket logs keeps logs 7 days",
    },
    {
      name: "objectSizeGreaterThan 1 MiB: the larger files expire after 7 days",
      resources: configured({ filter: { objectSizeGreaterThan: 1048576 }, expiration: { days: 7 } }),
      violations: 1,
      mentions: "bucket logs keeps logs 7 days",
    },
    {
      name: "and filter: objectSizeGreaterThan 1 MiB",
      resources: configured({
        filter: { and: { prefix: "AWSLogs/", objectSizeGreaterThan: 1048576 } },
        expiration: { days: 7 },
      }),
      violations: 1,
      mentions: "keeps logs 7 days",
    },
    {
      name: "objectSizeLessThan 1 GiB: every file is smaller",
      resources: configured({ filter: { objectSizeLessThan: ONE_GIB }, expiration: { days: 7 } }),
      violations: 1,
      mentions: "keeps logs 7 days",
    },
    {
      name: "objectSizeGreaterThan a text that is no number",
      resources: configured({ filter: { objectSizeGreaterThan: "large" }, expiration: { days: 7 } }),
      violations: 1,
      mentions: "keeps logs 7 days",
    },
    {
      name: "objectSizeGreaterThan unknown at preview",
      resources: configured({ filter: { objectSizeGreaterThan: UNKNOWN }, expiration: { days: 7 } }),
      violations: 0,
      notes: 1,
      noteMentions: "if its rule's filter reaches the flow log's folder",
    },
    {
      name: "the same, failing closed",
      resources: configured({ filter: { objectSizeGreaterThan: UNKNOWN }, expiration: { days: 7 } }),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "and filter: a known size above every file beside an unknown prefix",
      resources: configured({
        filter: { and: { prefix: UNKNOWN, objectSizeGreaterThan: ONE_GIB } },
        expiration: { days: 7 },
      }),
      violations: 0,
    },
  ]);
});

describe("reachesFlowLogs by object size", () => {
  const rootLogs = "AWSLogs/";
  it.each([
    ["no size filter", { filter: {} }, "yes"],
    ["1 GiB", { filter: { objectSizeGreaterThan: ONE_GIB } }, "no"],
    ["1 GiB as a string", { filter: { objectSizeGreaterThan: "1073741824" } }, "no"],
    ["75 MiB in an and filter", { filter: { and: { objectSizeGreaterThan: LARGEST_FILE } } }, "no"],
    ["75 MiB - 1", { filter: { objectSizeGreaterThan: LARGEST_FILE - 1 } }, "yes"],
    ["0", { filter: { objectSizeGreaterThan: 0 } }, "yes"],
    ["unknown", { filter: { objectSizeGreaterThan: UNKNOWN } }, "unknown"],
    ["unknown in an and filter", { filter: { and: { objectSizeGreaterThan: UNKNOWN } } }, "unknown"],
    ["1 GiB beside another prefix", { filter: { and: { prefix: "x/", objectSizeGreaterThan: ONE_GIB } } }, "no"],
    ["small size beside another prefix", { filter: { and: { prefix: "x/", objectSizeGreaterThan: 5 } } }, "no"],
  ])("%s", (_name, rule, expected) => {
    expect(reachesFlowLogs(rule, rootLogs)).toBe(expected);
  });
});
