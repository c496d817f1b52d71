import { GenericResource } from "../../lib/reachability";
import { isUnknown, num } from "../../lib/values";
import { classifyBucket } from "../lib/evidence";
import { unverifiable } from "../lib/findings";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const BUCKET = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";

interface Config {
  minRetentionDays: number;
}

/**
 * A bucket's WORM policies against the minimum: a one-day lock lets the evidence be deleted the next day, so a
 * policy counts only when it keeps objects at least `min` days (the same bar as S3's default retention).
 */
function retentionFinding(b: GenericResource, worms: GenericResource[], min: number): StackFinding | undefined {
  if (worms.length === 0) return { urn: b.urn, message: `evidence bucket ${b.name} has no WORM retention policy` };
  const days = worms.map((w) => w.inputs.retentionPeriodInDays);
  if (days.some((d) => (num(d) ?? 0) >= min)) return undefined;
  if (days.some(isUnknown))
    return { urn: b.urn, ...unverifiable("retentionPeriodInDays", `WORM retention of evidence bucket ${b.name}`) };
  // A policy without a retention period is require-evidence-bucket-immutability's finding.
  const known = days.map(num).filter((d): d is number => d !== undefined);
  if (known.length === 0) return undefined;
  const kept = Math.max(...known);
  return {
    urn: b.urn,
    message: `evidence bucket ${b.name}: WORM policy retains objects for ${kept} days, less than the minimum of ${min}`,
  };
}

/** Case steps 4-5: evidence and backups must survive an attacker who holds the account. */
export const requireEvidenceOssWorm = defineStackRule<Config>({
  metadata: {
    name: "require-evidence-oss-worm",
    description:
      "Every OSS bucket that holds evidence or backups (same marking as require-evidence-bucket-immutability) must have an oss.BucketWorm retention policy in the stack that keeps objects at least minRetentionDays (30 by default).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add an alicloud.oss.BucketWorm with bucket set to the bucket, status "Locked" and retentionPeriodInDays.',
      "Raise retentionPeriodInDays to at least the configured minRetentionDays.",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    resourceTypes: [BUCKET, WORM],
  },
  configSchema: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      description: "Smallest acceptable retentionPeriodInDays (30).",
    },
  },
  parseConfig: (r) => ({ minRetentionDays: r.integer("minRetentionDays", 30, 1, 36500) }),
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources, config }) => {
    const worms = resources.filter((r) => r.type === WORM);
    return resources
      .filter((r) => r.type === BUCKET && classifyBucket(r.inputs, r.name) === "evidence")
      .flatMap((b) => {
        const own = worms.filter((w) => refersTo(w, "bucket", b, ["bucket", "id"]));
        const finding = retentionFinding(b, own, config.minRetentionDays);
        return finding ? [finding] : [];
      });
  },
});
