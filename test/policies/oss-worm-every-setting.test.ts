// OSS keeps one retention policy per bucket (a BucketWorm and object WORM exclude each other, and which applies
// depends on creation order), so every WORM resource on an evidence bucket must keep objects long enough: one long
// setting does not make a short one safe, and the finding names the short one.
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const OBJECT_WORM = "alicloud:oss/bucketObjectWormConfiguration:BucketObjectWormConfiguration";

const evidence: StackInput = { type: OSS, name: "evidence", props: { bucket: "acme-evidence" } };
const EVIDENCE = urnOf(OSS, "evidence");
const onEvidence = (field: string) => ({ propertyDependencies: { [field]: [EVIDENCE] } });

const worm = (name: string, days: unknown): StackInput => ({
  type: WORM,
  name,
  props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: days },
  ...onEvidence("bucket"),
});
const objectWorm = (name: string, retention: Record<string, unknown>): StackInput => ({
  type: OBJECT_WORM,
  name,
  props: {
    bucketName: "acme-evidence",
    objectWormEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", ...retention } },
  },
  ...onEvidence("bucketName"),
});

describe("require-evidence-oss-worm: every WORM setting of a bucket", () => {
  stackTable(requireEvidenceOssWorm, [
    {
      name: "BucketWorm 365 days beside BucketWorm 1 day",
      resources: [evidence, worm("long", 365), worm("short", 1)],
      violations: 1,
      urn: EVIDENCE,
      mentions: "BucketWorm short",
    },
    {
      name: "BucketWorm 1 day beside object WORM COMPLIANCE 365 days",
      resources: [evidence, worm("short", 1), objectWorm("object", { days: 365 })],
      violations: 1,
      mentions: "retains objects for 1 days, less than the minimum of 30",
    },
    {
      name: "BucketWorm 365 days beside object WORM of 2 days",
      resources: [evidence, worm("long", 365), objectWorm("object", { days: 2 })],
      violations: 1,
      mentions: "object WORM configuration object",
    },
    {
      name: "BucketWorm 365 days beside an object WORM in GOVERNANCE mode",
      resources: [
        evidence,
        worm("long", 365),
        {
          ...objectWorm("object", { days: 365 }),
          props: {
            bucketName: "acme-evidence",
            objectWormEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
          },
        },
      ],
      violations: 1,
      mentions: "only COMPLIANCE",
    },
    {
      name: "two short BucketWorms: one finding naming both",
      resources: [evidence, worm("a", 1), worm("b", 7)],
      violations: 1,
      mentions: "BucketWorm a",
    },
    {
      name: "a short BucketWorm beside one unknown at preview: still a violation",
      resources: [evidence, worm("short", 1), worm("later", UNKNOWN)],
      violations: 1,
    },
    {
      name: "a long BucketWorm beside one unknown at preview: a note",
      resources: [evidence, worm("long", 365), worm("later", UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "a long BucketWorm beside an object WORM whose days are unknown: a note",
      resources: [evidence, worm("long", 365), objectWorm("object", { days: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "two long BucketWorms",
      resources: [evidence, worm("a", 365), worm("b", 30)],
      violations: 0,
    },
    {
      name: "a long BucketWorm beside an object WORM of one year",
      resources: [evidence, worm("long", 365), objectWorm("object", { years: 1 })],
      violations: 0,
    },
    {
      name: "a short BucketWorm on another bucket does not count",
      resources: [
        evidence,
        worm("long", 365),
        { type: WORM, name: "elsewhere", props: { bucket: "www", status: "Locked", retentionPeriodInDays: 1 } },
      ],
      violations: 0,
    },
    {
      name: "a short BucketWorm passes a minimum lowered to 1",
      resources: [evidence, worm("long", 365), worm("short", 1)],
      config: { minRetentionDays: 1 },
      violations: 0,
    },
  ]);

  it("names every short setting in one finding", async () => {
    const ds = await runStack(requireEvidenceOssWorm, [
      evidence,
      worm("a", 1),
      objectWorm("object", { days: 2 }),
      worm("long", 365),
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("(BucketWorm a)");
    expect(ds[0].message).toContain("object WORM configuration object retains objects for 2 days");
    expect(ds[0].message).not.toContain("BucketWorm long");
  });
});
