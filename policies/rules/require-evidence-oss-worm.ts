import { classifyBucket } from "../lib/evidence";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const BUCKET = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";

/** Case steps 4-5: evidence and backups must survive an attacker who holds the account. */
export const requireEvidenceOssWorm = defineStackRule({
  metadata: {
    name: "require-evidence-oss-worm",
    description:
      "Every OSS bucket that holds evidence or backups (same marking as require-evidence-bucket-immutability) must have an oss.BucketWorm retention policy in the stack.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add an alicloud.oss.BucketWorm with bucket set to the bucket, status "Locked" and retentionPeriodInDays.',
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    resourceTypes: [BUCKET, WORM],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const worms = resources.filter((r) => r.type === WORM);
    return resources
      .filter((r) => r.type === BUCKET && classifyBucket(r.inputs, r.name) === "evidence")
      .filter((b) => !worms.some((w) => refersTo(w, "bucket", b, ["bucket", "id"])))
      .map((b): StackFinding => ({
        urn: b.urn,
        message: `evidence bucket ${b.name} has no WORM retention policy`,
      }));
  },
});
