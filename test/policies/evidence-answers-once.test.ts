// A check asks of each bucket several times whether a trail or a flow log delivers to it (is it evidence, which
// minimum applies, are its ACLs judged): they are matched to the bucket once per check
// (policies/lib/per-list-answers.ts), with the same verdicts.
import * as links from "../../policies/lib/links";
import * as stackRule from "../../policies/lib/stack-rule";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";

const S3 = "aws:s3/bucket:Bucket";
const TRAIL = "aws:cloudtrail/trail:Trail";
const logs: StackInput = { type: S3, name: "trail-logs", props: { bucket: "acme-trail-logs" } };
const trail: StackInput = {
  type: TRAIL,
  name: "account-trail",
  props: { s3BucketName: "acme-trail-logs", isMultiRegionTrail: true, enableLogFileValidation: true },
};

describe("require-evidence-s3-default-retention matches a bucket's trails once per check", () => {
  let refers: jest.SpyInstance;
  beforeEach(() => (refers = jest.spyOn(stackRule, "refersTo")));
  afterEach(() => refers.mockRestore());

  /** Trail-to-bucket questions about `bucket` outside the check for destinations the stack does not show. */
  const askedAbout = (bucket: string) =>
    refers.mock.calls.filter(([from, key, to]) => from.type === TRAIL && key === "s3BucketName" && to.name === bucket);

  it("judges the trail's unlocked bucket as evidence with the trail minimum, asking once per part", async () => {
    const ds = mandatory(await runStack(requireEvidenceS3DefaultRetention, [logs, trail]));
    expect(ds.map((d) => d.message)).toEqual([expect.stringContaining("trail-logs")]);
    // Once for "is it evidence" and "which minimum", once for "does the trail's bucket show in the stack".
    expect(askedAbout("trail-logs")).toHaveLength(2);
  });

  it("asks again in the next check", async () => {
    await runStack(requireEvidenceS3DefaultRetention, [logs, trail]);
    await runStack(requireEvidenceS3DefaultRetention, [
      logs,
      { ...trail, props: { ...trail.props, s3BucketName: "x" } },
    ]);
    expect(askedAbout("trail-logs")).toHaveLength(4);
  });
});

describe("require-evidence-s3-default-retention matches a bucket's flow logs once per check", () => {
  let linked: jest.SpyInstance;
  beforeEach(() => (linked = jest.spyOn(links, "linkOf")));
  afterEach(() => linked.mockRestore());

  const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
  // A public ACL: the bucket's ACLs are judged when it is evidence, which asks again.
  const flows: StackInput = { type: S3, name: "flow-logs", props: { bucket: "acme-flow-logs", acl: "public-read" } };
  const flowLog: StackInput = {
    type: FLOW_LOG,
    name: "vpc-flow",
    props: { vpcId: "vpc-1", trafficType: "ALL", logDestinationType: "s3", logDestination: UNKNOWN },
    propertyDependencies: { logDestination: [urnOf(S3, "flow-logs")] },
  };
  const askedAbout = (bucket: string) =>
    linked.mock.calls.filter(
      ([from, key, to]) => from.type === FLOW_LOG && key === "logDestination" && to.name === bucket,
    );

  it("judges the flow logs' bucket as evidence (its lock and its public ACL), asking once", async () => {
    const ds = mandatory(await runStack(requireEvidenceS3DefaultRetention, [flows, flowLog]));
    expect(ds.length).toBeGreaterThanOrEqual(2);
    expect(ds.every((d) => d.urn === urnOf(S3, "flow-logs"))).toBe(true);
    expect(askedAbout("flow-logs")).toHaveLength(1);
  });
});
