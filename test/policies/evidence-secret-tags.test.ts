// @pulumi/policy unwraps secrets before rules run; a direct caller may pass the engine's wrapper, and a wrapped tag
// value then marks a bucket as evidence, opts it out or is unknown at preview as its plain value would, so
// `purpose: <secret "evidence">` is an evidence bucket.
import { classifyBucket } from "../../policies/lib/evidence";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";

/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

describe("classifyBucket reads a secret tag value as its plain value", () => {
  it.each([
    // Known bad: marks evidence (reverted, each is "other").
    [{ purpose: secret("evidence") }, "evidence"],
    [{ "hardening:evidence": secret("true") }, "evidence"],
    [{ backup: secret("forensic-evidence") }, "evidence"],
    // Unknown at preview inside the secret (reverted, "other").
    [{ purpose: secret(UNKNOWN) }, "unknown"],
    // Opt-outs and selections stay so when secret.
    [{ purpose: secret("no-backup") }, "other"],
    [{ "no-backup": secret("true") }, "other"],
    [{ backup: secret("true") }, "other"],
    [{ "no-backup": secret(UNKNOWN) }, "other"],
    [{ purpose: secret("website") }, "other"],
    [{ purpose: secret("no-backup"), "hardening:evidence": secret("true") }, "evidence"],
  ])("tags %j: %s", (tags, verdict) => {
    expect(classifyBucket({ tags }, "store")).toBe(verdict);
  });

  it("a whole tag map from a secret", () => {
    expect(classifyBucket({ tags: secret({ purpose: "evidence" }) }, "store")).toBe("evidence");
    expect(classifyBucket({ tags: secret({ purpose: "no-backup" }) }, "store")).toBe("other");
    expect(classifyBucket({ tags: secret(UNKNOWN) }, "store")).toBe("unknown");
  });

  it("a secret bucket name", () => {
    expect(classifyBucket({ bucket: secret("acme-evidence") }, "store")).toBe("evidence");
    expect(classifyBucket({ bucket: secret("acme-site") }, "store")).toBe("other");
  });
});

describe("require-evidence-s3-default-retention: a bucket tagged from a secret", () => {
  const bucket = (tags: unknown): StackInput => ({
    type: "aws:s3/bucketV2:BucketV2",
    name: "store",
    props: { bucket: "acme-store", tags },
  });
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad: an evidence bucket without a lock (reverted, the first two pass unseen).
    { name: "purpose <secret evidence>", resources: [bucket({ purpose: secret("evidence") })], violations: 1 },
    { name: "a secret tag map", resources: [bucket(secret({ "hardening:evidence": "true" }))], violations: 1 },
    // Known good: opt-outs and other purposes.
    { name: "purpose <secret no-backup>", resources: [bucket({ purpose: secret("no-backup") })], violations: 0 },
    { name: "purpose <secret website>", resources: [bucket({ purpose: secret("website") })], violations: 0 },
  ]);
});

describe("require-evidence-oss-worm: an OSS bucket tagged from a secret", () => {
  const bucket = (tags: unknown): StackInput => ({
    type: "alicloud:oss/bucket:Bucket",
    name: "store",
    props: { bucket: "acme-store", tags },
  });
  stackTable(requireEvidenceOssWorm, [
    // Reverted, it passes unseen.
    { name: "purpose <secret forensics>", resources: [bucket({ purpose: secret("forensics") })], violations: 1 },
    { name: "purpose <secret not-evidence>", resources: [bucket({ purpose: secret("not-evidence") })], violations: 0 },
  ]);
});
